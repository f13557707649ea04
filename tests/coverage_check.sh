#!/bin/sh
# coverage_check.sh — spec/coverage.md says which file and goal encode each
# goal of the catalogue.  Check that every row marked as encoded points at
# a goal that exists in that file, under a comment naming the catalogue id.
# Prints "PASS coverage: ID" / "FAIL coverage: ID: why" lines.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
table="$root/spec/coverage.md"
[ -f "$table" ] || { echo "FAIL coverage: spec/coverage.md is missing"; exit 1; }
# Rows: | ID | seed | kind | file | goal | note |   (file `-` = not encoded)
awk -F'|' -v root="$root" '
  function trim(s) { gsub(/^[ \t`]+|[ \t`]+$/, "", s); return s }
  /^\| *S[0-9]-/ {
    id = trim($2); file = trim($5); goal = trim($6)
    if (file == "-" || file == "") next
    path = root "/" file
    if ((getline line < path) < 0) { print "FAIL coverage: " id ": no file " file; bad++; next }
    close(path)
    # find "# ID" then, before the next "# S", a "goal LABEL"/"mål LABEL" inside initiative NUMBER
    found = 0; init = ""; marked = 0
    while ((getline line < path) > 0) {
      if (match(line, /^[ \t]*(indsats|initiative)[ \t]+("[^"]+"|[^ \t]+)/)) {
        s = substr(line, RSTART, RLENGTH); sub(/^[ \t]*(indsats|initiative)[ \t]+/, "", s); gsub(/"/, "", s); init = s
      }
      if (line ~ ("^[ \t]*#[ \t]*" id "([ \t]|$)")) { marked = 1; continue }
      if (marked && match(line, /^[ \t]*(mål|goal)[ \t]+[^ \t]+/)) {
        s = substr(line, RSTART, RLENGTH); sub(/^[ \t]*(mål|goal)[ \t]+/, "", s)
        if (init "-" s == goal) found = 1
        marked = 0
      }
    }
    close(path)
    if (found) print "PASS coverage: " id " -> " file " " goal
    else { print "FAIL coverage: " id ": " file " has no goal " goal " under a comment # " id; bad++ }
  }
  END { exit bad > 0 }
' "$table"
