// The JSON value encoding of docs/python-api.md as the Python-level methods see it: kinds,
// Python type names, int/float conversions with CPython's range semantics, truthiness.
#ifndef MVCONF_IMPL_PY_VALUES_H
#define MVCONF_IMPL_PY_VALUES_H

#include <cstdint>
#include <string>

#include "py_api.h"

namespace mvconf::impl::py {

enum class Kind {
  kNone,
  kBool,
  kInt,
  kFloat,
  kBytes,
  kByteArray,
  kStr,
  kTuple,
  kList,
  kSlice,
  kEllipsis,
  kIndex,
  kFloatLike,
  kObject,
  kView,
  kUnknown
};

/// What a JSON value encodes.
Kind kind_of(const Value &v);

/// type(v).__name__ ("int", "bytes", "Index", "FloatLike", the class name of an object...).
std::string type_name(const Value &v);

/// A Python int with the ranges CPython's conversions check.
struct Int {
  bool negative = false;
  bool fits_i64 = false;  ///< i64 is the value
  int64_t i64 = 0;
  bool fits_u64 = false;  ///< u64 is the value (non-negative only)
  uint64_t u64 = 0;
  std::string decimal;  ///< the value in decimal, for conversions to float
};

/// True for int and bool values (PyLong_Check), big ints included.
bool is_int(const Value &v);
/// The int of an is_int() value.
Int to_int(const Value &v);
/// operator.index(v): ints, bools and {"index": n}; false when v has no __index__.
bool index_of(const Value &v, Int *out);
/// PyNumber_AsSsize_t(v, <clamp>): the index clamped to the ptrdiff_t range (slice bounds).
ptrdiff_t clamp_ssize(const Int &i);

/// The outcome of PyFloat_AsDouble.
enum class FloatStatus { kOk, kTypeError, kOverflow };
/// PyFloat_AsDouble(v): floats, float_like, ints, bools and index objects.
FloatStatus float_of(const Value &v, double *out);

/// bool(v) for the encodings (objects without __bool__/__len__ are true).
bool truthy(const Value &v);

/// The bytes of a {"bytes": hex} or {"bytearray": hex} value.
std::string bytes_of(const Value &v);

/// Encoders.
Value make_int(int64_t v);
Value make_uint(uint64_t v);
Value make_float(double v);
Value make_bytes(const std::string &data);
Value make_str(const std::string &text);

/// ValueError "operation forbidden on released memoryview object".
void set_released(mvconf_error *err);
/// True (with the error set) when call.self is released.
bool released(Call &call);
/// The memoryview a {"view": i} value names, or nullptr (SystemError set) if out of range.
MemoryView *view_arg(Call &call, const Value &v);

}  // namespace mvconf::impl::py

#endif  // MVCONF_IMPL_PY_VALUES_H
