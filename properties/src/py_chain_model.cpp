// The harness's model of a Python-level chain of views: each step's view computed from the
// one before without asking any port, so that generators know which steps CPython accepts and
// a report can draw the view a chain ends at.
#include "mvconf/harness/py_chain_model.h"

#include <algorithm>
#include <cstring>

namespace mvconf::harness::chain_model {

using json = nlohmann::json;
using fixtures::Layout;

std::ptrdiff_t size_of(char f) {
  if (std::strchr("Bbc?", f)) return 1;
  if (std::strchr("Hhe", f)) return 2;
  if (std::strchr("Iif", f)) return 4;
  return 8;
}

bool byte_format(const std::string &f) { return f == "B" || f == "b" || f == "c"; }

std::ptrdiff_t nbytes(const Layout &v) { return v.items() * v.itemsize; }

bool c_contiguous(const Layout &v) {
  if (v.items() == 0) return true;
  std::ptrdiff_t expect = v.itemsize;
  for (int d = v.ndim - 1; d >= 0; --d) {
    if (v.shape[std::size_t(d)] > 1 && v.strides[std::size_t(d)] != expect) return false;
    expect *= v.shape[std::size_t(d)];
  }
  return true;
}

namespace {

// The model of cast(format[, shape]) (spec §5.7); false when CPython refuses it.
bool model_cast(Layout &v, const json &args) {
  if (args.empty() || !args[0].is_object() || !args[0].contains("str")) return false;
  const std::string f = args[0]["str"];
  if (f.size() != 1 || !std::strchr(kFormats, f[0]) || !c_contiguous(v)) return false;
  if (!byte_format(*v.format) && !byte_format(f)) return false;
  const std::ptrdiff_t size = size_of(f[0]), total = nbytes(v);
  std::vector<std::ptrdiff_t> shape;
  if (args.size() < 2) {
    if (total % size != 0) return false;
    shape = {total / size};
  } else {
    const json &s = args[1].is_object() && args[1].contains("tuple") ? args[1]["tuple"] : args[1];
    for (const auto &e : s) shape.push_back(e.get<std::ptrdiff_t>());
    std::ptrdiff_t items = 1;
    for (auto e : shape) items *= e;
    if ((v.ndim != 1 && shape.size() != 1) || items * size != total) return false;
    for (auto e : shape)
      if (e <= 0) return false;
  }
  v.format = f;
  v.itemsize = size;
  v.ndim = int(shape.size());
  v.shape = shape;
  v.strides = fixtures::c_strides(shape, size);
  return true;
}

}  // namespace

std::ptrdiff_t slice_indices(const json &s, std::ptrdiff_t n, std::ptrdiff_t &start,
                             std::ptrdiff_t &step) {
  // Anything but an integer reads as None, so a malformed slice draws or models less, never
  // throws.
  const auto at = [&](std::size_t k) { return s.is_array() && s.size() > k ? s[k] : json(); };
  step = at(2).is_number_integer() ? at(2).get<std::ptrdiff_t>() : 1;
  if (step == 0) return -1;
  const std::ptrdiff_t lo = step < 0 ? -1 : 0, hi = step < 0 ? n - 1 : n;
  const auto bound = [&](const json &b, std::ptrdiff_t none) {
    if (!b.is_number_integer()) return none;
    std::ptrdiff_t x = b.get<std::ptrdiff_t>();
    if (x < 0) x += n;
    return std::clamp(x, lo, hi);
  };
  start = bound(at(0), step < 0 ? hi : lo);
  const std::ptrdiff_t stop = bound(at(1), step < 0 ? lo : hi);
  if (step < 0) return stop < start ? (start - stop - 1) / -step + 1 : 0;
  return start < stop ? (stop - start - 1) / step + 1 : 0;
}

bool model_step(Layout &v, const json &step) {
  const std::string m = step.value("method", "");
  const json args = step.value("args", json::array());
  if (m == "toreadonly") {
    v.readonly = true;
    return true;
  }
  if (m == "memoryview") return true;
  if (m == "cast") return model_cast(v, args);
  if (m == "getitem" && args.size() == 1 && args[0].is_object() && args[0].contains("slice")) {
    std::ptrdiff_t start = 0, stride = 1;
    if (v.ndim < 1 || args[0]["slice"][2] == 0) return false;
    const std::ptrdiff_t len = slice_indices(args[0]["slice"], v.shape[0], start, stride);
    v.offset += start * v.strides[0];
    v.strides[0] *= stride;
    v.shape[0] = len;
    return true;
  }
  return false;
}

}  // namespace mvconf::harness::chain_model
