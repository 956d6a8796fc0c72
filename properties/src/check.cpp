#include "mvconf/harness/check.h"

#include <cstdio>
#include <cstdlib>

#include "mvconf/harness/divergence.h"
#include "mvconf/harness/expectations.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/py_coverage.h"
#include "mvconf/harness/repro.h"
#include "mvconf/harness/run_case.h"

namespace mvconf::harness {

namespace {
// Export *counters* mean nothing for a port that cannot observe managed-buffer registrations
// (PyPy has none). Only numbers are dropped: a re-export outcome's "exports" is the list of
// buffers exported, and that is compared for every port.
bool drop_counters(nlohmann::json &j) {
  bool dropped = false;
  if (j.is_object()) {
    for (const char *k : {"mbuf_exports", "exports"})
      if (j.contains(k) && j[k].is_number()) dropped = j.erase(k) > 0 || dropped;
    for (auto &[k, v] : j.items()) dropped = drop_counters(v) || dropped;
  } else if (j.is_array()) {
    for (auto &v : j) dropped = drop_counters(v) || dropped;
  }
  return dropped;
}
}  // namespace

std::map<std::string, std::set<std::string>> &not_compared() {
  static std::map<std::string, std::set<std::string>> n;
  return n;
}

Divergence compare_case(const Case &c, Outcome *oracle_outcome, const std::string &property) {
  // MVCONF_TRACE=1 prints every case before it runs: after a crash, the last line is the case.
  static const bool trace = std::getenv("MVCONF_TRACE") != nullptr;
  if (trace) std::fprintf(stderr, "mvconf-trace: %s\n", to_line(c).c_str());
  // Generators are valid by construction; this keeps them honest (and the oracle alive).
  if (std::string problem = validate(c); !problem.empty())
    return {{printable(c.op) + " | invalid case"},
            "invalid case (" + problem + "), not run: mvconf-case: " + to_line(c)};
  const bool counted = !shrinking();  // shrinking evaluations are not cases of the run
  if (counted) note_coverage(c);
  Outcome want = oracle().run(c);
  if (oracle_outcome) *oracle_outcome = want;
  Outcome got = subject().run(c);
  if ((c.op == "py" || c.op == "py_chain") && counted) note_py_coverage(c, want);
  if (!subject_has("export_counts")) {
    const bool a = drop_counters(want), b = drop_counters(got);
    if (a || b)
      not_compared()[property].insert(
          "mbuf_exports, exports counters: the port does not declare export_counts");
  }
  if (counted) {
    ++tallies()[c.op].cases;
    ++property_tallies()[property].cases;
    property_tallies()[property].ops.insert(c.op);
  }
  // An outstanding export on the oracle side would be a fixture bug, not a port divergence:
  // report it as a failure too, so the harness never hides its own mistakes.
  // Read as JSON: an out-of-process port writes its own outcome, and value<int>() would throw
  // on a string and be undefined behaviour on 1e300 (the kind of answer the port_answer fuzz
  // target found the lifecycle law reading).
  const bool leaked = got.value("exports_outstanding", nlohmann::json(0)) != 0 ||
                      want.value("exports_outstanding", nlohmann::json(0)) != 0;
  // The lifecycle law is checked on both sides: on the oracle it tests our model of CPython.
  std::string law, law_class;
  if (c.op == "py") {
    if (std::string v = lifecycle_violation(c, want); !v.empty()) {
      law = oracle().name() + " breaks the lifecycle law " + v + "\n";
      law_class = "lifecycle law broken by the oracle";
    } else if (std::string w = lifecycle_violation(c, got); !w.empty()) {
      law = subject().name() + " breaks the lifecycle law " + w + "\n";
      law_class = "lifecycle law broken by the port";
    }
  }
  const bool kinds = error_kind_only(property);
  const bool same = kinds ? kind_only(want) == kind_only(got) : want == got;
  if (same && !leaked && law.empty()) return {};
  if (counted) {
    ++tallies()[c.op].failed;
    auto &mine = property_tallies()[property];
    ++mine.failed;
    if (mine.first_failure_at == 0) mine.first_failure_at = mine.cases;
  }
  // Classes are computed on what was compared: under error-kind-only, without messages.
  std::vector<std::string> classes;
  if (!same)
    classes = divergence_classes(c, kinds ? kind_only(want) : want, kinds ? kind_only(got) : got);
  if (leaked) classes.push_back(printable(c.op) + " | exports left outstanding");
  if (!law_class.empty()) classes.push_back(printable(c.op) + " | " + law_class);
  std::string heading;
  for (const auto &k : classes) heading += "divergence class: " + k + "\n";
  std::string report = failure_report(c, property, printable(want), printable(got), oracle().name(),
                                      subject().name(), subject_spec());
  if (leaked) report = "exports left outstanding after every view was freed\n" + report;
  return {classes, heading + law + report};
}

void check_case(const Case &c, Outcome *oracle_outcome) {
  const Divergence d = compare_case(c, oracle_outcome);
  if (!d) return;
  if (note_divergence(d.classes, to_line(c, current_property()), d.report)) RC_FAIL(d.report);
}

}  // namespace mvconf::harness
