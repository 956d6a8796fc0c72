// The layouts `mvconf exporters` asks a factory for, and how a violation is reported and
// reproduced (docs/exporters.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mvconf/harness/exporter_contract.h"

// Declared, not included: the command-line files that list factories need no RapidCheck
// (a full rapidcheck.h costs each of them about 2 s of build).
namespace rc {
template <typename T>
class Gen;
}  // namespace rc

namespace mvconf::harness {

/// What the selected factory can make (mvconf_exporters.describe), read once per exporter.
const nlohmann::json &exporter_description();
/// A random layout within `description` (format, shape, order, slices, readonly, seed); it
/// shrinks towards the first format, fewer and smaller dimensions, no slices.
rc::Gen<nlohmann::json> layout_for(const nlohmann::json &description);
/// The case line of one probe: {"exporter": NAME, "layout": {...}}.
std::string exporter_case_line(const std::string &exporter, const nlohmann::json &layout);
/// The report of a probe's violations: each class with what was seen, the layout, and a
/// reproduction in plain Python on the real exporter.
std::string violations_report(const std::string &exporter, const nlohmann::json &layout,
                              const std::vector<Violation> &found);
/// Where the mvconf_exporters package is (beside the executable, like the corpus).
std::string exporters_python_dir();
/// Start the embedded CPython with the factories importable: mvconf_exporters, the compiled
/// exporter modules beside it (python-ext, where built), then `user_dirs` in front.
void open_exporter_factories(const std::vector<std::string> &user_dirs);

}  // namespace mvconf::harness
