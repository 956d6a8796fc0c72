// The port side of the out-of-process protocol (docs/out-of-process.md).
#pragma once

#include "mvconf/port.h"

namespace mvconf::harness {

/// Serve `port` over JSON Lines on stdin/stdout until stdin closes; returns the exit status.
int serve(const mvconf_port *port);

}  // namespace mvconf::harness
