/* diff_test.c — a rule file and the same file with its keywords rewritten
 * in the other language say the same (lang/diff.c, spec §12.8): every
 * agreement in rules/ (or the folder given), formatted by 'maal fmt
 * --lang en' and '--lang da' (lang/fmt.c), is compared with itself by
 * maal diff, which must find no difference either way.  And a file with
 * English keywords whose check changed is reported in Danish words, and a
 * data source's options and columns are compared by their meaning. */
#include "diff.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "parse.h"

typedef struct {
  int run, failed;
} tally;

static void check(tally *t, const char *name, bool ok, const char *why) {
  t->run++;
  if (ok) {
    printf("PASS diff: %s\n", name);
    return;
  }
  t->failed++;
  printf("FAIL diff: %s\n%s\n", name, why ? why : "");
}

/* What maal diff says of a and b (their texts), and how many differences. */
static int differences(const char *a, const char *b, buf *out) {
  diag *da = diag_new("a.maal", a, strlen(a)), *db = diag_new("b.maal", b, strlen(b));
  ast_program *pa = parse_program("a.maal", a, strlen(a), da), *pb = parse_program("b.maal", b, strlen(b), db);
  buf_clear(out);
  int n = -1;
  if (diag_errors(da) || diag_errors(db)) buf_adds(out, "    a syntax error");
  else n = df_compare(pa, a, pb, b, out);
  ast_free(pa);
  ast_free(pb);
  diag_free(da);
  diag_free(db);
  return n;
}

/* text in lang's keywords, as maal fmt writes it: false on an error. */
static bool translated(const char *path, const char *text, fmt_lang lang, buf *out) {
  diag *d = diag_new(path, text, strlen(text));
  buf_clear(out);
  bool ok = fmt_format(path, text, strlen(text), lang, d, out);
  diag_free(d);
  return ok;
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  buf b = {0};
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
  fclose(f);
  return buf_take(&b);
}

/* One agreement: its English and Danish spellings against it and each other. */
static void agreement(tally *t, const char *path) {
  char *text = slurp(path);
  char name[1400];
  buf en = {0}, da = {0}, out = {0};
  snprintf(name, sizeof name, "%s read and formatted in English and Danish", path);
  bool ok = text && translated(path, text, FMT_EN, &en) && translated(path, text, FMT_DA, &da);
  check(t, name, ok, "    cannot read or format it");
  if (ok) {
    const char *pairs[][2] = {{text, buf_str(&en)}, {buf_str(&en), text}, {buf_str(&en), buf_str(&da)}, {buf_str(&da), text}};
    const char *what[] = {"as written against English", "English against as written", "English against Danish",
                          "Danish against as written"};
    for (int i = 0; i < 4; i++) {
      snprintf(name, sizeof name, "%s: %s is no change", path, what[i]);
      int n = differences(pairs[i][0], pairs[i][1], &out);
      check(t, name, n == 0, buf_str(&out));
    }
    /* the English spelling really is another text, or the test proves nothing */
    snprintf(name, sizeof name, "%s: the English spelling differs from the Danish one", path);
    check(t, name, strcmp(buf_str(&en), buf_str(&da)) != 0, "    fmt --lang en wrote the Danish text");
  }
  free(text);
  buf_free(&en);
  buf_free(&da);
  buf_free(&out);
}

static const char old_rules[] = "aftale \"a\" periode 2009\n"
                                "data borgere = csv \"b.csv\"\n"
                                "kontrol borgere {\n  unik person_id\n  påkrævet alder\n  alder mellem 16 og 99\n}\n"
                                "målgruppe unge = borgere hvor alder < 30 og plan findes\n"
                                "indsatsområde 1 \"A\" {\n  indsats 1.1 \"B\" {\n    mål a \"C\" {\n"
                                "      måling andel af unge hvor plan\n      krav mindst 90 pct\n    }\n  }\n}\n";
static const char new_rules[] = "agreement \"a\" period 2009\n"
                                "data borgere = csv \"b.csv\"\n"
                                "checks borgere {\n  unique person_id\n  required alder\n  alder between 16 and 98\n}\n"
                                "group unge = borgere where alder < 30 and plan is not missing\n"
                                "area 1 \"A\" {\n  initiative 1.1 \"B\" {\n    goal a \"C\" {\n"
                                "      measure share of unge where not plan\n      target at least 90 pct\n    }\n  }\n}\n";

/* A data source's options and columns (spec §4.2, §4.3), by meaning: the
 * old and new declaration, in an agreement of one goal, and what diff
 * says ("" when they read the file the same way). */
static const char *const data_pairs[][3] = {
    {"data borgere = csv \"b.csv\"", "data borgere = csv \"b.csv\" mangler (\"-\")",
     "Data borgere: mangler ændret fra (ingen) til (\"-\")\n"},
    {"data borgere = csv \"b.csv\" mangler (\"NA\", \"-\")", "data borgere = csv \"b.csv\" missing (\"-\", \"NA\", \"\")", ""},
    {"data borgere = csv \"b.csv\"", "data borgere = csv \"b.csv\" decimaltegn \".\"", ""},
    {"data borgere = csv \"b.csv\"", "data borgere = csv \"b.csv\" decimaltegn \",\" skilletegn \";\"",
     "Data borgere: skilletegn ændret fra (ingen) til \";\"\nData borgere: decimaltegn ændret fra \".\" til \",\"\n"},
    {"data borgere = csv \"b.csv\" skilletegn \"tab\"", "data borgere = csv \"b.csv\" delimiter \"\\t\"", ""},
    {"data borgere = csv \"b.csv\" tegnsæt \"cp1252\"", "data borgere = csv \"b.csv\" encoding \"Windows-1252\"", ""},
    {"data borgere = csv \"b.csv\"", "data borgere = csv \"b.csv\" tegnsæt \"utf8\"", ""},
    {"data borgere = csv \"b.csv\" tegnsæt \"latin1\"", "data borgere = csv \"b.csv\" tegnsæt \"cp1252\"",
     "Data borgere: tegnsæt ændret fra \"latin-1\" til \"windows-1252\"\n"},
    {"data borgere = csv \"b.csv\"", "data borgere = csv \"b.csv\" rows persons",
     "Data borgere: rækker ændret fra (ingen) til personer\n"},
    {"data borgere = csv \"b.csv\" rækker personer", "data borgere = csv \"b.csv\" rows person", ""},
    {"data borgere = csv \"b.csv\" { pnr: heltal }", "data borgere = csv \"b.csv\" { pnr: tekst }",
     "Data borgere, kolonne pnr: type ændret fra heltal til tekst\n"},
    {"data borgere = csv \"b.csv\" { pnr: heltal  alder: heltal }", "data borgere = csv \"b.csv\" { alder: int  pnr: int }", ""},
    {"data borgere = csv \"b.csv\" { kr: decimaltal enhed kr }", "data borgere = csv \"b.csv\" { kr: decimaltal enhed dage }",
     "Data borgere, kolonne kr: enhed ændret fra kr. til dage\n"},
    {"data borgere = csv \"b.csv\" { pnr: tekst }", "data borgere = csv \"b.csv\"",
     "Data borgere: kolonner ændret fra erklæret (kun de erklærede læses) til udledt af data (alle i filen)\n"
     "Data borgere, kolonne pnr: type ændret fra tekst til udledt af data\n"},
    {"data borgere = csv \"b.csv\" { pnr: tekst }", "data borgere = csv \"b.csv\" { pnr: tekst  alder: heltal }",
     "Data borgere: kolonne alder tilføjet: heltal\n"},
};

static void data_options(tally *t) {
  buf a = {0}, b = {0}, out = {0};
  const char *rest = "\nmålgruppe unge = borgere hvor alder < 30\n"
                     "indsatsområde 1 \"A\" {\n  indsats 1.1 \"B\" {\n"
                     "    mål a \"C\" { måling antal unge  krav mindst 2 }\n  }\n}\n";
  for (size_t i = 0; i < sizeof data_pairs / sizeof data_pairs[0]; i++) {
    buf_clear(&a);
    buf_clear(&b);
    buf_printf(&a, "aftale \"a\" periode 2009\n%s%s", data_pairs[i][0], rest);
    buf_printf(&b, "aftale \"a\" periode 2009\n%s%s", data_pairs[i][1], rest);
    int n = differences(buf_str(&a), buf_str(&b), &out);
    const char *want = data_pairs[i][2];
    char name[600], why[2048];
    snprintf(name, sizeof name, "'%s' against '%s' %s", data_pairs[i][0], data_pairs[i][1],
             *want ? "is told" : "is no change");
    snprintf(why, sizeof why, "    expected:\n%s    got (%d):\n%s", want, n, buf_str(&out));
    check(t, name, n >= 0 && (n == 0) == (*want == 0) && !strcmp(buf_str(&out), want), why);
  }
  buf_free(&a);
  buf_free(&b);
  buf_free(&out);
}

int main(int argc, char **argv) {
  tally t = {0};
  const char *dir = argc > 1 ? argv[1] : "rules";
  DIR *dp = opendir(dir);
  check(&t, "the folder of agreements can be read", dp != NULL, dir);
  int files = 0;
  if (dp) {
    char *names[256];
    struct dirent *e;
    while ((e = readdir(dp)) && files < 256) {
      size_t n = strlen(e->d_name);
      if (n > 5 && !strcmp(e->d_name + n - 5, ".maal")) names[files++] = strdup(e->d_name);
    }
    closedir(dp);
    qsort(names, (size_t)files, sizeof *names, (int (*)(const void *, const void *))strcmp);
    for (int i = 0; i < files; i++) {
      char path[1024];
      snprintf(path, sizeof path, "%s/%s", dir, names[i]);
      agreement(&t, path);
      free(names[i]);
    }
  }
  check(&t, "at least one agreement compared", files > 0, dir);

  /* a changed check and a changed measure of an English file, in Danish words */
  buf out = {0};
  int n = differences(old_rules, new_rules, &out);
  const char *want = "Mål 1.1-a, måling: ændret fra \"andel af unge hvor plan\" til \"andel af unge hvor ikke plan\"\n"
                     "Kontrol af data borgere: fjernet \"alder mellem 16 og 99\"\n"
                     "Kontrol af data borgere: tilføjet \"alder mellem 16 og 98\"\n";
  char why[2048];
  snprintf(why, sizeof why, "    expected:\n%s    got:\n%s", want, buf_str(&out));
  check(&t, "changes of an English file are told in Danish words, and nothing else", n == 3 && !strcmp(buf_str(&out), want), why);
  buf_free(&out);
  data_options(&t);

  /* the default scheme is the first: schemes reordered change the goals' statuses */
  {
    const char *a = "aftale \"a\" periode 2009\n"
                    "statusskema a { opfyldt \"O\" fra 100 pct  ikke opfyldt \"I\" under 100 pct }\n"
                    "statusskema b { opfyldt \"O\" fra 90 pct  ikke opfyldt \"I\" under 90 pct }\n"
                    "data borgere = csv \"b.csv\"\n"
                    "indsatsområde 1 \"A\" { indsats 1.1 \"B\" { mål a \"C\" { måling antal borgere  krav mindst 2 } } }\n";
    const char *b = "aftale \"a\" periode 2009\n"
                    "statusskema b { opfyldt \"O\" fra 90 pct  ikke opfyldt \"I\" under 90 pct }\n"
                    "statusskema a { opfyldt \"O\" fra 100 pct  ikke opfyldt \"I\" under 100 pct }\n"
                    "data borgere = csv \"b.csv\"\n"
                    "indsatsområde 1 \"A\" { indsats 1.1 \"B\" { mål a \"C\" { måling antal borgere  krav mindst 2 } } }\n";
    buf o = {0};
    n = differences(a, b, &o);
    want = "Standardstatusskema: ændret fra \"a\" til \"b\"\n";
    snprintf(why, sizeof why, "    expected:\n%s    got:\n%s", want, buf_str(&o));
    check(&t, "schemes reordered: the default scheme changed is told", n == 1 && !strcmp(buf_str(&o), want), why);
    buf_free(&o);
  }
  return t.failed ? 1 : 0;
}
