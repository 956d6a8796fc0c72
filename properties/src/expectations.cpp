#include "mvconf/harness/expectations.h"

#include <fnmatch.h>

#include <fstream>
#include <stdexcept>

#include "mvconf/harness/bounded_json.h"

namespace mvconf::harness {
namespace {

bool glob(const std::string &pattern, const std::string &text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

std::string field(const nlohmann::json &item, const char *key, const std::string &where,
                  bool required) {
  if (!item.contains(key)) {
    if (required) throw std::runtime_error(where + ": missing \"" + key + "\"");
    return "";
  }
  if (!item[key].is_string() || item[key].get<std::string>().empty())
    throw std::runtime_error(where + ": \"" + key + "\" must be a non-empty string");
  return item[key].get<std::string>();
}

}  // namespace

std::vector<Expectation> &expectations() {
  static std::vector<Expectation> e;
  return e;
}

std::vector<Expectation> load_expectations(const std::string &path, std::string *oracle) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read expectations file " + path);
  return parse_expectations(read_bounded(in, kMaxCaseBytes, path), path, oracle);
}

std::vector<Expectation> parse_expectations(const std::string &text, const std::string &path,
                                            std::string *oracle) {
  // Comments allowed; bounded, so kind_only and the checks below never recurse too deep.
  const nlohmann::json j = parse_bounded(text, kMaxJsonDepth, kMaxCaseBytes, path, true);
  if (!j.is_object() || !j.contains("expectations") || !j["expectations"].is_array())
    throw std::runtime_error(path + ": needs an object with an \"expectations\" array");
  for (const auto &[key, value] : j.items())
    if (key != "port" && key != "oracle" && key != "expectations")
      throw std::runtime_error(path + ": unknown key \"" + key +
                               "\" (known: port, oracle, expectations)");
  // Classes are differences from one oracle: judged by another, every change between the two
  // would read as the port's, so the file can pin the oracle it was written against.
  const std::string pinned = field(j, "oracle", path, false);
  if (oracle) *oracle = pinned;
  std::vector<Expectation> out;
  int k = 0;
  for (const auto &item : j["expectations"]) {
    const std::string where = path + ": expectations[" + std::to_string(k++) + "]";
    if (!item.is_object()) throw std::runtime_error(where + ": not an object");
    for (const auto &[key, value] : item.items())
      if (key != "property" && key != "class" && key != "expect" && key != "reason")
        throw std::runtime_error(where + ": unknown key \"" + key +
                                 "\" (known: property, class, expect, reason)");
    Expectation e;
    e.where = where;
    e.property = field(item, "property", where, true);
    e.klass = field(item, "class", where, false);
    e.expect = field(item, "expect", where, false);
    e.reason = field(item, "reason", where, true);
    if (e.expect.empty()) e.expect = "fail";
    if (e.expect != "fail" && e.expect != "error-kind-only")
      throw std::runtime_error(where +
                               ": \"expect\" is \"fail\" (the default) or "
                               "\"error-kind-only\", not \"" +
                               e.expect + "\"");
    if (e.expect == "fail" && e.klass.empty())
      throw std::runtime_error(
          where +
          ": names no \"class\": an entry expects one class of divergence (its "
          "signature, or a glob over it, as `mvconf run` prints it), never a whole "
          "property, so that a new bug in the same property still fails the run");
    if (e.expect == "error-kind-only" && !e.klass.empty())
      throw std::runtime_error(where + ": an error-kind-only entry takes no \"class\"");
    out.push_back(e);
  }
  return out;
}

void check_expectation_properties(const std::vector<std::string> &properties) {
  for (const auto &e : expectations()) {
    bool any = false;
    for (const auto &p : properties) any = any || glob(e.property, p);
    if (!any)
      throw std::runtime_error(e.where + ": property \"" + e.property +
                               "\" matches no property of the suite (see `mvconf run "
                               "--gtest_list_tests`)");
  }
}

bool covers(const Expectation &e, const std::string &property) {
  return e.expect == "fail" && glob(e.property, property);
}

bool glob_names(const std::string &pattern, const std::string &text) {
  // Exact first: signatures of py classes hold brackets ("calls[tobytes]"), which a glob reads
  // as a character set.
  return pattern == text || glob(pattern, text);
}

bool names_class(const Expectation &e, const std::string &signature) {
  return glob_names(e.klass, signature);
}

const Expectation *expected_class(const std::string &property, const std::string &signature) {
  for (const auto &e : expectations())
    if (covers(e, property) && names_class(e, signature)) return &e;
  return nullptr;
}

bool error_kind_only(const std::string &property) {
  for (const auto &e : expectations())
    if (e.expect == "error-kind-only" && glob(e.property, property)) return true;
  return false;
}

// Error objects are {"type", "message"}: keep the type, drop the message, everywhere.
Outcome kind_only(const Outcome &j) {
  if (j.is_object()) {
    Outcome out = Outcome::object();
    const bool error = j.contains("type") && j.contains("message") && j.size() == 2;
    for (const auto &[k, v] : j.items())
      if (!(error && k == "message")) out[k] = kind_only(v);
    return out;
  }
  if (j.is_array()) {
    Outcome out = Outcome::array();
    for (const auto &v : j) out.push_back(kind_only(v));
    return out;
  }
  return j;
}

}  // namespace mvconf::harness
