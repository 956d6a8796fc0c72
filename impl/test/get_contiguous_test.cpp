// PyMemoryView_GetContiguous (§2.4): the decision table, the copy, and its messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "port_helpers.h"
#include "test_exporter.h"

namespace mvconf::impl::test {
namespace {

using Dims = std::vector<ptrdiff_t>;
using Bytes = std::vector<unsigned char>;

// "E" (a view on the exporter), "copy C", "copy F", or the error text.
std::string outcome(TestExporter &e, int type, char order) {
  mvconf_error err{};
  View v(P(), P()->get_contiguous(P()->ctx, e.ref(), type, order, &err));
  if (!v) return error_text(err);
  if (v.base().kind == MVCONF_BASE_EXPORTER) return "E";
  EXPECT_EQ(v.base().kind, MVCONF_BASE_BYTES);
  EXPECT_EQ(v.buf().readonly, 1);
  const bool c = v.state().flags & MVCONF_VIEW_C;
  return c ? "copy C" : "copy F";
}

const std::string kNotContig =
    "BufferError: writable contiguous buffer requested for a non-contiguous object.";

TEST(GetContiguous, DecisionTable) {
  const int R = MVCONF_BUF_READ, W = MVCONF_BUF_WRITE;
  TestExporter one = TestExporter::bytes(6, false);
  for (int t : {R, W})
    for (char o : {'C', 'F', 'A'}) EXPECT_EQ(outcome(one, t, o), "E");

  TestExporter c = TestExporter::matrix(2, 3, false, false);
  EXPECT_EQ(outcome(c, R, 'C'), "E");
  EXPECT_EQ(outcome(c, R, 'F'), "copy F");
  EXPECT_EQ(outcome(c, R, 'A'), "E");
  EXPECT_EQ(outcome(c, W, 'C'), "E");
  EXPECT_EQ(outcome(c, W, 'F'), kNotContig);
  EXPECT_EQ(outcome(c, W, 'A'), "E");

  TestExporter f = TestExporter::matrix(2, 3, true, false);
  EXPECT_EQ(outcome(f, R, 'C'), "copy C");
  EXPECT_EQ(outcome(f, R, 'F'), "E");
  EXPECT_EQ(outcome(f, W, 'C'), kNotContig);
  EXPECT_EQ(outcome(f, W, 'A'), "E");

  TestExporter strided = TestExporter::bytes(6, false);
  strided.shape = {3};
  strided.strides = {2};
  EXPECT_EQ(outcome(strided, R, 'C'), "copy C");
  EXPECT_EQ(outcome(strided, R, 'F'), "copy C");  // 1-D: the C and F layouts coincide
  EXPECT_EQ(outcome(strided, R, 'A'), "copy C");
  for (char o : {'C', 'F', 'A'}) EXPECT_EQ(outcome(strided, W, o), kNotContig);

  TestExporter ro = TestExporter::bytes(6, true);
  EXPECT_EQ(outcome(ro, R, 'C'), "E");
  for (char o : {'C', 'F', 'A'})
    EXPECT_EQ(outcome(ro, W, o), "BufferError: underlying buffer is not writable");
  EXPECT_EQ(one.gets, one.releases);
  EXPECT_EQ(c.gets, c.releases);
  EXPECT_EQ(strided.gets, strided.releases);
}

TEST(GetContiguous, ReadRequestOnWritableExporterIsWritable) {
  TestExporter e = TestExporter::bytes(2, false);
  mvconf_error err{};
  View v(P(), P()->get_contiguous(P()->ctx, e.ref(), MVCONF_BUF_READ, 'C', &err));
  ASSERT_TRUE(v);
  EXPECT_EQ(v.buf().readonly, 0);
  // Any buffertype other than exactly WRITE acts as READ.
  TestExporter s = TestExporter::matrix(2, 3, false, false);
  View zero(P(), P()->get_contiguous(P()->ctx, s.ref(), 0, 'F', &err));
  ASSERT_TRUE(zero) << error_text(err);
  EXPECT_EQ(zero.base().kind, MVCONF_BASE_BYTES);
}

TEST(GetContiguous, InvalidOrderCopiesInFortranLayout) {
  TestExporter c = TestExporter::matrix(2, 3, false, false);
  mvconf_error err{};
  View v(P(), P()->get_contiguous(P()->ctx, c.ref(), MVCONF_BUF_READ, 'X', &err));
  ASSERT_TRUE(v) << error_text(err);
  mvconf_base base = v.base();
  ASSERT_EQ(base.kind, MVCONF_BASE_BYTES);
  EXPECT_EQ(v.strides(), (Dims{1, 2}));
  EXPECT_EQ(v.shape(), (Dims{2, 3}));
  ASSERT_EQ(base.size, 6);
  const auto *data = static_cast<const unsigned char *>(base.data);
  EXPECT_EQ(Bytes(data, data + 6), (Bytes{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(v.buf().buf, base.data);
  EXPECT_EQ(c.gets, 1);
  EXPECT_EQ(c.releases, 1);  // the temporary view on the exporter is gone
}

TEST(GetContiguous, CopyDuplicatesFormat) {
  TestExporter f = TestExporter::matrix(2, 3, true, false);
  f.format = "B";
  mvconf_error err{};
  View v(P(), P()->get_contiguous(P()->ctx, f.ref(), MVCONF_BUF_READ, 'C', &err));
  ASSERT_TRUE(v);
  EXPECT_STREQ(v.buf().format, "B");
  EXPECT_NE(v.buf().format, f.format.data());
  EXPECT_EQ(v.buf().suboffsets, nullptr);
  EXPECT_EQ(v.strides(), (Dims{3, 1}));
  const auto *data = static_cast<const unsigned char *>(v.buf().buf);
  EXPECT_EQ(Bytes(data, data + 6), (Bytes{0, 2, 4, 1, 3, 5}));
}

TEST(GetContiguous, NoCopyFromViewIsANewViewOnTheSameManagedBuffer) {
  TestExporter e = TestExporter::bytes(4, false);
  mvconf_error err{};
  View first(P(), P()->from_object(P()->ctx, e.ref(), &err));
  View second(P(), P()->get_contiguous(P()->ctx, first.ref(), MVCONF_BUF_READ, 'C', &err));
  ASSERT_TRUE(second);
  EXPECT_NE(second.get(), first.get());
  EXPECT_EQ(second.state().mbuf_exports, 2);
  EXPECT_EQ(second.base().exporter, e.exporter());
  EXPECT_EQ(e.gets, 1);
}

TEST(GetContiguous, NonBufferError) {
  TestExporter e = TestExporter::non_buffer("dict");
  mvconf_error err{};
  View v(P(), P()->get_contiguous(P()->ctx, e.ref(), MVCONF_BUF_READ, 'C', &err));
  EXPECT_FALSE(v);
  EXPECT_EQ(error_text(err), "TypeError: memoryview: a bytes-like object is required, not 'dict'");
}

}  // namespace
}  // namespace mvconf::impl::test
