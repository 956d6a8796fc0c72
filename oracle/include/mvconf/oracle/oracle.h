// The oracle: the real CPython C API, embedded through libpython, as a port.
#pragma once

#include <string>

#include "mvconf/port.h"
#include "mvconf/py_call_values.h"

namespace mvconf::oracle {

/// Start the embedded CPython (isolated config) once per process; later calls do nothing.
void initialize();
/// True once initialize() has run.
bool initialized();
/// The running CPython's version, e.g. "3.11.7".
std::string version();
/// The real CPython C API as a port; call initialize() first.
const mvconf_port *port();
/// py_call on values (mvconf/py_call_values.h) for port(); a new form of a slot goes here too.
int py_call_values(void *ctx, mvconf_view *mv, const std::string &method,
                   const nlohmann::json &args, mvconf_view *const *views, size_t nviews,
                   size_t cap, PyAnswer *answer, mvconf_view **new_view, mvconf_error *err);

}  // namespace mvconf::oracle

namespace mvconf::oracle {

/// Run Python `code` in a fresh namespace (with `view` bound to mv when given) and return
/// str(result), where `result` is the variable the code assigns; "error: Type: message" if the
/// code raises. For cross-checks against CPython's own test tools (_testbuffer).
std::string run_python(const std::string &code, mvconf_view *mv = nullptr);

}  // namespace mvconf::oracle
