// A case: one operation on one layout with its arguments. The same JSON form serves
// generation, the regression corpus, replay and failure reports.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "mvconf/fixtures/layout.h"

namespace mvconf::harness {

/// One operation of the C API applied to one layout, with its arguments.
struct Case {
  std::string op;           ///< "from_object", "get_contiguous", "is_contiguous", ...
  fixtures::Layout layout;  ///< the exporter's (or the raw buffer's) layout
  nlohmann::json args = nlohmann::json::object();  ///< op-specific arguments
};

/// The outcome of a case on one port: results or error, observed state, export counts.
using Outcome = nlohmann::json;

void to_json(nlohmann::json &j, const Case &c);
void from_json(const nlohmann::json &j, Case &c);
/// Why CPython or the fixtures cannot run c safely (undefined behaviour, memory that does not
/// fit), or "" when c is valid. Corpus and replay input is checked with this first.
std::string validate(const Case &c);
/// True when an exporter of c (its layout, args.others, args.src_layout) is unhashable: only
/// ports (and oracles) declaring "exporter_hash" may run it.
bool has_unhashable_exporter(const Case &c);
/// The case as one JSON line (what the corpus and `mvconf replay` read), naming the property
/// that generated it when `property` is given (replay then applies that property's
/// expectations).
std::string to_line(const Case &c, const std::string &property = "");
/// RapidCheck's printer for counterexamples: the JSON line.
void showValue(const Case &c, std::ostream &os);

}  // namespace mvconf::harness
