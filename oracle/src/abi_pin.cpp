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

// ABI 1.3 appended mvconf_exporter.hash: the fields a port built against 1.2 reads keep their
// offsets, so a 1.2 port still reads every exporter the harness makes correctly.
static_assert(offsetof(mvconf_exporter, getbuffer) == sizeof(void *) &&
                  offsetof(mvconf_exporter, releasebuffer) == 2 * sizeof(void *) &&
                  offsetof(mvconf_exporter, ctx) == 3 * sizeof(void *),
              "mvconf_exporter's ABI 1.2 fields moved");
static_assert(offsetof(mvconf_exporter, hash) == 4 * sizeof(void *) &&
                  sizeof(mvconf_exporter) == 5 * sizeof(void *),
              "mvconf_exporter.hash is not the last field");
static_assert(MVCONF_ABI_MAJOR == 1 && MVCONF_ABI_MINOR == 3 &&
                  MVCONF_PORT_SLOTS_1_2 * sizeof(void *) ==
                      sizeof(mvconf_port) - offsetof(mvconf_port, from_object),
              "ABI 1.3 adds no slot: slot_count stays MVCONF_PORT_SLOTS_1_2");
static_assert(MVCONF_VIEW_RELEASED == _Py_MEMORYVIEW_RELEASED, "RELEASED");
static_assert(MVCONF_VIEW_C == _Py_MEMORYVIEW_C, "C");
static_assert(MVCONF_VIEW_FORTRAN == _Py_MEMORYVIEW_FORTRAN, "FORTRAN");
static_assert(MVCONF_VIEW_SCALAR == _Py_MEMORYVIEW_SCALAR, "SCALAR");
static_assert(MVCONF_VIEW_PIL == _Py_MEMORYVIEW_PIL, "PIL");
