// ABI 1.1: PyObject_GetBuffer on a memoryview (memory_getbuf, spec §4.8) and on an exporter,
// memoryview.release() with exports outstanding (§5.9), PyBuffer_SizeFromFormat (§4.7) and
// PyObject_CopyData (§4.3).
#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;

// Every request flag combination on every kind of view (C, F, strided, negative, 0-d, empty,
// PIL, read-only, released), 1 or 2 exports, release refused while exported, export counts.
MVCONF_PROP(Reexport, EveryRequestOnEveryViewMatchesCPython, "reexport") {
  const auto layout = *gen::layout();
  const bool released = *gen::weighted_element<bool>({{7, false}, {1, true}});
  const std::string via = *gen::weighted_element<std::string>({{5, "view"}, {1, "exporter"}});
  const int exports = *gen::weighted_element<int>({{3, 1}, {1, 2}});
  RC_TAG(gen::classify(layout), released ? "released" : via == "exporter" ? "exporter" : "view");
  check_case(Case{"reexport",
                  layout,
                  {{"flags", *gen::request_flags()},
                   {"released", released},
                   {"via", via},
                   {"exports", exports}}});
}

// PyBuffer_SizeFromFormat is struct.calcsize, errors included.
MVCONF_PROP(SizeFromFormat, MatchesStructCalcsize, "size_from_format") {
  const std::string format = *gen::struct_format();
  mvconf::fixtures::Layout unused;
  unused.shape = {1};
  unused.strides = {1};
  unused.memlen = 1;
  RC_CLASSIFY(format.find_first_of("ZTgw{}:&u0") != std::string::npos, "bad char");
  RC_CLASSIFY(format.find("9223372036854775807") != std::string::npos, "too long");
  check_case(Case{"size_from_format", unused, {{"format", format}}});
}

// PyObject_CopyData between same-shaped buffers (the only defined slow path), memcpy when both
// are C- or both F-contiguous, element by element otherwise; errors for non-buffers, read-only
// destinations and short destinations.
MVCONF_PROP(CopyData, SameShapeCopiesMatchCPython, "copy_data") {
  const auto dest = *gen::layout(gen::LayoutOptions().without_hidden_fields());
  auto src = *gen::layout(gen::LayoutOptions().without_hidden_fields());
  // Same shape and itemsize as dest (spec §9), its own strides, offset and memory.
  if (src.ndim != dest.ndim || src.itemsize != dest.itemsize || src.shape != dest.shape) {
    src.ndim = dest.ndim;
    src.itemsize = dest.itemsize;
    src.format = dest.format;
    src.shape = dest.shape;
    src.strides = *gen::element(mvconf::fixtures::c_strides(dest.shape, dest.itemsize),
                                mvconf::fixtures::f_strides(dest.shape, dest.itemsize));
    src.pil = false;
    src.negative_suboffsets = false;
    mvconf::fixtures::fit_memory(src);
  }
  if (dest.ndim > 64) return;  // not a case; not discarded either (see GetPointer.MatchesCPython)
  const auto via = [] {
    return *gen::weighted_element<std::string>({{6, "exporter"}, {2, "view"}, {1, "non_buffer"}});
  };
  const std::string dest_via = via(), src_via = via();
  RC_TAG(gen::classify(dest), gen::classify(src));
  check_case(
      Case{"copy_data", dest, {{"src_layout", src}, {"dest_via", dest_via}, {"src_via", src_via}}});
}
