// PyObject_CopyData (spec §4.3): the memcpy path, the element-wise path and the errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "port_helpers.h"
#include "test_exporter.h"

namespace mvconf::impl::test {
namespace {

using Bytes = std::vector<unsigned char>;

TEST(CopyData, ContiguousIsAPhysicalCopy) {
  TestExporter dest = TestExporter::bytes(8, false), src = TestExporter::matrix(2, 3, false, true);
  std::fill(dest.memory.begin(), dest.memory.end(), 0xEE);
  mvconf_error err{};
  ASSERT_EQ(P()->copy_data(P()->ctx, dest.ref(), src.ref(), &err), 0) << error_text(err);
  EXPECT_EQ(dest.memory, (Bytes{0, 1, 2, 3, 4, 5, 0xEE, 0xEE}));  // only src.len bytes
  EXPECT_EQ(dest.last_flags, MVCONF_BUF_FULL);
  EXPECT_EQ(src.last_flags, MVCONF_BUF_FULL_RO);
  EXPECT_EQ(dest.releases, 1);
  EXPECT_EQ(src.releases, 1);
}

TEST(CopyData, MixedOrderCopiesElementWise) {
  TestExporter dest = TestExporter::matrix(2, 3, true, false);
  TestExporter src = TestExporter::matrix(2, 3, false, false);
  std::fill(dest.memory.begin(), dest.memory.end(), 0);
  mvconf_error err{};
  // Both as memoryviews: the exports are counted and given back.
  View d(P(), P()->from_object(P()->ctx, dest.ref(), &err));
  View s(P(), P()->from_object(P()->ctx, src.ref(), &err));
  ASSERT_EQ(P()->copy_data(P()->ctx, d.ref(), s.ref(), &err), 0) << error_text(err);
  // A logical copy: src (r, c) = 3r + c lands at Fortran offset r + 2c.
  EXPECT_EQ(dest.memory, (Bytes{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(d.state().exports, 0);
  EXPECT_EQ(s.state().exports, 0);
}

TEST(CopyData, Errors) {
  TestExporter dest = TestExporter::bytes(4, false), src = TestExporter::bytes(6, false);
  TestExporter plain = TestExporter::non_buffer("int");
  mvconf_error err{};
  EXPECT_EQ(P()->copy_data(P()->ctx, plain.ref(), src.ref(), &err), -1);
  EXPECT_EQ(error_text(err), "TypeError: both destination and source must be bytes-like objects");
  EXPECT_EQ(src.gets, 0);
  EXPECT_EQ(P()->copy_data(P()->ctx, dest.ref(), src.ref(), &err), -1);
  EXPECT_EQ(error_text(err), "BufferError: destination is too small to receive data from source");
  EXPECT_EQ(dest.releases, dest.gets);
  EXPECT_EQ(src.releases, src.gets);
  src.fail_type = "BufferError";
  src.fail_message = "src refuses";
  EXPECT_EQ(P()->copy_data(P()->ctx, dest.ref(), src.ref(), &err), -1);
  EXPECT_EQ(error_text(err), "BufferError: src refuses");
  EXPECT_EQ(dest.releases, dest.gets);  // dest was obtained first and is given back

  TestExporter ro = TestExporter::bytes(8, true);
  View readonly(P(), P()->from_object(P()->ctx, ro.ref(), &err));
  TestExporter small = TestExporter::bytes(2, false);
  EXPECT_EQ(P()->copy_data(P()->ctx, readonly.ref(), small.ref(), &err), -1);
  EXPECT_EQ(error_text(err), "BufferError: memoryview: underlying buffer is not writable");
}

TEST(CopyData, MismatchedShapesAreRejectedOnTheSlowPath) {
  TestExporter dest = TestExporter::matrix(3, 2, true, false);
  TestExporter src = TestExporter::matrix(2, 3, false, false);
  mvconf_error err{};
  EXPECT_EQ(P()->copy_data(P()->ctx, dest.ref(), src.ref(), &err), -1);
  EXPECT_EQ(std::string(err.type), "SystemError");
  EXPECT_TRUE(starts_with(err.message, "mvconf impl: PyObject_CopyData: ")) << err.message;
  EXPECT_EQ(dest.releases, 1);
  EXPECT_EQ(src.releases, 1);
}

}  // namespace
}  // namespace mvconf::impl::test
