// The memoryview constructors (spec §2.1–§2.4) and the contiguity flags (§1.4).
#ifndef MVCONF_IMPL_MEMORYVIEW_H
#define MVCONF_IMPL_MEMORYVIEW_H

#include <mvconf/port.h>

#include <memory>

#include "objects.h"
#include "rules.h"

namespace mvconf::impl {

/// The MVCONF_VIEW_* flags of a complete view (§1.4).
int view_flags(const mvconf_buffer &view, const Rules &rules);

/// A new memoryview on mbuf whose view is the master made complete (§1.2, §1.3): the ndim
/// limit is checked, missing shape/strides rebuilt and a NULL format replaced by "B". On
/// failure returns nullptr with err set; mbuf is then dropped, releasing the master if this
/// was its only owner.
MemoryView *view_from_master(std::shared_ptr<ManagedBuffer> mbuf, const Rules &rules,
                             const char *function, mvconf_error *err);

/// PyMemoryView_FromObject.
MemoryView *from_object(mvconf_ref obj, const Rules &rules, mvconf_error *err);

/// PyMemoryView_FromMemory.
MemoryView *from_memory(char *mem, ptrdiff_t size, int flags, const Rules &rules,
                        mvconf_error *err);

/// PyMemoryView_FromBuffer.
MemoryView *from_buffer(const mvconf_buffer *info, const Rules &rules, mvconf_error *err);

/// PyMemoryView_GetContiguous.
MemoryView *get_contiguous(mvconf_ref obj, int buffertype, char order, const Rules &rules,
                           mvconf_error *err);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_MEMORYVIEW_H
