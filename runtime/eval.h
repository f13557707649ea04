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
/* The same; check_rows: keep every row that breaks a check of the extract
 * (spec §4.7, 'run --rows'), not only the first few. */
eval_result *eval_run_rows(ast_program *p, FILE *err, bool progress, bool check_rows, bool digest);

/* A pass over one source made elsewhere (pgrun.c: by a database): it
 * fills the accumulators of every goal measured on d, and out with what
 * the report says of the source.  0, or non-zero after saying why on err. */
typedef int eval_reader(ast_program *p, data_decl *d, eval_result *res, rep_source *out, FILE *err, void *ctx);
/* eval_run with every source read by `read` (spec §12.14). */
eval_result *eval_run_engine(ast_program *p, FILE *err, eval_reader *read, void *ctx);

/* The status table, owned by the result. */
const rep_table *eval_table(const eval_result *r);

/* ---- the details behind one goal (maal explain) ---- */

typedef struct {
  const char *column;
  int64_t rows;
} eval_missing;

/* One step of the way to the goal's rows: a group's condition (or the
 * measure's own 'where'): how many rows it was asked about, and how many
 * came out true, false and unknown; for the unknown ones, which columns
 * were missing (a row may count for several).  A group step is asked
 * about every row not yet certainly out (true or unknown in the group it
 * is built from), and counts the row's membership: the Kleene AND of the
 * chain so far.  The measure's step is asked about the group's rows. */
typedef struct {
  const char *what;         /* group name, or NULL for the measure's condition */
  const expr *cond;         /* NULL: the group takes every row of its base */
  int64_t asked, yes, no, unknown;
  eval_missing *missing;
  size_t nmissing;
} eval_step;

typedef struct {
  const data_decl *source;
  int64_t rows;             /* rows of the source */
  eval_step *steps;         /* outermost group first, the measure's condition last */
  size_t nsteps;
  int64_t value_missing;    /* rows whose measured column was missing */
  const char *id_column;    /* the column the row lists name, or NULL */
  char **counted, **not_counted, **unknown; /* row ids, with collect_ids */
  size_t ncounted, nnot_counted, nunknown;
} eval_detail;

/* Read the goal's data source once more and count, step by step, what
 * happened to its rows.  NULL after a data error (reported to err). */
eval_detail *eval_details(ast_program *p, const goal *g, bool collect_ids, FILE *err);
void eval_detail_free(eval_detail *d);

/* ---- a milestone's row (maal explain, §8.9) ---- */

typedef struct {
  int64_t rows;   /* rows of the milestone table */
  bool found;     /* a row names the goal */
  uint32_t line;  /* its line */
  bool done;      /* its 'faerdig' is a date */
  int32_t date;
} eval_milestone;

/* Read the goal's milestone table once more for its row.  -1 after a
 * data error (reported to err). */
int eval_milestone_row(ast_program *p, const goal *g, eval_milestone *out, FILE *err);

/* A date as the documents write it, day.month.year: 31.01.2009. */
void eval_date_da(int32_t days, char out[11]);

void eval_free(eval_result *r);

#endif
