// `mvconf merge SHARD.json ...`: the JSON results of the N jobs of a sharded run
// (`mvconf run --shard I/N --json ...`) added up into one report, judged by class as one run.
#pragma once

#include "cli.h"

namespace mvconf::cli {

/// Register `merge` on `app`; `command_line` (as typed) goes into the merged reports.
Action add_merge_command(CLI::App &app, const std::string &command_line);

}  // namespace mvconf::cli
