// py_call on JSON values, for ports in the harness's own process (C++ only; not part of the C
// contract and not installed). The text slot (port.h) makes every Python-level call print its
// request and answer as JSON and parse them again on the other side; a built-in port (the impl,
// its mutants, the embedded CPython) may offer this form instead, with the same semantics:
// the answer it gives is exactly what the harness would have parsed from the text slot, and
// where that cannot be shown cheaply (deep, huge or non-UTF-8 answers) it gives the text itself.
#ifndef MVCONF_PY_CALL_VALUES_H
#define MVCONF_PY_CALL_VALUES_H

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

#include "mvconf/port.h"

namespace mvconf {

/// The answer of a values py_call: a value, or the exact text the text slot would write.
/// Extend only together with every py_call_values implementation and ops_py.cpp.
struct PyAnswer {
  /// The answer, when `is_text` is false (already as parsing its text would give it).
  nlohmann::json value;
  /// True when `text` holds the answer as the text slot writes it (see plain_answer).
  bool is_text = false;
  /// The answer's text, when `is_text`.
  std::string text;
};

/// py_call (port.h) with the request already split into its method and its `args` value, and
/// the answer as a PyAnswer; `cap` is the answer capacity the text slot would have been given.
/// A port implements it as its text slot does after parsing the request.
using PyCallValuesFn = int (*)(void *ctx, mvconf_view *mv, const std::string &method,
                               const nlohmann::json &args, mvconf_view *const *views, size_t nviews,
                               size_t cap, PyAnswer *answer, mvconf_view **new_view,
                               mvconf_error *err);

namespace py_values_detail {

/// Deeper values take the text form: far below any parser's limit, far above any outcome.
constexpr int kMaxPlainDepth = 128;

/// True when s is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF): exactly what nlohmann's strict dump accepts.
inline bool utf8(const std::string &s) {
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  const auto *end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int k = 2; k <= n; ++k)
      if (p[k] < 0x80 || p[k] > 0xBF) return false;
    p += n + 1;
  }
  return true;
}

/// Walks v (a non-const v has its integers normalized): false when its text might not parse
/// back to it unchanged; otherwise adds an upper bound of its text's length to *bound.
template <typename Json>
bool walk(Json &v, int depth, std::size_t *bound) {
  using json = nlohmann::json;
  constexpr bool normalize = !std::is_const_v<Json>;
  switch (v.type()) {
    case json::value_t::null:
    case json::value_t::boolean:
      *bound += 5;
      return true;
    case json::value_t::number_integer:
      // Parsing makes a non-negative integer unsigned.
      if constexpr (normalize)
        if (v.template get<std::int64_t>() >= 0)
          v = static_cast<std::uint64_t>(v.template get<std::int64_t>());
      *bound += 21;
      return true;
    case json::value_t::number_unsigned:
      *bound += 21;
      return true;
    case json::value_t::number_float:
      // A NaN or an infinity prints as null.
      *bound += 32;
      return std::isfinite(v.template get<double>());
    case json::value_t::string: {
      const auto &s = v.template get_ref<const std::string &>();
      *bound += 2 + 6 * s.size();
      return utf8(s);
    }
    case json::value_t::array:
      if (depth >= kMaxPlainDepth) return false;
      *bound += 2;
      for (auto &item : v) {
        ++*bound;
        if (!walk(item, depth + 1, bound)) return false;
      }
      return true;
    case json::value_t::object:
      if (depth >= kMaxPlainDepth) return false;
      *bound += 2;
      for (auto it = v.begin(); it != v.end(); ++it) {
        *bound += 4 + 6 * it.key().size();
        if (!utf8(it.key()) || !walk(it.value(), depth + 1, bound)) return false;
      }
      return true;
    default:
      return false;  // binary values have no JSON text
  }
}

}  // namespace py_values_detail

/// True when the text slot's answer for `v` (v.dump(), at most cap - 1 bytes) would parse back
/// to v; v's non-negative integers are then made unsigned, as parsing makes them. False means:
/// answer with the text form (the dump may throw, not fit, or lose a NaN).
inline bool plain_answer(nlohmann::json &v, std::size_t cap) {
  std::size_t bound = 0;
  return py_values_detail::walk(v, 0, &bound) && bound + 1 <= cap;
}

/// True when a request with these `args` prints as JSON and parses back to equal values on the
/// port's side (well-formed UTF-8, finite numbers, nested at most 128 deep): only then may the
/// harness skip the text.
inline bool plain_request(const nlohmann::json &args) {
  std::size_t bound = 0;
  // Not normalized: the ports read an int64 the same whether it came signed or not.
  return py_values_detail::walk(args, 0, &bound);
}

}  // namespace mvconf

#endif  // MVCONF_PY_CALL_VALUES_H
