// Cases that reach the oracle must be defined behaviour in CPython and must fit the fixture's
// memory; generated cases are valid by construction, but corpus lines and replayed files are
// typed by people, so they are checked here first.
#include <cstdlib>
#include <string>
#include <vector>

#include "mvconf/harness/case.h"
#include "mvconf/harness/struct_layout.h"

namespace mvconf::harness {
namespace {

constexpr std::ptrdiff_t kMaxMemlen = std::ptrdiff_t{1} << 28;
constexpr std::ptrdiff_t kMaxStride = std::ptrdiff_t{1} << 24;
// Bounds that keep index * stride sums (GetPointer) and counts of things the harness makes
// (re-exports, py calls, extra exporters) small: a 150-byte line cannot exhaust memory.
constexpr std::ptrdiff_t kMaxIndex = std::ptrdiff_t{1} << 20;
constexpr std::ptrdiff_t kMaxExports = 64;
constexpr std::size_t kMaxCalls = 10000;
constexpr std::size_t kMaxOthers = 16;
constexpr std::ptrdiff_t kMaxChainBase = std::ptrdiff_t{1} << 16;
constexpr std::ptrdiff_t kMaxPyBuffer = std::ptrdiff_t{1} << 20;

bool is_one_of(const std::string &op, std::initializer_list<const char *> ops) {
  for (const char *o : ops)
    if (op == o) return true;
  return false;
}

std::string layout_problem(const fixtures::Layout &l) {
  if (l.ndim < 0 || l.ndim > 128) return "ndim must be in 0..128";
  const auto n = static_cast<std::size_t>(l.ndim);
  if (l.shape.size() != n || l.strides.size() != n) return "shape and strides need ndim entries";
  if (l.itemsize < 1 || l.itemsize > (1 << 16)) return "itemsize must be in 1..65536";
  if (l.memlen < 0 || l.memlen > kMaxMemlen) return "memlen must be in 0..2**28";
  if (l.offset < 0 || l.offset > l.memlen) return "offset must be in 0..memlen";
  // The nonzero extents are multiplied, not all of them: a zero extent elsewhere does not
  // keep contiguous strides (itemsize times the extents to the right) from overflowing.
  std::ptrdiff_t items = 1;
  for (auto e : l.shape) {
    if (e < 0) return "negative extent";
    if (e > 0 && items > (std::ptrdiff_t{1} << 20) / e) return "more than 2**20 items";
    if (e > 0) items *= e;
  }
  if (l.items() == 0) items = 0;
  // The buffer's length, not only its memory: the copies (ToContiguous, GetContiguous,
  // tobytes) allocate it. Zero strides made 2**20 items of 2**16 bytes over 64 KiB of memory
  // a 64 GiB copy from a 150-byte line (the case_line fuzz target's invariant).
  if (items > 0 && l.itemsize > kMaxMemlen / items)
    return "product(shape) * itemsize exceeds 2**28 bytes";
  // Compared, not llabs()'d: the absolute value of PTRDIFF_MIN is undefined.
  for (auto s : l.strides)
    if (s < -kMaxStride || s > kMaxStride) return "a stride is larger than 2**24";
  // With these bounds every sum and product below and in CPython fits in 64 bits: at most
  // 128 dimensions of 2**20 items times 2**24 bytes. Only PIL memory multiplies: one memlen
  // per entry of dimension 0.
  if (l.pil && l.ndim >= 1 && l.shape[0] > 0 && l.memlen > kMaxMemlen / l.shape[0])
    return "PIL memory (memlen * shape[0]) exceeds 2**28 bytes";
  if (l.pil && (l.ndim < 1 || l.strides[0] == 0 || l.strides[0] % 8 != 0))
    return "PIL layouts need ndim >= 1 and a nonzero pointer-aligned strides[0]";
  if (l.pil && l.negative_suboffsets) return "pil and negative_suboffsets exclude each other";
  if (!l.addresses_fit()) return "some item lies outside the memory (check offset and memlen)";
  if (!l.present_shape && (l.ndim > 1 || l.present_strides))
    return "NULL shape needs ndim <= 1 and NULL strides (CPython dereferences it otherwise)";
  if (!l.present_strides && l.strides != fixtures::c_strides(l.shape, l.itemsize))
    return "NULL strides stand for C strides: give C strides in the layout";
  if (l.len && (*l.len < 0 || *l.len > items * l.itemsize))
    return "len must lie in 0..product(shape)*itemsize";
  return "";
}

// A view of a layout whose format is one native character (after one '@') makes CPython read
// that C type's size at every item (tolist, m[i], == on equal formats): an itemsize smaller
// than that reads past the item, out of the memory for the last one. A larger one is defined
// (the first bytes are read) and is generated.
std::string short_native_item(const fixtures::Layout &l) {
  if (!l.format || native_item_size(*l.format) <= l.itemsize) return "";
  return "format '" + *l.format + "' reads " + std::to_string(native_item_size(*l.format)) +
         " bytes per item: itemsize " + std::to_string(l.itemsize) + " reads past the item";
}

// args.patches of a py case: bytes written into an exporter's data block (ops_py.cpp).
std::string patch_problem(const nlohmann::json &p, const std::vector<fixtures::Layout> &layouts) {
  if (!p.is_object() || !p.value("hex", nlohmann::json()).is_string() ||
      !p.value("at", nlohmann::json(0)).is_number_integer() ||
      !p.value("exporter", nlohmann::json(0)).is_number_integer())
    return "patches: each one is {\"exporter\": i, \"at\": offset, \"hex\": \"...\"}";
  const auto hex = p.value("hex", std::string());
  const auto e = p.value("exporter", std::ptrdiff_t{0});
  const auto at = p.value("at", std::ptrdiff_t{0});
  if (e < 0 || e >= std::ptrdiff_t(layouts.size())) return "patches: no such exporter";
  if (hex.size() % 2 != 0 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    return "patches: hex needs pairs of hex digits";
  const auto &l = layouts[std::size_t(e)];
  const std::ptrdiff_t size = l.pil && l.ndim >= 1 ? l.memlen * l.shape[0] : l.memlen;
  if (at < 0 || at > size || std::ptrdiff_t(hex.size() / 2) > size - at)
    return "patches: bytes outside the exporter's data block";
  return "";
}

// The bytes the fixture allocates for l (layout_problem has bounded each factor).
std::ptrdiff_t memory_of(const fixtures::Layout &l) {
  return l.pil && l.ndim >= 1 ? l.memlen * l.shape[0] : l.memlen;
}

std::string py_problem(const Case &c) {
  std::vector<fixtures::Layout> layouts = {c.layout};
  for (const auto &o : c.args.value("others", nlohmann::json::array()))
    layouts.push_back(o.get<fixtures::Layout>());
  std::ptrdiff_t total = 0;
  for (const auto &l : layouts) total += memory_of(l);
  if (total > kMaxMemlen) return "the exporters' memory exceeds 2**28 bytes in all";
  for (const auto &l : layouts)
    if (std::string p = short_native_item(l); !p.empty()) return p;
  // Every answer must fit the harness's answer buffer (kMaxAnswerBytes, 256 MiB): a tolist
  // takes at most ~150 bytes of JSON per byte of buffer (one-byte items nested 64 deep).
  for (const auto &l : layouts)
    if (l.items() > kMaxPyBuffer / l.itemsize)
      return "a py case's views hold at most 2**20 bytes each (their answers must fit)";
  for (const auto &p : c.args.value("patches", nlohmann::json::array()))
    if (std::string problem = patch_problem(p, layouts); !problem.empty()) return problem;
  return "";
}

// A py_chain case's base is a bytes or bytearray: its layout is the simple buffer of one.
std::string chain_problem(const Case &c) {
  const auto &l = c.layout;
  if (l.format != "B" || l.itemsize != 1 || l.ndim != 1 || l.shape.size() != 1 ||
      l.shape[0] != l.memlen || l.strides != std::vector<std::ptrdiff_t>{1} || l.offset != 0 ||
      l.pil || l.negative_suboffsets || !l.present_shape || !l.present_strides || l.len ||
      l.unhashable)
    return "a py_chain base is bytes or bytearray: format 'B', itemsize 1, shape [memlen], "
           "strides [1], offset 0 and nothing else";
  if (l.memlen > kMaxChainBase) return "a py_chain base has at most 2**16 bytes";
  for (const char *list : {"chain", "calls"})
    if (c.args.value(list, nlohmann::json::array()).size() > kMaxCalls)
      return "a py_chain case has at most 10000 steps and 10000 calls";
  for (const auto &p : c.args.value("patches", nlohmann::json::array()))
    if (std::string problem = patch_problem(p, {l}); !problem.empty()) return problem;
  return "";
}

}  // namespace

std::string validate(const Case &c) {
  if (std::string p = layout_problem(c.layout); !p.empty()) return p;
  const auto &l = c.layout;
  const int order = c.args.value("order", int{'C'});
  const bool valid_order = order == 'C' || order == 'F' || order == 'A';
  const bool copies = is_one_of(c.op, {"get_contiguous", "to_contiguous", "from_contiguous"});
  if (l.ndim > 64 && !is_one_of(c.op, {"from_object", "from_buffer", "get_contiguous"}))
    return "ndim > 64 only for the constructors";
  if (l.len && !is_one_of(c.op, {"from_object", "from_buffer", "is_contiguous"}))
    return "an odd len makes CPython copy out of bounds in " + c.op;
  if (is_one_of(c.op, {"get_contiguous", "to_contiguous"}) && l.ndim == 0 && !valid_order)
    return "a 0-d buffer with an invalid order crashes CPython (docs/spec-corrections.md)";
  if ((copies || c.op == "get_pointer") && l.ndim >= 1 && !l.present_strides &&
      is_one_of(c.op, {"from_contiguous", "get_pointer"}))
    return c.op + " dereferences strides: present them";
  if (c.op == "get_pointer") {
    const auto idx = c.args.value("indices", std::vector<std::ptrdiff_t>{});
    if (idx.size() != static_cast<std::size_t>(l.ndim)) return "indices need ndim entries";
    for (auto i : idx)
      if (i < -kMaxIndex || i > kMaxIndex) return "an index is beyond 2**20";
    if (l.pil && (idx[0] < 0 || idx[0] >= l.shape[0]))
      return "a PIL index in dimension 0 must be in bounds (the pointer table is read)";
  }
  if (c.op == "copy_data") {
    if (!c.args.contains("src_layout")) return "copy_data needs args.src_layout";
    fixtures::Layout src;
    try {
      src = c.args.at("src_layout").get<fixtures::Layout>();
    } catch (const std::exception &e) {
      return std::string("src_layout: ") + e.what();
    }
    if (std::string p = layout_problem(src); !p.empty()) return "src_layout: " + p;
    // CPython indexes dest with src's indices and copies src.itemsize bytes (spec §4.3, §9).
    if (src.shape != l.shape || src.itemsize != l.itemsize || src.len || l.len)
      return "copy_data needs dest and src of the same shape and itemsize";
    if (l.ndim > 64) return "ndim > 64";
  }
  if ((c.op == "reexport" || c.op == "py") && l.ndim > 64) return "ndim > 64 cannot make a view";
  if (c.op == "py")
    for (const auto &o : c.args.value("others", nlohmann::json::array())) {
      fixtures::Layout other;
      try {
        other = o.get<fixtures::Layout>();
      } catch (const std::exception &e) {
        return std::string("others: ") + e.what();
      }
      if (std::string p = layout_problem(other); !p.empty()) return "others: " + p;
      if (other.ndim > 64 || other.len) return "others: no view of ndim > 64 or odd len";
    }
  if (c.op == "py")
    if (std::string p = py_problem(c); !p.empty()) return p;
  if (c.op == "py_chain")
    if (std::string p = chain_problem(c); !p.empty()) return p;
  if (c.op == "from_memory") {
    const auto size = c.args.value("size", std::ptrdiff_t{0});
    if (size < 0 || size > l.memlen) return "from_memory needs 0 <= size <= memlen";
    // A PIL layout's buf is its pointer table: raw bytes there are addresses, which differ
    // between two ports' copies (found by Validator.AdversarialCasesAreRefusedOrSafe).
    if (l.pil) return "from_memory reads raw memory at buf, which a PIL layout points at its table";
  }
  // PyBuffer_FromContiguous copies min(len, view.len) bytes: a negative len is a huge memcpy.
  if (c.op == "from_contiguous") {
    const auto data_len = c.args.value("data_len", std::ptrdiff_t{0});
    if (data_len < 0 || data_len > kMaxMemlen) return "data_len must be in 0..2**28";
  }
  if (c.op == "reexport") {
    const auto exports = c.args.value("exports", std::ptrdiff_t{1});
    if (exports < 0 || exports > kMaxExports) return "exports must be in 0..64";
  }
  if (c.op == "py" && (c.args.value("calls", nlohmann::json::array()).size() > kMaxCalls ||
                       c.args.value("others", nlohmann::json::array()).size() > kMaxOthers))
    return "a py case has at most 10000 calls and 16 other exporters";
  const auto len_delta = c.args.value("len_delta", std::ptrdiff_t{0});
  if (c.op == "to_contiguous" && (len_delta < -kMaxIndex || len_delta > kMaxIndex))
    return "len_delta too large";
  return "";
}

}  // namespace mvconf::harness
