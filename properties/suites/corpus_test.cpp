// The regression corpus: every JSON line under fixtures/cases/ is replayed on every run.
#include "mvconf/harness/corpus.h"

#include <gtest/gtest.h>

#include <string>

#include "mvconf/harness/check.h"
#include "mvconf/harness/expectations.h"

namespace {

using mvconf::harness::corpus_dir;

TEST(Corpus, EveryRegressionCaseMatchesCPython) {
  // Named "corpus/FILE:LINE" in reports, not by this machine's path (`mvconf --version` says
  // where the corpus is): committed reports then read the same wherever they were made.
  const auto cases = mvconf::harness::load_corpus(corpus_dir(), "corpus");
  ASSERT_FALSE(cases.empty()) << "no cases found under " << corpus_dir();
  int skipped = 0;
  for (const auto &entry : cases) {
    if (!entry.error.empty()) {
      ADD_FAILURE() << entry.where << ": " << entry.error;
      continue;
    }
    if (!mvconf::harness::subject_has(mvconf::harness::feature_of(entry.c.op))) {
      ++skipped;
      continue;
    }
    // Unhashable exporters go only to ports that know mvconf_exporter.hash, on both sides.
    if (mvconf::harness::has_unhashable_exporter(entry.c) &&
        !(mvconf::harness::subject_has("exporter_hash") &&
          mvconf::harness::oracle().has("exporter_hash"))) {
      ++skipped;
      continue;
    }
    const std::string property = mvconf::harness::current_property();
    if (const auto d = mvconf::harness::compare_case(entry.c, nullptr, property))
      mvconf::harness::record_divergence(property, d.classes, mvconf::harness::to_line(entry.c),
                                         entry.where + ": " + d.report);
  }
  // Corpus cases are minimal already: each class is reported with its first case.
  for (const auto &k : mvconf::harness::property_classes()[mvconf::harness::current_property()])
    if (!mvconf::harness::expected_class(mvconf::harness::current_property(), k.signature))
      ADD_FAILURE() << k.cases << " case(s) of class " << k.signature << "\n" << k.report;
  RecordProperty("cases", int(cases.size()));
  RecordProperty("skipped", skipped);
}

}  // namespace
