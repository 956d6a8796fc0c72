// White-box tests of the item, bytes and attribute methods of the Python-level API
// (py_items.cpp, py_bytes.cpp, py_attributes.cpp, py_format.cpp). Expected messages were
// observed with CPython 3.11 (and 3.8/3.9/3.12 where versions differ).
#include "py_api.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "memoryview.h"
#include "objects.h"
#include "py_format.h"
#include "py_values.h"

namespace mvconf::impl::py {
namespace {

struct Fixture {
  explicit Fixture(std::string bytes, int target = 11, bool writable = true)
      : data(std::move(bytes)), rules(rules_for(target)) {
    mv.reset(from_memory(data.data(), static_cast<ptrdiff_t>(data.size()),
                         writable ? MVCONF_BUF_WRITE : MVCONF_BUF_READ, rules, &err));
  }
  // Runs a method: "" on success (result in `out`), else "Type: message".
  std::string run(Method m, std::vector<Value> args) {
    Call call{rules, mv.get(), nullptr, 0, &err};
    err = mvconf_error{};
    if (!m(call, args, &out)) return std::string(err.type) + ": " + err.message;
    made.reset(call.new_view);
    return "";
  }
  std::string data;
  Rules rules;
  mvconf_error err{};
  std::unique_ptr<MemoryView> mv, made;
  Value out;
};

Value str(const char *s) { return Value{{"str", s}}; }
Value big(const char *digits) { return Value{{"int", digits}}; }

TEST(PyApi, HexSeparatorsAndErrors) {
  Fixture f(std::string("\x01\x02\x03\x04\x05", 5));
  EXPECT_EQ(f.run(hex, {str("-"), 2}), "");
  EXPECT_EQ(f.out, str("01-0203-0405"));
  EXPECT_EQ(f.run(hex, {str("-"), -2}), "");
  EXPECT_EQ(f.out, str("0102-0304-05"));
  EXPECT_EQ(f.run(hex, {str("-"), 0}), "");
  EXPECT_EQ(f.out, str("0102030405"));
  EXPECT_EQ(f.run(hex, {1}), "TypeError: object of type 'int' has no len()");
  EXPECT_EQ(f.run(hex, {str("ab")}), "ValueError: sep must be length 1.");
  EXPECT_EQ(f.run(hex, {str("\xc3\xa9")}), "ValueError: sep must be ASCII.");
  EXPECT_EQ(f.run(hex, {Value{{"bytearray", "2d"}}}), "TypeError: sep must be str or bytes.");
  EXPECT_EQ(f.run(hex, {str("-"), 1.5}),
            "TypeError: 'float' object cannot be interpreted as an integer");
  EXPECT_EQ(f.run(hex, {str("-"), big("1180591620717411303424")}),
            "OverflowError: Python int too large to convert to C int");
  Fixture old(std::string("\x01", 1), 9);
  EXPECT_EQ(old.run(hex, {str("-"), str("x")}), "TypeError: an integer is required (got type str)");
  EXPECT_EQ(old.run(hex, {str("-"), 1.5}), "TypeError: integer argument expected, got float");
}

TEST(PyApi, TobytesArguments) {
  Fixture f("ab");
  EXPECT_EQ(f.run(tobytes, {Value{{"bytes", "43"}}}),
            "TypeError: tobytes() argument 'order' must be str or None, not bytes");
  EXPECT_EQ(f.run(tobytes, {str("x")}), "ValueError: order must be 'C', 'F' or 'A'");
  EXPECT_EQ(f.run(tobytes, {nullptr}), "");
  EXPECT_EQ(f.out, (Value{{"bytes", "6162"}}));
  Fixture old("ab", 8);
  EXPECT_EQ(old.run(tobytes, {1}), "TypeError: argument 1 must be str or None, not int");
  EXPECT_EQ(old.run(tobytes, {str("C"), 1}),
            "TypeError: function takes at most 1 argument (2 given)");
  EXPECT_EQ(old.run(tolist, {1}), "TypeError: tolist() takes no arguments (1 given)");
}

TEST(PyApi, IndexingErrors) {
  Fixture f("abcde");
  EXPECT_EQ(f.run(getitem, {big("18446744073709551616")}),
            "IndexError: cannot fit 'int' into an index-sized integer");
  EXPECT_EQ(f.run(getitem, {-6}), "IndexError: index out of bounds on dimension 1");
  EXPECT_EQ(f.run(getitem, {Value{{"index", -1}}}), "");
  EXPECT_EQ(f.out, 101);
  EXPECT_EQ(f.run(getitem, {Value{{"slice", {1.0, nullptr, 0}}}}),
            "ValueError: slice step cannot be zero");
  EXPECT_EQ(f.run(getitem, {Value{{"tuple", Value::array()}}}),
            "NotImplementedError: sub-views are not implemented");
  EXPECT_EQ(f.run(getitem, {Value{{"tuple", {0, 0}}}}),
            "TypeError: cannot index 1-dimension view with 2-element tuple");
  EXPECT_EQ(f.run(getitem, {Value{{"ellipsis", true}}}),
            "TypeError: memoryview: invalid slice key");
  EXPECT_EQ(f.run(getitem, {Value{{"slice", {nullptr, nullptr, -2}}}}), "");
  ASSERT_NE(f.made, nullptr);
  EXPECT_EQ(f.made->view().shape[0], 3);
  EXPECT_EQ(f.made->view().strides[0], -2);
  EXPECT_EQ(f.made->view().len, 3);
  EXPECT_EQ(f.mv->mbuf()->exports(), 2);
}

TEST(PyApi, PackingRules) {
  char item[8] = {};
  mvconf_error err{};
  EXPECT_TRUE(pack('P', -1, item, &err));
  EXPECT_EQ(unpack('P', item), big("18446744073709551615"));
  EXPECT_FALSE(pack('P', big("18446744073709551616"), item, &err));
  EXPECT_EQ(std::string(err.message), "memoryview: invalid value for format 'P'");
  EXPECT_FALSE(pack('P', Value{{"index", 5}}, item, &err));
  EXPECT_EQ(std::string(err.type), "TypeError");
  EXPECT_FALSE(pack('c', Value{{"bytearray", "41"}}, item, &err));
  EXPECT_EQ(std::string(err.type), "TypeError");
  EXPECT_FALSE(pack('c', Value{{"bytes", "4142"}}, item, &err));
  EXPECT_EQ(std::string(err.type), "ValueError");
  EXPECT_TRUE(pack('f', 1e300, item, &err));
  EXPECT_EQ(unpack('f', item), (Value{{"float", "inf"}}));
  const std::string huge = "1" + std::string(400, '0');  // 10**400: int too large for float
  EXPECT_FALSE(pack('f', big(huge.c_str()), item, &err));
  EXPECT_EQ(std::string(err.message), "memoryview: invalid value for format 'f'");
  EXPECT_TRUE(pack('d', Value{{"float_like", 2.5}}, item, &err));
  EXPECT_FALSE(pack('b', Value{{"float_like", 1.0}}, item, &err));
  EXPECT_EQ(std::string(err.message), "memoryview: invalid type for format 'b'");
  EXPECT_TRUE(pack('?', Value{{"index", 0}}, item, &err));
  EXPECT_EQ(unpack('?', item), true);
  EXPECT_TRUE(pack('e', 65504.0, item, &err));
  EXPECT_EQ(unpack('e', item), 65504.0);
  EXPECT_FALSE(pack('e', 65520.0, item, &err));
  EXPECT_EQ(item_char("@ii", faithful_rules(), &err), '\0');
  EXPECT_EQ(std::string(err.message), "memoryview: unsupported format @ii");
  // A single unsupported char is refused lazily, item by item (CPython lists an empty 'e' view).
  EXPECT_EQ(item_char("e", rules_for(11), &err), 'e');
  EXPECT_FALSE(item_supported('e', rules_for(11), &err));
  EXPECT_EQ(std::string(err.message), "memoryview: format e not supported");
  EXPECT_EQ(item_char("@e", rules_for(12), &err), 'e');
}

TEST(PyApi, AssignmentOrderAndOverlap) {
  Fixture f("abcdef");
  EXPECT_EQ(f.run(setitem, {Value{{"slice", {1, 6, nullptr}}}, Value{{"view", 0}}}),
            "SystemError: mvconf impl: py_call: no such view argument");
  EXPECT_EQ(f.run(setitem, {Value{{"slice", {nullptr, nullptr, 0}}}, Value::array()}),
            "TypeError: a bytes-like object is required, not 'list'");
  EXPECT_EQ(f.run(setitem, {Value{{"slice", {0, 2, nullptr}}}, Value{{"bytes", "78"}}}),
            "ValueError: memoryview assignment: lvalue and rvalue have different structures");
  EXPECT_EQ(f.run(setitem, {10, str("x")}), "IndexError: index out of bounds on dimension 1");
  EXPECT_EQ(f.run(delitem, {0}), "TypeError: cannot delete memory");
  // m[1:6] = m[0:5] through a second view of the same memory.
  EXPECT_EQ(f.run(getitem, {Value{{"slice", {0, 5, nullptr}}}}), "");
  std::unique_ptr<MemoryView> src = std::move(f.made);
  mvconf_view *views[] = {to_handle(src.get())};
  Call call{f.rules, f.mv.get(), views, 1, &f.err};
  ASSERT_TRUE(setitem(call, {Value{{"slice", {1, 6, nullptr}}}, Value{{"view", 0}}}, &f.out));
  EXPECT_EQ(f.data, "aabcde");
  Fixture ro("ab", 11, false);
  EXPECT_EQ(ro.run(delitem, {0}), "TypeError: cannot modify read-only memory");
}

TEST(PyApi, LengthAndAttributes) {
  Fixture f("ab", 12);
  EXPECT_EQ(f.run(len, {}), "");
  EXPECT_EQ(f.out, 2);
  EXPECT_EQ(f.run(getattr, {str("shape")}), "");
  EXPECT_EQ(f.out, (Value{{"tuple", {2}}}));
  EXPECT_EQ(f.run(getattr, {str("obj")}), "");
  EXPECT_TRUE(f.out.is_null());
  EXPECT_EQ(f.run(getattr, {str("foo")}),
            "AttributeError: 'memoryview' object has no attribute 'foo'");
  EXPECT_EQ(f.run(release, {}), "");
  EXPECT_EQ(f.run(getattr, {str("nbytes")}),
            "ValueError: operation forbidden on released memoryview object");
  EXPECT_EQ(f.run(tobytes, {1}),
            "TypeError: tobytes() argument 'order' must be str or None, not int");
  EXPECT_EQ(f.run(hex, {str("ab")}),
            "ValueError: operation forbidden on released memoryview object");
}

}  // namespace
}  // namespace mvconf::impl::py
