#include "mvconf/harness/bounded_json.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace mvconf::harness {
namespace {

// Thrown from the parser callback to stop at the first container past the limit: nothing
// deeper is ever built, so neither the parse nor the DOM's later users see it.
struct TooDeep {};

}  // namespace

nlohmann::json parse_bounded(const std::string &text, int max_depth, std::size_t max_bytes,
                             const std::string &where, bool comments) {
  if (text.size() > max_bytes)
    throw BoundedJsonError(where + ": larger than " + std::to_string(max_bytes) + " bytes");
  // The callback's depth counts the containers enclosing the one that starts.
  const auto bound = [max_depth](int depth, nlohmann::json::parse_event_t event, nlohmann::json &) {
    const bool opens = event == nlohmann::json::parse_event_t::object_start ||
                       event == nlohmann::json::parse_event_t::array_start;
    if (opens && depth >= max_depth) throw TooDeep{};
    return true;
  };
  try {
    return nlohmann::json::parse(text, bound, true, comments);
  } catch (const TooDeep &) {
    throw BoundedJsonError(where + ": JSON nested deeper than " + std::to_string(max_depth) +
                           " levels");
  } catch (const std::exception &e) {
    throw BoundedJsonError(where + ": not JSON: " + e.what());
  }
}

std::string read_bounded(std::istream &in, std::size_t max_bytes, const std::string &where) {
  std::string text;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes)
      throw BoundedJsonError(where + ": larger than " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

int json_depth(const nlohmann::json &j) {
  // An explicit stack, so measuring an untrusted value cannot itself overflow.
  int deepest = 0;
  std::vector<std::pair<const nlohmann::json *, int>> todo = {{&j, 0}};
  while (!todo.empty()) {
    const auto [v, depth] = todo.back();
    todo.pop_back();
    if (!v->is_structured()) continue;
    deepest = std::max(deepest, depth + 1);
    for (const auto &child : *v) todo.emplace_back(&child, depth + 1);
  }
  return deepest;
}

LineRead read_bounded_line(std::istream &in, std::string &line, std::size_t max_bytes) {
  line.clear();
  // Read in chunks with get(), which stops at '\n' without consuming it: the memory used is
  // bounded by max_bytes plus one chunk whatever the line's length.
  char chunk[4096];
  bool any = false, too_long = false;
  for (;;) {
    in.get(chunk, sizeof chunk, '\n');
    const auto got = static_cast<std::size_t>(in.gcount());
    any = any || got > 0;
    if (!too_long) {
      if (line.size() + got > max_bytes) {
        too_long = true;
        line.clear();
      } else {
        line.append(chunk, got);
      }
    }
    if (in.eof()) break;
    if (in.fail()) in.clear();  // get() fails on an empty line: not an error
    if (in.peek() == '\n') {
      in.get();
      any = true;
      break;
    }
  }
  if (!any && in.eof()) return LineRead::kEnd;
  return too_long ? LineRead::kTooLong : LineRead::kLine;
}

}  // namespace mvconf::harness
