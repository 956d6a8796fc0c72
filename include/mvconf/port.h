/* mvconf port contract, ABI version 1.
 *
 * Every implementation under test (the clean-room impl, the embedded CPython oracle, a mutant,
 * a third-party library) is a *port*: a table of C functions that answer the questions of
 * CPython's memoryview C API. The harness owns all exporter memory and counts every
 * getbuffer/releasebuffer; the port owns its memoryview objects.
 *
 * C99, no Python.h. Numeric values equal CPython's (PyBUF_*, Py_buffer layout); a compile-only
 * test pins them against the real headers.
 *
 * How to extend: new slots are appended at the end of mvconf_port (and new fields at the end of
 * mvconf_exporter) and bump MVCONF_ABI_MINOR; a harness reads a slot only when slot_count covers
 * it, and uses a new exporter field only with ports that declare its feature. Any other change
 * bumps MVCONF_ABI_MAJOR.
 */
#ifndef MVCONF_PORT_H
#define MVCONF_PORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ABI version of this header; the harness passes it to mvconf_port_entry().
#define MVCONF_ABI_MAJOR 1
#define MVCONF_ABI_MINOR 3

/// Every feature a port may declare in mvconf_port.features, as X(name, ABI minor that added
/// it): the one list, which the harness, the impl and the oracle expand. To add a feature,
/// append it here and document it at mvconf_port.features.
#define MVCONF_FEATURES(X)                                                                     \
  X(constructors, 0) X(buffer_functions, 0) X(export_counts, 0) X(reexport, 1)                \
  X(size_from_format, 1) X(copy_data, 1) X(python_api, 2) X(exporter_hash, 3)                \
  X(python_level, 3)

/// Request flags, numerically equal to CPython's PyBUF_* constants.
#define MVCONF_BUF_SIMPLE 0
#define MVCONF_BUF_WRITABLE 0x0001
#define MVCONF_BUF_FORMAT 0x0004
#define MVCONF_BUF_ND 0x0008
#define MVCONF_BUF_STRIDES (0x0010 | MVCONF_BUF_ND)
#define MVCONF_BUF_C_CONTIGUOUS (0x0020 | MVCONF_BUF_STRIDES)
#define MVCONF_BUF_F_CONTIGUOUS (0x0040 | MVCONF_BUF_STRIDES)
#define MVCONF_BUF_ANY_CONTIGUOUS (0x0080 | MVCONF_BUF_STRIDES)
#define MVCONF_BUF_INDIRECT (0x0100 | MVCONF_BUF_STRIDES)
#define MVCONF_BUF_CONTIG (MVCONF_BUF_ND | MVCONF_BUF_WRITABLE)
#define MVCONF_BUF_CONTIG_RO (MVCONF_BUF_ND)
#define MVCONF_BUF_STRIDED (MVCONF_BUF_STRIDES | MVCONF_BUF_WRITABLE)
#define MVCONF_BUF_STRIDED_RO (MVCONF_BUF_STRIDES)
#define MVCONF_BUF_RECORDS (MVCONF_BUF_STRIDES | MVCONF_BUF_WRITABLE | MVCONF_BUF_FORMAT)
#define MVCONF_BUF_RECORDS_RO (MVCONF_BUF_STRIDES | MVCONF_BUF_FORMAT)
#define MVCONF_BUF_FULL (MVCONF_BUF_INDIRECT | MVCONF_BUF_WRITABLE | MVCONF_BUF_FORMAT)
#define MVCONF_BUF_FULL_RO (MVCONF_BUF_INDIRECT | MVCONF_BUF_FORMAT)
/// Buffer types of GetContiguous / FromMemory, equal to PyBUF_READ and PyBUF_WRITE.
#define MVCONF_BUF_READ 0x100
#define MVCONF_BUF_WRITE 0x200
/// Maximum number of dimensions of a memoryview, equal to PyBUF_MAX_NDIM.
#define MVCONF_MAX_NDIM 64

/// Memoryview state bits reported by view_state(), equal to CPython's _Py_MEMORYVIEW_*.
#define MVCONF_VIEW_RELEASED 0x001
#define MVCONF_VIEW_C 0x002
#define MVCONF_VIEW_FORTRAN 0x004
#define MVCONF_VIEW_SCALAR 0x008
#define MVCONF_VIEW_PIL 0x010

/// A buffer description with exactly the fields and layout of CPython's Py_buffer.
/// `obj` is the port's own object handle: the harness never interprets it (use get_base),
/// except in buffers the harness passes *in*, where it is NULL or a `const mvconf_exporter *`.
typedef struct mvconf_buffer {
  void *buf;
  void *obj;
  ptrdiff_t len;
  ptrdiff_t itemsize;
  int readonly;
  int ndim;
  char *format;
  ptrdiff_t *shape;
  ptrdiff_t *strides;
  ptrdiff_t *suboffsets;
  void *internal;
} mvconf_buffer;

/// An error outcome: the Python exception type's name ("BufferError", "ValueError",
/// "struct.error"...) and its message, both NUL-terminated and compared byte for byte.
typedef struct mvconf_error {
  char type[64];
  char message[448];
} mvconf_error;

typedef struct mvconf_exporter mvconf_exporter;

/// An object owned by the harness, as a port sees it. With getbuffer == NULL it is a plain
/// object that does not support the buffer protocol (a port must raise its TypeError naming
/// type_name). getbuffer fills every field of `view` except `obj` (the port stores its own
/// handle there) and returns 0, or returns -1 with `err` set; releasebuffer undoes one
/// successful getbuffer. Both are counted by the harness.
struct mvconf_exporter {
  const char *type_name;
  int (*getbuffer)(const mvconf_exporter *self, mvconf_buffer *view, int flags, mvconf_error *err);
  void (*releasebuffer)(const mvconf_exporter *self, mvconf_buffer *view);
  void *ctx;

  /* ABI 1.3 (feature "exporter_hash") */

  /// hash(obj): NULL means hashable; else returns 0 (hashable) or -1 with err set, which the
  /// port raises where CPython hashes the object (hash(memoryview), spec §5.11). Read it only
  /// when the harness is ABI 1.3 or later (older harnesses allocate exporters without it); the
  /// harness hands exporters with a non-NULL hash only to ports that declare "exporter_hash".
  int (*hash)(const mvconf_exporter *self, mvconf_error *err);
};

/// A memoryview object made by a port: opaque to the harness.
typedef struct mvconf_view mvconf_view;

/// An object argument: exactly one of the two is non-NULL (an exporter, or a port's memoryview).
typedef struct mvconf_ref {
  const mvconf_exporter *exporter;
  mvconf_view *view;
} mvconf_ref;

/// What PyMemoryView_GET_BASE(mv) is.
#define MVCONF_BASE_NULL 0     /* NULL: FromMemory, FromBuffer */
#define MVCONF_BASE_EXPORTER 1 /* a harness exporter: `exporter` says which */
#define MVCONF_BASE_BYTES 2    /* a bytes object made by the port: `data`, `size` */
#define MVCONF_BASE_VIEW 3     /* a memoryview */
#define MVCONF_BASE_OTHER 4    /* anything else: `type_name` */

/// The answer of get_base(); pointers stay valid while the view lives.
typedef struct mvconf_base {
  int kind;
  const mvconf_exporter *exporter;
  const void *data;
  ptrdiff_t size;
  const char *type_name;
} mvconf_base;

/// Observable state of a memoryview beyond its Py_buffer.
typedef struct mvconf_view_state {
  int flags;             /* MVCONF_VIEW_* bits */
  ptrdiff_t mbuf_exports; /* memoryviews registered with its managed buffer */
  ptrdiff_t exports;      /* buffers exported by this memoryview and not yet released */
} mvconf_view_state;

/// The function table of a port. Every function that can fail takes an mvconf_error* and
/// reports failure by returning NULL or -1 with the error filled in; a port must never crash
/// on input the harness generates (CPython's undefined behaviour included: reject it).
typedef struct mvconf_port {
  uint32_t abi_major;  /// MVCONF_ABI_MAJOR the port was built with
  uint32_t abi_minor;  /// MVCONF_ABI_MINOR the port was built with
  uint32_t slot_count; /// number of function slots below that the port fills (MVCONF_PORT_SLOTS_1_0 in ABI 1.0)
  const char *name;    /// short port name, e.g. "impl", "cpython-3.11.7"
  const char *version; /// CPython version whose behaviour the port targets, e.g. "3.11"
  /// NULL-terminated list of feature names the port implements; properties of others are
  /// skipped and reported as such. ABI 1.0 features: "constructors" (from_object, from_memory,
  /// from_buffer, get_contiguous, check, get_buffer, get_base, view_state, view_free) and
  /// "buffer_functions" (is_contiguous ... buffer_release), and "export_counts" (view_state
  /// reports real mbuf_exports/exports; without it those two are not compared). ABI 1.1 adds
  /// "reexport", "size_from_format" and "copy_data" (see the slots), ABI 1.2 "python_api",
  /// ABI 1.3 "exporter_hash" (the port honours mvconf_exporter.hash; see there) and
  /// "python_level" (no new slot: Python-level `py_chain` cases through from_object, py_call
  /// and view_free, docs/python-api.md; a bytearray base is an unhashable exporter).
  const char *const *features;
  void *ctx; /// passed back as the first argument of every slot

  /// PyMemoryView_FromObject(obj).
  mvconf_view *(*from_object)(void *ctx, mvconf_ref obj, mvconf_error *err);
  /// PyMemoryView_FromMemory(mem, size, flags).
  mvconf_view *(*from_memory)(void *ctx, char *mem, ptrdiff_t size, int flags, mvconf_error *err);
  /// PyMemoryView_FromBuffer(info); info->obj is NULL or a const mvconf_exporter *.
  mvconf_view *(*from_buffer)(void *ctx, const mvconf_buffer *info, mvconf_error *err);
  /// PyMemoryView_GetContiguous(obj, buffertype, order).
  mvconf_view *(*get_contiguous)(void *ctx, mvconf_ref obj, int buffertype, char order,
                                 mvconf_error *err);
  /// PyMemoryView_Check(obj): 1 or 0.
  int (*check)(void *ctx, mvconf_ref obj);
  /// PyMemoryView_GET_BUFFER(mv): the view's own buffer, valid while the view lives.
  const mvconf_buffer *(*get_buffer)(void *ctx, mvconf_view *mv);
  /// PyMemoryView_GET_BASE(mv), classified.
  void (*get_base)(void *ctx, mvconf_view *mv, mvconf_base *out);
  /// Flags and export counts of mv.
  void (*view_state)(void *ctx, mvconf_view *mv, mvconf_view_state *out);
  /// Drop the harness's reference to mv (Py_DECREF).
  void (*view_free)(void *ctx, mvconf_view *mv);
  /// PyBuffer_IsContiguous(view, order): 1 or 0; -1 with err only for input CPython crashes on.
  int (*is_contiguous)(void *ctx, const mvconf_buffer *view, char order, mvconf_error *err);
  /// PyBuffer_ToContiguous(buf, src, len, order): 0 or -1.
  int (*to_contiguous)(void *ctx, void *buf, const mvconf_buffer *src, ptrdiff_t len, char order,
                       mvconf_error *err);
  /// PyBuffer_FromContiguous(view, buf, len, order): 0 or -1.
  int (*from_contiguous)(void *ctx, const mvconf_buffer *view, const void *buf, ptrdiff_t len,
                         char order, mvconf_error *err);
  /// PyBuffer_FillContiguousStrides(ndim, shape, strides, itemsize, order): 0, or -1 with err
  /// only for input CPython crashes on.
  int (*fill_contiguous_strides)(void *ctx, int ndim, const ptrdiff_t *shape, ptrdiff_t *strides,
                                 int itemsize, char order, mvconf_error *err);
  /// PyBuffer_GetPointer(view, indices); NULL with err only for input CPython crashes on.
  void *(*get_pointer)(void *ctx, const mvconf_buffer *view, const ptrdiff_t *indices,
                       mvconf_error *err);
  /// PyBuffer_FillInfo(view, obj, buf, len, readonly, flags): 0 or -1; obj may be NULL.
  int (*fill_info)(void *ctx, mvconf_buffer *view, const mvconf_exporter *obj, void *buf,
                   ptrdiff_t len, int readonly, int flags, mvconf_error *err);
  /// PyBuffer_Release(view) for a buffer this port filled (fill_info, object_get_buffer).
  void (*buffer_release)(void *ctx, mvconf_buffer *view);

  /* ABI 1.1 (feature names in parentheses) */

  /// PyObject_GetBuffer(obj, view, flags) ("reexport"): 0, or -1 with err. For a memoryview
  /// argument `view->obj` is that mvconf_view *; release with buffer_release.
  int (*object_get_buffer)(void *ctx, mvconf_ref obj, mvconf_buffer *view, int flags,
                           mvconf_error *err);
  /// memoryview.release() ("reexport"): 0, or -1 with err (BufferError while it has exports).
  int (*view_release)(void *ctx, mvconf_view *mv, mvconf_error *err);
  /// PyBuffer_SizeFromFormat(format) ("size_from_format"): the size, or -1 with err.
  ptrdiff_t (*size_from_format)(void *ctx, const char *format, mvconf_error *err);
  /// PyObject_CopyData(dest, src) ("copy_data"): 0, or -1 with err.
  int (*copy_data)(void *ctx, mvconf_ref dest, mvconf_ref src, mvconf_error *err);

  /* ABI 1.2 */

  /// A Python-level memoryview operation ("python_api", docs/python-api.md). `request` is the
  /// JSON {"method": NAME, "args": [VALUE...]}; arguments may name the memoryviews in `views`
  /// as {"view": i}. Returns 0 and writes the JSON VALUE of the result into `answer` (at most
  /// `cap` bytes, NUL-terminated), or, when the result is a memoryview, stores it in *new_view
  /// (the harness frees it) and writes "null" -- or, when the result is `mv` itself (`m[...]`
  /// on a 0-d view), stores `mv` with no new reference; returns -1 with err for a Python
  /// exception. `views` may hold NULL entries (slots of views that were never made or were
  /// freed); the harness never names them in `request` and never passes NULL as `mv`.
  int (*py_call)(void *ctx, mvconf_view *mv, const char *request, mvconf_view *const *views,
                 size_t nviews, char *answer, size_t cap, mvconf_view **new_view,
                 mvconf_error *err);
} mvconf_port;

/// The number of function slots in ABI 1.0, 1.1 and 1.2 (ABI 1.3 adds no slot).
#define MVCONF_PORT_SLOTS_1_0 16
#define MVCONF_PORT_SLOTS_1_1 20
#define MVCONF_PORT_SLOTS_1_2 21

/// The single entry point a shared-library port exports. Returns NULL when the port cannot
/// serve a harness of that ABI (harness_abi = MVCONF_ABI_MAJOR << 16 | MVCONF_ABI_MINOR).
typedef const mvconf_port *(*mvconf_port_entry_fn)(uint32_t harness_abi);

#ifdef __cplusplus
}
#endif

#endif /* MVCONF_PORT_H */
