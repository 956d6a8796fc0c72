// The Python-level memoryview (spec §5, docs/python-api.md): every method against CPython,
// alone and in random sequences over views that share a managed buffer (the lifecycle). Call
// lists are generated as lists, so that shrinking removes the calls a divergence does not need.
#include <functional>
#include <utility>
#include <vector>

#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/py_generators.h"
#include "mvconf/harness/shrinking.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;
using json = nlohmann::json;

namespace {

using mvconf::fixtures::Layout;

// Views of native formats most of the time: that is where items, casts and comparisons live.
rc::Gen<Layout> py_layout() { return gen::layout(gen::LayoutOptions().without_hidden_fields()); }

// A layout and the calls drawn for it, shrinking in turn: the calls are kept when the layout
// shrinks (any call is valid on any view), and calls the divergence does not need go.
std::pair<Layout, json> layout_and_calls(rc::Gen<Layout> layout,
                                         std::function<rc::Gen<json>(const Layout &)> calls) {
  return *gen::with_kept<Layout, json>(std::move(layout), std::move(calls));
}

// The layout with its readonly flag drawn again from `readonly`.
rc::Gen<Layout> with_readonly(rc::Gen<bool> readonly) {
  return rc::gen::map(rc::gen::pair(py_layout(), std::move(readonly)),
                      [](std::pair<Layout, bool> p) {
                        p.first.readonly = p.second;
                        return p.first;
                      });
}

// An exporter whose hash fails (hash(view.obj) in hash(mv), spec §5.11) in a third of the
// cases, only when both ports know mvconf_exporter.hash (feature "exporter_hash").
bool unhashable_exporter() {
  if (!mvconf::harness::subject_has("exporter_hash") ||
      !mvconf::harness::oracle().has("exporter_hash"))
    return false;
  return *gen::weighted_element<bool>({{2, false}, {1, true}});
}

const char *hashability(const mvconf::fixtures::Layout &l) {
  return l.unhashable ? "unhashable exporter" : "hashable exporter";
}

}  // namespace

MVCONF_PROP(PyBytes, TobytesHexTolistMatchCPython, "python_api") {
  const auto [layout, calls] = layout_and_calls(py_layout(), [](const Layout &l) {
    return gen::calls(rc::gen::just(3), [l](const std::vector<json> &) {
      // Only tobytes and hex keep their arguments, so only theirs are drawn.
      return rc::gen::map(gen::call(l, 1, {}, {"tobytes", "hex"}), [](json c) {
        if (c["method"] != "tobytes" && c["method"] != "hex")
          c = {{"method", "tolist"}, {"args", json::array()}};
        return c;
      });
    });
  });
  RC_TAG(gen::classify(layout));
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

MVCONF_PROP(PyIndexing, ReadsAndSlicesMatchCPython, "python_api") {
  // A sub-view is then read back whole, so its layout and its items are both compared.
  const auto [layout, calls] = layout_and_calls(py_layout(), [](const Layout &l) {
    return rc::gen::mapcat(gen::key(l), [](const json &k) {
      return gen::some_of({{{"method", "getitem"}, {"args", json::array({k})}},
                           {{"method", "tolist"}, {"args", json::array()}, {"on", 1}}});
    });
  });
  const json k = calls[0]["method"] == "getitem" ? calls[0]["args"][0] : json();
  RC_TAG(gen::classify(layout), k.is_object() && !k.empty() ? k.begin().key() : k.type_name());
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

MVCONF_PROP(PyAssignment, ItemAndSliceAssignmentMatchCPython, "python_api") {
  const auto [layout, calls] = layout_and_calls(
      with_readonly(gen::weighted_element<bool>({{5, false}, {1, true}})), [](const Layout &l) {
        return rc::gen::mapcat(gen::call(l, 1, {"setitem", "delitem"}), [](const json &c) {
          return gen::some_of({c, {{"method", "tolist"}, {"args", json::array()}}});
        });
      });
  RC_TAG(gen::classify(layout), calls[0]["method"].get<std::string>());
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

MVCONF_PROP(PyCast, CastChecksAndResultsMatchCPython, "python_api") {
  const auto [layout, calls] = layout_and_calls(py_layout(), [](const Layout &l) {
    return rc::gen::mapcat(gen::cast_args(l), [](const json &args) {
      return gen::some_of({{{"method", "cast"}, {"args", args}},
                           {{"method", "tolist"}, {"args", json::array()}, {"on", 1}},
                           {{"method", "tobytes"}, {"args", json::array()}, {"on", 1}}});
    });
  });
  RC_TAG(gen::classify(layout), calls[0]["args"].size() > 1 ? "shape" : "no shape");
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

MVCONF_PROP(PyCompare, EqualityMatchesCPython, "python_api") {
  const auto layout = *py_layout();
  // The other view: the same layout (equal unless NaN), or another layout and format.
  const auto other = *gen::weighted_one_of<Layout>({{2, rc::gen::just(layout)}, {3, py_layout()}});
  const std::string method = *gen::element<std::string>("eq", "ne");
  const int with = *gen::weighted_element<int>({{3, 1}, {1, 0}});
  RC_TAG(gen::classify(layout), with == 0         ? "itself"
                                : other == layout ? "same layout"
                                                  : "other layout");
  mvconf::harness::check_case(
      Case{"py",
           layout,
           {{"others", json::array({other})},
            {"calls",
             json::array({{{"method", method}, {"args", json::array({json{{"view", with}}})}}})}}});
}

MVCONF_PROP(PyCompare, OrderingMatchesCPython, "python_api") {
  // <, <=, >, >=: a bytearray answers for live C-contiguous views, anything else raises.
  const auto [layout, calls] = layout_and_calls(py_layout(), [](const Layout &l) {
    return gen::calls(rc::gen::inRange(1, 4), [l](const std::vector<json> &before) {
      return gen::weighted_one_of<json>(
          {{4, gen::call(l, gen::views_after(before), {"lt", "le", "gt", "ge"})},
           {1, gen::call(l, gen::views_after(before), {"release", "cast", "getitem"})}});
    });
  });
  RC_TAG(gen::classify(layout), calls[0]["method"].get<std::string>());
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

MVCONF_PROP(PyHash, HashMatchesCPython, "python_api") {
  auto [layout, calls] = layout_and_calls(
      with_readonly(gen::weighted_element<bool>({{3, true}, {1, false}})), [](const Layout &) {
        return gen::some_of({{{"method", "hash"}, {"args", json::array()}},
                             {{"method", "toreadonly"}, {"args", json::array()}},
                             {{"method", "hash"}, {"args", json::array()}, {"on", 1}}});
      });
  layout.unhashable = unhashable_exporter();
  RC_TAG(gen::classify(layout), layout.readonly ? "readonly" : "writable", hashability(layout));
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

MVCONF_PROP(PyRelease, ReleasedViewsAndAttributesMatchCPython, "python_api") {
  const auto [layout, calls] = layout_and_calls(py_layout(), [](const Layout &) {
    return rc::gen::mapcat(rc::gen::arbitrary<bool>(), [](bool release_first) {
      std::vector<json> calls;
      if (release_first) calls.push_back({{"method", "release"}, {"args", json::array()}});
      for (const char *a : {"obj", "nbytes", "readonly", "itemsize", "format", "ndim", "shape",
                            "strides", "suboffsets", "c_contiguous", "f_contiguous", "contiguous"})
        calls.push_back({{"method", "getattr"}, {"args", json::array({json{{"str", a}}})}});
      calls.push_back({{"method", "len"}, {"args", json::array()}});
      calls.push_back({{"method", "release"}, {"args", json::array()}});
      calls.push_back({{"method", "tobytes"}, {"args", json::array()}});
      return gen::some_of(std::move(calls));
    });
  });
  RC_TAG(gen::classify(layout), calls[0]["method"] == "release" ? "released" : "live");
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

// The lifecycle: random sequences of slicing, casting, toreadonly, assignment, comparison,
// hashing and release over the views they create (all registered with one managed buffer),
// with every intermediate result, the memory and the final export count compared.
MVCONF_PROP(PyLifecycle, RandomCallSequencesMatchCPython, "python_api") {
  auto [layout, calls] = layout_and_calls(py_layout(), [](const Layout &l) {
    return gen::calls(rc::gen::inRange(1, 9), [l](const std::vector<json> &before) {
      return gen::call(l, gen::views_after(before));
    });
  });
  layout.unhashable = unhashable_exporter();
  RC_TAG(gen::classify(layout), calls.size() < 4 ? "short" : "long", hashability(layout));
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}
