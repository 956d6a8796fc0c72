// The one law every property states: the port under test gives CPython's outcome.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mvconf/harness/case.h"
#include "mvconf/harness/classes.h"
#include "mvconf/harness/features.h"
#include "mvconf/harness/session.h"

namespace mvconf::harness {

/// How one case came out: agreement (empty signature) or a divergence with its class and the
/// full report (expected/got, differences, replay line, Python snippet).
struct Divergence {
  std::vector<std::string> classes;  ///< divergence_classes(), empty when the ports agree
  std::string report;
  explicit operator bool() const { return !classes.empty(); }
};

/// Run c on the oracle and on the port under test and compare them (under the expectations
/// of `property`: error-kind-only). `oracle_outcome`, when given, receives CPython's outcome.
Divergence compare_case(const Case &c, Outcome *oracle_outcome = nullptr,
                        const std::string &property = current_property());
/// compare_case inside a property: a divergence is collected into its class (classes.h), and
/// fails the property only while that class is being shrunk.
void check_case(const Case &c, Outcome *oracle_outcome = nullptr);
/// Per property, the comparisons left out for this port and why (shown in every report).
std::map<std::string, std::set<std::string>> &not_compared();

/// Runs a RapidCheck self-check of the harness (a plain TEST such as Fixture.*) in the running
/// gtest TEST, like rc::detail::checkGTest, printing its tag distribution only with -v.
template <typename Testable>
void check_self(Testable &&testable) {
  const testing::TestInfo *info = testing::UnitTest::GetInstance()->current_test_info();
  rc::detail::TestMetadata md;
  md.id = std::string(info->test_suite_name()) + "/" + info->name();
  md.description = info->name();
  const auto result = rc::detail::checkTestable(std::forward<Testable>(testable), md);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream text;
    rc::detail::printResultMessage(result, text);
    FAIL() << text.str();
  }
  if (verbose_output() && !result.template get<rc::detail::SuccessResult>().distribution.empty()) {
    rc::detail::printResultMessage(result, std::cout);
    std::cout << std::endl;
  }
}

}  // namespace mvconf::harness

/// A property of the port under test, skipped (never silently passed) when the port does not
/// declare `feature`, which must be one of the known features (features.h).
#define MVCONF_PROP(Suite, Name, feature)                                                      \
  static_assert(::mvconf::harness::is_feature(feature), "unknown feature name");               \
  static void mvconf_prop_##Suite##_##Name();                                                  \
  [[maybe_unused]] static const bool mvconf_registered_##Suite##_##Name =                      \
      ::mvconf::harness::register_property(#Suite "." #Name, &mvconf_prop_##Suite##_##Name) && \
      ::mvconf::harness::register_property_feature(#Suite "." #Name, feature);                 \
  TEST(Suite, Name) {                                                                          \
    if (!::mvconf::harness::subject_has(feature))                                              \
      GTEST_SKIP() << ::mvconf::harness::missing_feature_reason(feature);                      \
    if (!::mvconf::harness::oracle().has(feature))                                             \
      GTEST_SKIP() << "oracle does not implement feature '" << (feature) << "'";               \
    ::mvconf::harness::run_property(&mvconf_prop_##Suite##_##Name);                            \
  }                                                                                            \
  static void mvconf_prop_##Suite##_##Name()
