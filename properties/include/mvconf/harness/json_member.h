// Reading members of outcomes and case arguments without copying them.
#pragma once

#include <nlohmann/json.hpp>

namespace mvconf::harness {

/// j[key] when j has it, else `fallback`: j.value(key, fallback) without the copy, throwing
/// value()'s own type_error when j is not an object. Add overloads here for other defaults.
inline const nlohmann::json &member_or(const nlohmann::json &j, const char *key,
                                       const nlohmann::json &fallback) {
  if (!j.is_object()) {
    (void)j.value(key, fallback);  // throws for a non-object, as value() callers expect
    return fallback;
  }
  const auto it = j.find(key);
  return it != j.end() ? *it : fallback;
}

/// An empty JSON array, the usual fallback of member_or.
inline const nlohmann::json &empty_array() {
  static const nlohmann::json empty = nlohmann::json::array();
  return empty;
}

}  // namespace mvconf::harness
