#include "mvconf/harness/py_generators.h"

#include <mvconf/port.h>

#include <string>
#include <vector>

#include "mvconf/harness/generators.h"

namespace mvconf::harness::gen {
namespace {

using json = nlohmann::json;

json str(const std::string &s) { return {{"str", s}}; }

rc::Gen<json> small_int(std::ptrdiff_t n) {
  return rc::gen::map(rc::gen::inRange<std::ptrdiff_t>(-n - 2, n + 3),
                      [](std::ptrdiff_t v) { return json(v); });
}

rc::Gen<json> slice_part(std::ptrdiff_t n) {
  return rc::gen::weightedOneOf<json>({{1, rc::gen::just(json())}, {3, small_int(n)}});
}

}  // namespace

rc::Gen<json> key(const fixtures::Layout &l) {
  const std::ptrdiff_t n = l.ndim > 0 && !l.shape.empty() ? l.shape[0] : 2;
  const int ndim = l.ndim;
  return rc::gen::weightedOneOf<json>({
      {6, small_int(n)},
      {1, rc::gen::element(json{{"int", "99999999999999999999"}}, json{{"index", 1}}, json(true),
                           json{{"index", -1}})},
      {5, rc::gen::exec([n] {
         return json{
             {"slice",
              {*slice_part(n), *slice_part(n),
               *rc::gen::weightedOneOf<json>(
                   {{2, rc::gen::just(json())},
                    {3, rc::gen::map(rc::gen::inRange(-3, 4), [](int v) { return json(v); })}})}}};
       })},
      {3, rc::gen::exec([n, ndim] {
         const int k = *rc::gen::inRange(0, ndim + 2);
         json items = json::array();
         for (int i = 0; i < k; ++i) items.push_back(*small_int(n));
         return json{{"tuple", items}};
       })},
      {2, rc::gen::element(json{{"ellipsis", true}}, json{{"tuple", json::array()}},
                           json{{"tuple",
                                 {json{{"slice", {nullptr, nullptr, nullptr}}},
                                  json{{"slice", {nullptr, nullptr, nullptr}}}}}},
                           json{{"tuple", {0, json{{"slice", {nullptr, nullptr, nullptr}}}}}},
                           json(1.5), str("x"), json())},
  });
}

rc::Gen<json> item_value() {
  return rc::gen::weightedOneOf<json>({
      {6, rc::gen::element(json(0), json(1), json(-1), json(127), json(128), json(255), json(256),
                           json(-128), json(-129), json(32767), json(65535), json(65536),
                           json(2147483647), json(4294967295LL), json(4294967296LL),
                           json(9223372036854775807LL), json(-9223372036854775807LL - 1))},
      {2, rc::gen::element(json{{"int", "18446744073709551615"}},
                           json{{"int", "18446744073709551616"}},
                           json{{"int", "-9223372036854775809"}})},
      {3,
       rc::gen::element(json(0.5), json(-2.25), json(1e300), json(1e10), json(65504.0),
                        json{{"float", "nan"}}, json{{"float", "-0.0"}}, json{{"float", "inf"}})},
      {2, rc::gen::element(json(true), json(false), json{{"index", 7}}, json{{"index", 300}},
                           json{{"float_like", 2.5}})},
      {2, rc::gen::element(json{{"bytes", "61"}}, json{{"bytes", "6162"}}, json{{"bytes", ""}},
                           json{{"bytearray", "61"}})},
      {1, rc::gen::element(json{{"object", "Widget"}}, str("x"), json(), json::array())},
  });
}

rc::Gen<json> cast_args(const fixtures::Layout &l) {
  (void)l;
  return rc::gen::exec([] {
    const json format = *rc::gen::weightedOneOf<json>({
        {8, rc::gen::map(rc::gen::elementOf(std::string("BbcHhIiLlQqNnfd?Pe")),
                         [](char ch) { return str(std::string(1, ch)); })},
        {2, rc::gen::element(str("@i"), str("@B"), str("<i"), str("=B"), str("ii"), str(""),
                             str("X"), json{{"bytes", "42"}}, json(1))},
    });
    json args = json::array({format});
    const int shape_kind = *rc::gen::weightedElement<int>({{4, 0}, {3, 1}, {1, 2}});
    if (shape_kind == 1) {
      json dims = json::array();
      const int k = *rc::gen::inRange(0, 4);
      for (int i = 0; i < k; ++i)
        dims.push_back(*rc::gen::weightedElement<int>({{5, 2}, {3, 1}, {2, 3}, {1, 4}}));
      args.push_back(*rc::gen::arbitrary<bool>() ? dims : json{{"tuple", dims}});
    } else if (shape_kind == 2) {
      args.push_back(*rc::gen::element(json::array({0}), json::array({-1}), json::array({2.0}),
                                       json::array({json{{"int", "18446744073709551616"}}}), json(),
                                       json(std::vector<int>(65, 1))));
    }
    return args;
  });
}

rc::Gen<json> call(const fixtures::Layout &l, int views) {
  return rc::gen::exec([l, views] {
    const int on =
        views > 1
            ? *rc::gen::weightedOneOf<int>({{3, rc::gen::just(0)}, {2, rc::gen::inRange(0, views)}})
            : 0;
    static const std::vector<std::string> attrs = {
        "obj",   "nbytes",  "readonly",   "itemsize",     "format",       "ndim",
        "shape", "strides", "suboffsets", "c_contiguous", "f_contiguous", "contiguous"};
    const std::string method = *rc::gen::weightedElement<std::string>(
        {{3, "tolist"},  {3, "tobytes"},    {2, "hex"},
         {5, "getitem"}, {4, "setitem"},    {1, "delitem"},
         {3, "cast"},    {2, "toreadonly"}, {2, "release"},
         {3, "getattr"}, {2, "len"},        {2, "hash"},
         {3, "eq"},      {1, "ne"},         {1, "enter"},
         {1, "exit"},    {1, "buffer"},     {1, "release_buffer"},
         {1, "iter"},    {1, "contains"},   {1, "reversed"}});
    json args = json::array();
    if (method == "tobytes") {
      const int k = *rc::gen::weightedElement<int>({{3, 0}, {3, 1}, {1, 2}});
      if (k == 1)
        args.push_back(*rc::gen::element(json(), str("C"), str("F"), str("A"), str("X"), str("c"),
                                         str(""), json{{"bytes", "43"}}));
    } else if (method == "hex") {
      args = *rc::gen::element(json::array(), json::array({str("-")}), json::array({str("-"), 2}),
                               json::array({str(":"), -3}), json::array({json{{"bytes", "2d"}}, 1}),
                               json::array({str("ab")}), json::array({str("\xc3\xa9")}),
                               json::array({1}), json::array({str("-"), 0}));
    } else if (method == "getitem" || method == "delitem") {
      args.push_back(*key(l));
    } else if (method == "setitem") {
      args.push_back(*key(l));
      args.push_back(*rc::gen::weightedOneOf<json>(
          {{5, item_value()},
           {2, rc::gen::map(rc::gen::inRange(0, 6),
                            [](int k) {
                              return json{{"bytes", std::string(std::size_t(k) * 2, '7')}};
                            })},
           {1, rc::gen::map(rc::gen::inRange(0, views), [](int k) {
              return json{{"view", k}};
            })}}));
    } else if (method == "cast") {
      args = *cast_args(l);
    } else if (method == "exit") {
      args = *rc::gen::element(json::array(), json::array({nullptr, nullptr, nullptr}));
    } else if (method == "getattr") {
      args.push_back(str(*rc::gen::elementOf(attrs)));
    } else if (method == "buffer") {
      // PEP 688 mv.__buffer__(flags): mostly PyBUF_FULL_RO, which most views grant; any
      // request flags; or a bad argument list (type, overflow, arity).
      args = *rc::gen::weightedOneOf<json>(
          {{3, rc::gen::just(json::array({int(MVCONF_BUF_FULL_RO)}))},
           {2, rc::gen::map(request_flags(), [](int f) { return json::array({f}); })},
           {1, rc::gen::element(json::array({str("x")}), json::array(), json::array({0, 0}),
                                json::array({4294967296LL}), json::array({-1}),
                                json::array({json{{"int", "-9223372036854775809"}}}),
                                json::array({json{{"index", 284}}}))}});
    } else if (method == "release_buffer") {
      // mv.__release_buffer__(view): a view (a __buffer__ view of mv's or not) or a non-view.
      args.push_back(*rc::gen::weightedOneOf<json>(
          {{4, rc::gen::map(rc::gen::inRange(0, views),
                            [](int k) {
                              return json{{"view", k}};
                            })},
           {1, rc::gen::element(json(1), json{{"bytes", "61"}}, json())}}));
    } else if (method == "contains") {
      args.push_back(*item_value());
    } else if (method == "eq" || method == "ne") {
      args.push_back(*rc::gen::weightedOneOf<json>(
          {{4, rc::gen::map(rc::gen::inRange(0, views),
                            [](int k) {
                              return json{{"view", k}};
                            })},
           {1, rc::gen::element(json{{"bytes", "078a"}}, json::array({7, 138}), str("ab"))}}));
    }
    return json{{"method", method}, {"args", args}, {"on", on}};
  });
}

}  // namespace mvconf::harness::gen
