#!/usr/bin/env bash
# Keeps the behaviour spec's references true (docs/spec/README.md):
#  1. every section number cited as §N or §N.M in a tracked file is a heading of docs/spec/
#     ("## 5.11 Hash", "# 3 ...": a Markdown heading whose first word is the number);
#  2. no tracked file points outside the repository for the spec (the old external notes).
# Prints what it checked; exits 1 naming each broken reference, 2 on bad usage.
#
# ci/check_spec_refs.sh [--spec-dir DIR] [--also FILE]...
#   --spec-dir DIR  read the headings from DIR instead of docs/spec (relative to the repo root)
#   --also FILE     scan FILE as well as the tracked files (the self-test's broken example)
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "$0")/.." && pwd)
spec_dir=docs/spec
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --spec-dir) [ $# -ge 2 ] || { echo "check_spec_refs: --spec-dir needs a directory" >&2; exit 2; }
                spec_dir=$2; shift 2 ;;
    --also)     [ $# -ge 2 ] || { echo "check_spec_refs: --also needs a file" >&2; exit 2; }
                extra+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    *) echo "check_spec_refs: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
cd "$root"

# The files to scan: what git tracks (a checkout without git: every file but .git and builds).
files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  while IFS= read -r -d '' f; do [ -f "$f" ] && files+=("$f"); done < <(git ls-files -z)
else
  while IFS= read -r -d '' f; do files+=("${f#./}"); done \
    < <(find . -path ./.git -prune -o -path './build*' -prune -o -type f -print0)
fi
files+=("${extra[@]}")
[ ${#files[@]} -gt 0 ] || { echo "check_spec_refs: no files to scan" >&2; exit 1; }

shopt -s nullglob
spec_files=("$spec_dir"/*.md)
[ ${#spec_files[@]} -gt 0 ] || { echo "check_spec_refs: no Markdown files in $spec_dir" >&2; exit 1; }

section='§[0-9]+(\.[0-9]+)?'
# Every citation as "FILE:LINE:§N.M", one per line (grep -I skips binary files).
cites=$(printf '%s\0' "${files[@]}" | xargs -0 grep -IHnoE "$section" || true)
[ -n "$cites" ] || { echo "check_spec_refs: no § reference found: is this the mvconf tree?" >&2; exit 1; }
cited=$(printf '%s\n' "$cites" | sed -E 's/.*:§//' | sort -uV)
headings=$(grep -hoE '^#{1,6} +[0-9]+(\.[0-9]+)?( |$)' "${spec_files[@]}" \
           | sed -E 's/^#+ +//; s/ +$//' | sort -uV)

status=0
echo "check_spec_refs: $(printf '%s\n' "$cited" | wc -l) section numbers cited in" \
     "$(printf '%s\n' "$cites" | cut -d: -f1 | sort -u | wc -l) files:" $(printf '§%s\n' $cited)
# Membership by array lookup, not `printf | grep -q`: under pipefail a grep that exits at its
# first match can leave printf with SIGPIPE and turn a found heading into a failure.
declare -A has_heading=()
for h in $headings; do has_heading[$h]=1; done
for n in $cited; do
  if [ -z "${has_heading[$n]:-}" ]; then
    where=$(printf '%s\n' "$cites" | grep -E ":§${n//./\\.}\$" | cut -d: -f1,2 | head -3 | paste -sd' ' || true)
    echo "check_spec_refs: §$n has no heading in $spec_dir/ (cited at $where)"
    status=1
  fi
done

# The spec lives in docs/spec/: no pointer to the notes it replaced. The patterns are built so
# that this file does not contain them.
dotdot='..'
patterns=("$dotdot/shared" "memoryview-""semantics")
for p in "${patterns[@]}"; do
  hits=$(printf '%s\0' "${files[@]}" | xargs -0 grep -IHnF -e "$p" || true)
  if [ -n "$hits" ]; then
    printf '%s\n' "$hits" | while IFS= read -r h; do
      echo "check_spec_refs: '$p' points outside the repository: ${h%%:*}:$(cut -d: -f2 <<<"$h")"
    done
    status=1
  fi
done

if [ $status -eq 0 ]; then
  echo "check_spec_refs: every § reference has a heading in $spec_dir/; nothing points outside the repository"
fi
exit $status
