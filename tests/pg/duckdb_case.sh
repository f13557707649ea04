#!/bin/sh
# duckdb_case.sh CASE_DIR URL MAAL — the DuckDB dialect of `maal sql`
# executed, against PostgreSQL's results (issue 11, spec §12.14).
#
# CASE_DIR is a golden case (tests/cases/NAME) whose `cmd` runs `run …`;
# its sources are loaded already into the PostgreSQL database at URL
# (`maal load RULES --engine URL`, with the case's --data and --param).
#
#   1. `maal sql RULES --engine URL --dialect postgresql` and `--dialect
#      duckdb`, with the case's --param (the columns from the catalog);
#   2. every table the SQL reads (its `-- data source 'X': table T` lines)
#      exported from PostgreSQL as CSV (NULL an empty unquoted field, ''
#      a quoted one; maal_linje kept), and created in a fresh in-memory
#      DuckDB with the types of the catalog — bigint, integer, smallint
#      the same, numeric DECIMAL(P,S) with S the largest scale of the
#      column's values and P what its largest value needs (every digit,
#      and room for DuckDB's DECIMAL arithmetic, which adds the widths of
#      a product), text/varchar/char VARCHAR, boolean BOOLEAN, date DATE —
#      and filled by read_csv with those types (no sniffing);
#   3. each statement of both texts (a statement ends with ';' at the end
#      of a line; lines starting with '--' are comments) run in its engine:
#      psql -X -A -t -F '|', and node tests/pg/duckdb_run.mjs;
#   4. each statement's rows normalized (sorted; a decimal without trailing
#      zeros or point; t/f as true/false) and compared.  A NULL is \N in
#      both (psql -P null=\N), so that it differs from an empty text.
#
# Prints `PASS duckdb: CASE`, or `FAIL duckdb: CASE` and the first
# statement that differs with the diff, or `SKIP duckdb: CASE: why` when
# the case is not one to run or node and @duckdb/node-api are missing.
# Exit status 0 PASS, 1 FAIL, 3 SKIP.
#
# Environment: DUCKDB_DECIMAL=P,S (every numeric column DECIMAL(P,S)
# instead), PSQL (default psql), DUCKDB_DIR (node_modules of
# @duckdb/node-api; default build/duckdb of this tree, installed there with
# npm when missing), KEEP=1 (keep the work folder, named on FAIL).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -eq 3 ] || { echo "usage: duckdb_case.sh CASE_DIR URL MAAL" >&2; exit 2; }
case_dir=$(cd "$1" && pwd) || exit 2
url=$2
MAAL=$3
case $MAAL in /*) ;; *) MAAL=$(pwd)/$MAAL ;; esac
name=$(basename "$case_dir")
PSQL=${PSQL:-psql}
duckdb_version=1.5.6-r.1
DUCKDB_DIR=${DUCKDB_DIR:-$root/build/duckdb}
MAAL_LANG=en
export MAAL_LANG
unset LC_ALL LC_MESSAGES LANG

skip() { echo "SKIP duckdb: $name: $1"; exit 3; }

# ---- DuckDB: node and the npm package (as bench/run.sh installs it) ----
command -v node >/dev/null 2>&1 || skip "node is not installed"
if [ ! -d "$DUCKDB_DIR/node_modules/@duckdb/node-api" ]; then
  command -v npm >/dev/null 2>&1 || skip "npm is not installed (needed for @duckdb/node-api)"
  mkdir -p "$DUCKDB_DIR"
  [ -f "$DUCKDB_DIR/package.json" ] || echo '{ "private": true }' >"$DUCKDB_DIR/package.json"
  if ! (cd "$DUCKDB_DIR" && timeout 600 npm install --no-audit --no-fund "@duckdb/node-api@$duckdb_version") >"$DUCKDB_DIR/npm.log" 2>&1; then
    skip "npm install @duckdb/node-api@$duckdb_version failed: $(grep -m1 -i 'err' "$DUCKDB_DIR/npm.log" | cut -c1-160)"
  fi
fi

# ---- the case: its rule file and --param options ----
[ -f "$case_dir/cmd" ] || skip "no cmd"
args=$(grep -v '^#' "$case_dir/cmd" | head -n 1)
case $args in run\ *) ;; *) skip "not a 'run' case" ;; esac

w=$(mktemp -d "${TMPDIR:-/tmp}/maal-duckdb.XXXXXX") || exit 2
# shellcheck disable=SC2317 # called by the trap
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$w"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

fail() { # WHAT [FILE]: FAIL with the first 40 lines of FILE
  echo "FAIL duckdb: $name: $1"
  [ $# -gt 1 ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -40
  [ "${KEEP:-0}" = 1 ] && echo "    (files in $w)"
  exit 1
}

q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
sqla=""
eval "set -- $args"
shift
while [ $# -gt 0 ]; do
  case $1 in
    --param) sqla="$sqla $(q "$1") $(q "${2:-}")"; shift ;;
    --param=*) sqla="$sqla $(q "$1")" ;;
    --data | -o | --format | --lang | --fail-on | --engine) shift ;;
    *.maal) sqla="$sqla $(q "$1")" ;;
  esac
  shift
done

# ---- 1. the SQL of both dialects ----
for dia in postgresql duckdb; do
  (cd "$case_dir" && eval "\"\$MAAL\" sql --engine \"\$url\" --dialect $dia $sqla") >"$w/$dia.sql" 2>"$w/$dia.err"
  st=$?
  [ "$st" = 0 ] || fail "maal sql --dialect $dia exited $st" "$w/$dia.err"
done

# ---- 2. the tables, from PostgreSQL into DuckDB ----
pg() { "$PSQL" -X -q -A -t -F '|' -v ON_ERROR_STOP=1 "$url" "$@"; }
sed -n "s/^-- data source '.*': table //p" "$w/postgresql.sql" | sort -u >"$w/tables"
: >"$w/setup.sql"
i=0
while IFS= read -r tbl; do
  i=$((i + 1))
  lit=$(printf '%s' "$tbl" | sed "s/'/''/g")
  # its columns, name|type, in the table's order
  if ! pg -c "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
              WHERE a.attrelid = '$lit'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum" \
    >"$w/cols.$i" 2>"$w/psql.err"; then
    fail "the columns of $tbl" "$w/psql.err"
  fi
  sel="" def="" types=""
  while IFS='|' read -r col typ; do
    id=\"$(printf '%s' "$col" | sed 's/"/""/g')\"
    key=$(printf '%s' "$col" | sed "s/'/''/g")
    ex=$id
    case $typ in
      int8) dt=BIGINT ;;
      int4) dt=INTEGER ;;
      int2) dt=SMALLINT ;;
      text | varchar | bpchar) dt=VARCHAR ;;
      bool) dt=BOOLEAN ex="CAST($id AS text)" ;;
      date) dt=DATE ex="to_char($id, 'YYYY-MM-DD')" ;;
      numeric)
        sd=$(pg -c "SELECT COALESCE(MAX(scale($id)), 0), COALESCE(MAX(length(CAST(trunc(abs($id)) AS text))), 1) FROM $tbl" 2>"$w/psql.err") ||
          fail "the scale of $tbl.$id" "$w/psql.err"
        s=${sd%|*} d=${sd#*|}
        p=$((s + d))
        [ "$p" -gt 38 ] && fail "$tbl.$id needs DECIMAL($p,$s), wider than DuckDB's 38 digits"
        dt="DECIMAL($p,$s)"
        [ -n "${DUCKDB_DECIMAL:-}" ] && dt="DECIMAL($DUCKDB_DECIMAL)" ;;
      *) fail "$tbl.$id: no DuckDB type for PostgreSQL's $typ" ;;
    esac
    sel="$sel${sel:+, }$ex"
    def="$def${def:+, }$id $dt"
    types="$types${types:+, }'$key': '$dt'"
  done <"$w/cols.$i"
  if ! pg -c "\\copy (SELECT $sel FROM $tbl) TO '$w/t$i.csv' WITH (FORMAT csv, HEADER true)" 2>"$w/psql.err"; then
    fail "\\copy $tbl" "$w/psql.err"
  fi
  case $tbl in *\".\"*) echo "CREATE SCHEMA IF NOT EXISTS ${tbl%%.\"*};" >>"$w/setup.sql" ;; esac
  {
    echo "CREATE TABLE $tbl ($def);"
    echo "INSERT INTO $tbl SELECT * FROM read_csv('$w/t$i.csv', columns = {$types}, header = true, auto_detect = false,"
    echo "  delim = ',', quote = '\"', escape = '\"', nullstr = '', allow_quoted_nulls = false);"
  } >>"$w/setup.sql"
done <"$w/tables"

# ---- 3. every statement in its engine ----
# split: comments dropped; a statement ends with ';' at the end of a line;
# each after a line "-- @@@ N"
split() {
  awk '/^--/ { next }
       { s = s $0 "\n" }
       /;[ \t]*$/ { n++; printf "-- @@@ %d\n%s", n, s; s = "" }
       END { if (s ~ /[^ \t\n]/) { n++; printf "-- @@@ %d\n%s", n, s } }' "$1"
}
split "$w/postgresql.sql" >"$w/pg.stmts"
split "$w/duckdb.sql" >"$w/duck.stmts"
np=$(grep -c '^-- @@@ ' "$w/pg.stmts")
nd=$(grep -c '^-- @@@ ' "$w/duck.stmts")
[ "$np" = "$nd" ] || fail "$np statements for PostgreSQL, $nd for DuckDB"

sed 's/^-- @@@ \(.*\)$/\\echo @@@ \1/' "$w/pg.stmts" >"$w/pg.psql"
"$PSQL" -X -q -A -t -F '|' -P 'null=\N' -v ON_ERROR_STOP=1 "$url" -f "$w/pg.psql" >"$w/pg.out" 2>"$w/pg.err" ||
  fail "PostgreSQL refused its SQL" "$w/pg.err"
node "$here/duckdb_run.mjs" "$DUCKDB_DIR" "$w/setup.sql" "$w/duck.stmts" >"$w/duck.out" 2>"$w/duck.err" ||
  fail "DuckDB could not load the tables" "$w/duck.err"

# ---- 4. normalized, compared statement by statement ----
norm() { # rows in blocks "@@@ N": each field canonical, rows sorted
  awk -v dir="$w" -v tag="$2" '
    function canon(f) {
      if (f == "t") return "true"
      if (f == "f") return "false"
      if (f ~ /^-?[0-9]*\.[0-9]*$/ && f ~ /[0-9]/) {
        sub(/0+$/, "", f); sub(/\.$/, "", f)
        if (f ~ /^-?$/ || f == "-0") f = "0"
      }
      return f
    }
    /^@@@ / { k = $2; printf "" > (dir "/" tag "." k); next }
    {
      n = split($0, a, "|"); line = ""
      for (i = 1; i <= n; i++) line = line (i > 1 ? "|" : "") canon(a[i])
      print line >> (dir "/" tag "." k)
    }' "$1"
}
norm "$w/pg.out" pgr
norm "$w/duck.out" dkr
k=1
while [ "$k" -le "$np" ]; do
  [ -f "$w/pgr.$k" ] || : >"$w/pgr.$k"
  [ -f "$w/dkr.$k" ] || : >"$w/dkr.$k"
  LC_ALL=C sort "$w/pgr.$k" >"$w/pgs.$k"
  LC_ALL=C sort "$w/dkr.$k" >"$w/dks.$k"
  if ! diff -u --label "PostgreSQL (statement $k)" --label "DuckDB (statement $k)" "$w/pgs.$k" "$w/dks.$k" >"$w/diff"; then
    {
      echo "the DuckDB statement $k:"
      awk -v k="$k" '/^-- @@@ / { on = ($3 == k); next } on' "$w/duck.stmts" | head -12
      echo "..."
      cat "$w/diff"
    } >"$w/why"
    echo "FAIL duckdb: $name: statement $k of $np differs"
    sed 's/^/    /' "$w/why" | cut -c1-240 | head -60
    [ "${KEEP:-0}" = 1 ] && echo "    (files in $w)"
    exit 1
  fi
  k=$((k + 1))
done
echo "PASS duckdb: $name ($np statements)"
exit 0
