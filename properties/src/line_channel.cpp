#include "line_channel.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace mvconf::harness {
namespace {

// How often a wait wakes up to ask whether the child is gone: a dead child whose grandchild
// holds the pipe would otherwise cost the whole timeout.
constexpr int kSliceMs = 20;

int ms_until(Deadline deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, kSliceMs));
}

void set_nonblocking(int fd) {
  if (fd >= 0) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

}  // namespace

void LineChannel::open(int to_child, int from_child, std::function<bool()> gone) {
  close();
  to_child_ = to_child;
  from_child_ = from_child;
  gone_ = std::move(gone);
  set_nonblocking(to_child_);
  set_nonblocking(from_child_);
}

void LineChannel::close() {
  close_input();
  if (from_child_ >= 0) ::close(from_child_);
  from_child_ = -1;
  buffer_.clear();
  scanned_ = 0;
  eof_ = false;
}

void LineChannel::close_input() {
  if (to_child_ >= 0) ::close(to_child_);
  to_child_ = -1;
}

LineChannel::Got LineChannel::read_some() {
  if (eof_ || from_child_ < 0) return Got::kEof;
  // Read straight into the buffer, a pipe's worth at a time: the buffer keeps its capacity,
  // so the cost is linear in the bytes read, whatever the line length.
  const std::size_t old = buffer_.size();
  const std::size_t room = 65536;
  buffer_.resize(old + room);
  ssize_t n;
  while ((n = read(from_child_, &buffer_[old], room)) < 0 && errno == EINTR) {
  }
  buffer_.resize(old + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
  if (n > 0) return Got::kData;
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Got::kNothing;
  eof_ = true;
  return Got::kEof;
}

bool LineChannel::take_line(std::string &line) {
  const std::size_t nl = buffer_.find('\n', scanned_);
  if (nl == std::string::npos) {
    scanned_ = buffer_.size();
    return false;
  }
  line.assign(buffer_, 0, nl);
  buffer_.erase(0, nl + 1);
  scanned_ = 0;
  return true;
}

void LineChannel::drain() {
  while (buffer_.size() <= kMaxLineBytes && read_some() == Got::kData) {
  }
}

LineChannel::Status LineChannel::send(const std::string &text, Deadline deadline) {
  std::size_t done = 0;
  while (done < text.size()) {
    if (to_child_ < 0) return Status::kClosed;
    const ssize_t n = write(to_child_, text.data() + done, text.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return Status::kClosed;  // EPIPE
    // The pipe is full: wait until the child reads, keeping its output flowing meanwhile.
    if (std::chrono::steady_clock::now() >= deadline) return Status::kTimeout;
    pollfd p[2] = {{to_child_, POLLOUT, 0}, {from_child_, POLLIN, 0}};
    const int r = poll(p, eof_ ? 1 : 2, ms_until(deadline));
    if (r < 0 && errno != EINTR) return Status::kClosed;
    if (r > 0 && (p[1].revents & (POLLIN | POLLHUP)) && buffer_.size() <= kMaxLineBytes)
      read_some();
    if (r == 0 && gone_ && gone_()) return Status::kClosed;
  }
  return Status::kOk;
}

LineChannel::Status LineChannel::receive(std::string &line, Deadline deadline) {
  for (;;) {
    if (take_line(line)) return Status::kOk;
    if (buffer_.size() > kMaxLineBytes) return Status::kTooLong;
    if (eof_) return Status::kClosed;
    const Got got = read_some();
    if (got != Got::kNothing) continue;
    if (std::chrono::steady_clock::now() >= deadline) return Status::kTimeout;
    pollfd p{from_child_, POLLIN, 0};
    const int r = poll(&p, 1, ms_until(deadline));
    if (r < 0 && errno != EINTR) return Status::kClosed;
    if (r == 0 && gone_ && gone_()) {
      // The child is dead, its output may live on in a grandchild: what it wrote is all
      // there is.
      drain();
      if (take_line(line)) return Status::kOk;
      return Status::kClosed;
    }
  }
}

}  // namespace mvconf::harness
