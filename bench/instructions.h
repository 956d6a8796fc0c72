// Instructions per case, counted by callgrind (hardware counters are often unavailable in
// virtual machines and containers): mvconf_bench runs itself under valgrind, each row between
// client requests, and reads the dumps back.
#pragma once

#include <string>

namespace mvconf::bench {

/// True when this build can talk to callgrind (valgrind's headers were found).
bool callgrind_supported();

/// Runs `self` under callgrind in child mode with `child_args`, then prints instructions per
/// case for every family and row. Returns 0, or 1 when valgrind cannot be run.
int instructions_table(const std::string &self, const std::string &child_args);

/// The child side: records each family's cases, then runs every row once between
/// CALLGRIND_TOGGLE_COLLECT requests and dumps its counts named "Family/row CASES".
int callgrind_child();

}  // namespace mvconf::bench
