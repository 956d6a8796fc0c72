// Filling an mvconf_error: the exception type name and message are observable behaviour and
// must match CPython's byte for byte.
#ifndef MVCONF_IMPL_ERRORS_H
#define MVCONF_IMPL_ERRORS_H

#include <mvconf/port.h>

#include <cstddef>
#include <string>

namespace mvconf::impl {

/// Fills err (if non-NULL) with an exception type name and message, truncating if needed.
void set_error(mvconf_error *err, const char *type, const std::string &message);

/// A SystemError for input on which CPython has undefined behaviour. The message is
/// "mvconf impl: <function>: <problem>".
void set_undefined(mvconf_error *err, const char *function, const std::string &problem);

/// A type name as CPython quotes it in a message with a byte limit (200 in the memoryview
/// constructor's TypeError, 100 in PyObject_GetBuffer's): its first `limit` bytes, where a
/// UTF-8 character cut at the end shows as one U+FFFD. NULL gives "NULL".
std::string quoted_type_name(const char *name, std::size_t limit);

/// Fills err with what CPython raises when an allocation of `size` bytes for a bytes object
/// fails or cannot be asked for: OverflowError past the largest bytes object, else MemoryError.
void set_bytes_alloc_error(mvconf_error *err, ptrdiff_t size);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_ERRORS_H
