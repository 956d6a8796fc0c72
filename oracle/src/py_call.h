// The py_call slot (docs/python-api.md) on the real CPython.
#pragma once

#include "mvconf/port.h"

namespace mvconf::oracle {

/// See mvconf_port::py_call.
int py_call(void *ctx, mvconf_view *mv, const char *request, mvconf_view *const *views,
            size_t nviews, char *answer, size_t cap, mvconf_view **new_view, mvconf_error *err);

}  // namespace mvconf::oracle
