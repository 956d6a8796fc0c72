// The harness's side of a JSON Lines conversation with a child: both pipe ends non-blocking,
// every write and read bounded by a deadline, lines found in time linear in their length and
// bounded in size, and the child's death noticed even when a grandchild keeps the pipes open.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace mvconf::harness {

/// A point in time by which an exchange must be done.
using Deadline = std::chrono::steady_clock::time_point;

/// The longest line a port may write (an answer), in bytes.
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

/// Lines to and from a child over two pipes.
class LineChannel {
 public:
  /// How an exchange ended.
  enum class Status { kOk, kTimeout, kClosed, kTooLong };

  /// Take the two pipe ends (made non-blocking); `gone` says whether the child has exited,
  /// asked while waiting (its output may stay open in a grandchild).
  void open(int to_child, int from_child, std::function<bool()> gone);
  /// Close both ends and forget what was read.
  void close();
  /// Close the child's input only (end of the conversation).
  void close_input();
  /// Write all of `text` by the deadline, reading what the child writes meanwhile, so a child
  /// that writes before it reads cannot deadlock the two.
  Status send(const std::string &text, Deadline deadline);
  /// The next line, without its '\n', by the deadline.
  Status receive(std::string &line, Deadline deadline);
  /// Read what the child has already written, without waiting.
  void drain();
  /// Bytes read but not yet returned as a line.
  const std::string &pending() const { return buffer_; }

 private:
  enum class Got { kData, kNothing, kEof };
  Got read_some();
  bool take_line(std::string &line);

  int to_child_ = -1, from_child_ = -1;
  std::function<bool()> gone_;
  std::string buffer_;
  std::size_t scanned_ = 0;  // bytes of buffer_ already known to hold no '\n'
  bool eof_ = false;
};

}  // namespace mvconf::harness
