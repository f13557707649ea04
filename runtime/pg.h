/* pg.h — PostgreSQL through libpq (spec §12.14): connecting, running a
 * statement with its errors said in maal's words, the columns of a
 * table from the catalog (for check and run --engine), and loading a
 * rule file's CSV sources into tables (maal load). */
#ifndef MAAL_PG_H
#define MAAL_PG_H

#include <libpq-fe.h>
#include <stdio.h>

#include "ast.h"
#include "diag.h"

/* Connect to a postgresql:// URL (or a libpq keyword string); the session
 * speaks UTF-8 with ISO dates.  NULL after saying why on err. */
PGconn *pg_connect(const char *url, FILE *err);
/* Run one statement that returns rows (or a command): NULL after saying
 * what the server said on err, the statement's first line with it. */
PGresult *pg_exec(PGconn *c, const char *sql, FILE *err);

/* chk_options.load_columns for a source read from a table (ctx: a
 * pg_columns_ctx): its columns and their types from the catalog; declared
 * columns must exist with a type that holds theirs; a located error in
 * dg when not. */
typedef struct {
  PGconn *conn;
  FILE *err;
} pg_columns_ctx;
int pg_load_columns(ast_program *p, data_decl *d, diag *dg, void *ctx);

/* maal load: every CSV source of the checked program, read with maal's
 * own reader, into a table of the same name (or the --data pg: name),
 * all in one transaction: each table is created whole or not at all, and
 * a data error in one source leaves no table of any; an existing table
 * is an error unless replace.  A line per table on standard output when
 * done.  0, or the exit status (2). */
int pg_load(ast_program *p, PGconn *c, bool replace, FILE *err);

#endif
