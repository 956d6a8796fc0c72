// Low-level layout arithmetic shared by the buffer functions and the memoryview: strides,
// reconstruction of missing shape/strides (spec §1.3), index iteration and element addresses.
// Callers validate first; these helpers assume the layout they are given is usable.
#ifndef MVCONF_IMPL_LAYOUT_H
#define MVCONF_IMPL_LAYOUT_H

#include <mvconf/port.h>

#include <cstddef>

namespace mvconf::impl {

/// Multiplication that wraps instead of overflowing (CPython's arithmetic on valid input never
/// overflows; on nonsense input we must at least not invoke C++ undefined behaviour).
ptrdiff_t wrapping_mul(ptrdiff_t a, ptrdiff_t b);

/// C-order strides: last = itemsize, s[i] = s[i+1]*shape[i+1].
void fill_c_strides(int ndim, const ptrdiff_t *shape, ptrdiff_t *strides, ptrdiff_t itemsize);

/// Fortran-order strides: first = itemsize, s[i] = s[i-1]*shape[i-1].
void fill_f_strides(int ndim, const ptrdiff_t *shape, ptrdiff_t *strides, ptrdiff_t itemsize);

/// Why src cannot go through §1.3 reconstruction (CPython has UB there), or nullptr if it can.
const char *reconstruction_problem(const mvconf_buffer &src);

/// §1.3: fills shape[ndim] and strides[ndim] from src, rebuilding missing values. Suboffsets
/// are copied into `suboffsets` when src has them. Requires reconstruction_problem() == nullptr.
void reconstruct_shape_strides(const mvconf_buffer &src, ptrdiff_t *shape, ptrdiff_t *strides,
                               ptrdiff_t *suboffsets);

/// The number of elements product(shape); false if an extent is negative or it overflows.
bool element_count(int ndim, const ptrdiff_t *shape, ptrdiff_t *count);

/// Steps idx to the next index tuple in C order (last index fastest) or Fortran order.
void next_index(int ndim, const ptrdiff_t *shape, ptrdiff_t *idx, bool fortran);

/// The address of element idx: strides added, suboffsets followed, no bounds checks (§4.6).
/// Requires strides != NULL when ndim >= 1.
char *element_pointer(const mvconf_buffer &view, const ptrdiff_t *idx);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_LAYOUT_H
