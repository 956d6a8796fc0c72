// RapidCheck generators: layouts valid by construction that shrink toward simple ones
// (fewer dimensions, smaller extents, C strides), and the arguments of every operation.
#pragma once

#include <rapidcheck.h>

#include <string>

#include "mvconf/fixtures/layout.h"
#include "mvconf/harness/shrinking.h"

namespace mvconf::harness::gen {

/// What a layout generator may produce.
struct LayoutOptions {
  bool pil = true;            ///< ND_PIL layouts (suboffsets)
  bool hidden_fields = true;  ///< NULL format, NULL shape/strides as a consumer may see them
  bool need_strides = false;  ///< strides always presented (GetPointer, FromContiguous)
  bool huge_ndim = false;     ///< sometimes more than 64 dimensions
  bool odd_len = false;       ///< sometimes a reported len other than the items' bytes

  /// Named variations, e.g. `LayoutOptions().with_huge_ndim().with_odd_len()`.
  LayoutOptions without_pil() const { return set(&LayoutOptions::pil, false); }
  LayoutOptions without_hidden_fields() const { return set(&LayoutOptions::hidden_fields, false); }
  LayoutOptions with_strides() const { return set(&LayoutOptions::need_strides, true); }
  LayoutOptions with_huge_ndim() const { return set(&LayoutOptions::huge_ndim, true); }
  LayoutOptions with_odd_len() const { return set(&LayoutOptions::odd_len, true); }

 private:
  LayoutOptions set(bool LayoutOptions::*field, bool value) const {
    LayoutOptions o = *this;
    o.*field = value;
    return o;
  }
};

/// A valid layout: every item address lies inside the memory.
rc::Gen<fixtures::Layout> layout(LayoutOptions options = {});
/// An order argument: 'C', 'F', 'A' mostly, and invalid ones ('X', 'c', '\0', any byte).
rc::Gen<int> order();
/// The order argument for an element-wise copy of `layout`: never an invalid order on a 0-d
/// layout, where CPython 3.11 dereferences the missing shape (a segfault, so §9 territory).
rc::Gen<int> copy_order(const fixtures::Layout &layout);
/// A buffertype argument: PyBUF_READ, PyBUF_WRITE, and other ints.
rc::Gen<int> buffertype();
/// Request flags: any combination of the PyBUF_* bits, named combinations, READ and WRITE.
rc::Gen<int> request_flags();
/// A struct-module format string: byte-order prefixes, repeat counts, every code, whitespace,
/// and sometimes what the struct module rejects (bad chars, a dangling count, huge sizes).
rc::Gen<std::string> struct_format();
/// A distribution tag for a layout: 0-d, C, F, C+F, strided, negative, zero-extent, PIL, ...
std::string classify(const fixtures::Layout &layout);

}  // namespace mvconf::harness::gen

namespace mvconf::fixtures {
/// RapidCheck's printer for generated layouts: the layout's JSON.
void showValue(const Layout &layout, std::ostream &os);
}  // namespace mvconf::fixtures
