#!/bin/sh
# split_check.sh — a pass split over two cores (runtime/split.c, issue 12)
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

# run the scenario in $tmp/borgere.csv both ways; want: MAAL_SPLIT_LOG's line
check() { # name want
  (cd "$tmp" && MAAL_THREADS=1 "$MAAL" run regler.maal >one.out 2>one.err; echo $? >one.status)
  rm -f "$tmp/log"
  (cd "$tmp" && MAAL_SPLIT_MIN=1 MAAL_SPLIT_LOG="$tmp/log" "$MAAL" run regler.maal >two.out 2>two.err; echo $? >two.status)
  why=""
  for f in out err status; do
    cmp -s "$tmp/one.$f" "$tmp/two.$f" || why="$why; the $f differs: $(diff "$tmp/one.$f" "$tmp/two.$f" | head -6 | tr '\n' ' ')"
  done
  got=$(cat "$tmp/log" 2>/dev/null)
  [ "$got" = "$2" ] || why="$why; the split went '$got', not '$2'"
  if [ -z "$why" ]; then echo "PASS split: $1"; else echo "FAIL split: $1$why"; fi
}

# a new breakdown part (starthjælp) and the one row of 'værdi' in the second half
{ echo "$HEADER"; rows 1 50; echo "9999,44,starthjælp,-5,2024-03-01,2024-03,ja"; } >"$tmp/borgere.csv"
check merged merged
[ "$(cat "$tmp/one.status")" = 0 ] || echo "FAIL split: merged: the scenario itself fails ($(head -3 "$tmp/one.err"))"

{ echo "$HEADER"; rows 1 50; } | sed 's/$/\r/' >"$tmp/borgere.csv"
check crlf merged

# the middle of the file is inside a quoted field whose lines look like
# records: the second half reads them as records, the first never ends a
# record where it began
{ echo "$HEADER"; rows 1 10; printf '1,30,"fake\n'; rows 100 60; printf 'end",5,2024-01-01,2024-01,ja\n'; rows 11 10; } >"$tmp/borgere.csv"
check quoted "dropped: the second half began inside a record"

# a broken row in the second half: reported once, at its line, by the first
{ echo "$HEADER"; rows 1 50; echo "7,abc,dagpenge,1,2024-01-01,2024-01,ja"; rows 51 3; } >"$tmp/borgere.csv"
check broken "dropped: the second half has a broken row"
grep -q "borgere.csv:52:" "$tmp/two.err" || echo "FAIL split: broken: the error is not at line 52: $(head -2 "$tmp/two.err")"

# each half's sum fits, the whole sum fits, but on the way through the
# rows in order it passes what maal computes with: an error at that row
{ echo "$HEADER"; awk 'BEGIN { for (i = 0; i < 10; i++) print "1,30,dagpenge,900000000000000000,2024-01-01,2024-01,ja" }'
  rows 2 20; echo "2,30,dagpenge,900000000000000000,2024-01-01,2024-01,ja"
  echo "3,30,dagpenge,-900000000000000000,2024-01-01,2024-01,ja"; } >"$tmp/borgere.csv"
check sum "dropped: a sum could grow too large on the way"
grep -q "too large" "$tmp/two.err" || echo "FAIL split: sum: no error about a sum too large: $(head -2 "$tmp/two.err")"

# so many broken rows in the first half that the pass stops there
{ echo "$HEADER"; awk 'BEGIN { for (i = 0; i < 30; i++) print "1,x,dagpenge,1,2024-01-01,2024-01,ja" }'; rows 1 60; } >"$tmp/borgere.csv"
check stopped "dropped: the pass stopped before the second half"

# 'har' state read by both halves: many contacts per person on each side
# of the middle, each reading the person's dates of 'inden for'
cp "$here/split/har.maal" "$tmp/"
awk 'BEGIN { print "person_id"; for (p = 1; p <= 20; p++) print p }' >"$tmp/personer.csv"
awk 'BEGIN { print "forloeb_id,person_id,start"; for (i = 1; i <= 60; i++)
  printf "F%d,%d,2024-%02d-%02d\n", i, 1 + i % 20, 1 + i % 12, 1 + (i * 7) % 28 }' >"$tmp/forloeb.csv"
awk 'BEGIN { print "person_id,dato"; for (i = 1; i <= 400; i++)
  printf "%d,2024-%02d-%02d\n", 1 + i % 20, 1 + (i * 5) % 12, 1 + (i * 3) % 28 }' >"$tmp/kontakter.csv"
(cd "$tmp" && MAAL_THREADS=1 "$MAAL" run har.maal >one.out 2>one.err; echo $? >one.status)
rm -f "$tmp/log"
(cd "$tmp" && MAAL_SPLIT_MIN=1 MAAL_SPLIT_LOG="$tmp/log" "$MAAL" run har.maal >two.out 2>two.err; echo $? >two.status)
if cmp -s "$tmp/one.out" "$tmp/two.out" && cmp -s "$tmp/one.err" "$tmp/two.err" && cmp -s "$tmp/one.status" "$tmp/two.status" &&
   [ "$(cat "$tmp/one.status")" = 0 ] && grep -qx merged "$tmp/log"; then
  echo "PASS split: har state read by both halves"
else
  echo "FAIL split: har state read by both halves: $(cat "$tmp/log" 2>/dev/null | tr '\n' ' '); $(diff "$tmp/one.out" "$tmp/two.out" | head -5 | tr '\n' ' ') $(head -3 "$tmp/two.err")"
fi

# key indexes: built in two halves and merged (the lines of the second
# half's keys counted from the file's start); a key in both halves; a
# reference in the second half to no key
cp "$here/split/noegle.maal" "$tmp/"
people() { awk -v dup="$1" 'BEGIN { print "person_id,alder"; for (p = 1; p <= 40; p++) print p "," 18 + p % 40
  if (dup) print "7,50"; print "41,33" }'; }
contacts() { awk -v bad="$1" 'BEGIN { print "person_id,dag"; for (i = 1; i <= 200; i++) print 1 + i % 41 "," i
  if (bad) print "99,1"; print "3,2" }'; }
keys() { # name want-log
  (cd "$tmp" && MAAL_THREADS=1 "$MAAL" run noegle.maal >one.out 2>one.err; echo $? >one.status)
  rm -f "$tmp/log"
  (cd "$tmp" && MAAL_SPLIT_MIN=1 MAAL_SPLIT_LOG="$tmp/log" "$MAAL" run noegle.maal >two.out 2>two.err; echo $? >two.status)
  got=$(tr '\n' '|' <"$tmp/log" 2>/dev/null)
  if cmp -s "$tmp/one.out" "$tmp/two.out" && cmp -s "$tmp/one.err" "$tmp/two.err" && cmp -s "$tmp/one.status" "$tmp/two.status" &&
     [ "$got" = "$2" ]; then
    echo "PASS split: $1"
  else
    echo "FAIL split: $1: the split went '$got', not '$2'; $(diff "$tmp/one.out" "$tmp/two.out" | head -5 | tr '\n' ' ') $(diff "$tmp/one.err" "$tmp/two.err" | head -5 | tr '\n' ' ')"
  fi
}
people 0 >"$tmp/personer.csv"
contacts 0 >"$tmp/kontakter.csv"
keys "key index and references" "merged|merged|"
people 1 >"$tmp/personer.csv"
keys "a key in both halves" "dropped: a key of the second half is in the first too|merged|"
grep -q "personer.csv:42:.*also on line 8" "$tmp/two.err" || echo "FAIL split: a key in both halves: not said at line 42: $(head -2 "$tmp/two.err")"
people 0 >"$tmp/personer.csv"
contacts 1 >"$tmp/kontakter.csv"
keys "a reference to no key in the second half" "merged|dropped: the second half has a broken row|"

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
twice() { # name want-log
  (cd "$tmp" && MAAL_THREADS=1 "$MAAL" run panel.maal >one.out 2>one.err; echo $? >one.status)
  rm -f "$tmp/log"
  (cd "$tmp" && MAAL_SPLIT_MIN=1 MAAL_SPLIT_LOG="$tmp/log" "$MAAL" run panel.maal >two.out 2>two.err; echo $? >two.status)
  got=$(tr '\n' '|' <"$tmp/log" 2>/dev/null)
  if cmp -s "$tmp/one.out" "$tmp/two.out" && cmp -s "$tmp/one.err" "$tmp/two.err" && cmp -s "$tmp/one.status" "$tmp/two.status" &&
     [ "$got" = "$2" ]; then
    echo "PASS split: $1"
  else
    echo "FAIL split: $1: the split went '$got', not '$2'; $(diff "$tmp/one.out" "$tmp/two.out" | head -5 | tr '\n' ' ') $(diff "$tmp/one.err" "$tmp/two.err" | head -5 | tr '\n' ' ')"
  fi
}
panel 0 >"$tmp/panel.csv"
twice "a panel's key and har state" "merged|merged|merged|merged|merged|merged|"
[ "$(cat "$tmp/one.status")" = 0 ] || echo "FAIL split: a panel's key and har state: the scenario itself fails ($(head -3 "$tmp/one.err"))"
panel 1 >"$tmp/panel.csv"
twice "a panel's entity and month in both halves" "merged|dropped: a key of the second half is in the first too|merged|"
grep -q "panel.csv:347:.*also on line 28" "$tmp/two.err" || echo "FAIL split: a panel's entity and month in both halves: not said at line 347: $(head -2 "$tmp/two.err")"

# the checks of the extract: rows that break them in both halves, listed
# in order with their lines (all of them with --rows, the first five
# without); then a value of a 'unik' in both halves
cp "$here/split/kontrol.maal" "$tmp/"
citizens() { awk -v dup="$1" 'BEGIN { print "id,alder,ydelse,kr"
  for (i = 1; i <= 80; i++) printf "%d,%d,%s,%s\n", i, 18 + i % 50, (i % 9 ? (i % 2 ? "kontanthjælp" : "dagpenge") : "starthjælp"), (i % 7 ? i * 10 : "")
  if (dup) print "81,21,kontanthjælp,30" }'; }
checks() { # name want-log args
  (cd "$tmp" && MAAL_THREADS=1 "$MAAL" run $3 kontrol.maal >one.out 2>one.err; echo $? >one.status)
  rm -f "$tmp/log"
  (cd "$tmp" && MAAL_SPLIT_MIN=1 MAAL_SPLIT_LOG="$tmp/log" "$MAAL" run $3 kontrol.maal >two.out 2>two.err; echo $? >two.status)
  got=$(tr '\n' '|' <"$tmp/log" 2>/dev/null)
  if cmp -s "$tmp/one.out" "$tmp/two.out" && cmp -s "$tmp/one.err" "$tmp/two.err" && cmp -s "$tmp/one.status" "$tmp/two.status" &&
     [ "$got" = "$2" ]; then
    echo "PASS split: $1"
  else
    echo "FAIL split: $1: the split went '$got', not '$2'; $(diff "$tmp/one.out" "$tmp/two.out" | head -5 | tr '\n' ' ') $(diff "$tmp/one.err" "$tmp/two.err" | head -5 | tr '\n' ' ')"
  fi
}
citizens 0 >"$tmp/borgere.csv"
checks "checks, broken rows in both halves, the first five" "merged|" ""
checks "checks, broken rows in both halves, every one (--rows)" "merged|" "--rows"
grep -q "linje 78 (id 77)" "$tmp/two.out" || echo "FAIL split: checks --rows: the second half's rows are not listed: $(grep -c linje "$tmp/two.out") lines"
citizens 1 >"$tmp/borgere.csv"
checks "a value of a 'unik' in both halves" "dropped: a value of a 'unik' check is in both halves or twice in the second|" "--rows"

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
