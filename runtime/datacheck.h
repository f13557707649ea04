/* datacheck.h — the checks of the extract (spec §4.7), run in the pass
 * over a source (scan.c).  Internal to the evaluator; the words of a
 * broken row and a check's result are shared with sqlcheck.c, which finds
 * the same rows inside a database. */
#ifndef MAAL_DATACHECK_H
#define MAAL_DATACHECK_H

#include "eval_internal.h"

/* The rows of a check shown without 'run --rows'. */
enum { CHECK_SHOWN = 5 };
/* A value is shown with at most this many bytes, then "…". */
enum { CHECK_TEXT_MAX = 40 };


/* NULL when d has no checks; every function takes NULL and does nothing.
 * r: a row context to evaluate the constants of 'i (…)' once. */
check_run *checks_start(const data_decl *d, row_ctx *r, bool all_rows, arena *a);
void checks_row(check_run *cr, row_ctx *r, const csv_record *rec);
/* out: d->ncheck entries, filled; strings in the arena given at the start. */
void checks_finish(check_run *cr, uint64_t rows, rep_check *out);
void checks_free(check_run *cr);

/* A pass split over two cores (split.c): the second half's checks, in
 * an arena of their own (a, made for them: checks_merge takes it); NULL
 * for NULL.  checks_merge_fits: false when the halves' rows could break a
 * check otherwise than one core's pass finds (a value of a 'unik' in both
 * halves, or twice in the second: its words name a first line).
 * checks_merge: from's broken rows after into's, their lines counted from
 * the file's start (from's first row is on line lines_before + 1); from's
 * arena goes to into's. */
check_run *checks_fork(const check_run *cr, row_ctx *r, arena *a);
bool checks_merge_fits(const check_run *into, const check_run *from);
void checks_merge(check_run *into, check_run *from, uint32_t lines_before);

/* ---- the words of a broken row (spec/output.md §6) ---- */

/* "alder 101": a column and the text of its value (at most CHECK_TEXT_MAX
 * bytes, cut between characters, then "…"); after a value already in w,
 * ", " first: "person_id 1, type jobklub".  The row's key ("person_id 7")
 * is worded the same. */
void check_word_value(buf *w, const char *column, const char *text, size_t len);
/* 'unik', after the values: ", også linje 3", the line they were first seen on. */
void check_word_first_line(buf *w, uint32_t line);
/* 'unik' in a table without lines: ", 3 rækker i alt", how many rows have the values. */
void check_word_in_all(buf *w, int64_t rows);
/* 'påkrævet': "alder og jobcenter mangler", the n columns that are empty. */
void check_word_missing(buf *w, const char *const *columns, size_t n);

/* A check's line of the report but for its rows shown: source, text,
 * kind, rows read, rows that break it (for 'rækker': 1 when the count is
 * outside its bound, else 0), passed. */
void check_result(const data_decl *d, const check_item *it, int64_t rows, int64_t broken, rep_check *out);

#endif
