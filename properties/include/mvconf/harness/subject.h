// A port however it is reached: in this process through its mvconf_port table, or in another
// process through JSON Lines (docs/out-of-process.md). The oracle is one too.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "mvconf/harness/case.h"
#include "mvconf/port.h"

namespace mvconf::harness {

/// Something that answers cases: the oracle, or the port under test.
class Subject {
 public:
  virtual ~Subject() = default;
  /// The port's name, e.g. "impl", "cpython-3.11.7".
  virtual std::string name() const = 0;
  /// The CPython version whose behaviour it targets, e.g. "3.11".
  virtual std::string version() const = 0;
  /// True when the port declares `feature`.
  virtual bool has(const std::string &feature) const = 0;
  /// The outcome of c. Never throws for a port's misbehaviour: a crash, a hang or a broken
  /// protocol becomes the outcome {"port_failure": "..."}.
  virtual Outcome run(const Case &c) = 0;
};

/// A port in this process, through its table (not owned).
std::unique_ptr<Subject> in_process(const mvconf_port *port);
/// A port in a child process speaking JSON Lines on stdin/stdout, started from `argv` (no
/// shell) with the NAME=VALUE entries of `env` added, in its own process group; restarted
/// after a crash. `timeout_ms` bounds each write of a case and each answer (a hang is killed
/// and reported).
std::unique_ptr<Subject> out_of_process(std::vector<std::string> argv, int timeout_ms,
                                        std::vector<std::string> env = {});

}  // namespace mvconf::harness
