#include "mvconf/harness/observe.h"

#include <cstdint>
#include <cstring>

#include "mvconf/fixtures/exporter.h"
#include "mvconf/harness/json_member.h"
#include "port_table_check.h"

namespace mvconf::harness {

void Regions::add(const fixtures::Memory *memory, std::string prefix) {
  memories_.emplace_back(std::move(prefix), memory);
}

void Regions::add(std::string name, const void *p, std::ptrdiff_t size) {
  plain_.push_back({std::move(name), static_cast<const unsigned char *>(p), size});
}

const Regions::Plain *Regions::plain_at(const void *p, std::ptrdiff_t size,
                                        std::ptrdiff_t *offset) const {
  // Integer comparisons: p may point anywhere, and relational operators on pointers into
  // different allocations are undefined.
  const auto b = reinterpret_cast<std::uintptr_t>(p);
  for (const auto &r : plain_) {
    const auto start = reinterpret_cast<std::uintptr_t>(r.p);
    const auto end = start + static_cast<std::uintptr_t>(r.size + (size == 0 ? 1 : 0));
    if (size >= 0 && b >= start && b <= end && end - b >= static_cast<std::uintptr_t>(size)) {
      *offset = static_cast<std::ptrdiff_t>(b - start);
      return &r;
    }
  }
  return nullptr;
}

nlohmann::json Regions::locate(const void *p, std::ptrdiff_t size) const {
  for (const auto &[prefix, memory] : memories_)
    if (auto loc = memory->locate(p, size))
      return object("offset", loc->offset, "region", prefix + loc->region);
  std::ptrdiff_t offset = 0;
  if (const Plain *r = plain_at(p, size, &offset))
    return object("offset", offset, "region", r->name);
  return object("region", nullptr);
}

bool Regions::readable(const void *p, std::ptrdiff_t size) const {
  // The same search as locate(), without building its JSON: logical_bytes asks once per item.
  for (const auto &entry : memories_)
    if (entry.second->locate(p, size)) return true;
  std::ptrdiff_t offset = 0;
  return plain_at(p, size, &offset) != nullptr;
}

namespace {

nlohmann::json array_or_null(const std::ptrdiff_t *a, int n) {
  if (!a) return nullptr;
  return std::vector<std::ptrdiff_t>(a, a + n);
}

// Logical C-order bytes of a buffer, read the way a consumer reads it (suboffsets followed),
// but only through pointers that land inside known regions: a wrong port must never make the
// harness read wild memory.
nlohmann::json logical_bytes(const mvconf_buffer &b, const Regions &regions) {
  if (b.ndim < 0 || b.ndim > 128 || b.itemsize < 0) return "unreadable";
  if (b.ndim > 0 && (!b.shape || !b.strides)) return "unreadable";
  constexpr std::ptrdiff_t kMaxItems = std::ptrdiff_t{1} << 20;
  std::ptrdiff_t count = 1;
  for (int i = 0; i < b.ndim; ++i) {
    if (b.shape[i] < 0) return "unreadable";
    if (b.shape[i] == 0) return "";
  }
  for (int i = 0; i < b.ndim; ++i) {
    if (b.shape[i] > kMaxItems / count) return "too-large";  // checked before it can overflow
    count *= b.shape[i];
  }
  std::string out;
  std::vector<std::ptrdiff_t> index(static_cast<std::size_t>(b.ndim), 0);
  for (std::ptrdiff_t n = 0; n < count; ++n) {
    // Addresses are computed as integers and only turned into pointers once they are known to
    // lie inside memory the harness owns.
    auto p = reinterpret_cast<std::uintptr_t>(b.buf);
    for (int d = 0; d < b.ndim; ++d) {
      p += static_cast<std::uintptr_t>(b.strides[d] * index[d]);
      if (b.suboffsets && b.suboffsets[d] >= 0) {
        if (!regions.readable(reinterpret_cast<const void *>(p), sizeof(char *)))
          return "out-of-bounds";
        std::uintptr_t next;
        std::memcpy(&next, reinterpret_cast<const void *>(p), sizeof next);
        p = next + static_cast<std::uintptr_t>(b.suboffsets[d]);
      }
    }
    if (!regions.readable(reinterpret_cast<const void *>(p), b.itemsize)) return "out-of-bounds";
    out += fixtures::to_hex(reinterpret_cast<const void *>(p), b.itemsize);
    for (int d = b.ndim - 1; d >= 0; --d) {
      if (++index[d] < b.shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

}  // namespace

nlohmann::json observe_buffer(const mvconf_buffer &b, const Regions &regions,
                              const char *format_owner) {
  const int n = b.ndim > 0 && b.ndim <= 128 ? b.ndim : 0;
  const char *internal = b.internal == nullptr                         ? "NULL"
                         : b.internal == fixtures::internal_sentinel() ? "exporter's"
                                                                       : "other";
  nlohmann::json j =
      object("buf", regions.locate(b.buf, 0), "bytes", logical_bytes(b, regions), "format",
             b.format ? nlohmann::json(b.format) : nlohmann::json(), "internal", internal,
             "itemsize", b.itemsize, "len", b.len, "ndim", b.ndim, "obj_null", b.obj == nullptr,
             "readonly", b.readonly, "shape", array_or_null(b.shape, n), "strides",
             array_or_null(b.strides, n), "suboffsets", array_or_null(b.suboffsets, n));
  if (format_owner) j["format_shared"] = b.format == format_owner;
  return j;
}

nlohmann::json observe_view(const mvconf_port *port, mvconf_view *mv, Regions &regions,
                            const mvconf_exporter *exporter, const char *format_owner) {
  mvconf_base base{};
  port->get_base(port->ctx, mv, &base);
  nlohmann::json jb;
  switch (base.kind) {
    case MVCONF_BASE_NULL:
      jb = object("kind", "NULL");
      break;
    case MVCONF_BASE_EXPORTER:
      jb = object("is_case_exporter", base.exporter == exporter, "kind", "exporter");
      break;
    case MVCONF_BASE_BYTES:
      jb = object("data", fixtures::to_hex(base.data, base.size), "kind", "bytes");
      regions.add("base", base.data, base.size);
      break;
    case MVCONF_BASE_VIEW:
      jb = object("kind", "memoryview");
      break;
    default:
      jb = object("kind", "other", "type", base.type_name ? base.type_name : "?");
  }
  mvconf_view_state state{};
  port->view_state(port->ctx, mv, &state);
  std::vector<std::string> flags;
  const std::pair<int, const char *> names[] = {{MVCONF_VIEW_RELEASED, "RELEASED"},
                                                {MVCONF_VIEW_C, "C"},
                                                {MVCONF_VIEW_FORTRAN, "FORTRAN"},
                                                {MVCONF_VIEW_SCALAR, "SCALAR"},
                                                {MVCONF_VIEW_PIL, "PIL"}};
  for (auto [bit, name] : names)
    if (state.flags & bit) flags.emplace_back(name);
  const mvconf_buffer *b = port->get_buffer(port->ctx, mv);
  nlohmann::json j = b ? observe_buffer(*b, regions, format_owner) : object("buffer", nullptr);
  j["flags"] = flags;
  j["mbuf_exports"] = state.mbuf_exports;
  j["exports"] = state.exports;
  j["base"] = jb;
  j["check"] = port->check(port->ctx, mvconf_ref{nullptr, mv});
  return j;
}

nlohmann::json error_json(const mvconf_error &err) {
  // A port may fill the fixed-size arrays without a NUL: read within them.
  return object("message", bounded_string(err.message), "type", bounded_string(err.type));
}

}  // namespace mvconf::harness
