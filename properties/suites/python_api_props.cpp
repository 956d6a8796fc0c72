// The Python-level memoryview (spec §5, docs/python-api.md): every method against CPython,
// alone and in random sequences over views that share a managed buffer (the lifecycle).
#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/py_generators.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;
using json = nlohmann::json;

namespace {

// Views of native formats most of the time: that is where items, casts and comparisons live.
mvconf::fixtures::Layout py_layout() {
  return *gen::layout(gen::LayoutOptions().without_hidden_fields());
}

// An exporter whose hash fails (hash(view.obj) in hash(mv), spec §5.11) in a third of the
// cases, only when both ports know mvconf_exporter.hash (feature "exporter_hash").
bool unhashable_exporter() {
  if (!mvconf::harness::subject_has("exporter_hash") ||
      !mvconf::harness::oracle().has("exporter_hash"))
    return false;
  return *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
}

const char *hashability(const mvconf::fixtures::Layout &l) {
  return l.unhashable ? "unhashable exporter" : "hashable exporter";
}

}  // namespace

MVCONF_PROP(PyBytes, TobytesHexTolistMatchCPython, "python_api") {
  const auto layout = py_layout();
  json calls = json::array();
  for (int i = 0; i < 3; ++i) {
    auto c = *gen::call(layout, 1);
    if (c["method"] != "tobytes" && c["method"] != "hex")
      c = {{"method", "tolist"}, {"args", json::array()}};
    calls.push_back(c);
  }
  RC_TAG(gen::classify(layout));
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

MVCONF_PROP(PyIndexing, ReadsAndSlicesMatchCPython, "python_api") {
  const auto layout = py_layout();
  const json k = *gen::key(layout);
  RC_TAG(gen::classify(layout), k.is_object() && !k.empty() ? k.begin().key() : k.type_name());
  // A sub-view is then read back whole, so its layout and its items are both compared.
  mvconf::harness::check_case(
      Case{"py",
           layout,
           {{"calls", json::array({{{"method", "getitem"}, {"args", json::array({k})}},
                                   {{"method", "tolist"}, {"args", json::array()}, {"on", 1}}})}}});
}

MVCONF_PROP(PyAssignment, ItemAndSliceAssignmentMatchCPython, "python_api") {
  auto layout = py_layout();
  layout.readonly = *rc::gen::weightedElement<bool>({{5, false}, {1, true}});
  json call;
  do {
    call = *gen::call(layout, 1);
  } while (call["method"] != "setitem" && call["method"] != "delitem");
  RC_TAG(gen::classify(layout), call["method"].get<std::string>());
  mvconf::harness::check_case(
      Case{"py",
           layout,
           {{"calls", json::array({call, {{"method", "tolist"}, {"args", json::array()}}})}}});
}

MVCONF_PROP(PyCast, CastChecksAndResultsMatchCPython, "python_api") {
  const auto layout = py_layout();
  const json args = *gen::cast_args(layout);
  RC_TAG(gen::classify(layout), args.size() > 1 ? "shape" : "no shape");
  mvconf::harness::check_case(Case{
      "py",
      layout,
      {{"calls", json::array({{{"method", "cast"}, {"args", args}},
                              {{"method", "tolist"}, {"args", json::array()}, {"on", 1}},
                              {{"method", "tobytes"}, {"args", json::array()}, {"on", 1}}})}}});
}

MVCONF_PROP(PyCompare, EqualityMatchesCPython, "python_api") {
  const auto layout = py_layout();
  // The other view: the same layout (equal unless NaN), or another layout and format.
  const auto other = *rc::gen::weightedOneOf<mvconf::fixtures::Layout>(
      {{2, rc::gen::just(layout)}, {3, gen::layout(gen::LayoutOptions().without_hidden_fields())}});
  const std::string method = *rc::gen::element<std::string>("eq", "ne");
  const int with = *rc::gen::weightedElement<int>({{3, 1}, {1, 0}});
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

MVCONF_PROP(PyHash, HashMatchesCPython, "python_api") {
  auto layout = py_layout();
  layout.readonly = *rc::gen::weightedElement<bool>({{3, true}, {1, false}});
  layout.unhashable = unhashable_exporter();
  RC_TAG(gen::classify(layout), layout.readonly ? "readonly" : "writable", hashability(layout));
  mvconf::harness::check_case(
      Case{"py",
           layout,
           {{"calls", json::array({{{"method", "hash"}, {"args", json::array()}},
                                   {{"method", "toreadonly"}, {"args", json::array()}},
                                   {{"method", "hash"}, {"args", json::array()}, {"on", 1}}})}}});
}

MVCONF_PROP(PyRelease, ReleasedViewsAndAttributesMatchCPython, "python_api") {
  const auto layout = py_layout();
  const bool release_first = *rc::gen::arbitrary<bool>();
  json calls = json::array();
  if (release_first) calls.push_back({{"method", "release"}, {"args", json::array()}});
  for (const char *a : {"obj", "nbytes", "readonly", "itemsize", "format", "ndim", "shape",
                        "strides", "suboffsets", "c_contiguous", "f_contiguous", "contiguous"})
    calls.push_back({{"method", "getattr"}, {"args", json::array({json{{"str", a}}})}});
  calls.push_back({{"method", "len"}, {"args", json::array()}});
  calls.push_back({{"method", "release"}, {"args", json::array()}});
  calls.push_back({{"method", "tobytes"}, {"args", json::array()}});
  RC_TAG(gen::classify(layout), release_first ? "released" : "live");
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}

// The lifecycle: random sequences of slicing, casting, toreadonly, assignment, comparison,
// hashing and release over the views they create (all registered with one managed buffer),
// with every intermediate result, the memory and the final export count compared.
MVCONF_PROP(PyLifecycle, RandomCallSequencesMatchCPython, "python_api") {
  auto layout = py_layout();
  layout.unhashable = unhashable_exporter();
  const int n = *rc::gen::inRange(1, 9);
  json calls = json::array();
  int views = 1;
  for (int i = 0; i < n; ++i) {
    const json c = *gen::call(layout, views);
    // Methods that make views (cast, toreadonly, getitem, buffer) take a slot whether or not
    // they succeed; the harness skips calls on empty slots identically for both ports.
    if (mvconf::harness::takes_view_slot(c["method"].get<std::string>())) ++views;
    calls.push_back(c);
  }
  RC_TAG(gen::classify(layout), n < 4 ? "short" : "long", hashability(layout));
  mvconf::harness::check_case(Case{"py", layout, {{"calls", calls}}});
}
