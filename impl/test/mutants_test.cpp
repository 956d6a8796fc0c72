// Each mutant differs from the faithful impl on a witness case for its rule, and agrees on a
// case the rule does not touch.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "port_helpers.h"
#include "test_exporter.h"

namespace mvconf::impl::test {
namespace {

using Dims = std::vector<ptrdiff_t>;

const mvconf_port *M(const char *name) {
  const mvconf_port *p = mutant_port(name);
  EXPECT_NE(p, nullptr) << name;
  return p;
}

TEST(Mutants, RegistryIsComplete) {
  std::set<std::string> names;
  for (const MutantInfo &m : mutants()) {
    names.insert(m.name);
    EXPECT_NE(std::string(m.rule), "");
    const mvconf_port *p = mutant_port(m.name);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->slot_count, static_cast<uint32_t>(MVCONF_PORT_SLOTS_1_0));
    EXPECT_NE(p, port());
  }
  EXPECT_EQ(names.size(), 6u);
  EXPECT_EQ(mutant_port("no_such_mutant"), nullptr);
  EXPECT_EQ(port()->abi_major, static_cast<uint32_t>(MVCONF_ABI_MAJOR));
  EXPECT_STREQ(port()->version, "3.11");
}

TEST(Mutants, CContigNoUnitSkip) {
  char mem[8] = {};
  Dims shape{1, 3}, strides{99, 1}, plain{3, 1};
  mvconf_buffer b = describe(mem, 3, 1, 2, &shape, &strides);
  mvconf_error err{};
  const mvconf_port *m = M("c_contig_no_unit_skip");
  EXPECT_EQ(port()->is_contiguous(port()->ctx, &b, 'C', &err), 1);
  EXPECT_EQ(m->is_contiguous(m->ctx, &b, 'C', &err), 0);
  mvconf_buffer ok = describe(mem, 3, 1, 2, &shape, &plain);
  EXPECT_EQ(m->is_contiguous(m->ctx, &ok, 'C', &err), 1);
}

TEST(Mutants, CopyWritable) {
  TestExporter e = TestExporter::matrix(2, 3, false, false);
  mvconf_error err{};
  const mvconf_port *m = M("copy_writable");
  View v(m, m->get_contiguous(m->ctx, e.ref(), MVCONF_BUF_READ, 'F', &err));
  ASSERT_TRUE(v);
  EXPECT_EQ(v.buf().readonly, 0);
}

TEST(Mutants, FromMemoryFlags0Writable) {
  char mem[2] = {};
  mvconf_error err{};
  const mvconf_port *m = M("from_memory_flags0_writable");
  View v(m, m->from_memory(m->ctx, mem, 2, 0, &err));
  ASSERT_TRUE(v);
  EXPECT_EQ(v.buf().readonly, 0);
  View r(m, m->from_memory(m->ctx, mem, 2, MVCONF_BUF_READ, &err));
  EXPECT_EQ(r.buf().readonly, 1);
}

TEST(Mutants, FortranFlagLen0) {
  char mem[3] = {};
  Dims shape{0}, strides{2};
  mvconf_buffer info = describe(mem, 0, 1, 1, &shape, &strides);
  mvconf_error err{};
  const mvconf_port *m = M("fortran_flag_len0");
  View v(m, m->from_buffer(m->ctx, &info, &err));
  ASSERT_TRUE(v);
  EXPECT_EQ(v.state().flags, MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN);
}

TEST(Mutants, InvalidOrderAsC) {
  unsigned char mem[6] = {0, 1, 2, 3, 4, 5}, out[6] = {};
  Dims shape{2, 3};
  mvconf_buffer b = describe(mem, 6, 1, 2, &shape, nullptr);
  mvconf_error err{};
  const mvconf_port *m = M("invalid_order_as_c");
  ASSERT_EQ(m->to_contiguous(m->ctx, out, &b, 6, 'X', &err), 0);
  EXPECT_EQ(std::vector<unsigned char>(out, out + 6),
            (std::vector<unsigned char>{0, 1, 2, 3, 4, 5}));
  TestExporter e = TestExporter::matrix(2, 3, false, false);
  View v(m, m->get_contiguous(m->ctx, e.ref(), MVCONF_BUF_READ, 'X', &err));
  ASSERT_TRUE(v);
  EXPECT_EQ(v.base().kind, MVCONF_BASE_EXPORTER);
}

TEST(Mutants, FromBufferKeepsObj) {
  char mem[2] = {};
  TestExporter owner = TestExporter::bytes(1, false);
  mvconf_buffer info = describe(mem, 2, 1, 1, nullptr, nullptr);
  info.obj = const_cast<mvconf_exporter *>(owner.exporter());
  mvconf_error err{};
  const mvconf_port *m = M("from_buffer_keeps_obj");
  {
    View v(m, m->from_buffer(m->ctx, &info, &err));
    ASSERT_TRUE(v);
    EXPECT_EQ(v.base().kind, MVCONF_BASE_EXPORTER);
    EXPECT_EQ(v.base().exporter, owner.exporter());
  }
  EXPECT_EQ(owner.releases, 0);
}

}  // namespace
}  // namespace mvconf::impl::test
