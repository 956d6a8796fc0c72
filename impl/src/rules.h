// The switches a mutant flips. Every rule that a mutant can break consults Rules, so a mutant
// is the impl with that one rule changed everywhere it applies.
#ifndef MVCONF_IMPL_RULES_H
#define MVCONF_IMPL_RULES_H

namespace mvconf::impl {

/// Every mutation of the rules catalogue (mvconf/impl/catalogue.def), plus kNone.
enum class Mutation {
  kNone,
#define MVCONF_RULE(id, section, since, until, operations, statement)
#define MVCONF_MUTANT(Enum, name, wrong, kill_filter, target_minor) k##Enum,
#include "mvconf/impl/catalogue.def"
#undef MVCONF_RULE
#undef MVCONF_MUTANT
};

#ifndef MVCONF_IMPL_DEFAULT_MINOR
#define MVCONF_IMPL_DEFAULT_MINOR 11
#endif
static_assert(MVCONF_IMPL_DEFAULT_MINOR >= MVCONF_OLDEST_MINOR &&
                  MVCONF_IMPL_DEFAULT_MINOR <= MVCONF_NEWEST_MINOR,
              "the default oracle's CPython is outside the supported range");

struct Rules {
  Mutation mutation = Mutation::kNone;
  /// A second broken rule, for compound mutants ("a+b": two independent bugs in one port).
  Mutation also = Mutation::kNone;
  /// The CPython 3.x minor version whose behaviour to reproduce (MVCONF_OLDEST/NEWEST_MINOR).
  int target_minor = MVCONF_IMPL_DEFAULT_MINOR;

  bool broken(Mutation m) const { return mutation == m || also == m; }
  /// True when the target is CPython 3.`minor` or later.
  bool since(int minor) const { return target_minor >= minor; }
};

/// The unbroken rules of CPython 3.`minor`.
inline Rules rules_for(int minor) {
  Rules r;
  r.target_minor = minor;
  return r;
}

/// The rules of the faithful impl (no mutation).
inline const Rules &faithful_rules() {
  static const Rules rules{};
  return rules;
}

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_RULES_H
