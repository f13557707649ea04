/* report_internal.h — what the report writers share: report.c (the entry
 * point, which calls the writers), report_common.c (what the writers
 * call), report_text.c (text and Markdown), report_csv.c and
 * report_json.c.  HTML is html.c. */
#ifndef MAAL_REPORT_INTERNAL_H
#define MAAL_REPORT_INTERNAL_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "report.h"

static inline const char *str(const char *s) { return s ? s : ""; }

/* ---- output helpers ---- */

static inline void spaces(buf *b, size_t n) {
  while (n--) buf_addc(b, ' ');
}

/* End the current line: drop its trailing blanks, add '\n'. */
static inline void nl(buf *b) {
  while (b->len > 0 && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\t'))
    b->s[--b->len] = '\0';
  buf_addc(b, '\n');
}

/* Append s on one line: line breaks and tabs become spaces. */
static inline void flat(buf *b, const char *s) {
  for (; *s; s++) buf_addc(b, (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s);
}

/* 1052 -> "1.052". */
static inline void thousands(buf *b, uint64_t v) {
  char d[24];
  int n = snprintf(d, sizeof d, "%" PRIu64, v);
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) buf_addc(b, '.');
    buf_addc(b, d[i]);
  }
}

/* The writers, each appending its whole document to out; report.c calls
 * them, nothing else does. */
void rep_write_text(buf *out, const rep_table *t);
void rep_write_md(buf *out, const rep_table *t);
void rep_write_csv(buf *out, const rep_table *t, int excel);
void rep_write_json(buf *out, const rep_table *t);

/* Numbers for the machine formats (CSV and JSON; report_common.c): the
 * exact text of a, false when a is not a number; a goal's target in force
 * and the high end of a 'mellem' target or a range, NULL when there is
 * none. */
bool rep_exact(num a, char *out, size_t cap);
const num *rep_target_value(const rep_numbers *n);
const num *rep_target_high(const rep_numbers *n);

#endif
