// Fuzz target: the impl's C slots through its port table (impl/src/port_table.cpp), given only
// what a harness gives a port. The input is a case line, and only a line the harness accepts
// (schema and validate()) is run: anything else is not legal input to a port. The case runs
// as a conformance run runs it (run_case: the fixtures' exporters and memory, whose guards
// ASan poisons), so is_contiguous, to_contiguous, from_contiguous, get_pointer and py_call,
// and every other slot a case reaches, see exactly what they see there, on one of impl:3.8 to
// impl:3.13 picked from the input's bytes. Checked besides the sanitizers: no valid case gets
// the impl's own "mvconf impl: ..." SystemError (kept for CPython's undefined behaviour, which
// validate() excludes, and for exceptions caught at the slot boundary, which are impl bugs),
// no export is left outstanding, a py case obeys the lifecycle law, get_pointer stays in the
// memory for indices inside the shape, and to_contiguous neither writes past len nor into the
// exporter's memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "json_mutator.h"
#include "mvconf/fixtures/memory.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/run_case.h"
#include "mvconf/impl/impl.h"

namespace {

using mvconf::fixtures::Layout;
using mvconf::fuzz::check;
using nlohmann::json;

// Memory and buffer length a fuzz input may ask for: far below validate()'s 2**28, so that
// one input costs milliseconds (the arithmetic limits are validate()'s, not these).
constexpr std::ptrdiff_t kBudget = std::ptrdiff_t{1} << 20;

bool affordable(const Layout &l) {
  const std::ptrdiff_t memory = l.pil && l.ndim >= 1 ? l.memlen * l.shape[0] : l.memlen;
  return memory <= kBudget && l.items() <= kBudget / l.itemsize;
}

bool affordable(const mvconf::harness::Case &c) {
  if (!affordable(c.layout)) return false;
  if (c.args.contains("src_layout") && !affordable(c.args["src_layout"].get<Layout>()))
    return false;
  for (const auto &o : c.args.value("others", json::array()))
    if (!affordable(o.get<Layout>())) return false;
  return true;
}

// impl:3.8 .. impl:3.13, from an FNV-1a hash of the input: the same input, the same target.
const mvconf_port *port_for_input(const std::uint8_t *data, std::size_t size) {
  std::uint32_t h = 2166136261u;
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 16777619u;
  static const char *const targets[] = {"3.8", "3.9", "3.10", "3.11", "3.12", "3.13"};
  return mvconf::impl::port_for(targets[h % 6]);
}

// The first string anywhere in `j` that starts with `prefix`, or "".
std::string find_prefixed(const json &j, const std::string &prefix) {
  if (j.is_string())
    return j.get_ref<const std::string &>().rfind(prefix, 0) == 0 ? j.get<std::string>() : "";
  if (j.is_structured())
    for (const auto &v : j)
      if (std::string s = find_prefixed(v, prefix); !s.empty()) return s;
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace mvconf::harness;
  const std::string line(reinterpret_cast<const char *>(data), size);
  const CorpusEntry entry = parse_case_line(line, "fuzz:1");
  if (!entry.error.empty() || !affordable(entry.c)) return 0;
  const Case &c = entry.c;
  const mvconf_port *port = port_for_input(data, size);
  // A run never asks a port for a feature it does not declare (3.8 has no size_from_format).
  if (!declares(port, feature_of(c.op))) return 0;
  const Outcome out = run_case(c, port);
  const std::string on = std::string(" on ") + port->name + ": " + line;
  check(!out.contains("port_failure"), "the impl misses a slot for " + c.op + on);
  const std::string own = find_prefixed(out, "mvconf impl: ");
  check(own.empty(), "a valid case got the impl's own error '" + own + "'" + on);
  check(out.value("exports_outstanding", 0) == 0, "exports left outstanding" + on);
  if (c.op == "py") {
    const std::string broken = lifecycle_violation(c, out);
    check(broken.empty(), "the lifecycle law is broken " + broken + on);
  }
  if (c.op == "get_pointer") {
    // An index inside every extent points at an item of the memory (PIL: of a sub-block).
    const auto idx = c.args.value("indices", std::vector<std::ptrdiff_t>{});
    bool inside = true;
    for (std::size_t i = 0; i < idx.size(); ++i)
      inside = inside && idx[i] >= 0 && idx[i] < c.layout.shape[i];
    check(!inside || out.at("pointer").value("region", json()) == "data",
          "get_pointer left the memory for indices inside the shape" + on);
  }
  if (c.op == "to_contiguous") {
    const std::string written = out.at("written").get<std::string>();
    check(
        written.size() >= 32 && written.compare(written.size() - 32, 32, std::string(32, 'e')) == 0,
        "to_contiguous wrote past len" + on);
    check(out.at("memory_after") == mvconf::fixtures::Memory(c.layout).data_hex(),
          "to_contiguous wrote into its source" + on);
  }
  return 0;
}

// Almost only structural: an input that is not a valid case never reaches a slot.
MVCONF_FUZZ_JSON_MUTATOR(0.9)
