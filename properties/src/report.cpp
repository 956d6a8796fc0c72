#include "report.h"

#include <cstdio>
#include <map>

#include "mvconf/harness/check.h"
#include "mvconf/harness/classes.h"
#include "mvconf/harness/expectations.h"
#include "mvconf/harness/py_coverage.h"
#include "mvconf/harness/session.h"

namespace mvconf::harness {

int RunResults::unexpected() const {
  int n = 0;
  for (const auto &p : properties) n += p.status == "failed" || p.status == "unexpected-pass";
  return n;
}

long RunResults::compared() const {
  long n = 0;
  for (const auto &p : properties) n += p.cases;
  return n;
}

int RunResults::exit_status() const { return unexpected() || compared() == 0 ? 1 : 0; }

RunResults collect_results(const testing::UnitTest &unit, const std::string &rc_params) {
  RunResults r;
  r.port = subject().name();
  r.port_version = subject().version();
  r.oracle = oracle().name();
  r.oracle_version = oracle().version();
  r.rc_params = rc_params;
  r.seconds = double(unit.elapsed_time()) / 1000.0;
  if (r.port_version != r.oracle_version)
    r.version_note = "the port targets CPython " + r.port_version + " but the oracle is " +
                     r.oracle + " (CPython " + r.oracle_version + "): version differences " +
                     "show as divergences";
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const testing::TestSuite *suite = unit.GetTestSuite(i);
    for (int j = 0; j < suite->total_test_count(); ++j) {
      const testing::TestInfo *t = suite->GetTestInfo(j);
      if (!t->should_run()) continue;
      PropertyResult p;
      p.name = std::string(suite->name()) + "." + t->name();
      const testing::TestResult *tr = t->result();
      const auto &tally = property_tallies()[p.name];
      p.cases = tally.cases;
      p.failed = tally.failed;
      p.first_failure_at = tally.first_failure_at;
      p.ops.assign(tally.ops.begin(), tally.ops.end());
      p.seconds = double(tr->elapsed_time()) / 1000.0;
      for (const auto &n : not_compared()[p.name]) p.not_compared.push_back(n);
      for (const auto &k : property_classes()[p.name]) {
        ClassResult c;
        static_cast<DivergenceClass &>(c) = k;
        p.classes.push_back(c);
      }
      if (auto it = sharded_properties().find(p.name); it != sharded_properties().end()) {
        p.sharded = true;
        if (it->second > 0)
          r.notes.push_back(p.name + " discarded " + std::to_string(it->second) +
                            " case(s): after a discard RapidCheck draws other sizes, so the "
                            "shards' cases differ from one run's");
      }
      if (tr->Skipped()) {
        p.status = "skipped";
        if (tr->total_part_count() > 0) p.detail = tr->GetTestPartResult(0).message();
      } else if (tr->Failed() && p.classes.empty() && tr->total_part_count() > 0) {
        p.detail = tr->GetTestPartResult(0).message();  // a failure that is not a class
      }
      r.properties.push_back(p);
    }
  }
  r.shard_index = shard().index;
  r.shard_count = shard().count;
  if (r.shard_count > 1) {
    const int i = r.shard_index, n = r.shard_count;
    r.notes.push_back("shard " + std::to_string(i) + "/" + std::to_string(n) +
                      ": the cases numbered " + std::to_string(i) + ", " + std::to_string(i + n) +
                      ", " + std::to_string(i + 2 * n) + ", ... of the seed's run; an " +
                      "expectation no class met is judged when mvconf merge adds the shards up");
  }
  judge_results(r);
  return r;
}

void judge_results(RunResults &r) {
  for (auto &p : r.properties)
    for (auto &k : p.classes) {
      const Expectation *e = expected_class(p.name, k.signature);
      k.expected = e != nullptr;
      k.reason = e ? e->reason : "";
    }
  // An entry is stale when no class of any property that ran matches it; a shard saw only
  // part of the cases, so there the merge decides. A class names its operation first
  // ("from_contiguous | ..."): when no case of the run reached an operation the entry's class
  // can name (a filtered run), the entry could not be met, and the report says it was not
  // judged instead of calling it stale.
  for (const auto &e : expectations()) {
    if (e.expect != "fail" || r.shard_count > 1) continue;
    const std::size_t bar = e.klass.find(" | ");
    bool met = false, ran = false, reached = bar == std::string::npos;
    for (const auto &p : r.properties) {
      if (!covers(e, p.name) || p.status == "skipped") continue;
      ran = true;
      for (const auto &k : p.classes) met = met || names_class(e, k.signature);
      for (const auto &op : p.ops) reached = reached || glob_names(e.klass.substr(0, bar), op);
    }
    if (!ran || met) continue;
    if (!reached) {
      r.notes.push_back(e.where + ": class \"" + e.klass + "\" not judged: no case of this " +
                        "run reached its operation");
      continue;
    }
    for (auto &p : r.properties)
      if (covers(e, p.name) && p.status != "skipped")
        p.stale.push_back(e.where + ": class \"" + e.klass + "\" (" + e.reason +
                          ") did not occur: remove the entry");
  }
  for (auto &p : r.properties) {
    if (p.status == "skipped") continue;
    bool fresh = !p.detail.empty();
    for (const auto &k : p.classes) fresh = fresh || !k.expected;
    p.status = fresh               ? "failed"
               : !p.stale.empty()  ? "unexpected-pass"
               : p.classes.empty() ? "passed"
                                   : "expected-failure";
  }
}

std::map<std::string, std::vector<std::string>> left_out(const RunResults &r) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto &p : r.properties)
    for (const auto &n : p.not_compared) out[n].push_back(p.name);
  return out;
}

std::string summary_line(const RunResults &r) {
  std::map<std::string, int> counts;
  int expected = 0, fresh = 0;
  for (const auto &p : r.properties) {
    ++counts[p.status];
    for (const auto &k : p.classes) (k.expected ? expected : fresh) += 1;
  }
  char line[400];
  std::snprintf(line, sizeof line,
                "properties: %d passed, %d expected-failure, %d skipped, %d failed, %d "
                "unexpected-pass; divergence classes: %d new, %d expected; %ld cases compared "
                "in %.1f s",
                counts["passed"], counts["expected-failure"], counts["skipped"], counts["failed"],
                counts["unexpected-pass"], fresh, expected, r.compared(), r.seconds);
  return line;
}

namespace {
void print_classes(const RunResults &r) {
  bool any = false;
  for (const auto &p : r.properties)
    for (const auto &k : p.classes) {
      if (!any) std::printf("\ndivergence classes (one minimal case each):\n");
      any = true;
      std::printf("  %-8s %s\n           %s\n", k.expected ? "expected" : "NEW", p.name.c_str(),
                  k.signature.c_str());
      std::printf("           %ld case(s); %s: %s\n", k.cases,
                  k.minimal_case.empty() ? "first case" : "minimal case",
                  (k.minimal_case.empty() ? k.first_case : k.minimal_case).c_str());
      if (!k.note.empty()) std::printf("           (%s)\n", k.note.c_str());
      if (k.expected) std::printf("           expected: %s\n", k.reason.c_str());
    }
  for (const auto &p : r.properties)
    for (const auto &s : p.stale)
      std::printf("stale expectation (%s): %s\n", p.name.c_str(), s.c_str());
  for (const auto &[why, props] : left_out(r))
    std::printf("not compared: %s (in %zu properties, e.g. %s)\n", why.c_str(), props.size(),
                props.front().c_str());
  // A skipped property checked nothing: each reason gets a line, as left-out comparisons do.
  std::map<std::string, std::vector<std::string>> skipped;
  for (const auto &p : r.properties)
    if (p.status == "skipped")
      skipped[p.detail.empty() ? "no reason given" : p.detail].push_back(p.name);
  for (const auto &[why, props] : skipped)
    std::printf("skipped: %s (%zu propert%s, e.g. %s)\n", why.c_str(), props.size(),
                props.size() == 1 ? "y" : "ies", props.front().c_str());
}

void print_coverage() {
  long total = 0;
  for (const auto &[op, tally] : tallies()) total += tally.cases;
  if (total > 0) {
    std::printf("\n%-40s %10s %7s\n", "generator corner", "cases", "share");
    for (const auto &[what, n] : coverage())
      std::printf("%-40s %10ld %6.1f%%\n", what.c_str(), n, 100.0 * double(n) / double(total));
  }
  if (!py_calls().empty()) {
    std::printf("\n%-40s %10s %10s %10s\n", "Python-level call (oracle outcome)", "returned",
                "raised", "skipped");
    for (const auto &[m, t] : py_calls())
      std::printf("%-40s %10ld %10ld %10ld\n", m.c_str(), t.ok, t.raised, t.skipped);
  }
  for (const auto &[prop, corners] : py_corners()) {
    const long n = py_cases()[prop];
    std::printf("\n%-40s %10s %7s\n", (prop + " corners").c_str(), "cases", "share");
    for (const auto &[what, k] : corners)
      std::printf("  %-38s %10ld %6.1f%%\n", what.c_str(), k, 100.0 * double(k) / double(n));
  }
}
}  // namespace

void print_report(const RunResults &r, bool verbose) {
  std::printf("\n== mvconf conformance report: port '%s' (targets CPython %s) against %s ==\n",
              r.port.c_str(), r.port_version.c_str(), r.oracle.c_str());
  if (!r.version_note.empty()) std::printf("NOTE: %s\n", r.version_note.c_str());
  for (const auto &n : r.notes) std::printf("NOTE: %s\n", n.c_str());
  std::printf("%-56s %-17s %8s %7s %8s %8s\n", "property", "result", "cases", "failed", "classes",
              "seconds");
  for (const auto &p : r.properties)
    std::printf("%-56s %-17s %8ld %7ld %8zu %8.1f\n", p.name.c_str(), p.status.c_str(), p.cases,
                p.failed, p.classes.size(), p.seconds);
  if (verbose) print_coverage();
  print_classes(r);
  for (const auto &p : r.properties)
    if (!p.detail.empty() && p.status == "failed")
      std::printf("%s failed: %s\n", p.name.c_str(), p.detail.c_str());
  if (!r.version_note.empty()) std::printf("NOTE: %s\n", r.version_note.c_str());
  if (r.compared() == 0) std::printf("NOT A PASS: no property compared a single case\n");
  std::printf("%s\n", summary_line(r).c_str());
  std::fflush(stdout);
}

}  // namespace mvconf::harness
