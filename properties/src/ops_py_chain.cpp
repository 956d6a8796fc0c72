// Python-level cases ("py_chain", feature python_level, docs/python-api.md): a view built the
// way Python code builds one -- memoryview(base) of a bytes or bytearray, then a chain of
// cast(), slices, toreadonly() and memoryview() -- and calls on it, observed only through what
// Python code can see. A port in another interpreter (fixtures/ports/py_driver.py) answers the
// same case with the same outcome, so this file and the driver must make the same decisions:
// which slot a call uses, when it is skipped, how a new view is observed.
//
// The base is the harness's exporter presenting the base's bytes (1-D, 'B', readonly for
// bytes). Where a Python program would show the base object itself (`m.obj`, the unhashable
// type in hash()'s TypeError), the exporter's name is replaced by the base's value and type.
#include <cstring>
#include <memory>

#include "answer_buffer.h"
#include "mvconf/fixtures/exporter.h"
#include "mvconf/harness/bounded_json.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/observe.h"
#include "mvconf/harness/run_case.h"
#include "ops.h"

namespace mvconf::harness::ops {
namespace {

using json = nlohmann::json;

constexpr const char *kExporterType = "mvconf.exporter";
constexpr const char *kAttributes[] = {"obj",        "nbytes",       "readonly",     "itemsize",
                                       "format",     "ndim",         "shape",        "strides",
                                       "suboffsets", "c_contiguous", "f_contiguous", "contiguous"};

// The largest {"view": k} in j (-1 for none); `empty` when one names an empty slot.
long named_views(const json &j, const std::vector<mvconf_view *> &views, bool &empty) {
  if (j.is_object() && j.size() == 1 && j.contains("view") && j["view"].is_number_integer()) {
    const long k = j["view"].get<long>();
    if (k >= 0 && k < long(views.size()) && !views[std::size_t(k)]) empty = true;
    return k;
  }
  long top = -1;
  if (j.is_structured())
    for (const auto &v : j) top = std::max(top, named_views(v, views, empty));
  return top;
}

struct ChainRun {
  const mvconf_port *port;
  fixtures::Exporter &exporter;
  bool bytearray_base;
  std::vector<mvconf_view *> owned;  // every view made, freed at the end (nullptr once freed)
  const AnswerBuffer answer;  // mapped: pages are touched only as a port writes them

  ChainRun(const mvconf_port *p, fixtures::Exporter &e)
      : port(p), exporter(e), bytearray_base(!e.layout().readonly) {}
  ChainRun(const ChainRun &) = delete;
  ChainRun &operator=(const ChainRun &) = delete;
  ~ChainRun() {
    for (auto it = owned.rbegin(); it != owned.rend(); ++it)
      if (*it) port->view_free(port->ctx, *it);
  }

  // The base as a Python value, as `m.obj` shows it.
  json base_value() const {
    return {{bytearray_base ? "bytearray" : "bytes", exporter.memory().data_hex()}};
  }

  // The exporter stands for the base: a result naming its type names the base instead.
  json as_base(json j) const {
    if (j.is_object() && j.size() == 1 && j.contains("object") && j["object"] == kExporterType)
      return base_value();
    if (j.is_structured())
      for (auto &v : j) v = as_base(v);
    return j;
  }

  json error(const mvconf_error &err) const {
    json e = error_json(err);
    std::string message = e["message"];
    const std::string quoted = std::string("'") + kExporterType + "'";
    if (auto at = message.find(quoted); at != std::string::npos)
      message.replace(at, quoted.size(), bytearray_base ? "'bytearray'" : "'bytes'");
    e["message"] = message;
    return e;
  }

  // One py_call request; `made` receives a memoryview result (or the view itself).
  json request(mvconf_view *mv, const std::string &method, const json &args,
               const std::vector<mvconf_view *> &views, mvconf_view **made) {
    const json req = {{"method", method}, {"args", args}};
    mvconf_error err{};
    *made = nullptr;
    if (port->py_call(port->ctx, mv, req.dump().c_str(), views.data(), views.size(), answer.data(),
                      answer.size(), made, &err) < 0)
      return {{"error", error(err)}};
    if (*made) return nullptr;
    const std::string text(answer.data(), strnlen(answer.data(), answer.size()));
    try {
      return {{"result",
               as_base(parse_bounded(text, kMaxJsonDepth, kMaxAnswerBytes, "py_call answer"))}};
    } catch (const BoundedJsonError &) {
      return {{"result", "unparseable answer"}};
    }
  }

  // A new view as Python code sees it: every attribute, then tobytes().
  json observe(mvconf_view *mv) {
    json out = json::object();
    mvconf_view *made = nullptr;
    for (const char *a : kAttributes) {
      json r = request(mv, "getattr", json::array({{{"str", a}}}), {}, &made);
      if (made) {  // only a port breaking the contract answers getattr with a view
        if (made != mv) port->view_free(port->ctx, made);
        r = {{"result", {{"object", "memoryview"}}}};
      }
      out[a] = r.contains("result") ? r["result"] : r;
    }
    json r = request(mv, "tobytes", json::array(), {}, &made);
    if (made && made != mv) port->view_free(port->ctx, made);
    out["tobytes"] = r.contains("result") ? r["result"] : r;
    return out;
  }

  // One call on views[on], as fixtures/ports/py_driver.py's step() makes it.
  json step(const json &call, std::vector<mvconf_view *> &views, std::size_t on) {
    const std::string method = call.value("method", "");
    const json args = call.value("args", json::array());
    if (method == "export" || method == "release_export")
      return {{"skipped", "not expressible at the Python level"}};
    if (method == "free") {
      release(views[on]);
      views[on] = nullptr;
      return {{"result", nullptr}};
    }
    mvconf_view *made = nullptr;
    json r;
    if (method == "create" || method == "memoryview") {
      mvconf_error err{};
      const mvconf_ref ref = method == "create" ? mvconf_ref{exporter.handle(), nullptr}
                                                : mvconf_ref{nullptr, views[on]};
      made = port->from_object(port->ctx, ref, &err);
      if (!made) return {{"error", error(err)}};
    } else {
      r = request(views[on], method, args, views, &made);
    }
    if (made && method != "create" && made == views[on]) return {{"view", "self"}};
    if (!made) return r;
    owned.push_back(made);
    views.push_back(made);
    return {{"view", observe(made)}};
  }

  // The harness's reference to v goes (`del m`): freed now, and never again at the end.
  void release(mvconf_view *v) {
    for (auto &o : owned)
      if (o == v) {
        port->view_free(port->ctx, o);
        o = nullptr;
      }
  }

  // The entries of a call list; `chained` runs each call on the view the one before made.
  json run_steps(const json &calls, std::vector<mvconf_view *> &views, bool chained) {
    json entries = json::array();
    for (const auto &c : calls) {
      const std::string method = c.value("method", "");
      const long on = chained ? long(views.size()) - 1 : c.value("on", 0L);
      bool empty = false;
      const long top = named_views(c.value("args", json::array()), views, empty);
      const std::size_t before = views.size();
      json entry;
      if (method != "create" && (on < 0 || on >= long(views.size()) || !views[std::size_t(on)] ||
                                 top >= long(views.size()) || empty))
        entry = {{"skipped", "no such view"}};
      else
        entry = step(c, views, std::size_t(on < 0 ? 0 : on));
      if (takes_view_slot(method) && views.size() == before) views.push_back(nullptr);
      entries.push_back(entry);
    }
    return entries;
  }
};

}  // namespace

Outcome py_chain(const Case &c, const mvconf_port *port) {
  fixtures::Layout base = c.layout;
  // A bytearray is unhashable (hash() of a read-only view of one raises); only a port that
  // knows mvconf_exporter.hash can be given such an exporter.
  base.unhashable = !base.readonly && declares(port, "exporter_hash");
  fixtures::Exporter exporter(base);
  // args.patches, as for "py" cases: bytes the fill pattern cannot hold (validate() checked).
  for (const auto &p : c.args.value("patches", json::array())) {
    const std::string hex = p.value("hex", "");
    unsigned char *at = exporter.memory().data() + p.value("at", std::ptrdiff_t{0});
    for (std::size_t k = 0; k + 1 < hex.size(); k += 2)
      at[k / 2] = static_cast<unsigned char>(std::stoi(hex.substr(k, 2), nullptr, 16));
  }
  Outcome out;
  {
    ChainRun run(port, exporter);
    mvconf_error err{};
    mvconf_view *first = port->from_object(port->ctx, mvconf_ref{exporter.handle(), nullptr}, &err);
    if (!first) return {{"view_error", run.error(err)}};
    run.owned.push_back(first);
    std::vector<mvconf_view *> chain = {first};
    out["chain"] = run.run_steps(c.args.value("chain", json::array()), chain, true);
    std::vector<mvconf_view *> views = {chain.back()};
    out["calls"] = run.run_steps(c.args.value("calls", json::array()), views, false);
    out["memory_after"] = exporter.memory().data_hex();
  }
  // Every view is gone: CPython has given every buffer back. Python code cannot see this, so
  // it is recorded only when it fails (an out-of-process driver never reports it).
  if (const int n = exporter.outstanding(); n != 0) out["exports_outstanding"] = n;
  return out;
}

}  // namespace mvconf::harness::ops
