#!/bin/sh
# checks_large.sh — the checks of the extract on a large file (spec §4.7):
# 'unik person_id' over 200.000 generated rows with three rows repeated
# at the end (records, some of several lines: line numbers are the
# file's) finds exactly those three, in one pass, in bounded time and
# memory.  Prints PASS/FAIL lines for run.sh.
#
#   sh tests/checks_large.sh MAAL MAAL_GEN
set -u
MAAL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
GEN=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$GEN" --rows 200000 --seed 7 >"$tmp/borgere.csv" || { echo "FAIL checks-large: maal-gen"; exit 0; }
sed -n '2p;1001p;200001p' "$tmp/borgere.csv" >>"$tmp/borgere.csv"
cat >"$tmp/regler.maal" <<'RULES'
aftale "Stort udtræk" periode 2007
data borgere = csv "borgere.csv" rækker personer
kontrol borgere {
  unik person_id
  rækker mindst 200.000
}
indsatsområde 1 "Alle" {
  indsats 1.1 "Alle" {
    mål a "Borgere" { måling antal borgere  krav mindst 1 }
  }
}
RULES
start=$(date +%s)
if command -v /usr/bin/time >/dev/null 2>&1; then
  (cd "$tmp" && /usr/bin/time -f '%M' -o mem.txt "$MAAL" run --no-provenance regler.maal >out.txt 2>err.txt)
else
  (cd "$tmp" && "$MAAL" run --no-provenance regler.maal >out.txt 2>err.txt)
fi
rc=$?
secs=$(($(date +%s) - start))
cat >"$tmp/want.txt" <<'WANT'
Kontrol af data

borgere (læses af mål 1.1-a):
  unik person_id: 3 rækker bryder kontrollen
    linje 204025: person_id 100001, også linje 2
    linje 204026: person_id 100971, også linje 1001
    linje 204027: person_id 296045, også linje 200001
  rækker mindst 200.000: bestået (kilden har 200.003 rækker)
WANT
sed -n '/^Kontrol af data$/,$p' "$tmp/out.txt" >"$tmp/got.txt"
if [ "$rc" = 0 ] && [ ! -s "$tmp/err.txt" ] && cmp -s "$tmp/got.txt" "$tmp/want.txt"; then
  echo "PASS checks-large: 'unik' over 200.003 rows finds the 3 repeated ($secs s)"
else
  echo "FAIL checks-large: exit $rc"
  diff "$tmp/want.txt" "$tmp/got.txt" | head -20
  head -5 "$tmp/err.txt"
fi
if [ "$rc" = 0 ] && [ -s "$tmp/mem.txt" ]; then
  kb=$(tail -1 "$tmp/mem.txt")
  # the set: about 80 bytes and the key per row, so well under 100 MB
  if [ "$kb" -lt 102400 ]; then echo "PASS checks-large: peak memory $((kb / 1024)) MB"; else echo "FAIL checks-large: peak memory $((kb / 1024)) MB"; fi
fi
if [ "$secs" -le 60 ]; then echo "PASS checks-large: within 60 s"; else echo "FAIL checks-large: took $secs s"; fi
