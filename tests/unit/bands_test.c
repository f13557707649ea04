/* bands_test.c — the bands of a breakdown (lang/bands.c, spec §11.1):
 * reading, the checks (empty, overlapping, named twice) and the lookup of
 * a value, against answers worked out by hand. */
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
  return t.failed ? 1 : 0;
}
