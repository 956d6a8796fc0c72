// Known divergences a port ships with (like test262's and WPT's expectation files): a run
// fails on a new divergence and on an expected one that no longer happens.
#pragma once

#include <string>
#include <vector>

#include "mvconf/harness/case.h"

namespace mvconf::harness {

/// One entry: properties matching `property` (a glob, '*' matches anything) either fail
/// (expect == "fail") or are compared on error type only (expect == "error-kind-only").
struct Expectation {
  std::string property;
  std::string expect;
  std::string reason;
};

/// The expectations of this run (empty unless --expect FILE).
std::vector<Expectation> &expectations();
/// Read an expectations file (docs/expectations.md); throws std::runtime_error on bad input.
std::vector<Expectation> load_expectations(const std::string &path);
/// The "fail" entry covering `property`, or nullptr.
const Expectation *expected_failure(const std::string &property);
/// Outcomes equal as the running property's expectations define it (error messages ignored
/// under "error-kind-only").
bool same_outcome(const Outcome &want, const Outcome &got);

}  // namespace mvconf::harness
