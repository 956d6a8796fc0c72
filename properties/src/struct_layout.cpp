#include "mvconf/harness/struct_layout.h"

#include <cstring>
#include <limits>

namespace mvconf::harness {
namespace {

// Size of one value of `code`, or 0 when the mode has no such code. Native sizes are the C
// types' on x86-64 LP64; standard ('<', '>', '=', '!') sizes are struct's fixed ones, and
// ssize_t, size_t and void * exist only natively.
std::ptrdiff_t code_size(char code, bool native) {
  const auto in = [code](const char *codes) {
    return code != '\0' && std::strchr(codes, code) != nullptr;
  };
  if (in("xcbB?sp")) return 1;
  if (in("hHe")) return 2;
  if (in("iIf")) return 4;
  if (in("lL")) return native ? 8 : 4;
  if (in("qQd")) return 8;
  if (in("nNP")) return native ? 8 : 0;
  return 0;
}

bool is_space(char c) { return c != '\0' && std::strchr(" \t\n\r\v\f", c) != nullptr; }

}  // namespace

std::optional<StructLayout> struct_layout(const std::string &format) {
  constexpr std::ptrdiff_t kMax = std::numeric_limits<std::ptrdiff_t>::max();
  constexpr std::size_t kMaxFields = 1 << 16;  // huge counts are sized, not listed
  for (char c : format)
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\0') return std::nullopt;
  std::size_t i = 0;
  bool native = true, little = true;  // x86-64 is little-endian
  // The byte-order character counts only in first place; anywhere else it is a bad char.
  if (!format.empty() && std::strchr("@=<>!", format[0]) != nullptr) {
    native = format[0] == '@';
    little = format[0] != '>' && format[0] != '!';
    ++i;
  }
  StructLayout out;
  while (i < format.size()) {
    if (is_space(format[i])) {  // only between items: a count and its code must touch
      ++i;
      continue;
    }
    std::ptrdiff_t count = 1;
    if (format[i] >= '0' && format[i] <= '9') {
      count = 0;
      for (; i < format.size() && format[i] >= '0' && format[i] <= '9'; ++i) {
        const int digit = format[i] - '0';
        if (count > (kMax - digit) / 10) return std::nullopt;  // "total struct size too long"
        count = count * 10 + digit;
      }
      if (i == format.size()) return std::nullopt;  // a count without a code
    }
    const char code = format[i++];
    const std::ptrdiff_t size = code_size(code, native);
    if (size == 0) return std::nullopt;
    // Native mode aligns every code to its size, a zero count included; no trailing padding.
    if (native && out.size % size != 0) {
      if (out.size > kMax - size) return std::nullopt;
      out.padding += size - out.size % size;
      out.size += size - out.size % size;
    }
    if (code == 's' || code == 'p') {
      out.fields.push_back({code, out.size, count, little});
    } else if (code != 'x') {
      for (std::ptrdiff_t k = 0; k < count && out.fields.size() < kMaxFields; ++k)
        out.fields.push_back({code, out.size + k * size, size, little});
    }
    if (count > (kMax - out.size) / size) return std::nullopt;
    out.size += count * size;
  }
  return out;
}

std::ptrdiff_t native_item_size(const std::string &format) {
  const std::string f = !format.empty() && format[0] == '@' ? format.substr(1) : format;
  // 'e' joined the native codes in 3.12; counting it everywhere keeps every target safe.
  if (f.size() != 1 || std::strchr("cbB?hHiIlLqQnNfdPe", f[0]) == nullptr) return 0;
  return code_size(f[0], true);
}

}  // namespace mvconf::harness
