/* sqlcheck_test.c — the SQL of the checks of the extract (sqlcheck.c,
 * spec §12.14) against golden files in tests/unit/sqlcheck_cases: what
 * `maal sql` prints for a source's checks, per dialect.  Needs no
 * database (the statements are run by the server-backed tests).  Run from
 * the repository's root (make test does); MAAL_UPDATE=1 rewrites the
 * golden files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "import.h"
#include "msg.h"
#include "parse.h"
#include "source.h"
#include "sqlcheck.h"

typedef struct {
  const char *rules;
  sql_dialect dialect;
  const char *golden;
} sql_case;

#define CASES "tests/unit/sqlcheck_cases/"
static const sql_case cases[] = {
    /* every kind of check, more than five rows break one */
    {"tests/cases/checks-text/regler.maal", SQL_POSTGRESQL, CASES "checks-text.postgresql.sql"},
    /* a key of one column names the rows; two sources, one read by no goal */
    {"tests/cases/checks-english/rules.maal", SQL_POSTGRESQL, CASES "checks-english.postgresql.sql"},
    /* a decimal comma, months, quarters, yes/no in 'unik' */
    {CASES "kanter/regler.maal", SQL_POSTGRESQL, CASES "kanter.postgresql.sql"},
    {CASES "kanter/regler.maal", SQL_SPARK, CASES "kanter.spark.sql"},
    {CASES "kanter/regler.maal", SQL_DUCKDB, CASES "kanter.duckdb.sql"},
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

/* The SQL of every source's checks, or why not. */
static bool checks_sql(const sql_case *c, buf *out) {
  size_t len;
  char *src = slurp(c->rules, &len);
  if (!src) {
    buf_printf(out, "cannot read %s", c->rules);
    return false;
  }
  diag *d = diag_new(c->rules, src, len);
  ast_program *p = parse_program(c->rules, src, len, d);
  bool ok = imp_load(p, d);
  chk_options opt = {.load_columns = src_load_columns, .ctx = stderr};
  if (!ok || chk_program(p, d, &opt) != CHK_OK) {
    buf_printf(out, "%s does not check", c->rules);
    ok = false;
  } else {
    for (int i = 0; i < p->ndata; i++)
      if (!sql_checks_write(c->dialect, p, p->datav[i], out, d)) ok = false;
  }
  diag_flush(d, stderr);
  src_cleanup(p);
  ast_free(p);
  diag_free(d);
  free(src);
  return ok;
}

int main(void) {
  msg_set_lang(MSG_EN);
  bool update = getenv("MAAL_UPDATE") && !strcmp(getenv("MAAL_UPDATE"), "1");
  int failed = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const sql_case *c = &cases[i];
    buf got = {0};
    bool ok = checks_sql(c, &got);
    size_t len = 0;
    char *want = NULL;
    if (ok && update) {
      FILE *f = fopen(c->golden, "wb");
      ok = f && fwrite(got.s, 1, got.len, f) == got.len;
      if (f && fclose(f) != 0) ok = false;
    }
    if (ok) want = slurp(c->golden, &len);
    if (ok && want && len == got.len && !memcmp(want, got.s, len)) {
      printf("PASS sqlcheck: %s (%s)\n", c->golden, sql_dialect_name(c->dialect));
    } else {
      failed++;
      printf("FAIL sqlcheck: %s (%s)\n", c->golden, sql_dialect_name(c->dialect));
      printf("    got:\n%s\n", buf_str(&got));
    }
    free(want);
    buf_free(&got);
  }
  return failed != 0;
}
