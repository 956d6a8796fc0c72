#include "mvconf/harness/generators.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <utility>
#include <vector>

#include "mvconf/harness/shrinking.h"
#include "mvconf/port.h"

namespace mvconf::harness::gen {
namespace {

using fixtures::Layout;

struct Format {
  const char *format;
  int itemsize;
};

// Native single-char formats with their x86-64 sizes, then formats a port must carry
// verbatim without understanding them.
const std::vector<Format> &native_formats() {
  static const std::vector<Format> f = {{"B", 1}, {"b", 1}, {"c", 1}, {"?", 1}, {"h", 2}, {"H", 2},
                                        {"e", 2}, {"i", 4}, {"I", 4}, {"f", 4}, {"l", 8}, {"L", 8},
                                        {"q", 8}, {"Q", 8}, {"n", 8}, {"N", 8}, {"d", 8}, {"P", 8}};
  return f;
}
const std::vector<Format> &odd_formats() {
  static const std::vector<Format> f = {
      {"@i", 4}, {"<i", 4}, {"ii", 8}, {"3s", 3}, {"T{<q:x:<d:y:}", 16}, {"=B", 1}};
  return f;
}

rc::Gen<std::pair<std::optional<std::string>, std::ptrdiff_t>> format(bool allow_null) {
  using P = std::pair<std::optional<std::string>, std::ptrdiff_t>;
  return weighted_one_of<P>({
      {10, rc::gen::map(element_of(native_formats()),
                        [](Format f) { return P(std::string(f.format), f.itemsize); })},
      {2, rc::gen::map(rc::gen::inRange<std::ptrdiff_t>(1, 17),
                       [](std::ptrdiff_t n) { return P(std::to_string(n) + "s", n); })},
      {1, rc::gen::map(element_of(odd_formats()),
                       [](Format f) { return P(std::string(f.format), f.itemsize); })},
      {allow_null ? 1u : 0u, rc::gen::map(rc::gen::inRange<std::ptrdiff_t>(1, 17),
                                          [](std::ptrdiff_t n) { return P(std::nullopt, n); })},
  });
}

// The number of dimensions. Only the length of the dimension list is drawn from it (shrinking
// removes dimensions), so the order of the alternatives does not matter here.
rc::Gen<int> ndim(bool huge) {
  return weighted_one_of<int>({
      {2, rc::gen::just(0)},
      {6, rc::gen::just(1)},
      {5, rc::gen::just(2)},
      {3, rc::gen::just(3)},
      {2, rc::gen::inRange(4, 7)},
      {1, rc::gen::inRange(7, 64)},
      {1, rc::gen::just(64)},
      {huge ? 1u : 0u, rc::gen::inRange(65, 71)},
  });
}

rc::Gen<std::ptrdiff_t> extent(int ndim) {
  // Many dimensions stay small in total: extent 1 dominates past six dimensions.
  // Listed simplest first: shrinking moves toward earlier elements.
  if (ndim > 6) return weighted_element<std::ptrdiff_t>({{24, 1}, {2, 2}, {1, 3}, {1, 0}});
  return weighted_element<std::ptrdiff_t>({{3, 1}, {4, 2}, {3, 3}, {2, 0}, {1, 4}, {1, 5}, {1, 7}});
}

constexpr std::ptrdiff_t kMaxSpan = 1 << 16;
constexpr std::ptrdiff_t kMaxItems = 1 << 12;

enum class Style { C, F, Strided, Negative, Multiples, Zero, Bytes };

// What one dimension contributes, drawn together so that removing a dimension removes its
// extent and stride choice with it and leaves the other dimensions as they were.
struct Dim {
  std::ptrdiff_t extent = 1;
  // One uniform pick serves every style (162 is a multiple of 2, 3, 9 and 81, so each reading
  // below is uniform), so a dimension has one stride choice to shrink, not one per style.
  // Its simplest value, 0, reads as the plain stride in each.
  int choice = 0;
  std::ptrdiff_t gap() const { return 1 + choice % 3; }  // Strided: growth factor, 1..3
  bool negate() const { return choice % 2; }             // Negative: negate this stride
  bool zero() const { return choice % 2; }               // Zero: this stride is 0
  // Multiples: -4..4 (1, an itemsize, first); Bytes: -40..40 (0, 1, -1, 2, ...).
  std::ptrdiff_t multiple() const {
    static const std::ptrdiff_t m[] = {1, 0, 2, -1, 3, -2, 4, -3, -4};
    return m[choice % 9];
  }
  std::ptrdiff_t bytes() const {
    const int k = choice % 81;
    return k % 2 ? (k + 1) / 2 : -k / 2;
  }
};

rc::Gen<Dim> dim(int ndim) {
  // Built once per kind (a generator is a pure function of its random; only drawing costs).
  static const auto build = [](int n) {
    return rc::gen::build<Dim>(rc::gen::set(&Dim::extent, extent(n)),
                               rc::gen::set(&Dim::choice, rc::gen::inRange(0, 162)));
  };
  static const rc::Gen<Dim> few = build(1), many = build(7);
  return ndim > 6 ? many : few;
}

std::vector<std::ptrdiff_t> strides_for(Style style, bool c_order, const std::vector<Dim> &dims,
                                        const std::vector<std::ptrdiff_t> &shape,
                                        std::ptrdiff_t isz) {
  const std::size_t n = shape.size();
  std::vector<std::ptrdiff_t> s(n);
  switch (style) {
    case Style::C:
      return fixtures::c_strides(shape, isz);
    case Style::F:
      return fixtures::f_strides(shape, isz);
    case Style::Strided: {
      std::ptrdiff_t step = isz;
      // Gaps only where they show (extent > 1), so 64 dimensions cannot overflow the strides.
      for (std::size_t i = n; i-- > 0;) {
        if (shape[i] > 1) step *= dims[i].gap();
        s[i] = step;
        step *= shape[i] > 0 ? shape[i] : 1;
      }
      return s;
    }
    case Style::Negative:
      s = c_order ? fixtures::c_strides(shape, isz) : fixtures::f_strides(shape, isz);
      for (std::size_t i = 0; i < n; ++i)
        if (dims[i].negate()) s[i] = -s[i];
      return s;
    case Style::Multiples:
      for (std::size_t i = 0; i < n; ++i) s[i] = isz * dims[i].multiple();
      return s;
    case Style::Zero:
      s = fixtures::c_strides(shape, isz);
      for (std::size_t i = 0; i < n; ++i)
        if (dims[i].zero()) s[i] = 0;
      return s;
    case Style::Bytes:
      for (std::size_t i = 0; i < n; ++i) s[i] = dims[i].bytes();
      return s;
  }
  return {};
}

// Every choice a layout is made of, each drawn independently and shrinking on its own (a
// gen::exec would redraw all later choices whenever an earlier one shrinks); make_layout turns
// them into a valid layout. Members are listed in the order they are shrunk.
struct Genes {
  // First: fewer dimensions matter more than a simpler stride style (a 2x2 Fortran layout is
  // not simpler than a 1-D strided one).
  std::vector<Dim> dims;
  Style style = Style::C;
  std::pair<std::optional<std::string>, std::ptrdiff_t> format;
  int suboffsets = 0;  // 0: none, 1: ND_PIL, 2: all -1
  std::ptrdiff_t pil_stride = 8;
  bool hide_strides = false;
  bool hide_shape = false;
  bool odd_len = false;
  std::uint32_t len_seed = 0;
  bool c_order = true;                             // Negative: negate C strides, or Fortran ones
  std::pair<std::ptrdiff_t, std::ptrdiff_t> lead;  // (kind, k): none, k items, or k bytes
  std::ptrdiff_t slack = 0;
  bool readonly = false;
  unsigned fill = 0;
};

Layout make_layout(const Genes &g, const LayoutOptions &opt) {
  Layout l;
  l.format = g.format.first;
  l.itemsize = g.format.second;
  l.ndim = int(g.dims.size());
  for (const auto &d : g.dims) l.shape.push_back(d.extent);
  // Keep views small enough to compare byte for byte, and C strides small even when a zero
  // extent empties the view: trim the largest extents to 1 until the product of the nonzero
  // extents is small.
  auto nonzero_items = [&l] {
    std::ptrdiff_t n = 1;
    for (auto e : l.shape) n *= e > 0 ? e : 1;
    return n;
  };
  while (nonzero_items() > kMaxItems) *std::max_element(l.shape.begin(), l.shape.end()) = 1;
  l.strides = strides_for(g.style, g.c_order, g.dims, l.shape, l.itemsize);
  // Memory stays small: a layout whose items would span more than kMaxSpan bytes falls back
  // to C strides (never reached by small layouts, so shrinking is unaffected).
  if (g.style != Style::C) {
    auto [lo, hi] = fixtures::address_span(l.shape, l.strides, l.itemsize);
    const bool huge_stride = std::any_of(l.strides.begin(), l.strides.end(), [](std::ptrdiff_t s) {
      return s > kMaxSpan || s < -kMaxSpan;
    });
    if (hi - lo > kMaxSpan || huge_stride) l.strides = fixtures::c_strides(l.shape, l.itemsize);
  }
  const int suboffsets = opt.pil && l.ndim >= 1 && l.ndim <= 64 ? g.suboffsets : 0;
  if (suboffsets == 1) {
    // ND_PIL: dimension 0 walks a table of aligned pointers.
    l.pil = true;
    l.strides[0] = g.pil_stride;
  }
  l.negative_suboffsets = suboffsets == 2;  // present but all -1: still PIL (spec §2.3)
  l.readonly = g.readonly;
  l.fill = g.fill;
  // Spare memory before and after the items: buf then sits at an offset into the block
  // (ndarray's `offset`), usually a multiple of itemsize, sometimes not.
  fixtures::fit_memory(l, g.slack, g.lead.first == 1 ? g.lead.second * l.itemsize : g.lead.second);
  // NULL strides are how an exporter says "C-contiguous", so only C layouts may hide them;
  // NULL shape is only defined for ndim <= 1, and then strides must be NULL too.
  if (opt.hidden_fields && !opt.need_strides && suboffsets == 0 && g.style == Style::C &&
      l.ndim >= 1 && g.hide_strides) {
    l.present_strides = false;
    if (l.ndim == 1) l.present_shape = !g.hide_shape;
  }
  // A reported len other than product(shape) * itemsize, never larger than the items' bytes
  // (so a rebuilt 1-D shape stays inside the memory): 0, or not a multiple of itemsize.
  if (opt.odd_len && g.odd_len) l.len = std::ptrdiff_t(g.len_seed % (l.items() * l.itemsize + 1));
  return l;
}

}  // namespace

namespace {

rc::Gen<Layout> make_layout_gen(LayoutOptions opt) {
  const std::ptrdiff_t p = sizeof(void *);
  using Lead = std::pair<std::ptrdiff_t, std::ptrdiff_t>;
  const auto dims =
      sequence<Dim>(ndim(opt.huge_ndim), [](int n, const std::vector<Dim> &) { return dim(n); });
  const auto style = weighted_element<Style>({{6, Style::C},
                                              {3, Style::F},
                                              {2, Style::Strided},
                                              {2, Style::Negative},
                                              {2, Style::Multiples},
                                              {1, Style::Zero},
                                              {1, Style::Bytes}});
  // The lead: none, k items, or k bytes.
  const auto lead =
      weighted_one_of<Lead>({{4, rc::gen::just(Lead(0, 0))},
                             {2, rc::gen::map(rc::gen::inRange<std::ptrdiff_t>(1, 4),
                                              [](std::ptrdiff_t k) { return Lead(1, k); })},
                             {1, rc::gen::map(rc::gen::inRange<std::ptrdiff_t>(1, 8),
                                              [](std::ptrdiff_t k) { return Lead(2, k); })}});
  const auto genes = rc::gen::build<Genes>(
      rc::gen::set(&Genes::dims, dims), rc::gen::set(&Genes::style, style),
      rc::gen::set(&Genes::format, format(opt.hidden_fields)),
      rc::gen::set(&Genes::suboffsets, weighted_element<int>({{12, 0}, {2, 1}, {1, 2}})),
      rc::gen::set(&Genes::pil_stride, element(p, -p, 2 * p, -2 * p)),
      rc::gen::set(&Genes::hide_strides, weighted_element<bool>({{5, false}, {1, true}})),
      rc::gen::set(&Genes::hide_shape, rc::gen::arbitrary<bool>()),
      rc::gen::set(&Genes::odd_len, weighted_element<bool>({{7, false}, {1, true}})),
      rc::gen::set(&Genes::len_seed, rc::gen::inRange<std::uint32_t>(0, 1u << 30)),
      rc::gen::set(&Genes::c_order, element(true, false)), rc::gen::set(&Genes::lead, lead),
      rc::gen::set(&Genes::slack, weighted_element<std::ptrdiff_t>({{4, 0}, {1, 1}, {1, 5}})),
      rc::gen::set(&Genes::readonly, rc::gen::arbitrary<bool>()),
      rc::gen::set(&Genes::fill, rc::gen::inRange(0u, 256u)));
  return rc::gen::map(genes, [opt](const Genes &g) { return make_layout(g, opt); });
}

}  // namespace

rc::Gen<Layout> layout(LayoutOptions opt) {
  // Properties ask for their generator on every case; building it cost as much as drawing
  // from it. A generator is a pure function of its random and size, so one per options serves
  // every case with the same draws.
  static std::map<int, rc::Gen<Layout>> built;
  const int key = opt.pil | opt.hidden_fields << 1 | opt.need_strides << 2 | opt.huge_ndim << 3 |
                  opt.odd_len << 4;
  auto it = built.find(key);
  if (it == built.end()) it = built.emplace(key, make_layout_gen(opt)).first;
  return it->second;
}

rc::Gen<int> order() {
  static const rc::Gen<int> g = weighted_one_of<int>({
      {4, rc::gen::just(int{'C'})},
      {4, rc::gen::just(int{'F'})},
      {4, rc::gen::just(int{'A'})},
      {2, element(int{'X'}, int{'c'}, int{'f'}, int{'a'}, 0)},
      {1, rc::gen::inRange(-128, 128)},
  });
  return g;
}

rc::Gen<int> copy_order(const Layout &layout) {
  static const rc::Gen<int> zero_d = element(int{'C'}, int{'F'}, int{'A'});
  if (layout.ndim == 0) return zero_d;
  return order();
}

namespace {

// One item of a struct format: mostly a code with an optional repeat count; sometimes a char
// the struct module rejects (PEP 3118 extensions included), whitespace (allowed between items)
// or a size that cannot fit.
rc::Gen<std::string> struct_item() {
  const auto code = rc::gen::map(
      rc::gen::tuple(weighted_element<bool>({{3, false}, {1, true}}), rc::gen::inRange(0, 20),
                     element_of(std::string("Bxcb?hHiIlLqQnNefdspP"))),
      [](const std::tuple<bool, int, char> &t) {
        return (std::get<0>(t) ? std::to_string(std::get<1>(t)) : std::string()) + std::get<2>(t);
      });
  return weighted_one_of<std::string>({
      {10, code},
      {1, rc::gen::map(element_of(std::string("ZTgw{}:&u0")),
                       [](char c) { return std::string(1, c); })},
      {1, rc::gen::just(std::string(" "))},
      {1, rc::gen::just(std::string("9223372036854775807q"))},
  });
}

rc::Gen<std::string> make_struct_format() {
  // The items as a list, so that shrinking removes the ones a divergence does not need.
  const auto items =
      sequence<std::string>(rc::gen::inRange(0, 6), [](int, const std::vector<std::string> &) {
        static const rc::Gen<std::string> item = struct_item();
        return item;
      });
  return rc::gen::map(rc::gen::tuple(weighted_element<bool>({{1, false}, {1, true}}),
                                     element_of(std::string("@=<>!")), items,
                                     weighted_element<bool>({{12, false}, {1, true}})),
                      [](const std::tuple<bool, char, std::vector<std::string>, bool> &t) {
                        std::string f =
                            std::get<0>(t) ? std::string(1, std::get<1>(t)) : std::string();
                        for (const auto &item : std::get<2>(t)) f += item;
                        if (std::get<3>(t)) f += "3";  // dangling count
                        return f;
                      });
}

}  // namespace

rc::Gen<std::string> struct_format() {
  static const rc::Gen<std::string> g = make_struct_format();
  return g;
}

rc::Gen<int> buffertype() {
  static const rc::Gen<int> g = weighted_one_of<int>({
      {4, rc::gen::just(MVCONF_BUF_READ)},
      {4, rc::gen::just(MVCONF_BUF_WRITE)},
      {2, element(0, 1, MVCONF_BUF_READ | MVCONF_BUF_WRITE, MVCONF_BUF_FULL_RO)},
      {1, rc::gen::inRange(-4, 1024)},
  });
  return g;
}

rc::Gen<int> request_flags() {
  static const std::vector<int> named = {
      MVCONF_BUF_SIMPLE,       MVCONF_BUF_WRITABLE,       MVCONF_BUF_FORMAT,
      MVCONF_BUF_ND,           MVCONF_BUF_STRIDES,        MVCONF_BUF_C_CONTIGUOUS,
      MVCONF_BUF_F_CONTIGUOUS, MVCONF_BUF_ANY_CONTIGUOUS, MVCONF_BUF_INDIRECT,
      MVCONF_BUF_CONTIG,       MVCONF_BUF_CONTIG_RO,      MVCONF_BUF_STRIDED,
      MVCONF_BUF_STRIDED_RO,   MVCONF_BUF_RECORDS,        MVCONF_BUF_RECORDS_RO,
      MVCONF_BUF_FULL,         MVCONF_BUF_FULL_RO,        MVCONF_BUF_READ,
      MVCONF_BUF_WRITE};
  static const rc::Gen<int> g = weighted_one_of<int>({
      {3, element_of(named)},
      {2, rc::gen::inRange(0, 0x400)},  // every combination of the PyBUF_* bits (0x1..0x200)
  });
  return g;
}

std::string classify(const Layout &l) {
  if (l.ndim > 64) return "ndim>64";
  if (l.ndim == 0) return "0-d";
  if (l.pil) return "PIL";
  if (l.negative_suboffsets) return "suboffsets -1";
  if (l.items() == 0) return "zero-extent";
  std::string tag;
  if (!l.present_strides) tag = "strides-NULL ";
  bool c = true, f = true, negative = false, zero = false;
  std::ptrdiff_t ec = l.itemsize, ef = l.itemsize;
  for (int i = l.ndim - 1; i >= 0; --i) {
    if (l.shape[i] > 1 && l.strides[i] != ec) c = false;
    ec *= l.shape[i];
  }
  for (int i = 0; i < l.ndim; ++i) {
    if (l.shape[i] > 1 && l.strides[i] != ef) f = false;
    ef *= l.shape[i];
    if (l.shape[i] > 1 && l.strides[i] < 0) negative = true;
    if (l.shape[i] > 1 && l.strides[i] == 0) zero = true;
  }
  if (c && f) return tag + "C+F";
  if (c) return tag + "C";
  if (f) return tag + "F";
  if (negative) return tag + "negative";
  if (zero) return tag + "zero-stride";
  return tag + "strided";
}

}  // namespace mvconf::harness::gen

namespace mvconf::fixtures {
void showValue(const Layout &layout, std::ostream &os) { os << nlohmann::json(layout).dump(); }
}  // namespace mvconf::fixtures
