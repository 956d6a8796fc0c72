#!/usr/bin/env bash
# The README's test command: install what is missing, build, run ctest; then the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer, built with clang, with a short
# run of the libFuzzer targets (skip the sanitizer build with MVCONF_NO_ASAN=1, the fuzz run
# with MVCONF_NO_FUZZ=1; docs/fuzzing.md). Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step_start=$start
step() { echo "mvconf tests: $1 took $(($(date +%s) - step_start)) s"; step_start=$(date +%s); }
bash ci/setup.sh
step "setup (apt-get, npm)"
cmake --preset default
cmake --build --preset default
step "default build"
ctest --preset default --no-tests=error
step "default ctest"
if [ "${MVCONF_NO_ASAN:-0}" != "1" ]; then
  cmake --preset asan
  cmake --build --preset asan
  step "sanitizer build"
  skip_fuzz=()
  [ "${MVCONF_NO_FUZZ:-0}" = "1" ] && skip_fuzz=(-LE fuzz)
  ctest --preset asan --no-tests=error "${skip_fuzz[@]}"
  step "sanitizer ctest (with the fuzz run)"
fi
echo "mvconf tests: done in $(( $(date +%s) - start )) s"
