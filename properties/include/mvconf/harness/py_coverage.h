// What the Python-level cases reached, judged from the oracle's outcome (so a corner counts
// only when CPython really took that path): call results by method, and the lifecycle, compare
// and cast corners, per property. The report prints both tables.
#pragma once

#include <map>
#include <string>

#include "mvconf/harness/case.h"

namespace mvconf::harness {

/// Per py method ("tobytes", "export", ...): how many calls returned, raised, were skipped.
struct CallTally {
  long ok = 0;
  long raised = 0;
  long skipped = 0;
};
/// Calls by method, over the whole run.
std::map<std::string, CallTally> &py_calls();
/// Cases reaching each corner ("released view used", "NaN value", ...), by property.
std::map<std::string, std::map<std::string, long>> &py_corners();
/// Cases counted per property in py_corners() (the denominator of the shares).
std::map<std::string, long> &py_cases();
/// Count py case c, whose outcome on the oracle was `want`, into the tables above.
void note_py_coverage(const Case &c, const Outcome &want);

}  // namespace mvconf::harness
