// Parsing JSON that comes from outside the harness (case lines, expectations files, port
// answers) with a nesting and a size limit, so hostile input is a clear error, never a stack
// overflow in a later recursive walk or an exhausted memory.
#pragma once

#include <cstddef>
#include <istream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace mvconf::harness {

/// Nesting depth allowed in untrusted JSON: far above any outcome (a 64-d tolist is ~70 deep)
/// and far below what a recursive walk of it can overflow.
constexpr int kMaxJsonDepth = 200;
/// Size allowed for one case line or expectations file.
constexpr std::size_t kMaxCaseBytes = std::size_t{16} << 20;
/// Size allowed for one port answer (an outcome with 2**20 items' bytes fits).
constexpr std::size_t kMaxAnswerBytes = std::size_t{256} << 20;

/// What parse_bounded throws: its message starts with the source's name (`where`).
struct BoundedJsonError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `text` parsed as JSON, refusing nesting deeper than `max_depth` arrays/objects and text
/// longer than `max_bytes`. Throws BoundedJsonError "<where>: <problem>" on any failure (too
/// deep, too large, not JSON). `comments` allows /* */ and // comments.
nlohmann::json parse_bounded(const std::string &text, int max_depth, std::size_t max_bytes,
                             const std::string &where, bool comments = false);
/// How read_bounded_line ended.
enum class LineRead { kLine, kTooLong, kEnd };
/// The next line of `in` (without '\n') in `line`, keeping at most `max_bytes` of it: a longer
/// line is skipped to its end and reported as kTooLong, so no input line can exhaust memory.
LineRead read_bounded_line(std::istream &in, std::string &line, std::size_t max_bytes);
/// The whole of `in` as text, throwing BoundedJsonError "<where>: larger than N bytes" past
/// `max_bytes` (read chunk by chunk, so an endless stream stops there).
std::string read_bounded(std::istream &in, std::size_t max_bytes, const std::string &where);
/// The nesting depth of `j` (0 for a scalar), computed without recursion.
int json_depth(const nlohmann::json &j);

}  // namespace mvconf::harness
