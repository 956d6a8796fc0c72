#include "node_ports.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "self_path.h"

namespace mvconf::harness {
namespace {

// The runners' folder, at the install layout's place (built: a link to fixtures/ports/node).
std::string runner_dir() { return beside_self(MVCONF_BIN_TO_DATA "/node"); }

// `node` from PATH, found here so that a missing Node.js is named before anything starts.
std::string find_node() {
  const char *path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  for (std::size_t at = 0; at <= dirs.size();) {
    const std::size_t end = std::min(dirs.find(':', at), dirs.size());
    const std::string candidate = (end > at ? dirs.substr(at, end - at) : ".") + "/node";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    at = end + 1;
  }
  return "";
}

}  // namespace

const std::vector<NodePort> &node_ports() {
  static const std::vector<NodePort> ports = {
      {"micropython", "@micropython/micropython-webassembly-pyscript",
       "MicroPython (WebAssembly) under Node.js, at the Python level"},
      {"pyodide", "pyodide",
       "Pyodide (CPython in WebAssembly) under Node.js, at the Python level; also the oracle of "
       "the CPython it carries"},
      {"brython", "brython", "Brython (Python in JavaScript) under Node.js, at the Python level"},
  };
  return ports;
}

const NodePort *find_node_port(const std::string &spec) {
  for (const auto &p : node_ports())
    if (spec == p.spec) return &p;
  return nullptr;
}

std::string node_package_version(const std::string &package) {
  std::ifstream in(runner_dir() + "/node_modules/" + package + "/package.json");
  if (!in) return "";
  const auto j = nlohmann::json::parse(in, nullptr, false);
  return j.is_object() && j.value("version", nlohmann::json()).is_string()
             ? j["version"].get<std::string>()
             : "";
}

std::vector<std::string> node_port_command(const NodePort &port, const std::string &driver,
                                           std::string &error) {
  const std::string dir = runner_dir(), runner = dir + "/" + port.spec + ".mjs";
  if (access(runner.c_str(), R_OK) != 0) {
    error = "the " + std::string(port.spec) + " runner is missing (" + runner + ")";
    return {};
  }
  if (node_package_version(port.package).empty()) {
    error = "npm package " + std::string(port.package) +
            " is not installed: run `npm ci --prefix " + dir + "` (ci/setup.sh does)";
    return {};
  }
  const std::string node = find_node();
  if (node.empty()) {
    error = "node (Node.js 18 or later) is not on PATH";
    return {};
  }
  return {node, runner, driver};
}

}  // namespace mvconf::harness
