// Child processes without a shell: started from an argv, each in its own process group so that
// killing it also kills everything it started, and temporary files that cannot be guessed.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace mvconf::harness {

/// How a child's standard streams are connected.
struct Stdio {
  bool pipe_in = false;     ///< stdin is a pipe from the harness (else /dev/null)
  bool pipe_out = false;    ///< stdout is a pipe to the harness (else /dev/null)
  bool quiet = false;       ///< stderr goes to /dev/null (else it is the harness's)
  bool err_to_out = false;  ///< stderr goes where stdout goes (overrides quiet)
};

/// A started child: its pid, which is also its process group id, and the harness's ends of
/// its pipes (close-on-exec; -1 where there is no pipe).
struct Child {
  pid_t pid = -1;
  int to_child = -1;
  int from_child = -1;
};

/// Start argv[0] (searched on PATH) with argv, never through a shell, in a new process group;
/// `env` adds NAME=VALUE entries to this process's environment. False with `error` set when
/// it cannot be started (the exec's own errno included: "cannot run 'x': No such file...").
bool spawn(const std::vector<std::string> &argv, const std::vector<std::string> &env, Stdio stdio,
           Child &child, std::string &error);
/// SIGKILL the whole process group of a child started by spawn (it may already be reaped).
void kill_group(pid_t pid);
/// Wait up to `ms` for the child to exit: its wait status, or -1 when it is still running.
int wait_exit(pid_t pid, int ms);
/// A wait status in words: "exited with status 3", "killed by SIGSEGV".
std::string describe_status(int status);
/// Run argv to completion (stdin /dev/null, stderr /dev/null when `quiet`), capturing at most
/// 1 MiB of stdout into *output when it is not null (else stdout goes to /dev/null). With
/// timeout_ms > 0 the child's group is killed after that long; with `merge_stderr` stderr is
/// captured with stdout. Returns the wait status, or -1 with `error` set.
int run_command(const std::vector<std::string> &argv, std::string *output, bool quiet,
                int timeout_ms, std::string &error, bool merge_stderr = false);
/// A new empty file made by mkstemps in $TMPDIR (or /tmp), named PREFIX-XXXXXXSUFFIX; "" with
/// `error` set when it cannot be made.
std::string make_temp_file(const std::string &prefix, const std::string &suffix,
                           std::string &error);

}  // namespace mvconf::harness
