// PyMemoryView_GetContiguous (spec §2.4): share or copy, readonly, strides and bytes of the
// copy, base, and errors, for every buffertype and order, valid or not.
#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;

MVCONF_PROP(GetContiguous, CopyOrShareAgreesWithCPython, "constructors") {
  const auto layout = *gen::layout(gen::LayoutOptions().with_huge_ndim());
  const std::string via =
      *gen::weighted_element<std::string>({{6, "exporter"}, {2, "view"}, {1, "non_buffer"}});
  const int type = *gen::buffertype();
  const int order = *gen::copy_order(layout);
  RC_TAG(gen::classify(layout));
  check_case(Case{"get_contiguous",
                  layout,
                  {{"via", via},
                   {"buffertype", type},
                   {"order", order},
                   {"type_name", "int"},
                   {"free", *gen::element<std::string>("result_first", "first_first")}}});
}
