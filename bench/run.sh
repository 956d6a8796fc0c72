#!/bin/sh
# Builds and runs the benchmarks (bench/README.md): `bench/run.sh [mvconf_bench options]`,
# e.g. `bench/run.sh --instructions` or `bench/run.sh --cases 5000`.
set -eu
cd "$(dirname "$0")/.."
cmake --preset bench >/dev/null
cmake --build --preset bench
exec build-bench/bench/mvconf_bench "$@"
