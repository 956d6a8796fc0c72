// What the conformance page says, separated from how it is drawn: the entries, the columns
// and each cell's verdict, computed from saved JSON results only.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>

#include "matrix_site.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

// The exporter contract's clauses (docs/exporters.md), each with the words its class
// signatures (exporter_contract.cpp) contain; the first match wins. A signature no clause
// claims lands in "other", which is then shown as a column of its own.
struct Clause {
  const char *name;
  std::vector<const char *> words;
};
const std::vector<Clause> &clauses() {
  static const std::vector<Clause> k = {
      {"factory", {"the factory raised"}},
      {"memoryview(obj)", {"memoryview(obj)"}},
      {"release", {"getbuffer and releasebuffer", "reference count"}},
      {"refusal", {"refus"}},
      {"contiguity", {"CONTIGUOUS"}},
      {"writable", {"WRITABLE"}},
      {"len/itemsize", {"len is not", "itemsize is not"}},
      {"format", {"format"}},
      {"shape", {"shape"}},
      {"strides", {"strides"}},
      {"suboffsets", {"suboffsets"}},
      {"items", {"items differ", "outside the memory", "cannot be read"}},
      {"repeat", {"same request"}},
      {"view->obj", {"view->obj"}},
  };
  return k;
}

bool plain_stem(const std::string &id) {
  if (id.empty() || id.size() > 64 || id[0] == '.' || id[0] == '-') return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

int rank(const std::string &status) {
  static const char *order[] = {"none", "pass", "skipped", "expected", "crashed", "new"};
  for (int i = 0; i < 6; ++i)
    if (status == order[i]) return i;
  return 0;
}

void worsen(MatrixCell &cell, const std::string &status) {
  if (rank(status) > rank(cell.status)) cell.status = status;
}

bool crash(const std::string &signature) {
  return signature.find("port failure") != std::string::npos;
}

}  // namespace

std::vector<MatrixEntry> load_matrix_entries(const std::string &path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the matrix entries file " + path);
  const json j = json::parse(in, nullptr, false);
  if (!j.is_object() || !j.value("entries", json()).is_array())
    throw std::runtime_error(path + ": not a JSON object with an \"entries\" array");
  std::vector<MatrixEntry> out;
  std::set<std::string> ids;
  for (const auto &e : j["entries"]) {
    const std::string where = path + ": entry " + std::to_string(out.size() + 1);
    if (!e.is_object()) throw std::runtime_error(where + " is not an object");
    for (const char *key : {"id", "kind", "title"})
      if (!e.value(key, json()).is_string())
        throw std::runtime_error(where + ": \"" + key + "\" must be a string");
    for (const auto &[key, value] : e.items())
      if (key != "id" && key != "kind" && key != "title" && key != "args" && key != "markdown")
        throw std::runtime_error(where + ": unknown key \"" + key +
                                 "\" (known: id, kind, title, args, markdown)");
    MatrixEntry m;
    m.id = e["id"];
    m.kind = e["kind"];
    m.title = e["title"];
    if (!plain_stem(m.id))
      throw std::runtime_error(where + ": id '" + m.id + "' is not a plain file name stem");
    if (!ids.insert(m.id).second) throw std::runtime_error(where + ": duplicate id '" + m.id + "'");
    if (m.kind != "implementation" && m.kind != "exporter")
      throw std::runtime_error(where + " (" + m.id + "): kind '" + m.kind +
                               "' is neither \"implementation\" nor \"exporter\"");
    const json args = e.value("args", json());
    if (!args.is_array() || args.empty())
      throw std::runtime_error(where + " (" + m.id + "): \"args\" must be a non-empty array");
    for (const auto &a : args) {
      if (!a.is_string())
        throw std::runtime_error(where + " (" + m.id + "): every argument must be a string");
      m.args.push_back(a);
    }
    if (m.args[0] != (m.kind == "exporter" ? "exporters" : "run"))
      throw std::runtime_error(where + " (" + m.id + "): an " + m.kind + " entry runs `mvconf " +
                               (m.kind == "exporter" ? "exporters" : "run") + "`, not `" +
                               m.args[0] + "`");
    if (e.contains("markdown")) {
      if (!e["markdown"].is_string())
        throw std::runtime_error(where + " (" + m.id + "): \"markdown\" must be a string");
      m.markdown = e["markdown"];
    }
    out.push_back(m);
  }
  if (out.empty()) throw std::runtime_error(path + ": no entries");
  return out;
}

std::string matrix_family(const std::string &kind, const std::string &property,
                          const std::string &signature) {
  if (kind != "exporter") return property.substr(0, property.find('.'));
  for (const auto &c : clauses())
    for (const char *w : c.words)
      if (signature.find(w) != std::string::npos) return c.name;
  return "other";
}

std::vector<std::string> matrix_columns(const std::vector<MatrixRow> &rows,
                                        const std::string &kind) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  const auto add = [&](const std::string &f) {
    if (seen.insert(f).second) out.push_back(f);
  };
  if (kind == "exporter")
    for (const auto &c : clauses()) add(c.name);
  for (const auto &r : rows) {
    if (r.entry.kind != kind || !r.result.is_object()) continue;
    for (const auto &p : r.result.value("properties", json::array())) {
      const std::string name = p.value("name", "");
      if (kind != "exporter") add(matrix_family(kind, name, ""));
      for (const auto &k : p.value("classes", json::array()))
        add(matrix_family(kind, name, k.value("signature", "")));
      for (const auto &e : p.value("stale", json::array()))
        add(matrix_family(kind, name, stale_signature(e.is_string() ? e.get<std::string>() : "")));
    }
  }
  // The C-API families first, then the Python-level ones (each in order of first sight).
  std::stable_partition(out.begin(), out.end(),
                        [](const std::string &f) { return f.rfind("Py", 0) != 0; });
  return out;
}

MatrixCell matrix_cell(const MatrixRow &row, const std::string &family) {
  MatrixCell cell{"none", 0, 0};
  if (!row.result.is_object()) return cell;
  const bool exporter = row.entry.kind == "exporter";
  for (const auto &p : row.result.value("properties", json::array())) {
    const std::string name = p.value("name", ""), status = p.value("status", "");
    if (!exporter && matrix_family(row.entry.kind, name, "") != family) continue;
    ++cell.properties;
    if (status == "skipped") {
      worsen(cell, "skipped");
      continue;
    }
    // What fails the run fails its cell: a property that failed without any class (a gtest
    // failure), a stale expectation (its class did not occur) in the column it names, and an
    // unexpected pass of a property-level expectation.
    const json stale = p.value("stale", json::array());
    for (const auto &e : stale)
      if (!exporter ||
          matrix_family("exporter", name,
                        stale_signature(e.is_string() ? e.get<std::string>() : "")) == family) {
        ++cell.stale;
        worsen(cell, "new");
      }
    if ((status == "unexpected-pass" && stale.empty()) ||
        (status == "failed" && p.value("classes", json::array()).empty()))
      worsen(cell, "new");
    worsen(cell, "pass");
    for (const auto &k : p.value("classes", json::array())) {
      const std::string sig = k.value("signature", "");
      if (exporter && matrix_family("exporter", name, sig) != family) continue;
      ++cell.classes;
      worsen(cell, crash(sig)                            ? "crashed"
                   : k.value("status", "") == "expected" ? "expected"
                                                         : "new");
    }
  }
  return cell;
}

std::string stale_signature(const std::string &stale) {
  // expectations.cpp words it: FILE: expectations[N]: class "SIGNATURE" (REASON) did not occur
  const auto at = stale.find("class \"");
  if (at == std::string::npos) return "";
  const auto start = at + 7;
  auto end = stale.find("\" (", start);
  if (end == std::string::npos) end = stale.find("\" did not occur", start);
  return end == std::string::npos ? "" : stale.substr(start, end - start);
}

std::string class_anchor(const std::string &property, const std::string &signature) {
  // Readable and stable: the words of property and signature, then a short hash so that two
  // signatures differing only in punctuation still get two anchors.
  std::string slug;
  for (char c : property + "-" + signature) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      slug += char(std::tolower(u));
    else if (!slug.empty() && slug.back() != '-')
      slug += '-';
    if (slug.size() >= 72) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  unsigned h = 2166136261u;
  for (char c : property + "\n" + signature) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  char tail[12];
  std::snprintf(tail, sizeof tail, "-%06x", h & 0xffffffu);
  return "c-" + slug + tail;
}

}  // namespace mvconf::harness
