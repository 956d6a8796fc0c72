#include "mvconf/harness/py_chain_generators.h"

#include <algorithm>
#include <cstring>

#include "mvconf/harness/py_chain_model.h"
#include "mvconf/harness/py_generators.h"
#include "mvconf/harness/shrinking.h"

namespace mvconf::harness::gen {
namespace {

using json = nlohmann::json;
using fixtures::Layout;
using namespace chain_model;

// A shape of `items` items in `dims` dimensions (extents > 0), drawn from its divisors.
rc::Gen<json> shape_for(std::ptrdiff_t items) {
  // One item: mostly a 0-d view (shape []), the only way Python code makes one.
  const auto dims = items == 1 ? weighted_element<int>({{4, 0}, {1, 1}, {1, 2}})
                               : weighted_element<int>({{2, 1}, {4, 2}, {2, 3}, {1, 0}});
  return rc::gen::mapcat(dims, [items](int dims) {
    if (dims == 0 || items == 0) return rc::gen::just(json::array());
    std::vector<std::ptrdiff_t> divisors;
    for (std::ptrdiff_t d = 1; d <= items; ++d)
      if (items % d == 0) divisors.push_back(d);
    return rc::gen::map(rc::gen::container<std::vector<std::ptrdiff_t>>(std::size_t(dims - 1),
                                                                        element_of(divisors)),
                        [items](const std::vector<std::ptrdiff_t> &picks) {
                          json shape = json::array();
                          std::ptrdiff_t left = items;
                          for (auto d : picks)
                            if (left % d == 0) {
                              shape.push_back(d);
                              left /= d;
                            }
                          shape.push_back(left);
                          return shape;
                        });
  });
}

rc::Gen<json> cast_step(const Layout &v) {
  const std::ptrdiff_t total = nbytes(v);
  std::vector<std::pair<std::size_t, char>> formats;
  for (const char *f = kFormats; *f; ++f) {
    const bool fits = total % size_of(*f) == 0;
    const bool allowed = byte_format(*v.format) || byte_format(std::string(1, *f));
    formats.push_back({fits && allowed ? 4u : 0u, *f});
  }
  formats.push_back({1, 'B'});  // always something to draw
  return rc::gen::mapcat(weighted_element(formats), [v, total](char f) {
    const auto flat = rc::gen::just(json::array({str(std::string(1, f))}));
    if (v.ndim != 1 || total % size_of(f) != 0) return flat;
    const auto shaped =
        rc::gen::map(rc::gen::pair(shape_for(total / size_of(f)), rc::gen::arbitrary<bool>()),
                     [f](const std::pair<json, bool> &p) {
                       return json::array(
                           {str(std::string(1, f)), p.second ? json{{"tuple", p.first}} : p.first});
                     });
    return weighted_one_of<json>({{2, flat}, {3, shaped}});
  });
}

rc::Gen<json> slice_step(const Layout &v) {
  const std::ptrdiff_t n = v.ndim > 0 ? v.shape[0] : 1;
  const auto bound = weighted_one_of<json>(
      {{1, rc::gen::just(json())},
       {3, rc::gen::map(around(0, -n - 1, n + 1), [](std::ptrdiff_t x) { return json(x); })}});
  const auto step = weighted_element<json>({{2, json()},
                                            {2, json(-1)},
                                            {2, json(2)},
                                            {2, json(-2)},
                                            {1, json(3)},
                                            {1, json(-3)},
                                            {1, json(1)}});
  const auto any =
      rc::gen::map(rc::gen::tuple(bound, bound, step), [](const std::tuple<json, json, json> &t) {
        return json::array({json{{"slice", {std::get<0>(t), std::get<1>(t), std::get<2>(t)}}}});
      });
  // A run of 1, 2, 4 or 8 items: one cast away from a 0-d view when the items are bytes.
  const auto run =
      rc::gen::map(rc::gen::pair(around(0, 0, std::max<std::ptrdiff_t>(n - 1, 0)),
                                 element<std::ptrdiff_t>(1, 2, 4, 8)),
                   [](const std::pair<std::ptrdiff_t, std::ptrdiff_t> &p) {
                     return json::array({json{{"slice", {p.first, p.first + p.second, nullptr}}}});
                   });
  return weighted_one_of<json>({{4, any}, {1, run}});
}

// One step for the view the chain has so far.
rc::Gen<json> step_for(const Chain &so_far) {
  const Layout &v = so_far.view;
  const bool sliceable = so_far.made && v.ndim >= 1;
  const bool castable = so_far.made && c_contiguous(v);
  const auto call = [](const char *method, rc::Gen<json> args) {
    return rc::gen::map(std::move(args), [method](const json &a) {
      return json{{"method", method}, {"args", a}};
    });
  };
  return weighted_one_of<json>({
      {1, call("toreadonly", rc::gen::just(json::array()))},
      {1, call("memoryview", rc::gen::just(json::array()))},
      {castable ? 6u : 1u, call("cast", cast_step(v))},
      {sliceable ? 6u : 0u, call("getitem", slice_step(v))},
  });
}

}  // namespace

Chain replay_chain(const Layout &base, const std::vector<json> &steps) {
  Chain c{base, steps, base, true};
  for (const auto &s : steps)
    if (c.made) c.made = model_step(c.view, s);
  return c;
}

rc::Gen<Layout> chain_base() {
  return rc::gen::map(
      rc::gen::tuple(
          weighted_element<std::ptrdiff_t>(
              {{4, 24}, {3, 48}, {2, 8}, {1, 0}, {1, 1}, {1, 2}, {1, 4}, {1, 6}, {1, 12}, {1, 16}}),
          rc::gen::inRange(0, 256), rc::gen::arbitrary<bool>()),
      [](const std::tuple<std::ptrdiff_t, int, bool> &t) {
        Layout l;
        const std::ptrdiff_t n = std::get<0>(t);
        l.shape = {n};
        l.strides = {1};
        l.memlen = n;
        l.fill = unsigned(std::get<1>(t));
        l.readonly = std::get<2>(t);
        return l;
      });
}

rc::Gen<Chain> chain(rc::Gen<Layout> base) {
  // The steps are kept when the base shrinks: any step is valid on any view (a refused one
  // is an error both sides must agree on).
  const auto drawn = with_kept<Layout, std::vector<json>>(std::move(base), [](const Layout &b) {
    return sequence<json>(rc::gen::inRange(0, 6), [b](int, const std::vector<json> &before) {
      return step_for(replay_chain(b, before));
    });
  });
  return rc::gen::map(drawn, [](const std::pair<Layout, std::vector<json>> &p) {
    return replay_chain(p.first, p.second);
  });
}

std::string classify_chain(const Chain &c) {
  const Layout &v = c.view;
  if (!c.made) return "refused step";
  if (v.ndim == 0) return "0-d";
  if (v.items() == 0) return "empty";
  for (auto s : v.strides)
    if (s < 0) return "negative stride";
  if (!c_contiguous(v)) return "strided";
  if (v.ndim > 1) return "n-d";
  return v.offset > 0 ? "offset" : "contiguous";
}

}  // namespace mvconf::harness::gen
