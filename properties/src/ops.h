// The operations run_case dispatches to, one per C API function family.
#pragma once

#include "mvconf/harness/case.h"
#include "mvconf/port.h"

namespace mvconf::harness::ops {

Outcome from_object(const Case &c, const mvconf_port *port);
Outcome from_memory(const Case &c, const mvconf_port *port);
Outcome from_buffer(const Case &c, const mvconf_port *port);
Outcome get_contiguous(const Case &c, const mvconf_port *port);
Outcome is_contiguous(const Case &c, const mvconf_port *port);
Outcome to_contiguous(const Case &c, const mvconf_port *port);
Outcome from_contiguous(const Case &c, const mvconf_port *port);
Outcome fill_contiguous_strides(const Case &c, const mvconf_port *port);
Outcome get_pointer(const Case &c, const mvconf_port *port);
Outcome fill_info(const Case &c, const mvconf_port *port);
Outcome reexport(const Case &c, const mvconf_port *port);
Outcome size_from_format(const Case &c, const mvconf_port *port);
Outcome copy_data(const Case &c, const mvconf_port *port);
Outcome py(const Case &c, const mvconf_port *port);
Outcome py_chain(const Case &c, const mvconf_port *port);

}  // namespace mvconf::harness::ops
