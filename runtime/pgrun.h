/* pgrun.h — maal run --engine (spec §12.14): each source's query runs
 * inside PostgreSQL, and its rows fill the accumulators that the
 * evaluator's own pass would have filled; judging and reporting are the
 * evaluator's (eval_run_engine). */
#ifndef MAAL_PGRUN_H
#define MAAL_PGRUN_H

#include <libpq-fe.h>

#include "eval.h"
#include "sqlgen.h"

typedef struct {
  PGconn *conn;
  const sql_plan *plan; /* built for SQL_POSTGRESQL */
  bool all_rows;        /* run --rows: every row that breaks a check, not the first five */
} pgrun_ctx;

/* An eval_reader (eval.h); ctx is a pgrun_ctx. */
int pgrun_source(ast_program *p, data_decl *d, eval_result *res, rep_source *out, FILE *err, void *ctx);

#endif
