#include "mvconf/oracle/exporter_probe.h"

#include <Python.h>

#include <cstdint>
#include <stdexcept>

#include "mvconf/oracle/oracle.h"
#include "py_errors.h"

namespace mvconf::oracle {
namespace {

using nlohmann::json;

// Python objects are reached through the factories module; values cross as JSON text so that
// this file needs no converter of its own (the layouts and descriptions are small).
struct Ref {
  PyObject *p = nullptr;
  explicit Ref(PyObject *o) : p(o) {}
  Ref(const Ref &) = delete;
  Ref &operator=(const Ref &) = delete;
  ~Ref() { Py_XDECREF(p); }
  explicit operator bool() const { return p != nullptr; }
};

std::string pending_error() {
  mvconf_error err{};
  take_error(&err);
  return std::string(err.type) + ": " + err.message;
}

PyObject *factories() {
  static PyObject *module = nullptr;
  if (!module) {
    module = PyImport_ImportModule("mvconf_exporters");
    if (!module) throw std::runtime_error("cannot import mvconf_exporters: " + pending_error());
  }
  return module;
}

PyObject *from_json(const json &j) {
  static PyObject *loads = nullptr;
  if (!loads) {
    Ref mod(PyImport_ImportModule("json"));
    loads = mod ? PyObject_GetAttrString(mod.p, "loads") : nullptr;
    if (!loads) throw std::runtime_error("cannot import json: " + pending_error());
  }
  return PyObject_CallFunction(loads, "s", j.dump().c_str());
}

// The getbuffer and releasebuffer calls the exporter sees while it is probed, counted by
// wrapping its type's slots for the duration of one probe (restored before returning).
struct Counting {
  PyBufferProcs *procs = nullptr;
  getbufferproc get = nullptr;
  releasebufferproc release = nullptr;
  long gets = 0, releases = 0;
};
Counting counting;

int counted_get(PyObject *o, Py_buffer *v, int flags) {
  const int r = counting.get(o, v, flags);
  if (r == 0) ++counting.gets;
  return r;
}
void counted_release(PyObject *o, Py_buffer *v) {
  ++counting.releases;
  if (counting.release) counting.release(o, v);
}

struct CountScope {
  explicit CountScope(PyObject *obj) {
    PyBufferProcs *p = Py_TYPE(obj)->tp_as_buffer;
    if (!p || !p->bf_getbuffer) return;
    counting = Counting{p, p->bf_getbuffer, p->bf_releasebuffer, 0, 0};
    p->bf_getbuffer = counted_get;
    p->bf_releasebuffer = counted_release;
  }
  ~CountScope() {
    if (!counting.procs) return;
    counting.procs->bf_getbuffer = counting.get;
    counting.procs->bf_releasebuffer = counting.release;
    counting.procs = nullptr;
  }
  CountScope(const CountScope &) = delete;
  CountScope &operator=(const CountScope &) = delete;
};

// Where the full export's items lie: a narrower grant may only point into it.
struct Extent {
  const char *lo = nullptr, *hi = nullptr;
  bool known = false;
};

constexpr Py_ssize_t kMaxItemBytes = Py_ssize_t{1} << 20;

std::vector<Py_ssize_t> c_strides(const Py_buffer &v) {
  std::vector<Py_ssize_t> s(static_cast<size_t>(v.ndim));
  Py_ssize_t step = v.itemsize;
  for (int d = v.ndim - 1; d >= 0; --d) {
    s[static_cast<size_t>(d)] = step;
    step *= v.shape[d];
  }
  return s;
}

// Why the items of v cannot be read safely, or "".
std::string unreadable(const Py_buffer &v) {
  if (v.len < 0) return "len is negative";
  if (!v.shape) return v.len > kMaxItemBytes ? "len over 1 MiB" : "";
  if (v.ndim < 0 || v.ndim > 64) return "ndim out of range";
  if (v.itemsize <= 0) return "itemsize is not positive";
  Py_ssize_t n = 1;
  for (int d = 0; d < v.ndim; ++d) {
    if (v.shape[d] < 0) return "negative shape";
    if (v.shape[d] > kMaxItemBytes) return "shape over the size bound";
    n *= v.shape[d];
    if (n > kMaxItemBytes) return "over 1 MiB of items";
  }
  if (n * v.itemsize > kMaxItemBytes) return "over 1 MiB of items";
  if (n > 0 && !v.buf) return "buf is NULL";
  return "";
}

Extent extent_of(const Py_buffer &v) {
  Extent e;
  if (!unreadable(v).empty() || v.suboffsets) return e;  // pointer tables: not bounded here
  const char *buf = static_cast<const char *>(v.buf);
  e.known = true;
  e.lo = e.hi = buf;
  if (!v.shape) {
    e.hi = buf + v.len;
    return e;
  }
  const std::vector<Py_ssize_t> cs = v.strides ? std::vector<Py_ssize_t>() : c_strides(v);
  Py_ssize_t lo = 0, hi = 0;
  for (int d = 0; d < v.ndim; ++d) {
    if (v.shape[d] == 0) return e;
    const Py_ssize_t stride = v.strides ? v.strides[d] : cs[static_cast<size_t>(d)];
    const Py_ssize_t far = (v.shape[d] - 1) * stride;
    (far < 0 ? lo : hi) += far;
  }
  e.lo = buf + lo;
  e.hi = buf + hi + v.itemsize;
  return e;
}

const char kHex[] = "0123456789abcdef";

void append_hex(std::string &out, const char *p, Py_ssize_t n) {
  for (Py_ssize_t i = 0; i < n; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
}

// The grant's items in logical (C) order as hex, or why they were not read.
json items_of(const Py_buffer &v, const Extent &bound) {
  if (const std::string why = unreadable(v); !why.empty()) return {{"unread", why}};
  const char *buf = static_cast<const char *>(v.buf);
  const auto inside = [&](const char *p, Py_ssize_t n) {
    return !bound.known || (n == 0) || (p >= bound.lo && p + n <= bound.hi);
  };
  std::string hex;
  if (!v.shape) {
    if (!inside(buf, v.len)) return {{"outside", true}};
    append_hex(hex, buf, v.len);
    return {{"hex", hex}};
  }
  const std::vector<Py_ssize_t> strides =
      v.strides ? std::vector<Py_ssize_t>(v.strides, v.strides + v.ndim) : c_strides(v);
  Py_ssize_t n = 1;
  for (int d = 0; d < v.ndim; ++d) n *= v.shape[d];
  std::vector<Py_ssize_t> index(static_cast<size_t>(v.ndim), 0);
  for (Py_ssize_t k = 0; k < n; ++k) {
    const char *p = buf;
    for (int d = 0; d < v.ndim; ++d) {
      p += index[static_cast<size_t>(d)] * strides[static_cast<size_t>(d)];
      if (v.suboffsets && v.suboffsets[d] >= 0)
        p = *reinterpret_cast<const char *const *>(p) + v.suboffsets[d];
    }
    if (!inside(p, v.itemsize)) return {{"outside", true}};
    append_hex(hex, p, v.itemsize);
    for (int d = v.ndim - 1; d >= 0; --d) {
      if (++index[static_cast<size_t>(d)] < v.shape[d]) break;
      index[static_cast<size_t>(d)] = 0;
    }
  }
  return {{"hex", hex}};
}

json ssize_array(const Py_ssize_t *a, int n) {
  if (!a) return nullptr;
  json out = json::array();
  for (int i = 0; i < n && i < 64; ++i) out.push_back(static_cast<long long>(a[i]));
  return out;
}

json calcsize(const char *format) {
  static PyObject *fn = nullptr;
  if (!fn) {
    Ref mod(PyImport_ImportModule("struct"));
    fn = mod ? PyObject_GetAttrString(mod.p, "calcsize") : nullptr;
    if (!fn) throw std::runtime_error("cannot import struct: " + pending_error());
  }
  Ref n(PyObject_CallFunction(fn, "s", format));
  if (!n) return pending_error();
  return static_cast<long long>(PyLong_AsSsize_t(n.p));
}

// Every field of a grant, in the terms of docs/exporters.md.
json grant(const Py_buffer &v, PyObject *obj, const Extent &bound) {
  json g;
  g["readonly"] = v.readonly;
  g["itemsize"] = static_cast<long long>(v.itemsize);
  g["len"] = static_cast<long long>(v.len);
  g["ndim"] = v.ndim;
  g["format"] = v.format ? json(v.format) : json(nullptr);
  g["shape"] = ssize_array(v.shape, v.ndim);
  g["strides"] = ssize_array(v.strides, v.ndim);
  g["suboffsets"] = ssize_array(v.suboffsets, v.ndim);
  g["obj"] = v.obj == obj ? "exporter" : v.obj ? "other" : "null";
  const bool readable = unreadable(v).empty();
  // Without a shape the grant is len bytes, contiguous as such; PyBuffer_IsContiguous would
  // read shape[d] for each of the exporter's ndim dimensions (Cython's memoryview grants
  // PyBUF_SIMPLE with ndim 2 and no shape, which crashed the probe).
  g["c_contiguous"] = readable && (!v.shape || PyBuffer_IsContiguous(&v, 'C'));
  g["f_contiguous"] = readable && (!v.shape || PyBuffer_IsContiguous(&v, 'F'));
  if (v.format) g["calcsize"] = calcsize(v.format);
  g["items"] = items_of(v, bound);
  return g;
}

json request(PyObject *obj, int flags, const Extent &bound) {
  json r;
  r["flags"] = flags;
  r["name"] = request_name(flags);
  const long gets0 = counting.gets, releases0 = counting.releases;
  const Py_ssize_t refs0 = Py_REFCNT(obj);
  json grants = json::array();
  for (int attempt = 0; attempt < 2; ++attempt) {
    Py_buffer v{};
    if (PyObject_GetBuffer(obj, &v, flags) < 0) {
      mvconf_error err{};
      take_error(&err);
      r["error"] = {
          {"type", err.type}, {"message", err.message}, {"obj_left_set", v.obj != nullptr}};
      break;  // a refused request is not repeated
    }
    grants.push_back(grant(v, obj, bound));
    PyBuffer_Release(&v);
  }
  if (!grants.empty()) {
    r["grant"] = grants[0];
    if (grants.size() == 2) r["repeat_same"] = grants[0] == grants[1];
  }
  r["getbuffer_calls"] = counting.gets - gets0;
  r["release_calls"] = counting.releases - releases0;
  r["refcount_change"] = static_cast<long long>(Py_REFCNT(obj) - refs0);
  r["counted"] = counting.procs != nullptr;
  return r;
}

json through_memoryview(PyObject *obj, const Extent &bound) {
  json m;
  const long gets0 = counting.gets, releases0 = counting.releases;
  Ref mv(PyMemoryView_FromObject(obj));
  if (!mv) {
    m["error"] = pending_error();
    return m;
  }
  m["grant"] = grant(*PyMemoryView_GET_BUFFER(mv.p), obj, bound);
  Ref done(PyObject_CallMethod(mv.p, "release", nullptr));
  if (!done) m["release_error"] = pending_error();
  m["getbuffer_calls"] = counting.gets - gets0;
  m["release_calls"] = counting.releases - releases0;
  return m;
}

}  // namespace

const std::vector<int> &exporter_requests() {
  static const std::vector<int> requests = [] {
    std::vector<int> out;
    for (int base : {PyBUF_SIMPLE, PyBUF_ND, PyBUF_STRIDES, PyBUF_C_CONTIGUOUS, PyBUF_F_CONTIGUOUS,
                     PyBUF_ANY_CONTIGUOUS, PyBUF_INDIRECT})
      for (int extra : {0, PyBUF_WRITABLE, PyBUF_FORMAT, PyBUF_WRITABLE | PyBUF_FORMAT})
        out.push_back(base | extra);
    return out;
  }();
  return requests;
}

std::string request_name(int flags) {
  // The widest named request the flags contain, then the two independent bits.
  const std::pair<int, const char *> bases[] = {
      {PyBUF_INDIRECT, "PyBUF_INDIRECT"},         {PyBUF_ANY_CONTIGUOUS, "PyBUF_ANY_CONTIGUOUS"},
      {PyBUF_F_CONTIGUOUS, "PyBUF_F_CONTIGUOUS"}, {PyBUF_C_CONTIGUOUS, "PyBUF_C_CONTIGUOUS"},
      {PyBUF_STRIDES, "PyBUF_STRIDES"},           {PyBUF_ND, "PyBUF_ND"}};
  std::string name = "PyBUF_SIMPLE";
  for (const auto &[bits, text] : bases)
    if ((flags & bits) == bits) {
      name = text;
      break;
    }
  if (flags & PyBUF_WRITABLE) name += " | PyBUF_WRITABLE";
  if (flags & PyBUF_FORMAT) name += " | PyBUF_FORMAT";
  return name;
}

void add_import_path(const std::string &dir) {
  PyObject *path = PySys_GetObject("path");  // borrowed
  Ref entry(PyUnicode_FromString(dir.c_str()));
  if (!path || !entry || PyList_Insert(path, 0, entry.p) < 0)
    throw std::runtime_error("cannot add " + dir + " to sys.path: " + pending_error());
}

nlohmann::json describe_exporter(const std::string &exporter) {
  Ref text(PyObject_CallMethod(factories(), "describe_json", "s", exporter.c_str()));
  if (!text) throw std::runtime_error("exporter '" + exporter + "': " + pending_error());
  const char *s = PyUnicode_AsUTF8(text.p);
  if (!s) throw std::runtime_error("exporter '" + exporter + "': " + pending_error());
  return json::parse(s);
}

nlohmann::json probe_exporter(const std::string &exporter, const nlohmann::json &layout) {
  Ref args(from_json(layout));
  if (!args) throw std::runtime_error("layout: " + pending_error());
  Ref obj(PyObject_CallMethod(factories(), "make", "sO", exporter.c_str(), args.p));
  json out;
  if (!obj) {
    out["made"] = false;
    out["factory_error"] = pending_error();
    return out;
  }
  if (obj.p == Py_None) {
    out["made"] = false;
    out["why"] = "the factory cannot make this layout";
    return out;
  }
  out["made"] = true;
  out["type"] = Py_TYPE(obj.p)->tp_name;
  CountScope count(obj.p);
  // The full export first: the other grants are compared with it and may only point into it.
  const json full = request(obj.p, PyBUF_FULL_RO, Extent{});
  out["full"] = full;
  Extent bound;
  {
    Py_buffer v{};
    if (PyObject_GetBuffer(obj.p, &v, PyBUF_FULL_RO) == 0) {
      bound = extent_of(v);
      PyBuffer_Release(&v);
    } else {
      PyErr_Clear();
    }
  }
  json requests = json::array();
  for (int flags : exporter_requests()) requests.push_back(request(obj.p, flags, bound));
  out["requests"] = requests;
  out["memoryview"] = through_memoryview(obj.p, bound);
  out["counted"] = counting.procs != nullptr;
  out["getbuffer_calls"] = counting.gets;
  out["release_calls"] = counting.releases;
  return out;
}

}  // namespace mvconf::oracle
