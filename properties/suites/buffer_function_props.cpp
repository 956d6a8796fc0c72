// PyBuffer_ToContiguous, FromContiguous, FillContiguousStrides, GetPointer and FillInfo,
// byte for byte (spec §4.1-§4.6).
#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;

MVCONF_PROP(ToContiguous, BytesMatchCPython, "buffer_functions") {
  const auto layout = *gen::layout();
  const auto delta = *gen::weighted_one_of<std::ptrdiff_t>(
      {{8, rc::gen::just<std::ptrdiff_t>(0)}, {1, rc::gen::inRange<std::ptrdiff_t>(-3, 4)}});
  RC_TAG(gen::classify(layout));
  check_case(
      Case{"to_contiguous", layout, {{"order", *gen::copy_order(layout)}, {"len_delta", delta}}});
}

MVCONF_PROP(FromContiguous, MemoryMatchesCPython, "buffer_functions") {
  // The slow path dereferences strides, so this operation always presents them (spec §9).
  const auto layout = *gen::layout(gen::LayoutOptions().with_strides());
  const std::ptrdiff_t len = layout.reported_len();
  const auto data_len =
      *gen::weighted_one_of<std::ptrdiff_t>({{4, rc::gen::just(len)},
                                             {2, rc::gen::inRange<std::ptrdiff_t>(0, len + 1)},
                                             {1, rc::gen::inRange<std::ptrdiff_t>(len, len + 9)}});
  RC_TAG(gen::classify(layout), data_len == len ? "len" : data_len < len ? "short" : "long");
  check_case(Case{"from_contiguous", layout, {{"order", *gen::order()}, {"data_len", data_len}}});
}

MVCONF_PROP(FillContiguousStrides, MatchesCPython, "buffer_functions") {
  auto layout =
      *gen::layout(gen::LayoutOptions().without_pil().without_hidden_fields().with_strides());
  RC_TAG(layout.ndim == 0 ? "0-d" : layout.items() == 0 ? "zero-extent" : "non-empty");
  check_case(Case{"fill_contiguous_strides", layout, {{"order", *gen::order()}}});
}

MVCONF_PROP(GetPointer, MatchesCPython, "buffer_functions") {
  const auto layout = *gen::layout(gen::LayoutOptions().without_hidden_fields().with_strides());
  std::vector<std::ptrdiff_t> indices;
  for (int d = 0; d < layout.ndim; ++d) {
    const std::ptrdiff_t n = layout.shape[d];
    // Pointer tables are dereferenced, so PIL indices stay in bounds; elsewhere the C API
    // does no bounds checking and neither may a port.
    if (layout.pil && n > 0)
      indices.push_back(*rc::gen::inRange<std::ptrdiff_t>(0, n));
    else if (layout.pil)
      indices.push_back(0);
    else
      indices.push_back(*gen::weighted_one_of<std::ptrdiff_t>(
          {{4, rc::gen::inRange<std::ptrdiff_t>(0, n > 0 ? n : 1)},
           {1, rc::gen::inRange<std::ptrdiff_t>(-3, n + 3)}}));
  }
  // A PIL table with no entries has nothing to dereference: no case. Returned from rather than
  // discarded (RC_PRE), so RapidCheck's walk of the cases, which shards split, stays regular.
  if (layout.pil && layout.shape[0] == 0) return;
  RC_TAG(gen::classify(layout));
  check_case(Case{"get_pointer", layout, {{"indices", indices}}});
}

MVCONF_PROP(FillInfo, MatchesCPython, "buffer_functions") {
  mvconf::fixtures::Layout bytes;
  const std::ptrdiff_t size = *rc::gen::inRange<std::ptrdiff_t>(0, 17);
  bytes.shape = {size};
  bytes.strides = {1};
  bytes.memlen = size;
  const int readonly = *gen::element(0, 1, 2, -1);
  const int flags = *gen::request_flags();
  const bool view_null = *gen::weighted_element<bool>({{9, false}, {1, true}});
  RC_TAG(readonly, (flags & MVCONF_BUF_WRITABLE) ? "WRITABLE" : "no WRITABLE");
  // len and buf are stored as given, never checked: vary them too.
  const auto len = *gen::weighted_one_of<std::ptrdiff_t>(
      {{4, rc::gen::just(size)}, {1, rc::gen::inRange<std::ptrdiff_t>(-2, size + 4)}});
  check_case(Case{"fill_info",
                  bytes,
                  {{"readonly", readonly},
                   {"flags", flags},
                   {"len", len},
                   {"view_null", view_null},
                   {"obj_set", *rc::gen::arbitrary<bool>()},
                   {"buf_null", *gen::weighted_element<bool>({{7, false}, {1, true}})}}});
}
