// The results of a suite run: printed as the report, and written as JSON, JUnit XML and
// Markdown for CI systems and docs.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mvconf::harness {

/// One property's result, after expectations are applied.
struct PropertyResult {
  std::string name;           ///< "Suite.Name"
  std::string status;         ///< passed, failed, skipped, expected-failure, unexpected-pass
  long cases = 0;             ///< cases compared (including shrinking steps)
  long failed = 0;            ///< of which diverged
  long first_failure_at = 0;  ///< number of the first diverging case, 0 if none
  std::string minimal_case;   ///< JSON line of the last (most shrunk) diverging case
  std::string detail;         ///< failure report, skip reason or expectation reason
  std::string report;         ///< the full report of the minimal diverging case, if any
  double seconds = 0;
};

/// Everything a report says about one run.
struct RunResults {
  std::string port, port_version, oracle, rc_params;
  std::string command;  ///< the mvconf command line that produced the results
  std::vector<PropertyResult> properties;
  /// Properties whose status makes the run fail (failed, unexpected-pass).
  int unexpected() const;
};

/// Gather the results of the tests that ran.
RunResults collect_results(const testing::UnitTest &unit, const std::string &rc_params);
/// The human report (stdout).
void print_report(const RunResults &results);
void write_json(const RunResults &results, const std::string &path);
void write_junit(const RunResults &results, const std::string &path);
void write_markdown(const RunResults &results, const std::string &path);

/// Tracks the running property for the harness, and shows a progress line on a terminal.
class ProgressListener : public testing::EmptyTestEventListener {
 public:
  void OnTestStart(const testing::TestInfo &info) override;
  void OnTestEnd(const testing::TestInfo &info) override;
};

}  // namespace mvconf::harness
