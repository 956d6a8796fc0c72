// The oracle port: every slot is the real C API call, nothing reimplemented. The same source
// also builds against PyPy's cpyext (PYPY_VERSION), where a few observations differ.
#include <Python.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "exporter_type.h"
#include "mvconf/oracle/oracle.h"
#include "py_call.h"
#include "py_errors.h"

namespace mvconf::oracle {
namespace {

PyObject *as_py(mvconf_view *v) { return reinterpret_cast<PyObject *>(v); }
mvconf_view *as_view(PyObject *o) { return reinterpret_cast<mvconf_view *>(o); }

// A Py_buffer holding b's fields. mvconf_buffer is Py_buffer's exact layout on CPython (pinned
// by abi_pin.cpp) but only its prefix on PyPy, whose Py_buffer has more fields after
// `internal` that its functions write: so every call gets a full, local Py_buffer.
Py_buffer to_py(const mvconf_buffer &b) {
  Py_buffer v;
  std::memset(&v, 0, sizeof v);
  std::memcpy(static_cast<void *>(&v), &b, sizeof b);
  return v;
}

// A new reference for an object argument; exporters get a fresh wrapper each time, which the
// memoryview keeps alive through its master buffer's obj.
PyObject *ref_object(mvconf_ref ref) {
  if (ref.view) {
    Py_INCREF(as_py(ref.view));
    return as_py(ref.view);
  }
  return wrap_exporter(ref.exporter);
}

mvconf_view *finish(PyObject *result, mvconf_error *err) {
  if (!result) take_error(err);
  return as_view(result);
}

mvconf_view *from_object(void *, mvconf_ref ref, mvconf_error *err) {
  PyObject *obj = ref_object(ref);
  if (!obj) return finish(nullptr, err);
  PyObject *mv = PyMemoryView_FromObject(obj);
  Py_DECREF(obj);
  return finish(mv, err);
}

mvconf_view *from_memory(void *, char *mem, ptrdiff_t size, int flags, mvconf_error *err) {
  return finish(PyMemoryView_FromMemory(mem, size, flags), err);
}

mvconf_view *from_buffer(void *, const mvconf_buffer *info, mvconf_error *err) {
  // info->obj is a harness exporter; CPython ignores it, and must never touch it, so hand it
  // a real object to prove that (its refcount would change otherwise).
  Py_buffer copy = to_py(*info);
  PyObject *obj =
      info->obj ? wrap_exporter(static_cast<const mvconf_exporter *>(info->obj)) : nullptr;
  copy.obj = obj;
  PyObject *mv = PyMemoryView_FromBuffer(&copy);
  Py_XDECREF(obj);
  return finish(mv, err);
}

mvconf_view *get_contiguous(void *, mvconf_ref ref, int buffertype, char order, mvconf_error *err) {
  PyObject *obj = ref_object(ref);
  if (!obj) return finish(nullptr, err);
  PyObject *mv = PyMemoryView_GetContiguous(obj, buffertype, order);
  Py_DECREF(obj);
  return finish(mv, err);
}

int check(void *, mvconf_ref ref) {
  PyObject *obj = ref_object(ref);
  if (!obj) {
    PyErr_Clear();
    return -1;
  }
  int r = PyMemoryView_Check(obj) ? 1 : 0;
  Py_DECREF(obj);
  return r;
}

const mvconf_buffer *get_buffer(void *, mvconf_view *mv) {
  // Only the shared prefix is read through this pointer (see to_py).
  return reinterpret_cast<const mvconf_buffer *>(PyMemoryView_GET_BUFFER(as_py(mv)));
}

void get_base(void *, mvconf_view *mv, mvconf_base *out) {
  *out = mvconf_base{};
#ifdef PYPY_VERSION
  // PyPy's GET_BASE answers the memoryview itself; its `obj` attribute is the exporter.
  PyObject *base = PyObject_GetAttrString(as_py(mv), "obj");
  if (!base) PyErr_Clear();
  if (base == Py_None) Py_CLEAR(base);
  Py_XDECREF(base);  // still referenced by the view, which outlives this answer
#else
  PyObject *base = PyMemoryView_GET_BASE(as_py(mv));
#endif
  if (!base) {
    out->kind = MVCONF_BASE_NULL;
  } else if (const mvconf_exporter *exp = unwrap_exporter(base)) {
    out->kind = MVCONF_BASE_EXPORTER;
    out->exporter = exp;
  } else if (PyBytes_Check(base)) {
    out->kind = MVCONF_BASE_BYTES;
    out->data = PyBytes_AS_STRING(base);
    out->size = PyBytes_GET_SIZE(base);
  } else if (PyMemoryView_Check(base)) {
    out->kind = MVCONF_BASE_VIEW;
  } else {
    out->kind = MVCONF_BASE_OTHER;
  }
  if (base) out->type_name = Py_TYPE(base)->tp_name;
}

#ifdef PYPY_VERSION
// PyPy's memoryview has no flags or export counters: rebuild the flags from what Python sees
// and report the counters as unknown (-1).
bool attribute_true(PyObject *o, const char *name) {
  PyObject *v = PyObject_GetAttrString(o, name);
  const int r = v ? PyObject_IsTrue(v) : -1;
  Py_XDECREF(v);
  if (r < 0) PyErr_Clear();
  return r > 0;
}

void view_state(void *, mvconf_view *mv, mvconf_view_state *out) {
  PyObject *o = as_py(mv);
  const mvconf_buffer *b = get_buffer(nullptr, mv);
  int flags = 0;
  if (b->ndim == 0) {
    flags = MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN | MVCONF_VIEW_SCALAR;
  } else {
    if (attribute_true(o, "c_contiguous")) flags |= MVCONF_VIEW_C;
    if (attribute_true(o, "f_contiguous")) flags |= MVCONF_VIEW_FORTRAN;
  }
  if (b->suboffsets) flags = (flags & ~(MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN)) | MVCONF_VIEW_PIL;
  out->flags = flags;
  out->mbuf_exports = -1;
  out->exports = -1;
}
#else
void view_state(void *, mvconf_view *mv, mvconf_view_state *out) {
  auto *m = reinterpret_cast<PyMemoryViewObject *>(mv);
  out->flags = m->flags;
  out->mbuf_exports = m->mbuf ? m->mbuf->exports : 0;
  out->exports = m->exports;
}
#endif

void view_free(void *, mvconf_view *mv) { Py_DECREF(as_py(mv)); }

int is_contiguous(void *, const mvconf_buffer *view, char order, mvconf_error *) {
  Py_buffer v = to_py(*view);
  return PyBuffer_IsContiguous(&v, order);
}

int to_contiguous(void *, void *buf, const mvconf_buffer *src, ptrdiff_t len, char order,
                  mvconf_error *err) {
  Py_buffer v = to_py(*src);
  int r = PyBuffer_ToContiguous(buf, &v, len, order);
  if (r < 0) take_error(err);
  return r;
}

int from_contiguous(void *, const mvconf_buffer *view, const void *buf, ptrdiff_t len, char order,
                    mvconf_error *err) {
  Py_buffer v = to_py(*view);
  // Before 3.11 the buf parameter is not const-qualified; CPython only reads it.
  int r = PyBuffer_FromContiguous(&v, const_cast<void *>(buf), len, order);
  if (r < 0) take_error(err);
  return r;
}

int fill_contiguous_strides(void *, int ndim, const ptrdiff_t *shape, ptrdiff_t *strides,
                            int itemsize, char order, mvconf_error *err) {
#ifdef PYPY_VERSION
  (void)ndim, (void)shape, (void)strides, (void)itemsize, (void)order;
  std::snprintf(err->type, sizeof err->type, "NotImplementedError");
  std::snprintf(err->message, sizeof err->message,
                "mvconf: PyBuffer_FillContiguousStrides is not provided by PyPy");
  return -1;
#else
  (void)err;
  PyBuffer_FillContiguousStrides(ndim, const_cast<Py_ssize_t *>(shape), strides, itemsize, order);
  return 0;
#endif
}

void *get_pointer(void *, const mvconf_buffer *view, const ptrdiff_t *indices, mvconf_error *) {
  Py_buffer v = to_py(*view);
  return PyBuffer_GetPointer(&v, const_cast<Py_ssize_t *>(indices));
}

int fill_info(void *, mvconf_buffer *view, const mvconf_exporter *obj, void *buf, ptrdiff_t len,
              int readonly, int flags, mvconf_error *err) {
  PyObject *o = obj ? wrap_exporter(obj) : nullptr;
  Py_buffer v;
  if (view) v = to_py(*view);
  const int r = PyBuffer_FillInfo(view ? &v : nullptr, o, buf, len, readonly, flags);
  Py_XDECREF(o);
  if (r < 0) {
    take_error(err);
    return r;
  }
  // Back into the caller's struct; pointers at the temporary's own fields are re-aimed at the
  // caller's (CPython's shape/strides are &len/&itemsize), anything else is kept as a copy.
  static thread_local Py_ssize_t shape_copy, strides_copy;
  std::memcpy(view, static_cast<void *>(&v), sizeof *view);
  if (v.shape == &v.len) {
    view->shape = &view->len;
  } else if (v.shape) {
    shape_copy = *v.shape;
    view->shape = &shape_copy;
  }
  if (v.strides == &v.itemsize) {
    view->strides = &view->itemsize;
  } else if (v.strides) {
    strides_copy = *v.strides;
    view->strides = &strides_copy;
  }
  return r;
}

void buffer_release(void *, mvconf_buffer *view) {
  Py_buffer v = to_py(*view);
  PyBuffer_Release(&v);
  view->obj = v.obj;
}

int object_get_buffer(void *, mvconf_ref ref, mvconf_buffer *view, int flags, mvconf_error *err) {
#ifdef PYPY_VERSION
  // PyPy's Py_buffer keeps shape/strides in its own trailing arrays, which a copy cannot carry.
  (void)ref, (void)view, (void)flags;
  std::snprintf(err->type, sizeof err->type, "NotImplementedError");
  std::snprintf(err->message, sizeof err->message, "mvconf: re-export is not adapted to PyPy");
  return -1;
#else
  PyObject *obj = ref_object(ref);
  if (!obj) {
    take_error(err);
    return -1;
  }
  Py_buffer v;
  std::memset(&v, 0, sizeof v);
  const int r = PyObject_GetBuffer(obj, &v, flags);
  Py_DECREF(obj);  // the export holds its own reference in v.obj
  if (r < 0) {
    take_error(err);
    return -1;
  }
  std::memcpy(view, static_cast<void *>(&v), sizeof *view);  // same layout on CPython
  return 0;
#endif
}

int view_release(void *, mvconf_view *mv, mvconf_error *err) {
  PyObject *r = PyObject_CallMethod(as_py(mv), "release", nullptr);
  if (!r) {
    take_error(err);
    return -1;
  }
  Py_DECREF(r);
  return 0;
}

ptrdiff_t size_from_format(void *, const char *format, mvconf_error *err) {
#if !defined(PYPY_VERSION) && PY_VERSION_HEX >= 0x03090000
  const Py_ssize_t r = PyBuffer_SizeFromFormat(format);
  if (r < 0) take_error(err);
  return r;
#else
  (void)format;
  std::snprintf(err->type, sizeof err->type, "SystemError");
  std::snprintf(err->message, sizeof err->message,
                "mvconf: this runtime has no PyBuffer_SizeFromFormat");
  return -1;
#endif
}

int copy_data(void *, mvconf_ref dest, mvconf_ref src, mvconf_error *err) {
#ifdef PYPY_VERSION
  (void)dest, (void)src;
  std::snprintf(err->type, sizeof err->type, "SystemError");
  std::snprintf(err->message, sizeof err->message, "mvconf: PyPy has no PyObject_CopyData");
  return -1;
#else
  PyObject *d = ref_object(dest);
  PyObject *s = d ? ref_object(src) : nullptr;
  const int r = s ? PyObject_CopyData(d, s) : -1;
  Py_XDECREF(d);
  Py_XDECREF(s);
  if (r < 0) take_error(err);
  return r;
#endif
}

// The features this build serves: PyPy's cpyext the C API's two basic ones and the Python
// level (its own memoryview over cpyext exporters, through py_call); CPython all of
// MVCONF_FEATURES except PyBuffer_SizeFromFormat before 3.9.
constexpr bool serves(std::string_view feature) {
#if defined(PYPY_VERSION)
  return feature == "constructors" || feature == "buffer_functions" || feature == "python_api" ||
         feature == "python_level";
#elif PY_VERSION_HEX >= 0x03090000
  return !feature.empty();
#else
  return feature != "size_from_format";
#endif
}

const char *const *served_features() {
  static const std::vector<const char *> *list = [] {
    static const char *const all[] = {
#define MVCONF_FEATURE_NAME(name, abi_minor) #name,
        MVCONF_FEATURES(MVCONF_FEATURE_NAME)
#undef MVCONF_FEATURE_NAME
    };
    auto *out = new std::vector<const char *>;
    for (const char *f : all)
      if (serves(f)) out->push_back(f);
    out->push_back(nullptr);
    return out;
  }();
  return list->data();
}

}  // namespace

const mvconf_port *port() {
#ifdef PYPY_VERSION
  static const std::string name = std::string("pypy-") + PYPY_VERSION;
#else
  static const std::string name = "cpython-" + version();
#endif
  static const std::string target =
      std::to_string(PY_MAJOR_VERSION) + "." + std::to_string(PY_MINOR_VERSION);
  static const mvconf_port table = {MVCONF_ABI_MAJOR,
                                    MVCONF_ABI_MINOR,
                                    MVCONF_PORT_SLOTS_1_2,
                                    name.c_str(),
                                    target.c_str(),
                                    served_features(),
                                    nullptr,
                                    from_object,
                                    from_memory,
                                    from_buffer,
                                    get_contiguous,
                                    check,
                                    get_buffer,
                                    get_base,
                                    view_state,
                                    view_free,
                                    is_contiguous,
                                    to_contiguous,
                                    from_contiguous,
                                    fill_contiguous_strides,
                                    get_pointer,
                                    fill_info,
                                    buffer_release,
                                    object_get_buffer,
                                    view_release,
                                    size_from_format,
                                    copy_data,
                                    py_call};
  return &table;
}

}  // namespace mvconf::oracle
