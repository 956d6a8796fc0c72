#include "buffer_functions.h"

#include <cstring>
#include <vector>

#include "contiguity.h"
#include "errors.h"
#include "layout.h"

namespace mvconf::impl {
namespace {

constexpr const char *kIsContiguous = "PyBuffer_IsContiguous";
constexpr const char *kToContiguous = "PyBuffer_ToContiguous";
constexpr const char *kFromContiguous = "PyBuffer_FromContiguous";
constexpr const char *kGetPointer = "PyBuffer_GetPointer";
constexpr const char *kFillStrides = "PyBuffer_FillContiguousStrides";

// PyBuffer_FillInfo stores a pointer to a static "B": the format field is not const in the
// Py_buffer layout, so keep a writable-typed array that nobody writes.
char g_unsigned_bytes_format[] = "B";

// count*itemsize <= limit without overflowing.
bool fits(ptrdiff_t count, ptrdiff_t itemsize, ptrdiff_t limit) {
  if (count == 0 || itemsize == 0) return limit >= 0;
  return count <= limit / itemsize;
}

}  // namespace

int is_contiguous(const mvconf_buffer *view, char order, const Rules &rules, mvconf_error *err) {
  if (view == nullptr) {
    set_undefined(err, kIsContiguous, "view is NULL");
    return -1;
  }
  return contiguity(*view, order, rules, kIsContiguous, err);
}

int copy_logical(const mvconf_buffer &src, char *dest, ptrdiff_t dest_len, bool fortran,
                 const char *function, mvconf_error *err) {
  if (const char *problem = reconstruction_problem(src)) {
    set_undefined(err, function, problem);
    return -1;
  }
  if (src.itemsize < 0) {
    set_undefined(err, function, "itemsize is negative");
    return -1;
  }
  if (dest_len < 0) {
    set_undefined(err, function, "len is negative");
    return -1;
  }
  // A 0-d buffer only reaches the element-wise copy through an invalid order, and there
  // CPython 3.11 dereferences the missing shape (segfault observed: 0-d ndarray, order 'X').
  if (src.ndim == 0) {
    set_undefined(err, function, "a 0-d buffer cannot be copied in an invalid order");
    return -1;
  }
  // The temporary full view of §1.3: same buffer, rebuilt shape and strides.
  const int ndim = src.ndim;
  std::vector<ptrdiff_t> shape(ndim), strides(ndim), index(ndim, 0);
  reconstruct_shape_strides(src, shape.data(), strides.data(), nullptr);
  mvconf_buffer full = src;
  full.shape = shape.data();
  full.strides = strides.data();

  ptrdiff_t count = 0;
  if (!element_count(ndim, full.shape, &count)) {
    set_undefined(err, function, "shape has a negative extent or too many elements");
    return -1;
  }
  // CPython writes product(shape)*itemsize bytes whatever len says: more than len would be an
  // out-of-bounds write.
  if (!fits(count, src.itemsize, dest_len)) {
    set_undefined(err, function, "shape and itemsize describe more bytes than len");
    return -1;
  }
  if (count == 0 || src.itemsize == 0) return 0;
  if (dest == nullptr || src.buf == nullptr) {
    set_undefined(err, function, "NULL buffer pointer");
    return -1;
  }
  for (ptrdiff_t k = 0; k < count; ++k) {
    std::memcpy(dest + k * src.itemsize, element_pointer(full, index.data()), src.itemsize);
    next_index(ndim, full.shape, index.data(), fortran);
  }
  return 0;
}

int to_contiguous(void *buf, const mvconf_buffer *src, ptrdiff_t len, char order,
                  const Rules &rules, mvconf_error *err) {
  if (src == nullptr) {
    set_undefined(err, kToContiguous, "src is NULL");
    return -1;
  }
  if (rules.broken(Mutation::kToContiguousShortLenAccepted) ? len > src->len : len != src->len) {
    set_error(err, "ValueError", "PyBuffer_ToContiguous: len != view->len");
    return -1;
  }
  if (!is_known_order(order) && rules.broken(Mutation::kInvalidOrderAsC)) order = 'C';
  const int contiguous = contiguity(*src, order, rules, kToContiguous, err);
  if (contiguous < 0) return -1;
  if (contiguous == 1) {
    // A physical copy: for 'A' on an F-contiguous buffer this keeps Fortran order.
    if (len < 0) {
      set_undefined(err, kToContiguous, "len is negative");
      return -1;
    }
    if (len > 0 && (buf == nullptr || src->buf == nullptr)) {
      set_undefined(err, kToContiguous, "NULL buffer pointer");
      return -1;
    }
    if (len > 0) std::memcpy(buf, src->buf, len);
    return 0;
  }
  // Only 'C' and 'A' copy in C order: any other char (an invalid one too) means Fortran.
  const bool fortran = !(order == 'C' || order == 'A');
  return copy_logical(*src, static_cast<char *>(buf), len, fortran, kToContiguous, err);
}

int from_contiguous(const mvconf_buffer *view, const void *buf, ptrdiff_t len, char order,
                    const Rules &rules, mvconf_error *err) {
  if (view == nullptr) {
    set_undefined(err, kFromContiguous, "view is NULL");
    return -1;
  }
  if (len > view->len) {  // clamped, never an error
    if (rules.broken(Mutation::kFromContiguousNoClamp)) {
      set_undefined(err, kFromContiguous, "len exceeds view->len (would write past the buffer)");
      return -1;
    }
    len = view->len;
  }
  if (len < 0) {
    set_undefined(err, kFromContiguous, "len is negative");
    return -1;
  }
  const int contiguous = contiguity(*view, order, rules, kFromContiguous, err);
  if (contiguous < 0) return -1;
  const char *src = static_cast<const char *>(buf);
  if (contiguous == 1) {
    if (len > 0 && (buf == nullptr || view->buf == nullptr)) {
      set_undefined(err, kFromContiguous, "NULL buffer pointer");
      return -1;
    }
    if (len > 0) std::memcpy(view->buf, src, len);
    return 0;
  }
  // The scatter path places each item through GetPointer, which needs shape and strides.
  if (view->ndim < 0) {
    set_undefined(err, kFromContiguous, "ndim is negative");
    return -1;
  }
  if (view->itemsize <= 0) {
    set_undefined(err, kFromContiguous, "itemsize <= 0 (the item count is len / itemsize)");
    return -1;
  }
  if (view->ndim >= 1 && (view->strides == nullptr || view->shape == nullptr)) {
    set_undefined(err, kFromContiguous, "non-contiguous path needs shape and strides");
    return -1;
  }
  ptrdiff_t count = 0;
  if (!element_count(view->ndim, view->shape, &count)) {
    set_undefined(err, kFromContiguous, "shape has a negative extent or too many elements");
    return -1;
  }
  // A partial last item is dropped (integer division).
  const ptrdiff_t n = len / view->itemsize;
  if (n > count) {
    set_undefined(err, kFromContiguous, "len holds more items than the shape describes");
    return -1;
  }
  if (n > 0 && (buf == nullptr || view->buf == nullptr)) {
    set_undefined(err, kFromContiguous, "NULL buffer pointer");
    return -1;
  }
  // Fortran order only for 'F'; 'C', 'A' and anything else scatter in C order.
  const bool fortran =
      order == 'F' || (rules.broken(Mutation::kFromContiguousAFortran) && order == 'A');
  std::vector<ptrdiff_t> index(view->ndim, 0);
  for (ptrdiff_t k = 0; k < n; ++k) {
    std::memcpy(element_pointer(*view, index.data()), src + k * view->itemsize, view->itemsize);
    next_index(view->ndim, view->shape, index.data(), fortran);
  }
  return 0;
}

int fill_contiguous_strides(int ndim, const ptrdiff_t *shape, ptrdiff_t *strides, int itemsize,
                            char order, const Rules &rules, mvconf_error *err) {
  if (ndim >= 1 && (shape == nullptr || strides == nullptr)) {
    set_undefined(err, kFillStrides, "shape or strides is NULL");
    return -1;
  }
  // 'F' is the only order that yields Fortran strides; everything else gets C strides.
  if (order == 'F' || (rules.broken(Mutation::kFillStridesAAsF) && order == 'A')) {
    fill_f_strides(ndim, shape, strides, itemsize);
  } else {
    fill_c_strides(ndim, shape, strides, itemsize);
  }
  return 0;
}

void *get_pointer(const mvconf_buffer *view, const ptrdiff_t *indices, const Rules &rules,
                  mvconf_error *err) {
  if (view == nullptr) {
    set_undefined(err, kGetPointer, "view is NULL");
    return nullptr;
  }
  if (view->ndim >= 1 && view->strides == nullptr) {
    set_undefined(err, kGetPointer, "strides is NULL with ndim >= 1");
    return nullptr;
  }
  if (view->ndim >= 1 && indices == nullptr) {
    set_undefined(err, kGetPointer, "indices is NULL with ndim >= 1");
    return nullptr;
  }
  // A suboffset makes GetPointer read a pointer at buf + offset: with a NULL buf that read
  // faults (undefined behaviour in CPython), so it is an error here.
  if (view->buf == nullptr && view->suboffsets != nullptr)
    for (int i = 0; i < view->ndim; ++i)
      if (view->suboffsets[i] >= 0) {
        set_undefined(err, kGetPointer, "buf is NULL and a suboffset is to be followed");
        return nullptr;
      }
  if (rules.broken(Mutation::kGetPointerWrapsNegative) && view->ndim >= 1 && view->shape) {
    std::vector<ptrdiff_t> wrapped(indices, indices + view->ndim);
    for (int i = 0; i < view->ndim; ++i)
      if (wrapped[i] < 0) wrapped[i] += view->shape[i];
    return element_pointer(*view, wrapped.data());
  }
  return element_pointer(*view, indices);
}

int fill_info(mvconf_buffer *view, const mvconf_exporter *obj, void *buf, ptrdiff_t len,
              int readonly, int flags, const Rules &rules, mvconf_error *err) {
  if (view == nullptr) {
    set_error(err, "BufferError", "PyBuffer_FillInfo: view==NULL argument is obsolete");
    return -1;
  }
  // 3.13 (gh-114685) rejects the buffertypes PyBUF_READ/PyBUF_WRITE passed as request flags,
  // with CPython's internal-call error, which names its own source line (3.13.0's wording).
  if (rules.since(13) && (flags == MVCONF_BUF_READ || flags == MVCONF_BUF_WRITE)) {
    set_error(err, "SystemError", "Objects/abstract.c:772: bad argument to internal function");
    return -1;
  }
  // Only readonly == 1 is refused: other non-zero values pass and are stored as given.
  const bool refused =
      rules.broken(Mutation::kFillInfoRejectsReadonlyNonzero) ? readonly != 0 : readonly == 1;
  if ((flags & MVCONF_BUF_WRITABLE) != 0 && refused) {
    set_error(err, "BufferError", "Object is not writable.");
    return -1;
  }
  view->obj = const_cast<mvconf_exporter *>(obj);
  view->buf = buf;
  view->len = len;
  view->readonly = readonly;
  view->itemsize = 1;
  const bool format =
      (flags & MVCONF_BUF_FORMAT) != 0 || rules.broken(Mutation::kFillInfoFormatAlways);
  view->format = format ? g_unsigned_bytes_format : nullptr;
  view->ndim = 1;
  // The kFillInfoShapeOnStridesBit mutant also answers the 0x10 bit alone with a shape.
  const bool shape = (flags & MVCONF_BUF_ND) == MVCONF_BUF_ND ||
                     (rules.broken(Mutation::kFillInfoShapeOnStridesBit) && (flags & 0x10) != 0);
  view->shape = shape ? &view->len : nullptr;
  view->strides = (flags & MVCONF_BUF_STRIDES) == MVCONF_BUF_STRIDES ? &view->itemsize : nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;
}

}  // namespace mvconf::impl
