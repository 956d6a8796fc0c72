// `mvconf serve`: any in-process port offered to another process over JSON Lines. This is the
// reference implementation of the port side of docs/out-of-process.md.
#include "mvconf/harness/serve.h"

#include <iostream>
#include <string>

#include "mvconf/harness/bounded_json.h"
#include "mvconf/harness/run_case.h"

namespace mvconf::harness {
namespace {

/// The newest protocol version this side speaks.
constexpr int kProtocol = 2;

}  // namespace

int serve(const mvconf_port *port) {
  std::ios::sync_with_stdio(false);
  std::string line;
  int protocol = 1;
  for (LineRead read; (read = read_bounded_line(std::cin, line, kMaxCaseBytes)) != LineRead::kEnd;) {
    nlohmann::json answer;
    nlohmann::json id;  // protocol 2: echoed, so the harness can tell whose answer this is
    try {
      if (read == LineRead::kTooLong)
        throw std::runtime_error("request longer than " + std::to_string(kMaxCaseBytes) + " bytes");
      const auto request = parse_bounded(line, kMaxJsonDepth, kMaxCaseBytes, "request");
      if (request.contains("id")) id = request["id"];
      if (request.contains("hello")) {
        // The harness names the newest version it speaks; the answer picks the common one.
        const int asked = request.value("mvconf", 1);
        protocol = asked < kProtocol ? asked : kProtocol;
        std::vector<std::string> features;
        for (const char *const *f = port->features; f && *f; ++f) features.emplace_back(*f);
        answer = {{"mvconf", protocol},
                  {"name", port->name},
                  {"version", port->version},
                  {"features", features}};
      } else {
        const Case c = request.at("case").get<Case>();
        if (std::string problem = validate(c); !problem.empty())
          answer = {{"outcome", {{"port_failure", "invalid case: " + problem}}}};
        else
          answer = {{"outcome", run_case(c, port)}};
      }
    } catch (const std::exception &e) {
      answer = {{"outcome", {{"port_failure", std::string("protocol: ") + e.what()}}}};
    }
    if (protocol >= 2 && answer.contains("outcome")) answer["id"] = id;
    std::cout << answer.dump() << '\n' << std::flush;
  }
  return 0;
}

}  // namespace mvconf::harness
