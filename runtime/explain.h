/* explain.h — how one goal's status came about, in sentences a policy
 * officer can read (maal explain FILE GOAL-ID). */
#ifndef MAAL_EXPLAIN_H
#define MAAL_EXPLAIN_H

#include <stdio.h>

#include "ast.h"
#include "diag.h"
#include "report.h"

typedef struct {
  bool english; /* --lang en; Danish otherwise */
  bool rows;    /* --rows: list the ids of the rows counted and not counted */
} xpl_options;

/* Explain goal `id` of the checked program p, whose table `t` was just
 * evaluated; d holds the sources (for the conditions' wording).  Returns 0,
 * 2 after a data error, or 3 if there is no such goal (both to err). */
int xpl_explain(ast_program *p, const rep_table *t, const diag *d, const char *id, const xpl_options *o,
                FILE *out, FILE *err);

#endif
