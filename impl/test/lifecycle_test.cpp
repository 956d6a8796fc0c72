// Export counting: one getbuffer per managed buffer, released once by the last view.
#include <gtest/gtest.h>

#include "port_helpers.h"
#include "test_exporter.h"

namespace mvconf::impl::test {
namespace {

TEST(Lifecycle, LastViewReleasesTheMasterOnce) {
  TestExporter e = TestExporter::bytes(4, false);
  mvconf_error err{};
  View a(P(), P()->from_object(P()->ctx, e.ref(), &err));
  ASSERT_TRUE(a);
  EXPECT_EQ(a.state().mbuf_exports, 1);
  EXPECT_EQ(a.state().exports, 0);
  View b(P(), P()->from_object(P()->ctx, a.ref(), &err));
  ASSERT_TRUE(b);
  EXPECT_EQ(a.state().mbuf_exports, 2);
  EXPECT_EQ(a.state().exports, 0);  // registering a child view is not an export
  EXPECT_EQ(b.base().exporter, e.exporter());
  EXPECT_EQ(e.gets, 1);
  a.reset();
  EXPECT_EQ(e.releases, 0);
  EXPECT_EQ(b.state().mbuf_exports, 1);
  b.reset();
  EXPECT_EQ(e.releases, 1);
}

TEST(Lifecycle, SeparateFromObjectCallsMakeSeparateManagedBuffers) {
  TestExporter e = TestExporter::bytes(4, false);
  mvconf_error err{};
  View a(P(), P()->from_object(P()->ctx, e.ref(), &err));
  View b(P(), P()->from_object(P()->ctx, e.ref(), &err));
  EXPECT_EQ(a.state().mbuf_exports, 1);
  EXPECT_EQ(e.gets, 2);
  a.reset();
  b.reset();
  EXPECT_EQ(e.releases, 2);
}

TEST(Lifecycle, ViewOfViewCopiesTheCurrentView) {
  TestExporter e = TestExporter::matrix(2, 3, true, true);
  mvconf_error err{};
  View a(P(), P()->from_object(P()->ctx, e.ref(), &err));
  View b(P(), P()->from_object(P()->ctx, a.ref(), &err));
  EXPECT_EQ(b.shape(), a.shape());
  EXPECT_EQ(b.strides(), a.strides());
  EXPECT_NE(b.buf().shape, a.buf().shape);
  EXPECT_EQ(b.buf().readonly, 1);
  EXPECT_EQ(b.state().flags, a.state().flags);
}

TEST(Lifecycle, CopyDoesNotKeepTheExporter) {
  TestExporter e = TestExporter::matrix(2, 3, false, false);
  mvconf_error err{};
  View v(P(), P()->get_contiguous(P()->ctx, e.ref(), MVCONF_BUF_READ, 'F', &err));
  ASSERT_TRUE(v);
  EXPECT_EQ(e.gets, 1);
  EXPECT_EQ(e.releases, 1);
  EXPECT_EQ(v.state().mbuf_exports, 1);
}

}  // namespace
}  // namespace mvconf::impl::test
