#!/bin/sh
# run.sh — every test of maal; ends with "N passed, N failed".
#
#   unit tests    build/unit/*_test print "PASS name" / "FAIL name" lines
#   cases         tests/cases/NAME/: `cmd` (arguments to maal, run inside
#                 the folder; lines starting with # are comments and cite
#                 the spec section), inputs, expected.out, expected.err
#                 (absent: stderr must be empty), expected.status (absent: 0)
#   spec          every example in spec/*.md, extracted by spec_examples.sh
#
# The language of messages (spec §12.5): every case runs with MAAL_LANG=en,
# so expected.err is in English whatever the keywords of its rule file.  A
# case with expected.da.err runs once more without the pin (and without
# LC_ALL, LC_MESSAGES, LANG): the language its rule file's keywords choose;
# its standard error must be expected.da.err.  A case folder may hold `env`,
# VAR=VALUE lines set for its run (MAAL_LANG= unpins it; LANG=da_DK.UTF-8).
#
# Environment: MAAL (the program), UNITDIR (unit test binaries), SANITIZE
# (1 for a sanitizer build: the instruction count is skipped).
# UPDATE=1 rewrites the expected files of cases instead of comparing;
# UPDATE_DA=1 writes expected.da.err for each case with an expected.err.
set -u
MAAL_LANG=en
export MAAL_LANG
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
MAAL=${MAAL:-$root/build/maal}
UNITDIR=${UNITDIR:-$root/build/unit}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- VALGRIND=1: every run of maal and of a unit test under memcheck ----
# MAAL becomes a wrapper (maal-gen beside it, for the progress check), so
# an error or a definite or indirect leak fails its case: valgrind's
# messages differ from expected.err and its exit status from the expected.
MAAL_BIN=$MAAL    # the program itself, also when VALGRIND=1 wraps it
VG=""
if [ "${VALGRIND:-0}" = 1 ]; then
  command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
  VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect"
  mkdir "$tmp/vg"
  printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VG" "$MAAL" >"$tmp/vg/maal"
  chmod +x "$tmp/vg/maal"
  ln -s "$(dirname "$MAAL")/maal-gen" "$tmp/vg/maal-gen"
  MAAL=$tmp/vg/maal
fi

# ---- unit tests ----
for t in "$UNITDIR"/*_test; do
  [ -x "$t" ] || continue
  name=$(basename "$t" _test)
  arg=""
  [ "$name" = report ] && arg="$root/tests/unit/report_cases"
  [ "$name" = html ] && arg="$root/tests/unit/html_cases"
  [ "$name" = lsp ] && arg="$root/tests/lsp"
  [ "$name" = editors ] && arg="$root/editors"
  $VG "$t" $arg >"$tmp/unit.out" 2>&1
  rc=$?
  p=$(grep -c '^PASS ' "$tmp/unit.out")
  f=$(grep -c '^FAIL ' "$tmp/unit.out")
  pass=$((pass + p))
  fail=$((fail + f))
  if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ]; then
    [ "$f" -eq 0 ] && fail=$((fail + 1))
    echo "FAIL unit: $name (exit $rc)"
    grep -v '^PASS ' "$tmp/unit.out" | head -40
  else
    echo "PASS unit: $name ($p checks)"
  fi
done

# ---- run maal in a case folder: run_maal DIR pinned|unpinned ARGS ----
# Without a locale; unpinned also without MAAL_LANG; then the folder's env.
run_maal() {
  (cd "$1" && unset LC_ALL LC_MESSAGES LANG && { [ "$2" = pinned ] || unset MAAL_LANG; } &&
    if [ -f env ]; then set -a && . ./env && set +a; fi && eval "\"$MAAL\" $3")
}

# ---- one case: a folder with cmd and expected files ----
run_case() { # dir label
  dir=$1
  label=$2
  args=$(grep -v '^#' "$dir/cmd" | head -n 1)
  run_maal "$dir" pinned "$args" >"$tmp/out" 2>"$tmp/err"
  echo $? >"$tmp/status"
  [ -f "$dir/expected.status" ] && want_status=$(cat "$dir/expected.status") || want_status=0
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/out" "$dir/expected.out"
    if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/expected.err"; else rm -f "$dir/expected.err"; fi
    if [ "$(cat "$tmp/status")" != 0 ]; then cp "$tmp/status" "$dir/expected.status"; else rm -f "$dir/expected.status"; fi
    [ -f "$dir/expected.status" ] && want_status=$(cat "$dir/expected.status") || want_status=0
  fi
  ok=1
  : >"$tmp/why"
  if [ "$(cat "$tmp/status")" != "$want_status" ]; then
    ok=0
    echo "  exit status $(cat "$tmp/status"), expected $want_status" >>"$tmp/why"
  fi
  if [ -f "$dir/expected.out" ]; then
    diff -u "$dir/expected.out" "$tmp/out" >>"$tmp/why" || ok=0
  elif [ -s "$tmp/out" ]; then
    ok=0
    echo "  unexpected output:" >>"$tmp/why"
    head -20 "$tmp/out" >>"$tmp/why"
  fi
  if [ -f "$dir/expected.err" ]; then
    diff -u "$dir/expected.err" "$tmp/err" >>"$tmp/why" || ok=0
  elif [ -s "$tmp/err" ]; then
    ok=0
    echo "  unexpected messages:" >>"$tmp/why"
    head -20 "$tmp/err" >>"$tmp/why"
  fi
  # the same case in the language its rule file chooses (spec §12.5)
  if [ ! -f "$dir/env" ] && { [ -f "$dir/expected.da.err" ] || { [ "${UPDATE_DA:-0}" = 1 ] && [ -f "$dir/expected.err" ]; }; }; then
    run_maal "$dir" unpinned "$args" >/dev/null 2>"$tmp/err.da"
    [ "${UPDATE_DA:-0}" = 1 ] && cp "$tmp/err.da" "$dir/expected.da.err"
    echo "  (without MAAL_LANG=en:)" >>"$tmp/why"
    diff -u "$dir/expected.da.err" "$tmp/err.da" >>"$tmp/why" || ok=0
  fi
  if [ $ok = 1 ]; then
    pass=$((pass + 1))
    echo "PASS $label"
  else
    fail=$((fail + 1))
    echo "FAIL $label"
    sed 's/^/    /' "$tmp/why" | head -60
  fi
}

# A check script's PASS and FAIL lines, shown and counted.  One that
# exits with an error but says no FAIL stopped early: that fails too.
check_script() { # name output command...
  cs_name=$1 cs_out=$2
  shift 2
  "$@" >"$cs_out" 2>&1
  cs_rc=$?
  cat "$cs_out"
  cs_f=$(grep -c '^FAIL ' "$cs_out")
  pass=$((pass + $(grep -c '^PASS ' "$cs_out")))
  fail=$((fail + cs_f))
  [ "$cs_rc" -ne 0 ] && [ "$cs_f" -eq 0 ] && { fail=$((fail + 1)); echo "FAIL $cs_name: the check exited $cs_rc"; }
  return 0
}

for dir in "$root"/tests/cases/*/; do
  [ -f "$dir/cmd" ] || continue
  run_case "${dir%/}" "case: $(basename "$dir")"
done

# ---- the same cases with every pass over a file split in three parts ----
# (runtime/split.c, issue 12): MAAL_SPLIT_MIN=1 splits even the smallest
# file, and MAAL_THREADS=3 in three parts, so that a part's thread merges
# the next part too, whatever the machine's cores; nothing the cases
# expect may change.
if [ "${UPDATE:-0}" != 1 ] && [ "${UPDATE_DA:-0}" != 1 ]; then
  MAAL_SPLIT_MIN=1 MAAL_THREADS=3
  export MAAL_SPLIT_MIN MAAL_THREADS
  for dir in "$root"/tests/cases/*/; do
    [ -f "$dir/cmd" ] || continue
    run_case "${dir%/}" "case split in three parts: $(basename "$dir")"
  done
  unset MAAL_SPLIT_MIN MAAL_THREADS
fi

# ---- each way a split pass's second half can go, against one core ----
check_script split "$tmp/split.out" sh "$here/split_check.sh" "$MAAL"

# ---- the tests written for the agreements (maal test) ----
for f in "$root"/rules/tests/*.test.maal; do
  [ -f "$f" ] || continue
  (cd "$(dirname "$f")" && "$MAAL" test "$(basename "$f")") >"$tmp/t.out" 2>&1
  p=$(grep -c '^PASS test: ' "$tmp/t.out")
  f2=$(grep -c '^FAIL test: ' "$tmp/t.out")
  pass=$((pass + p))
  fail=$((fail + f2))
  if [ "$f2" -gt 0 ] || [ "$p" -eq 0 ]; then
    [ "$p" -eq 0 ] && [ "$f2" -eq 0 ] && fail=$((fail + 1))
    echo "FAIL maal test: $(basename "$f")"
    sed 's/^/    /' "$tmp/t.out" | head -40
  else
    echo "PASS maal test: $(basename "$f") ($p tests)"
  fi
done

# ---- fuzz replay: every corpus input and every input that ever failed ----
# (tests/fuzz/README.md; the targets are built by make test with $CC)
for t in fuzz_rules fuzz_csv fuzz_run fuzz_lsp; do
  bin=$(dirname "$MAAL")/replay/$t
  set --
  for d in corpus crashes; do [ -d "$root/tests/fuzz/$d/$t" ] && set -- "$@" "$root/tests/fuzz/$d/$t"; done
  if [ ! -x "$bin" ]; then
    fail=$((fail + 1))
    echo "FAIL fuzz replay: $t (no $bin; run make test)"
  elif find "$@" -type f ! -name '.*' -exec "$bin" {} + >"$tmp/replay.out" 2>"$tmp/replay.err"; then
    pass=$((pass + 1))
    echo "PASS fuzz replay: $t ($(grep -c '^replay: ' "$tmp/replay.err") inputs)"
  else
    fail=$((fail + 1))
    echo "FAIL fuzz replay: $t, on the last input named:"
    grep -v '^replay: ' "$tmp/replay.err" | head -30 | sed 's/^/    /'
    grep '^replay: ' "$tmp/replay.err" | tail -1 | sed 's/^/    /'
  fi
done

# ---- every rule file of the repository is in the canonical layout ----
if "$MAAL" fmt --check "$root"/rules/*.maal "$root"/rules/tests/*.maal "$root"/examples/*/*.maal >"$tmp/fmt.out" 2>&1; then
  pass=$((pass + 1))
  echo "PASS fmt: rules/ and examples/ are in the canonical layout"
else
  fail=$((fail + 1))
  echo "FAIL fmt: run 'maal fmt' on these:"
  sed 's/^/    /' "$tmp/fmt.out"
fi

# ---- the bad-input matrix of spec §12.5 names case folders that exist ----
missing=$(awk '/^### 12.5/,/^### 12.6/' "$root/spec/maal.md" | grep '^| ' |
  grep -o '`[a-z0-9-]*`' | tr -d '`' | grep -E '^(matrix|regress|csv|diag|output)-' |
  while read -r c; do [ -f "$root/tests/cases/$c/cmd" ] || echo "$c"; done)
if [ -z "$missing" ]; then
  pass=$((pass + 1))
  echo "PASS matrix: every case folder named in spec §12.5 exists"
else
  fail=$((fail + 1))
  echo "FAIL matrix: spec §12.5 names case folders that do not exist:" $missing
fi

# ---- the coverage table: every encoded catalogue goal is where it says ----
if [ -f "$root/spec/coverage.md" ]; then
  sh "$here/coverage_check.sh" >"$tmp/cov.out" 2>&1
  p=$(grep -c '^PASS ' "$tmp/cov.out")
  f=$(grep -c '^FAIL ' "$tmp/cov.out")
  pass=$((pass + p))
  fail=$((fail + f))
  grep '^FAIL ' "$tmp/cov.out"
  grep '^INFO ' "$tmp/cov.out"
  echo "PASS coverage: $p goals of the catalogue found where spec/coverage.md says"
fi

# ---- the Danish messages: a valid catalogue with every message (spec §12.5) ----
check_script po "$tmp/po.out" sh "$here/po_check.sh" "$root"

# ---- the examples of the specification ----
if [ -f "$here/spec_examples.sh" ]; then
  sh "$here/spec_examples.sh" "$root/spec" "$tmp/spec" || { fail=$((fail + 1)); echo "FAIL spec: extraction"; }
  for dir in "$tmp"/spec/*/; do
    [ -f "$dir/cmd" ] || continue
    run_case "${dir%/}" "spec: $(cat "$dir/where")"
  done
fi

# ---- progress on a terminal, nothing otherwise ----
check_script progress "$tmp/prog.out" sh "$here/progress_check.sh" "$MAAL" "$(dirname "$MAAL")/maal-gen"

# ---- checks of the extract on a large file (spec §4.7) ----
check_script checks-large "$tmp/cklarge.out" sh "$here/checks_large.sh" "$MAAL" "$(dirname "$MAAL")/maal-gen"

# ---- the record tables of examples/data/kommune: regenerated and consistent (issue 8) ----
check_script records "$tmp/rec.out" sh "$here/records_check.sh" "$(dirname "$MAAL")/maal-gen"

# ---- the provenance goldens against sha256sum (issue 10, spec/output.md §5) ----
check_script provenance "$tmp/prov.out" sh "$here/prov_check.sh" "$MAAL"

# ---- begin: input and output (issue 7: FIFOs, signals, links, owners, devices) ----
check_script io "$tmp/io.out" sh "$here/io_check.sh" "$MAAL"
# ---- end: input and output ----

# ---- the language server as an editor starts it (spec §12.13) ----
check_script lsp "$tmp/lsp.out" sh "$here/lsp_check.sh" "$MAAL"
# ---- the instruction count of a fixed run against bench/instructions.baseline ----
# (skipped without valgrind and under SANITIZE=1; no test asserts a time)
check_script instructions "$tmp/instr.out" env SANITIZE="${SANITIZE:-}" sh "$here/instructions_check.sh" "$MAAL_BIN"

# ---- who calls whom: no two object files call each other, lang/ never calls runtime/ ----
# (nm on the object folder of the build under test: build/obj, or build/san/obj)
check_script layers "$tmp/layers.out" sh "$here/layers_check.sh" "$(dirname "$MAAL_BIN")/obj"

# ---- make install puts the program, the generator and the manual page ----
if make -s -C "$root" install PREFIX=/usr DESTDIR="$tmp/inst" >"$tmp/inst.out" 2>&1 &&
   [ -x "$tmp/inst/usr/bin/maal" ] && [ -x "$tmp/inst/usr/bin/maal-gen" ] &&
   [ -f "$tmp/inst/usr/share/man/man1/maal.1" ] && "$tmp/inst/usr/bin/maal" --version | grep -q '^maal '; then
  pass=$((pass + 1))
  echo "PASS install: make install PREFIX=/usr DESTDIR=..."
else
  fail=$((fail + 1))
  echo "FAIL install: make install PREFIX=/usr DESTDIR=..."
  sed 's/^/    /' "$tmp/inst.out" | head -20
fi

# ---- the HTML report in a real browser (headless chromium) ----
# the 2007 agreement, and the breakdowns of spec §11 (cross tables)
for pair in "$root/rules/beskaeftigelsesaftale-2007.maal:beskaeftigelsesaftale-2007" "$here/browser/opdelinger.maal:opdelinger"; do
  rules=${pair%:*}
  name=${pair##*:}
  if "$MAAL" run "$rules" --format html -o "$tmp/$name.html"; then
    sh "$here/browser/run.sh" "$tmp/$name.html" "$here/browser/$name.expected" >"$tmp/browser.out" 2>&1
    rc=$?
    cat "$tmp/browser.out"
    p=$(grep -c '^PASS ' "$tmp/browser.out")
    f=$(grep -c '^FAIL ' "$tmp/browser.out")
    pass=$((pass + p))
    fail=$((fail + f))
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && fail=$((fail + 1))
  else
    fail=$((fail + 1))
    echo "FAIL browser: maal run $name --format html"
  fi
done

# ---- the page of maal doc in a real browser (spec §12.12) ----
if "$MAAL" doc "$root/rules/beskaeftigelsesaftale-2007.maal" -o "$tmp/doc-2007.html"; then
  sh "$here/browser/doc.sh" "$tmp/doc-2007.html" "$here/browser/beskaeftigelsesaftale-2007.doc.expected" >"$tmp/browser.out" 2>&1
  rc=$?
  cat "$tmp/browser.out"
  p=$(grep -c '^PASS ' "$tmp/browser.out")
  f=$(grep -c '^FAIL ' "$tmp/browser.out")
  pass=$((pass + p))
  fail=$((fail + f))
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && fail=$((fail + 1))
else
  fail=$((fail + 1))
  echo "FAIL browser: maal doc beskaeftigelsesaftale-2007 -o"
fi

# ---- the independent oracle: random goals, maal against sqlite3 ----
sh "$here/oracle/run.sh" >"$tmp/oracle.out" 2>&1
rc=$?
p=$(grep -c '^PASS oracle: ' "$tmp/oracle.out")
f=$(grep -c '^FAIL oracle: ' "$tmp/oracle.out")
pass=$((pass + p))
fail=$((fail + f))
[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && fail=$((fail + 1))
if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ]; then
  grep -v '^PASS oracle: ' "$tmp/oracle.out" | head -200
else
  echo "PASS oracle: $p seeds, every goal as sqlite3 computes it"
fi

# ---- the oracle again, every pass split in four parts (runtime/split.c) ----
MAAL_SPLIT_MIN=1 MAAL_THREADS=4 SEEDS=100 sh "$here/oracle/run.sh" >"$tmp/oracle.out" 2>&1
rc=$?
p=$(grep -c '^PASS oracle: ' "$tmp/oracle.out")
f=$(grep -c '^FAIL oracle: ' "$tmp/oracle.out")
pass=$((pass + p))
fail=$((fail + f))
[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && fail=$((fail + 1))
if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ]; then
  grep -v '^PASS oracle: ' "$tmp/oracle.out" | sed 's/^/split: /' | head -200
else
  echo "PASS oracle split in four parts: $p seeds, every goal as sqlite3 computes it"
fi

# ---- maal inside PostgreSQL: the golden cases and the oracle both ways (issue 11) ----
# (a throwaway server in a temporary folder; SKIP without Debian's postgresql)
check_script pg "$tmp/pg.out" env ORACLE_GEN="$(dirname "$MAAL_BIN")/oracle-gen" sh "$here/pg_check.sh" "$MAAL"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
