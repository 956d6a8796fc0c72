// Iteration of the Python-level memoryview (spec §5.12): list(iter(m)), x in m and
// list(reversed(m)). Up to 3.9 memoryview has no __iter__, so iter() and `in` go through the
// sequence protocol (m[0], m[1], ... until IndexError); from 3.10 its own iterator checks the
// view once, when iter() is called. reversed() uses len() and the sequence protocol everywhere.
#include <cmath>
#include <string>
#include <vector>

#include "errors.h"
#include "layout.h"
#include "memoryview.h"
#include "objects.h"
#include "py_api.h"
#include "py_format.h"
#include "py_values.h"

namespace mvconf::impl::py {
namespace {

enum class Step { kItem, kEnd, kError };

// m[i] as the sequence protocol (sq_item) asks for it: the format is checked before the
// dimensions (observed: a 0-d or empty 2-D view of an unsupported format reports the format),
// and an index past the end is the IndexError that ends iteration.
Step sequence_item(Call &call, ptrdiff_t i, Value *item) {
  if (released(call)) return Step::kError;
  const mvconf_buffer &view = call.self->view();
  const char c = item_char(view.format, call.rules, call.err);
  if (c == '\0') return Step::kError;
  if (view.ndim == 0)
    return fail(call, "TypeError", "invalid indexing of 0-dim memory"), Step::kError;
  if (view.ndim > 1)
    return fail(call, "NotImplementedError", "multi-dimensional sub-views are not implemented"),
           Step::kError;
  if (i < 0 || i >= view.shape[0]) return Step::kEnd;
  if (!item_supported(c, call.rules, call.err)) return Step::kError;
  *item = unpack(c, element_pointer(view, &i));
  return Step::kItem;
}

// The checks of memoryview.__iter__ (3.10+), in CPython's order (observed: a released 0-d,
// 2-D or unsupported-format view reports those first); `c` gets the format char. For a
// released view __iter__ sets the ValueError but returns an iterator, which the iter()
// builtin turns into a SystemError or not, varying run to run; the slot's error is compared.
bool iterator_checks(Call &call, char *c) {
  const mvconf_buffer &view = call.self->view();
  if (view.ndim == 0) return fail(call, "TypeError", "invalid indexing of 0-dim memory");
  if (view.ndim > 1)
    return fail(call, "NotImplementedError", "multi-dimensional sub-views are not implemented");
  *c = item_char(view.format, call.rules, call.err);
  return *c != '\0' && !released(call);
}

// Visits the items of iter(m) in order until visit returns false (stop) or an item fails.
// Returns false with call.err set on an error.
template <typename Visit>
bool for_each_item(Call &call, Visit visit) {
  if (!call.rules.since(10)) {
    for (ptrdiff_t i = 0;; ++i) {
      Value item;
      const Step s = sequence_item(call, i, &item);
      if (s == Step::kError) return false;
      if (s == Step::kEnd || !visit(item)) return true;
    }
  }
  char c = '\0';
  if (!iterator_checks(call, &c)) return false;
  const mvconf_buffer &view = call.self->view();
  for (ptrdiff_t i = 0; i < view.shape[0]; ++i) {
    if (!item_supported(c, call.rules, call.err)) return false;
    if (!visit(unpack(c, element_pointer(view, &i)))) return true;
  }
  return true;
}

// A number as Python compares it: an exact integer (within __int128) or a double.
struct Number {
  bool is_float = false;
  double d = 0;
  bool fits = false;  // i holds the int (false: an int too big to equal any item)
  __int128 i = 0;
};

bool number_of(const Value &v, Number *n) {
  const Kind k = kind_of(v);
  if (k == Kind::kFloat) {
    n->is_float = true;
    float_of(v, &n->d);
    return true;
  }
  if (!is_int(v)) return false;
  const Int x = to_int(v);
  if (x.fits_i64) {
    n->fits = true;
    n->i = x.i64;
  } else if (x.fits_u64) {
    n->fits = true;
    n->i = static_cast<__int128>(x.u64);
  } else if (x.decimal.size() < 38) {
    // Big ints of the generators (±2^64 and around) still fit; parse them exactly.
    __int128 acc = 0;
    const bool neg = !x.decimal.empty() && x.decimal[0] == '-';
    for (size_t p = neg ? 1 : 0; p < x.decimal.size(); ++p) acc = acc * 10 + (x.decimal[p] - '0');
    n->fits = true;
    n->i = neg ? -acc : acc;
  }
  return true;
}

// int == float is exact in Python (no rounding of the int to a double).
bool int_equals_float(const Number &a, double d) {
  if (!a.fits || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) >= 1.7e38) return false;
  return static_cast<__int128>(d) == a.i;
}

bool numbers_equal(const Number &a, const Number &b) {
  if (a.is_float && b.is_float) return a.d == b.d;
  if (a.is_float) return int_equals_float(b, a.d);
  if (b.is_float) return int_equals_float(a, b.d);
  return a.fits && b.fits && a.i == b.i;
}

// item == x for an item of a view (int, float, bool or bytes) and an argument value. Plain
// objects, str, None, lists, Index and FloatLike define no __eq__ for items, so they are unequal;
// a memoryview argument answers through its reflected __eq__.
bool item_equals(Call &call, const Value &item, const Value &x, bool *equal) {
  *equal = false;
  const Kind xk = kind_of(x);
  if (xk == Kind::kView) {
    MemoryView *mv = view_arg(call, x);
    if (mv == nullptr) return false;
    Call sub{call.rules, mv, call.views, call.nviews, call.err};
    Value r;
    if (!eq(sub, {item}, &r)) return false;
    *equal = r.is_boolean() && r.get<bool>();
    return true;
  }
  if (kind_of(item) == Kind::kBytes) {
    *equal = (xk == Kind::kBytes || xk == Kind::kByteArray) && bytes_of(item) == bytes_of(x);
    return true;
  }
  Number a, b;
  *equal = number_of(item, &a) && number_of(x, &b) && numbers_equal(a, b);
  return true;
}

}  // namespace

bool iter(Call &call, const std::vector<Value> &args, Value *result) {
  if (!args.empty()) return fail(call, "SystemError", "mvconf impl: iter takes no arguments");
  Value items = Value::array();
  if (!for_each_item(call, [&](const Value &item) {
        items.push_back(item);
        return true;
      }))
    return false;
  *result = items;
  return true;
}

bool contains(Call &call, const std::vector<Value> &args, Value *result) {
  if (args.size() != 1) return fail(call, "SystemError", "mvconf impl: contains needs one value");
  bool found = false, failed = false;
  const bool ok = for_each_item(call, [&](const Value &item) {
    if (!item_equals(call, item, args[0], &found)) failed = true;
    return !found && !failed;
  });
  if (!ok || failed) {
    // `in` reports any TypeError of iter() as the container not being iterable (3.10+).
    if (!failed && call.rules.since(10) && call.err != nullptr &&
        std::string(call.err->type) == "TypeError")
      set_error(call.err, "TypeError", "argument of type 'memoryview' is not iterable");
    return false;
  }
  *result = found;
  return true;
}

bool reversed(Call &call, const std::vector<Value> &args, Value *result) {
  if (!args.empty()) return fail(call, "SystemError", "mvconf impl: reversed takes no arguments");
  Value n;
  if (!len(call, {}, &n)) return false;
  Value items = Value::array();
  for (ptrdiff_t i = n.get<ptrdiff_t>() - 1; i >= 0; --i) {
    Value item;
    const Step s = sequence_item(call, i, &item);
    if (s == Step::kError) return false;
    if (s == Step::kEnd) break;
    items.push_back(item);
  }
  *result = items;
  return true;
}

}  // namespace mvconf::impl::py
