// The ports of this run (oracle and port under test), what each property saw, and the
// tallies and coverage the report prints.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "mvconf/harness/case.h"
#include "mvconf/harness/subject.h"

namespace mvconf::harness {

/// The reference port (CPython by default) and the port under test.
Subject &oracle();
Subject &subject();
void set_ports(std::unique_ptr<Subject> oracle, std::unique_ptr<Subject> subject);
/// True when the port under test declares `feature` and the run does not exclude it
/// (properties of other features are skipped).
bool subject_has(const char *feature);
/// Features the run treats the port as not declaring (`--without FEATURE`).
std::vector<std::string> &excluded_features();
/// Why a property of `feature` is skipped on the port under test (its report line).
std::string missing_feature_reason(const char *feature);
/// The command-line spec that named the port under test ("impl", "mutant:NAME"), for replay hints.
const std::string &subject_spec();
void set_subject_spec(std::string spec);

/// Cases compared and diverging (shrinking evaluations are not counted).
struct OpTally {
  long cases = 0;
  long failed = 0;
  long first_failure_at = 0;  ///< the number of the first diverging case (1-based), 0 if none
  std::set<std::string> ops;  ///< operations of the cases compared (in property tallies)
};
/// Tallies by operation name.
std::map<std::string, OpTally> &tallies();
/// Tallies by property ("Suite.Name"), for the property that is running now.
std::map<std::string, OpTally> &property_tallies();
/// Counts one case of a harness self-check (Fixture.*: fixture against _testbuffer, struct
/// model against the struct module), which compares without the two ports.
void count_self_check();
/// The property running now ("" outside properties).
std::string &current_property();
/// The feature each MVCONF_PROP property requires, by "Suite.Name" (for `mvconf list`).
std::map<std::string, std::string> &property_features();
/// Record `property`'s feature in property_features(); MVCONF_PROP calls it at static init.
bool register_property_feature(const char *property, const char *feature);
/// Whether the run prints RapidCheck's distributions and expected classes as they are met (-v).
bool &verbose_output();
/// How many cases showed each generator corner ("ndim 0", "stride not a multiple", ...).
std::map<std::string, long> &coverage();
/// Count the corners case c reaches into coverage().
void note_coverage(const Case &c);

}  // namespace mvconf::harness
