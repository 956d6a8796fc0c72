// mvconf_pypy: the oracle adapter built against PyPy's cpyext, as an extension module whose
// serve() speaks the out-of-process protocol on stdin/stdout. `mvconf run --port pypy` runs
//   pypy3 -c 'import mvconf_pypy; mvconf_pypy.serve()'
// so PyPy's C API answers the same cases as CPython, and a PyPy crash costs one case only.
#include <Python.h>

#include "../src/exporter_type.h"
#include "mvconf/harness/serve.h"
#include "mvconf/oracle/oracle.h"

namespace {

PyObject *serve(PyObject *, PyObject *) {
  const int status = mvconf::harness::serve(mvconf::oracle::port());
  return PyLong_FromLong(status);
}

PyMethodDef methods[] = {
    {"serve", serve, METH_NOARGS, "Serve PyPy's C API as an mvconf port on stdin/stdout."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "mvconf_pypy", nullptr, -1, methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyMODINIT_FUNC PyInit_mvconf_pypy() {
  mvconf::oracle::ready_exporter_type();
  return PyModule_Create(&module);
}
