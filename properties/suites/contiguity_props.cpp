// PyBuffer_IsContiguous and the memoryview contiguity flags (spec §1.4, §3).
#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;

// IsContiguous answers CPython's 0/1 for every layout and every order byte, valid or not.
MVCONF_PROP(IsContiguous, AgreesWithCPythonForEveryOrder, "buffer_functions") {
  const auto layout = *gen::layout(gen::LayoutOptions().with_odd_len());
  RC_TAG(gen::classify(layout));
  check_case(Case{"is_contiguous", layout, {{"order", *gen::order()}}});
}

// The C/FORTRAN/SCALAR/PIL flags a memoryview computes at creation equal CPython's.
MVCONF_PROP(ContiguityFlags, AgreeWithCPython, "constructors") {
  const auto layout = *gen::layout();
  RC_TAG(gen::classify(layout));
  check_case(Case{"from_object", layout, {{"via", "exporter"}}});
}

// Empty 1-D views: the flags say "not contiguous" when the stride is not itemsize although
// IsContiguous says 1 (the len == 0 short cut); both answers must match CPython's.
MVCONF_PROP(ContiguityFlags, EmptyOneDimensionalViews, "constructors") {
  auto layout =
      *gen::layout(gen::LayoutOptions().without_pil().without_hidden_fields().with_strides());
  layout.ndim = 1;
  layout.shape = {0};
  layout.strides = {*rc::gen::inRange<std::ptrdiff_t>(-20, 21)};
  layout.offset = *rc::gen::inRange<std::ptrdiff_t>(0, 4);
  layout.memlen = layout.offset + *rc::gen::inRange<std::ptrdiff_t>(0, 4);
  RC_TAG(layout.strides[0] == layout.itemsize ? "stride==itemsize" : "stride!=itemsize");
  const bool flags = *rc::gen::arbitrary<bool>();
  if (flags)
    check_case(Case{"from_object", layout, {{"via", "exporter"}}});
  else
    check_case(Case{"is_contiguous", layout, {{"order", *gen::order()}}});
}
