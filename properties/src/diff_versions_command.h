// `mvconf diff-versions`: behavioural differences between neighbouring CPython versions.
#pragma once

#include <string>

namespace mvconf::harness {

/// Run the suite with each CPython as the oracle and the next version as the port; print the
/// differences, and write them as Markdown when `markdown` is not empty. 2 if fewer than two
/// versions have an oracle.
int diff_versions_command(const std::string &cases, const std::string &markdown);

}  // namespace mvconf::harness
