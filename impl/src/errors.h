// Filling an mvconf_error: the exception type name and message are observable behaviour and
// must match CPython's byte for byte.
#ifndef MVCONF_IMPL_ERRORS_H
#define MVCONF_IMPL_ERRORS_H

#include <mvconf/port.h>

#include <string>

namespace mvconf::impl {

/// Fills err (if non-NULL) with an exception type name and message, truncating if needed.
void set_error(mvconf_error *err, const char *type, const std::string &message);

/// A SystemError for input on which CPython has undefined behaviour. The message is
/// "mvconf impl: <function>: <problem>".
void set_undefined(mvconf_error *err, const char *function, const std::string &problem);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_ERRORS_H
