// `mvconf serve`: any in-process port offered to another process over JSON Lines. This is the
// reference implementation of the port side of docs/out-of-process.md.
#include "mvconf/harness/serve.h"

#include <iostream>
#include <string>

#include "mvconf/harness/run_case.h"

namespace mvconf::harness {

int serve(const mvconf_port *port) {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    nlohmann::json answer;
    try {
      const auto request = nlohmann::json::parse(line);
      if (request.contains("hello")) {
        std::vector<std::string> features;
        for (const char *const *f = port->features; f && *f; ++f) features.emplace_back(*f);
        answer = {{"mvconf", 1},
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
    std::cout << answer.dump() << '\n' << std::flush;
  }
  return 0;
}

}  // namespace mvconf::harness
