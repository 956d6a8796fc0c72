// `mvconf run` (also what `mvconf` with no subcommand does): the conformance suite against a port.
#pragma once

#include <string>
#include <vector>

#include "cli.h"
#include "report.h"

namespace mvconf::cli {

/// Register `run` on `app`; `argv0` is handed to gtest, `command_line` (as typed) goes into the
/// reports. To add a run option: a field in run_command.cpp's RunOptions, registered there.
Action add_run_command(CLI::App &app, const char *argv0, const std::string &command_line);

/// The options of a suite run (run, exporters). To add one: a field here, registered in
/// add_suite_options().
struct RunOptions {
  PortOptions ports;
  std::string cases = MVCONF_RC_CASES_STR, seed, expect, json, junit, markdown;
  std::string shard;  ///< --shard I/N, "" for the whole run
  int max_classes = 8;
  long max_shrinks = 3000;
  bool fail_fast = false, verbose = false;
  CLI::App *app = nullptr;
};
/// What a suite command selects and how it names what it tested.
struct SuiteMode {
  std::string filter;                                  ///< gtest filter unless one is given
  std::function<void(harness::RunResults &)> relabel;  ///< before the report is written
};
/// Register run's options except the ports (--cases, --seed, --expect, --json, ...) on `sub`.
void add_suite_options(CLI::App *sub, RunOptions *o);
/// Run the properties `mode` selects with `o`'s options and print and write the report;
/// returns the exit status.
int run_suite(const RunOptions &o, const char *argv0, const std::string &command_line,
              const SuiteMode &mode);

/// Write `results` to each path that is not "" (JSON, JUnit XML, Markdown); a file that cannot
/// be written is said on stderr and sets `status` to 1.
void write_report_files(const harness::RunResults &results, const std::string &json,
                        const std::string &junit, const std::string &markdown, int &status);

/// Every property of the suite ("Suite.Name"), selected or not.
std::vector<std::string> all_properties();

}  // namespace mvconf::cli
