// Port specs on the command line, and serving a port to another process.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mvconf/harness/subject.h"
#include "mvconf/port.h"

namespace mvconf::harness {

/// Open the port a spec names; nullptr with `error` set for a bad spec or a port that fails
/// to start. Specs: impl, mutant:NAME, cpython (the embedded CPython), PATH.so (a shared
/// library exporting mvconf_port_entry), exec:COMMAND (JSON Lines over stdin/stdout),
/// python:COMMAND, pypy, and the Node.js runtimes (micropython, pyodide, brython).
std::unique_ptr<Subject> open_port(const std::string &spec, int timeout_ms, std::string &error);
/// The supported CPython versions as text, "3.8 to 3.13" (cmake/mvconf_versions.cmake).
std::string supported_range();
/// An in-process port table for a spec (impl, mutant:NAME, cpython, PATH.so), for `mvconf
/// serve`; nullptr with `error` set otherwise.
const mvconf_port *open_table(const std::string &spec, std::string &error);
/// The CPython versions ("3.8", ...) with an oracle server (mvconf-cpython3.X) beside this
/// executable, oldest first.
std::vector<std::string> oracle_server_versions();
/// The CPython version the installed npm package of Pyodide carries ("3.14"), "" without it.
std::string pyodide_version();
/// Every CPython version with an oracle here, oldest first: the servers, then Pyodide's when it
/// is newer (an oracle for Python-level cases only; `cpython:3.X` opens it).
std::vector<std::string> oracle_versions();
/// Every built-in spec with a one-line description.
std::vector<std::pair<std::string, std::string>> known_ports();
/// Serve a port over JSON Lines: see serve.h.
int serve(const mvconf_port *port);

}  // namespace mvconf::harness
