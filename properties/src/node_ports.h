// Python implementations that run under Node.js (WebAssembly or JavaScript) as named ports:
// `--port micropython|pyodide|brython` runs fixtures/ports/node/NAME.mjs, which loads the
// runtime from its pinned npm package and hands it fixtures/ports/py_driver.py. To add one,
// add a runner NAME.mjs beside the others, its package to package.json, and a row below.
#pragma once

#include <string>
#include <vector>

namespace mvconf::harness {

/// One runtime: its port spec (and runner's file name), its npm package, and what it is.
struct NodePort {
  const char *spec;
  const char *package;
  const char *what;
};

/// Every runtime a Node.js runner exists for.
const std::vector<NodePort> &node_ports();
/// The command line of a Node.js port spec: node, its runner and the driver. Empty with
/// `error` set when the spec names one whose runner, npm package or node is missing.
std::vector<std::string> node_port_command(const NodePort &port, const std::string &driver,
                                           std::string &error);
/// The runtime `spec` names, or nullptr.
const NodePort *find_node_port(const std::string &spec);
/// The installed version of an npm package of the runners ("314.0.8"), "" when absent.
std::string node_package_version(const std::string &package);

}  // namespace mvconf::harness
