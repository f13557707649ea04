#!/bin/sh
# run.sh — render an HTML status report (maal run --format html) in a real
# browser, headless Chromium, and check the page as the browser built it.
#
#   tests/browser/run.sh HTMLFILE EXPECTED_STATUSES_FILE
#
# EXPECTED_STATUSES_FILE has one line per goal, in document order:
# "ID STATUS" (STATUS is met, partly, not_met or unknown; the ID is the rest
# of the line).  Blank lines and lines starting with # are ignored.
#
# Checks, on the DOM Chromium serializes after parsing and rendering
# (--dump-dom):
#   rendered        the page loads, lang="da", one <h1>, headings and table heads
#   console         no console message at all (the page has no scripts, so any
#                   is an error: a blocked load, a CSP violation, ...), no
#                   failed load
#   self-contained  nothing refers elsewhere (http://, https://, src=, <script,
#                   <link, <img, url()
#   rows            every row of every table: one header cell and three cells;
#                   a status cell with data-status has the status's colour
#                   class, symbol and a text; a goal's first cell starts with
#                   its id; a part belongs to the goal above it; every bar has
#                   an aria-label, a width of 0-100 % and the same achievement
#                   in text
#   cross tables    a two-way breakdown's table (spec §11.3) belongs to the
#                   goal above it; every cell with a status has its colour,
#                   symbol and text; a cell without one is "–" (the pair
#                   does not occur); no row is empty
#   statuses        the goals and their data-status are exactly the expected
#                   list, in order
# Prints "PASS browser: ..." / "FAIL browser: ..." lines; exits 1 if any check
# failed.  Without Chromium it prints "SKIP browser: chromium not installed"
# and exits 0.  No network: Chromium runs with name resolution disabled.
#
# The expected list of an agreement can be written from maal's JSON report
# (review it before committing: it is the test's oracle):
#   maal run FILE.maal --format json | awk -F'"' '$2 == "id" { id = $4 }
#     $2 == "status" && id != "" { print id, $4; id = "" }'
#
# tests/browser/selftest.sh HTMLFILE EXPECTED breaks a good page in several
# ways and shows that this script catches each.
#
# Environment: CHROMIUM (the browser; default /usr/bin/chromium, else the
# first chromium on PATH); SCREENSHOT=FILE.png also saves a screenshot of the
# page (WINDOW=1280,2000 sets its size).
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 HTMLFILE EXPECTED_STATUSES_FILE" >&2
  exit 2
fi
html=$1
expected=$2

. "$(dirname "$0")/common.sh"

# One headless run; "$@" are the mode's arguments (--dump-dom, --screenshot).
browse() {
  to=""
  command -v timeout >/dev/null 2>&1 && to="timeout 90"
  HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home" XDG_CACHE_HOME="$tmp/home" \
    $to "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-extensions --disable-default-apps --disable-dev-shm-usage --mute-audio \
    --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$tmp/profile" \
    --enable-logging=stderr --v=0 "$@" "file://$abs"
}

fails=0
pass() { echo "PASS browser: $name: $1"; }
fail() {
  echo "FAIL browser: $name: $1"
  fails=$((fails + 1))
}

browse --dump-dom >"$tmp/dom.html" 2>"$tmp/log"
rc=$?
dom=$tmp/dom.html

# ---- rendered ----
if [ $rc -ne 0 ] || ! grep -q '</html>' "$dom"; then
  fail "chromium did not render the page (exit $rc)"
  sed 's/^/    /' "$tmp/log" | grep -v 'dbus\|bus.cc' | tail -15
  exit 1
fi
why=""
grep -q '^<!DOCTYPE html>' "$dom" || why="$why; no HTML5 doctype"
grep -q '<html lang="da">' "$dom" || why="$why; no lang=\"da\""
grep -qi '<meta charset="utf-8">' "$dom" || why="$why; no UTF-8 meta"
[ "$(grep -o '<h1>[^<][^<]*</h1>' "$dom" | wc -l)" -eq 1 ] || why="$why; not exactly one non-empty <h1>"
nh2=$(grep -o '<h2[^>]*>[^<]*</h2>' "$dom" | wc -l)
bad_h2=$(grep -o '<h2[^>]*>[^<]*</h2>' "$dom" | grep -vc '<h2[^>]*>Indsatsområde' || true)
[ "$bad_h2" -eq 0 ] || why="$why; $bad_h2 headings do not start with Indsatsområde"
ntab=$(grep -c '<table>' "$dom")
nhead=$(grep -c '<thead><tr><th scope="col">Indsats</th><th scope="col">Status</th><th scope="col">Resultater</th><th scope="col">Kommentarer</th></tr></thead>' "$dom")
[ "$ntab" -eq "$nhead" ] || why="$why; $ntab tables but $nhead with the heads Indsats | Status | Resultater | Kommentarer"
if [ -z "$why" ]; then
  pass "rendered ($nh2 focus areas, $ntab tables)"
else
  fail "rendered:${why#;}"
fi

# ---- console ----
# The page has no scripts: any console message comes from the browser
# about the page (a blocked or failed load, a CSP violation).
grep -E ':CONSOLE|Uncaught|Refused to|Content Security Policy|net::ERR_|Failed to load' "$tmp/log" >"$tmp/console" || true
if [ -s "$tmp/console" ]; then
  fail "console messages:"
  sed 's/^/    /' "$tmp/console" | head -10
else
  pass "no console messages"
fi

# ---- self-contained ----
found=$(grep -o -i -E 'https?://|src=|<script|<link|<img|<iframe|url\(' "$dom" | sort -u | tr '\n' ' ')
if [ -n "$found" ]; then
  fail "not self-contained: $found"
else
  pass "self-contained"
fi

# ---- rows ----
# One <tr> per line (html.c writes them so and the serializer keeps them).
awk '
function unesc(s) {
  gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
  gsub(/&nbsp;/, "\302\240", s); gsub(/&#39;/, "\047", s); gsub(/&amp;/, "\\&", s)
  return s
}
function attr(s, name,   m) {
  if (!match(s, name "=\"[^\"]*\"")) return "\001"
  return unesc(substr(s, RSTART + length(name) + 2, RLENGTH - length(name) - 3))
}
function count(s, what,   n, i) { n = 0; while ((i = index(s, what)) > 0) { n++; s = substr(s, i + length(what)) }; return n }
function text(s) { gsub(/<[^>]*>/, "", s); return unesc(s) }
function cell(s, start,   i, rest, j) {
  i = index(s, start); if (i == 0) return ""
  rest = substr(s, i); j = index(rest, "</td>")
  return j ? substr(rest, 1, j + 4) : rest
}
function bad(what) { printf "FAIL browser: %s: row %s: %s\n", file, label, what; nbad++ }
BEGIN {
  sym["met"] = "\342\234\223"; sym["partly"] = "\342\227\220"
  sym["not_met"] = "\342\234\227"; sym["unknown"] = "?"
}
/<tr class="(initiative|goal|part)"/ {
  rows++
  match($0, /<tr class="[a-z]*"/); kind = substr($0, RSTART + 11, RLENGTH - 12)
  id = kind == "part" ? attr($0, "data-goal") " / " attr($0, "data-part") : attr($0, "data-id")
  label = kind " " id
  if (count($0, "<th") != 1 || count($0, "<td") != 3) bad("not one header cell and three cells")
  if (index(substr($0, index($0, "</tr>") + 5), "<")) bad("more than one row on the line")
  th = $0; sub(/<\/th>.*/, "", th); thtext = text(th)
  if (kind == "goal") {
    if (id == "\001") bad("no data-id")
    else if (id != "" && index(thtext, id) != 1) bad("the first cell does not start with the id: " thtext)
    goal = id
  }
  if (kind == "initiative") goal = ""
  if (kind == "part" && attr($0, "data-goal") != goal) bad("belongs to goal " attr($0, "data-goal") ", not to " goal)
  if (kind != "goal" && thtext ~ /^[ \t]*$/) bad("empty first cell")
  st = cell($0, "<td class=\"status\"")
  if (st == "") bad("no status cell")
  status = attr(st, "data-status")
  if (kind == "goal") goals++
  if (status != "\001") {
    if (!(status in sym)) bad("unknown data-status \"" status "\"")
    else {
      if (index(st, "class=\"badge s-" status "\"") == 0) bad("the status colour does not match " status)
      if (index(st, "aria-hidden=\"true\">" sym[status] "</span>") == 0) bad("no symbol " sym[status] " for " status)
      t = text(st); sub(/^[^ ]* /, "", t)
      if (t ~ /^[ \t]*$/) bad("a status without text")
    }
  } else if (kind == "goal") bad("a goal without data-status")
  if (index($0, "class=\"bar\"")) {
    bars++
    lab = attr($0, "aria-label")
    if (lab !~ /^Målopfyldelse: .* % af målet$/) bad("bar without a proper aria-label: " lab)
    w = $0; sub(/.*class="fill s-[a-z_]*" style="width:/, "", w); sub(/%".*/, "", w)
    if (w !~ /^[0-9]+(\.[0-9]+)?$/ || w + 0 > 100) bad("bar width " w)
    if (status != "\001" && index($0, "class=\"fill s-" status "\"") == 0) bad("bar colour does not match " status)
    a = $0; sub(/.*<span class="ach"[^>]*>/, "", a); sub(/<.*/, "", a); a = unesc(a)
    l = lab; sub(/^Målopfyldelse: /, "", l); gsub(/\302\240/, " ", a)
    if (a != l) bad("bar text \"" a "\" differs from its label \"" l "\"")
  }
  if (kind == "goal") print id, (status == "\001" ? "-" : status) > goalsfile
}
/<tr class="cross"/ {
  crosses++
  label = "cross " attr($0, "data-goal")
  if (attr($0, "data-goal") != goal) bad("belongs to goal " attr($0, "data-goal") ", not to " goal)
  if (index($0, "<table class=\"cross\">") == 0) bad("no cross table")
  rest = $0; sub(/.*<tbody>/, "", rest)
  if (count(rest, "<tr>") == 0) bad("a cross table without rows")
  while ((i = index(rest, "<td")) > 0) {
    rest = substr(rest, i); j = index(rest, "</td>"); c = substr(rest, 1, j + 4); rest = substr(rest, j + 5)
    st = attr(c, "data-status")
    if (st == "\001") { if (text(c) != "\342\200\223") bad("a cell without a status is not \"–\": " text(c)); continue }
    cells++
    if (!(st in sym)) bad("unknown data-status \"" st "\"")
    else {
      if (index(c, "class=\"badge s-" st "\"") == 0) bad("the status colour does not match " st)
      if (index(c, "aria-hidden=\"true\">" sym[st] "</span>") == 0) bad("no symbol " sym[st] " for " st)
    }
  }
}
END {
  if (rows == 0) { printf "FAIL browser: %s: no table rows\n", file; exit 1 }
  if (nbad) exit 1
  printf "PASS browser: %s: rows (%d rows, %d goals, %d bars", file, rows, goals, bars
  if (crosses) printf ", %d cross tables with %d cells", crosses, cells
  printf ")\n"
}' file="$name" goalsfile="$tmp/goals" "$dom" >"$tmp/rows"
rc=$?
head -30 "$tmp/rows"
[ $rc -eq 0 ] || fails=$((fails + 1))

# ---- statuses ----
[ -f "$tmp/goals" ] || : >"$tmp/goals"
grep -v '^[[:space:]]*#' "$expected" | grep -v '^[[:space:]]*$' |
  awk '{ st = $NF; sub(/[ \t]+[^ \t]+[ \t]*$/, ""); sub(/^[ \t]+/, ""); print $0, st }' >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/goals"; then
  pass "statuses ($(wc -l <"$tmp/want") goals as expected)"
else
  fail "goal statuses differ from $(basename "$expected") (- expected, + in the page):"
  diff "$tmp/want" "$tmp/goals" | grep '^[<>]' | sed 's/^</    -/; s/^>/    +/' | head -20
fi

# ---- an optional screenshot ----
if [ -n "${SCREENSHOT:-}" ]; then
  out=$(cd "$(dirname "$SCREENSHOT")" && pwd)/$(basename "$SCREENSHOT")
  browse --hide-scrollbars --window-size="${WINDOW:-1280,2000}" --screenshot="$out" >/dev/null 2>&1
  if [ -s "$out" ]; then pass "screenshot $SCREENSHOT"; else fail "no screenshot written"; fi
fi

[ $fails -eq 0 ]
