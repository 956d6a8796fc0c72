// mvconf: the command line. Each subcommand registers itself (add_*_command) on one CLI11
// app; this file only picks the subcommand, parses, and turns errors into exit status 2.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "cli.h"
#include "diff_versions_command.h"
#include "exporters_command.h"
#include "list_command.h"
#include "matrix_command.h"
#include "merge_command.h"
#include "mutants_command.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/ports.h"
#include "mvconf/port.h"
#include "replay_command.h"
#include "run_command.h"

namespace {

using namespace mvconf::cli;

Action add_serve_command(CLI::App &app) {
  auto port = std::make_shared<std::string>();
  CLI::App *serve = app.add_subcommand(
      "serve", "offer an in-process port over JSON Lines (docs/out-of-process.md)");
  serve
      ->add_option("--port", *port,
                   "the port to serve: impl, impl:3.X, mutant:NAME, cpython, PATH.so")
      ->type_name("SPEC")
      ->required();
  return [port] {
    std::string error;
    const mvconf_port *table = mvconf::harness::open_table(*port, error);
    if (!table) throw UsageError(error);
    return mvconf::harness::serve(table);
  };
}

// What `mvconf --version` prints: the version, then what this build talks to and where it
// finds its files (relative to the executable, so a moved install shows its new place).
std::string version_text() {
  std::string servers;
  for (const auto &v : mvconf::harness::oracle_server_versions())
    servers += (servers.empty() ? "; servers for " : ", ") + v;
  if (const std::string py = mvconf::harness::pyodide_version(); !py.empty())
    servers += "; Pyodide for " + py + " (Python level)";
  return std::string("mvconf " MVCONF_VERSION) + "\nport ABI: " + std::to_string(MVCONF_ABI_MAJOR) +
         "." + std::to_string(MVCONF_ABI_MINOR) +
         "\noracle: embedded CPython " MVCONF_PYTHON_VERSION + servers +
         "\ncorpus: " + mvconf::harness::corpus_dir();
}

// The message of an error from a library layer may already carry the program's name.
std::string without_prefix(std::string message) {
  while (message.rfind("mvconf: ", 0) == 0) message.erase(0, 8);
  return message;
}

// CLI11's words, where they are unclear: "--cases: 1 required N missing" for an option given
// without its value.
std::string parse_error_message(std::string message) {
  const std::string needs = ": 1 required ", missing = " missing";
  const auto at = message.find(needs);
  if (at != std::string::npos && message.size() >= at + needs.size() + missing.size() &&
      message.compare(message.size() - missing.size(), missing.size(), missing) == 0)
    message =
        message.substr(0, at) + " needs a value (" +
        message.substr(at + needs.size(), message.size() - missing.size() - at - needs.size()) +
        ")";
  return without_prefix(message);
}

}  // namespace

int main(int argc, char **argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a port that dies mid-write must not take the harness along
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command_line = "mvconf";
  for (const auto &a : args) command_line += " " + a;

  CLI::App app("mvconf: CPython's memoryview and buffer protocol, checked against CPython",
               "mvconf");
  app.set_version_flag("--version", version_text, "print the version and where files are found");
  app.require_subcommand(1, 1);
  app.footer(
      "With no subcommand, mvconf runs `run` with the options given (mvconf --port impl ...).\n"
      "Each subcommand has its own --help.\n"
      "Exit status: 0 nothing unexpected diverged, 1 something did, 2 bad usage.");
  std::map<std::string, Action> actions;
  actions["run"] = add_run_command(app, argv[0], command_line);
  actions["replay"] = add_replay_command(app);
  actions["serve"] = add_serve_command(app);
  actions["list"] = add_list_command(app);
  actions["mutants"] = add_mutants_command(app);
  actions["diff-versions"] = add_diff_versions_command(app);
  actions["exporters"] = add_exporters_command(app, argv[0], command_line);
  actions["matrix"] = add_matrix_command(app);
  actions["merge"] = add_merge_command(app, command_line);

  // `mvconf [OPTIONS]` is `mvconf run [OPTIONS]`, as it always was (ctest's gtest discovery
  // calls it that way); the program's own --help and --version stay the program's.
  std::string command = "run";
  if (!args.empty() && actions.count(args[0])) {
    command = args[0];
  } else if (args.empty() || (args[0] != "--help" && args[0] != "-h" && args[0] != "--version")) {
    if (!args.empty() && args[0].rfind("-", 0) != 0) {
      std::fprintf(stderr, "mvconf: unknown command '%s'\nRun 'mvconf --help' for the commands.\n",
                   args[0].c_str());
      return 2;
    }
    args.insert(args.begin(), "run");
  } else {
    command = "";
  }
  const std::string who = command.empty() ? "mvconf" : "mvconf " + command;
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 parses from the back
    app.parse(reversed);
    return actions[command]();
  } catch (const CLI::Success &e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ExtrasError &) {
    // CLI11 lists them in reverse order; the subcommand's own list is in the order typed.
    const auto parsed = app.get_subcommands();
    std::string extra;
    for (const auto &a : (parsed.empty() ? &app : parsed.front())->remaining())
      extra += (extra.empty() ? "" : " ") + a;
    std::fprintf(stderr, "%s: unexpected argument(s): %s\nRun '%s --help' for its options.\n",
                 who.c_str(), extra.c_str(), who.c_str());
    return 2;
  } catch (const CLI::ParseError &e) {
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for its options.\n", who.c_str(),
                 parse_error_message(e.what()).c_str(), who.c_str());
    return 2;
  } catch (const std::exception &e) {  // UsageError, and what the harness refuses
    std::fprintf(stderr, "%s: %s\n", who.c_str(), without_prefix(e.what()).c_str());
    return 2;
  }
}
