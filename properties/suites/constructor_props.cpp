// PyMemoryView_FromObject, FromMemory and FromBuffer (spec §2.1-§2.3).
#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"
#include "mvconf/port.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;

namespace {
nlohmann::json free_order() {
  return *gen::element(std::string("result_first"), std::string("first_first"));
}
}  // namespace

// FromObject reports CPython's full layout, flags, readonly and base, registers with the
// managed buffer, rejects ndim > 64, and releases the exporter exactly when the last view goes.
MVCONF_PROP(FromObject, LayoutFlagsReadonlyBaseMatchCPython, "constructors") {
  const auto layout = *gen::layout(gen::LayoutOptions().with_huge_ndim().with_odd_len());
  const std::string via = *gen::weighted_element<std::string>({{3, "exporter"}, {1, "view"}});
  RC_TAG(gen::classify(layout), via);
  check_case(Case{"from_object", layout, {{"via", via}, {"free", free_order()}}});
}

// Objects without the buffer protocol raise CPython's TypeError naming their type, cut to a
// byte limit: long names, ASCII or with multi-byte characters across the cut, are drawn too.
MVCONF_PROP(FromObject, NonBufferObjectsRaiseTypeError, "constructors") {
  const std::string type = *gen::weighted_one_of<std::string>(
      {{4, gen::element<std::string>("int", "str", "dict", "list", "NoneType", "float", "Widget")},
       {1, rc::gen::map(rc::gen::tuple(rc::gen::inRange(150, 260),
                                       gen::element<std::string>("x", "\xc3\xa9", "\xe2\x82\xac",
                                                                 "\xf0\x9f\x98\x80")),
                        [](const std::tuple<int, std::string> &t) {
                          // ASCII up to near the cut, then a multi-byte character repeated.
                          std::string name(static_cast<std::size_t>(std::get<0>(t)) - 50, 'x');
                          while (name.size() < static_cast<std::size_t>(std::get<0>(t)))
                            name += std::get<1>(t);
                          return name;
                        })}});
  RC_TAG(type.size() > 200 ? "name over 200 bytes" : "short name");
  mvconf::fixtures::Layout unused;  // a non-buffer object has no layout; any valid one will do
  unused.shape = {1};
  unused.strides = {1};
  unused.memlen = 1;
  check_case(Case{"from_object", unused, {{"via", "non_buffer"}, {"type_name", type}}});
}

// FromMemory: read-only unless flags is exactly PyBUF_WRITE, base NULL, size 0 allowed.
MVCONF_PROP(FromMemory, ReadonlyForEveryFlagsValue, "constructors") {
  mvconf::fixtures::Layout layout;
  const auto size = *gen::weighted_one_of<std::ptrdiff_t>(
      {{1, rc::gen::just<std::ptrdiff_t>(0)}, {4, rc::gen::inRange<std::ptrdiff_t>(1, 65)}});
  layout.shape = {size};
  layout.strides = {1};
  layout.memlen = size;
  layout.fill = *rc::gen::inRange(0u, 256u);
  const int flags = *gen::weighted_one_of<int>(
      {{3, gen::element(MVCONF_BUF_READ, MVCONF_BUF_WRITE)},
       {2, gen::element(0, 1, MVCONF_BUF_READ | MVCONF_BUF_WRITE, MVCONF_BUF_WRITE | 1)},
       {1, rc::gen::arbitrary<int>()}});
  RC_TAG(flags == MVCONF_BUF_WRITE ? "WRITE" : flags == MVCONF_BUF_READ ? "READ" : "other flags");
  check_case(Case{"from_memory", layout, {{"size", size}, {"flags", flags}}});
}

// FromBuffer: copies the struct (format pointer shared, missing shape/strides rebuilt),
// ignores info->obj, rejects a NULL buf first and ndim > 64.
MVCONF_PROP(FromBuffer, CopiesInfoIgnoresObjRebuildsShape, "constructors") {
  const auto layout = *gen::layout(gen::LayoutOptions().with_huge_ndim().with_odd_len());
  const bool buf_null = *gen::weighted_element<bool>({{7, false}, {1, true}});
  const bool obj_set = *rc::gen::arbitrary<bool>();
  RC_TAG(gen::classify(layout), buf_null ? "buf NULL" : "buf set");
  check_case(Case{"from_buffer", layout, {{"buf_null", buf_null}, {"obj_set", obj_set}}});
}
