// The py_call slot (docs/python-api.md) on the real CPython.
#pragma once

#include "mvconf/port.h"
#include "mvconf/py_call_values.h"

namespace mvconf::oracle {

/// See mvconf_port::py_call.
int py_call(void *ctx, mvconf_view *mv, const char *request, mvconf_view *const *views,
            size_t nviews, char *answer, size_t cap, mvconf_view **new_view, mvconf_error *err);

/// The same call on values (mvconf/py_call_values.h), for the harness in this process.
int py_call_values(void *ctx, mvconf_view *mv, const std::string &method,
                   const nlohmann::json &args, mvconf_view *const *views, size_t nviews,
                   size_t cap, PyAnswer *answer, mvconf_view **new_view, mvconf_error *err);

}  // namespace mvconf::oracle
