// Instruction counts per case under callgrind. Each row runs between two toggles of
// collection (everything else, CPython's start-up included, is not counted) and is dumped
// under its own name; the parent reads the "summary:" line of every dump.
#include "instructions.h"

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "bench_rows.h"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define MVCONF_CALLGRIND 1
#else
#define MVCONF_CALLGRIND 0
#endif

namespace mvconf::bench {
namespace {

struct Count {
  long cases = 0;
  double instructions = 0;
};

// Every dump file of the run: its client-request name ("PyBytes/property 300") and total.
std::map<std::string, Count> read_dumps(const std::string &dir) {
  std::map<std::string, Count> out;
  DIR *d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent *e = readdir(d)) {
    std::ifstream in(dir + "/" + e->d_name);
    std::string line, name;
    double total = -1;
    while (std::getline(in, line)) {
      const std::string trigger = "desc: Trigger: Client Request: ";
      if (line.rfind(trigger, 0) == 0) name = line.substr(trigger.size());
      if (line.rfind("summary: ", 0) == 0) total = std::atof(line.c_str() + 9);
    }
    const auto space = name.rfind(' ');
    if (name.empty() || total < 0 || space == std::string::npos) continue;
    out[name.substr(0, space)] = Count{std::atol(name.c_str() + space + 1), total};
  }
  closedir(d);
  return out;
}

}  // namespace

bool callgrind_supported() { return MVCONF_CALLGRIND != 0; }

int instructions_table(const std::string &self, const std::string &child_args) {
  char dir_template[] = "/tmp/mvconf-bench-XXXXXX";
  const char *dir = mkdtemp(dir_template);
  if (!dir) return 1;
  // The child's own arguments are passed through the environment, so this stays one argv.
  const std::string out = std::string("--callgrind-out-file=") + dir + "/cg.out";
  setenv("MVCONF_BENCH_CHILD", child_args.c_str(), 1);
  const pid_t pid = fork();
  if (pid == 0) {
    execlp("valgrind", "valgrind", "--tool=callgrind", "--collect-atstart=no", "-q", out.c_str(),
           self.c_str(), static_cast<char *>(nullptr));
    std::perror("mvconf_bench: cannot run valgrind");
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "mvconf_bench: the callgrind run failed (is valgrind installed?)\n");
    return 1;
  }
  const auto counts = read_dumps(dir);
  std::printf("\ninstructions per case (callgrind, each row counted alone):\n%-18s", "family");
  for (const auto &[kind, row] : row_kinds()) std::printf(" %14s", kind.c_str());
  std::printf("\n");
  for (const Family &f : families()) {
    std::printf("%-18s", f.name);
    for (const auto &[kind, row] : row_kinds()) {
      const auto it = counts.find(std::string(f.name) + "/" + kind);
      if (it == counts.end() || it->second.cases == 0)
        std::printf(" %14s", "-");
      else
        std::printf(" %14.0f", it->second.instructions / double(it->second.cases));
    }
    std::printf("\n");
  }
  std::string cleanup = std::string("rm -rf '") + dir + "'";
  return std::system(cleanup.c_str()) == 0 ? 0 : 1;
}

int callgrind_child() {
#if MVCONF_CALLGRIND
  for (const Family &f : families()) {
    record_cases(f);
    for (const auto &[kind, row] : row_kinds()) {
      CALLGRIND_TOGGLE_COLLECT;
      const long cases = row(f);
      CALLGRIND_TOGGLE_COLLECT;
      // A named string: the request reads the pointer after the full expression that made it.
      const std::string name = std::string(f.name) + "/" + kind + " " + std::to_string(cases);
      CALLGRIND_DUMP_STATS_AT(name.c_str());
    }
  }
  return 0;
#else
  std::fprintf(stderr, "mvconf_bench: built without valgrind/callgrind.h\n");
  return 1;
#endif
}

}  // namespace mvconf::bench
