// The results of a suite run: printed as the report, and written as JSON, JUnit XML and
// Markdown for CI systems and docs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "mvconf/harness/classes.h"

namespace testing {
class UnitTest;  // gtest's, declared only: the report files need no gtest header
}  // namespace testing

namespace mvconf::harness {

/// A divergence class with the verdict of the expectations on it.
struct ClassResult : DivergenceClass {
  bool expected = false;
  std::string reason;  ///< the expectation's reason, when expected
};

/// One property's result, after expectations are applied.
struct PropertyResult {
  std::string name;                  ///< "Suite.Name"
  std::string status;                ///< passed, failed, skipped, expected-failure, unexpected-pass
  long cases = 0;                    ///< cases compared (shrinking evaluations not included)
  long failed = 0;                   ///< of which diverged
  long first_failure_at = 0;         ///< number of the first diverging case, 0 if none
  std::vector<ClassResult> classes;  ///< every class met, in order of first sight
  std::vector<std::string> stale;    ///< expectations covering it whose class did not occur
  std::vector<std::string> not_compared;  ///< comparisons left out for this port, and why
  std::string detail;  ///< skip reason, or a failure that is not a class (gtest message)
  double seconds = 0;
  bool sharded = false;  ///< ran only its shard's cases (RapidCheck properties of a --shard run)
  std::vector<std::string> ops;  ///< operations of the cases it compared (what it can meet)
};

/// Everything a report says about one run.
struct RunResults {
  std::string port, port_version, oracle, oracle_version, rc_params;
  std::string command;       ///< the mvconf command line that produced the results
  std::string version_note;  ///< set when the port's target and the oracle's version differ
  std::vector<PropertyResult> properties;
  double seconds = 0;
  int shard_index = 1, shard_count = 1;  ///< --shard I/N (1/1: the whole run)
  std::string expect_file;               ///< --expect, "" when none
  std::vector<std::string> notes;        ///< said in the report as NOTE lines

  /// Properties whose status makes the run fail (failed, unexpected-pass).
  int unexpected() const;
  /// Cases compared over all properties.
  long compared() const;
  /// The process exit status for these results: 1 when anything unexpected happened or
  /// nothing at all was compared.
  int exit_status() const;
};

/// Gather the results of the tests that ran, applying the expectations by class.
RunResults collect_results(const testing::UnitTest &unit, const std::string &rc_params);
/// Apply the loaded expectations (expectations.h) to `results`: each class expected or new,
/// stale entries (left to the merge in a shard), and each property's status (skipped stays).
void judge_results(RunResults &results);
/// Each comparison left out of the run, with the properties that left it out.
std::map<std::string, std::vector<std::string>> left_out(const RunResults &results);
/// The summary line: passed, expected-failure, skipped, failed, unexpected-pass, classes.
std::string summary_line(const RunResults &results);
/// The human report (stdout): the property table, the classes and the summary line; with
/// `verbose` also the generator coverage tables.
void print_report(const RunResults &results, bool verbose);
/// Write the results; throws std::runtime_error naming the path when it cannot be written.
void write_json(const RunResults &results, const std::string &path);
void write_junit(const RunResults &results, const std::string &path);
void write_markdown(const RunResults &results, const std::string &path);
/// Read what write_json wrote; throws std::runtime_error naming `path` on an unreadable file or
/// a field of the wrong kind.
RunResults read_json(const std::string &path);
/// `text` with every line longer than `max` bytes cut (on a UTF-8 boundary) and the cut
/// counted, except mvconf-case lines, which replay the case in full.
std::string clip_lines(const std::string &text, std::size_t max = 1500);
/// Throws std::runtime_error naming `path` unless it can be created or overwritten (checked
/// before a run, so a typo in an output path does not cost the run).
void check_writable(const std::string &path);

}  // namespace mvconf::harness
