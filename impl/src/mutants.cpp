// The mutants: the impl with exactly one spec rule changed. They exist to prove that the
// conformance properties notice each kind of mistake a real port could make.
#include <algorithm>
#include <array>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mvconf/impl/impl.h"
#include "port_table.h"
#include "rules.h"

namespace mvconf::impl {
namespace {

// The catalogue in its written order: a mutant belongs to the rule written above it, so no
// mutant names its rule twice and none can name a rule that does not exist.
struct Entry {
  RuleInfo rule;        // set on rule lines (id != nullptr)
  const char *name;     // set on mutant lines; the port is named "impl~<name>"
  const char *wrong;
  const char *kill_filter;
  Mutation mutation;
  int target_minor;     // the CPython minor a mutant reproduces (0: the default)
};

constexpr Entry kEntries[] = {
#define MVCONF_RULE(id, section, since, until, operations, statement) \
  {{id, section, since, until, operations, statement}, nullptr, nullptr, nullptr, Mutation::kNone, 0},
#define MVCONF_MUTANT(Enum, name, wrong, kill_filter, target_minor) \
  {{}, #name, wrong, kill_filter, Mutation::k##Enum, target_minor},
#include "mvconf/impl/catalogue.def"
#undef MVCONF_RULE
#undef MVCONF_MUTANT
};

struct Catalogue {
  std::vector<RuleInfo> rules;
  std::vector<MutantInfo> mutants;
  std::vector<const Entry *> mutant_entries;
  std::vector<std::string> lines;  // MutantInfo::rule's storage (reserved up front: stable)
};

const Catalogue &catalogue() {
  static const Catalogue *c = [] {
    auto *out = new Catalogue{};
    out->lines.reserve(std::size(kEntries));
    const RuleInfo *rule = nullptr;
    for (const Entry &e : kEntries) {
      if (e.rule.id != nullptr) {
        out->rules.push_back(e.rule);
        rule = &e.rule;
        continue;
      }
      out->lines.push_back(std::string(rule->id) + ": " + rule->statement + " -> mutant " +
                           e.wrong);
      out->mutants.push_back({e.name, rule->id, e.wrong, e.kill_filter, e.target_minor,
                              out->lines.back().c_str()});
      out->mutant_entries.push_back(&e);
    }
    return out;
  }();
  return *c;
}

constexpr size_t kCount = [] {
  size_t n = 0;
  for (const Entry &e : kEntries) n += e.name != nullptr;
  return n;
}();
static_assert(kEntries[0].rule.id != nullptr, "catalogue.def must start with a rule");

// One table per mutant, built once; ctx points at the mutant's (static) rules.
struct Tables {
  std::array<Rules, kCount> rules;
  std::array<std::string, kCount> names;
  std::array<mvconf_port, kCount> ports;
};

const Tables &tables() {
  static const Tables *t = [] {
    auto *out = new Tables{};
    for (size_t i = 0; i < kCount; ++i) {
      const Entry &e = *catalogue().mutant_entries[i];
      out->rules[i].mutation = e.mutation;
      if (e.target_minor != 0) out->rules[i].target_minor = e.target_minor;
      out->names[i] = std::string("impl~") + e.name;
      out->ports[i] = make_port(&out->rules[i], out->names[i].c_str());
    }
    return out;
  }();
  return *t;
}

}  // namespace

const mvconf_port *mutant_port(std::string_view name) {
  for (size_t i = 0; i < kCount; ++i) {
    if (name == catalogue().mutants[i].name) return &tables().ports[i];
  }
  // "a+b": both rules broken at once, so the harness can show two independent bugs of one
  // port as two classes. Built on first use and kept for the life of the process.
  const auto plus = name.find('+');
  if (plus == std::string_view::npos) return nullptr;
  const mvconf_port *a = mutant_port(name.substr(0, plus));
  const mvconf_port *b = mutant_port(name.substr(plus + 1));
  if (!a || !b || name.find('+', plus + 1) != std::string_view::npos) return nullptr;
  struct Compound {
    Rules rules;
    std::string name;
    mvconf_port port;
  };
  static std::vector<std::unique_ptr<Compound>> compounds;
  for (const auto &c : compounds)
    if (c->name == "impl~" + std::string(name)) return &c->port;
  auto c = std::make_unique<Compound>();
  const Rules &ra = *static_cast<const Rules *>(a->ctx), &rb = *static_cast<const Rules *>(b->ctx);
  c->rules = ra;
  c->rules.also = rb.mutation;
  c->rules.target_minor = std::max(ra.target_minor, rb.target_minor);
  c->name = "impl~" + std::string(name);
  c->port = make_port(&c->rules, c->name.c_str());
  compounds.push_back(std::move(c));
  return &compounds.back()->port;
}

const std::vector<RuleInfo> &rules() { return catalogue().rules; }

const std::vector<MutantInfo> &mutants() { return catalogue().mutants; }

}  // namespace mvconf::impl
