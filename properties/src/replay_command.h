// `mvconf replay`: case files judged exactly as `mvconf run` judges generated cases.
#pragma once

#include "cli.h"

namespace mvconf::cli {

/// Register `replay` on `app`: every case of the files (or directories of .jsonl) on the
/// ports; features decide what is skipped, expectations what is expected; a bad or diverging
/// line is reported with its file and line and the replay goes on.
Action add_replay_command(CLI::App &app);

}  // namespace mvconf::cli
