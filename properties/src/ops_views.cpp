// Constructors: every view a case makes is observed (GET_BUFFER, GET_BASE, Check, flags,
// export counts) and freed, and the exporter's outstanding exports are recorded after each free.
#include <memory>

#include "mvconf/fixtures/exporter.h"
#include "mvconf/harness/observe.h"
#include "ops.h"

namespace mvconf::harness::ops {
namespace {

using fixtures::Exporter;

std::unique_ptr<Exporter> make_exporter(const Case &c) {
  if (c.args.value("via", "exporter") == "non_buffer")
    return Exporter::non_buffer(c.args.value("type_name", "int"));
  return std::make_unique<Exporter>(c.layout);
}

const char *exporter_format(const Exporter &e) {
  return e.layout().format && e.handle()->getbuffer ? e.full_buffer().format : nullptr;
}

// Builds the object argument: the exporter itself, or (via == "view") a first memoryview of it,
// which is then the argument; `first` receives that view's observations.
struct Argument {
  mvconf_ref ref{};
  mvconf_view *first = nullptr;
  bool ok = true;
  nlohmann::json error;
};

Argument make_argument(const Case &c, const mvconf_port *port, const Exporter &exp) {
  Argument a;
  a.ref.exporter = exp.handle();
  if (c.args.value("via", "exporter") != "view") return a;
  mvconf_error err{};
  a.first = port->from_object(port->ctx, a.ref, &err);
  if (!a.first) {
    a.ok = false;
    a.error = error_json(err);
    return a;
  }
  a.ref = mvconf_ref{nullptr, a.first};
  return a;
}

// Frees the result and the first view in the order the case asks, recording the exporter's
// outstanding exports after each step (the exporter must be released by the last free only).
void free_views(const Case &c, const mvconf_port *port, mvconf_view *result, Argument &arg,
                const Exporter &exp, Outcome &out) {
  std::vector<int> after;
  const bool first_first = c.args.value("free", "result_first") == "first_first";
  mvconf_view *order[2] = {first_first ? arg.first : result, first_first ? result : arg.first};
  for (mvconf_view *v : order) {
    if (!v) continue;
    port->view_free(port->ctx, v);
    after.push_back(exp.outstanding());
  }
  out["outstanding_after_each_free"] = after;
  out["exports_outstanding"] = exp.outstanding();
  out["getbuffer_calls"] = exp.getbuffer_calls();
  out["getbuffer_flags"] = exp.requests();
}

using Make = mvconf_view *(*)(const Case &, const mvconf_port *, mvconf_ref, mvconf_error *);

Outcome construct(const Case &c, const mvconf_port *port, Make make) {
  auto exp = make_exporter(c);
  Outcome out;
  out["check_exporter"] = port->check(port->ctx, mvconf_ref{exp->handle(), nullptr});
  Argument arg = make_argument(c, port, *exp);
  Regions regions;
  if (exp->handle()->getbuffer) regions.add(&exp->memory());
  mvconf_view *result = nullptr;
  if (!arg.ok) {
    out["first_error"] = arg.error;
  } else {
    mvconf_error err{};
    result = make(c, port, arg.ref, &err);
    if (result)
      out["result"] = observe_view(port, result, regions, exp->handle(), exporter_format(*exp));
    else
      out["error"] = error_json(err);
    if (arg.first)
      out["first"] = observe_view(port, arg.first, regions, exp->handle(), exporter_format(*exp));
  }
  free_views(c, port, result, arg, *exp, out);
  return out;
}

}  // namespace

Outcome from_object(const Case &c, const mvconf_port *port) {
  return construct(c, port,
                   [](const Case &, const mvconf_port *p, mvconf_ref ref, mvconf_error *err) {
                     return p->from_object(p->ctx, ref, err);
                   });
}

Outcome get_contiguous(const Case &c, const mvconf_port *port) {
  return construct(c, port,
                   [](const Case &cs, const mvconf_port *p, mvconf_ref ref, mvconf_error *err) {
                     const int type = cs.args.value("buffertype", MVCONF_BUF_READ);
                     const char order = static_cast<char>(cs.args.value("order", int{'C'}));
                     return p->get_contiguous(p->ctx, ref, type, order, err);
                   });
}

Outcome from_memory(const Case &c, const mvconf_port *port) {
  fixtures::Memory memory(c.layout);
  Regions regions;
  regions.add(&memory);
  const std::ptrdiff_t size = c.args.value("size", std::ptrdiff_t{0});
  const int flags = c.args.value("flags", MVCONF_BUF_READ);
  Outcome out;
  mvconf_error err{};
  mvconf_view *mv =
      port->from_memory(port->ctx, reinterpret_cast<char *>(memory.buf()), size, flags, &err);
  if (!mv) {
    out["error"] = error_json(err);
    return out;
  }
  out["result"] = observe_view(port, mv, regions, nullptr, nullptr);
  port->view_free(port->ctx, mv);
  out["memory_after"] = memory.data_hex();
  return out;
}

Outcome from_buffer(const Case &c, const mvconf_port *port) {
  Exporter exp(c.layout);
  mvconf_buffer info = exp.full_buffer();
  if (c.args.value("buf_null", false)) info.buf = nullptr;
  if (c.args.value("obj_set", false)) info.obj = const_cast<mvconf_exporter *>(exp.handle());
  Regions regions;
  regions.add(&exp.memory());
  Outcome out;
  mvconf_error err{};
  mvconf_view *mv = port->from_buffer(port->ctx, &info, &err);
  if (mv) {
    out["result"] = observe_view(port, mv, regions, exp.handle(), info.format);
    port->view_free(port->ctx, mv);
  } else {
    out["error"] = error_json(err);
  }
  out["exports_outstanding"] = exp.outstanding();
  out["getbuffer_calls"] = exp.getbuffer_calls();
  out["getbuffer_flags"] = exp.requests();
  return out;
}

}  // namespace mvconf::harness::ops
