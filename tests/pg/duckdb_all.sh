#!/bin/sh
# duckdb_all.sh URL MAAL — the DuckDB dialect of `maal sql` executed on
# every golden case (issue 11): tests/pg/duckdb_case.sh for each case of
# tests/cases that runs an agreement from files with exit status 0 (the
# cases tests/pg_check.sh runs).
#
# URL is a PostgreSQL server (a postgresql:// URL or libpq's key=value
# string) where this may CREATE DATABASE: it makes one database of its own,
# a fresh schema in it per case (the search path of the case's URL), loads
# the case's sources with `maal load RULES --engine URL` (the case's --data
# and --param), runs duckdb_case.sh, drops the schema; and drops the
# database at the end, also on a failure or a signal.
#
# Also the cases of tests/pg/duckdb_cases (folders like a golden case's,
# for what the golden cases do not reach: working days on 2000 random date
# pairs 1929-2052), and DUCKDB_SEEDS seeds of the random-goal oracle
# (tests/oracle; default none).  DUCKDB_JOBS cases at a time (default the
# processors, at most 4), their lines in order.
#
# A case listed in tests/pg/duckdb_known.txt (DuckDB cannot run it as
# PostgreSQL does yet, and why) prints KNOWN when it differs, and FAIL when
# it is the same now (the list only shrinks).
#
# Prints duckdb_case.sh's PASS/FAIL/SKIP lines, the KNOWN ones and
# `duckdb: X cases identical, K known (…), Y failed, of Z (S s, J at a
# time)`; exit status 0.  SKIP (one
# line) when node, npm or the registry are not there to install
# @duckdb/node-api.
#
# Environment: PSQL (default psql), DUCKDB_DIR (see duckdb_case.sh),
# DUCKDB_CASES (patterns of case names, separated by spaces; default *),
# DUCKDB_JOBS, DUCKDB_SEEDS, ORACLE_GEN (default oracle-gen beside MAAL).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/pg/golden.sh
. "$here/golden.sh"
[ $# -eq 2 ] || { echo "usage: duckdb_all.sh URL MAAL" >&2; exit 2; }
url=$1
MAAL=$2
case $MAAL in /*) ;; *) MAAL=$(pwd)/$MAAL ;; esac
PSQL=${PSQL:-psql}
export PSQL
DUCKDB_CASES=${DUCKDB_CASES:-*}
duckdb_version=1.5.6-r.1
DUCKDB_DIR=${DUCKDB_DIR:-$root/build/duckdb}
export DUCKDB_DIR
MAAL_LANG=en
export MAAL_LANG

# ---- DuckDB: node and the npm package, once (as bench/run.sh) ----
if ! command -v node >/dev/null 2>&1; then
  echo "SKIP duckdb: node is not installed"
  exit 0
fi
if [ ! -d "$DUCKDB_DIR/node_modules/@duckdb/node-api" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "SKIP duckdb: npm is not installed (needed for @duckdb/node-api)"
    exit 0
  fi
  mkdir -p "$DUCKDB_DIR"
  [ -f "$DUCKDB_DIR/package.json" ] || echo '{ "private": true }' >"$DUCKDB_DIR/package.json"
  echo "duckdb: npm install @duckdb/node-api@$duckdb_version into $DUCKDB_DIR"
  if ! (cd "$DUCKDB_DIR" && timeout 600 npm install --no-audit --no-fund "@duckdb/node-api@$duckdb_version") >"$DUCKDB_DIR/npm.log" 2>&1; then
    echo "SKIP duckdb: npm install @duckdb/node-api@$duckdb_version failed: $(grep -m1 -i 'err' "$DUCKDB_DIR/npm.log" | cut -c1-160)"
    exit 0
  fi
fi

# ---- a database of our own; a URL to a schema of it ----
db=maal_duckdb_$$
case $url in
  postgres://* | postgresql://*)
    rest=${url#*://}
    auth=${rest%%/*}
    case $rest in */*) tail=${rest#*/} ;; *) tail= ;; esac
    case $tail in *\?*) query=${tail#*\?} ;; *) query= ;; esac
    base="postgresql://$auth/$db?$query${query:+&}"
    url_of_db="postgresql://$auth/$db${query:+?}$query"
    url_of() { echo "${base}options=-csearch_path%3D$1"; } ;;
  *)
    url_of_db="$url dbname=$db"
    url_of() { echo "$url dbname=$db options='-csearch_path=$1'"; } ;;
esac
pgdo() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/maal-duckdb-all.XXXXXX") || exit 2
made=0
# shellcheck disable=SC2317 # called by the traps
cleanup() {
  trap - EXIT INT TERM HUP
  wait 2>/dev/null
  [ "$made" = 1 ] && pgdo "$url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
if ! pgdo "$url" -c "CREATE DATABASE $db" >"$tmp/createdb.err" 2>&1; then
  echo "FAIL duckdb: CREATE DATABASE $db"
  sed 's/^/    /' "$tmp/createdb.err"
  exit 0
fi
made=1

q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# ---- one case, as job N: a schema, the load, duckdb_case.sh, the drop ----
# Writes $tmp/out.N (its lines) and $tmp/st.N (0 same, 1 failed, 3 skipped).
one() { # N DIR ARGS
  jn=$1 dir=$2 args=$3
  schema=c$jn
  o=$tmp/out.$jn
  curl=$(url_of "$schema")
  if ! pgdo "$url_of_db" -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >"$o.err" 2>&1; then
    { echo "FAIL duckdb: $(basename "$dir"): CREATE SCHEMA"; sed 's/^/    /' "$o.err" | head -5; } >"$o"
    echo 1 >"$tmp/st.$jn"
    return
  fi
  # the load: the rule file, --data and --param of the case's run
  load=""
  eval "set -- $args"
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --data | --param) load="$load $(q "$1") $(q "${2:-}")"; shift ;;
      --data=* | --param=*) load="$load $(q "$1")" ;;
      -o | --format | --fail-on | --lang | --engine) shift ;;
      *.maal) load="$load $(q "$1")" ;;
    esac
    shift
  done
  if ! (cd "$dir" && unset LC_ALL LC_MESSAGES LANG && eval "\"\$MAAL\" load --engine \"\$curl\" $load") >"$o.load" 2>"$o.err"; then
    { echo "FAIL duckdb: $(basename "$dir"): maal load"; sed 's/^/    /' "$o.err" | head -10; } >"$o"
    echo 1 >"$tmp/st.$jn"
  else
    sh "$here/duckdb_case.sh" "$dir" "$curl" "$MAAL" >"$o" 2>&1
    echo $? >"$tmp/st.$jn"
  fi
  pgdo "$url_of_db" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1
}

# ---- the cases: the golden run cases, and tests/pg/duckdb_cases ----
: >"$tmp/list"
for dir in "$root"/tests/cases/*/ "$here"/duckdb_cases/*/; do
  [ -d "$dir" ] || continue
  dir=${dir%/}
  golden_args "$dir" "$DUCKDB_CASES" >/dev/null || continue
  echo "$dir" >>"$tmp/list"
done

# ---- the random-goal oracle's seeds (tests/oracle), DUCKDB_SEEDS of them ----
seeds=${DUCKDB_SEEDS:-0}
if [ "$seeds" -gt 0 ]; then
  gen=${ORACLE_GEN:-$(dirname "$MAAL")/oracle-gen}
  if [ ! -x "$gen" ]; then
    echo "FAIL duckdb: $gen is not built (make build/oracle-gen)"
  else
    s=1
    while [ "$s" -le "$seeds" ]; do
      sd=$tmp/seeds/oracle-seed-$s
      mkdir -p "$sd"
      if "$gen" "$s" "$sd" >/dev/null 2>&1; then
        echo "run regler.maal" >"$sd/cmd"
        echo "$sd" >>"$tmp/list"
      else
        echo "FAIL duckdb: oracle-gen $s"
      fi
      s=$((s + 1))
    done
  fi
fi

# ---- DUCKDB_JOBS at a time; the lines in the cases' order ----
jobs=${DUCKDB_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -gt 4 ] && jobs=4
[ "$jobs" -ge 1 ] || jobs=1
t0=$(date +%s)
same=0 bad=0 n=0 first=1
known=$here/duckdb_known.txt
why_known() { # NAME: its reason in duckdb_known.txt, or false
  [ -f "$known" ] && grep -v '^#' "$known" | awk -v n="$1" '$1 == n { found = 1; sub(/^[^#]*#[ \t]*/, ""); print } END { exit !found }'
}
nknown=0
flush() { # the finished jobs FIRST..N
  while [ "$first" -le "$n" ]; do
    name=$(basename "$(sed -n "${first}p" "$tmp/list")")
    st=$(cat "$tmp/st.$first" 2>/dev/null)
    if why=$(why_known "$name"); then
      case $st in
        0) bad=$((bad + 1)); echo "FAIL duckdb: $name is identical now: remove it from tests/pg/duckdb_known.txt" ;;
        3) cat "$tmp/out.$first" ;;
        *) nknown=$((nknown + 1)); echo "KNOWN duckdb: $name: $why" ;;
      esac
    else
      cat "$tmp/out.$first"
      case $st in
        0) same=$((same + 1)) ;;
        3) ;;
        *) bad=$((bad + 1)) ;;
      esac
    fi
    rm -f "$tmp/out.$first" "$tmp/out.$first".* "$tmp/st.$first"
    first=$((first + 1))
  done
}
while IFS= read -r dir; do
  n=$((n + 1))
  args=$(grep -v '^#' "$dir/cmd" | head -n 1)
  one "$n" "$dir" "$args" &
  if [ $((n % jobs)) = 0 ]; then
    wait
    flush
  fi
done <"$tmp/list"
wait
flush
t1=$(date +%s)
# a listed name that is no longer a case
if [ -f "$known" ] && [ "$DUCKDB_CASES" = "*" ]; then
  grep -v '^#' "$known" | awk 'NF { print $1 }' >"$tmp/known"
  while IFS= read -r c; do
    [ -d "$root/tests/cases/$c" ] || [ -d "$here/duckdb_cases/$c" ] ||
      { bad=$((bad + 1)); echo "FAIL duckdb: $c is in tests/pg/duckdb_known.txt but is no case"; }
  done <"$tmp/known"
fi
echo "duckdb: $same cases identical, $nknown known (tests/pg/duckdb_known.txt), $bad failed, of $n ($((t1 - t0)) s, $jobs at a time)"
exit 0
