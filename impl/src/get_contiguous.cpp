// PyMemoryView_GetContiguous (spec §2.4): a view on the exporter when it is already
// contiguous in the requested order, otherwise a read-only copy in a bytes object.
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "buffer_functions.h"
#include "contiguity.h"
#include "errors.h"
#include "layout.h"
#include "memoryview.h"

namespace mvconf::impl {
namespace {

constexpr const char *kGetContiguous = "PyMemoryView_GetContiguous";

// A new view on mv's managed buffer showing `view` instead (mutants only); mv is dropped.
MemoryView *rewrap(std::unique_ptr<MemoryView> mv, const mvconf_buffer &view, const Rules &rules) {
  return new MemoryView(mv->mbuf(), view, view_flags(view, rules));
}

// The copy: a new bytes object holding the logical content of `src` in C layout for 'C'/'A'
// and Fortran layout for anything else, wrapped in its own managed buffer.
MemoryView *copy_view(const mvconf_buffer &src, char order, const Rules &rules, mvconf_error *err) {
  if (src.len < 0) {
    set_undefined(err, kGetContiguous, "len is negative");
    return nullptr;
  }
  const bool fortran =
      !(order == 'C' || order == 'A') || (rules.broken(Mutation::kCopyAFortran) && order == 'A');
  const bool fortran_data = fortran && !rules.broken(Mutation::kCopyCOrderForF);
  std::shared_ptr<BytesObject> bytes;
  try {
    bytes = std::make_shared<BytesObject>(src.len);
  } catch (const std::bad_alloc &) {  // an exporter may report any len (spec: MemoryError)
    set_bytes_alloc_error(err, src.len);
    return nullptr;
  }
  if (copy_logical(src, bytes->data(), src.len, fortran_data, kGetContiguous, err) < 0)
    return nullptr;

  const int ndim = src.ndim;
  std::vector<ptrdiff_t> shape(src.shape, src.shape + ndim), strides(ndim);
  if (fortran) {
    fill_f_strides(ndim, shape.data(), strides.data(), src.itemsize);
  } else {
    fill_c_strides(ndim, shape.data(), strides.data(), src.itemsize);
  }
  mvconf_buffer master{};
  master.buf = bytes->data();
  master.len = src.len;
  master.itemsize = src.itemsize;
  // The copy is read-only in every CPython version (the bytes object is immutable).
  master.readonly = rules.broken(Mutation::kCopyWritable) ? 0 : 1;
  master.ndim = ndim;
  auto mbuf = std::make_shared<ManagedBuffer>(std::move(bytes), master, false);
  // The format is duplicated: the copy must not depend on the source's format string.
  // (src.format is NULL only in the kNullFormatKept mutant.)
  mbuf->own_layout(src.format != nullptr ? src.format : "", std::move(shape), std::move(strides));
  std::unique_ptr<MemoryView> mv(view_from_master(std::move(mbuf), rules, kGetContiguous, err));
  const bool keep_suboffsets = rules.broken(Mutation::kCopyKeepsSuboffsets) && src.suboffsets;
  const bool share_format = rules.broken(Mutation::kCopyFormatShared);
  if (!mv || !(keep_suboffsets || share_format)) return mv.release();
  mvconf_buffer view = mv->view();
  if (keep_suboffsets) view.suboffsets = src.suboffsets;
  if (share_format) view.format = src.format;
  return rewrap(std::move(mv), view, rules);
}

}  // namespace

MemoryView *get_contiguous(mvconf_ref obj, int buffertype, char order, const Rules &rules,
                           mvconf_error *err) {
  std::unique_ptr<MemoryView> mv(from_object(obj, rules, err));
  if (!mv) return nullptr;
  // Any buffertype other than exactly PyBUF_WRITE behaves as PyBUF_READ.
  const bool want_write = buffertype == MVCONF_BUF_WRITE ||
                          (rules.broken(Mutation::kBuffertype0AsWrite) && buffertype == 0);
  const bool write_check_late = rules.broken(Mutation::kWriteCheckAfterContiguity);
  if (want_write && mv->view().readonly != 0 && !write_check_late) {
    set_error(err, "BufferError", "underlying buffer is not writable");
    return nullptr;
  }
  if (!is_known_order(order) && rules.broken(Mutation::kInvalidOrderAsC)) order = 'C';
  // Judged by PyBuffer_IsContiguous, not by the memoryview flags (they differ for empty 1-D
  // views), and an unknown order is never contiguous: a copy in Fortran layout follows.
  const int contiguous = contiguity(mv->view(), order, rules, kGetContiguous, err);
  if (contiguous < 0) return nullptr;
  if (contiguous == 1) {
    if (want_write && mv->view().readonly != 0) {  // only with write_check_late
      set_error(err, "BufferError", "underlying buffer is not writable");
      return nullptr;
    }
    if (!rules.broken(Mutation::kContigNoCopyBaseNull)) return mv.release();
    mvconf_buffer view = mv->view();
    view.obj = nullptr;
    return rewrap(std::move(mv), view, rules);
  }
  if (want_write) {
    set_error(err, "BufferError",
              rules.broken(Mutation::kNoncontigMessageNoPeriod)
                  ? "writable contiguous buffer requested for a non-contiguous object"
                  : "writable contiguous buffer requested for a non-contiguous object.");
    return nullptr;
  }
  return copy_view(mv->view(), order, rules, err);
}

}  // namespace mvconf::impl
