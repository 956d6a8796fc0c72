// The lifecycle law of spec §1.1 and §5.9, checked on every "py" case outcome: a model that
// knows nothing of layouts replays the sequence from its observed results and predicts, after
// every step, how many buffers the exporter still holds and each view's export counts.
#pragma once

#include <string>

#include "mvconf/harness/case.h"

namespace mvconf::harness {

/// True for the calls that take a view slot whatever they return: the view they make, or an
/// empty slot when they fail, are skipped or return a value, so indices stay predictable.
inline bool takes_view_slot(const std::string &method) {
  return method == "create" || method == "memoryview" || method == "getitem" || method == "cast" ||
         method == "toreadonly" || method == "buffer";
}

/// "" when outcome `o` of "py" case c obeys the law: the exporter's buffer is held while (and
/// only while) some view made from it is neither released nor gone (a freed view lives on
/// while it has exports), each view's `exports` equals its unreleased exports and its
/// `mbuf_exports` the views registered with its managed buffer. A PEP 688 `buffer` view starts
/// a managed buffer that holds one export of the view it was called on while it has a
/// registered view (so it counts in that view's `exports`, not in the exporter's `held`).
/// Otherwise the first violation.
std::string lifecycle_violation(const Case &c, const Outcome &o);

}  // namespace mvconf::harness
