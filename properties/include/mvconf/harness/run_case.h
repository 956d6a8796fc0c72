// Running a case on a port and turning everything observable into an Outcome.
#pragma once

#include "mvconf/harness/case.h"
#include "mvconf/port.h"
#include "mvconf/py_call_values.h"

namespace mvconf::harness {

/// Run c on port with fresh exporters and memory; every view is freed before returning, and
/// the outcome records the exporter's outstanding exports at the end.
Outcome run_case(const Case &c, const mvconf_port *port);
/// True when port's feature list names `feature`.
bool declares(const mvconf_port *port, const char *feature);
/// The operations run_case knows.
const std::vector<std::string> &operations();
/// Registers the values form of port's py_call (mvconf/py_call_values.h), which run_case then
/// uses for every Python-level call whose request is plain; for built-in tables (ports.cpp).
void set_py_call_values(const mvconf_port *port, PyCallValuesFn fn);
/// The values form registered for port, or nullptr (then the text slot is used).
PyCallValuesFn py_call_values_of(const mvconf_port *port);

}  // namespace mvconf::harness
