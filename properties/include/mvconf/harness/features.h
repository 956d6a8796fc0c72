// The port features a property can require (port.h documents what each covers). A port
// declares the ones it implements; properties of the others are skipped, never passed.
#pragma once

#include <mvconf/port.h>

#include <string_view>

namespace mvconf::harness {

/// Every feature name, expanded from MVCONF_FEATURES in port.h (add features there).
inline constexpr const char *kFeatures[] = {
#define MVCONF_FEATURE_NAME(name, abi_minor) #name,
    MVCONF_FEATURES(MVCONF_FEATURE_NAME)
#undef MVCONF_FEATURE_NAME
};

/// True when `name` is a known feature (used at compile time by MVCONF_PROP).
constexpr bool is_feature(std::string_view name) {
  for (const char *f : kFeatures)
    if (name == f) return true;
  return false;
}

}  // namespace mvconf::harness
