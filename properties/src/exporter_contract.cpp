#include "mvconf/harness/exporter_contract.h"

#include <functional>
#include <map>

#include "mvconf/port.h"

namespace mvconf::harness {
namespace {

using nlohmann::json;

bool has(int flags, int bits) { return (flags & bits) == bits; }

// Violations by class, first detail kept: a class is one bug whatever request shows it.
class Found {
 public:
  std::string request;  // the request being checked, for the violations it shows
  void add(const std::string &klass, const std::string &detail) {
    if (details_.emplace(klass, Violation{klass, detail, request}).second) order_.push_back(klass);
  }
  std::vector<Violation> list() const {
    std::vector<Violation> out;
    for (const auto &k : order_) out.push_back(details_.at(k));
    return out;
  }

 private:
  std::vector<std::string> order_;
  std::map<std::string, Violation> details_;
};

std::string fields(const json &g) {
  json shown = g;
  shown.erase("items");
  return shown.dump();
}

std::string items_hex(const json &g) {
  const json &items = g.value("items", json::object());
  return items.contains("hex") && items["hex"].is_string() ? items["hex"].get<std::string>()
                                                           : std::string();
}

// What the memory of the full export makes possible: the requests it could have granted.
bool satisfiable(int flags, const json &full) {
  if (has(flags, MVCONF_BUF_WRITABLE) && full.value("readonly", 1) != 0) return false;
  // Items as bytes but with their format: CPython's own memoryview refuses that unless the
  // view is 1-D 'B' already ("cannot cast to unsigned bytes if the format flag is present").
  const json &format = full.value("format", json());
  if (!has(flags, MVCONF_BUF_ND) && has(flags, MVCONF_BUF_FORMAT) &&
      !((format.is_null() || format == "B") && full.value("ndim", -1) == 1))
    return false;
  if (!has(flags, MVCONF_BUF_INDIRECT) && !full.value("suboffsets", json()).is_null()) return false;
  const bool c = full.value("c_contiguous", false), f = full.value("f_contiguous", false);
  if (!has(flags, MVCONF_BUF_STRIDES) || has(flags, MVCONF_BUF_C_CONTIGUOUS)) return c;
  if (has(flags, MVCONF_BUF_F_CONTIGUOUS)) return f;
  if (has(flags, MVCONF_BUF_ANY_CONTIGUOUS)) return c || f;
  return true;
}

void check_refusal(const json &r, const json *full, Found &found) {
  const int flags = r.value("flags", 0);
  const std::string name = r.value("name", "");
  const json &e = r["error"];
  const std::string type = e.value("type", "");
  const std::string seen = name + " raised " + type + ": " + e.value("message", "");
  if (type != "BufferError") found.add("refusal raises " + type + ", not BufferError", seen);
  if (e.value("obj_left_set", false)) found.add("refusal leaves view->obj set", seen);
  if (full && satisfiable(flags, *full))
    found.add("refuses a request its memory satisfies",
              seen + " (the PyBUF_FULL_RO grant was " + fields(*full) + ")");
}

void check_grant(const json &r, const json *full, Found &found) {
  const int flags = r.value("flags", 0);
  const json &g = r["grant"];
  const std::string seen = r.value("name", "") + " granted " + fields(g);
  const auto add = [&](const std::string &klass) { found.add(klass, seen); };
  if (g.value("obj", "") != "exporter") add("view->obj is not the exporter");
  if (has(flags, MVCONF_BUF_WRITABLE) && g.value("readonly", 0) != 0)
    add("grants PyBUF_WRITABLE read-only");
  const bool format = !g["format"].is_null(), shape = !g["shape"].is_null(),
             strides = !g["strides"].is_null(), suboffsets = !g["suboffsets"].is_null();
  if (!has(flags, MVCONF_BUF_FORMAT) && format) add("format set without PyBUF_FORMAT");
  if (has(flags, MVCONF_BUF_FORMAT) && !format) add("format NULL under PyBUF_FORMAT");
  if (!has(flags, MVCONF_BUF_ND) && shape) add("shape set without PyBUF_ND");
  // A 0-d grant has no shape or strides to give: NULL is what the C-API documents for it.
  const bool scalar = g.value("ndim", -1) == 0;
  if (has(flags, MVCONF_BUF_ND) && !shape && !scalar) add("shape NULL under PyBUF_ND");
  if (!has(flags, MVCONF_BUF_STRIDES) && strides) add("strides set without PyBUF_STRIDES");
  if (has(flags, MVCONF_BUF_STRIDES) && !strides && !scalar)
    add("strides NULL under PyBUF_STRIDES");
  if (!has(flags, MVCONF_BUF_INDIRECT) && suboffsets) add("suboffsets set without PyBUF_INDIRECT");
  const bool c = g.value("c_contiguous", false), f = g.value("f_contiguous", false);
  if (has(flags, MVCONF_BUF_C_CONTIGUOUS) && !c)
    add("grants PyBUF_C_CONTIGUOUS with memory that is not C-contiguous");
  if (has(flags, MVCONF_BUF_F_CONTIGUOUS) && !f)
    add("grants PyBUF_F_CONTIGUOUS with memory that is not Fortran-contiguous");
  if (has(flags, MVCONF_BUF_ANY_CONTIGUOUS) && !c && !f)
    add("grants PyBUF_ANY_CONTIGUOUS with memory that is not contiguous");
  if (shape) {
    long long n = 1;
    for (const auto &s : g["shape"]) n *= s.is_number_integer() ? s.get<long long>() : 0;
    if (g.value("len", -1LL) != n * g.value("itemsize", 0LL))
      add("len is not product(shape) * itemsize");
  }
  if (format) {
    const json &size = g.value("calcsize", json());
    if (size.is_string())
      add("struct.calcsize cannot read the format");
    else if (size != g["itemsize"])
      add("itemsize is not struct.calcsize(format)");
  }
  const json &items = g.value("items", json::object());
  if (items.contains("outside")) add("points outside the memory of the full export");
  if (items.contains("unread")) add("grant cannot be read: " + items.value("unread", ""));
  if (full && items.contains("hex") && !full->value("items", json::object()).contains("unread") &&
      items_hex(g) != items_hex(*full))
    found.add("items differ from those of the full export",
              seen + " whose items are " + items_hex(g) + ", the PyBUF_FULL_RO grant's " +
                  items_hex(*full));
  if (r.contains("repeat_same") && !r["repeat_same"].get<bool>())
    add("the same request is granted differently the second time");
}

void check_counts(const json &r, const std::string &what, Found &found) {
  const std::string seen = what + ": " + std::to_string(r.value("getbuffer_calls", 0)) +
                           " getbuffer, " + std::to_string(r.value("release_calls", 0)) +
                           " releasebuffer";
  if (r.value("counted", true) && r.value("getbuffer_calls", 0) != r.value("release_calls", 0))
    found.add("getbuffer and releasebuffer calls do not balance", seen);
  if (r.value("refcount_change", 0) != 0)
    found.add("a released request changes the exporter's reference count",
              what + ": by " + std::to_string(r.value("refcount_change", 0)));
}

void check_memoryview(const json &m, const json *full, Found &found) {
  if (m.contains("error")) {
    found.add("memoryview(obj) fails", m.value("error", ""));
    return;
  }
  if (m.contains("release_error"))
    found.add("memoryview(obj).release() fails", m.value("release_error", ""));
  if (full) {
    // memoryview(obj) holds the exporter's PyBUF_FULL_RO grant, normalised: it names the
    // underlying exporter (of a memoryview, its base) and fills in NULL strides.
    json a = m["grant"], b = *full;
    a.erase("obj");
    b.erase("obj");
    if (b["strides"].is_null()) a["strides"] = nullptr;
    if (a != b)
      found.add("memoryview(obj) differs from the PyBUF_FULL_RO grant",
                "memoryview(obj) holds " + a.dump() + ", PyBUF_FULL_RO granted " + b.dump());
  }
  if (m.value("getbuffer_calls", 0) != m.value("release_calls", 0))
    found.add("getbuffer and releasebuffer calls do not balance",
              "memoryview(obj) then release(): " + std::to_string(m.value("getbuffer_calls", 0)) +
                  " getbuffer, " + std::to_string(m.value("release_calls", 0)) + " releasebuffer");
}

}  // namespace

std::vector<Violation> contract_violations(const json &probe) {
  Found found;
  if (!probe.value("made", false)) {
    if (probe.contains("factory_error"))
      found.add("the factory raised", probe.value("factory_error", ""));
    return found.list();
  }
  const json &full_request = probe["full"];
  const json *full = full_request.contains("grant") ? &full_request["grant"] : nullptr;
  found.request = full_request.value("name", "");
  if (!full)
    check_refusal(full_request, nullptr, found);  // may be right: no format can say the items
  else
    check_grant(full_request, nullptr, found);
  check_counts(full_request, found.request, found);
  for (const auto &r : probe["requests"]) {
    found.request = r.value("name", "");
    if (r.contains("error"))
      check_refusal(r, full, found);
    else
      check_grant(r, full, found);
    check_counts(r, r.value("name", ""), found);
  }
  found.request = "";
  if (full) check_memoryview(probe["memoryview"], full, found);
  return found.list();
}

std::string &exporter_under_test() {
  static std::string name;
  return name;
}

}  // namespace mvconf::harness
