// What a run prints while it runs: the property being run (the harness needs its name), a
// progress line on a terminal, and, unless -v, the failures in place of gtest's own printer.
#pragma once

#include <gtest/gtest.h>

#include <chrono>

namespace mvconf::cli {

/// Tracks the running property for the harness and shows "[12/95 3.2 s] Suite.Name" on a
/// terminal (stderr). With `quiet` it also prints each failure's message (the class report)
/// under "FAILED Suite.Name", for runs whose gtest printer was removed; to print more per
/// property, extend OnTestEnd.
class ProgressListener : public testing::EmptyTestEventListener {
 public:
  /// `quiet`: gtest's own printer is off, so this listener prints the failures.
  explicit ProgressListener(bool quiet) : quiet_(quiet) {}
  /// gtest's events: the run starts, a property starts, a check fails, a property ends.
  void OnTestIterationStart(const testing::UnitTest &unit, int iteration) override;
  void OnTestStart(const testing::TestInfo &info) override;
  void OnTestPartResult(const testing::TestPartResult &result) override;
  void OnTestEnd(const testing::TestInfo &info) override;

 private:
  bool quiet_;
  bool terminal_ = false;
  int done_ = 0, total_ = 0;
  bool header_printed_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mvconf::cli
