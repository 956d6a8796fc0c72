// mvconf_bench: cases per CPU-second of one property of each family against the embedded
// CPython, beside the same cases through the oracle alone (the baseline), and with
// --instructions the instructions per case under callgrind. bench/README.md explains the rows.
#include <benchmark/benchmark.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench_rows.h"
#include "instructions.h"
#include "mvconf/harness/session.h"

namespace {

using mvconf::bench::Family;
using mvconf::bench::Row;

struct Options {
  long cases = 2000;
  std::string port = "impl";
  std::string seed = "20261125";  // mvconf run's pinned seed
  bool instructions = false;
};

const char *const kUsage =
    "usage: mvconf_bench [--cases N] [--port SPEC] [--seed S] [--instructions] "
    "[--benchmark_* options]\n"
    "  --cases N        cases per property run (default 2000; 300 under --instructions)\n"
    "  --port SPEC      port under test (default impl), as for mvconf run\n"
    "  --instructions   also count instructions per case under callgrind (slow)\n";

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

struct Total {
  long cases = 0;
  double seconds = 0;
  double rate() const { return seconds > 0 ? double(cases) / seconds : 0; }
};
std::map<std::string, Total> totals;  // by "Family/row"

void bench_row(benchmark::State &state, const Family &f, const Row &row, const std::string &key) {
  mvconf::bench::record_cases(f);  // untimed; the first time only
  long cases = 0;
  double cpu = 0;
  for (auto _ : state) {
    const double start = cpu_seconds();
    cases += row(f);
    cpu += cpu_seconds() - start;
  }
  totals[key].cases += cases;
  totals[key].seconds += cpu;
  state.SetItemsProcessed(cases);
  state.counters["cases_per_cpu_s"] = benchmark::Counter(cpu > 0 ? double(cases) / cpu : 0);
}

void print_summary(const Options &o) {
  std::printf("\nmvconf bench: port %s against %s, %ld cases per property (seed %s)\n",
              o.port.c_str(), mvconf::harness::oracle().name().c_str(), o.cases, o.seed.c_str());
  std::printf("cases per CPU-second:\n%-18s", "family");
  for (const auto &[kind, row] : mvconf::bench::row_kinds()) std::printf(" %12s", kind.c_str());
  std::printf(" %16s\n", "property/oracle");
  for (const Family &f : mvconf::bench::families()) {
    std::printf("%-18s", f.name);
    for (const auto &[kind, row] : mvconf::bench::row_kinds()) {
      const Total &t = totals[std::string(f.name) + "/" + kind];
      if (t.cases == 0)
        std::printf(" %12s", "-");
      else
        std::printf(" %12.0f", t.rate());
    }
    const double whole = totals[std::string(f.name) + "/property"].rate();
    const double oracle = totals[std::string(f.name) + "/oracle"].rate();
    if (whole > 0 && oracle > 0)
      std::printf(" %15.1fx\n", oracle / whole);
    else
      std::printf(" %16s\n", "-");
  }
  std::printf(
      "(property/oracle: CPU time of the whole property over that of the oracle alone "
      "on the same cases)\n");
}

// Our options out of argv (Google Benchmark takes the rest); false on a bad one.
bool parse(int &argc, char **argv, Options &o) {
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string &out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--cases") {
      if (!value(v) || std::atol(v.c_str()) <= 0) return false;
      o.cases = std::atol(v.c_str());
    } else if (a == "--port") {
      if (!value(o.port)) return false;
    } else if (a == "--seed") {
      if (!value(o.seed)) return false;
    } else if (a == "--instructions") {
      o.instructions = true;
    } else if (a == "--help" || a == "-h") {
      return false;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  argv[argc] = nullptr;
  return true;
}

}  // namespace

int main(int argc, char **argv) {
  Options o;
  // Under callgrind (--instructions) this same binary is the child: its options come through
  // the environment, and it runs the rows once without Google Benchmark.
  const char *child = std::getenv("MVCONF_BENCH_CHILD");
  if (child) {
    std::istringstream in(child);
    in >> o.cases >> o.port >> o.seed;
    unsetenv("MVCONF_BENCH_CHILD");
  } else if (!parse(argc, argv, o)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string params = "seed=" + o.seed + " max_success=" + std::to_string(o.cases);
  setenv("RC_PARAMS", params.c_str(), 1);  // read once, at RapidCheck's first use
  if (std::string error = mvconf::bench::open_ports(o.port); !error.empty()) {
    std::fprintf(stderr, "mvconf_bench: %s\n", error.c_str());
    return 2;
  }
  if (child) return mvconf::bench::callgrind_child();

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  for (const Family &f : mvconf::bench::families()) {
    for (const auto &[kind, row] : mvconf::bench::row_kinds()) {
      const std::string key = std::string(f.name) + "/" + kind;
      benchmark::RegisterBenchmark(key.c_str(), bench_row, f, row, key)
          ->Unit(benchmark::kMillisecond)
          ->MeasureProcessCPUTime();
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  print_summary(o);
  if (!o.instructions) return 0;
  if (!mvconf::bench::callgrind_supported()) {
    std::fprintf(stderr, "mvconf_bench: built without valgrind/callgrind.h, no instructions\n");
    return 1;
  }
  const long cases = o.cases == 2000 ? 300 : o.cases;
  std::printf("(callgrind: %ld cases per property)\n", cases);
  std::fflush(stdout);
  // Resolved here: under valgrind, /proc/self/exe would name valgrind itself.
  char self[4096] = {};
  if (readlink("/proc/self/exe", self, sizeof self - 1) <= 0) return 1;
  return mvconf::bench::instructions_table(self,
                                           std::to_string(cases) + " " + o.port + " " + o.seed);
}
