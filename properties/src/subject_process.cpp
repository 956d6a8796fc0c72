// Out-of-process ports: a child speaking JSON Lines (docs/out-of-process.md), supervised so
// that nothing it does (crash, abort, hang, garbage, early exit) can take the harness down.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "mvconf/harness/subject.h"

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

class Process : public Subject {
 public:
  Process(std::vector<std::string> argv, int timeout_ms)
      : argv_(std::move(argv)), timeout_ms_(timeout_ms) {
    std::string err;
    if (!start(err)) throw std::runtime_error(err);
  }
  ~Process() override { stop(); }

  std::string name() const override { return name_; }
  std::string version() const override { return version_; }
  bool has(const std::string &feature) const override {
    for (const auto &f : features_)
      if (f == feature) return true;
    return false;
  }

  Outcome run(const Case &c) override {
    std::string err;
    if (pid_ < 0 && !start(err)) return {{"port_failure", "cannot restart the port: " + err}};
    // A port that does not declare the feature would ignore the layout's "unhashable".
    if (has_unhashable_exporter(c) && !has("exporter_hash"))
      return {{"port_failure", "the port does not declare exporter_hash (unhashable exporter)"}};
    if (!send(nlohmann::json{{"case", c}}.dump() + "\n")) return failure("stopped reading");
    std::string line;
    switch (receive(line)) {
      case Read::kLine:
        break;
      case Read::kTimeout: {
        kill(pid_, SIGKILL);
        stop();
        return {{"port_failure", "no answer within " + std::to_string(timeout_ms_) + " ms"}};
      }
      case Read::kEof:
        return failure("closed its output");
    }
    try {
      const auto j = nlohmann::json::parse(line);
      if (j.contains("outcome")) return j["outcome"];
      return {{"port_failure", "protocol: answer without \"outcome\": " + line.substr(0, 200)}};
    } catch (const std::exception &) {
      stop();
      return {{"port_failure", "protocol: not JSON: " + line.substr(0, 200)}};
    }
  }

 private:
  enum class Read { kLine, kEof, kTimeout };

  bool start(std::string &err) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
      err = std::string("pipe: ") + std::strerror(errno);
      return false;
    }
    pid_ = fork();
    if (pid_ < 0) {
      err = std::string("fork: ") + std::strerror(errno);
      return false;
    }
    if (pid_ == 0) {  // child: stdin/stdout are the pipes, stderr is shared with the harness
      dup2(in[0], 0);
      dup2(out[1], 1);
      std::vector<char *> args;
      for (auto &a : argv_) args.push_back(a.data());
      args.push_back(nullptr);
      execvp(args[0], args.data());
      std::fprintf(stderr, "mvconf: cannot run %s: %s\n", args[0], std::strerror(errno));
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_child_ = in[1];
    from_child_ = out[0];
    buffer_.clear();
    // The handshake: the harness says which protocol it speaks, the port says who it is.
    std::string line;
    if (!send("{\"mvconf\": 1, \"hello\": \"mvconf harness\"}\n") || receive(line) != Read::kLine) {
      err = "no handshake from '" + argv_[0] + "' (" + describe_exit() + ")";
      stop();
      return false;
    }
    try {
      const auto j = nlohmann::json::parse(line);
      if (j.value("mvconf", 0) != 1) throw std::runtime_error("protocol version");
      name_ = j.value("name", argv_[0]);
      version_ = j.value("version", "?");
      features_ = j.value("features", std::vector<std::string>{});
    } catch (const std::exception &e) {
      err = "bad handshake from '" + argv_[0] + "': " + line.substr(0, 200);
      stop();
      return false;
    }
    return true;
  }

  bool send(const std::string &text) {
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = write(to_child_, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;  // EPIPE: SIGPIPE is ignored by the harness
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  Read receive(std::string &line) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
    for (;;) {
      if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
        line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return Read::kLine;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) return Read::kTimeout;
      pollfd p{from_child_, POLLIN, 0};
      const int r = poll(&p, 1, static_cast<int>(left));
      if (r < 0 && errno == EINTR) continue;
      if (r == 0) return Read::kTimeout;
      char chunk[65536];
      const ssize_t n = read(from_child_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Read::kEof;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  Outcome failure(const std::string &what) {
    const std::string how = describe_exit();
    stop();
    return {{"port_failure", "the port " + what + " (" + how + ")"}};
  }

  // How the child ended (waiting briefly for it: it has closed its output or stopped reading).
  std::string describe_exit() {
    if (pid_ < 0) return "not running";
    int status = 0;
    for (int i = 0; i < 200; ++i) {
      const pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        pid_ = -1;
        if (WIFSIGNALED(status)) return "killed by " + signal_name(WTERMSIG(status));
        return "exited with status " + std::to_string(WEXITSTATUS(status));
      }
      usleep(5000);
    }
    return "still running";
  }

  void stop() {
    if (to_child_ >= 0) close(to_child_);
    if (from_child_ >= 0) close(from_child_);
    to_child_ = from_child_ = -1;
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }

  std::vector<std::string> argv_;
  int timeout_ms_;
  pid_t pid_ = -1;
  int to_child_ = -1, from_child_ = -1;
  std::string buffer_;
  std::string name_, version_;
  std::vector<std::string> features_;
};

}  // namespace

std::unique_ptr<Subject> out_of_process(std::vector<std::string> argv, int timeout_ms) {
  return std::make_unique<Process>(std::move(argv), timeout_ms);
}

}  // namespace mvconf::harness
