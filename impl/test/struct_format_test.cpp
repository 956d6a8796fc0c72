// PyBuffer_SizeFromFormat: struct.calcsize of native and standard formats. The expected sizes
// were computed with CPython 3.11's struct.calcsize on x86-64 Linux.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "port_helpers.h"

namespace mvconf::impl::test {
namespace {

ptrdiff_t calcsize(const char *format, mvconf_error *err) {
  return P()->size_from_format(P()->ctx, format, err);
}

TEST(StructFormat, SizesMatchStructCalcsize) {
  const std::pair<const char *, ptrdiff_t> cases[] = {
      {"", 0},
      {"x", 1},
      {"3s", 3},
      {"=e", 2},
      {"c0i", 4},
      {"ci", 8},
      {"<ci", 5},
      {"bhilq", 24},
      {"llh0l", 24},
      {" 3i", 12},
      {"i i", 8},
      {"@", 0},
      {"bq", 16},
      {"b?e", 4},
      {"bf", 8},
      {"bd", 16},
      {"bP", 16},
      {"bn", 16},
      {"BN", 16},
      {"Bl", 16},
      {"<l", 4},
      {"!bhilq", 19},
      {">qQ", 16},
      {"2x3i", 16},
      {"hx", 3},
      {"5p", 5},
      {"0s", 0},
      {"xh\t3f", 16},
      {"10s2d", 32},
      {"=bhilq", 19},
      {"1152921504606846975q", 9223372036854775800},
  };
  for (const auto &[format, size] : cases) {
    mvconf_error err{};
    EXPECT_EQ(calcsize(format, &err), size) << '"' << format << "\" " << error_text(err);
  }
}

TEST(StructFormat, StructErrors) {
  const std::pair<const char *, const char *> cases[] = {
      {"Z", "bad char in struct format"},
      {"T{i}", "bad char in struct format"},
      {"<n", "bad char in struct format"},
      {"=P", "bad char in struct format"},
      {"3 i", "bad char in struct format"},
      {"i@", "bad char in struct format"},
      {"3", "repeat count given without format specifier"},
      {"i3", "repeat count given without format specifier"},
      {"99999999999999999999i", "total struct size too long"},
      {"4611686018427387904i", "total struct size too long"},
      {"9223372036854775807sx", "total struct size too long"},
      {"b1152921504606846975q", "total struct size too long"},
  };
  for (const auto &[format, message] : cases) {
    mvconf_error err{};
    EXPECT_EQ(calcsize(format, &err), -1) << format;
    EXPECT_EQ(error_text(err), std::string("struct.error: ") + message) << format;
  }
}

TEST(StructFormat, UnicodeErrorsComeFirst) {
  mvconf_error err{};
  EXPECT_EQ(calcsize("Z\xc3\xa9", &err), -1);
  EXPECT_EQ(error_text(err),
            "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 1: "
            "ordinal not in range(128)");
  EXPECT_EQ(calcsize("i\xc3\xa9\xc3\xa9", &err), -1);
  EXPECT_EQ(error_text(err),
            "UnicodeEncodeError: 'ascii' codec can't encode characters in position 1-2: "
            "ordinal not in range(128)");
  EXPECT_EQ(calcsize("\xc3\xa9\xff", &err), -1);
  EXPECT_EQ(error_text(err),
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 2: invalid "
            "start byte");
  EXPECT_EQ(calcsize("\xe2\x82i", &err), -1);
  EXPECT_EQ(error_text(err),
            "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: invalid "
            "continuation byte");
  EXPECT_EQ(calcsize("i\xe9", &err), -1);
  EXPECT_EQ(error_text(err),
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 1: unexpected "
            "end of data");
}

TEST(StructFormat, AbsentInCPython38) {
  const mvconf_port *p38 = port_for("3.8");
  ASSERT_NE(p38, nullptr);
  mvconf_error err{};
  EXPECT_EQ(p38->size_from_format(p38->ctx, "i", &err), -1);
  EXPECT_EQ(error_text(err),
            "SystemError: mvconf impl: PyBuffer_SizeFromFormat does not exist in CPython 3.8");
  auto has = [](const mvconf_port *p, const std::string &feature) {
    for (const char *const *f = p->features; *f != nullptr; ++f)
      if (feature == *f) return true;
    return false;
  };
  EXPECT_FALSE(has(p38, "size_from_format"));
  EXPECT_TRUE(has(p38, "reexport"));
  EXPECT_TRUE(has(port_for("3.9"), "size_from_format"));
  EXPECT_TRUE(has(P(), "copy_data"));
  EXPECT_EQ(P()->slot_count, static_cast<uint32_t>(MVCONF_PORT_SLOTS_1_2));
}

}  // namespace
}  // namespace mvconf::impl::test
