// The validator's own property (issue 10, item 2): a valid generated case with one to three
// fields replaced by adversarial values (huge, negative, near the integer limits, not integers
// at all) is either refused with an error, or valid and then safe for CPython: it is run on
// the oracle and the port, and must neither crash (the sanitizer build runs this too) nor
// diverge.
#include <cstdint>
#include <string>
#include <vector>

#include "mvconf/harness/check.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/generators.h"
#include "mvconf/harness/session.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;
using json = nlohmann::json;

namespace {

rc::Gen<json> adversarial_number() {
  static const std::vector<json> values = {0,
                                           1,
                                           -1,
                                           2,
                                           7,
                                           8,
                                           9,
                                           63,
                                           64,
                                           65,
                                           128,
                                           129,
                                           255,
                                           256,
                                           -129,
                                           65536,
                                           65537,
                                           1 << 20,
                                           (1 << 20) + 1,
                                           1 << 24,
                                           (1 << 24) + 1,
                                           1 << 28,
                                           (1 << 28) + 1,
                                           INT32_MAX,
                                           INT32_MIN,
                                           int64_t{INT32_MAX} + 1,
                                           int64_t{4294967297},
                                           int64_t{1} << 40,
                                           int64_t{1} << 50,
                                           INT64_MAX,
                                           INT64_MAX - 7,
                                           INT64_MIN,
                                           INT64_MIN + 1,
                                           -(int64_t{1} << 24) - 1,
                                           json(UINT64_MAX),
                                           json(uint64_t{1} << 63),
                                           1.5,
                                           -0.0,
                                           "7",
                                           nullptr,
                                           true};
  return rc::gen::elementOf(values);
}

// The case's fields that hold numbers: the layout's, its shape and strides, and the op's.
std::vector<json::json_pointer> number_fields(const json &c) {
  std::vector<json::json_pointer> out;
  for (const char *k : {"itemsize", "ndim", "offset", "memlen", "len"})
    out.emplace_back(std::string("/layout/") + k);
  for (const char *list : {"shape", "strides"})
    for (std::size_t i = 0; i < c["layout"][list].size(); ++i)
      out.emplace_back(std::string("/layout/") + list + "/" + std::to_string(i));
  for (const auto &[k, v] : c["args"].items())
    if (v.is_number()) out.emplace_back("/args/" + k);
  for (std::size_t i = 0; i < c["args"].value("indices", json::array()).size(); ++i)
    out.emplace_back("/args/indices/" + std::to_string(i));
  return out;
}

// A well-formed case of op on layout, with every argument that op reads at a normal value.
json base_case(const std::string &op, const mvconf::fixtures::Layout &layout) {
  const std::ptrdiff_t len = layout.reported_len();
  json args = json::object();
  if (op == "get_contiguous") args = {{"via", "exporter"}, {"buffertype", 256}, {"order", 'C'}};
  if (op == "is_contiguous" || op == "fill_contiguous_strides") args = {{"order", 'C'}};
  if (op == "to_contiguous") args = {{"order", 'C'}, {"len_delta", 0}};
  if (op == "from_contiguous") args = {{"order", 'F'}, {"data_len", len}};
  if (op == "get_pointer") args = {{"indices", std::vector<std::ptrdiff_t>(layout.shape.size())}};
  if (op == "fill_info") args = {{"readonly", 0}, {"flags", 0}, {"len", len}};
  if (op == "reexport") args = {{"flags", 0}, {"exports", 1}};
  if (op == "from_memory") args = {{"size", layout.memlen}, {"flags", 256}};
  return {{"op", op}, {"layout", layout}, {"args", args}};
}

// The bytes the fixtures would allocate and dump: valid cases beyond this are not run (they
// are correct, only slow: their memory is hex-dumped on both sides).
constexpr std::ptrdiff_t kRunnableMemory = 1 << 16;

}  // namespace

MVCONF_PROP(Validator, AdversarialCasesAreRefusedOrSafe, "buffer_functions") {
  const std::string op = *rc::gen::element<std::string>(
      "from_object", "get_contiguous", "is_contiguous", "to_contiguous", "from_contiguous",
      "fill_contiguous_strides", "get_pointer", "fill_info", "reexport", "from_memory");
  const auto layout = *gen::layout(gen::LayoutOptions().without_hidden_fields().with_strides());
  json c = base_case(op, layout);
  const int changes = *rc::gen::inRange(1, 4);
  for (int i = 0; i < changes; ++i) {
    const auto fields = number_fields(c);
    c[fields[*rc::gen::inRange<std::size_t>(0, fields.size())]] = *adversarial_number();
  }
  const auto entry = mvconf::harness::parse_case_line(c.dump(), "Validator");
  RC_TAG(entry.error.empty() ? "valid" : entry.error.substr(0, entry.error.find(':')));
  if (!entry.error.empty()) return;
  const auto &l = entry.c.layout;
  RC_ASSERT(l.addresses_fit());
  const std::ptrdiff_t memory = l.pil && l.ndim >= 1 ? l.memlen * l.shape[0] : l.memlen;
  const char *feature = mvconf::harness::feature_of(entry.c.op);
  if (memory > kRunnableMemory || !mvconf::harness::subject_has(feature) ||
      !mvconf::harness::oracle().has(feature))
    return;
  check_case(entry.c);
}
