/* html_test.c — golden-file tests for the HTML writer (runtime/html.c).
 *
 * Usage: html_test [golden-dir]   (default tests/unit/html_cases)
 * UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
 * Prints "PASS html: <name>" or "FAIL html: <name>" plus an indented diff
 * or reason per check; exits 1 if any check failed.
 *
 * Besides the golden comparison every page is checked for what must hold
 * whatever the layout: the same bytes when written twice, valid UTF-8,
 * nothing fetched from elsewhere (no "http://", "https://", "src=",
 * "url(", "@import", "<script"), balanced tags, and a data-status on the
 * status cell of every goal. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "mem.h"

#define AREA(n, t, c) \
  { .kind = ROW_AREA, .number = (n), .title = (t), .status = ST_NONE, \
    .status_label = "", .result = "", .comment = (c), .nums = NULL }
#define INIT(n, t, s, l, res, com) \
  { .kind = ROW_INITIATIVE, .number = (n), .title = (t), .status = (s), \
    .status_label = (l), .result = (res), .comment = (com), .nums = NULL }
#define GOAL(n, t, s, l, res, com, nm) \
  { .kind = ROW_GOAL, .number = (n), .title = (t), .status = (s), \
    .status_label = (l), .result = (res), .comment = (com), .nums = (nm) }
#define PART(n, s, l, res, nm) \
  { .kind = ROW_PART, .number = (n), .title = "", .status = (s), \
    .status_label = (l), .result = (res), .comment = "", .nums = (nm) }
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const MET = "Målet er opfyldt";
static const char *const PARTLY = "Målet er delvist opfyldt";
static const char *const NOT_MET = "Målet er ikke opfyldt";
static const char *const UNKNOWN = "Kan ikke opgøres";

typedef struct {
  const char *dir;
  int update;
  int failed;
} ctx;

static void fail(ctx *cx, const char *name, const char *why) {
  printf("FAIL html: %s\n    %s\n", name, why);
  cx->failed++;
}

static void pass(const char *name) { printf("PASS html: %s\n", name); }

/* ---- rendering and files ---- */

static char *render(const rep_table *t, int *rc, size_t *len) {
  char *p = NULL;
  FILE *f = open_memstream(&p, len);
  if (!f) {
    perror("open_memstream");
    exit(2);
  }
  *rc = rep_write_html(f, t);
  fclose(f);
  return p;
}

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

/* ---- a line diff, as in report_test.c ---- */

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

static void diff(const char *exp, size_t elen, const char *got, size_t glen) {
  size_t n, m;
  line *a = split(exp, elen, &n), *b = split(got, glen, &m);
  if ((n + 1) * (m + 1) > 4000000) {
    printf("    (too long to diff)\n");
    free(a);
    free(b);
    return;
  }
  size_t *L = xcalloc((n + 1) * (m + 1), sizeof *L);
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
  printf("    --- expected\n    +++ got\n");
  int gap = 0;
  for (size_t e = 0; e < k; e++) {
    int near = 0;
    for (size_t d = e >= 2 ? e - 2 : 0; d < k && d <= e + 2; d++) near |= op[d] != ' ';
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
  free(L);
  free(a);
  free(b);
}

/* ---- properties every page has ---- */

static int valid_utf8(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char b = s[i];
    size_t len;
    uint32_t c, min;
    if (b < 0x80) {
      i++;
      continue;
    }
    if ((b & 0xE0) == 0xC0)
      len = 2, c = b & 0x1Fu, min = 0x80;
    else if ((b & 0xF0) == 0xE0)
      len = 3, c = b & 0x0Fu, min = 0x800;
    else if ((b & 0xF8) == 0xF0)
      len = 4, c = b & 0x07u, min = 0x10000;
    else
      return 0;
    if (i + len > n) return 0;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      c = c << 6 | (s[i + k] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    i += len;
  }
  return 1;
}

static size_t occurrences(const char *s, const char *what) {
  size_t n = 0, k = strlen(what);
  for (const char *p = s; (p = strstr(p, what)) != NULL; p += k) n++;
  return n;
}

/* Opening and closing tags of the elements the writer uses must pair up. */
static const char *unbalanced(const char *page) {
  static const char *const tags[] = {"html", "head", "body", "header", "main", "footer", "section",
                                     "table", "colgroup", "thead", "tbody", "tr", "th", "td",
                                     "h1", "h2", "p", "ul", "li", "span", "div", "style", "title"};
  static char why[96];
  for (size_t i = 0; i < COUNT(tags); i++) {
    char open1[32], open2[32], close[32];
    snprintf(open1, sizeof open1, "<%s>", tags[i]);
    snprintf(open2, sizeof open2, "<%s ", tags[i]);
    snprintf(close, sizeof close, "</%s>", tags[i]);
    size_t o = occurrences(page, open1) + occurrences(page, open2), c = occurrences(page, close);
    if (o != c) {
      snprintf(why, sizeof why, "<%s>: %zu opened, %zu closed", tags[i], o, c);
      return why;
    }
  }
  return NULL;
}

/* Why the page breaks a rule that holds whatever the layout, or NULL. */
static const char *broken(const rep_table *t, const char *page, size_t len) {
  static char why[160];
  if (strlen(page) != len) return "the page holds a NUL byte";
  if (!valid_utf8((const unsigned char *)page, len)) return "the page is not valid UTF-8";
  if (strncmp(page, "<!DOCTYPE html>\n<html lang=\"da\">\n", 32) != 0) return "no HTML5 doctype with lang=\"da\"";
  if (!strstr(page, "<meta charset=\"utf-8\">")) return "no UTF-8 meta";
  static const char *const banned[] = {"http://", "https://", "src=", "url(", "@import", "<script",
                                       "<link", "<img", "<iframe", "<object"};
  for (size_t i = 0; i < COUNT(banned); i++)
    if (strstr(page, banned[i])) {
      snprintf(why, sizeof why, "not self-contained: the page contains \"%s\"", banned[i]);
      return why;
    }
  const char *u = unbalanced(page);
  if (u) return u;
  size_t goals = 0, statused = 0;
  for (size_t i = 0; i < t->nrows; i++) {
    if (t->rows[i].kind == ROW_GOAL) goals++;
    if (t->rows[i].kind != ROW_AREA && t->rows[i].status <= ST_UNKNOWN) statused++;
  }
  if (occurrences(page, "<tr class=\"goal\"") != goals) return "not one goal row per goal";
  if (occurrences(page, "<td class=\"status\" data-status=\"") != statused)
    return "not one data-status per row with a status";
  /* Every row on one line: a <tr starts a line and its </tr> ends it. */
  for (const char *p = page; (p = strstr(p, "<tr class=")) != NULL; p += 3) {
    const char *e = strstr(p, "</tr>"), *nl = strchr(p, '\n');
    if (p[-1] != '\n' || !e || !nl || nl != e + 5) return "a table row is not on one line of its own";
  }
  return NULL;
}

/* ---- one case ---- */

/* Render t; check the properties and compare with <dir>/<name>.html. */
static char *check(ctx *cx, const char *name, const rep_table *t) {
  buf path = {0};
  buf_printf(&path, "%s/%s.html", cx->dir, name);
  int rc, rc2;
  size_t glen, glen2;
  char *got = render(t, &rc, &glen);
  char *again = render(t, &rc2, &glen2);
  int stable = rc2 == rc && glen2 == glen && memcmp(again, got, glen) == 0;
  free(again);
  const char *why = NULL;
  char msg[200];
  if (rc != 0 || !stable) {
    snprintf(msg, sizeof msg, "rep_write_html returned %d%s", rc, stable ? "" : ", output not deterministic");
    why = msg;
  } else {
    why = broken(t, got, glen);
  }
  if (why) {
    fail(cx, name, why);
  } else if (cx->update) {
    FILE *f = fopen(buf_str(&path), "wb");
    if (!f || fwrite(got, 1, glen, f) != glen || fclose(f) != 0) {
      snprintf(msg, sizeof msg, "cannot write %s", buf_str(&path));
      fail(cx, name, msg);
    } else {
      pass(name);
      fprintf(stderr, "updated %s\n", buf_str(&path));
    }
  } else {
    size_t elen;
    char *exp = slurp(buf_str(&path), &elen);
    if (!exp) {
      snprintf(msg, sizeof msg, "missing golden %s (run with UPDATE_GOLDEN=1)", buf_str(&path));
      fail(cx, name, msg);
    } else if (elen != glen || memcmp(exp, got, glen) != 0) {
      printf("FAIL html: %s\n", name);
      diff(exp, elen, got, glen);
      cx->failed++;
    } else {
      pass(name);
    }
    free(exp);
  }
  buf_free(&path);
  return got;
}

/* A named check that the page contains (or lacks) a string. */
static void expect(ctx *cx, const char *name, const char *page, const char *s, int present) {
  if ((strstr(page, s) != NULL) == present) {
    pass(name);
  } else {
    char msg[300];
    snprintf(msg, sizeof msg, "the page %s \"%s\"", present ? "lacks" : "contains", s);
    fail(cx, name, msg);
  }
}

/* ---- the cases ---- */

/* A share goal: value v %, target at least `target` %, achievement a %,
 * the default scheme (met from 100, partly from 90). */
static rep_numbers share(int64_t num_, int64_t den, int64_t target, num v, num a) {
  rep_numbers n = {.measure = "share", .unit = "pct", .group_size = den, .has_value = true,
                   .value = v, .has_ratio = true, .numerator = num_int(num_), .denominator = num_int(den),
                   .comparator = "at least", .target = num_int(target), .target_high = num_int(target),
                   .has_achievement = true, .achievement = a};
  n.has_from[0] = n.has_from[1] = true;
  n.from[0] = num_int(100);
  n.from[1] = num_int(90);
  n.has_below[1] = true;
  n.below[1] = num_int(100);
  return n;
}

static void case_report_2007(ctx *cx) {
  rep_numbers a = share(1577, 1670, 90, (num){157700, 1670}, (num){157700, 1503});
  rep_numbers b = share(1052, 1577, 50, (num){105200, 1577}, (num){210400, 1577});
  rep_numbers c = share(227, 602, 25, (num){22700, 602}, (num){90800, 602});
  rep_numbers jobs = {.measure = "count", .unit = "", .group_size = 310, .has_value = true,
                      .value = num_int(310), .comparator = "at least", .target = num_int(700),
                      .has_achievement = true, .achievement = {31000, 700}};
  jobs.has_from[0] = jobs.has_from[1] = true;
  jobs.from[0] = num_int(100);
  jobs.from[1] = num_int(90);
  jobs.has_below[1] = true;
  jobs.below[1] = num_int(100);
  rep_numbers p1 = share(40, 41, 90, (num){4000, 41}, (num){400000, 3690});
  rep_numbers p2 = share(33, 37, 90, (num){3300, 37}, (num){330000, 3330});
  rep_row rows[] = {
      AREA("1", "Fokus på boligområder med høj ledighed", ""),
      INIT("1.1", "Opsøgende indsats fra jobpatruljerne", ST_PARTLY, PARTLY, "", ""),
      GOAL("1.1-a", "90 pct. af kontanthjælpsmodtagere i de udsatte boligområder skal have en jobplan",
           ST_MET, MET, "1.577 af 1.670, svarende til 94 %", "", &a),
      PART("Amager", ST_MET, MET, "40 af 41, svarende til 98 %", &p1),
      PART("Nørrebro", ST_PARTLY, PARTLY, "33 af 37, svarende til 89 %", &p2),
      GOAL("1.1-b", "Mindst 50 pct. skal have påbegyndt/afsluttet tilbud ved udgangen af 2007", ST_MET,
           MET, "1.052 af 1.577, svarende til 67 %", "", &b),
      GOAL("1.1-c", "25 pct. af alle med gennemførte tilbud skal i ordinær beskæftigelse eller uddannelse",
           ST_MET, MET, "227 af 602, svarende til 38 %", "", &c),
      INIT("1.2", "Åben rådgivning og vejledning ift. arbejde og uddannelse", ST_MET, MET, "Ibid.", ""),
      GOAL("1.2-a", "Der skal inden 1. juli 2007 være etableret aftaler om møderum", ST_MET, MET,
           "I alle boligområderne er der etableret Åben Rådgivning en gang ugentligt.", "", NULL),
      AREA("2", "Modvirke isolation og fattigdom",
           "Indsatsen følges kvartalsvis.\nTallene er foreløbige."),
      INIT("2.3", "Deltidsjob m.v. til 700 borgere", ST_NOT_MET, NOT_MET, "",
           "På grund af de gældende overenskomstmæssige forhold har det været vanskeligt at etablere "
           "job med lavt timetal.\nDesuden er virksomhederne ikke så åbne over for disse ledige."),
      GOAL("2.3-a", "Der skal i løbet af 2007 formidles 700 hel- eller deltidsjob til målgruppen",
           ST_NOT_MET, NOT_MET, "310 job", "", &jobs),
      GOAL("2.9-a", "Ledigheden i målgruppen skal falde", ST_UNKNOWN, UNKNOWN,
           "Kan ikke opgøres: kolonnen 'ledig' mangler", "", NULL),
  };
  rep_source src[] = {{"borgere", 1670}, {"indikatorer", 1}, {"vurderinger", 3}};
  rep_table t = {"Opfølgning på Beskæftigelsesaftale 2007", "2007", rows, COUNT(rows), src, COUNT(src)};
  char *page = check(cx, "report_2007", &t);
  expect(cx, "report_2007: h1", page, "<h1>Opfølgning på Beskæftigelsesaftale 2007</h1>", 1);
  expect(cx, "report_2007: area heading", page, "Indsatsområde 2 \xE2\x80\x93 Modvirke isolation og fattigdom</h2>", 1);
  expect(cx, "report_2007: area comment", page, "Indsatsen følges kvartalsvis.<br>Tallene er foreløbige.", 1);
  expect(cx, "report_2007: met symbol", page, "data-status=\"met\"><span class=\"badge s-met\"><span class=\"sym\" aria-hidden=\"true\">\xE2\x9C\x93</span> Målet er opfyldt", 1);
  expect(cx, "report_2007: partly symbol", page, "<span class=\"sym\" aria-hidden=\"true\">\xE2\x97\x90</span> Målet er delvist opfyldt", 1);
  expect(cx, "report_2007: not met symbol", page, "<span class=\"sym\" aria-hidden=\"true\">\xE2\x9C\x97</span> Målet er ikke opfyldt", 1);
  expect(cx, "report_2007: unknown symbol", page, "data-status=\"unknown\"><span class=\"badge s-unknown\"><span class=\"sym\" aria-hidden=\"true\">?</span> Kan ikke opgøres", 1);
  expect(cx, "report_2007: bar", page, "aria-label=\"Målopfyldelse: 44 % af målet\"><div class=\"fill s-not_met\" style=\"width:44.3%\">", 1);
  expect(cx, "report_2007: bar capped at 100", page, "aria-label=\"Målopfyldelse: 133 % af målet\"><div class=\"fill s-met\" style=\"width:100%\">", 1);
  expect(cx, "report_2007: sources", page, "Datakilder: borgere (1.670 rækker), indikatorer (1 række), vurderinger (3 rækker)", 1);
  expect(cx, "report_2007: no bar without numbers", page, "Kan ikke opgøres: kolonnen 'ledig' mangler<div", 0);
  expect(cx, "report_2007: percent kept with its number", page, "svarende til 94&nbsp;%", 1);
  expect(cx, "report_2007: part names its goal", page, "<tr class=\"part\" data-goal=\"1.1-a\" data-part=\"Nørrebro\">", 1);
  free(page);
}

/* Achievements near the bounds, beyond 100 %, unbounded, and absent. */
static void case_numbers(ctx *cx) {
  rep_numbers near = share(0, 0, 90, num_int(0), (num){498, 5}); /* 99,6 */
  rep_numbers edge = share(0, 0, 90, num_int(0), (num){8999, 100}); /* 89,99 */
  rep_numbers over = share(0, 0, 90, num_int(0), num_int(250));
  rep_numbers zero = share(0, 0, 90, num_int(0), num_int(0));
  rep_numbers unbounded = {.measure = "count", .unit = "persons", .has_value = true, .value = num_int(0),
                           .comparator = "at most", .target = num_int(0)};
  rep_numbers at_most = {.measure = "count", .unit = "persons", .has_value = true, .value = num_int(125),
                         .comparator = "at most", .target = num_int(100), .has_achievement = true,
                         .achievement = num_int(80)};
  rep_numbers overflow = {.measure = "sum", .unit = "kr", .has_value = true, .value = num_int(1),
                          .comparator = "at least", .target = num_int(100)};
  rep_numbers no_value = {.measure = "share", .unit = "pct", .comparator = "at least", .target = num_int(50)};
  rep_row rows[] = {
      AREA("1", "Tal", ""),
      INIT("1.1", "Grænser", ST_PARTLY, PARTLY, "", ""),
      GOAL("1.1-a", "Næsten", ST_PARTLY, PARTLY, "x", "", &near),
      GOAL("1.1-b", "Lige under", ST_NOT_MET, NOT_MET, "x", "", &edge),
      GOAL("1.1-c", "Langt over", ST_MET, MET, "x", "", &over),
      GOAL("1.1-d", "Intet", ST_NOT_MET, NOT_MET, "x", "", &zero),
      GOAL("1.1-e", "Ingen overhovedet mod højst 0", ST_MET, MET, "0 personer", "", &unbounded),
      GOAL("1.1-f", "Højst 100", ST_NOT_MET, NOT_MET, "125 personer", "", &at_most),
      GOAL("1.1-g", "Uden tal", ST_UNKNOWN, UNKNOWN, "Kan ikke opgøres: ingen i målgruppen", "", &no_value),
      GOAL("1.1-h", "For store tal", ST_UNKNOWN, UNKNOWN, "Kan ikke opgøres: tallet er for stort til at regne med",
           "", &overflow),
  };
  rep_table t = {"Tal", "", rows, COUNT(rows), NULL, 0};
  char *page = check(cx, "numbers", &t);
  expect(cx, "numbers: 99,6 is not shown as 100", page, "Målopfyldelse: 99,6 % af målet", 1);
  expect(cx, "numbers: 89,99 is not shown as 90", page, "Målopfyldelse: 89,99 % af målet", 1);
  expect(cx, "numbers: 250 % fills the bar", page, "Målopfyldelse: 250 % af målet\"><div class=\"fill s-met\" style=\"width:100%\">", 1);
  expect(cx, "numbers: 0 %", page, "Målopfyldelse: 0 % af målet\"><div class=\"fill s-not_met\" style=\"width:0%\">", 1);
  expect(cx, "numbers: unbounded", page, "Målopfyldelse: over 100 % af målet\"><div class=\"fill s-met\" style=\"width:100%\">", 1);
  expect(cx, "numbers: at most", page, "Målopfyldelse: 80 % af målet\"><div class=\"fill s-not_met\" style=\"width:80%\">", 1);
  expect(cx, "numbers: no bar without a value", page, "ingen i målgruppen<div", 0);
  expect(cx, "numbers: no bar without an achievement", page, "regne med<div", 0);
  expect(cx, "numbers: no period line", page, "Periode:", 0);
  expect(cx, "numbers: no footer without sources", page, "<footer>", 0);
  free(page);
}

/* Everything that must be escaped, line breaks, bad bytes. */
static void case_escapes(ctx *cx) {
  rep_row rows[] = {
      AREA("1 <b>", "A & B \"C\" <i>", "x < y\r\nz > w"),
      INIT("1.1", "<script>alert(1)</script>", ST_MET, "Opfyldt & <godt>", "a\nb\r\nc\rd", "ok\n\n"),
      GOAL("1.1-\"a\"", "www.example.com 'q'", ST_MET, MET, "bad \xFF byte \x01 ctl\ttab",
           "a=b", NULL),
      PART("Øst & Vest", ST_PARTLY, PARTLY, "  \n", NULL),
  };
  rep_source src[] = {{"data<1>", 2}};
  rep_table t = {"Titel <&> \"q\"\nlinje 2", "2007 & 2008", rows, COUNT(rows), src, COUNT(src)};
  char *page = check(cx, "escapes", &t);
  expect(cx, "escapes: no raw script", page, "<script", 0);
  expect(cx, "escapes: script escaped", page, "&lt;script&gt;alert(1)&lt;/script&gt;", 1);
  expect(cx, "escapes: title", page, "<h1>Titel &lt;&amp;&gt; &quot;q&quot; linje 2</h1>", 1);
  expect(cx, "escapes: <title>", page, "<title>Titel &lt;&amp;&gt; &quot;q&quot; linje 2 \xE2\x80\x93 2007 &amp; 2008</title>", 1);
  expect(cx, "escapes: heading", page, "Indsatsområde 1 &lt;b&gt; \xE2\x80\x93 A &amp; B &quot;C&quot; &lt;i&gt;</h2>", 1);
  expect(cx, "escapes: comment CRLF", page, "x &lt; y<br>z &gt; w", 1);
  expect(cx, "escapes: LF, CRLF, lone CR", page, "<td class=\"result\">a<br>b<br>c d</td>", 1);
  expect(cx, "escapes: trailing breaks dropped", page, "<td class=\"comment\">ok</td>", 1);
  expect(cx, "escapes: label", page, "Opfyldt &amp; &lt;godt&gt;", 1);
  expect(cx, "escapes: attribute", page, "data-id=\"1.1-&quot;a&quot;\"", 1);
  expect(cx, "escapes: bad bytes", page, "bad \xEF\xBF\xBD byte \xEF\xBF\xBD ctl\ttab", 1);
  expect(cx, "escapes: part attribute", page, "data-part=\"Øst &amp; Vest\"", 1);
  expect(cx, "escapes: source", page, "Datakilder: data&lt;1&gt; (2 rækker)", 1);
  expect(cx, "escapes: apostrophe", page, "www.example.com &#39;q&#39;</th>", 1);
  free(page);
}

/* Text that tries to leave its element or attribute, in every place a
 * text from the rules or the data goes (issue 7.15). */
static void case_hostile(ctx *cx) {
  static const char *const evil = "a & b | \"><script>alert('x')</script><img onerror=alert(1)>"
                                   "' onmouseover='alert(2)\n=cmd|' /C calc'!A0";
  rep_row rows[] = {
      AREA(evil, evil, evil),
      INIT(evil, evil, ST_MET, evil, evil, evil),
      GOAL(evil, evil, ST_NOT_MET, evil, evil, evil, NULL),
      PART(evil, ST_UNKNOWN, evil, evil, NULL),
  };
  rows[3].comment = evil;
  rep_source src[] = {{evil, 1}};
  rep_table t = {evil, evil, rows, COUNT(rows), src, COUNT(src)};
  char *page = check(cx, "hostile", &t);
  static const char *const never[] = {"<script", "<img", "onmouseover='", "onerror=alert(1)>",
                                      "'alert", "& b"};
  for (size_t i = 0; i < COUNT(never); i++) {
    char name[64];
    snprintf(name, sizeof name, "hostile: no raw %s", never[i]);
    expect(cx, name, page, never[i], 0);
  }
  static const char *const esc_flat = "a &amp; b | &quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
                                      "&lt;img onerror=alert(1)&gt;&#39; onmouseover=&#39;alert(2) "
                                      "=cmd|&#39; /C calc&#39;!A0";
  buf attr = {0};
  buf_printf(&attr, "data-part=\"%s\"", esc_flat);
  expect(cx, "hostile: part attribute", page, buf_str(&attr), 1);
  buf_free(&attr);
  expect(cx, "hostile: cell with a line break", page,
         "&lt;img onerror=alert(1)&gt;&#39; onmouseover=&#39;alert(2)<br>=cmd|&#39; /C calc&#39;!A0", 1);
  free(page);
}

/* An empty table, rows before the first area, labels missing. */
static void case_edges(ctx *cx) {
  rep_table empty = {"", "", NULL, 0, NULL, 0};
  char *page = check(cx, "empty", &empty);
  expect(cx, "empty: fallback title", page, "<h1>Statusrapport</h1>", 1);
  expect(cx, "empty: no legend", page, "class=\"legend\"", 0);
  expect(cx, "empty: no table", page, "<table", 0);
  free(page);

  rep_row rows[] = {
      INIT("0.1", "Før første område", ST_NONE, "", "", ""),
      GOAL("0.1-a", "Uden etiket", ST_PARTLY, "", "r", "", NULL),
      PART("Syd", ST_UNKNOWN, "", "", NULL),
      AREA("", "Uden nummer", ""),
      GOAL("", "Mål uden nummer og uden indsats", ST_MET, MET, "", "", NULL),
      AREA("9", "Tomt område", ""),
  };
  rep_table t = {"Kanter", "2010", rows, COUNT(rows), NULL, 0};
  page = check(cx, "edges", &t);
  expect(cx, "edges: fallback label", page, "</span> Målet er delvist opfyldt</span>", 1);
  expect(cx, "edges: no status, no data-status", page, "<td class=\"status\"></td>", 1);
  expect(cx, "edges: area without number", page, "Indsatsområde \xE2\x80\x93 Uden nummer</h2>", 1);
  expect(cx, "edges: empty area has no table", page, "Tomt område</h2>\n</section>", 1);
  expect(cx, "edges: unknown in legend", page, "s-unknown\"><span class=\"sym\" aria-hidden=\"true\">?</span> Kan ikke opgøres</span><span class=\"count\">0 mål</span>", 1);
  free(page);
}

/* The provenance in the footer (spec/output.md §4): a list after the
 * sources, escaped like every text; a footer even without sources. */
static void case_provenance(ctx *cx) {
  rep_row rows[] = {AREA("1", "Et område", ""), INIT("1.1", "En indsats", ST_MET, MET, "", "")};
  rep_source src[] = {{.name = "borgere", .rows = 5, .path = "data/<borgere> & co.csv", .has_digest = true,
                       .bytes = 1234,
                       .sha256 = "e7bcbad03118803684c70eae2c240fd90f0d246d78fa9a47bbd5af5aaa6169c7"}};
  rep_file files[] = {{.path = "regler.maal", .bytes = 358,
                       .sha256 = "d7e71f9a8e36a3e140a1c1f5e3614769995103b041260c96ce5cd259a2528e5c"}};
  rep_param params[] = {{.name = "by", .value = "A<B", .text = true, .given = true}};
  rep_provenance pv = {.version = "0.1.0", .rules = files, .nrules = 1, .params = params, .nparams = 1};
  rep_table t = {.title = "Sporbar", .period = "2007", .rows = rows, .nrows = COUNT(rows), .sources = src,
                 .nsources = 1, .prov = &pv};
  char *page = check(cx, "provenance", &t);
  expect(cx, "provenance: a list in the footer", page,
         "<p>Datakilder: borgere (5 rækker)</p>\n<ul class=\"provenance\" aria-label=\"Grundlag for rapporten\">\n"
         "<li>Datafil borgere: data/&lt;borgere&gt; &amp; co.csv, 1.234 bytes, SHA-256 "
         "e7bcbad03118803684c70eae2c240fd90f0d246d78fa9a47bbd5af5aaa6169c7</li>\n", 1);
  expect(cx, "provenance: parameters escaped", page, "<li>Parametre: by = &quot;A&lt;B&quot; (--param)</li>\n", 1);
  expect(cx, "provenance: the version last", page, "<li>Program: maal 0.1.0</li>\n</ul>\n</footer>", 1);
  free(page);
  t.nsources = 0;
  page = check(cx, "provenance_no_sources", &t);
  expect(cx, "provenance: a footer without sources", page, "<footer>\n<ul class=\"provenance\"", 1);
  free(page);
}

/* A write error is reported. */
static void case_write_error(ctx *cx) {
  rep_row rows[] = {AREA("1", "x", "")};
  rep_table t = {"x", "", rows, COUNT(rows), NULL, 0};
  FILE *f = fopen("/dev/full", "w");
  if (!f) {
    pass("write error (skipped: no /dev/full)");
    return;
  }
  int rc = rep_write_html(f, &t);
  fclose(f);
  if (rc == -1) pass("write error");
  else fail(cx, "write error", "writing to /dev/full did not return -1");
}

int main(int argc, char **argv) {
  ctx cx = {.dir = argc > 1 ? argv[1] : "tests/unit/html_cases", .update = 0, .failed = 0};
  const char *u = getenv("UPDATE_GOLDEN");
  cx.update = u && *u && strcmp(u, "0") != 0;
  case_report_2007(&cx);
  case_numbers(&cx);
  case_escapes(&cx);
  case_hostile(&cx);
  case_edges(&cx);
  case_provenance(&cx);
  case_write_error(&cx);
  return cx.failed ? 1 : 0;
}
