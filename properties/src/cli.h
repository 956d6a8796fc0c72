// What the `mvconf` subcommands share: usage errors, number validation, and the two ports a
// comparing command (run, replay) opens. Each subcommand lives in its own *_command.cpp and
// registers itself on the CLI11 app with an add_*_command() function.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>

namespace mvconf::cli {

/// A command line mvconf cannot act on; main() prints it and exits with status 2. Throw it
/// from a command for input errors found after parsing (a bad port spec, an unreadable file).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// What a registered subcommand does once its options are parsed; returns the exit status.
using Action = std::function<int()>;

/// Validator for a whole number from 1 to `max` (CLI11 prefixes the option: "--cases: needs a
/// whole number from 1 ..."); attach it to a numeric option with ->check().
CLI::Validator whole_number(long long max);

/// --port, --oracle and --timeout, shared by run and replay. To add a port option, add a field
/// here and register it in add_port_options().
struct PortOptions {
  std::string port = "impl";       ///< --port: the port under test
  std::string oracle = "cpython";  ///< --oracle: the reference port
  int timeout_ms = 10000;          ///< --timeout: per-case limit of out-of-process ports
  /// Whether --oracle was given (otherwise the oracle follows the port's target version).
  bool oracle_given() const;
  /// The oracle the --expect file was written against ("" when it names none): the run's
  /// oracle, and --oracle may not name another.
  std::string expect_oracle;
  /// --without: features of the port this run leaves out (each one the port declares).
  std::vector<std::string> without;
  /// Where expect_oracle comes from, for messages.
  std::string expect_file;
  /// The registered --oracle option (set by add_port_options), for oracle_given().
  CLI::Option *oracle_option = nullptr;
};

/// Register --port, --oracle, --without and --timeout on `app`, filling `o`.
void add_port_options(CLI::App &app, PortOptions &o);

/// Open the oracle and the port under test into the session (session.h); throws UsageError
/// when a spec is wrong or a port cannot start. Prints a line when the oracle is switched to
/// the port's target CPython, or when no oracle for it is available.
void open_ports(const PortOptions &o);
/// --expect FILE: loads the run's expectations and records the oracle the file names in `o`
/// (before open_ports). Throws std::runtime_error on an unreadable or malformed file.
void load_expect_file(PortOptions &o, const std::string &file);

}  // namespace mvconf::cli
