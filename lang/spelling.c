/* spelling.c — one English and one Danish spelling of each keyword (see
 * spelling.h). */
#include "spelling.h"

#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "parser.h"

static const struct {
  int tok;
  const char *en, *da;
} spellings[] = {
    {AGREEMENT, "agreement", "aftale"}, {PERIOD, "period", "periode"},
    {SCHEME, "scheme", "statusskema"}, {PARAM, "param", "parameter"},
    {DATA, "data", "data"}, {CSV, "csv", "csv"},
    {DELIMITER, "delimiter", "skilletegn"}, {DECIMALSEP, "decimal", "decimaltegn"},
    {MISSING, "missing", "mangler"}, {ROWS, "rows", "rækker"},
    {UNIT, "unit", "enhed"}, {GROUP, "group", "målgruppe"},
    {WHERE, "where", "hvor"}, {AREA, "area", "indsatsområde"},
    {INITIATIVE, "initiative", "indsats"}, {GOAL, "goal", "mål"},
    {MEASURE, "measure", "måling"}, {TARGET, "target", "krav"},
    {RESULT, "result", "resultat"}, {COMMENT, "comment", "kommentar"},
    {STATUS, "status", "status"}, {BY, "by", "per"},
    {COUNT, "count", "antal"}, {DISTINCT, "distinct", "forskellige"},
    {SHARE, "share", "andel"}, {SUM, "sum", "sum"},
    {AVERAGE, "average", "gennemsnit"}, {MIN, "min", "min"},
    {MAX, "max", "max"}, {VALUE, "value", "værdi"},
    {OF, "of", "af"}, {AS, "as", "som"},
    {ATLEAST, "at least", "mindst"}, {ATMOST, "at most", "højst"},
    {EXACTLY, "exactly", "præcis"}, {BETWEEN, "between", "mellem"},
    {ABOUT, "about", "ca."}, {TOLERANCE, "tolerance", "tolerance"},
    {AND, "and", "og"}, {OR, "or", "eller"},
    {NOT, "not", "ikke"}, {IN, "in", "i"},
    {IS, "is", "er"}, {PRESENT, "is not missing", "findes"},
    {TRUE, "true", "ja"}, {FALSE, "false", "nej"},
    {MET, "met", "opfyldt"}, {PARTLY, "partly", "delvist"},
    {UNKNOWN, "unknown", "uopgjort"}, {FROM, "from", "fra"},
    {BELOW, "below", "under"}, {ALL, "all", "alle"},
    {WORST, "worst", "ringeste"}, {EXCLUDE, "exclude", "udelad"},
    {INT, "int", "heltal"}, {DECIMAL, "decimal", "decimaltal"},
    {TEXT, "text", "tekst"}, {BOOL, "bool", "janej"},
    {DATE, "date", "dato"}, {PCT, "pct", "pct"},
    {PP, "pct points", "procentpoint"}, {DAYS, "days", "dage"},
    {WEEKS, "weeks", "uger"}, {MONTHS, "months", "måneder"},
    {YEARS, "years", "år"}, {ULTIMO, "ultimo", "ultimo"},
    {PRIMO, "primo", "primo"}, {BASELINE, "baseline", "basis"},
    {REDUCE, "reduce", "nedbringes"}, {INCREASE, "increase", "øges"},
    {MAINTAIN, "maintain", "fasthold"}, {INDICATOR, "indicator", "indikator"},
    {ASSESSED, "assessed", "vurderes"}, {IMPORT, "import", "importer"},
    {OVER, "over", "over"}, {TEST, "test", "test"},
    {RULES, "rules", "regler"}, {EXPECT, "expect", "forvent"},
    {RATIO, "ratio", "forhold"}, {DONE, "done", "færdig"},
    {DEADLINE, "by", "senest"},
    {QUARTER, "quarter", "kvartal"}, 
    {PERIODEN, "the period", "perioden"}, {TO, "to", "til"},
    {WORKING, "working", "working"}, {WORKDAYS, "working days", "arbejdsdage"},
    /* keys, references and related rows (spec §4.6, §5.10) */
    {KEY, "key", "nøgle"}, {TIME, "time", "tid"}, {COVERS, "covers", "dækker"},
    {HAS, "has", "har"}, {NO, "no", "ingen"},
    {THE, "the", "de"}, {AFTER, "after", "efter"},
    {BEFORE, "before", "før"}, {WITHIN, "within", "inden for"},
    {CONSECUTIVE, "consecutive", "sammenhængende"}, {THEMONTH, "the month", "måneden"},
    /* weights and composite status rules (spec §9.5, §9.7 to §9.9) */
    {ANY, "any", "nogen"}, {WEIGHT, "weight", "vægt"}, {WEIGHTED, "weighted", "vægtet"},
    {GOALS, "goals", "mål"}, {INITIATIVES, "initiatives", "indsatser"}, {AREAS, "areas", "indsatsområder"},
    /* strict targets and one-sided 'about' (spec §8.1, §8.2) */
    {ABOVE, "above", "over"}, {MORE, "more", "flere"},
    {FEWER, "fewer", "færre"}, {LESS, "less", "mindre"},
    {BANDS, "bands", "inddeling"}, /* spec §11.1 */
    {SOURCEREF, "source", "kilde"}, /* spec §6.4 */
    {CHECKS, "checks", "kontrol"}, {UNIQUE, "unique", "unik"}, {REQUIRED, "required", "påkrævet"}, /* §4.7 */
    {ENCODING, "encoding", "tegnsæt"}, /* §4.2 */
};

const char *spelling_of(int tok, bool danish) {
  for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
    if (spellings[i].tok == tok) return danish ? spellings[i].da : spellings[i].en;
  return NULL;
}

const char *spelling_danish(const char *en, size_t n) {
  static char out[64];
  for (size_t k = 0; k < sizeof spellings / sizeof spellings[0]; k++)
    if (strlen(spellings[k].en) == n && !strncmp(spellings[k].en, en, n)) {
      snprintf(out, sizeof out, "'%s'", spellings[k].da);
      return out;
    }
  return NULL;
}
