#include "table.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

namespace mvconf::cli {
namespace {

// Characters, not bytes: rule texts hold '§' and '→', which take one column each.
std::size_t columns(const std::string &s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

// Word-wrapped lines of at most `width` characters (a longer word stays whole).
std::vector<std::string> wrap(const std::string &text, std::size_t width) {
  if (width == 0 || columns(text) <= width) return {text};
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && columns(line) + 1 + columns(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

std::string format_table(const std::vector<std::vector<std::string>> &rows, std::size_t width) {
  std::vector<std::size_t> widths;
  for (const auto &row : rows)
    for (std::size_t i = 0; i + 1 < row.size(); ++i) {
      if (widths.size() <= i) widths.resize(i + 1, 0);
      widths[i] = std::max(widths[i], columns(row[i]));
    }
  std::size_t indent = 0;
  for (std::size_t w : widths) indent += w + 2;
  // Too narrow a terminal to wrap usefully: let the lines run on.
  const std::size_t last = width > indent + 20 ? width - indent : 0;
  std::string out;
  for (const auto &row : rows) {
    std::string line;
    for (std::size_t i = 0; i + 1 < row.size(); ++i)
      line += row[i] + std::string(widths[i] + 2 - columns(row[i]), ' ');
    const auto pieces = wrap(row.empty() ? "" : row.back(), last);
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      std::string text = (k == 0 ? line : std::string(indent, ' ')) + pieces[k];
      text.erase(text.find_last_not_of(' ') + 1);  // an empty last cell leaves no padding
      out += text + "\n";
    }
  }
  return out;
}

std::size_t terminal_width() {
  winsize ws{};
  if (isatty(1) != 1 || ioctl(1, TIOCGWINSZ, &ws) != 0) return 0;
  return ws.ws_col;
}

}  // namespace mvconf::cli
