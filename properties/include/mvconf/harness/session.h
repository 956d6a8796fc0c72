// The ports of this run (oracle and port under test), what each property saw, and the
// tallies and coverage the report prints.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mvconf/harness/case.h"
#include "mvconf/harness/subject.h"

namespace mvconf::harness {

/// The reference port (CPython by default) and the port under test.
Subject &oracle();
Subject &subject();
void set_ports(std::unique_ptr<Subject> oracle, std::unique_ptr<Subject> subject);
/// True when the port under test declares `feature` (properties of other features are skipped).
bool subject_has(const char *feature);
/// The command-line spec that named the port under test ("impl", "mutant:NAME"), for replay hints.
const std::string &subject_spec();
void set_subject_spec(std::string spec);

/// Cases run and failed, with the last (so the most shrunk) failing case and its report.
struct OpTally {
  long cases = 0;
  long failed = 0;
  std::string last_failure;   ///< the case as a JSON line
  std::string last_report;    ///< the full failure report of that case
  long first_failure_at = 0;  ///< the number of the first diverging case (1-based), 0 if none
};
/// Tallies by operation name.
std::map<std::string, OpTally> &tallies();
/// Tallies by property ("Suite.Name"), for the property that is running now.
std::map<std::string, OpTally> &property_tallies();
/// The property running now ("" outside properties).
std::string &current_property();
/// How many cases showed each generator corner ("ndim 0", "stride not a multiple", ...).
std::map<std::string, long> &coverage();
/// Count the corners case c reaches into coverage().
void note_coverage(const Case &c);

}  // namespace mvconf::harness
