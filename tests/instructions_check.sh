#!/bin/sh
# instructions_check.sh — a guard against slowdowns that does not depend on
# the machine's load: the instructions `maal run` executes on a fixed input,
# counted by valgrind's callgrind, against the count recorded in
# bench/instructions.baseline.  Fails when the count grows by more than the
# margin recorded there; no test asserts a wall-clock time.
#
#   sh tests/instructions_check.sh MAAL            check (prints PASS/FAIL/SKIP)
#   sh tests/instructions_check.sh --update MAAL   record the count as the baseline
#
# MAAL is the normal build (build/maal); maal-gen is taken from beside it.
# SKIP when valgrind is not installed and under SANITIZE=1 (instruction
# counts of a sanitizer build mean nothing).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
baseline=$root/bench/instructions.baseline
update=0
[ "${1:-}" = --update ] && { update=1; shift; }
MAAL=${1:?usage: instructions_check.sh [--update] MAAL}
gen=$(dirname "$MAAL")/maal-gen

if [ "${SANITIZE:-}" = 1 ]; then
  echo "SKIP instructions: a sanitizer build (SANITIZE=1); the count is checked on the normal build"
  exit 0
fi
if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP instructions: valgrind is not installed (apt-get install valgrind)"
  exit 0
fi

rows=$(awk '$1 == "rows" { print $2 }' "$baseline")
margin=$(awk '$1 == "margin_pct" { print $2 }' "$baseline")
want=$(awk '$1 == "instructions" { print $2 }' "$baseline")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$gen" --rows "$rows" --seed 1 --schema extended >"$tmp/borgere.csv" || { echo "FAIL instructions: maal-gen"; exit 1; }
# the pass split over two cores (runtime/split.c) as on a large file, so the
# count covers both halves and their merge; under valgrind the threads
# take turns, and the sum of their instructions is the same every run
if ! MAAL_SPLIT_MIN=1 MAAL_THREADS=2 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
     "$MAAL" run --no-provenance --format json "$root/bench/bench.maal" --data borgere="$tmp/borgere.csv" \
     >"$tmp/out" 2>"$tmp/err"; then
  echo "FAIL instructions: maal run under callgrind failed:"
  tail -n 20 "$tmp/err" | sed 's/^/    /'
  exit 1
fi
got=$(awk '$1 == "totals:" { print $2 }' "$tmp/cg.out")
[ -n "$got" ] || got=$(awk '$1 == "summary:" { print $2 }' "$tmp/cg.out")
[ -n "$got" ] || { echo "FAIL instructions: no totals: line in callgrind's output"; exit 1; }

if [ "$update" = 1 ]; then
  awk -v got="$got" '$1 == "instructions" { print "instructions", got; next } { print }' "$baseline" >"$tmp/new"
  cp "$tmp/new" "$baseline"
  echo "instructions: recorded $got in bench/instructions.baseline (was $want)"
  exit 0
fi

# the change in per cent, to one decimal
pct=$(awk -v g="$got" -v w="$want" 'BEGIN { printf "%+.1f", (g - w) * 100 / w }')
if awk -v g="$got" -v w="$want" -v m="$margin" 'BEGIN { exit !(g > w * (1 + m / 100)) }'; then
  echo "FAIL instructions: maal run bench/bench.maal on $rows rows executed $got instructions, $pct % over the baseline $want (the margin is +$margin %)."
  echo "    If the change is meant to cost more, record the new count and say why in the commit:"
  echo "      sh tests/instructions_check.sh --update build/maal && git add bench/instructions.baseline"
  exit 1
fi
echo "PASS instructions: maal run bench/bench.maal on $rows rows: $got instructions, $pct % against the baseline $want (margin +$margin %)"
if awk -v g="$got" -v w="$want" -v m="$margin" 'BEGIN { exit !(g < w * (1 - m / 100)) }'; then
  echo "NOTE instructions: more than $margin % below the baseline: record the new count so the guard keeps the gain:"
  echo "      sh tests/instructions_check.sh --update build/maal"
fi
exit 0
