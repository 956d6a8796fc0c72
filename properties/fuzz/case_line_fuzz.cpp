// Fuzz target: a case line as corpus files and `mvconf replay` give it (bounded JSON, the
// schema, validate()). Any bytes must come back as a case or as an error naming the problem,
// never a crash or an exception. A case accepted must be one the harness can afford (its
// memory and its logical length within validate()'s 2**28 bytes: the buffer functions and
// tobytes copy that many), must print (to_line) as a line accepted again and equal, and must
// make the Python snippet a failure report shows.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "json_mutator.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/repro.h"

namespace {

using mvconf::fuzz::check;

// Bytes the exporter allocates (one block per PIL sub-array).
std::ptrdiff_t memory_of(const mvconf::fixtures::Layout &l) {
  return l.pil && l.ndim >= 1 ? l.memlen * l.shape[0] : l.memlen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace mvconf::harness;
  const std::string line(reinterpret_cast<const char *>(data), size);
  const CorpusEntry entry = parse_case_line(line, "fuzz:1");
  if (!entry.error.empty()) {
    // (Not required to be UTF-8: nlohmann's parse errors quote the line cut mid-character, and
    // every report escapes what it prints, divergence.h printable().)
    check(entry.error.rfind("not a case: ", 0) == 0 || entry.error.rfind("invalid case: ", 0) == 0,
          "an error that does not say what is wrong: " + entry.error);
    return 0;
  }
  const auto &l = entry.c.layout;
  constexpr std::ptrdiff_t kMax = std::ptrdiff_t{1} << 28;
  check(memory_of(l) <= kMax, "a valid case allocates more than 2**28 bytes: " + line);
  check(l.items() <= kMax / l.itemsize,
        "a valid case's buffer is longer than 2**28 bytes (copies allocate that): " + line);
  const std::string again = to_line(entry.c, entry.property);
  const CorpusEntry reread = parse_case_line(again, "fuzz:2");
  check(reread.error.empty(), "a valid case prints as an invalid line: " + again + " (" +
                                  reread.error + "), read from: " + line);
  check(to_line(reread.c, reread.property) == again, "a case line does not round-trip: " + again);
  (void)feature_of(entry.c.op);
  // The snippet fills and hex-dumps the exporter's memory: only for memory a run can afford.
  if (memory_of(l) <= (std::ptrdiff_t{1} << 20)) (void)python_snippet(entry.c, "impl");
  return 0;
}

// Half of the changes keep the JSON (to reach the schema and validate()), half are
// libFuzzer's byte mutations (to reach the parser's errors).
MVCONF_FUZZ_JSON_MUTATOR(0.5)
