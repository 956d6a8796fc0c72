// `mvconf diff-versions`: behavioural differences between neighbouring CPython versions.
#pragma once

#include <string>
#include <vector>

#include "cli.h"

namespace mvconf::cli {

/// Register `diff-versions` on `app`: each CPython with an oracle server is the oracle and the
/// next version the port; the differences are printed (and written as Markdown with
/// --markdown). Fewer than two versions is a usage error.
Action add_diff_versions_command(CLI::App &app);
/// The mvconf arguments of one version step: CPython `older` the oracle, `newer` the port,
/// `cases` per property, the fixture self-checks left out (they compare no port).
std::vector<std::string> drift_run_args(const std::string &older, const std::string &newer,
                                        const std::string &cases);

}  // namespace mvconf::cli
