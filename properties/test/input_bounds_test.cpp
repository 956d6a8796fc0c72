// Hostile input to the harness (issue 10, items 1 and 2): case lines and expectations files
// nested too deep, numbers that do not fit, layouts whose arithmetic overflows. Each is a
// clear error naming its source, never a crash, and nothing refused reaches a port.
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "../src/port_table_check.h"
#include "case_line_error.h"
#include "mvconf/harness/bounded_json.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/expectations.h"
#include "mvconf/harness/features.h"

namespace mvconf::harness {
namespace {

const char *kLayout =
    R"("layout":{"format":"B","itemsize":1,"ndim":1,"shape":[4],"strides":[1],"offset":0,)"
    R"("memlen":4})";

std::string line(const std::string &op, const std::string &args,
                 const std::string &layout = kLayout) {
  return R"({"op":")" + op + R"(",)" + layout + R"(,"args":)" + args + "}";
}

TEST(InputBounds, ParseBoundedRefusesDepthAndSize) {
  EXPECT_EQ(json_depth(parse_bounded("[[1],{\"a\":[]}]", 3, 100, "x")), 3);
  try {
    parse_bounded(std::string(100000, '[') + std::string(100000, ']'), 200, 1 << 20, "answer");
    FAIL() << "no error";
  } catch (const BoundedJsonError &e) {
    EXPECT_EQ(std::string(e.what()), "answer: JSON nested deeper than 200 levels");
  }
  EXPECT_THROW(parse_bounded("[1, 2]", 200, 3, "answer"), BoundedJsonError);
  EXPECT_THROW(parse_bounded("[1,", 200, 100, "answer"), BoundedJsonError);
  EXPECT_NO_THROW(parse_bounded(std::string(200, '[') + std::string(200, ']'), 200, 1000, "a"));
  EXPECT_THROW(parse_bounded(std::string(201, '[') + std::string(201, ']'), 200, 1000, "a"),
               BoundedJsonError);
}

TEST(InputBounds, OverlongLinesAreSkippedNotKept) {
  std::istringstream in("short\n" + std::string(100000, 'x') + "\n\nlast");
  std::string line;
  EXPECT_EQ(read_bounded_line(in, line, 1000), LineRead::kLine);
  EXPECT_EQ(line, "short");
  EXPECT_EQ(read_bounded_line(in, line, 1000), LineRead::kTooLong);
  EXPECT_EQ(line, "");
  EXPECT_EQ(read_bounded_line(in, line, 1000), LineRead::kLine);
  EXPECT_EQ(line, "");
  EXPECT_EQ(read_bounded_line(in, line, 1000), LineRead::kLine);
  EXPECT_EQ(line, "last");
  EXPECT_EQ(read_bounded_line(in, line, 1000), LineRead::kEnd);
  std::istringstream exact(std::string(1000, 'y') + "\n");
  EXPECT_EQ(read_bounded_line(exact, line, 1000), LineRead::kLine);
  EXPECT_EQ(line.size(), 1000u);
  EXPECT_EQ(read_bounded_line(exact, line, 1000), LineRead::kEnd);
}

TEST(InputBounds, DeeplyNestedCaseLineIsAnError) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(error_of(line("py", R"({"calls":[{"method":"getitem","args":[)" + deep + "]}]}")),
            "not a case: case line: JSON nested deeper than 200 levels");
  EXPECT_EQ(error_of(deep), "not a case: case line: JSON nested deeper than 200 levels");
}

TEST(InputBounds, NumbersMustFitTheirType) {
  EXPECT_EQ(error_of(line("is_contiguous", R"({"order":67})")), "");
  const std::string ndim =
      R"("layout":{"format":"B","itemsize":1,"ndim":4294967297,"shape":[4],"strides":[1]})";
  EXPECT_EQ(error_of(line("is_contiguous", "{}", ndim)),
            "not a case: layout.ndim: must be a 32-bit signed integer");
  const std::string itemsize =
      R"("layout":{"format":"B","itemsize":1.5,"ndim":1,"shape":[4],"strides":[1]})";
  EXPECT_EQ(error_of(line("is_contiguous", "{}", itemsize)),
            "not a case: layout.itemsize: must be a 64-bit signed integer");
  const std::string shape = R"("layout":{"format":"B","itemsize":1,"ndim":1,)"
                            R"("shape":[18446744073709551615],"strides":[1]})";
  EXPECT_EQ(error_of(line("is_contiguous", "{}", shape)),
            "not a case: layout.shape: must hold 64-bit signed integers only");
  EXPECT_EQ(error_of(line("is_contiguous", R"({"order":323})")),
            "not a case: args.order: must be a byte value (an integer in -128..255)");
  EXPECT_EQ(error_of(line("reexport", R"({"exports":4294967297})")),
            "not a case: args.exports: must be a 32-bit signed integer");
}

TEST(InputBounds, OverflowingLayoutsAreInvalid) {
  // offset + span would wrap past INT64_MAX into the memory.
  const std::string near_max = R"("layout":{"format":"B","itemsize":1,"ndim":1,"shape":[4],)"
                               R"("strides":[1],"offset":9223372036854775807,"memlen":4})";
  EXPECT_EQ(error_of(line("is_contiguous", "{}", near_max)),
            "invalid case: offset must be in 0..memlen");
  const std::string min_stride = R"("layout":{"format":"B","itemsize":1,"ndim":1,"shape":[4],)"
                                 R"("strides":[-9223372036854775808],"memlen":4})";
  EXPECT_EQ(error_of(line("is_contiguous", "{}", min_stride)),
            "invalid case: a stride is larger than 2**24");
  const std::string zero_and_huge = R"("layout":{"format":"B","itemsize":1,"ndim":3,)"
                                    R"("shape":[0,4294967296,4294967296],"strides":[1,1,1]})";
  EXPECT_EQ(error_of(line("fill_contiguous_strides", "{}", zero_and_huge)),
            "invalid case: more than 2**20 items");
  EXPECT_EQ(error_of(line("from_contiguous", R"({"data_len":-1})")),
            "invalid case: data_len must be in 0..2**28");
  EXPECT_EQ(error_of(line("reexport", R"({"exports":20000000})")),
            "invalid case: exports must be in 0..64");
  EXPECT_EQ(error_of(line("reexport", R"({"exports":-1})")),
            "invalid case: exports must be in 0..64");
  EXPECT_EQ(error_of(line("get_pointer", R"({"indices":[4611686018427387904]})")),
            "invalid case: an index is beyond 2**20");
  const std::string pil = R"("layout":{"format":"B","itemsize":1,"ndim":2,"shape":[1048576,1],)"
                          R"("strides":[8,1],"memlen":268435456,"pil":true})";
  EXPECT_EQ(error_of(line("is_contiguous", "{}", pil)),
            "invalid case: PIL memory (memlen * shape[0]) exceeds 2**28 bytes");
}

TEST(InputBounds, DeepExpectationsFileNamesTheFile) {
  const std::string path = ::testing::TempDir() + "mvconf-deep-expectations.json";
  std::ofstream(path) << R"({"expectations": )" << std::string(100000, '[')
                      << std::string(100000, ']') << "}";
  try {
    load_expectations(path);
    FAIL() << "no error";
  } catch (const std::runtime_error &e) {
    EXPECT_EQ(std::string(e.what()), path + ": JSON nested deeper than 200 levels");
  }
  std::remove(path.c_str());
}

// Each feature of port.h's MVCONF_FEATURES has the slots it promises written down, so a
// shared-library port declaring it is checked for them (not waved through as "newer ABI").
TEST(InputBounds, EveryFeatureHasItsSlots) {
  for (const char *f : kFeatures) EXPECT_NE(feature_slot_list(f), nullptr) << f;
  EXPECT_EQ(feature_slot_list("no_such_feature"), nullptr);
  ASSERT_NE(feature_slot_list("copy_data"), nullptr);
  EXPECT_FALSE(feature_slot_list("copy_data")->empty());
}

}  // namespace
}  // namespace mvconf::harness
