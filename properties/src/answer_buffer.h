// The buffer a port writes a py_call answer into (ops_py.cpp).
#pragma once

#include <cstddef>

namespace mvconf::harness {

/// kMaxAnswerBytes of zeros, mapped rather than allocated: only the pages a port writes are
/// ever touched, so its size costs nothing per case.
class AnswerBuffer {
 public:
  /// Maps the buffer; throws std::bad_alloc when it cannot.
  AnswerBuffer();
  ~AnswerBuffer();
  AnswerBuffer(const AnswerBuffer &) = delete;
  AnswerBuffer &operator=(const AnswerBuffer &) = delete;
  /// The bytes (capacity size()), for the port to write its NUL-terminated answer into.
  char *data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  char *data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace mvconf::harness
