// `mvconf matrix`: the conformance site (docs/conformance/) and docs/findings.md.
#pragma once

#include "cli.h"

namespace mvconf::cli {

/// Register `matrix` on `app`: each row of the entries file and each version-drift step is run
/// (--run) or read back from its saved JSON result, then the site is written.
Action add_matrix_command(CLI::App &app);

}  // namespace mvconf::cli
