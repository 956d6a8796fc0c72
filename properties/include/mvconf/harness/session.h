// The ports of this run (oracle and port under test) and the per-operation tallies the
// report prints.
#pragma once

#include <map>
#include <string>

#include "mvconf/harness/case.h"
#include "mvconf/port.h"

namespace mvconf::harness {

/// The reference port (CPython) and the port under test.
const mvconf_port *oracle();
const mvconf_port *subject();
void set_ports(const mvconf_port *oracle, const mvconf_port *subject);
/// The command-line spec that named the port under test ("impl", "mutant:NAME"), for replay hints.
const std::string &subject_spec();
void set_subject_spec(std::string spec);
/// True when the port under test declares `feature` (properties of other features are skipped).
bool subject_has(const char *feature);

/// Cases run and failed for one operation, with the last (so the most shrunk) failing case.
struct OpTally {
  long cases = 0;
  long failed = 0;
  std::string last_failure;  ///< the case as a JSON line
};
/// Tallies by operation name.
std::map<std::string, OpTally> &tallies();
/// How many cases showed each generator corner ("ndim 0", "stride not a multiple", ...).
std::map<std::string, long> &coverage();
/// Count the corners case c reaches into coverage().
void note_coverage(const Case &c);

}  // namespace mvconf::harness
