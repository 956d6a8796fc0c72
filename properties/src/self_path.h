// Where this executable is: the subcommands that re-run mvconf, the per-version oracle servers
// beside it, and the corpus and PyPy module at the install layout's relative paths are all
// found from here, so an installed tree can be moved to another prefix.
#pragma once

#include <string>

namespace mvconf::harness {

/// The absolute path of the running executable ("mvconf" if it cannot be read).
std::string self_path();
/// The directory of the running executable.
std::string self_dir();
/// `relative` (a path from the executable's directory, e.g. "../share/mvconf") made absolute
/// and normalised.
std::string beside_self(const std::string &relative);

}  // namespace mvconf::harness
