#include "mvconf/harness/run_case.h"

#include <cstring>
#include <map>
#include <stdexcept>

#include "ops.h"

namespace mvconf::harness {
bool declares(const mvconf_port *port, const char *feature) {
  for (const char *const *f = port->features; f && *f; ++f)
    if (std::strcmp(*f, feature) == 0) return true;
  return false;
}

namespace {

using Op = Outcome (*)(const Case &, const mvconf_port *);

const std::map<std::string, Op> &table() {
  static const std::map<std::string, Op> t = {
      {"from_object", ops::from_object},
      {"from_memory", ops::from_memory},
      {"from_buffer", ops::from_buffer},
      {"get_contiguous", ops::get_contiguous},
      {"is_contiguous", ops::is_contiguous},
      {"to_contiguous", ops::to_contiguous},
      {"from_contiguous", ops::from_contiguous},
      {"fill_contiguous_strides", ops::fill_contiguous_strides},
      {"get_pointer", ops::get_pointer},
      {"fill_info", ops::fill_info},
      {"reexport", ops::reexport},
      {"size_from_format", ops::size_from_format},
      {"copy_data", ops::copy_data},
      {"py", ops::py},
  };
  return t;
}

}  // namespace

Outcome run_case(const Case &c, const mvconf_port *port) {
  auto it = table().find(c.op);
  if (it == table().end()) throw std::invalid_argument("mvconf: unknown operation '" + c.op + "'");
  // ABI 1.1 operations need the slots a 1.0 port does not have.
  const bool abi_1_1 = c.op == "reexport" || c.op == "size_from_format" || c.op == "copy_data";
  if (abi_1_1 && port->slot_count < MVCONF_PORT_SLOTS_1_1)
    return {{"port_failure", "the port has no ABI 1.1 slot for " + c.op}};
  if (c.op == "py" && (port->slot_count < MVCONF_PORT_SLOTS_1_2 || !port->py_call))
    return {{"port_failure", "the port has no ABI 1.2 py_call slot"}};
  // A port without the feature may not know mvconf_exporter.hash (built against ABI 1.2).
  if (has_unhashable_exporter(c) && !declares(port, "exporter_hash"))
    return {{"port_failure", "the port does not declare exporter_hash (unhashable exporter)"}};
  return it->second(c, port);
}

const std::vector<std::string> &operations() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto &[name, op] : table()) v.push_back(name);
    return v;
  }();
  return names;
}

}  // namespace mvconf::harness
