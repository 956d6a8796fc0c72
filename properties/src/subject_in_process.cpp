#include <cstring>

#include "mvconf/harness/run_case.h"
#include "mvconf/harness/subject.h"

namespace mvconf::harness {
namespace {

class InProcess : public Subject {
 public:
  explicit InProcess(const mvconf_port *port) : port_(port) {}
  std::string name() const override { return port_->name; }
  std::string version() const override { return port_->version; }
  bool has(const std::string &feature) const override { return declares(port_, feature.c_str()); }
  Outcome run(const Case &c) override { return run_case(c, port_); }

 private:
  const mvconf_port *port_;
};

}  // namespace

std::unique_ptr<Subject> in_process(const mvconf_port *port) {
  return std::make_unique<InProcess>(port);
}

}  // namespace mvconf::harness
