#!/bin/sh
# coverage_check.sh — spec/coverage.md says which file and goal encode each
# goal of the catalogue, and how the goal is evaluated.  Check every row
# marked as encoded:
#   - the file has that goal, under a comment naming the catalogue id;
#   - the "evaluated" column says what the goal's rule does:
#       computed from records  a measure over data rows (not an indicator)
#       indicator              'måling indikator' / 'measure indicator'
#       milestone date         'måling færdig' / 'measure done of'
#       assessed by hand       'vurderes af' / 'assessed by'
#   - a goal that reads an indicator says why in a comment line
#     "# Indikator: …" (or "# Indicator: …") in the goal or just above it:
#     only what lies outside the administration's records comes from one.
# Prints "PASS coverage: ID" / "FAIL coverage: ID: why" lines, then one
# "INFO coverage: N of M goals with a number computed from records" line.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
table="$root/spec/coverage.md"
[ -f "$table" ] || { echo "FAIL coverage: spec/coverage.md is missing"; exit 1; }
# Rows: | ID | seed | kind | file | goal | evaluated | note |   (file `-` = not encoded)
awk -F'|' -v root="$root" '
  function trim(s) { gsub(/^[ \t`]+|[ \t`]+$/, "", s); return s }
  /^\| *S[0-9]-/ {
    id = trim($2); file = trim($5); goal = trim($6); said = trim($7)
    if (file == "-" || file == "") next
    numbered++
    path = root "/" file
    if ((getline line < path) < 0) { print "FAIL coverage: " id ": no file " file; bad++; next }
    close(path)
    # find "# ID", then the next "mål LABEL" inside initiative NUMBER, then
    # its body up to the closing brace
    found = 0; init = ""; marked = 0; inbody = 0; how = ""; why = 0; recent_why = 0
    while ((getline line < path) > 0) {
      if (inbody) {
        if (line ~ /^[ \t]*}[ \t]*$/) { inbody = 0; continue }
        if (line ~ /^[ \t]*#[ \t]*(Indikator|Indicator):/) why = 1
        if (line ~ /(måling|measure)[ \t]+(indikator|indicator)[ \t]/) how = "indicator"
        else if (line ~ /(måling|measure)[ \t]+(færdig|done)[ \t]/) how = "milestone date"
        else if (line ~ /(vurderes|assessed)[ \t]+(af|by)[ \t]/) how = "assessed by hand"
        else if (line ~ /^[ \t]*(måling|measure)[ \t]/ && how == "") how = "computed from records"
        continue
      }
      if (match(line, /^[ \t]*(indsats|initiative)[ \t]+("[^"]+"|[^ \t]+)/)) {
        s = substr(line, RSTART, RLENGTH); sub(/^[ \t]*(indsats|initiative)[ \t]+/, "", s); gsub(/"/, "", s); init = s
      }
      if (line ~ /^[ \t]*#[ \t]*(Indikator|Indicator):/) recent_why = 1
      else if (line ~ /^[ \t]*}/ || line ~ /^[ \t]*(mål|goal)[ \t]/) { if (!marked) recent_why = 0 }
      if (line ~ ("^[ \t]*#[ \t]*" id "([ \t]|$)")) { marked = 1; continue }
      if (marked && match(line, /^[ \t]*(mål|goal)[ \t]+[^ \t]+/)) {
        s = substr(line, RSTART, RLENGTH); sub(/^[ \t]*(mål|goal)[ \t]+/, "", s)
        if (init "-" s == goal) { found = 1; inbody = 1; why = recent_why }
        marked = 0
      }
    }
    close(path)
    if (!found) { print "FAIL coverage: " id ": " file " has no goal " goal " under a comment # " id; bad++; next }
    if (how == "") how = "computed from records"
    if (how != said) { print "FAIL coverage: " id ": spec/coverage.md says \"" said "\", but goal " goal " in " file " is " how; bad++; next }
    if (how == "indicator" && !why) { print "FAIL coverage: " id ": goal " goal " in " file " reads an indicator without a comment \"# Indikator: why\""; bad++; next }
    if (how == "computed from records") records++
    print "PASS coverage: " id " -> " file " " goal " (" how ")"
  }
  END {
    printf "INFO coverage: %d of %d goals with a number computed from records\n", records, numbered
    # issue 8: at least 70 of the 94 goals are counted from the records
    if (records < 70) { print "FAIL coverage: only " records " goals computed from records; at least 70 should be"; bad++ }
    exit bad > 0
  }
' "$table"
