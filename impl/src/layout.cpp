#include "layout.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace mvconf::impl {

ptrdiff_t wrapping_mul(ptrdiff_t a, ptrdiff_t b) {
  return static_cast<ptrdiff_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

void fill_c_strides(int ndim, const ptrdiff_t *shape, ptrdiff_t *strides, ptrdiff_t itemsize) {
  ptrdiff_t sd = itemsize;
  for (int i = ndim - 1; i >= 0; --i) {
    strides[i] = sd;
    sd = wrapping_mul(sd, shape[i]);
  }
}

void fill_f_strides(int ndim, const ptrdiff_t *shape, ptrdiff_t *strides, ptrdiff_t itemsize) {
  ptrdiff_t sd = itemsize;
  for (int i = 0; i < ndim; ++i) {
    strides[i] = sd;
    sd = wrapping_mul(sd, shape[i]);
  }
}

const char *reconstruction_problem(const mvconf_buffer &src) {
  if (src.ndim < 0) return "ndim is negative";
  if (src.ndim >= 2 && src.shape == nullptr) return "ndim >= 2 with shape NULL";
  // The 1-D shape is len / itemsize when the shape is missing: a division by zero for itemsize
  // 0, and a meaningless extent for a negative one.
  if (src.ndim == 1 && src.shape == nullptr && src.itemsize <= 0)
    return "shape NULL with itemsize <= 0 (shape would be len / itemsize)";
  return nullptr;
}

void reconstruct_shape_strides(const mvconf_buffer &src, ptrdiff_t *shape, ptrdiff_t *strides,
                               ptrdiff_t *suboffsets) {
  const int ndim = src.ndim;
  if (ndim == 1) {
    shape[0] = src.shape != nullptr ? src.shape[0] : src.len / src.itemsize;
    strides[0] = src.strides != nullptr ? src.strides[0] : src.itemsize;
  } else if (ndim >= 2) {
    std::memcpy(shape, src.shape, sizeof(ptrdiff_t) * ndim);
    if (src.strides != nullptr) {
      std::memcpy(strides, src.strides, sizeof(ptrdiff_t) * ndim);
    } else {
      fill_c_strides(ndim, shape, strides, src.itemsize);
    }
  }
  if (ndim >= 1 && src.suboffsets != nullptr && suboffsets != nullptr)
    std::memcpy(suboffsets, src.suboffsets, sizeof(ptrdiff_t) * ndim);
}

bool element_count(int ndim, const ptrdiff_t *shape, ptrdiff_t *count) {
  ptrdiff_t n = 1;
  for (int i = 0; i < ndim; ++i) {
    if (shape[i] < 0) return false;
    if (shape[i] == 0) {
      n = 0;
      continue;
    }
    if (n > std::numeric_limits<ptrdiff_t>::max() / shape[i]) return false;
    n *= shape[i];
  }
  *count = n;
  return true;
}

void next_index(int ndim, const ptrdiff_t *shape, ptrdiff_t *idx, bool fortran) {
  for (int k = 0; k < ndim; ++k) {
    const int i = fortran ? k : ndim - 1 - k;
    if (++idx[i] < shape[i]) return;
    idx[i] = 0;
  }
}

char *element_pointer(const mvconf_buffer &view, const ptrdiff_t *idx) {
  // Integer arithmetic: an address outside any object is not C++ UB this way, and the spec
  // says there is no bounds checking (index [5,7] on (2,3) is simply offset 22).
  uintptr_t p = reinterpret_cast<uintptr_t>(view.buf);
  for (int i = 0; i < view.ndim; ++i) {
    p += static_cast<uintptr_t>(wrapping_mul(view.strides[i], idx[i]));
    if (view.suboffsets != nullptr && view.suboffsets[i] >= 0) {
      char *target;
      std::memcpy(&target, reinterpret_cast<const void *>(p), sizeof target);
      p = reinterpret_cast<uintptr_t>(target) + static_cast<uintptr_t>(view.suboffsets[i]);
    }
  }
  return reinterpret_cast<char *>(p);
}

}  // namespace mvconf::impl
