// Exporter probes: a real object from an exporter factory, asked for its buffer with every
// request-flag combination through the embedded CPython's PyObject_GetBuffer, and what each
// request was granted (docs/exporters.md). The contract is checked on this record by the
// harness (mvconf/harness/exporter_contract.h); nothing here judges.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mvconf::oracle {

/// The requests a probe makes: SIMPLE, ND, STRIDES, C_/F_/ANY_CONTIGUOUS and INDIRECT, each
/// alone, with WRITABLE, with FORMAT and with both (28 values of PyBUF_* flags).
const std::vector<int> &exporter_requests();
/// The request's flags by name, as C code writes them ("PyBUF_STRIDES | PyBUF_FORMAT").
std::string request_name(int flags);
/// Put `dir` first on the embedded CPython's sys.path (where mvconf_exporters and user
/// factories are imported from); call initialize() first.
void add_import_path(const std::string &dir);
/// mvconf_exporters.describe(exporter): the layouts the factory can make, as JSON. Throws
/// std::runtime_error with the Python error when the module or the factory is missing.
nlohmann::json describe_exporter(const std::string &exporter);
/// Make the object with mvconf_exporters.make(exporter, layout) and probe it. The record:
/// {"made": false, "why": ...} when the factory cannot make that layout; otherwise "type",
/// "full" (the PyBUF_FULL_RO grant), "requests" (one entry per exporter_requests() value:
/// the grant's fields, its items in logical order as hex, the same request repeated, the
/// getbuffer/releasebuffer counts and the exporter's reference count around it, or the
/// refusal) and "memoryview" (memoryview(obj)'s buffer). Throws std::runtime_error when the
/// factory raises.
nlohmann::json probe_exporter(const std::string &exporter, const nlohmann::json &layout);

}  // namespace mvconf::oracle
