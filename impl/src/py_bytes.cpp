// memoryview.tobytes() and memoryview.hex() (spec §5.2, §5.3). Argument errors come before the
// released check, as CPython parses arguments before running the method body.
#include <climits>
#include <string>
#include <vector>

#include "buffer_functions.h"
#include "errors.h"
#include "objects.h"
#include "py_api.h"
#include "py_values.h"

namespace mvconf::impl::py {
namespace {

// The logical content in `order`, as PyBuffer_ToContiguous writes it into a bytes object of
// view.len bytes.
bool contiguous_bytes(Call &call, char order, std::string *out) {
  const mvconf_buffer &view = call.self->view();
  out->assign(static_cast<size_t>(view.len > 0 ? view.len : 0), '\0');
  return to_contiguous(out->data(), &view, view.len, order, call.rules, call.err) == 0;
}

// Number of code points of UTF-8 text (len() of a str).
size_t code_points(const std::string &text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// len(v) for the encodings with a length; false for objects without __len__.
bool length_of(Call &call, const Value &v, size_t *n) {
  switch (kind_of(v)) {
    case Kind::kStr:
      *n = code_points(v["str"].get<std::string>());
      return true;
    case Kind::kBytes:
    case Kind::kByteArray:
      *n = bytes_of(v).size();
      return true;
    case Kind::kTuple:
      *n = v["tuple"].size();
      return true;
    case Kind::kList:
      *n = v.size();
      return true;
    case Kind::kView: {
      MemoryView *mv = view_arg(call, v);
      *n = mv == nullptr || mv->view().ndim == 0 ? 1 : static_cast<size_t>(mv->view().shape[0]);
      return true;
    }
    default:
      return false;
  }
}

// The C int converter of argument clinic (3.10+) or PyArg_Parse "i" (3.8, 3.9).
bool c_int_arg(Call &call, const Value &v, int *out) {
  Int i;
  if (!index_of(v, &i)) {
    const std::string name = type_name(v);
    if (call.rules.since(10)) {
      set_error(call.err, "TypeError", "'" + name + "' object cannot be interpreted as an integer");
    } else if (kind_of(v) == Kind::kFloat) {
      set_error(call.err, "TypeError", "integer argument expected, got float");
    } else {
      set_error(call.err, "TypeError", "an integer is required (got type " + name + ")");
    }
    return false;
  }
  if (!i.fits_i64 || i.i64 > INT_MAX || i.i64 < INT_MIN) {
    set_error(call.err, "OverflowError", "Python int too large to convert to C int");
    return false;
  }
  *out = static_cast<int>(i.i64);
  return true;
}

std::string hex_groups(const std::string &data, bool has_sep, char sep, int bytes_per_sep,
                       const Rules &rules) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  const size_t n = data.size();
  const size_t group =
      static_cast<size_t>(bytes_per_sep < 0 ? -static_cast<long>(bytes_per_sep) : bytes_per_sep);
  for (size_t i = 0; i < n; ++i) {
    // Positive counts group from the right (the first group may be short), negative from the
    // left (the last may be).
    if (has_sep && group != 0 && i > 0) {
      const bool from_right = bytes_per_sep > 0 && !rules.broken(Mutation::kHexSepFromLeft);
      const size_t boundary = from_right ? (n - i) % group : i % group;
      if (boundary == 0) out += sep;
    }
    const unsigned char c = static_cast<unsigned char>(data[i]);
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

}  // namespace

bool tobytes(Call &call, const std::vector<Value> &args, Value *result) {
  const bool clinic = call.rules.since(10);
  // Before Argument Clinic (3.8, 3.9) the released check comes first, even before the
  // argument count (observed: released.tobytes(1, 2) is the ValueError there).
  if (!clinic && released(call)) return false;
  if (args.size() > 1) {
    set_error(call.err, "TypeError",
              std::string(clinic ? "tobytes()" : "function") + " takes at most 1 argument (" +
                  std::to_string(args.size()) + " given)");
    return false;
  }
  std::string order = "C";
  if (!args.empty() && !args[0].is_null()) {
    if (kind_of(args[0]) != Kind::kStr) {
      set_error(call.err, "TypeError",
                std::string(clinic ? "tobytes() argument 'order'" : "argument 1") +
                    " must be str or None, not " + type_name(args[0]));
      return false;
    }
    order = args[0]["str"].get<std::string>();
  }
  if (released(call)) return false;
  if (order != "C" && order != "F" && order != "A") {
    set_error(call.err, "ValueError", "order must be 'C', 'F' or 'A'");
    return false;
  }
  // 'A' keeps the physical order of C- and F-contiguous views alike.
  const bool a_as_c = order == "A" && call.rules.broken(Mutation::kTobytesAAsC);
  std::string data;
  if (!contiguous_bytes(call, a_as_c ? 'C' : order[0], &data)) return false;
  *result = make_bytes(data);
  return true;
}

bool hex(Call &call, const std::vector<Value> &args, Value *result) {
  if (args.size() > 2) {
    set_error(call.err, "TypeError",
              "hex() takes at most 2 arguments (" + std::to_string(args.size()) + " given)");
    return false;
  }
  int bytes_per_sep = 1;
  if (args.size() == 2 && !c_int_arg(call, args[1], &bytes_per_sep)) return false;
  if (released(call)) return false;
  char sep = '\0';
  const bool has_sep = !args.empty();
  if (!args.empty()) {
    // CPython asks len() first, then the type, then ASCII.
    size_t n = 0;
    if (!length_of(call, args[0], &n)) {
      set_error(call.err, "TypeError", "object of type '" + type_name(args[0]) + "' has no len()");
      return false;
    }
    if (n != 1) {
      set_error(call.err, "ValueError", "sep must be length 1.");
      return false;
    }
    const Kind k = kind_of(args[0]);
    if (k != Kind::kStr && k != Kind::kBytes) {
      set_error(call.err, "TypeError", "sep must be str or bytes.");
      return false;
    }
    const std::string s = k == Kind::kStr ? args[0]["str"].get<std::string>() : bytes_of(args[0]);
    if (static_cast<unsigned char>(s[0]) > 127) {
      set_error(call.err, "ValueError", "sep must be ASCII.");
      return false;
    }
    sep = s[0];
  }
  std::string data;
  if (!contiguous_bytes(call, 'C', &data)) return false;
  *result = make_str(hex_groups(data, has_sep, sep, bytes_per_sep, call.rules));
  return true;
}

}  // namespace mvconf::impl::py
