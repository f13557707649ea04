/* eval.h — evaluate a checked program against its data and build the
 * status table.  Each data file is read once: every goal measured on it is
 * updated row by row in the same pass. */
#ifndef MAAL_EVAL_H
#define MAAL_EVAL_H

#include <stdio.h>

#include "ast.h"
#include "report.h"

typedef struct eval_result eval_result;

/* Evaluate.  Returns NULL after printing data errors (file, line, column,
 * what was wrong) to `err`; the caller exits with status 2.  With
 * `progress`, a line on `err` tells how far a long read has come (rows,
 * MB/s, time left), rewritten in place: for a terminal only. */
eval_result *eval_run(ast_program *p, FILE *err, bool progress);

/* The status table, owned by the result. */
const rep_table *eval_table(const eval_result *r);

void eval_free(eval_result *r);

#endif
