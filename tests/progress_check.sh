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
"$gen" --rows 1500000 --seed 7 --schema extended >"$tmp/big.csv"
rules="$root/rules/beskaeftigelsesaftale-2007.maal"
# on a terminal: the progress line
script -qec "\"$maal\" run \"$rules\" --data borgere=\"$tmp/big.csv\" -o \"$tmp/t1.txt\"" "$tmp/tty.log" >/dev/null 2>&1
if grep -aq 'borgere: [0-9.]* rækker, [0-9]* MB/s' "$tmp/tty.log"; then
  echo "PASS progress: a long run on a terminal shows rows and MB/s"
else
  echo "FAIL progress: no progress line on a terminal"
  sed 's/^/    /' "$tmp/tty.log" | head -5
fi
# not a terminal: nothing
"$maal" run "$rules" --data borgere="$tmp/big.csv" -o "$tmp/t2.txt" 2>"$tmp/err.txt"
if [ ! -s "$tmp/err.txt" ] && cmp -s "$tmp/t1.txt" "$tmp/t2.txt"; then
  echo "PASS progress: nothing on standard error when it is not a terminal, the same table"
else
  echo "FAIL progress: standard error was not empty, or the tables differ"
fi
