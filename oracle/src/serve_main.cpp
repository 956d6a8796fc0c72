// mvconf-cpython3.X: one CPython's C API served as an out-of-process port, so that several
// CPython versions (each its own libpython) can be oracles or ports in one run:
// `mvconf run --oracle cpython:3.12 --port impl:3.12`.
#include <csignal>

#include "mvconf/harness/run_case.h"
#include "mvconf/harness/serve.h"
#include "mvconf/oracle/oracle.h"

int main() {
  std::signal(SIGPIPE, SIG_IGN);
  mvconf::oracle::initialize();
  mvconf::harness::set_py_call_values(mvconf::oracle::port(), mvconf::oracle::py_call_values);
  return mvconf::harness::serve(mvconf::oracle::port());
}
