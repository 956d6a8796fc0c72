#include "mvconf/harness/check.h"

#include <cstdio>
#include <cstdlib>

#include "mvconf/harness/expectations.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/py_coverage.h"
#include "mvconf/harness/repro.h"
#include "mvconf/harness/run_case.h"

namespace mvconf::harness {

namespace {
void drop_keys(nlohmann::json &j, std::initializer_list<const char *> keys) {
  if (j.is_object()) {
    for (const char *k : keys) j.erase(k);
    for (auto &[k, v] : j.items()) drop_keys(v, keys);
  } else if (j.is_array()) {
    for (auto &v : j) drop_keys(v, keys);
  }
}
}  // namespace

std::string compare_case(const Case &c, Outcome *oracle_outcome) {
  // MVCONF_TRACE=1 prints every case before it runs: after a crash, the last line is the case.
  static const bool trace = std::getenv("MVCONF_TRACE") != nullptr;
  if (trace) std::fprintf(stderr, "mvconf-trace: %s\n", to_line(c).c_str());
  // Generators are valid by construction; this keeps them honest (and the oracle alive).
  if (std::string problem = validate(c); !problem.empty())
    return "invalid case (" + problem + "), not run: mvconf-case: " + to_line(c);
  note_coverage(c);
  Outcome want = oracle().run(c);
  if (oracle_outcome) *oracle_outcome = want;
  Outcome got = subject().run(c);
  if (c.op == "py") note_py_coverage(c, want);
  // A port that cannot observe managed-buffer registrations (PyPy has none) is compared on
  // everything else; the exporter's own getbuffer/releasebuffer counts are always compared.
  if (!subject().has("export_counts")) {
    drop_keys(want, {"mbuf_exports", "exports"});
    drop_keys(got, {"mbuf_exports", "exports"});
  }
  auto &tally = tallies()[c.op];
  auto &mine = property_tallies()[current_property()];
  ++tally.cases;
  ++mine.cases;
  // An outstanding export on the oracle side would be a fixture bug, not a port divergence:
  // report it as a failure too, so the harness never hides its own mistakes.
  const bool leaked =
      got.value("exports_outstanding", 0) != 0 || want.value("exports_outstanding", 0) != 0;
  // The lifecycle law is checked on both sides: on the oracle it tests our model of CPython.
  std::string law;
  if (c.op == "py") {
    if (std::string v = lifecycle_violation(c, want); !v.empty())
      law = oracle().name() + " breaks the lifecycle law " + v + "\n";
    else if (std::string w = lifecycle_violation(c, got); !w.empty())
      law = subject().name() + " breaks the lifecycle law " + w + "\n";
  }
  if (same_outcome(want, got) && !leaked && law.empty()) return "";
  ++tally.failed;
  ++mine.failed;
  if (mine.first_failure_at == 0) mine.first_failure_at = mine.cases;
  tally.last_failure = mine.last_failure = to_line(c);
  std::string report =
      failure_report(c, want, got, oracle().name(), subject().name(), subject_spec());
  if (leaked) report = "exports left outstanding after every view was freed\n" + report;
  report = law + report;
  mine.last_report = report;
  return report;
}

void check_case(const Case &c, Outcome *oracle_outcome) {
  const std::string report = compare_case(c, oracle_outcome);
  if (!report.empty()) RC_FAIL(report);
}

}  // namespace mvconf::harness
