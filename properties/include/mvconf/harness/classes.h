// Divergence classes per property: a property runs all its cases, collects every class of
// divergence it meets, then shrinks one minimal case per class (like Hypothesis reporting
// several distinct bugs of one test). Expectations name classes, not properties.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace mvconf::harness {

/// One class of divergence met by one property.
struct DivergenceClass {
  std::string signature;     ///< one of divergence_classes(), or "property failed: ..."
  long cases = 0;            ///< cases of the run that fell in this class
  long first_at = 0;         ///< evaluation number of its first case (1-based)
  std::string first_case;    ///< the first such case, as a JSON line
  std::string minimal_case;  ///< the case after shrinking ("" when it was not shrunk)
  std::string report;        ///< full report of the minimal case (of the first when not shrunk)
  std::string reproduce;     ///< RapidCheck's RC_PARAMS value that reruns the minimal case
  long shrink_cases = 0;     ///< evaluations spent shrinking it
  std::string note;          ///< why it was not shrunk, when it was not
};

/// Bounds on the extra work classes cost (set from the command line).
struct ClassLimits {
  int max_classes = 8;      ///< classes shrunk per property; the rest keep their first case
  long max_shrinks = 3000;  ///< evaluations spent shrinking one class
  bool fail_fast = false;   ///< stop each property at its first class (the mutation self-test)
};
ClassLimits &class_limits();

/// The share of every property's cases this process runs (`mvconf run --shard I/N`): RapidCheck
/// walks N times the cases from the seed, as one run with N times the cases would, and this
/// process evaluates the cases numbered I, I + N, I + 2N, ... while the others pass unrun. So
/// N shards together see exactly that one run's cases, and `mvconf merge` adds them up.
struct Shard {
  int index = 1;  ///< I, from 1
  int count = 1;  ///< N; 1 is an ordinary run
};
Shard &shard();
/// Every property that ran through RapidCheck in a sharded run, with the cases it discarded
/// (RC_PRE): after a discard RapidCheck draws sizes differently, so the shards' cases are no
/// longer exactly one run's, and the report says so.
std::map<std::string, long> &sharded_properties();

/// The classes every property met, by property name ("Suite.Name"), in order of first sight.
std::map<std::string, std::vector<DivergenceClass>> &property_classes();

/// What a property's check does with a divergence: during the collecting pass it is counted
/// (and the property goes on); during a class's shrinking pass only that class fails.
/// Returns true when the property must fail now (RC_FAIL with the report).
bool note_divergence(const std::vector<std::string> &classes, const std::string &case_line,
                     const std::string &report);
/// Records a divergence met outside RapidCheck (the corpus, replay) as one more case of its
/// class in `property`; such cases are already minimal and are not shrunk.
void record_divergence(const std::string &property, const std::vector<std::string> &classes,
                       const std::string &case_line, const std::string &report);
/// True while a property is shrinking a class (such evaluations are not counted as cases).
bool shrinking();

/// Runs a RapidCheck property as described above, inside the running gtest TEST: the test
/// fails with one message per class that no expectation covers.
void run_property(void (*property)());
/// The same for the property `name` ("Suite.Name") outside a TEST (the benchmarks); classes
/// no expectation covers are then gtest failures outside any test.
void run_property(const std::string &name, void (*property)());
/// Registers a property under its name ("Suite.Name"); MVCONF_PROP does it for every property.
bool register_property(const char *name, void (*property)());
/// Every registered property by name, for tools that run them outside gtest.
const std::map<std::string, void (*)()> &registered_properties();

}  // namespace mvconf::harness
