// Fuzz target: a line an out-of-process port writes, read as its handshake and as its answer
// to case id 1 (port_answer.h), then judged the way a run judges an answer: compared with an
// oracle's outcome into divergence classes, checked against the lifecycle law, printed in a
// failure report. None of it may crash or throw, whatever the port wrote; every class
// signature must be printable as JSON, and an outcome compared with itself has no class.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "json_mutator.h"
#include "mvconf/harness/divergence.h"
#include "mvconf/harness/expectations.h"
#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/port_answer.h"
#include "mvconf/harness/repro.h"

namespace {

using mvconf::fuzz::check;
using mvconf::fuzz::utf8;
using mvconf::harness::Case;
using mvconf::harness::Outcome;

// A py case whose calls reach every kind of step the lifecycle law models, and a C-API case.
const Case &py_case() {
  static const Case c =
      nlohmann::json::parse(R"({"op":"py","layout":{"format":"B","itemsize":1,"ndim":1,)"
                            R"("shape":[4],"strides":[1],"offset":0,"memlen":4},"args":{"calls":[)"
                            R"({"method":"create"},{"method":"memoryview"},{"method":"export",)"
                            R"("args":[0]},{"method":"getitem","args":[{"slice":[0,2,1]}]},)"
                            R"({"method":"buffer","args":[0],"on":3},{"method":"release"},)"
                            R"({"method":"release_export","args":[0]},{"method":"free","on":1},)"
                            R"({"method":"release_buffer","args":[{"view":4}],"on":3}]}})")
          .get<Case>();
  return c;
}

const Case &c_api_case() {
  static const Case c =
      nlohmann::json::parse(R"({"op":"get_contiguous","layout":{"format":"B","itemsize":1,)"
                            R"("ndim":1,"shape":[4],"strides":[1],"offset":0,"memlen":4},)"
                            R"("args":{"buffertype":256,"order":67}})")
          .get<Case>();
  return c;
}

// A run judges the port's outcome against the oracle's; here the oracle said this.
const Outcome &oracle_outcome() {
  static const Outcome o = {{"result", {{"readonly", true}, {"ndim", 1}, {"shape", {4}}}},
                            {"error", {{"type", "BufferError"}, {"message", "m"}}},
                            {"calls", Outcome::array({{{"result", 1}}, {{"held", 1}}})},
                            {"exports_outstanding", 0}};
  return o;
}

// What a run does with the port's outcome of case c; a failure report only when asked (the
// slowest step: one per input is enough).
void judge(const Case &c, const Outcome &got, bool report) {
  for (const auto &sig : mvconf::harness::divergence_classes(c, oracle_outcome(), got))
    check(utf8(sig), "a class signature that is not UTF-8: " + sig);
  // (A port failure is a class of its own even when the oracle failed alike; a run never
  // asks, as it compares the outcomes first.)
  if (!got.contains("port_failure"))
    check(mvconf::harness::divergence_classes(c, got, got).empty(),
          "an outcome differs from itself: " + got.dump());
  const Outcome kinds = mvconf::harness::kind_only(got);
  (void)mvconf::harness::divergence_classes(c, mvconf::harness::kind_only(oracle_outcome()), kinds);
  if (c.op == "py") (void)mvconf::harness::lifecycle_violation(c, got);
  if (report)
    (void)mvconf::harness::failure_report(
        c, "Fuzz.Answer", mvconf::harness::printable(oracle_outcome()),
        mvconf::harness::printable(got), "oracle", "port", "exec:port");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace mvconf::harness;
  const std::string line(reinterpret_cast<const char *>(data), size);
  Handshake h;
  const std::string refused = parse_handshake(line, "port", h);
  // (Messages are not required to be UTF-8: they quote the line cut at 200 bytes, and every
  // report escapes what it prints, divergence.h printable().)
  if (refused.empty())
    check(h.protocol >= 1 && h.protocol <= kProtocol, "protocol " + std::to_string(h.protocol));
  else
    check(refused.rfind("bad handshake from 'port'", 0) == 0, "a refusal: " + refused);
  std::string problem1, problem2;
  const Outcome got1 = parse_answer(line, 1, 1, problem1);
  const Outcome got2 = parse_answer(line, 1, 2, problem2);
  // Protocol 2 only adds the id check: what it accepts, protocol 1 accepts alike.
  check(!problem2.empty() || (problem1.empty() && got1 == got2), "protocols disagree: " + line);
  if (!problem1.empty()) {
    check(got1.is_null(), "an outcome with a protocol error");
    // What the run records for the case instead.
    judge(c_api_case(), {{"port_failure", "protocol: " + problem1}}, false);
    return 0;
  }
  check(got1.is_object(), "an outcome that is not an object");
  judge(c_api_case(), got1, false);
  judge(py_case(), got1, true);
  return 0;
}

// Half structural (outcomes a port could write), half bytes (the parser, ids).
MVCONF_FUZZ_JSON_MUTATOR(0.5)
