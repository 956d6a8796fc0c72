// PyObject_GetBuffer on exporters and memoryviews (spec §4.8, §4.9), PyBuffer_Release of every
// buffer this port hands out, and memoryview.release() (§5.9).
#ifndef MVCONF_IMPL_REEXPORT_H
#define MVCONF_IMPL_REEXPORT_H

#include <mvconf/port.h>

#include "objects.h"
#include "rules.h"

namespace mvconf::impl {

/// PyObject_GetBuffer(obj, view, flags): 0, or -1 with err (view->obj is then NULL). For a
/// memoryview, view->obj is that memoryview's handle; for an exporter it is a port-owned
/// handle. Either way, release with buffer_release.
int object_get_buffer(mvconf_ref obj, mvconf_buffer *view, int flags, const Rules &rules,
                      mvconf_error *err);

/// memory_getbuf (§4.8) alone, without PyObject_GetBuffer's own checks: what a PEP 688
/// `mv.__buffer__(flags)` runs (3.13's PyBUF_READ/WRITE SystemError does not apply).
int view_get_buffer(MemoryView *mv, mvconf_buffer *view, int flags, const Rules &rules,
                    mvconf_error *err);

/// PyBuffer_Release for fill_info buffers (obj is the harness exporter) and object_get_buffer
/// buffers. A NULL obj (for example a second release) is a no-op.
void buffer_release(mvconf_buffer *view, const Rules &rules);

/// memoryview.release(): 0, or -1 with a BufferError while the view has exported buffers.
int view_release(MemoryView *mv, const Rules &rules, mvconf_error *err);

/// Py_DECREF of the harness's reference: deletes mv now, or at its last buffer_release while
/// exported buffers still reference it.
void view_free(MemoryView *mv, const Rules &rules);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_REEXPORT_H
