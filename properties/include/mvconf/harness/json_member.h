// Reading members of outcomes and case arguments without copying them, and building the
// small objects outcomes are made of without nlohmann's initializer-list detour.
#pragma once

#include <nlohmann/json.hpp>
#include <utility>

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

namespace detail {
inline void put(nlohmann::json::object_t &) {}
template <typename V, typename... Rest>
void put(nlohmann::json::object_t &o, const char *key, V &&value, Rest &&...rest) {
  o.emplace_hint(o.end(), key, std::forward<V>(value));
  put(o, std::forward<Rest>(rest)...);
}
}  // namespace detail

/// object("a", 1, "b", x): the JSON object {"a": 1, "b": x} (keys distinct), built in place;
/// nlohmann's initializer-list form {{"a", 1}, {"b", x}} costs three times as much, which
/// counts where every call of every case builds objects. Keys in sorted order cost least.
template <typename... KeysAndValues>
nlohmann::json object(KeysAndValues &&...kv) {
  nlohmann::json j(nlohmann::json::value_t::object);
  detail::put(j.get_ref<nlohmann::json::object_t &>(), std::forward<KeysAndValues>(kv)...);
  return j;
}

/// An empty JSON array, the usual fallback of member_or.
inline const nlohmann::json &empty_array() {
  static const nlohmann::json empty = nlohmann::json::array();
  return empty;
}

}  // namespace mvconf::harness
