#include "mvconf/harness/expectations.h"

#include <fnmatch.h>

#include <fstream>
#include <stdexcept>

#include "mvconf/harness/session.h"

namespace mvconf::harness {
namespace {

bool matches(const Expectation &e, const std::string &property) {
  return fnmatch(e.property.c_str(), property.c_str(), 0) == 0;
}

// Error objects are {"type", "message"}: keep the type, drop the message, everywhere.
nlohmann::json kind_only(const nlohmann::json &j) {
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    const bool error = j.contains("type") && j.contains("message") && j.size() == 2;
    for (const auto &[k, v] : j.items())
      if (!(error && k == "message")) out[k] = kind_only(v);
    return out;
  }
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto &v : j) out.push_back(kind_only(v));
    return out;
  }
  return j;
}

}  // namespace

std::vector<Expectation> &expectations() {
  static std::vector<Expectation> e;
  return e;
}

std::vector<Expectation> load_expectations(const std::string &path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read expectations file " + path);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in, nullptr, true, true);  // comments allowed
  } catch (const std::exception &e) {
    throw std::runtime_error(path + ": not JSON: " + e.what());
  }
  std::vector<Expectation> out;
  for (const auto &item : j.value("expectations", nlohmann::json::array())) {
    Expectation e{item.value("property", ""), item.value("expect", ""), item.value("reason", "")};
    if (e.property.empty() || (e.expect != "fail" && e.expect != "error-kind-only") ||
        e.reason.empty())
      throw std::runtime_error(path +
                               ": each expectation needs property, expect (fail or "
                               "error-kind-only) and reason: " +
                               item.dump());
    out.push_back(e);
  }
  return out;
}

const Expectation *expected_failure(const std::string &property) {
  for (const auto &e : expectations())
    if (e.expect == "fail" && matches(e, property)) return &e;
  return nullptr;
}

bool same_outcome(const Outcome &want, const Outcome &got) {
  if (want == got) return true;
  for (const auto &e : expectations())
    if (e.expect == "error-kind-only" && matches(e, current_property()))
      return kind_only(want) == kind_only(got);
  return false;
}

}  // namespace mvconf::harness
