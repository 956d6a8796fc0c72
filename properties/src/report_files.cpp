// The machine-readable and published forms of a run's results.
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "mvconf/harness/divergence.h"
#include "report.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

// Opens `path` for writing; the caller's stream is checked again after writing, so a full
// disk is as loud as a missing directory.
std::ofstream open_out(const std::string &path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  return out;
}

void finish(std::ofstream &out, const std::string &path) {
  out.flush();
  if (!out) throw std::runtime_error("writing " + path + " failed");
}

json class_json(const ClassResult &k) {
  return {{"signature", k.signature},
          {"status", k.expected ? "expected" : "new"},
          {"reason", k.reason},
          {"cases", k.cases},
          {"first_at", k.first_at},
          {"first_case", k.first_case},
          {"minimal_case", k.minimal_case},
          {"shrink_cases", k.shrink_cases},
          {"note", k.note},
          {"reproduce", k.reproduce},
          {"report", k.report}};
}

std::string class_list(const PropertyResult &p, bool expected) {
  std::string s;
  for (const auto &k : p.classes)
    if (k.expected == expected) s += (s.empty() ? "" : "; ") + k.signature;
  return s;
}

}  // namespace

// A published page stays readable: long outcome lines (a 64-d tolist, a 4 KiB memory dump) are
// cut, never the mvconf-case line, which is what replays the case in full.
std::string clip_lines(const std::string &text, std::size_t max) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.size() > max && line.rfind("mvconf-case: ", 0) != 0) {
      std::size_t cut = max;  // on a character boundary: the page stays UTF-8
      while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xc0) == 0x80) --cut;
      line = line.substr(0, cut) + "... (" + std::to_string(line.size() - cut) +
             " more characters: replay the case to see them)";
    }
    out += line;
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

void check_writable(const std::string &path) {
  std::ofstream out(path, std::ios::app);
  if (!out) throw std::runtime_error("cannot write " + path);
}

void write_json(const RunResults &r, const std::string &path) {
  json props = json::array();
  for (const auto &p : r.properties) {
    json classes = json::array();
    for (const auto &k : p.classes) classes.push_back(class_json(k));
    props.push_back({{"name", p.name},
                     {"status", p.status},
                     {"cases", p.cases},
                     {"failed", p.failed},
                     {"first_failure_at", p.first_failure_at},
                     {"classes", classes},
                     {"stale", p.stale},
                     {"not_compared", p.not_compared},
                     {"detail", p.detail},
                     {"seconds", p.seconds},
                     {"sharded", p.sharded},
                     {"ops", p.ops}});
  }
  const json j = {{"mvconf_version", MVCONF_VERSION},
                  {"port", r.port},
                  {"port_version", r.port_version},
                  {"oracle", r.oracle},
                  {"oracle_version", r.oracle_version},
                  {"version_note", r.version_note},
                  {"rc_params", r.rc_params},
                  {"command", r.command},
                  {"shard", {{"index", r.shard_index}, {"count", r.shard_count}}},
                  {"expect", r.expect_file},
                  {"notes", r.notes},
                  {"properties", props},
                  {"unexpected", r.unexpected()},
                  {"compared", r.compared()},
                  {"summary", summary_line(r)},
                  {"seconds", r.seconds}};
  auto out = open_out(path);
  // Port strings were made printable in the reports; `replace` guards whatever else slipped by.
  out << printable(j).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
  finish(out, path);
}

void write_junit(const RunResults &r, const std::string &path) {
  int failures = 0, skipped = 0;
  for (const auto &p : r.properties) {
    failures += p.status == "failed" || p.status == "unexpected-pass";
    skipped += p.status == "skipped";
  }
  auto out = open_out(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
      << "  <testsuite name=\"mvconf." << xml_escape(r.port) << "\" tests=\"" << r.properties.size()
      << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\""
      << r.seconds << "\">\n";
  for (const auto &p : r.properties) {
    const auto dot = p.name.find('.');
    out << "    <testcase classname=\"" << xml_escape(p.name.substr(0, dot)) << "\" name=\""
        << xml_escape(p.name.substr(dot + 1)) << "\" time=\"" << p.seconds << "\">";
    if (p.status == "failed" || p.status == "unexpected-pass") {
      std::string text;
      for (const auto &k : p.classes)
        if (!k.expected) text += k.report + "\n\n";
      for (const auto &s : p.stale) text += "stale expectation: " + s + "\n";
      if (!p.detail.empty()) text += p.detail;
      const std::string what = p.status == "failed"
                                   ? "new divergence classes: " + class_list(p, false)
                                   : "stale expectations";
      out << "\n      <failure message=\"" << xml_escape(what) << "\">" << xml_escape(text)
          << "</failure>\n    ";
    } else if (p.status == "skipped") {
      out << "\n      <skipped message=\"" << xml_escape(p.detail) << "\"/>\n    ";
    } else if (p.status == "expected-failure") {
      out << "\n      <system-out>"
          << xml_escape("expected divergence classes: " + class_list(p, true))
          << "</system-out>\n    ";
    }
    out << "</testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
  finish(out, path);
}

void write_markdown(const RunResults &r, const std::string &path) {
  auto out = open_out(path);
  out << "# mvconf conformance: " << printable(r.port) << " (targets CPython " << r.port_version
      << ") against " << r.oracle << "\n\n"
      << "Generated by `" << r.command << "` (RapidCheck parameters: `" << r.rc_params
      << "`). Every divergence class lists its minimal case: "
      << (r.port.rfind("exporter:", 0) == 0
              ? "run its plain-Python reproduction, or replay it with the `mvconf exporters "
                "--layout` line it shows.\n\n"
              : "replay it with `mvconf replay` or paste its Python snippet into a CPython "
                "prompt.\n\n");
  if (!r.version_note.empty()) out << "**Note:** " << r.version_note << ".\n\n";
  out << summary_line(r) << "\n\n| property | result | cases | classes |\n|---|---|---|---|\n";
  for (const auto &p : r.properties)
    out << "| " << p.name << " | " << p.status << " | " << p.cases << " | " << p.classes.size()
        << " |\n";
  out << "\n";
  for (const auto &[why, props] : left_out(r))
    out << "Not compared: " << why << " (" << props.size() << " properties).\n\n";
  for (const auto &p : r.properties) {
    if (p.classes.empty() && p.stale.empty() && p.detail.empty()) continue;
    if (p.status == "skipped") continue;
    out << "## " << p.name << " (" << p.status << ")\n\n";
    for (const auto &k : p.classes) {
      out << "### " << (k.expected ? "expected: " : "NEW: ") << "`" << printable(k.signature)
          << "`\n\n"
          << k.cases << " case(s)." << (k.expected ? " Expected: " + k.reason : "")
          << (k.note.empty() ? "" : " (" + k.note + ")") << "\n\n```\n"
          << clip_lines(printable(k.report)) << "\n```\n\n";
    }
    for (const auto &s : p.stale) out << "Stale expectation: " << s << "\n\n";
    if (!p.detail.empty()) out << "```\n" << printable(p.detail) << "\n```\n\n";
  }
  finish(out, path);
}

}  // namespace mvconf::harness
