// The PyBuffer_* functions (spec §3, §4.1–§4.6), validated where CPython has undefined
// behaviour (spec §9): such input gets a SystemError "mvconf impl: ..." instead of a crash.
#ifndef MVCONF_IMPL_BUFFER_FUNCTIONS_H
#define MVCONF_IMPL_BUFFER_FUNCTIONS_H

#include <mvconf/port.h>

#include "rules.h"

namespace mvconf::impl {

/// PyBuffer_IsContiguous: 1 or 0; -1 with err only for input CPython crashes on.
int is_contiguous(const mvconf_buffer *view, char order, const Rules &rules, mvconf_error *err);

/// PyBuffer_ToContiguous: 0, or -1 with err.
int to_contiguous(void *buf, const mvconf_buffer *src, ptrdiff_t len, char order,
                  const Rules &rules, mvconf_error *err);

/// PyBuffer_FromContiguous: 0, or -1 with err.
int from_contiguous(const mvconf_buffer *view, const void *buf, ptrdiff_t len, char order,
                    const Rules &rules, mvconf_error *err);

/// PyBuffer_FillContiguousStrides: 0; -1 with err only for NULL arrays CPython would write to.
int fill_contiguous_strides(int ndim, const ptrdiff_t *shape, ptrdiff_t *strides, int itemsize,
                            char order, const Rules &rules, mvconf_error *err);

/// PyBuffer_GetPointer; NULL with err only for input CPython crashes on.
void *get_pointer(const mvconf_buffer *view, const ptrdiff_t *indices, const Rules &rules,
                  mvconf_error *err);

/// PyBuffer_FillInfo: 0, or -1 with err. `obj` is stored as given.
int fill_info(mvconf_buffer *view, const mvconf_exporter *obj, void *buf, ptrdiff_t len,
              int readonly, int flags, const Rules &rules, mvconf_error *err);

/// Copies the logical content of src into dest (dest_len bytes) in C or Fortran index order,
/// after §1.3 reconstruction of a temporary view; suboffsets are followed. `function` names
/// the API function in SystemError messages.
int copy_logical(const mvconf_buffer &src, char *dest, ptrdiff_t dest_len, bool fortran,
                 const char *function, mvconf_error *err);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_BUFFER_FUNCTIONS_H
