// The exporter contract (docs/exporters.md): objects an exporter factory makes for random
// layouts, asked for their buffer with every request through the embedded CPython. Run by
// `mvconf exporters`; skipped elsewhere (no exporter is selected).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "mvconf/harness/check.h"
#include "mvconf/harness/exporter_contract.h"
#include "mvconf/harness/exporter_layouts.h"
#include "mvconf/oracle/exporter_probe.h"

namespace {

using namespace mvconf::harness;
using nlohmann::json;

long made = 0, not_made = 0;

void honour_every_request() {
  const json layout = *layout_for(exporter_description());
  const json probe = mvconf::oracle::probe_exporter(exporter_under_test(), layout);
  if (!probe.value("made", false) && !probe.contains("factory_error")) {
    if (!shrinking()) ++not_made;
    return;  // the factory cannot make this layout: nothing to check, counted in the report
  }
  auto &tally = property_tallies()[current_property()];
  if (!shrinking()) {
    ++made;
    ++tally.cases;
  }
  const std::vector<Violation> found = contract_violations(probe);
  if (found.empty()) return;
  if (!shrinking()) {
    ++tally.failed;
    if (tally.first_failure_at == 0) tally.first_failure_at = tally.cases;
  }
  std::vector<std::string> classes;
  for (const auto &v : found) classes.push_back(v.klass);
  const std::string report = violations_report(exporter_under_test(), layout, found);
  if (note_divergence(classes, exporter_case_line(exporter_under_test(), layout), report))
    RC_FAIL(report);
}

}  // namespace

TEST(Exporters, HonourEveryRequest) {
  if (exporter_under_test().empty())
    GTEST_SKIP() << "no exporter selected (mvconf exporters --exporter NAME)";
  const json &d = exporter_description();
  if (d.contains("unavailable"))
    GTEST_SKIP() << "exporter '" << exporter_under_test()
                 << "' unavailable: " << d.value("unavailable", "");
  made = not_made = 0;
  run_property(&honour_every_request);
  const std::string me = "Exporters.HonourEveryRequest";
  if (not_made > 0)
    not_compared()[me].insert(std::to_string(not_made) + " generated layout(s) the factory " +
                              "cannot make (it returned None) were not checked");
  if (made == 0) FAIL() << "the factory made no object for any layout: nothing was checked";
}
