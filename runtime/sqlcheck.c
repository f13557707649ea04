/* sqlcheck.c — the checks of the extract (spec §4.7) as SQL (spec §12.14).
 *
 * A source's checks are two kinds of statement on its table:
 *
 *   the counts   one row: the table's rows (maal_rows) and, per check,
 *                the rows that break it (maal_c1, maal_c2, … in the order
 *                of the checks): 'påkrævet', 'i' and a range a SUM over
 *                the rows, 'unik' the rows after the first of each value
 *                (a GROUP BY in a scalar subquery), 'rækker' 1 when the
 *                count is outside its bound;
 *   the rows     per check that rows break: the first of them (LIMIT 5,
 *                or all with run --rows), in the order of the rows'
 *                lines; columns maal_line (the line, or NULL),
 *                maal_first ('unik': the line the values were first seen
 *                on), maal_id (the source's key of one column, when the
 *                CSV path names the row by it), maal_v1, maal_v2, … (the
 *                checked columns, as text).  'unik' numbers the rows of
 *                each value (ROW_NUMBER, MIN … OVER (PARTITION BY …)).
 *
 * `maal sql` prints the counts and every check's rows, for a table that
 * `maal load` made; pg_checks_run asks the catalog whether the table has
 * its lines, runs the counts, then the rows of only the checks that
 * failed: one statement to a string.
 *
 * The semantics are datacheck.c's: a missing value is NULL; 'påkrævet'
 * is broken by a NULL in any of its columns; 'i' and a range only by a
 * present value whose condition (sql_cond, the evaluator's three-valued
 * logic) is FALSE, not unknown; 'unik' leaves out rows with a NULL in
 * one of its columns.
 *
 * Lines: `maal load` keeps each row's line of the CSV file (the first
 * line of a record) in the table's last column, maal_linje; with it the
 * report is the CSV path's, byte for byte.  A table without it (one an
 * analyst made) has rows without lines: line 0, the rows ordered by the
 * source's key (all its columns), then by the checked columns (texts
 * byte by byte), and a 'unik' row says how many rows have its values
 * ("person_id 2, 2 rækker i alt") instead of a line, and is named by the
 * source's key of one column, as the rows of the other checks are.
 *
 * Values are worded from the database's text of them in maal's canonical
 * form (datacheck.c words the CSV field's raw text): a number exact,
 * without trailing zeros, with the source's decimal mark; a date ISO; a
 * yes/no 'ja' or 'nej'; a month 2007-03 and a quarter 2007K1 (kept as
 * dates, as sqlgen.c reads them).  The two agree when the file writes
 * values that way. */
#include "sqlcheck.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "datacheck.h"
#include "msg.h"

typedef struct {
  sql_dialect dia;
  ast_program *p;
  const data_decl *d;
  diag *dg;
  bool lines;   /* the table has SQL_LINE_COLUMN */
  long limit;   /* rows fetched per check; 0: all */
  int id_col;   /* the source's key of one column, or -1 */
  buf tbl;      /* the table, quoted */
} ckgen;

static const char *text_type(sql_dialect d) {
  return d == SQL_POSTGRESQL ? "TEXT" : d == SQL_SPARK ? "STRING" : "VARCHAR";
}

static void col(const ckgen *g, int i, buf *out) { sql_ident(g->dia, g->d->colv[i]->name, out); }

/* A comment line: the check as written has no line breaks (its blanks
 * are folded), but a comment is ended at one all the same. */
static void comment(buf *out, const char *indent, const char *a, const char *b) {
  buf_printf(out, "%s-- ", indent);
  for (const char *s = a; *s && *s != '\n' && *s != '\r'; s++) buf_addc(out, *s);
  if (b) {
    buf_adds(out, ": ");
    for (const char *s = b; *s && *s != '\n' && *s != '\r'; s++) buf_addc(out, *s);
  }
  buf_addc(out, '\n');
}

/* Whether a broken row of it is named by the source's key: as the CSV
 * path names it; and, in a table without lines, a row of 'unik' too (its
 * key is all that tells it from the rows with the same values). */
static bool with_id(const ckgen *g, const check_item *it) {
  if (g->id_col < 0 || it->kind == CK_ROWS || (it->kind == CK_UNIQUE && g->lines)) return false;
  for (size_t k = 0; k < it->ncols; k++)
    if (it->colv[k] == g->id_col) return false;
  return true;
}

/* Every column of 'unik' present. */
static void all_present(const ckgen *g, const check_item *it, buf *out) {
  for (size_t k = 0; k < it->ncols; k++) {
    if (k) buf_adds(out, " AND ");
    col(g, it->colv[k], out);
    buf_adds(out, " IS NOT NULL");
  }
}

/* A row breaks 'påkrævet', 'i' or a range: an SQL boolean, never NULL. */
static bool broken_cond(ckgen *g, const check_item *it, buf *out) {
  if (it->kind == CK_REQUIRED) {
    buf_addc(out, '(');
    for (size_t k = 0; k < it->ncols; k++) {
      if (k) buf_adds(out, " OR ");
      col(g, it->colv[k], out);
      buf_adds(out, " IS NULL");
    }
    buf_addc(out, ')');
    return true;
  }
  if (!it->cond) { /* a range without ends: the parser said so */
    buf_adds(out, "FALSE");
    return true;
  }
  /* a present value whose condition is false (not unknown) */
  buf_addc(out, '(');
  col(g, it->colv[0], out);
  buf_adds(out, " IS NOT NULL AND NOT COALESCE(");
  bool ok = sql_cond(g->dia, g->p, g->d, it->cond, out, g->dg);
  buf_adds(out, ", TRUE))");
  return ok;
}

/* The order the broken rows are shown in: by line, or (a table without
 * lines) by the source's key, then by the checked columns. */
static void order_by(const ckgen *g, const check_item *it, buf *out) {
  if (g->lines) {
    sql_ident(g->dia, SQL_LINE_COLUMN, out);
    return;
  }
  int seen[64];
  size_t n = 0;
  size_t nkey = g->d->rel ? g->d->rel->nkey : 0;
  for (size_t k = 0; k < nkey + it->ncols; k++) {
    int c = k < nkey ? g->d->rel->key[k] : it->colv[k - nkey];
    bool dup = false;
    for (size_t j = 0; j < n; j++)
      if (seen[j] == c) dup = true;
    if (dup) continue;
    if (n < sizeof seen / sizeof seen[0]) seen[n] = c;
    if (n++) buf_adds(out, ", ");
    col(g, c, out);
    if (g->dia == SQL_POSTGRESQL && g->d->colv[c]->type == T_TEXT) buf_adds(out, " COLLATE \"C\"");
  }
  if (!n) buf_adds(out, "1");
}

/* The count of rows that break check it, as a column of the counts. */
static bool count_expr(ckgen *g, const check_item *it, buf *out) {
  switch (it->kind) {
  case CK_UNIQUE:
    buf_adds(out, "(SELECT COALESCE(SUM(maal_n - 1), 0) FROM (SELECT COUNT(*) AS maal_n FROM ");
    buf_adds(out, buf_str(&g->tbl));
    buf_adds(out, " WHERE ");
    all_present(g, it, out);
    buf_adds(out, " GROUP BY ");
    for (size_t k = 0; k < it->ncols; k++) {
      if (k) buf_adds(out, ", ");
      col(g, it->colv[k], out);
    }
    buf_adds(out, ") AS maal_u)");
    return true;
  case CK_REQUIRED:
  case CK_IN:
  case CK_RANGE: {
    buf_adds(out, "COALESCE(SUM(CASE WHEN ");
    bool ok = broken_cond(g, it, out);
    buf_adds(out, " THEN 1 ELSE 0 END), 0)");
    return ok;
  }
  case CK_ROWS:
    buf_printf(out, "CASE WHEN COUNT(*) %s %lld THEN 1 ELSE 0 END", it->at_most ? ">" : "<", (long long)it->bound);
    return true;
  }
  return true;
}

static bool counts_sql(ckgen *g, buf *out) {
  bool ok = true;
  comment(out, "", M("the rows of the table, and for each check the rows that break it"), NULL);
  buf_adds(out, "SELECT COUNT(*) AS maal_rows");
  for (size_t i = 0; i < g->d->ncheck; i++) {
    const check_item *it = g->d->checkv[i];
    buf_adds(out, ",\n");
    comment(out, "  ", it->text, NULL);
    buf_adds(out, "  ");
    if (!count_expr(g, it, out)) ok = false;
    buf_printf(out, " AS maal_c%zu", i + 1);
  }
  buf_printf(out, "\nFROM %s;\n", buf_str(&g->tbl));
  return ok;
}

/* The columns of a shown row after maal_first. */
static void row_columns(const ckgen *g, const check_item *it, const char *from, buf *out) {
  if (with_id(g, it)) {
    buf_printf(out, ", CAST(%s", from);
    col(g, g->id_col, out);
    buf_printf(out, " AS %s) AS maal_id", text_type(g->dia));
  } else {
    buf_printf(out, ", CAST(NULL AS %s) AS maal_id", text_type(g->dia));
  }
  for (size_t k = 0; k < it->ncols; k++) {
    buf_printf(out, ", CAST(%s", from);
    col(g, it->colv[k], out);
    buf_printf(out, " AS %s) AS maal_v%zu", text_type(g->dia), k + 1);
  }
}

static void line_column(const ckgen *g, buf *out) {
  if (g->lines) sql_ident(g->dia, SQL_LINE_COLUMN, out);
  else buf_adds(out, "CAST(NULL AS BIGINT)");
  buf_adds(out, " AS maal_line");
}

/* The statement that fetches the rows shown of check it (not 'rækker'). */
static bool rows_sql(ckgen *g, const check_item *it, buf *out) {
  bool ok = true;
  const char *which = g->limit ? (g->lines ? M("the first rows that break it, by line")
                                           : M("the first rows that break it"))
                               : (g->lines ? M("every row that breaks it, by line") : M("every row that breaks it"));
  comment(out, "", it->text, which);
  buf_adds(out, "SELECT ");
  line_column(g, out);
  if (it->kind == CK_UNIQUE) {
    buf_adds(out, ", maal_first");
    row_columns(g, it, "", out);
    buf_adds(out, "\nFROM (SELECT maal_t.*, ROW_NUMBER() OVER (PARTITION BY ");
    buf parts = {0};
    for (size_t k = 0; k < it->ncols; k++) {
      if (k) buf_adds(&parts, ", ");
      col(g, it->colv[k], &parts);
    }
    buf_adds(out, buf_str(&parts));
    buf_adds(out, " ORDER BY ");
    order_by(g, it, out);
    buf_adds(out, ") AS maal_nr,\n             ");
    if (g->lines) {
      buf_adds(out, "MIN(");
      sql_ident(g->dia, SQL_LINE_COLUMN, out);
      buf_adds(out, ")");
    } else {
      buf_adds(out, "COUNT(*)");
    }
    buf_printf(out, " OVER (PARTITION BY %s) AS maal_first\n      FROM %s AS maal_t WHERE ", buf_str(&parts),
               buf_str(&g->tbl));
    buf_free(&parts);
    all_present(g, it, out);
    buf_adds(out, ") AS maal_u\nWHERE maal_nr > 1");
  } else {
    buf_adds(out, ", CAST(NULL AS BIGINT) AS maal_first");
    row_columns(g, it, "", out);
    buf_printf(out, "\nFROM %s\nWHERE ", buf_str(&g->tbl));
    ok = broken_cond(g, it, out);
  }
  buf_adds(out, "\nORDER BY ");
  order_by(g, it, out);
  if (g->limit) buf_printf(out, "\nLIMIT %ld", g->limit);
  buf_adds(out, ";\n");
  return ok;
}

static void gen_start(ckgen *g, sql_dialect dia, ast_program *p, const data_decl *d, diag *dg, bool lines,
                      bool all_rows) {
  *g = (ckgen){.dia = dia, .p = p, .d = d, .dg = dg, .lines = lines, .limit = all_rows ? 0 : CHECK_SHOWN};
  g->id_col = d->rel && d->rel->nkey == 1 ? d->rel->key[0] : -1;
  sql_table(dia, d, &g->tbl);
}

bool sql_checks_write(sql_dialect dia, ast_program *p, const data_decl *d, buf *out, diag *dg) {
  if (!d->ncheck) return true;
  ckgen g;
  gen_start(&g, dia, p, d, dg, true, false);
  bool ok = true;
  buf_adds(out, "-- ");
  buf_printf(out, M("the checks of the extract of data source '%s' (spec §4.7), table %s"), d->name, buf_str(&g.tbl));
  buf_addc(out, '\n');
  if (!counts_sql(&g, out)) ok = false;
  for (size_t i = 0; i < d->ncheck; i++) {
    if (d->checkv[i]->kind == CK_ROWS) continue;
    buf_addc(out, '\n');
    if (!rows_sql(&g, d->checkv[i], out)) ok = false;
  }
  buf_free(&g.tbl);
  return ok;
}

/* ---- running them in PostgreSQL ---- */

typedef struct {
  PGconn *c;
  const data_decl *d;
  FILE *err;
} run_ctx;

static PGresult *run(const run_ctx *r, const char *sql, int nparams, const char *const *params) {
  PGresult *res = PQexecParams(r->c, sql, nparams, NULL, params, NULL, NULL, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    const char *why = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    fprintf(r->err, T("maal: data '%s' (table %s): the database says: %s\n"), r->d->name, sql_table_plain(r->d),
            why ? why : PQerrorMessage(r->c));
    PQclear(res);
    return NULL;
  }
  return res;
}

static void bad_answer(const run_ctx *r, const char *what) {
  fprintf(r->err, T("maal: data '%s' (table %s): the checks of the extract: %s\n"), r->d->name,
          sql_table_plain(r->d), what);
}

static bool whole(const char *s, int64_t *out) {
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || end == s || *end || v < 0) return false;
  *out = v;
  return true;
}

/* Whether the table has the column of lines (the catalog, as the
 * session's search_path finds the table). */
static int has_lines(const run_ctx *r, const char *quoted_table, bool *lines) {
  const char *params[2] = {quoted_table, SQL_LINE_COLUMN};
  PGresult *res = run(r,
                      "SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2"
                      " AND attnum > 0 AND NOT attisdropped",
                      2, params);
  if (!res) return -1;
  *lines = PQntuples(res) > 0;
  PQclear(res);
  return 0;
}

/* A value's text from the database in maal's canonical form (the top comment). */
static void canonical(const data_decl *d, int i, const char *s, buf *out) {
  size_t n = strlen(s);
  int32_t days;
  char t[16];
  switch (d->colv[i]->type) {
  case T_INT:
  case T_DEC: {
    const char *dot = memchr(s, '.', n);
    if (dot && !memchr(s, 'e', n) && !memchr(s, 'E', n)) {
      while (n > 1 && s[n - 1] == '0') n--;
      if (s[n - 1] == '.') n--;
    }
    for (size_t k = 0; k < n; k++) buf_addc(out, s[k] == '.' && d->decimal ? d->decimal : s[k]);
    return;
  }
  case T_BOOL:
    if (!strcmp(s, "t") || !strcmp(s, "true")) buf_adds(out, "ja");
    else if (!strcmp(s, "f") || !strcmp(s, "false")) buf_adds(out, "nej");
    else buf_adds(out, s);
    return;
  case T_DATE:
  case T_MONTH:
  case T_QUARTER:
    /* a date, or a timestamp: its first ten characters */
    if (n < 10 || (n > 10 && s[10] != ' ' && s[10] != 'T') || !cal_parse_date(s, 10, &days)) break;
    if (d->colv[i]->type == T_DATE) {
      cal_format_date(days, t);
    } else {
      int32_t m = cal_month_of_date(days);
      if (d->colv[i]->type == T_MONTH) cal_format_month(m, t);
      else cal_format_quarter(cal_quarter_of_month(m), t);
    }
    buf_adds(out, t);
    return;
  default:
    break;
  }
  buf_adds(out, s);
}

/* column's value at (row, f) worded into w: "alder 101" */
static void word_value(const data_decl *d, int i, PGresult *res, int row, int f, buf *w, buf *tmp) {
  tmp->len = 0;
  canonical(d, i, PQgetvalue(res, row, f), tmp);
  check_word_value(w, d->colv[i]->name, tmp->s ? tmp->s : "", tmp->len);
}

enum { F_LINE, F_FIRST, F_ID, F_V1 };

/* The rows shown of check it from the database's answer. */
static int shown_rows(const run_ctx *r, const ckgen *g, const check_item *it, PGresult *res, arena *a, rep_check *o) {
  int n = PQntuples(res);
  if (PQnfields(res) != F_V1 + (int)it->ncols) {
    bad_answer(r, M("not the columns maal asked for"));
    return -1;
  }
  if (!n) return 0;
  rep_check_row *v = arena_alloc(a, (size_t)n * sizeof *v);
  buf w = {0}, tmp = {0};
  const char **names = xmalloc((it->ncols + 1) * sizeof *names);
  int rc = 0;
  for (int row = 0; row < n && !rc; row++) {
    int64_t line = 0, first = 0;
    if ((!PQgetisnull(res, row, F_LINE) && (!whole(PQgetvalue(res, row, F_LINE), &line) || line > UINT32_MAX)) ||
        (!PQgetisnull(res, row, F_FIRST) && (!whole(PQgetvalue(res, row, F_FIRST), &first) || first > UINT32_MAX))) {
      bad_answer(r, M("a line maal cannot read"));
      rc = -1;
      break;
    }
    const char *id = NULL;
    if (g->id_col >= 0 && !PQgetisnull(res, row, F_ID)) {
      w.len = 0;
      word_value(g->d, g->id_col, res, row, F_ID, &w, &tmp);
      id = arena_strdup(a, buf_str(&w));
    }
    w.len = 0;
    if (it->kind == CK_REQUIRED) {
      size_t nmiss = 0;
      for (size_t k = 0; k < it->ncols; k++)
        if (PQgetisnull(res, row, F_V1 + (int)k)) names[nmiss++] = g->d->colv[it->colv[k]]->name;
      check_word_missing(&w, names, nmiss);
    } else {
      size_t nv = it->kind == CK_UNIQUE ? it->ncols : 1;
      for (size_t k = 0; k < nv; k++) word_value(g->d, it->colv[k], res, row, F_V1 + (int)k, &w, &tmp);
      if (it->kind == CK_UNIQUE) {
        if (g->lines) check_word_first_line(&w, (uint32_t)first);
        else check_word_in_all(&w, first);
      }
    }
    v[row] = (rep_check_row){.line = (uint32_t)line, .id = id, .what = arena_strdup(a, buf_str(&w))};
  }
  free(names);
  buf_free(&w);
  buf_free(&tmp);
  if (rc) return rc;
  o->shown = v;
  o->nshown = (size_t)n;
  return 0;
}

int pg_checks_run(PGconn *c, sql_dialect dia, ast_program *p, const data_decl *d, bool all_rows, arena *a,
                  rep_check *out, FILE *err) {
  if (!d->ncheck) return 0;
  run_ctx r = {.c = c, .d = d, .err = err};
  ckgen g;
  gen_start(&g, dia, p, d, NULL, true, all_rows);
  diag *dg = diag_new(p->path ? p->path : "", "", 0);
  g.dg = dg;
  int rc = has_lines(&r, buf_str(&g.tbl), &g.lines);
  buf sql = {0};
  PGresult *res = NULL;
  if (!rc && !counts_sql(&g, &sql)) {
    fprintf(err, T("maal: data '%s': its checks cannot be written as SQL (%s)\n"), d->name, sql_dialect_name(dia));
    rc = -1;
  }
  if (!rc) res = run(&r, buf_str(&sql), 0, NULL);
  if (!rc && !res) rc = -1;
  int64_t rows = 0;
  if (!rc && (PQntuples(res) != 1 || PQnfields(res) != 1 + (int)d->ncheck || !whole(PQgetvalue(res, 0, 0), &rows))) {
    bad_answer(&r, M("not the counts maal asked for"));
    rc = -1;
  }
  for (size_t i = 0; !rc && i < d->ncheck; i++) {
    const check_item *it = d->checkv[i];
    int64_t broken = 0;
    if (PQgetisnull(res, 0, 1 + (int)i) || !whole(PQgetvalue(res, 0, 1 + (int)i), &broken)) {
      bad_answer(&r, M("not the counts maal asked for"));
      rc = -1;
      break;
    }
    out[i].shown = NULL;
    out[i].nshown = 0;
    check_result(d, it, rows, broken, &out[i]);
    if (it->kind == CK_ROWS || !broken) continue;
    sql.len = 0;
    if (!rows_sql(&g, it, &sql)) {
      fprintf(err, T("maal: data '%s': its checks cannot be written as SQL (%s)\n"), d->name, sql_dialect_name(dia));
      rc = -1;
      break;
    }
    PGresult *shown = run(&r, buf_str(&sql), 0, NULL);
    if (!shown) {
      rc = -1;
      break;
    }
    rc = shown_rows(&r, &g, it, shown, a, &out[i]);
    PQclear(shown);
  }
  PQclear(res);
  buf_free(&sql);
  buf_free(&g.tbl);
  diag_free(dg);
  return rc;
}
