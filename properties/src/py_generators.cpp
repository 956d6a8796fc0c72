#include "mvconf/harness/py_generators.h"

#include <mvconf/port.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "mvconf/harness/generators.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/shrinking.h"

namespace mvconf::harness::gen {
namespace {

using json = nlohmann::json;

// An int in [-n - 2, n + 2], the valid indexes of an extent n and a few beyond; shrinks to 0.
rc::Gen<json> small_int(std::ptrdiff_t n) {
  return rc::gen::map(around(0, -n - 2, n + 2), [](std::ptrdiff_t v) { return json(v); });
}

rc::Gen<json> slice_part(std::ptrdiff_t n) {
  return weighted_one_of<json>({{1, rc::gen::just(json())}, {3, small_int(n)}});
}

}  // namespace

namespace {

rc::Gen<json> make_key(std::ptrdiff_t n, int ndim) {
  const auto step = weighted_one_of<json>(
      {{2, rc::gen::just(json())},
       {3, rc::gen::map(around(1, -3, 3), [](std::ptrdiff_t v) { return json(v); })}});
  return weighted_one_of<json>({
      {6, small_int(n)},
      {1, element(json{{"index", 1}}, json(true), json{{"int", "99999999999999999999"}},
                  json{{"index", -1}})},
      {5, rc::gen::map(rc::gen::tuple(slice_part(n), slice_part(n), step),
                       [](const std::tuple<json, json, json> &t) {
                         return json{{"slice", {std::get<0>(t), std::get<1>(t), std::get<2>(t)}}};
                       })},
      {3, rc::gen::map(sequence<json>(rc::gen::inRange(0, ndim + 2),
                                      [n](int, const std::vector<json> &) { return small_int(n); }),
                       [](const std::vector<json> &items) {
                         return json{{"tuple", items}};
                       })},
      {2, element(json{{"tuple", json::array()}}, json{{"ellipsis", true}},
                  json{{"tuple",
                        {json{{"slice", {nullptr, nullptr, nullptr}}},
                         json{{"slice", {nullptr, nullptr, nullptr}}}}}},
                  json{{"tuple", {0, json{{"slice", {nullptr, nullptr, nullptr}}}}}}, json(1.5),
                  str("x"), json())},
  });
}

// Generators are pure functions of their random: each is built once for what it depends on
// and shared by every case (building them cost as much as drawing from them).
template <typename Key>
rc::Gen<json> once(std::map<Key, rc::Gen<json>> &built, const Key &key,
                   const std::function<rc::Gen<json>()> &make) {
  auto it = built.find(key);
  if (it == built.end()) it = built.emplace(key, make()).first;
  return it->second;
}

}  // namespace

rc::Gen<json> key(const fixtures::Layout &l) {
  const std::ptrdiff_t n = l.ndim > 0 && !l.shape.empty() ? l.shape[0] : 2;
  static std::map<std::pair<std::ptrdiff_t, int>, rc::Gen<json>> built;
  return once(built, std::make_pair(n, l.ndim), [&] { return make_key(n, l.ndim); });
}

rc::Gen<json> item_value() {
  static const rc::Gen<json> g = weighted_one_of<json>({
      {6, element(json(0), json(1), json(-1), json(127), json(128), json(255), json(256),
                  json(-128), json(-129), json(32767), json(65535), json(65536), json(2147483647),
                  json(4294967295LL), json(4294967296LL), json(9223372036854775807LL),
                  json(-9223372036854775807LL - 1))},
      {2, element(json{{"int", "18446744073709551615"}}, json{{"int", "18446744073709551616"}},
                  json{{"int", "-9223372036854775809"}})},
      {3, element(json(0.5), json(-2.25), json(1e300), json(1e10), json(65504.0),
                  json{{"float", "nan"}}, json{{"float", "-0.0"}}, json{{"float", "inf"}})},
      {2, element(json(false), json(true), json{{"index", 7}}, json{{"index", 300}},
                  json{{"float_like", 2.5}})},
      {2, element(json{{"bytes", "61"}}, json{{"bytes", "6162"}}, json{{"bytes", ""}},
                  json{{"bytearray", "61"}})},
      {1, element(json(), str("x"), json{{"object", "Widget"}}, json::array())},
  });
  return g;
}

namespace {

rc::Gen<json> make_cast_args() {
  const auto format = weighted_one_of<json>({
      {8, rc::gen::map(element_of(std::string("BbcHhIiLlQqNnfd?Pe")),
                       [](char ch) { return str(std::string(1, ch)); })},
      {2, element(str("@B"), str("@i"), str("<i"), str("=B"), str("ii"), str(""), str("X"),
                  json{{"bytes", "42"}}, json(1))},
  });
  // No shape, a list or tuple of extents (a list of them, so extents can be removed), or an
  // invalid shape argument.
  const auto dims = rc::gen::map(
      rc::gen::pair(sequence<int>(rc::gen::inRange(0, 4),
                                  [](int, const std::vector<int> &) {
                                    return weighted_element<int>({{3, 1}, {5, 2}, {2, 3}, {1, 4}});
                                  }),
                    rc::gen::arbitrary<bool>()),
      [](const std::pair<std::vector<int>, bool> &p) {
        const json d = p.first;
        return json::array({p.second ? json{{"tuple", d}} : d});
      });
  const auto shape = weighted_one_of<json>({
      {4, rc::gen::just(json::array())},
      {3, dims},
      {1, rc::gen::map(element(json::array({0}), json::array({-1}), json::array({2.0}),
                               json::array({json{{"int", "18446744073709551616"}}}), json(),
                               json(std::vector<int>(65, 1))),
                       [](const json &s) { return json::array({s}); })},
  });
  return rc::gen::map(rc::gen::pair(format, shape), [](const std::pair<json, json> &p) {
    json args = json::array({p.first});
    for (const auto &s : p.second) args.push_back(s);
    return args;
  });
}

}  // namespace

rc::Gen<json> cast_args(const fixtures::Layout &) {
  static const rc::Gen<json> g = make_cast_args();
  return g;
}

namespace {

// A view index among `views`, for arguments naming a view.
rc::Gen<json> view_ref(int views) {
  return rc::gen::map(rc::gen::inRange(0, views), [](int k) { return json{{"view", k}}; });
}

// The arguments of one call of `method`.
rc::Gen<json> make_args_for(const std::string &method, const fixtures::Layout &l, int views) {
  static const std::vector<std::string> attrs = {
      "obj",   "nbytes",  "readonly",   "itemsize",     "format",       "ndim",
      "shape", "strides", "suboffsets", "c_contiguous", "f_contiguous", "contiguous"};
  const auto one = [](rc::Gen<json> g) {
    return rc::gen::map(std::move(g), [](const json &a) { return json::array({a}); });
  };
  if (method == "tobytes")
    return weighted_one_of<json>({{4, rc::gen::just(json::array())},
                                  {3, one(element(json(), str("C"), str("F"), str("A"), str("X"),
                                                  str("c"), str(""), json{{"bytes", "43"}}))}});
  if (method == "hex")
    return element(json::array(), json::array({str("-")}), json::array({str("-"), 2}),
                   json::array({str(":"), -3}), json::array({json{{"bytes", "2d"}}, 1}),
                   json::array({str("ab")}), json::array({str("\xc3\xa9")}), json::array({1}),
                   json::array({str("-"), 0}));
  if (method == "getitem" || method == "delitem") return one(key(l));
  if (method == "setitem")
    return rc::gen::map(
        rc::gen::pair(
            key(l),
            weighted_one_of<json>(
                {{5, item_value()},
                 {2, rc::gen::map(rc::gen::inRange(0, 6),
                                  [](int k) {
                                    return json{{"bytes", std::string(std::size_t(k) * 2, '7')}};
                                  })},
                 {1, view_ref(views)}})),
        [](const std::pair<json, json> &p) {
          return json::array({p.first, p.second});
        });
  if (method == "cast") return cast_args(l);
  if (method == "exit") return element(json::array(), json::array({nullptr, nullptr, nullptr}));
  if (method == "getattr")
    return one(rc::gen::map(element_of(attrs), [](const std::string &a) { return str(a); }));
  if (method == "buffer")
    // PEP 688 mv.__buffer__(flags): mostly PyBUF_FULL_RO, which most views grant; any
    // request flags; or a bad argument list (type, overflow, arity).
    return weighted_one_of<json>(
        {{3, rc::gen::just(json::array({int(MVCONF_BUF_FULL_RO)}))},
         {2, rc::gen::map(request_flags(), [](int f) { return json::array({f}); })},
         {1, element(json::array({str("x")}), json::array(), json::array({0, 0}),
                     json::array({4294967296LL}), json::array({-1}),
                     json::array({json{{"int", "-9223372036854775809"}}}),
                     json::array({json{{"index", 284}}}))}});
  if (method == "release_buffer")
    // mv.__release_buffer__(view): a view (a __buffer__ view of mv's or not) or a non-view.
    return one(weighted_one_of<json>(
        {{4, view_ref(views)}, {1, element(json(1), json{{"bytes", "61"}}, json())}}));
  if (method == "contains") return one(item_value());
  // 3.14's count(value) and index(value[, start[, stop]]); older versions have neither.
  const std::ptrdiff_t n = l.ndim > 0 && !l.shape.empty() ? l.shape[0] : 2;
  const auto bound =
      rc::gen::map(around(0, -n - 2, n + 2), [](std::ptrdiff_t v) { return json(v); });
  if (method == "count")
    return weighted_one_of<json>(
        {{6, one(item_value())}, {1, element(json::array(), json::array({0, 0}))}});
  if (method == "index")
    return weighted_one_of<json>(
        {{4, one(item_value())},
         {3, rc::gen::map(rc::gen::pair(item_value(), bound),
                          [](const auto &p) {
                            return json::array({p.first, p.second});
                          })},
         {2, rc::gen::map(rc::gen::tuple(item_value(), bound, bound),
                          [](const auto &t) {
                            return json::array({std::get<0>(t), std::get<1>(t), std::get<2>(t)});
                          })},
         {1,
          element(json::array(), json::array({0, 1.5}),
                  json::array({0, json{{"index", 1}}, json{{"int", "99999999999999999999"}}}))}});
  if (method == "eq" || method == "ne")
    return one(weighted_one_of<json>(
        {{4, view_ref(views)},
         {1, element(json{{"bytes", "078a"}}, json::array({7, 138}), str("ab"))}}));
  if (method == "lt" || method == "le" || method == "gt" || method == "ge")
    // Only a bytearray orders a view; views, bytes and the rest raise TypeError.
    return one(weighted_one_of<json>(
        {{4,
          element(json{{"bytearray", "07"}}, json{{"bytearray", ""}}, json{{"bytearray", "078a"}},
                  json{{"bytearray", "ff"}}, json{{"bytearray", "0000"}})},
         {2, view_ref(views)},
         {1, element(json{{"bytes", "07"}}, json(1), str("ab"), json::array({7}), json())}}));
  return rc::gen::just(json::array());
}

// make_args_for reads of the layout only what key() does.
rc::Gen<json> args_for(const std::string &method, const fixtures::Layout &l, int views) {
  const std::ptrdiff_t n = l.ndim > 0 && !l.shape.empty() ? l.shape[0] : 2;
  static std::map<std::tuple<std::string, std::ptrdiff_t, int, int>, rc::Gen<json>> built;
  return once(built, std::make_tuple(method, n, l.ndim, views),
              [&] { return make_args_for(method, l, views); });
}

}  // namespace

namespace {

rc::Gen<json> make_call(const fixtures::Layout &l, int views, const std::vector<std::string> &only,
                        const std::vector<std::string> &with_args) {
  // Listed simplest first: a shrinking call moves toward tolist (its arguments redrawn).
  // count and index come last at weight 0, drawn only where `only` names them: so they leave
  // every other property's draws as they were (PyLevel.CountAndIndexMatchCPython asks).
  std::vector<std::pair<std::size_t, std::string>> methods = {
      {3, "tolist"},  {3, "tobytes"},    {2, "hex"},
      {5, "getitem"}, {4, "setitem"},    {1, "delitem"},
      {3, "cast"},    {2, "toreadonly"}, {2, "release"},
      {3, "getattr"}, {2, "len"},        {2, "hash"},
      {3, "eq"},      {1, "ne"},         {1, "enter"},
      {1, "exit"},    {1, "buffer"},     {1, "release_buffer"},
      {1, "iter"},    {1, "contains"},   {1, "reversed"},
      {1, "lt"},      {1, "le"},         {1, "gt"},
      {1, "ge"},      {0, "count"},      {0, "index"}};
  // Restricted to `only`: the others get weight 0, so they are neither drawn nor shrunk to.
  if (!only.empty())
    for (auto &m : methods) {
      const bool named = std::find(only.begin(), only.end(), m.second) != only.end();
      m.first = named ? std::max<std::size_t>(m.first, 1) : 0;
    }
  const auto method = weighted_element(std::move(methods));
  const auto on =
      views > 1 ? weighted_one_of<int>({{3, rc::gen::just(0)}, {2, rc::gen::inRange(0, views)}})
                : rc::gen::just(0);
  const auto method_args = rc::gen::mapcat(method, [l, views, with_args](const std::string &m) {
    // Arguments are drawn from their own split of the random, so leaving out those a property
    // discards changes no other draw.
    const bool drawn =
        with_args.empty() || std::find(with_args.begin(), with_args.end(), m) != with_args.end();
    return rc::gen::map(drawn ? args_for(m, l, views) : rc::gen::just(json::array()),
                        [m](const json &args) { return std::make_pair(m, args); });
  });
  return rc::gen::map(
      rc::gen::pair(on, method_args), [](const std::pair<int, std::pair<std::string, json>> &p) {
        return json{{"method", p.second.first}, {"args", p.second.second}, {"on", p.first}};
      });
}

}  // namespace

rc::Gen<json> call(const fixtures::Layout &l, int views, const std::vector<std::string> &only,
                   const std::vector<std::string> &with_args) {
  // make_call reads of the layout only what args_for does.
  const std::ptrdiff_t n = l.ndim > 0 && !l.shape.empty() ? l.shape[0] : 2;
  using Key =
      std::tuple<std::ptrdiff_t, int, int, std::vector<std::string>, std::vector<std::string>>;
  static std::map<Key, rc::Gen<json>> built;
  return once(built, Key(n, l.ndim, views, only, with_args),
              [&] { return make_call(l, views, only, with_args); });
}

int views_after(const std::vector<json> &calls) {
  // Methods that make views (cast, toreadonly, getitem, buffer) take a slot whether or not
  // they succeed; the harness skips calls on empty or missing slots identically for both
  // ports, so a shrink that removes a view-making call never makes the case invalid.
  int views = 1;
  for (const auto &c : calls)
    if (takes_view_slot(c["method"].get<std::string>())) ++views;
  return views;
}

rc::Gen<json> calls(rc::Gen<int> count,
                    std::function<rc::Gen<json>(const std::vector<json> &)> next, std::size_t min) {
  return rc::gen::map(
      sequence<json>(
          std::move(count), [next](int, const std::vector<json> &before) { return next(before); },
          min),
      [](const std::vector<json> &v) { return json(v); });
}

rc::Gen<json> some_of(std::vector<json> calls) {
  return rc::gen::map(sublist(std::move(calls)),
                      [](const std::vector<json> &v) { return json(v); });
}

}  // namespace mvconf::harness::gen
