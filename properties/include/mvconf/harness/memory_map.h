// A picture of a failing layout: the exporter's memory as a row of bytes, the items a view
// reaches numbered in logical order, and the bytes where the two sides' answers differ.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace mvconf::harness {

/// What one memory map draws: a block of bytes and the items one view reaches in it.
struct MapView {
  std::string title;                    ///< caption ("the exporter's view", "PyBUF_ND grant")
  std::ptrdiff_t memlen = 0;            ///< bytes of the block (PIL: of each sub-block)
  std::ptrdiff_t offset = 0;            ///< where buf points in the block (PIL: in a sub-block)
  std::ptrdiff_t itemsize = 1;          ///< bytes per item
  std::vector<std::ptrdiff_t> shape;    ///< extents
  std::vector<std::ptrdiff_t> strides;  ///< byte strides
  bool pil = false;                     ///< dimension 0 goes through a pointer table
  std::string bytes_hex;                ///< the block's bytes, when known (shown in the cells)
  std::vector<std::ptrdiff_t> differ;   ///< byte offsets where the two sides' memory differs
};

/// The views a case line and its failure report let us draw (none when the case has no
/// layout): a C-API case's exporter layout, a Python-level chain's last view, or an exporter's
/// grants as the report shows them. Never throws on malformed input; it draws less.
std::vector<MapView> map_views(const std::string &case_line, const std::string &report);
/// The JSON paths where the report's expected and got outcomes differ ("/result/3", ...).
std::vector<std::string> differing_paths(const std::string &report);
/// One inline SVG (no external references) drawing `views`, or "" when there is none.
std::string memory_map_svg(const std::vector<MapView> &views);
/// The picture of a case and its report: map_views() drawn by memory_map_svg().
std::string memory_map_svg(const std::string &case_line, const std::string &report);

}  // namespace mvconf::harness
