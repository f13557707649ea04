/* sqlgen.h — the rules as SQL (spec §12.14): for each data source, one
 * query that computes what the evaluator's pass would have counted for
 * every goal measured on it (group sizes, hits, rows left out as unknown,
 * sums, extremes, distinct values, per breakdown part and per 'average
 * over' part).  `maal sql` prints the queries; `maal run --engine`
 * (pgrun.c) runs them and judges their numbers with the evaluator's own
 * code.  Built from the checked program; what a dialect cannot express
 * is a located error, never a different query. */
#ifndef MAAL_SQLGEN_H
#define MAAL_SQLGEN_H

#include <stdio.h>

#include "ast.h"
#include "diag.h"

typedef enum { SQL_POSTGRESQL, SQL_DUCKDB, SQL_SPARK, SQL_TRINO } sql_dialect;

/* "postgresql", "duckdb", "spark", "trino"; false for anything else. */
bool sql_dialect_parse(const char *name, sql_dialect *out);
const char *sql_dialect_name(sql_dialect d);

/* An identifier quoted for the dialect: "navn" (PostgreSQL, DuckDB,
 * Trino), `navn` (Spark); appended to out. */
void sql_ident(sql_dialect d, const char *name, buf *out);

/* The table a data source is read from, quoted for the dialect: the
 * source's own name, or what `--data NAME=pg:SCHEMA.TABLE` (or
 * `pg:TABLE`) names (d->resolved_path starts with "pg:").  Appended to out. */
void sql_table(sql_dialect d, const data_decl *src, buf *out);
/* The same, unquoted and as given: "register.borgere" or "borgere". */
const char *sql_table_plain(const data_decl *src);

/* A condition on the rows of src as an SQL boolean (NULL: unknown), in
 * the evaluator's three-valued semantics; appended to out.  false after
 * reporting in dg what the dialect cannot express. */
bool sql_cond(sql_dialect d, ast_program *p, const data_decl *src, const expr *e, buf *out, diag *dg);

/* What one row of a source's query is (pgrun.c reads it back). */
typedef enum { SQLR_TOTAL = 'T', SQLR_PART = 'P', SQLR_UNSURE_PART = 'V', SQLR_OVER = 'O', SQLR_INDICATOR = 'I', SQLR_ROWS = 'N' } sql_row_kind;

typedef struct {
  const data_decl *source;
  char *text;   /* the query, commented with the goal ids */
  char *checks;   /* its checks of the extract as SQL (sqlcheck.c), or NULL */
  char *precheck; /* its keys, references and dates checked (spec §4.6): what
                     is wrong, one row each; NULL when it declares none */
} sql_query;

typedef struct {
  sql_dialect dialect;
  sql_query *q;  /* one per data source that a goal measures */
  size_t n;
} sql_plan;

/* NULL after reporting (in dg, at the construct) what the dialect cannot
 * express; every such construct is reported, not only the first. */
sql_plan *sql_plan_build(ast_program *p, sql_dialect dialect, diag *dg);
/* The queries, as `maal sql` prints them.  0, or -1 on a write error. */
int sql_plan_write(const sql_plan *pl, const ast_program *p, FILE *out);
void sql_plan_free(sql_plan *pl);

#endif
