#!/bin/sh
# pg_check.sh MAAL — maal inside PostgreSQL (issue 11, spec §12.14): a
# throwaway server from Debian's `postgresql` package, in a temporary
# folder, as an unprivileged user (the server refuses to run as root).
#
#   golden cases  every case of tests/cases that runs an agreement from
#                 files with exit status 0: `maal load` into a fresh
#                 schema, then `maal run --engine URL` and the CSV
#                 evaluator's `maal run` must write the same bytes
#                 (standard output and error, -o FILE, exit status)
#   oracle        PG_SEEDS (default 100) seeds of tests/oracle's generator,
#                 both ways with --format csv --no-provenance
#
# Cases the SQL generator cannot express yet (`run --engine` exits 1 where
# the CSV run exits 0, and says "SQL") are listed in tests/pg/unsupported.txt: "KNOWN"
# there, a FAIL when unlisted, and a FAIL when a listed case now passes
# (the list only shrinks).  Prints PASS/FAIL/KNOWN/SKIP lines; SKIP when
# the server is not installed (`.ci/run` installs it).  The server is
# stopped and its folder removed on exit, a failure and a signal too.
#
# Environment: MAAL_PG_REQUIRED=1 (.ci/run: no SKIP), PG_SEEDS, ORACLE_GEN (default: oracle-gen beside MAAL),
# PG_CASES (patterns of case names, separated by spaces; default *), PG_DUCKDB (0: not the
# DuckDB dialect), PG_BINDIR (the server's
# programs, default the highest /usr/lib/postgresql/*/bin).
set -u

# A CSV run's messages but the warnings of spec §4.5 about a column's
# texts (a space at their start or end, a letter in two parts: a line,
# the source line, the caret): they come from a sample of a file's rows,
# which a table read with --engine does not have.
file_only() { # in out
  awk 'skip > 0 { skip--; next }
       /: (warning|advarsel): (column|kolonnen) .*(holds texts with a|har tekster med)/ { skip = 2; next }
       { print }' "$1" >"$2"
}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
MAAL=${1:-$root/build/maal}
case $MAAL in /*) ;; *) MAAL=$(pwd)/$MAAL ;; esac
GEN=${ORACLE_GEN:-$(dirname "$MAAL")/oracle-gen}
PG_SEEDS=${PG_SEEDS:-100}
PG_CASES=${PG_CASES:-*}
unsupported=$here/pg/unsupported.txt
# shellcheck source=tests/pg/golden.sh
. "$here/pg/golden.sh"
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGPASSFILE PGSERVICE PGSERVICEFILE PGOPTIONS PGSSLMODE PGCONNECT_TIMEOUT

# ---- the server's programs: the highest version installed ----
bindir=${PG_BINDIR:-}
if [ -n "$bindir" ] && ! { [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_isready" ] && [ -x "$bindir/postgres" ]; }; then
  bindir=""
elif [ -z "${PG_BINDIR:-}" ]; then
  best=0
  for d in /usr/lib/postgresql/*/bin; do
    v=${d%/bin}
    v=${v##*/}
    case $v in '' | *[!0-9]*) continue ;; esac
    [ -x "$d/initdb" ] && [ -x "$d/pg_isready" ] && [ -x "$d/postgres" ] && [ "$v" -gt "$best" ] && { best=$v; bindir=$d; }
  done
fi
if [ -z "$bindir" ] && [ -z "${PG_BINDIR:-}" ] && command -v pg_config >/dev/null 2>&1; then
  d=$(pg_config --bindir 2>/dev/null)
  [ -x "$d/initdb" ] && [ -x "$d/pg_isready" ] && [ -x "$d/postgres" ] && bindir=$d
fi
# MAAL_PG_REQUIRED=1 (.ci/run): a FAIL instead of a SKIP
skip() {
  if [ "${MAAL_PG_REQUIRED:-0}" = 1 ]; then echo "FAIL pg: $1 (MAAL_PG_REQUIRED=1)"; else echo "SKIP pg: $1"; fi
  exit 0
}
if [ -z "$bindir" ]; then
  skip "PostgreSQL server not installed (apt-get install postgresql)"
fi

# ---- the server's user: this one, or nobody when root ----
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  if ! pguid=$(id -u nobody 2>/dev/null) || ! pggid=$(id -g nobody 2>/dev/null); then
    echo "FAIL pg: running as root and there is no user 'nobody' to run the server"
    exit 1
  fi
  if command -v setpriv >/dev/null 2>&1; then
    as_pg() { setpriv --reuid="$pguid" --regid="$pggid" --clear-groups "$@"; }
  elif command -v runuser >/dev/null 2>&1; then
    as_pg() { runuser -u nobody -- "$@"; }
  else
    echo "FAIL pg: running as root without setpriv(1) or runuser(1) to run the server as nobody"
    exit 1
  fi
fi

# ---- the folder and its removal, whatever happens ----
# $tmp (0711): pg/ the cluster (0700, the server's), run/ its socket and
# log (0755, the server's), work/ the copies of the cases (ours)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/maal-pg.XXXXXX") || { echo "FAIL pg: mktemp"; exit 1; }
started=0
# shellcheck disable=SC2317 # called by the traps
cleanup() {
  trap - EXIT INT TERM HUP
  if [ "$started" = 1 ]; then
    # SIGQUIT: the immediate shutdown (pg_ctl stop -m immediate); the
    # server ends its own processes before it exits
    kill -QUIT "$pgpid" 2>/dev/null
  fi
  # the server, and a command a signal interrupted the wait for
  wait 2>/dev/null
  rm -rf "$tmp"
}
# in this shell and in each subshell that runs maal: a signal ends the
# shell after the command it waits for has ended, so that nothing outlives
# it (a subshell killed by the signal would leave maal to its own)
sigtraps() {
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}
trap cleanup EXIT
sigtraps

chmod 711 "$tmp"
mkdir "$tmp/pg" "$tmp/run" "$tmp/work"
if [ "$(id -u)" = 0 ]; then
  chown "$pguid:$pggid" "$tmp/pg" "$tmp/run"
fi
chmod 700 "$tmp/pg"
chmod 755 "$tmp/run"
if ! as_pg test -w "$tmp/run"; then
  echo "FAIL pg: the server's user cannot reach $tmp/run (a folder on the way to it is closed)"
  exit 1
fi

sock=$tmp/run
port=$((50000 + $$ % 10000))
if ! as_pg "$bindir/initdb" -D "$tmp/pg" -A trust -E UTF8 --locale=C -U maal -N >"$tmp/run/initdb.log" 2>&1; then
  echo "FAIL pg: initdb"
  sed 's/^/    /' "$tmp/run/initdb.log" | tail -20
  exit 1
fi
# the server is this script's child (not pg_ctl's daemon), so that its
# exit is waited for here, whoever the system's init is
# (exec: $! is the server, not a subshell)
set -- "$bindir/postgres" -D "$tmp/pg" -k "$sock" -p "$port" -c listen_addresses='' \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
  set -- setpriv --reuid="$pguid" --regid="$pggid" --clear-groups "$@"
elif [ "$(id -u)" = 0 ]; then
  set -- runuser -u nobody -- "$@"
fi
(exec "$@" >"$tmp/run/server.log" 2>&1) &
pgpid=$!
started=1
i=0
until "$bindir/pg_isready" -q -h "$sock" -p "$port" -d postgres -U maal; do
  i=$((i + 1))
  if ! kill -0 "$pgpid" 2>/dev/null || [ $i -gt 600 ]; then
    echo "FAIL pg: the server did not start"
    sed 's/^/    /' "$tmp/run/server.log" | tail -20
    exit 1
  fi
  sleep 0.1
done

psql_do() { # DATABASE SQL
  "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U maal -d "$1" -c "$2"
}
# every case in a fresh schema of the database maal, its search path (a
# schema is made in a few milliseconds, a database in a tenth of a second)
url_of() { echo "postgresql:///maal?host=$sock&port=$port&user=maal&options=-csearch_path%3D$1"; }
newschema() { # NAME: a fresh, empty schema
  psql_do maal "DROP SCHEMA IF EXISTS $1 CASCADE; CREATE SCHEMA $1" >"$tmp/schema.err" 2>&1
}
dropschema() { psql_do maal "DROP SCHEMA IF EXISTS $1 CASCADE" >/dev/null 2>&1; }

if ! psql_do postgres "CREATE DATABASE maal" >"$tmp/createdb.err" 2>&1; then
  echo "FAIL pg: CREATE DATABASE maal"
  sed 's/^/    /' "$tmp/createdb.err"
  exit 1
fi

# ---- a single-quoted word for eval ----
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# ---- the listed cases: names, without comments ----
listed() { [ -f "$unsupported" ] && sed 's/#.*//' "$unsupported" | tr -d ' \t' | grep -qxF "$1"; }

# ---- one golden case, in its copy $1 (a folder), arguments $2 ----
# Writes $w/load.*, $w/pg.*, $w/csv.* and $w/why; sets verdict to same,
# differ or unsupported.
one_case() {
  d=$1
  args=$2
  url=$3
  w=$4
  verdict=differ
  : >"$w/why"
  (
    sigtraps
    cd "$d" || exit 99
    unset LC_ALL LC_MESSAGES LANG
    MAAL_LANG=en
    export MAAL_LANG
    # shellcheck disable=SC1091
    if [ -f env ]; then set -a && . ./env && set +a; fi
    eval "set -- $args"
    [ "${1:-}" = run ] && shift
    # load: the rule file, --data NAME=PATH (the CSV file loaded into the
    # table NAME) and --param; the CSV run: all of it; --engine: all but
    # --data (every source is the table of its name) and -o
    load="" runa="" pga="" out=""
    while [ $# -gt 0 ]; do
      case $1 in
        --data)
          load="$load $(q "$1") $(q "${2:-}")"; runa="$runa $(q "$1") $(q "${2:-}")"; shift ;;
        --data=*)
          load="$load $(q "$1")"; runa="$runa $(q "$1")" ;;
        --param)
          load="$load $(q "$1") $(q "${2:-}")"; runa="$runa $(q "$1") $(q "${2:-}")"; pga="$pga $(q "$1") $(q "${2:-}")"; shift ;;
        --param=*)
          load="$load $(q "$1")"; runa="$runa $(q "$1")"; pga="$pga $(q "$1")" ;;
        -o) out=${2:-}; shift ;;
        -o*) out=${1#-o} ;;
        *.maal) load="$load $(q "$1")"; runa="$runa $(q "$1")"; pga="$pga $(q "$1")" ;;
        *) runa="$runa $(q "$1")"; pga="$pga $(q "$1")" ;;
      esac
      shift
    done
    [ "$out" = - ] && out=""
    eval "\"\$MAAL\" load --engine \"\$url\" $load" >"$w/load.out" 2>"$w/load.err"
    echo $? >"$w/load.status"
    if [ -n "$out" ]; then
      eval "\"\$MAAL\" run --no-provenance -o \"\$out\" $runa" >"$w/csv.out" 2>"$w/csv.err"
      echo $? >"$w/csv.status"
      if [ -f "$out" ]; then mv "$out" "$w/csv.file"; else : >"$w/csv.file"; fi
      eval "\"\$MAAL\" run --no-provenance --engine \"\$url\" -o \"\$out\" $pga" >"$w/pg.out" 2>"$w/pg.err"
      echo $? >"$w/pg.status"
      if [ -f "$out" ]; then mv "$out" "$w/pg.file"; else : >"$w/pg.file"; fi
    else
      eval "\"\$MAAL\" run --no-provenance $runa" >"$w/csv.out" 2>"$w/csv.err"
      echo $? >"$w/csv.status"
      eval "\"\$MAAL\" run --no-provenance --engine \"\$url\" $pga" >"$w/pg.out" 2>"$w/pg.err"
      echo $? >"$w/pg.status"
    fi
  )
  ls=$(cat "$w/load.status")
  cs=$(cat "$w/csv.status" 2>/dev/null || echo none)
  ps=$(cat "$w/pg.status" 2>/dev/null || echo none)
  if [ "$cs" != 0 ]; then
    { echo "the CSV run exited $cs:"; head -10 "$w/csv.err"; } >>"$w/why"
    return
  fi
  if [ "$ls" != 0 ]; then
    { echo "maal load exited $ls:"; head -10 "$w/load.err"; } >>"$w/why"
    [ "$ls" = 1 ] && grep -q 'SQL' "$w/load.err" && verdict=unsupported
    return
  fi
  if [ "$ps" != 0 ]; then
    { echo "maal run --engine exited $ps:"; head -10 "$w/pg.err"; } >>"$w/why"
    [ "$ps" = 1 ] && grep -q 'SQL' "$w/pg.err" && verdict=unsupported
    return
  fi
  ok=1
  diff -u --label "maal run (stdout)" --label "maal run --engine (stdout)" "$w/csv.out" "$w/pg.out" >>"$w/why" || ok=0
  file_only "$w/csv.err" "$w/csv.cmp"
  diff -u --label "maal run (stderr)" --label "maal run --engine (stderr)" "$w/csv.cmp" "$w/pg.err" >>"$w/why" || ok=0
  if [ -f "$w/csv.file" ]; then
    diff -u --label "maal run (-o FILE)" --label "maal run --engine (-o FILE)" "$w/csv.file" "$w/pg.file" >>"$w/why" || ok=0
  fi
  [ $ok = 1 ] && verdict=same
}

# ---- the golden cases: a copy of the folders they name ----
mkdir "$tmp/work/tests"
cp -R "$root/tests/cases" "$tmp/work/tests/cases"
cp -R "$root/rules" "$root/examples" "$tmp/work/"
same=0 known=0 n=0
for dir in "$tmp"/work/tests/cases/*/; do
  dir=${dir%/}
  name=$(basename "$dir")
  args=$(golden_args "$dir" "$PG_CASES") || continue
  n=$((n + 1))
  db=case_$n
  if ! newschema "$db"; then
    echo "FAIL pg case: $name (CREATE SCHEMA)"
    sed 's/^/    /' "$tmp/schema.err" | head -5
    continue
  fi
  mkdir "$tmp/w$n"
  one_case "$dir" "$args" "$(url_of "$db")" "$tmp/w$n"
  case $verdict in
    same)
      if listed "$name"; then
        echo "FAIL pg case: $name is identical now: remove it from tests/pg/unsupported.txt"
      else
        same=$((same + 1))
        echo "PASS pg case: $name"
      fi ;;
    unsupported)
      reason=$(cat "$tmp/w$n/pg.err" "$tmp/w$n/load.err" 2>/dev/null | sed -n 's/^.*error: //p' | head -n 1)
      if listed "$name"; then
        known=$((known + 1))
        echo "KNOWN pg case: $name: $reason"
      else
        echo "FAIL pg case: $name: unsupported by --engine, and not in tests/pg/unsupported.txt: $reason"
      fi ;;
    *)
      echo "FAIL pg case: $name"
      sed 's/^/    /' "$tmp/w$n/why" | head -40 ;;
  esac
  dropschema "$db"
  rm -rf "$tmp/w$n"
done
# a listed name that is no longer a case
if [ -f "$unsupported" ] && [ "$PG_CASES" = "*" ]; then
  sed 's/#.*//' "$unsupported" | tr -d ' \t' | grep -v '^$' | while read -r c; do
    [ -d "$root/tests/cases/$c" ] || echo "FAIL pg case: $c is in tests/pg/unsupported.txt but not in tests/cases"
  done
fi
echo "pg: $same cases identical, $known known unsupported (tests/pg/unsupported.txt)"

# ---- the random-goal oracle, both ways ----
if [ "$PG_SEEDS" -gt 0 ]; then
  if [ ! -x "$GEN" ]; then
    echo "FAIL pg oracle: $GEN is not built (make test builds it)"
  else
    seed=1 ok=0 bad=0
    url=$(url_of oracle)
    newschema oracle || { echo "FAIL pg oracle: CREATE SCHEMA"; sed 's/^/    /' "$tmp/schema.err"; }
    while [ "$seed" -le "$PG_SEEDS" ]; do
      sd=$tmp/seed-$seed
      mkdir "$sd"
      why=""
      if ! "$GEN" "$seed" "$sd" >"$sd/gen.out" 2>&1; then
        why="oracle-gen failed"
      else
        # one schema for every seed: load --replace
        (sigtraps && cd "$sd" && "$MAAL" load --replace --engine "$url" regler.maal >load.out 2>load.err) || why="maal load exited $?"
        if [ -z "$why" ]; then
          (sigtraps && cd "$sd" && "$MAAL" run --format csv --no-provenance regler.maal >csv.out 2>csv.err)
          cs=$?
          (sigtraps && cd "$sd" && "$MAAL" run --format csv --no-provenance --engine "$url" regler.maal >pg.out 2>pg.err)
          ps=$?
          if [ "$cs" != "$ps" ]; then
            why="exit status $ps with --engine, $cs without"
          elif ! diff -u --label "maal run" --label "maal run --engine" "$sd/csv.out" "$sd/pg.out" >"$sd/diff.txt"; then
            why="the reports differ"
          elif file_only "$sd/csv.err" "$sd/csv.cmp" &&
            ! diff -u --label "maal run (stderr)" --label "maal run --engine (stderr)" "$sd/csv.cmp" "$sd/pg.err" >"$sd/diff.txt"; then
            why="the messages differ"
          fi
        fi
      fi
      if [ -z "$why" ]; then
        ok=$((ok + 1))
        rm -rf "$sd"
      else
        bad=$((bad + 1))
        keep=${TMPDIR:-/tmp}/maal-pg-fail-$seed
        rm -rf "$keep"
        cp -R "$sd" "$keep"
        echo "FAIL pg oracle: seed $seed: $why (files kept in $keep)"
        for f in load.err pg.err diff.txt; do
          [ -s "$keep/$f" ] && sed 's/^/    /' "$keep/$f" | head -40
        done
        echo "    reproduce: cd $keep && maal load --engine URL regler.maal && maal run --format csv --no-provenance [--engine URL] regler.maal"
      fi
      seed=$((seed + 1))
    done
    dropschema oracle
    [ "$bad" = 0 ] && echo "PASS pg oracle: $ok seeds, every report the same with --engine"
  fi
fi

# ---- the catalog and the data errors of tables (tests/pg/catalog): each
# folder's setup.sql in a database of its own, then maal with its cmd
# (@URL@ the database), standard output, error and the exit status
# compared with expected.out, expected.err, expected.status (absent:
# empty, empty, 0); PG_UPDATE=1 writes them instead ----
n=0
for d in "$here"/pg/catalog/*/; do
  [ -f "$d/cmd" ] || continue
  name=$(basename "$d")
  n=$((n + 1))
  db=catalog_$n
  url="postgresql:///$db?host=$sock&port=$port&user=maal"
  if ! psql_do postgres "CREATE DATABASE $db" >"$tmp/cat.setup" 2>&1 ||
     ! "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U maal -d "$db" -f "$d/setup.sql" >>"$tmp/cat.setup" 2>&1; then
    echo "FAIL pg catalog: $name: setup.sql"
    sed 's/^/    /' "$tmp/cat.setup"
    continue
  fi
  url_sed=$(printf '%s' "$url" | sed 's/[&|\\]/\\&/g') # & and | are sed's in a replacement
  args=$(grep -v '^#' "$d/cmd" | head -1 | sed "s|@URL@|'$url_sed'|g")
  (sigtraps && cd "$d" && eval "MAAL_LANG=en \"\$MAAL\" $args") >"$tmp/cat.out" 2>"$tmp/cat.err"
  rc=$?
  psql_do postgres "DROP DATABASE $db" >/dev/null 2>&1
  if [ "${PG_UPDATE:-0}" = 1 ]; then
    if [ -s "$tmp/cat.out" ]; then cp "$tmp/cat.out" "$d/expected.out"; else rm -f "$d/expected.out"; fi
    if [ -s "$tmp/cat.err" ]; then cp "$tmp/cat.err" "$d/expected.err"; else rm -f "$d/expected.err"; fi
    if [ "$rc" != 0 ]; then echo "$rc" >"$d/expected.status"; else rm -f "$d/expected.status"; fi
    echo "PASS pg catalog: $name (updated)"
    continue
  fi
  want=0
  [ -f "$d/expected.status" ] && want=$(cat "$d/expected.status")
  ok=1
  [ "$rc" = "$want" ] || { ok=0; echo "FAIL pg catalog: $name: exit status $rc, expected $want"; }
  for k in out err; do
    if [ -f "$d/expected.$k" ]; then e="$d/expected.$k"; else e=/dev/null; fi
    if ! cmp -s "$e" "$tmp/cat.$k"; then
      [ "$ok" = 1 ] && echo "FAIL pg catalog: $name: standard $k differs"
      ok=0
      diff -u "$e" "$tmp/cat.$k" | head -30 | sed 's/^/    /'
    fi
  done
  [ "$ok" = 1 ] && echo "PASS pg catalog: $name"
done

# ---- the DuckDB dialect, executed: every golden case's DuckDB SQL on the
# same rows as PostgreSQL's, the results compared (tests/pg/duckdb_all.sh;
# PG_DUCKDB=0 leaves it out; a SKIP line without node or npm) ----
if [ "${PG_DUCKDB:-1}" = 1 ]; then
  DUCKDB_CASES=${DUCKDB_CASES:-$PG_CASES} PSQL="$bindir/psql" \
    sh "$here/pg/duckdb_all.sh" "postgresql:///maal?host=$sock&port=$port&user=maal" "$MAAL"
fi
exit 0
