#include "py_format.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "errors.h"
#include "py_values.h"

namespace mvconf::impl::py {

char single_native(const char *format) {
  if (format == nullptr) return '\0';
  if (*format == '@') ++format;
  return format[0] != '\0' && format[1] == '\0' ? format[0] : '\0';
}

namespace {

constexpr const char kNative[] = "cbBhHiIlLqQnNfd?P";

template <typename T>
T load(const char *p) {
  T v;
  std::memcpy(&v, p, sizeof v);  // items need not be aligned
  return v;
}

template <typename T>
void store(char *p, T v) {
  std::memcpy(p, &v, sizeof v);
}

// IEEE 754 binary16 to double.
double half_to_double(uint16_t h) {
  const int sign = h >> 15, exp = (h >> 10) & 31, mant = h & 1023;
  double v;
  if (exp == 0) {
    v = std::ldexp(mant, -24);
  } else if (exp == 31) {
    v = mant == 0 ? HUGE_VAL : NAN;
  } else {
    v = std::ldexp(mant + 1024, exp - 25);
  }
  return sign ? -v : v;
}

// double to binary16 with round-half-even; false when a finite value is too large (the
// OverflowError packing turns into ValueError). NaNs become the quiet NaN 0x7e00.
bool double_to_half(double x, uint16_t *out) {
  const uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  const double a = std::fabs(x);
  if (std::isnan(x)) {
    *out = sign | 0x7e00;
  } else if (std::isinf(x)) {
    *out = sign | 0x7c00;
  } else if (a < std::ldexp(1.0, -14)) {
    // Subnormal (or zero): a = m * 2**-24; m == 1024 rounds up into the smallest normal.
    *out = static_cast<uint16_t>(sign | static_cast<uint16_t>(std::nearbyint(std::ldexp(a, 24))));
  } else {
    int e = 0;
    const double f = std::frexp(a, &e);  // a = f * 2**e, f in [0.5, 1)
    int m = static_cast<int>(std::nearbyint(std::ldexp(f, 11)));
    int biased = e + 14;
    if (m == 2048) {
      m = 1024;
      ++biased;
    }
    if (biased >= 31) return false;
    *out = static_cast<uint16_t>(sign | (biased << 10) | (m - 1024));
  }
  return true;
}

// A double stored as float: values beyond FLT_MAX that do not round to it become inf
// (CPython's plain C cast, without the undefined behaviour of an out-of-range conversion).
float to_float(double d) {
  if (std::isnan(d) || std::fabs(d) <= FLT_MAX) return static_cast<float>(d);
  const double limit = std::ldexp(2.0 - std::ldexp(1.0, -24), 127);  // halfway to 2**128
  if (std::fabs(d) < limit) return std::signbit(d) ? -FLT_MAX : FLT_MAX;
  return std::signbit(d) ? -HUGE_VALF : HUGE_VALF;
}

void bad(mvconf_error *err, bool type, char c) {
  set_error(
      err, type ? "TypeError" : "ValueError",
      std::string("memoryview: invalid ") + (type ? "type" : "value") + " for format '" + c + "'");
}

bool in_signed(const Int &i, int64_t lo, int64_t hi) {
  return i.fits_i64 && i.i64 >= lo && i.i64 <= hi;
}

bool in_unsigned(const Int &i, uint64_t hi) { return i.fits_u64 && i.u64 <= hi; }

}  // namespace

char item_char(const char *format, const Rules &rules, mvconf_error *err) {
  const char *f = format[0] == '@' ? format + 1 : format;
  if (f[0] == '\0' || f[1] != '\0') {
    // The message shows the format as the view has it, '@' included.
    set_error(err, "NotImplementedError", std::string("memoryview: unsupported format ") + format);
    return '\0';
  }
  // A single char that is not a native item format is only refused when an item is actually
  // read or written (item_supported): CPython 3.11 lists an empty 'e' view and reports a bad
  // index before the format (observed with _testbuffer.ndarray(format='e')).
  (void)rules;
  return f[0];
}

bool item_supported(char c, const Rules &rules, mvconf_error *err) {
  if (std::strchr(kNative, c) != nullptr || (c == 'e' && rules.since(12))) return true;
  set_error(err, "NotImplementedError", std::string("memoryview: format ") + c + " not supported");
  return false;
}

size_t native_size(char c) {
  switch (c) {
    case 'c':
    case 'b':
    case 'B':
    case '?':
      return 1;
    case 'h':
    case 'H':
    case 'e':
      return 2;
    case 'i':
    case 'I':
    case 'f':
      return 4;
    default:
      return 8;  // l L q Q n N d P on LP64
  }
}

Value unpack(char c, const char *p) {
  switch (c) {
    case 'c':
      return make_bytes(std::string(p, 1));
    case 'b':
      return make_int(load<int8_t>(p));
    case 'B':
      return make_int(load<uint8_t>(p));
    case 'h':
      return make_int(load<int16_t>(p));
    case 'H':
      return make_int(load<uint16_t>(p));
    case 'i':
      return make_int(load<int32_t>(p));
    case 'I':
      return make_int(load<uint32_t>(p));
    case 'l':
    case 'q':
    case 'n':
      return make_int(load<int64_t>(p));
    case 'L':
    case 'Q':
    case 'N':
    case 'P':
      return make_uint(load<uint64_t>(p));
    case 'f':
      return make_float(load<float>(p));
    case 'd':
      return make_float(load<double>(p));
    case 'e':
      return make_float(half_to_double(load<uint16_t>(p)));
    case '?':
      return Value(load<uint8_t>(p) != 0);
    default:
      return Value();
  }
}

bool pack(char c, const Value &v, char *p, mvconf_error *err) {
  if (c == '?') {
    store<uint8_t>(p, truthy(v) ? 1 : 0);
    return true;
  }
  if (c == 'c') {
    if (kind_of(v) != Kind::kBytes) return bad(err, true, c), false;
    const std::string b = bytes_of(v);
    if (b.size() != 1) return bad(err, false, c), false;
    *p = b[0];
    return true;
  }
  if (c == 'f' || c == 'd' || c == 'e') {
    double d = 0;
    const FloatStatus s = float_of(v, &d);
    if (s != FloatStatus::kOk) return bad(err, s == FloatStatus::kTypeError, c), false;
    if (c == 'd') {
      store(p, d);
    } else if (c == 'f') {
      store(p, to_float(d));
    } else {
      uint16_t h = 0;
      if (!double_to_half(d, &h)) return bad(err, false, c), false;
      store(p, h);
    }
    return true;
  }
  Int i;
  // 'P' goes through PyLong_AsVoidPtr, which takes real ints only (no __index__).
  const bool ok = c == 'P' ? is_int(v) && (i = to_int(v), true) : index_of(v, &i);
  if (!ok) return bad(err, true, c), false;
  bool fits = false;
  switch (c) {
    case 'b':
      fits = in_signed(i, INT8_MIN, INT8_MAX);
      if (fits) store<int8_t>(p, static_cast<int8_t>(i.i64));
      break;
    case 'B':
      fits = in_unsigned(i, UINT8_MAX);
      if (fits) store<uint8_t>(p, static_cast<uint8_t>(i.u64));
      break;
    case 'h':
      fits = in_signed(i, INT16_MIN, INT16_MAX);
      if (fits) store<int16_t>(p, static_cast<int16_t>(i.i64));
      break;
    case 'H':
      fits = in_unsigned(i, UINT16_MAX);
      if (fits) store<uint16_t>(p, static_cast<uint16_t>(i.u64));
      break;
    case 'i':
      fits = in_signed(i, INT32_MIN, INT32_MAX);
      if (fits) store<int32_t>(p, static_cast<int32_t>(i.i64));
      break;
    case 'I':
      fits = in_unsigned(i, UINT32_MAX);
      if (fits) store<uint32_t>(p, static_cast<uint32_t>(i.u64));
      break;
    case 'l':
    case 'q':
    case 'n':
      fits = i.fits_i64;
      if (fits) store<int64_t>(p, i.i64);
      break;
    case 'L':
    case 'Q':
    case 'N':
      fits = i.fits_u64;
      if (fits) store<uint64_t>(p, i.u64);
      break;
    case 'P':
      // Negative pointers are accepted as their two's complement (-1 -> 2**64-1).
      fits = i.negative ? i.fits_i64 : i.fits_u64;
      if (fits) store<uint64_t>(p, i.negative ? static_cast<uint64_t>(i.i64) : i.u64);
      break;
    default:
      break;
  }
  if (!fits) bad(err, false, c);
  return fits;
}

}  // namespace mvconf::impl::py
