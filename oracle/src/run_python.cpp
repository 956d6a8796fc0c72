#include <Python.h>

#include "mvconf/oracle/oracle.h"
#include "py_errors.h"

namespace mvconf::oracle {

std::string run_python(const std::string &code, mvconf_view *mv) {
  PyObject *globals = PyDict_New();
  if (!globals) return "error: MemoryError: globals";
  PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
  if (mv) PyDict_SetItemString(globals, "view", reinterpret_cast<PyObject *>(mv));
  std::string out;
  PyObject *r = PyRun_String(code.c_str(), Py_file_input, globals, globals);
  if (!r) {
    mvconf_error err{};
    take_error(&err);
    out = std::string("error: ") + err.type + ": " + err.message;
  } else {
    Py_DECREF(r);
    PyObject *result = PyDict_GetItemString(globals, "result");
    PyObject *s = result ? PyObject_Str(result) : nullptr;
    const char *text = s ? PyUnicode_AsUTF8(s) : nullptr;
    out = text ? text : "error: no result";
    Py_XDECREF(s);
    PyErr_Clear();
  }
  Py_DECREF(globals);
  return out;
}

}  // namespace mvconf::oracle
