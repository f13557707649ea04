#!/bin/sh
# race_check.sh — the pass split over more cores (runtime/split.c) under
# ThreadSanitizer: `make race` builds build/tsan/maal and runs this.  The
# threads share the rules, the plan and the per-entity state read-only;
# a data race between them is a failure here.  Runs tests/split_check.sh
# and every case of tests/cases with each file split in three parts
# (MAAL_SPLIT_MIN=1 MAAL_THREADS=3).
#
#   sh tests/race_check.sh build/tsan/maal     PASS/FAIL lines, then "N passed, N failed"
set -u
here=$(cd "$(dirname "$0")" && pwd)
MAAL=${1:?usage: race_check.sh MAAL}
MAAL=$(cd "$(dirname "$MAAL")" && pwd)/$(basename "$MAAL")
TSAN_OPTIONS="exitcode=66 halt_on_error=1"
MAAL_LANG=en
export TSAN_OPTIONS MAAL_LANG
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

sh "$here/split_check.sh" "$MAAL" >"$tmp/split.out" 2>&1
p=$(grep -c '^PASS ' "$tmp/split.out")
f=$(grep -c '^FAIL ' "$tmp/split.out")
pass=$((pass + p))
fail=$((fail + f))
cat "$tmp/split.out"

n=0
for dir in "$here"/cases/*/; do
  [ -f "$dir/cmd" ] || continue
  args=$(grep -v '^#' "$dir/cmd" | head -n 1)
  (cd "$dir" && unset LC_ALL LC_MESSAGES LANG && if [ -f env ]; then set -a && . ./env && set +a; fi &&
    MAAL_SPLIT_MIN=1 MAAL_THREADS=3 eval "\"$MAAL\" $args") >/dev/null 2>"$tmp/err"
  rc=$?
  if [ $rc = 66 ] || grep -q ThreadSanitizer "$tmp/err"; then
    fail=$((fail + 1))
    echo "FAIL race: case $(basename "$dir")"
    head -40 "$tmp/err"
  else
    n=$((n + 1))
  fi
done
pass=$((pass + n))
echo "PASS race: $n cases split in three parts without a data race"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
