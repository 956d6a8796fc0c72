// The Python-level API (py_call, docs/python-api.md): a view of the case's layout, plus views
// of args.others layouts, then a sequence of calls, each on a view chosen by index; views a
// call returns join the list (so later calls can use them), and everything is observed.
//
// Five methods are not py_call requests but C API calls the harness makes itself, so that a
// sequence can also model what Python code does with references (docs/python-api.md,
// "Lifecycle methods"): `create` (memoryview(exporter) again: a new managed buffer),
// `memoryview` (memoryview(view)), `export` (PyObject_GetBuffer(view, flags)),
// `release_export` (PyBuffer_Release of export k) and `free` (the last reference dropped).
// After every call the exporter's held buffers and each view's export counts are recorded.
#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>

#include "answer_buffer.h"
#include "mvconf/fixtures/exporter.h"
#include "mvconf/harness/bounded_json.h"
#include "mvconf/harness/json_member.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/observe.h"
#include "mvconf/harness/run_case.h"
#include "ops.h"

namespace mvconf::harness::ops {
namespace {

using json = nlohmann::json;

// The largest {"view": k} an argument names, or -1; `freed` when it names a freed view. An
// index that names no slot (negative, or past the last) counts as LONG_MAX: read as a long,
// {"view": 18446744073709551614} was -2, named "no view", and reached the ports, whose own
// errors for it differ (found by fuzzing, fixtures/fuzz_regressions/impl_slots/).
long max_view_ref(const json &j, const std::vector<mvconf_view *> &views, bool &freed) {
  long m = -1;
  if (j.is_object() && j.size() == 1 && j.contains("view") && j["view"].is_number_integer()) {
    const json &v = j["view"];
    if (v.is_number_unsigned()
            ? v.get<unsigned long long>() >= views.size()
            : v.get<long long>() < 0 || std::size_t(v.get<long long>()) >= views.size())
      return LONG_MAX;
    const auto k = std::size_t(v.get<long long>());
    if (!views[k]) freed = true;
    return long(k);
  }
  if (j.is_structured())
    for (const auto &v : j) m = std::max(m, max_view_ref(v, views, freed));
  return m;
}

struct Export {
  mvconf_buffer buffer{};
  std::size_t view = 0;
  bool released = false;
};

// The answer capacity of every py_call (the text slot's `cap`).
constexpr std::size_t kAnswerCap = kMaxAnswerBytes;  // answer_buffer.cpp says why

struct Run {
  const mvconf_port *port;
  PyCallValuesFn values_form;  // nullptr: the text slot
  std::vector<std::unique_ptr<fixtures::Exporter>> exporters;
  Regions regions;
  std::vector<mvconf_view *> views;  // nullptr once freed
  std::vector<std::unique_ptr<Export>> exports;
  std::unique_ptr<AnswerBuffer> answer;  // the text slot's answer buffer, mapped at first use

  explicit Run(const mvconf_port *p) : port(p), values_form(py_call_values_of(p)) {}
  Run(const Run &) = delete;
  Run &operator=(const Run &) = delete;
  // An exception unwinding out of py() (a malformed case) must not leak the port's views or
  // leave the exporters' buffers held: the same release as the normal end, at most once.
  ~Run() { release_all(); }

  // Exports go first (each holds its view), then the views, newest first.
  void release_all() {
    for (auto &e : exports) {
      if (!e->released) port->buffer_release(port->ctx, &e->buffer);
      e->released = true;
    }
    for (auto it = views.rbegin(); it != views.rend(); ++it) {
      if (*it) port->view_free(port->ctx, *it);
      *it = nullptr;
    }
  }

  json new_view(mvconf_view *made) {
    json j = object("view", observe_view(port, made, regions, exporters[0]->handle(), nullptr));
    views.push_back(made);
    return j;
  }

  // The lifecycle methods; false when `method` is a py_call request.
  bool lifecycle(const std::string &method, std::size_t on, const json &args, json &result) {
    mvconf_error err{};
    if (method == "create" || method == "memoryview") {
      const mvconf_ref ref = method == "create" ? mvconf_ref{exporters[0]->handle(), nullptr}
                                                : mvconf_ref{nullptr, views[on]};
      mvconf_view *made = port->from_object(port->ctx, ref, &err);
      result = made ? new_view(made) : object("error", error_json(err));
    } else if ((method == "export" || method == "release_export") && !declares(port, "reexport")) {
      // ABI 1.1 slots: a port without the feature is never asked (the same skip both sides).
      result = object("skipped", "port lacks feature reexport");
    } else if ((method == "export" || method == "release_export") &&
               !(args.empty() || args[0].is_number_integer())) {
      result = object("skipped", "not an integer argument");
    } else if (method == "export") {
      auto e = std::make_unique<Export>();
      const int flags = args.empty() ? 0 : args[0].get<int>();
      if (port->object_get_buffer(port->ctx, mvconf_ref{nullptr, views[on]}, &e->buffer, flags,
                                  &err) < 0) {
        result = object("error", error_json(err));
      } else {
        e->view = on;
        result = object("buffer", observe_buffer(e->buffer, regions), "export", exports.size(),
                        "obj_is_view", e->buffer.obj == static_cast<void *>(views[on]));
        exports.push_back(std::move(e));
      }
    } else if (method == "release_export") {
      const long long k = args.empty() ? 0 : args[0].get<long long>();
      if (k < 0 || std::size_t(k) >= exports.size() || exports[std::size_t(k)]->released) {
        result = object("skipped", "no such export");
      } else {
        port->buffer_release(port->ctx, &exports[std::size_t(k)]->buffer);
        exports[std::size_t(k)]->released = true;
        result = object("result", nullptr);
      }
    } else if (method == "free") {
      port->view_free(port->ctx, views[on]);
      views[on] = nullptr;
      result = object("result", nullptr);
    } else {
      return false;
    }
    return true;
  }

  json py_call(const std::string &method, const json &args, std::size_t on) {
    mvconf_error err{};
    mvconf_view *made = nullptr;
    std::string text;
    int r;
    if (values_form && plain_request(args)) {
      // A built-in port answers on values (mvconf/py_call_values.h): no text either way, and
      // no answer buffer to clear.
      PyAnswer value;
      r = values_form(port->ctx, views[on], method, args, views.data(), views.size(), kAnswerCap,
                      &value, &made, &err);
      if (r == 0 && !made && !value.is_text) return object("result", std::move(value.value));
      text = std::move(value.text);
    } else {
      // The answer buffer is mapped at a case's first text call and reused by its later ones.
      if (!answer) answer = std::make_unique<AnswerBuffer>();
      const json request = {{"method", method}, {"args", args}};
      r = port->py_call(port->ctx, views[on], request.dump().c_str(), views.data(), views.size(),
                        answer->data(), answer->size(), &made, &err);
      // The port's text, read within its buffer (a port may leave it unterminated).
      if (r == 0 && !made) text.assign(answer->data(), strnlen(answer->data(), answer->size()));
    }
    if (r < 0) return object("error", error_json(err));
    if (made && made == views[on]) return object("view", "self");  // `m[...] is m`: the same object
    if (made) return new_view(made);
    // Parsed with a depth limit, so a hostile answer cannot overflow the harness's later walks.
    try {
      json parsed = parse_bounded(text, kMaxJsonDepth, kMaxAnswerBytes, "py_call answer");
      return object("result", std::move(parsed));
    } catch (const BoundedJsonError &) {
      return object("result", "unparseable answer");
    }
  }

  // What the lifecycle law (lifecycle_law.h) checks after every step.
  void record_state(json &result) const {
    result["held"] = exporters[0]->outstanding();
    json states = json::array();
    for (mvconf_view *v : views) {
      if (!v) {
        states.push_back(nullptr);
        continue;
      }
      mvconf_view_state s{};
      port->view_state(port->ctx, v, &s);
      states.push_back(object("exports", s.exports, "mbuf_exports", s.mbuf_exports, "released",
                              (s.flags & MVCONF_VIEW_RELEASED) != 0));
    }
    result["views"] = std::move(states);
  }
};

}  // namespace

Outcome py(const Case &c, const mvconf_port *port) {
  Run run(port);
  run.exporters.push_back(std::make_unique<fixtures::Exporter>(c.layout));
  for (const auto &l : c.args.value("others", json::array()))
    run.exporters.push_back(std::make_unique<fixtures::Exporter>(l.get<fixtures::Layout>()));
  for (std::size_t i = 0; i < run.exporters.size(); ++i)
    run.regions.add(&run.exporters[i]->memory(), i ? "other" + std::to_string(i) + "." : "");
  // args.patches, [{"exporter": i, "at": offset, "hex": "..."}]: bytes written over exporter
  // i's fill pattern before any view exists, for values the pattern cannot hold (a NaN, -0.0).
  // validate() has checked the bounds and the hex.
  for (const auto &p : c.args.value("patches", json::array())) {
    const std::string hex = p.value("hex", "");
    unsigned char *at = run.exporters.at(p.value("exporter", std::size_t{0}))->memory().data() +
                        p.value("at", std::ptrdiff_t{0});
    for (std::size_t k = 0; k + 1 < hex.size(); k += 2)
      at[k / 2] = static_cast<unsigned char>(std::stoi(hex.substr(k, 2), nullptr, 16));
  }
  Outcome out;
  for (auto &e : run.exporters) {
    mvconf_error err{};
    mvconf_view *mv = port->from_object(port->ctx, mvconf_ref{e->handle(), nullptr}, &err);
    if (!mv) {
      out["view_error"] = error_json(err);
      break;
    }
    run.views.push_back(mv);
  }
  json results = json::array();
  if (run.views.size() == run.exporters.size()) {
    static const json kNone = json::array();
    const auto calls = c.args.find("calls");
    for (const auto &call : calls != c.args.end() ? *calls : kNone) {
      const std::size_t on = call.value("on", std::size_t{0});
      const std::string method = call.value("method", "");
      const auto given = call.find("args");
      const json &args = given != call.end() ? *given : kNone;
      // Calls on (or naming) views that earlier calls failed to make, or that were freed, are
      // skipped alike for every port.
      bool freed = false;
      const long named = max_view_ref(args, run.views, freed);
      const std::size_t views_before = run.views.size(), exports_before = run.exports.size();
      json result;
      if (method != "create" &&
          (on >= run.views.size() || !run.views[on] || named >= long(run.views.size()) || freed))
        result = object("skipped", "no such view");
      else if (!run.lifecycle(method, on, args, result))
        result = run.py_call(method, args, on);
      // Every view-making call and every export takes a slot, made or not (see
      // takes_view_slot), so a generator can name later views and exports by index.
      if (takes_view_slot(method) && run.views.size() == views_before) run.views.push_back(nullptr);
      if (method == "export" && run.exports.size() == exports_before) {
        run.exports.push_back(std::make_unique<Export>());
        run.exports.back()->released = true;
      }
      run.record_state(result);
      results.push_back(std::move(result));
    }
  }
  out["calls"] = std::move(results);
  out["memory_after"] = run.exporters[0]->memory().data_hex();
  run.release_all();
  int outstanding = 0;
  for (auto &e : run.exporters) outstanding += e->outstanding();
  out["exports_outstanding"] = outstanding;
  return out;
}

}  // namespace mvconf::harness::ops
