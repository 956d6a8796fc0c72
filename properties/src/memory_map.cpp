// Memory maps are drawn from what a class record already holds (its case line and report), so
// a saved JSON result can be pictured years later without a port or an oracle.
#include "mvconf/harness/memory_map.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mvconf/harness/divergence.h"
#include "mvconf/harness/py_chain_model.h"
#include "mvconf/harness/struct_layout.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

constexpr std::ptrdiff_t kMaxBytes = 512;  // drawn per view; the rest is counted, not drawn
constexpr std::ptrdiff_t kMaxItems = 1024;
constexpr int kPerRow = 32, kCell = 22, kRowGap = 16;

json parse(const std::string &text) { return json::parse(text, nullptr, false); }

// The JSON that follows `marker` on the report's line starting with `prefix` (the first one).
json json_after(const std::string &report, const std::string &prefix, const std::string &marker) {
  std::istringstream in(report);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) != 0) continue;
    const auto at = line.find(marker);
    if (at == std::string::npos) continue;
    const json j = parse(line.substr(at + marker.size()));
    if (!j.is_discarded()) return j;
  }
  return json();
}

std::vector<std::ptrdiff_t> ints(const json &j) {
  std::vector<std::ptrdiff_t> out;
  if (!j.is_array()) return out;
  for (const auto &e : j)
    if (e.is_number_integer()) out.push_back(e.get<std::ptrdiff_t>());
  return out;
}

std::vector<std::ptrdiff_t> hex_differences(const std::string &a, const std::string &b) {
  std::vector<std::ptrdiff_t> out;
  const std::size_t n = std::max(a.size(), b.size()) / 2;
  // One side may have fewer bytes or none (a port that failed answers no memory_after): the
  // bytes only one side has differ too.
  const auto pair = [](const std::string &s, std::size_t i) {
    return 2 * i < s.size() ? s.substr(2 * i, 2) : std::string();
  };
  for (std::size_t i = 0; i < n; ++i)
    if (pair(a, i) != pair(b, i)) out.push_back(std::ptrdiff_t(i));
  return out;
}

// A C-API or Python-level case: its layout is the exporter's memory, drawn with the view the
// case works on (for a chain, the view its last accepted step makes).
void case_views(const json &c, const std::string &report, std::vector<MapView> &out) {
  fixtures::Layout layout;
  try {
    layout = c.at("layout").get<fixtures::Layout>();
  } catch (const std::exception &) {
    return;
  }
  if (layout.ndim < 0 || layout.shape.size() != std::size_t(layout.ndim) ||
      layout.strides.size() != layout.shape.size() || layout.itemsize < 1 || layout.memlen < 0)
    return;
  const json want = json_after(report, "expected (", "): ");
  const json got = json_after(report, "got (", "): ");
  MapView v;
  v.title = "the exporter's memory and its view";
  v.memlen = layout.memlen;
  v.offset = layout.offset;
  v.itemsize = layout.itemsize;
  v.shape = layout.shape;
  v.strides = layout.strides;
  v.pil = layout.pil;
  if (want.is_object() && want.value("memory_after", json()).is_string())
    v.bytes_hex = want["memory_after"].get<std::string>();
  if (v.bytes_hex.size() && got.is_object() && got.value("memory_after", json()).is_string())
    v.differ = hex_differences(v.bytes_hex, got["memory_after"].get<std::string>());
  out.push_back(v);
  if (c.value("op", "") != "py_chain") return;
  const json chain = c.value("args", json::object()).value("chain", json::array());
  if (!chain.is_array() || chain.empty() || layout.pil) return;
  fixtures::Layout view = layout;
  std::string steps;
  try {
    for (const auto &step : chain) {
      if (!chain_model::model_step(view, step)) break;
      steps += (steps.empty() ? "" : ", ") + step.value("method", std::string("?"));
    }
  } catch (const std::exception &) {  // a malformed step: draw what came before it
  }
  if (steps.empty()) return;
  MapView last = v;
  last.title = "after " + steps;
  last.offset = view.offset;
  last.itemsize = view.itemsize;
  last.shape = view.shape;
  last.strides = view.strides;
  out.push_back(last);
}

// An exporter class: its report shows grants as JSON (shape, strides, itemsize; no address),
// so each is drawn relative to its own lowest item, starting with the one that shows the class.
void grant_views(const std::string &report, std::vector<MapView> &out) {
  std::istringstream in(report);
  for (std::string line; std::getline(in, line) && out.size() < 2;) {
    auto at = line.find(" granted {");
    std::string title;
    if (at != std::string::npos) {
      title = line.substr(line.find_first_not_of(' '), at - line.find_first_not_of(' '));
      at += 9;
    } else if ((at = line.find("(the PyBUF_FULL_RO grant was {")) != std::string::npos) {
      title = "PyBUF_FULL_RO";
      at += 29;
      if (line.back() == ')') line.pop_back();
    } else {
      continue;
    }
    const json g = parse(line.substr(at));
    if (!g.is_object()) continue;
    MapView v;
    v.title = title + " grant (bytes relative to its lowest item)";
    v.itemsize = g.value("itemsize", json(1)).is_number_integer() ? g.value("itemsize", 1L) : 1;
    if (v.itemsize < 1) continue;
    v.shape = ints(g.value("shape", json()));
    v.strides = ints(g.value("strides", json()));
    const long len = g.value("len", json(0)).is_number_integer() ? g.value("len", 0L) : 0;
    if (g.value("shape", json()).is_null()) v.shape = {len / v.itemsize};
    if (g.value("strides", json()).is_null()) v.strides = fixtures::c_strides(v.shape, v.itemsize);
    if (v.shape.size() != v.strides.size()) continue;
    const auto [lo, hi] = fixtures::address_span(v.shape, v.strides, v.itemsize);
    if (hi - lo > (1 << 20)) continue;
    v.offset = -lo;
    v.memlen = hi - lo;
    out.push_back(v);
  }
}

// An exporter class without grants (the factory raised): the layout the factory was asked for,
// a base array of `shape` in `order` with Python's slicing applied.
void requested_view(const json &layout, std::vector<MapView> &out) {
  if (!layout.is_object() || !layout.value("format", json()).is_string()) return;
  const auto format = struct_layout(layout["format"].get<std::string>());
  if (!format || format->size < 1) return;
  MapView v;
  v.title = "the layout the factory was asked for (sliced as Python slices)";
  v.itemsize = format->size;
  v.shape = ints(layout.value("shape", json()));
  v.memlen = v.itemsize;
  for (auto e : v.shape) {
    if (e < 0 || e > (1 << 20)) return;
    v.memlen *= e;
    if (v.memlen > (1 << 20)) return;
  }
  v.strides = layout.value("order", json("C")) == "F" ? fixtures::f_strides(v.shape, v.itemsize)
                                                      : fixtures::c_strides(v.shape, v.itemsize);
  const json slices = layout.value("slices", json());
  for (std::size_t d = 0; slices.is_array() && d < slices.size() && d < v.shape.size(); ++d) {
    if (!slices[d].is_array()) return;
    std::ptrdiff_t start = 0, by = 1;
    const std::ptrdiff_t n = chain_model::slice_indices(slices[d], v.shape[d], start, by);
    if (n < 0) return;
    if (n > 0) v.offset += start * v.strides[d];
    v.shape[d] = n;
    v.strides[d] *= by;
  }
  if (std::find(v.shape.begin(), v.shape.end(), 0) != v.shape.end()) v.offset = 0;
  out.push_back(v);
}

// The items in logical (row-major) order: each item's byte offset in the drawn block.
std::vector<std::ptrdiff_t> item_addresses(const MapView &v) {
  std::vector<std::ptrdiff_t> out;
  std::ptrdiff_t n = 1;
  for (auto e : v.shape) n = e < 0 ? 0 : n * e;
  std::vector<std::ptrdiff_t> idx(v.shape.size(), 0);
  for (std::ptrdiff_t k = 0; k < std::min(n, kMaxItems); ++k) {
    std::ptrdiff_t at = v.offset;
    for (std::size_t d = 0; d < idx.size(); ++d)
      at += (v.pil && d == 0) ? idx[d] * v.memlen : idx[d] * v.strides[d];
    out.push_back(at);
    for (std::size_t d = idx.size(); d-- > 0;) {
      if (++idx[d] < v.shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

// One view: a caption, a row of pointer-table entries for PIL layouts, then the block's bytes
// in rows of kPerRow, each item's bytes shaded and its number on its first byte.
int draw(const MapView &v, int y, std::string &svg) {
  const std::ptrdiff_t blocks =
      v.pil && !v.shape.empty() ? std::max<std::ptrdiff_t>(v.shape[0], 0) : 1;
  const std::ptrdiff_t total = std::max<std::ptrdiff_t>(v.memlen * blocks, 0);
  const std::ptrdiff_t shown = std::min(total, kMaxBytes);
  const auto items = item_addresses(v);
  std::vector<std::vector<std::ptrdiff_t>> owners(static_cast<std::size_t>(shown));
  std::ptrdiff_t outside = 0;
  for (std::size_t k = 0; k < items.size(); ++k) {
    bool in = items[k] >= 0 && items[k] + v.itemsize <= total;
    outside += !in;
    for (std::ptrdiff_t b = 0; b < v.itemsize; ++b)
      if (items[k] + b >= 0 && items[k] + b < shown) owners[std::size_t(items[k] + b)].push_back(k);
  }
  std::ostringstream s;
  std::string caption = v.title + ": " + std::to_string(total) + " bytes, itemsize " +
                        std::to_string(v.itemsize) + ", shape [";
  for (std::size_t d = 0; d < v.shape.size(); ++d)
    caption += (d ? "," : "") + std::to_string(v.shape[d]);
  caption += "], strides [";
  for (std::size_t d = 0; d < v.strides.size(); ++d)
    caption += (d ? "," : "") + std::to_string(v.strides[d]);
  caption += "], buf at byte " + std::to_string(v.offset);
  if (v.pil) caption += " of each sub-block (dimension 0 through a pointer table)";
  s << "<text x=\"0\" y=\"" << y + 12 << "\" class=\"cap\">" << xml_escape(caption) << "</text>\n";
  y += 18;
  if (v.pil) {
    for (std::ptrdiff_t i = 0; i < std::min<std::ptrdiff_t>(blocks, kPerRow / 2); ++i)
      s << "<g class=\"ptr\"><rect x=\"" << i * 2 * kCell << "\" y=\"" << y << "\" width=\""
        << 2 * kCell - 2 << "\" height=\"" << kCell - 4 << "\"/><text x=\"" << i * 2 * kCell + 4
        << "\" y=\"" << y + 13 << "\">p" << i << "&#8594;" << i * v.memlen << "</text></g>\n";
    y += kCell;
  }
  const std::ptrdiff_t differ_shown =
      std::count_if(v.differ.begin(), v.differ.end(), [&](std::ptrdiff_t b) { return b < shown; });
  for (std::ptrdiff_t b = 0; b < shown; ++b) {
    const int x = int(b % kPerRow) * kCell, row = y + int(b / kPerRow) * (kCell + kRowGap);
    const auto &who = owners[std::size_t(b)];
    const bool diff = std::binary_search(v.differ.begin(), v.differ.end(), b);
    std::string cls = who.empty() ? "byte" : (who[0] % 2 ? "item odd" : "item");
    if (who.size() > 1) cls += " shared";
    if (diff) cls += " differ";
    s << "<g class=\"" << cls << "\"><title>byte " << b;
    for (auto k : who) s << ", item " << k;
    if (diff) s << ", the two sides' memory differs here";
    s << "</title><rect x=\"" << x << "\" y=\"" << row << "\" width=\"" << kCell - 2
      << "\" height=\"" << kCell - 2 << "\"/>";
    if (std::size_t(2 * b + 2) <= v.bytes_hex.size())
      s << "<text x=\"" << x + 3 << "\" y=\"" << row + 14 << "\" class=\"hex\">"
        << v.bytes_hex.substr(std::size_t(2 * b), 2) << "</text>";
    if (!who.empty() &&
        (b == 0 || std::find(owners[std::size_t(b - 1)].begin(), owners[std::size_t(b - 1)].end(),
                             who[0]) == owners[std::size_t(b - 1)].end()))
      s << "<text x=\"" << x + 2 << "\" y=\"" << row + kCell + 9 << "\" class=\"num\">" << who[0]
        << (who.size() > 1 ? "+" : "") << "</text>";
    if (b == v.offset)
      s << "<path class=\"buf\" d=\"M" << x + 10 << ' ' << row - 5 << " l-4 -5 h8 z\"/>";
    s << "</g>\n";
  }
  y += int((shown + kPerRow - 1) / kPerRow) * (kCell + kRowGap) + 4;
  std::string note;
  if (total > shown) note += std::to_string(total - shown) + " more bytes not drawn. ";
  if (std::ptrdiff_t(items.size()) < std::ptrdiff_t(kMaxItems) && outside)
    note += std::to_string(outside) + " item(s) outside the block. ";
  if (!v.differ.empty())
    note +=
        std::to_string(v.differ.size()) + " byte(s) differ between the two sides" +
        (differ_shown < std::ptrdiff_t(v.differ.size()) ? " (some beyond the drawing). " : ". ");
  if (items.empty()) note += "The view reaches no item. ";
  if (!note.empty()) {
    s << "<text x=\"0\" y=\"" << y + 10 << "\" class=\"cap\">" << xml_escape(note) << "</text>\n";
    y += 18;
  }
  svg += s.str();
  return y + 8;
}

}  // namespace

std::vector<MapView> map_views(const std::string &case_line, const std::string &report) {
  std::vector<MapView> out;
  const json c = parse(case_line);
  if (!c.is_object()) return out;
  if (c.contains("exporter")) {
    grant_views(report, out);
    if (out.empty()) requested_view(c.value("layout", json()), out);
  } else
    case_views(c, report, out);
  return out;
}

std::vector<std::string> differing_paths(const std::string &report) {
  std::vector<std::string> out;
  const json patch = json_after(report, "differences (", "): ");
  if (!patch.is_array()) return out;
  for (const auto &p : patch)
    if (p.is_object() && p.value("path", json()).is_string()) out.push_back(p["path"]);
  return out;
}

std::string memory_map_svg(const std::vector<MapView> &views) {
  if (views.empty()) return "";
  std::string body;
  int y = 0;
  for (const auto &v : views) y = draw(v, y, body);
  std::ostringstream s;
  // Wide enough for the longest caption (11px monospace is about 6.7px a character).
  std::size_t longest = 0;
  for (std::size_t at = body.find("class=\"cap\">"); at != std::string::npos;
       at = body.find("class=\"cap\">", at + 1))
    longest = std::max(longest, body.find("</text>", at) - at - 12);
  const int width = std::max(kPerRow * kCell + 40, int(longest * 67 / 10) + 10);
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"memmap\" viewBox=\"0 -12 " << width << ' '
    << y + 12 << "\" width=\"" << width << "\" role=\"img\" aria-label=\"memory map\">\n"
    << "<style>text{font:10px monospace;fill:#222}.cap{font-size:11px}"
       ".byte rect{fill:#f4f4f4;stroke:#ccc}.item rect{fill:#9ecae1;stroke:#3182bd}"
       ".item.odd rect{fill:#c7e9c0;stroke:#31a354}.shared rect{fill:#fdd0a2}"
       ".differ rect{stroke:#d7301f;stroke-width:3}.num{font-size:9px;fill:#08519c}"
       ".hex{fill:#555}.buf{fill:#d7301f}.ptr rect{fill:#eee;stroke:#888}</style>\n"
    << body << "</svg>\n";
  return s.str();
}

std::string memory_map_svg(const std::string &case_line, const std::string &report) {
  return memory_map_svg(map_views(case_line, report));
}

}  // namespace mvconf::harness
