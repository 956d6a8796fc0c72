#include "py_values.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "errors.h"
#include "objects.h"

namespace mvconf::impl::py {
namespace {

Int from_i64(int64_t v) {
  Int out;
  out.negative = v < 0;
  out.fits_i64 = true;
  out.i64 = v;
  out.fits_u64 = v >= 0;
  out.u64 = v >= 0 ? static_cast<uint64_t>(v) : 0;
  out.decimal = std::to_string(v);
  return out;
}

Int from_u64(uint64_t v) {
  Int out;
  out.fits_i64 = v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  out.i64 = out.fits_i64 ? static_cast<int64_t>(v) : 0;
  out.fits_u64 = true;
  out.u64 = v;
  out.decimal = std::to_string(v);
  return out;
}

// {"int": "digits"}: only range matters beyond 64 bits, so the magnitude is parsed with an
// overflow check and kept as text for the float conversion.
Int from_decimal(const std::string &text) {
  Int out;
  out.decimal = text;
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    out.negative = text[pos] == '-';
    ++pos;
  }
  uint64_t mag = 0;
  bool overflow = false;
  for (; pos < text.size(); ++pos) {
    const uint64_t d = static_cast<uint64_t>(text[pos] - '0');
    if (mag > (std::numeric_limits<uint64_t>::max() - d) / 10) overflow = true;
    if (!overflow) mag = mag * 10 + d;
  }
  if (overflow) return out;
  if (mag == 0) out.negative = false;
  if (!out.negative) {
    out.fits_u64 = true;
    out.u64 = mag;
    out.fits_i64 = mag <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    out.i64 = out.fits_i64 ? static_cast<int64_t>(mag) : 0;
  } else if (mag <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1) {
    out.fits_i64 = true;
    out.i64 = static_cast<int64_t>(0 - mag);  // two's complement wrap is well defined here
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

}  // namespace

Kind kind_of(const Value &v) {
  if (v.is_null()) return Kind::kNone;
  if (v.is_boolean()) return Kind::kBool;
  if (v.is_number_integer()) return Kind::kInt;
  if (v.is_number_float()) return Kind::kFloat;
  if (v.is_array()) return Kind::kList;
  if (!v.is_object() || v.size() != 1) return Kind::kUnknown;
  const std::string &key = v.begin().key();
  if (key == "int") return Kind::kInt;
  if (key == "float") return Kind::kFloat;
  if (key == "bytes") return Kind::kBytes;
  if (key == "bytearray") return Kind::kByteArray;
  if (key == "str") return Kind::kStr;
  if (key == "tuple") return Kind::kTuple;
  if (key == "slice") return Kind::kSlice;
  if (key == "ellipsis") return Kind::kEllipsis;
  if (key == "index") return Kind::kIndex;
  if (key == "float_like") return Kind::kFloatLike;
  if (key == "object") return Kind::kObject;
  if (key == "view") return Kind::kView;
  return Kind::kUnknown;
}

std::string type_name(const Value &v) {
  switch (kind_of(v)) {
    case Kind::kNone:
      return "NoneType";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return "int";
    case Kind::kFloat:
      return "float";
    case Kind::kBytes:
      return "bytes";
    case Kind::kByteArray:
      return "bytearray";
    case Kind::kStr:
      return "str";
    case Kind::kTuple:
      return "tuple";
    case Kind::kList:
      return "list";
    case Kind::kSlice:
      return "slice";
    case Kind::kEllipsis:
      return "ellipsis";
    // The oracle builds these from classes named exactly Index and FloatLike.
    case Kind::kIndex:
      return "Index";
    case Kind::kFloatLike:
      return "FloatLike";
    case Kind::kObject:
      return v["object"].is_string() ? v["object"].get<std::string>() : "object";
    case Kind::kView:
      return "memoryview";
    case Kind::kUnknown:
      break;
  }
  return "object";
}

bool is_int(const Value &v) {
  const Kind k = kind_of(v);
  return k == Kind::kInt || k == Kind::kBool;
}

Int to_int(const Value &v) {
  if (v.is_boolean()) return from_i64(v.get<bool>() ? 1 : 0);
  if (v.is_number_unsigned()) return from_u64(v.get<uint64_t>());
  if (v.is_number_integer()) return from_i64(v.get<int64_t>());
  if (v.is_object() && v.contains("int") && v["int"].is_string())
    return from_decimal(v["int"].get<std::string>());
  return from_i64(0);
}

bool index_of(const Value &v, Int *out) {
  if (is_int(v)) {
    *out = to_int(v);
    return true;
  }
  if (kind_of(v) == Kind::kIndex && is_int(v["index"])) {
    *out = to_int(v["index"]);
    return true;
  }
  return false;
}

ptrdiff_t clamp_ssize(const Int &i) {
  if (i.fits_i64) return static_cast<ptrdiff_t>(i.i64);
  return i.negative ? std::numeric_limits<ptrdiff_t>::min() : std::numeric_limits<ptrdiff_t>::max();
}

FloatStatus float_of(const Value &v, double *out) {
  const Kind k = kind_of(v);
  if (k == Kind::kFloat) {
    if (v.is_number_float()) {
      *out = v.get<double>();
    } else {
      const std::string s = v["float"].is_string() ? v["float"].get<std::string>() : "nan";
      *out = s == "inf" ? HUGE_VAL : s == "-inf" ? -HUGE_VAL : s == "-0.0" ? -0.0 : NAN;
    }
    return FloatStatus::kOk;
  }
  if (k == Kind::kFloatLike) return float_of(v["float_like"], out);
  Int i;
  if (!index_of(v, &i)) return FloatStatus::kTypeError;
  if (i.fits_i64) {
    *out = static_cast<double>(i.i64);
    return FloatStatus::kOk;
  }
  // Correctly rounded like int.__float__; HUGE_VAL (ERANGE) is its OverflowError.
  errno = 0;
  *out = std::strtod(i.decimal.c_str(), nullptr);
  return std::isinf(*out) ? FloatStatus::kOverflow : FloatStatus::kOk;
}

bool truthy(const Value &v) {
  switch (kind_of(v)) {
    case Kind::kNone:
      return false;
    case Kind::kBool:
      return v.get<bool>();
    case Kind::kInt: {
      const Int i = to_int(v);
      return !(i.fits_i64 && i.i64 == 0);
    }
    case Kind::kFloat: {
      double d = 0;
      float_of(v, &d);
      return d != 0.0;  // NaN is true
    }
    case Kind::kBytes:
      return !v["bytes"].get<std::string>().empty();
    case Kind::kByteArray:
      return !v["bytearray"].get<std::string>().empty();
    case Kind::kStr:
      return !v["str"].get<std::string>().empty();
    case Kind::kTuple:
      return !v["tuple"].empty();
    case Kind::kList:
      return !v.empty();
    default:
      return true;  // Index, FloatLike, plain objects, slices, ..., views
  }
}

std::string bytes_of(const Value &v) {
  const Value &hex = v.contains("bytes") ? v["bytes"] : v["bytearray"];
  const std::string text = hex.is_string() ? hex.get<std::string>() : "";
  std::string out(text.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<char>(hex_digit(text[2 * i]) * 16 + hex_digit(text[2 * i + 1]));
  return out;
}

Value make_int(int64_t v) { return Value(v); }

Value make_uint(uint64_t v) {
  if (v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return Value(static_cast<int64_t>(v));
  return Value{{"int", std::to_string(v)}};
}

Value make_float(double v) {
  if (std::isnan(v)) return Value{{"float", "nan"}};
  if (std::isinf(v)) return Value{{"float", v > 0 ? "inf" : "-inf"}};
  if (v == 0.0 && std::signbit(v)) return Value{{"float", "-0.0"}};
  return Value(v);
}

Value make_bytes(const std::string &data) {
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * data.size());
  for (unsigned char c : data) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return Value{{"bytes", hex}};
}

Value make_str(const std::string &text) { return Value{{"str", text}}; }

void set_released(mvconf_error *err) {
  set_error(err, "ValueError", "operation forbidden on released memoryview object");
}

bool released(Call &call) {
  if (!call.self->released()) return false;
  set_released(call.err);
  return true;
}

MemoryView *view_arg(Call &call, const Value &v) {
  const Value &i = v["view"];
  if (!i.is_number_integer() || i.get<int64_t>() < 0 ||
      static_cast<uint64_t>(i.get<int64_t>()) >= call.nviews ||
      call.views[i.get<size_t>()] == nullptr) {
    set_error(call.err, "SystemError", "mvconf impl: py_call: no such view argument");
    return nullptr;
  }
  return from_handle(call.views[i.get<size_t>()]);
}

}  // namespace mvconf::impl::py
