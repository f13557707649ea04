/* sqldialect.c — the SQL of each dialect (spec §12.14): how PostgreSQL,
 * DuckDB, Spark and Trino quote a name and write a text, a date, a whole
 * number's division and the functions on dates.  Everything else the
 * generator writes is the same in all four. */
#include "sqlgen_internal.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"

bool sql_dialect_parse(const char *name, sql_dialect *out) {
  static const char *names[] = {"postgresql", "duckdb", "spark", "trino"};
  for (int i = 0; i < 4; i++)
    if (!strcmp(name, names[i])) {
      *out = (sql_dialect)i;
      return true;
    }
  return false;
}

const char *sql_dialect_name(sql_dialect d) {
  static const char *names[] = {"postgresql", "duckdb", "spark", "trino"};
  return names[d];
}

void sql_ident(sql_dialect d, const char *name, buf *out) {
  char q = d == SQL_SPARK ? '`' : '"';
  buf_addc(out, q);
  for (const char *s = name; *s; s++) {
    if (*s == q) buf_addc(out, q);
    buf_addc(out, *s);
  }
  buf_addc(out, q);
}

const char *sql_table_plain(const data_decl *src) {
  const char *r = src->resolved_path;
  if (r && !strncmp(r, "pg:", 3) && r[3]) return r + 3;
  return src->name;
}

void sql_table(sql_dialect d, const data_decl *src, buf *out) {
  const char *t = sql_table_plain(src);
  const char *dot = t == src->name ? NULL : strchr(t, '.');
  if (dot) { /* schema.table */
    char *schema = xstrndup(t, (size_t)(dot - t));
    sql_ident(d, schema, out);
    free(schema);
    buf_addc(out, '.');
    t = dot + 1;
  }
  sql_ident(d, t, out);
}

const char *sd_text_type(sql_dialect d) {
  return d == SQL_POSTGRESQL ? "TEXT" : d == SQL_SPARK ? "STRING" : "VARCHAR";
}

void sd_str_lit(gen *g, const char *s, size_t n, buf *out) {
  buf_addc(out, '\'');
  for (size_t i = 0; i < n; i++) {
    if (g->d == SQL_SPARK && (s[i] == '\\' || s[i] == '\'')) buf_addc(out, '\\');
    else if (s[i] == '\'') buf_addc(out, '\'');
    buf_addc(out, s[i]);
  }
  buf_addc(out, '\'');
}

void sd_date_lit(int32_t days, buf *out) {
  char t[16];
  cal_format_date(days, t);
  buf_printf(out, "DATE '%s'", t);
}

/* A number as an exact decimal literal, or false when it has no finite
 * decimal expansion (1/3). */
bool sd_num_lit(num n, buf *out) {
  int64_t d = n.d;
  while (d % 2 == 0) d /= 2;
  while (d % 5 == 0) d /= 5;
  if (d != 1) return false;
  char t[64];
  num_format_exact(n, 18, t, sizeof t);
  if (n.n < 0) buf_printf(out, "(%s)", t);
  else buf_adds(out, t);
  return true;
}

/* The calendar parts of a date expression, as whole numbers. */
void sd_year_of(gen *g, const char *x, buf *out) {
  if (g->d == SQL_POSTGRESQL) buf_printf(out, "CAST(date_part('year', %s) AS INTEGER)", x);
  else buf_printf(out, "year(%s)", x);
}

void sd_month_no(gen *g, const char *x, buf *out) {
  if (g->d == SQL_POSTGRESQL) buf_printf(out, "CAST(date_part('month', %s) AS INTEGER)", x);
  else buf_printf(out, "month(%s)", x);
}

/* The first day of a date's month, a date. */
void sd_month_start(gen *g, const char *x, buf *out) {
  switch (g->d) {
  case SQL_POSTGRESQL: buf_printf(out, "CAST(date_trunc('month', %s) AS DATE)", x); break;
  case SQL_DUCKDB: buf_printf(out, "CAST(date_trunc('month', %s) AS DATE)", x); break;
  case SQL_SPARK: buf_printf(out, "trunc(%s, 'MM')", x); break;
  case SQL_TRINO: buf_printf(out, "date_trunc('month', %s)", x); break;
  }
}

/* year × 12 + month − 1 of a date */
void sd_month_index(gen *g, const char *x, buf *out) {
  buf_addc(out, '(');
  sd_year_of(g, x, out);
  buf_adds(out, " * 12 + ");
  sd_month_no(g, x, out);
  buf_adds(out, " - 1)");
}

/* a ÷ b of whole non-negative numbers, rounded down */
void sd_int_div(gen *g, const char *a, int b, buf *out) {
  switch (g->d) {
  case SQL_DUCKDB: buf_printf(out, "((%s) // %d)", a, b); break;
  case SQL_SPARK: buf_printf(out, "((%s) div %d)", a, b); break;
  default: buf_printf(out, "((%s) / %d)", a, b); break;
  }
}

void sd_add_months(gen *g, const char *x, const char *k, buf *out) {
  switch (g->d) {
  case SQL_POSTGRESQL: buf_printf(out, "CAST(%s + (%s) * INTERVAL '1 month' AS DATE)", x, k); break;
  case SQL_DUCKDB: buf_printf(out, "CAST(%s + to_months(CAST(%s AS INTEGER)) AS DATE)", x, k); break;
  case SQL_SPARK: buf_printf(out, "add_months(%s, %s)", x, k); break;
  case SQL_TRINO: buf_printf(out, "date_add('month', %s, %s)", k, x); break;
  }
}

void sd_add_days(gen *g, const char *x, const char *k, buf *out) {
  switch (g->d) {
  case SQL_POSTGRESQL: buf_printf(out, "(%s + CAST(%s AS INTEGER))", x, k); break;
  case SQL_DUCKDB: buf_printf(out, "CAST(%s + to_days(CAST(%s AS INTEGER)) AS DATE)", x, k); break;
  case SQL_SPARK: buf_printf(out, "date_add(%s, %s)", x, k); break;
  case SQL_TRINO: buf_printf(out, "date_add('day', %s, %s)", k, x); break;
  }
}

/* days from a to b */
void sd_day_diff(gen *g, const char *a, const char *b, buf *out) {
  switch (g->d) {
  case SQL_POSTGRESQL: buf_printf(out, "(%s - %s)", b, a); break;
  case SQL_DUCKDB: buf_printf(out, "date_diff('day', %s, %s)", a, b); break;
  case SQL_SPARK: buf_printf(out, "datediff(%s, %s)", b, a); break;
  case SQL_TRINO: buf_printf(out, "date_diff('day', %s, %s)", a, b); break;
  }
}
/* Days since 1970-01-01 of a date. */
void sd_day_number(gen *g, const char *x, buf *out) { sd_day_diff(g, "DATE '1970-01-01'", x, out); }

/* Mondays to Fridays before day number n (from a Monday long ago). */
void sd_weekdays_before(gen *g, const char *n, buf *out) {
  buf m = {0}, w = {0};
  buf_printf(&m, "(%s + 3)", n);
  /* the weeks before it, rounded down (m may be negative: before 1970).
     DuckDB's '/' and FLOOR are floating point, its '//' truncates: the
     floor as whole numbers, m less its remainder 0…6, divided exactly */
  if (g->d == SQL_DUCKDB) buf_printf(&w, "((%s - ((%s %% 7) + 7) %% 7) // 7)", buf_str(&m), buf_str(&m));
  else buf_printf(&w, "FLOOR(%s / 7.0)", buf_str(&m));
  buf_printf(out, "(5 * %s + LEAST(%s - 7 * %s, 5))", buf_str(&w), buf_str(&m), buf_str(&w));
  buf_free(&m);
  buf_free(&w);
}

/* 1 Monday … 7 Sunday */
void sd_iso_weekday(gen *g, const char *x, buf *out) {
  if (g->d == SQL_POSTGRESQL) buf_printf(out, "CAST(EXTRACT(ISODOW FROM %s) AS INTEGER)", x);
  else buf_printf(out, "isodow(%s)", x);
}
