#include "mvconf/harness/ports.h"

#include "mvconf/impl/impl.h"

namespace mvconf::harness {

const mvconf_port *resolve_port(const std::string &spec, std::string &error) {
  const mvconf_port *port = nullptr;
  if (spec == "impl") {
    port = impl::port();
  } else if (spec.rfind("mutant:", 0) == 0) {
    port = impl::mutant_port(spec.substr(7));
    if (!port) error = "unknown mutant '" + spec.substr(7) + "' (see `mvconf list`)";
  } else {
    error = "unknown port '" + spec + "' (expected impl or mutant:NAME)";
  }
  if (port && port->abi_major != MVCONF_ABI_MAJOR) {
    error = "port '" + spec + "' speaks ABI " + std::to_string(port->abi_major) + ", harness " +
            std::to_string(MVCONF_ABI_MAJOR);
    return nullptr;
  }
  return port;
}

std::vector<std::pair<std::string, std::string>> known_ports() {
  std::vector<std::pair<std::string, std::string>> out = {
      {"impl", "the built-in clean-room implementation"}};
  for (const auto &m : impl::mutants()) out.emplace_back(std::string("mutant:") + m.name, m.rule);
  return out;
}

}  // namespace mvconf::harness
