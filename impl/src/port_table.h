// Building the C function table of a port from a set of rules.
#ifndef MVCONF_IMPL_PORT_TABLE_H
#define MVCONF_IMPL_PORT_TABLE_H

#include <mvconf/port.h>

#include "rules.h"

namespace mvconf::impl {

/// A filled ABI 1.3 table whose ctx is `rules` (which must outlive the table).
mvconf_port make_port(const Rules *rules, const char *name);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_PORT_TABLE_H
