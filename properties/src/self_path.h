// Where this executable is: the subcommands that re-run mvconf, and the per-version oracle
// servers installed beside it, are found from here.
#pragma once

#include <string>

namespace mvconf::harness {

/// The absolute path of the running executable ("mvconf" if it cannot be read).
std::string self_path();
/// The directory of the running executable.
std::string self_dir();

}  // namespace mvconf::harness
