#include "report.h"

#include <cstdio>
#include <string>

#include "mvconf/harness/session.h"

namespace mvconf::harness {

void ReportListener::OnTestProgramEnd(const testing::UnitTest &unit) {
  if (!oracle() || !subject()) return;
  std::printf("\n== mvconf conformance report: port '%s' (targets CPython %s) against %s ==\n",
              subject()->name, subject()->version, oracle()->name);
  std::printf("%-58s %s\n", "property", "result");
  int passed = 0, failed = 0, skipped = 0;
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const testing::TestSuite *suite = unit.GetTestSuite(i);
    for (int j = 0; j < suite->total_test_count(); ++j) {
      const testing::TestInfo *t = suite->GetTestInfo(j);
      if (!t->should_run()) continue;
      const testing::TestResult *r = t->result();
      const char *verdict = r->Skipped() ? "skipped" : r->Failed() ? "FAILED" : "passed";
      (r->Skipped() ? skipped : r->Failed() ? failed : passed)++;
      std::printf("%-58s %s\n", (std::string(suite->name()) + "." + t->name()).c_str(), verdict);
    }
  }
  std::printf("\n%-26s %10s %8s  %s\n", "operation", "cases", "failed", "minimal failing case");
  for (const auto &[op, tally] : tallies())
    std::printf("%-26s %10ld %8ld  %s\n", op.c_str(), tally.cases, tally.failed,
                tally.failed ? tally.last_failure.c_str() : "-");
  std::printf("(cases include the evaluations made while shrinking a failure)\n");
  long total = 0;
  for (const auto &[op, tally] : tallies()) total += tally.cases;
  if (total > 0) {
    std::printf("\n%-40s %10s %7s\n", "generator corner", "cases", "share");
    for (const auto &[what, n] : coverage())
      std::printf("%-40s %10ld %6.1f%%\n", what.c_str(), n, 100.0 * double(n) / double(total));
  }
  std::printf("properties: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
  std::fflush(stdout);
}

}  // namespace mvconf::harness
