#include "orphans.h"

#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

namespace mvconf::harness {
namespace {

// Never destroyed: ports are stopped by static destructors at exit, which still need them.
std::mutex &children_mutex() {
  static auto *m = new std::mutex;
  return *m;
}

std::set<pid_t> &children() {
  static auto *s = new std::set<pid_t>;
  return *s;
}

// The parent pid of `pid` from /proc/PID/stat, or -1. The command name (field 2) is in
// parentheses and may itself hold ") ", so the fields are read after the last ')'.
pid_t parent_of(pid_t pid) {
  char path[64], text[512];
  std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
  FILE *f = std::fopen(path, "re");
  if (!f) return -1;
  const std::size_t n = std::fread(text, 1, sizeof text - 1, f);
  std::fclose(f);
  text[n] = '\0';
  const char *close = std::strrchr(text, ')');
  char state = 0;
  int ppid = -1;
  if (!close || std::sscanf(close + 1, " %c %d", &state, &ppid) != 2) return -1;
  return static_cast<pid_t>(ppid);
}

}  // namespace

std::unique_lock<std::mutex> lock_for_spawn() {
  std::unique_lock<std::mutex> lock(children_mutex());
  static const bool reaper = [] {
    // Without it an escaped grandchild is adopted by init and outlives the run unseen.
    return prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
  }();
  (void)reaper;
  return lock;
}

void remember_child(pid_t pid) { children().insert(pid); }

void forget_child(pid_t pid) {
  std::lock_guard<std::mutex> lock(children_mutex());
  children().erase(pid);
}

int reap_orphans() {
  std::lock_guard<std::mutex> lock(children_mutex());
  const pid_t self = getpid();
  int ended = 0;
  // Each round ends the orphans present; their own children are adopted next, up to a bound
  // that no sane port tree reaches.
  for (int round = 0; round < 64; ++round) {
    DIR *proc = opendir("/proc");
    if (!proc) return ended;
    int found = 0;
    while (const dirent *e = readdir(proc)) {
      char *end = nullptr;
      const long pid = std::strtol(e->d_name, &end, 10);
      if (pid <= 0 || *end != '\0') continue;
      const pid_t p = static_cast<pid_t>(pid);
      if (children().count(p) || parent_of(p) != self) continue;
      kill(p, SIGKILL);
      waitpid(p, nullptr, 0);
      ++found;
    }
    closedir(proc);
    ended += found;
    if (found == 0) break;
  }
  return ended;
}

}  // namespace mvconf::harness
