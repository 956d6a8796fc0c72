// The memory map on hand-made case lines and reports: items land on the bytes their strides
// give, in logical order; differing bytes are marked; a chain's last view is modelled; bad or
// absurd input draws less, never crashes.
#include "mvconf/harness/memory_map.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace {

using mvconf::harness::map_views;
using mvconf::harness::memory_map_svg;
using nlohmann::json;

std::string case_line(const json &layout, const std::string &op = "to_contiguous",
                      const json &args = json::object()) {
  return json{{"op", op}, {"layout", layout}, {"args", args}}.dump();
}

// The SVG title of byte b lists the items on it: "byte 4, item 0".
bool byte_holds(const std::string &svg, int byte, int item) {
  return svg.find("<title>byte " + std::to_string(byte) + ", item " + std::to_string(item) + "<") !=
             std::string::npos ||
         svg.find("<title>byte " + std::to_string(byte) + ", item " + std::to_string(item) + ",") !=
             std::string::npos;
}

TEST(MemoryMap, NegativeStrideItemsAreNumberedInLogicalOrder) {
  const json layout = {{"format", "H"},   {"itemsize", 2}, {"ndim", 1},  {"shape", {3}},
                       {"strides", {-2}}, {"offset", 4},   {"memlen", 6}};
  const std::string svg = memory_map_svg(case_line(layout), "");
  ASSERT_FALSE(svg.empty());
  EXPECT_TRUE(byte_holds(svg, 4, 0) && byte_holds(svg, 5, 0));
  EXPECT_TRUE(byte_holds(svg, 2, 1) && byte_holds(svg, 0, 2));
  EXPECT_FALSE(byte_holds(svg, 0, 0));
}

TEST(MemoryMap, BytesWhereTheSidesMemoryDiffersAreMarked) {
  const json layout = {{"format", "B"},  {"itemsize", 1}, {"ndim", 1},  {"shape", {4}},
                       {"strides", {1}}, {"offset", 0},   {"memlen", 4}};
  const std::string report =
      "expected (cpython): {\"memory_after\":\"00010203\"}\ngot (impl): "
      "{\"memory_after\":\"00ff0203\"}\ndifferences (JSON patch from expected to got): "
      "[{\"op\":\"replace\",\"path\":\"/memory_after\",\"value\":\"00ff0203\"}]\n";
  const auto views = map_views(case_line(layout), report);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].differ, std::vector<std::ptrdiff_t>{1});
  EXPECT_EQ(views[0].bytes_hex, "00010203");
  EXPECT_NE(memory_map_svg(views).find("the two sides' memory differs here"), std::string::npos);
  EXPECT_EQ(mvconf::harness::differing_paths(report), std::vector<std::string>{"/memory_after"});
}

TEST(MemoryMap, ChainsEndAtTheModelledView) {
  const json layout = {{"format", "B"},  {"itemsize", 1}, {"ndim", 1},  {"shape", {8}},
                       {"strides", {1}}, {"offset", 0},   {"memlen", 8}};
  const json args = {{"chain",
                      {{{"method", "cast"}, {"args", {{{"str", "H"}}}}},
                       {{"method", "getitem"}, {"args", {{{"slice", {nullptr, nullptr, -1}}}}}}}},
                     {"calls", json::array()}};
  const auto views = map_views(case_line(layout, "py_chain", args), "");
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[1].itemsize, 2);
  EXPECT_EQ(views[1].offset, 6);
  EXPECT_EQ(views[1].strides, std::vector<std::ptrdiff_t>{-2});
  EXPECT_TRUE(byte_holds(memory_map_svg(views), 6, 0));
}

TEST(MemoryMap, ExporterGrantsAreDrawnFromTheReport) {
  const std::string c = R"({"exporter":"x","layout":{"shape":[2]}})";
  const std::string report =
      "  shape NULL under PyBUF_ND:\n    PyBUF_ND granted {\"itemsize\":4,\"len\":8,\"shape\":null,"
      "\"strides\":null,\"ndim\":1}\n";
  const auto views = map_views(c, report);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].title.rfind("PyBUF_ND grant", 0), 0u);
  EXPECT_EQ(views[0].shape, std::vector<std::ptrdiff_t>{2});
  EXPECT_EQ(views[0].memlen, 8);
}

TEST(MemoryMap, AFactoryThatRaisedShowsTheLayoutItWasAskedFor) {
  // A 2x3 'h' array in Fortran order, rows reversed, columns from 1 with step 2: Python's
  // slicing gives shape [2, 1], strides [-2, 8] and the view starts at row 1 of column 1.
  const std::string c = R"({"exporter":"x","layout":{"format":"h","shape":[2,3],"order":"F",)"
                        R"("slices":[[null,null,-1],[1,9,2]],"readonly":false,"seed":0}})";
  const auto views = map_views(c, "  the factory raised:\n    ValueError: no\n");
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].itemsize, 2);
  EXPECT_EQ(views[0].memlen, 12);
  EXPECT_EQ(views[0].shape, (std::vector<std::ptrdiff_t>{2, 1}));
  EXPECT_EQ(views[0].strides, (std::vector<std::ptrdiff_t>{-2, 8}));
  EXPECT_EQ(views[0].offset, 2 + 4);
  // An out-of-range start gives an empty extent, as range(1)[3:-5:2] is empty.
  const auto empty = map_views(
      R"({"exporter":"x","layout":{"format":"B","shape":[1],"order":"C","slices":[[3,-5,2]]}})",
      "");
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].shape, std::vector<std::ptrdiff_t>{0});
}

TEST(MemoryMap, BadOrAbsurdInputDrawsLessNeverCrashes) {
  EXPECT_EQ(memory_map_svg("not json", ""), "");
  EXPECT_EQ(memory_map_svg(R"({"op":"x"})", ""), "");
  EXPECT_EQ(memory_map_svg(case_line({{"ndim", 2}, {"shape", {1}}}), ""), "");
  const json huge = {{"format", "B"},         {"itemsize", 1},  {"ndim", 1},
                     {"shape", {1000000000}}, {"strides", {1}}, {"offset", 0},
                     {"memlen", 1000000000}};
  const std::string svg = memory_map_svg(case_line(huge), "expected (x): [[[");
  EXPECT_NE(svg.find("more bytes not drawn"), std::string::npos);
  EXPECT_LT(svg.size(), 400000u);
  const json pil = {{"format", "B"},     {"itemsize", 1}, {"ndim", 2},   {"shape", {2, 2}},
                    {"strides", {8, 1}}, {"offset", 0},   {"memlen", 2}, {"pil", true}};
  EXPECT_TRUE(byte_holds(memory_map_svg(case_line(pil), ""), 2, 2));  // sub-block 1, item (1,0)
}

}  // namespace
