#include "mvconf/harness/divergence.h"

#include <cstring>
#include <set>
#include <vector>

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

bool is_error(const json &j) {
  return j.is_object() && j.contains("type") && j.contains("message") && j["type"].is_string();
}

std::string join(const std::string &path, const std::string &key) {
  return path.empty() ? key : path + "." + key;
}

std::string type_of(const json &error) { return printable(error["type"].get<std::string>()); }

// Collects the items of a signature. Values are never named, only where and how they differ:
// that is what makes the same bug on two layouts land in one class.
class Differ {
 public:
  explicit Differ(const Case &c) : case_(c) {}
  std::set<std::string> items;

  void walk(const json &want, const json &got, const std::string &path) {
    if (want == got) return;
    if (is_error(want) && is_error(got)) {
      items.insert(want["type"] == got["type"]
                       ? at(path) + "message of " + type_of(want)
                       : at(path) + type_of(got) + " vs oracle " + type_of(want));
      return;
    }
    if (want.is_object() && got.is_object()) return walk_objects(want, got, path);
    if (want.is_array() && got.is_array()) return walk_arrays(want, got, path);
    items.insert(path.empty() ? "outcome" : path);
  }

 private:
  const Case &case_;

  static std::string at(const std::string &path) { return path.empty() ? "" : path + ": "; }

  // "error", "view_error", "first_error": the keys under which an outcome records a raise.
  static bool error_key(const std::string &k) {
    return k == "error" || (k.size() > 6 && k.compare(k.size() - 6, 6, "_error") == 0);
  }

  void walk_objects(const json &want, const json &got, const std::string &path) {
    // An error on one side only: the other fields at this level are its consequences.
    for (const json *side : {&want, &got})
      for (const auto &[k, v] : side->items()) {
        if (!error_key(k) || (side == &want ? got : want).contains(k)) continue;
        const std::string what = is_error(v) ? type_of(v) : "an error";
        const std::string where = at(k == "error" ? path : join(path, k));
        items.insert(side == &want ? where + "succeeded, oracle raised " + what
                                   : where + "raised " + what + ", oracle succeeded");
        return;
      }
    // A py_chain case whose chain differs: its calls and memory are on other views.
    const bool chain_differs = path.empty() && case_.op == "py_chain" && want.contains("chain") &&
                               got.contains("chain") && want["chain"] != got["chain"];
    for (const auto &[k, v] : want.items()) {
      if (chain_differs && k != "chain") continue;
      if (!got.contains(k))
        items.insert(join(path, printable(k)) + ": missing");
      else
        walk(v, got[k], join(path, printable(k)));
    }
    for (const auto &[k, v] : got.items())
      if (!want.contains(k) && !(chain_differs && k != "chain"))
        items.insert(join(path, printable(k)) + ": extra");
  }

  void walk_arrays(const json &want, const json &got, const std::string &path) {
    // A py case's calls (and a py_chain case's chain): only the first differing call counts,
    // named by its method; the state differences of the calls after it follow from it.
    if ((path == "calls" && case_.op == "py") ||
        ((path == "calls" || path == "chain") && case_.op == "py_chain")) {
      const json &calls = case_.args.value(path, json::array());
      for (std::size_t i = 0; i < want.size() && i < got.size(); ++i) {
        if (want[i] == got[i]) continue;
        std::string method = "?";
        if (i < calls.size() && calls[i].is_object() && calls[i].contains("method") &&
            calls[i]["method"].is_string())
          method = printable(calls[i]["method"].get<std::string>());
        return walk(want[i], got[i], path + "[" + method + "]");
      }
      items.insert(path + ": length");
      return;
    }
    if (want.size() != got.size()) {
      // Lists of different lengths: report the length, and nothing of the items (they shift).
      items.insert(path + ": length");
      return;
    }
    for (std::size_t i = 0; i < want.size(); ++i) walk(want[i], got[i], path);
  }
};

}  // namespace

std::string port_failure_signature(const std::string &message) {
  const char *kind = message.rfind("no answer within", 0) == 0            ? "timeout"
                     : message.rfind("protocol", 0) == 0                  ? "protocol error"
                     : message.rfind("the port has no", 0) == 0           ? "missing slot"
                     : message.rfind("the port does not declare", 0) == 0 ? "missing feature"
                     : message.rfind("invalid case", 0) == 0              ? "case refused"
                     : message.rfind("cannot restart", 0) == 0            ? "cannot restart"
                                                                          : "crash";
  return std::string("port failure: ") + kind;
}

namespace {

bool has(const std::set<std::string> &items, const std::string &item) {
  return items.count(item) > 0;
}

// Folds the items of one case into the facts that differ, dropping those that follow from
// another: a view with another ndim also has other shape, strides and bytes; a view whose
// buffer is elsewhere has other bytes. One bug then gives one class, not fifteen.
std::set<std::string> fold(const std::set<std::string> &raw, bool python_values) {
  std::set<std::string> items;
  auto ends_with = [](const std::string &s, const std::string &tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  for (std::string item : raw) {
    // "X.flags: length" says the flag lists differ, as "X.flags" does; "X.buf.region" and
    // "X.buf.offset: missing" both say the buffer is elsewhere: "X.buf".
    if (ends_with(item, ".flags: length")) item.erase(item.size() - 8);
    if (const auto b = item.find(".buf."); b != std::string::npos) item.erase(b + 4);
    // A Python value's encoding ({"tuple": [...]}, {"bytes": hex}) is not a place of its own.
    for (const char *wrapper : {".tuple", ".bytes", ".bytearray", ".str", ".int", ".float"})
      for (auto at = python_values ? item.find(wrapper) : std::string::npos;
           at != std::string::npos; at = item.find(wrapper, at)) {
        const std::size_t end = at + std::strlen(wrapper);
        if (end == item.size() || item[end] == '.' || item[end] == ':')
          item.erase(at, std::strlen(wrapper));
        else
          at = end;
      }
    items.insert(item);
  }
  static const std::pair<const char *, std::vector<const char *>> consequences[] = {
      {"itemsize", {"len", "bytes", "strides", "flags"}},
      {"format", {"bytes"}},
      {"shape", {"len", "bytes", "flags", "strides"}},
      {"strides", {"bytes", "flags"}},
      {"suboffsets", {"bytes", "flags"}},
      {"buf", {"bytes"}},
      // The Python-level observation of a py_chain view (ops_py_chain.cpp).
      {"shape", {"nbytes", "tobytes", "c_contiguous", "f_contiguous", "contiguous"}},
      {"strides", {"tobytes", "c_contiguous", "f_contiguous", "contiguous"}},
      {"itemsize", {"nbytes", "tobytes", "c_contiguous", "f_contiguous", "contiguous"}},
      {"format", {"tobytes"}},
  };
  std::set<std::string> out;
  for (const auto &item : items) {
    const auto dot = item.rfind('.');
    const std::string owner = dot == std::string::npos ? "" : item.substr(0, dot + 1);
    const std::string field = item.substr(dot == std::string::npos ? 0 : dot + 1);
    // A view with another number of dimensions is another view altogether (PyPy answers a
    // 64-dimension request with an empty 0-d view): its other fields say nothing more.
    bool follows = field != "ndim" && !owner.empty() && has(items, owner + "ndim");
    // Likewise an object of another kind (a base that is a copy, not the exporter).
    follows = follows || (field != "kind" && !owner.empty() && has(items, owner + "kind"));
    // Another number of getbuffer calls makes the list of their flags another length.
    follows = follows || (item == "getbuffer_flags: length" && has(items, "getbuffer_calls"));
    for (const auto &[cause, effects] : consequences)
      for (const char *effect : effects)
        follows = follows || (field == effect && has(items, owner + cause));
    if (!follows) out.insert(item);
  }
  return out;
}

}  // namespace

std::vector<std::string> divergence_classes(const Case &c, const Outcome &want,
                                            const Outcome &got) {
  const std::string op = printable(c.op) + " | ";
  if (got.is_object() && got.contains("port_failure") && got["port_failure"].is_string())
    return {op + port_failure_signature(got["port_failure"].get<std::string>())};
  Differ d(c);
  d.walk(want, got, "");
  // The export counter is the same fact as the harness's "exports left outstanding" check,
  // and the per-free counts say when; an exporter never given its buffer back shows in both.
  std::set<std::string> items = fold(d.items, c.op == "py_chain");
  // A py_chain outcome carries the counter only when it is not zero, so there the same fact
  // shows as an extra (or missing) field.
  const bool leaked = items.erase("exports_outstanding") +
                          items.erase("exports_outstanding: extra") +
                          items.erase("exports_outstanding: missing") >
                      0;
  if (leaked) {
    items.erase("outstanding_after_each_free");
    items.erase("outstanding_after_each_free: length");
  }
  std::vector<std::string> out;
  for (const auto &item : items) out.push_back(op + item);
  return out;
}

std::string printable(const std::string &s) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  auto escape = [&](unsigned char b) {
    out += "\\x";
    out += hex[b >> 4];
    out += hex[b & 15];
  };
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      if (b < 0x20 && b != '\n' && b != '\t')
        escape(b);
      else if (b == 0x7f)
        escape(b);
      else
        out += char(b);
      ++i;
      continue;
    }
    // The length of a well-formed UTF-8 sequence starting with b, with its valid second byte
    // range (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf)
      len = 2;
    else if (b == 0xe0)
      len = 3, lo = 0xa0;
    else if (b >= 0xe1 && b <= 0xef)
      len = 3, hi = b == 0xed ? 0x9f : 0xbf;
    else if (b == 0xf0)
      len = 4, lo = 0x90;
    else if (b >= 0xf1 && b <= 0xf3)
      len = 4;
    else if (b == 0xf4)
      len = 4, hi = 0x8f;
    bool ok = len > 0 && i + len <= n && p[i + 1] >= lo && p[i + 1] <= hi;
    for (std::size_t k = 2; ok && k < len; ++k) ok = p[i + k] >= 0x80 && p[i + k] <= 0xbf;
    if (!ok) {
      escape(b);
      ++i;
      continue;
    }
    out.append(s, i, len);
    i += len;
  }
  return out;
}

nlohmann::json printable(const nlohmann::json &j) {
  if (j.is_string()) return printable(j.get_ref<const std::string &>());
  if (j.is_array()) {
    json out = json::array();
    for (const auto &v : j) out.push_back(printable(v));
    return out;
  }
  if (j.is_object()) {
    json out = json::object();
    for (const auto &[k, v] : j.items()) out[printable(k)] = printable(v);
    return out;
  }
  return j;
}

std::string xml_escape(const std::string &s) {
  std::string out;
  for (unsigned char c : printable(s)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += char(c);
    }
  }
  return out;
}

}  // namespace mvconf::harness
