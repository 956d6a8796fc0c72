// `mvconf exporters`: the exporter side of the buffer protocol. A factory's objects are asked
// for their buffer with every request through the embedded CPython, and the grants are held
// to the contract (docs/exporters.md); the run, classes, expectations and reports are those of
// `mvconf run`, with the exporter in the place of the port.
#include "exporters_command.h"

#include <cstdio>
#include <memory>

#include "mvconf/harness/exporter_contract.h"
#include "mvconf/harness/exporter_layouts.h"
#include "mvconf/oracle/exporter_probe.h"
#include "run_command.h"

namespace mvconf::cli {
namespace {

using namespace mvconf::harness;
using nlohmann::json;

struct ExporterOptions {
  RunOptions run;
  std::string exporter, layout;
  std::vector<std::string> paths;
};

json described(const std::string &exporter) {
  try {
    return mvconf::oracle::describe_exporter(exporter);
  } catch (const std::exception &e) {
    throw UsageError(e.what());
  }
}

// One layout, as a report's replay line gives it: the violations, exit 1 if any.
int replay_layout(const ExporterOptions &o) {
  json layout;
  try {
    layout = json::parse(o.layout);
  } catch (const std::exception &e) {
    throw UsageError("--layout: not JSON: " + std::string(e.what()));
  }
  if (!layout.is_object()) throw UsageError("--layout: needs a JSON object");
  const json probe = mvconf::oracle::probe_exporter(o.exporter, layout);
  if (!probe.value("made", false) && !probe.contains("factory_error")) {
    std::printf("exporter '%s' cannot make this layout (the factory returned None)\n",
                o.exporter.c_str());
    return 1;  // nothing was checked: never a green verdict
  }
  const std::vector<Violation> found = contract_violations(probe);
  if (found.empty()) {
    std::printf("exporter '%s' (%s) honours every request for this layout\n", o.exporter.c_str(),
                probe.value("type", "?").c_str());
    return 0;
  }
  std::printf("%s", violations_report(o.exporter, layout, found).c_str());
  return 1;
}

}  // namespace

Action add_exporters_command(CLI::App &app, const char *argv0, const std::string &command_line) {
  auto o = std::make_shared<ExporterOptions>();
  CLI::App *sub = app.add_subcommand(
      "exporters", "check a buffer exporter against the request-flag contract (docs/exporters.md)");
  sub->add_option("--exporter", o->exporter,
                  "a shipped factory (mvconf list exporters) or module:function")
      ->type_name("NAME")
      ->required();
  sub->add_option("--path", o->paths, "a directory to import factory modules from (repeatable)")
      ->type_name("DIR");
  sub->add_option("--layout", o->layout, "check this one layout (a report's replay line)")
      ->type_name("JSON");
  add_suite_options(sub, &o->run);
  sub->footer(
      "Exit status: 0 the exporter honoured every request (or only expected classes showed),\n"
      "1 something else did or nothing was checked, 2 bad usage.");
  return [o, argv0, command_line] {
    exporter_under_test() = o->exporter;
    open_exporter_factories(o->paths);
    const json d = described(o->exporter);
    if (!o->layout.empty()) return replay_layout(*o);
    if (d.contains("unavailable"))
      std::printf("mvconf: exporter '%s' unavailable: %s\n", o->exporter.c_str(),
                  d.value("unavailable", "").c_str());
    SuiteMode mode;
    mode.filter = "Exporters.*";
    mode.relabel = [o](RunResults &r) {
      r.port = "exporter:" + o->exporter;
      r.port_version = r.oracle_version;
      r.version_note.clear();
    };
    return run_suite(o->run, argv0, command_line, mode);
  };
}

}  // namespace mvconf::cli
