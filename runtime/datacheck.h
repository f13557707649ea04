/* datacheck.h — the checks of the extract (spec §4.7), run in the pass
 * over a source (scan.c).  Internal to the evaluator. */
#ifndef MAAL_DATACHECK_H
#define MAAL_DATACHECK_H

#include "eval_internal.h"

typedef struct check_run check_run;

/* NULL when d has no checks; every function takes NULL and does nothing.
 * r: a row context to evaluate the constants of 'i (…)' once. */
check_run *checks_start(const data_decl *d, row_ctx *r, bool all_rows, arena *a);
void checks_row(check_run *cr, row_ctx *r, const csv_record *rec);
/* out: d->ncheck entries, filled; strings in the arena given at the start. */
void checks_finish(check_run *cr, uint64_t rows, rep_check *out);
void checks_free(check_run *cr);

#endif
