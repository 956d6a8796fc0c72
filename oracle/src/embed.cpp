#include <Python.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "exporter_type.h"
#include "mvconf/oracle/oracle.h"

namespace mvconf::oracle {

static bool started = false;

void initialize() {
  if (started) return;
  PyConfig config;
  // Isolated: no environment variables, no user site, no cwd on sys.path, so the oracle
  // answers the same whoever runs the suite.
  PyConfig_InitIsolatedConfig(&config);
  config.install_signal_handlers = 0;
  // hash(bytes) must not change between runs: no hash randomization (PYTHONHASHSEED=0).
  config.use_hash_seed = 1;
  config.hash_seed = 0;
  PyStatus status = PyConfig_SetBytesString(&config, &config.home, MVCONF_PYTHON_HOME);
  if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) {
    std::fprintf(stderr, "mvconf: cannot start the embedded CPython (home %s): %s\n",
                 MVCONF_PYTHON_HOME, status.err_msg ? status.err_msg : "?");
    std::exit(2);
  }
  ready_exporter_type();
  started = true;
}

bool initialized() { return started; }

std::string version() {
  std::string v = Py_GetVersion();
  return v.substr(0, v.find(' '));
}

}  // namespace mvconf::oracle
