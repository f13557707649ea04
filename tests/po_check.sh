#!/bin/sh
# po_check.sh — the Danish messages (spec §12.5, "Language of messages").
#
#   1. msgfmt --check-format: lang/po/da.po is a valid PO file and each
#      Danish format has the conversions of its English one, in order.
#   2. Every message the sources write has a Danish translation: xgettext
#      extracts the formats of diag_error, diag_warning, diag_note,
#      usage_error, csv.c's fail and entity.c's row_error, and whatever T(), M() and N_() mark
#      (literals split over lines and "a" "b" joined as C joins them);
#      each must have a msgid in da.po with a msgstr.  The missing ones
#      are printed, for whoever adds a message to translate it.
# Prints PASS/FAIL lines.  Usage: po_check.sh [ROOT]
#
# po_check.sh --update [ROOT] (make po) adds every new message to da.po with
# an empty msgstr, for a translator to fill in (msgmerge), and marks the
# ones whose English changed as fuzzy; nothing else is checked.
set -u
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
po=lang/po/da.po
for tool in msgfmt xgettext msgattrib; do
  command -v $tool >/dev/null 2>&1 || { echo "FAIL po: $tool is missing (apt-get install gettext)"; exit 1; }
done

if [ $update = 1 ]; then :; elif msgfmt --check-format -o /dev/null "$po" 2>"$tmp/fmt.err"; then
  echo "PASS po: msgfmt --check-format $po"
else
  echo "FAIL po: msgfmt --check-format $po"
  sed 's/^/    /' "$tmp/fmt.err" | head -30
fi

# the sources whose messages are translated
files="lang/*.c lang/parser.y lang/lexer.l runtime/*.c"
# shellcheck disable=SC2086
xgettext --from-code=UTF-8 -L C -k -kdiag_error:3 -kdiag_warning:3 -kdiag_note:3 -kT -kM -kN_ \
  -kusage_error:1 -kfail:4 -krow_error:4 --no-wrap --no-location -o "$tmp/maal.pot" $files 2>"$tmp/x.err" ||
  { echo "FAIL po: xgettext"; sed 's/^/    /' "$tmp/x.err"; exit 1; }
if [ $update = 1 ]; then
  msgmerge --quiet --update --backup=none --no-wrap --no-location "$po" "$tmp/maal.pot" || exit 1
  echo "updated $po: $(msgattrib --untranslated "$po" 2>/dev/null | grep -c '^msgid ' || true) entries to translate"
  exit 0
fi
# each msgid as one line of its C text ("a" "b" pieces joined)
ids() {
  awk '/^msgid /{on=1; s=substr($0,7); next} /^msgstr /{if(on) print s; on=0; next} /^"/{if(on) s=s $0}' "$1" |
    sed 's/^""//; s/"$//; s/^"//; s/""//g' | grep -v '^$' | sort -u
}
msgattrib --translated --no-fuzzy --no-wrap "$po" >"$tmp/done.po" 2>/dev/null
ids "$tmp/maal.pot" >"$tmp/want"
ids "$tmp/done.po" >"$tmp/have"
comm -23 "$tmp/want" "$tmp/have" >"$tmp/missing"
n=$(wc -l <"$tmp/want")
m=$(wc -l <"$tmp/missing")
if [ "$m" -eq 0 ]; then
  echo "PASS po: every one of the $n messages in the sources has a Danish translation in $po"
else
  echo "FAIL po: $m of the $n messages in the sources have no Danish translation in $po:"
  sed 's/^/    /' "$tmp/missing"
fi
