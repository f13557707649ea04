# The 12 goals of bench/bench.maal in gawk (gawk 5.2 has no --csv).  A line
# without a quote is split at its commas; a line with one is continued
# while its quotes are unbalanced (a quoted field may hold a line break)
# and split by patsplit with an RFC 4180 field pattern.  The fields the
# goals use hold no quotes, so they are compared as they stand.  Prints
# the 20 numbers of goals.sql on one line.  An empty field is a missing
# value: a condition on it is false, as maal's unknown is for a numerator
# and a group.
# Usage: gawk -f goals.awk FILE
BEGIN { QFIELD = "([^,]*)|(\"([^\"]|\"\")*\")" }
{
    if (index($0, "\"") == 0) {
        nf = split($0, f, ",")
    } else {
        rec = $0
        while (gsub(/"/, "\"", rec) % 2 == 1) {   # an open quoted field
            if ((getline more) <= 0) break
            rec = rec "\n" more
        }
        nf = patsplit(rec, f, QFIELD)
    }
}
NR == 1 {
    for (i = 1; i <= nf; i++) col[f[i]] = i
    split("person_id alder herkomst_type ydelse matchgruppe boligomraade udsat_boligomraade uddannelse ledighed_start ledighed_mdr jobplan tilbud_type tilbud_start afgang_aarsag beskaeftiget_mdr_7 tilbud_status", need, " ")
    for (k in need) if (!(need[k] in col)) { print "goals.awk: no column " need[k] > "/dev/stderr"; exit 2 }
    cId = col["person_id"]; cAl = col["alder"]; cHt = col["herkomst_type"]; cY = col["ydelse"]
    cMg = col["matchgruppe"]; cBo = col["boligomraade"]; cUd = col["udsat_boligomraade"]
    cUdd = col["uddannelse"]; cLs = col["ledighed_start"]; cLm = col["ledighed_mdr"]
    cJp = col["jobplan"]; cTt = col["tilbud_type"]; cTs = col["tilbud_start"]
    cAf = col["afgang_aarsag"]; cBm = col["beskaeftiget_mdr_7"]; cSt = col["tilbud_status"]
    next
}
{
    y = f[cY]; al = f[cAl]; mg = f[cMg]; tt = f[cTt]
    hasAl = al != ""; al += 0
    hasMg = mg != ""; mg += 0
    kh = y == "kontanthjælp" || y == "starthjælp"
    if (kh) {
        k12++
        if (hasAl && al >= 18 && al <= 29) { a2++; if (f[cJp] == "ja") a1++ }
        if (hasAl && al >= 50 && al <= 66) { b2++; if (tt != "") b1++ }
        if (f[cUd] == "ja") { c2++; s = f[cSt]; if (s == "påbegyndt" || s == "gennemført" || s == "afbrudt") c1++ }
        if (hasMg && mg >= 1 && mg <= 3) { d2++; af = f[cAf]; if (af == "ordinær beskæftigelse" || af == "uddannelse") d1++ }
        if (f[cBm] != "" && f[cBm] + 0 >= 3) f1++
        if (tt != "") ids[f[cId]]
        if (f[cLm] != "") { lsum += f[cLm]; lcnt++ }
    }
    if (hasMg && (mg == 4 || mg == 5)) { e2++; if (tt == "mentor" || tt == "afklaringsforløb") e1++ }
    ht = f[cHt]
    if ((ht == "indvandrer" || ht == "efterkommer") && hasAl && al < 30) {
        g2++; u = f[cUdd]; if (u != "" && u != "ingen" && u != "grundskole") g1++
    }
    bo = f[cBo]
    if ((bo == "Tingbjerg-Utterslevhuse" || bo == "Mjølnerparken" || bo == "Akacieparken") && tt != "") h1++
    ts = f[cTs]
    if (ts != "" && ts >= "2007-01-01" && ts <= "2007-06-30") i1++
    if (y == "dagpenge" && f[cLs] != "") dates[f[cLs]]
}
END {
    printf "%d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d\n",
        a1, a2, b1, b2, c1, c2, d1, d2, e1, e2, f1, k12, g1, g2, h1, i1, length(ids), length(dates), lsum, lcnt
}
