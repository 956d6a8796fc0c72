// The strict reading of a py case's calls (docs/python-api.md): known methods, the argument
// counts of the operators, and values in the JSON encoding both ports decode alike.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace mvconf::harness {

/// Why `call` (one entry of a py case's args.calls, already checked to be an object with a
/// string "method") is not a well-formed call, or "". A new method is added here with its
/// argument count (and to docs/python-api.md); a new value kind in value_problem().
std::string py_call_problem(const nlohmann::json &call, const std::string &where);

}  // namespace mvconf::harness
