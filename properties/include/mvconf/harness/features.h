// The port features a property can require (port.h documents what each covers). A port
// declares the ones it implements; properties of the others are skipped, never passed.
#pragma once

#include <string_view>

namespace mvconf::harness {

/// Every feature name, once. To add one: append it here, document it in port.h.
inline constexpr const char *kFeatures[] = {"constructors", "buffer_functions", "export_counts",
                                            "reexport",     "size_from_format", "copy_data",
                                            "python_api",   "exporter_hash"};

/// True when `name` is a known feature (used at compile time by MVCONF_PROP).
constexpr bool is_feature(std::string_view name) {
  for (const char *f : kFeatures)
    if (name == f) return true;
  return false;
}

}  // namespace mvconf::harness
