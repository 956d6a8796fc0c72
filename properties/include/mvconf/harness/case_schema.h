// The strict reading of a case line: every key known, every value of the right type, so a
// misspelt key is an error instead of a default that makes the line pass unchecked.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace mvconf::harness {

/// Why `j` is not a well-formed case (naming the key, e.g. "args.ordr: unknown key for
/// is_contiguous (known: order)"), or "" when it is. Semantic checks follow in validate().
std::string case_schema_problem(const nlohmann::json &j);

}  // namespace mvconf::harness
