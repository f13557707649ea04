/* report_test.c — golden-file tests for the report writers (runtime/report.c
 * dispatches; report_text.c, report_csv.c, report_json.c, html.c write). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "report.h"
#include "utf8.h"

/* Usage: report_test [golden-dir]   (default tests/unit/report_cases)
 * UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
 * Prints "PASS report: <name>" or "FAIL report: <name>" plus an indented
 * diff per case; exits 1 if any case failed. */

#define R(k, n, t, l, res, com) \
  { .kind = (k), .number = (n), .title = (t), .status = ST_UNKNOWN, \
    .status_label = (l), .result = (res), .comment = (com), .nums = NULL }
#define AREA(n, t) \
  { .kind = ROW_AREA, .number = (n), .title = (t), .status = ST_NONE, \
    .status_label = "", .result = "", .comment = "", .nums = NULL }
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const MET = "Målet er opfyldt";
static const char *const PARTLY = "Målet er delvist opfyldt";
static const char *const NOT_MET = "Målet er ikke opfyldt";

typedef struct {
  const char *dir;
  int update;
  int failed;
} ctx;

/* ---- running one case ---- */

/* rep_write (o NULL) or rep_write_opts into memory; *rc gets its return
 * value. */
static char *render_opts(const rep_table *t, rep_format fmt, const rep_options *o, int *rc,
                         size_t *len) {
  char *p = NULL;
  FILE *f = open_memstream(&p, len);
  if (!f) {
    perror("open_memstream");
    exit(2);
  }
  *rc = o ? rep_write_opts(f, t, fmt, o) : rep_write(f, t, fmt);
  fclose(f);
  return p;
}

static char *render(const rep_table *t, rep_format fmt, int *rc, size_t *len) {
  return render_opts(t, fmt, NULL, rc, len);
}

/* Whole file, or NULL if it cannot be read. */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  buf b = {0};
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
  fclose(f);
  *len = b.len;
  return buf_take(&b);
}

typedef struct {
  const char *s;
  size_t n;
} line;

static line *split(const char *s, size_t len, size_t *count) {
  size_t cap = 16, n = 0;
  line *v = xmalloc(cap * sizeof *v);
  for (size_t i = 0; i < len;) {
    const char *e = memchr(s + i, '\n', len - i);
    size_t l = e ? (size_t)(e - (s + i)) : len - i;
    if (n == cap) v = xrealloc(v, (cap *= 2) * sizeof *v);
    v[n++] = (line){s + i, l};
    i += l + 1;
  }
  *count = n;
  return v;
}

static int same(line a, line b) { return a.n == b.n && memcmp(a.s, b.s, a.n) == 0; }

/* Print a line diff (longest common subsequence) indented by four spaces;
 * '$' marks each line's end so trailing spaces show. */
static void diff(const char *exp, size_t elen, const char *got, size_t glen) {
  size_t n, m;
  line *a = split(exp, elen, &n), *b = split(got, glen, &m);
  if ((n + 1) * (m + 1) > 4000000) {
    printf("    (too long to diff)\n");
    free(a);
    free(b);
    return;
  }
  size_t *L = xcalloc((n + 1) * (m + 1), sizeof *L); /* L[i][j]: LCS of a[i..], b[j..] */
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;) {
      size_t *c = &L[i * (m + 1) + j];
      if (same(a[i], b[j]))
        *c = L[(i + 1) * (m + 1) + j + 1] + 1;
      else {
        size_t d = L[(i + 1) * (m + 1) + j], r = L[i * (m + 1) + j + 1];
        *c = d > r ? d : r;
      }
    }
  /* The edit script: ' ' keep, '-' expected only, '+' got only. */
  char *op = xmalloc(n + m + 1);
  size_t *at = xmalloc((n + m + 1) * sizeof *at), k = 0;
  for (size_t i = 0, j = 0; i < n || j < m; k++) {
    if (i < n && j < m && same(a[i], b[j]))
      op[k] = ' ', at[k] = i++, j++;
    else if (i < n && (j == m || L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1]))
      op[k] = '-', at[k] = i++;
    else
      op[k] = '+', at[k] = j++;
  }
  /* Print changes with up to three lines of context around them. */
  printf("    --- expected\n    +++ got\n");
  int gap = 0;
  for (size_t e = 0; e < k; e++) {
    int near = 0;
    for (size_t d = e >= 3 ? e - 3 : 0; d < k && d <= e + 3; d++) near |= op[d] != ' ';
    if (!near) {
      if (!gap) printf("    @@\n");
      gap = 1;
      continue;
    }
    gap = 0;
    line l = op[e] == '+' ? b[at[e]] : a[at[e]];
    printf("    %c%.*s$\n", op[e], (int)l.n, l.s);
  }
  free(op);
  free(at);
  if (elen && exp[elen - 1] != '\n') printf("    (expected has no final newline)\n");
  if (glen && got[glen - 1] != '\n') printf("    (got has no final newline)\n");
  free(L);
  free(a);
  free(b);
}

typedef struct {
  rep_format fmt;
  const rep_options *o; /* NULL: rep_write */
  const char *ext;
} fmt_case;

static const rep_options plain_csv = {.excel = false}, excel_csv = {.excel = true};

/* The layout formats: <name>.txt and .md. */
static const fmt_case layout_fmts[] = {{FMT_TEXT, NULL, "txt"}, {FMT_MD, NULL, "md"}};

/* The machine formats: <name>.json, .csv and .excel.csv. */
static const fmt_case machine_fmts[] = {
    {FMT_JSON, NULL, "json"}, {FMT_CSV, &plain_csv, "csv"}, {FMT_CSV, &excel_csv, "excel.csv"}};

/* Render t in each of fmts and compare with <dir>/<name>.<ext>. */
static void check_fmts(ctx *cx, const char *name, const rep_table *t, const fmt_case *fmts,
                       size_t nfmts) {
  for (size_t k = 0; k < nfmts; k++) {
    buf path = {0};
    buf_printf(&path, "%s/%s.%s", cx->dir, name, fmts[k].ext);
    int rc;
    size_t glen;
    char *got = render_opts(t, fmts[k].fmt, fmts[k].o, &rc, &glen);
    /* Rendering twice must give the same bytes. */
    int rc2;
    size_t glen2;
    char *again = render_opts(t, fmts[k].fmt, fmts[k].o, &rc2, &glen2);
    int stable = rc2 == rc && glen2 == glen && memcmp(again, got, glen) == 0;
    free(again);
    if (rc != 0 || !stable) {
      printf("FAIL report: %s.%s\n    rep_write returned %d%s\n", name, fmts[k].ext, rc,
             stable ? "" : ", output not deterministic");
      cx->failed++;
    } else if (cx->update) {
      FILE *f = fopen(buf_str(&path), "wb");
      if (!f || fwrite(got, 1, glen, f) != glen || fclose(f) != 0) {
        printf("FAIL report: %s.%s\n    cannot write %s\n", name, fmts[k].ext, buf_str(&path));
        cx->failed++;
      } else {
        printf("PASS report: %s.%s\n", name, fmts[k].ext);
        fprintf(stderr, "updated %s\n", buf_str(&path));
      }
    } else {
      size_t elen;
      char *exp = slurp(buf_str(&path), &elen);
      if (!exp) {
        printf("FAIL report: %s.%s\n    missing golden %s (run with UPDATE_GOLDEN=1)\n", name,
               fmts[k].ext, buf_str(&path));
        cx->failed++;
      } else if (elen != glen || memcmp(exp, got, glen) != 0) {
        printf("FAIL report: %s.%s\n", name, fmts[k].ext);
        diff(exp, elen, got, glen);
        cx->failed++;
      } else {
        printf("PASS report: %s.%s\n", name, fmts[k].ext);
      }
      free(exp);
    }
    free(got);
    buf_free(&path);
  }
}

static void check(ctx *cx, const char *name, const rep_table *t) {
  check_fmts(cx, name, t, layout_fmts, COUNT(layout_fmts));
}

static void check_machine(ctx *cx, const char *name, const rep_table *t) {
  check_fmts(cx, name, t, machine_fmts, COUNT(machine_fmts));
}

/* ---- the cases ---- */

static void case_two_areas(ctx *cx) {
  rep_numbers n1 = {.measure = "share", .unit = "pct", .group_size = 1670, .has_value = true,
                    .value = {9461, 100}, .has_ratio = true, .numerator = {1577, 1},
                    .denominator = {1670, 1}, .comparator = "at least", .target = {90, 1}};
  rep_row rows[] = {
      AREA("1", "Fokus på boligområder med høj ledighed"),
      R(ROW_INITIATIVE, "1.1", "Opsøgende indsats fra jobpatruljerne", PARTLY, "", ""),
      R(ROW_GOAL, "1.1-a",
        "90 pct. af kontanthjælpsmodtagerne i boligområderne skal have en opdateret jobplan "
        "inden udgangen af året",
        MET, "1.577 af 1.670 personer, svarende til 94 %", ""),
      R(ROW_PART, "Skelbækgade", "", MET, "402 af 420 personer, svarende til 96 %", ""),
      R(ROW_PART, "Mjølnerparken", "", PARTLY, "88 af 110 personer, svarende til 80 %",
        "Få personer; tallet svinger meget fra måned til måned."),
      R(ROW_GOAL, "1.1-b",
        "Mindst 50 pct. af de unge under 25 år skal være i uddannelse eller beskæftigelse efter "
        "seks måneder",
        NOT_MET, "212 af 530 personer, svarende til 40 %",
        "Tilbuddet blev først etableret i andet halvår, og effekten forventes at vise sig i "
        "løbet af 2008."),
      R(ROW_INITIATIVE, "1.2", "Åben rådgivning", MET, "", "Ibid."),
      AREA("2", "Særlig indsats for ledige med anden etnisk baggrund end dansk"),
      R(ROW_INITIATIVE, "2.1", "Virksomhedsrettet aktivering og løntilskud i private virksomheder",
        NOT_MET, "Antallet af personer i løntilskud steg fra 312 til 355, men målet var 400.",
        "Økonomiske forhold i 2. halvår."),
      R(ROW_GOAL, "2.1-a", "Øge antallet med 25 pct.", NOT_MET, "355 af 400 personer (89 %)", ""),
      R(ROW_INITIATIVE, "2.2", "Sprogundervisning på arbejdspladsen", MET, "Ja", ""),
  };
  rows[2].nums = &n1;
  rep_source src[] = {{"borgere", 1052}, {"jobplaner", 1000000}, {"tom", 0}, {"små", 999},
                      {"stor", 18446744073709551615u}};
  rep_table t = {"Beskæftigelsesaftale 2007", "2007", rows, COUNT(rows), src, COUNT(src)};
  check(cx, "two_areas", &t);
  check_machine(cx, "two_areas", &t);
}

static void case_goal_parts(ctx *cx) {
  rep_row rows[] = {
      AREA("3", "Unge"),
      R(ROW_INITIATIVE, "3.1", "Uddannelsespålæg", PARTLY, "", ""),
      R(ROW_GOAL, "3.1-a", "Andel i uddannelse", PARTLY, "61 %", ""),
      R(ROW_PART, "Jobcenter Nord", "", MET, "70 %", ""),
      R(ROW_PART, "Jobcenter Syd", "", NOT_MET, "52 %", ""),
      R(ROW_PART,
        "Jobcenter Østerbro, Nørrebro og Bispebjerg (inklusive de tidligere afdelinger i "
        "Tingbjerg)",
        "", MET, "75 %", ""),
      R(ROW_GOAL, "3.1-b", "Frafald højst 10 pct.", MET, "8 %", ""),
      R(ROW_PART, "Alle", "", MET, "8 %", ""),
  };
  rep_source src[] = {{"unge", 31415}};
  rep_table t = {"Opfølgning 2008", "2008", rows, COUNT(rows), src, COUNT(src)};
  check(cx, "goal_parts", &t);
  check_machine(cx, "goal_parts", &t);
}

static void case_empty_cells(ctx *cx) {
  rep_row rows[] = {
      AREA("1", ""),
      R(ROW_INITIATIVE, "1.1", "Indsats uden status", "", "", ""),
      R(ROW_GOAL, "1.1-a", "", MET, "", ""),
      R(ROW_GOAL, "1.1-b", "Kun kommentar", "", "", "Se bilag."),
      R(ROW_PART, "", "", "", "", ""),
      R(ROW_INITIATIVE, "", "", "", "", ""),
      AREA("2", "Tomt indsatsområde"),
      AREA("", "Uden nummer"),
      R(ROW_INITIATIVE, "4.1", "Sidste", "", "", "   "),
  };
  rep_source src[] = {{"", 1}};
  rep_table t = {"Tomme celler", "2009", rows, COUNT(rows), src, COUNT(src)};
  check(cx, "empty_cells", &t);
}

static void case_long_word(ctx *cx) {
  rep_row rows[] = {
      AREA("1", "Lange ord"),
      R(ROW_INITIATIVE, "1.1",
        "Beskæftigelsesindsatsopfølgningsrapporteringssystemimplementeringsprojektet", MET,
        "Ældreøkonomiløntilskudsordningsændringsbekendtgørelsesudkastets høringssvar",
        "Se https://www.jobnet.dk/beskaeftigelsesindsats/opfoelgning/rapporter/2007/aarsrapport.pdf"
        " for detaljer."),
      R(ROW_GOAL, "1.1-særligt-lang-nummerering-af-målet",
        "Titel der ikke kan hænge efter et så langt nummer og derfor ombrydes under indrykningen",
        MET, "", ""),
      R(ROW_GOAL, "1.1-b", "Ord  med  dobbelte  mellemrum   som   bevares  når de står på samme "
                          "linje  men  falder  bort  ved  linjeskift",
        MET, "", "ab cd ef"),
  };
  rep_table t = {"Lange ord", "2007", rows, COUNT(rows), NULL, 0};
  check(cx, "long_word", &t);
}

static void case_newlines(ctx *cx) {
  rep_row rows[] = {
      AREA("1", "Linjeskift\ni overskriften"),
      R(ROW_INITIATIVE, "1.1", "Første\nanden linje i titlen", MET, "a\r\nb",
        "Første linje.\nAnden linje med mere tekst, som er lang nok til at skulle ombrydes i "
        "kolonnen.\n\nEfter en tom linje."),
      R(ROW_GOAL, "1.1-a", "Mål", PARTLY, "x\ty", "slut\n"),
  };
  rep_source src[] = {{"fil\nmed linjeskift", 12}};
  rep_table t = {"Titel\nover to linjer", "2007\n2008", rows, COUNT(rows), src, COUNT(src)};
  check(cx, "newlines", &t);
}

static void case_wide(ctx *cx) {
  rep_row rows[] = {
      AREA("1", "日本語 og æøå"),
      R(ROW_INITIATIVE, "1.1", "日本語のテキスト og dansk", "ステータス", "Re\xCC\x81sultat",
        "Ka\xCC\x88the"),
      R(ROW_GOAL, "1.1-a",
        "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
        "a漢字漢字漢字漢字漢字漢字漢字漢字", "한국어 텍스트 🙂 ok",
        "zero\xE2\x80\x8Bwidth og ugyldige bytes \xFF\xFE her"),
      R(ROW_PART, "ｆｕｌｌｗｉｄｔｈ", "", MET, "e\xCC\x81\xCC\x81\xCC\x81", ""),
  };
  rep_table t = {"Brede tegn", "", rows, COUNT(rows), NULL, 0};
  check(cx, "wide", &t);
}

static void case_md_escapes(ctx *cx) {
  rep_row rows[] = {
      AREA("1", "Kontanthjælp <under 30> | unge"),
      R(ROW_INITIATIVE, "1.1", "Brug `maal` & \\ backslash", "Målet er *ikke* opfyldt",
        "[1] _understreg_", "a|b\nc"),
      R(ROW_GOAL, "1.1-a", "#1 > 2 < 3", MET, "50 % & 60 %", "<br> er ikke html her"),
      R(ROW_PART, "snake_case", "", MET, "", ""),
  };
  rep_source src[] = {{"data_2007.csv", 2007}, {"[alle]", 1}};
  rep_table t = {"Aftale *2007* [udkast]", "2007_08", rows, COUNT(rows), src, COUNT(src)};
  check(cx, "md_escapes", &t);
}

static void case_no_period_no_sources(ctx *cx) {
  rep_row rows[] = {
      AREA("1", "Et område"),
      R(ROW_INITIATIVE, "1.1", "En indsats", MET, "100 %", ""),
  };
  rep_table t = {"Uden periode", "", rows, COUNT(rows), NULL, 0};
  check(cx, "no_period_no_sources", &t);
}

static void case_rows_before_area(ctx *cx) {
  rep_row rows[] = {
      R(ROW_GOAL, "0-a", "Mål før første indsats", MET, "", ""),
      R(ROW_INITIATIVE, "0.1", "Indsats før første område", PARTLY, "", ""),
      R(ROW_PART, "Del uden mål", "", MET, "1 %", ""),
      AREA("1", "Første område"),
      R(ROW_INITIATIVE, "1.1", "Indsats", MET, "", ""),
  };
  rep_source src[] = {{"x", 100}};
  rep_table t = {"Rækker før område", "2010", rows, COUNT(rows), src, COUNT(src)};
  check(cx, "rows_before_area", &t);
  check_machine(cx, "rows_before_area", &t);
}

static void case_empty_table(ctx *cx) {
  rep_source src[] = {{"borgere", 0}};
  rep_table t = {"Ingen rækker", "2011", NULL, 0, src, COUNT(src)};
  check(cx, "empty_table", &t);
  check_machine(cx, "empty_table", &t);
  rep_table t2 = {"Ingenting", "", NULL, 0, NULL, 0};
  check(cx, "empty_all", &t2);
  check_machine(cx, "empty_all", &t2);
}

/* ---- the machine formats (CSV and JSON) ---- */

/* The standard scheme: met from 100 %, partly from 80 % below 100 %, not
 * met below 80 %. */
#define STD_SCHEME                                                       \
  .has_from = {true, true, false}, .has_below = {false, true, true},     \
  .from = {{100, 1}, {80, 1}, {0, 1}}, .below = {{0, 1}, {100, 1}, {80, 1}}

static void case_machine(ctx *cx) {
  /* A share with parts. */
  rep_numbers share = {.measure = "share", .unit = "pct", .group_size = 1670, .left_out = 3,
                       .has_value = true, .value = {9461, 100}, .has_ratio = true,
                       .numerator = {1577, 1}, .denominator = {1670, 1}, .comparator = "at least",
                       .target = {90, 1}, .target_high = {90, 1}, .has_achievement = true,
                       .achievement = {9461, 90}, STD_SCHEME};
  rep_numbers p1 = share, p2 = share, p3 = share;
  p1.group_size = 420, p1.left_out = 0, p1.value = (num){670, 7}, p1.numerator = num_int(402),
  p1.denominator = num_int(420), p1.achievement = (num){6700, 63};
  p2.group_size = 110, p2.left_out = 3, p2.value = (num){80, 1}, p2.numerator = num_int(88),
  p2.denominator = num_int(110), p2.achievement = (num){800, 9};
  p3.group_size = 0, p3.left_out = 0, p3.has_value = false, p3.has_ratio = false,
  p3.has_achievement = false;
  /* Between 85 and 100 pct, its own scheme with a gap. */
  rep_numbers between = {.measure = "average", .unit = "pct", .group_size = 12,
                         .has_value = true, .value = {185, 2}, .comparator = "between",
                         .target = {85, 1}, .target_high = {100, 1}, .has_achievement = true,
                         .achievement = {100, 1},
                         .has_from = {true, true, false}, .has_below = {false, true, true},
                         .from = {{100, 1}, {75, 2}, {0, 1}},
                         .below = {{0, 1}, {100, 1}, {50, 1}}};
  /* Reduce by 10 pct from a baseline of 200: at most 180. */
  rep_numbers reduce = {.measure = "count", .unit = "persons", .group_size = 5210,
                        .has_value = true, .value = {184, 1}, .comparator = "reduce by",
                        .target = {180, 1}, .target_high = {180, 1}, .has_achievement = true,
                        .achievement = {80, 1}, .has_baseline = true, .baseline = {200, 1},
                        STD_SCHEME};
  /* The same goal when the baseline cannot be counted. */
  rep_numbers no_base = {.measure = "count", .unit = "persons", .group_size = 5210,
                         .comparator = "reduce by", .target = {10, 1}, .target_high = {10, 1},
                         STD_SCHEME};
  /* An average of days below zero, nothing counted against at most: the
   * achievement is unbounded. */
  rep_numbers negative = {.measure = "average", .unit = "days", .group_size = 7, .left_out = 2,
                          .has_value = true, .value = {-7, 2}, .comparator = "at most",
                          .target = {0, 1}, .target_high = {0, 1}, STD_SCHEME};
  rep_row rows[] = {
      AREA("1", "Fokus på boligområder med høj ledighed"),
      R(ROW_INITIATIVE, "1.1", "Opsøgende indsats fra \"jobpatruljerne\"", PARTLY,
        "Samlet: 3 af 5 mål; se også 1.2",
        "Jobpatruljerne startede i marts.\nDen åbne rådgivning, \"Åben Rådgivning\", i april."),
      R(ROW_GOAL, "1.1-a", "90 pct. af kontanthjælpsmodtagerne skal have en jobplan", MET,
        "1.577 af 1.670 personer, svarende til 94,6 %", ""),
      R(ROW_PART, "Skelbækgade", "", MET, "402 af 420 personer, svarende til 96 %", ""),
      R(ROW_PART, "Mjølnerparken", "", NOT_MET, "88 af 110 personer, svarende til 80 %",
        "Få personer; tallet svinger."),
      R(ROW_PART, "(mangler)", "", "Kan ikke opgøres", "Kan ikke opgøres: ingen personer", ""),
      R(ROW_GOAL, "1.1-b", "Tilfredshed mellem 85 og 100 pct.", MET, "92,5 %", ""),
      R(ROW_GOAL, "1.1-c", "Møder med afdelingsbestyrelserne", MET,
        "Ja; møder i alle 5 boligområder, \"primo\" 2007", "Referater: se bilag 2, 3 og 4."),
      R(ROW_GOAL, "1.1-d", "Ledigheden nedbringes med 10 pct.", PARTLY, "184 mod 200 (-8 %)",
        ""),
      R(ROW_GOAL, "1.1-e", "Ledigheden nedbringes med 10 pct. (uden basis)", "Kan ikke opgøres",
        "Kan ikke opgøres: basis kan ikke opgøres (ingen rækker)", ""),
      R(ROW_GOAL, "1.1-f", "Ventetid højst 0 dage", MET, "-3,5 dage", ""),
      R(ROW_INITIATIVE, "1.2", "Åben rådgivning uden mål", MET, "", "\tIndrykket;\r\nlinje"),
      AREA("2", "Tomt område, uden indsatser"),
  };
  rows[0].comment = "Områderne er udpeget i \"Boligsociale helhedsplaner\"\n2007-2010.";
  rows[1].status = ST_PARTLY;
  rows[2].status = ST_MET, rows[2].nums = &share;
  rows[3].status = ST_MET, rows[3].nums = &p1;
  rows[4].status = ST_NOT_MET, rows[4].nums = &p2;
  rows[5].status = ST_UNKNOWN, rows[5].nums = &p3;
  rows[6].status = ST_MET, rows[6].nums = &between;
  rows[7].status = ST_MET; /* assessed: no numbers */
  rows[8].status = ST_PARTLY, rows[8].nums = &reduce;
  rows[9].status = ST_UNKNOWN, rows[9].nums = &no_base;
  rows[10].status = ST_MET, rows[10].nums = &negative;
  rows[11].status = ST_MET;
  rep_source src[] = {{"borgere", 1670}, {"vurderinger", 1}, {"tom", 0},
                      {"stor", 18446744073709551615u}};
  rep_table t = {"Opfølgning på \"Beskæftigelsesaftale 2007\"", "2007", rows, COUNT(rows), src,
                 COUNT(src)};
  check_machine(cx, "machine", &t);
}

/* Numbers at the edges of what is written exactly. */
static void case_machine_numbers(ctx *cx) {
  rep_numbers n[] = {
      /* 1/3: rounded to 9 places; numerator and denominator at the int64 edges */
      {.measure = "share", .unit = "pct", .group_size = INT64_MAX, .has_value = true,
       .value = {100, 3}, .has_ratio = true, .numerator = {INT64_MAX, 1}, .denominator = {INT64_MAX, 1},
       .comparator = "exactly", .target = {1, 3}, .has_achievement = true,
       .achievement = {2, 3}},
      /* tiny: 1e-9 exactly, and values that round to 0 */
      {.measure = "sum", .unit = "", .has_value = true, .value = {1, 1000000000},
       .comparator = "at least", .target = {1, 3000000000}, .has_baseline = true,
       .baseline = {-1, 3000000000}, .has_achievement = true, .achievement = {0, 1}},
      /* large and negative */
      {.measure = "min", .unit = "kr", .has_value = true, .value = {INT64_MIN + 1, 1},
       .comparator = "about", .target = {INT64_MAX, 1000000000}, .has_achievement = true,
       .achievement = {-1234567891, 1000}},
      /* not numbers (denominator 0): written as absent; no comparator */
      {.measure = "max", .has_value = true, .value = {1, 0}, .has_baseline = true,
       .baseline = {0, 0}, .has_achievement = true, .achievement = {5, 0},
       .has_from = {true, false, false}, .from = {{7, 0}}},
      /* maintain with a baseline: the target is the baseline */
      {.measure = "value", .unit = "pct points", .has_value = true, .value = {9999999999, 10},
       .comparator = "maintain", .target = {5, 2}, .target_high = {5, 2}, .has_baseline = true,
       .baseline = {5, 2}, .has_achievement = true, .achievement = {100, 1},
       .has_from = {true, false, true}, .has_below = {false, false, false},
       .from = {{100, 1}, {0, 1}, {0, 1}}},
  };
  rep_row rows[] = {
      AREA("9", "Tal"),
      R(ROW_INITIATIVE, "9.1", "Kanter", MET, "", ""),
      R(ROW_GOAL, "9.1-a", "En tredjedel", MET, "", ""),
      R(ROW_GOAL, "9.1-b", "Meget små tal", MET, "", ""),
      R(ROW_GOAL, "9.1-c", "Store tal", MET, "", ""),
      R(ROW_GOAL, "9.1-d", "Ugyldige tal", MET, "", ""),
      R(ROW_GOAL, "9.1-e", "Fastholdes", MET, "", ""),
      R(ROW_PART, "1,5", "", MET, "", ""),
  };
  for (size_t i = 1; i < COUNT(rows); i++) rows[i].status = ST_MET;
  for (size_t i = 0; i < COUNT(n); i++) rows[2 + i].nums = &n[i];
  rows[7].nums = &n[4];
  rep_table t = {"Tal", "2008", rows, COUNT(rows), NULL, 0};
  check_machine(cx, "machine_numbers", &t);
}

/* Texts JSON and CSV must escape or quote. */
static void case_machine_texts(ctx *cx) {
  rep_row rows[] = {
      AREA("1;2", "Område, med komma; og semikolon"),
      R(ROW_INITIATIVE, "1.1", "Citat: \"Et godt \"\"job\"\"\"", PARTLY, "a\\b / c",
        "Linje 1\nLinje 2\r\nLinje 3\rslut"),
      R(ROW_GOAL, "1.1-a", "Styretegn: \x01\x1f\b\f\t|", MET, "æøå ÆØÅ é ü 日本 🙂",
        "ugyldig UTF-8: \xFF\xFE og \xC3( og \xE6\x97"),
      R(ROW_GOAL, "1.1-b", " mellemrum før og efter ", MET, "=SUM(A1:A2)", "-- bindestreger"),
      R(ROW_PART, "\"Nørrebro\", nord", "", MET, "", ""),
  };
  rows[1].status = ST_PARTLY;
  rows[2].status = rows[3].status = rows[4].status = ST_MET;
  rep_source src[] = {{"data \"2007\".csv; ny", 2}};
  rep_table t = {"Titel med \"citat\",\nkomma og linjeskift", "2007;2008", rows, COUNT(rows), src,
                 COUNT(src)};
  check_machine(cx, "machine_texts", &t);
}

/* Texts Excel would take for formulas (issue 7.14): in the Excel dialect
 * every text cell starting with = + - @ tab or CR is quoted and prefixed
 * with ', while plain numbers, maal's own ("-3") or in a text, stay as
 * they are; the plain dialect writes the texts as they are. */
static void case_csv_injection(ctx *cx) {
  rep_numbers neg = {.measure = "value", .unit = "", .has_value = true, .value = {-3, 1},
                     .comparator = "at most", .target = {-7, 2}, .has_baseline = true,
                     .baseline = {-1052, 1}, .has_achievement = true, .achievement = {-25, 1}};
  rep_row rows[] = {
      AREA("=1+1", "@SUM(A1:A9)"),
      R(ROW_INITIATIVE, "+1", "=cmd|' /C calc'!A0", PARTLY, "-2+3+cmd|' /C calc'!A0", "\t=1+1"),
      R(ROW_GOAL, "1.1-a", "\r=HYPERLINK(\"http://x\";\"klik\")", MET, "-3", "-3,5 dage"),
      R(ROW_PART, "-3", "", MET, "1.052", "+45 12 34 56 78"),
      R(ROW_PART, "@navn", "", MET, "a=b", " =1+1"),
      R(ROW_PART, "-", "", MET, "", ""),
  };
  rows[1].status = ST_PARTLY;
  rows[2].status = rows[3].status = rows[4].status = rows[5].status = ST_MET;
  rows[2].nums = rows[3].nums = &neg;
  rep_table t = {"=1+1", "", rows, COUNT(rows), NULL, 0};
  check_machine(cx, "csv_injection", &t);
}

/* Markdown that must render as itself (issue 7.15): entities, strike-
 * through, headings' # at either end, links that make themselves, and what
 * starts a list, a rule or code at the start of a paragraph. */
static void case_md_hostile(ctx *cx) {
  rep_row rows[] = {
      AREA("#1", "Titel med # til sidst ##"),
      R(ROW_INITIATIVE, "1.1", "&amp; og &#35; og ~~streg~~ og ~x~", MET,
        "Se https://www.jobnet.dk/a_b?c=1&d=2 og www.star.dk", "jc@kk.dk skriver"),
      R(ROW_GOAL, "1.1-a", "# ikke en overskrift", MET, "a | b\nc \\| d", "=cmd|' /C calc'!A0"),
  };
  rows[0].comment = "   - ikke en liste\n1. heller ikke";
  rep_table t = {"Aftale #", "# 2007", rows, COUNT(rows), NULL, 0};
  check(cx, "md_hostile", &t);
  rows[0].comment = "2007) heller ikke en liste";
  check(cx, "md_hostile_ordered", &t);
  rows[0].comment = "---";
  check(cx, "md_hostile_rule", &t);
}

/* The same bytes whichever entry point writes them; -1 for a stream that
 * cannot be written, in every format. */
static void case_machine_entry(ctx *cx) {
  rep_row rows[] = {AREA("1", "x"), R(ROW_INITIATIVE, "1.1", "y", MET, "a,b", "")};
  rep_table t = {"Indgange", "", rows, COUNT(rows), NULL, 0};
  buf msg = {0};
  static const rep_format fmts[] = {FMT_TEXT, FMT_MD, FMT_CSV, FMT_JSON};
  for (size_t k = 0; k < COUNT(fmts); k++) {
    int rc1, rc2, rc3;
    size_t l1, l2, l3;
    rep_options none = {0};
    char *a = render(&t, fmts[k], &rc1, &l1);
    char *b = render_opts(&t, fmts[k], &none, &rc2, &l2);
    char *c = render_opts(&t, fmts[k], &excel_csv, &rc3, &l3);
    int csv = fmts[k] == FMT_CSV;
    if (rc1 || rc2 || rc3 || l1 != l2 || memcmp(a, b, l1) != 0)
      buf_printf(&msg, "    format %d: rep_write and rep_write_opts differ\n", (int)fmts[k]);
    if (!csv && (l1 != l3 || memcmp(a, c, l1) != 0))
      buf_printf(&msg, "    format %d: excel changed a format that is not CSV\n", (int)fmts[k]);
    if (csv && l1 == l3 && memcmp(a, c, l1) == 0)
      buf_adds(&msg, "    CSV: excel made no difference\n");
    free(a);
    free(b);
    free(c);
    FILE *f = fopen("/dev/null", "r");
    int rc = f ? rep_write_opts(f, &t, fmts[k], &excel_csv) : 0;
    if (f) fclose(f);
    if (rc != -1) buf_printf(&msg, "    format %d: read-only stream gave %d\n", (int)fmts[k], rc);
  }
  if (rep_write_opts(stdout, NULL, FMT_JSON, NULL) != -1 ||
      rep_write_opts(NULL, &t, FMT_CSV, &excel_csv) != -1)
    buf_adds(&msg, "    NULL table or stream accepted\n");
  printf("%s report: machine_entry\n%s", msg.len ? "FAIL" : "PASS", buf_str(&msg));
  cx->failed += msg.len > 0;
  buf_free(&msg);
}

/* ---- unit checks ---- */

static void case_width(ctx *cx) {
  static const struct {
    const char *s;
    size_t w;
  } w[] = {
      {"", 0},
      {"abc", 3},
      {"æøå ÆØÅ", 7},
      {"Målet er opfyldt", 16},
      {"e\xCC\x81", 1},             /* e + combining acute */
      {"a\xE1\xAA\xB0z", 2},        /* U+1AB0 */
      {"a\xE1\xB7\x80z", 2},        /* U+1DC0 */
      {"a\xE2\x83\x90z", 2},        /* U+20D0 */
      {"a\xEF\xB8\xA0z", 2},        /* U+FE20 */
      {"a\xE2\x80\x8B\xE2\x80\x8F" "b", 2}, /* U+200B, U+200F */
      {"\xEF\xBB\xBFx", 1},         /* BOM */
      {"日本語", 6},
      {"한국", 4},
      {"\xE1\x84\x80", 2},          /* U+1100 */
      {"\xE3\x80\xBF", 1},          /* U+303F: the exception */
      {"\xE3\x80\x80", 2},          /* U+3000 */
      {"\xEA\x93\x8F", 2},          /* U+A4CF */
      {"\xEA\x93\x90", 1},          /* U+A4D0 */
      {"ｆ", 2},                    /* fullwidth f */
      {"\xEF\xBD\xA1", 1},          /* U+FF61 halfwidth */
      {"🙂", 2},                    /* U+1F642 */
      {"🤖", 2},                    /* U+1F916 */
      {"\xF0\x9F\x9A\x80", 1},      /* U+1F680: outside the listed ranges */
      {"\xF0\xA0\x80\x80", 2},      /* U+20000 */
      {"\xFF\xFE", 2},              /* invalid bytes */
      {"\xE6\x97", 2},              /* truncated sequence */
      {"\xC0\xAF", 2},              /* overlong */
      {"\xED\xA0\x80", 3},          /* surrogate */
      {"\xF4\x90\x80\x80", 4},      /* above U+10FFFF */
      {"\xC3" "a", 2},              /* lead byte, then ASCII */
  };
  int bad = 0;
  buf msg = {0};
  for (size_t i = 0; i < COUNT(w); i++) {
    size_t got = utf8_width(w[i].s, strlen(w[i].s));
    if (got != w[i].w) {
      buf_printf(&msg, "    width case %zu: expected %zu, got %zu\n", i, w[i].w, got);
      bad = 1;
    }
  }
  /* len bounds the scan: "æ" cut after its first byte is one invalid byte. */
  if (utf8_width("æøå", 1) != 1 || utf8_width("æøå", 4) != 2 ||
      utf8_width(NULL, 0) != 0) {
    buf_adds(&msg, "    width with explicit len is wrong\n");
    bad = 1;
  }
  printf("%s report: display_width\n%s", bad ? "FAIL" : "PASS", buf_str(&msg));
  buf_free(&msg);
  cx->failed += bad;
}

/* A stream that cannot be written must give -1. */
/* A report's provenance (spec/output.md §5): data files (standard input,
 * 1 byte, thousands, one whose digest is unknown), rule files, parameters
 * of every kind (a text in quotes, one from --param), the version; names
 * and paths that Markdown and CSV must escape. */
static const char SHA_A[] = "9284ed4fd7fe1346904656f329db6cc49c0e7ae5b8279bff37f96bc6eb59baad";
static const char SHA_B[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

static void prov_table(rep_table *t, rep_row *rows, size_t nrows, rep_source *src, rep_provenance *pv,
                       rep_file *files, rep_param *params) {
  src[0] = (rep_source){.name = "borgere_2008", .rows = 1052, .path = "data/borgere_2008.csv", .has_digest = true,
                        .bytes = 1234567};
  src[1] = (rep_source){.name = "panel", .rows = 0, .path = "-", .has_digest = true, .bytes = 1};
  src[2] = (rep_source){.name = "ukendt", .rows = 3, .path = "=ukendt.csv", .has_digest = false};
  memcpy(src[0].sha256, SHA_A, sizeof SHA_A);
  memcpy(src[1].sha256, SHA_B, sizeof SHA_B);
  files[0] = (rep_file){.path = "regler <2008>.maal", .bytes = 905};
  files[1] = (rep_file){.path = "fælles/grupper.maal", .bytes = 0};
  memcpy(files[0].sha256, SHA_A, sizeof SHA_A);
  memcpy(files[1].sha256, SHA_B, sizeof SHA_B);
  params[0] = (rep_param){.name = "ultimo", .value = "2008-12-31", .given = true};
  params[1] = (rep_param){.name = "by_navn", .value = "Nørrebro, \"Syd\"", .text = true};
  params[2] = (rep_param){.name = "andel", .value = "5.5", .number = true};
  *pv = (rep_provenance){.version = "9.8.7", .rules = files, .nrules = 2, .params = params, .nparams = 3};
  *t = (rep_table){.title = "Med sporbarhed", .period = "2008", .rows = rows, .nrows = nrows, .sources = src,
                   .nsources = 3, .prov = pv};
}

static void case_provenance(ctx *cx) {
  rep_row rows[] = {
      AREA("1", "Et område"),
      R(ROW_INITIATIVE, "1.1", "En indsats", MET, "100 %", ""),
  };
  rep_source src[3];
  rep_file files[2];
  rep_param params[3];
  rep_provenance pv;
  rep_table t;
  prov_table(&t, rows, COUNT(rows), src, &pv, files, params);
  check(cx, "provenance", &t);
  check_machine(cx, "provenance", &t);
  /* without parameters and without data files: the rule files and the version */
  pv.nparams = 0;
  t.nsources = 0;
  check(cx, "provenance_rules_only", &t);
  check_machine(cx, "provenance_rules_only", &t);
  /* rep_prov_line: the lines one by one, none past the last, none without t->prov */
  buf b = {0};
  size_t n = 0;
  while (rep_prov_line(&t, n, &b, buf_adds)) n++;
  bool ok = n == 3 && !rep_prov_line(&t, 7, &b, buf_adds);
  t.prov = NULL;
  ok = ok && !rep_prov_line(&t, 0, &b, buf_adds);
  ok = ok && !strcmp(buf_str(&b), "Regelfil: regler <2008>.maal, 905 bytes, SHA-256 " "9284ed4fd7fe1346904656f329db6cc49c0e7ae5b8279bff37f96bc6eb59baad"
                                  "Regelfil: fælles/grupper.maal, 0 bytes, SHA-256 " "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                                  "Program: maal 9.8.7");
  printf("%s report: rep_prov_line counts its lines\n", ok ? "PASS" : "FAIL");
  if (!ok) {
    printf("    %zu lines: %s\n", n, buf_str(&b));
    cx->failed++;
  }
  buf_free(&b);
}

static void case_write_error(ctx *cx) {
  rep_row rows[] = {AREA("1", "x"), R(ROW_INITIATIVE, "1.1", "y", MET, "", "")};
  rep_table t = {"Fejl", "", rows, COUNT(rows), NULL, 0};
  FILE *f = fopen("/dev/null", "r");
  int rc = f ? rep_write(f, &t, FMT_TEXT) : -1;
  if (f) fclose(f);
  char *p = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&p, &n);
  int bad_fmt = m ? rep_write(m, &t, (rep_format)42) : -1;
  if (m) fclose(m);
  free(p);
  int bad = rc != -1 || bad_fmt != -1;
  printf("%s report: write_error\n", bad ? "FAIL" : "PASS");
  if (bad) printf("    read-only stream gave %d, unknown format gave %d (want -1, -1)\n", rc, bad_fmt);
  cx->failed += bad;
}

/* Checks of the extract (maal.md §4.7, output.md §6): hostile names and
 * texts escaped in every format; more rows break a check than are shown;
 * a source that no goal reads; a row named by its key. */
static void case_checks(ctx *cx) {
  rep_row rows[] = {AREA("1", "Et område"), R(ROW_INITIATIVE, "1.1", "En indsats", MET, "", "")};
  static const char *const goals[] = {"1.1-a", "1.1-b", "1.2-*c*"};
  static const rep_check_row shown[] = {{3, NULL, "ydelse <b>x|y</b>"}, {7, "id \"7\"", "alder mangler"}};
  static const rep_source src[] = {{"bo|rgere", 12, NULL, false, 0, ""}, {"=flag", 1, NULL, false, 0, ""}};
  rep_check checks[] = {
      {"bo|rgere", "ydelse i (\"a*b\", \"<c>\")", "in", goals, 3, false, 2, 12, shown, 2},
      {"bo|rgere", "alder [16..99)", "range", goals, 3, false, 4, 12, shown, 1},
      {"bo|rgere", "unik person_id", "unique", goals, 3, true, 0, 12, NULL, 0},
      {"=flag", "rækker mindst 1.000", "rows", NULL, 0, false, 1, 1, NULL, 0},
  };
  rep_table t = {.title = "Kontrol", .period = "2007", .rows = rows, .nrows = COUNT(rows),
                 .sources = (rep_source *)src, .nsources = COUNT(src)};
  t.checks = checks;
  t.nchecks = COUNT(checks);
  check(cx, "checks", &t);
  check_machine(cx, "checks", &t);
}

int main(int argc, char **argv) {
  const char *up = getenv("UPDATE_GOLDEN");
  ctx cx = {argc > 1 ? argv[1] : "tests/unit/report_cases", up && strcmp(up, "1") == 0, 0};
  case_two_areas(&cx);
  case_goal_parts(&cx);
  case_empty_cells(&cx);
  case_long_word(&cx);
  case_newlines(&cx);
  case_wide(&cx);
  case_md_escapes(&cx);
  case_no_period_no_sources(&cx);
  case_rows_before_area(&cx);
  case_empty_table(&cx);
  case_machine(&cx);
  case_machine_numbers(&cx);
  case_machine_texts(&cx);
  case_csv_injection(&cx);
  case_md_hostile(&cx);
  case_machine_entry(&cx);
  case_width(&cx);
  case_provenance(&cx);
  case_write_error(&cx);
  case_checks(&cx);
  return cx.failed ? 1 : 0;
}
