// The conformance report printed at the end of a suite run.
#pragma once

#include <gtest/gtest.h>

namespace mvconf::harness {

/// Prints, when the run ends: each property's result, then per operation the cases run and
/// failed and the minimal failing case, then a closing "N passed, N failed, N skipped" line.
class ReportListener : public testing::EmptyTestEventListener {
 public:
  void OnTestProgramEnd(const testing::UnitTest &unit) override;
};

}  // namespace mvconf::harness
