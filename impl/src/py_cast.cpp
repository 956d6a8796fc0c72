// memoryview.cast(format, shape=<unset>) (spec §5.7).
#include <cstring>
#include <limits>
#include <string>

#include "errors.h"
#include "layout.h"
#include "memoryview.h"
#include "objects.h"
#include "py_api.h"
#include "py_format.h"
#include "struct_format.h"

namespace mvconf::impl::py {
namespace {

constexpr ptrdiff_t kSsizeMax = std::numeric_limits<ptrdiff_t>::max();
constexpr char kCastCodes[] = "cbBhHiIlLqQnNfd?Pe";

// The Python type name of a JSON-encoded value, as argument errors print it.
std::string clinic_type_name(const Value &v) {
  if (v.is_null()) return "None";  // Argument Clinic says "None", not "NoneType"
  if (v.is_boolean()) return "bool";
  if (v.is_number_integer()) return "int";
  if (v.is_number_float()) return "float";
  if (v.is_array()) return "list";
  if (v.is_object() && v.size() == 1) {
    const std::string key = v.begin().key();
    if (key == "object" && v[key].is_string()) return v[key].get<std::string>();
    if (key == "index") return "Index";
    if (key == "float_like") return "FloatLike";
    if (key == "view") return "memoryview";
    if (key == "str" || key == "bytes" || key == "bytearray" || key == "tuple" || key == "int" ||
        key == "float" || key == "slice" || key == "ellipsis")
      return key;
  }
  return "object";
}

bool is_str(const Value &v) { return v.is_object() && v.size() == 1 && v.contains("str"); }

// The native size of a cast code.
ptrdiff_t code_size(char code) {
  if (std::strchr("cbB?", code) != nullptr) return 1;
  if (std::strchr("hHe", code) != nullptr) return 2;
  if (std::strchr("iIf", code) != nullptr) return 4;
  return 8;
}

// The format string of a cast result: static storage, so views may share it freely.
const char *canonical_format(char code, bool at) {
  static const char *const plain[] = {"c", "b", "B", "h", "H", "i", "I", "l", "L",
                                      "q", "Q", "n", "N", "f", "d", "?", "P", "e"};
  static const char *const prefixed[] = {"@c", "@b", "@B", "@h", "@H", "@i", "@I", "@l", "@L",
                                         "@q", "@Q", "@n", "@N", "@f", "@d", "@?", "@P", "@e"};
  const auto i = static_cast<size_t>(std::strchr(kCastCodes, code) - kCastCodes);
  return at ? prefixed[i] : plain[i];
}

bool is_byte_format(const char *format) {
  const char c = single_native(format);
  return c != '\0' && std::strchr("bBc", c) != nullptr;
}

// One element of `shape`: true with *out, or false with the Python error set.
bool shape_element(Call &call, const Value &v, ptrdiff_t *out) {
  const char *overflow = "Python int too large to convert to C ssize_t";
  if (v.is_boolean()) {
    *out = v.get<bool>() ? 1 : 0;
  } else if (v.is_number_unsigned()) {
    if (v.get<uint64_t>() > static_cast<uint64_t>(kSsizeMax))
      return fail(call, "OverflowError", overflow);
    *out = static_cast<ptrdiff_t>(v.get<uint64_t>());
  } else if (v.is_number_integer()) {
    *out = static_cast<ptrdiff_t>(v.get<int64_t>());
  } else if (v.is_object() && v.size() == 1 && v.contains("int")) {
    return fail(call, "OverflowError", overflow);  // only ints beyond int64 are encoded so
  } else {
    return fail(call, "TypeError", "memoryview.cast(): elements of shape must be integers");
  }
  return true;
}

}  // namespace

bool cast(Call &call, const std::vector<Value> &args, Value * /*result*/) {
  const bool clinic = call.rules.since(10);  // Argument Clinic wording and order from 3.10
  const std::string fn = clinic ? "cast()" : "function";
  if (args.empty())
    return fail(call, "TypeError", fn + " missing required argument 'format' (pos 1)");
  if (args.size() > 2)
    return fail(call, "TypeError",
                fn + " takes at most 2 arguments (" + std::to_string(args.size()) + " given)");
  const Value &format = args[0];
  if (clinic && !is_str(format))
    return fail(call, "TypeError",
                "cast() argument 'format' must be str, not " + clinic_type_name(format));
  MemoryView *self = call.self;
  if (self->released())
    return fail(call, "ValueError", "operation forbidden on released memoryview object");
  // 3.8/3.9 parse the format as an object and check its type right after the release check
  // (observed: a bytes format on a non-contiguous view reports the format, not the layout).
  if (!clinic && !is_str(format))
    return fail(call, "TypeError", "memoryview: format argument must be a string");
  const mvconf_buffer &view = self->view();
  if ((self->flags() & MVCONF_VIEW_C) == 0)
    return fail(call, "TypeError", "memoryview: casts are restricted to C-contiguous views");
  const bool has_shape = args.size() == 2;
  if (has_shape || view.ndim != 1 || call.rules.broken(Mutation::kCastZerosRuleAlways)) {
    for (int d = 0; d < view.ndim; ++d)
      if (view.shape[d] == 0)
        return fail(call, "TypeError",
                    "memoryview: cannot cast view with zeros in shape or strides");
  }
  const Value *elements = nullptr;
  if (has_shape) {
    const Value &shape = args[1];
    if (shape.is_array()) {
      elements = &shape;
    } else if (shape.is_object() && shape.size() == 1 && shape.contains("tuple") &&
               shape["tuple"].is_array()) {
      elements = &shape["tuple"];
    } else {
      return fail(call, "TypeError", "shape must be a list or a tuple");
    }
    if (elements->size() > 64)
      return fail(call, "ValueError", "memoryview: number of dimensions must not exceed 64");
    if (view.ndim != 1 && elements->size() != 1)
      return fail(call, "TypeError", "memoryview: cast must be 1D -> ND or ND -> 1D");
  }
  if (!is_str(format))
    return fail(call, "TypeError", "memoryview: format argument must be a string");
  const std::string text = format["str"].is_string() ? format["str"].get<std::string>() : "";
  if (!check_format_text(text.c_str(), call.err)) return false;
  // CPython reads the encoded format as a C string: "B\0" is "B".
  const char code = single_native(text.c_str());
  const bool known = code != '\0' && std::strchr(kCastCodes, code) != nullptr;
  if (!known || (code == 'e' && !call.rules.since(12)))
    return fail(call, "ValueError",
                "memoryview: destination format must be a native single character format "
                "prefixed with an optional '@'");
  if (!is_byte_format(view.format) && !is_byte_format(text.c_str()))
    return fail(call, "TypeError", "memoryview: cannot cast between two non-byte formats");
  const ptrdiff_t itemsize = code_size(code);
  if (view.len % itemsize != 0)
    return fail(call, "TypeError", "memoryview: length is not a multiple of itemsize");
  std::vector<ptrdiff_t> shape;
  if (elements == nullptr) {
    shape.push_back(view.len / itemsize);
  } else {
    ptrdiff_t product = 1;
    for (const Value &e : *elements) {
      ptrdiff_t x = 0;  // set by shape_element when it returns true
      if (!shape_element(call, e, &x)) return false;
      if (x <= 0)
        return fail(call, "ValueError",
                    "memoryview.cast(): elements of shape must be integers > 0");
      if (product > kSsizeMax / x)
        return fail(call, "ValueError", "memoryview.cast(): product(shape) > SSIZE_MAX");
      product *= x;
      shape.push_back(x);
    }
    if (product != view.len / itemsize)
      return fail(call, "TypeError", "memoryview: product(shape) * itemsize != buffer size");
  }
  const int ndim = static_cast<int>(shape.size());
  std::vector<ptrdiff_t> strides(shape.size());
  fill_c_strides(ndim, shape.data(), strides.data(), itemsize);
  mvconf_buffer out = view;  // buf, obj, len, readonly and internal are kept
  out.format = const_cast<char *>(canonical_format(code, text[0] == '@'));
  out.itemsize = itemsize;
  out.ndim = ndim;
  out.shape = ndim > 0 ? shape.data() : nullptr;
  out.strides = ndim > 0 ? strides.data() : nullptr;
  out.suboffsets = nullptr;
  call.new_view = new MemoryView(self->mbuf(), out, view_flags(out, call.rules));
  return true;
}

}  // namespace mvconf::impl::py
