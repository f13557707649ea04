#!/bin/sh
# split_check.sh — a pass split over more cores (runtime/split.c, issue 12)
# gives exactly what one core gives, whichever way its second half goes.
# Each scenario writes a data file, runs tests/split/regler.maal on it
# twice — MAAL_THREADS=1 (one core), and MAAL_SPLIT_MIN=1 (split however
# small the file) — and compares standard output, standard error and the
# exit status; MAAL_SPLIT_LOG must say the scenario's way: merged, or
# dropped for the reason the scenario is made of.  A last scenario runs
# the benchmark's rules on a file above the default size, unforced.
#
#   sh tests/split_check.sh MAAL     PASS/FAIL lines
set -u
MAAL_LANG=en
export MAAL_LANG
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
MAAL=${1:?usage: split_check.sh MAAL}
MAAL=$(cd "$(dirname "$MAAL")" && pwd)/$(basename "$MAAL")
gen=$(dirname "$MAAL")/maal-gen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/split/regler.maal" "$tmp/"

HEADER=id,alder,ydelse,kr,start,maaned,jobplan
# n ordinary rows from id `first` on (ids repeat, so distinct counts merge)
rows() { # first n
  awk -v f="$1" -v n="$2" 'BEGIN { for (i = f; i < f + n; i++)
    printf "%d,%d,%s,%d,2024-01-%02d,2024-%02d,%s\n", i % 37, 18 + i % 50,
      (i % 3 ? "kontanthjælp" : "dagpenge"), i * 10, 1 + i % 28, 1 + i % 12, (i % 2 ? "ja" : "nej") }'
}

# run RULES in $tmp both ways, with the run options OPTIONS; WANT: what
# MAAL_SPLIT_LOG says of each split pass, each line followed by '|'
both() { # name rules want [options]
  (cd "$tmp" && MAAL_THREADS=1 "$MAAL" run ${4:-} "$2" >one.out 2>one.err; echo $? >one.status)
  rm -f "$tmp/log"
  (cd "$tmp" && MAAL_THREADS=${PARTS:-2} MAAL_SPLIT_MIN=1 MAAL_SPLIT_LOG="$tmp/log" "$MAAL" run ${4:-} "$2" >two.out 2>two.err; echo $? >two.status)
  why=""
  for f in out err status; do
    cmp -s "$tmp/one.$f" "$tmp/two.$f" || why="$why; the $f differs: $(diff "$tmp/one.$f" "$tmp/two.$f" | head -6 | tr '\n' ' ')"
  done
  got=$(tr '\n' '|' 2>/dev/null <"$tmp/log")
  case $3 in
  \~*) # ~LINE: among the lines (a chain's parts after a dropped one stop when they may)
    grep -qxF "${3#\~}" "$tmp/log" 2>/dev/null || why="$why; the split went '$got', without '${3#\~}'" ;;
  *) [ "$got" = "$3" ] || why="$why; the split went '$got', not '$3'" ;;
  esac
  if [ -z "$why" ]; then echo "PASS split: $1"; else echo "FAIL split: $1$why"; fi
}
# the scenario's one-core run had no error
clean() { [ "$(cat "$tmp/one.status")" = 0 ] || echo "FAIL split: $1: the scenario itself fails ($(head -3 "$tmp/one.err"))"; }

# a new breakdown part (starthjælp) and the one row of 'værdi' in the second half
{ echo "$HEADER"; rows 1 50; echo "9999,44,starthjælp,-5,2024-03-01,2024-03,ja"; } >"$tmp/borgere.csv"
both merged regler.maal "merged|"
clean merged

{ echo "$HEADER"; rows 1 50; } | sed 's/$/\r/' >"$tmp/borgere.csv"
both crlf regler.maal "merged|"

# the middle of the file is inside a quoted field whose lines look like
# records: the second half reads them as records, the first never ends a
# record where it began
{ echo "$HEADER"; rows 1 10; printf '1,30,"fake\n'; rows 100 60; printf 'end",5,2024-01-01,2024-01,ja\n'; rows 11 10; } >"$tmp/borgere.csv"
both quoted regler.maal "dropped: the next part began inside a record|"

# the middle inside a quoted field of prose on many lines (a case worker's
# note): the line ends in it are followed by no record of the header's
# fields, so the second half begins after the field, and is merged
{ echo "$HEADER"; rows 1 40; printf '1,30,"Borger ringet op'
  awk 'BEGIN { for (i = 1; i <= 60; i++) printf "\nopfølgning nr. %d, aftalt \"\"møde\"\" om %d uger", i, i % 9 }'
  printf ' slut",5,2024-01-01,2024-01,ja\n'; rows 41 40; } >"$tmp/borgere.csv"
both "the middle inside a note on many lines" regler.maal "merged|"

# a broken row in the second half: reported once, at its line, by the first
{ echo "$HEADER"; rows 1 50; echo "7,abc,dagpenge,1,2024-01-01,2024-01,ja"; rows 51 3; } >"$tmp/borgere.csv"
both broken regler.maal "dropped: the next part has a broken row|"
grep -q "borgere.csv:52:" "$tmp/two.err" || echo "FAIL split: broken: the error is not at line 52: $(head -2 "$tmp/two.err")"

# each half's sum fits, the whole sum fits, but on the way through the
# rows in order it passes what maal computes with: an error at that row
{ echo "$HEADER"; awk 'BEGIN { for (i = 0; i < 10; i++) print "1,30,dagpenge,900000000000000000,2024-01-01,2024-01,ja" }'
  rows 2 20; echo "2,30,dagpenge,900000000000000000,2024-01-01,2024-01,ja"
  echo "3,30,dagpenge,-900000000000000000,2024-01-01,2024-01,ja"; } >"$tmp/borgere.csv"
both sum regler.maal "dropped: a sum could grow too large on the way|"
grep -q "too large" "$tmp/two.err" || echo "FAIL split: sum: no error about a sum too large: $(head -2 "$tmp/two.err")"

# so many broken rows in the first half that the pass stops there
{ echo "$HEADER"; awk 'BEGIN { for (i = 0; i < 30; i++) print "1,x,dagpenge,1,2024-01-01,2024-01,ja" }'; rows 1 60; } >"$tmp/borgere.csv"
both stopped regler.maal "dropped: the pass stopped before the next part|"

# ---- a pass in more parts than two: each part's thread merges the next ----
{ echo "$HEADER"; rows 1 50; echo "9999,44,starthjælp,-5,2024-03-01,2024-03,ja"; rows 51 40; } >"$tmp/borgere.csv"
PARTS=4 both "four parts, merged" regler.maal "merged|merged|merged|"
clean "four parts, merged"

# the middle (where the third of four parts begins) inside a quoted field:
# the second part reads on to the end, the parts after it dropped
{ echo "$HEADER"; rows 1 30; printf '1,30,"fake\n'; rows 100 60; printf 'end",5,2024-01-01,2024-01,ja\n'; rows 11 30; } >"$tmp/borgere.csv"
PARTS=4 both "four parts, the third begins inside a record" regler.maal "~dropped: the next part began inside a record"

# a broken row in the last of three parts
{ echo "$HEADER"; rows 1 80; echo "7,abc,dagpenge,1,2024-01-01,2024-01,ja"; rows 81 3; } >"$tmp/borgere.csv"
PARTS=3 both "three parts, a broken row in the last" regler.maal "~dropped: the next part has a broken row"

# six parts, each with two large amounts: every part's sum fits, and the
# sum of any two, but through the rows in order the sixth passes what
# maal computes with.  A part that merged the next one must be bounded by
# its running sums after its own, not by each part's alone.
{ echo "$HEADER"; for k in 1 2 3 4 5 6; do rows $((k * 100)) 12
    echo "1,30,dagpenge,900000000000000000,2024-01-01,2024-01,ja"; echo "1,30,dagpenge,900000000000000000,2024-01-01,2024-01,ja"
    rows $((k * 100 + 50)) 12; done; } >"$tmp/borgere.csv"
PARTS=6 both "six parts, a sum too large through the merged ones" regler.maal "~dropped: a sum could grow too large on the way"
grep -q "too large" "$tmp/two.err" || echo "FAIL split: six parts: no error about a sum too large: $(head -2 "$tmp/two.err")"

# 'har' state read by both halves: many contacts per person on each side
# of the middle, each reading the person's dates of 'inden for'
cp "$here/split/har.maal" "$tmp/"
awk 'BEGIN { print "person_id"; for (p = 1; p <= 20; p++) print p }' >"$tmp/personer.csv"
awk 'BEGIN { print "forloeb_id,person_id,start"; for (i = 1; i <= 60; i++)
  printf "F%d,%d,2024-%02d-%02d\n", i, 1 + i % 20, 1 + i % 12, 1 + (i * 7) % 28 }' >"$tmp/forloeb.csv"
awk 'BEGIN { print "person_id,dato"; for (i = 1; i <= 400; i++)
  printf "%d,2024-%02d-%02d\n", 1 + i % 20, 1 + (i * 5) % 12, 1 + (i * 3) % 28 }' >"$tmp/kontakter.csv"
both "har state read by both halves" har.maal "merged|merged|merged|merged|"
clean "har state read by both halves"

# key indexes: built in two halves and merged (the lines of the second
# half's keys counted from the file's start); a key in both halves; a
# reference in the second half to no key
cp "$here/split/noegle.maal" "$tmp/"
people() { awk -v dup="$1" 'BEGIN { print "person_id,alder"; for (p = 1; p <= 40; p++) print p "," 18 + p % 40
  if (dup) print "7,50"; print "41,33" }'; }
contacts() { awk -v bad="$1" 'BEGIN { print "person_id,dag"; for (i = 1; i <= 200; i++) print 1 + i % 41 "," i
  if (bad) print "99,1"; print "3,2" }'; }
people 0 >"$tmp/personer.csv"
contacts 0 >"$tmp/kontakter.csv"
both "key index and references" noegle.maal "merged|merged|"
people 1 >"$tmp/personer.csv"
both "a key in both halves" noegle.maal "dropped: a key of the next part is in the one before too|merged|"
grep -q "personer.csv:42:.*also on line 8" "$tmp/two.err" || echo "FAIL split: a key in both halves: not said at line 42: $(head -2 "$tmp/two.err")"
people 0 >"$tmp/personer.csv"
contacts 1 >"$tmp/kontakter.csv"
both "a reference to no key in the second half" noegle.maal "merged|dropped: the next part has a broken row|"

# a panel's key and 'har' state counted from its rows, merged: the
# middle falls among one person's months, and only the second half has
# the file's last month (windows reaching past it are unknown); then a
# person's month twice, once in each half
cp "$here/split/panel.maal" "$tmp/"
awk 'BEGIN { print "person_id"; for (p = 1; p <= 30; p++) print p }' >"$tmp/personer.csv"
awk 'BEGIN { print "forloeb_id,person_id,start"; for (i = 1; i <= 40; i++)
  printf "F%d,%d,2024-%02d-15\n", i, 1 + i % 30, 1 + i % 9 }' >"$tmp/forloeb.csv"
panel() { awk -v dup="$1" 'BEGIN { print "person_id,maaned,ydelse"; split("kontanthjælp job ingen job kontanthjælp", y, " ")
  for (p = 1; p <= 30; p++) for (m = 1; m <= (p <= 15 ? 11 : 12); m++) printf "%d,2024-%02d,%s\n", p, m, y[1 + (p * m + m) % 5]
  if (dup) print "3,2024-05,job" }'; }
panel 0 >"$tmp/panel.csv"
both "a panel's key and har state" panel.maal "merged|merged|merged|merged|merged|merged|"
clean "a panel's key and har state"
panel 1 >"$tmp/panel.csv"
both "a panel's entity and month in both halves" panel.maal "merged|dropped: a key of the next part is in the one before too|merged|"
grep -q "panel.csv:347:.*also on line 28" "$tmp/two.err" || echo "FAIL split: a panel's entity and month in both halves: not said at line 347: $(head -2 "$tmp/two.err")"

# the checks of the extract: rows that break them in both halves, listed
# in order with their lines (all of them with --rows, the first five
# without); then a value of a 'unik' in both halves
cp "$here/split/kontrol.maal" "$tmp/"
citizens() { awk -v dup="$1" 'BEGIN { print "id,alder,ydelse,kr"
  for (i = 1; i <= 80; i++) printf "%d,%d,%s,%s\n", i, 18 + i % 50, (i % 9 ? (i % 2 ? "kontanthjælp" : "dagpenge") : "starthjælp"), (i % 7 ? i * 10 : "")
  if (dup) print "81,21,kontanthjælp,30" }'; }
citizens 0 >"$tmp/borgere.csv"
both "checks, broken rows in both halves, the first five" kontrol.maal "merged|"
both "checks, broken rows in both halves, every one (--rows)" kontrol.maal "merged|" --rows
grep -q "linje 78 (id 77)" "$tmp/two.out" || echo "FAIL split: checks --rows: the second half's rows are not listed: $(grep -c linje "$tmp/two.out") lines"
citizens 1 >"$tmp/borgere.csv"
both "a value of a 'unik' in both halves" kontrol.maal "dropped: a value of a 'unik' check is in two parts or twice in the next|" --rows

# the benchmark's rules on a file above the default size (8 MB), unforced
if [ -x "$gen" ]; then
  "$gen" --rows 60000 --seed 3 --schema extended >"$tmp/borgere.csv"
  MAAL_THREADS=1 "$MAAL" run --no-provenance "$root/bench/bench.maal" --data borgere="$tmp/borgere.csv" >"$tmp/one.out" 2>&1
  rm -f "$tmp/log"
  MAAL_SPLIT_LOG="$tmp/log" "$MAAL" run --no-provenance "$root/bench/bench.maal" --data borgere="$tmp/borgere.csv" >"$tmp/two.out" 2>&1
  if cmp -s "$tmp/one.out" "$tmp/two.out" && [ "$(cat "$tmp/log" 2>/dev/null)" = merged ]; then
    echo "PASS split: bench rules, 60.000 rows, default size"
  else
    echo "FAIL split: bench rules, 60.000 rows: $(cat "$tmp/log" 2>/dev/null); $(diff "$tmp/one.out" "$tmp/two.out" | head -5 | tr '\n' ' ')"
  fi
  # its SHA-256, read apart from the records, is the file's
  want=$(sha256sum "$tmp/borgere.csv" | cut -d' ' -f1)
  if "$MAAL" run "$root/bench/bench.maal" --data borgere="$tmp/borgere.csv" 2>&1 | grep -q "SHA-256 $want"; then
    echo "PASS split: the SHA-256 of a split pass"
  else
    echo "FAIL split: the SHA-256 of a split pass is not sha256sum's ($want)"
  fi
fi
