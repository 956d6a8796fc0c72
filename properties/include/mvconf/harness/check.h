// The one law every property states: the port under test gives CPython's outcome.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "mvconf/harness/case.h"
#include "mvconf/harness/session.h"

namespace mvconf::harness {

/// Run c on the oracle and on the port under test; fail the property with a full report
/// unless the outcomes are identical and no export is left outstanding. `oracle_outcome`, when
/// given, receives CPython's outcome (for tags that depend on CPython's answer).
void check_case(const Case &c, Outcome *oracle_outcome = nullptr);
/// Compare c on both ports without RapidCheck: the report, or "" when they agree.
std::string compare_case(const Case &c, Outcome *oracle_outcome = nullptr);

}  // namespace mvconf::harness

/// A property of the port under test, skipped (never silently passed) when the port does not
/// declare `feature`.
#define MVCONF_PROP(Suite, Name, feature)                                        \
  static void mvconf_prop_##Suite##_##Name();                                    \
  TEST(Suite, Name) {                                                            \
    if (!::mvconf::harness::subject_has(feature))                                \
      GTEST_SKIP() << "port does not implement feature '" << (feature) << "'";   \
    if (!::mvconf::harness::oracle().has(feature))                               \
      GTEST_SKIP() << "oracle does not implement feature '" << (feature) << "'"; \
    ::rc::detail::checkGTest(&mvconf_prop_##Suite##_##Name);                     \
  }                                                                              \
  static void mvconf_prop_##Suite##_##Name()
