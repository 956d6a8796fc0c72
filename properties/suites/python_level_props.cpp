// Python-level cases (feature python_level, op py_chain, docs/python-api.md): views built the
// way Python code builds them -- a bytes or bytearray base, then casts, slices with any step,
// toreadonly() and memoryview() -- and the Python-level calls on them, against CPython. Any
// Python implementation answers these through fixtures/ports/py_driver.py (`python:COMMAND`).
#include <functional>
#include <utility>
#include <vector>

#include "mvconf/fixtures/memory.h"
#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"
#include "mvconf/harness/py_chain_generators.h"
#include "mvconf/harness/py_generators.h"
#include "mvconf/harness/shrinking.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;
using json = nlohmann::json;

namespace {

using gen::Chain;

// A chain and the calls drawn for its final view, shrinking in turn: the calls are kept when
// the chain shrinks (a call on a view that is not there any more is skipped on both sides).
std::pair<Chain, json> chain_and_calls(rc::Gen<Chain> chain,
                                       std::function<rc::Gen<json>(const Chain &)> calls) {
  return *gen::with_kept<Chain, json>(std::move(chain), std::move(calls));
}

Case chain_case(const Chain &c, const json &calls) {
  return Case{"py_chain", c.base, {{"chain", c.steps}, {"calls", calls}}};
}

json plain(const char *method, int on = 0) {
  return {{"method", method}, {"args", json::array()}, {"on", on}};
}

// The bytes of the model's final view in C order: what a bytearray must hold to compare
// equal, so that ordering reaches equal prefixes, not only a first byte that differs.
std::string view_hex(const Chain &c) {
  const auto &v = c.view;
  if (!c.made) return "";
  mvconf::fixtures::Memory memory(c.base);
  const unsigned char *data = memory.data();
  std::string out;
  std::vector<std::ptrdiff_t> index(std::size_t(v.ndim), 0);
  for (std::ptrdiff_t n = 0; n < v.items(); ++n) {
    std::ptrdiff_t at = v.offset;
    for (std::size_t d = 0; d < index.size(); ++d) at += index[d] * v.strides[d];
    out += mvconf::fixtures::to_hex(data + at, v.itemsize);
    for (std::size_t d = index.size(); d-- > 0;) {
      if (++index[d] < v.shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

// A bytearray near the view's bytes: equal, a prefix, longer, or one byte off.
rc::Gen<json> near_bytes(const std::string &hex) {
  std::vector<json> options = {json{{"bytearray", hex}}, json{{"bytearray", hex + "00"}}};
  if (hex.size() >= 2) {
    options.push_back(json{{"bytearray", hex.substr(0, hex.size() - 2)}});
    std::string up = hex, down = hex;
    up[up.size() - 1] = up.back() == 'f' ? 'e' : 'f';
    down[down.size() - 2] = '0';
    options.push_back(json{{"bytearray", up}});
    options.push_back(json{{"bytearray", down}});
  }
  return gen::element_of(options);
}

}  // namespace

MVCONF_PROP(PyLevel, ChainedViewsMatchCPython, "python_level") {
  // Every view of the chain is observed as Python sees it; then its items, bytes and hex.
  const auto [chain, calls] = chain_and_calls(gen::chain(), [](const Chain &) {
    return gen::some_of({plain("tolist"), plain("hex"), plain("len"), plain("tobytes")});
  });
  RC_TAG(gen::classify_chain(chain), chain.base.readonly ? "bytes" : "bytearray");
  mvconf::harness::check_case(chain_case(chain, calls));
}

MVCONF_PROP(PyLevel, CallsOnChainedViewsMatchCPython, "python_level") {
  const auto [chain, calls] = chain_and_calls(gen::chain(), [](const Chain &c) {
    return gen::calls(rc::gen::inRange(1, 9), [v = c.view](const std::vector<json> &before) {
      return gen::call(v, gen::views_after(before));
    });
  });
  RC_TAG(gen::classify_chain(chain), calls.size() < 4 ? "short" : "long");
  mvconf::harness::check_case(chain_case(chain, calls));
}

MVCONF_PROP(PyLevel, OrderingMatchesCPython, "python_level") {
  const auto [chain, calls] = chain_and_calls(gen::chain(), [](const Chain &c) {
    const auto method = gen::element<std::string>("lt", "le", "gt", "ge");
    const auto near = near_bytes(view_hex(c));
    return gen::calls(rc::gen::inRange(1, 4), [=](const std::vector<json> &before) {
      const auto ordered = rc::gen::map(rc::gen::pair(method, near), [](const auto &p) {
        return json{{"method", p.first}, {"args", json::array({p.second})}, {"on", 0}};
      });
      return gen::weighted_one_of<json>(
          {{4, ordered},
           {2, gen::call(c.view, gen::views_after(before), {"lt", "le", "gt", "ge"})},
           {1, gen::call(c.view, gen::views_after(before), {"release", "cast", "getitem"})}});
    });
  });
  RC_TAG(gen::classify_chain(chain), calls[0]["method"].get<std::string>());
  mvconf::harness::check_case(chain_case(chain, calls));
}

MVCONF_PROP(PyLevel, WritesThroughChainsMatchCPython, "python_level") {
  // A bytearray base: item and slice assignment through the chain, read back, and the base's
  // bytes afterwards (the outcome's memory_after).
  const auto writable = rc::gen::map(gen::chain_base(), [](mvconf::fixtures::Layout l) {
    l.readonly = false;
    return l;
  });
  const auto [chain, calls] = chain_and_calls(gen::chain(writable), [](const Chain &c) {
    return rc::gen::mapcat(gen::call(c.view, 1, {"setitem", "delitem"}), [](const json &call) {
      return gen::some_of({call, plain("tolist")});
    });
  });
  RC_TAG(gen::classify_chain(chain), calls[0]["method"].get<std::string>());
  mvconf::harness::check_case(chain_case(chain, calls));
}

MVCONF_PROP(PyLevel, HashMatchesCPython, "python_level") {
  // bytes are hashable, a bytearray is not: hash(m.toreadonly()) raises for it.
  const auto [chain, calls] = chain_and_calls(gen::chain(), [](const Chain &) {
    return gen::some_of({plain("hash"), plain("toreadonly"), plain("hash", 1)});
  });
  RC_TAG(gen::classify_chain(chain), chain.base.readonly ? "bytes" : "bytearray");
  mvconf::harness::check_case(chain_case(chain, calls));
}

MVCONF_PROP(PyLevel, CountAndIndexMatchCPython, "python_level") {
  // 3.14's m.count(value) and m.index(value[, start[, stop]]) on chained views: found, not
  // found, bounds, n-d, 0-d and released views. Before 3.14 both are AttributeErrors, so this
  // property sees the 3.13 -> 3.14 step and any port that claims 3.14.
  const auto [chain, calls] = chain_and_calls(gen::chain(), [](const Chain &c) {
    return gen::calls(rc::gen::inRange(1, 5), [v = c.view](const std::vector<json> &before) {
      const int views = gen::views_after(before);
      return gen::weighted_one_of<json>({{5, gen::call(v, views, {"count", "index"})},
                                         {1, gen::call(v, views, {"release", "cast", "getitem"})}});
    });
  });
  RC_TAG(gen::classify_chain(chain), calls[0]["method"].get<std::string>());
  mvconf::harness::check_case(chain_case(chain, calls));
}
