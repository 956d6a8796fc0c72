#include "errors.h"

#include <cstring>

namespace mvconf::impl {
namespace {

// Copies at most size-1 bytes and always terminates: the harness compares NUL-terminated text.
void copy_truncated(char *dst, size_t size, const std::string &src) {
  const size_t n = src.size() < size - 1 ? src.size() : size - 1;
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}

}  // namespace

void set_error(mvconf_error *err, const char *type, const std::string &message) {
  if (err == nullptr) return;
  copy_truncated(err->type, sizeof err->type, type);
  copy_truncated(err->message, sizeof err->message, message);
}

void set_undefined(mvconf_error *err, const char *function, const std::string &problem) {
  set_error(err, "SystemError", std::string("mvconf impl: ") + function + ": " + problem);
}

}  // namespace mvconf::impl
