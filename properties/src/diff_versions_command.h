// `mvconf diff-versions`: behavioural differences between neighbouring CPython versions.
#pragma once

#include "cli.h"

namespace mvconf::cli {

/// Register `diff-versions` on `app`: each CPython with an oracle server is the oracle and the
/// next version the port; the differences are printed (and written as Markdown with
/// --markdown). Fewer than two versions is a usage error.
Action add_diff_versions_command(CLI::App &app);

}  // namespace mvconf::cli
