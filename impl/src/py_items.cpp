// Item access of the Python-level memoryview: tolist (§5.4), m[key] (§5.5), m[key] = v and
// del m[key] (§5.6). The checks run in CPython's order, which the oracle pins down.
#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "errors.h"
#include "layout.h"
#include "memoryview.h"
#include "objects.h"
#include "py_api.h"
#include "py_format.h"
#include "py_values.h"
#include "reexport.h"

namespace mvconf::impl::py {
namespace {

constexpr ptrdiff_t kMax = std::numeric_limits<ptrdiff_t>::max();
constexpr ptrdiff_t kMin = std::numeric_limits<ptrdiff_t>::min();

// A tuple key whose items all have __index__ (the empty tuple included).
bool is_index_tuple(const Value &key) {
  if (kind_of(key) != Kind::kTuple) return false;
  Int unused;
  for (const auto &item : key["tuple"])
    if (!index_of(item, &unused)) return false;
  return true;
}

// A non-empty tuple key of slices only.
bool is_slice_tuple(const Value &key) {
  if (kind_of(key) != Kind::kTuple || key["tuple"].empty()) return false;
  for (const auto &item : key["tuple"])
    if (kind_of(item) != Kind::kSlice) return false;
  return true;
}

// PyNumber_AsSsize_t(key, IndexError), then one wrap of a negative index and the bounds check
// of dimension `dim` (0-based).
bool dimension_index(Call &call, const Value &key, int dim, ptrdiff_t *out) {
  Int i;
  index_of(key, &i);
  if (!i.fits_i64) return fail(call, "IndexError", "cannot fit 'int' into an index-sized integer");
  const ptrdiff_t extent = call.self->view().shape[dim];
  ptrdiff_t index = static_cast<ptrdiff_t>(i.i64);
  if (index < 0 && !call.rules.broken(Mutation::kIndexNoNegativeWrap)) index += extent;
  if (index < 0 || index >= extent)
    return fail(call, "IndexError", "index out of bounds on dimension " + std::to_string(dim + 1));
  *out = index;
  return true;
}

// The item address for a full index tuple (each dimension converted and checked in turn).
bool item_pointer(Call &call, const Value &keys, char **ptr) {
  const int ndim = call.self->view().ndim;
  std::vector<ptrdiff_t> idx(static_cast<size_t>(ndim));
  for (int d = 0; d < ndim; ++d)
    if (!dimension_index(call, keys[static_cast<size_t>(d)], d, &idx[static_cast<size_t>(d)]))
      return false;
  *ptr = element_pointer(call.self->view(), idx.data());
  return true;
}

// The count check of an index tuple against ndim; `too_few` differs between read and write.
bool tuple_arity(Call &call, const Value &key, const char *too_few) {
  const size_t n = key["tuple"].size();
  const int ndim = call.self->view().ndim;
  if (n < static_cast<size_t>(ndim)) return fail(call, "NotImplementedError", too_few);
  if (n > static_cast<size_t>(ndim))
    return fail(call, "TypeError",
                "cannot index " + std::to_string(ndim) + "-dimension view with " +
                    std::to_string(n) + "-element tuple");
  return true;
}

// PySlice_Unpack + PySlice_AdjustIndices on an extent: start, step and the new length.
bool unpack_slice(Call &call, const Value &key, ptrdiff_t length, ptrdiff_t *start, ptrdiff_t *step,
                  ptrdiff_t *count) {
  const Value &parts = key["slice"];
  // The encoding is [start, stop, step]; anything else is no Python slice at all.
  if (!parts.is_array() || parts.size() > 3)
    return fail(call, "SystemError", "mvconf impl: py_call: malformed slice argument");
  ptrdiff_t v[3] = {0, 0, 1};
  bool given[3] = {false, false, false};
  // The step is converted first, so a zero step wins over a bad start.
  for (int k : {2, 0, 1}) {
    const Value &part = parts.size() > static_cast<size_t>(k) ? parts[k] : Value();
    if (part.is_null()) continue;
    Int i;
    if (!index_of(part, &i))
      return fail(call, "TypeError",
                  "slice indices must be integers or None or have an __index__ method");
    v[k] = clamp_ssize(i);
    given[k] = true;
    if (k == 2 && v[2] == 0) return fail(call, "ValueError", "slice step cannot be zero");
    if (k == 2 && v[2] < -kMax) v[2] = -kMax;
  }
  const ptrdiff_t s = v[2];
  ptrdiff_t lo = given[0] ? v[0] : (s < 0 ? kMax : 0);
  ptrdiff_t hi = given[1] ? v[1] : (s < 0 ? kMin : kMax);
  for (ptrdiff_t *p : {&lo, &hi}) {
    if (*p < 0) {
      *p += length;
      if (*p < 0) *p = s < 0 ? -1 : 0;
    } else if (*p >= length) {
      *p = s < 0 ? length - 1 : length;
    }
  }
  *count = 0;
  if (s < 0 && hi < lo) *count = (lo - hi - 1) / (-s) + 1;
  if (s > 0 && lo < hi) *count = (hi - lo - 1) / s + 1;
  *start = lo;
  *step = s;
  return true;
}

// The view sliced in dimension 0 (other dimensions kept), len recomputed.
bool sliced_view(Call &call, const Value &key, mvconf_buffer *out, std::vector<ptrdiff_t> *dims) {
  const mvconf_buffer &v = call.self->view();
  ptrdiff_t start = 0, step = 1, count = 0;
  if (!unpack_slice(call, key, v.shape[0], &start, &step, &count)) return false;
  const size_t n = static_cast<size_t>(v.ndim);
  dims->assign(v.shape, v.shape + n);
  dims->insert(dims->end(), v.strides, v.strides + n);
  *out = v;
  out->buf = static_cast<char *>(v.buf) + start * v.strides[0];
  (*dims)[0] = count;
  (*dims)[n] = v.strides[0] * step;
  out->shape = dims->data();
  out->strides = dims->data() + n;
  ptrdiff_t items = 1;
  for (size_t d = 0; d < n; ++d) items *= (*dims)[d];
  out->len = items * v.itemsize;
  return true;
}

// A new memoryview on self's managed buffer with the given view.
void new_view(Call &call, const mvconf_buffer &view) {
  call.new_view = new MemoryView(call.self->mbuf(), view, view_flags(view, call.rules));
}

// All items in C order, unpacked; false (with err) at the first item of an unsupported format.
bool list_of(Call &call, const mvconf_buffer &view, char c, int dim, std::vector<ptrdiff_t> *idx,
             Value *out) {
  *out = Value::array();
  // Items are built in place: copying each finished sublist into its parent made a 64-d
  // tolist cost the square of its depth.
  auto &items = out->get_ref<Value::array_t &>();
  // (Reserved up to a bound: with a zero extent further in, an extent may be huge.)
  items.reserve(static_cast<size_t>(std::min<ptrdiff_t>(view.shape[dim], 1024)));
  for (ptrdiff_t i = 0; i < view.shape[dim]; ++i) {
    (*idx)[static_cast<size_t>(dim)] = i;
    Value &item = items.emplace_back();
    if (dim + 1 == view.ndim) {
      if (!item_supported(c, call.rules, call.err)) return false;
      item = unpack(c, element_pointer(view, idx->data()));
    } else if (!list_of(call, view, c, dim + 1, idx, &item)) {
      return false;
    }
  }
  return true;
}

// The buffer of a slice assignment's rvalue (PyObject_GetBuffer(value, PyBUF_FULL_RO)).
struct Source {
  mvconf_buffer buf{};
  std::string bytes;
  std::vector<ptrdiff_t> shape, strides;
  const Rules *rules = nullptr;
  ~Source() {
    if (buf.obj != nullptr) buffer_release(&buf, *rules);
  }
};

bool get_source(Call &call, const Value &value, Source *src) {
  src->rules = &call.rules;
  const Kind k = kind_of(value);
  if (k == Kind::kBytes || k == Kind::kByteArray) {
    static char fmt[] = "B";
    src->bytes = bytes_of(value);
    src->shape = {static_cast<ptrdiff_t>(src->bytes.size())};
    src->strides = {1};
    src->buf.buf = src->bytes.data();
    src->buf.len = src->shape[0];
    src->buf.itemsize = 1;
    src->buf.ndim = 1;
    src->buf.format = fmt;
    src->buf.shape = src->shape.data();
    src->buf.strides = src->strides.data();
    return true;
  }
  if (k != Kind::kView)
    return fail(call, "TypeError",
                "a bytes-like object is required, not '" + type_name(value) + "'");
  MemoryView *mv = view_arg(call, value);
  if (mv == nullptr) return false;
  return object_get_buffer(mvconf_ref{nullptr, to_handle(mv)}, &src->buf, MVCONF_BUF_FULL_RO,
                           call.rules, call.err) == 0;
}

// One leading '@' (native, the default) does not make another format; the mutant keeps it.
const char *strip_at(const char *f, const Rules &rules) {
  return f[0] == '@' && !rules.broken(Mutation::kSliceAssignAtNotStripped) ? f + 1 : f;
}

// m[slice] = value on a 1-D view: the structure check, then an overlap-safe copy through a
// temporary (the rvalue may be a view of the same memory).
bool assign_slice(Call &call, const Value &key, const Value &value) {
  Source src;
  if (!get_source(call, value, &src)) return false;
  mvconf_buffer dest;
  std::vector<ptrdiff_t> dims;
  if (!sliced_view(call, key, &dest, &dims)) return false;
  const mvconf_buffer &s = src.buf;
  const bool format_ignored = call.rules.broken(Mutation::kSliceAssignIgnoresFormat);
  bool same = (format_ignored ||
               std::strcmp(strip_at(dest.format, call.rules),
                           strip_at(s.format != nullptr ? s.format : "B", call.rules)) == 0) &&
              dest.itemsize == s.itemsize && dest.ndim == s.ndim;
  for (int d = 0; same && d < dest.ndim; ++d) {
    if (dest.shape[d] != s.shape[d]) same = false;
    if (dest.shape[d] == 0) break;
  }
  if (!same)
    return fail(call, "ValueError",
                "memoryview assignment: lvalue and rvalue have different structures");
  const ptrdiff_t n = dest.shape[0], size = dest.itemsize;
  std::vector<char> tmp(static_cast<size_t>(n * size));
  for (ptrdiff_t i = 0; i < n; ++i)
    std::memcpy(tmp.data() + i * size, element_pointer(s, &i), static_cast<size_t>(size));
  for (ptrdiff_t i = 0; i < n; ++i)
    std::memcpy(element_pointer(dest, &i), tmp.data() + i * size, static_cast<size_t>(size));
  return true;
}

}  // namespace

bool tolist(Call &call, const std::vector<Value> &args, Value *result) {
  if (!args.empty())
    return fail(call, "TypeError",
                std::string(call.rules.since(9) ? "memoryview." : "") +
                    "tolist() takes no arguments (" + std::to_string(args.size()) + " given)");
  if (released(call)) return false;
  const mvconf_buffer &view = call.self->view();
  const char c = item_char(view.format, call.rules, call.err);
  if (c == '\0') return false;
  if (view.ndim == 0) {
    if (!item_supported(c, call.rules, call.err)) return false;
    *result = unpack(c, static_cast<const char *>(view.buf));
    return true;
  }
  std::vector<ptrdiff_t> idx(static_cast<size_t>(view.ndim), 0);
  return list_of(call, view, c, 0, &idx, result);
}

bool getitem(Call &call, const std::vector<Value> &args, Value *result) {
  if (args.size() != 1) return fail(call, "SystemError", "mvconf impl: getitem needs one key");
  if (released(call)) return false;
  const Value &key = args[0];
  const mvconf_buffer &view = call.self->view();
  const Kind k = kind_of(key);
  Int unused;
  if (view.ndim == 0) {
    if (k == Kind::kTuple && key["tuple"].empty()) {
      const char c = item_char(view.format, call.rules, call.err);
      if (c == '\0' || !item_supported(c, call.rules, call.err)) return false;
      *result = unpack(c, static_cast<const char *>(view.buf));
      return true;
    }
    // `m[...] is m`: the view itself (the contract hands back the same handle, unowned).
    if (k == Kind::kEllipsis) return call.new_view = call.self, true;
    return fail(call, "TypeError", "invalid indexing of 0-dim memory");
  }
  if (index_of(key, &unused)) {
    Int i;
    index_of(key, &i);
    if (!i.fits_i64)
      return fail(call, "IndexError", "cannot fit 'int' into an index-sized integer");
    const char c = item_char(view.format, call.rules, call.err);
    if (c == '\0') return false;
    if (view.ndim > 1)
      return fail(call, "NotImplementedError", "multi-dimensional sub-views are not implemented");
    ptrdiff_t index = 0;
    if (!dimension_index(call, key, 0, &index)) return false;
    if (!item_supported(c, call.rules, call.err)) return false;
    *result = unpack(c, element_pointer(view, &index));
    return true;
  }
  if (k == Kind::kSlice) {
    mvconf_buffer sliced;
    std::vector<ptrdiff_t> dims;
    if (!sliced_view(call, key, &sliced, &dims)) return false;
    new_view(call, sliced);
    return true;
  }
  if (is_index_tuple(key)) {
    const char c = item_char(view.format, call.rules, call.err);
    if (c == '\0') return false;
    if (!tuple_arity(call, key, "sub-views are not implemented")) return false;
    char *ptr = nullptr;
    if (!item_pointer(call, key["tuple"], &ptr)) return false;
    if (!item_supported(c, call.rules, call.err)) return false;
    *result = unpack(c, ptr);
    return true;
  }
  if (is_slice_tuple(key))
    return fail(call, "NotImplementedError", "multi-dimensional slicing is not implemented");
  return fail(call, "TypeError", "memoryview: invalid slice key");
}

// pack(), except that a memoryview stored into '?' is bool(view), which is len(view) != 0: it
// raises for a released view and, from 3.12, for a 0-d one (found by the generators on 3.12).
static bool pack_item(Call &call, char c, const Value &value, char *p) {
  if (c != '?' || kind_of(value) != Kind::kView) return pack(c, value, p, call.err);
  MemoryView *mv = view_arg(call, value);
  if (mv == nullptr) return false;
  Call sub{call.rules, mv, call.views, call.nviews, call.err};
  Value n;
  if (!len(sub, {}, &n)) return false;
  return pack(c, Value(n != 0), p, call.err);
}

// m[key] = value (set) or del m[key] (value == nullptr).
static bool assign(Call &call, const Value &key, const Value *value) {
  if (released(call)) return false;
  const mvconf_buffer &view = call.self->view();
  // The format is checked before read-only: a read-only view of 'ii' is NotImplementedError.
  const bool readonly_first = call.rules.broken(Mutation::kReadonlyBeforeFormat);
  if (readonly_first && view.readonly)
    return fail(call, "TypeError", "cannot modify read-only memory");
  const char c = item_char(view.format, call.rules, call.err);
  if (c == '\0') return false;
  if (view.readonly) return fail(call, "TypeError", "cannot modify read-only memory");
  if (value == nullptr) return fail(call, "TypeError", "cannot delete memory");
  const Kind k = kind_of(key);
  char *ptr = static_cast<char *>(view.buf);
  if (view.ndim == 0) {
    if (k == Kind::kEllipsis || (k == Kind::kTuple && key["tuple"].empty()))
      return item_supported(c, call.rules, call.err) && pack_item(call, c, *value, ptr);
    return fail(call, "TypeError", "invalid indexing of 0-dim memory");
  }
  Int unused;
  if (index_of(key, &unused)) {
    if (view.ndim > 1) return fail(call, "NotImplementedError", "sub-views are not implemented");
    ptrdiff_t index = 0;
    if (!dimension_index(call, key, 0, &index)) return false;
    return item_supported(c, call.rules, call.err) &&
           pack_item(call, c, *value, element_pointer(view, &index));
  }
  if (k == Kind::kSlice && view.ndim == 1) return assign_slice(call, key, *value);
  if (is_index_tuple(key)) {
    if (!tuple_arity(call, key, "sub-views are not implemented")) return false;
    if (!item_pointer(call, key["tuple"], &ptr)) return false;
    return item_supported(c, call.rules, call.err) && pack_item(call, c, *value, ptr);
  }
  if (k == Kind::kSlice || is_slice_tuple(key))
    return fail(call, "NotImplementedError",
                "memoryview slice assignments are currently restricted to ndim = 1");
  return fail(call, "TypeError", "memoryview: invalid slice key");
}

bool setitem(Call &call, const std::vector<Value> &args, Value *result) {
  if (args.size() != 2) return fail(call, "SystemError", "mvconf impl: setitem needs key, value");
  if (!assign(call, args[0], &args[1])) return false;
  *result = nullptr;
  return true;
}

bool delitem(Call &call, const std::vector<Value> &args, Value *result) {
  if (args.size() != 1) return fail(call, "SystemError", "mvconf impl: delitem needs one key");
  if (!assign(call, args[0], nullptr)) return false;
  *result = nullptr;
  return true;
}

}  // namespace mvconf::impl::py
