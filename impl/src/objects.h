// A tiny object model: the objects a memoryview's `obj` can point at (an exporter handle or a
// bytes object), the managed buffer that holds an exporter's master buffer, and the memoryview.
#ifndef MVCONF_IMPL_OBJECTS_H
#define MVCONF_IMPL_OBJECTS_H

#include <mvconf/port.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mvconf::impl {

enum class ObjectKind { kExporter, kBytes, kView };

class MemoryView;

/// Anything a buffer's `obj` may point at. Shared ownership is the reference count.
class Object {
 public:
  explicit Object(ObjectKind kind) : kind_(kind) {}
  virtual ~Object() = default;
  Object(const Object &) = delete;
  Object &operator=(const Object &) = delete;

  ObjectKind kind() const { return kind_; }

 private:
  ObjectKind kind_;
};

/// The port's handle for a harness-owned exporter.
class ExporterObject final : public Object {
 public:
  explicit ExporterObject(const mvconf_exporter *exporter)
      : Object(ObjectKind::kExporter), exporter_(exporter) {}
  const mvconf_exporter *exporter() const { return exporter_; }

 private:
  const mvconf_exporter *exporter_;
};

/// An immutable bytes object (the target of a GetContiguous copy).
class BytesObject final : public Object {
 public:
  explicit BytesObject(ptrdiff_t size);
  char *data() { return storage_.data(); }
  ptrdiff_t size() const { return size_; }

 private:
  ptrdiff_t size_;
  std::vector<char> storage_;  // size_ + 1 bytes: never empty, so data() is never NULL
};

/// The memoryview a PEP 688 `mv.__buffer__(flags)` view was exported from (its `.obj`). The
/// managed buffer's master is that view's export; `release` gives it back (PyBuffer_Release),
/// so the exporting view's count drops when the last registered view of the buffer goes.
class ViewObject final : public Object {
 public:
  ViewObject(MemoryView *view, std::function<void(mvconf_buffer *)> release)
      : Object(ObjectKind::kView), view_(view), release_(std::move(release)) {}
  /// The exporting memoryview; compared by address only (it may be gone once released).
  const MemoryView *view() const { return view_; }
  /// Gives `master` (whose obj is this object) back to the exporting view.
  void release_export(const mvconf_buffer &master) const;

 private:
  MemoryView *view_;
  std::function<void(mvconf_buffer *)> release_;
};

/// The hidden object between an exporter and its memoryviews: one master buffer, released
/// exactly once, when the last registered memoryview goes away.
class ManagedBuffer {
 public:
  /// Adopts `master`; `base` is what master.obj points at (may be null). When `release` is
  /// true the exporter's releasebuffer is called on destruction.
  ManagedBuffer(std::shared_ptr<Object> base, const mvconf_buffer &master, bool release);
  ~ManagedBuffer();
  ManagedBuffer(const ManagedBuffer &) = delete;
  ManagedBuffer &operator=(const ManagedBuffer &) = delete;

  const mvconf_buffer &master() const { return master_; }
  /// Memoryviews registered with this managed buffer.
  ptrdiff_t exports() const { return exports_; }
  void add_export() { ++exports_; }
  void remove_export() { --exports_; }
  /// Releases the exporter's buffer now (memoryview.release() of the last registered view)
  /// instead of at destruction; later calls and the destructor then do nothing.
  void release_master();

  /// Gives the master its own copies of format, shape and strides (GetContiguous copies).
  void own_layout(std::string format, std::vector<ptrdiff_t> shape, std::vector<ptrdiff_t> strides);

 private:
  std::shared_ptr<Object> base_;
  mvconf_buffer master_;
  bool release_;  // the exporter's buffer is still to be released
  ptrdiff_t exports_ = 0;
  std::string format_;
  std::vector<ptrdiff_t> shape_, strides_;
};

/// A memoryview: a private copy of a view on a managed buffer, with its own shape, strides and
/// suboffsets, and its contiguity flags.
class MemoryView {
 public:
  /// Registers a new view with mbuf, copying `view` (whose shape/strides must be complete) and
  /// computing the flags with `flags`.
  MemoryView(std::shared_ptr<ManagedBuffer> mbuf, const mvconf_buffer &view, int flags);
  ~MemoryView();
  MemoryView(const MemoryView &) = delete;
  MemoryView &operator=(const MemoryView &) = delete;

  const mvconf_buffer &view() const { return view_; }
  const std::shared_ptr<ManagedBuffer> &mbuf() const { return mbuf_; }
  int flags() const { return flags_; }
  /// Buffers this memoryview exported itself (object_get_buffer) and not yet released.
  ptrdiff_t exports() const { return exports_; }
  void add_buffer_export() { ++exports_; }
  void remove_buffer_export() { --exports_; }
  /// Released by memoryview.release().
  bool released() const { return (flags_ & MVCONF_VIEW_RELEASED) != 0; }
  /// Marks the view released and unregisters it from its managed buffer, releasing the
  /// exporter's buffer if it was the last registered view. Requires exports() == 0.
  void release();
  /// The harness dropped its reference (view_free) while buffers were still exported: the
  /// last buffer_release deletes the view.
  bool orphaned() const { return orphaned_; }
  void set_orphaned() { orphaned_ = true; }
  /// Mutant free_waits_for_released_siblings: going away does not release the exporter's
  /// buffer; the managed buffer's destructor does, once every view pointing at it is gone.
  void keep_master_on_free() { keep_master_ = true; }
  /// hash(mv), cached after the first success (spec §5.11).
  bool hash_cached() const { return hash_cached_; }
  int64_t cached_hash() const { return hash_; }
  void cache_hash(int64_t hash) {
    hash_ = hash;
    hash_cached_ = true;
  }

 private:
  std::shared_ptr<ManagedBuffer> mbuf_;
  mvconf_buffer view_;
  std::vector<ptrdiff_t> dims_;  // shape, strides, suboffsets: 3*ndim values
  int flags_;
  ptrdiff_t exports_ = 0;
  bool orphaned_ = false;
  bool keep_master_ = false;
  bool hash_cached_ = false;
  int64_t hash_ = 0;
};

/// The object a buffer's obj points at, or nullptr for NULL. Only for buffers this port made.
inline Object *object_of(const mvconf_buffer &view) { return static_cast<Object *>(view.obj); }

/// The port's opaque handle for a memoryview, and back.
inline mvconf_view *to_handle(MemoryView *mv) { return reinterpret_cast<mvconf_view *>(mv); }
inline MemoryView *from_handle(mvconf_view *mv) { return reinterpret_cast<MemoryView *>(mv); }

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_OBJECTS_H
