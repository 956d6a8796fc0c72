// Spec §9: where CPython has undefined behaviour the impl answers with a SystemError whose
// message starts "mvconf impl: ", and never crashes. Defined neighbours of each case still
// give CPython's answer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "port_helpers.h"
#include "test_exporter.h"

namespace mvconf::impl::test {
namespace {

using Dims = std::vector<ptrdiff_t>;

::testing::AssertionResult IsUndefined(const mvconf_error &err) {
  const std::string type = err.type;
  const std::string message = err.message;
  if (type == "SystemError" && starts_with(message, "mvconf impl: ") && message.size() > 20)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got " << error_text(err);
}

TEST(Validation, IsContiguousStridesWithoutShape) {
  char mem[8] = {};
  Dims strides{3, 1};
  mvconf_buffer b = describe(mem, 6, 1, 2, nullptr, &strides);
  for (char order : {'C', 'F', 'A'}) {
    mvconf_error err{};
    EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, order, &err), -1);
    EXPECT_TRUE(IsUndefined(err));
  }
  mvconf_error err{};
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'x', &err), 0);  // defined: bad order first
  b.len = 0;
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'C', &err), 1);  // defined: len 0 first
  Dims sub{-1, -1};
  b.len = 6;
  b.suboffsets = sub.data();
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'C', &err), 0);  // defined: suboffsets first
  EXPECT_EQ(P()->is_contiguous(P()->ctx, nullptr, 'C', &err), -1);
  EXPECT_TRUE(IsUndefined(err));
}

// CPython 3.11 segfaults here (observed with a 0-d _testbuffer.ndarray and order 'X'): an
// invalid order makes a 0-d buffer "non-contiguous" and the element-wise copy reads its shape.
TEST(Validation, ZeroDimensionalCopyInInvalidOrder) {
  char mem[8] = {1, 2, 3, 4, 5, 6, 7, 8}, out[8] = {};
  mvconf_buffer b = describe(mem, 8, 8, 0, nullptr, nullptr);
  mvconf_error err{};
  EXPECT_EQ(P()->to_contiguous(P()->ctx, out, &b, 8, 'X', &err), -1);
  EXPECT_TRUE(IsUndefined(err));
  EXPECT_EQ(P()->to_contiguous(P()->ctx, out, &b, 8, 'A', &err), 0);  // defined: memcpy
  EXPECT_EQ(out[7], 8);
}

TEST(Validation, FortranTestNeedsShapeForImpliedStrides) {
  char mem[8] = {};
  mvconf_buffer b = describe(mem, 6, 1, 2, nullptr, nullptr);
  mvconf_error err{};
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'C', &err), 1);  // defined: no shape read
  EXPECT_EQ(P()->is_contiguous(P()->ctx, &b, 'F', &err), -1);
  EXPECT_TRUE(IsUndefined(err));
}

TEST(Validation, ToContiguous) {
  char mem[16] = {}, out[16] = {};
  Dims strides{1};
  mvconf_buffer b = describe(mem, 3, 1, 1, nullptr, &strides);
  mvconf_error err{};
  EXPECT_EQ(P()->to_contiguous(P()->ctx, out, &b, 3, 'C', &err), -1);
  EXPECT_TRUE(IsUndefined(err));

  mvconf_buffer nd2 = describe(mem, 6, 1, 2, nullptr, nullptr);
  EXPECT_EQ(P()->to_contiguous(P()->ctx, out, &nd2, 6, 'X', &err), -1);
  EXPECT_TRUE(IsUndefined(err));

  Dims shape{10}, wide{2};  // len 3 but 10 items: writing them would overflow `out`
  mvconf_buffer bad_len = describe(mem, 3, 1, 1, &shape, &wide);
  EXPECT_EQ(P()->to_contiguous(P()->ctx, out, &bad_len, 3, 'C', &err), -1);
  EXPECT_TRUE(IsUndefined(err));

  mvconf_buffer neg = describe(mem, 3, 1, -1, nullptr, nullptr);
  EXPECT_EQ(P()->to_contiguous(P()->ctx, out, &neg, 3, 'X', &err), -1);
  EXPECT_TRUE(IsUndefined(err));

  mvconf_buffer zero_isz = describe(mem, 3, 0, 1, nullptr, nullptr);
  EXPECT_EQ(P()->to_contiguous(P()->ctx, out, &zero_isz, 3, 'X', &err), -1);
  EXPECT_TRUE(IsUndefined(err));

  EXPECT_EQ(P()->to_contiguous(P()->ctx, out, nullptr, 3, 'C', &err), -1);
  EXPECT_TRUE(IsUndefined(err));
}

TEST(Validation, FromContiguousSlowPathNeedsStrides) {
  char mem[6] = {}, data[6] = {1, 2, 3, 4, 5, 6};
  Dims shape{2, 3};
  mvconf_buffer nd = describe(mem, 6, 1, 2, &shape, nullptr);
  mvconf_error err{};
  EXPECT_EQ(P()->from_contiguous(P()->ctx, &nd, data, 6, 'C', &err), 0);  // memcpy path
  EXPECT_EQ(P()->from_contiguous(P()->ctx, &nd, data, 6, 'F', &err), -1);
  EXPECT_TRUE(IsUndefined(err));

  Dims one{3}, two{2};
  mvconf_buffer zero_isz = describe(mem, 3, 0, 1, &one, &two);
  EXPECT_EQ(P()->from_contiguous(P()->ctx, &zero_isz, data, 3, 'C', &err), -1);
  EXPECT_TRUE(IsUndefined(err));

  mvconf_buffer ok = describe(mem, 3, 1, 1, nullptr, nullptr);
  EXPECT_EQ(P()->from_contiguous(P()->ctx, &ok, data, -1, 'C', &err), -1);
  EXPECT_TRUE(IsUndefined(err));
  EXPECT_EQ(P()->from_contiguous(P()->ctx, nullptr, data, 1, 'C', &err), -1);
  EXPECT_TRUE(IsUndefined(err));
}

TEST(Validation, GetPointerNeedsStrides) {
  char mem[4] = {};
  Dims shape{4};
  mvconf_buffer b = describe(mem, 4, 1, 1, &shape, nullptr);
  const ptrdiff_t idx[1] = {1};
  mvconf_error err{};
  EXPECT_EQ(P()->get_pointer(P()->ctx, &b, idx, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
  Dims strides{1};
  b.strides = strides.data();
  EXPECT_EQ(P()->get_pointer(P()->ctx, &b, nullptr, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
}

TEST(Validation, FillContiguousStridesNullArrays) {
  ptrdiff_t strides[2];
  mvconf_error err{};
  EXPECT_EQ(P()->fill_contiguous_strides(P()->ctx, 2, nullptr, strides, 1, 'C', &err), -1);
  EXPECT_TRUE(IsUndefined(err));
}

TEST(Validation, FromMemory) {
  char mem[1];
  mvconf_error err{};
  EXPECT_EQ(P()->from_memory(P()->ctx, nullptr, 1, MVCONF_BUF_READ, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
  EXPECT_EQ(P()->from_memory(P()->ctx, mem, -1, MVCONF_BUF_READ, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
}

TEST(Validation, FromBuffer) {
  char mem[8] = {};
  mvconf_error err{};
  mvconf_buffer no_shape = describe(mem, 6, 1, 2, nullptr, nullptr);
  EXPECT_EQ(P()->from_buffer(P()->ctx, &no_shape, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
  mvconf_buffer negative = describe(mem, 6, 1, -2, nullptr, nullptr);
  EXPECT_EQ(P()->from_buffer(P()->ctx, &negative, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
  mvconf_buffer zero_isz = describe(mem, 6, 0, 1, nullptr, nullptr);
  EXPECT_EQ(P()->from_buffer(P()->ctx, &zero_isz, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
  EXPECT_EQ(P()->from_buffer(P()->ctx, nullptr, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
  // buf NULL is checked before anything else: the defined ValueError wins.
  no_shape.buf = nullptr;
  EXPECT_EQ(P()->from_buffer(P()->ctx, &no_shape, &err), nullptr);
  EXPECT_EQ(std::string(err.type), "ValueError");
}

TEST(Validation, OddExportersAreReleasedOnce) {
  TestExporter negative = TestExporter::bytes(4, false);
  negative.ndim = -1;
  TestExporter no_shape = TestExporter::matrix(2, 2, false, false);
  no_shape.has_shape = false;
  TestExporter zero_isz = TestExporter::bytes(4, false);
  zero_isz.itemsize = 0;
  zero_isz.has_shape = false;
  zero_isz.len = 4;
  for (TestExporter *e : {&negative, &no_shape, &zero_isz}) {
    mvconf_error err{};
    EXPECT_EQ(P()->from_object(P()->ctx, e->ref(), &err), nullptr);
    EXPECT_TRUE(IsUndefined(err));
    EXPECT_EQ(e->gets, 1);
    EXPECT_EQ(e->releases, 1);
  }
}

TEST(Validation, EmptyReference) {
  mvconf_error err{};
  EXPECT_EQ(P()->from_object(P()->ctx, mvconf_ref{nullptr, nullptr}, &err), nullptr);
  EXPECT_TRUE(IsUndefined(err));
  EXPECT_EQ(P()->get_contiguous(P()->ctx, mvconf_ref{nullptr, nullptr}, MVCONF_BUF_READ, 'C', &err),
            nullptr);
  EXPECT_TRUE(IsUndefined(err));
}

}  // namespace
}  // namespace mvconf::impl::test
