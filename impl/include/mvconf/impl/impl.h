// Public entry points of mvconf's clean-room memoryview implementation ("impl").
#ifndef MVCONF_IMPL_IMPL_H
#define MVCONF_IMPL_IMPL_H

#include <mvconf/port.h>
#include <mvconf/py_call_values.h>

#include <string>
#include <string_view>
#include <vector>

namespace mvconf::impl {

/// The clean-room impl as a port (ABI 1.3), targeting the default oracle's CPython version.
const mvconf_port *port();

/// The impl reproducing CPython `target` ("3.8" to "3.13"); nullptr for another target.
const mvconf_port *port_for(std::string_view target);

/// A mutant: the impl with one spec rule changed ("a+b": two mutants' rules at once); nullptr
/// for an unknown name.
const mvconf_port *mutant_port(std::string_view name);

/// A mutant's name and a one-line description of the spec rule it breaks.
struct MutantInfo {
  /// The name mutant_port() accepts, e.g. "copy_writable".
  const char *name;
  /// The rule the mutant changes, in one line.
  const char *rule;
};

/// Every mutant name with the rule it breaks.
std::vector<MutantInfo> mutants();

/// py_call on values (mvconf/py_call_values.h) for any table above: `ctx` is the table's ctx.
/// A new form of a slot gets its function here, beside the tables it serves.
int py_call_values(void *ctx, mvconf_view *mv, const std::string &method,
                   const nlohmann::json &args, mvconf_view *const *views, size_t nviews,
                   size_t cap, PyAnswer *answer, mvconf_view **new_view, mvconf_error *err);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_IMPL_H
