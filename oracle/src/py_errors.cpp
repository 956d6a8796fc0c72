#include "py_errors.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace mvconf::oracle {

void take_error(mvconf_error *err) {
  PyObject *type = nullptr, *value = nullptr, *tb = nullptr;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  std::string name = type ? reinterpret_cast<PyTypeObject *>(type)->tp_name : "SystemError";
  // Exceptions defined outside builtins are named by module, as Python prints them:
  // struct's is "struct.error" (its tp_name is just "error").
  if (type && name.find('.') == std::string::npos) {
    PyObject *module = PyObject_GetAttrString(type, "__module__");
    const char *m = module && PyUnicode_Check(module) ? PyUnicode_AsUTF8(module) : nullptr;
    if (m && std::strcmp(m, "builtins") != 0) name = std::string(m) + "." + name;
    Py_XDECREF(module);
    PyErr_Clear();
  }
  std::snprintf(err->type, sizeof err->type, "%s", name.c_str());
  err->message[0] = '\0';
  if (value) {
    PyObject *s = PyObject_Str(value);
    if (s) {
      const char *text = PyUnicode_AsUTF8(s);
      std::snprintf(err->message, sizeof err->message, "%s", text ? text : "");
      Py_DECREF(s);
    }
    PyErr_Clear();
  }
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
}

void raise_error(const mvconf_error &err) {
  struct Known {
    const char *name;
    PyObject *type;
  };
  const Known known[] = {
      {"BufferError", PyExc_BufferError},     {"ValueError", PyExc_ValueError},
      {"TypeError", PyExc_TypeError},         {"IndexError", PyExc_IndexError},
      {"OverflowError", PyExc_OverflowError}, {"SystemError", PyExc_SystemError},
      {"MemoryError", PyExc_MemoryError},     {"NotImplementedError", PyExc_NotImplementedError},
  };
  PyObject *type = PyExc_RuntimeError;
  for (const auto &k : known)
    if (std::strcmp(k.name, err.type) == 0) type = k.type;
  PyErr_SetString(type, err.message);
}

}  // namespace mvconf::oracle
