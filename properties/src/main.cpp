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
#include "mvconf/harness/features.h"
#include "mvconf/harness/ports.h"
#include "mvconf/harness/run_case.h"
#include "mvconf/harness/session.h"
#include "replay_command.h"
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
    "  --max-classes N  divergence classes shrunk per property (default 8)\n"
    "  --max-shrinks N  evaluations spent shrinking one class (default 3000)\n"
    "  --fail-fast      stop each property at its first divergence class\n"
    "  -v               (replay) print the oracle's outcome of every case\n"
    "\n"
    "SPEC: impl | impl:3.X | mutant:NAME | cpython | cpython:3.X | cpython:PYTHON | PATH.so |\n"
    "      exec:COMMAND | python:COMMAND | pypy\n"
    "Exit status: 0 nothing unexpected diverged, 1 something did, 2 bad usage.\n"
    "Environment: RC_PARAMS (extra RapidCheck parameters, applied last), MVCONF_EXPLORE=1,\n"
    "MVCONF_TRACE=1 (print every case before it runs).\n";

constexpr unsigned long long kPinnedSeed = 20261125;

struct Options {
  std::string command = "run";
  std::string port = "impl", oracle = "cpython";
  std::string cases = MVCONF_RC_CASES_STR, seed, expect, json, junit, markdown;
  std::string max_classes = "8", max_shrinks = "3000";
  int timeout_ms = 10000;
  bool verbose = false, listing = false, oracle_given = false, fail_fast = false;
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

// The oracle defaults to the CPython the port targets: a port for 3.9 judged by 3.11 would
// report every 3.10 and 3.11 change as its own bug. When that CPython has no oracle here, the
// run says so first, and every report repeats it.
bool open_ports(const Options &o, std::string &error) {
  auto subject = open_port(o.port, o.timeout_ms, error);
  if (!subject) return false;
  auto reference = open_port(o.oracle, o.timeout_ms, error);
  if (!reference) return false;
  if (!o.oracle_given && subject->version() != reference->version()) {
    std::string why;
    if (auto matching = open_port("cpython:" + subject->version(), o.timeout_ms, why)) {
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
  set_subject_spec(o.port);
  set_ports(std::move(reference), std::move(subject));
  return true;
}

// gtest's own flags that mean something for a run; gtest answers any other --gtest_ flag with
// its help text and exit 0, which would be a green run that checked nothing.
bool known_gtest_flag(const std::string &arg) {
  static const char *const flags[] = {
      "--gtest_filter",          "--gtest_list_tests", "--gtest_also_run_disabled_tests",
      "--gtest_repeat",          "--gtest_shuffle",    "--gtest_random_seed",
      "--gtest_color",           "--gtest_brief",      "--gtest_print_time",
      "--gtest_output",          "--gtest_fail_fast",  "--gtest_break_on_failure",
      "--gtest_catch_exceptions"};
  const std::string name = arg.substr(0, arg.find('='));
  for (const char *f : flags)
    if (name == f) return true;
  return false;
}

std::vector<std::string> all_properties() {
  std::vector<std::string> names;
  const testing::UnitTest &unit = *testing::UnitTest::GetInstance();
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const testing::TestSuite *suite = unit.GetTestSuite(i);
    for (int j = 0; j < suite->total_test_count(); ++j)
      names.push_back(std::string(suite->name()) + "." + suite->GetTestInfo(j)->name());
  }
  return names;
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
  if (gargc > 1) return usage_error(std::string("gtest did not accept '") + gargv[1] + "'");
  if (o.listing) return RUN_ALL_TESTS();  // test discovery: no Python, no port processes
  check_expectation_properties(all_properties());
  testing::UnitTest::GetInstance()->listeners().Append(new ProgressListener);
  // The verdict comes from the results, after expectations, not from gtest alone.
  if (RUN_ALL_TESTS() != 0) std::fflush(stdout);  // the verdict is collect_results's
  std::fflush(stdout);
  const testing::UnitTest &unit = *testing::UnitTest::GetInstance();
  if (unit.test_to_run_count() == 0)
    return usage_error("no property matches the filter (see `mvconf run --gtest_list_tests`)");
  RunResults results = collect_results(unit, params);
  results.command = o.command_line;
  print_report(results);
  int status = results.exit_status();
  const std::pair<const std::string &, void (*)(const RunResults &, const std::string &)>
      outputs[] = {{o.json, write_json}, {o.junit, write_junit}, {o.markdown, write_markdown}};
  for (const auto &[path, write] : outputs) {
    if (path.empty()) continue;
    try {
      write(results, path);
    } catch (const std::exception &e) {
      std::fprintf(stderr, "mvconf: %s\n", e.what());
      status = 1;
    }
  }
  return status;
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
  const std::map<std::string, std::string *> valued = {{"--port", &o.port},
                                                       {"--oracle", &o.oracle},
                                                       {"--cases", &o.cases},
                                                       {"--seed", &o.seed},
                                                       {"--expect", &o.expect},
                                                       {"--json", &o.json},
                                                       {"--junit", &o.junit},
                                                       {"--markdown", &o.markdown},
                                                       {"--max-classes", &o.max_classes},
                                                       {"--max-shrinks", &o.max_shrinks}};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    const auto eq = a.find('=');
    const std::string key = a.substr(0, eq);
    if (a == "--help" || a == "-h") {
      std::fputs(usage, stdout);
      return 0;
    } else if (auto it = valued.find(key); it != valued.end()) {
      o.oracle_given = o.oracle_given || key == "--oracle";
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
    } else if (a == "--fail-fast") {
      o.fail_fast = true;
    } else if (a.rfind("--gtest_", 0) == 0 && o.command != "replay") {
      if (!known_gtest_flag(a)) return usage_error("unknown gtest option '" + a + "'");
      if (a == "--gtest_list_tests") o.listing = true;
      o.rest.push_back(a);
    } else if (o.command == "replay" && a.rfind("-", 0) != 0) {
      o.rest.push_back(a);
    } else {
      return usage_error("unknown argument '" + a + "'");
    }
  }
  // Whole positive numbers only: "--cases 0" would be a green run of nothing.
  auto positive = [](const std::string &v, long long max) {
    if (v.empty() || v.size() > 10 || v.find_first_not_of("0123456789") != std::string::npos)
      return false;
    const long long n = std::stoll(v);
    return n >= 1 && n <= max;
  };
  if (!positive(o.cases, 2000000000)) return usage_error("--cases needs a whole number from 1");
  if (!positive(o.max_classes, 100000)) return usage_error("--max-classes needs a number from 1");
  if (!positive(o.max_shrinks, 2000000000))
    return usage_error("--max-shrinks needs a number from 1");
  class_limits().max_classes = std::stoi(o.max_classes);
  class_limits().max_shrinks = std::stol(o.max_shrinks);
  class_limits().fail_fast = o.fail_fast;

  try {
    if (!o.expect.empty()) expectations() = load_expectations(o.expect);
    for (const std::string *out : {&o.json, &o.junit, &o.markdown})
      if (!out->empty()) check_writable(*out);
    std::string error;
    if (o.command == "list") {
      std::printf("ports:\n");
      for (const auto &[name, what] : known_ports())
        std::printf("  %-36s %s\n", name.c_str(), what.c_str());
      std::printf("operations:\n");
      for (const auto &op : operations()) std::printf("  %s\n", op.c_str());
      std::printf("features:");
      for (const char *f : kFeatures) std::printf(" %s", f);
      std::printf("\n");
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
      return replay_command(o.rest, o.verbose);
    }
    return run_suite(o, argv[0]);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mvconf: %s\n", e.what());
    return 2;
  }
}
