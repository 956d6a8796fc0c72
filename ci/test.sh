#!/usr/bin/env bash
# The README's test command: install what is missing, build, run ctest; then a short run of the
# libFuzzer targets (skip with MVCONF_NO_FUZZ=1; docs/fuzzing.md); then the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer (skip with MVCONF_NO_ASAN=1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
start=$(date +%s)
cmake --preset default
cmake --build --preset default
ctest --preset default --no-tests=error
if [ "${MVCONF_NO_FUZZ:-0}" != "1" ]; then
  fuzz_start=$(date +%s)
  cmake --preset fuzz
  cmake --build --preset fuzz
  ctest --preset fuzz --no-tests=error
  echo "mvconf tests: fuzz targets built and run in $(($(date +%s) - fuzz_start)) s"
fi
if [ "${MVCONF_NO_ASAN:-0}" != "1" ]; then
  cmake --preset asan
  cmake --build --preset asan
  ctest --preset asan --no-tests=error
fi
echo "mvconf tests: done in $(( $(date +%s) - start )) s"
