// PyBuffer_SizeFromFormat (spec §4.7): the size struct.calcsize() gives a format, computed by
// a clean-room parser of struct format strings (native x86-64 LP64 sizes and alignment).
#ifndef MVCONF_IMPL_STRUCT_FORMAT_H
#define MVCONF_IMPL_STRUCT_FORMAT_H

#include <mvconf/port.h>

#include "rules.h"

namespace mvconf::impl {

/// struct.calcsize(format) for a UTF-8 C string: the size, or -1 with err set
/// (struct.error, UnicodeDecodeError or UnicodeEncodeError, as CPython reports them).
ptrdiff_t struct_calcsize(const char *format, mvconf_error *err,
                          const Rules &rules = faithful_rules());

/// The text checks CPython makes before struct sees a format: true, or false with err set to
/// the UnicodeDecodeError (bad UTF-8) or UnicodeEncodeError (non-ASCII) Python reports.
bool check_format_text(const char *format, mvconf_error *err);

/// PyBuffer_SizeFromFormat(format): struct_calcsize, except that CPython 3.8 has no such
/// function (SystemError).
ptrdiff_t size_from_format(const char *format, const Rules &rules, mvconf_error *err);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_STRUCT_FORMAT_H
