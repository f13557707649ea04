/* passes_test.c — how many times the plan of passes reads each data file
 * (spec §5.10): once, or twice for a source whose measures read 'har'
 * state.  Run from the repository's root (make test does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "eval_internal.h"
#include "parse.h"
#include "source.h"

typedef struct {
  const char *rules;
  const char *reads; /* "source=N ..." in declaration order */
} plan_case;

static const plan_case cases[] = {
    /* S4-1.1-a: the courses' measure reads the panel's months */
    {"tests/cases/records-s4-1.1-a/regler.maal", "personer=1 panel=1 forloeb=2"},
    /* the panel looks at its own previous month */
    {"tests/cases/records-windows-english/regler.maal", "personer=2 panel=2 forloeb=2"},
    /* keys and references only */
    {"tests/cases/records-panel-key-twice/regler.maal", "personer=1 panel=1"},
};

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

/* "personer=1 panel=1 forloeb=2", or why not. */
static void reads_of(const char *path, buf *out) {
  size_t len;
  char *src = slurp(path, &len);
  if (!src) {
    buf_printf(out, "cannot read %s", path);
    return;
  }
  diag *d = diag_new(path, src, len);
  ast_program *p = parse_program(path, src, len, d);
  chk_options opt = {.load_columns = src_load_columns, .ctx = stderr};
  if (chk_program(p, d, &opt) != CHK_OK) {
    buf_printf(out, "%s does not check", path);
  } else {
    rel_state *rs = rel_new(p);
    for (int i = 0; i < p->ndata; i++)
      buf_printf(out, "%s%s=%d", i ? " " : "", p->datav[i]->name, rel_reads(rs, p->datav[i]));
    rel_free(rs);
  }
  src_cleanup(p);
  ast_free(p);
  diag_free(d);
  free(src);
}

int main(void) {
  int failed = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    buf got = {0};
    reads_of(cases[i].rules, &got);
    if (!strcmp(buf_str(&got), cases[i].reads)) {
      printf("PASS passes: %s\n", cases[i].rules);
    } else {
      failed++;
      printf("FAIL passes: %s\n    expected: %s\n    got:      %s\n", cases[i].rules, cases[i].reads, buf_str(&got));
    }
    buf_free(&got);
  }
  return failed != 0;
}
