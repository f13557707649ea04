/* bands_test.c — the bands of a breakdown (lang/bands.c, spec §11.1):
 * reading, the checks (empty, overlapping, named twice, gaps) and the
 * lookup of a value, against answers worked out by hand; bands written
 * as ranges with open or closed ends too. */
#include "bands.h"

#include <stdio.h>
#include <string.h>

#include "parse.h"

typedef struct {
  int run, failed;
} tally;

static void check(tally *t, const char *name, long want, long got) {
  t->run++;
  if (want == got) {
    printf("PASS bands: %s\n", name);
    return;
  }
  t->failed++;
  printf("FAIL bands: %s\n    expected: %ld\n    got:      %ld\n", name, want, got);
}

/* The bands of the first goal's breakdown in `rules`, compiled; the
 * number of errors in *errors. */
static band_set *compile(const char *rules, ast_program **pp, diag **dp, int *errors) {
  diag *d = diag_new("t.maal", rules, strlen(rules));
  ast_program *p = parse_program("t.maal", rules, strlen(rules), d);
  band_set *s = NULL;
  if (!diag_errors(d) && p->areas && p->areas->inits && p->areas->inits->goals) {
    for (goal_item *it = p->areas->inits->goals->items; it; it = it->next)
      if (it->kind == GI_BY) s = bands_compile(p->arena, it->by->bands, d);
  }
  *errors = diag_errors(d);
  *pp = p;
  *dp = d;
  return s;
}

static const char *rules_with(const char *bands, char *out, size_t cap) {
  snprintf(out, cap,
           "aftale \"t\"\nindsatsområde 1 \"a\" {\n indsats 1.1 \"b\" {\n  mål a \"c\" {\n"
           "   måling antal x\n   krav mindst 1\n   per alder %s\n  }\n }\n}\n", bands);
  return out;
}

/* The band v falls in, by its text ("" for none), or "error". */
static const char *lookup(const char *bands, const char *text, char *res, size_t cap) {
  char rules[1024];
  ast_program *p;
  diag *d;
  int errors;
  band_set *s = compile(rules_with(bands, rules, sizeof rules), &p, &d, &errors);
  num v;
  if (!s || !ast_number_value(text, strlen(text), p->arena, &v)) {
    snprintf(res, cap, "error");
  } else {
    int i = bands_find(s, v);
    snprintf(res, cap, "%s", i < 0 ? "" : s->v[i]->text);
  }
  ast_free(p);
  diag_free(d);
  return res;
}

static void check_text(tally *t, const char *name, const char *want, const char *got) {
  t->run++;
  if (!strcmp(want, got)) {
    printf("PASS bands: %s\n", name);
    return;
  }
  t->failed++;
  printf("FAIL bands: %s\n    expected: \"%s\"\n    got:      \"%s\"\n", name, want, got);
}

static void count_warning(const diag_entry *e, void *ctx) {
  if (e->level == D_WARNING) ++*(int *)ctx;
}

static int errors_of(const char *bands) {
  char rules[1024];
  ast_program *p;
  diag *d;
  int errors;
  compile(rules_with(bands, rules, sizeof rules), &p, &d, &errors);
  ast_free(p);
  diag_free(d);
  return errors;
}

int main(void) {
  tally t = {0, 0};
  char r[64];
  static const struct {
    const char *bands, *value, *want;
  } cases[] = {
      /* closed ends hold both ends */
      {"(16-24, 25-29, 30-)", "16", "16-24"},
      {"(16-24, 25-29, 30-)", "24", "16-24"},
      {"(16-24, 25-29, 30-)", "25", "25-29"},
      {"(16-24, 25-29, 30-)", "29", "25-29"},
      /* an open last band */
      {"(16-24, 25-29, 30-)", "30", "30-"},
      {"(16-24, 25-29, 30-)", "120", "30-"},
      /* below every band: in none */
      {"(16-24, 25-29, 30-)", "15", ""},
      {"(16-24, 25-29, 30-)", "0", ""},
      /* an open first band, written last: the order written does not matter for the lookup */
      {"(16-64, -15)", "0", "-15"},
      {"(16-64, -15)", "15", "-15"},
      {"(16-64, -15)", "65", ""},
      /* a gap between bands */
      {"(0-9, 20-29)", "10", ""},
      {"(0-9, 20-29)", "19", ""},
      {"(0-9, 20-29)", "20", "20-29"},
      /* decimals with a comma; a value between two decimal bands is in none */
      {"(0-2,5, 2,6-5)", "2,5", "0-2,5"},
      {"(0-2,5, 2,6-5)", "2,55", ""},
      {"(0-2,5, 2,6-5)", "2,6", "2,6-5"},
      /* named bands */
      {"(\"unge\" 16-29, \"voksne\" 30-)", "29", "unge"},
      {"(\"unge\" 16-29, \"voksne\" 30-)", "30", "voksne"},
      /* a one-value band; thousands with points */
      {"(7-7, 1.000-4.999)", "7", "7-7"},
      {"(7-7, 1.000-4.999)", "4999", "1.000-4.999"},
      {"(7-7, 1.000-4.999)", "5000", ""},
      /* ranges (spec §11.1): each end taken in or left out as written */
      {"([0..2,5), [2,5..5])", "2,4999", "[0..2,5)"},
      {"([0..2,5), [2,5..5])", "2,5", "[2,5..5]"},
      {"([0..2,5), [2,5..5])", "5", "[2,5..5]"},
      {"([0..2,5), [2,5..5])", "5,0001", ""},
      {"([0..2,5), (2,5..5])", "2,5", ""},
      {"([0..2,5], (2,5..5])", "2,5", "[0..2,5]"},
      {"([0..2,5], (2,5..5])", "2,5001", "(2,5..5]"},
      {"((0..1), [1..1], (1..2))", "0", ""},
      {"((0..1), [1..1], (1..2))", "1", "[1..1]"},
      {"((0..1), [1..1], (1..2))", "0,5", "(0..1)"},
      {"((0..1), [1..1], (1..2))", "1,5", "(1..2)"},
      {"((0..1), [1..1], (1..2))", "2", ""},
      /* unbounded ends, negative ends */
      {"((..18), [18..))", "17", "(..18)"},
      {"((..18), [18..))", "18", "[18..)"},
      {"((..18), [18..))", "0", "(..18)"},
      {"([-5..0), [0..5])", "0", "[0..5]"},
      {"([-5..0), [0..5])", "-5", "[-5..0)"},
      {"([-5..0), [0..5])", "-6", ""},
      /* both styles in one breakdown */
      {"(-15, [16..25), 25-29, (29..))", "25", "25-29"},
      {"(-15, [16..25), 25-29, (29..))", "24", "[16..25)"},
      {"(-15, [16..25), 25-29, (29..))", "29", "25-29"},
      {"(-15, [16..25), 25-29, (29..))", "29,5", "(29..)"},
      /* named; thousands; exactly, not by floating point: 1/3 of the way */
      {"(\"unge\" [16..30), \"voksne\" [30..))", "30", "voksne"},
      {"([1.000..2.000), [2.000..3.000])", "1999,9999999", "[1.000..2.000)"},
      {"([0..0,1), [0,1..0,2))", "0,1", "[0,1..0,2)"},
      {"([0..0,1), [0,1..0,2))", "0,0999999999", "[0..0,1)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char name[160];
    snprintf(name, sizeof name, "%s holds %s in %s", cases[i].bands, cases[i].value,
             *cases[i].want ? cases[i].want : "no band");
    check_text(&t, name, cases[i].want, lookup(cases[i].bands, cases[i].value, r, sizeof r));
  }
  /* many bands: the binary search finds each */
  {
    char bands[4096] = "(", *at = bands + 1;
    for (int k = 0; k < 100; k++) at += sprintf(at, "%s%d-%d", k ? ", " : "", 10 * k, 10 * k + 4);
    strcpy(at, ")");
    int wrong = 0;
    for (int v = 0; v < 1000; v++) {
      char val[16], want[32];
      snprintf(val, sizeof val, "%d", v);
      if (v % 10 <= 4) snprintf(want, sizeof want, "%d-%d", v - v % 10, v - v % 10 + 4);
      else want[0] = '\0';
      wrong += strcmp(lookup(bands, val, r, sizeof r), want) != 0;
    }
    check(&t, "100 bands: every value from 0 to 999 in its band or none", 0, wrong);
  }
  check(&t, "overlapping bands are an error", 1, errors_of("(16-24, 20-29)"));
  check(&t, "two open last bands overlap", 1, errors_of("(30-, 40-)"));
  check(&t, "two open first bands overlap", 1, errors_of("(-10, -20)"));
  check(&t, "a shared end is an overlap", 1, errors_of("(16-24, 24-29)"));
  check(&t, "an empty band is an error", 1, errors_of("(29-16)"));
  check(&t, "a band name twice is an error", 1, errors_of("(\"a\" 1-2, \"a\" 3-4)"));
  check(&t, "an empty band name is an error", 1, errors_of("(\"\" 1-2)"));
  check(&t, "'(øvrige)' as a band name is an error", 1, errors_of("(\"(øvrige)\" 1-2)"));
  check(&t, "a point as the decimal sign is an error", 1, errors_of("(0-2.5)"));
  check(&t, "adjacent whole-number bands are fine", 0, errors_of("(16-24, 25-29, 30-)"));
  check(&t, "ranges that meet at an end taken in by one are fine", 0, errors_of("([0..2,5), [2,5..5])"));
  check(&t, "ranges that meet at an end left out by both are fine (a gap, warned)", 0, errors_of("([0..2,5), (2,5..5])"));
  check(&t, "ranges that both take in their shared end overlap", 1, errors_of("([0..2,5], [2,5..5])"));
  check(&t, "a range and a band that both take in 25 overlap", 1, errors_of("([16..25], 25-29)"));
  check(&t, "a range that leaves out 25 and a band from 25 are fine", 0, errors_of("([16..25), 25-29)"));
  check(&t, "two ranges without a high end overlap", 1, errors_of("([30..), (40..))"));
  check(&t, "an empty range is an error", 1, errors_of("((30..30])"));
  check(&t, "a range with the low end last is an error", 1, errors_of("([50..45))"));
  check(&t, "a one-value range is fine", 0, errors_of("([30..30])"));
  check(&t, "a parameter as a range's end is an error", 1, errors_of("([16..g))"));
  check(&t, "an unbounded end written closed is an error", 1, errors_of("([30..])"));
  {
    char rules[1024];
    ast_program *p;
    diag *d;
    int errors;
    static const struct {
      const char *bands, *name;
      bool whole;
      int warnings;
    } gaps[] = {
        {"([0..2,5), [2,5..5])", "decimal ranges that meet leave no gap", false, 0},
        {"([0..2,5), (2,5..5])", "decimal ranges that both leave out 2,5 leave it", false, 1},
        {"(0-2,5, 2,6-5)", "closed decimal bands leave a gap", false, 1},
        {"(0-2,5, (2,5..5])", "a closed band and a range from just above it leave none", false, 0},
        {"([16..25), [25..30))", "whole-number ranges that meet leave no gap", true, 0},
        {"([16..25), 25-29)", "a range and a band that meet leave no gap", true, 0},
        {"([16..25), (25..30))", "whole-number ranges that both leave out 25 leave it", true, 1},
        {"([16..24], (25..30))", "whole-number ranges leaving out 25 leave it", true, 1},
        {"([16..24,5], [25..30))", "no whole number between 24,5 and 25", true, 0},
        {"([0..2,5], [3,4..5])", "3 lies between 2,5 and 3,4", true, 1},
        {"(16-24, 26-29)", "16-24, 26-29 leave 25", true, 1},
    };
    for (size_t i = 0; i < sizeof gaps / sizeof gaps[0]; i++) {
      band_set *s = compile(rules_with(gaps[i].bands, rules, sizeof rules), &p, &d, &errors);
      int warnings = 0;
      diag_drain(d, count_warning, &warnings);
      warnings = 0;
      if (s) bands_gaps(s, gaps[i].whole, d);
      diag_drain(d, count_warning, &warnings);
      check(&t, gaps[i].name, gaps[i].warnings, s ? warnings : -1);
      ast_free(p);
      diag_free(d);
    }
  }
  return t.failed ? 1 : 0;
}
