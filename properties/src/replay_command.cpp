#include "replay_command.h"

#include <cstdio>

#include "mvconf/harness/check.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/expectations.h"

namespace mvconf::harness {
namespace {

// The same reasons a property is skipped for: a feature one side does not declare.
std::string skip_reason(const Case &c) {
  const char *feature = feature_of(c.op);
  if (!subject_has(feature))
    return std::string("port does not implement feature '") + feature + "'";
  if (!oracle().has(feature))
    return std::string("oracle does not implement feature '") + feature + "'";
  if (has_unhashable_exporter(c) &&
      !(subject_has("exporter_hash") && oracle().has("exporter_hash")))
    return "unhashable exporter, and a side does not declare exporter_hash";
  return "";
}

// A line that names its property is judged by that property's expectations; a line that does
// not is matched on its class alone (docs/expectations.md).
const Expectation *expected(const std::string &property, const std::string &signature) {
  if (!property.empty()) return expected_class(property, signature);
  for (const auto &e : expectations())
    if (e.expect == "fail" && names_class(e, signature)) return &e;
  return nullptr;
}

}  // namespace

int replay_command(const std::vector<std::string> &paths, bool verbose) {
  int passed = 0, expected_n = 0, failed = 0, skipped = 0, invalid = 0;
  for (const auto &path : paths) {
    std::vector<CorpusEntry> entries;
    try {
      entries = load_corpus(path);
    } catch (const std::exception &e) {
      std::fprintf(stderr, "mvconf: %s\n", e.what());
      return 2;
    }
    for (const auto &entry : entries) {
      if (!entry.error.empty()) {
        ++invalid;
        std::printf("INVALID %s: %s\n", entry.where.c_str(), entry.error.c_str());
        continue;
      }
      if (std::string why = skip_reason(entry.c); !why.empty()) {
        ++skipped;
        std::printf("SKIP %s: %s\n", entry.where.c_str(), why.c_str());
        continue;
      }
      Outcome want;
      const Divergence d = compare_case(entry.c, &want, entry.property);
      if (verbose)
        std::printf("%s\n  case: %s\n  %s: %s\n", entry.where.c_str(), to_line(entry.c).c_str(),
                    oracle().name().c_str(),
                    want.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      if (!d) {
        ++passed;
        continue;
      }
      std::string fresh, known;
      for (const auto &k : d.classes) {
        if (const Expectation *e = expected(entry.property, k))
          known += "\n  expected class " + k + " (" + e->reason + ")";
        else
          fresh += "\n  new class " + k;
      }
      if (fresh.empty()) {
        ++expected_n;
        std::printf("EXPECTED %s:%s\n", entry.where.c_str(), known.c_str());
        continue;
      }
      ++failed;
      std::printf("DIFF %s\n%s\n", entry.where.c_str(), d.report.c_str());
    }
  }
  std::printf("replay: %d passed, %d expected, %d skipped, %d failed, %d invalid\n", passed,
              expected_n, skipped, failed, invalid);
  if (passed + expected_n + failed == 0) {
    std::printf("NOT A PASS: no case was compared\n");
    return 1;
  }
  return failed || invalid ? 1 : 0;
}

}  // namespace mvconf::harness
