#include "reexport.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "errors.h"

namespace mvconf::impl {
namespace {

constexpr const char *kGetBuffer = "PyObject_GetBuffer";

// Who must be told when a buffer handed out by object_get_buffer is released. The key is the
// buffer's obj pointer. Only port-owned, live objects are keys: a memoryview with exports
// (it cannot be deleted while exported, see view_free) and the handle made for one exporter
// export (deleted at its release). A harness exporter passed to fill_info can never share an
// address with a live port object, so an obj that is not a key is a fill_info owner.
struct Owner {
  MemoryView *view = nullptr;                // a memoryview export (the count is the view's)
  std::unique_ptr<ExporterObject> exporter;  // an exporter export: the handle in obj
};

// Owner records for every port and mutant table: the keys are unique process-wide. The mutex
// keeps concurrent harness threads (each with its own objects) from corrupting the map.
struct Registry {
  std::mutex mutex;
  std::unordered_map<const void *, Owner> owners;
};

Registry &registry() {
  static Registry *r = new Registry;  // never destroyed: releases may run during exit
  return *r;
}

// The released-view ValueError of §4.8 check 1 (the same text FromObject uses).
void set_released(mvconf_error *err) {
  set_error(err, "ValueError", "operation forbidden on released memoryview object");
}

bool requested(int flags, int f) { return (flags & f) == f; }

// memory_getbuf (§4.8): the checks in the spec's order, judged by the view's flags (§1.4).
int view_getbuf(MemoryView *mv, mvconf_buffer *out, int flags, const Rules &rules,
                mvconf_error *err) {
  if (mv->released()) {
    set_released(err);
    return -1;
  }
  const mvconf_buffer &base = mv->view();
  const int vf = mv->flags();
  const bool c = (vf & (MVCONF_VIEW_C | MVCONF_VIEW_SCALAR)) != 0;
  const bool f = (vf & (MVCONF_VIEW_FORTRAN | MVCONF_VIEW_SCALAR)) != 0;
  const bool needs_suboffsets =
      !requested(flags, MVCONF_BUF_INDIRECT) && (vf & MVCONF_VIEW_PIL) != 0;
  const char *problem = nullptr;
  if ((flags & MVCONF_BUF_WRITABLE) != 0 && base.readonly != 0) {
    problem = "memoryview: underlying buffer is not writable";
  } else if (rules.broken(Mutation::kGetbufSuboffsetsBeforeContig) && needs_suboffsets) {
    problem = "memoryview: underlying buffer requires suboffsets";
  } else if (requested(flags, MVCONF_BUF_C_CONTIGUOUS) && !c) {
    problem = "memoryview: underlying buffer is not C-contiguous";
  } else if (requested(flags, MVCONF_BUF_F_CONTIGUOUS) && !f) {
    problem = "memoryview: underlying buffer is not Fortran contiguous";
  } else if (requested(flags, MVCONF_BUF_ANY_CONTIGUOUS) && !c && !f) {
    problem = "memoryview: underlying buffer is not contiguous";
  } else if (needs_suboffsets) {
    problem = "memoryview: underlying buffer requires suboffsets";
  } else if (!requested(flags, MVCONF_BUF_STRIDES) && !c) {
    problem = "memoryview: underlying buffer is not C-contiguous";
  } else if (!requested(flags, MVCONF_BUF_ND) && (flags & MVCONF_BUF_FORMAT) != 0) {
    problem = "memoryview: cannot cast to unsigned bytes if the format flag is present";
  }
  if (problem != nullptr) {
    set_error(err, "BufferError", problem);
    return -1;
  }
  // A struct copy (buf, len, itemsize, readonly, suboffsets, internal are shared), then the
  // request decides which of format, strides and shape the consumer may see.
  *out = base;
  if ((flags & MVCONF_BUF_FORMAT) == 0) {
    out->format = nullptr;  // itemsize is kept
    if (rules.broken(Mutation::kGetbufNoFormatItemsize1)) out->itemsize = 1;
  }
  if (!requested(flags, MVCONF_BUF_STRIDES)) out->strides = nullptr;
  if (!requested(flags, MVCONF_BUF_ND)) {
    out->ndim = 1;  // even for a 0-d view: SIMPLE means "1-D bytes"
    out->shape = nullptr;
  }
  out->obj = to_handle(mv);  // the contract: the consumer sees the memoryview itself
  mv->add_buffer_export();
  std::lock_guard<std::mutex> lock(registry().mutex);
  registry().owners[mv].view = mv;
  return 0;
}

// An exporter's getbuffer with a port-owned handle in obj; its error propagates unchanged.
int exporter_getbuf(const mvconf_exporter *exporter, mvconf_buffer *out, int flags,
                    mvconf_error *err) {
  if (exporter->getbuffer == nullptr) {
    // PyObject_GetBuffer's own wording: unlike the memoryview constructor, no prefix (§4.9).
    // Observed: PyObject_GetBuffer quotes at most 100 bytes of the name (the constructor 200).
    const std::string name = quoted_type_name(exporter->type_name, 100);
    set_error(err, "TypeError", "a bytes-like object is required, not '" + name + "'");
    return -1;
  }
  auto handle = std::make_unique<ExporterObject>(exporter);
  out->obj = handle.get();
  mvconf_error exporter_err{};
  if (exporter->getbuffer(exporter, out, flags, &exporter_err) < 0) {
    out->obj = nullptr;
    if (exporter_err.type[0] == '\0') {
      set_undefined(err, kGetBuffer, "getbuffer failed without setting an error");
    } else if (err != nullptr) {
      *err = exporter_err;
    }
    return -1;
  }
  out->obj = handle.get();  // whatever the exporter left there, the port's handle owns it
  std::lock_guard<std::mutex> lock(registry().mutex);
  registry().owners[handle.get()].exporter = std::move(handle);
  return 0;
}

}  // namespace

int object_get_buffer(mvconf_ref obj, mvconf_buffer *view, int flags, const Rules &rules,
                      mvconf_error *err) {
  // gh-114685 (3.13): the buffertypes PyBUF_READ/PyBUF_WRITE are not request flags. CPython
  // checks this before looking at the object and names its own source line (3.13.0).
  if (rules.since(13) && (flags == MVCONF_BUF_READ || flags == MVCONF_BUF_WRITE)) {
    set_error(err, "SystemError", "Objects/abstract.c:430: bad argument to internal function");
    return -1;
  }
  if (view == nullptr) {
    set_undefined(err, kGetBuffer, "view is NULL");
    return -1;
  }
  if (obj.view != nullptr) {
    const int r = view_getbuf(from_handle(obj.view), view, flags, rules, err);
    if (r < 0) view->obj = nullptr;
    return r;
  }
  if (obj.exporter == nullptr) {
    set_undefined(err, kGetBuffer, "the object reference is empty");
    return -1;
  }
  return exporter_getbuf(obj.exporter, view, flags, err);
}

int view_get_buffer(MemoryView *mv, mvconf_buffer *view, int flags, const Rules &rules,
                    mvconf_error *err) {
  const int r = view_getbuf(mv, view, flags, rules, err);
  if (r < 0) view->obj = nullptr;
  return r;
}

void buffer_release(mvconf_buffer *view, const Rules &rules) {
  if (view == nullptr || view->obj == nullptr) return;  // no owner: nothing to release
  void *key = view->obj;
  // Forget the owner first, so that a second release of the same struct does nothing.
  view->obj = nullptr;
  MemoryView *mv = nullptr;
  std::unique_ptr<ExporterObject> handle;
  {
    std::lock_guard<std::mutex> lock(registry().mutex);
    auto it = registry().owners.find(key);
    if (it != registry().owners.end()) {
      mv = it->second.view;
      handle = std::move(it->second.exporter);
      // A memoryview stays a key while other buffers it exported are outstanding.
      if (mv == nullptr || mv->exports() <= 1) registry().owners.erase(it);
      if (mv != nullptr) mv->remove_buffer_export();
    }
  }
  if (mv != nullptr) {
    // memory_releasebuf: one export fewer; the harness may already have dropped the view.
    if (mv->exports() == 0 && mv->orphaned()) delete mv;
    return;
  }
  // An exporter owner: our handle from object_get_buffer, or the harness exporter fill_info
  // stored. Like PyBuffer_Release, its releasebuffer (if any) gets the buffer it filled.
  const mvconf_exporter *owner =
      handle ? handle->exporter() : static_cast<const mvconf_exporter *>(key);
  if (owner->releasebuffer == nullptr || rules.broken(Mutation::kReleaseSkipsReleasebuffer)) return;
  view->obj = key;  // the exporter sees its buffer as it was handed out
  owner->releasebuffer(owner, view);
  view->obj = nullptr;
}

int view_release(MemoryView *mv, const Rules &rules, mvconf_error *err) {
  if (mv == nullptr) {
    set_undefined(err, "memoryview.release", "mv is NULL");
    return -1;
  }
  if (mv->released()) return 0;  // releasing twice is allowed
  const ptrdiff_t n = mv->exports();
  if (n > 0 && !rules.broken(Mutation::kReleaseIgnoresExports)) {
    set_error(err, "BufferError",
              "memoryview has " + std::to_string(n) + " exported buffer" +
                  (n == 1 || rules.broken(Mutation::kReleaseExportsNoPlural) ? "" : "s"));
    return -1;
  }
  mv->release();
  return 0;
}

void view_free(MemoryView *mv, const Rules &rules) {
  if (mv == nullptr) return;
  // The exported buffers hold references of their own (CPython's view->obj is a new
  // reference): deleting now would leave them pointing at freed memory.
  if (mv->exports() > 0) {
    if (rules.broken(Mutation::kFreeIgnoresExports) && !mv->released()) mv->release();
    mv->set_orphaned();
    return;
  }
  if (rules.broken(Mutation::kFreeWaitsForReleasedSiblings)) mv->keep_master_on_free();
  delete mv;
}

}  // namespace mvconf::impl
