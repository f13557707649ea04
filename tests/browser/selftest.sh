#!/bin/sh
# selftest.sh — show that tests/browser/run.sh catches what it claims to:
# it breaks a good page (HTMLFILE, whose goals match EXPECTED) in several
# ways and expects run.sh to fail each time with the right FAIL line.
#
#   tests/browser/selftest.sh HTMLFILE EXPECTED_STATUSES_FILE
#
# With a page of tests/browser/opdelinger.maal it breaks a cross table too.
#
# Prints "PASS browser: self-test ..." / "FAIL browser: self-test ..." lines;
# exits 1 if run.sh missed something.  SKIP without Chromium, as run.sh.
set -u
if [ $# -ne 2 ]; then
  echo "usage: $0 HTMLFILE EXPECTED_STATUSES_FILE" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
html=$1
expected=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0

# expect NAME PATTERN HTML EXPECTED: run.sh must exit 1 and print a FAIL
# line matching PATTERN.
expect() {
  sh "$here/run.sh" "$3" "$4" >"$tmp/out" 2>&1
  rc=$?
  if grep -q '^SKIP browser' "$tmp/out"; then
    cat "$tmp/out"
    exit 0
  fi
  if [ $rc -ne 0 ] && grep -q "^FAIL browser: .*$2" "$tmp/out"; then
    echo "PASS browser: self-test: $1"
  else
    echo "FAIL browser: self-test: $1 (run.sh exit $rc, no FAIL line matching \"$2\")"
    sed 's/^/    /' "$tmp/out"
    fails=$((fails + 1))
  fi
}

# the good page passes
if sh "$here/run.sh" "$html" "$expected" >"$tmp/out" 2>&1; then
  if grep -q '^SKIP browser' "$tmp/out"; then
    cat "$tmp/out"
    exit 0
  fi
  echo "PASS browser: self-test: the good page passes"
else
  echo "FAIL browser: self-test: the good page fails"
  sed 's/^/    /' "$tmp/out"
  exit 1
fi

# an external image: a console message (blocked by the page's CSP) and
# not self-contained
sed 's|</h1>|</h1><img src="https://example.com/logo.png" alt="">|' "$html" >"$tmp/external.html"
expect "external image: console" "console messages" "$tmp/external.html" "$expected"
expect "external image: self-contained" "not self-contained" "$tmp/external.html" "$expected"

# the first goal row loses its status symbol
awk '!done && /<tr class="goal"/ { sub(/aria-hidden="true">[^<]*<\/span>/, "aria-hidden=\"true\"></span>"); done = 1 } 1' \
  "$html" >"$tmp/nosymbol.html"
expect "missing status symbol" "no symbol" "$tmp/nosymbol.html" "$expected"

# the first goal row gets a colour that is not its status's
awk '!done && /<tr class="goal"/ { if (!sub(/badge s-met/, "badge s-not_met")) sub(/badge s-[a-z_]*/, "badge s-met"); done = 1 } 1' \
  "$html" >"$tmp/colour.html"
expect "status colour" "status colour does not match" "$tmp/colour.html" "$expected"

# a bar without its label
awk '!done && /class="bar"/ { sub(/ aria-label="[^"]*"/, ""); done = 1 } 1' "$html" >"$tmp/nolabel.html"
expect "bar without aria-label" "aria-label" "$tmp/nolabel.html" "$expected"

# a goal with another status than expected
first=$(grep -v '^[[:space:]]*#' "$expected" | grep -v '^[[:space:]]*$' | head -n 1)
id=${first% *}
st=${first##* }
other=met
[ "$st" = met ] && other=not_met
grep -v '^[[:space:]]*#' "$expected" | grep -v '^[[:space:]]*$' | sed "1s/.*/$id $other/" >"$tmp/wrong.expected"
expect "wrong status" "goal statuses differ" "$html" "$tmp/wrong.expected"

# a goal missing from the page
awk '!done && /<tr class="goal"/ { done = 1; next } 1' "$html" >"$tmp/nogoal.html"
expect "missing goal" "goal statuses differ" "$tmp/nogoal.html" "$expected"

# a cross table (a two-way breakdown, spec §11.3), when the page has one:
# a cell loses its symbol; a cross table moves to another goal
if grep -q '<tr class="cross"' "$html"; then
  awk '!done && /<tr class="cross"/ { sub(/aria-hidden="true">[^<]*<\/span>/, "aria-hidden=\"true\"></span>"); done = 1 } 1' \
    "$html" >"$tmp/crosssym.html"
  expect "cross table cell without symbol" "cross .*no symbol" "$tmp/crosssym.html" "$expected"
  awk '!done && /<tr class="cross"/ { sub(/data-goal="[^"]*"/, "data-goal=\"x\""); done = 1 } 1' \
    "$html" >"$tmp/crossgoal.html"
  expect "cross table of another goal" "cross x: belongs to goal" "$tmp/crossgoal.html" "$expected"
fi

[ $fails -eq 0 ]
