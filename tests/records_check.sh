#!/bin/sh
# records_check.sh — the committed record tables (examples/data/kommune/) are
# what `maal-gen --schema records` writes today, byte for byte, and they are
# consistent: headers as examples/README.md documents them, keys unique,
# references resolve, one panel row per person per month without gaps, dates
# inside 2006-2012 and in order, every course and placement (but apprentices)
# begun while on benefit, and
# rows to count for the goals of each plan year (2007, 2009, 2010, 2012).
#
#   sh tests/records_check.sh MAAL-GEN [DIR]     (DIR: default the committed example)
#
# Prints one PASS or FAIL line per check; exit 1 if any failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
gen=$1
dir=${2:-$root/examples/data/kommune}
# The command that made the committed example (examples/README.md says the same).
SEED=2006
PERSONS=400
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass() { echo "PASS records: $1"; }
fail() { echo "FAIL records: $1"; fails=$((fails + 1)); }

TABLES="personer panel forloeb placeringer pladser jobordrer samtaler klager pensionssager
virksomheder virksomhedskontakter varslinger domme medarbejdere medarbejderkurser
milepaele_2007 milepaele_2007_2010 milepaele_2009 milepaele_2010"

# ---- a fresh generation equals the committed example ----
if [ -z "${2:-}" ]; then
  mkdir "$tmp/fresh"
  if "$gen" --schema records --out "$tmp/fresh" --seed $SEED --persons $PERSONS 2>"$tmp/gen.err"; then
    bad=""
    for t in $TABLES; do cmp -s "$tmp/fresh/$t.csv" "$dir/$t.csv" || bad="$bad $t"; done
    extra=$(cd "$dir" && ls | grep -v -x -F "$(for t in $TABLES; do echo "$t.csv"; done)")
    if [ -z "$bad" ] && [ -z "$extra" ]; then
      pass "the committed example equals maal-gen --schema records --seed $SEED --persons $PERSONS"
    else
      fail "the committed example differs from a fresh generation:$bad $extra"
    fi
  else
    fail "maal-gen --schema records failed: $(cat "$tmp/gen.err")"
  fi
fi

# ---- headers ----
hdr() { [ "$(head -n 1 "$dir/$1.csv")" = "$2" ] || { fail "header of $1.csv is not '$2'"; return; }; }
nbad=$fails
hdr personer "person_id,foedt,koen,herkomst,herkomst_type,integrationslov,indrejst,familie_id,boligomraade,udsat_boligomraade,jobcenter,uddannelse,kompetencegivende_uddannelse,handicap,psykisk_syg,ordblind"
hdr panel "person_id,maaned,alder,jobcenter,ydelse,ydelse_mdr,matchgruppe,beskaeftigelse,i_uddannelse,sygemeldt,jobplan"
hdr forloeb "forloeb_id,person_id,type,forfalden,start,slut,gennemfoert,leverandoer,jobcenter"
hdr placeringer "placering_id,person_id,virksomhed_id,type,start,slut,oplaering_timer,arbejds_timer,jobcenter"
hdr pladser "plads_id,type,oprettet,nedlagt,virksomhed_id,intern,indkoebsaftale,loensumspulje"
hdr jobordrer "jobordre_id,virksomhed_id,modtaget,type,jobcenter,formidlet,besat"
hdr samtaler "samtale_id,person_id,forfalden,afholdt,jobcenter"
hdr klager "klage_id,person_id,modtaget,type,afgjort,udfald,jobcenter"
hdr pensionssager "sag_id,person_id,modtaget,afgjort,hovedregel,jobcenter"
hdr virksomheder "virksomhed_id,navn,branche,nydanske_medarbejdere,indkoebsaftale,konsulentbistand_fra"
hdr virksomhedskontakter "kontakt_id,virksomhed_id,dato,jobcenter"
hdr varslinger "varsling_id,person_id,virksomhed_id,samarbejde,opsigelse_slut"
hdr domme "dom_id,person_id,dato"
hdr medarbejdere "medarbejder_id,jobcenter,borgerrettet,ansat,fratraadt"
hdr medarbejderkurser "kursus_id,medarbejder_id,dato,relevant"
for y in 2007 2007_2010 2009 2010; do hdr milepaele_$y "maal,faerdig,kommentar"; done
[ "$fails" = "$nbad" ] && pass "every table has the documented header"

# ---- keys unique, references resolve, values in their vocabularies ----
# One awk over all tables: FILENAME tells which.  No field holds a comma
# except kommentar, the last column of the milestone tables.
cd "$dir" || exit 1
awk -F, -v out="$tmp/facts" '
function tab(f) { sub(/.*\//, "", f); sub(/\.csv$/, "", f); return f }
function err(m) { print "FAIL records: " m; bad++ }
function key(k) { if (k == "") err(t ":" FNR ": empty key"); else if ((t SUBSEP k) in seen) err(t ":" FNR ": key " k " also on line " seen[t, k]); else seen[t, k] = FNR }
function isdate(d) { return d ~ /^(19|20)[0-9][0-9]-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/ }
function date(d, what, may_be_empty) {
  if (d == "") { if (!may_be_empty) err(t ":" FNR ": " what " is empty"); return }
  if (!isdate(d)) err(t ":" FNR ": " what " is not a date: " d)
  else if (d > "2012-12-31") err(t ":" FNR ": " what " after the tables end: " d)
}
function inset(v, list, what) { if (index("|" list "|", "|" v "|") == 0) err(t ":" FNR ": " what " " v " not one of " list) }
function period(d, lo) { if (d != "" && d < lo) err(t ":" FNR ": date before " lo ": " d) }
function ref(kind, v) { if (v != "") need[kind, v] = t ":" FNR }
FNR == 1 { t = tab(FILENAME); next }
t == "personer" {
  key($1); date($2, "foedt"); inset($3, "K|M", "koen"); inset($4, "dansk|vestlig|ikke-vestlig", "herkomst")
  inset($5, "dansk|indvandrer|efterkommer", "herkomst_type"); inset($6, "ja|nej", "integrationslov")
  date($7, "indrejst", 1); if ($8 == "") err(t ":" FNR ": empty familie_id")
  inset($10, "ja|nej", "udsat_boligomraade"); inset($11, JC, "jobcenter")
  if (($9 == "andet") != ($10 == "nej")) err(t ":" FNR ": boligomraade and udsat_boligomraade disagree")
  inset($12, "ingen|grundskole|gymnasial|erhvervsfaglig|kvu|mvu|lvu", "uddannelse")
  for (i = 13; i <= 16; i++) inset($i, "ja|nej", "flag")
  person[$1] = 1; famof[$1] = $8; born[$1] = $2
  if ($6 == "ja" && $7 >= "2006-01-01") cnt["personer integrationslov indrejst " substr($7, 1, 4)]++
  next
}
t == "panel" {
  key($1 SUBSEP $2); ref("person", $1)
  if ($2 !~ /^20(0[6-9]|1[0-2])-(0[1-9]|1[0-2])$/) err(t ":" FNR ": maaned outside 2006-01..2012-12: " $2)
  m = substr($2, 1, 4) * 12 + substr($2, 6, 2) - 1
  if (!($1 in lo) || m < lo[$1]) lo[$1] = m
  if (!($1 in hi) || m > hi[$1]) hi[$1] = m
  rows[$1]++
  b = born[$1]; age = substr($2, 1, 4) - substr(b, 1, 4) - (substr($2, 6, 2) < substr(b, 6, 2))
  if ($3 != age || age < 16 || age > 66) err(t ":" FNR ": alder " $3 " (born " b ")")
  inset($4, JC, "jobcenter")
  inset($5, "ingen|kontanthjælp|starthjælp|introduktionsydelse|dagpenge|sygedagpenge|revalidering|ledighedsydelse|førtidspension", "ydelse")
  if (($5 == "ingen") != ($6 == "0")) err(t ":" FNR ": ydelse_mdr " $6 " with ydelse " $5)
  if ($7 != "") inset($7, "1|2|3|4|5", "matchgruppe")
  inset($8, "ingen|ordinær|støttet|deltid|fleksjob", "beskaeftigelse")
  inset($9, "ja|nej", "i_uddannelse"); inset($10, "ja|nej", "sygemeldt")
  if ($11 != "") inset($11, "ja|nej", "jobplan")
  if ($5 == "ingen" && ($7 != "" || $11 != "")) err(t ":" FNR ": matchgruppe or jobplan without a benefit")
  onb[$1, m] = ($5 != "ingen" && $5 != "førtidspension")
  if ($5 == "kontanthjælp") khfam[famof[$1], m]++   # personer.csv is read first
  next
}
t == "forloeb" {
  key($1); ref("person", $2)
  inset($3, "jobklub|uddannelse_6_uger|kombinationsforløb|introforløb|social_arv|praktikforberedelse|mentor|danskundervisning|helt_ud|uta|udslusning|interventionsteam|job_og_uddannelsespakke|aktivering", "type")
  date($4, "forfalden", 1); date($5, "start"); date($6, "slut", 1)
  if ($6 != "" && $6 < $5) err(t ":" FNR ": slut before start")
  if (($6 == "") != ($7 == "")) err(t ":" FNR ": gennemfoert must be empty exactly while running")
  if ($7 != "") inset($7, "ja|nej", "gennemfoert")
  inset($9, JC, "jobcenter"); period($5, "2006-01-01")
  split($5, a, "-"); cstart[FNR] = $2 SUBSEP (a[1] * 12 + a[2] - 1)
  yr = substr($5, 1, 4); cnt["forloeb " $3 " " yr]++; if ($4 != "") cnt["forloeb forfalden " substr($4, 1, 4)]++
  next
}
t == "placeringer" {
  key($1); ref("person", $2); ref("firm", $3)
  inset($4, "virksomhedspraktik|løntilskud|jobtræning|elevplads|praktikplads|integrationsstilling", "type")
  date($5, "start"); date($6, "slut", 1); if ($6 != "" && $6 < $5) err(t ":" FNR ": slut before start")
  if ($7 !~ /^[0-9]+$/ || $8 !~ /^[0-9]+$/ || $7 + 0 > $8 + 0) err(t ":" FNR ": hours " $7 "/" $8)
  if ($4 != "elevplads" && $4 != "praktikplads") { split($5, a, "-"); pstart[FNR] = $2 SUBSEP (a[1] * 12 + a[2] - 1) }
  inset($9, JC, "jobcenter"); cnt["placeringer " $4 " " substr($5, 1, 4)]++; cnt["placeringer " substr($5, 1, 4)]++; next
}
t == "pladser" {
  key($1); inset($2, "praktikplads|elevplads|jobtræningsplads|tec_plads", "type"); date($3, "oprettet")
  date($4, "nedlagt", 1); if ($4 != "" && $4 < $3) err(t ":" FNR ": nedlagt before oprettet")
  ref("firm", $5); for (i = 6; i <= 8; i++) inset($i, "ja|nej", "flag")
  cnt["pladser " $2 " " substr($3, 1, 4)]++; next
}
t == "jobordrer" {
  key($1); ref("firm", $2); date($3, "modtaget"); inset($4, "ordinær|løntilskud|fleksjob|elevplads", "type")
  inset($5, JC, "jobcenter"); date($6, "formidlet", 1); date($7, "besat", 1)
  if ($6 != "" && $6 < $3) err(t ":" FNR ": formidlet before modtaget")
  if ($7 != "" && ($6 == "" || $7 < $6)) err(t ":" FNR ": besat without or before formidlet")
  cnt["jobordrer " $4 " " substr($3, 1, 4)]++; next
}
t == "samtaler" {
  key($1); ref("person", $2); date($3, "forfalden"); date($4, "afholdt", 1); inset($5, JC, "jobcenter")
  cnt["samtaler " $5 " " substr($3, 1, 4)]++; next
}
t == "klager" {
  key($1); ref("person", $2); date($3, "modtaget"); inset($4, "formalitet|sanktion|ydelse|tilbud", "type")
  date($5, "afgjort", 1); if ($5 != "" && $5 < $3) err(t ":" FNR ": afgjort before modtaget")
  if (($5 == "") != ($6 == "")) err(t ":" FNR ": udfald must be empty exactly while undecided")
  if ($6 != "") inset($6, "medhold|delvist medhold|ikke medhold", "udfald")
  inset($7, JC, "jobcenter"); cnt["klager " $4 " " substr($3, 1, 4)]++; next
}
t == "pensionssager" {
  key($1); ref("person", $2); date($3, "modtaget"); date($4, "afgjort", 1)
  if ($4 != "" && $4 < $3) err(t ":" FNR ": afgjort before modtaget")
  inset($5, "ja|nej", "hovedregel"); inset($6, JC, "jobcenter"); cnt["pensionssager " substr($3, 1, 4)]++; next
}
t == "virksomheder" {
  key($1); firm[$1] = 1; inset($4, "ja|nej", "nydanske_medarbejdere"); inset($5, "ja|nej", "indkoebsaftale")
  date($6, "konsulentbistand_fra", 1); next
}
t == "virksomhedskontakter" { key($1); ref("firm", $2); date($3, "dato"); inset($4, JC, "jobcenter"); cnt["virksomhedskontakter " substr($3, 1, 4)]++; next }
t == "varslinger" {
  key($1); ref("person", $2); ref("firm", $3); inset($4, "ja|nej", "samarbejde"); date($5, "opsigelse_slut")
  cnt["varslinger " substr($5, 1, 4)]++; next
}
t == "domme" { key($1); ref("person", $2); date($3, "dato"); cnt["domme " substr($3, 1, 4)]++; next }
t == "medarbejdere" {
  key($1); staff[$1] = 1; inset($2, JC, "jobcenter"); inset($3, "ja|nej", "borgerrettet"); date($4, "ansat")
  date($5, "fratraadt", 1); if ($5 != "" && $5 < $4) err(t ":" FNR ": fratraadt before ansat"); next
}
t == "medarbejderkurser" {
  key($1); ref("staff", $2); date($3, "dato"); inset($4, "ja|nej", "relevant"); cnt["medarbejderkurser " substr($3, 1, 4)]++; next
}
t ~ /^milepaele_/ { key($1); date($2, "faerdig", 1); next }
END {
  for (k in need) {
    split(k, p, SUBSEP)
    if (p[1] == "person" && !(p[2] in person)) err(need[k] ": person_id " p[2] " is not in personer")
    if (p[1] == "firm" && !(p[2] in firm)) err(need[k] ": virksomhed_id " p[2] " is not in virksomheder")
    if (p[1] == "staff" && !(p[2] in staff)) err(need[k] ": medarbejder_id " p[2] " is not in medarbejdere")
  }
  for (id in person) {
    if (!(id in rows)) err("person " id " has no panel row")
    else if (rows[id] != hi[id] - lo[id] + 1) err("person " id ": " rows[id] " panel rows for " hi[id] - lo[id] + 1 " months (a gap)")
  }
  for (i in cstart) if (!(cstart[i] in onb) || !onb[cstart[i]]) {
    split(cstart[i], p, SUBSEP); err("forloeb:" i ": person " p[1] " not on benefit in the month the course starts")
  }
  for (i in pstart) if (!(pstart[i] in onb) || !onb[pstart[i]]) {
    split(pstart[i], p, SUBSEP); err("placeringer:" i ": person " p[1] " not on benefit in the month the placement starts")
  }
  for (k in khfam) if (khfam[k] == 2) { split(k, p, SUBSEP); cnt["panel ægtepar på kontanthjælp " int(p[2] / 12)]++ }
  for (k in cnt) print k, cnt[k] > out
  if (!bad) print "PASS records: keys unique, references resolve, values in their vocabularies, panel without gaps, alder from foedt, courses and placements begin on benefit"
}' JC="Skelbækgade|Musvågevej|Nørrebro|Sydhavnen" \
  personer.csv panel.csv forloeb.csv placeringer.csv pladser.csv jobordrer.csv samtaler.csv klager.csv \
  pensionssager.csv virksomheder.csv virksomhedskontakter.csv varslinger.csv domme.csv medarbejdere.csv \
  medarbejderkurser.csv milepaele_2007.csv milepaele_2007_2010.csv milepaele_2009.csv milepaele_2010.csv \
  >"$tmp/awk.out"
head -n 30 "$tmp/awk.out"
fails=$((fails + $(grep -c '^FAIL ' "$tmp/awk.out")))

# ---- rows to count for each goal of the catalogue whose subject is records ----
# "WHAT YEAR" lines: the plans' goals and the year they count in.
missing=""
while read -r what; do
  [ -n "$what" ] || continue
  grep -q -x -e "$what [1-9][0-9]*" "$tmp/facts" || missing="$missing
  $what"
done <<EOF
forloeb kombinationsforløb 2006
forloeb kombinationsforløb 2007
forloeb introforløb 2007
forloeb mentor 2007
forloeb danskundervisning 2007
forloeb job_og_uddannelsespakke 2007
forloeb helt_ud 2007
forloeb praktikforberedelse 2009
forloeb uta 2009
forloeb forfalden 2009
forloeb aktivering 2009
forloeb jobklub 2010
forloeb uddannelse_6_uger 2010
forloeb kombinationsforløb 2010
forloeb social_arv 2010
forloeb udslusning 2010
forloeb interventionsteam 2010
forloeb aktivering 2012
placeringer integrationsstilling 2007
placeringer 2009
placeringer 2010
pladser praktikplads 2010
pladser elevplads 2010
pladser jobtræningsplads 2010
pladser tec_plads 2010
jobordrer ordinær 2009
jobordrer ordinær 2010
samtaler Skelbækgade 2009
samtaler Skelbækgade 2012
klager formalitet 2008
klager formalitet 2009
pensionssager 2009
varslinger 2010
panel ægtepar på kontanthjælp 2007
personer integrationslov indrejst 2006
personer integrationslov indrejst 2007
domme 2011
virksomhedskontakter 2007
medarbejderkurser 2007
EOF
if [ -z "$missing" ]; then
  pass "rows to count for every goal year (2006-2012) of the plans"
else
  fail "no rows for:$missing"
fi
[ "$fails" -eq 0 ]
