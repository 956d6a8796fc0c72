// `mvconf mutants`: the kill table of the mutation self-test.
#pragma once

#include "cli.h"

namespace mvconf::cli {

/// Register `mutants` on `app`: the suite against every mutant, each in its own process; the
/// kill table is printed (and written as Markdown with --markdown); 0 when every mutant dies.
Action add_mutants_command(CLI::App &app);

}  // namespace mvconf::cli
