// `mvconf mutants`: the kill table of the mutation self-test.
#pragma once

#include <string>

namespace mvconf::harness {

/// Run the suite against every mutant, print the kill table (and write it as Markdown when
/// `markdown` is not empty); 0 when every mutant is killed.
int mutants_command(const std::string &cases, const std::string &markdown);

}  // namespace mvconf::harness
