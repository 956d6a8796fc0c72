// Reading JSON-lines case files (the regression corpus, `mvconf replay` input).
#pragma once

#include <string>
#include <vector>

#include "mvconf/harness/case.h"

namespace mvconf::harness {

/// A case with where it came from ("file:line").
struct CorpusEntry {
  Case c;
  std::string where;
};

/// Every case of a .jsonl file, or of every .jsonl file in a directory (sorted). Blank lines
/// and lines starting with '#' are skipped; a malformed line throws with its location.
std::vector<CorpusEntry> load_corpus(const std::string &path);
/// The port feature an operation belongs to.
const char *feature_of(const std::string &op);

}  // namespace mvconf::harness
