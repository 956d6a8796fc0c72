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
  std::string property;  ///< the property the line names ("" when it names none)
  std::string error;     ///< why the line is not a valid case ("" when it is)
};

/// One case line, parsed (bounded, bounded_json.h), checked against the schema and validated:
/// an entry with its error when it is not a valid case. Never throws.
CorpusEntry parse_case_line(const std::string &line, const std::string &where);
/// Every case of a .jsonl file, or of every .jsonl file in a directory (sorted). Blank lines
/// and lines starting with '#' are skipped; a malformed line (unknown key, wrong type, invalid
/// layout) is an entry with its error. Throws when the path cannot be read. Each entry's
/// `where` is "FILE:LINE" with FILE as `path` names it, or, given a `label`, "LABEL/NAME:LINE"
/// for the files of a directory (reports then read the same on every machine).
std::vector<CorpusEntry> load_corpus(const std::string &path, const std::string &label = "");
/// The regression corpus: $MVCONF_CORPUS when set, else the `cases` directory of the install
/// layout's data directory, found from the executable (in a build tree, a link to
/// fixtures/cases; installed, share/mvconf/cases).
std::string corpus_dir();
/// The port feature an operation belongs to.
const char *feature_of(const std::string &op);

}  // namespace mvconf::harness
