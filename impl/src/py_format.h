// Element formats of the Python-level memoryview (spec §5.4): which formats items can be read
// and written in, and the unpacking/packing of one item.
#ifndef MVCONF_IMPL_PY_FORMAT_H
#define MVCONF_IMPL_PY_FORMAT_H

#include <mvconf/port.h>

#include <cstddef>

#include "py_api.h"
#include "rules.h"

namespace mvconf::impl::py {

/// The native format char of `format` after stripping one leading '@', or '\0' with a
/// NotImplementedError when items of that format cannot be read or written.
char item_char(const char *format, const Rules &rules, mvconf_error *err);

/// True when items of format char c can be read and written; else false with CPython's
/// NotImplementedError "memoryview: format c not supported" (raised per item, lazily).
bool item_supported(char c, const Rules &rules, mvconf_error *err);

/// The format char of `format` after one optional '@' when that is a single character, else
/// '\0' (also for NULL): the formats cast and comparison treat as native.
char single_native(const char *format);

/// The native size of a supported format char.
size_t native_size(char c);

/// The Python value of the item at p.
Value unpack(char c, const char *p);

/// Packs v into the item at p (native_size(c) bytes): false with TypeError/ValueError
/// "memoryview: invalid type/value for format 'c'" and p unchanged.
bool pack(char c, const Value &v, char *p, mvconf_error *err);

}  // namespace mvconf::impl::py

#endif  // MVCONF_IMPL_PY_FORMAT_H
