#!/bin/sh
# prov_check.sh — the SHA-256 and sizes in the provenance goldens
# (tests/cases/prov-*, spec/output.md §5) are those of the files, as
# sha256sum(1) and wc -c compute them: an oracle independent of maal.
# Every "Datafil NAME: PATH, N bytes, SHA-256 H" and "Regelfil: PATH, …"
# line of a text, Markdown or HTML golden, and every datafil and regelfil
# record of a CSV golden, is checked; "standardinput" is the file that the
# case's cmd redirects into maal.  With MAAL (sh prov_check.sh MAAL), the
# version every provenance golden names is also the one `maal --version`
# prints.  Prints PASS/FAIL lines.
set -u
MAAL=${1:-}
here=$(cd "$(dirname "$0")" && pwd)
fails=0
checked=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for dir in "$here"/cases/prov-*/; do
  out=$dir/expected.out
  [ -f "$out" ] || continue
  # PATH<TAB>BYTES<TAB>SHA, one a line
  {
    sed -n 's/^\(- \|<li>\)\{0,1\}\(Datafil [^:]*\|Regelfil\): \(.*\), \([0-9.]*\) bytes\{0,1\}, SHA-256 \([0-9a-f]\{64\}\)\(<\/li>\)\{0,1\}$/\3\t\4\t\5/p' "$out"
    awk -F'[,;]' '$5 == "datafil" || $5 == "regelfil" { sub(/\r$/, ""); if ($9 != "") print $6 "\t" $11 "\t" $9 }' "$out"
  } | sed 's/\\_/_/g; s/&amp;/\&/g' >"$tmp"
  while IFS="$(printf '\t')" read -r path bytes sha; do
    file=$path
    if [ "$path" = standardinput ] || [ "$path" = - ]; then
      file=$(grep -v '^#' "$dir/cmd" | head -n 1 | sed -n 's/.*< *\([^ ]*\).*/\1/p')
    fi
    want_bytes=$(echo "$bytes" | tr -d .)
    got_sha=$(cd "$dir" && sha256sum <"$file" | cut -c1-64)
    got_bytes=$(cd "$dir" && wc -c <"$file" | tr -d ' ')
    checked=$((checked + 1))
    if [ "$got_sha" != "$sha" ] || [ "$got_bytes" != "$want_bytes" ]; then
      fails=$((fails + 1))
      echo "FAIL provenance: $(basename "$dir"): $path is $got_bytes bytes, SHA-256 $got_sha; the golden says $want_bytes, $sha"
    fi
  done <"$tmp"
done
if [ -n "$MAAL" ]; then
  version=$("$MAAL" --version | sed 's/^maal //')
  bad=$(grep -l -E '(Program: maal |"maal_version": "|,maal,program,)' "$here"/cases/prov-*/expected.out |
    while read -r f; do
      grep -h -o -E '(Program: maal [^<]*|"maal_version": "[^"]*"|,maal,program,[^,]*)' "$f" |
        sed -E 's/^Program: maal //; s/^"maal_version": "//; s/"$//; s/^,maal,program,//' |
        grep -v -x -F "$version" >/dev/null && echo "$f"
    done)
  if [ -z "$bad" ]; then
    echo "PASS provenance: the prov-* goldens name the version maal --version prints ($version)"
  else
    fails=$((fails + 1))
    echo "FAIL provenance: these goldens name another version than maal --version ($version):" $bad
  fi
fi
if [ "$checked" -lt 10 ]; then
  echo "FAIL provenance: only $checked file hashes found in tests/cases/prov-*"
elif [ "$fails" -eq 0 ]; then
  echo "PASS provenance: $checked sizes and SHA-256 in the prov-* goldens are those of sha256sum and wc -c"
fi
