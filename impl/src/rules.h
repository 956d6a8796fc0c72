// The switches a mutant flips. Every rule that a mutant can break consults Rules, so a mutant
// is the impl with that one rule changed everywhere it applies.
#ifndef MVCONF_IMPL_RULES_H
#define MVCONF_IMPL_RULES_H

namespace mvconf::impl {

enum class Mutation {
  kNone,
  kCContigNoUnitSkip,
  kCopyWritable,
  kFromMemoryFlags0Writable,
  kFortranFlagLen0,
  kInvalidOrderAsC,
  kFromBufferKeepsObj,
};

struct Rules {
  Mutation mutation = Mutation::kNone;

  bool broken(Mutation m) const { return mutation == m; }
};

/// The rules of the faithful impl (no mutation).
inline const Rules &faithful_rules() {
  static const Rules rules{};
  return rules;
}

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_RULES_H
