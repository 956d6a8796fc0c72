#include "mvconf/harness/ports.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "child_process.h"
#include "command_words.h"
#include "mvconf/harness/run_case.h"
#include "mvconf/impl/impl.h"
#include "mvconf/oracle/oracle.h"
#include "node_ports.h"
#include "port_table_check.h"
#include "self_path.h"

namespace mvconf::harness {
namespace {

bool ends_with(const std::string &s, const std::string &tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A shared-library port: its single entry point, asked for this harness's ABI. The library
// stays loaded for the life of the process; its table is checked and copied before any use.
const mvconf_port *load_library(const std::string &path, std::string &error) {
  void *lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    error = std::string("cannot load ") + dlerror();
    return nullptr;
  }
  auto entry = reinterpret_cast<mvconf_port_entry_fn>(dlsym(lib, "mvconf_port_entry"));
  if (!entry) {
    error = path + " does not export mvconf_port_entry";
    return nullptr;
  }
  const mvconf_port *port = entry((MVCONF_ABI_MAJOR << 16) | MVCONF_ABI_MINOR);
  if (!port) {
    error = path + " cannot serve ABI " + std::to_string(MVCONF_ABI_MAJOR) + "." +
            std::to_string(MVCONF_ABI_MINOR);
    return nullptr;
  }
  return checked_table(port, path, error);
}

// The oracle server built for a CPython (`mvconf-cpython3.X` beside this executable), from a
// version ("3.12") or an interpreter path (asked for its version, without a shell).
std::string cpython_server(const std::string &what, std::string &error) {
  std::string version = what;
  if (what.find('/') != std::string::npos || what.rfind("python", 0) == 0) {
    std::string out, why;
    const int status = run_command(
        {what, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"}, &out, false, 30000, why);
    if (status != 0) {
      error = "cannot run " + what + ": " + (status < 0 ? why : describe_status(status));
      return "";
    }
    version = out.substr(0, out.find_first_of("\r\n"));
  }
  // Only a version goes into the server's file name: no path separators or other surprises.
  if (version.empty() || version.find_first_not_of("0123456789.") != std::string::npos) {
    error = "'" + what + "' is neither a CPython version (3.X) nor a CPython interpreter";
    return "";
  }
  const std::string server = self_dir() + "/mvconf-cpython" + version;
  if (access(server.c_str(), X_OK) != 0) {
    error = "no oracle built for CPython " + version + " (" + server +
            "); configure with -DMVCONF_PYTHONS=auto or list its interpreter there";
    return "";
  }
  return server;
}

// fixtures/ports/py_driver.py, found relative to this executable like the corpus
// (installed: share/mvconf; built: the build tree's mirror, a link to the source file).
std::string py_driver(std::string &error) {
  const std::string path = beside_self(MVCONF_BIN_TO_DATA "/py_driver.py");
  if (access(path.c_str(), R_OK) == 0) return path;
  error = "the Python-level driver is missing (" + path + ")";
  return "";
}

}  // namespace

std::string supported_range() {
  return "3." + std::to_string(MVCONF_OLDEST_MINOR) + " to 3." +
         std::to_string(MVCONF_NEWEST_MINOR);
}

const mvconf_port *open_table(const std::string &spec, std::string &error) {
  const mvconf_port *port = nullptr;
  // The built-in tables also answer Python-level calls on values (mvconf/py_call_values.h).
  PyCallValuesFn values = impl::py_call_values;
  if (spec == "impl") {
    port = impl::port();
  } else if (spec.rfind("impl:", 0) == 0) {
    port = impl::port_for(spec.substr(5));
    if (!port)
      error = "the impl targets CPython " + supported_range() + ", not '" + spec.substr(5) + "'";
  } else if (spec.rfind("mutant:", 0) == 0) {
    port = impl::mutant_port(spec.substr(7));
    if (!port) error = "unknown mutant '" + spec.substr(7) + "' (see mvconf list mutants)";
  } else if (spec == "cpython") {
    oracle::initialize();
    port = oracle::port();
    values = oracle::py_call_values;
  } else if (ends_with(spec, ".so") || spec.find('/') != std::string::npos) {
    port = load_library(spec, error);
    values = nullptr;  // a third-party table: the text slot only
  } else {
    error = "unknown port '" + spec + "' (see mvconf list ports)";
  }
  if (port && values) set_py_call_values(port, values);
  // The built-in tables are trusted; they get the same basic checks all the same.
  if (port && port->abi_major != MVCONF_ABI_MAJOR) {
    error = "port '" + spec + "' speaks ABI " + std::to_string(port->abi_major) + ", harness " +
            std::to_string(MVCONF_ABI_MAJOR);
    return nullptr;
  }
  if (port && port->slot_count < MVCONF_PORT_SLOTS_1_0) {
    error = "port '" + spec + "' fills " + std::to_string(port->slot_count) +
            " slots, ABI 1.0 has " + std::to_string(MVCONF_PORT_SLOTS_1_0);
    return nullptr;
  }
  return port;
}

std::unique_ptr<Subject> open_port(const std::string &spec, int timeout_ms, std::string &error) {
  std::vector<std::string> argv, env;
  if (spec.rfind("exec:", 0) == 0) {
    // Split into words as a shell would, but run without one (docs/out-of-process.md).
    argv = split_command(spec.substr(5), error);
    if (argv.empty()) {
      error = "port '" + spec + "': " + error;
      return nullptr;
    }
  } else if (spec.rfind("cpython:", 0) == 0) {
    const std::string server = cpython_server(spec.substr(8), error);
    // Without a native server, Pyodide answers for the CPython it carries at the Python level
    // (its other properties are then skipped, each with its reason, as for any port).
    if (server.empty() && !pyodide_version().empty() && spec.substr(8) == pyodide_version())
      return open_port("pyodide", timeout_ms, error);
    if (server.empty()) return nullptr;
    argv = {server};
  } else if (const NodePort *node = find_node_port(spec)) {
    const std::string driver = py_driver(error);
    if (!driver.empty()) argv = node_port_command(*node, driver, error);
    if (argv.empty()) {
      error = "port '" + spec + "': " + error;
      return nullptr;
    }
    env = {"PYTHONHASHSEED=0"};
  } else if (spec.rfind("python:", 0) == 0) {
    // Any Python implementation at the Python level: the interpreter command (split like
    // exec:, no shell) runs the driver. A fixed hash seed makes hash(bytes) reproducible.
    argv = split_command(spec.substr(7), error);
    const std::string driver = argv.empty() ? "" : py_driver(error);
    if (driver.empty()) {
      error = "port '" + spec + "': " + error;
      return nullptr;
    }
    argv.push_back(driver);
    env = {"PYTHONHASHSEED=0", "PYTHONIOENCODING=utf-8", "PYTHONDONTWRITEBYTECODE=1"};
  } else if (spec == "pypy") {
#ifdef MVCONF_BIN_TO_PYPY
    // The module sits at the install layout's place relative to this executable (installed:
    // lib/mvconf/pypy), so a moved install still finds it.
    argv = {"pypy3", "-c", "import mvconf_pypy; mvconf_pypy.serve()"};
    env = {"PYTHONPATH=" + beside_self(MVCONF_BIN_TO_PYPY)};
#else
    error = "this mvconf was built without the PyPy port (install pypy3-dev and reconfigure)";
    return nullptr;
#endif
  }
  if (!argv.empty()) {
    try {
      return out_of_process(argv, timeout_ms, env);
    } catch (const std::exception &e) {
      error = e.what();
      return nullptr;
    }
  }
  const mvconf_port *port = open_table(spec, error);
  return port ? in_process(port) : nullptr;
}

std::vector<std::string> oracle_server_versions() {
  std::vector<std::pair<int, std::string>> found;  // (minor, "3.X"), to sort 3.10 after 3.9
  std::error_code ec;
  for (const auto &e : std::filesystem::directory_iterator(self_dir(), ec)) {
    const std::string name = e.path().filename().string(), prefix = "mvconf-cpython3.";
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string minor = name.substr(prefix.size());
    if (minor.empty() || minor.size() > 3 ||
        minor.find_first_not_of("0123456789") != std::string::npos ||
        access(e.path().c_str(), X_OK) != 0)
      continue;
    found.emplace_back(std::stoi(minor), "3." + minor);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (const auto &f : found) out.push_back(f.second);
  return out;
}

std::string pyodide_version() {
  // Pyodide's releases are numbered after the CPython they carry: 314.0.8 is CPython 3.14.
  const std::string v = node_package_version("pyodide");
  const std::size_t dot = v.find('.');
  if (dot != 3 || v[0] != '3' || v.find_first_not_of("0123456789") != dot) return "";
  return "3." + std::to_string(std::stoi(v.substr(1, 2)));
}

std::vector<std::string> oracle_versions() {
  auto out = oracle_server_versions();
  const std::string py = pyodide_version();
  const auto minor = [](const std::string &v) { return std::stoi(v.substr(2)); };
  if (!py.empty() && (out.empty() || minor(out.back()) < minor(py))) out.push_back(py);
  return out;
}

std::vector<std::pair<std::string, std::string>> known_ports() {
  std::vector<std::pair<std::string, std::string>> out = {
      {"impl", "the built-in clean-room implementation"},
      {"cpython", "the embedded CPython itself (the oracle as a port)"},
      {"cpython:3.X | cpython:PYTHON",
       "another CPython's oracle, out of process (mvconf-cpython3.X)"},
      {"impl:3.X", "the impl reproducing CPython 3.X (" + supported_range() + ")"},
      {"PATH.so", "a shared library exporting mvconf_port_entry (docs/port-contract.md)"},
      {"exec:COMMAND", "a process speaking JSON Lines on stdin/stdout (docs/out-of-process.md)"},
      {"python:COMMAND",
       "any Python implementation at the Python level: COMMAND runs fixtures/ports/py_driver.py"},
#ifdef MVCONF_BIN_TO_PYPY
      {"pypy", "PyPy's C API (cpyext) under pypy3, out of process"},
#endif
  };
  for (const auto &n : node_ports()) out.emplace_back(n.spec, n.what);
  for (const auto &m : impl::mutants()) out.emplace_back(std::string("mutant:") + m.name, m.rule);
  return out;
}

}  // namespace mvconf::harness
