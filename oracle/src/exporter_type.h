// The CPython-side face of a harness exporter: a type whose getbuffer/releasebuffer call the
// exporter's callbacks, so CPython sees exactly the layout and errors the harness presents.
#pragma once

#include <Python.h>

#include "mvconf/port.h"

namespace mvconf::oracle {

/// Ready the exporter type (once, after Py_Initialize).
void ready_exporter_type();
/// A new reference to a Python object standing for exp: an instance of the exporter type, or,
/// for a non-buffer exporter, an instance of a fresh class named exp->type_name.
PyObject *wrap_exporter(const mvconf_exporter *exp);
/// The exporter behind o, or nullptr if o is not a wrapped exporter.
const mvconf_exporter *unwrap_exporter(PyObject *o);

}  // namespace mvconf::oracle
