// `mvconf exporters`: a buffer exporter checked against the request-flag contract.
#pragma once

#include <string>

#include "cli.h"

namespace mvconf::cli {

/// Register `exporters` on `app` (its options: exporters_command.cpp's ExporterOptions and
/// run's suite options); `argv0` goes to gtest, `command_line` into the reports.
Action add_exporters_command(CLI::App &app, const char *argv0, const std::string &command_line);

}  // namespace mvconf::cli
