// Exact examples of the PyBuffer_* functions from the spec (§3 table, §4.1, §4.2, §4.4–§4.6).
#include <gtest/gtest.h>

#include <cstring>
#include <ostream>
#include <string>
#include <vector>

#include "port_helpers.h"

namespace mvconf::impl::test {
namespace {

using Dims = std::vector<ptrdiff_t>;
using Bytes = std::vector<unsigned char>;

struct ContigRow {
  const char *label;
  int ndim;
  Dims shape, strides;  // empty: NULL
  ptrdiff_t len;
  ptrdiff_t itemsize;
  Dims suboffsets;
  int c, f, a;
};

// gtest prints the row by its label instead of dumping its bytes.
void PrintTo(const ContigRow &row, std::ostream *os) { *os << row.label; }

class IsContiguousTable : public ::testing::TestWithParam<ContigRow> {};

TEST_P(IsContiguousTable, MatchesSpecRow) {
  ContigRow row = GetParam();
  char mem[64] = {};
  mvconf_buffer b =
      describe(mem, row.len, row.itemsize, row.ndim, &row.shape, &row.strides, &row.suboffsets);
  mvconf_error err{};
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'C', &err), row.c) << row.label;
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'F', &err), row.f) << row.label;
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'A', &err), row.a) << row.label;
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'x', &err), 0) << row.label;
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'c', &err), 0) << row.label;
}

INSTANTIATE_TEST_SUITE_P(
    SpecSection3, IsContiguousTable,
    ::testing::Values(ContigRow{"OneDimShapeNoStrides", 1, {6}, {}, 6, 1, {}, 1, 1, 1},
                      ContigRow{"OneDimSimple", 1, {}, {}, 6, 1, {}, 1, 1, 1},
                      ContigRow{"TwoByThreeNoStrides", 2, {2, 3}, {}, 6, 1, {}, 1, 0, 1},
                      ContigRow{"OneByThreeNoStrides", 2, {1, 3}, {}, 3, 1, {}, 1, 1, 1},
                      ContigRow{"TwoByOneByThreeNoStrides", 3, {2, 1, 3}, {}, 6, 1, {}, 1, 0, 1},
                      ContigRow{"ZeroDim", 0, {}, {}, 1, 1, {}, 1, 1, 1},
                      ContigRow{"NegativeStride", 1, {6}, {-1}, 6, 1, {}, 0, 0, 0},
                      ContigRow{"SingleItemNegativeStride", 1, {1}, {-7}, 1, 1, {}, 1, 1, 1},
                      ContigRow{"SingleItemZeroStride", 1, {1}, {0}, 1, 1, {}, 1, 1, 1},
                      ContigRow{"ZeroStride", 1, {3}, {0}, 3, 1, {}, 0, 0, 0},
                      ContigRow{"EmptyOddStride", 1, {0}, {5}, 0, 1, {}, 1, 1, 1},
                      ContigRow{"CMatrix", 2, {2, 3}, {3, 1}, 6, 1, {}, 1, 0, 1},
                      ContigRow{"FortranMatrix", 2, {2, 3}, {1, 2}, 6, 1, {}, 0, 1, 1},
                      ContigRow{"StridedMatrix", 2, {2, 3}, {6, 2}, 6, 1, {}, 0, 0, 0},
                      ContigRow{"UnitRowOddStride", 2, {1, 3}, {99, 1}, 3, 1, {}, 1, 1, 1},
                      ContigRow{"UnitColumnOddStride", 2, {3, 1}, {1, 99}, 3, 1, {}, 1, 1, 1},
                      ContigRow{"UnitMatrixOddStrides", 2, {1, 1}, {5, 7}, 1, 1, {}, 1, 1, 1},
                      ContigRow{"CWithUnitMiddle", 3, {2, 1, 3}, {3, 999, 1}, 6, 1, {}, 1, 0, 1},
                      ContigRow{
                          "FortranWithUnitMiddle", 3, {2, 1, 3}, {1, 999, 2}, 6, 1, {}, 0, 1, 1},
                      ContigRow{"ZeroExtent", 2, {2, 0}, {100, 100}, 0, 1, {}, 1, 1, 1},
                      ContigRow{"NegativeStridesLenZero", 2, {2, 3}, {-3, -1}, 0, 1, {}, 1, 1, 1},
                      ContigRow{"NegativeStrides", 2, {2, 3}, {-3, -1}, 6, 1, {}, 0, 0, 0},
                      ContigRow{"Suboffsets", 1, {3}, {1}, 3, 1, {-1}, 0, 0, 0},
                      ContigRow{"SuboffsetsLenZero", 1, {0}, {1}, 0, 1, {-1}, 0, 0, 0},
                      ContigRow{"ItemsizeTwoC", 2, {2, 3}, {6, 2}, 12, 2, {}, 1, 0, 1},
                      ContigRow{"ItemsizeTwoByteStrides", 2, {2, 3}, {3, 1}, 12, 2, {}, 0, 0, 0}),
    [](const ::testing::TestParamInfo<ContigRow> &info) { return std::string(info.param.label); });

TEST(IsContiguous, ZeroDimWithStridesIsContiguous) {
  char mem[1] = {};
  ptrdiff_t stride = 99;
  mvconf_buffer b = describe(mem, 1, 1, 0, nullptr, nullptr);
  b.strides = &stride;
  mvconf_error err{};
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'C', &err), 1);
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'F', &err), 1);
}

Bytes to_contiguous(mvconf_buffer &b, char order) {
  Bytes out(static_cast<size_t>(b.len), 0xAA);
  mvconf_error err{};
  EXPECT_EQ(P()->to_contiguous(P()->ctx, out.data(), &b, b.len, order, &err), 0) << error_text(err);
  return out;
}

TEST(ToContiguous, SpecExamples) {
  unsigned char mem[12];
  for (int i = 0; i < 12; ++i) mem[i] = static_cast<unsigned char>(i);
  Dims shape{2, 3}, none, f_strides{1, 2}, wide{6, 2};
  mvconf_buffer c = describe(mem, 6, 1, 2, &shape, &none);
  EXPECT_EQ(to_contiguous(c, 'F'), (Bytes{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(to_contiguous(c, 'X'), (Bytes{0, 3, 1, 4, 2, 5}));  // invalid order: F order
  mvconf_buffer f = describe(mem, 6, 1, 2, &shape, &f_strides);
  EXPECT_EQ(to_contiguous(f, 'C'), (Bytes{0, 2, 4, 1, 3, 5}));
  EXPECT_EQ(to_contiguous(f, 'A'), (Bytes{0, 1, 2, 3, 4, 5}));  // memcpy keeps F order
  mvconf_buffer w = describe(mem, 6, 1, 2, &shape, &wide);
  EXPECT_EQ(to_contiguous(w, 'A'), (Bytes{0, 2, 4, 6, 8, 10}));
}

TEST(ToContiguous, ZeroDimAndEmpty) {
  unsigned char mem[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  mvconf_buffer zero = describe(mem, 8, 8, 0, nullptr, nullptr);
  EXPECT_EQ(to_contiguous(zero, 'C'), (Bytes{1, 2, 3, 4, 5, 6, 7, 8}));
  Dims shape{0}, strides{2};
  mvconf_buffer empty = describe(mem, 0, 1, 1, &shape, &strides);
  mvconf_error err{};
  EXPECT_EQ(P()->to_contiguous(P()->ctx, mem, &empty, 0, 'C', &err), 0);
}

TEST(ToContiguous, LenMismatchIsValueError) {
  unsigned char mem[6] = {};
  mvconf_buffer b = describe(mem, 6, 1, 1, nullptr, nullptr);
  mvconf_error err{};
  EXPECT_EQ(P()->to_contiguous(P()->ctx, mem, &b, 5, 'C', &err), -1);
  EXPECT_EQ(error_text(err), "ValueError: PyBuffer_ToContiguous: len != view->len");
}

TEST(ToContiguous, FollowsSuboffsets) {
  unsigned char row0[3] = {10, 11, 12}, row1[3] = {20, 21, 22};
  unsigned char *rows[2] = {row0, row1};
  Dims shape{2, 3}, strides{sizeof(unsigned char *), 1}, sub{0, -1};
  mvconf_buffer b = describe(rows, 6, 1, 2, &shape, &strides, &sub);
  EXPECT_EQ(to_contiguous(b, 'C'), (Bytes{10, 11, 12, 20, 21, 22}));
  EXPECT_EQ(to_contiguous(b, 'F'), (Bytes{10, 20, 11, 21, 12, 22}));
}

TEST(FromContiguous, SpecExamples) {
  Bytes mem(6, 0xEE);
  Dims shape{3}, strides{2};
  mvconf_buffer b = describe(mem.data(), 3, 1, 1, &shape, &strides);
  const unsigned char data[2] = {1, 2};
  mvconf_error err{};
  ASSERT_EQ(P()->from_contiguous(P()->ctx, &b, data, 2, 'C', &err), 0) << error_text(err);
  EXPECT_EQ(mem, (Bytes{1, 0xEE, 2, 0xEE, 0xEE, 0xEE}));

  Bytes m2(6, 0);
  Dims s2{2, 3}, st2{3, 1};
  mvconf_buffer c = describe(m2.data(), 6, 1, 2, &s2, &st2);
  const unsigned char six[6] = {1, 2, 3, 4, 5, 6};
  ASSERT_EQ(P()->from_contiguous(P()->ctx, &c, six, 6, 'F', &err), 0) << error_text(err);
  EXPECT_EQ(m2, (Bytes{1, 3, 5, 2, 4, 6}));
}

TEST(FromContiguous, LenIsClampedAndPartialItemsDropped) {
  Bytes mem(4, 0);
  mvconf_buffer b = describe(mem.data(), 4, 1, 1, nullptr, nullptr);
  const unsigned char data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  mvconf_error err{};
  ASSERT_EQ(P()->from_contiguous(P()->ctx, &b, data, 8, 'C', &err), 0);
  EXPECT_EQ(mem, (Bytes{1, 2, 3, 4}));

  Bytes m2(8, 0);
  Dims shape{2}, strides{4};
  mvconf_buffer two = describe(m2.data(), 4, 2, 1, &shape, &strides);  // isz 2, gaps of 2
  ASSERT_EQ(P()->from_contiguous(P()->ctx, &two, data, 3, 'C', &err), 0);
  EXPECT_EQ(m2, (Bytes{1, 2, 0, 0, 0, 0, 0, 0}));  // 3 / 2 = one item
}

TEST(FillContiguousStrides, ZeroExtentExample) {
  const Dims shape{2, 0, 3};
  Dims strides(3, -1);
  mvconf_error err{};
  ASSERT_EQ(P()->fill_contiguous_strides(P()->ctx, 3, shape.data(), strides.data(), 2, 'C', &err),
            0);
  EXPECT_EQ(strides, (Dims{0, 6, 2}));
  ASSERT_EQ(P()->fill_contiguous_strides(P()->ctx, 3, shape.data(), strides.data(), 2, 'F', &err),
            0);
  EXPECT_EQ(strides, (Dims{2, 4, 0}));
  ASSERT_EQ(P()->fill_contiguous_strides(P()->ctx, 3, shape.data(), strides.data(), 2, 'Z', &err),
            0);
  EXPECT_EQ(strides, (Dims{0, 6, 2}));
  ASSERT_EQ(P()->fill_contiguous_strides(P()->ctx, 3, shape.data(), strides.data(), 2, 'A', &err),
            0);
  EXPECT_EQ(strides, (Dims{0, 6, 2}));
}

TEST(FillContiguousStrides, ZeroDimsWritesNothing) {
  ptrdiff_t sentinel = 42;
  mvconf_error err{};
  ASSERT_EQ(P()->fill_contiguous_strides(P()->ctx, 0, nullptr, &sentinel, 1, 'C', &err), 0);
  EXPECT_EQ(sentinel, 42);
}

TEST(GetPointer, NoBoundsChecksNoWrapping) {
  unsigned char mem[64] = {};
  Dims shape{2, 3}, strides{3, 1};
  mvconf_buffer b = describe(mem + 32, 6, 1, 2, &shape, &strides);
  mvconf_error err{};
  const ptrdiff_t far[2] = {5, 7}, neg[2] = {-1, 0};
  EXPECT_EQ(P()->get_pointer(P()->ctx, &b, far, &err), static_cast<void *>(mem + 32 + 22));
  EXPECT_EQ(P()->get_pointer(P()->ctx, &b, neg, &err), static_cast<void *>(mem + 32 - 3));
  mvconf_buffer zero = describe(mem, 1, 1, 0, nullptr, nullptr);
  EXPECT_EQ(P()->get_pointer(P()->ctx, &zero, nullptr, &err), static_cast<void *>(mem));
}

TEST(GetPointer, FollowsSuboffsets) {
  unsigned char row0[4] = {}, row1[4] = {};
  unsigned char *rows[2] = {row0, row1};
  Dims shape{2, 3}, strides{sizeof(unsigned char *), 1}, sub{1, -1};
  mvconf_buffer b = describe(rows, 6, 1, 2, &shape, &strides, &sub);
  const ptrdiff_t idx[2] = {1, 2};
  mvconf_error err{};
  EXPECT_EQ(P()->get_pointer(P()->ctx, &b, idx, &err), static_cast<void *>(row1 + 1 + 2));
}

TEST(FillInfo, Errors) {
  char mem[4];
  mvconf_error err{};
  EXPECT_EQ(P()->fill_info(P()->ctx, nullptr, nullptr, mem, 4, 0, 0, &err), -1);
  EXPECT_EQ(error_text(err), "BufferError: PyBuffer_FillInfo: view==NULL argument is obsolete");
  mvconf_buffer b{};
  b.obj = &b;
  EXPECT_EQ(P()->fill_info(P()->ctx, &b, nullptr, mem, 4, 1, MVCONF_BUF_WRITABLE, &err), -1);
  EXPECT_EQ(error_text(err), "BufferError: Object is not writable.");
  EXPECT_EQ(b.obj, &b);  // untouched on error
}

// PyBuffer_Release hands the buffer to its owner's releasebuffer, even for a FillInfo buffer
// that never went through getbuffer (observed on CPython 3.11 by the FillInfo property).
TEST(FillInfo, ReleaseCallsTheOwnersReleasebuffer) {
  char mem[4];
  struct Counter {
    int releases = 0;
  } counter;
  mvconf_exporter owner{"owner", nullptr,
                        [](const mvconf_exporter *self, mvconf_buffer *) {
                          ++static_cast<Counter *>(self->ctx)->releases;
                        },
                        &counter, nullptr};
  mvconf_error err{};
  mvconf_buffer b{};
  ASSERT_EQ(P()->fill_info(P()->ctx, &b, &owner, mem, 4, 0, MVCONF_BUF_SIMPLE, &err), 0);
  P()->buffer_release(P()->ctx, &b);
  P()->buffer_release(P()->ctx, &b);
  EXPECT_EQ(counter.releases, 1);
  EXPECT_EQ(b.obj, nullptr);
}

TEST(FillInfo, FillsPerRequest) {
  char mem[4];
  mvconf_exporter owner{"owner", nullptr, nullptr, nullptr, nullptr};
  mvconf_error err{};
  mvconf_buffer b{};
  ASSERT_EQ(P()->fill_info(P()->ctx, &b, &owner, mem, 4, 2, MVCONF_BUF_FULL, &err), 0);
  EXPECT_EQ(b.obj, static_cast<void *>(&owner));
  EXPECT_EQ(b.readonly, 2);  // only readonly == 1 is refused
  EXPECT_STREQ(b.format, "B");
  EXPECT_EQ(b.shape, &b.len);
  EXPECT_EQ(b.strides, &b.itemsize);
  EXPECT_EQ(b.itemsize, 1);
  EXPECT_EQ(b.ndim, 1);
  EXPECT_EQ(b.suboffsets, nullptr);
  P()->buffer_release(P()->ctx, &b);
  EXPECT_EQ(b.obj, nullptr);
  P()->buffer_release(P()->ctx, &b);  // a second release is harmless

  mvconf_buffer simple{};
  ASSERT_EQ(P()->fill_info(P()->ctx, &simple, nullptr, mem, 4, 0, MVCONF_BUF_SIMPLE, &err), 0);
  EXPECT_EQ(simple.format, nullptr);
  EXPECT_EQ(simple.shape, nullptr);
  EXPECT_EQ(simple.strides, nullptr);
  mvconf_buffer nd{};
  ASSERT_EQ(P()->fill_info(P()->ctx, &nd, nullptr, mem, 4, 1, MVCONF_BUF_ND, &err), 0);
  EXPECT_EQ(nd.shape, &nd.len);
  EXPECT_EQ(nd.strides, nullptr);
}

}  // namespace
}  // namespace mvconf::impl::test
