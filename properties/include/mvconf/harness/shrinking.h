// Generators that shrink. RapidCheck's element, elementOf, weightedElement and weightedOneOf
// never shrink the alternative they picked, and gen::exec redraws every later pick when an
// earlier one shrinks, so failing cases used to keep ndim 64, odd strides and calls that play
// no part in a divergence. These draw the same distributions as RapidCheck's pickers but shrink
// toward the earliest alternative of nonzero weight (so list alternatives simplest first), and
// the sequences below shrink by removing elements.
#pragma once

#include <rapidcheck.h>

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace mvconf::harness::gen {

/// An index drawn with probability weights[i] / sum, shrinking to every lower index whose
/// weight is not 0, lowest first (a weight of 0 disables an alternative, also as a shrink
/// target). The lists are short, so all of them are tried rather than RapidCheck's halving
/// steps, which skip alternatives (from 5: 0, 3, 4).
inline rc::Gen<std::size_t> weighted_index(std::vector<std::size_t> weights) {
  std::size_t total = 0;
  for (auto w : weights) total += w;
  return [weights, total](const rc::Random &random, int) {
    if (total == 0) throw rc::GenerationFailure("every weight is 0");
    std::size_t r = static_cast<std::size_t>(rc::Random(random).next() % total), i = 0;
    while (r >= weights[i]) r -= weights[i++];
    return rc::shrinkable::shrinkRecur(i, [weights](std::size_t x) {
      return rc::seq::filter(rc::seq::range<std::size_t>(0, x),
                             [weights](std::size_t j) { return weights[j] > 0; });
    });
  };
}

/// rc::gen::weightedElement, shrinking toward earlier elements.
template <typename T>
rc::Gen<T> weighted_element(std::vector<std::pair<std::size_t, T>> pairs) {
  std::vector<std::size_t> weights;
  std::vector<T> values;
  for (auto &p : pairs) {
    weights.push_back(p.first);
    values.push_back(std::move(p.second));
  }
  return rc::gen::map(weighted_index(std::move(weights)),
                      [values](std::size_t i) { return values[i]; });
}

/// weighted_index with every weight 1 (the same draws and shrinks), without the weights.
inline rc::Gen<std::size_t> uniform_index(std::size_t n) {
  return [n](const rc::Random &random, int) {
    if (n == 0) throw rc::GenerationFailure("every weight is 0");
    const auto i = static_cast<std::size_t>(rc::Random(random).next() % n);
    return rc::shrinkable::shrinkRecur(
        i, [](std::size_t x) { return rc::seq::range<std::size_t>(0, x); });
  };
}

/// rc::gen::elementOf, shrinking toward earlier elements.
template <typename Container>
rc::Gen<typename Container::value_type> element_of(const Container &c) {
  std::vector<typename Container::value_type> values(c.begin(), c.end());
  const std::size_t n = values.size();
  return rc::gen::map(uniform_index(n),
                      [values = std::move(values)](std::size_t i) { return values[i]; });
}

/// rc::gen::element, shrinking toward earlier elements.
template <typename T, typename... Ts>
rc::Gen<T> element(T first, Ts... rest) {
  return element_of(std::vector<T>{std::move(first), T(std::move(rest))...});
}

/// A uniform pick of [lo, hi] that shrinks toward `simplest`, then ever farther from it
/// (rc::gen::inRange shrinks toward its lower bound).
inline rc::Gen<std::ptrdiff_t> around(std::ptrdiff_t simplest, std::ptrdiff_t lo,
                                      std::ptrdiff_t hi) {
  std::vector<std::ptrdiff_t> v{simplest};
  for (std::ptrdiff_t d = 1; simplest - d >= lo || simplest + d <= hi; ++d) {
    if (simplest + d <= hi) v.push_back(simplest + d);
    if (simplest - d >= lo) v.push_back(simplest - d);
  }
  return element_of(v);
}

/// rc::gen::weightedOneOf, shrinking first toward earlier alternatives (each redrawn from the
/// same random), then within the chosen one.
template <typename T>
rc::Gen<T> weighted_one_of(std::vector<std::pair<std::size_t, rc::Gen<T>>> pairs) {
  std::vector<std::size_t> weights;
  std::vector<rc::Gen<T>> gens;
  for (auto &p : pairs) {
    weights.push_back(p.first);
    gens.push_back(std::move(p.second));
  }
  return rc::gen::mapcat(weighted_index(std::move(weights)),
                         [gens](std::size_t i) { return gens[i]; });
}

namespace detail {

// The elements of a sequence being shrunk, and whether an element shrank last: removals are
// then tried after the element shrinks instead of before them, so that a sequence no removal
// can shorten (64 dimensions where ndim 64 is the point) does not retry every removal after
// each simplified element, yet no removal is left untried at the end.
template <typename T>
struct Elements {
  std::vector<rc::Shrinkable<T>> items;
  bool element_shrank = false;
};

template <typename T>
rc::Seq<Elements<T>> shrinks_of(const Elements<T> &e, std::size_t min) {
  using Items = std::vector<rc::Shrinkable<T>>;
  const auto removals = [min](const Items &items) {
    return rc::seq::map(rc::seq::filter(rc::shrink::removeChunks(items),
                                        [min](const Items &s) { return s.size() >= min; }),
                        [](Items &&s) {
                          return Elements<T>{std::move(s), false};
                        });
  };
  auto elements = rc::seq::map(
      rc::shrink::eachElement(e.items, [](const rc::Shrinkable<T> &s) { return s.shrinks(); }),
      [](Items &&s) {
        return Elements<T>{std::move(s), true};
      });
  if (e.element_shrank) return rc::seq::concat(std::move(elements), removals(e.items));
  return rc::seq::concat(removals(e.items), std::move(elements));
}

}  // namespace detail

/// A vector whose length is drawn from `count` and whose element i is drawn from
/// `element(length, the elements before it)`. It shrinks by removing chunks of elements (never
/// below `min` of them) and by shrinking each element; the others are kept, so a removed
/// dimension takes its own extent and strides with it and a removed call leaves the other calls
/// as they were.
template <typename T>
rc::Gen<std::vector<T>> sequence(rc::Gen<int> count,
                                 std::function<rc::Gen<T>(int, const std::vector<T> &)> element,
                                 std::size_t min = 0) {
  return [=](const rc::Random &random, int size) {
    rc::Random r = random;
    const int n = count(r.split(), size).value();
    detail::Elements<T> start;
    std::vector<T> before;
    for (int i = 0; i < n; ++i) {
      start.items.push_back(element(n, before)(r.split(), size));
      before.push_back(start.items.back().value());
    }
    return rc::shrinkable::map(rc::shrinkable::shrinkRecur(std::move(start),
                                                           [min](const detail::Elements<T> &e) {
                                                             return detail::shrinks_of(e, min);
                                                           }),
                               [](const detail::Elements<T> &e) {
                                 std::vector<T> v;
                                 for (const auto &s : e.items) v.push_back(s.value());
                                 return v;
                               });
  };
}

/// `items` as they are, shrinking by removing chunks of them (never below `min`).
template <typename T>
rc::Gen<std::vector<T>> sublist(std::vector<T> items, std::size_t min = 1) {
  const int n = int(items.size());
  return sequence<T>(
      rc::gen::just(n),
      [items](int, const std::vector<T> &before) { return rc::gen::just(items[before.size()]); },
      min);
}

/// A value and a second value drawn for it, shrinking both in turn, any number of times: the
/// second is kept when the first shrinks (gen::exec would redraw it and then never shrink the
/// first again). Only for a second value that stays valid with any shrink of the first.
template <typename A, typename B>
rc::Gen<std::pair<A, B>> with_kept(rc::Gen<A> first, std::function<rc::Gen<B>(const A &)> second) {
  return [=](const rc::Random &random, int size) {
    rc::Random r = random;
    auto a = first(r.split(), size);
    auto b = second(a.value())(r.split(), size);
    return rc::shrinkable::pair(std::move(a), std::move(b));
  };
}

}  // namespace mvconf::harness::gen
