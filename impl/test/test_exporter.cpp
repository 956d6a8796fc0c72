#include "test_exporter.h"

#include <cstdio>
#include <cstring>

namespace mvconf::impl::test {

// hash is always set (a non-NULL hash that answers 0 is hashable too), so both paths are used.
TestExporter::TestExporter() : exporter_{"TestExporter", getbuffer, releasebuffer, this, hash} {}

TestExporter::TestExporter(const TestExporter &o)
    : memory(o.memory),
      format(o.format),
      has_format(o.has_format),
      itemsize(o.itemsize),
      len(o.len),
      readonly(o.readonly),
      ndim(o.ndim),
      shape(o.shape),
      strides(o.strides),
      suboffsets(o.suboffsets),
      has_shape(o.has_shape),
      has_strides(o.has_strides),
      offset(o.offset),
      fail_type(o.fail_type),
      fail_message(o.fail_message),
      unhashable(o.unhashable),
      gets(o.gets),
      releases(o.releases),
      hashes(o.hashes),
      exporter_(o.exporter_) {
  exporter_.ctx = this;  // the copy answers for itself
}

TestExporter TestExporter::bytes(ptrdiff_t n, bool readonly) {
  TestExporter e;
  for (ptrdiff_t i = 0; i < n; ++i) e.memory.push_back(static_cast<unsigned char>(i));
  e.shape = {n};
  e.strides = {1};
  e.readonly = readonly ? 1 : 0;
  return e;
}

TestExporter TestExporter::matrix(ptrdiff_t rows, ptrdiff_t cols, bool fortran, bool readonly) {
  TestExporter e = bytes(rows * cols, readonly);
  e.ndim = 2;
  e.shape = {rows, cols};
  e.strides = fortran ? std::vector<ptrdiff_t>{1, rows} : std::vector<ptrdiff_t>{cols, 1};
  return e;
}

TestExporter TestExporter::non_buffer(const char *type_name) {
  TestExporter e;
  e.exporter_.type_name = type_name;
  e.exporter_.getbuffer = nullptr;
  e.exporter_.releasebuffer = nullptr;
  return e;
}

int TestExporter::getbuffer(const mvconf_exporter *self, mvconf_buffer *view, int flags,
                            mvconf_error *err) {
  auto *e = static_cast<TestExporter *>(self->ctx);
  e->last_flags = flags;
  if (!e->fail_type.empty()) {
    std::snprintf(err->type, sizeof err->type, "%s", e->fail_type.c_str());
    std::snprintf(err->message, sizeof err->message, "%s", e->fail_message.c_str());
    return -1;
  }
  ++e->gets;
  void *keep_obj = view->obj;
  std::memset(view, 0, sizeof *view);
  view->obj = keep_obj;
  view->buf = e->memory.data() + e->offset;
  view->itemsize = e->itemsize;
  ptrdiff_t n = 1;
  for (ptrdiff_t s : e->shape) n *= s;
  view->len = e->len >= 0 ? e->len : n * e->itemsize;
  view->readonly = e->readonly;
  view->ndim = e->ndim;
  view->format = e->has_format ? e->format.data() : nullptr;
  view->shape = e->has_shape && e->ndim > 0 ? e->shape.data() : nullptr;
  view->strides = e->has_strides && e->ndim > 0 ? e->strides.data() : nullptr;
  view->suboffsets = e->suboffsets.empty() ? nullptr : e->suboffsets.data();
  return 0;
}

void TestExporter::releasebuffer(const mvconf_exporter *self, mvconf_buffer *) {
  ++static_cast<TestExporter *>(self->ctx)->releases;
}

int TestExporter::hash(const mvconf_exporter *self, mvconf_error *err) {
  auto *e = static_cast<TestExporter *>(self->ctx);
  ++e->hashes;
  if (!e->unhashable) return 0;
  std::snprintf(err->type, sizeof err->type, "TypeError");
  std::snprintf(err->message, sizeof err->message, "unhashable type: '%s'", self->type_name);
  return -1;
}

}  // namespace mvconf::impl::test
