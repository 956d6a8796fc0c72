// The mutants: the impl with exactly one spec rule changed. They exist to prove that the
// conformance properties notice each kind of mistake a real port could make.
#include <array>
#include <string_view>
#include <vector>

#include "mvconf/impl/impl.h"
#include "port_table.h"
#include "rules.h"

namespace mvconf::impl {
namespace {

struct Mutant {
  const char *name;
  const char *port_name;
  const char *rule;
  Rules rules;
};

const std::array<Mutant, 6> kMutants = {{
    {"c_contig_no_unit_skip",
     "impl~c_contig_no_unit_skip",
     "the C-contiguity test checks the stride of every dimension, extent 0/1 ones included",
     {Mutation::kCContigNoUnitSkip}},
    {"copy_writable",
     "impl~copy_writable",
     "PyMemoryView_GetContiguous copies are writable (readonly 0)",
     {Mutation::kCopyWritable}},
    {"from_memory_flags0_writable",
     "impl~from_memory_flags0_writable",
     "PyMemoryView_FromMemory treats flags 0 as PyBUF_WRITE",
     {Mutation::kFromMemoryFlags0Writable}},
    {"fortran_flag_len0",
     "impl~fortran_flag_len0",
     "the memoryview flags call an empty 1-D view C and Fortran contiguous whatever its stride",
     {Mutation::kFortranFlagLen0}},
    {"invalid_order_as_c",
     "impl~invalid_order_as_c",
     "GetContiguous/ToContiguous treat an invalid order as 'C' instead of copying in F layout",
     {Mutation::kInvalidOrderAsC}},
    {"from_buffer_keeps_obj",
     "impl~from_buffer_keeps_obj",
     "PyMemoryView_FromBuffer keeps info->obj as the base",
     {Mutation::kFromBufferKeepsObj}},
}};

// One table per mutant, built once; ctx points at the mutant's (static) rules.
const std::array<mvconf_port, kMutants.size()> &mutant_tables() {
  static const std::array<mvconf_port, kMutants.size()> tables = [] {
    std::array<mvconf_port, kMutants.size()> t{};
    for (size_t i = 0; i < kMutants.size(); ++i)
      t[i] = make_port(&kMutants[i].rules, kMutants[i].port_name);
    return t;
  }();
  return tables;
}

}  // namespace

const mvconf_port *mutant_port(std::string_view name) {
  for (size_t i = 0; i < kMutants.size(); ++i) {
    if (name == kMutants[i].name) return &mutant_tables()[i];
  }
  return nullptr;
}

std::vector<MutantInfo> mutants() {
  std::vector<MutantInfo> out;
  for (const Mutant &m : kMutants) out.push_back({m.name, m.rule});
  return out;
}

}  // namespace mvconf::impl
