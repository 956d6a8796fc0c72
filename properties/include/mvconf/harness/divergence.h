// Divergence classes: what kind of difference two outcomes show, independent of the concrete
// values, so that one bug seen on many layouts is one class with one minimal case.
#pragma once

#include <string>
#include <vector>

#include "mvconf/harness/case.h"

namespace mvconf::harness {

/// The classes of a divergence, each a readable signature "OP | ITEM" where the item names an
/// outcome field that differs ("result.flags"), an error against an error ("error: ValueError
/// vs oracle BufferError"), an error against a success, or a port failure ("port failure:
/// crash"). A case that differs in several fields belongs to several classes, so one bug is
/// one class whatever else differs in the same case. Array positions are dropped, and a `py`
/// case is classed by its first differing call ("calls[tobytes].error: message of
/// ValueError"): what follows it are consequences.
std::vector<std::string> divergence_classes(const Case &c, const Outcome &want, const Outcome &got);
/// Signature of a port failure message alone ("port failure: timeout").
std::string port_failure_signature(const std::string &message);
/// `s` with invalid UTF-8 and control characters (other than newline and tab) shown as \xNN,
/// so that anything a port reports can be printed and written as JSON.
std::string printable(const std::string &s);
/// A copy of `j` whose strings (keys and values) are all printable().
nlohmann::json printable(const nlohmann::json &j);
/// printable(s) with & < > " ' escaped: text for XML and HTML (JUnit, the conformance page).
std::string xml_escape(const std::string &s);

}  // namespace mvconf::harness
