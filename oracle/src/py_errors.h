// Conversions between Python exceptions and mvconf_error.
#pragma once

#include <Python.h>

#include "mvconf/port.h"

namespace mvconf::oracle {

/// Move the pending Python exception into err (type name and str(value)) and clear it.
void take_error(mvconf_error *err);
/// Raise err as a Python exception of the builtin type it names (RuntimeError if unknown).
void raise_error(const mvconf_error &err);

}  // namespace mvconf::oracle
