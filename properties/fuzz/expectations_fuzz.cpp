// Fuzz target: an expectations file (`--expect FILE`, docs/expectations.md). Any bytes must be
// read into entries or refused with a std::runtime_error naming the file, never a crash or
// another exception; the entries read must then answer the questions a run asks of them
// (which classes and properties they cover, whether their patterns name any property) in
// bounded time, whatever globs they hold.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "json_mutator.h"
#include "mvconf/harness/expectations.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace mvconf::harness;
  const std::string text(reinterpret_cast<const char *>(data), size);
  std::vector<Expectation> entries;
  try {
    entries = parse_expectations(text, "fuzz.json");
  } catch (const std::runtime_error &e) {
    mvconf::fuzz::check(std::string(e.what()).rfind("fuzz.json", 0) == 0,
                        std::string("an error that does not name the file: ") + e.what());
    return 0;
  }
  for (const auto &e : entries) {
    mvconf::fuzz::check(e.expect == "fail" || e.expect == "error-kind-only",
                        "an entry with expect '" + e.expect + "'");
    mvconf::fuzz::check(!e.property.empty() && !e.reason.empty(), "an entry without property");
  }
  // What a run asks, with the suite's real names and signatures as the subjects of the globs.
  expectations() = entries;
  static const std::vector<std::string> properties = {
      "GetContiguous.CopyOrShareAgreesWithCPython", "PyLifecycle.RandomCallSequences",
      "FromObject.NonBufferObjectsRaiseTypeError", "Corpus.RegressionCases"};
  static const char *const signatures[] = {
      "get_contiguous | result.readonly", "py | calls[tobytes].error: message of ValueError",
      "fill_info | error: ValueError vs oracle BufferError", "from_object | port failure: crash",
      "py | lifecycle law broken by the port"};
  for (const auto &p : properties) {
    (void)error_kind_only(p);
    for (const char *s : signatures) (void)expected_class(p, s);
  }
  try {
    check_expectation_properties(properties);
  } catch (const std::runtime_error &) {
    // A pattern that names no property: the error a run exits with.
  }
  expectations().clear();
  return 0;
}

// Half structural (entries, keys, globs), half bytes (the parser, comments).
MVCONF_FUZZ_JSON_MUTATOR(0.5)
