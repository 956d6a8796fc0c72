// Known divergences a port ships with (like test262's and WPT's expectation files), by class:
// a run fails on a class no entry names, even inside a property with expected classes, and on
// an entry whose class no longer occurs (docs/expectations.md).
#pragma once

#include <string>
#include <vector>

#include "mvconf/harness/case.h"

namespace mvconf::harness {

/// One entry. expect == "fail": classes whose signature matches the glob `klass`, met by
/// properties matching the glob `property`, are expected. expect == "error-kind-only": in
/// matching properties, errors are compared by type only.
struct Expectation {
  std::string property;
  std::string klass;
  std::string expect;
  std::string reason;
  std::string where;  ///< "FILE: expectations[K]", for messages
};

/// The expectations of this run (empty unless --expect FILE).
std::vector<Expectation> &expectations();
/// Read an expectations file; throws std::runtime_error naming the file and the entry on any
/// unknown key, wrong type, or entry without a class. When `oracle` is given, it receives the
/// file's "oracle" (the port spec its classes are differences from), or "" when it names none.
std::vector<Expectation> load_expectations(const std::string &path, std::string *oracle = nullptr);
/// The expectations in `text`, the contents of the file `path` (named in every error); throws
/// like load_expectations. A new key is read here and added to its list of known keys.
std::vector<Expectation> parse_expectations(const std::string &text, const std::string &path,
                                            std::string *oracle = nullptr);
/// Throws unless every entry's property glob matches one of `properties` (all the suite's
/// properties, not only those selected): a misspelt pattern must not expect nothing silently.
void check_expectation_properties(const std::vector<std::string> &properties);
/// The "fail" entry expecting class `signature` of `property`, or nullptr.
const Expectation *expected_class(const std::string &property, const std::string &signature);
/// True when `e` is a "fail" entry that covers `property`.
bool covers(const Expectation &e, const std::string &property);
/// True when `text` is `pattern`, or matches it as a glob (how a class names a signature).
bool glob_names(const std::string &pattern, const std::string &text);
/// True when e's class glob matches `signature`.
bool names_class(const Expectation &e, const std::string &signature);
/// True when the running property (or the case's own property, in replay) compares errors by
/// type only.
bool error_kind_only(const std::string &property);
/// Outcomes with every error message dropped (what "error-kind-only" compares).
Outcome kind_only(const Outcome &j);

}  // namespace mvconf::harness
