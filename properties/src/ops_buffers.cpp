// The PyBuffer_* functions, applied to the raw buffer a layout presents (no exporter call).
#include <vector>

#include "mvconf/fixtures/exporter.h"
#include "mvconf/harness/observe.h"
#include "ops.h"

namespace mvconf::harness::ops {
namespace {

char order_of(const Case &c) { return static_cast<char>(c.args.value("order", int{'C'})); }

// Bytes written by the harness as a source for FromContiguous: a pattern unlike the memory's.
std::vector<unsigned char> source_bytes(std::ptrdiff_t n) {
  std::vector<unsigned char> v(static_cast<std::size_t>(n > 0 ? n : 0) + 1);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<unsigned char>(0xa0 + i * 7);
  return v;
}

}  // namespace

Outcome is_contiguous(const Case &c, const mvconf_port *port) {
  fixtures::Exporter exp(c.layout);
  const mvconf_buffer b = exp.full_buffer();
  mvconf_error err{};
  const int r = port->is_contiguous(port->ctx, &b, order_of(c), &err);
  if (r < 0) return {{"error", error_json(err)}};
  return {{"result", r}};
}

Outcome to_contiguous(const Case &c, const mvconf_port *port) {
  fixtures::Exporter exp(c.layout);
  const mvconf_buffer b = exp.full_buffer();
  const std::ptrdiff_t len = b.len + c.args.value("len_delta", std::ptrdiff_t{0});
  // A guard tail shows writes past len; it starts as a pattern both ports see identically.
  std::vector<unsigned char> out_buf(static_cast<std::size_t>(len > 0 ? len : 0) + 16, 0xee);
  mvconf_error err{};
  const int r = port->to_contiguous(port->ctx, out_buf.data(), &b, len, order_of(c), &err);
  Outcome out = {{"result", r},
                 {"written", fixtures::to_hex(out_buf.data(), std::ptrdiff_t(out_buf.size()))}};
  if (r < 0) out["error"] = error_json(err);
  out["memory_after"] = exp.memory().data_hex();
  return out;
}

Outcome from_contiguous(const Case &c, const mvconf_port *port) {
  fixtures::Exporter exp(c.layout);
  const mvconf_buffer b = exp.full_buffer();
  const std::ptrdiff_t len = c.args.value("data_len", b.len);
  const auto src = source_bytes(len);
  mvconf_error err{};
  const int r = port->from_contiguous(port->ctx, &b, src.data(), len, order_of(c), &err);
  Outcome out = {{"result", r}, {"memory_after", exp.memory().data_hex()}};
  if (r < 0) out["error"] = error_json(err);
  return out;
}

Outcome fill_contiguous_strides(const Case &c, const mvconf_port *port) {
  const auto &shape = c.layout.shape;
  std::vector<std::ptrdiff_t> strides(shape.size() + 1, -12345);
  mvconf_error err{};
  const int r =
      port->fill_contiguous_strides(port->ctx, c.layout.ndim, shape.data(), strides.data(),
                                    int(c.layout.itemsize), order_of(c), &err);
  if (r < 0) return {{"error", error_json(err)}};
  return {{"strides", strides}};
}

Outcome get_pointer(const Case &c, const mvconf_port *port) {
  fixtures::Exporter exp(c.layout);
  const mvconf_buffer b = exp.full_buffer();
  const auto indices = c.args.value("indices", std::vector<std::ptrdiff_t>{});
  Regions regions;
  regions.add(&exp.memory());
  mvconf_error err{};
  void *p = port->get_pointer(port->ctx, &b, indices.data(), &err);
  if (!p) return {{"error", error_json(err)}};
  Outcome out = {{"pointer", regions.locate(p, 0)}};
  // Without bounds checks a pointer may land outside every region: its distance from the data
  // block identifies it on every port (each port's run has its own allocations).
  if (out["pointer"]["region"].is_null())
    out["pointer"] = {
        {"region", "outside"},
        {"from_data", static_cast<char *>(p) - reinterpret_cast<char *>(exp.memory().data())}};
  return out;
}

Outcome fill_info(const Case &c, const mvconf_port *port) {
  fixtures::Exporter exp(c.layout);
  const bool view_null = c.args.value("view_null", false);
  const bool obj_set = c.args.value("obj_set", true);
  mvconf_buffer view{};
  // Fields FillInfo does not write must keep what was there: start from a recognisable state.
  view.obj = nullptr;
  view.internal = &view;
  mvconf_error err{};
  void *buf = c.args.value("buf_null", false) ? nullptr : exp.memory().buf();
  const int r =
      port->fill_info(port->ctx, view_null ? nullptr : &view, obj_set ? exp.handle() : nullptr, buf,
                      c.args.value("len", std::ptrdiff_t{0}), c.args.value("readonly", 0),
                      c.args.value("flags", 0), &err);
  Outcome out = {{"result", r}};
  if (r < 0) {
    out["error"] = error_json(err);
    out["obj_null_after"] = view.obj == nullptr;
    return out;
  }
  Regions regions;
  regions.add(&exp.memory());
  out["buf"] = view.buf ? regions.locate(view.buf, 0) : nlohmann::json();
  out["obj_set"] = view.obj != nullptr;
  out["len"] = view.len;
  out["itemsize"] = view.itemsize;
  out["readonly"] = view.readonly;
  out["ndim"] = view.ndim;
  out["format"] = view.format ? nlohmann::json(view.format) : nlohmann::json();
  out["shape"] = view.shape == nullptr     ? nlohmann::json()
                 : view.shape == &view.len ? nlohmann::json("&len")
                                           : nlohmann::json("elsewhere");
  out["strides"] = view.strides == nullptr          ? nlohmann::json()
                   : view.strides == &view.itemsize ? nlohmann::json("&itemsize")
                                                    : nlohmann::json("elsewhere");
  out["suboffsets_null"] = view.suboffsets == nullptr;
  out["internal_null"] = view.internal == nullptr;
  port->buffer_release(port->ctx, &view);
  port->buffer_release(port->ctx, &view);  // twice: the second must do nothing
  out["obj_null_after_release"] = view.obj == nullptr;
  out["getbuffer_calls"] = exp.getbuffer_calls();
  out["releasebuffer_calls"] = exp.releasebuffer_calls();
  return out;
}

}  // namespace mvconf::harness::ops
