#include "errors.h"

#include <cstdint>
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

std::string quoted_type_name(const char *name, std::size_t limit) {
  if (name == nullptr) return "NULL";
  std::string out(name, strnlen(name, limit));
  // Observed: the cut is by bytes, and an incomplete last sequence decodes with "replace" to
  // a single U+FFFD. Type names are Python str, so only the end can be incomplete.
  std::size_t lead = out.size();
  while (lead > 0 && out.size() - lead < 4 &&
         (static_cast<unsigned char>(out[lead - 1]) & 0xc0) == 0x80)
    --lead;
  if (lead == 0) return out;
  const auto b = static_cast<unsigned char>(out[lead - 1]);
  const std::size_t need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  if (out.size() - (lead - 1) < need) out.replace(lead - 1, std::string::npos, "\xef\xbf\xbd");
  return out;
}

void set_bytes_alloc_error(mvconf_error *err, ptrdiff_t size) {
  // Observed with PyBytes_FromStringAndSize(NULL, n) on 64-bit CPython 3.8 to 3.13: n above
  // PY_SSIZE_T_MAX - 33 is an OverflowError, any other failure a MemoryError with no message.
  if (size > PTRDIFF_MAX - 33)
    set_error(err, "OverflowError", "byte string is too large");
  else
    set_error(err, "MemoryError", "");
}

}  // namespace mvconf::impl
