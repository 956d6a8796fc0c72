// The memoryview constructors (§2.1–§2.3), the view invariants (§1.2), the reconstruction of
// missing shape/strides (§1.3) and the contiguity flags (§1.4).
#include <gtest/gtest.h>

#include <vector>

#include "port_helpers.h"
#include "test_exporter.h"

namespace mvconf::impl::test {
namespace {

using Dims = std::vector<ptrdiff_t>;

View from_object(mvconf_ref ref, mvconf_error *err) {
  return View(P(), P()->from_object(P()->ctx, ref, err));
}

TEST(FromObject, NonBufferIsTypeError) {
  TestExporter e = TestExporter::non_buffer("int");
  mvconf_error err{};
  View v = from_object(e.ref(), &err);
  EXPECT_FALSE(v);
  EXPECT_EQ(error_text(err), "TypeError: memoryview: a bytes-like object is required, not 'int'");
}

TEST(FromObject, ExporterErrorPropagatesUnchanged) {
  TestExporter e = TestExporter::bytes(3, false);
  e.fail_type = "BufferError";
  e.fail_message = "re-exporter does not provide format, shape or strides";
  mvconf_error err{};
  View v = from_object(e.ref(), &err);
  EXPECT_FALSE(v);
  EXPECT_EQ(error_text(err), "BufferError: re-exporter does not provide format, shape or strides");
  EXPECT_EQ(e.releases, 0);
}

TEST(FromObject, RequestsFullRoAndCopiesTheView) {
  TestExporter e = TestExporter::matrix(2, 3, false, true);
  mvconf_error err{};
  View v = from_object(e.ref(), &err);
  ASSERT_TRUE(v) << error_text(err);
  EXPECT_EQ(e.last_flags, MVCONF_BUF_FULL_RO);
  EXPECT_EQ(v.buf().readonly, 1);
  EXPECT_EQ(v.shape(), (Dims{2, 3}));
  EXPECT_EQ(v.strides(), (Dims{3, 1}));
  EXPECT_NE(v.buf().shape, e.shape.data());  // a private copy
  EXPECT_EQ(v.base().kind, MVCONF_BASE_EXPORTER);
  EXPECT_EQ(v.base().exporter, e.exporter());
  EXPECT_EQ(v.state().flags, MVCONF_VIEW_C);
  EXPECT_EQ(P()->check(P()->ctx, v.ref()), 1);
  EXPECT_EQ(P()->check(P()->ctx, e.ref()), 0);
}

TEST(FromObject, NullFormatBecomesBKeepingItemsize) {
  TestExporter e = TestExporter::bytes(4, false);
  e.has_format = false;
  e.itemsize = 2;
  e.shape = {2};
  e.strides = {2};
  mvconf_error err{};
  View v = from_object(e.ref(), &err);
  ASSERT_TRUE(v) << error_text(err);
  EXPECT_STREQ(v.buf().format, "B");
  EXPECT_EQ(v.buf().itemsize, 2);
}

TEST(FromObject, NdimLimit) {
  TestExporter e = TestExporter::bytes(1, false);
  e.ndim = 65;
  e.shape.assign(65, 1);
  e.strides.assign(65, 1);
  mvconf_error err{};
  View v = from_object(e.ref(), &err);
  EXPECT_FALSE(v);
  EXPECT_EQ(error_text(err), "ValueError: memoryview: number of dimensions must not exceed 64");
  EXPECT_EQ(e.gets, 1);
  EXPECT_EQ(e.releases, 1);

  e.ndim = 64;
  e.shape.assign(64, 1);
  e.strides.assign(64, 1);
  View ok = from_object(e.ref(), &err);
  EXPECT_TRUE(ok) << error_text(err);
}

TEST(FromMemory, OnlyExactlyWriteIsWritable) {
  char mem[5] = {};
  mvconf_error err{};
  for (int flags : {0, 1, MVCONF_BUF_READ, MVCONF_BUF_READ | MVCONF_BUF_WRITE}) {
    View v(P(), P()->from_memory(P()->ctx, mem, 5, flags, &err));
    ASSERT_TRUE(v);
    EXPECT_EQ(v.buf().readonly, 1) << flags;
  }
  View w(P(), P()->from_memory(P()->ctx, mem, 5, MVCONF_BUF_WRITE, &err));
  ASSERT_TRUE(w);
  EXPECT_EQ(w.buf().readonly, 0);
  EXPECT_STREQ(w.buf().format, "B");
  EXPECT_EQ(w.buf().itemsize, 1);
  EXPECT_EQ(w.buf().len, 5);
  EXPECT_EQ(w.shape(), (Dims{5}));
  EXPECT_EQ(w.strides(), (Dims{1}));
  EXPECT_EQ(w.buf().suboffsets, nullptr);
  EXPECT_EQ(w.base().kind, MVCONF_BASE_NULL);
  EXPECT_EQ(w.state().flags, MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN);
}

TEST(FromBuffer, NullBufIsValueError) {
  mvconf_buffer info{};
  info.len = 1;
  info.ndim = 1;
  info.itemsize = 1;
  mvconf_error err{};
  View v(P(), P()->from_buffer(P()->ctx, &info, &err));
  EXPECT_FALSE(v);
  EXPECT_EQ(error_text(err), "ValueError: PyMemoryView_FromBuffer(): info->buf must not be NULL");
}

TEST(FromBuffer, NullFormatKeepsItemsizeAndIgnoresObj) {
  unsigned char mem[4] = {1, 2, 3, 4};
  TestExporter owner = TestExporter::bytes(1, false);
  mvconf_buffer info = describe(mem, 4, 2, 1, nullptr, nullptr);
  info.obj = const_cast<mvconf_exporter *>(owner.exporter());
  mvconf_error err{};
  View v(P(), P()->from_buffer(P()->ctx, &info, &err));
  ASSERT_TRUE(v) << error_text(err);
  EXPECT_STREQ(v.buf().format, "B");
  EXPECT_EQ(v.buf().itemsize, 2);
  EXPECT_EQ(v.shape(), (Dims{2}));
  EXPECT_EQ(v.strides(), (Dims{2}));
  EXPECT_EQ(v.base().kind, MVCONF_BASE_NULL);
  EXPECT_EQ(owner.gets + owner.releases, 0);
}

TEST(FromBuffer, SharesFormatAndCopiesLen) {
  unsigned char mem[10] = {};
  char fmt[] = "B";
  Dims shape{10};
  mvconf_buffer info = describe(mem, 7, 1, 1, &shape, nullptr);
  info.format = fmt;
  mvconf_error err{};
  View v(P(), P()->from_buffer(P()->ctx, &info, &err));
  ASSERT_TRUE(v) << error_text(err);
  EXPECT_EQ(v.buf().format, fmt);  // the same pointer
  EXPECT_EQ(v.buf().len, 7);       // not recomputed
  EXPECT_EQ(v.shape(), (Dims{10}));
}

TEST(FromBuffer, ReconstructsCStridesWithZeroExtent) {
  unsigned char mem[1] = {};
  Dims shape{2, 0, 3};
  mvconf_buffer info = describe(mem, 0, 2, 3, &shape, nullptr);
  mvconf_error err{};
  View v(P(), P()->from_buffer(P()->ctx, &info, &err));
  ASSERT_TRUE(v) << error_text(err);
  EXPECT_EQ(v.strides(), (Dims{0, 6, 2}));
  EXPECT_EQ(v.state().flags, MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN);
}

TEST(FromBuffer, NdimLimitAndZeroDim) {
  unsigned char mem[8] = {};
  mvconf_buffer info = describe(mem, 8, 8, 65, nullptr, nullptr);
  mvconf_error err{};
  View bad(P(), P()->from_buffer(P()->ctx, &info, &err));
  EXPECT_FALSE(bad);
  EXPECT_EQ(error_text(err), "ValueError: memoryview: number of dimensions must not exceed 64");
  info.ndim = 0;
  View zero(P(), P()->from_buffer(P()->ctx, &info, &err));
  ASSERT_TRUE(zero);
  EXPECT_EQ(zero.buf().shape, nullptr);
  EXPECT_EQ(zero.buf().strides, nullptr);
  EXPECT_EQ(zero.state().flags, MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN | MVCONF_VIEW_SCALAR);
}

TEST(ViewFlags, EmptyStridedOneDimIsNotContiguous) {
  unsigned char mem[3] = {};
  Dims shape{0}, strides{2};
  mvconf_buffer info = describe(mem, 0, 1, 1, &shape, &strides);
  mvconf_error err{};
  View v(P(), P()->from_buffer(P()->ctx, &info, &err));
  ASSERT_TRUE(v);
  EXPECT_EQ(v.state().flags, 0);
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &v.buf(), 'C', &err), 1);  // the §1.4 discrepancy
  strides[0] = 1;
  View unit(P(), P()->from_buffer(P()->ctx, &info, &err));
  EXPECT_EQ(unit.state().flags, MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN);
}

TEST(ViewFlags, SuboffsetsMakePil) {
  unsigned char mem[3] = {};
  Dims shape{3}, strides{1}, sub{-1};
  mvconf_buffer info = describe(mem, 3, 1, 1, &shape, &strides, &sub);
  mvconf_error err{};
  View v(P(), P()->from_buffer(P()->ctx, &info, &err));
  ASSERT_TRUE(v);
  EXPECT_EQ(v.state().flags, MVCONF_VIEW_PIL);
  ASSERT_NE(v.buf().suboffsets, nullptr);
  EXPECT_NE(v.buf().suboffsets, sub.data());
  EXPECT_EQ(v.buf().suboffsets[0], -1);
}

TEST(ViewFlags, FortranMatrix) {
  TestExporter e = TestExporter::matrix(2, 3, true, false);
  mvconf_error err{};
  View v = from_object(e.ref(), &err);
  ASSERT_TRUE(v);
  EXPECT_EQ(v.state().flags, MVCONF_VIEW_FORTRAN);
}

}  // namespace
}  // namespace mvconf::impl::test
