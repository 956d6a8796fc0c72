#include "contiguity.h"

#include "errors.h"
#include "layout.h"

namespace mvconf::impl {
namespace {

// The stride walk shared by both tests: the expected stride starts at itemsize and is
// multiplied by every extent; only extents > 1 are checked, because stepping over a dimension
// of extent 0 or 1 never uses its stride (the definition since Python 3.5). The
// kCContigNoUnitSkip mutant checks every dimension of the C walk instead; the
// kInnermostStrideOne mutant starts the walk at 1 byte instead of itemsize.
bool strides_walk(const mvconf_buffer &view, const Rules &rules, bool fortran, bool check_all) {
  ptrdiff_t expected = rules.broken(Mutation::kInnermostStrideOne) ? 1 : view.itemsize;
  for (int k = 0; k < view.ndim; ++k) {
    const int i = fortran ? k : view.ndim - 1 - k;
    if ((check_all || view.shape[i] > 1) && view.strides[i] != expected) return false;
    expected = wrapping_mul(expected, view.shape[i]);
  }
  return true;
}

// CPython reads shape while walking strides; without a shape that is a NULL dereference.
bool report_missing_shape(const mvconf_buffer &view, const char *function, mvconf_error *err) {
  if (view.ndim >= 1 && view.shape == nullptr) {
    set_undefined(err, function, "strides given but shape is NULL");
    return true;
  }
  return false;
}

// The len == 0 short cut of both tests (the kLen0NoShortcut mutant walks the strides anyway).
bool empty_shortcut(const mvconf_buffer &view, const Rules &rules) {
  return view.len == 0 && !rules.broken(Mutation::kLen0NoShortcut);
}

// Whether rule 1 applies: any suboffsets, even all negative (kNegativeSuboffsetsIgnored
// mutant: only when one is >= 0), and before the len == 0 short cut (kSuboffsetsAfterLen0
// mutant: after it).
bool suboffsets_rule(const mvconf_buffer &view, const Rules &rules) {
  if (view.suboffsets == nullptr) return false;
  if (rules.broken(Mutation::kSuboffsetsAfterLen0) && view.len == 0) return false;
  if (!rules.broken(Mutation::kNegativeSuboffsetsIgnored)) return true;
  for (int i = 0; i < view.ndim; ++i)
    if (view.suboffsets[i] >= 0) return true;
  return false;
}

}  // namespace

bool is_known_order(char order) { return order == 'C' || order == 'F' || order == 'A'; }

int c_contiguity(const mvconf_buffer &view, const Rules &rules, const char *function,
                 mvconf_error *err) {
  if (empty_shortcut(view, rules)) return 1;
  if (view.strides == nullptr) return 1;  // no strides means C layout by definition
  if (report_missing_shape(view, function, err)) return -1;
  return strides_walk(view, rules, false, rules.broken(Mutation::kCContigNoUnitSkip)) ? 1 : 0;
}

int f_contiguity(const mvconf_buffer &view, const Rules &rules, const char *function,
                 mvconf_error *err) {
  if (empty_shortcut(view, rules)) return 1;
  if (view.strides == nullptr) {
    if (rules.broken(Mutation::kFContigNullStridesAlways)) return 1;
    // Implied C strides are also Fortran strides only when at most one extent exceeds 1.
    if (view.ndim <= 1) return 1;
    if (view.shape == nullptr) {
      set_undefined(err, function, "ndim >= 2 with shape and strides NULL");
      return -1;
    }
    int big = 0;
    for (int i = 0; i < view.ndim; ++i) big += view.shape[i] > 1 ? 1 : 0;
    return big <= 1 ? 1 : 0;
  }
  if (report_missing_shape(view, function, err)) return -1;
  return strides_walk(view, rules, true, false) ? 1 : 0;
}

int contiguity(const mvconf_buffer &view, char order, const Rules &rules, const char *function,
               mvconf_error *err) {
  // Rule order matters: suboffsets beat everything, then an unknown order is simply "no".
  if (suboffsets_rule(view, rules)) return 0;
  if (!is_known_order(order)) return rules.broken(Mutation::kInvalidOrderAnswers1) ? 1 : 0;
  if (order == 'C') return c_contiguity(view, rules, function, err);
  if (order == 'F') return f_contiguity(view, rules, function, err);
  const int c = c_contiguity(view, rules, function, err);
  if (c != 0 || rules.broken(Mutation::kAOrderCOnly)) return c;  // 1, or -1 on error
  return f_contiguity(view, rules, function, err);
}

}  // namespace mvconf::impl
