#!/usr/bin/env bash
# The README's main command: install what is missing, build, run the conformance suite
# against the built-in impl and print the report. Extra arguments go to `mvconf run`
# (for example --port mutant:copy_writable, or --gtest_filter=GetContiguous.*).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
cmake --preset default >/dev/null
cmake --build --preset default
exec build/properties/mvconf run --port impl "$@"
