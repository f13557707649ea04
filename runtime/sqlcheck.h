/* sqlcheck.h — the checks of the extract (spec §4.7) as SQL (spec
 * §12.14): which rows of a source's table break each of its checks,
 * counted and the first of them fetched inside the database, worded as
 * the pass over the CSV words them (datacheck.c). */
#ifndef MAAL_SQLCHECK_H
#define MAAL_SQLCHECK_H

#include <libpq-fe.h>

#include "report.h"
#include "sqlgen.h"

/* The column in which `maal load` keeps each row's line of the CSV file;
 * a table without it has rows without lines (spec §12.14). */
#define SQL_LINE_COLUMN "maal_linje"

/* The SQL that finds what breaks d's checks, appended to out: readable,
 * commented with each check's text (maal sql prints it).  It is written
 * for a table that `maal load` made (rows ordered by their line, the
 * first CHECK_SHOWN of each check).  false after a located error in dg
 * for what the dialect cannot express. */
bool sql_checks_write(sql_dialect dia, ast_program *p, const data_decl *d, buf *out, diag *dg);

/* Run d's checks inside PostgreSQL and fill out[0 .. d->ncheck) exactly as
 * datacheck.c's checks_finish does after a pass over the CSV (rows = the
 * table's row count, broken counts, the first CHECK_SHOWN (5) broken rows,
 * or all with all_rows), strings in arena a.  0, or -1 after saying why
 * on err.  The goals of each rep_check are left for eval.c. */
int pg_checks_run(PGconn *c, sql_dialect dia, ast_program *p, const data_decl *d, bool all_rows, arena *a,
                  rep_check *out, FILE *err);

#endif
