// Port specs on the command line: which port answers as the port under test.
#pragma once

#include <string>
#include <vector>

#include "mvconf/port.h"

namespace mvconf::harness {

/// The port a spec names: "impl" (the built-in clean-room impl) or "mutant:NAME" (the impl
/// with one rule broken, for self-tests); nullptr with `error` set otherwise.
const mvconf_port *resolve_port(const std::string &spec, std::string &error);
/// Every spec resolve_port accepts, with a one-line description.
std::vector<std::pair<std::string, std::string>> known_ports();

}  // namespace mvconf::harness
