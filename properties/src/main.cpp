// mvconf: runs the conformance suite against a port, replays case files, serves a port to
// another process, lists ports.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "diff_versions_command.h"
#include "mutants_command.h"
#include "mvconf/harness/check.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/expectations.h"
#include "mvconf/harness/ports.h"
#include "mvconf/harness/run_case.h"
#include "mvconf/harness/session.h"
#include "report.h"

namespace {

using namespace mvconf::harness;

const char *usage =
    "usage: mvconf [run] [OPTIONS] [gtest options]  run the conformance suite against a port\n"
    "       mvconf replay FILE... [--port SPEC] [-v] replay JSON-lines case files\n"
    "       mvconf serve --port SPEC                 offer an in-process port over JSON Lines\n"
    "       mvconf list                              list ports, operations and features\n"
    "       mvconf mutants [--cases N] [--markdown F] run every mutant, print the kill table\n"
    "       mvconf diff-versions [--cases N] [--markdown F]  differences between CPythons\n"
    "\n"
    "OPTIONS:\n"
    "  --port SPEC      port under test (default impl); see `mvconf list`\n"
    "  --oracle SPEC    reference port (default cpython, the embedded CPython)\n"
    "  --cases N        cases per property (default " MVCONF_RC_CASES_STR
    ")\n"
    "  --seed S         RapidCheck seed (default pinned; MVCONF_EXPLORE=1 draws one)\n"
    "  --expect FILE    known divergences of the port (docs/expectations.md)\n"
    "  --timeout MS     per-case answer limit for out-of-process ports (default 10000)\n"
    "  --json FILE, --junit FILE, --markdown FILE   also write the results there\n"
    "  -v               (replay) print the oracle's outcome of every case\n"
    "\n"
    "SPEC: impl | impl:3.X | mutant:NAME | cpython | cpython:3.X | cpython:PYTHON | PATH.so |\n"
    "      exec:COMMAND | pypy\n"
    "Exit status: 0 nothing unexpected diverged, 1 something did, 2 bad usage.\n"
    "Environment: RC_PARAMS (extra RapidCheck parameters, applied last), MVCONF_EXPLORE=1,\n"
    "MVCONF_TRACE=1 (print every case before it runs).\n";

constexpr unsigned long long kPinnedSeed = 20261125;

struct Options {
  std::string command = "run";
  std::string port = "impl", oracle = "cpython";
  std::string cases = MVCONF_RC_CASES_STR, seed, expect, json, junit, markdown;
  int timeout_ms = 10000;
  bool verbose = false, listing = false;
  std::vector<std::string> rest;  // files (replay) or gtest options (run)
  std::string command_line;       // as typed, for reports
};

int usage_error(const std::string &message) {
  std::fprintf(stderr, "mvconf: %s\n\n%s", message.c_str(), usage);
  return 2;
}

// Reproducible by default: a pinned seed unless the user asks to explore. The user's
// RC_PARAMS come last, so they override only what they name.
std::string rc_params(const Options &o) {
  std::string seed = o.seed.empty() ? std::to_string(kPinnedSeed) : o.seed;
  if (const char *e = std::getenv("MVCONF_EXPLORE");
      o.seed.empty() && e && *e && std::strcmp(e, "0") != 0)
    seed = std::to_string(std::random_device{}() * 4294967296ULL + std::random_device{}());
  std::string params = "seed=" + seed + " max_success=" + o.cases;
  if (const char *user = std::getenv("RC_PARAMS"); user && *user) params += std::string(" ") + user;
  return params;
}

bool open_ports(const Options &o, std::string &error) {
  auto reference = open_port(o.oracle, o.timeout_ms, error);
  if (!reference) return false;
  auto subject = open_port(o.port, o.timeout_ms, error);
  if (!subject) return false;
  set_subject_spec(o.port);
  set_ports(std::move(reference), std::move(subject));
  return true;
}

int replay(const Options &o) {
  int total = 0, failed = 0;
  for (const auto &file : o.rest) {
    for (const auto &entry : load_corpus(file)) {
      ++total;
      if (o.verbose)
        std::printf("%s\n  case: %s\n  %s: %s\n", entry.where.c_str(), to_line(entry.c).c_str(),
                    oracle().name().c_str(), oracle().run(entry.c).dump().c_str());
      const std::string report = compare_case(entry.c);
      if (report.empty()) continue;
      ++failed;
      std::printf("DIFF %s\n%s\n", entry.where.c_str(), report.c_str());
    }
  }
  std::printf("replay: %d passed, %d failed\n", total - failed, failed);
  return failed ? 1 : 0;
}

int run_suite(const Options &o, char *argv0) {
  const std::string params = rc_params(o);
  setenv("RC_PARAMS", params.c_str(), 1);
  if (!o.listing) std::printf("mvconf: RC_PARAMS=\"%s\"\n", params.c_str());
  std::vector<std::string> args = o.rest;
  std::vector<char *> gargv = {argv0};
  for (auto &a : args) gargv.push_back(a.data());
  int gargc = static_cast<int>(gargv.size());
  gargv.push_back(nullptr);  // argv[argc] is NULL by contract, and gtest reads it
  testing::InitGoogleTest(&gargc, gargv.data());
  if (o.listing) return RUN_ALL_TESTS();  // test discovery: no Python, no port processes
  testing::UnitTest::GetInstance()->listeners().Append(new ProgressListener);
  // The verdict comes from the results, after expectations, not from gtest alone.
  if (RUN_ALL_TESTS() != 0 && expectations().empty()) std::fflush(stdout);
  RunResults results = collect_results(*testing::UnitTest::GetInstance(), params);
  results.command = o.command_line;
  print_report(results);
  if (!o.json.empty()) write_json(results, o.json);
  if (!o.junit.empty()) write_junit(results, o.junit);
  if (!o.markdown.empty()) write_markdown(results, o.markdown);
  return results.unexpected() ? 1 : 0;
}

}  // namespace

int main(int argc, char **argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a port that dies mid-write must not take the harness along
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  o.command_line = "mvconf";
  for (const auto &a : args) o.command_line += " " + a;
  if (!args.empty() && (args[0] == "run" || args[0] == "replay" || args[0] == "list" ||
                        args[0] == "serve" || args[0] == "mutants" || args[0] == "diff-versions")) {
    o.command = args[0];
    args.erase(args.begin());
  }
  const std::map<std::string, std::string *> valued = {
      {"--port", &o.port},   {"--oracle", &o.oracle},    {"--cases", &o.cases},
      {"--seed", &o.seed},   {"--expect", &o.expect},    {"--json", &o.json},
      {"--junit", &o.junit}, {"--markdown", &o.markdown}};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    const auto eq = a.find('=');
    const std::string key = a.substr(0, eq);
    if (a == "--help" || a == "-h") {
      std::fputs(usage, stdout);
      return 0;
    } else if (auto it = valued.find(key); it != valued.end()) {
      if (eq != std::string::npos) {
        *it->second = a.substr(eq + 1);
      } else if (i + 1 < args.size()) {
        *it->second = args[++i];
      } else {
        return usage_error(key + " needs a value");
      }
    } else if (key == "--timeout") {
      const std::string v = eq != std::string::npos ? a.substr(eq + 1)
                            : i + 1 < args.size()   ? args[++i]
                                                    : "";
      o.timeout_ms = std::atoi(v.c_str());
      if (o.timeout_ms <= 0) return usage_error("--timeout needs a positive number of ms");
    } else if (a == "-v" || a == "--verbose") {
      o.verbose = true;
    } else if (a.rfind("--gtest_", 0) == 0 || o.command == "replay") {
      if (a == "--gtest_list_tests") o.listing = true;
      o.rest.push_back(a);
    } else {
      return usage_error("unknown argument '" + a + "'");
    }
  }
  if (o.cases.empty() || o.cases.find_first_not_of("0123456789") != std::string::npos)
    return usage_error("--cases needs a number");
  try {
    if (!o.expect.empty()) expectations() = load_expectations(o.expect);
    std::string error;
    if (o.command == "list") {
      std::printf("ports:\n");
      for (const auto &[name, what] : known_ports())
        std::printf("  %-36s %s\n", name.c_str(), what.c_str());
      std::printf("operations:\n");
      for (const auto &op : operations()) std::printf("  %s\n", op.c_str());
      std::printf(
          "features: constructors buffer_functions export_counts reexport size_from_format "
          "copy_data python_api exporter_hash\n");
      return 0;
    }
    if (o.command == "mutants") return mutants_command(o.cases, o.markdown);
    if (o.command == "diff-versions") return diff_versions_command(o.cases, o.markdown);
    if (o.command == "serve") {
      const mvconf_port *port = open_table(o.port, error);
      return port ? serve(port) : usage_error(error);
    }
    if (!o.listing && !open_ports(o, error)) return usage_error(error);
    if (o.command == "replay") {
      if (o.rest.empty()) return usage_error("replay needs a case file");
      return replay(o);
    }
    return run_suite(o, argv[0]);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mvconf: %s\n", e.what());
    return 2;
  }
}
