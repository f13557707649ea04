/* words_test.c — rules as Danish sentences (runtime/words.c, spec §12.12),
 * on trees straight from the parser (no data read, as when 'maal doc'
 * cannot read the data), against sentences written by hand. */
#include "words.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "parse.h"

typedef struct {
  int run, failed;
} tally;

static void check(tally *t, const char *name, const char *want, const char *got) {
  t->run++;
  if (!strcmp(want, got)) {
    printf("PASS words: %s\n", name);
    return;
  }
  t->failed++;
  printf("FAIL words: %s\n    expected: %s\n    got:      %s\n", name, want, got);
}

static const char head[] = "aftale \"t\" periode 2007\nparameter aar: heltal = 2007\n"
                           "data borgere = csv \"b.csv\"\n";

/* The words of the first group, or of the first goal, of `body`. */
static void words_of(const char *body, bool of_goal, buf *out) {
  char rules[2048];
  snprintf(rules, sizeof rules, "%s%s", head, body);
  diag *d = diag_new("t.maal", rules, strlen(rules));
  ast_program *p = parse_program("t.maal", rules, strlen(rules), d);
  wd_ctx w = {.p = p, .d = d};
  buf_clear(out);
  if (diag_errors(d)) buf_adds(out, "syntax error");
  else if (of_goal && p->areas && p->areas->inits && p->areas->inits->goals) wd_goal(&w, p->areas->inits->goals, out);
  else if (!of_goal && p->groups) wd_group(&w, p->groups, out);
  ast_free(p);
  diag_free(d);
}

static void goal_case(tally *t, const char *name, const char *items, const char *want) {
  char body[1024];
  snprintf(body, sizeof body, "indsatsområde 1 \"a\" {\n indsats 1.1 \"b\" {\n  mål a \"c\" {\n%s\n  }\n }\n}\n", items);
  buf out = {0};
  words_of(body, true, &out);
  check(t, name, want, buf_str(&out));
  buf_free(&out);
}

static void group_case(tally *t, const char *name, const char *group, const char *want) {
  buf out = {0};
  words_of(group, false, &out);
  check(t, name, want, buf_str(&out));
  buf_free(&out);
}

int main(void) {
  tally t = {0};
  buf b = {0};
  wd_date(cal_days(2008, 2, 29), &b);
  check(&t, "a leap day in words", "29. februar 2008", buf_str(&b));
  buf_clear(&b);
  wd_date(0, &b);
  check(&t, "the first day of 1970", "1. januar 1970", buf_str(&b));
  buf_free(&b);

  goal_case(&t, "a share and 'mindst ... pct'", "måling andel af borgere hvor jobplan\nkrav mindst 90 pct",
            "Andelen af borgere, hvor jobplan er ja, skal være mindst 90 pct.");
  goal_case(&t, "a count against a range with open ends", "måling antal borgere\nkrav (10..20] personer",
            "Antallet af borgere skal være over 10 og højst 20 personer.");
  goal_case(&t, "targets per period, the one without a period last",
            "måling antal borgere\nkrav højst 19 dage\nkrav højst 17 dage i 2010",
            "Antallet af borgere skal være højst 17 dage i 2010 og ellers højst 19 dage.");
  goal_case(&t, "a milestone's deadline", "måling færdig af borgere\nkrav senest ultimo 2007",
            "Milepælen skal være nået senest 31. december 2007 (datoen står i borgere).");
  goal_case(&t, "a parameter without a value (not checked) stays as written",
            "måling færdig af borgere\nkrav senest ultimo aar",
            "Milepælen skal være nået senest \001ultimo aar\002 (datoen står i borgere).");
  goal_case(&t, "a change against a baseline number", "måling antal borgere\nbasis 200\nkrav nedbringes med 5,5 pct",
            "Antallet af borgere skal nedbringes med 5,5 pct. i forhold til basis: 200.");
  group_case(&t, "a list joined with 'og' takes commas",
             "målgruppe g = borgere hvor ydelse i (\"a\", \"b\", \"c\") og alder >= 18\n",
             "borgere hvor ydelse er a, b eller c, og alder er mindst 18");
  group_case(&t, "'eller' inside 'og' keeps its brackets",
             "målgruppe g = borgere hvor (alder < 30 eller sygemeldt) og ikke jobplan\n",
             "borgere hvor (alder er under 30 eller sygemeldt er ja) og jobplan er nej");
  group_case(&t, "what has no words stays as written, in the code marks",
             "målgruppe g = borgere hvor -alder < 3 og jobplan\n",
             "borgere hvor \001-alder < 3\002 og jobplan er ja");
  printf("%d run, %d failed\n", t.run, t.failed);
  return t.failed != 0;
}
