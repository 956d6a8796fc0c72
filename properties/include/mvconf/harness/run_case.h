// Running a case on a port and turning everything observable into an Outcome.
#pragma once

#include "mvconf/harness/case.h"
#include "mvconf/port.h"

namespace mvconf::harness {

/// Run c on port with fresh exporters and memory; every view is freed before returning, and
/// the outcome records the exporter's outstanding exports at the end.
Outcome run_case(const Case &c, const mvconf_port *port);
/// True when port's feature list names `feature`.
bool declares(const mvconf_port *port, const char *feature);
/// The operations run_case knows.
const std::vector<std::string> &operations();

}  // namespace mvconf::harness
