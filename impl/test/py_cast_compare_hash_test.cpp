// White-box tests of cast, ==/!= and hash (py_cast.cpp, py_compare.cpp, py_hash.cpp) and the
// struct unpacker. Expected hashes were measured with PYTHONHASHSEED=0 python3.10 / 3.11.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "memoryview.h"
#include "objects.h"
#include "py_api.h"
#include "py_hash.h"
#include "py_struct_unpack.h"
#include "test_exporter.h"

namespace mvconf::impl::py {
namespace {

using Owned = std::unique_ptr<MemoryView>;

Owned memory(std::string *data, bool writable, const Rules &rules) {
  mvconf_error err{};
  return Owned(from_memory(data->data(), static_cast<ptrdiff_t>(data->size()),
                           writable ? MVCONF_BUF_WRITE : MVCONF_BUF_READ, rules, &err));
}

// A 1-D FromBuffer view over mem with its own format and itemsize.
Owned typed(void *mem, ptrdiff_t n, ptrdiff_t itemsize, char *format, const Rules &rules) {
  static ptrdiff_t shape[1], strides[1];
  shape[0] = n;
  strides[0] = itemsize;
  mvconf_buffer b{};
  b.buf = mem;
  b.len = n * itemsize;
  b.itemsize = itemsize;
  b.readonly = 1;
  b.format = format;
  b.ndim = 1;
  b.shape = shape;
  b.strides = strides;
  mvconf_error err{};
  Owned v(from_buffer(&b, rules, &err));
  EXPECT_TRUE(v) << err.message;
  return v;
}

struct Outcome {
  bool ok;
  Value value;
  std::string type, message;
  Owned view;
};

Outcome run(Method m, const Rules &rules, MemoryView *self, std::vector<Value> args,
            std::vector<MemoryView *> views = {}) {
  mvconf_error err{};
  std::vector<mvconf_view *> handles;
  for (MemoryView *v : views) handles.push_back(to_handle(v));
  Call call{rules, self, handles.data(), handles.size(), &err};
  Outcome out;
  out.ok = m(call, args, &out.value);
  out.view.reset(call.new_view);
  out.type = err.type;
  out.message = err.message;
  return out;
}

Value str(const char *s) { return Value{{"str", s}}; }

TEST(PyHash, SipHashMatchesCPython) {
  std::string data;
  for (int i = 0; i < 100; ++i) data.push_back(static_cast<char>(i));
  const struct {
    size_t n;
    int64_t h310, h311;
  } cases[] = {{0, 0, 0},
               {1, -8405392928520026739LL, 7541581120933061747LL},
               {7, -5488059805080664053LL, 3389392686435873370LL},
               {8, -4095148490987964104LL, -1525574692105212182LL},
               {9, 6993662196368935714LL, 8471974163824919394LL},
               {100, -7752114684589789621LL, 2047562098496403720LL}};
  for (const auto &c : cases) {
    EXPECT_EQ(bytes_hash(data.data(), c.n, rules_for(10)), c.h310) << c.n;
    EXPECT_EQ(bytes_hash(data.data(), c.n, rules_for(8)), c.h310) << c.n;
    EXPECT_EQ(bytes_hash(data.data(), c.n, rules_for(11)), c.h311) << c.n;
    EXPECT_EQ(bytes_hash(data.data(), c.n, rules_for(13)), c.h311) << c.n;
  }
}

TEST(PyHash, ChecksAndCache) {
  const Rules r = rules_for(11);
  std::string abc = "abc";
  Owned ro = memory(&abc, false, r);
  Outcome h = run(hash, r, ro.get(), {});
  ASSERT_TRUE(h.ok);
  EXPECT_EQ(h.value.get<int64_t>(), -4594863902769663758LL);
  ro->release();
  EXPECT_TRUE(run(hash, r, ro.get(), {}).ok);  // cached before the release

  Owned rel = memory(&abc, false, r);
  rel->release();
  EXPECT_EQ(run(hash, r, rel.get(), {}).message,
            "operation forbidden on released memoryview object");
  Owned rw = memory(&abc, true, r);
  EXPECT_EQ(run(hash, r, rw.get(), {}).message, "cannot hash writable memoryview object");
  std::string four = "abcd";
  Owned v = memory(&four, false, r);
  Outcome i = run(cast, r, v.get(), {str("i")});
  ASSERT_TRUE(i.ok);
  Outcome bad = run(hash, r, i.view.get(), {});
  EXPECT_EQ(bad.type, "ValueError");
  EXPECT_EQ(bad.message, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
  Outcome c = run(cast, r, i.view.get(), {str("@c")});
  EXPECT_TRUE(run(hash, r, c.view.get(), {}).ok);
}

// hash(view.obj) comes after the readonly and format checks and passes the exporter's error on
// unchanged; a cached hash and a view without obj never ask the exporter (spec §5.11).
TEST(PyHash, ExporterHashAfterTheChecks) {
  const Rules r = rules_for(11);
  test::TestExporter bad = test::TestExporter::bytes(4, true);
  bad.unhashable = true;
  test::TestExporter writable = test::TestExporter::bytes(4, false);
  writable.unhashable = true;
  test::TestExporter fine = test::TestExporter::bytes(4, true);
  mvconf_error err{};
  Owned v(from_object(bad.ref(), r, &err));
  Owned w(from_object(writable.ref(), r, &err));
  Owned ok(from_object(fine.ref(), r, &err));
  ASSERT_TRUE(v && w && ok) << err.message;

  Outcome h = run(hash, r, v.get(), {});
  EXPECT_EQ(h.type, "TypeError");
  EXPECT_EQ(h.message, "unhashable type: 'TestExporter'");
  EXPECT_EQ(run(hash, r, w.get(), {}).message, "cannot hash writable memoryview object");
  Outcome i = run(cast, r, v.get(), {str("i")});
  ASSERT_TRUE(i.ok) << i.message;
  EXPECT_EQ(run(hash, r, i.view.get(), {}).type, "ValueError");
  EXPECT_EQ(writable.hashes, 0);

  ASSERT_TRUE(run(hash, r, ok.get(), {}).ok);  // a non-NULL hash answering 0 is hashable
  ASSERT_TRUE(run(hash, r, ok.get(), {}).ok);
  EXPECT_EQ(fine.hashes, 1);  // the second hash is the cached one

  Rules early = r;
  early.mutation = Mutation::kHashExporterBeforeFormat;
  EXPECT_EQ(run(hash, early, i.view.get(), {}).type, "TypeError");
  Rules ignores = r;
  ignores.mutation = Mutation::kHashIgnoresExporter;
  EXPECT_TRUE(run(hash, ignores, v.get(), {}).ok);
}

TEST(PyCast, ResultLayout) {
  const Rules r = rules_for(11);
  std::string data(8, '\0');
  Owned v = memory(&data, false, r);
  Outcome i = run(cast, r, v.get(), {str("@i")});
  ASSERT_TRUE(i.ok) << i.message;
  const mvconf_buffer &b = i.view->view();
  EXPECT_STREQ(b.format, "@i");
  EXPECT_EQ(b.itemsize, 4);
  EXPECT_EQ(b.ndim, 1);
  EXPECT_EQ(b.shape[0], 2);
  EXPECT_EQ(b.strides[0], 4);
  EXPECT_EQ(b.readonly, 1);
  EXPECT_EQ(i.view->mbuf(), v->mbuf());
  Outcome nd = run(cast, r, v.get(), {str("B"), Value{{"tuple", {2, 2, 2}}}});
  ASSERT_TRUE(nd.ok) << nd.message;
  EXPECT_EQ(nd.view->view().strides[0], 4);
  EXPECT_EQ(nd.view->view().strides[2], 1);
  Outcome scalar = run(cast, r, i.view.get(), {str("q"), Value::array()});
  EXPECT_EQ(scalar.message, "memoryview: cannot cast between two non-byte formats");
  Outcome zero_d = run(cast, r, v.get(), {str("q"), Value::array()});
  ASSERT_TRUE(zero_d.ok);
  EXPECT_EQ(zero_d.view->view().ndim, 0);
}

TEST(PyCast, ErrorsInOrder) {
  std::string data(4, '\0');
  const Rules r11 = rules_for(11), r9 = rules_for(9), r12 = rules_for(12);
  Owned v = memory(&data, false, r11);
  const Value bytes_b = Value{{"bytes", "42"}};
  EXPECT_EQ(run(cast, r11, v.get(), {bytes_b}).message,
            "cast() argument 'format' must be str, not bytes");
  EXPECT_EQ(run(cast, r11, v.get(), {nullptr}).message,
            "cast() argument 'format' must be str, not None");
  EXPECT_EQ(run(cast, r9, v.get(), {bytes_b}).message,
            "memoryview: format argument must be a string");
  EXPECT_EQ(run(cast, r9, v.get(), {}).message,
            "function missing required argument 'format' (pos 1)");
  EXPECT_EQ(run(cast, r11, v.get(), {str("B"), 1, 2}).message,
            "cast() takes at most 2 arguments (3 given)");
  const std::string dest =
      "memoryview: destination format must be a native single character format prefixed with "
      "an optional '@'";
  for (const char *f : {"", "@", "X", "<i", "ii"})
    EXPECT_EQ(run(cast, r11, v.get(), {str(f)}).message, dest) << f;
  EXPECT_EQ(run(cast, r11, v.get(), {str("e")}).message, dest);
  EXPECT_TRUE(run(cast, r12, v.get(), {str("e")}).ok);
  EXPECT_EQ(run(cast, r11, v.get(), {str("\xc3\xa9")}).type, "UnicodeEncodeError");
  EXPECT_EQ(run(cast, r11, v.get(), {str("B"), nullptr}).message,
            "shape must be a list or a tuple");
  EXPECT_EQ(run(cast, r11, v.get(), {str("h"), Value::array({3})}).message,
            "memoryview: product(shape) * itemsize != buffer size");
  EXPECT_EQ(run(cast, r11, v.get(), {str("h"), Value::array({-1, str("x")})}).message,
            "memoryview.cast(): elements of shape must be integers > 0");
  EXPECT_EQ(run(cast, r11, v.get(), {str("h"), Value::array({1.0})}).message,
            "memoryview.cast(): elements of shape must be integers");
  const Value big = int64_t{1} << 62;
  EXPECT_EQ(run(cast, r11, v.get(), {str("h"), Value::array({big, big, str("x")})}).message,
            "memoryview.cast(): product(shape) > SSIZE_MAX");
  EXPECT_EQ(run(cast, r11, v.get(),
                {str("h"), Value::array({Value{{"int", "1" + std::string(20, '0')}}})})
                .type,
            "OverflowError");
  Outcome nd = run(cast, r11, v.get(), {str("B"), Value::array({2, 2})});
  EXPECT_EQ(run(cast, r11, nd.view.get(), {str("B"), Value::array({1, 4})}).message,
            "memoryview: cast must be 1D -> ND or ND -> 1D");
  EXPECT_EQ(run(cast, r9, nd.view.get(), {bytes_b, Value::array({1, 4})}).message,
            "memoryview: format argument must be a string");
  std::string odd = "abc";
  Owned o = memory(&odd, false, r11);
  EXPECT_EQ(run(cast, r11, o.get(), {str("h")}).message,
            "memoryview: length is not a multiple of itemsize");
  v->release();
  EXPECT_EQ(run(cast, r11, v.get(), {bytes_b}).type, "TypeError");  // clinic first
  EXPECT_EQ(run(cast, r9, v.get(), {bytes_b}).type, "ValueError");
}

TEST(PyCompare, NativeAndStructPaths) {
  const Rules r = rules_for(11);
  double d[2] = {NAN, -0.0}, e[2] = {NAN, 0.0};
  char fd[] = "d", fat[] = "@d", ff[] = "<d";
  Owned a = typed(d, 2, 8, fd, r), b = typed(e, 2, 8, fat, r);
  EXPECT_FALSE(run(eq, r, a.get(), {Value{{"view", 0}}}, {a.get()}).value.get<bool>());
  Owned a1 = typed(d + 1, 1, 8, fd, r), b1 = typed(e + 1, 1, 8, ff, r);
  EXPECT_TRUE(run(eq, r, a1.get(), {Value{{"view", 0}}}, {b1.get()}).value.get<bool>());

  std::string bytes("\x01\x00\x00\x00\xff\xff\xff\xff", 8);
  Owned raw = memory(&bytes, false, r);
  Outcome i = run(cast, r, raw.get(), {str("i")});
  ASSERT_TRUE(i.ok) << i.message;
  int64_t q[2] = {1, -1};
  char fq[] = "q", f2i[] = "2i", fii[] = "ii", ft[] = "T{<q:x:}";
  Owned ql = typed(q, 2, 8, fq, r);
  EXPECT_TRUE(run(eq, r, i.view.get(), {Value{{"view", 0}}}, {ql.get()}).value.get<bool>());
  Owned two = typed(bytes.data(), 1, 8, f2i, r), ii = typed(bytes.data(), 1, 8, fii, r);
  Owned one_q = typed(q, 1, 8, fq, r);
  EXPECT_TRUE(run(eq, r, two.get(), {Value{{"view", 0}}}, {ii.get()}).value.get<bool>());
  EXPECT_FALSE(run(eq, r, two.get(), {Value{{"view", 0}}}, {one_q.get()}).value.get<bool>());
  Owned t = typed(q, 1, 8, ft, r);
  EXPECT_FALSE(run(eq, r, t.get(), {Value{{"view", 0}}}, {t.get()}).value.get<bool>());
  EXPECT_TRUE(run(ne, r, t.get(), {Value{{"view", 0}}}, {t.get()}).value.get<bool>());

  // 'B' vs 'b' and 'B' vs 'c', and bytes operands.
  Outcome sb = run(cast, r, raw.get(), {str("b")});
  EXPECT_FALSE(run(eq, r, raw.get(), {Value{{"view", 0}}}, {sb.view.get()}).value.get<bool>());
  Outcome c = run(cast, r, raw.get(), {str("c")});
  EXPECT_FALSE(run(eq, r, raw.get(), {Value{{"view", 0}}}, {c.view.get()}).value.get<bool>());
  const Value same = Value{{"bytes", "01000000ffffffff"}};
  EXPECT_TRUE(run(eq, r, raw.get(), {same}).value.get<bool>());
  EXPECT_TRUE(run(eq, r, raw.get(), {Value{{"bytearray", "01000000ffffffff"}}}).value.get<bool>());
  EXPECT_FALSE(run(eq, r, c.view.get(), {same}).value.get<bool>());
  EXPECT_FALSE(run(eq, r, raw.get(), {Value::array({1})}).value.get<bool>());
  EXPECT_TRUE(run(ne, r, raw.get(), {str("ab")}).value.get<bool>());

  // Released: identity.
  Owned other = memory(&bytes, false, r);
  other->release();
  EXPECT_TRUE(run(eq, r, other.get(), {Value{{"view", 0}}}, {other.get()}).value.get<bool>());
  EXPECT_FALSE(run(eq, r, raw.get(), {Value{{"view", 0}}}, {other.get()}).value.get<bool>());
}

TEST(PyCompare, ShapesWithZeros) {
  const Rules r = rules_for(11);
  std::string empty;
  Owned a = memory(&empty, false, r);
  Outcome c = run(cast, r, a.get(), {str("c")});
  EXPECT_TRUE(run(eq, r, a.get(), {Value{{"view", 0}}}, {c.view.get()}).value.get<bool>());
  std::string six = "abcdef";
  Owned s = memory(&six, false, r);
  Outcome m23 = run(cast, r, s.get(), {str("B"), Value::array({2, 3})});
  Outcome m32 = run(cast, r, s.get(), {str("B"), Value::array({3, 2})});
  EXPECT_FALSE(
      run(eq, r, m23.view.get(), {Value{{"view", 0}}}, {m32.view.get()}).value.get<bool>());
  EXPECT_FALSE(run(eq, r, s.get(), {Value{{"view", 0}}}, {m23.view.get()}).value.get<bool>());
}

TEST(PyStructUnpack, Values) {
  StructUnpacker u;
  mvconf_error err{};
  ASSERT_TRUE(u.compile(">hxe3p", &err));
  EXPECT_EQ(u.size(), 8);
  const unsigned char data[] = {0xff, 0xfe, 0, 0x7c, 0x00, 0x05, 'a', 'b'};
  Item item;
  ASSERT_TRUE(u.unpack(data, 8, rules_for(11), &item, &err));
  ASSERT_EQ(item.size(), 3U);
  EXPECT_EQ(static_cast<int64_t>(item[0].i), -2);
  EXPECT_TRUE(std::isinf(item[1].f));
  EXPECT_EQ(item[2].b, "ab");
  EXPECT_FALSE(u.unpack(data, 4, rules_for(11), &item, &err));
  EXPECT_STREQ(err.type, "struct.error");
  ASSERT_TRUE(u.compile("0p", &err));
  EXPECT_FALSE(u.unpack(data, 0, rules_for(12), &item, &err));
  EXPECT_TRUE(u.unpack(data, 0, rules_for(13), &item, &err));
  EXPECT_FALSE(u.compile("T{<q:x:}", &err));
  Scalar big, f;
  big.i = (static_cast<__int128>(1) << 53) + 1;
  f.kind = Scalar::Kind::kFloat;
  f.f = 9007199254740992.0;
  EXPECT_FALSE(scalar_equal(big, f));
  big.i -= 1;
  EXPECT_TRUE(scalar_equal(big, f));
}

}  // namespace
}  // namespace mvconf::impl::py
