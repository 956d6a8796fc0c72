#include "objects.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

namespace mvconf::impl {

namespace {

// No machine this runs on has 1 TiB to give, and asking for more makes AddressSanitizer abort
// ("allocation-size-too-big") instead of failing: larger sizes fail here, like a failed malloc.
constexpr ptrdiff_t kMaxBytesObject = ptrdiff_t{1} << 40;

size_t checked_storage(ptrdiff_t size) {
  if (size < 0 || size > kMaxBytesObject) throw std::bad_alloc();
  return static_cast<size_t>(size) + 1;
}

}  // namespace

BytesObject::BytesObject(ptrdiff_t size)
    : Object(ObjectKind::kBytes), size_(size), storage_(checked_storage(size), '\0') {}

void ViewObject::release_export(const mvconf_buffer &master) const {
  // The export was registered under the exporting view's handle, not this object.
  mvconf_buffer export_buffer = master;
  export_buffer.obj = to_handle(view_);
  release_(&export_buffer);
}

ManagedBuffer::ManagedBuffer(std::shared_ptr<Object> base, const mvconf_buffer &master,
                             bool release)
    : base_(std::move(base)), master_(master), release_(release) {
  master_.obj = base_.get();
}

ManagedBuffer::~ManagedBuffer() { release_master(); }

void ManagedBuffer::release_master() {
  if (!release_) return;
  release_ = false;
  if (base_->kind() == ObjectKind::kView) {
    static_cast<const ViewObject *>(base_.get())->release_export(master_);
    return;
  }
  // The exporter gets back exactly the buffer it filled (with our handle in obj), once.
  const auto *handle = static_cast<const ExporterObject *>(base_.get());
  const mvconf_exporter *exporter = handle->exporter();
  if (exporter->releasebuffer != nullptr) exporter->releasebuffer(exporter, &master_);
}

void ManagedBuffer::own_layout(std::string format, std::vector<ptrdiff_t> shape,
                               std::vector<ptrdiff_t> strides) {
  format_ = std::move(format);
  shape_ = std::move(shape);
  strides_ = std::move(strides);
  master_.format = format_.data();
  master_.shape = shape_.empty() ? nullptr : shape_.data();
  master_.strides = strides_.empty() ? nullptr : strides_.data();
}

MemoryView::MemoryView(std::shared_ptr<ManagedBuffer> mbuf, const mvconf_buffer &view, int flags)
    : mbuf_(std::move(mbuf)),
      view_(view),
      dims_(3 * static_cast<size_t>(std::max(view.ndim, 0))),
      flags_(flags) {
  const size_t n = static_cast<size_t>(std::max(view.ndim, 0));
  if (n == 0) {
    view_.shape = view_.strides = view_.suboffsets = nullptr;
  } else {
    ptrdiff_t *shape = dims_.data();
    ptrdiff_t *strides = shape + n;
    ptrdiff_t *suboffsets = strides + n;
    std::memcpy(shape, view.shape, n * sizeof(ptrdiff_t));
    std::memcpy(strides, view.strides, n * sizeof(ptrdiff_t));
    if (view.suboffsets != nullptr) std::memcpy(suboffsets, view.suboffsets, n * sizeof(ptrdiff_t));
    view_.shape = shape;
    view_.strides = strides;
    view_.suboffsets = view.suboffsets != nullptr ? suboffsets : nullptr;
  }
  mbuf_->add_export();
}

MemoryView::~MemoryView() {
  // A released view already left its managed buffer: unregistering twice would let a sibling
  // view's exporter buffer go early. The last registered view going gives the exporter its
  // buffer back even while released siblings still point at the managed buffer (found by
  // PyLifecycleModel: memoryview(m), m.release(), del the copy).
  if (released()) return;
  mbuf_->remove_export();
  if (mbuf_->exports() == 0 && !keep_master_) mbuf_->release_master();
}

void MemoryView::release() {
  flags_ |= MVCONF_VIEW_RELEASED;
  mbuf_->remove_export();
  // Keep the managed buffer itself (view_state still reports its count, as CPython's released
  // view keeps its mbuf pointer) but give the exporter its buffer back now.
  if (mbuf_->exports() == 0) mbuf_->release_master();
}

}  // namespace mvconf::impl
