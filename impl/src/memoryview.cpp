#include "memoryview.h"

#include <string>
#include <utility>
#include <vector>

#include "buffer_functions.h"
#include "contiguity.h"
#include "errors.h"
#include "layout.h"

namespace mvconf::impl {
namespace {

constexpr const char *kFromObject = "PyMemoryView_FromObject";
constexpr const char *kFromMemory = "PyMemoryView_FromMemory";
constexpr const char *kFromBuffer = "PyMemoryView_FromBuffer";

// The format a view reports when its exporter gave none. Not const in the Py_buffer layout.
char g_default_format[] = "B";
char g_not_utf8_format[] = "\xff";  // the null_format_not_utf8 mutant's format

}  // namespace

int view_flags(const mvconf_buffer &view, const Rules &rules) {
  int flags = 0;
  if (view.ndim == 0) {
    flags = MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN;
    if (!rules.broken(Mutation::kScalarFlagMissing)) flags |= MVCONF_VIEW_SCALAR;
  } else if (view.ndim == 1) {
    // Deliberately no len == 0 rule (unlike PyBuffer_IsContiguous): an empty 1-D view with an
    // odd stride is not contiguous here. The kFortranFlagLen0 mutant "fixes" that; the
    // kFlags1dIgnoresExtent1 mutant forgets the extent-1 rule.
    const bool empty_fix = rules.broken(Mutation::kFortranFlagLen0) && view.shape[0] == 0;
    const bool unit = view.shape[0] == 1 && !rules.broken(Mutation::kFlags1dIgnoresExtent1);
    if (unit || view.strides[0] == view.itemsize || empty_fix)
      flags = MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN;
  } else {
    // The view is complete (shape and strides non-NULL), so these cannot fail.
    if (c_contiguity(view, rules, "memoryview", nullptr) == 1) flags |= MVCONF_VIEW_C;
    if (f_contiguity(view, rules, "memoryview", nullptr) == 1) flags |= MVCONF_VIEW_FORTRAN;
  }
  if (view.suboffsets != nullptr) {
    flags |= MVCONF_VIEW_PIL;
    if (!rules.broken(Mutation::kPilKeepsCF)) flags &= ~(MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN);
  }
  return flags;
}

MemoryView *view_from_master(std::shared_ptr<ManagedBuffer> mbuf, const Rules &rules,
                             const char *function, mvconf_error *err) {
  const mvconf_buffer &master = mbuf->master();
  const int max_ndim = MVCONF_MAX_NDIM - (rules.broken(Mutation::kNdimLimitOffByOne) ? 1 : 0);
  if (master.ndim > max_ndim) {
    set_error(err, rules.broken(Mutation::kNdimLimitBufferError) ? "BufferError" : "ValueError",
              "memoryview: number of dimensions must not exceed 64");
    return nullptr;
  }
  if (const char *problem = reconstruction_problem(master)) {
    set_undefined(err, function, problem);
    return nullptr;
  }
  const int ndim = master.ndim;
  std::vector<ptrdiff_t> shape(ndim), strides(ndim), suboffsets(ndim);
  reconstruct_shape_strides(master, shape.data(), strides.data(), suboffsets.data());
  if (rules.broken(Mutation::kRebuiltShapeRoundsUp) && ndim == 1 && master.shape == nullptr)
    shape[0] = (master.len + master.itemsize - 1) / master.itemsize;
  mvconf_buffer view = master;  // buf, obj, len (not recomputed), itemsize, readonly, internal
  if (rules.broken(Mutation::kLenRecomputed)) {
    ptrdiff_t count = 1;
    for (ptrdiff_t extent : shape) count = wrapping_mul(count, extent);
    view.len = wrapping_mul(count, master.itemsize);
  }
  if (view.format == nullptr) {
    if (!rules.broken(Mutation::kNullFormatKept)) view.format = g_default_format;
    // Bytes that are not UTF-8, as a careless port might report: reports must still print.
    if (rules.broken(Mutation::kNullFormatNotUtf8)) view.format = g_not_utf8_format;
    if (rules.broken(Mutation::kNullFormatItemsize1)) view.itemsize = 1;  // else kept
  }
  view.shape = ndim > 0 ? shape.data() : nullptr;
  view.strides = ndim > 0 ? strides.data() : nullptr;
  view.suboffsets = ndim > 0 && master.suboffsets != nullptr ? suboffsets.data() : nullptr;
  return new MemoryView(std::move(mbuf), view, view_flags(view, rules));
}

MemoryView *from_object(mvconf_ref obj, const Rules &rules, mvconf_error *err) {
  if (obj.view != nullptr) {
    // A new view on the same managed buffer, copying the current (sliced, cast...) view.
    MemoryView *src = from_handle(obj.view);
    if (src->released()) {
      set_error(err, "ValueError", "operation forbidden on released memoryview object");
      return nullptr;
    }
    Object *base = object_of(src->view());
    if (rules.broken(Mutation::kFromViewGetbufferAgain) && base != nullptr &&
        base->kind() == ObjectKind::kExporter) {
      // Treats the view like any exporter: a second getbuffer on the original exporter.
      obj = mvconf_ref{static_cast<ExporterObject *>(base)->exporter(), nullptr};
    } else if (rules.broken(Mutation::kFromViewNewMbuf)) {
      // A fresh managed buffer (keeping the old one, and so the exporter, alive).
      auto mbuf = std::make_shared<ManagedBuffer>(std::shared_ptr<Object>(src->mbuf(), base),
                                                  src->view(), false);
      return new MemoryView(std::move(mbuf), src->view(), view_flags(src->view(), rules));
    } else {
      return new MemoryView(src->mbuf(), src->view(), view_flags(src->view(), rules));
    }
  }
  const mvconf_exporter *exporter = obj.exporter;
  if (exporter == nullptr) {
    set_undefined(err, kFromObject, "the object reference is empty");
    return nullptr;
  }
  if (exporter->getbuffer == nullptr) {
    const std::string name = quoted_type_name(exporter->type_name, 200);
    const char *prefix = rules.broken(Mutation::kNonBufferMessageNoPrefix) ? "" : "memoryview: ";
    set_error(err, "TypeError",
              std::string(prefix) + "a bytes-like object is required, not '" + name + "'");
    return nullptr;
  }
  auto handle = std::make_shared<ExporterObject>(exporter);
  mvconf_buffer master{};
  master.obj = handle.get();
  mvconf_error exporter_err{};
  const int request =
      rules.broken(Mutation::kRequestFlagsFull) ? MVCONF_BUF_FULL : MVCONF_BUF_FULL_RO;
  if (exporter->getbuffer(exporter, &master, request, &exporter_err) < 0) {
    // The exporter's error propagates unchanged.
    if (exporter_err.type[0] == '\0') {
      set_undefined(err, kFromObject, "getbuffer failed without setting an error");
    } else if (err != nullptr) {
      *err = exporter_err;
    }
    return nullptr;
  }
  // From here the managed buffer owns the exporter's buffer: any failure below (ndim > 64,
  // unusable layout) drops it, which releases the buffer exactly once.
  const bool release_now = rules.broken(Mutation::kReleaseAtConstruction);
  if (release_now && exporter->releasebuffer != nullptr) exporter->releasebuffer(exporter, &master);
  auto mbuf = std::make_shared<ManagedBuffer>(std::move(handle), master, !release_now);
  MemoryView *mv = view_from_master(std::move(mbuf), rules, kFromObject, err);
  if (mv == nullptr && rules.broken(Mutation::kReleaseTwiceOnNdimError) &&
      master.ndim > MVCONF_MAX_NDIM && exporter->releasebuffer != nullptr) {
    master.obj = nullptr;  // the handle died with the managed buffer
    exporter->releasebuffer(exporter, &master);
  }
  return mv;
}

MemoryView *from_memory(char *mem, ptrdiff_t size, int flags, const Rules &rules,
                        mvconf_error *err) {
  if (mem == nullptr) {
    set_undefined(err, kFromMemory, "mem is NULL");
    return nullptr;
  }
  if (size < 0) {
    set_undefined(err, kFromMemory, "size is negative");
    return nullptr;
  }
  // Only exactly PyBUF_WRITE asks for a writable view; any other value reads as PyBUF_READ.
  bool writable = flags == MVCONF_BUF_WRITE;
  if (rules.broken(Mutation::kFromMemoryFlags0Writable) && flags == 0) writable = true;
  mvconf_buffer master{};
  fill_info(&master, nullptr, mem, size, writable ? 0 : 1, MVCONF_BUF_FULL_RO, rules, nullptr);
  // FillInfo points shape/strides into this stack struct; §1.3 rebuilds the same (size,) and
  // (1,) from len and itemsize, so drop the soon-dangling pointers.
  master.shape = nullptr;
  master.strides = nullptr;
  auto mbuf = std::make_shared<ManagedBuffer>(nullptr, master, false);
  return view_from_master(std::move(mbuf), rules, kFromMemory, err);
}

MemoryView *from_buffer(const mvconf_buffer *info, const Rules &rules, mvconf_error *err) {
  if (info == nullptr) {
    set_undefined(err, kFromBuffer, "info is NULL");
    return nullptr;
  }
  if (rules.broken(Mutation::kFromBufferBufCheckLate) && info->ndim > MVCONF_MAX_NDIM) {
    // The ndim limit of view_from_master, reached before the buf check.
    auto mbuf = std::make_shared<ManagedBuffer>(nullptr, *info, false);
    return view_from_master(std::move(mbuf), rules, kFromBuffer, err);
  }
  if (info->buf == nullptr) {
    set_error(err, "ValueError", "PyMemoryView_FromBuffer(): info->buf must not be NULL");
    return nullptr;
  }
  // info->obj is ignored: no reference is taken and the base is NULL. The format pointer is
  // shared with the caller. The kFromBufferKeepsObj mutant keeps obj as the base instead (it
  // still never releases a buffer it did not get).
  std::shared_ptr<Object> base;
  if (rules.broken(Mutation::kFromBufferKeepsObj) && info->obj != nullptr)
    base = std::make_shared<ExporterObject>(static_cast<const mvconf_exporter *>(info->obj));
  auto mbuf = std::make_shared<ManagedBuffer>(std::move(base), *info, false);
  return view_from_master(std::move(mbuf), rules, kFromBuffer, err);
}

}  // namespace mvconf::impl
