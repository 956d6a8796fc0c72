// What the harness's unit tests ask of a case line: the error that refuses it.
#pragma once

#include <string>

#include "mvconf/harness/corpus.h"

namespace mvconf::harness {

/// The error of a case line: "" when it is a valid case.
inline std::string error_of(const std::string &line) {
  return parse_case_line(line, "test:1").error;
}

}  // namespace mvconf::harness
