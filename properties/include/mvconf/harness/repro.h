// Failure output a person can act on: the case, both outcomes and where they differ, the
// replay command, and a snippet that shows CPython's answer with _testbuffer.
#pragma once

#include <string>

#include "mvconf/harness/case.h"

namespace mvconf::harness {

/// Python code that binds `nd` to a _testbuffer.ndarray presenting `layout` (same memory
/// bytes, shape, strides, offset, readonly), or "" when ndarray cannot present it. Formats whose
/// items do not survive struct round trips are presented as 'Ns' (*exact_format = false).
std::string ndarray_code(const fixtures::Layout &layout, bool *exact_format);
/// Python 3 code that reproduces the case on real CPython with _testbuffer.ndarray, or says
/// why the layout has no ndarray equivalent.
std::string python_snippet(const Case &c, const std::string &port_spec = "impl");
/// A Python program that runs py_chain case c and prints each result: the same on CPython and
/// on the implementation under test (repro_py_chain.cpp).
std::string py_chain_program(const Case &c);
/// The whole failure report for a diverging case (its mvconf-case line names `property`).
std::string failure_report(const Case &c, const std::string &property, const Outcome &want,
                           const Outcome &got, const std::string &oracle_name,
                           const std::string &port_name, const std::string &port_spec);

}  // namespace mvconf::harness
