#!/bin/sh
# bench.sh — how fast maal evaluates the 2007 agreement on a large extract.
# Measures; asserts nothing.  Usage: sh tests/bench.sh [BUILD] [ROWS]
set -eu
build=${1:-build}
rows=${2:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/maal-gen" --rows "$rows" --seed 1 --schema extended >"$dir/big.csv"
bytes=$(wc -c <"$dir/big.csv")
echo "extract: $rows rows, $bytes bytes (maal-gen --seed 1 --schema extended)"
best=""
for i in 1 2 3; do
  start=$(date +%s.%N)
  "$build/maal" run rules/beskaeftigelsesaftale-2007.maal --data borgere="$dir/big.csv" >/dev/null
  end=$(date +%s.%N)
  t=$(awk "BEGIN { printf \"%.3f\", $end - $start }")
  echo "run $i: ${t}s"
  if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t; fi
done
awk "BEGIN { printf \"best: %.3fs, %d rows/s, %d MB/s\\n\", $best, $rows / $best, $bytes / $best / 1000000 }"
