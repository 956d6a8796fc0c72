// memoryview == other and != (spec §5.10).
#include <cstring>
#include <string>

#include "errors.h"
#include "layout.h"
#include "objects.h"
#include "py_api.h"
#include "py_format.h"
#include "py_struct_unpack.h"

namespace mvconf::impl::py {
namespace {

enum class Outcome { kEqual, kUnequal, kNotImplemented, kError };

// The other operand as a buffer: a memoryview's own view, or a bytes-like object's simple
// buffer (format 'B', 1-D).
struct Operand {
  mvconf_buffer view{};
  std::string storage;
  ptrdiff_t shape = 0, stride = 1;
};

bool decode_hex(const std::string &hex, std::string *out) {
  if (hex.size() % 2 != 0) return false;
  const auto digit = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi << 4 | lo));
  }
  return true;
}

// Fills op for a bytes or bytearray value; false for any value without the buffer protocol.
bool bytes_operand(const Value &v, Operand *op) {
  if (!v.is_object() || v.size() != 1) return false;
  const char *key = v.contains("bytes") ? "bytes" : v.contains("bytearray") ? "bytearray" : "";
  if (*key == '\0' || !v[key].is_string() || !decode_hex(v[key].get<std::string>(), &op->storage))
    return false;
  static char format_b[] = "B";
  op->shape = static_cast<ptrdiff_t>(op->storage.size());
  op->view.buf = op->storage.data();
  op->view.len = op->shape;
  op->view.itemsize = 1;
  op->view.readonly = 1;
  op->view.format = format_b;
  op->view.ndim = 1;
  op->view.shape = &op->shape;
  op->view.strides = &op->stride;
  return true;
}

// The shape rule: same ndim, extents equal left to right up to and including the first zero.
bool same_shape(const mvconf_buffer &a, const mvconf_buffer &b, const Rules &rules) {
  if (a.ndim != b.ndim) return false;
  for (int d = 0; d < a.ndim; ++d) {
    if (a.shape[d] != b.shape[d]) return false;
    if (a.shape[d] == 0 && !rules.broken(Mutation::kCompareShapeFullScan)) break;
  }
  return true;
}

// Same native single character: the stored C values are compared.
// NaN != NaN, as C compares them; `nan_equal` is the mutant that treats two NaNs as equal.
bool raw_equal(char code, const char *p, const char *q, bool nan_equal) {
  if (code == 'f') {
    float x, y;
    std::memcpy(&x, p, sizeof x);
    std::memcpy(&y, q, sizeof y);
    return x == y || (nan_equal && x != x && y != y);
  }
  if (code == 'd') {
    double x, y;
    std::memcpy(&x, p, sizeof x);
    std::memcpy(&y, q, sizeof y);
    return x == y || (nan_equal && x != x && y != y);
  }
  // Integers, 'c', 'P' and '?' (raw bytes: byte 2 != byte 1, as CPython's build behaves).
  const size_t size = std::strchr("cbB?", code) ? 1
                      : std::strchr("hH", code) ? 2
                      : std::strchr("iI", code) ? 4
                                                : 8;
  return std::memcmp(p, q, size) == 0;
}

bool items_equal(const Item &a, const Item &b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (!scalar_equal(a[k], b[k])) return false;
  return true;
}

Outcome compare_buffers(Call &call, const mvconf_buffer &v, const mvconf_buffer &w) {
  if (!same_shape(v, w, call.rules)) return Outcome::kUnequal;
  const char *vf = v.format != nullptr ? v.format : "B";
  const char *wf = w.format != nullptr ? w.format : "B";
  const char vc = single_native(vf);
  // 'e' is left to struct, which gives the same values as 3.12's native half unpacking.
  const bool raw =
      vc != '\0' && vc == single_native(wf) && std::strchr("cbBhHiIlLqQnNfd?P", vc) != nullptr;
  StructUnpacker uv, uw;
  if (!raw) {
    mvconf_error scratch{};  // struct rejecting a format makes the views unequal, not an error
    if (!uv.compile(vf, &scratch) || !uw.compile(wf, &scratch)) {
      if (!call.rules.broken(Mutation::kCompareBadFormatRaises)) return Outcome::kUnequal;
      if (call.err != nullptr) *call.err = scratch;
      return Outcome::kError;
    }
  }
  ptrdiff_t count = 1;
  if (v.ndim > 0 && !element_count(v.ndim, v.shape, &count)) return Outcome::kUnequal;
  std::vector<ptrdiff_t> index(static_cast<size_t>(v.ndim), 0);
  Item a, b;
  for (ptrdiff_t n = 0; n < count; ++n) {
    const char *p =
        v.ndim == 0 ? static_cast<const char *>(v.buf) : element_pointer(v, index.data());
    const char *q =
        w.ndim == 0 ? static_cast<const char *>(w.buf) : element_pointer(w, index.data());
    if (raw) {
      if (!raw_equal(vc, p, q, call.rules.broken(Mutation::kCompareNanEqual)))
        return Outcome::kUnequal;
    } else {
      const auto *up = reinterpret_cast<const unsigned char *>(p);
      const auto *uq = reinterpret_cast<const unsigned char *>(q);
      if (!uv.unpack(up, v.itemsize, call.rules, &a, call.err) ||
          !uw.unpack(uq, w.itemsize, call.rules, &b, call.err))
        return Outcome::kError;
      if (!items_equal(a, b)) return Outcome::kUnequal;
    }
    if (v.ndim > 0) next_index(v.ndim, v.shape, index.data(), false);
  }
  return Outcome::kEqual;
}

Outcome compare(Call &call, const std::vector<Value> &args) {
  if (args.size() != 1) {
    set_error(call.err, "TypeError", "expected 1 argument, got " + std::to_string(args.size()));
    return Outcome::kError;
  }
  const Value &other = args[0];
  MemoryView *self = call.self;
  if (other.is_object() && other.size() == 1 && other.contains("view")) {
    const Value &i = other["view"];
    if (!i.is_number_integer() || i.get<int64_t>() < 0 ||
        static_cast<uint64_t>(i.get<int64_t>()) >= call.nviews) {
      set_error(call.err, "SystemError", "mvconf impl: eq/ne: no such view");
      return Outcome::kError;
    }
    MemoryView *w = from_handle(call.views[i.get<size_t>()]);
    if (self->released() || w->released()) return self == w ? Outcome::kEqual : Outcome::kUnequal;
    return compare_buffers(call, self->view(), w->view());
  }
  if (self->released()) return Outcome::kUnequal;  // v is w: w is not even a memoryview
  Operand op;
  if (!bytes_operand(other, &op)) return Outcome::kNotImplemented;
  return compare_buffers(call, self->view(), op.view);
}

}  // namespace

bool eq(Call &call, const std::vector<Value> &args, Value *result) {
  const Outcome o = compare(call, args);
  if (o == Outcome::kError) return false;
  *result = o == Outcome::kEqual;  // NotImplemented both ways: identity, which is False
  return true;
}

bool ne(Call &call, const std::vector<Value> &args, Value *result) {
  const Outcome o = compare(call, args);
  if (o == Outcome::kError) return false;
  *result = o != Outcome::kEqual;
  return true;
}

}  // namespace mvconf::impl::py
