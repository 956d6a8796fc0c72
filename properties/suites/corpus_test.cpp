// The regression corpus: every JSON line under fixtures/cases/ is replayed on every run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "mvconf/harness/check.h"
#include "mvconf/harness/corpus.h"

namespace {

TEST(Corpus, EveryRegressionCaseMatchesCPython) {
  const auto cases = mvconf::harness::load_corpus(MVCONF_CORPUS_DIR);
  ASSERT_FALSE(cases.empty()) << "no cases found under " << MVCONF_CORPUS_DIR;
  int skipped = 0;
  for (const auto &entry : cases) {
    if (!mvconf::harness::subject_has(mvconf::harness::feature_of(entry.c.op))) {
      ++skipped;
      continue;
    }
    EXPECT_EQ(mvconf::harness::compare_case(entry.c), "") << entry.where;
  }
  RecordProperty("cases", int(cases.size()));
  RecordProperty("skipped", skipped);
}

}  // namespace
