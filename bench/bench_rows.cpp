// The benchmark rows. The replay rows run exactly the cases the property compared (recorded
// by a wrapper around the port under test), so "property / oracle" is the harness's overhead
// over asking CPython alone, and "property / compare" the share of generation.
#include "bench_rows.h"

#include <benchmark/benchmark.h>

#include <iostream>
#include <map>
#include <memory>
#include <streambuf>

#include "mvconf/harness/case.h"
#include "mvconf/harness/check.h"
#include "mvconf/harness/classes.h"
#include "mvconf/harness/ports.h"
#include "mvconf/harness/session.h"
#include "mvconf/harness/subject.h"

namespace mvconf::bench {
namespace {

using harness::Case;
using harness::Outcome;

// The port under test, recording the cases it runs while `recording` is set.
class Recording : public harness::Subject {
 public:
  explicit Recording(std::unique_ptr<harness::Subject> inner) : inner_(std::move(inner)) {}
  std::string name() const override { return inner_->name(); }
  std::string version() const override { return inner_->version(); }
  bool has(const std::string &feature) const override { return inner_->has(feature); }
  Outcome run(const Case &c) override {
    if (recording) cases.push_back(c);
    return inner_->run(c);
  }
  harness::Subject &inner() { return *inner_; }

  bool recording = false;
  std::vector<Case> cases;

 private:
  std::unique_ptr<harness::Subject> inner_;
};

Recording *recorder = nullptr;
std::map<std::string, std::vector<Case>> recorded;

// run_property prints RapidCheck's tag distribution, which has no place between rows.
class Silenced {
 public:
  Silenced() : saved_(std::cout.rdbuf(&null_)) {}
  ~Silenced() { std::cout.rdbuf(saved_); }
  Silenced(const Silenced &) = delete;
  Silenced &operator=(const Silenced &) = delete;

 private:
  struct Null : std::streambuf {
    int overflow(int c) override { return c; }
  } null_;
  std::streambuf *saved_;
};

long run_whole(const Family &f) {
  auto &tally = harness::property_tallies()[f.property];
  const long before = tally.cases;
  harness::current_property() = f.property;
  {
    Silenced quiet;
    harness::run_property(f.property, harness::registered_properties().at(f.property));
  }
  harness::current_property().clear();
  return tally.cases - before;
}

const std::vector<Case> &cases_of(const Family &f) { return recorded.at(f.property); }

long compare(const Family &f) {
  harness::current_property() = f.property;
  for (const Case &c : cases_of(f)) {
    const std::size_t n = harness::compare_case(c).report.size();
    benchmark::DoNotOptimize(n);
  }
  harness::current_property().clear();
  return long(cases_of(f).size());
}

long port_alone(const Family &f) {
  for (const Case &c : cases_of(f)) {
    const std::size_t n = recorder->inner().run(c).size();
    benchmark::DoNotOptimize(n);
  }
  return long(cases_of(f).size());
}

long oracle_alone(const Family &f) {
  for (const Case &c : cases_of(f)) {
    const std::size_t n = harness::oracle().run(c).size();
    benchmark::DoNotOptimize(n);
  }
  return long(cases_of(f).size());
}

}  // namespace

const std::vector<Family> &families() {
  static const std::vector<Family> f = {
      {"IsContiguous", "IsContiguous.AgreesWithCPythonForEveryOrder"},
      {"FromObject", "FromObject.LayoutFlagsReadonlyBaseMatchCPython"},
      {"GetContiguous", "GetContiguous.CopyOrShareAgreesWithCPython"},
      {"PyBytes", "PyBytes.TobytesHexTolistMatchCPython"},
      {"PyLifecycleModel", "PyLifecycleModel.StatefulSequencesMatchCPython"}};
  return f;
}

const std::vector<std::pair<std::string, Row>> &row_kinds() {
  static const std::vector<std::pair<std::string, Row>> rows = {{"property", run_whole},
                                                                {"compare", compare},
                                                                {"port", port_alone},
                                                                {"oracle", oracle_alone}};
  return rows;
}

std::string open_ports(const std::string &port) {
  std::string error;
  auto subject = harness::open_port(port, 10000, error);
  if (!subject) return error;
  auto reference = harness::open_port("cpython", 10000, error);
  if (!reference) return error;
  auto wrapped = std::make_unique<Recording>(std::move(subject));
  recorder = wrapped.get();
  harness::set_subject_spec(port);
  harness::set_ports(std::move(reference), std::move(wrapped));
  return "";
}

long record_cases(const Family &f) {
  if (const auto it = recorded.find(f.property); it != recorded.end())
    return long(it->second.size());
  recorder->cases.clear();
  recorder->recording = true;
  const long n = run_whole(f);
  recorder->recording = false;
  recorded[f.property] = std::move(recorder->cases);
  recorder->cases.clear();
  return n;
}

}  // namespace mvconf::bench
