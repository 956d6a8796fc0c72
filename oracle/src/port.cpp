// The oracle port: every slot is the real CPython C API call, nothing reimplemented.
#include <Python.h>

#include <string>

#include "exporter_type.h"
#include "mvconf/oracle/oracle.h"
#include "py_errors.h"

namespace mvconf::oracle {
namespace {

PyObject *as_py(mvconf_view *v) { return reinterpret_cast<PyObject *>(v); }
mvconf_view *as_view(PyObject *o) { return reinterpret_cast<mvconf_view *>(o); }
Py_buffer *as_py(mvconf_buffer *b) { return reinterpret_cast<Py_buffer *>(b); }
const Py_buffer *as_py(const mvconf_buffer *b) { return reinterpret_cast<const Py_buffer *>(b); }

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
  mvconf_buffer copy = *info;
  PyObject *obj =
      info->obj ? wrap_exporter(static_cast<const mvconf_exporter *>(info->obj)) : nullptr;
  copy.obj = obj;
  PyObject *mv = PyMemoryView_FromBuffer(as_py(&copy));
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
  return reinterpret_cast<const mvconf_buffer *>(PyMemoryView_GET_BUFFER(as_py(mv)));
}

void get_base(void *, mvconf_view *mv, mvconf_base *out) {
  *out = mvconf_base{};
  PyObject *base = PyMemoryView_GET_BASE(as_py(mv));
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

void view_state(void *, mvconf_view *mv, mvconf_view_state *out) {
  auto *m = reinterpret_cast<PyMemoryViewObject *>(mv);
  out->flags = m->flags;
  out->mbuf_exports = m->mbuf ? m->mbuf->exports : 0;
  out->exports = m->exports;
}

void view_free(void *, mvconf_view *mv) { Py_DECREF(as_py(mv)); }

int is_contiguous(void *, const mvconf_buffer *view, char order, mvconf_error *) {
  return PyBuffer_IsContiguous(as_py(view), order);
}

int to_contiguous(void *, void *buf, const mvconf_buffer *src, ptrdiff_t len, char order,
                  mvconf_error *err) {
  // Before 3.11 the src parameter is not const-qualified; CPython never writes through it.
  int r = PyBuffer_ToContiguous(buf, const_cast<Py_buffer *>(as_py(src)), len, order);
  if (r < 0) take_error(err);
  return r;
}

int from_contiguous(void *, const mvconf_buffer *view, const void *buf, ptrdiff_t len, char order,
                    mvconf_error *err) {
  int r = PyBuffer_FromContiguous(const_cast<Py_buffer *>(as_py(view)), const_cast<void *>(buf),
                                  len, order);
  if (r < 0) take_error(err);
  return r;
}

int fill_contiguous_strides(void *, int ndim, const ptrdiff_t *shape, ptrdiff_t *strides,
                            int itemsize, char order, mvconf_error *) {
  PyBuffer_FillContiguousStrides(ndim, const_cast<Py_ssize_t *>(shape), strides, itemsize, order);
  return 0;
}

void *get_pointer(void *, const mvconf_buffer *view, const ptrdiff_t *indices, mvconf_error *) {
  return PyBuffer_GetPointer(const_cast<Py_buffer *>(as_py(view)),
                             const_cast<Py_ssize_t *>(indices));
}

int fill_info(void *, mvconf_buffer *view, const mvconf_exporter *obj, void *buf, ptrdiff_t len,
              int readonly, int flags, mvconf_error *err) {
  PyObject *o = obj ? wrap_exporter(obj) : nullptr;
  int r = PyBuffer_FillInfo(view ? as_py(view) : nullptr, o, buf, len, readonly, flags);
  Py_XDECREF(o);
  if (r < 0) take_error(err);
  return r;
}

void buffer_release(void *, mvconf_buffer *view) { PyBuffer_Release(as_py(view)); }

const char *const features[] = {"constructors", "buffer_functions", nullptr};

}  // namespace

const mvconf_port *port() {
  static const std::string name = "cpython-" + version();
  static const std::string target =
      std::to_string(PY_MAJOR_VERSION) + "." + std::to_string(PY_MINOR_VERSION);
  static const mvconf_port table = {MVCONF_ABI_MAJOR,
                                    MVCONF_ABI_MINOR,
                                    MVCONF_PORT_SLOTS_1_0,
                                    name.c_str(),
                                    target.c_str(),
                                    features,
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
                                    buffer_release};
  return &table;
}

}  // namespace mvconf::oracle
