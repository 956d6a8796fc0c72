#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test mvconf (as root, or via sudo).
set -euo pipefail
packages=(cmake ninja-build g++ make binutils libgtest-dev librapidcheck-dev nlohmann-json3-dev libcli11-dev)
# The fuzz preset (docs/fuzzing.md): clang and its libFuzzer/sanitizer runtimes.
packages+=(clang libclang-rt-14-dev)
# PyPy's C API is tested as a port too (skipped cleanly where these are absent).
packages+=(pypy3 pypy3-dev)
# Exporters checked by `mvconf exporters` (docs/exporters.md), and pytest for the binding
# author's example (examples/exporter_pytest); each is skipped cleanly where absent.
packages+=(python3-numpy python3-pytest pybind11-dev cython3)
# The conformance page is checked in a real browser (docs/conformance.md); skipped where absent.
packages+=(chromium)
# Cases, outcomes and protocol messages are checked against docs/schema/ (skipped where absent).
packages+=(python3-jsonschema)
# The oracle is the CPython that `python3` on PATH names; without one, use Debian's.
if ! command -v python3 >/dev/null 2>&1; then
  packages+=(python3 python3-dev)
elif ! python3 -c 'import sysconfig,os,sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
  packages+=(python3-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "mvconf setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi
# JavaScript runtimes for the Python-level driver (fixtures/ports/node/: MicroPython, Pyodide,
# Brython), pinned by its package-lock.json and installed there, never globally: skipped where
# npm is absent. Installed again when the lock file is newer than the install.
node_dir="$(dirname "$0")/../fixtures/ports/node"
if command -v npm >/dev/null 2>&1 &&
   { [ ! -f "$node_dir/node_modules/.package-lock.json" ] ||
     [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; }; then
  npm ci --prefix "$node_dir" --no-audit --no-fund >/dev/null ||
    echo "mvconf setup: npm packages not installed (the Node.js ports will be skipped)"
fi
