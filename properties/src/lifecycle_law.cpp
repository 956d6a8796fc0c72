#include "mvconf/harness/lifecycle_law.h"

#include <vector>

#include "mvconf/harness/json_member.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

struct View {
  int mbuf;  // managed buffers are numbered in creation order; -1: a view of another exporter
  bool released = false;
  bool freed = false;
  long exports = 0;  // open `export` calls; model() adds the registered `buffer` children
  // Registered with its managed buffer: not released, and referenced (by the harness or by an
  // export, which holds its view).
  bool registered(long all_exports) const { return !released && (!freed || all_exports > 0); }
};

// What the model predicts after a step: per view its exports (open `export` calls plus the
// PEP 688 `buffer` managed buffers it exported that still have a registered view) and whether
// it is registered, and per managed buffer its registered views.
struct Model {
  std::vector<long> exports;
  std::vector<bool> registered;
  std::vector<long> mbuf_views;
};

// `owner[b]` is the view whose `buffer` call made managed buffer b, or -1 for the exporter's.
// Such a buffer's views all come after its owner, so one pass from the newest view settles
// every count before the owner's own registration depends on it.
Model model(const std::vector<View> &views, const std::vector<long> &owner) {
  Model m{std::vector<long>(views.size(), 0), std::vector<bool>(views.size(), false),
          std::vector<long>(owner.size(), 0)};
  for (std::size_t k = views.size(); k-- > 0;) {
    long n = views[k].exports;
    for (std::size_t b = 0; b < owner.size(); ++b)
      if (owner[b] == long(k) && m.mbuf_views[b] > 0) ++n;
    m.exports[k] = n;
    m.registered[k] = views[k].registered(n);
    if (views[k].mbuf >= 0 && m.registered[k]) ++m.mbuf_views[std::size_t(views[k].mbuf)];
  }
  return m;
}

bool ok(const json &r) { return !r.contains("error") && !r.contains("skipped"); }

constexpr std::size_t kNoView = std::size_t(-1);  // the view of a failed export

}  // namespace

std::string lifecycle_violation_unchecked(const Case &c, const Outcome &o);

std::string lifecycle_violation(const Case &c, const Outcome &o) {
  // A port's outcome (out-of-process ones write it themselves) and a corpus line may be
  // malformed: every access below either checks or throws, and a throw is a violation.
  try {
    return lifecycle_violation_unchecked(c, o);
  } catch (const std::exception &e) {
    return std::string("in a malformed call or outcome: ") + e.what();
  }
}

std::string lifecycle_violation_unchecked(const Case &c, const Outcome &o) {
  if (!o.contains("calls") || o.contains("view_error") || o.contains("port_failure")) return "";
  // View 0 is the case's exporter (managed buffer 0); views 1.. are the `others`.
  std::vector<View> views{View{0}};
  for (std::size_t i = 0; i < member_or(c.args, "others", empty_array()).size(); ++i)
    views.push_back(View{-1});
  std::vector<long> owner{-1};  // managed buffer 0 is the exporter's
  std::vector<std::size_t> export_view;
  const auto &calls = member_or(c.args, "calls", empty_array());
  const auto &results = o["calls"];
  for (std::size_t i = 0; i < results.size() && i < calls.size(); ++i) {
    const json &call = calls[i];
    const json &r = results[i];
    const std::string method = call.value("method", "");
    const std::size_t on = call.value("on", std::size_t{0});
    if (ok(r) && method != "create" && on >= views.size())
      return "after call " + std::to_string(i) + " (" + method + "): view " + std::to_string(on) +
             " does not exist, yet the call succeeded";
    if (takes_view_slot(method)) {
      if (ok(r) && r.contains("view") && r["view"] != "self" &&
          (method == "create" || method == "buffer")) {
        // `buffer` (PEP 688): a new managed buffer holding one export of view `on`.
        views.push_back(View{int(owner.size())});
        owner.push_back(method == "buffer" ? long(on) : -1);
      } else if (ok(r) && r.contains("view") && r["view"] != "self") {
        views.push_back(View{views[on].mbuf});
      } else
        views.push_back(View{-1, false, true});  // an empty slot
    } else if (method == "export") {
      export_view.push_back(ok(r) ? on : kNoView);
      if (ok(r)) ++views[on].exports;
    } else if (ok(r)) {
      if (method == "release" || method == "exit") {
        views[on].released = true;
      } else if (method == "release_buffer") {
        views.at(call.at("args").at(0).at("view").get<std::size_t>()).released = true;
      } else if (method == "free") {
        views[on].freed = true;
      } else if (method == "release_export") {
        --views.at(export_view.at(call.at("args").at(0).get<std::size_t>())).exports;
      }
    }
    const std::string at = "after call " + std::to_string(i) + " (" + method + ")";
    const Model m = model(views, owner);
    const std::vector<long> &registered = m.mbuf_views;
    long held = 0;
    for (std::size_t b = 0; b < owner.size(); ++b) held += owner[b] < 0 && registered[b] > 0;
    // Compared as JSON: a port may answer a float, and reading 1e37 as a long is undefined
    // behaviour (found by fuzzing, fixtures/fuzz_regressions/port_answer/).
    if (r.value("held", json(-1)) != json(held))
      return at + ": the exporter holds " + r.value("held", json(-1)).dump() +
             " buffer(s), the lifecycle model expects " + std::to_string(held);
    const json &states = member_or(r, "views", empty_array());
    if (states.size() != views.size())
      return at + ": " + std::to_string(states.size()) + " views observed, the model has " +
             std::to_string(views.size());
    for (std::size_t k = 0; k < views.size(); ++k) {
      const json &s = states[k];
      if (views[k].freed != s.is_null())
        return at + ": view " + std::to_string(k) + " freed in the model but still observed";
      if (s.is_null()) continue;
      // Ports without export counts report none (check.cpp drops them before comparing).
      if (s.contains("exports") && s["exports"] != m.exports[k])
        return at + ": view " + std::to_string(k) + " has " + s["exports"].dump() +
               " exports, the model expects " + std::to_string(m.exports[k]);
      if (s.contains("released") && s["released"] != views[k].released)
        return at + ": view " + std::to_string(k) + " released is " + s["released"].dump() +
               ", the model says " + (views[k].released ? "true" : "false");
      const long mine = views[k].mbuf >= 0 ? registered[std::size_t(views[k].mbuf)] : -1;
      if (views[k].mbuf >= 0 && !views[k].released && s.contains("mbuf_exports") &&
          s["mbuf_exports"] != mine)
        return at + ": view " + std::to_string(k) + " reports " + s["mbuf_exports"].dump() +
               " views on its managed buffer, the model expects " + std::to_string(mine);
    }
  }
  return "";
}

}  // namespace mvconf::harness
