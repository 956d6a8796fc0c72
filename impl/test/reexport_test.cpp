// PyObject_GetBuffer on memoryviews (memory_getbuf, spec §4.8) and exporters (§4.9), the
// release of what it hands out, and memoryview.release() with exports (§5.9).
#include <gtest/gtest.h>

#include <vector>

#include "port_helpers.h"
#include "test_exporter.h"

namespace mvconf::impl::test {
namespace {

View view_of(const TestExporter &e) {
  mvconf_error err{};
  View v(P(), P()->from_object(P()->ctx, e.ref(), &err));
  EXPECT_TRUE(v) << error_text(err);
  return v;
}

// GetBuffer(v, flags) and its error text ("" on success; the buffer is then released).
std::string getbuf_error(const View &v, int flags) {
  mvconf_buffer b{};
  mvconf_error err{};
  if (P()->object_get_buffer(P()->ctx, v.ref(), &b, flags, &err) < 0) {
    EXPECT_EQ(b.obj, nullptr);
    return error_text(err);
  }
  P()->buffer_release(P()->ctx, &b);
  return "";
}

TestExporter ints3() {
  TestExporter e = TestExporter::bytes(12, false);
  e.format = "i";
  e.itemsize = 4;
  e.shape = {3};
  e.strides = {4};
  return e;
}

TEST(Reexport, IntsWithNdHaveShapeButNoStridesOrFormat) {
  TestExporter e = ints3();
  View v = view_of(e);
  mvconf_buffer b{};
  mvconf_error err{};
  ASSERT_EQ(P()->object_get_buffer(P()->ctx, v.ref(), &b, MVCONF_BUF_ND, &err), 0);
  EXPECT_EQ(b.len, 12);
  EXPECT_EQ(b.itemsize, 4);
  EXPECT_EQ(b.ndim, 1);
  EXPECT_EQ(b.format, nullptr);
  ASSERT_NE(b.shape, nullptr);
  EXPECT_EQ(b.shape[0], 3);
  EXPECT_EQ(b.strides, nullptr);
  EXPECT_EQ(b.obj, static_cast<void *>(v.get()));
  EXPECT_EQ(v.state().exports, 1);
  P()->buffer_release(P()->ctx, &b);
  EXPECT_EQ(b.obj, nullptr);
  EXPECT_EQ(v.state().exports, 0);
  P()->buffer_release(P()->ctx, &b);  // a second release does nothing
  EXPECT_EQ(v.state().exports, 0);

  ASSERT_EQ(P()->object_get_buffer(P()->ctx, v.ref(), &b, MVCONF_BUF_SIMPLE, &err), 0);
  EXPECT_EQ(b.ndim, 1);
  EXPECT_EQ(b.shape, nullptr);
  EXPECT_EQ(b.itemsize, 4);  // kept although the consumer will read bytes
  EXPECT_EQ(b.len, 12);
  P()->buffer_release(P()->ctx, &b);
}

TEST(Reexport, ZeroDimSimpleIsOneDim) {
  TestExporter e = TestExporter::bytes(8, false);
  e.format = "d";
  e.itemsize = 8;
  e.ndim = 0;
  e.shape.clear();
  e.strides.clear();
  View v = view_of(e);
  mvconf_buffer b{};
  mvconf_error err{};
  ASSERT_EQ(P()->object_get_buffer(P()->ctx, v.ref(), &b, MVCONF_BUF_SIMPLE, &err), 0);
  EXPECT_EQ(b.ndim, 1);
  EXPECT_EQ(b.shape, nullptr);
  EXPECT_EQ(b.len, 8);
  P()->buffer_release(P()->ctx, &b);
  ASSERT_EQ(P()->object_get_buffer(P()->ctx, v.ref(), &b, MVCONF_BUF_ND, &err), 0);
  EXPECT_EQ(b.ndim, 0);
  EXPECT_EQ(b.shape, nullptr);
  EXPECT_EQ(b.strides, nullptr);
  P()->buffer_release(P()->ctx, &b);
}

TEST(Reexport, PilViewsNeedIndirect) {
  TestExporter e = TestExporter::bytes(4, false);
  e.suboffsets = {-1};
  View v = view_of(e);
  EXPECT_EQ(getbuf_error(v, MVCONF_BUF_STRIDES),
            "BufferError: memoryview: underlying buffer requires suboffsets");
  EXPECT_EQ(getbuf_error(v, MVCONF_BUF_SIMPLE),
            "BufferError: memoryview: underlying buffer requires suboffsets");
  // Check 5 (C_CONTIGUOUS) precedes check 8 (suboffsets).
  EXPECT_EQ(getbuf_error(v, MVCONF_BUF_C_CONTIGUOUS),
            "BufferError: memoryview: underlying buffer is not C-contiguous");
  EXPECT_EQ(getbuf_error(v, MVCONF_BUF_INDIRECT), "");
  EXPECT_EQ(getbuf_error(v, MVCONF_BUF_FULL_RO), "");
}

TEST(Reexport, CheckOrder) {
  TestExporter ro = TestExporter::bytes(4, true);
  View readonly = view_of(ro);
  EXPECT_EQ(getbuf_error(readonly, MVCONF_BUF_WRITABLE | MVCONF_BUF_FORMAT),
            "BufferError: memoryview: underlying buffer is not writable");
  EXPECT_EQ(getbuf_error(readonly, MVCONF_BUF_FORMAT),
            "BufferError: memoryview: cannot cast to unsigned bytes if the format flag is present");
  TestExporter f = TestExporter::matrix(2, 3, true, false);
  View fortran = view_of(f);
  EXPECT_EQ(getbuf_error(fortran, MVCONF_BUF_FORMAT),
            "BufferError: memoryview: underlying buffer is not C-contiguous");
  EXPECT_EQ(getbuf_error(fortran, MVCONF_BUF_CONTIG),
            "BufferError: memoryview: underlying buffer is not C-contiguous");
  EXPECT_EQ(getbuf_error(fortran, MVCONF_BUF_F_CONTIGUOUS), "");
  EXPECT_EQ(getbuf_error(fortran, MVCONF_BUF_ANY_CONTIGUOUS), "");
  EXPECT_EQ(getbuf_error(fortran, MVCONF_BUF_STRIDES), "");
  TestExporter c = TestExporter::matrix(2, 3, false, false);
  View cview = view_of(c);
  EXPECT_EQ(getbuf_error(cview, MVCONF_BUF_F_CONTIGUOUS),
            "BufferError: memoryview: underlying buffer is not Fortran contiguous");
}

TEST(Reexport, ReadWriteFlagsAreRejectedFrom313) {
  TestExporter e = TestExporter::bytes(4, false);
  const mvconf_port *p13 = port_for("3.13");
  const mvconf_port *p12 = port_for("3.12");
  mvconf_buffer b{};
  mvconf_error err{};
  EXPECT_EQ(p13->object_get_buffer(p13->ctx, e.ref(), &b, MVCONF_BUF_READ, &err), -1);
  EXPECT_EQ(error_text(err),
            "SystemError: Objects/abstract.c:430: bad argument to internal function");
  EXPECT_EQ(e.gets, 0);
  ASSERT_EQ(p12->object_get_buffer(p12->ctx, e.ref(), &b, MVCONF_BUF_WRITE, &err), 0);
  p12->buffer_release(p12->ctx, &b);
  EXPECT_EQ(e.releases, 1);
}

TEST(Reexport, ExporterExportIsReleasedOnce) {
  TestExporter e = TestExporter::bytes(4, false);
  mvconf_buffer b{};
  mvconf_error err{};
  ASSERT_EQ(P()->object_get_buffer(P()->ctx, e.ref(), &b, MVCONF_BUF_FULL_RO, &err), 0);
  EXPECT_NE(b.obj, nullptr);
  EXPECT_EQ(e.last_flags, MVCONF_BUF_FULL_RO);
  P()->buffer_release(P()->ctx, &b);
  P()->buffer_release(P()->ctx, &b);
  EXPECT_EQ(e.gets, 1);
  EXPECT_EQ(e.releases, 1);
  TestExporter plain = TestExporter::non_buffer("int");
  EXPECT_EQ(P()->object_get_buffer(P()->ctx, plain.ref(), &b, MVCONF_BUF_SIMPLE, &err), -1);
  EXPECT_EQ(error_text(err), "TypeError: a bytes-like object is required, not 'int'");
  e.fail_type = "BufferError";
  e.fail_message = "no";
  EXPECT_EQ(P()->object_get_buffer(P()->ctx, e.ref(), &b, MVCONF_BUF_SIMPLE, &err), -1);
  EXPECT_EQ(error_text(err), "BufferError: no");
}

TEST(Reexport, ReleaseWithOneAndTwoExports) {
  TestExporter e = TestExporter::bytes(4, false);
  View v = view_of(e);
  mvconf_buffer b1{}, b2{};
  mvconf_error err{};
  ASSERT_EQ(P()->object_get_buffer(P()->ctx, v.ref(), &b1, MVCONF_BUF_SIMPLE, &err), 0);
  EXPECT_EQ(P()->view_release(P()->ctx, v.get(), &err), -1);
  EXPECT_EQ(error_text(err), "BufferError: memoryview has 1 exported buffer");
  ASSERT_EQ(P()->object_get_buffer(P()->ctx, v.ref(), &b2, MVCONF_BUF_FULL_RO, &err), 0);
  EXPECT_EQ(P()->view_release(P()->ctx, v.get(), &err), -1);
  EXPECT_EQ(error_text(err), "BufferError: memoryview has 2 exported buffers");
  EXPECT_EQ(v.state().exports, 2);
  P()->buffer_release(P()->ctx, &b2);
  P()->buffer_release(P()->ctx, &b1);
  EXPECT_EQ(v.state().exports, 0);
  EXPECT_EQ(e.releases, 0);
  const mvconf_buffer *before = &v.buf();
  EXPECT_EQ(P()->view_release(P()->ctx, v.get(), &err), 0);
  EXPECT_EQ(e.releases, 1);  // the only registered view: the exporter gets its buffer back
  EXPECT_NE(v.state().flags & MVCONF_VIEW_RELEASED, 0);
  EXPECT_EQ(v.state().mbuf_exports, 0);
  EXPECT_EQ(P()->view_release(P()->ctx, v.get(), &err), 0);  // again: a no-op
  EXPECT_EQ(&v.buf(), before);
  EXPECT_EQ(v.buf().len, 4);  // GET_BUFFER stays intact
  EXPECT_EQ(P()->from_object(P()->ctx, v.ref(), &err), nullptr);
  EXPECT_EQ(error_text(err), "ValueError: operation forbidden on released memoryview object");
  EXPECT_EQ(P()->get_contiguous(P()->ctx, v.ref(), MVCONF_BUF_READ, 'C', &err), nullptr);
  EXPECT_EQ(error_text(err), "ValueError: operation forbidden on released memoryview object");
  EXPECT_EQ(getbuf_error(v, MVCONF_BUF_SIMPLE),
            "ValueError: operation forbidden on released memoryview object");
  v.reset();
  EXPECT_EQ(e.releases, 1);
}

TEST(Reexport, ReleasedViewUnregistersOnce) {
  TestExporter e = TestExporter::bytes(4, false);
  View a = view_of(e);
  mvconf_error err{};
  View b(P(), P()->from_object(P()->ctx, a.ref(), &err));
  ASSERT_TRUE(b);
  EXPECT_EQ(P()->view_release(P()->ctx, a.get(), &err), 0);
  EXPECT_EQ(b.state().mbuf_exports, 1);
  EXPECT_EQ(e.releases, 0);
  a.reset();  // freeing the released view must not unregister it again
  EXPECT_EQ(b.state().mbuf_exports, 1);
  EXPECT_EQ(e.releases, 0);
  b.reset();
  EXPECT_EQ(e.releases, 1);
}

TEST(Reexport, ExportKeepsAFreedViewAlive) {
  TestExporter e = TestExporter::bytes(4, false);
  View v = view_of(e);
  mvconf_buffer b{};
  mvconf_error err{};
  ASSERT_EQ(P()->object_get_buffer(P()->ctx, v.ref(), &b, MVCONF_BUF_SIMPLE, &err), 0);
  v.reset();
  EXPECT_EQ(e.releases, 0);  // the export still references the view and its exporter
  EXPECT_EQ(static_cast<unsigned char *>(b.buf)[3], 3);
  P()->buffer_release(P()->ctx, &b);
  EXPECT_EQ(e.releases, 1);
}

}  // namespace
}  // namespace mvconf::impl::test
