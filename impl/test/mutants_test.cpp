// Each mutant differs from the faithful impl on a witness case for its rule, and agrees on a
// case the rule does not touch.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <set>
#include <sstream>
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
    EXPECT_EQ(p->slot_count, static_cast<uint32_t>(MVCONF_PORT_SLOTS_1_2));
    EXPECT_NE(p, port());
  }
  EXPECT_EQ(names.size(), mutants().size());  // names are unique
  EXPECT_EQ(mutant_port("no_such_mutant"), nullptr);
  EXPECT_EQ(port()->abi_major, static_cast<uint32_t>(MVCONF_ABI_MAJOR));
  EXPECT_STREQ(port()->version, "3.11");
}

// The catalogue's own consistency: every rule is broken by some mutant, every mutant names a
// rule of the catalogue, and ids are unique, so docs/rules.md and the ctest tests are complete.
TEST(Mutants, CatalogueRulesAndMutantsMatch) {
  std::set<std::string> ids, broken;
  for (const RuleInfo &r : rules()) {
    EXPECT_TRUE(ids.insert(r.id).second) << "duplicate rule id " << r.id;
    EXPECT_NE(std::string(r.section), "") << r.id;
    EXPECT_NE(std::string(r.statement), "") << r.id;
    EXPECT_NE(std::string(r.operations), "") << r.id;
    EXPECT_GE(r.since, 8) << r.id;
    EXPECT_TRUE(r.until == 0 || r.until >= r.since) << r.id;
  }
  for (const MutantInfo &m : mutants()) {
    EXPECT_EQ(ids.count(m.rule_id), 1u) << m.name << " breaks no rule of the catalogue";
    broken.insert(m.rule_id);
    EXPECT_NE(std::string(m.kill_filter), "") << m.name;
    EXPECT_NE(std::string(m.wrong), "") << m.name;
    EXPECT_NE(std::string(m.rule).find(m.rule_id), std::string::npos) << m.name;
  }
  for (const std::string &id : ids) EXPECT_EQ(broken.count(id), 1u) << id << " has no mutant";
  EXPECT_GE(rules().size(), 70u);
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

// The witnesses below observe one case on a port as a line of text; the faithful impl and the
// mutant must observe different things.
using Observe = std::function<std::string(const mvconf_port *)>;

void expect_differs(const char *mutant, const Observe &observe) {
  const mvconf_port *m = M(mutant);
  if (m == nullptr) return;
  const std::string want = observe(port());
  EXPECT_NE(want, observe(m)) << mutant << " agrees with the impl on its witness: " << want;
}

std::string join(const std::vector<ptrdiff_t> &v) {
  std::string out;
  for (ptrdiff_t x : v) out += std::to_string(x) + ",";
  return out;
}

// What the conformance harness compares of a view (pointers as shared/own, not addresses).
std::string summary(const mvconf_port *p, mvconf_view *mv, const mvconf_error &err,
                    const char *format_owner = nullptr) {
  if (mv == nullptr) return "error " + error_text(err);
  View v(p, mv);
  const mvconf_buffer &b = v.buf();
  const mvconf_base base = v.base();
  std::ostringstream os;
  os << "len " << b.len << " isz " << b.itemsize << " ro " << b.readonly << " fmt "
     << (b.format ? b.format : "NULL") << (b.format == format_owner ? " shared" : "") << " shape "
     << join(v.shape()) << " strides " << join(v.strides()) << " sub "
     << (b.suboffsets ? "set" : "NULL") << " flags " << v.state().flags << " mbuf "
     << v.state().mbuf_exports << " base " << base.kind;
  if (base.kind == MVCONF_BASE_BYTES) {
    const auto *d = static_cast<const unsigned char *>(base.data);
    for (ptrdiff_t i = 0; i < base.size; ++i) os << ' ' << int(d[i]);
  }
  return os.str();
}

Observe contig(mvconf_buffer b, char order) {
  return [b, order](const mvconf_port *p) {
    mvconf_error err{};
    return std::to_string(p->is_contiguous(p->ctx, &b, order, &err));
  };
}

Observe from_buffer(mvconf_buffer info) {
  return [info](const mvconf_port *p) {
    mvconf_error err{};
    return summary(p, p->from_buffer(p->ctx, &info, &err), err);
  };
}

// FromObject on the exporter (or on a first view of it), with the exporter's counters.
Observe from_object(const TestExporter &proto, bool via_view) {
  return [proto, via_view](const mvconf_port *p) {
    TestExporter e = proto;
    mvconf_error err{};
    View first(p, via_view ? p->from_object(p->ctx, e.ref(), &err) : nullptr);
    mvconf_view *mv = p->from_object(p->ctx, via_view ? first.ref() : e.ref(), &err);
    // The counters are read right after construction, before summary() frees the view (as
    // one expression the order was the compiler's: clang read them after, and this witness
    // saw no difference).
    const std::string counts = " gets " + std::to_string(e.gets) + " flags " +
                               std::to_string(e.last_flags) + " releases " +
                               std::to_string(e.releases);
    std::string out = summary(p, mv, err) + counts;
    first.reset();
    return out + " " + std::to_string(e.releases);
  };
}

Observe get_contiguous(const TestExporter &proto, int buffertype, char order) {
  return [proto, buffertype, order](const mvconf_port *p) {
    TestExporter e = proto;
    mvconf_error err{};
    mvconf_view *mv = p->get_contiguous(p->ctx, e.ref(), buffertype, order, &err);
    return summary(p, mv, err, e.format.data());
  };
}

TestExporter shaped(TestExporter e, int ndim, Dims shape, Dims strides) {
  e.ndim = ndim;
  e.shape = std::move(shape);
  e.strides = std::move(strides);
  return e;
}

TEST(Mutants, ContiguityWitnesses) {
  char mem[16] = {};
  Dims s23{2, 3}, f23{1, 2}, neg{-3, -1}, s3{3}, s0{0}, s1{1}, one{1}, two{2}, five{5}, zero{0},
      minus{-1};
  expect_differs("f_contig_null_strides_always",
                 contig(describe(mem, 6, 1, 2, &s23, nullptr), 'F'));
  expect_differs("len0_no_shortcut", contig(describe(mem, 0, 1, 2, &s23, &neg), 'C'));
  expect_differs("a_order_c_only", contig(describe(mem, 6, 1, 2, &s23, &f23), 'A'));
  expect_differs("innermost_stride_one", contig(describe(mem, 6, 2, 1, &s3, &two), 'C'));
  expect_differs("suboffsets_after_len0", contig(describe(mem, 0, 1, 1, &s0, &one, &zero), 'C'));
  expect_differs("negative_suboffsets_ignored",
                 contig(describe(mem, 3, 1, 1, &s3, &one, &minus), 'F'));
  expect_differs("invalid_order_answers_1", contig(describe(mem, 3, 1, 1, &s3, &one), 'X'));
  // §1.4 flags, seen through FromBuffer.
  expect_differs("scalar_flag_missing", from_buffer(describe(mem, 1, 1, 0, nullptr, nullptr)));
  expect_differs("pil_keeps_cf", from_buffer(describe(mem, 1, 1, 1, &s1, &five, &minus)));
  expect_differs("flags_1d_ignores_extent1", from_buffer(describe(mem, 1, 1, 1, &s1, &five)));
}

TEST(Mutants, ConstructorWitnesses) {
  char mem[16] = {};
  Dims s2{2}, two{2}, ones(65, 1);
  Dims ones64(ones.begin(), ones.begin() + 64);
  expect_differs("null_format_kept", from_buffer(describe(mem, 4, 2, 1, &s2, &two)));
  expect_differs("null_format_itemsize_1", from_buffer(describe(mem, 4, 2, 1, &s2, &two)));
  expect_differs("len_recomputed", from_buffer(describe(mem, 3, 2, 1, &s2, &two)));
  expect_differs("rebuilt_shape_rounds_up", from_buffer(describe(mem, 3, 2, 1, nullptr, nullptr)));
  expect_differs("from_buffer_buf_check_late",
                 from_buffer(describe(nullptr, 1, 1, 65, &ones, &ones)));
  expect_differs("ndim_limit_off_by_one", from_buffer(describe(mem, 1, 1, 64, &ones64, &ones64)));
  expect_differs("ndim_limit_buffer_error", from_buffer(describe(mem, 1, 1, 65, &ones, &ones)));
  const TestExporter bytes = TestExporter::bytes(3, false);
  expect_differs("from_view_new_mbuf", from_object(bytes, true));
  expect_differs("from_view_getbuffer_again", from_object(bytes, true));
  expect_differs("request_flags_full", from_object(bytes, false));
  expect_differs("release_at_construction", from_object(bytes, false));
  expect_differs("release_twice_on_ndim_error",
                 from_object(shaped(TestExporter::bytes(1, false), 65, ones, ones), false));
  expect_differs("non_buffer_message_no_prefix",
                 from_object(TestExporter::non_buffer("int"), false));
}

TEST(Mutants, GetContiguousWitnesses) {
  const TestExporter c = TestExporter::matrix(2, 3, false, false);
  const TestExporter f = TestExporter::matrix(2, 3, true, false);
  TestExporter pil = TestExporter::bytes(3, false);
  pil.suboffsets = {-1};
  expect_differs("contig_no_copy_base_null", get_contiguous(c, MVCONF_BUF_READ, 'C'));
  expect_differs("write_check_after_contiguity",
                 get_contiguous(TestExporter::matrix(2, 3, true, true), MVCONF_BUF_WRITE, 'C'));
  expect_differs("noncontig_message_no_period", get_contiguous(f, MVCONF_BUF_WRITE, 'C'));
  expect_differs("buffertype0_as_write", get_contiguous(f, 0, 'C'));
  expect_differs("copy_c_order_for_f", get_contiguous(c, MVCONF_BUF_READ, 'F'));
  expect_differs("copy_a_fortran",
                 get_contiguous(shaped(TestExporter::bytes(12, false), 2, {2, 3}, {6, 2}),
                                MVCONF_BUF_READ, 'A'));
  expect_differs("copy_keeps_suboffsets", get_contiguous(pil, MVCONF_BUF_READ, 'C'));
  expect_differs("copy_format_shared", get_contiguous(c, MVCONF_BUF_READ, 'F'));
}

TEST(Mutants, BufferFunctionWitnesses) {
  Dims s6{6}, one{1}, s23{2, 3}, gap{6, 2};
  expect_differs("to_contiguous_short_len_accepted", [&](const mvconf_port *p) {
    unsigned char mem[6] = {}, out[6] = {};
    mvconf_buffer b = describe(mem, 6, 1, 1, &s6, &one);
    mvconf_error err{};
    return std::to_string(p->to_contiguous(p->ctx, out, &b, 5, 'C', &err));
  });
  auto scatter = [&](Dims *shape, Dims *strides, ptrdiff_t len, char order) {
    return [=](const mvconf_port *p) {
      unsigned char mem[16] = {}, data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
      mvconf_buffer b = describe(mem, 6, 1, static_cast<int>(shape->size()), shape, strides);
      mvconf_error err{};
      std::string out = std::to_string(p->from_contiguous(p->ctx, &b, data, len, order, &err));
      for (unsigned char x : mem) out += " " + std::to_string(x);
      return out;
    };
  };
  expect_differs("from_contiguous_no_clamp", scatter(&s6, &one, 8, 'C'));
  expect_differs("from_contiguous_a_fortran", scatter(&s23, &gap, 6, 'A'));
  expect_differs("fill_strides_a_as_f", [&](const mvconf_port *p) {
    ptrdiff_t strides[2] = {};
    mvconf_error err{};
    p->fill_contiguous_strides(p->ctx, 2, s23.data(), strides, 1, 'A', &err);
    return join(Dims(strides, strides + 2));
  });
  expect_differs("get_pointer_wraps_negative", [&](const mvconf_port *p) {
    char mem[6] = {};
    Dims c{3, 1};
    mvconf_buffer b = describe(mem, 6, 1, 2, &s23, &c);
    const ptrdiff_t idx[2] = {-1, 0};
    mvconf_error err{};
    const auto at = reinterpret_cast<uintptr_t>(p->get_pointer(p->ctx, &b, idx, &err));
    return std::to_string(static_cast<ptrdiff_t>(at - reinterpret_cast<uintptr_t>(mem)));
  });
  auto fill = [](int readonly, int flags) {
    return [=](const mvconf_port *p) {
      TestExporter owner = TestExporter::bytes(1, false);
      char mem[4] = {};
      mvconf_buffer b{};
      mvconf_error err{};
      const int r = p->fill_info(p->ctx, &b, owner.exporter(), mem, 4, readonly, flags, &err);
      std::string out = std::to_string(r) + (b.format ? " B" : " NULL") +
                        (b.shape ? " shape" : " NULL") + (b.strides ? " strides" : " NULL");
      if (r == 0) p->buffer_release(p->ctx, &b);
      return out + " releases " + std::to_string(owner.releases);
    };
  };
  expect_differs("fill_info_rejects_readonly_nonzero", fill(2, MVCONF_BUF_WRITABLE));
  expect_differs("fill_info_format_always", fill(0, MVCONF_BUF_SIMPLE));
  expect_differs("fill_info_shape_on_strides_bit", fill(0, 0x10));
  expect_differs("release_skips_releasebuffer", fill(0, MVCONF_BUF_SIMPLE));
}

}  // namespace
}  // namespace mvconf::impl::test
