// Compile-only test: the port contract's numbers and struct layout equal CPython's.
// Compiling this file is the test (ctest builds it as `PortContract.PinsPyBufferLayout`).
#include <Python.h>

#include <cstddef>

#include "mvconf/port.h"

#define MVCONF_PIN_FIELD(f)                                                         \
  static_assert(offsetof(mvconf_buffer, f) == offsetof(Py_buffer, f) &&             \
                    sizeof(((mvconf_buffer *)0)->f) == sizeof(((Py_buffer *)0)->f), \
                "mvconf_buffer." #f " differs from Py_buffer." #f)

static_assert(sizeof(mvconf_buffer) == sizeof(Py_buffer), "mvconf_buffer size");
static_assert(sizeof(ptrdiff_t) == sizeof(Py_ssize_t), "ptrdiff_t is Py_ssize_t");
MVCONF_PIN_FIELD(buf);
MVCONF_PIN_FIELD(obj);
MVCONF_PIN_FIELD(len);
MVCONF_PIN_FIELD(itemsize);
MVCONF_PIN_FIELD(readonly);
MVCONF_PIN_FIELD(ndim);
MVCONF_PIN_FIELD(format);
MVCONF_PIN_FIELD(shape);
MVCONF_PIN_FIELD(strides);
MVCONF_PIN_FIELD(suboffsets);
MVCONF_PIN_FIELD(internal);

#define MVCONF_PIN_FLAG(name) \
  static_assert(MVCONF_BUF_##name == PyBUF_##name, "MVCONF_BUF_" #name " != PyBUF_" #name)
MVCONF_PIN_FLAG(SIMPLE);
MVCONF_PIN_FLAG(WRITABLE);
MVCONF_PIN_FLAG(FORMAT);
MVCONF_PIN_FLAG(ND);
MVCONF_PIN_FLAG(STRIDES);
MVCONF_PIN_FLAG(C_CONTIGUOUS);
MVCONF_PIN_FLAG(F_CONTIGUOUS);
MVCONF_PIN_FLAG(ANY_CONTIGUOUS);
MVCONF_PIN_FLAG(INDIRECT);
MVCONF_PIN_FLAG(CONTIG);
MVCONF_PIN_FLAG(CONTIG_RO);
MVCONF_PIN_FLAG(STRIDED);
MVCONF_PIN_FLAG(STRIDED_RO);
MVCONF_PIN_FLAG(RECORDS);
MVCONF_PIN_FLAG(RECORDS_RO);
MVCONF_PIN_FLAG(FULL);
MVCONF_PIN_FLAG(FULL_RO);
MVCONF_PIN_FLAG(READ);
MVCONF_PIN_FLAG(WRITE);
static_assert(MVCONF_MAX_NDIM == PyBUF_MAX_NDIM, "MVCONF_MAX_NDIM");
static_assert(MVCONF_VIEW_RELEASED == _Py_MEMORYVIEW_RELEASED, "RELEASED");
static_assert(MVCONF_VIEW_C == _Py_MEMORYVIEW_C, "C");
static_assert(MVCONF_VIEW_FORTRAN == _Py_MEMORYVIEW_FORTRAN, "FORTRAN");
static_assert(MVCONF_VIEW_SCALAR == _Py_MEMORYVIEW_SCALAR, "SCALAR");
static_assert(MVCONF_VIEW_PIL == _Py_MEMORYVIEW_PIL, "PIL");
