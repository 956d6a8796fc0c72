// The exporter side of the buffer protocol: what a grant must honour for each request
// (docs/exporters.md), checked on a probe record (mvconf/oracle/exporter_probe.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mvconf::harness {

/// One class of contract violation seen in a probe, and the requests that show it.
struct Violation {
  std::string klass;    ///< layout-independent signature, e.g. "format set without PyBUF_FORMAT"
  std::string detail;   ///< the first request showing it and what it granted
  std::string request;  ///< that request's name ("PyBUF_ND | PyBUF_FORMAT"), "" for memoryview(obj)
};

/// Every violation `probe` shows, one per class, in a fixed order (empty when the exporter
/// honours the contract). To add a rule: one check in exporter_contract.cpp and a line in
/// docs/exporters.md's table.
std::vector<Violation> contract_violations(const nlohmann::json &probe);

/// The exporter `mvconf exporters` checks: a shipped factory's name or "module:function"
/// ("" outside that command, where the exporter properties are skipped).
std::string &exporter_under_test();

}  // namespace mvconf::harness
