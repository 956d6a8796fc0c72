// The lifecycle as a RapidCheck stateful property (rc::state): a model of the views, frees and
// exports a Python program holds generates command sequences (create, memoryview(), slice,
// cast, toreadonly, export, release an export, release, `with`, free, compare, hash, write);
// shrinking drops commands while the model's preconditions stay true. The sequence runs as one
// "py" case on the oracle and on the port, which record every step's result, the exporter's
// held buffers and every view's export counts; check_case requires them identical at every
// step and both sides to obey the lifecycle law (lifecycle_law.h).
#include <rapidcheck/state.h>

#include <map>
#include <utility>

#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/py_generators.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;
using json = nlohmann::json;

namespace {

/// What the program holds: view slots (a creation that fails leaves a slot no call reaches:
/// the harness skips such calls alike on both sides), which were freed, which exports are open.
struct LifeModel {
  mvconf::fixtures::Layout layout;
  std::vector<bool> freed{false};
  /// Slots whose creation nearly always succeeds (the exporter's view, create, memoryview(),
  /// toreadonly()): commands prefer them, so fewer calls land on empty slots.
  std::vector<bool> sure{true};
  std::vector<bool> export_open;
  /// Per slot, the slot whose PEP 688 `buffer` call made it (-1 otherwise), so that
  /// `release_buffer` mostly names a view of the right exporting view.
  std::vector<long> buffer_of{-1};
};

/// The sequence being built: the calls of the "py" case.
struct Script {
  json calls = json::array();
};

struct Step final : rc::state::Command<LifeModel, Script> {
  json call;
  explicit Step(json c) : call(std::move(c)) {}

  std::string method() const { return call["method"].get<std::string>(); }
  std::size_t on() const { return call.value("on", std::size_t{0}); }

  void checkPreconditions(const LifeModel &m) const override {
    const std::string me = method();
    if (me != "create") RC_PRE((on() < m.freed.size() && !m.freed[on()]));
    if (me == "release_export") {
      const auto k = call["args"][0].get<std::size_t>();
      // Parenthesised: RC_PRE decomposes `a && b` and would evaluate b even when a is false.
      RC_PRE((k < m.export_open.size() && m.export_open[k]));
    }
    for (const auto &a : call["args"])
      if (a.is_object() && a.contains("view")) {
        const auto k = a["view"].get<std::size_t>();
        RC_PRE((k < m.freed.size() && !m.freed[k]));
        // A buffer view whose exporting view was dropped: once its buffer is released that
        // view is gone, and `__release_buffer__` compares against a dangling pointer in
        // CPython (and in any port), so the answer depends on address reuse. Never asked.
        if (me == "release_buffer" && m.buffer_of[k] >= 0)
          RC_PRE(!m.freed[std::size_t(m.buffer_of[k])]);
      }
  }
  void apply(LifeModel &m) const override {
    const std::string me = method();
    if (mvconf::harness::takes_view_slot(me)) {
      m.freed.push_back(false);
      m.sure.push_back(me == "create" || me == "memoryview" || me == "toreadonly");
      m.buffer_of.push_back(me == "buffer" ? long(on()) : -1);
    }
    if (me == "free") m.freed[on()] = true;
    if (me == "export") m.export_open.push_back(true);
    if (me == "release_export") m.export_open[call["args"][0].get<std::size_t>()] = false;
  }
  void run(const LifeModel &, Script &s) const override { s.calls.push_back(call); }
  void show(std::ostream &os) const override { os << call.dump(); }
};

json str(const char *s) { return {{"str", s}}; }

using StepPtr = std::shared_ptr<const rc::state::Command<LifeModel, Script>>;

// Picks a name by weight, shrinking toward the first (inRange shrinks toward 0; its reach grows
// with the size, so short early sequences favour the first names).
std::string pick(const std::vector<std::pair<int, std::string>> &weights) {
  int total = 0;
  for (const auto &w : weights) total += w.first;
  int r = *rc::gen::inRange(0, total);
  for (const auto &w : weights)
    if ((r -= w.first) < 0) return w.second;
  return weights.back().second;
}

// The generators of make_call, built once (per layout's key where they draw one): they are pure
// functions of their random, and building them cost more than drawing from them.
struct CallGens {
  rc::Gen<json> slice, cast, setitem_key;
};

const CallGens &call_gens(const mvconf::fixtures::Layout &layout) {
  static std::map<std::pair<std::ptrdiff_t, int>, CallGens> built;
  const std::ptrdiff_t n = layout.ndim > 0 && !layout.shape.empty() ? layout.shape[0] : 2;
  auto it = built.find({n, layout.ndim});
  if (it != built.end()) return it->second;
  CallGens g{
      gen::weighted_one_of<json>(
          {{4, gen::element(json{{"slice", {nullptr, nullptr, nullptr}}},
                            json{{"slice", {1, nullptr, nullptr}}},
                            json{{"slice", {nullptr, nullptr, -1}}},
                            json{{"slice", {nullptr, nullptr, 2}}}, json{{"ellipsis", true}})},
           {1, gen::key(layout)}}),
      gen::weighted_one_of<json>({{4, gen::element(json::array({str("B")}), json::array({str("b")}),
                                                   json::array({str("c")}))},
                                  {1, gen::cast_args(layout)}}),
      gen::weighted_one_of<json>(
          {{3, gen::element(json(0), json(-1), json{{"slice", {nullptr, nullptr, nullptr}}})},
           {1, gen::key(layout)}})};
  return built.emplace(std::make_pair(n, layout.ndim), std::move(g)).first->second;
}

json make_call(const std::string &kind, std::size_t on, const std::vector<std::size_t> &live,
               const std::vector<std::size_t> &open, const mvconf::fixtures::Layout &layout) {
  const auto view_arg = [&] { return json{{"view", *gen::element_of(live)}}; };
  static const rc::Gen<int> export_flags = gen::weighted_one_of<int>(
      {{3, rc::gen::just(int(MVCONF_BUF_FULL_RO))}, {2, gen::request_flags()}});
  static const rc::Gen<int> buffer_flags = gen::weighted_one_of<int>(
      {{3, rc::gen::just(int(MVCONF_BUF_FULL_RO))}, {1, gen::request_flags()}});
  static const rc::Gen<std::string> with = gen::element<std::string>("enter", "exit");
  static const rc::Gen<std::string> eq = gen::element<std::string>("eq", "ne");
  json args = json::array();
  std::string method = kind;
  if (kind == "slice") {
    method = "getitem";
    args.push_back(*call_gens(layout).slice);
  } else if (kind == "cast") {
    args = *call_gens(layout).cast;
  } else if (kind == "export") {
    // Mostly PyBUF_FULL_RO, which every live view grants, so exports pile up and cross
    // releases and frees; any flags otherwise.
    args.push_back(*export_flags);
  } else if (kind == "release_export") {
    args.push_back(*gen::element_of(open));
  } else if (kind == "with") {
    // `with m:` is __enter__ then __exit__(None, None, None); the model sees the release.
    method = *with;
    if (method == "exit") args = json::array({nullptr, nullptr, nullptr});
  } else if (kind == "buffer") {
    // PEP 688 mv.__buffer__(flags): mostly PyBUF_FULL_RO, so buffer views pile up too.
    args.push_back(*buffer_flags);
  } else if (kind == "release_buffer") {
    args.push_back(view_arg());
  } else if (kind == "eq") {
    method = *eq;
    args.push_back(view_arg());
  } else if (kind == "setitem") {
    args.push_back(*call_gens(layout).setitem_key);
    // The value's alternatives name a live view: drawn per step.
    args.push_back(*gen::weighted_one_of<json>(
        {{3, gen::element(json(0), json(7), json(255), json{{"bytes", "61"}})},
         {1, rc::gen::just(view_arg())},
         {1, gen::item_value()}}));
  }
  return {{"method", method}, {"args", args}, {"on", on}};
}

rc::Gen<StepPtr> next_step(const LifeModel &m) {
  std::vector<std::size_t> live, sure;
  for (std::size_t i = 0; i < m.freed.size(); ++i)
    if (!m.freed[i]) {
      live.push_back(i);
      if (m.sure[i]) sure.push_back(i);
    }
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < m.export_open.size(); ++i)
    if (m.export_open[i]) open.push_back(i);
  // Live buffer views whose exporting view is live too: (exporting slot, buffer slot).
  std::vector<std::pair<std::size_t, std::size_t>> buffers;
  for (std::size_t i = 0; i < m.buffer_of.size(); ++i)
    if (m.buffer_of[i] >= 0 && !m.freed[i] && !m.freed[std::size_t(m.buffer_of[i])])
      buffers.emplace_back(std::size_t(m.buffer_of[i]), i);
  const auto layout = m.layout;
  return rc::gen::exec([=]() -> StepPtr {
    if (live.empty())
      return std::make_shared<Step>(json{{"method", "create"}, {"args", json::array()}, {"on", 0}});
    std::vector<std::pair<int, std::string>> weights = {
        {1, "create"}, {2, "memoryview"}, {3, "slice"},  {2, "cast"}, {2, "toreadonly"},
        {3, "export"}, {3, "release"},    {1, "with"},   {3, "free"}, {2, "eq"},
        {3, "hash"},   {3, "setitem"},    {1, "tobytes"}};
    if (!open.empty()) weights.push_back({5, "release_export"});
    weights.push_back({2, "buffer"});
    if (!buffers.empty()) weights.push_back({3, "release_buffer"});
    const std::string kind = pick(weights);
    static const rc::Gen<bool> own = gen::weighted_element<bool>({{3, true}, {1, false}});
    static const rc::Gen<bool> any = gen::weighted_element<bool>({{1, true}, {3, false}});
    if (kind == "release_buffer" && *own) {
      // Mostly the exporting view releasing one of its own buffer views.
      const auto [parent, child] = *gen::element_of(buffers);
      return std::make_shared<Step>(json{{"method", "release_buffer"},
                                         {"args", json::array({json{{"view", child}}})},
                                         {"on", parent}});
    }
    const std::size_t on = sure.empty() || *any ? *gen::element_of(live) : *gen::element_of(sure);
    return std::make_shared<Step>(make_call(kind, on, live, open, layout));
  });
}

// Mostly short 1-D byte views, where slices, casts and hashes succeed and the sequence gets
// deep; sometimes any layout, so the rules also meet PIL, 0-d and empty views.
mvconf::fixtures::Layout life_layout() {
  static const rc::Gen<mvconf::fixtures::Layout> any_layout =
      gen::weighted_one_of<mvconf::fixtures::Layout>(
          {{3, rc::gen::exec([] {
              mvconf::fixtures::Layout s;
              s.format = *gen::element<std::string>("B", "b", "c", "@B");
              s.ndim = 1;
              s.shape = {*rc::gen::inRange<std::ptrdiff_t>(0, 7)};
              s.strides = mvconf::fixtures::c_strides(s.shape, 1);
              s.fill = *rc::gen::inRange(0u, 1000u);
              mvconf::fixtures::fit_memory(s);
              return s;
            })},
           {2, gen::layout(gen::LayoutOptions().without_hidden_fields())}});
  static const rc::Gen<bool> readonly = gen::weighted_element<bool>({{4, false}, {1, true}});
  auto l = *any_layout;
  l.readonly = *readonly;
  return l;
}

std::string tag_of(const json &calls) {
  bool freed_exported = false, export_open_at_release = false;
  int open = 0;
  for (const auto &c : calls) {
    const std::string m = c["method"];
    if (m == "export") ++open;
    if (m == "release_export") --open;
    if (m == "release" && open > 0) export_open_at_release = true;
    if (m == "free" && open > 0) freed_exported = true;
  }
  return freed_exported           ? "free while exported"
         : export_open_at_release ? "release while exported"
                                  : "no export crossing";
}

}  // namespace

MVCONF_PROP(PyLifecycleModel, StatefulSequencesMatchCPython, "python_api") {
  LifeModel model;
  model.layout = life_layout();
  const auto commands = *rc::state::gen::commands(model, &next_step);
  Script script;
  rc::state::runAll(commands, model, script);
  RC_TAG(gen::classify(model.layout), script.calls.size() < 8 ? "short" : "long",
         tag_of(script.calls));
  mvconf::harness::check_case(Case{"py", model.layout, {{"calls", script.calls}}});
}
