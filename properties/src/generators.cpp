#include "mvconf/harness/generators.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <utility>
#include <vector>

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
  return rc::gen::weightedOneOf<P>({
      {10, rc::gen::map(rc::gen::elementOf(native_formats()),
                        [](Format f) { return P(std::string(f.format), f.itemsize); })},
      {2, rc::gen::map(rc::gen::inRange<std::ptrdiff_t>(1, 17),
                       [](std::ptrdiff_t n) { return P(std::to_string(n) + "s", n); })},
      {1, rc::gen::map(rc::gen::elementOf(odd_formats()),
                       [](Format f) { return P(std::string(f.format), f.itemsize); })},
      {allow_null ? 1u : 0u, rc::gen::map(rc::gen::inRange<std::ptrdiff_t>(1, 17),
                                          [](std::ptrdiff_t n) { return P(std::nullopt, n); })},
  });
}

rc::Gen<int> ndim(bool huge) {
  return rc::gen::weightedOneOf<int>({
      {6, rc::gen::just(1)},
      {5, rc::gen::just(2)},
      {3, rc::gen::just(3)},
      {2, rc::gen::just(0)},
      {2, rc::gen::inRange(4, 7)},
      {1, rc::gen::inRange(7, 64)},
      {1, rc::gen::just(64)},
      {huge ? 1u : 0u, rc::gen::inRange(65, 71)},
  });
}

rc::Gen<std::ptrdiff_t> extent(int ndim) {
  // Many dimensions stay small in total: extent 1 dominates past six dimensions.
  // Listed simplest first: shrinking moves toward earlier elements.
  if (ndim > 6) return rc::gen::weightedElement<std::ptrdiff_t>({{24, 1}, {1, 0}, {2, 2}, {1, 3}});
  return rc::gen::weightedElement<std::ptrdiff_t>(
      {{3, 1}, {2, 0}, {4, 2}, {3, 3}, {1, 4}, {1, 5}, {1, 7}});
}

constexpr std::ptrdiff_t kMaxSpan = 1 << 16;
constexpr std::ptrdiff_t kMaxItems = 1 << 12;

enum class Style { C, F, Strided, Negative, Multiples, Zero, Bytes };

std::vector<std::ptrdiff_t> strides_for(Style style, const std::vector<std::ptrdiff_t> &shape,
                                        std::ptrdiff_t isz) {
  const std::size_t n = shape.size();
  switch (style) {
    case Style::C:
      return fixtures::c_strides(shape, isz);
    case Style::F:
      return fixtures::f_strides(shape, isz);
    case Style::Strided: {
      std::vector<std::ptrdiff_t> s(n);
      std::ptrdiff_t step = isz;
      // Gaps only where they show (extent > 1), so 64 dimensions cannot overflow the strides.
      for (std::size_t i = n; i-- > 0;) {
        if (shape[i] > 1) step *= *rc::gen::inRange<std::ptrdiff_t>(1, 4);
        s[i] = step;
        step *= shape[i] > 0 ? shape[i] : 1;
      }
      return s;
    }
    case Style::Negative: {
      auto s = *rc::gen::element(true, false) ? fixtures::c_strides(shape, isz)
                                              : fixtures::f_strides(shape, isz);
      for (auto &v : s)
        if (*rc::gen::element(true, false)) v = -v;
      return s;
    }
    case Style::Multiples: {
      std::vector<std::ptrdiff_t> s(n);
      for (auto &v : s) v = isz * *rc::gen::inRange<std::ptrdiff_t>(-4, 5);
      return s;
    }
    case Style::Zero: {
      auto s = fixtures::c_strides(shape, isz);
      for (auto &v : s)
        if (*rc::gen::element(true, false)) v = 0;
      return s;
    }
    case Style::Bytes: {
      std::vector<std::ptrdiff_t> s(n);
      for (auto &v : s) v = *rc::gen::inRange<std::ptrdiff_t>(-40, 41);
      return s;
    }
  }
  return {};
}

}  // namespace

rc::Gen<Layout> layout(LayoutOptions opt) {
  return rc::gen::exec([opt] {
    Layout l;
    auto [fmt, isz] = *format(opt.hidden_fields);
    l.format = fmt;
    l.itemsize = isz;
    l.ndim = *ndim(opt.huge_ndim);
    for (int i = 0; i < l.ndim; ++i) l.shape.push_back(*extent(l.ndim));
    // Keep views small enough to compare byte for byte, and C strides small even when a zero
    // extent empties the view: trim the largest extents to 1 until the product of the nonzero
    // extents is small.
    auto nonzero_items = [&l] {
      std::ptrdiff_t n = 1;
      for (auto e : l.shape) n *= e > 0 ? e : 1;
      return n;
    };
    while (nonzero_items() > kMaxItems) *std::max_element(l.shape.begin(), l.shape.end()) = 1;
    const Style style = *rc::gen::weightedElement<Style>({{6, Style::C},
                                                          {3, Style::F},
                                                          {2, Style::Strided},
                                                          {2, Style::Negative},
                                                          {2, Style::Multiples},
                                                          {1, Style::Zero},
                                                          {1, Style::Bytes}});
    l.strides = strides_for(style, l.shape, l.itemsize);
    // Memory stays small: a layout whose items would span more than kMaxSpan bytes falls back
    // to C strides (never reached by small layouts, so shrinking is unaffected).
    if (style != Style::C) {
      auto [lo, hi] = fixtures::address_span(l.shape, l.strides, l.itemsize);
      const bool huge_stride =
          std::any_of(l.strides.begin(), l.strides.end(),
                      [](std::ptrdiff_t s) { return s > kMaxSpan || s < -kMaxSpan; });
      if (hi - lo > kMaxSpan || huge_stride) l.strides = fixtures::c_strides(l.shape, l.itemsize);
    }
    const int suboffsets = opt.pil && l.ndim >= 1 && l.ndim <= 64
                               ? *rc::gen::weightedElement<int>({{12, 0}, {2, 1}, {1, 2}})
                               : 0;
    if (suboffsets == 1) {
      // ND_PIL: dimension 0 walks a table of aligned pointers.
      l.pil = true;
      const std::ptrdiff_t p = sizeof(void *);
      l.strides[0] = *rc::gen::element(p, -p, 2 * p, -2 * p);
    }
    l.negative_suboffsets = suboffsets == 2;  // present but all -1: still PIL (spec §2.3)
    l.readonly = *rc::gen::arbitrary<bool>();
    l.fill = *rc::gen::inRange(0u, 256u);
    // Spare memory before and after the items: buf then sits at an offset into the block
    // (ndarray's `offset`), usually a multiple of itemsize, sometimes not.
    const std::ptrdiff_t lead = *rc::gen::weightedOneOf<std::ptrdiff_t>(
        {{4, rc::gen::just<std::ptrdiff_t>(0)},
         {2, rc::gen::map(rc::gen::inRange<std::ptrdiff_t>(1, 4),
                          [isz = l.itemsize](std::ptrdiff_t k) { return k * isz; })},
         {1, rc::gen::inRange<std::ptrdiff_t>(1, 8)}});
    fixtures::fit_memory(l, *rc::gen::weightedElement<std::ptrdiff_t>({{4, 0}, {1, 1}, {1, 5}}),
                         lead);
    // NULL strides are how an exporter says "C-contiguous", so only C layouts may hide them;
    // NULL shape is only defined for ndim <= 1, and then strides must be NULL too.
    if (opt.hidden_fields && !opt.need_strides && suboffsets == 0 && style == Style::C &&
        l.ndim >= 1 && *rc::gen::weightedElement<bool>({{5, false}, {1, true}})) {
      l.present_strides = false;
      if (l.ndim == 1) l.present_shape = !*rc::gen::arbitrary<bool>();
    }
    // A reported len other than product(shape) * itemsize, never larger than the items' bytes
    // (so a rebuilt 1-D shape stays inside the memory): 0, or not a multiple of itemsize.
    if (opt.odd_len && *rc::gen::weightedElement<bool>({{7, false}, {1, true}}))
      l.len = *rc::gen::inRange<std::ptrdiff_t>(0, l.items() * l.itemsize + 1);
    return l;
  });
}

rc::Gen<int> order() {
  return rc::gen::weightedOneOf<int>({
      {4, rc::gen::just(int{'C'})},
      {4, rc::gen::just(int{'F'})},
      {4, rc::gen::just(int{'A'})},
      {2, rc::gen::element(int{'X'}, int{'c'}, int{'f'}, int{'a'}, 0)},
      {1, rc::gen::inRange(-128, 128)},
  });
}

rc::Gen<int> copy_order(const Layout &layout) {
  if (layout.ndim == 0) return rc::gen::element(int{'C'}, int{'F'}, int{'A'});
  return order();
}

rc::Gen<std::string> struct_format() {
  return rc::gen::exec([] {
    std::string f;
    if (*rc::gen::weightedElement<bool>({{1, false}, {1, true}}))
      f += *rc::gen::elementOf(std::string("@=<>!"));
    const int items = *rc::gen::inRange(0, 6);
    for (int i = 0; i < items; ++i) {
      const int kind = *rc::gen::weightedElement<int>({{10, 0}, {1, 1}, {1, 2}, {1, 3}});
      if (kind == 1) {  // a char the struct module rejects (PEP 3118 extensions included)
        f += *rc::gen::elementOf(std::string("ZTgw{}:&u0"));
        continue;
      }
      if (kind == 2) {  // whitespace is allowed between items
        f += ' ';
        continue;
      }
      if (kind == 3) {  // a size that cannot fit
        f += "9223372036854775807q";
        continue;
      }
      if (*rc::gen::weightedElement<bool>({{3, false}, {1, true}}))
        f += std::to_string(*rc::gen::inRange(0, 20));
      f += *rc::gen::elementOf(std::string("xcbB?hHiIlLqQnNefdspP"));
    }
    if (*rc::gen::weightedElement<bool>({{12, false}, {1, true}})) f += "3";  // dangling count
    return f;
  });
}

rc::Gen<int> buffertype() {
  return rc::gen::weightedOneOf<int>({
      {4, rc::gen::just(MVCONF_BUF_READ)},
      {4, rc::gen::just(MVCONF_BUF_WRITE)},
      {2, rc::gen::element(0, 1, MVCONF_BUF_READ | MVCONF_BUF_WRITE, MVCONF_BUF_FULL_RO)},
      {1, rc::gen::inRange(-4, 1024)},
  });
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
  return rc::gen::weightedOneOf<int>({
      {3, rc::gen::elementOf(named)},
      {2, rc::gen::inRange(0, 0x400)},  // every combination of the PyBUF_* bits (0x1..0x200)
  });
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
