#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "orphans.h"

extern char **environ;

namespace mvconf::harness {
namespace {

std::string signal_name(int sig) {
  switch (sig) {
    case SIGSEGV:
      return "SIGSEGV";
    case SIGABRT:
      return "SIGABRT";
    case SIGBUS:
      return "SIGBUS";
    case SIGFPE:
      return "SIGFPE";
    case SIGILL:
      return "SIGILL";
    case SIGKILL:
      return "SIGKILL";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "signal " + std::to_string(sig);
  }
}

void close_fd(int &fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// Only async-signal-safe calls between fork and exec: mutants_command forks from several
// threads at once, so a lock held by another thread at fork time would never be released.
[[noreturn]] void exec_child(char *const *args, char *const *envp, Stdio stdio, int in, int out,
                             int report) {
  setpgid(0, 0);
  const int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  dup2(stdio.pipe_in ? in : null, 0);
  dup2(stdio.pipe_out ? out : null, 1);
  if (stdio.err_to_out)
    dup2(1, 2);
  else if (stdio.quiet)
    dup2(null, 2);
  // The harness ignores SIGPIPE; an ignored signal stays ignored across exec.
  signal(SIGPIPE, SIG_DFL);
  execvpe(args[0], args, envp);
  const int e = errno;
  (void)!write(report, &e, sizeof e);
  _exit(127);
}

}  // namespace

bool spawn(const std::vector<std::string> &argv, const std::vector<std::string> &env, Stdio stdio,
           Child &child, std::string &error) {
  if (argv.empty() || argv[0].empty()) {
    error = "empty command";
    return false;
  }
  // Everything the child needs is built before fork (no allocation after it).
  std::vector<std::string> words = argv, vars;
  std::vector<char *> args, envp;
  for (auto &w : words) args.push_back(w.data());
  args.push_back(nullptr);
  for (const auto &e : env) vars.push_back(e);
  for (char **e = environ; *e; ++e) {
    const char *eq = std::strchr(*e, '=');
    const std::size_t key = eq ? static_cast<std::size_t>(eq - *e) + 1 : std::strlen(*e);
    bool overridden = false;
    for (const auto &v : env) overridden |= v.compare(0, key, *e, key) == 0;
    if (!overridden) vars.emplace_back(*e);
  }
  for (auto &v : vars) envp.push_back(v.data());
  envp.push_back(nullptr);

  int in[2] = {-1, -1}, out[2] = {-1, -1}, report[2] = {-1, -1};
  if ((stdio.pipe_in && pipe2(in, O_CLOEXEC) != 0) ||
      (stdio.pipe_out && pipe2(out, O_CLOEXEC) != 0) || pipe2(report, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    for (int fd : {in[0], in[1], out[0], out[1], report[0], report[1]})
      if (fd >= 0) close(fd);
    return false;
  }
  auto registering = lock_for_spawn();
  const pid_t pid = fork();
  if (pid == 0) exec_child(args.data(), envp.data(), stdio, in[0], out[1], report[1]);
  if (pid > 0) remember_child(pid);
  registering.unlock();
  close_fd(in[0]);
  close_fd(out[1]);
  close_fd(report[1]);
  if (pid < 0) {
    error = std::string("fork: ") + std::strerror(errno);
    close_fd(in[1]);
    close_fd(out[0]);
    close_fd(report[0]);
    return false;
  }
  setpgid(pid, pid);  // also here, so that the group exists before any kill_group
  // The report pipe closes on a successful exec, or carries the exec's errno.
  int e = 0;
  ssize_t n;
  while ((n = read(report[0], &e, sizeof e)) < 0 && errno == EINTR) {
  }
  close_fd(report[0]);
  if (n == static_cast<ssize_t>(sizeof e)) {
    waitpid(pid, nullptr, 0);
    forget_child(pid);
    close_fd(in[1]);
    close_fd(out[0]);
    error = "cannot run '" + argv[0] + "': " + std::strerror(e);
    return false;
  }
  child.pid = pid;
  child.to_child = in[1];
  child.from_child = out[0];
  return true;
}

void kill_group(pid_t pid) {
  if (pid > 0) killpg(pid, SIGKILL);
}

int wait_exit(pid_t pid, int ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      forget_child(pid);
      return status;
    }
    if (r < 0 && errno != EINTR) return 0;  // not our child any more: nothing to wait for
    if (std::chrono::steady_clock::now() >= deadline) return -1;
    usleep(2000);
  }
}

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) return "killed by " + signal_name(WTERMSIG(status));
  return "exited with status " + std::to_string(WEXITSTATUS(status));
}

int run_command(const std::vector<std::string> &argv, std::string *output, bool quiet,
                int timeout_ms, std::string &error, bool merge_stderr) {
  Child child;
  const Stdio stdio{false, output != nullptr, quiet, merge_stderr && output != nullptr};
  if (!spawn(argv, {}, stdio, child, error)) return -1;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms > 0 ? timeout_ms : 0);
  bool timed_out = false;
  while (child.from_child >= 0) {
    int wait = -1;
    if (timeout_ms > 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) {
        timed_out = true;
        break;
      }
      wait = static_cast<int>(left);
    }
    pollfd p{child.from_child, POLLIN, 0};
    const int r = poll(&p, 1, wait);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) continue;
    char chunk[4096];
    const ssize_t n = read(child.from_child, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (output->size() < (1u << 20)) output->append(chunk, static_cast<std::size_t>(n));
  }
  close_fd(child.from_child);
  int status = -1;
  if (!timed_out && timeout_ms <= 0) {
    while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    forget_child(child.pid);
  } else if (!timed_out) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    status = wait_exit(child.pid, left > 0 ? static_cast<int>(left) : 0);
  }
  kill_group(child.pid);  // whatever it left behind goes with it
  if (status == -1) {
    waitpid(child.pid, nullptr, 0);
    error = "'" + argv[0] + "' did not finish within " + std::to_string(timeout_ms) + " ms";
  }
  forget_child(child.pid);
  reap_orphans();  // and what escaped its group
  return status;
}

std::string make_temp_file(const std::string &prefix, const std::string &suffix,
                           std::string &error) {
  const char *dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/" + prefix + "-XXXXXX" + suffix;
  const int fd = mkstemps(path.data(), static_cast<int>(suffix.size()));
  if (fd < 0) {
    error = "cannot make a temporary file " + path + ": " + std::strerror(errno);
    return "";
  }
  close(fd);
  return path;
}

}  // namespace mvconf::harness
