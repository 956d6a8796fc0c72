// What the fuzz targets (properties/fuzz/, docs/fuzzing.md) found, pinned as unit tests: each
// input under fixtures/fuzz_regressions/ that exposed a harness bug has its rule here too, so
// the default build checks it without clang.
#include <gtest/gtest.h>

#include <string>

#include "case_line_error.h"
#include "mvconf/harness/corpus.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/port_answer.h"
#include "mvconf/harness/run_case.h"
#include "mvconf/impl/impl.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

// A py case line over a 4-byte 'B' view whose calls are `calls` (a JSON array).
std::string py_line(const std::string &calls) {
  return R"({"op":"py","layout":{"format":"B","itemsize":1,"ndim":1,"shape":[4],"strides":[1],)"
         R"("offset":0,"memlen":4},"args":{"calls":)" +
         calls + "}}";
}

TEST(FuzzFindings, PyCallsFollowTheRequestFormat) {
  EXPECT_EQ(error_of(py_line(R"([{"method":"tolytes"}])")),
            "not a case: args.calls[].method: unknown method 'tolytes' (docs/python-api.md lists "
            "them)");
  EXPECT_EQ(error_of(py_line(R"([{"method":"contains","args":[1,2]}])")),
            "not a case: args.calls[].args: contains takes 1 argument(s)");
  EXPECT_EQ(error_of(py_line(R"([{"method":"len","args":[0]}])")),
            "not a case: args.calls[].args: len takes 0 argument(s)");
  EXPECT_EQ(error_of(py_line(R"([{"method":"getattr","args":[5]}])")),
            "not a case: args.calls[].args: getattr takes a {\"str\": NAME}");
  for (const char *bad :
       {R"({"view":-1})", R"({"slice":[1]})", R"({"float":"1.5"})", R"({"int":"1_0"})",
        R"({"bytes":"zz"})", R"({"str":"a\u0000b"})", R"({"index":1.5})", R"({"ellipsis":false})",
        R"({"tuple":1})", R"({"a":1,"b":2})", R"({"nope":1})"})
    EXPECT_NE(error_of(py_line(std::string(R"([{"method":"getitem","args":[)") + bad + "]}]")), "")
        << bad;
  // Every kind of value, and *args methods with any count (CPython's own TypeError).
  EXPECT_EQ(error_of(py_line(
                R"([{"method":"getitem","args":[{"tuple":[null,true,1,-2,1.5,{"int":"-123"},)"
                R"({"float":"-0.0"},{"bytes":"0aff"},{"bytearray":""},{"str":"x"},)"
                R"({"slice":[null,3,-1]},{"ellipsis":true},{"index":7},{"float_like":2.5},)"
                R"({"object":"Widget"},{"view":0},[1,[2]]]}]},)"
                R"({"method":"tobytes","args":[1,2,3]},{"method":"exit","args":[]}])")),
            "");
}

TEST(FuzzFindings, BufferLengthIsBoundedLikeMemory) {
  // 64 KiB of memory, but a 64 GiB buffer: every copy of it would allocate that.
  EXPECT_EQ(error_of(R"({"op":"to_contiguous","layout":{"format":"65536s","itemsize":65536,)"
                     R"("ndim":1,"shape":[1048576],"strides":[0],"offset":0,"memlen":65536}})"),
            "invalid case: product(shape) * itemsize exceeds 2**28 bytes");
  EXPECT_EQ(error_of(R"({"op":"to_contiguous","layout":{"format":"256s","itemsize":256,)"
                     R"("ndim":1,"shape":[1048576],"strides":[0],"offset":0,"memlen":256}})"),
            "");
}

TEST(FuzzFindings, EveryAnswerOfAValidPyCaseFits) {
  // A tolist of about 5 MB: past the 1 MiB answer buffer there was, within the 256 MiB now.
  const auto big = parse_case_line(
      R"({"op":"py","layout":{"format":"B","itemsize":1,"ndim":1,"shape":[1048575],)"
      R"("strides":[0],"offset":0,"memlen":1},"args":{"calls":[{"method":"tolist"}]}})",
      "test:1");
  ASSERT_EQ(big.error, "");
  const Outcome out = run_case(big.c, impl::port());
  ASSERT_TRUE(out["calls"][0].contains("result")) << out["calls"][0].dump().substr(0, 200);
  EXPECT_EQ(out["calls"][0]["result"].size(), 1048575u);
  // Two bytes more than a py case's views may hold, in fewer than 2**20 items.
  EXPECT_EQ(error_of(R"({"op":"py","layout":{"format":"H","itemsize":2,"ndim":1,)"
                     R"("shape":[524289],"strides":[0],"offset":0,"memlen":2},"args":{}})"),
            "invalid case: a py case's views hold at most 2**20 bytes each (their answers must "
            "fit)");
}

TEST(FuzzFindings, ViewIndexPastEverySlotIsSkipped) {
  // Read as a long, 2**64-2 was -2: "names no view", sent to the ports, which differ.
  const auto entry = parse_case_line(
      py_line(R"([{"method":"setitem","args":[0,{"view":18446744073709551614}]}])"), "test:1");
  ASSERT_EQ(entry.error, "");
  const Outcome out = run_case(entry.c, impl::port());
  EXPECT_EQ(out["calls"][0].value("skipped", ""), "no such view") << out.dump();
}

TEST(FuzzFindings, LifecycleLawReadsAnyNumberAPortWrites) {
  const auto entry = parse_case_line(py_line(R"([{"method":"len"}])"), "test:1");
  ASSERT_EQ(entry.error, "");
  // A float out of a long's range (undefined behaviour when read as a long), and a string.
  for (const json &held : {json(1.8446744073709552e37), json("1")}) {
    const Outcome out = {{"calls", {{{"result", 4}, {"held", held}, {"views", {json::object()}}}}}};
    EXPECT_NE(lifecycle_violation(entry.c, out).find("the exporter holds"), std::string::npos);
  }
}

TEST(FuzzFindings, HandshakeProtocolIsNotNarrowed) {
  Handshake h;
  EXPECT_NE(parse_handshake(R"({"mvconf": 4294967298})", "port", h), "");
  EXPECT_NE(parse_handshake(R"({"mvconf": 2.0})", "port", h), "");
  EXPECT_EQ(parse_handshake(R"({"mvconf": 2, "name": "p"})", "port", h), "");
  EXPECT_EQ(h.protocol, 2);
  EXPECT_EQ(h.name, "p");
  std::string problem;
  EXPECT_EQ(parse_answer(R"({"id": 3, "outcome": {"result": 1}})", 3, 2, problem),
            json({{"result", 1}}));
  EXPECT_EQ(problem, "");
  parse_answer(R"({"id": 4, "outcome": {}})", 3, 2, problem);
  EXPECT_EQ(problem, R"(answer for case id 4, expected id 3: {"id": 4, "outcome": {}})");
}

}  // namespace
}  // namespace mvconf::harness
