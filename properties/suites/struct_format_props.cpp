// Struct-module formats where memoryview meets them: == and != (spec §5.10) between views
// whose formats are generated struct formats (several codes, byte-order prefixes, padding under
// '@', NaN and -0.0 values, formats struct rejects, itemsizes other than the format's size),
// and the structure check of slice assignment (§5.6), where one leading '@' does not count.
// Item sizes come from the harness's own struct model (struct_layout.h), never from the port.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"
#include "mvconf/harness/struct_layout.h"
#include "mvconf/oracle/oracle.h"

namespace {

using json = nlohmann::json;
using mvconf::fixtures::Layout;
using mvconf::harness::Case;
using mvconf::harness::native_item_size;
using mvconf::harness::struct_layout;
using mvconf::harness::StructLayout;
namespace gen = mvconf::harness::gen;

// Formats worth having by name: the issue's examples, zero counts, padding, strings, spaces.
const std::vector<std::string> kNamedFormats = {
    "<2hx?", ">id", "=q", "@bi", "3s", "0i", "?", "e",  "f",  "d",   "P",  "x0i",
    "0s",    "5p",  "0p", "i ",  " i", "@",  "",  "!e", "<d", ">d",  "=f", ">e",
    "bi",    "@hq", "ci", "2h",  "hh", "ii", "q", "<i", ">i", "@2s", "?q", "<3f"};
// Formats struct rejects: PEP 3118 extensions, codes without native mode, dangling counts.
const std::vector<std::string> kRejectedFormats = {"T{<q:x:}", "Z",    "<P",   "2",  "3 i", "=n",
                                                   "!N",       "g",    "<2hZ", "&i", "i{",  "@@i",
                                                   "i<",       "x:y:", "w",    "é",  "<iè"};

std::string generated_format() {
  std::string f = *gen::weighted_element<std::string>(
      {{4, ""}, {2, "@"}, {1, "<"}, {1, ">"}, {1, "="}, {1, "!"}});
  const bool native = f.empty() || f == "@";
  const int items = *rc::gen::inRange(1, 4);
  for (int i = 0; i < items; ++i) {
    const int count = *gen::weighted_element<int>({{6, -1}, {1, 0}, {2, 2}, {1, 3}});
    if (*gen::weighted_element<bool>({{9, false}, {1, true}})) f += ' ';  // between items
    if (count >= 0) f += std::to_string(count);
    f += *gen::element_of(std::string(native ? "xcbB?hHiIlLqQnNefdspP" : "xcbB?hHiIlLqQefdsp"));
  }
  return f;
}

rc::Gen<std::string> compare_format() {
  return gen::weighted_one_of<std::string>({
      {6, rc::gen::exec(generated_format)},
      {3, rc::gen::exec([] {  // the same-native-character path of ==
         return *gen::element<std::string>("", "@") +
                *gen::element_of(std::string("BbcHhiIlLqQnNfd?Pe"));
       })},
      {2, gen::element_of(kNamedFormats)},
      {1, gen::element_of(kRejectedFormats)},
  });
}

// A view of `format`: itemsize the struct size mostly, sometimes another (an exporter may say
// anything; CPython unpacks the first bytes of a larger item and raises struct.error for a
// smaller one), never smaller than a native character's C type (spec §9, validate.cpp).
Layout struct_view(const std::string &format) {
  Layout l;
  l.format = format;
  const auto parsed = struct_layout(format);
  const std::ptrdiff_t size = parsed ? parsed->size : 0;
  l.itemsize = size >= 1 ? size : *rc::gen::inRange<std::ptrdiff_t>(1, 9);
  if (*gen::weighted_element<bool>({{7, false}, {1, true}}))
    l.itemsize = std::max<std::ptrdiff_t>(1, size + *gen::element(1, 2, 5, -1, -2, -3));
  l.itemsize = std::max(l.itemsize, native_item_size(format));
  l.ndim = *gen::weighted_element<int>({{6, 1}, {2, 2}, {1, 0}});
  for (int d = 0; d < l.ndim; ++d)
    l.shape.push_back(*gen::weighted_element<std::ptrdiff_t>({{3, 2}, {2, 1}, {2, 3}, {1, 0}}));
  const int style = *gen::weighted_element<int>({{4, 0}, {1, 1}, {1, 2}, {1, 3}});
  l.strides = style == 1 ? mvconf::fixtures::f_strides(l.shape, l.itemsize)
                         : mvconf::fixtures::c_strides(l.shape, l.itemsize);
  for (auto &s : l.strides) {
    if (style == 2) s = -s;                                           // reversed
    if (style == 3) s += (s < 0 ? -1 : 1) * *rc::gen::inRange(0, 4);  // gaps, odd strides
  }
  l.readonly = *rc::gen::arbitrary<bool>();
  l.fill = *rc::gen::inRange(0u, 256u);
  mvconf::fixtures::fit_memory(l, *gen::element<std::ptrdiff_t>(0, 1, 5),
                               *gen::weighted_element<std::ptrdiff_t>({{3, 0}, {1, 3}}));
  return l;
}

// Another format over the same bytes: another byte order, counts spelled out or folded,
// same-size codes swapped ('i' -> 'I' -> 'f'), or the whole item as bytes or one integer.
std::string sibling_format(const std::string &f, std::ptrdiff_t itemsize) {
  const bool prefixed = !f.empty() && std::strchr("@=<>!", f[0]) != nullptr;
  const std::string prefix = prefixed ? f.substr(0, 1) : "", body = f.substr(prefixed ? 1 : 0);
  std::string out;
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      out = *gen::element<std::string>("", "@", "<", ">", "=", "!") + body;
      break;
    case 1:  // '2h' <-> 'hh'
      for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c >= '2' && c <= '4' && i + 1 < body.size() &&
            !std::strchr("sp0123456789", body[i + 1]))
          out += std::string(std::size_t(c - '1'), body[i + 1]);
        else if (i + 1 < body.size() && body[i + 1] == c &&
                 std::isalpha(static_cast<unsigned char>(c)) && c != 's' && c != 'p')
          out += "2" + std::string(1, c), ++i;
        else
          out += c;
      }
      out = prefix + out;
      break;
    case 2: {
      static const std::string from = "bBc?hHeiIflLqQdnNP", to = "BbbBHehIfiLlQdQNnN";
      for (char c : body) out += from.find(c) != std::string::npos ? to[from.find(c)] : c;
      out = prefix + out;
      break;
    }
    default: {
      const std::string n = std::to_string(itemsize);
      out = *gen::element(n + "s", n + "B", n + "c", n + "x", std::string("<q"), std::string(">q"),
                          std::string("d"), std::string("<i"), std::string("2i"), std::string("B"));
    }
  }
  return native_item_size(out) > itemsize ? f : out;
}

struct Special {
  const char *name;
  std::uint64_t half, single, dbl;
};
const std::vector<Special> kSpecials = {
    {"NaN", 0x7e00, 0x7fc00000, 0x7ff8000000000000},
    {"NaN", 0xfe01, 0xffc00001, 0xfff8000000000001},  // negative, another payload
    {"-0.0", 0x8000, 0x80000000, 0x8000000000000000},
    {"0.0", 0, 0, 0},
    {"inf", 0x7c00, 0x7f800000, 0x7ff0000000000000},
    {"1.0", 0x3c00, 0x3f800000, 0x3ff0000000000000}};

std::string encode(const Special &s, const mvconf::harness::StructField &f) {
  const std::uint64_t bits = f.size == 2 ? s.half : f.size == 4 ? s.single : s.dbl;
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (std::ptrdiff_t k = 0; k < f.size; ++k) {
    const auto byte = bits >> (8 * (f.little_endian ? k : f.size - 1 - k)) & 0xff;
    hex += digits[byte >> 4];
    hex += digits[byte & 15];
  }
  return hex;
}

// Byte offset of a random item of l in its data block.
std::ptrdiff_t random_item(const Layout &l) {
  std::ptrdiff_t at = l.offset;
  for (int d = 0; d < l.ndim; ++d)
    at += *rc::gen::inRange<std::ptrdiff_t>(0, l.shape[d]) * l.strides[d];
  return at;
}

// Patches that put float specials into float fields (exporter 0 and, when the other view
// shares the bytes, exporter 1, sometimes with another value: -0.0 there vs 0.0 here), or a
// constant byte over the whole block. Returns the specials written ("" for none).
std::string patch(const Layout &l, const std::optional<StructLayout> &parsed, bool shared,
                  json &patches) {
  const int kind = *gen::weighted_element<int>({{2, 0}, {4, 1}, {1, 2}});
  if (kind == 2) {
    const std::string hex = *gen::element<std::string>("00", "01", "7f", "ff");
    std::string all;
    for (std::ptrdiff_t k = 0; k < l.memlen; ++k) all += hex;
    for (int e = 0; e <= (shared ? 1 : 0); ++e)
      patches.push_back({{"exporter", e}, {"at", 0}, {"hex", all}});
    return "constant bytes";
  }
  std::vector<mvconf::harness::StructField> floats;
  if (parsed)
    for (const auto &f : parsed->fields)
      if (std::strchr("efd", f.code) && f.offset + f.size <= l.itemsize) floats.push_back(f);
  if (kind == 0 || floats.empty() || l.items() == 0) return "";
  std::string written;
  for (int n = *rc::gen::inRange(1, 3); n > 0; --n) {
    const auto f = *gen::element_of(floats);
    const std::ptrdiff_t at = random_item(l) + f.offset;
    const Special &s = *gen::element_of(kSpecials);
    patches.push_back({{"exporter", 0}, {"at", at}, {"hex", encode(s, f)}});
    if (shared) {
      const bool other = *gen::weighted_element<bool>({{2, false}, {1, true}});
      patches.push_back({{"exporter", 1},
                         {"at", at},
                         {"hex", encode(other ? *gen::element_of(kSpecials) : s, f)}});
    }
    if (written != "NaN") written = std::strcmp(s.name, "NaN") == 0 ? "NaN" : "specials";
  }
  return written;
}

// The first tag of a case: what kind of format it exercises, most specific first.
std::string format_kind(const Layout &l, const std::optional<StructLayout> &parsed,
                        const std::string &specials) {
  const std::string &f = *l.format;
  if (!parsed) return "unparseable format";
  if (l.itemsize != parsed->size) return "itemsize mismatch";
  if (specials == "NaN") return "NaN";
  if (!specials.empty()) return "float specials / constant bytes";
  if (parsed->padding > 0) return "padding";
  if (!f.empty() && std::strchr("=<>!", f[0])) return "byte-order prefix";
  if (parsed->fields.size() > 1) return "multi-code";
  return native_item_size(f) > 0 ? "native single code" : "other single code";
}

// CPython's answer to the first call: "equal", "unequal" or "raised".
std::string result_of(const json &want, const std::string &method) {
  const json calls = want.value("calls", json::array());
  if (calls.empty() || !calls[0].contains("result")) return "raised";
  return calls[0]["result"] == (method == "eq") ? "equal" : "unequal";
}

}  // namespace

MVCONF_PROP(PyCompare, StructFormatsCompareLikeCPython, "python_api") {
  const Layout layout = struct_view(*compare_format());
  const auto parsed = struct_layout(*layout.format);
  // The other operand: the view itself, a copy, another format over the same bytes, another
  // struct view, or a bytes object.
  const int partner = *gen::weighted_element<int>({{1, 0}, {3, 1}, {4, 2}, {2, 3}, {1, 4}});
  json others = json::array(), patches = json::array(), target = {{"view", 1}};
  if (partner == 0) target = {{"view", 0}};
  if (partner == 1) others.push_back(layout);
  if (partner == 2) {
    Layout other = layout;
    other.format = sibling_format(*layout.format, layout.itemsize);
    others.push_back(other);
  }
  if (partner == 3) {
    Layout other = struct_view(*compare_format());
    if (*rc::gen::arbitrary<bool>() && other.ndim == layout.ndim) {  // same shape: values count
      other.shape = layout.shape;
      other.strides = mvconf::fixtures::c_strides(other.shape, other.itemsize);
      mvconf::fixtures::fit_memory(other);
    }
    others.push_back(other);
  }
  if (partner == 4)
    target = {{"bytes", std::string(std::size_t(*rc::gen::inRange(0, 5)) * 2, '7')}};
  const std::string specials = patch(layout, parsed, partner == 1 || partner == 2, patches);
  const std::string method = *gen::element<std::string>("eq", "ne");
  json calls = json::array({{{"method", method}, {"args", json::array({target})}}});
  if (!others.empty() && *rc::gen::arbitrary<bool>())  // the reflected comparison
    calls.push_back({{"method", method}, {"args", json::array({json{{"view", 0}}})}, {"on", 1}});
  if (*gen::weighted_element<bool>({{3, false}, {1, true}}))  // unsupported-format messages
    calls.push_back(*gen::element(json{{"method", "tolist"}, {"args", json::array()}},
                                  json{{"method", "getitem"}, {"args", json::array({0})}}));
  json args = {{"calls", calls}};
  if (!others.empty()) args["others"] = others;
  if (!patches.empty()) args["patches"] = patches;
  mvconf::harness::Outcome want;
  mvconf::harness::check_case(Case{"py", layout, args}, &want);
  RC_TAG(format_kind(layout, parsed, specials), result_of(want, method));
}

namespace {

// len(range(n)[start:stop:step]): Python's slice.indices, for the source's length.
std::ptrdiff_t slice_length(std::ptrdiff_t n, const json &start, const json &stop,
                            const json &step) {
  const std::ptrdiff_t st = step.is_null() ? 1 : step.get<std::ptrdiff_t>();
  const std::ptrdiff_t lower = st > 0 ? 0 : -1, upper = st > 0 ? n : n - 1;
  const auto clamp = [&](const json &v, std::ptrdiff_t dflt) {
    if (v.is_null()) return dflt;
    std::ptrdiff_t i = v.get<std::ptrdiff_t>();
    if (i < 0) i += n;
    return std::min(std::max(i, lower), upper);
  };
  const std::ptrdiff_t a = clamp(start, st > 0 ? lower : upper),
                       b = clamp(stop, st > 0 ? upper : lower);
  if (st > 0) return a < b ? (b - a + st - 1) / st : 0;
  return b < a ? (a - b - st - 1) / -st : 0;
}

json slice_bound() {
  return *gen::weighted_one_of<json>(
      {{1, rc::gen::just(json())},
       {3, rc::gen::map(rc::gen::inRange(-7, 8), [](int v) { return json(v); })}});
}

}  // namespace

// m[a:b:c] = other: formats equal after one leading '@' is stripped from each ('B' <- '@B'
// works, 'B' <- 'b', '<B', '=B' do not), itemsizes equal, shapes equal.
MVCONF_PROP(PyAssignment, SliceFromOtherFormatsMatchesCPython, "python_api") {
  const std::string code(1, *gen::element_of(std::string("BbcHhiIqd?")));
  const bool dest_at = *rc::gen::arbitrary<bool>();
  Layout dest;
  dest.format = (dest_at ? "@" : "") + code;
  dest.itemsize = native_item_size(code);
  dest.ndim = *gen::weighted_element<int>({{8, 1}, {1, 2}, {1, 0}});
  for (int d = 0; d < dest.ndim; ++d) dest.shape.push_back(*rc::gen::inRange<std::ptrdiff_t>(0, 7));
  dest.strides = mvconf::fixtures::c_strides(dest.shape, dest.itemsize);
  if (dest.ndim == 1 && *rc::gen::arbitrary<bool>()) dest.strides[0] *= *gen::element(-1, 2, -3);
  dest.readonly = *gen::weighted_element<bool>({{7, false}, {1, true}});
  dest.fill = *rc::gen::inRange(0u, 256u);
  mvconf::fixtures::fit_memory(dest);
  const json start = slice_bound(), stop = slice_bound();
  const json step = *gen::element(json(), json(1), json(2), json(-1), json(-2), json(3));
  const std::ptrdiff_t n = dest.ndim > 0 ? slice_length(dest.shape[0], start, stop, step) : 0;
  // The source's format: the same, the same with '@' added or removed, or another spelling
  // of a same-size item; its itemsize is its own (or, rarely, twice).
  const std::string relation = *gen::weighted_element<std::string>(
      {{3, "same format"}, {4, "same but '@'"}, {3, "other format"}, {1, "other itemsize"}});
  Layout src;
  src.format = dest.format;
  if (relation == "same but '@'" || relation == "other itemsize")
    src.format = dest_at ? code : "@" + code;
  if (relation == "other format") {
    static const std::string from = "BbcHhiIqd?", to = "bBBhHIiQqB";
    src.format = *gen::weighted_one_of<std::string>(
        {{2, rc::gen::just(std::string(1, to[from.find(code[0])]))},
         {3, rc::gen::map(gen::element<std::string>("<", "=", ">", "!", "@@", "1"),
                          [code](const std::string &p) { return p + code; })}});
  }
  src.itemsize = struct_layout(*src.format) ? struct_layout(*src.format)->size : dest.itemsize;
  if (relation == "other itemsize") src.itemsize *= 2;
  const bool equal_shape = *gen::weighted_element<bool>({{3, true}, {1, false}});
  src.ndim = *gen::weighted_element<int>({{9, 1}, {1, 2}});
  src.shape = {equal_shape ? n : std::max<std::ptrdiff_t>(0, n + *gen::element(1, -1, 2))};
  if (src.ndim == 2) src.shape.push_back(1);
  src.strides = mvconf::fixtures::c_strides(src.shape, src.itemsize);
  src.fill = *rc::gen::inRange(0u, 256u);
  mvconf::fixtures::fit_memory(src);
  const json key = {{"slice", {start, stop, step}}};
  RC_TAG(relation, dest_at ? "dest '@'" : "dest plain",
         src.ndim == 1 && src.shape[0] == n ? "equal shape" : "unequal shape");
  mvconf::harness::check_case(
      Case{"py",
           dest,
           {{"others", json::array({src})},
            {"calls",
             json::array({{{"method", "setitem"}, {"args", json::array({key, json{{"view", 1}}})}},
                          {{"method", "tolist"}, {"args", json::array()}}})}}});
}

// The harness's struct model (which sizes the items above) against CPython's struct module:
// calcsize, and the number of values unpack returns. Runs on the oracle only.
TEST(Fixture, StructLayoutMatchesCalcsize) {
  mvconf::oracle::initialize();
  mvconf::harness::check_self([] {
    const std::string f =
        *gen::weighted_one_of<std::string>({{1, gen::struct_format()}, {2, compare_format()}});
    std::string hex;
    for (unsigned char c : f) hex += "0123456789abcdef"[c >> 4], hex += "0123456789abcdef"[c & 15];
    const std::string theirs = mvconf::oracle::run_python(
        "import struct\nf = bytes.fromhex('" + hex +
        "').decode()\n"
        "try:\n    n = struct.calcsize(f)\nexcept (struct.error, UnicodeError):\n    n = None\n"
        "try:\n    k = len(struct.unpack(f, bytes(n))) if n is not None else 0\n"
        "except SystemError:\n    k = 'SystemError'\n"  // '0p' before 3.13
        "result = 'rejected' if n is None else f'{n} {k}'\n");
    const auto mine = struct_layout(f);
    mvconf::harness::count_self_check();
    std::string ours = "rejected";
    if (mine) ours = std::to_string(mine->size) + " " + std::to_string(mine->fields.size());
    RC_TAG(mine ? "accepted" : "rejected");
    if (theirs == ours || (mine && theirs == std::to_string(mine->size) + " SystemError")) return;
    RC_FAIL("struct format '" + f + "': CPython says " + theirs + ", the harness " + ours);
  });
}
