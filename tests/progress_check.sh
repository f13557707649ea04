#!/bin/sh
# progress_check.sh MAAL GEN — a long run on a terminal shows its progress
# on standard error (rows, MB/s, time left) and clears it; the same run
# with standard error to a file shows nothing.  Uses script(1) for a
# pseudo-terminal.  Prints PASS/FAIL/SKIP lines.
set -u
maal=$1
gen=$2
root=$(cd "$(dirname "$0")/.." && pwd)
command -v script >/dev/null 2>&1 || { echo "SKIP progress: script(1) is not installed"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" --rows 300000 --seed 7 --schema extended >"$tmp/big.csv"
rules="$root/rules/beskaeftigelsesaftale-2007.maal"
# on a terminal: the progress line, shown from the start
# (MAAL_PROGRESS_AFTER=0, not after half a second: the test may not depend
# on how fast the machine is), the pass split in two parts
script -qec "MAAL_PROGRESS_AFTER=0 MAAL_SPLIT_MIN=1 MAAL_THREADS=2 \"$maal\" run \"$rules\" --data borgere=\"$tmp/big.csv\" -o \"$tmp/t1.txt\"" "$tmp/tty.log" >/dev/null 2>&1
if grep -aq 'borgere: [0-9.]* rækker, [0-9]* MB/s' "$tmp/tty.log"; then
  echo "PASS progress: a long run on a terminal shows rows and MB/s"
else
  echo "FAIL progress: no progress line on a terminal"
  sed 's/^/    /' "$tmp/tty.log" | head -5
fi
# the bytes read so far, by every part, as MB/s: never more than the file
# (a part's bytes once counted from the file's start, less the part's
# offset, and came out as about 2^64: MB/s of 15 digits)
speeds=$(tr '\r' '\n' <"$tmp/tty.log" | sed -n 's/.* rækker, \([0-9]*\) MB\/s.*/\1/p')
if [ -n "$speeds" ] && echo "$speeds" | awk '$1 > 100000 { bad = 1 } END { exit bad }'; then
  echo "PASS progress: the bytes of every part, as MB/s ($(echo $speeds | tr ' ' ','))"
else
  echo "FAIL progress: MB/s beyond what a disk gives: $(echo $speeds | tr ' ' ',')"
fi
# not a terminal: nothing
MAAL_PROGRESS_AFTER=0 "$maal" run "$rules" --data borgere="$tmp/big.csv" -o "$tmp/t2.txt" 2>"$tmp/err.txt"
if [ ! -s "$tmp/err.txt" ] && cmp -s "$tmp/t1.txt" "$tmp/t2.txt"; then
  echo "PASS progress: nothing on standard error when it is not a terminal, the same table"
else
  echo "FAIL progress: standard error was not empty, or the tables differ"
fi
