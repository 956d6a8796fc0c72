#include "mvconf/harness/session.h"

#include <cstring>

namespace mvconf::harness {
namespace {
const mvconf_port *the_oracle = nullptr;
const mvconf_port *the_subject = nullptr;
std::string the_spec = "impl";
}  // namespace

const mvconf_port *oracle() { return the_oracle; }
const mvconf_port *subject() { return the_subject; }

void set_ports(const mvconf_port *o, const mvconf_port *s) {
  the_oracle = o;
  the_subject = s;
}

const std::string &subject_spec() { return the_spec; }
void set_subject_spec(std::string spec) { the_spec = std::move(spec); }

bool subject_has(const char *feature) {
  if (!the_subject || !the_subject->features) return false;
  for (const char *const *f = the_subject->features; *f; ++f)
    if (std::strcmp(*f, feature) == 0) return true;
  return false;
}

std::map<std::string, OpTally> &tallies() {
  static std::map<std::string, OpTally> t;
  return t;
}

}  // namespace mvconf::harness
