#!/bin/sh
# layers_check.sh — the house rules on who calls whom, read from the
# object files with nm, so they hold for the code as built and not only
# for the #include lines:
#
#   1. No two files call each other: no pair of object files A and B where
#      A uses a symbol B defines and B uses one A defines.  (Only pairs;
#      a longer ring, A to B to C to A, is not looked for.)
#   2. Nothing in lang/ reaches up into runtime/: no lang/*.o uses a symbol
#      a runtime/*.o defines.  The parser and the lexer, built from
#      lang/parser.y and lang/lexer.l, sit at the top of the object folder
#      as parser.o and lexer.o; they count as lang/.
#
#   sh tests/layers_check.sh OBJDIR
#
# OBJDIR is the object folder of the build under test: build/obj, or
# build/san/obj for SANITIZE=1 (tests/run.sh passes the one beside
# $MAAL_BIN).  An object whose source file no longer exists (left over
# from a file since removed) is skipped.  Prints PASS/FAIL lines; exits 1
# when something fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
obj=${1:?usage: layers_check.sh OBJDIR}

# Pairs that are known to call each other and are let pass for now, one
# "A B" a line (none today).  An entry whose pair no longer calls each
# other fails, so the list cannot go stale.
allow=''

command -v nm >/dev/null 2>&1 || { echo "FAIL layers: nm is not installed (apt-get install binutils)"; exit 1; }
[ -d "$obj" ] || { echo "FAIL layers: no object folder $obj (build first)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every object file with its source, as "name kind symbol" lines: the
# external symbols it defines (kind D) and those it uses (kind U).
count=0
for f in $(cd "$obj" && find . -name '*.o' | sed 's|^\./||' | LC_ALL=C sort); do
  case $f in
  parser.o) src=lang/parser.y ;;
  lexer.o) src=lang/lexer.l ;;
  *) src=${f%.o}.c ;;
  esac
  [ -f "$root/$src" ] || continue
  count=$((count + 1))
  nm -P -g "$obj/$f" >"$tmp/nm" 2>"$tmp/nm.err" || { echo "FAIL layers: nm $obj/$f:"; sed 's/^/    /' "$tmp/nm.err"; exit 1; }
  # nm -P: "symbol type [value size]"; U is undefined (used), w an unset
  # weak reference (used if present), any other capital a definition.
  awk -v o="$f" '$2 == "U" || $2 == "w" { print o, "U", $1; next }
                 $2 ~ /^[A-Z]$/ { print o, "D", $1 }' "$tmp/nm" >>"$tmp/syms"
done
[ "$count" -gt 0 ] || { echo "FAIL layers: no object files in $obj (build first)"; exit 1; }

# "A B symbol": A uses symbol, which B defines (never A itself).
awk '$2 == "D" { def[$3] = $1; next }
     { use[++n] = $1 " " $3 }
     END { for (i = 1; i <= n; i++) { split(use[i], u, " ");
             if ((u[2] in def) && def[u[2]] != u[1]) print u[1], def[u[2]], u[2] } }' "$tmp/syms" |
  LC_ALL=C sort -u >"$tmp/edges"

printf '%s\n' "$allow" | awk 'NF == 2' >"$tmp/allow"

awk -v count="$count" '
  function layer(o) { return o ~ /^lang\// || o == "parser.o" || o == "lexer.o" ? "lang" : o ~ /^runtime\// ? "runtime" : "" }
  FILENAME == ARGV[1] { allowed[$1 " " $2] = 1; allowed[$2 " " $1] = 1; listed[$1 " " $2] = 1; next }
  { k = $1 " " $2; syms[k] = syms[k] " " $3; if (!(k in seen)) { seen[k] = 1; keys[++nk] = k } }
  END {
    cycles = 0; ups = 0; let = ""
    for (i = 1; i <= nk; i++) {
      split(keys[i], p, " "); a = p[1]; b = p[2]; back = b " " a
      if ((back in syms) && a < b) {
        if (keys[i] in allowed) { found[keys[i]] = 1; found[back] = 1; let = let " " a " <-> " b; continue }
        cycles++
        printf "FAIL layers: %s <-> %s (%s uses%s; %s uses%s)\n", a, b, a, syms[keys[i]], b, syms[back]
      }
      if (layer(a) == "lang" && layer(b) == "runtime") {
        ups++
        printf "FAIL layers: %s reaches up into %s (uses%s)\n", a, b, syms[keys[i]]
      }
    }
    for (k in listed)
      if (!(k in found)) {
        cycles++
        split(k, p, " ")
        printf "FAIL layers: the allow-list of tests/layers_check.sh names %s <-> %s, which no longer call each other: remove it\n", p[1], p[2]
      }
    if (!cycles)
      printf "PASS layers: no two of %d object files call each other%s\n", count, let == "" ? "" : " (let pass for now:" let ")"
    if (!ups) print "PASS layers: nothing in lang/ uses a symbol of runtime/"
    exit cycles + ups > 0
  }' "$tmp/allow" "$tmp/edges"
