// Public entry points of mvconf's clean-room memoryview implementation ("impl").
#ifndef MVCONF_IMPL_IMPL_H
#define MVCONF_IMPL_IMPL_H

#include <mvconf/port.h>
#include <mvconf/py_call_values.h>

#include <string>
#include <string_view>
#include <vector>

namespace mvconf::impl {

/// The clean-room impl as a port (ABI 1.3), targeting the default oracle's CPython version.
const mvconf_port *port();

/// The impl reproducing CPython `target` ("3.8" to "3.13"); nullptr for another target.
const mvconf_port *port_for(std::string_view target);

/// A mutant: the impl with one spec rule changed ("a+b": two mutants' rules at once); nullptr
/// for an unknown name.
const mvconf_port *mutant_port(std::string_view name);

/// A rule of memoryview behaviour, as written in mvconf/impl/catalogue.def (add rules there).
struct RuleInfo {
  /// Stable id, e.g. "contig.a-is-c-or-f"; docs/rules.md has one entry per id.
  const char *id;
  /// The section of docs/spec/ that explains it, e.g. "3" or "5.11".
  const char *section;
  /// The CPython 3.x minors it holds for: since..until (until 0: every later one too).
  int since, until;
  /// The C or Python operations it concerns, comma-separated.
  const char *operations;
  /// The rule in one sentence.
  const char *statement;
};

/// A mutant: the impl with one rule of the catalogue broken.
struct MutantInfo {
  /// The name mutant_port() accepts, e.g. "copy_writable".
  const char *name;
  /// The id of the rule it breaks (a RuleInfo::id).
  const char *rule_id;
  /// What the mutant does instead of the rule.
  const char *wrong;
  /// The gtest filter of the properties that must kill it.
  const char *kill_filter;
  /// The CPython minor it targets and needs as oracle (0: the default oracle's).
  int target_minor;
  /// One line for listings: "<rule id>: <statement> -> mutant <wrong>".
  const char *rule;
};

/// Every rule of the catalogue, in catalogue order.
const std::vector<RuleInfo> &rules();

/// Every mutant with the rule it breaks, in catalogue order.
const std::vector<MutantInfo> &mutants();

/// py_call on values (mvconf/py_call_values.h) for any table above: `ctx` is the table's ctx.
/// A new form of a slot gets its function here, beside the tables it serves.
int py_call_values(void *ctx, mvconf_view *mv, const std::string &method,
                   const nlohmann::json &args, mvconf_view *const *views, size_t nviews,
                   size_t cap, PyAnswer *answer, mvconf_view **new_view, mvconf_error *err);

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_IMPL_H
