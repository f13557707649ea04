#!/bin/sh
# doc.sh — render the agreement's page (maal doc, spec §12.12) in a real
# browser, headless Chromium, and check the page as the browser built it.
#
#   tests/browser/doc.sh HTMLFILE EXPECTED_SENTENCES_FILE
#
# EXPECTED_SENTENCES_FILE has one line per goal, in document order:
# "ID<TAB>SENTENCE<TAB>STATUS": the goal's id, its rule in words as the page
# must show it (the text of its <p class="sentence">, code spans as their
# text), and its data-status (met, partly, not_met, unknown), or "-" when
# the page has no status for it.  Blank lines and lines starting with #
# are ignored.
#
# Checks, on the DOM Chromium serializes after parsing and rendering
# (--dump-dom):
#   rendered        the page loads, lang="da", one non-empty <h1>
#   console         no console message at all, no failed load
#   self-contained  nothing refers elsewhere (http://, https://, src=, <script,
#                   <link, <img, <iframe, url()
#   sentences       the goals, each with its sentence and status, are
#                   exactly the expected list, in order
# Prints "PASS browser: ..." / "FAIL browser: ..." lines; exits 1 if any
# check failed.  Without Chromium: "SKIP browser: chromium not installed".
#
# The expected list of a page can be written from the page itself (review
# each sentence against the goal's title before committing: it is the
# test's oracle): run this script with EXPECTED=/dev/null and copy the
# lines it prints after "+".
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 HTMLFILE EXPECTED_SENTENCES_FILE" >&2
  exit 2
fi
html=$1
expected=$2

. "$(dirname "$0")/common.sh"

to=""
command -v timeout >/dev/null 2>&1 && to="timeout 90"
HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home" XDG_CACHE_HOME="$tmp/home" \
  $to "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-extensions --disable-default-apps --disable-dev-shm-usage --mute-audio \
  --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$tmp/profile" \
  --enable-logging=stderr --v=0 --dump-dom "file://$abs" >"$tmp/dom.html" 2>"$tmp/log"
rc=$?
dom=$tmp/dom.html

fails=0
pass() { echo "PASS browser: $name: $1"; }
fail() {
  echo "FAIL browser: $name: $1"
  fails=$((fails + 1))
}

# ---- rendered ----
if [ $rc -ne 0 ] || ! grep -q '</html>' "$dom"; then
  fail "chromium did not render the page (exit $rc)"
  exit 1
fi
why=""
grep -q '^<!DOCTYPE html>' "$dom" || why="$why; no HTML5 doctype"
grep -q '<html lang="da">' "$dom" || why="$why; no lang=\"da\""
grep -qi '<meta charset="utf-8">' "$dom" || why="$why; no UTF-8 meta"
[ "$(grep -o '<h1>[^<][^<]*</h1>' "$dom" | wc -l)" -eq 1 ] || why="$why; not exactly one non-empty <h1>"
if [ -z "$why" ]; then pass "rendered"; else fail "rendered:${why#;}"; fi

# ---- console ----
grep -E ':CONSOLE|Uncaught|Refused to|Content Security Policy|net::ERR_|Failed to load' "$tmp/log" >"$tmp/console" || true
if [ -s "$tmp/console" ]; then
  fail "console messages:"
  sed 's/^/    /' "$tmp/console" | head -10
else
  pass "no console messages"
fi

# ---- self-contained ----
found=$(grep -o -i -E 'https?://|src=|<script|<link|<img|<iframe|url\(' "$dom" | sort -u | tr '\n' ' ')
if [ -n "$found" ]; then fail "not self-contained: $found"; else pass "self-contained"; fi

# ---- sentences ----
# doc.c writes each goal's <section>, its sentence and its status on lines of their own.
awk '
function unesc(s) {
  gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
  gsub(/&nbsp;/, " ", s); gsub(/&#39;/, "\047", s); gsub(/&amp;/, "\\&", s)
  return s
}
function text(s) { gsub(/<[^>]*>/, "", s); return unesc(s) }
function flush() { if (id != "") print id "\t" sentence "\t" status; id = "" }
/<section class="goal" data-id="/ {
  flush()
  id = $0; sub(/.*<section class="goal" data-id="/, "", id); sub(/".*/, "", id); id = unesc(id)
  sentence = "?"; status = "-"
}
/<p class="sentence">/ && id != "" { sentence = text($0) }
/<p class="status" data-status="/ && id != "" {
  status = $0; sub(/.*<p class="status" data-status="/, "", status); sub(/".*/, "", status)
}
/<\/section>/ { flush() }
END { flush() }' "$dom" >"$tmp/got"
grep -v '^[[:space:]]*#' "$expected" | grep -v '^[[:space:]]*$' >"$tmp/want"
if [ -s "$tmp/got" ] && cmp -s "$tmp/want" "$tmp/got"; then
  pass "sentences ($(wc -l <"$tmp/want") goals, each with its sentence and status)"
else
  fail "goal sentences differ from $(basename "$expected") (- expected, + in the page):"
  diff "$tmp/want" "$tmp/got" | grep '^[<>]' | sed 's/^</    -/; s/^>/    +/' | head -40
fi

[ $fails -eq 0 ]
