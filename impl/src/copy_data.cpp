#include "copy_data.h"

#include <cstring>
#include <vector>

#include "buffer_functions.h"
#include "contiguity.h"
#include "errors.h"
#include "layout.h"
#include "reexport.h"

namespace mvconf::impl {
namespace {

constexpr const char *kCopyData = "PyObject_CopyData";

// A buffer obtained with object_get_buffer, released when it goes out of scope, so that no
// error path can leak an export.
class HeldBuffer {
 public:
  explicit HeldBuffer(const Rules &rules) : rules_(rules) {}
  ~HeldBuffer() {
    if (held_) buffer_release(&view_, rules_);
  }
  HeldBuffer(const HeldBuffer &) = delete;
  HeldBuffer &operator=(const HeldBuffer &) = delete;

  int get(mvconf_ref obj, int flags, mvconf_error *err) {
    held_ = object_get_buffer(obj, &view_, flags, rules_, err) == 0;
    return held_ ? 0 : -1;
  }
  const mvconf_buffer &view() const { return view_; }

 private:
  const Rules &rules_;
  mvconf_buffer view_{};
  bool held_ = false;
};

// Memoryviews always speak the buffer protocol; an exporter only with a getbuffer.
bool supports_buffer(mvconf_ref obj) {
  return obj.view != nullptr || (obj.exporter != nullptr && obj.exporter->getbuffer != nullptr);
}

// Why the element-wise copy of §4.3 step 5 cannot run safely, or nullptr. CPython indexes dest
// with src's index tuple, so anything but the same ndim and shape reads or writes out of
// bounds there.
const char *elementwise_problem(const mvconf_buffer &dest, const mvconf_buffer &src) {
  if (src.ndim < 1) return "a 0-d source is only copied when contiguous";
  if (dest.ndim != src.ndim) return "dest and src differ in ndim (out-of-bounds access)";
  if (src.shape == nullptr || dest.shape == nullptr) return "shape is NULL";
  if (src.strides == nullptr || dest.strides == nullptr) return "strides is NULL";
  for (int i = 0; i < src.ndim; ++i)
    if (dest.shape[i] != src.shape[i]) return "dest and src differ in shape (out-of-bounds access)";
  if (src.itemsize < 0) return "itemsize is negative";
  if (src.itemsize > dest.itemsize) return "src items are larger than dest items";
  return nullptr;
}

int copy_elementwise(const mvconf_buffer &dest, const mvconf_buffer &src, const Rules &rules,
                     mvconf_error *err) {
  if (const char *problem = elementwise_problem(dest, src)) {
    set_undefined(err, kCopyData, problem);
    return -1;
  }
  ptrdiff_t count = 0;
  if (!element_count(src.ndim, src.shape, &count)) {
    set_undefined(err, kCopyData, "shape has a negative extent or too many elements");
    return -1;
  }
  if (count > 0 && (dest.buf == nullptr || src.buf == nullptr)) {
    set_undefined(err, kCopyData, "NULL buffer pointer");
    return -1;
  }
  // C index order, but the index is advanced before each copy (gh-143737): the visit starts at
  // the second element and wraps round to the first. Only overlapping buffers can tell.
  std::vector<ptrdiff_t> index(src.ndim, 0);
  for (ptrdiff_t k = 0; k < count; ++k) {
    next_index(src.ndim, src.shape, index.data(), false);
    char *to = static_cast<char *>(get_pointer(&dest, index.data(), rules, err));
    const char *from = static_cast<const char *>(get_pointer(&src, index.data(), rules, err));
    if (to == nullptr || from == nullptr) return -1;
    std::memmove(to, from, static_cast<size_t>(src.itemsize));
  }
  return 0;
}

}  // namespace

int copy_data(mvconf_ref dest, mvconf_ref src, const Rules &rules, mvconf_error *err) {
  if (!supports_buffer(dest) || !supports_buffer(src)) {
    set_error(err, "TypeError", "both destination and source must be bytes-like objects");
    return -1;
  }
  HeldBuffer d(rules), s(rules);
  if (d.get(dest, MVCONF_BUF_FULL, err) < 0) return -1;
  if (s.get(src, MVCONF_BUF_FULL_RO, err) < 0) return -1;
  const mvconf_buffer &dv = d.view(), &sv = s.view();
  if (dv.len < sv.len) {
    set_error(err, "BufferError", "destination is too small to receive data from source");
    return -1;
  }
  // PyBuffer_IsContiguous decides; format, itemsize and shape are not compared here.
  int both = 0;
  if (rules.broken(Mutation::kCopyDataMixedOrderMemcpy)) {
    const int dc = contiguity(dv, 'A', rules, kCopyData, err);
    const int sc = dc == 1 ? contiguity(sv, 'A', rules, kCopyData, err) : 0;
    if (dc < 0 || sc < 0) return -1;
    both = dc == 1 && sc == 1 ? 1 : 0;
  }
  for (char order : {'C', 'F'}) {
    if (both == 1) break;
    const int dc = contiguity(dv, order, rules, kCopyData, err);
    const int sc = dc == 1 ? contiguity(sv, order, rules, kCopyData, err) : 0;
    if (dc < 0 || sc < 0) return -1;
    if (dc == 1 && sc == 1) {
      both = 1;
      break;
    }
  }
  if (both == 0) return copy_elementwise(dv, sv, rules, err);
  if (sv.len < 0) {
    set_undefined(err, kCopyData, "src len is negative");
    return -1;
  }
  if (sv.len > 0 && (dv.buf == nullptr || sv.buf == nullptr)) {
    set_undefined(err, kCopyData, "NULL buffer pointer");
    return -1;
  }
  // memmove: the same exporter may be on both sides.
  if (sv.len > 0) std::memmove(dv.buf, sv.buf, static_cast<size_t>(sv.len));
  return 0;
}

}  // namespace mvconf::impl
