#include "mvconf/harness/run_case.h"

#include <cstring>
#include <map>
#include <stdexcept>

#include "ops.h"
#include "port_table_check.h"

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
      {"py_chain", ops::py_chain},
  };
  return t;
}

}  // namespace

Outcome run_case(const Case &c, const mvconf_port *port) {
  auto it = table().find(c.op);
  if (it == table().end()) throw std::invalid_argument("mvconf: unknown operation '" + c.op + "'");
  // A slot past the port's slot_count (an older ABI) or left NULL is never called: a replayed
  // case may ask for an operation of a feature the port does not declare.
  if (const char *slot = missing_slot(port, c.op))
    return {{"port_failure",
             std::string("the port has no ") + slot + " slot (needed by " + c.op + ")"}};
  // A port without the feature may not know mvconf_exporter.hash (built against ABI 1.2).
  if (has_unhashable_exporter(c) && !declares(port, "exporter_hash"))
    return {{"port_failure", "the port does not declare exporter_hash (unhashable exporter)"}};
  return it->second(c, port);
}

namespace {
// A handful of tables at most (the oracle, the port under test, a mutant or two).
std::vector<std::pair<const mvconf_port *, PyCallValuesFn>> &values_forms() {
  static std::vector<std::pair<const mvconf_port *, PyCallValuesFn>> forms;
  return forms;
}
}  // namespace

void set_py_call_values(const mvconf_port *port, PyCallValuesFn fn) {
  for (auto &[p, f] : values_forms())
    if (p == port) {
      f = fn;
      return;
    }
  values_forms().emplace_back(port, fn);
}

PyCallValuesFn py_call_values_of(const mvconf_port *port) {
  for (const auto &[p, f] : values_forms())
    if (p == port) return f;
  return nullptr;
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
