// `mvconf run` (also what `mvconf` with no subcommand does): the conformance suite against a port.
#pragma once

#include <string>
#include <vector>

#include "cli.h"

namespace mvconf::cli {

/// Register `run` on `app`; `argv0` is handed to gtest, `command_line` (as typed) goes into the
/// reports. To add a run option: a field in run_command.cpp's RunOptions, registered there.
Action add_run_command(CLI::App &app, const char *argv0, const std::string &command_line);

/// Every property of the suite ("Suite.Name"), selected or not.
std::vector<std::string> all_properties();

}  // namespace mvconf::cli
