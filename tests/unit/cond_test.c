/* cond_test.c — the compiled conditions (runtime/cond.c) against the tree
 * walker (expr.c): every group's and measure's condition must have the
 * same truth both ways on every row, for a rule file made here with each
 * kind of step (and the values each leaves to the tree walker) over rows
 * of random values, and for every rule file under tests/cases and
 * examples on its data.  A row is read as a pass reads it (scan.c), its
 * groups decided; then each condition is asked three ways: by the tree,
 * by expr_truth's look-up of its steps, and by a handle made before the
 * first row (cond_handle_of).  Run from the repository's root (make test
 * does). */
#include <dirent.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "eval_internal.h"
#include "parse.h"
#include "source.h"

typedef struct {
  int files, rows, asked, differ;
} tally;

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  buf b = {0};
  char tmp[4096];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_add(&b, tmp, n);
  fclose(f);
  *len = b.len;
  return buf_take(&b);
}

static const char *truth_name(truth t) { return t == TV_TRUE ? "true" : t == TV_FALSE ? "false" : "unknown"; }

/* e asked by the tree walker, by expr_truth and by the handle h made for
 * it before the first row (its steps must stay where they are while
 * later conditions are compiled). */
static void ask(tally *t, row_ctx *r, const expr *e, cond_handle h, const char *path, const char *what) {
  if (!e) return;
  truth tree = expr_tree_truth(r, e), compiled = expr_truth(r, e), handled = cond_ask(r, h);
  r->overflow = false; /* said by a pass, not here */
  t->asked++;
  if (tree == compiled && tree == handled) return;
  if (t->differ++ < 10)
    printf("FAIL cond: %s line %u: %s is %s by the tree, %s compiled, %s by its handle\n", path, r->line, what,
           truth_name(tree), truth_name(compiled), truth_name(handled));
}

/* Every row of d: each group's condition (its groups decided first, in a
 * plan's order) and each measure's on d. */
static void check_source(tally *t, ast_program *p, data_decl *d, FILE *sink) {
  plan pl;
  plan_build(p, NULL, 0, &pl);
  for (int g = 0; g < p->ngroups; g++)
    if (p->groupv[g]->source == d) plan_extend(p, &pl, p->groupv[g], NULL);
  scan sc;
  if (scan_open(&sc, p, d, &pl, false, sink)) {
    cond_start(&sc.r); /* kept if scan_open has started it */
    /* the handles: the groups' are made by scan_open, the measures' here */
    cond_handle *gh = xcalloc(pl.n + 1, sizeof *gh), *mh = xcalloc((size_t)p->ngoals + 1, sizeof *mh);
    for (size_t i = 0; i < pl.n; i++) {
      gh[i] = cond_handle_of(&sc.r, p->groupv[pl.order[i]]->where);
      if (i < sc.r.ngroups && (sc.r.groups[i].where.run != gh[i].run || sc.r.groups[i].where.s != gh[i].s)) {
        printf("FAIL cond: %s: group %s's handle is not the one its pass decides it by\n", d->resolved_path,
               p->groupv[pl.order[i]]->name);
        t->differ++;
      }
    }
    for (int i = 0; i < p->ngoals; i++) {
      const measure *m = p->goalv[i]->m;
      if (m && m->source == d) mh[i] = cond_handle_of(&sc.r, m->where);
    }
    while (scan_next(&sc)) {
      t->rows++;
      for (size_t i = 0; i < pl.n; i++)
        ask(t, &sc.r, p->groupv[pl.order[i]]->where, gh[i], d->resolved_path, "a group's condition");
      for (int i = 0; i < p->ngoals; i++) {
        const measure *m = p->goalv[i]->m;
        if (m && m->source == d) ask(t, &sc.r, m->where, mh[i], d->resolved_path, "a measure's condition");
      }
    }
    free(gh);
    free(mh);
    cond_end(&sc.r);
    scan_close(&sc);
  }
  plan_free(&pl);
}

static void check_file(tally *t, const char *path, FILE *sink) {
  size_t len;
  char *src = slurp(path, &len);
  if (!src) return;
  diag *dg = diag_new(path, src, len);
  ast_program *p = parse_program(path, src, len, dg);
  chk_options opt = {.load_columns = src_load_columns, .ctx = sink};
  if (chk_program(p, dg, &opt) == CHK_OK) {
    t->files++;
    for (int i = 0; i < p->ndata; i++) check_source(t, p, p->datav[i], sink);
  }
  src_cleanup(p);
  ast_free(p);
  diag_free(dg);
  free(src);
}

/* dir/NAME/regler.maal and dir/NAME.maal for each NAME in dir. */
static void check_dir(tally *t, const char *dir, FILE *sink) {
  DIR *dp = opendir(dir);
  if (!dp) return;
  struct dirent *de;
  while ((de = readdir(dp))) {
    if (de->d_name[0] == '.') continue;
    buf path = {0};
    size_t n = strlen(de->d_name);
    if (n > 5 && !strcmp(de->d_name + n - 5, ".maal")) buf_printf(&path, "%s/%s", dir, de->d_name);
    else buf_printf(&path, "%s/%s/regler.maal", dir, de->d_name);
    check_file(t, buf_str(&path), sink);
    buf_free(&path);
  }
  closedir(dp);
}

/* Each kind of step (a list of whole numbers from 0 to 63 and one with
 * others), with a column of another kind than it is made for
 * (x holds fractions), literals on the left, a parameter, arithmetic,
 * 'ikke', groups and chains within chains: the last ones the tree's. */
static const char *const conds[] = {
    "n = 3", "n <> 3", "n < 3", "n <= 3", "n > 3", "n >= 3", "x = 3", "x < 3", "x >= 2,5", "x <= 2",
    "d = 2007-03-01", "d <> 2007-03-01", "d < 2007-03-01", "d <= 2007-03-01", "d > 2007-03-01", "d >= 2007-03-01",
    "s = \"bb\"", "s <> \"bb\"", "\"bb\" = s", "n i (1, 2, 3)", "n ikke i (1, 2)", "n i (-3, 70, 2)", "n ikke i (3, 64)", "n i (0, 63)", "x i (1, 2, 3)",
    "x ikke i (2)", "s i (\"a\", \"bb\", \"ccc\")", "s ikke i (\"a\", \"bb\")", "n i (1, p, 2 + 2)",
    "n mellem 2 og 4", "x mellem 1 og 3", "d mellem 2007-02-01 og 2007-04-30", "n mellem 2 og p", "n findes",
    "s mangler", "d er manglende", "x findes", "b", "3 < n", "n + 1 > 3", "ikke b", "n = p",
    "n = 3 og s = \"a\"", "n = 3 eller s = \"a\"", "n > 1 og s i (\"a\", \"bb\") og d findes og b",
    "(n = 3 eller b) og (s = \"a\" eller x > 2)", "n = 3 eller s = \"a\" eller b eller d mangler",
    "g1 og n > 2", "g2 eller (b og (g1 eller x < 1))", "ikke (n = 3 og b)",
};

static const char *pick(unsigned *seed, const char *const *v, size_t n) {
  *seed = *seed * 1103515245u + 12345u;
  return v[(*seed >> 16) % n];
}

/* In dir: regler.maal, each condition a group's and a measure's, and
 * t.csv, rows of random values, a fifth of them missing. */
static bool write_case(const char *dir) {
  static const char *const ns[] = {"", "1", "2", "3", "4", "5", "-3"};
  static const char *const xs[] = {"", "1", "2", "2.5", "3", "0.5", "7"};
  static const char *const ss[] = {"", "a", "bb", "ccc", "bc", "ba", "dd"};
  static const char *const ds[] = {"", "2007-01-15", "2007-02-01", "2007-03-01", "2007-04-30", "2007-05-01", "1999-12-31"};
  static const char *const bs[] = {"", "ja", "nej", "ja", "nej", "ja", "nej"};
  buf rules = {0}, data = {0};
  buf_adds(&rules, "aftale \"Betingelser\" periode 2007\n\nparameter p: heltal = 3\n\n"
                   "data t = csv \"t.csv\" rækker personer {\n  n: heltal\n  x: decimaltal\n  s: tekst\n"
                   "  d: dato\n  b: janej\n}\n\n");
  size_t k = sizeof conds / sizeof conds[0];
  for (size_t i = 0; i < k; i++) buf_printf(&rules, "målgruppe g%zu = t hvor %s\n", i + 1, conds[i]);
  buf_adds(&rules, "\nindsatsområde 1 \"A\" {\n  indsats 1.1 \"B\" {\n");
  for (size_t i = 0; i < k; i++)
    buf_printf(&rules, "    mål m%zu \"M\" {\n      måling antal t hvor %s\n      krav mindst 1 personer\n    }\n", i + 1, conds[i]);
  buf_adds(&rules, "  }\n}\n");
  buf_adds(&data, "n,x,s,d,b\n");
  unsigned seed = 12345;
  for (int i = 0; i < 2000; i++)
    buf_printf(&data, "%s,%s,%s,%s,%s\n", pick(&seed, ns, 7), pick(&seed, xs, 7), pick(&seed, ss, 7), pick(&seed, ds, 7),
               pick(&seed, bs, 7));
  buf path = {0};
  bool ok = true;
  const buf *what[2] = {&rules, &data};
  const char *name[2] = {"regler.maal", "t.csv"};
  for (int i = 0; i < 2; i++) {
    path.len = 0;
    buf_printf(&path, "%s/%s", dir, name[i]);
    FILE *f = fopen(buf_str(&path), "wb");
    ok = f && fwrite(what[i]->s, 1, what[i]->len, f) == what[i]->len && ok;
    if (f) ok = fclose(f) == 0 && ok;
  }
  buf_free(&path);
  buf_free(&rules);
  buf_free(&data);
  return ok;
}

/* The made case: every condition must check, and be asked on every row. */
static void check_made(tally *t, FILE *sink) {
  const char *tmp = getenv("TMPDIR");
  buf dir = {0}, path = {0};
  buf_printf(&dir, "%s/maal-cond-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir.s) || !write_case(dir.s)) {
    printf("FAIL cond: cannot write the made case in %s\n", dir.s);
    t->differ++;
    buf_free(&dir);
    return;
  }
  buf_printf(&path, "%s/regler.maal", dir.s);
  tally mine = {0};
  check_file(&mine, buf_str(&path), sink);
  size_t k = sizeof conds / sizeof conds[0];
  bool all = mine.files == 1 && mine.rows == 2000 && mine.asked == (int)(2 * k * 2000);
  printf("%s cond: the made case: %d rows, %d conditions asked three ways, %d differ\n",
         all && !mine.differ ? "PASS" : "FAIL", mine.rows, mine.asked, mine.differ);
  if (!all) t->differ++;
  t->differ += mine.differ;
  const char *name[2] = {"regler.maal", "t.csv"};
  for (int i = 0; i < 2; i++) {
    path.len = 0;
    buf_printf(&path, "%s/%s", dir.s, name[i]);
    unlink(buf_str(&path));
  }
  rmdir(dir.s);
  buf_free(&path);
  buf_free(&dir);
}

int main(void) {
  FILE *sink = fopen("/dev/null", "w");
  if (!sink) return 1;
  tally t = {0};
  check_made(&t, sink);
  check_dir(&t, "tests/cases", sink);
  check_dir(&t, "examples", sink);
  fclose(sink);
  printf("%s cond: %d rule files, %d rows, %d conditions asked three ways, %d differ\n",
         t.differ || t.asked < 1000 ? "FAIL" : "PASS", t.files, t.rows, t.asked, t.differ);
  return t.differ || t.asked < 1000;
}
