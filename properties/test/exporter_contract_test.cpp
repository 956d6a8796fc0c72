// The exporter contract's rules on hand-made probe records: a faithful bytearray-like record
// has no violation, and each rule fires on the one field that breaks it.
#include "mvconf/harness/exporter_contract.h"

#include <gtest/gtest.h>

#include "mvconf/port.h"

namespace {

using mvconf::harness::contract_violations;
using nlohmann::json;

bool has(int flags, int bits) { return (flags & bits) == bits; }

// What a correct writable, 1-D, 4-byte 'B' exporter grants for `flags`.
json faithful_grant(int flags) {
  json g = {{"readonly", 0},
            {"itemsize", 1},
            {"len", 4},
            {"ndim", 1},
            {"obj", "exporter"},
            {"c_contiguous", true},
            {"f_contiguous", true},
            {"items", {{"hex", "01020304"}}},
            {"format", nullptr},
            {"shape", nullptr},
            {"strides", nullptr},
            {"suboffsets", nullptr}};
  if (has(flags, MVCONF_BUF_FORMAT)) g["format"] = "B", g["calcsize"] = 1;
  if (has(flags, MVCONF_BUF_ND)) g["shape"] = {4};
  if (has(flags, MVCONF_BUF_STRIDES)) g["strides"] = {1};
  return g;
}

json request(int flags) {
  return {{"flags", flags},
          {"name", "flags " + std::to_string(flags)},
          {"grant", faithful_grant(flags)},
          {"repeat_same", true},
          {"getbuffer_calls", 2},
          {"release_calls", 2},
          {"refcount_change", 0},
          {"counted", true}};
}

json faithful_probe() {
  json probe = {{"made", true}, {"full", request(MVCONF_BUF_FULL_RO)}};
  for (int base : {MVCONF_BUF_SIMPLE, MVCONF_BUF_ND, MVCONF_BUF_STRIDES, MVCONF_BUF_C_CONTIGUOUS,
                   MVCONF_BUF_F_CONTIGUOUS, MVCONF_BUF_ANY_CONTIGUOUS, MVCONF_BUF_INDIRECT})
    for (int extra : {0, MVCONF_BUF_WRITABLE, MVCONF_BUF_FORMAT})
      probe["requests"].push_back(request(base | extra));
  probe["memoryview"] = {
      {"grant", faithful_grant(MVCONF_BUF_FULL_RO)}, {"getbuffer_calls", 1}, {"release_calls", 1}};
  return probe;
}

std::vector<std::string> classes(const json &probe) {
  std::vector<std::string> out;
  for (const auto &v : contract_violations(probe)) out.push_back(v.klass);
  return out;
}

// The request entry of `probe` asking for exactly `flags`.
json &entry(json &probe, int flags) {
  for (auto &r : probe["requests"])
    if (r["flags"] == flags) return r;
  throw std::logic_error("no such request");
}

TEST(ExporterContract, FaithfulExporterHasNoViolation) {
  EXPECT_EQ(classes(faithful_probe()), std::vector<std::string>{});
}

TEST(ExporterContract, EachRuleFiresOnItsField) {
  struct Break {
    int flags;
    void (*change)(json &request);
    const char *klass;
  };
  const Break breaks[] = {
      {MVCONF_BUF_SIMPLE,
       [](json &r) {
         r["grant"]["format"] = "B";
         r["grant"]["calcsize"] = 1;
       },
       "format set without PyBUF_FORMAT"},
      {MVCONF_BUF_SIMPLE, [](json &r) { r["grant"]["shape"] = {4}; }, "shape set without PyBUF_ND"},
      {MVCONF_BUF_ND, [](json &r) { r["grant"]["shape"] = nullptr; }, "shape NULL under PyBUF_ND"},
      {MVCONF_BUF_STRIDES, [](json &r) { r["grant"]["strides"] = nullptr; },
       "strides NULL under PyBUF_STRIDES"},
      {MVCONF_BUF_F_CONTIGUOUS, [](json &r) { r["grant"]["f_contiguous"] = false; },
       "grants PyBUF_F_CONTIGUOUS with memory that is not Fortran-contiguous"},
      {MVCONF_BUF_STRIDES | MVCONF_BUF_WRITABLE, [](json &r) { r["grant"]["readonly"] = 1; },
       "grants PyBUF_WRITABLE read-only"},
      {MVCONF_BUF_ND, [](json &r) { r["grant"]["len"] = 5; },
       "len is not product(shape) * itemsize"},
      {MVCONF_BUF_ND | MVCONF_BUF_FORMAT, [](json &r) { r["grant"]["calcsize"] = 2; },
       "itemsize is not struct.calcsize(format)"},
      {MVCONF_BUF_SIMPLE, [](json &r) { r["grant"]["items"]["hex"] = "01020305"; },
       "items differ from those of the full export"},
      {MVCONF_BUF_SIMPLE, [](json &r) { r["repeat_same"] = false; },
       "the same request is granted differently the second time"},
      {MVCONF_BUF_SIMPLE, [](json &r) { r["release_calls"] = 1; },
       "getbuffer and releasebuffer calls do not balance"},
      {MVCONF_BUF_SIMPLE, [](json &r) { r["refcount_change"] = 1; },
       "a released request changes the exporter's reference count"},
      {MVCONF_BUF_SIMPLE,
       [](json &r) {
         r.erase("grant");
         r["error"] = {{"type", "ValueError"}, {"message", "no"}, {"obj_left_set", true}};
       },
       "refusal raises ValueError, not BufferError"},
  };
  for (const Break &b : breaks) {
    json probe = faithful_probe();
    b.change(entry(probe, b.flags));
    const auto found = classes(probe);
    EXPECT_NE(std::find(found.begin(), found.end(), b.klass), found.end())
        << "expected '" << b.klass << "' among the classes of " << ::testing::PrintToString(found);
  }
}

TEST(ExporterContract, ZeroDimensionalGrantsNeedNoShape) {
  json probe = faithful_probe();
  for (auto &r : probe["requests"]) {
    r["grant"]["ndim"] = 0;
    r["grant"]["shape"] = nullptr;
    r["grant"]["strides"] = nullptr;
    r["grant"]["len"] = 1;
    r["grant"]["items"]["hex"] = "01";
  }
  for (json *g : {&probe["full"]["grant"], &probe["memoryview"]["grant"]}) {
    (*g)["ndim"] = 0, (*g)["shape"] = nullptr, (*g)["strides"] = nullptr, (*g)["len"] = 1;
    (*g)["items"]["hex"] = "01";
  }
  EXPECT_EQ(classes(probe), std::vector<std::string>{});
}

TEST(ExporterContract, AFactoryErrorIsAClassAndNoneIsNot) {
  EXPECT_EQ(classes({{"made", false}, {"factory_error", "RuntimeError: x"}}),
            std::vector<std::string>{"the factory raised"});
  EXPECT_EQ(classes({{"made", false}, {"why", "cannot"}}), std::vector<std::string>{});
}

}  // namespace
