// PyObject_CopyData (spec §4.3): copying one buffer-protocol object's data into another's.
#ifndef MVCONF_IMPL_COPY_DATA_H
#define MVCONF_IMPL_COPY_DATA_H

#include <mvconf/port.h>

#include "rules.h"

namespace mvconf::impl {

/// PyObject_CopyData(dest, src): 0, or -1 with err. Either argument may be an exporter or a
/// memoryview; every buffer obtained is released on every path.
int copy_data(mvconf_ref dest, mvconf_ref src, const Rules &rules, mvconf_error *err);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_COPY_DATA_H
