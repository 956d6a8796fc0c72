#include "cli.h"

#include <cstdio>
#include <cstdlib>

#include "mvconf/harness/expectations.h"
#include "mvconf/harness/features.h"
#include "mvconf/harness/ports.h"
#include "mvconf/harness/session.h"

namespace mvconf::cli {

CLI::Validator whole_number(long long max) {
  // Checked as text before CLI11 converts it: "--cases 0" or "--cases 1e3" would otherwise be
  // a green run of nothing or a conversion error that does not say what is accepted.
  return CLI::Validator(
      [max](std::string &v) -> std::string {
        const bool digits =
            !v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos;
        if (digits) {
          const long long n = std::stoll(v);
          if (n >= 1 && n <= max) return "";
        }
        return "needs a whole number from 1 to " + std::to_string(max) + ", not '" + v + "'";
      },
      "");
}

bool PortOptions::oracle_given() const { return oracle_option && oracle_option->count() > 0; }

void add_port_options(CLI::App &app, PortOptions &o) {
  app.add_option("--port", o.port, "port under test (mvconf list ports)")
      ->type_name("SPEC")
      ->capture_default_str();
  o.oracle_option =
      app.add_option("--oracle", o.oracle,
                     "reference port (default cpython, or cpython:3.X for a port targeting 3.X)")
          ->type_name("SPEC");
  app.add_option(
         "--without", o.without,
         "leave out a feature the port declares: its properties are skipped, each saying so")
      ->type_name("FEATURE");
  app.add_option("--timeout", o.timeout_ms, "per-case answer limit of out-of-process ports, in ms")
      ->type_name("MS")
      ->check(whole_number(86400000))
      ->capture_default_str();
}

namespace {
// The native oracle closest to CPython `version` other than it (the older of two as close).
std::string nearest_other_server(const std::string &version) {
  const auto minor = [](const std::string &v) { return std::stoi(v.substr(2)); };
  std::string best;
  for (const auto &v : mvconf::harness::oracle_server_versions())
    if (v != version && (best.empty() || std::abs(minor(v) - minor(version)) <
                                             std::abs(minor(best) - minor(version))))
      best = v;
  return best;
}

std::string declared(const mvconf::harness::Subject &port) {
  std::string out;
  for (const char *f : mvconf::harness::kFeatures)
    if (port.has(f)) out += (out.empty() ? "" : ", ") + std::string(f);
  return out.empty() ? "none" : out;
}
}  // namespace

void load_expect_file(PortOptions &o, const std::string &file) {
  mvconf::harness::expectations() = mvconf::harness::load_expectations(file, &o.expect_oracle);
  o.expect_file = file;
}

void open_ports(const PortOptions &o) {
  using namespace mvconf::harness;
  std::string error;
  auto subject = open_port(o.port, o.timeout_ms, error);
  if (!subject) throw UsageError(error);
  if (!o.expect_oracle.empty() && o.oracle_given() && o.oracle != o.expect_oracle)
    throw UsageError(o.expect_file + " lists differences from --oracle " + o.expect_oracle +
                     ": judged by " + o.oracle + ", its classes would not be this port's");
  const std::string &oracle = o.expect_oracle.empty() ? o.oracle : o.expect_oracle;
  auto reference = open_port(oracle, o.timeout_ms, error);
  if (!reference)
    throw UsageError(o.expect_oracle.empty() ? error
                                             : o.expect_file + " needs its oracle " + oracle +
                                                   ", which cannot be opened: " + error);
  // The oracle defaults to the CPython the port targets: a port for 3.9 judged by 3.11 would
  // report every 3.10 and 3.11 change as its own bug. When that CPython has no oracle here,
  // the run says so first, and every report repeats it.
  if (!o.oracle_given() && o.expect_oracle.empty() && subject->version() != reference->version()) {
    std::string why;
    auto matching = open_port("cpython:" + subject->version(), o.timeout_ms, why);
    // An oracle as the port (Pyodide, the oracle of the CPython it carries, or cpython:3.X):
    // judged by itself, it would pass having compared nothing. It is judged by the nearest
    // other native CPython instead (3.13 for Pyodide's 3.14, 3.9 for 3.8), and says so.
    if (matching && matching->name() == subject->name()) {
      why = "the port is that version's oracle itself";
      matching.reset();
      const std::string nearest = nearest_other_server(subject->version());
      std::string error;
      if (!nearest.empty())
        if (auto native = open_port("cpython:" + nearest, o.timeout_ms, error))
          reference = std::move(native);
    }
    if (matching) {
      std::printf("mvconf: the port targets CPython %s: the oracle is %s\n",
                  subject->version().c_str(), matching->name().c_str());
      reference = std::move(matching);
    } else {
      std::printf(
          "mvconf: NOTE: the port targets CPython %s but no oracle for it is available "
          "(%s); judging against %s\n",
          subject->version().c_str(), why.c_str(), reference->name().c_str());
    }
  }
  for (const auto &f : o.without)
    if (!subject->has(f))
      throw UsageError("--without " + f + ": the port declares no such feature (it declares: " +
                       declared(*subject) + ")");
  excluded_features() = o.without;
  set_subject_spec(o.port);
  set_ports(std::move(reference), std::move(subject));
}

}  // namespace mvconf::cli
