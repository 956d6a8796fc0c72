// The conformance site as plain HTML and CSS: no script, no framework, nothing fetched at
// view time, so the pages open from disk, from any static host, and on a phone.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "matrix_site.h"
#include "mvconf/harness/divergence.h"
#include "mvconf/harness/memory_map.h"
#include "report.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

std::string family_anchor(const std::string &family) {
  std::string s = "f-";
  for (char c : family)
    s += std::isalnum(static_cast<unsigned char>(c)) ? char(std::tolower(c)) : '-';
  return s;
}

const char *kStyle = R"(body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;
padding:0 12px;color:#1b1b1b}
code,pre{font:12px/1.4 ui-monospace,monospace}pre{background:#f6f6f6;padding:8px;overflow-x:auto;
white-space:pre-wrap;word-break:break-all}
.scroll{overflow-x:auto}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px}
.matrix th.f{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:12px}
.matrix th.row{text-align:left;white-space:nowrap}.cell{text-align:center;min-width:1.6em}
.cell a{color:inherit;text-decoration:none;display:block}
.pass{background:#c7e9c0}.expected{background:#fee391}.new{background:#fb6a4a;color:#fff}
.skipped{background:#e0e0e0;color:#555}.crashed{background:#54278f;color:#fff}
.none{background:#fff;color:#bbb}.unavailable{background:#f0f0f0;color:#555;text-align:left}
.legend span{display:inline-block;padding:1px 8px;margin:2px;border-radius:3px}
article{border-left:4px solid #ccc;padding-left:10px;margin:18px 0}article.new{border-color:#fb6a4a}
article.expected{border-color:#fec44f}article.crashed{border-color:#54278f}
svg.memmap{max-width:100%;height:auto}
ol.drift li{margin:6px 0}
)";

const char *kStatusWords[][2] = {{"pass", "passes"},
                                 {"expected", "expected divergences only"},
                                 {"new", "new divergences or stale expectations"},
                                 {"skipped", "skipped"},
                                 {"crashed", "the port crashed"},
                                 {"none", "nothing in this column"}};

std::string head(const std::string &title) {
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>" +
         xml_escape(title) +
         "</title>\n<link rel=\"stylesheet\" href=\"style.css\"></head>\n<body>\n";
}

std::string legend() {
  std::string s = "<p class=\"legend\">";
  for (const auto &w : kStatusWords)
    s += std::string("<span class=\"") + w[0] + "\">" + w[1] + "</span>";
  return s +
         " Each cell counts the divergence classes in it; &#8224; marks a stale expectation "
         "(an expected class that did not occur).</p>\n";
}

std::string command_line(const MatrixEntry &e) {
  std::string s = "mvconf";
  for (const auto &a : e.args)
    s += " " + (a.find_first_of(" '\"*|;&") == std::string::npos ? a : "'" + a + "'");
  return s;
}

std::string cell_html(const MatrixRow &r, const std::string &family) {
  const MatrixCell c = matrix_cell(r, family);
  std::string text = c.status == "pass"      ? "&#10003;"
                     : c.status == "skipped" ? "skip"
                     : c.status == "none"    ? "&#183;"
                                             : std::to_string(c.classes);
  if (c.stale) text += "&#8224;";
  std::string s = "<td class=\"cell " + c.status + "\" data-family=\"" + xml_escape(family) +
                  "\" data-status=\"" + c.status + "\" data-classes=\"" +
                  std::to_string(c.classes) + "\" data-stale=\"" + std::to_string(c.stale) +
                  "\" title=\"" + xml_escape(family) + ": " + c.status + ", " +
                  std::to_string(c.classes) + " class(es)" +
                  (c.stale ? ", " + std::to_string(c.stale) + " stale expectation(s)" : "") + "\">";
  if (c.status == "none") return s + text + "</td>";
  return s + "<a href=\"" + xml_escape(r.entry.id) + ".html#" + family_anchor(family) + "\">" +
         text + "</a></td>";
}

std::string table_html(const std::vector<MatrixRow> &rows, const std::string &kind,
                       const std::string &what) {
  const auto columns = matrix_columns(rows, kind);
  std::string s = "<div class=\"scroll\"><table class=\"matrix\" id=\"matrix-" + kind +
                  "\"><thead><tr><th class=\"row\">" + what + "</th><th>judged by</th>";
  for (const auto &c : columns) s += "<th class=\"f\" scope=\"col\">" + xml_escape(c) + "</th>";
  s += "</tr></thead>\n<tbody>\n";
  for (const auto &r : rows) {
    if (r.entry.kind != kind) continue;
    s += "<tr data-row=\"" + xml_escape(r.entry.id) +
         "\"><th class=\"row\" scope=\"row\"><a href=\"" + xml_escape(r.entry.id) + ".html\">" +
         xml_escape(r.entry.title) + "</a></th>";
    if (!r.unavailable.empty()) {
      const std::string st = r.crashed ? "crashed" : "unavailable";
      s += "<td class=\"cell " + st + "\" data-status=\"" + st + "\" colspan=\"" +
           std::to_string(columns.size() + 1) + "\">not run: " + xml_escape(r.unavailable) +
           "</td></tr>\n";
      continue;
    }
    s += "<td>" + xml_escape(r.result.value("oracle", "?")) + "</td>";
    for (const auto &c : columns) s += cell_html(r, c);
    s += "</tr>\n";
  }
  return s + "</tbody></table></div>\n";
}

std::string drift_html(const std::vector<MatrixRow> &rows) {
  std::string s = "<ol class=\"drift\" id=\"drift\">\n";
  for (const auto &r : rows) {
    if (r.entry.kind != "drift") continue;
    s += "<li data-row=\"" + xml_escape(r.entry.id) + "\"><a href=\"" + xml_escape(r.entry.id) +
         ".html\">" + xml_escape(r.entry.title) + "</a>: ";
    if (!r.unavailable.empty()) {
      s += "not run: " + xml_escape(r.unavailable) + "</li>\n";
      continue;
    }
    std::map<std::string, std::string> differences;  // signature -> the first anchor
    for (const auto &p : r.result.value("properties", json::array()))
      for (const auto &k : p.value("classes", json::array()))
        differences.emplace(k.value("signature", ""),
                            class_anchor(p.value("name", ""), k.value("signature", "")));
    s += std::to_string(differences.size()) + " class(es) of difference";
    if (!differences.empty()) s += "<ul>";
    for (const auto &[sig, anchor] : differences)
      s += "<li><a href=\"" + xml_escape(r.entry.id) + ".html#" + anchor + "\"><code>" +
           xml_escape(sig) + "</code></a></li>";
    s += differences.empty() ? "</li>\n" : "</ul></li>\n";
  }
  return s + "</ol>\n";
}

std::string class_html(const MatrixRow &r, const std::string &property, const json &k) {
  const std::string sig = k.value("signature", ""), status = k.value("status", "");
  const std::string anchor = class_anchor(property, sig);
  const std::string shown =
      status == "new" && sig.find("port failure") != std::string::npos ? "crashed" : status;
  std::string line = k.value("minimal_case", "");
  if (line.empty()) line = k.value("first_case", "");
  const std::string report = k.value("report", "");
  std::string s =
      "<article class=\"" + xml_escape(shown) + "\" id=\"" + anchor + "\"><h4><a href=\"#" +
      anchor + "\"><code>" + xml_escape(sig) + "</code></a></h4>\n<p>" +
      (status == "expected" ? "<b>expected</b>: " + xml_escape(k.value("reason", ""))
                            : std::string("<b>new</b>: no expectation covers it")) +
      ". " + std::to_string(k.value("cases", 0L)) + " case(s) of the run fell in it" +
      (k.value("minimal_case", "").empty()
           ? std::string("; not shrunk") +
                 (k.value("note", "").empty() ? "" : " (" + xml_escape(k["note"]) + ")")
           : "; shrunk in " + std::to_string(k.value("shrink_cases", 0L)) + " evaluations") +
      ".</p>\n";
  const std::string svg = memory_map_svg(line, report);
  if (!svg.empty()) s += "<figure>" + svg + "</figure>\n";
  const auto paths = differing_paths(report);
  if (!paths.empty()) {
    s += "<p>The two sides' answers differ at";
    for (std::size_t i = 0; i < paths.size() && i < 12; ++i)
      s += " <code>" + xml_escape(paths[i]) + "</code>";
    s += paths.size() > 12 ? " and " + std::to_string(paths.size() - 12) + " more.</p>\n"
                           : ".</p>\n";
  }
  s += "<p>" + std::string(k.value("minimal_case", "").empty() ? "First" : "Minimal") +
       " case:</p><pre class=\"case\">" + xml_escape(line) + "</pre>\n";
  s += "<p>Report, with its replay line and the reproduction on the implementation:</p><pre>" +
       xml_escape(clip_lines(report)) + "</pre>\n";
  if (!k.value("reproduce", "").empty())
    s += "<p>Rerun this class's case inside the run: <code>RC_PARAMS='" +
         xml_escape(k["reproduce"]) + "' " + xml_escape(command_line(r.entry)) +
         " '--gtest_filter=" + xml_escape(property) + "'</code></p>\n";
  return s + "</article>\n";
}

std::string page_html(const MatrixRow &r, const std::string &dir, const std::string &regenerate) {
  std::string s = head(r.entry.title + ": mvconf conformance") +
                  "<p><a href=\"index.html\">&#8592; all implementations and exporters</a></p>\n"
                  "<h1>" +
                  xml_escape(r.entry.title) + "</h1>\n";
  s += "<p>Row command: <code>" + xml_escape(command_line(r.entry)) + "</code>";
  if (!r.entry.markdown.empty()) {
    // Both absolute: a relative report path and an absolute --out have no relative path.
    const auto rel = std::filesystem::absolute(r.entry.markdown)
                         .lexically_relative(std::filesystem::absolute(dir));
    s += " (its Markdown report: <a href=\"" + xml_escape(rel.generic_string()) + "\">" +
         xml_escape(r.entry.markdown) + "</a>)";
  }
  s += ". Site: <code>" + xml_escape(regenerate) + "</code></p>\n";
  if (!r.unavailable.empty())
    return s + "<p>Not run: " + xml_escape(r.unavailable) + "</p></body></html>\n";
  const json &j = r.result;
  s += "<table><tbody><tr><th>port</th><td>" + xml_escape(j.value("port", "")) +
       " (targets CPython " + xml_escape(j.value("port_version", "")) +
       ")</td></tr><tr><th>oracle</th><td>" + xml_escape(j.value("oracle", "")) +
       "</td></tr><tr><th>result</th><td>" + xml_escape(j.value("summary", "")) +
       "</td></tr><tr><th>run</th><td><code>" + xml_escape(j.value("command", "")) +
       "</code> (RapidCheck <code>" + xml_escape(j.value("rc_params", "")) + "</code>, mvconf " +
       xml_escape(j.value("mvconf_version", "")) + ")</td></tr>";
  if (!j.value("version_note", "").empty())
    s += "<tr><th>note</th><td>" + xml_escape(j.value("version_note", "")) + "</td></tr>";
  s += "</tbody></table>\n";
  // Columns in page order, each with its properties and (exporters) the classes of its clause.
  const auto families = matrix_columns({r}, r.entry.kind);
  s += "<h2>By column</h2><table><thead><tr><th>column</th><th>result</th><th>classes</th></tr>"
       "</thead><tbody>";
  for (const auto &f : families) {
    const MatrixCell c = matrix_cell(r, f);
    s += "<tr><td><a href=\"#" + family_anchor(f) + "\">" + xml_escape(f) +
         "</a></td><td class=\"cell " + c.status + "\">" + c.status + "</td><td>" +
         std::to_string(c.classes) + "</td></tr>";
  }
  s += "</tbody></table>\n";
  const bool exporter = r.entry.kind == "exporter";
  for (const auto &f : families) {
    s += "<section id=\"" + family_anchor(f) + "\"><h2>" + xml_escape(f) + "</h2>\n";
    for (const auto &p : j.value("properties", json::array())) {
      const std::string name = p.value("name", "");
      if (!exporter && matrix_family(r.entry.kind, name, "") != f) continue;
      s += "<h3>" + xml_escape(name) + ": " + xml_escape(p.value("status", "")) + "</h3><p>" +
           std::to_string(p.value("cases", 0L)) + " case(s) compared";
      if (!p.value("detail", "").empty()) s += "; " + xml_escape(p.value("detail", ""));
      s += ".</p>\n";
      for (const auto &n : p.value("not_compared", json::array()))
        s += "<p>Not compared: " + xml_escape(n.is_string() ? n.get<std::string>() : n.dump()) +
             "</p>\n";
      for (const auto &n : p.value("stale", json::array()))
        s += "<p>Stale expectation (its class did not occur): " +
             xml_escape(n.is_string() ? n.get<std::string>() : n.dump()) + "</p>\n";
      for (const auto &k : p.value("classes", json::array()))
        if (!exporter || matrix_family("exporter", name, k.value("signature", "")) == f)
          s += class_html(r, name, k);
    }
    s += "</section>\n";
  }
  return s + "</body></html>\n";
}

void write_file(const std::filesystem::path &path, const std::string &text) {
  std::ofstream out(path);
  out << text;
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

void write_matrix_site(const std::vector<MatrixRow> &rows, const std::string &dir,
                       const std::string &regenerate) {
  const std::filesystem::path d(dir);
  write_file(d / "style.css", kStyle);
  std::string s = head("mvconf conformance") + "<h1>mvconf conformance</h1>\n" +
                  "<p>Every implementation and exporter mvconf checks, against CPython as the "
                  "oracle. Regenerate with <code>" +
                  xml_escape(regenerate) + "</code>; each row's page shows its own command.</p>\n" +
                  legend() + "<h2 id=\"implementations\">Implementations</h2>\n" +
                  table_html(rows, "implementation", "implementation") +
                  "<h2 id=\"exporters\">Exporters</h2>\n<p>Columns are the clauses of the "
                  "request-flag contract a class concerns.</p>\n" +
                  table_html(rows, "exporter", "exporter") +
                  "<h2 id=\"versions\">CPython version drift</h2>\n<p>Each step judges the newer "
                  "CPython with the older one as the oracle.</p>\n" +
                  drift_html(rows) + "</body></html>\n";
  write_file(d / "index.html", s);
  for (const auto &r : rows) write_file(d / (r.entry.id + ".html"), page_html(r, dir, regenerate));
}

std::string findings_markdown(const std::vector<MatrixRow> &rows, const std::string &site_dir,
                              const std::string &regenerate) {
  const std::string site = site_dir;
  std::string s =
      "# Findings\n\nWhat mvconf found in other people's implementations and "
      "exporters, generated with `" +
      regenerate + "` together with the conformance page ([" + site + "/index.html](" + site +
      "/index.html)). Each class links to its minimal case, its memory map and "
      "its reproduction; expected classes carry the reason their expectations file "
      "gives.\n";
  for (const char *kind : {"implementation", "exporter", "drift"}) {
    s += std::string("\n## ") +
         (kind[0] == 'i'   ? "Implementations"
          : kind[0] == 'e' ? "Exporters"
                           : "CPython versions") +
         "\n\n| row | result | classes |\n|---|---|---|\n";
    for (const auto &r : rows) {
      if (r.entry.kind != kind) continue;
      const std::string page = site + "/" + r.entry.id + ".html";
      std::string classes;
      if (r.result.is_object())
        for (const auto &p : r.result.value("properties", json::array()))
          for (const auto &k : p.value("classes", json::array())) {
            const std::string sig = k.value("signature", "");
            classes += (classes.empty() ? "" : "; ") + std::string("[`") + sig + "`](" + page +
                       "#" + class_anchor(p.value("name", ""), sig) + ")" +
                       (k.value("status", "") == "expected" && !k.value("reason", "").empty()
                            ? ": " + k.value("reason", "")
                        : k.value("status", "") == "new" ? " (**new**)"
                                                         : "");
          }
      std::string cell =
          r.unavailable.empty() ? r.result.value("summary", "") : "not run: " + r.unavailable;
      for (auto *t : {&cell, &classes}) {  // a table cell: one line, its pipes escaped
        std::string e;
        for (char c : *t)
          e += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
        *t = e;
      }
      s += "| [" + r.entry.title + "](" + page + ") | " + cell + " | " +
           (classes.empty() ? "none" : classes) + " |\n";
    }
  }
  return s;
}

}  // namespace mvconf::harness
