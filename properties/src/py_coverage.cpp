#include "mvconf/harness/py_coverage.h"

#include <set>

#include "mvconf/harness/json_member.h"
#include "mvconf/harness/session.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

bool native(const std::optional<std::string> &f) {
  if (!f) return true;
  std::string s = *f;
  if (!s.empty() && s[0] == '@') s.erase(0, 1);
  return s.size() == 1 && std::string("cbB?hHiIlLqQnNfdeP").find(s[0]) != std::string::npos;
}

// True when a string or a key of j is exactly `text`: what finding "\"nan\"" in j's dump
// meant, without printing j (an unescaped quote in a dump always delimits a string).
bool mentions(const json &j, const std::string &text) {
  switch (j.type()) {
    case json::value_t::string:
      return j.get_ref<const std::string &>() == text;
    case json::value_t::array:
      for (const auto &v : j)
        if (mentions(v, text)) return true;
      return false;
    case json::value_t::object:
      for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() == text || mentions(it.value(), text)) return true;
      return false;
    default:
      return false;
  }
}

std::string message_of(const json &r) {
  return r.contains("error") ? r["error"].value("message", "") : "";
}

// The corners a py_chain case reached, read from CPython's observation of the views its chain
// and calls made (the harness never sees their layouts otherwise).
void chain_corners(const json &want, std::set<std::string> &hit) {
  for (const char *list : {"chain", "calls"})
    for (const auto &r : want.value(list, json::array())) {
      const json v = r.is_object() ? r.value("view", json()) : json();
      if (!v.is_object() || !v.contains("ndim") || !v["ndim"].is_number_integer()) continue;
      const long ndim = v["ndim"];
      if (ndim == 0) hit.insert("0-d view");
      if (ndim >= 2) hit.insert("n-d view");
      if (v.value("nbytes", json(1)) == json(0)) hit.insert("empty view");
      if (v.value("c_contiguous", json(true)) == json(false)) hit.insert("non-contiguous view");
      const json strides = v.value("strides", json::object()).value("tuple", json::array());
      for (const auto &s : strides)
        if (s.is_number_integer() && s.get<long>() < 0) hit.insert("negative stride");
    }
}

}  // namespace

std::map<std::string, CallTally> &py_calls() {
  static std::map<std::string, CallTally> t;
  return t;
}
std::map<std::string, std::map<std::string, long>> &py_corners() {
  static std::map<std::string, std::map<std::string, long>> t;
  return t;
}
std::map<std::string, long> &py_cases() {
  static std::map<std::string, long> t;
  return t;
}

void note_py_coverage(const Case &c, const Outcome &want) {
  const std::string prop = current_property().empty() ? "(replay)" : current_property();
  ++py_cases()[prop];
  std::set<std::string> hit;
  const auto &l = c.layout;
  if (c.op == "py_chain") chain_corners(want, hit);
  if (l.items() == 0 && c.op == "py") hit.insert("empty view");
  if (l.ndim == 0) hit.insert("0-d view");
  if (l.pil) hit.insert("PIL view");
  if (l.readonly) hit.insert(c.op == "py" ? "read-only exporter" : "bytes base");
  bool struct_format = !native(l.format);
  for (const auto &o : member_or(c.args, "others", empty_array()))
    struct_format |= !native(o.get<fixtures::Layout>().format);
  if (struct_format) hit.insert("struct (non-native) format");
  // Only float views can show a NaN (dumping every outcome is slow under the sanitizers).
  const bool floats = l.format && l.format->find_first_of("efd") != std::string::npos;
  if ((floats && mentions(want, "nan")) || mentions(c.args, "nan")) hit.insert("NaN value");
  const auto &calls = member_or(c.args, "calls", empty_array());
  const json &results = member_or(want, "calls", empty_array());
  int open_exports = 0;
  long held_before = 1;
  for (std::size_t i = 0; i < calls.size() && i < results.size(); ++i) {
    const std::string m = calls[i].value("method", "");
    const json &r = results[i];
    auto &t = py_calls()[m];
    if (r.contains("skipped")) {
      ++t.skipped;
      continue;
    }
    r.contains("error") ? ++t.raised : ++t.ok;
    const std::string msg = message_of(r);
    if (msg.find("released memoryview") != std::string::npos) hit.insert("released view used");
    if (msg.find("exported buffer") != std::string::npos)
      hit.insert("release refused: exports outstanding");
    if (m == "export" && !r.contains("error")) ++open_exports;
    if (m == "release_export") --open_exports;
    if (m == "free" && open_exports > 0) hit.insert("view freed while exported");
    if ((m == "eq" || m == "ne") && !r.contains("error")) {
      static const json kNull;
      const bool equal = member_or(r, "result", kNull) == json(m == "eq");
      hit.insert(equal ? "compared equal" : "compared unequal");
    }
    if (m == "cast" && r.contains("view")) hit.insert("cast succeeded");
    if (m == "cast" && r.contains("error")) hit.insert("cast refused");
    if (m == "hash" && r.contains("result")) hit.insert("hash value");
    const long held = r.value("held", held_before);
    if (held == 0 && held_before > 0 && i + 1 < calls.size())
      hit.insert("exporter released mid-sequence");
    held_before = held;
  }
  for (const auto &h : hit) ++py_corners()[prop][h];
}

}  // namespace mvconf::harness
