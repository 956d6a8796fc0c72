// The Python-level API (py_call, docs/python-api.md): a view of the case's layout, plus views
// of args.others layouts, then a sequence of calls, each on a view chosen by index; views a
// call returns join the list (so later calls can use them), and everything is observed.
#include <algorithm>
#include <memory>

#include "mvconf/fixtures/exporter.h"
#include "mvconf/harness/observe.h"
#include "ops.h"

namespace mvconf::harness::ops {
namespace {

// The largest {"view": k} an argument names, or -1.
long max_view_ref(const nlohmann::json &j) {
  long m = -1;
  if (j.is_object() && j.size() == 1 && j.contains("view") && j["view"].is_number_integer())
    return j["view"].get<long>();
  if (j.is_structured())
    for (const auto &v : j) m = std::max(m, max_view_ref(v));
  return m;
}

}  // namespace

Outcome py(const Case &c, const mvconf_port *port) {
  std::vector<std::unique_ptr<fixtures::Exporter>> exporters;
  exporters.push_back(std::make_unique<fixtures::Exporter>(c.layout));
  for (const auto &l : c.args.value("others", nlohmann::json::array()))
    exporters.push_back(std::make_unique<fixtures::Exporter>(l.get<fixtures::Layout>()));
  Regions regions;
  for (std::size_t i = 0; i < exporters.size(); ++i)
    regions.add(&exporters[i]->memory(), i ? "other" + std::to_string(i) + "." : "");
  Outcome out;
  std::vector<mvconf_view *> views;
  for (auto &e : exporters) {
    mvconf_error err{};
    mvconf_view *mv = port->from_object(port->ctx, mvconf_ref{e->handle(), nullptr}, &err);
    if (!mv) {
      out["view_error"] = error_json(err);
      break;
    }
    views.push_back(mv);
  }
  nlohmann::json results = nlohmann::json::array();
  if (views.size() == exporters.size()) {
    std::vector<char> answer(1 << 20);
    for (const auto &call : c.args.value("calls", nlohmann::json::array())) {
      const std::size_t on = call.value("on", std::size_t{0});
      // Calls on (or naming) views that earlier calls failed to make are skipped alike for
      // every port.
      const long named = max_view_ref(call.value("args", nlohmann::json::array()));
      if (on >= views.size() || named >= long(views.size())) {
        results.push_back({{"skipped", "no such view"}});
        continue;
      }
      const nlohmann::json request = {{"method", call.value("method", "")},
                                      {"args", call.value("args", nlohmann::json::array())}};
      mvconf_error err{};
      mvconf_view *made = nullptr;
      const int r = port->py_call(port->ctx, views[on], request.dump().c_str(), views.data(),
                                  views.size(), answer.data(), answer.size(), &made, &err);
      if (r < 0) {
        results.push_back({{"error", error_json(err)}});
      } else if (made && made == views[on]) {
        results.push_back({{"view", "self"}});  // `m[...] is m`: the same object, not a new one
      } else if (made) {
        results.push_back(
            {{"view", observe_view(port, made, regions, exporters[0]->handle(), nullptr)}});
        views.push_back(made);
      } else {
        const auto value = nlohmann::json::parse(answer.data(), nullptr, false);
        results.push_back(
            {{"result", value.is_discarded() ? nlohmann::json("unparseable answer") : value}});
      }
    }
  }
  out["calls"] = results;
  out["memory_after"] = exporters[0]->memory().data_hex();
  for (auto it = views.rbegin(); it != views.rend(); ++it) port->view_free(port->ctx, *it);
  int outstanding = 0;
  for (auto &e : exporters) outstanding += e->outstanding();
  out["exports_outstanding"] = outstanding;
  return out;
}

}  // namespace mvconf::harness::ops
