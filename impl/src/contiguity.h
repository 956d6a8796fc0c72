// PyBuffer_IsContiguous (spec §3) and the C/Fortran tests it is built from.
#ifndef MVCONF_IMPL_CONTIGUITY_H
#define MVCONF_IMPL_CONTIGUITY_H

#include <mvconf/port.h>

#include "rules.h"

namespace mvconf::impl {

/// True for the orders PyBuffer_IsContiguous knows: 'C', 'F' and 'A'.
bool is_known_order(char order);

/// The C test of §3 rule 4: 1 or 0, or -1 with a SystemError naming `function` when the layout
/// would make CPython dereference NULL.
int c_contiguity(const mvconf_buffer &view, const Rules &rules, const char *function,
                 mvconf_error *err);

/// The Fortran test of §3 rule 5, with the same error convention.
int f_contiguity(const mvconf_buffer &view, const Rules &rules, const char *function,
                 mvconf_error *err);

/// PyBuffer_IsContiguous(view, order) with the rules applied in the spec's order.
int contiguity(const mvconf_buffer &view, char order, const Rules &rules, const char *function,
               mvconf_error *err);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_CONTIGUITY_H
