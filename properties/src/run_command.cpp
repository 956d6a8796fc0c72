// `mvconf run`: the RapidCheck properties run as gtest tests against the open ports, then the
// report and the report files. gtest options pass through; gtest's printer is replaced by the
// quiet progress listener unless -v.
#include "run_command.h"

#include <rapidcheck/detail/Configuration.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <random>

#include "mvconf/harness/classes.h"
#include "mvconf/harness/expectations.h"
#include "mvconf/harness/session.h"
#include "progress.h"
#include "report.h"

namespace mvconf::cli {
namespace {

using namespace mvconf::harness;

constexpr unsigned long long kPinnedSeed = 20261125;

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

// The arguments CLI11 left over must all be gtest flags it knows.
std::vector<std::string> gtest_args(const CLI::App &app) {
  std::vector<std::string> out;
  for (const std::string &a : app.remaining()) {
    if (a.rfind("--gtest_", 0) == 0) {
      if (!known_gtest_flag(a)) throw UsageError("unknown gtest option '" + a + "'");
      out.push_back(a);
    } else if (a.rfind("-", 0) == 0) {
      throw UsageError("unknown option '" + a + "' (see mvconf run --help)");
    } else {
      throw UsageError("unexpected argument '" + a + "' (run takes no files; see mvconf replay)");
    }
  }
  return out;
}

// Reproducible by default: a pinned seed unless the user asks to explore. The user's
// RC_PARAMS come last, so they override only what they name.
std::string rc_params(const RunOptions &o) {
  std::string seed = o.seed.empty() ? std::to_string(kPinnedSeed) : o.seed;
  if (const char *e = std::getenv("MVCONF_EXPLORE");
      o.seed.empty() && e && *e && std::strcmp(e, "0") != 0)
    seed = std::to_string(std::random_device{}() * 4294967296ULL + std::random_device{}());
  // A shard walks the whole run's cases (N times --cases) and evaluates its own share of them.
  const long long walk = std::stoll(o.cases) * shard().count;
  std::string params = "seed=" + seed + " max_success=" + std::to_string(walk);
  if (const char *user = std::getenv("RC_PARAMS"); user && *user) params += std::string(" ") + user;
  return params;
}

// "I/N" into shard(); anything else is a usage error.
void set_shard(const RunOptions &o) {
  shard() = Shard{};
  if (o.shard.empty()) return;
  const auto slash = o.shard.find('/');
  const auto whole = [](const std::string &t) {
    return !t.empty() && t.size() <= 5 && t.find_first_not_of("0123456789") == std::string::npos;
  };
  const std::string i = o.shard.substr(0, slash),
                    n = slash == std::string::npos ? "" : o.shard.substr(slash + 1);
  if (!whole(i) || !whole(n) || std::stoi(i) < 1 || std::stoi(i) > std::stoi(n))
    throw UsageError("--shard: needs I/N with 1 <= I <= N <= 99999 (shard 2 of 4: 2/4), not '" +
                     o.shard + "'");
  shard() = Shard{std::stoi(i), std::stoi(n)};
  if (std::stoll(o.cases) * shard().count > 2000000000)
    throw UsageError("--shard " + o.shard + ": " + o.cases + " cases times " + n +
                     " shards is more cases than RapidCheck counts (2000000000)");
}

}  // namespace

void write_report_files(const RunResults &results, const std::string &json,
                        const std::string &junit, const std::string &markdown, int &status) {
  const std::pair<const std::string &, void (*)(const RunResults &, const std::string &)>
      outputs[] = {{json, write_json}, {junit, write_junit}, {markdown, write_markdown}};
  for (const auto &[path, write] : outputs) {
    if (path.empty()) continue;
    try {
      write(results, path);
    } catch (const std::exception &e) {
      // The run happened: its verdict stands, and the missing file fails it.
      std::fprintf(stderr, "mvconf: %s\n", e.what());
      status = 1;
    }
  }
}

int run_suite(const RunOptions &o, const char *argv0, const std::string &command_line,
              const SuiteMode &mode) {
  std::vector<std::string> args = gtest_args(*o.app);
  bool filtered = false;
  for (const auto &a : args) filtered = filtered || a.rfind("--gtest_filter", 0) == 0;
  if (!filtered) args.insert(args.begin(), "--gtest_filter=" + mode.filter);
  bool listing = false;
  for (const auto &a : args) listing = listing || a == "--gtest_list_tests";
  class_limits().max_classes = o.max_classes;
  class_limits().max_shrinks = o.max_shrinks;
  class_limits().fail_fast = o.fail_fast;
  set_shard(o);
  verbose_output() = o.verbose;
  PortOptions ports = o.ports;
  if (!o.expect.empty()) load_expect_file(ports, o.expect);
  // Before the run, so a typo in an output path does not cost the run.
  for (const std::string *out : {&o.json, &o.junit, &o.markdown})
    if (!out->empty()) check_writable(*out);
  if (!listing) open_ports(ports);  // test discovery: no Python, no port processes

  const std::string params = rc_params(o);
  setenv("RC_PARAMS", params.c_str(), 1);
  if (!listing) std::printf("mvconf: RC_PARAMS=\"%s\"\n", params.c_str());
  if (!o.verbose && !listing) {
    // RapidCheck announces its configuration on stderr when first asked for it; the
    // RC_PARAMS line above already says it all.
    std::streambuf *err = std::cerr.rdbuf(nullptr);
    rc::detail::configuration();
    std::cerr.rdbuf(err);
  }
  std::string name = argv0;
  std::vector<char *> gargv = {name.data()};
  for (auto &a : args) gargv.push_back(a.data());
  int gargc = static_cast<int>(gargv.size());
  gargv.push_back(nullptr);  // argv[argc] is NULL by contract, and gtest reads it
  testing::InitGoogleTest(&gargc, gargv.data());
  if (gargc > 1) throw UsageError(std::string("gtest did not accept '") + gargv[1] + "'");
  if (listing) return RUN_ALL_TESTS();
  check_expectation_properties(all_properties());
  testing::TestEventListeners &listeners = testing::UnitTest::GetInstance()->listeners();
  if (!o.verbose) delete listeners.Release(listeners.default_result_printer());
  listeners.Append(new ProgressListener(!o.verbose));
  // The verdict comes from the results, after expectations, not from gtest's own.
  [[maybe_unused]] const int gtest_verdict = RUN_ALL_TESTS();
  std::fflush(stdout);
  const testing::UnitTest &unit = *testing::UnitTest::GetInstance();
  if (unit.test_to_run_count() == 0)
    throw UsageError("no property matches the filter (see mvconf list properties)");
  RunResults results = collect_results(unit, params);
  results.command = command_line;
  results.expect_file = o.expect;
  if (mode.relabel) mode.relabel(results);
  print_report(results, o.verbose);
  int status = results.exit_status();
  write_report_files(results, o.json, o.junit, o.markdown, status);
  return status;
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

void add_suite_options(CLI::App *run, RunOptions *o) {
  o->app = run;
  run->allow_extras();  // gtest's options, checked in gtest_args()
  run->add_option("--cases", o->cases, "cases per property")
      ->type_name("N")
      ->check(whole_number(2000000000))
      ->capture_default_str();
  run->add_option("--seed", o->seed, "RapidCheck seed (default pinned; MVCONF_EXPLORE=1 draws one)")
      ->type_name("S")
      ->check(CLI::Validator(
          [](std::string &v) -> std::string {
            const bool ok = !v.empty() && v.size() <= 19 &&
                            v.find_first_not_of("0123456789") == std::string::npos;
            return ok ? "" : "needs a whole number, not '" + v + "'";
          },
          ""));
  run->add_option("--expect", o->expect, "known divergences of the port (docs/expectations.md)")
      ->type_name("FILE");
  run->add_option("--json", o->json, "also write the results as JSON")->type_name("FILE");
  run->add_option("--junit", o->junit, "also write the results as JUnit XML")->type_name("FILE");
  run->add_option("--markdown", o->markdown, "also write the results as Markdown")
      ->type_name("FILE");
  run->add_option("--max-classes", o->max_classes, "divergence classes shrunk per property")
      ->type_name("N")
      ->check(whole_number(100000))
      ->capture_default_str();
  run->add_option("--max-shrinks", o->max_shrinks, "evaluations spent shrinking one class")
      ->type_name("N")
      ->check(whole_number(2000000000))
      ->capture_default_str();
  run->add_flag("--fail-fast", o->fail_fast, "stop each property at its first divergence class");
  run->add_option("--shard", o->shard,
                  "one of N jobs: the cases I, I+N, ... of a run with N times --cases "
                  "(mvconf merge adds the N JSON results up)")
      ->type_name("I/N");
  run->add_flag("-v,--verbose", o->verbose,
                "also print gtest's lines, RapidCheck's distributions and the coverage tables");
}

Action add_run_command(CLI::App &app, const char *argv0, const std::string &command_line) {
  auto o = std::make_shared<RunOptions>();
  CLI::App *run = app.add_subcommand("run", "run the conformance suite against a port (default)");
  add_port_options(*run, o->ports);
  add_suite_options(run, o.get());
  run->footer(
      "gtest options pass through: --gtest_filter=PATTERN (e.g. 'GetContiguous.*', "
      "'-Fixture.*'),\n"
      "--gtest_list_tests, --gtest_repeat, --gtest_shuffle, --gtest_fail_fast ...\n"
      "Exit status: 0 nothing unexpected diverged, 1 something did (or nothing was compared),\n"
      "2 bad usage. Environment: RC_PARAMS (extra RapidCheck parameters, applied last),\n"
      "MVCONF_EXPLORE=1 (a fresh seed), MVCONF_TRACE=1 (print every case before it runs).");
  // The exporter contract has its own command (mvconf exporters): a port run leaves it out.
  return [o, argv0, command_line] {
    return run_suite(*o, argv0, command_line, SuiteMode{"-Exporters.*", nullptr});
  };
}

}  // namespace mvconf::cli
