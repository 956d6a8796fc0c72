// Out-of-process ports: a child speaking JSON Lines (docs/out-of-process.md), supervised so
// that nothing it does (crash, abort, hang, garbage, stray lines, an early exit, a grandchild
// holding its pipes, not reading its input) can take the harness down or stall it.
#include <sys/wait.h>

#include <cstdio>
#include <stdexcept>

#include "child_process.h"
#include "orphans.h"
#include "line_channel.h"
#include "mvconf/harness/port_answer.h"
#include "mvconf/harness/subject.h"

namespace mvconf::harness {
namespace {

/// How long a port may take to exit once its input is closed at the end of a run.
constexpr int kGraceMs = 2000;

class Process : public Subject {
 public:
  Process(std::vector<std::string> argv, std::vector<std::string> env, int timeout_ms)
      : argv_(std::move(argv)), env_(std::move(env)), timeout_ms_(timeout_ms) {
    std::string err;
    if (!start(err)) throw std::runtime_error(err);
  }
  ~Process() override { finish(); }

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
    // Output nobody asked for since the last answer: the port is out of step, and every
    // answer after it would land on the wrong case.
    channel_.drain();
    if (!channel_.pending().empty()) return protocol_error(stray_line_message());
    const long id = ++last_id_;
    nlohmann::json request = {{"case", c}};
    if (protocol_ >= 2) request["id"] = id;
    switch (channel_.send(request.dump() + "\n", deadline())) {
      case LineChannel::Status::kOk:
        break;
      case LineChannel::Status::kTimeout:
        stop();
        return {{"port_failure", "no answer within " + std::to_string(timeout_ms_) +
                                     " ms (the port stopped reading its input)"}};
      default:
        return failure("stopped reading");
    }
    std::string line;
    switch (channel_.receive(line, deadline())) {
      case LineChannel::Status::kOk:
        break;
      case LineChannel::Status::kTimeout:
        stop();
        return {{"port_failure", "no answer within " + std::to_string(timeout_ms_) + " ms"}};
      case LineChannel::Status::kTooLong:
        return protocol_error("an answer longer than " + std::to_string(kMaxLineBytes >> 20) +
                              " MiB");
      case LineChannel::Status::kClosed:
        return failure("closed its output");
    }
    std::string problem;
    Outcome outcome = parse_answer(line, id, protocol_, problem);
    channel_.drain();
    if (problem.empty() && !channel_.pending().empty())
      problem = "an extra line after the answer to case id " + std::to_string(id) + ": " +
                excerpt(channel_.pending());
    if (!problem.empty()) return protocol_error(problem);
    return outcome;
  }

 private:
  Deadline deadline() const {
    return std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
  }

  std::string stray_line_message() const {
    return std::string("a line nobody asked for, after ") +
           (last_id_ == handshake_id_ ? std::string("the handshake")
                                      : "the answer to case id " + std::to_string(last_id_)) +
           ": " + excerpt(channel_.pending());
  }

  Outcome protocol_error(const std::string &what) {
    stop();  // restarted for the next case, in step again
    return {{"port_failure", "protocol: " + what}};
  }

  bool start(std::string &err) {
    Child child;
    if (!spawn(argv_, env_, Stdio{true, true, false}, child, err)) return false;
    pid_ = child.pid;
    channel_.open(child.to_child, child.from_child, [this] { return reap_if_exited(); });
    // The handshake: the harness says which protocol it speaks, the port which it answers in.
    std::string line;
    const auto hello =
        "{\"mvconf\": " + std::to_string(kProtocol) + ", \"hello\": \"mvconf harness\"}\n";
    if (channel_.send(hello, deadline()) != LineChannel::Status::kOk ||
        channel_.receive(line, deadline()) != LineChannel::Status::kOk) {
      err = "no handshake from '" + argv_[0] + "' (" + describe_exit() + ")";
      stop();
      return false;
    }
    Handshake h;
    if (std::string bad = parse_handshake(line, argv_[0], h); !bad.empty()) {
      err = bad;
      stop();
      return false;
    }
    name_ = h.name;
    version_ = h.version;
    features_ = h.features;
    const int protocol = h.protocol;
    if (protocol == 1 && protocol_ != 1)
      std::fprintf(stderr,
                   "mvconf: port '%s' speaks protocol 1 (no case ids), accepted for this release "
                   "only; see docs/out-of-process.md\n",
                   name_.c_str());
    protocol_ = protocol;
    handshake_id_ = last_id_;
    return true;
  }

  Outcome failure(const std::string &what) {
    const std::string how = describe_exit();
    stop();
    return {{"port_failure", "the port " + what + " (" + how + ")"}};
  }

  // True once the child has exited (reaped here; its group may live on until stop()).
  bool reap_if_exited() {
    if (pid_ < 0 || exit_status_ >= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
    forget_child(pid_);
    exit_status_ = status;
    return true;
  }

  // How the child ended, waiting briefly: it has closed its output or stopped reading.
  std::string describe_exit() {
    if (pid_ < 0) return "not running";
    if (exit_status_ < 0) exit_status_ = wait_exit(pid_, 1000);
    return exit_status_ < 0 ? "still running" : describe_status(exit_status_);
  }

  // Kill the port and everything it started (a grandchild holding the pipes included).
  void stop() {
    channel_.close();
    if (pid_ > 0) {
      kill_group(pid_);
      if (exit_status_ < 0) waitpid(pid_, nullptr, 0);
      forget_child(pid_);
      // Once the port is reaped, whatever left its group has been adopted by the harness.
      reap_orphans();
    }
    pid_ = -1;
    exit_status_ = -1;
  }

  // End of the run: the port sees the end of its input and has a grace period to exit; then
  // its group is killed whatever it did, so nothing it started outlives the run.
  void finish() {
    if (pid_ > 0) {
      channel_.close_input();
      if (exit_status_ < 0) exit_status_ = wait_exit(pid_, kGraceMs);
      if (exit_status_ < 0)
        std::fprintf(stderr, "mvconf: port '%s' did not exit within %d ms of its input's end\n",
                     name_.c_str(), kGraceMs);
    }
    stop();
  }

  std::vector<std::string> argv_, env_;
  int timeout_ms_;
  pid_t pid_ = -1;
  int exit_status_ = -1;  // the child's wait status once reaped
  LineChannel channel_;
  int protocol_ = 0;
  long last_id_ = 0, handshake_id_ = 0;
  std::string name_, version_;
  std::vector<std::string> features_;
};

}  // namespace

std::unique_ptr<Subject> out_of_process(std::vector<std::string> argv, int timeout_ms,
                                        std::vector<std::string> env) {
  return std::make_unique<Process>(std::move(argv), std::move(env), timeout_ms);
}

}  // namespace mvconf::harness
