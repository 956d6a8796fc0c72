#!/bin/sh
# Before and after in one run: two `mvconf` executables (say, one built from main and one from
# a branch) timed on the same properties, alternately, by CPU time (user + system), and, when
# valgrind is installed, their instructions per PyBytes case.
#
#   bench/compare.sh OLD_MVCONF NEW_MVCONF [CASES]
#
# Cases per CPU-second are measured at CASES and at CASES/10 cases, and the difference is
# used, so start-up (CPython's included) does not count. See bench/README.md.
set -eu
old=$1
new=$2
cases=${3:-4000}
few=$((cases / 10))
properties="IsContiguous.AgreesWithCPythonForEveryOrder
FromObject.LayoutFlagsReadonlyBaseMatchCPython
GetContiguous.CopyOrShareAgreesWithCPython
PyBytes.TobytesHexTolistMatchCPython
PyLifecycleModel.StatefulSequencesMatchCPython
PyAssignment.ItemAndSliceAssignmentMatchCPython"

cpu() {  # cpu BIN PROPERTY N: CPU seconds of one run
  /usr/bin/time -f "%U %S" -o /tmp/mvconf-compare.$$ "$1" run --port impl \
    --gtest_filter="$2" --cases "$3" >/dev/null 2>&1 || true
  awk '{print $1 + $2}' /tmp/mvconf-compare.$$
}

rate() {  # rate BIN PROPERTY: cases per CPU-second, start-up subtracted
  a=$(cpu "$1" "$2" "$few")
  b=$(cpu "$1" "$2" "$cases")
  awk -v a="$a" -v b="$b" -v n=$((cases - few)) \
    'BEGIN { if (b - a > 0) printf "%.0f", n / (b - a); else print "inf" }'
}

printf "%-50s %12s %12s %8s\n" "property (cases per CPU-second)" "old" "new" "new/old"
for p in $properties; do
  o=$(rate "$old" "$p")
  n=$(rate "$new" "$p")
  printf "%-50s %12s %12s %8s\n" "$p" "$o" "$n" \
    "$(awk -v o="$o" -v n="$n" 'BEGIN { if (o > 0) printf "%.1fx", n / o; else print "-" }')"
done
rm -f /tmp/mvconf-compare.$$

if command -v valgrind >/dev/null 2>&1; then
  printf "\ninstructions per PyBytes case (callgrind, the property only, 300 cases):\n"
  for bin in "$old" "$new"; do
    valgrind --tool=callgrind --callgrind-out-file=/tmp/mvconf-compare.cg.$$ \
      --toggle-collect='mvconf::harness::run_property(void (*)())' "$bin" run --port impl \
      --gtest_filter=PyBytes.TobytesHexTolistMatchCPython --cases 300 >/dev/null 2>&1 || true
    total=$(sed -n 's/^summary: //p' /tmp/mvconf-compare.cg.$$)
    printf "%-50s %12.0f\n" "$bin" "$(awk -v t="$total" 'BEGIN { print t / 300 }')"
    rm -f /tmp/mvconf-compare.cg.$$
  done
fi
