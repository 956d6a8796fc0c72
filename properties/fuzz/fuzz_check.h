// What every fuzz target asserts with: a broken invariant prints why and aborts, which
// libFuzzer reports as a crash and keeps the input of (asserts would vanish under NDEBUG).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

namespace mvconf::fuzz {

/// Abort with `why` when `ok` is false. Add a check where a target knows an invariant.
inline void check(bool ok, const std::string &why) {
  if (ok) return;
  std::fprintf(stderr, "mvconf fuzz: invariant broken: %s\n", why.c_str());
  std::abort();
}

/// True when `s` is valid UTF-8 (what nlohmann's dump() requires of every string it writes).
inline bool utf8(const std::string &s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::exception &) {
    return false;
  }
}

}  // namespace mvconf::fuzz
