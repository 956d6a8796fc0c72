#!/usr/bin/env bash
# The long fuzz run (docs/fuzzing.md): builds the fuzz preset, then runs every libFuzzer target
# (or those named) for SECONDS each, MVCONF_FUZZ_JOBS at a time (default: all at once, one
# process per target, so give it as many cores as targets or lower the jobs). Each target's
# corpus grows in build-fuzz/fuzz-long/<target>/corpus across runs; crash inputs land in
# build-fuzz/fuzz-long/<target>/artifacts/. Prints executions per target; exits 1 if any
# target crashed or broke an invariant in this run.
#   ci/fuzz.sh 600                      # ten minutes per target
#   MVCONF_FUZZ_JOBS=1 ci/fuzz.sh 60 impl_slots case_line
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(case_line expectations port_answer impl_slots)
bash ci/setup.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
bin=build-fuzz/properties/fuzz
seeds_of() { case $1 in expectations) echo expectations ;; port_answer) echo answers ;; *) echo cases ;; esac; }
max_len_of() { case $1 in expectations) echo 8192 ;; port_answer) echo 16384 ;; *) echo 4096 ;; esac; }
run_one() {
  local t=$1 dir=build-fuzz/fuzz-long/$1
  mkdir -p "$dir/corpus" "$dir/artifacts"
  touch "$dir/started"  # artifacts newer than this are this run's
  local regressions=()
  [ -d "fixtures/fuzz_regressions/$t" ] && regressions=("fixtures/fuzz_regressions/$t")
  UBSAN_OPTIONS=print_stacktrace=1 "$bin/mvconf_fuzz_$t" -max_total_time="$seconds" -timeout=25 \
    -rss_limit_mb=2048 -max_len="$(max_len_of "$t")" -dict=properties/fuzz/mvconf.dict \
    -artifact_prefix="$dir/artifacts/" -print_final_stats=1 "$dir/corpus" \
    "$bin/seeds/$(seeds_of "$t")" "${regressions[@]}" >"$dir/log" 2>&1
}
export -f run_one seeds_of max_len_of
export bin seconds
echo "mvconf fuzz: ${targets[*]}, ${seconds} s each, ${MVCONF_FUZZ_JOBS:-${#targets[@]}} at a time"
status=0
printf '%s\n' "${targets[@]}" | xargs -P "${MVCONF_FUZZ_JOBS:-${#targets[@]}}" -I{} bash -c 'run_one {}' ||
  status=1
total=0
for t in "${targets[@]}"; do
  log=build-fuzz/fuzz-long/$t/log
  runs=$(grep -aoE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' || true)
  corpus=$(find "build-fuzz/fuzz-long/$t/corpus" -type f | wc -l)
  crashes=$(find "build-fuzz/fuzz-long/$t/artifacts" -type f -newer "build-fuzz/fuzz-long/$t/started" | wc -l)
  printf 'mvconf fuzz: %-12s %12s runs, corpus %6d inputs, %d artifact(s)\n' "$t" "${runs:-FAILED}" \
    "$corpus" "$crashes"
  total=$((total + ${runs:-0}))
  [ -n "$runs" ] && [ "$runs" -gt 0 ] && [ "$crashes" -eq 0 ] || status=1
done
echo "mvconf fuzz: $total runs in all"
exit $status
