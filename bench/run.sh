#!/bin/sh
# run.sh — `make bench`: maal against sqlite3, gawk, Miller, DuckDB and the
# floor on the same extract and the same 12 goals (bench/README.md).
#
#   sh bench/run.sh [BUILD]        BUILD holds maal, maal-gen, floor and hash
#
# Environment:
#   BENCH_SIZES  rows of the extracts, e.g. "1000000 5000000" (default 1000000)
#   BENCH_RUNS   runs per tool; the median is reported (default 3)
#   BENCH_OUT    where the results go (default bench/RESULTS.md)
#   BENCH_NOTE   a sentence for the results, e.g. what else the machine ran
#
# Checks that every tool printed the same 12 numbers as maal and exits 1,
# showing the difference, if one did not.  Measures; asserts no time.
# As root it installs what is missing (apt-get: gawk, miller, time,
# sqlite3, jq; npm: @duckdb/node-api into BUILD/duckdb); otherwise a tool
# that is missing is reported as SKIP with the reason.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=$(cd "${1:-$root/build}" && pwd)
sizes=${BENCH_SIZES:-1000000}
runs=${BENCH_RUNS:-3}
out=${BENCH_OUT:-$here/RESULTS.md}
note=${BENCH_NOTE:-}
duckdb_version=1.5.6-r.1
work=$build/bench
mkdir -p "$work"

# ---- what it needs ----
missing=""
command -v gawk >/dev/null 2>&1 || missing="$missing gawk"
command -v mlr >/dev/null 2>&1 || missing="$missing miller"
[ -x /usr/bin/time ] || missing="$missing time"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
command -v jq >/dev/null 2>&1 || missing="$missing jq"
if [ -n "$missing" ] && [ "$(id -u)" = 0 ]; then
  echo "bench: installing$missing"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing; } >"$work/apt.log" 2>&1 ||
    echo "bench: apt-get failed (see $work/apt.log)" >&2
fi
command -v jq >/dev/null 2>&1 || { echo "bench: jq is needed to read maal's JSON report (apt-get install jq)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed for the peak memory (apt-get install time)" >&2; exit 1; }

# DuckDB: the npm package, installed into BUILD/duckdb (never committed).
duckdb_dir=$build/duckdb
duckdb_skip=""
if ! command -v node >/dev/null 2>&1; then
  duckdb_skip="node is not installed"
elif [ ! -d "$duckdb_dir/node_modules/@duckdb/node-api" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    duckdb_skip="npm is not installed"
  else
    mkdir -p "$duckdb_dir"
    [ -f "$duckdb_dir/package.json" ] || echo '{ "private": true }' >"$duckdb_dir/package.json"
    echo "bench: npm install @duckdb/node-api@$duckdb_version into $duckdb_dir"
    if ! (cd "$duckdb_dir" && timeout 600 npm install --no-audit --no-fund "@duckdb/node-api@$duckdb_version") >"$work/npm.log" 2>&1; then
      duckdb_skip="npm install @duckdb/node-api@$duckdb_version failed: $(grep -m1 -i 'err' "$work/npm.log" | cut -c1-160)"
    fi
  fi
fi

# ---- one tool: BENCH_RUNS runs, the median wall time, the peak memory ----
# measure NAME CMD...: writes $work/NAME.out (the first run's output),
# $work/NAME.times (one wall time in seconds a line), $work/NAME.mem (the
# largest maximum resident size in kB), $work/NAME.load (1-min load before
# each run).  Returns the command's exit status if a run failed.
measure() {
  name=$1; shift
  : >"$work/$name.times"; : >"$work/$name.load"; echo 0 >"$work/$name.mem"
  i=0
  while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    cut -d' ' -f1 /proc/loadavg >>"$work/$name.load"
    t0=$(date +%s%N)
    if ! /usr/bin/time -f %M -o "$work/$name.rss" "$@" >"$work/$name.run" 2>"$work/$name.err"; then
      return 1
    fi
    t1=$(date +%s%N)
    echo "$t0 $t1" | awk '{ printf "%.4f\n", ($2 - $1) / 1e9 }' >>"$work/$name.times"
    rss=$(tail -n 1 "$work/$name.rss")
    [ "$rss" -gt "$(cat "$work/$name.mem")" ] && echo "$rss" >"$work/$name.mem"
    if [ "$i" = 1 ]; then
      mv "$work/$name.run" "$work/$name.out"
    elif ! cmp -s "$work/$name.run" "$work/$name.out"; then
      echo "bench: $name printed something else in run $i than in run 1" >&2
      diff "$work/$name.out" "$work/$name.run" >&2 || true
      exit 1
    fi
  done
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The 12 numbers as `ID VALUE` lines: a share as numerator/denominator, a
# count as it is, the average to 6 decimals.
canon_maal() { # JSON report
  jq -r '.areas[].initiatives[].goals[] |
    if .measure == "share" then "\(.id) \(.numerator)/\(.denominator)"
    elif .measure == "average" then "\(.id) avg \(.value)"
    else "\(.id) \(.value)" end' "$1" |
  awk '$2 == "avg" { printf "%s %.6f\n", $1, $3; next } { print }'
}
canon_20() { # the 20 numbers of goals.sql on one line
  awk 'NF != 20 { print "bad output: " $0; exit }
    { split("1.1-a 1.1-b 1.1-c 1.1-d 1.1-e 1.1-f 1.1-g", s, " ")
      for (k = 1; k <= 7; k++) print s[k], $(2 * k - 1) "/" $(2 * k)
      print "1.2-a", $15; print "1.2-b", $16; print "1.2-c", $17; print "1.2-d", $18
      printf "1.2-e %.6f\n", $19 / $20 }' "$1"
}

cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*:[[:space:]]*//')
mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
res=$work/results.md
{
  echo "# Benchmark results"
  echo
  echo "Written by \`make bench\` (bench/run.sh; bench/README.md says what is measured and how)."
  echo
  echo "- date: $started"
  echo "- machine: $(nproc) cores ($cpu), $mem memory, $(uname -sr)"
  echo "- load average (1, 5, 15 min) at the start: $load_start"
  [ -n "$note" ] && echo "- note: $note"
  echo "- versions: $("$build/maal" --version 2>/dev/null | head -n 1 || echo maal),"\
    "sqlite3 $(sqlite3 --version 2>/dev/null | cut -d' ' -f1),"\
    "$(gawk --version 2>/dev/null | head -n 1 | cut -d, -f1),"\
    "$(mlr --version 2>/dev/null),"\
    "node $(node --version 2>/dev/null) with @duckdb/node-api $duckdb_version"
  echo "- each time is the median of $runs runs (wall clock); MB/s is the file's size over it; peak memory is the largest maximum resident size (GNU time); ratio is the time over maal's"
} >"$res"

status=0
for rows in $sizes; do
  data=$work/borgere-$rows.csv
  if [ ! -s "$data" ] || [ "$build/maal-gen" -nt "$data" ]; then
    echo "bench: maal-gen --rows $rows --seed 1 --schema extended > $data"
    "$build/maal-gen" --rows "$rows" --seed 1 --schema extended >"$data.tmp"
    mv "$data.tmp" "$data"
  fi
  # The file just written may still be on its way to the disk: flush it and
  # read it once, so every tool, maal first, reads it from the page cache.
  sync
  cat "$data" >/dev/null
  bytes=$(wc -c <"$data")
  mb=$(awk "BEGIN { printf \"%.0f\", $bytes / 1e6 }")
  echo "bench: $rows rows, $mb MB"
  sed "s|@FILE@|$data|" "$here/queries/sqlite-load.sql" >"$work/sqlite.sql"
  cat "$here/queries/goals.sql" >>"$work/sqlite.sql"

  : >"$work/rows.tsv"   # name, median, peak kB, times, load, skip reason
  row() { # NAME [SKIP-REASON]
    if [ -n "${2:-}" ]; then
      printf '%s\t-\t-\t-\t-\t%s\n' "$1" "$2" >>"$work/rows.tsv"
    else
      printf '%s\t%s\t%s\t%s\t%s\t\n' "$1" "$(median "$work/$1.times")" "$(cat "$work/$1.mem")" \
        "$(tr '\n' ' ' <"$work/$1.times" | sed 's/ $//')" "$(tr '\n' ' ' <"$work/$1.load" | sed 's/ $//')" >>"$work/rows.tsv"
    fi
    echo "bench:   $1 $(tail -n 1 "$work/rows.tsv" | cut -f2,6)"
  }
  check() { # NAME: its canonical numbers against maal's
    canon_20 "$work/$1.out" >"$work/$1.canon"
    if ! cmp -s "$work/maal.canon" "$work/$1.canon"; then
      echo "bench: FAIL: $1 does not print maal's 12 numbers on $rows rows (maal's left, $1's right):" >&2
      diff "$work/maal.canon" "$work/$1.canon" >&2 || true
      status=1
    fi
  }

  measure maal "$build/maal" run --format json "$here/bench.maal" --data borgere="$data" ||
    { echo "bench: maal failed:" >&2; cat "$work/maal.err" >&2; exit 1; }
  canon_maal "$work/maal.out" >"$work/maal.canon"
  [ "$(wc -l <"$work/maal.canon")" = 12 ] || { echo "bench: maal's report does not hold 12 goals" >&2; exit 1; }
  row maal
  # the same with one core (MAAL_THREADS=1: the pass is not split, spec §12.1)
  measure maal-1t env MAAL_THREADS=1 "$build/maal" run --format json "$here/bench.maal" --data borgere="$data" ||
    { echo "bench: maal-1t failed:" >&2; cat "$work/maal-1t.err" >&2; exit 1; }
  canon_maal "$work/maal-1t.out" >"$work/maal-1t.canon"
  cmp -s "$work/maal.canon" "$work/maal-1t.canon" ||
    { echo "bench: FAIL: maal on one core does not print maal's 12 numbers" >&2; status=1; }
  row maal-1t
  # without the provenance (--no-provenance: no SHA-256 of the file)
  measure maal-noprov "$build/maal" run --no-provenance --format json "$here/bench.maal" --data borgere="$data" ||
    { echo "bench: maal-noprov failed:" >&2; cat "$work/maal-noprov.err" >&2; exit 1; }
  canon_maal "$work/maal-noprov.out" >"$work/maal-noprov.canon"
  cmp -s "$work/maal.canon" "$work/maal-noprov.canon" ||
    { echo "bench: FAIL: maal without provenance does not print maal's 12 numbers" >&2; status=1; }
  row maal-noprov

  if command -v sqlite3 >/dev/null 2>&1; then
    measure sqlite3 sh -c 'sqlite3 <"$1"' sh "$work/sqlite.sql" ||
      { echo "bench: sqlite3 failed:" >&2; cat "$work/sqlite3.err" >&2; exit 1; }
    check sqlite3; row sqlite3
  else row sqlite3 "SKIP: sqlite3 is not installed"; fi

  if [ -z "$duckdb_skip" ]; then
    for th in 1 2; do
      if measure "duckdb-${th}t" node "$here/queries/duckdb.cjs" "$duckdb_dir/node_modules" "$th" "$data"; then
        check "duckdb-${th}t"; row "duckdb-${th}t"
      else
        row "duckdb-${th}t" "SKIP: $(head -c 200 "$work/duckdb-${th}t.err" | tr '\n' ' ')"
      fi
    done
  else
    row duckdb-1t "SKIP: $duckdb_skip"; row duckdb-2t "SKIP: $duckdb_skip"
  fi

  if command -v gawk >/dev/null 2>&1; then
    measure gawk gawk -f "$here/queries/goals.awk" "$data" ||
      { echo "bench: gawk failed:" >&2; cat "$work/gawk.err" >&2; exit 1; }
    check gawk; row gawk
  else row gawk "SKIP: gawk is not installed"; fi

  if command -v mlr >/dev/null 2>&1; then
    measure miller mlr --icsv --from "$data" put -q -f "$here/queries/goals.mlr" ||
      { echo "bench: miller failed:" >&2; cat "$work/miller.err" >&2; exit 1; }
    check miller; row miller
  else row miller "SKIP: miller is not installed"; fi

  # the floor: read the file and count its lines, the faster of two ways
  measure wc-l wc -l "$data"; row wc-l
  measure floor "$build/floor" "$data"; row floor
  [ "$(cut -d' ' -f1 "$work/wc-l.out")" = "$(cat "$work/floor.out")" ] ||
    { echo "bench: floor and wc -l count different lines" >&2; exit 1; }

  # the provenance's hash alone (bench/hash.c): maal's report carries the
  # file's SHA-256, which no peer computes; it must be the digest maal printed
  measure sha256 "$build/hash" "$data"; row sha256
  [ "$(cat "$work/sha256.out")" = "$(jq -r '.provenance.data[0].sha256' "$work/maal.out")" ] ||
    { echo "bench: the SHA-256 in maal's report is not the file's" >&2; exit 1; }

  maal_t=$(median "$work/maal.times")
  {
    echo
    echo "## $rows rows ($mb MB, \`maal-gen --rows $rows --seed 1 --schema extended\`)"
    echo
    echo "| tool | median s | MB/s | peak MB | ratio to maal | the $runs times, s | 1-min load before each run |"
    echo "|---|--:|--:|--:|--:|---|---|"
    awk -F'\t' -v bytes="$bytes" -v mt="$maal_t" '
      $6 != "" { printf "| %s | – | – | – | – | %s | |\n", $1, $6; next }
      { printf "| %s | %.3f | %.0f | %.1f | %.2f | %s | %s |\n", $1, $2, bytes / 1e6 / $2, $3 / 1024, $2 / mt, $4, $5 }' "$work/rows.tsv"
    awk -F'\t' -v mt="$maal_t" '($1 == "wc-l" || $1 == "floor") && $6 == "" && (f == "" || $2 < f) { f = $2; n = $1 }
      $1 == "sha256" && $6 == "" { h = $2 }
      END { if (f != "") printf "\nThe floor (the faster of `wc -l` and bench/floor.c) is %s: %.3f s; maal takes %.1f times the floor'"'"'s time.\n", n, f, mt / f
            if (f != "" && h != "") printf "The SHA-256 of the file alone (bench/hash.c, which maal computes for the report'"'"'s provenance) takes %.3f s, %.1f times the floor'"'"'s time.\n", h, h / f }' "$work/rows.tsv"
    echo
    echo "Every tool printed maal's 12 numbers:"
    echo
    echo '```'
    cat "$work/maal.canon"
    echo '```'
  } >>"$res"
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "Load average (1, 5, 15 min) at the end: $load_end.  On a machine with"
  echo "$(nproc) cores a load above $(nproc) means the tools shared the cores with other"
  echo "work: the times are then noisy and longer than on a quiet machine.  Re-run"
  echo "\`make bench\` on a quiet machine for numbers to quote."
} >>"$res"

if [ "$status" != 0 ]; then
  echo "bench: the tools disagree; $out not written (partial results in $res)" >&2
  exit 1
fi
cp "$res" "$out"
echo "bench: results in $out"
cat "$out"
