// The rows of mvconf_bench (bench/README.md): per family, one property run whole, and the
// cases it compared replayed through parts of the harness, the oracle alone as the baseline.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace mvconf::bench {

/// A family of properties and the one property that stands for it in the benchmarks.
struct Family {
  /// The row prefix, e.g. "PyBytes".
  const char *name;
  /// The registered property, "Suite.Name".
  const char *property;
};

/// The five families of issue 14's table; add a family here to give it rows.
const std::vector<Family> &families();

/// One way of running a family's cases: "property" (generation, both ports, comparison,
/// coverage, as `mvconf run`), "compare" (the recorded cases through compare_case), "port"
/// (the port under test alone), "oracle" (the oracle alone: the baseline). Add a row kind here
/// and to row_kinds().
using Row = std::function<long(const Family &)>;

/// The row kinds in table order, with their runners; each runner returns the cases it ran.
const std::vector<std::pair<std::string, Row>> &row_kinds();

/// Opens the oracle (the embedded CPython) and the port under test (`port`, default impl) as
/// `mvconf run` does, the port wrapped so that it records the cases it is asked. Returns "" or
/// why not.
std::string open_ports(const std::string &port);

/// Runs the family's property once, recording its cases for the replay rows (not timed, and
/// only the first time: also a warm-up); returns the number of cases.
long record_cases(const Family &family);

}  // namespace mvconf::bench
