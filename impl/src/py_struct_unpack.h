// Clean-room struct-module unpacking (struct.Struct(fmt).unpack_from), as memoryview equality
// uses it for formats that are not the same native single character (spec §5.10). Values are
// kept only as far as Python equality needs them: ints, floats and bytes.
#ifndef MVCONF_IMPL_PY_STRUCT_UNPACK_H
#define MVCONF_IMPL_PY_STRUCT_UNPACK_H

#include <mvconf/port.h>

#include <cstddef>
#include <string>
#include <vector>

#include "rules.h"

namespace mvconf::impl::py {

/// One unpacked Python value: an int (bool included), a float or a bytes object.
struct Scalar {
  enum class Kind { kInt, kFloat, kBytes };
  Kind kind = Kind::kInt;
  __int128 i = 0;  // kInt: wide enough for every signed and unsigned code
  double f = 0;    // kFloat
  std::string b;   // kBytes
};

/// Python's a == b for two unpacked values (int vs float by exact numeric value).
bool scalar_equal(const Scalar &a, const Scalar &b);

/// An item as memoryview sees it: struct's tuple, where a 1-tuple stands for its only value.
/// Two items are equal when they have the same length and equal values.
using Item = std::vector<Scalar>;

/// struct.Struct(format) for a UTF-8 C string.
class StructUnpacker {
 public:
  /// Parses format; false with err (struct.error, Unicode errors) when struct rejects it.
  bool compile(const char *format, mvconf_error *err);
  /// struct.calcsize(format).
  ptrdiff_t size() const { return size_; }
  /// unpack_from a buffer of `len` bytes at p; false with err (a buffer shorter than size(),
  /// or CPython < 3.13's SystemError for a '0p' field).
  bool unpack(const unsigned char *p, ptrdiff_t len, const Rules &rules, Item *out,
              mvconf_error *err) const;

 private:
  struct Field {
    char code;
    bool little;  // byte order of multi-byte codes
    bool native;  // native sizes (and native semantics)
    ptrdiff_t offset;
    ptrdiff_t size;   // of one value; for 's' and 'p' the whole string
    ptrdiff_t count;  // values (1 for 's' and 'p')
  };
  std::vector<Field> fields_;
  ptrdiff_t size_ = 0;
};

}  // namespace mvconf::impl::py

#endif  // MVCONF_IMPL_PY_STRUCT_UNPACK_H
