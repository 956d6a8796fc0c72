#include "mvconf/harness/classes.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <sstream>

#include "mvconf/harness/expectations.h"
#include "mvconf/harness/session.h"

namespace mvconf::harness {
namespace {

enum class Pass { Outside, Collect, Target };

// The state of the property running now. Evaluations are counted the same way in every pass
// (one per call of the property), so a pass rerun from the same seed meets a class's first
// case at the same number.
struct Running {
  Pass pass = Pass::Outside;
  std::string property;
  std::string target;  // the class being shrunk
  long evaluations = 0;
  long hits = 0;        // evaluations of the target pass that failed in the target class
  long stop_after = 0;  // the target pass stops evaluating past this (0: no limit)
  bool stopped = false;
  bool fail_fast_stop = false;
  bool reproducing = false;  // RC_PARAMS reproduces one case: it runs whatever the shard
  long discards = 0;
};
Running running;

// RapidCheck's own output is replaced by the class report; its listener hooks are not needed.
class Quiet : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription &) override {}
  void onShrinkTried(const rc::detail::CaseDescription &, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata &, const rc::detail::TestResult &) override {}
};

void (*the_property)() = nullptr;

// Every evaluation goes through here. Past a limit the target pass answers "passed" without
// running anything: RapidCheck then runs out of cases (or of shrink candidates) at no cost.
void evaluate() {
  ++running.evaluations;
  if (running.pass == Pass::Target && running.stop_after > 0 &&
      running.evaluations > running.stop_after) {
    running.stopped = true;
    return;
  }
  // Another shard's case passes unrun. Shrinking candidates (after the target's first hit)
  // are this shard's own work and always run.
  const Shard &s = shard();
  const bool searching =
      running.pass == Pass::Collect || (running.pass == Pass::Target && running.hits == 0);
  if (s.count > 1 && searching && !running.reproducing &&
      (running.evaluations - 1) % s.count != s.index - 1)
    return;
  try {
    the_property();
  } catch (const rc::detail::CaseResult &r) {
    if (r.type == rc::detail::CaseResult::Type::Discard && running.pass == Pass::Collect)
      ++running.discards;
    throw;
  }
}

DivergenceClass *find_class(const std::string &signature) {
  for (auto &k : property_classes()[running.property])
    if (k.signature == signature) return &k;
  return nullptr;
}

std::string first_line(const std::string &s) { return s.substr(0, s.find('\n')); }

std::string reproduce_string(const rc::detail::TestMetadata &md, const rc::detail::Reproduce &r) {
  rc::detail::Configuration config;
  config.reproduce[md.id] = r;
  return rc::detail::configToMinimalString(config);
}

rc::detail::TestResult check(const rc::detail::TestMetadata &md,
                             const rc::detail::TestParams &params) {
  Quiet quiet;
  running.evaluations = 0;
  return rc::detail::checkProperty(rc::detail::toProperty(&evaluate), md, params, quiet,
                                   rc::detail::configuration().reproduce);
}

// Reruns the property from the same seed, failing only in class k, and lets RapidCheck
// shrink that failure.
void shrink_class(DivergenceClass &k, const rc::detail::TestMetadata &md,
                  rc::detail::TestParams params) {
  params.disableShrinking = false;
  running.pass = Pass::Target;
  running.target = k.signature;
  running.hits = 0;
  running.stopped = false;
  // Not met again a few evaluations after where it was first seen: it will not be.
  running.stop_after = k.first_at + 16;
  const auto result = check(md, params);
  if (result.is<rc::detail::FailureResult>() && running.hits > 0)
    k.reproduce = reproduce_string(md, result.get<rc::detail::FailureResult>().reproduce);
  if (running.hits == 0)
    k.note = "not shrunk: the class did not recur when the property was rerun from its seed";
  else if (running.stopped)
    k.note = "shrinking stopped after " + std::to_string(class_limits().max_shrinks) +
             " evaluations (--max-shrinks)";
  running.pass = Pass::Outside;
}

}  // namespace

ClassLimits &class_limits() {
  static ClassLimits limits;
  return limits;
}

Shard &shard() {
  static Shard s;
  return s;
}

std::map<std::string, long> &sharded_properties() {
  static std::map<std::string, long> names;
  return names;
}

std::map<std::string, std::vector<DivergenceClass>> &property_classes() {
  static std::map<std::string, std::vector<DivergenceClass>> classes;
  return classes;
}

bool shrinking() { return running.pass == Pass::Target; }

bool note_divergence(const std::vector<std::string> &classes, const std::string &case_line,
                     const std::string &report) {
  if (running.pass == Pass::Outside) return true;
  if (running.pass == Pass::Target) {
    if (std::find(classes.begin(), classes.end(), running.target) == classes.end()) return false;
    DivergenceClass *k = find_class(running.target);
    if (!k) return false;
    // The last failing evaluation of a shrinking pass is the minimal case.
    if (++running.hits == 1) running.stop_after = running.evaluations + class_limits().max_shrinks;
    k->minimal_case = case_line;
    k->report = report;
    k->shrink_cases = running.evaluations - k->first_at;
    return true;
  }
  bool fresh = false;
  for (const auto &signature : classes) {
    DivergenceClass *k = find_class(signature);
    if (!k) {
      auto &list = property_classes()[running.property];
      list.push_back({signature, 0, running.evaluations, case_line, "", report, "", 0, ""});
      k = &list.back();
      fresh = true;
    }
    ++k->cases;
  }
  if (fresh && class_limits().fail_fast) running.fail_fast_stop = true;
  return fresh && class_limits().fail_fast;
}

void record_divergence(const std::string &property, const std::vector<std::string> &classes,
                       const std::string &case_line, const std::string &report) {
  auto &list = property_classes()[property];
  for (const auto &signature : classes) {
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const DivergenceClass &k) { return k.signature == signature; });
    if (it != list.end())
      ++it->cases;
    else
      list.push_back({signature, 1, 0, case_line, case_line, report, "", 0, ""});
  }
}

std::map<std::string, void (*)()> &property_registry() {
  static std::map<std::string, void (*)()> registry;
  return registry;
}

bool register_property(const char *name, void (*property)()) {
  property_registry()[name] = property;
  return true;
}

const std::map<std::string, void (*)()> &registered_properties() { return property_registry(); }

void run_property(void (*property)()) {
  const testing::TestInfo *info = testing::UnitTest::GetInstance()->current_test_info();
  run_property(std::string(info->test_suite_name()) + "." + info->name(), property);
}

void run_property(const std::string &name, void (*property)()) {
  const std::size_t dot = name.find('.');
  rc::detail::TestMetadata md;
  md.id = name.substr(0, dot) + "/" + name.substr(dot + 1);
  md.description = name.substr(dot + 1);
  the_property = property;
  running = Running{};
  running.property = name;
  running.reproducing = rc::detail::configuration().reproduce.count(md.id) > 0;
  auto &classes = property_classes()[running.property];
  classes.clear();

  // Pass 1: every case, no shrinking; divergences are collected, not failed.
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  rc::detail::TestParams collect = params;
  collect.disableShrinking = true;
  running.pass = Pass::Collect;
  const auto result = check(md, collect);
  running.pass = Pass::Outside;
  if (shard().count > 1) sharded_properties()[name] = running.discards;
  if (result.is<rc::detail::SuccessResult>()) {
    // RapidCheck's tag distribution is for whoever tunes the generators: -v only.
    if (verbose_output() && !result.get<rc::detail::SuccessResult>().distribution.empty()) {
      rc::detail::printResultMessage(result, std::cout);
      std::cout << std::endl;
    }
  } else if (!running.fail_fast_stop) {
    // Not a divergence (those never fail the collecting pass): the property's own assertion,
    // an exception, or RapidCheck giving up. It is a class of its own.
    std::ostringstream text;
    rc::detail::printResultMessage(result, text);
    DivergenceClass k;
    k.signature =
        "property failed: " + first_line(result.is<rc::detail::FailureResult>()
                                             ? result.get<rc::detail::FailureResult>().description
                                             : text.str());
    k.cases = 1;
    k.first_at = running.evaluations;
    k.report = text.str();
    k.note = "not a divergence between the two ports";
    classes.push_back(k);
  }

  // Pass 2: one shrinking rerun per class, within the limits.
  int shrunk = 0;
  for (auto &k : classes) {
    if (k.signature.rfind("property failed: ", 0) == 0) continue;
    if (shrunk++ >= class_limits().max_classes) {
      k.note = "not shrunk: more than " + std::to_string(class_limits().max_classes) +
               " classes in this property (--max-classes); its first case is shown";
      continue;
    }
    shrink_class(k, md, params);
  }

  for (const auto &k : classes) {
    const Expectation *e = expected_class(running.property, k.signature);
    if (e) {
      // The report lists every expected class with its minimal case; -v also shows them here.
      if (verbose_output())
        std::printf("expected divergence class of %s: %s (%s)\n", running.property.c_str(),
                    k.signature.c_str(), e->reason.c_str());
      continue;
    }
    // The report starts with the class; a class that was not shrunk says why.
    ADD_FAILURE() << k.cases << " case(s) of this class\n"
                  << (k.note.empty() ? "" : "(" + k.note + ")\n") << k.report
                  << (k.reproduce.empty() ? "" : "\nRC_PARAMS=\"" + k.reproduce + "\"");
  }
}

}  // namespace mvconf::harness
