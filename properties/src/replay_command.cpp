#include "replay_command.h"

#include <cstdio>
#include <fstream>
#include <memory>

#include "mvconf/harness/check.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/expectations.h"
#include "mvconf/harness/memory_map.h"

namespace mvconf::cli {
namespace {

using namespace mvconf::harness;

struct ReplayOptions {
  PortOptions ports;
  std::vector<std::string> files;
  std::string expect;
  bool verbose = false;
  std::string svg;  // prefix of the memory maps of diverging cases ("" for none)
};

// The picture of a diverging case, numbered in the order the cases diverged.
void write_memory_map(const std::string &prefix, int n, const Case &c, const std::string &report) {
  const std::string svg = memory_map_svg(to_line(c), report);
  if (svg.empty()) {
    std::printf("  memory map: none (the case has no layout to draw)\n");
    return;
  }
  const std::string path = prefix + "-" + std::to_string(n) + ".svg";
  std::ofstream out(path);
  out << svg;
  if (!out.flush()) throw UsageError("cannot write the memory map " + path);
  std::printf("  memory map: %s\n", path.c_str());
}

// The same reasons a property is skipped for: a feature one side does not declare.
std::string skip_reason(const Case &c) {
  const char *feature = feature_of(c.op);
  if (!subject_has(feature)) return missing_feature_reason(feature);
  if (!harness::oracle().has(feature))
    return std::string("oracle does not implement feature '") + feature + "'";
  if (has_unhashable_exporter(c) &&
      !(subject_has("exporter_hash") && harness::oracle().has("exporter_hash")))
    return "unhashable exporter, and a side does not declare exporter_hash";
  return "";
}

// A line that names its property is judged by that property's expectations; a line that does
// not is matched on its class alone (docs/expectations.md).
const Expectation *expected(const std::string &property, const std::string &signature) {
  if (!property.empty()) return expected_class(property, signature);
  for (const auto &e : expectations())
    if (e.expect == "fail" && names_class(e, signature)) return &e;
  return nullptr;
}

int replay(const std::vector<std::string> &paths, bool verbose, const std::string &svg) {
  int passed = 0, expected_n = 0, failed = 0, skipped = 0, invalid = 0;
  for (const auto &path : paths) {
    std::vector<CorpusEntry> entries;
    try {
      entries = load_corpus(path);
    } catch (const std::exception &e) {
      throw UsageError(e.what());
    }
    for (const auto &entry : entries) {
      if (!entry.error.empty()) {
        ++invalid;
        std::printf("INVALID %s: %s\n", entry.where.c_str(), entry.error.c_str());
        continue;
      }
      if (std::string why = skip_reason(entry.c); !why.empty()) {
        ++skipped;
        std::printf("SKIP %s: %s\n", entry.where.c_str(), why.c_str());
        continue;
      }
      Outcome want;
      const Divergence d = compare_case(entry.c, &want, entry.property);
      if (verbose)
        std::printf("%s\n  case: %s\n  %s: %s\n", entry.where.c_str(), to_line(entry.c).c_str(),
                    harness::oracle().name().c_str(),
                    want.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      if (!d) {
        ++passed;
        continue;
      }
      std::string fresh, known;
      for (const auto &k : d.classes) {
        if (const Expectation *e = expected(entry.property, k))
          known += "\n  expected class " + k + " (" + e->reason + ")";
        else
          fresh += "\n  new class " + k;
      }
      if (fresh.empty()) {
        ++expected_n;
        std::printf("EXPECTED %s:%s\n", entry.where.c_str(), known.c_str());
        continue;
      }
      ++failed;
      std::printf("DIFF %s\n%s\n", entry.where.c_str(), d.report.c_str());
      if (!svg.empty()) write_memory_map(svg, failed, entry.c, d.report);
    }
  }
  std::printf("replay: %d passed, %d expected, %d skipped, %d failed, %d invalid\n", passed,
              expected_n, skipped, failed, invalid);
  if (passed + expected_n + failed == 0) {
    std::printf("NOT A PASS: no case was compared\n");
    return 1;
  }
  return failed || invalid ? 1 : 0;
}

}  // namespace

Action add_replay_command(CLI::App &app) {
  auto o = std::make_shared<ReplayOptions>();
  CLI::App *cmd = app.add_subcommand("replay", "judge JSON-lines case files exactly as run does");
  cmd->add_option("files", o->files, "case files (.jsonl) or directories of them")
      ->type_name("FILE");
  add_port_options(*cmd, o->ports);
  cmd->add_option("--expect", o->expect, "known divergences of the port (docs/expectations.md)")
      ->type_name("FILE");
  cmd->add_flag("-v,--verbose", o->verbose, "print every case and the oracle's outcome");
  cmd->add_option("--svg", o->svg,
                  "write each diverging case's memory map as PREFIX-N.svg (docs/conformance.md)")
      ->type_name("PREFIX");
  cmd->footer(
      "Exit status: 0 every case passed or was expected, 1 a case diverged or is invalid (or\n"
      "none was compared), 2 bad usage or an unreadable file.");
  return [o] {
    if (o->files.empty()) throw UsageError("needs a case file (.jsonl) or a directory of them");
    if (!o->expect.empty()) load_expect_file(o->ports, o->expect);
    open_ports(o->ports);
    return replay(o->files, o->verbose, o->svg);
  };
}

}  // namespace mvconf::cli
