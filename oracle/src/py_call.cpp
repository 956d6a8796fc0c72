// The py_call slot on the real CPython: JSON values (docs/python-api.md) to Python objects,
// the method called through the C API, the result back to JSON.
#include "py_call.h"

#include <Python.h>

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "py_errors.h"

namespace mvconf::oracle {
namespace {

using json = nlohmann::json;

// Helper classes for argument objects, defined once in a private module namespace.
PyObject *helper_class(const char *name) {
  static PyObject *ns = nullptr;
  if (!ns) {
    ns = PyDict_New();
    PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String(
        "class Index:\n"
        "    def __init__(self, n): self.n = n\n"
        "    def __index__(self): return self.n\n"
        "class FloatLike:\n"
        "    def __init__(self, x): self.x = x\n"
        "    def __float__(self): return self.x\n",
        Py_file_input, ns, ns);
    Py_XDECREF(r);
  }
  return PyDict_GetItemString(ns, name);  // borrowed
}

std::string hex_of(const char *p, Py_ssize_t n) {
  static const char d[] = "0123456789abcdef";
  std::string s;
  for (Py_ssize_t i = 0; i < n; ++i) {
    s += d[(static_cast<unsigned char>(p[i]) >> 4) & 15];
    s += d[static_cast<unsigned char>(p[i]) & 15];
  }
  return s;
}

std::string unhex(const std::string &h) {
  std::string out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    out += static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16));
  return out;
}

PyObject *to_py(const json &j, mvconf_view *const *views, size_t nviews);

PyObject *sequence(const json &items, bool tuple, mvconf_view *const *views, size_t nviews) {
  PyObject *out =
      tuple ? PyTuple_New(Py_ssize_t(items.size())) : PyList_New(Py_ssize_t(items.size()));
  for (std::size_t i = 0; out && i < items.size(); ++i) {
    PyObject *v = to_py(items[i], views, nviews);
    if (!v) {
      Py_DECREF(out);
      return nullptr;
    }
    if (tuple)
      PyTuple_SET_ITEM(out, Py_ssize_t(i), v);
    else
      PyList_SET_ITEM(out, Py_ssize_t(i), v);
  }
  return out;
}

PyObject *to_py(const json &j, mvconf_view *const *views, size_t nviews) {
  if (j.is_null()) Py_RETURN_NONE;
  if (j.is_boolean()) return PyBool_FromLong(j.get<bool>());
  if (j.is_number_unsigned()) return PyLong_FromUnsignedLongLong(j.get<unsigned long long>());
  if (j.is_number_integer()) return PyLong_FromLongLong(j.get<long long>());
  if (j.is_number_float()) return PyFloat_FromDouble(j.get<double>());
  if (j.is_array()) return sequence(j, false, views, nviews);
  if (j.is_object() && j.size() == 1) {
    // Not `*j.items().begin()`: the proxy it yields refers to a temporary (ASan caught it).
    const auto first = j.begin();
    const std::string key = first.key();
    const json &v = first.value();
    if (key == "int") return PyLong_FromString(v.get<std::string>().c_str(), nullptr, 10);
    if (key == "float") {
      const std::string s = v.get<std::string>();
      return PyFloat_FromDouble(s == "nan"    ? std::nan("")
                                : s == "inf"  ? HUGE_VAL
                                : s == "-inf" ? -HUGE_VAL
                                              : -0.0);
    }
    if (key == "bytes" || key == "bytearray") {
      const std::string b = unhex(v.get<std::string>());
      return key == "bytes" ? PyBytes_FromStringAndSize(b.data(), Py_ssize_t(b.size()))
                            : PyByteArray_FromStringAndSize(b.data(), Py_ssize_t(b.size()));
    }
    if (key == "str") return PyUnicode_FromString(v.get<std::string>().c_str());
    if (key == "tuple") return sequence(v, true, views, nviews);
    if (key == "slice" && v.is_array() && v.size() == 3) {
      PyObject *a = to_py(v[0], views, nviews), *b = to_py(v[1], views, nviews),
               *c = to_py(v[2], views, nviews);
      PyObject *s = a && b && c ? PySlice_New(a, b, c) : nullptr;
      Py_XDECREF(a);
      Py_XDECREF(b);
      Py_XDECREF(c);
      return s;
    }
    if (key == "ellipsis") {
      Py_INCREF(Py_Ellipsis);
      return Py_Ellipsis;
    }
    if (key == "index" || key == "float_like") {
      PyObject *arg = to_py(v, views, nviews);
      PyObject *o = arg ? PyObject_CallFunctionObjArgs(
                              helper_class(key == "index" ? "Index" : "FloatLike"), arg, nullptr)
                        : nullptr;
      Py_XDECREF(arg);
      return o;
    }
    if (key == "object") {
      PyObject *cls = PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyType_Type), "s()N",
                                            v.get<std::string>().c_str(), PyDict_New());
      PyObject *o = cls ? PyObject_CallObject(cls, nullptr) : nullptr;
      Py_XDECREF(cls);
      return o;
    }
    if (key == "view" && v.get<std::size_t>() < nviews) {
      PyObject *o = reinterpret_cast<PyObject *>(views[v.get<std::size_t>()]);
      Py_INCREF(o);
      return o;
    }
  }
  PyErr_SetString(PyExc_SystemError,
                  ("mvconf: cannot build a Python value from " + j.dump()).c_str());
  return nullptr;
}

json to_json(PyObject *o) {
  if (o == Py_None) return nullptr;
  if (PyBool_Check(o)) return o == Py_True;
  if (PyLong_Check(o)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (!overflow) return v;
    PyObject *s = PyObject_Str(o);
    json j = {{"int", std::string(PyUnicode_AsUTF8(s))}};
    Py_DECREF(s);
    return j;
  }
  if (PyFloat_Check(o)) {
    const double d = PyFloat_AS_DOUBLE(o);
    if (std::isnan(d)) return {{"float", "nan"}};
    if (std::isinf(d)) return {{"float", d > 0 ? "inf" : "-inf"}};
    if (d == 0 && std::signbit(d)) return {{"float", "-0.0"}};
    return d;
  }
  if (PyBytes_Check(o)) return {{"bytes", hex_of(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o))}};
  if (PyByteArray_Check(o))
    return {{"bytearray", hex_of(PyByteArray_AS_STRING(o), PyByteArray_GET_SIZE(o))}};
  if (PyUnicode_Check(o)) return {{"str", std::string(PyUnicode_AsUTF8(o))}};
  if (PyTuple_Check(o) || PyList_Check(o)) {
    json items = json::array();
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    for (Py_ssize_t i = 0; i < n; ++i) items.push_back(to_json(PySequence_Fast_GET_ITEM(o, i)));
    if (!PyTuple_Check(o)) return items;
    json tuple = json::object();
    tuple["tuple"] = std::move(items);
    return tuple;
  }
  return {{"object", std::string(Py_TYPE(o)->tp_name)}};
}

PyObject *call_method(PyObject *self, const std::string &method, PyObject *args) {
  const Py_ssize_t n = PyTuple_GET_SIZE(args);
  auto arg = [&](Py_ssize_t i) { return PyTuple_GET_ITEM(args, i); };
  if (method == "getitem" && n == 1) return PyObject_GetItem(self, arg(0));
  if (method == "setitem" && n == 2)
    return PyObject_SetItem(self, arg(0), arg(1)) < 0 ? nullptr : (Py_INCREF(Py_None), Py_None);
  if (method == "delitem" && n == 1)
    return PyObject_DelItem(self, arg(0)) < 0 ? nullptr : (Py_INCREF(Py_None), Py_None);
  if (method == "len") {
    const Py_ssize_t r = PyObject_Length(self);
    return r < 0 ? nullptr : PyLong_FromSsize_t(r);
  }
  if (method == "hash") {
    const Py_hash_t h = PyObject_Hash(self);
    return h == -1 && PyErr_Occurred() ? nullptr : PyLong_FromSsize_t(h);
  }
  if ((method == "eq" || method == "ne") && n == 1)
    return PyObject_RichCompare(self, arg(0), method == "eq" ? Py_EQ : Py_NE);
  // Ordering: memoryview has none, so these end in the other operand's reflected comparison.
  static const std::pair<const char *, int> order[] = {
      {"lt", Py_LT}, {"le", Py_LE}, {"gt", Py_GT}, {"ge", Py_GE}};
  for (const auto &[name, op] : order)
    if (method == name && n == 1) return PyObject_RichCompare(self, arg(0), op);
  if (method == "getattr" && n == 1) return PyObject_GetAttr(self, arg(0));
  // list(iter(mv)): the tp_iter slot itself, as `in` uses it. For a released view 3.10+ sets
  // the ValueError yet returns an iterator; the iter() builtin's result check then makes that
  // a SystemError, or not, depending on interpreter state (observed varying run to run), so
  // the slot's own error is what is compared.
  if (method == "iter" && n == 0) {
    PyObject *it = PyObject_GetIter(self);
    if (it && PyErr_Occurred()) Py_CLEAR(it);
    PyObject *r = it ? PySequence_List(it) : nullptr;
    Py_XDECREF(it);
    return r;
  }
  if (method == "reversed" && n == 0) {
    PyObject *builtin = PyDict_GetItemString(PyEval_GetBuiltins(), "reversed");  // borrowed
    PyObject *it = builtin ? PyObject_CallFunctionObjArgs(builtin, self, nullptr) : nullptr;
    PyObject *r = it ? PySequence_List(it) : nullptr;
    Py_XDECREF(it);
    return r;
  }
  if (method == "contains" && n == 1) {
    const int r = PySequence_Contains(self, arg(0));
    return r < 0 ? nullptr : PyBool_FromLong(r);
  }
  if (method == "enter" || method == "exit") {
    PyObject *bound = PyObject_GetAttrString(self, method == "enter" ? "__enter__" : "__exit__");
    PyObject *r = bound ? PyObject_Call(bound, args, nullptr) : nullptr;
    Py_XDECREF(bound);
    return r;
  }
  // PEP 688 (3.12+); older versions raise the AttributeError of the lookup itself.
  if (method == "buffer" || method == "release_buffer") {
    PyObject *bound =
        PyObject_GetAttrString(self, method == "buffer" ? "__buffer__" : "__release_buffer__");
    PyObject *r = bound ? PyObject_Call(bound, args, nullptr) : nullptr;
    Py_XDECREF(bound);
    return r;
  }
  // count and index are 3.14's; older versions raise the lookup's AttributeError.
  for (const char *name :
       {"tobytes", "hex", "tolist", "cast", "toreadonly", "release", "count", "index"}) {
    if (method != name) continue;
    PyObject *bound = PyObject_GetAttrString(self, name);
    PyObject *r = bound ? PyObject_Call(bound, args, nullptr) : nullptr;
    Py_XDECREF(bound);
    return r;
  }
  PyErr_SetString(PyExc_SystemError, ("mvconf: unknown py_call method " + method).c_str());
  return nullptr;
}

// The call on the request's parts; the answer value in *answer (null for a view result).
int call_values(mvconf_view *mv, const std::string &method, const json &args,
                mvconf_view *const *views, size_t nviews, json *answer, mvconf_view **new_view,
                mvconf_error *err) {
  *new_view = nullptr;
  PyObject *py_args = sequence(args, true, views, nviews);
  PyObject *result =
      py_args ? call_method(reinterpret_cast<PyObject *>(mv), method, py_args) : nullptr;
  Py_XDECREF(py_args);
  if (!result) {
    take_error(err);
    return -1;
  }
  *answer = nullptr;
  if (method == "getattr" && PyMemoryView_Check(result)) {
    // `.obj` of a PEP 688 __buffer__ view is the exporting memoryview: an attribute value, not
    // a new view slot, so it is answered by type like any other object.
    *answer = to_json(result);
    Py_DECREF(result);
  } else if (result == reinterpret_cast<PyObject *>(mv)) {
    // The view itself (`m[...] is m`): the contract returns the same handle, with no new
    // reference for the harness to drop.
    Py_DECREF(result);
    *new_view = mv;
  } else if (PyMemoryView_Check(result)) {
    *new_view = reinterpret_cast<mvconf_view *>(result);  // the harness owns this reference
  } else {
    *answer = to_json(result);
    Py_DECREF(result);
  }
  return 0;
}

bool answer_fits(const std::string &text, size_t cap, mvconf_error *err) {
  if (text.size() + 1 <= cap) return true;
  std::snprintf(err->type, sizeof err->type, "SystemError");
  std::snprintf(err->message, sizeof err->message, "mvconf: py_call answer does not fit");
  return false;
}

}  // namespace

int py_call(void *, mvconf_view *mv, const char *request, mvconf_view *const *views, size_t nviews,
            char *answer, size_t cap, mvconf_view **new_view, mvconf_error *err) {
  const json j = json::parse(request, nullptr, false);
  const std::string method = j.is_object() ? j.value("method", "") : "";
  static const json kNoArgs = json::array();
  json value;
  if (call_values(mv, method, j.is_object() && j.contains("args") ? j["args"] : kNoArgs, views,
                  nviews, &value, new_view, err) < 0)
    return -1;
  const std::string text = value.dump();
  if (!answer_fits(text, cap, err)) return -1;
  std::memcpy(answer, text.c_str(), text.size() + 1);
  return 0;
}

int py_call_values(void *, mvconf_view *mv, const std::string &method, const json &args,
                   mvconf_view *const *views, size_t nviews, size_t cap, PyAnswer *answer,
                   mvconf_view **new_view, mvconf_error *err) {
  if (call_values(mv, method, args, views, nviews, &answer->value, new_view, err) < 0) return -1;
  answer->is_text = !plain_answer(answer->value, cap);
  if (answer->is_text) {
    answer->text = answer->value.dump();  // as the text slot prints it
    if (!answer_fits(answer->text, cap, err)) return -1;
  }
  return 0;
}

}  // namespace mvconf::oracle
