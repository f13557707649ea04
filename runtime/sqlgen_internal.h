/* sqlgen_internal.h — what the three files of the SQL generator share
 * (spec §12.14); not for use outside them (sqlgen.h is the interface):
 *
 *   sqldialect.c  the text of each dialect: quoting, literals, the
 *                 functions on dates, whole-number division
 *   sqlexpr.c     a row's expressions and conditions as SQL (three-valued,
 *                 exact), fields through references, 'har', working days
 *   sqlgen.c      the queries: per source the totals, parts and tables a
 *                 pass accumulates, the checks of keys and references, the plan
 *
 * each using only those above it. */
#ifndef MAAL_SQLGEN_INTERNAL_H
#define MAAL_SQLGEN_INTERNAL_H

#include "sqlgen.h"

/* ---- the generator's state ---- */

typedef struct {
  sql_dialect d;
  ast_program *p;
  diag *dg;
  const data_decl *src;   /* the source whose rows are being read */
  const char *alias;      /* its rows' alias ("b" in the WITH, "r" in a 'har'), or NULL */
  char **group_sql;       /* per group: the truth of its chain, once made */
  bool failed;
  /* what the source's rows get from other rows (spec §5.9, §5.10): made
     in a WITH t AS (SELECT b.*, … FROM source AS b LEFT JOIN …) */
  buf with_cols;          /* ",\n    f1.\"alder\" AS \"maal_felt_1_2\"" */
  buf joins;              /* "LEFT JOIN … ON …" */
  buf totals;             /* the columns of WITH maal_totals: every total, in one pass */
  buf ctes;               /* "w0 AS (…),": a windowed 'har' per row, grouped */
  bool numbered;          /* the WITH numbers the rows (b.maal_rad) for them */
  buf b_cols;             /* and adds these columns to them (X of a window: b.maal_x3) */
  int nholidays;          /* working days: the holiday calendars in the WITH */
  char **done;            /* the joins and columns made already */
  size_t ndone;
  bool in_with;           /* writing the WITH: a field or 'har' cannot stand here */
} gen;

/* ---- sqldialect.c ---- */

const char *sd_text_type(sql_dialect d);                   /* TEXT, VARCHAR, STRING */
void sd_str_lit(gen *g, const char *s, size_t n, buf *out);  /* a text literal */
void sd_date_lit(int32_t days, buf *out);                     /* DATE '2009-01-31' */
/* A number as an exact decimal literal; false when it has none (1/3). */
bool sd_num_lit(num n, buf *out);
void sd_year_of(gen *g, const char *x, buf *out);    /* the year of a date, a whole number */
void sd_month_no(gen *g, const char *x, buf *out);   /* its month, 1-12 */
void sd_month_start(gen *g, const char *x, buf *out); /* the first day of its month, a date */
void sd_month_index(gen *g, const char *x, buf *out); /* year × 12 + month − 1 */
void sd_int_div(gen *g, const char *a, int b, buf *out); /* a ÷ b rounded down, a ≥ 0 whole */
void sd_add_months(gen *g, const char *x, const char *k, buf *out); /* the day clamped, as calendar.c */
void sd_add_days(gen *g, const char *x, const char *k, buf *out);
void sd_day_diff(gen *g, const char *a, const char *b, buf *out);   /* days from a to b */
void sd_day_number(gen *g, const char *x, buf *out);                /* days since 1970-01-01 */
/* Mondays to Fridays before day number n (from a Monday long ago). */
void sd_weekdays_before(gen *g, const char *n, buf *out);
void sd_iso_weekday(gen *g, const char *x, buf *out);               /* 1 Monday … 7 Sunday */

/* ---- sqlexpr.c ---- */

/* A construct the generator does not write: said where it is (g->failed). */
void sx_cannot(gen *g, span sp, const char *what);
bool sx_is_num_type(vtype t);
/* a AND b, leaving out a side that is TRUE (or NULL) */
void sx_sql_and(buf *out, const char *a, const char *b);
/* Column `col` of the source being read as it is stored (a month as the
 * date of its first day), its own or a field read through a reference;
 * false after saying it cannot. */
bool sx_stored(gen *g, int col, span sp, buf *out, vtype *type);
/* A stored value as maal computes with it: months and quarters as whole numbers. */
void sx_typed(gen *g, const char *x, vtype t, buf *out);
/* The month, quarter or year (a whole number) of a date, month or quarter. */
void sx_time_of(gen *g, by_fn fn, vtype t, const char *x, buf *out);
/* An expression's value, and a condition (an SQL boolean, NULL for unknown). */
void sx_scalar(gen *g, const expr *e, buf *out);
void sx_cond(gen *g, const expr *e, buf *out);
/* The truth of a group's whole chain of conditions. */
const char *sx_group_truth(gen *g, const group_decl *gr);

#endif
