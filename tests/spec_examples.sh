#!/bin/sh
# spec_examples.sh SPECDIR OUTDIR — extract the runnable examples of the
# specification (every *.md in SPECDIR) into OUTDIR/NAME/, one folder per
# example, in the shape tests/run.sh runs:
#
#   example.maal     the rule file        (```maal example NAME)
#   FILE             each data file       (```csv example NAME FILE)
#   cmd              the arguments to maal, on one line
#   expected.out     exact standard output (```output example NAME [status=N] [lang=auto] [ARGS...])
#   expected.err     exact standard error  (```errors example NAME [status=N] [lang=auto] [ARGS...])
#   expected.status  the exit status, only when it is not 0
#   env              MAAL_LANG= when the block says lang=auto: the example
#                    runs without run.sh's MAAL_LANG=en, in the language its
#                    keywords choose (maal.md §12.5)
#   where            "maal.md §7.2 share-basic": file, section, name
#
# ARGS default to "run --no-provenance example.maal" (output: the report
# without its provenance, whose hashes would change with every edit of an
# example; spec/output.md §5 shows it) and "check example.maal" (errors);
# the status of an errors block defaults to 1, of an output block to 0.  Fences may be
# of backticks or tildes, three or more, indented at most three spaces; a
# fence's contents are never read as fences (so a ```` block can show
# ``` lines).  Blocks whose info string is not "LANG example ..." with
# LANG one of maal, csv, output, errors are not examples.
#
# Fails (exit 1, a message per problem on stderr) on a malformed example
# block, a duplicate NAME, a block for an example that no earlier maal
# block started, a second output/errors block or a repeated data file
# for one example, or an example that is never run.
set -u
if [ $# -ne 2 ]; then
  echo "usage: spec_examples.sh SPECDIR OUTDIR" >&2
  exit 2
fi
specdir=$1
outdir=$2
if [ ! -d "$specdir" ]; then
  echo "spec_examples.sh: $specdir is not a folder" >&2
  exit 1
fi
set -- "$specdir"/*.md
if [ ! -f "$1" ]; then
  echo "spec_examples.sh: no *.md files in $specdir" >&2
  exit 1
fi
mkdir -p "$outdir" || exit 1

awk -v outdir="$outdir" '
function err(msg) {
  printf "spec_examples.sh: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
  bad = 1
}
function base(path,   p) {
  p = path
  sub(/.*\//, "", p)
  return p
}
function validname(s) { return s ~ /^[a-z0-9][a-z0-9-]*$/ }
# A data file: a relative path of plain segments, none reserved.
function validfile(s,   n, parts, i) {
  if (s !~ /^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/) return 0
  if (s == "example.maal" || s == "cmd" || s == "where" || s ~ /^expected\./) return 0
  n = split(s, parts, "/")
  for (i = 1; i <= n; i++) if (parts[i] == "." || parts[i] == "..") return 0
  return 1
}
function out_path(name, file) { return outdir "/" name "/" file }
function put(path, text) {
  printf "%s", text > path
  close(path)
}
# Start writing block contents to path (or nowhere when path is "").
function open_block(path) {
  target = path
  body = ""
}
function finish_block() {
  if (target != "") put(target, body)
  target = ""
  body = ""
}
FNR == 1 {
  if (infence) {
    printf "spec_examples.sh: %s: the fenced block opened at line %d is never closed\n", prevfile, fence_line > "/dev/stderr"
    bad = 1
    target = ""
  }
  infence = 0
  section = ""
  prevfile = FILENAME
}
{
  line = $0
  sub(/\r$/, "", line)
}
!infence {
  # a heading: "## 7.2 Shares" gives section 7.2
  if (line ~ /^#+[ \t]+[0-9]+(\.[0-9]+)*([ \t.]|$)/) {
    s = line
    sub(/^#+[ \t]+/, "", s)
    match(s, /^[0-9]+(\.[0-9]+)*/)
    section = substr(s, 1, RLENGTH)
    next
  }
  if (line ~ /^ ? ? ?(```|~~~)/) {
    ind = line
    sub(/[`~].*/, "", ind)
    indent = length(ind)
    f = substr(line, indent + 1)
    fchar = substr(f, 1, 1)
    flen = 0
    while (substr(f, flen + 1, 1) == fchar) flen++
    info = substr(f, flen + 1)
    if (fchar == "`" && index(info, "`") > 0) next  # inline code, not a fence
    infence = 1
    fence_line = FNR
    target = ""
    body = ""
    gsub(/^[ \t]+|[ \t]+$/, "", info)
    nw = split(info, w, /[ \t]+/)
    if (nw < 2 || w[2] != "example" || (w[1] != "maal" && w[1] != "csv" && w[1] != "output" && w[1] != "errors"))
      next
    kind = w[1]
    if (nw < 3) { err("```" kind " example needs a NAME"); next }
    name = w[3]
    if (!validname(name)) { err("bad example name \"" name "\" (lowercase letters, digits and hyphens)"); next }
    if (kind == "maal") {
      if (nw > 3) { err("```maal example " name ": nothing may follow the NAME"); next }
      if (name in started) {
        err("duplicate example name \"" name "\" (first at " started[name] ")")
        next
      }
      started[name] = FILENAME ":" FNR
      where[name] = base(FILENAME) " " (section == "" ? "" : "\302\247" section " ") name
      order[++nex] = name
      system("rm -rf \"" outdir "/" name "\" && mkdir -p \"" outdir "/" name "\"")
      put(out_path(name, "where"), where[name] "\n")
      open_block(out_path(name, "example.maal"))
      next
    }
    if (!(name in started)) { err("```" kind " block for unknown example \"" name "\" (no ```maal example " name " before it)"); next }
    if (kind == "csv") {
      if (nw != 4) { err("```csv example " name " needs exactly one FILE name"); next }
      file = w[4]
      if (!validfile(file)) { err("bad data file name \"" file "\" for example " name); next }
      if ((name SUBSEP file) in files) { err("example " name " already has a data file " file); next }
      files[name, file] = 1
      if (file ~ /\//) {
        dir = file
        sub(/\/[^\/]*$/, "", dir)
        system("mkdir -p \"" outdir "/" name "/" dir "\"")
      }
      open_block(out_path(name, file))
      next
    }
    # output or errors
    if (name in runs) { err("example " name " already has an expected result (at " runs[name] ")"); next }
    runs[name] = FILENAME ":" FNR
    status = (kind == "errors") ? 1 : 0
    a = 4
    if (nw >= 4 && w[4] ~ /^status=/) { # an output block too: maal diff exits 1 on a difference
      st = substr(w[4], 8)
      if (st !~ /^[0-9]+$/ || st + 0 > 255) { err("bad " w[4] " for example " name " (a number 0 to 255)"); next }
      status = st + 0
      a = 5
    }
    if (nw >= a && w[a] == "lang=auto") { # messages in the language of the keywords
      put(out_path(name, "env"), "MAAL_LANG=\n")
      a++
    }
    args = ""
    for (i = a; i <= nw; i++) args = args (args == "" ? "" : " ") w[i]
    if (args == "") args = (kind == "output") ? "run --no-provenance example.maal" : "check example.maal"
    put(out_path(name, "cmd"), args "\n")
    if (status != 0) put(out_path(name, "expected.status"), status "\n")
    open_block(out_path(name, kind == "output" ? "expected.out" : "expected.err"))
    next
  }
  next
}
infence {
  # a closing fence: the same character, at least as many, nothing after
  c = line
  sub(/^ ? ? ?/, "", c)
  if (substr(c, 1, 1) == fchar) {
    k = 0
    while (substr(c, k + 1, 1) == fchar) k++
    rest = substr(c, k + 1)
    if (k >= flen && rest ~ /^[ \t]*$/) {
      infence = 0
      finish_block()
      next
    }
  }
  # contents lose at most the fence'"'"'s own indentation
  for (i = 0; i < indent && substr(line, 1, 1) == " "; i++) line = substr(line, 2)
  body = body line "\n"
}
END {
  if (infence) {
    printf "spec_examples.sh: %s: the fenced block opened at line %d is never closed\n", FILENAME, fence_line > "/dev/stderr"
    bad = 1
  }
  for (i = 1; i <= nex; i++)
    if (!(order[i] in runs)) {
      printf "spec_examples.sh: example %s (%s) has no ```output or ```errors block, so it is never run\n", order[i], started[order[i]] > "/dev/stderr"
      bad = 1
    }
  exit bad ? 1 : 0
}
' "$@"
