// Each change keeps the input JSON (so it reaches the schema and the validator) and is small
// (one node), so libFuzzer's coverage feedback still picks the useful ones. Numbers move to
// the limits the validator and the impl test (powers of two and their neighbours, the 64-bit
// ends); strings become words of the case and answer vocabulary or other strings of the same
// input; layouts gain or lose a dimension with shape and strides together, or get memory that
// fits (fixtures::fit_memory), which makes most mutated layouts valid.
#include "json_mutator.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "mvconf/fixtures/layout.h"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t *data, std::size_t size, std::size_t max_size);

namespace mvconf::fuzz {
namespace {

using json = nlohmann::json;
using Rng = std::minstd_rand;

std::vector<std::string> split(const char *text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w == "''" ? "" : w);
  return out;
}

// Operations, methods, argument and attribute words, struct formats, error types and
// expectation words ('' is the empty string).
const std::vector<std::string> &words() {
  static const auto w = split(
      "from_object get_contiguous from_memory from_buffer is_contiguous to_contiguous "
      "from_contiguous fill_contiguous_strides get_pointer fill_info reexport size_from_format "
      "copy_data py tobytes hex tolist getitem setitem delitem cast toreadonly release enter "
      "exit getattr len hash eq ne buffer iter contains reversed release_buffer create "
      "memoryview export release_export free exporter view non_buffer int str bytes C F A X '' "
      "- : obj shape strides format nbytes suboffsets nan inf -inf -0.0 99999999999999999999 "
      "B b c ? h H i I l L q Q n N f d e P @B <i >q =H !d 3s 0s 2x x T{i} (2)B Bi b0i Zf "
      "BufferError ValueError TypeError SystemError fail error-kind-only *");
  return w;
}

// Keys of cases, layouts, arguments, values, answers and expectations files.
const std::vector<std::string> &keys() {
  static const auto k = split(
      "op layout args property format itemsize ndim shape strides offset memlen pil "
      "negative_suboffsets readonly present_shape present_strides len fill unhashable via free "
      "type_name buffertype order size flags buf_null obj_set len_delta data_len indices "
      "view_null exports released src_layout dest_via src_via calls others patches method on "
      "hex exporter at slice tuple index float_like ellipsis object bytearray float id outcome "
      "result error type message held mbuf_exports port_failure expectations class expect "
      "reason mvconf features");
  return k;
}

// Limits the validator and the impl test: powers of two and their neighbours, the 64-bit ends.
const std::vector<std::int64_t> &numbers() {
  static const auto n = [] {
    std::vector<std::int64_t> v = {0, -1, 3, 7, 65, 67, 70, 129, INT64_MIN, INT64_MAX};
    for (int bit : {1, 3, 6, 7, 8, 9, 12, 16, 20, 24, 28, 31, 32, 40, 62})
      for (std::int64_t d : {-1, 0, 1}) v.push_back((std::int64_t{1} << bit) + d);
    return v;
  }();
  return n;
}

template <typename T>
const T &pick(const std::vector<T> &list, Rng &rng) {
  return list[rng() % list.size()];
}

// Every node of the value (the root included), found without recursion.
std::vector<json *> nodes(json &root) {
  std::vector<json *> out = {&root};
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i]->is_structured())
      for (auto &child : *out[i]) out.push_back(&child);
  return out;
}

json number(const json &old, Rng &rng) {
  const std::int64_t v = old.is_number_integer() ? old.get<std::int64_t>() : 0;
  // Unsigned arithmetic: wrapping near the 64-bit ends is wanted, and signed overflow is UB.
  const auto wrap = [](std::uint64_t u) { return static_cast<std::int64_t>(u); };
  switch (rng() % 5) {
    case 0:
      return pick(numbers(), rng);
    case 1:
      return wrap(std::uint64_t(v) + rng() % 33 - 16);
    case 2:
      return wrap(0 - std::uint64_t(v));
    case 3:
      return std::uint64_t(UINT64_MAX - rng() % 3);
    default:
      return std::int64_t(rng() % 1024) - 512;
  }
}

// A layout (an object with ndim, shape and strides): one dimension more or less, or memory
// refitted to the items so that the validator's "some item lies outside" stops refusing it.
bool mutate_layout(json &l, Rng &rng) {
  if (!l.is_object() || !l.contains("shape") || !l["shape"].is_array() || !l.contains("strides") ||
      !l["strides"].is_array())
    return false;
  const unsigned what = rng() % 3;
  if (what == 0 && !l["shape"].empty()) {
    l["shape"].erase(l["shape"].size() - 1);
    if (!l["strides"].empty()) l["strides"].erase(l["strides"].size() - 1);
  } else if (what == 1) {
    l["shape"].push_back(std::int64_t(rng() % 4));
    l["strides"].push_back(std::int64_t(rng() % 17) - 8);
  } else {
    // Integers only: nlohmann converts a float out of a long's range with undefined behaviour
    // (the harness reads layouts only after the case schema has checked this).
    for (const char *key : {"itemsize", "ndim", "offset", "memlen", "len", "fill"})
      if (l.contains(key) && !l[key].is_number_integer()) return false;
    for (const char *key : {"shape", "strides"})
      for (const auto &x : l[key])
        if (!x.is_number_integer()) return false;
    fixtures::Layout layout;
    try {
      layout = l.get<fixtures::Layout>();
    } catch (const std::exception &) {
      return false;  // not a readable layout: leave it
    }
    // fit_memory's preconditions: a span (PIL: of dimensions 1..) that does not overflow.
    constexpr std::ptrdiff_t kFar = std::ptrdiff_t{1} << 60;
    const std::size_t from = layout.pil ? 1 : 0;
    if (layout.itemsize < 1 || layout.itemsize > kFar ||
        layout.shape.size() != layout.strides.size() || (layout.pil && layout.shape.empty()))
      return false;
    const auto [lo, hi] = fixtures::address_span(
        {layout.shape.begin() + from, layout.shape.end()},
        {layout.strides.begin() + from, layout.strides.end()}, layout.itemsize);
    if (lo < -kFar || hi > kFar) return false;
    fixtures::fit_memory(layout, std::ptrdiff_t(rng() % 3), std::ptrdiff_t(rng() % 3));
    l["offset"] = layout.offset;
    l["memlen"] = layout.memlen;
    return true;
  }
  l["ndim"] = l["shape"].size();
  return true;
}

void mutate_node(json &root, Rng &rng) {
  auto all = nodes(root);
  json &n = *all[rng() % all.size()];
  if (n.is_object() && rng() % 3 == 0 && mutate_layout(n, rng)) return;
  if (n.is_number()) {
    n = number(n, rng);
  } else if (n.is_boolean()) {
    n = !n.get<bool>();
  } else if (n.is_string()) {
    if (rng() % 3 == 0) {
      std::vector<json *> strings;
      for (json *s : all)
        if (s->is_string()) strings.push_back(s);
      n = *strings[rng() % strings.size()];
    } else {
      n = pick(words(), rng);
    }
  } else if (n.is_null()) {
    n = pick(numbers(), rng);
  } else if (n.is_array()) {
    if (!n.empty() && rng() % 2) {
      n.erase(rng() % n.size());
    } else {
      json copy = *all[rng() % all.size()];  // any node, this one and its parents included
      n.push_back(std::move(copy));
    }
  } else if (n.is_object()) {
    if (!n.empty() && rng() % 3 == 0) {
      auto it = n.begin();
      std::advance(it, rng() % n.size());
      n.erase(it);
    } else {
      json value = rng() % 2 ? *all[rng() % all.size()] : json(pick(numbers(), rng));
      n[pick(keys(), rng)] = std::move(value);
    }
  }
}

std::size_t emit(const json &j, std::uint8_t *out, std::size_t max_size) {
  const std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > max_size) return 0;
  std::memcpy(out, text.data(), text.size());
  return text.size();
}

// Nesting of the raw text (brackets in strings count too: an overestimate only skips more).
bool shallow(const std::uint8_t *data, std::size_t size) {
  int depth = 0;
  for (std::size_t i = 0; i < size; ++i) {
    depth += data[i] == '[' || data[i] == '{';
    depth -= data[i] == ']' || data[i] == '}';
    if (depth > 128) return false;  // printing the value back recurses this deep
  }
  return true;
}

// The value in data, or a discarded value when it is not JSON or nests too deep.
json parse(const std::uint8_t *data, std::size_t size) {
  if (!shallow(data, size)) return json(json::value_t::discarded);
  return json::parse(data, data + size, nullptr, false);
}

}  // namespace

std::size_t mutate_json(std::uint8_t *data, std::size_t size, std::size_t max_size, unsigned seed,
                        double structural) {
  Rng rng(seed);
  if (std::uniform_real_distribution<double>(0, 1)(rng) < structural) {
    json j = parse(data, size);
    if (!j.is_discarded()) {
      for (unsigned k = 1 + rng() % 3; k > 0; --k) mutate_node(j, rng);
      if (std::size_t n = emit(j, data, max_size)) return n;
    }
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

std::size_t cross_json(const std::uint8_t *a, std::size_t a_size, const std::uint8_t *b,
                       std::size_t b_size, std::uint8_t *out, std::size_t max_out, unsigned seed) {
  Rng rng(seed);
  json x = parse(a, a_size);
  json y = parse(b, b_size);
  if (!x.is_discarded() && !y.is_discarded()) {
    auto xs = nodes(x);
    auto ys = nodes(y);
    *xs[rng() % xs.size()] = *ys[rng() % ys.size()];
    if (std::size_t n = emit(x, out, max_out)) return n;
  }
  // Not JSON (or too large): the first half of one, the second half of the other.
  const std::size_t head = std::min(a_size / 2, max_out);
  const std::size_t tail = std::min(b_size - b_size / 2, max_out - head);
  std::memcpy(out, a, head);
  std::memcpy(out + head, b + b_size / 2, tail);
  return head + tail;
}

}  // namespace mvconf::fuzz
