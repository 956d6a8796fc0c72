// PyMemoryView_Check, GET_BUFFER and GET_BASE after every constructor (spec §2.5). Every
// constructor outcome already records Check() of the view and of the exporter, the whole
// GET_BUFFER struct and the classified GET_BASE; these properties sweep the constructors.
#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"
#include "mvconf/port.h"

using mvconf::harness::Case;
namespace gen = mvconf::harness::gen;

namespace {

Case any_constructor_case() {
  const auto layout = *gen::layout();
  const std::string op =
      *gen::element<std::string>("from_object", "from_buffer", "get_contiguous", "from_memory");
  RC_TAG(op);
  if (op == "from_memory") {
    mvconf::fixtures::Layout bytes;
    const std::ptrdiff_t size = *rc::gen::inRange<std::ptrdiff_t>(0, 33);
    bytes.shape = {size};
    bytes.strides = {1};
    bytes.memlen = size;
    return Case{op, bytes, {{"size", size}, {"flags", *gen::buffertype()}}};
  }
  nlohmann::json args = {{"via", *gen::element<std::string>("exporter", "view")}};
  if (op == "get_contiguous") {
    args["buffertype"] = *gen::buffertype();
    args["order"] = *gen::copy_order(layout);
  }
  return Case{op, layout, args};
}

}  // namespace

MVCONF_PROP(Check, TrueForEveryMemoryviewFalseForExporters, "constructors") {
  mvconf::harness::check_case(any_constructor_case());
}

MVCONF_PROP(GetBuffer, MatchesCPythonAfterEveryConstructor, "constructors") {
  mvconf::harness::check_case(any_constructor_case());
}

MVCONF_PROP(GetBase, MatchesCPythonAfterEveryConstructor, "constructors") {
  mvconf::harness::check_case(any_constructor_case());
}
