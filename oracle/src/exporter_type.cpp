#include "exporter_type.h"

#include "py_errors.h"

namespace mvconf::oracle {
namespace {

struct ExporterObject {
  PyObject_HEAD const mvconf_exporter *exporter;
};

int exporter_getbuffer(PyObject *self, Py_buffer *view, int flags) {
  const mvconf_exporter *exp = reinterpret_cast<ExporterObject *>(self)->exporter;
  auto *buffer = reinterpret_cast<mvconf_buffer *>(view);
  mvconf_error err{};
  buffer->obj = nullptr;
  if (exp->getbuffer(exp, buffer, flags, &err) < 0) {
    view->obj = nullptr;
    raise_error(err);
    return -1;
  }
  Py_INCREF(self);
  view->obj = self;
  return 0;
}

void exporter_releasebuffer(PyObject *self, Py_buffer *view) {
  const mvconf_exporter *exp = reinterpret_cast<ExporterObject *>(self)->exporter;
  exp->releasebuffer(exp, reinterpret_cast<mvconf_buffer *>(view));
}

PyBufferProcs exporter_as_buffer = {exporter_getbuffer, exporter_releasebuffer};

// hash(exporter): the harness's callback decides whether it fails (and with what error);
// otherwise the identity hash every object without __hash__ has. The value itself never
// reaches an outcome (hash(memoryview) only needs the object's hash to succeed).
Py_hash_t exporter_hash(PyObject *self) {
  const mvconf_exporter *exp = reinterpret_cast<ExporterObject *>(self)->exporter;
  if (exp->hash) {
    mvconf_error err{};
    if (exp->hash(exp, &err) < 0) {
      raise_error(err);
      return -1;
    }
  }
#ifdef PYPY_VERSION
  return _Py_HashPointer(self);  // the same identity hash, through cpyext's export
#else
  return PyBaseObject_Type.tp_hash(self);
#endif
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
// A static type keeps one definition valid from CPython 3.8 to 3.13 (PyType_FromSpec only
// honours buffer slots from 3.9 on).
PyTypeObject exporter_type = {PyVarObject_HEAD_INIT(nullptr, 0) "mvconf.exporter",
                              sizeof(ExporterObject)};
#pragma GCC diagnostic pop

}  // namespace

void ready_exporter_type() {
  exporter_type.tp_flags = Py_TPFLAGS_DEFAULT;
  exporter_type.tp_doc = "mvconf fixture exporter";
  exporter_type.tp_as_buffer = &exporter_as_buffer;
  exporter_type.tp_hash = exporter_hash;
  exporter_type.tp_new = nullptr;
  if (PyType_Ready(&exporter_type) < 0) PyErr_Print();
}

PyObject *wrap_exporter(const mvconf_exporter *exp) {
  if (!exp->getbuffer) {
    // type(name, (), {})() has tp_name == name and no buffer protocol: CPython's messages
    // then name the type exactly as the harness asked.
    PyObject *cls = PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyType_Type), "s()N",
                                          exp->type_name, PyDict_New());
    if (!cls) return nullptr;
    PyObject *obj = PyObject_CallObject(cls, nullptr);
    Py_DECREF(cls);
    return obj;
  }
  auto *o = PyObject_New(ExporterObject, &exporter_type);
  if (o) o->exporter = exp;
  return reinterpret_cast<PyObject *>(o);
}

const mvconf_exporter *unwrap_exporter(PyObject *o) {
  if (!o || Py_TYPE(o) != &exporter_type) return nullptr;
  return reinterpret_cast<ExporterObject *>(o)->exporter;
}

}  // namespace mvconf::oracle
