#include "report.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "mvconf/harness/expectations.h"
#include "mvconf/harness/py_coverage.h"
#include "mvconf/harness/session.h"

namespace mvconf::harness {

int RunResults::unexpected() const {
  int n = 0;
  for (const auto &p : properties) n += p.status == "failed" || p.status == "unexpected-pass";
  return n;
}

RunResults collect_results(const testing::UnitTest &unit, const std::string &rc_params) {
  RunResults r;
  r.port = subject().name();
  r.port_version = subject().version();
  r.oracle = oracle().name();
  r.rc_params = rc_params;
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const testing::TestSuite *suite = unit.GetTestSuite(i);
    for (int j = 0; j < suite->total_test_count(); ++j) {
      const testing::TestInfo *t = suite->GetTestInfo(j);
      if (!t->should_run()) continue;
      PropertyResult p;
      p.name = std::string(suite->name()) + "." + t->name();
      const testing::TestResult *tr = t->result();
      const auto &tally = property_tallies()[p.name];
      p.cases = tally.cases;
      p.failed = tally.failed;
      p.minimal_case = tally.last_failure;
      p.report = tally.last_report;
      p.first_failure_at = tally.first_failure_at;
      p.seconds = double(tr->elapsed_time()) / 1000.0;
      const Expectation *expected = expected_failure(p.name);
      if (tr->Skipped()) {
        p.status = "skipped";
        if (tr->total_part_count() > 0) p.detail = tr->GetTestPartResult(0).message();
      } else if (tr->Failed()) {
        p.status = expected ? "expected-failure" : "failed";
        p.detail = expected ? expected->reason
                            : (tally.last_report.empty() && tr->total_part_count() > 0
                                   ? tr->GetTestPartResult(0).message()
                                   : tally.last_report);
      } else {
        p.status = expected ? "unexpected-pass" : "passed";
        if (expected)
          p.detail = "expected to fail (" + expected->reason +
                     ") but passed: "
                     "remove the entry from the expectations file";
      }
      r.properties.push_back(p);
    }
  }
  return r;
}

void print_report(const RunResults &r) {
  std::printf("\n== mvconf conformance report: port '%s' (targets CPython %s) against %s ==\n",
              r.port.c_str(), r.port_version.c_str(), r.oracle.c_str());
  std::printf("%-56s %-17s %8s %7s  %s\n", "property", "result", "cases", "failed",
              "first minimal case");
  std::map<std::string, int> counts;
  for (const auto &p : r.properties) {
    ++counts[p.status];
    std::printf("%-56s %-17s %8ld %7ld  %s\n", p.name.c_str(), p.status.c_str(), p.cases, p.failed,
                p.minimal_case.empty() ? "-" : p.minimal_case.c_str());
  }
  std::printf("(cases include the evaluations made while shrinking a failure)\n");
  long total = 0;
  for (const auto &[op, tally] : tallies()) total += tally.cases;
  if (total > 0) {
    std::printf("\n%-40s %10s %7s\n", "generator corner", "cases", "share");
    for (const auto &[what, n] : coverage())
      std::printf("%-40s %10ld %6.1f%%\n", what.c_str(), n, 100.0 * double(n) / double(total));
  }
  if (!py_calls().empty()) {
    std::printf("\n%-40s %10s %10s %10s\n", "Python-level call (oracle outcome)", "returned",
                "raised", "skipped");
    for (const auto &[m, t] : py_calls())
      std::printf("%-40s %10ld %10ld %10ld\n", m.c_str(), t.ok, t.raised, t.skipped);
  }
  for (const auto &[prop, corners] : py_corners()) {
    const long n = py_cases()[prop];
    std::printf("\n%-40s %10s %7s\n", (prop + " corners").c_str(), "cases", "share");
    for (const auto &[what, k] : corners)
      std::printf("  %-38s %10ld %6.1f%%\n", what.c_str(), k, 100.0 * double(k) / double(n));
  }
  std::printf("properties: %d passed, %d failed, %d skipped\n",
              counts["passed"] + counts["expected-failure"],
              counts["failed"] + counts["unexpected-pass"], counts["skipped"]);
  if (counts["expected-failure"] || counts["unexpected-pass"])
    std::printf("(%d expected failures, %d unexpected passes)\n", counts["expected-failure"],
                counts["unexpected-pass"]);
  std::fflush(stdout);
}

void write_json(const RunResults &r, const std::string &path) {
  nlohmann::json props = nlohmann::json::array();
  for (const auto &p : r.properties)
    props.push_back({{"name", p.name},
                     {"status", p.status},
                     {"cases", p.cases},
                     {"failed", p.failed},
                     {"first_failure_at", p.first_failure_at},
                     {"minimal_case", p.minimal_case},
                     {"report", p.report},
                     {"detail", p.detail},
                     {"seconds", p.seconds}});
  nlohmann::json j = {{"port", r.port},      {"port_version", r.port_version},
                      {"oracle", r.oracle},  {"rc_params", r.rc_params},
                      {"properties", props}, {"unexpected", r.unexpected()}};
  std::ofstream(path) << j.dump(2) << '\n';
}

static std::string xml_escape(const std::string &s) {
  std::string out;
  for (unsigned char c : s) {
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
        // XML 1.0 forbids most control characters even when escaped.
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
          out += "?";
        else
          out += char(c);
    }
  }
  return out;
}

void write_junit(const RunResults &r, const std::string &path) {
  int failures = 0, skipped = 0;
  double seconds = 0;
  for (const auto &p : r.properties) {
    failures += p.status == "failed" || p.status == "unexpected-pass";
    skipped += p.status == "skipped" || p.status == "expected-failure";
    seconds += p.seconds;
  }
  std::ofstream out(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
      << "  <testsuite name=\"mvconf." << xml_escape(r.port) << "\" tests=\"" << r.properties.size()
      << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\""
      << seconds << "\">\n";
  for (const auto &p : r.properties) {
    const auto dot = p.name.find('.');
    out << "    <testcase classname=\"" << xml_escape(p.name.substr(0, dot)) << "\" name=\""
        << xml_escape(p.name.substr(dot + 1)) << "\" time=\"" << p.seconds << "\">";
    if (p.status == "failed" || p.status == "unexpected-pass")
      out << "\n      <failure message=\"" << xml_escape(p.status) << "\">" << xml_escape(p.detail)
          << "</failure>\n    ";
    else if (p.status == "skipped" || p.status == "expected-failure")
      out << "\n      <skipped message=\"" << xml_escape(p.status + ": " + p.detail)
          << "\"/>\n    ";
    out << "</testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

void write_markdown(const RunResults &r, const std::string &path) {
  std::ofstream out(path);
  out << "# mvconf conformance: " << r.port << " (targets CPython " << r.port_version
      << ") against " << r.oracle << "\n\n"
      << "Generated by `" << r.command << "` (RapidCheck parameters: `" << r.rc_params
      << "`). Each diverging property lists its minimal case: replay it with `mvconf replay` or "
         "paste its Python snippet into a CPython prompt.\n\n"
      << "| property | result | cases | failed | minimal case |\n|---|---|---|---|---|\n";
  for (const auto &p : r.properties)
    out << "| " << p.name << " | " << p.status << " | " << p.cases << " | " << p.failed << " | "
        << (p.minimal_case.empty() ? "-" : "`" + p.minimal_case + "`") << " |\n";
  out << "\n";
  for (const auto &p : r.properties)
    if (p.status != "passed" && (!p.detail.empty() || !p.report.empty())) {
      out << "## " << p.name << " (" << p.status << ")\n\n";
      if (p.status == "expected-failure") out << p.detail << "\n\n";
      const std::string &text = p.report.empty() ? p.detail : p.report;
      if (!text.empty() && (p.status != "expected-failure" || !p.report.empty()))
        out << "```\n" << text << "\n```\n\n";
    }
}

void ProgressListener::OnTestStart(const testing::TestInfo &info) {
  current_property() = std::string(info.test_suite_name()) + "." + info.name();
  if (isatty(2)) std::fprintf(stderr, "\r\033[K  running %s ...", current_property().c_str());
}

void ProgressListener::OnTestEnd(const testing::TestInfo &) {
  if (isatty(2)) std::fprintf(stderr, "\r\033[K");
  current_property().clear();
}

}  // namespace mvconf::harness
