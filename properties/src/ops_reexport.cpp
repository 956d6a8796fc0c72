// ABI 1.1 operations: PyObject_GetBuffer (on a memoryview or an exporter) with release and
// export counting, PyBuffer_SizeFromFormat, PyObject_CopyData.
#include <memory>

#include "mvconf/fixtures/exporter.h"
#include "mvconf/harness/observe.h"
#include "ops.h"

namespace mvconf::harness::ops {
namespace {

using fixtures::Exporter;

nlohmann::json state_of(const mvconf_port *port, mvconf_view *mv) {
  mvconf_view_state s{};
  port->view_state(port->ctx, mv, &s);
  return {{"exports", s.exports},
          {"mbuf_exports", s.mbuf_exports},
          {"released", (s.flags & MVCONF_VIEW_RELEASED) != 0}};
}

nlohmann::json release_view(const mvconf_port *port, mvconf_view *mv) {
  mvconf_error err{};
  if (port->view_release(port->ctx, mv, &err) < 0) return {{"error", error_json(err)}};
  return {{"result", 0}};
}

}  // namespace

// A view (or the exporter itself, via == "exporter") is asked for `exports` buffers with the
// request flags; the view is optionally released first; releasing it while exported must
// fail; then the exports are released and the view released and freed.
Outcome reexport(const Case &c, const mvconf_port *port) {
  Exporter exp(c.layout);
  Regions regions;
  regions.add(&exp.memory());
  const int flags = c.args.value("flags", MVCONF_BUF_FULL_RO);
  const int count = c.args.value("exports", 1);
  const bool on_exporter = c.args.value("via", "view") == "exporter";
  Outcome out;
  mvconf_error err{};
  mvconf_view *mv = nullptr;
  if (!on_exporter) {
    mv = port->from_object(port->ctx, mvconf_ref{exp.handle(), nullptr}, &err);
    if (!mv) return {{"view_error", error_json(err)}};
    if (c.args.value("released", false)) out["release_first"] = release_view(port, mv);
  }
  const mvconf_ref target =
      on_exporter ? mvconf_ref{exp.handle(), nullptr} : mvconf_ref{nullptr, mv};
  std::vector<mvconf_buffer> views(static_cast<std::size_t>(count));
  std::vector<bool> ok(views.size(), false);
  nlohmann::json exports = nlohmann::json::array();
  for (std::size_t i = 0; i < views.size(); ++i) {
    mvconf_error e{};
    if (port->object_get_buffer(port->ctx, target, &views[i], flags, &e) < 0) {
      exports.push_back({{"error", error_json(e)}});
      continue;
    }
    ok[i] = true;
    auto j = observe_buffer(views[i], regions, exp.full_buffer().format);
    if (mv) j["obj_is_view"] = views[i].obj == static_cast<void *>(mv);
    exports.push_back(j);
  }
  out["exports"] = exports;
  out["exporter_requests"] = exp.requests();
  if (mv) {
    out["state_exported"] = state_of(port, mv);
    out["release_while_exported"] = release_view(port, mv);
  }
  for (std::size_t i = 0; i < views.size(); ++i)
    if (ok[i]) port->buffer_release(port->ctx, &views[i]);
  if (mv) {
    out["state_after"] = state_of(port, mv);
    out["release_after"] = release_view(port, mv);
    out["release_again"] = release_view(port, mv);
    out["outstanding_after_release"] = exp.outstanding();
    port->view_free(port->ctx, mv);
  }
  out["exports_outstanding"] = exp.outstanding();
  out["getbuffer_calls"] = exp.getbuffer_calls();
  return out;
}

Outcome size_from_format(const Case &c, const mvconf_port *port) {
  const std::string format = c.args.value("format", "");
  mvconf_error err{};
  const std::ptrdiff_t r = port->size_from_format(port->ctx, format.c_str(), &err);
  if (r < 0) return {{"error", error_json(err)}};
  return {{"size", r}};
}

// dest is the case's layout, src is args.src_layout; either may be a memoryview of its
// exporter or a non-buffer object.
Outcome copy_data(const Case &c, const mvconf_port *port) {
  auto make = [](const std::string &via, const fixtures::Layout &l) {
    return via == "non_buffer" ? Exporter::non_buffer("int") : std::make_unique<Exporter>(l);
  };
  const auto src_layout = c.args.at("src_layout").get<fixtures::Layout>();
  auto dest = make(c.args.value("dest_via", "exporter"), c.layout);
  auto src = make(c.args.value("src_via", "exporter"), src_layout);
  Outcome out;
  std::vector<mvconf_view *> views;
  auto ref = [&](const std::string &via, Exporter &e) {
    if (via != "view") return mvconf_ref{e.handle(), nullptr};
    mvconf_error err{};
    mvconf_view *mv = port->from_object(port->ctx, mvconf_ref{e.handle(), nullptr}, &err);
    if (!mv) return mvconf_ref{e.handle(), nullptr};
    views.push_back(mv);
    return mvconf_ref{nullptr, mv};
  };
  const mvconf_ref d = ref(c.args.value("dest_via", "exporter"), *dest);
  const mvconf_ref s = ref(c.args.value("src_via", "exporter"), *src);
  mvconf_error err{};
  const int r = port->copy_data(port->ctx, d, s, &err);
  out["result"] = r;
  if (r < 0) out["error"] = error_json(err);
  if (dest->handle()->getbuffer) out["dest_after"] = dest->memory().data_hex();
  for (mvconf_view *v : views) port->view_free(port->ctx, v);
  out["dest_requests"] = dest->requests();
  out["src_requests"] = src->requests();
  out["exports_outstanding"] = dest->outstanding() + src->outstanding();
  return out;
}

}  // namespace mvconf::harness::ops
