/* pg.c — PostgreSQL through libpq (spec §12.14): the connection, a
 * statement with the server's words on failure, a source's columns from
 * the catalog, and maal load: CSV sources read with maal's own reader,
 * copied into tables. */
#include "pg.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "eval_internal.h"
#include "msg.h"
#include "source.h"
#include "sqlgen.h"
#include "sqlcheck.h"

/* The comments maal load puts on a date column that holds months or
 * quarters (their first day): the catalog says date, the comment says
 * which. */
#define PG_MONTH_COMMENT "maal: måned"
#define PG_QUARTER_COMMENT "maal: kvartal"

enum { COPY_CHUNK = 1 << 20 }; /* bytes gathered before PQputCopyData */

/* The first line of a libpq message, which ends in a newline and may go
 * on with a hint on the next lines: messages here are one line. */
static int line_len(const char *s) { return (int)strcspn(s, "\n"); }

/* Notices (DROP TABLE IF EXISTS on no table) are not errors: libpq would
 * print them on stderr, between maal's own lines. */
static void quiet(void *arg, const char *message) {
  (void)arg;
  (void)message;
}

PGconn *pg_connect(const char *url, FILE *err) {
  PGconn *c = PQconnectdb(url);
  if (!c || PQstatus(c) != CONNECTION_OK) {
    /* the URL may hold a password: libpq's words name the server instead */
    const char *why = c ? PQerrorMessage(c) : M("out of memory");
    fprintf(err, T("maal: cannot connect to the database: %.*s\n"), line_len(why), why);
    PQfinish(c);
    return NULL;
  }
  PQsetNoticeProcessor(c, quiet, NULL);
  PGresult *r = pg_exec(c,
                        "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; "
                        "SET extra_float_digits = 3; SET intervalstyle = 'postgres'",
                        err);
  if (!r) {
    PQfinish(c);
    return NULL;
  }
  PQclear(r);
  return c;
}

/* r when it holds rows or a command's success; else NULL after saying
 * what the server said, with the statement's first line. */
static PGresult *checked(PGconn *c, PGresult *r, const char *sql, FILE *err) {
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) return r;
  const char *why = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  if (!why || !*why) why = PQerrorMessage(c);
  fprintf(err, T("maal: PostgreSQL: %.*s (in: %.*s)\n"), line_len(why), why, line_len(sql), sql);
  PQclear(r);
  return NULL;
}

PGresult *pg_exec(PGconn *c, const char *sql, FILE *err) { return checked(c, PQexec(c, sql), sql, err); }


/* ---- the table a source is read from ---- */

/* "register.borgere" -> schema "register", table "borgere"; a name
 * without a dot is in the session's current schema (schema NULL). */
typedef struct {
  char *schema, *table;
} qualified;

static qualified split_table(const char *name) {
  const char *dot = strchr(name, '.');
  if (!dot) return (qualified){NULL, xstrdup(name)};
  return (qualified){xstrndup(name, (size_t)(dot - name)), xstrdup(dot + 1)};
}

static void qualified_free(qualified *q) {
  free(q->schema);
  free(q->table);
}

/* The name quoted for PostgreSQL: "schema"."table" or "table". */
static bool quote_table(PGconn *c, const qualified *q, buf *out) {
  const char *parts[2] = {q->schema, q->table};
  for (int i = 0; i < 2; i++) {
    if (!parts[i]) continue;
    char *id = PQescapeIdentifier(c, parts[i], strlen(parts[i]));
    if (!id) return false;
    if (out->len) buf_addc(out, '.');
    buf_adds(out, id);
    PQfreemem(id);
  }
  return true;
}

/* ---- the catalog: columns and their types ---- */

static const char columns_sql[] =
    "SELECT c.column_name, c.data_type, c.udt_name,\n"
    "       col_description((quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass,\n"
    "                       c.ordinal_position::int)\n"
    "FROM information_schema.columns c\n"
    "WHERE c.table_schema = coalesce($1, current_schema()) AND c.table_name = $2\n"
    "ORDER BY c.ordinal_position";

/* What a catalog type holds for maal, T_NONE when maal cannot read it
 * exactly.  A date column is a month or a quarter when its comment says so. */
static vtype catalog_type(const char *type, const char *comment) {
  static const struct {
    const char *name;
    vtype t;
  } types[] = {{"smallint", T_INT}, {"integer", T_INT}, {"bigint", T_INT}, {"numeric", T_DEC},
               {"text", T_TEXT}, {"character varying", T_TEXT}, {"character", T_TEXT}, {"boolean", T_BOOL}};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (!strcmp(types[i].name, type)) return types[i].t;
  if (strcmp(type, "date")) return T_NONE;
  if (comment && !strcmp(comment, PG_MONTH_COMMENT)) return T_MONTH;
  if (comment && !strcmp(comment, PG_QUARTER_COMMENT)) return T_QUARTER;
  return T_DATE;
}

/* The type as the catalog names it: udt_name for a domain, an enum or an array. */
static const char *type_shown(const PGresult *r, int i) {
  const char *t = PQgetvalue(r, i, 1);
  return !strcmp(t, "USER-DEFINED") || !strcmp(t, "ARRAY") ? PQgetvalue(r, i, 2) : t;
}

static bool is_float(const char *type) { return !strcmp(type, "real") || !strcmp(type, "double precision"); }

/* A column maal cannot read: said at sp. */
static void unreadable_type(diag *dg, span sp, const data_decl *d, const char *table, const char *col, const char *type) {
  if (is_float(type))
    diag_error(dg, sp,
               "data '%s': column '%s' of table '%s' is %s, floating point, which does not hold decimals exactly; "
               "make it numeric",
               d->name, col, table, type);
  else
    diag_error(dg, sp,
               "data '%s': column '%s' of table '%s' is %s, which maal does not read "
               "(use bigint, numeric, text, boolean or date)",
               d->name, col, table, type);
}

/* Does a catalog column of type ct (T_NONE: unreadable) hold what a
 * column declared t holds?  A decimal column may be any integer type too;
 * a month or a quarter only a date column with maal load's comment. */
static bool fits(vtype declared, vtype ct) { return ct == declared || (declared == T_DEC && ct == T_INT); }

static int declared_columns(ast_program *p, data_decl *d, diag *dg, const PGresult *r, const char *table) {
  int n = PQntuples(r), rc = 0;
  size_t ncols = 0;
  for (column_decl *c = d->cols; c; c = c->next) ncols++;
  d->colv = arena_alloc(p->arena, (ncols ? ncols : 1) * sizeof *d->colv);
  for (column_decl *c = d->cols; c; c = c->next) {
    int i = 0;
    while (i < n && strcmp(PQgetvalue(r, i, 0), c->name)) i++;
    if (i == n) {
      diag_error(dg, c->sp, "column '%s' is declared, but table '%s' has no such column", c->name, table);
      rc = -1;
      continue;
    }
    const char *type = type_shown(r, i);
    vtype ct = catalog_type(PQgetvalue(r, i, 1), PQgetisnull(r, i, 3) ? NULL : PQgetvalue(r, i, 3));
    if (ct == T_NONE) {
      unreadable_type(dg, c->sp, d, table, c->name, type);
      rc = -1;
      continue;
    }
    if (!fits(c->type, ct)) {
      diag_error(dg, c->sp, "column '%s' is declared to hold %s, but in table '%s' it is %s%s", c->name,
                 src_type_words(c->type, '.'), table, type,
                 ct == T_DATE && (c->type == T_MONTH || c->type == T_QUARTER)
                     ? M(" without maal load's comment 'maal: måned' or 'maal: kvartal'")
                     : "");
      rc = -1;
      continue;
    }
    c->pos = i;
    d->colv[d->ncol++] = c;
  }
  return rc;
}

static int inferred_columns(ast_program *p, data_decl *d, diag *dg, const PGresult *r, const char *table) {
  int n = PQntuples(r), rc = 0;
  d->colv = arena_alloc(p->arena, (size_t)n * sizeof *d->colv);
  for (int i = 0; i < n; i++) {
    if (!strcmp(PQgetvalue(r, i, 0), SQL_LINE_COLUMN)) continue; /* maal load's line of each row */
    vtype ct = catalog_type(PQgetvalue(r, i, 1), PQgetisnull(r, i, 3) ? NULL : PQgetvalue(r, i, 3));
    if (ct == T_NONE) {
      unreadable_type(dg, d->sp, d, table, PQgetvalue(r, i, 0), type_shown(r, i));
      rc = -1;
      continue;
    }
    column_decl *c = arena_alloc(p->arena, sizeof *c);
    *c = (column_decl){.name = arena_strdup(p->arena, PQgetvalue(r, i, 0)), .sp = d->sp, .type = ct, .pos = i,
                       .inferred = true};
    d->colv[d->ncol++] = c;
  }
  return rc;
}

int pg_load_columns(ast_program *p, data_decl *d, diag *dg, void *ctx) {
  pg_columns_ctx *pc = ctx;
  const char *table = sql_table_plain(d);
  qualified q = split_table(table);
  const char *params[2] = {q.schema, q.table};
  PGresult *r = PQexecParams(pc->conn, columns_sql, 2, NULL, params, NULL, NULL, 0);
  qualified_free(&q);
  /* nothing is read from a file: the rows come from the table, and
     PostgreSQL writes numeric with a decimal point */
  d->open_path = NULL;
  d->decimal = '.';
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    const char *why = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    if (!why) why = PQerrorMessage(pc->conn);
    diag_error(dg, d->sp, "data '%s': cannot read the columns of table '%s': %.*s", d->name, table, line_len(why), why);
    PQclear(r);
    return -1;
  }
  int rc;
  if (PQntuples(r) == 0) {
    diag_error(dg, d->sp, "data '%s': the database has no table '%s' (maal load creates it from the CSV file)", d->name,
               table);
    rc = -1;
  } else {
    rc = d->cols_declared ? declared_columns(p, d, dg, r, table) : inferred_columns(p, d, dg, r, table);
  }
  PQclear(r);
  return rc;
}

/* ---- maal load ---- */

static const char *pg_type(vtype t) {
  switch (t) {
  case T_INT: return "bigint";
  case T_DEC: return "numeric";
  case T_BOOL: return "boolean";
  case T_DATE: case T_MONTH: case T_QUARTER: return "date";
  default: return "text";
  }
}

/* CREATE TABLE and the comments that tell months and quarters from dates. */
static void create_sql(PGconn *c, const data_decl *d, const char *table, buf *sql) {
  buf_printf(sql, "CREATE TABLE %s (", table);
  for (size_t i = 0; i < d->ncol; i++) {
    char *id = PQescapeIdentifier(c, d->colv[i]->name, strlen(d->colv[i]->name));
    buf_printf(sql, "%s%s %s", i ? ", " : "", id ? id : "", pg_type(d->colv[i]->type));
    PQfreemem(id);
  }
  /* each row's line in the file: the checks of the extract name it (sqlcheck.c) */
  buf_printf(sql, "%s%s bigint", d->ncol ? ", " : "", SQL_LINE_COLUMN);
  buf_adds(sql, ");\n");
  for (size_t i = 0; i < d->ncol; i++) {
    vtype t = d->colv[i]->type;
    if (t != T_MONTH && t != T_QUARTER) continue;
    char *id = PQescapeIdentifier(c, d->colv[i]->name, strlen(d->colv[i]->name));
    buf_printf(sql, "COMMENT ON COLUMN %s.%s IS '%s';\n", table, id ? id : "",
               t == T_MONTH ? PG_MONTH_COMMENT : PG_QUARTER_COMMENT);
    PQfreemem(id);
  }
}

/* One value in COPY's text format: \N for missing, backslash escapes in
 * text, numbers with every digit, dates ISO, months and quarters as their
 * first day. */
static void copy_value(const value *v, buf *out) {
  char tmp[64];
  int32_t first, last;
  switch (v->kind) {
  case V_MISSING: buf_adds(out, "\\N"); return;
  case V_NUM: num_format_exact(v->u.n, 18, tmp, sizeof tmp); break;
  case V_BOOL: buf_addc(out, v->u.b ? 't' : 'f'); return;
  case V_DATE: cal_format_date(v->u.date, tmp); break;
  case V_MONTH: cal_month_days(v->u.month, &first, &last); cal_format_date(first, tmp); break;
  case V_QUARTER: cal_quarter_days(v->u.quarter, &first, &last); cal_format_date(first, tmp); break;
  case V_TEXT:
    for (size_t i = 0; i < v->u.t.len; i++) {
      char ch = v->u.t.s[i];
      const char *esc = ch == '\\' ? "\\\\" : ch == '\t' ? "\\t" : ch == '\n' ? "\\n" : ch == '\r' ? "\\r" : NULL;
      if (esc) buf_adds(out, esc);
      else buf_addc(out, ch);
    }
    return;
  default: buf_adds(out, "\\N"); return;
  }
  buf_adds(out, tmp);
}

static bool put_copy(PGconn *c, buf *b, FILE *err) {
  if (!b->len) return true;
  bool ok = PQputCopyData(c, buf_str(b), (int)b->len) == 1;
  if (!ok) fprintf(err, T("maal: PostgreSQL: %.*s (in: COPY)\n"), line_len(PQerrorMessage(c)), PQerrorMessage(c));
  buf_clear(b);
  return ok;
}

/* COPY the rows of d into table: read with the evaluator's own reader, so
 * a value is what `maal run` would read, and a broken row is said as it
 * would say it.  The rows read, or -1 (COPY is ended either way). */
static int64_t copy_rows(ast_program *p, PGconn *c, data_decl *d, const char *table, FILE *err) {
  buf sql = {0}, rows = {0};
  buf_printf(&sql, "COPY %s FROM STDIN", table);
  PGresult *r = PQexec(c, buf_str(&sql));
  bool ok = PQresultStatus(r) == PGRES_COPY_IN;
  if (!ok) checked(c, r, buf_str(&sql), err); /* says why, and clears r */
  else PQclear(r);
  buf_free(&sql);
  if (!ok) return -1;
  plan pl;
  plan_build(p, NULL, 0, &pl);
  scan sc;
  bool opened = scan_open(&sc, p, d, &pl, false, err);
  ok = opened;
  while (ok && scan_next(&sc)) {
    for (size_t i = 0; i < d->ncol; i++) {
      if (i) buf_addc(&rows, '\t');
      copy_value(&sc.r.vals[i], &rows);
    }
    buf_printf(&rows, "%s%u\n", d->ncol ? "\t" : "", sc.r.line);
    if (rows.len >= COPY_CHUNK) ok = put_copy(c, &rows, err);
  }
  int64_t n = opened ? (int64_t)sc.rows : -1;
  if (opened && scan_close(&sc) != 0) ok = false; /* broken rows: said by the reader */
  ok = ok && put_copy(c, &rows, err);
  buf_free(&rows);
  plan_free(&pl);
  /* a failed read ends COPY with an error, which rolls it back */
  if (PQputCopyEnd(c, ok ? NULL : "maal: the data has errors") != 1) ok = false;
  r = PQgetResult(c);
  if (!ok) PQclear(r); /* the error we ended COPY with: already said */
  else if ((r = checked(c, r, "COPY", err))) PQclear(r);
  else ok = false;
  while ((r = PQgetResult(c))) PQclear(r);
  return ok ? n : -1;
}

/* Indexes on the columns a run joins by (spec §5.9, §5.10): the key, and
 * each reference; then the planner's statistics.  Not a primary key: a
 * key seen twice is a data error that run says with its value (pgrun.c),
 * not a failed load. */
static bool index_links(PGconn *c, const data_decl *d, const char *table, FILE *err) {
  const rel_source *x = d->rel;
  buf sql = {0};
  for (size_t i = 0; x && i < x->nkey + x->nrefs; i++) {
    int col = i < x->nkey ? x->key[i] : x->refs[i - x->nkey].col;
    if (i < x->nkey && i) continue; /* the key's columns together, once */
    buf_printf(&sql, "CREATE INDEX ON %s (", table);
    for (size_t k = 0; k < (i < x->nkey ? x->nkey : 1); k++) {
      int kc = i < x->nkey ? x->key[k] : col;
      char *id = PQescapeIdentifier(c, d->colv[kc]->name, strlen(d->colv[kc]->name));
      buf_printf(&sql, "%s%s", k ? ", " : "", id ? id : "");
      PQfreemem(id);
    }
    buf_adds(&sql, ");\n");
  }
  buf_printf(&sql, "ANALYZE %s;\n", table);
  PGresult *r = checked(c, PQexec(c, buf_str(&sql)), buf_str(&sql), err);
  buf_free(&sql);
  PQclear(r);
  return r != NULL;
}

/* Create d's table and copy its rows; a line for the summary on done. */
static bool load_source(ast_program *p, PGconn *c, data_decl *d, bool replace, buf *done, FILE *err) {
  const char *plain = sql_table_plain(d);
  qualified q = split_table(plain);
  buf table = {0}, sql = {0};
  bool ok = quote_table(c, &q, &table);
  qualified_free(&q);
  if (!ok) /* not UTF-8, or out of memory: libpq says which */
    fprintf(err, T("maal: PostgreSQL: %.*s (in: %s)\n"), line_len(PQerrorMessage(c)), PQerrorMessage(c), plain);
  if (ok && replace) buf_printf(&sql, "DROP TABLE IF EXISTS %s;\n", buf_str(&table));
  if (ok) create_sql(c, d, buf_str(&table), &sql);
  PGresult *r = ok ? PQexec(c, buf_str(&sql)) : NULL;
  const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  if (state && !strcmp(state, "42P07")) { /* duplicate_table */
    fprintf(err, T("maal: data '%s': table '%s' exists; --replace replaces it\n"), d->name, plain);
    PQclear(r);
    ok = false;
  } else if (ok) {
    r = checked(c, r, buf_str(&sql), err);
    ok = r != NULL;
    PQclear(r);
  }
  int64_t n = ok ? copy_rows(p, c, d, buf_str(&table), err) : -1;
  if (n >= 0 && !index_links(c, d, buf_str(&table), err)) n = -1;
  if (n >= 0) {
    char count[32];
    num_format_da(num_int(n), 0, count, sizeof count);
    buf_printf(done, T("%s: %s rows → %s\n"), d->name, count, buf_str(&table));
  }
  buf_free(&table);
  buf_free(&sql);
  return n >= 0;
}

/* Every source of the program is loaded, whether or not a goal reads it
 * (a check, an indicator table and a later version of the rules may),
 * all in one transaction: every table is there whole, or none is. */
int pg_load(ast_program *p, PGconn *c, bool replace, FILE *err) {
  PGresult *r = pg_exec(c, "BEGIN", err);
  if (!r) return 2;
  PQclear(r);
  buf done = {0};
  bool ok = true;
  for (int i = 0; i < p->ndata && ok; i++) ok = load_source(p, c, p->datav[i], replace, &done, err);
  r = pg_exec(c, ok ? "COMMIT" : "ROLLBACK", err);
  if (!r) ok = false;
  PQclear(r);
  if (ok) fputs(buf_str(&done), stdout);
  buf_free(&done);
  return ok ? 0 : 2;
}
