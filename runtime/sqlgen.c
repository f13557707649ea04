/* sqlgen.c — the rules as SQL (spec §12.14).
 *
 * For each data source one query, a UNION ALL of one SELECT per thing the
 * evaluator's pass accumulates (accum.c): a goal's (or its baseline's)
 * totals, its breakdown parts, the parts of the rows left out of its group
 * as unknown, and its 'average over' parts; and the source's row count.
 * Every SELECT gives the same columns:
 *
 *   probe  '3m' (goal 3's measure) or '3b' (its baseline); 'rows'
 *   kind   sql_row_kind: T total, P part, U rows of unknown membership,
 *          V the same per part,
 *          O 'average over' part, I indicator row, N the source's rows
 *   k1 k2  the part's key, as text (a band by its index)
 *   n_group n_hits n_unknown n_unsure n_values n_distinct   counts
 *   v_sum v_best v_den                                     exact numbers, as text
 *
 * The semantics are the evaluator's, written in SQL: a missing value is
 * NULL, conditions are SQL's three-valued logic (Kleene's, as spec §5.8),
 * a row is in a group when the AND of its chain of conditions is TRUE.
 * Arithmetic is exact: + - * on numbers as SQL's exact numerics; a
 * division makes the expression a pair P/Q of exact numbers, compared by
 * cross-multiplication with the sign of the denominators, and a division
 * by zero makes Q NULL (missing), as maal's x / 0.  Months and quarters
 * are whole numbers (year × 12 + month − 1), as in calendar.h. */
#include "sqlgen.h"

#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "calendar.h"
#include "msg.h"
#include "sqlcheck.h"

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
  buf ctes;               /* "w0 AS (…),": a windowed 'har' per row, grouped */
  bool numbered;          /* the WITH numbers the rows (b.maal_rad) for them */
  int nholidays;          /* working days: the holiday calendars in the WITH */
  char **done;            /* the joins and columns made already */
  size_t ndone;
  bool in_with;           /* writing the WITH: a field or 'har' cannot stand here */
} gen;

/* A construct the generator does not write: said where it is. */
static void cannot(gen *g, span sp, const char *what) {
  diag_error(g->dg, sp, "maal sql cannot write %s as SQL (%s)", what, sql_dialect_name(g->d));
  g->failed = true;
}

static const char *text_type(sql_dialect d) {
  return d == SQL_POSTGRESQL ? "TEXT" : d == SQL_SPARK ? "STRING" : "VARCHAR";
}

static void str_lit(gen *g, const char *s, size_t n, buf *out) {
  buf_addc(out, '\'');
  for (size_t i = 0; i < n; i++) {
    if (g->d == SQL_SPARK && (s[i] == '\\' || s[i] == '\'')) buf_addc(out, '\\');
    else if (s[i] == '\'') buf_addc(out, '\'');
    buf_addc(out, s[i]);
  }
  buf_addc(out, '\'');
}

static void date_lit(int32_t days, buf *out) {
  char t[16];
  cal_format_date(days, t);
  buf_printf(out, "DATE '%s'", t);
}

/* A number as an exact decimal literal, or false when it has no finite
 * decimal expansion (1/3). */
static bool num_lit(num n, buf *out) {
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
static void year_of(gen *g, const char *x, buf *out) {
  if (g->d == SQL_POSTGRESQL) buf_printf(out, "CAST(date_part('year', %s) AS INTEGER)", x);
  else buf_printf(out, "year(%s)", x);
}

static void month_no(gen *g, const char *x, buf *out) {
  if (g->d == SQL_POSTGRESQL) buf_printf(out, "CAST(date_part('month', %s) AS INTEGER)", x);
  else buf_printf(out, "month(%s)", x);
}

/* The first day of a date's month, a date. */
static void month_start(gen *g, const char *x, buf *out) {
  switch (g->d) {
  case SQL_POSTGRESQL: buf_printf(out, "CAST(date_trunc('month', %s) AS DATE)", x); break;
  case SQL_DUCKDB: buf_printf(out, "CAST(date_trunc('month', %s) AS DATE)", x); break;
  case SQL_SPARK: buf_printf(out, "trunc(%s, 'MM')", x); break;
  case SQL_TRINO: buf_printf(out, "date_trunc('month', %s)", x); break;
  }
}

/* year × 12 + month − 1 of a date */
static void month_index(gen *g, const char *x, buf *out) {
  buf_addc(out, '(');
  year_of(g, x, out);
  buf_adds(out, " * 12 + ");
  month_no(g, x, out);
  buf_adds(out, " - 1)");
}

/* a ÷ b of whole non-negative numbers, rounded down */
static void int_div(gen *g, const char *a, int b, buf *out) {
  switch (g->d) {
  case SQL_DUCKDB: buf_printf(out, "((%s) // %d)", a, b); break;
  case SQL_SPARK: buf_printf(out, "((%s) div %d)", a, b); break;
  default: buf_printf(out, "((%s) / %d)", a, b); break;
  }
}

static void add_months(gen *g, const char *x, const char *k, buf *out) {
  switch (g->d) {
  case SQL_POSTGRESQL: buf_printf(out, "CAST(%s + (%s) * INTERVAL '1 month' AS DATE)", x, k); break;
  case SQL_DUCKDB: buf_printf(out, "CAST(%s + to_months(CAST(%s AS INTEGER)) AS DATE)", x, k); break;
  case SQL_SPARK: buf_printf(out, "add_months(%s, %s)", x, k); break;
  case SQL_TRINO: buf_printf(out, "date_add('month', %s, %s)", k, x); break;
  }
}

static void add_days(gen *g, const char *x, const char *k, buf *out) {
  switch (g->d) {
  case SQL_POSTGRESQL: buf_printf(out, "(%s + CAST(%s AS INTEGER))", x, k); break;
  case SQL_DUCKDB: buf_printf(out, "CAST(%s + to_days(CAST(%s AS INTEGER)) AS DATE)", x, k); break;
  case SQL_SPARK: buf_printf(out, "date_add(%s, %s)", x, k); break;
  case SQL_TRINO: buf_printf(out, "date_add('day', %s, %s)", k, x); break;
  }
}

/* days from a to b */
static void day_diff(gen *g, const char *a, const char *b, buf *out) {
  switch (g->d) {
  case SQL_POSTGRESQL: buf_printf(out, "(%s - %s)", b, a); break;
  case SQL_DUCKDB: buf_printf(out, "date_diff('day', %s, %s)", a, b); break;
  case SQL_SPARK: buf_printf(out, "datediff(%s, %s)", b, a); break;
  case SQL_TRINO: buf_printf(out, "date_diff('day', %s, %s)", a, b); break;
  }
}

/* ---- expressions ---- */

/* A numeric expression: a plain SQL number (q empty), or the pair p/q. */
typedef struct {
  buf p, q;
} numx;

static void numx_free(numx *x) {
  buf_free(&x->p);
  buf_free(&x->q);
}

static void scalar(gen *g, const expr *e, buf *out);
static void cond(gen *g, const expr *e, buf *out);
static void numeric(gen *g, const expr *e, numx *x);
static void has_col(gen *g, const expr *e, buf *out);
static void sql_and(buf *out, const char *a, const char *b);
static void date_arith(gen *g, const expr *e, buf *out);

static bool has_div(const expr *e) {
  /* a division anywhere in an arithmetic chain makes a pair */
  for (; e; e = e->a) {
    if (e->kind == E_DIV) return true;
    if (e->kind == E_NEG) continue;
    if (e->kind != E_ADD && e->kind != E_SUB && e->kind != E_MUL) return false;
    if (has_div(e->b)) return true;
  }
  return false;
}

static bool is_num_type(vtype t) { return t == T_INT || t == T_DEC; }

/* A column of the rows being read, by name, with their alias. */
static void colref(gen *g, const char *name, buf *out) {
  if (g->alias) buf_printf(out, "%s.", g->alias);
  sql_ident(g->d, name, out);
}

static bool field_col(gen *g, const expr *e, buf *out, vtype *type);

/* Column `col` of the source being read as it is stored (a month as the
 * date of its first day): a column of its own, or a field read through a
 * reference (spec §5.9).  false after saying it cannot. */
static bool stored(gen *g, int col, span sp, buf *out, vtype *type) {
  if (col >= 0 && (size_t)col < g->src->ncol) {
    colref(g, g->src->colv[col]->name, out);
    *type = g->src->colv[col]->type;
    return true;
  }
  const rel_source *rs = g->src->rel;
  if (col >= 0 && rs && (size_t)col - g->src->ncol < rs->nderived) return field_col(g, rs->derived[col - (int)g->src->ncol], out, type);
  cannot(g, sp, M("a field read through a reference"));
  buf_adds(out, "NULL");
  *type = T_NONE;
  return false;
}

/* A stored value as maal computes with it: months and quarters as whole
 * numbers (year × 12 + month − 1, year × 4 + quarter − 1). */
static void typed(gen *g, const char *x, vtype t, buf *out) {
  if (t == T_MONTH) month_index(g, x, out);
  else if (t == T_QUARTER) {
    buf m = {0}, q = {0};
    year_of(g, x, &m);
    buf_adds(&m, " * 4 + ");
    month_no(g, x, &q);
    buf_adds(&q, " - 1");
    buf_addc(out, '(');
    buf_adds(out, buf_str(&m));
    int_div(g, buf_str(&q), 3, out);
    buf_addc(out, ')');
    buf_free(&m);
    buf_free(&q);
  } else buf_adds(out, x);
}

static void column(gen *g, const expr *e, buf *out) {
  buf col = {0};
  vtype t;
  if (stored(g, e->slot, e->sp, &col, &t)) typed(g, buf_str(&col), t, out);
  else buf_adds(out, "NULL");
  buf_free(&col);
}

/* A value known when the SQL is written (a literal or a parameter). */
static void value_lit(gen *g, value v, span sp, buf *out) {
  switch (v.kind) {
  case V_MISSING: buf_adds(out, "NULL"); break;
  case V_NUM:
    if (!num_lit(v.u.n, out)) buf_printf(out, "(%lld.0 / %lld)", (long long)v.u.n.n, (long long)v.u.n.d);
    break;
  case V_TEXT: str_lit(g, v.u.t.s, v.u.t.len, out); break;
  case V_BOOL: buf_adds(out, v.u.b ? "TRUE" : "FALSE"); break;
  case V_DATE: date_lit(v.u.date, out); break;
  case V_MONTH: buf_printf(out, "%d", v.u.month); break;
  case V_QUARTER: buf_printf(out, "%d", v.u.quarter); break;
  case V_DUR: cannot(g, sp, M("a duration on its own")); buf_adds(out, "NULL"); break;
  }
}

/* An expression known when the SQL is written, and never missing. */
static bool sure(const gen *g, const expr *e) {
  while (e->kind == E_NEG) e = e->a;
  switch (e->kind) {
  case E_NUM: case E_STR: case E_BOOL: case E_DATE: case E_MONTH: case E_QUARTER: case E_PERIOD: return true;
  case E_NAME: return e->ref == REF_PARAM && g->p->paramv[e->slot]->val.kind != V_MISSING;
  default: return false;
  }
}

/* The terms of a left-leaning chain of one operator kind (og, eller):
 * the parser builds `a og b og c` as ((a og b) og c), as deep as it is
 * long, so it is walked down its left edge, not recursed into. */
static const expr **chain_terms(const expr *e, size_t *n) {
  expr_kind k = e->kind;
  size_t cap = 8, len = 0;
  const expr **v = xmalloc(cap * sizeof *v);
  for (; e->kind == k; e = e->a) {
    if (len == cap) v = xrealloc(v, (cap *= 2) * sizeof *v);
    v[len++] = e->b;
  }
  if (len == cap) v = xrealloc(v, (cap + 1) * sizeof *v);
  v[len++] = e;
  for (size_t i = 0; i < len / 2; i++) { /* into source order */
    const expr *t = v[i];
    v[i] = v[len - 1 - i];
    v[len - 1 - i] = t;
  }
  *n = len;
  return v;
}

/* x as a pair p/q (q "1" for a plain number). */
static void as_pair(numx *x) {
  if (!x->q.len) buf_adds(&x->q, "1");
}

static void numeric_chain(gen *g, const expr *e, numx *x) {
  /* walk down the left edge of a + b - c * d ..., then compute back up */
  size_t cap = 8, n = 0;
  const expr **ops = xmalloc(cap * sizeof *ops);
  for (; e->kind == E_ADD || e->kind == E_SUB || e->kind == E_MUL || e->kind == E_DIV; e = e->a) {
    if (n == cap) ops = xrealloc(ops, (cap *= 2) * sizeof *ops);
    ops[n++] = e;
  }
  numeric(g, e, x);
  while (n) {
    const expr *op = ops[--n];
    numx y = {0};
    numeric(g, op->b, &y);
    numx r = {0};
    bool pair = x->q.len || y.q.len || op->kind == E_DIV;
    if (!pair) {
      char c = op->kind == E_ADD ? '+' : op->kind == E_SUB ? '-' : '*';
      buf_printf(&r.p, "(%s %c %s)", buf_str(&x->p), c, buf_str(&y.p));
    } else {
      as_pair(x);
      as_pair(&y);
      const char *a = buf_str(&x->p), *b = buf_str(&x->q), *c = buf_str(&y.p), *d = buf_str(&y.q);
      switch (op->kind) {
      case E_ADD: case E_SUB:
        buf_printf(&r.p, "(%s * %s %c %s * %s)", a, d, op->kind == E_ADD ? '+' : '-', c, b);
        buf_printf(&r.q, "(%s * %s)", b, d);
        break;
      case E_MUL:
        buf_printf(&r.p, "(%s * %s)", a, c);
        buf_printf(&r.q, "(%s * %s)", b, d);
        break;
      default: /* a/b ÷ c/d = ad / bc; c = 0 makes the denominator NULL: missing */
        buf_printf(&r.p, "(%s * %s)", a, d);
        buf_printf(&r.q, "NULLIF(%s * %s, 0)", b, c);
        break;
      }
    }
    numx_free(x);
    numx_free(&y);
    *x = r;
  }
  free(ops);
}

/* A number-valued expression. */
static void numeric(gen *g, const expr *e, numx *x) {
  switch (e->kind) {
  case E_ADD: case E_SUB: case E_MUL: case E_DIV:
    if (is_num_type(e->a->type) && is_num_type(e->b->type)) numeric_chain(g, e, x);
    else date_arith(g, e, &x->p); /* days between dates, months between months */
    return;
  case E_NEG:
    numeric(g, e->a, x);
    {
      buf t = {0};
      buf_printf(&t, "(-%s)", buf_str(&x->p));
      buf_free(&x->p);
      x->p = t;
    }
    return;
  default: break;
  }
  scalar(g, e, &x->p);
}

/* A guard: the expression when k is a whole number within ±lim, else NULL
 * (maal's value is missing then, spec §5.7). */
static void whole_guard(gen *g, const expr *k, long lim, const char *ksql, const char *then, buf *out) {
  if (k->type == T_INT && sure(g, k)) {
    buf_adds(out, then);
    return;
  }
  buf_printf(out, "CASE WHEN %s = FLOOR(%s) AND %s BETWEEN -%ld AND %ld THEN %s END", ksql, ksql, ksql, lim, lim, then);
}

/* date ± duration, date ± days, month/quarter ± k; date − date. */
static void date_arith(gen *g, const expr *e, buf *out) {
  const expr *a = e->a, *b = e->b;
  bool add = e->kind == E_ADD;
  if (a->type == T_INT || a->type == T_DEC) { /* 1 + måned */
    const expr *t = a;
    a = b;
    b = t;
  }
  buf x = {0}, k = {0};
  scalar(g, a, &x);
  if (a->type == T_DATE && b->type == T_DATE) {
    buf y = {0};
    scalar(g, b, &y);
    day_diff(g, buf_str(&y), buf_str(&x), out);
    buf_free(&y);
  } else if (a->type == T_DATE && b->kind == E_DURATION) {
    numx n = {0};
    numeric(g, b->a, &n);
    if (n.q.len) cannot(g, b->sp, M("a division in a duration"));
    int unit = b->slot, f = unit == 'y' ? 12 : unit == 'w' ? 7 : 1;
    const char *ns = buf_str(&n.p);
    buf_printf(&k, "%s%s%s", add ? "" : "-(", ns, add ? "" : ")");
    if (f != 1) buf_printf(&k, " * %d", f);
    buf r = {0};
    if (unit == 'm' || unit == 'y') add_months(g, buf_str(&x), buf_str(&k), &r);
    else add_days(g, buf_str(&x), buf_str(&k), &r);
    whole_guard(g, b->a, 100000, ns, buf_str(&r), out);
    buf_free(&r);
    numx_free(&n);
  } else if (a->type == T_DATE) { /* whole days */
    numx n = {0};
    numeric(g, b, &n);
    if (n.q.len) cannot(g, b->sp, M("a division in a number of days"));
    const char *ns = buf_str(&n.p);
    buf_printf(&k, "%s%s%s", add ? "" : "-(", ns, add ? "" : ")");
    buf r = {0};
    add_days(g, buf_str(&x), buf_str(&k), &r);
    whole_guard(g, b, 3650000, ns, buf_str(&r), out);
    buf_free(&r);
    numx_free(&n);
  } else if ((a->type == T_MONTH || a->type == T_QUARTER) && b->type == a->type) {
    buf y = {0};
    scalar(g, b, &y);
    buf_printf(out, "(%s - %s)", buf_str(&x), buf_str(&y));
    buf_free(&y);
  } else if (a->type == T_MONTH || a->type == T_QUARTER) {
    numx n = {0};
    numeric(g, b, &n);
    if (n.q.len) cannot(g, b->sp, M("a division in a number of months"));
    const char *ns = buf_str(&n.p);
    int per = a->type == T_MONTH ? 12 : 4;
    buf r = {0};
    buf_printf(&r, "(%s %c %s)", buf_str(&x), add ? '+' : '-', ns);
    buf inner = {0};
    buf_printf(&inner, "CASE WHEN %s BETWEEN %d AND %d THEN %s END", buf_str(&r), CAL_YEAR_MIN * per,
               (CAL_YEAR_MAX + 1) * per - 1, buf_str(&r));
    whole_guard(g, b, 120000, ns, buf_str(&inner), out);
    buf_free(&inner);
    buf_free(&r);
    numx_free(&n);
  } else {
    cannot(g, e->sp, M("this arithmetic"));
    buf_adds(out, "NULL");
  }
  buf_free(&x);
  buf_free(&k);
}

/* The first and last day of a literal date, month, quarter or year. */
static bool lit_days(value v, int32_t *first, int32_t *last) {
  switch (v.kind) {
  case V_DATE: *first = *last = v.u.date; return true;
  case V_MONTH: cal_month_days(v.u.month, first, last); return true;
  case V_QUARTER: cal_quarter_days(v.u.quarter, first, last); return true;
  case V_NUM:
    if (!num_is_int(v.u.n)) return false;
    cal_year_days(v.u.n.n, first, last);
    return true;
  default: return false;
  }
}

/* X i P: every day of X is a day of P (P is written in the rules). */
static void within(gen *g, const expr *e, buf *out) {
  int32_t pa, pb;
  if (!lit_days(e->b->lit, &pa, &pb)) {
    cannot(g, e->b->sp, M("this period"));
    buf_adds(out, "NULL");
    return;
  }
  buf x = {0};
  scalar(g, e->a, &x);
  const char *xs = buf_str(&x);
  switch (e->a->type) {
  case T_DATE:
    buf_printf(out, "(%s BETWEEN ", xs);
    date_lit(pa, out);
    buf_adds(out, " AND ");
    date_lit(pb, out);
    buf_addc(out, ')');
    break;
  case T_MONTH: case T_QUARTER: case T_INT: {
    /* the months (quarters, years) whose first day is on or after pa and
       whose last day is on or before pb */
    int32_t lo = 0, hi = -1, f, l;
    int32_t m0 = cal_month_of_date(pa), m1 = cal_month_of_date(pb);
    int32_t c0 = e->a->type == T_MONTH ? m0 : e->a->type == T_QUARTER ? cal_quarter_of_month(m0) : cal_year_of_month(m0);
    int32_t c1 = e->a->type == T_MONTH ? m1 : e->a->type == T_QUARTER ? cal_quarter_of_month(m1) : cal_year_of_month(m1);
    for (int32_t c = c0; c <= c1; c++) {
      if (e->a->type == T_MONTH) cal_month_days(c, &f, &l);
      else if (e->a->type == T_QUARTER) cal_quarter_days(c, &f, &l);
      else cal_year_days(c, &f, &l);
      if (f >= pa && l <= pb) {
        if (hi < lo) lo = c;
        hi = c;
      }
    }
    if (e->a->type == T_INT && !sure(g, e->a)) { /* a year must be whole */
      if (hi < lo) buf_printf(out, "CASE WHEN %s IS NOT NULL THEN FALSE END", xs);
      else buf_printf(out, "(%s BETWEEN %d AND %d)", xs, lo, hi);
    } else if (hi < lo) {
      buf_printf(out, "CASE WHEN %s IS NOT NULL THEN FALSE END", xs);
    } else {
      buf_printf(out, "(%s BETWEEN %d AND %d)", xs, lo, hi);
    }
    break;
  }
  default:
    cannot(g, e->a->sp, M("this period"));
    buf_adds(out, "NULL");
  }
  buf_free(&x);
}

/* ---- working days (spec §5.11): the Danish holiday calendar in SQL ----
 *
 * The holidays of every year the rows' dates reach, computed from Easter
 * (the anonymous Gregorian algorithm, as calendar.c) in a WITH of the
 * source's query; a difference counts the Mondays to Fridays in (a, b]
 * less the holidays among them, as cal_working_days. */

/* Days since 1970-01-01 of a date. */
static void day_number(gen *g, const char *x, buf *out) { day_diff(g, "DATE '1970-01-01'", x, out); }

/* Mondays to Fridays before day number n (from a Monday long ago). */
static void weekdays_before_sql(gen *g, const char *n, buf *out) {
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
static void iso_weekday(gen *g, const char *x, buf *out) {
  if (g->d == SQL_POSTGRESQL) buf_printf(out, "CAST(EXTRACT(ISODOW FROM %s) AS INTEGER)", x);
  else buf_printf(out, "isodow(%s)", x);
}

/* The holidays' WITH for working days from a to b: its name. */
static const char *holiday_ctes(gen *g, const char *a, const char *b, int k) {
  static char name[32];
  snprintf(name, sizeof name, "maal_helligdage_%d", k);
  buf ya = {0}, yb = {0};
  year_of(g, a, &ya);
  year_of(g, b, &yb);
  buf tbl = {0};
  sql_table(g->d, g->src, &tbl);
  /* the years the rows' dates reach */
  buf_printf(&g->ctes, "maal_aar_%d AS (\n  SELECT MIN(LEAST(%s, %s)) AS fra, MAX(GREATEST(%s, %s)) AS til FROM %s\n),\n", k,
             buf_str(&ya), buf_str(&yb), buf_str(&ya), buf_str(&yb), buf_str(&tbl));
  /* Easter Sunday of each (calendar.c's cal_easter, step by step) */
  buf d1 = {0}, f = {0}, gg = {0}, ii = {0}, m = {0}, mo = {0}, dy = {0};
  int_div(g, "y", 100, &d1); /* b */
  buf_printf(&g->ctes, "maal_paaske_%d AS (\n  SELECT y, ", k);
  buf t = {0};
  buf_adds(&t, "h + l - 7 * m + 114");
  int_div(g, buf_str(&t), 31, &mo);
  buf_printf(&g->ctes, "make_date(CAST(y AS INTEGER), CAST(%s AS INTEGER), CAST((%s) %% 31 + 1 AS INTEGER)) AS p\n", buf_str(&mo), buf_str(&t));
  buf_clear(&t);
  buf_adds(&t, "a + 11 * h + 22 * l");
  int_div(g, buf_str(&t), 451, &m);
  buf_printf(&g->ctes, "  FROM (SELECT y, h, l, %s AS m FROM (\n", buf_str(&m));
  buf_printf(&g->ctes, "    SELECT y, a, h, (32 + 2 * e + 2 * i - h - k) %% 7 AS l FROM (\n");
  buf_printf(&g->ctes, "      SELECT y, a, e, i, k, (19 * a + b - d - g + 15) %% 30 AS h FROM (\n");
  buf_clear(&t);
  buf_adds(&t, "b - f + 1");
  int_div(g, buf_str(&t), 3, &gg);
  buf_printf(&g->ctes, "        SELECT y, a, b, d, e, i, k, %s AS g FROM (\n", buf_str(&gg));
  buf_clear(&t);
  buf_adds(&t, "b + 8");
  int_div(g, buf_str(&t), 25, &f);
  buf q = {0}, c4 = {0};
  int_div(g, "b", 4, &q);
  int_div(g, "y % 100", 4, &c4);
  buf_printf(&g->ctes, "          SELECT y, a, b, %s AS d, b %% 4 AS e, %s AS f, %s AS i, y %% 100 %% 4 AS k FROM (\n", buf_str(&q),
             buf_str(&f), buf_str(&c4));
  buf_printf(&g->ctes, "            SELECT y, y %% 19 AS a, %s AS b FROM maal_aar_%d, generate_series(fra, til) AS s(y)\n", buf_str(&d1), k);
  buf_adds(&g->ctes, "          ) AS s1) AS s2) AS s3) AS s4) AS s5) AS s6\n),\n");
  /* the days no one works, those on Monday to Friday only */
  buf_printf(&g->ctes, "%s AS (\n  SELECT DISTINCT d FROM (\n", name);
  static const struct {
    const char *what;
    int off; /* days from Easter; or a fixed day when month > 0 */
    int month, day;
  } hd[] = {{"nytårsdag", 0, 1, 1},      {"skærtorsdag", -3, 0, 0}, {"langfredag", -2, 0, 0},
            {"2. påskedag", 1, 0, 0},    {"store bededag", 26, 0, 0}, {"Kristi himmelfartsdag", 39, 0, 0},
            {"2. pinsedag", 50, 0, 0},   {"grundlovsdag", 0, 6, 5},   {"juleaftensdag", 0, 12, 24},
            {"1. juledag", 0, 12, 25},   {"2. juledag", 0, 12, 26},   {"nytårsaftensdag", 0, 12, 31}};
  for (size_t i = 0; i < sizeof hd / sizeof hd[0]; i++) {
    buf day = {0};
    if (hd[i].month) {
      buf_printf(&day, "make_date(CAST(y AS INTEGER), %d, %d)", hd[i].month, hd[i].day);
    } else {
      char off[16];
      snprintf(off, sizeof off, "%d", hd[i].off);
      add_days(g, "p", off, &day);
    }
    buf_printf(&g->ctes, "    %sSELECT %s AS d FROM maal_paaske_%d%s -- %s\n", i ? "UNION ALL " : "", buf_str(&day), k,
               hd[i].off == 26 ? " WHERE y <= 2023" : "", hd[i].what);
    buf_free(&day);
  }
  buf dd = {0};
  iso_weekday(g, "d", &dd);
  buf_printf(&g->ctes, "  ) AS s WHERE %s < 6\n),\n", buf_str(&dd));
  buf_free(&dd);
  buf_free(&ya);
  buf_free(&yb);
  buf_free(&tbl);
  buf_free(&d1);
  buf_free(&f);
  buf_free(&gg);
  buf_free(&ii);
  buf_free(&m);
  buf_free(&mo);
  buf_free(&dy);
  buf_free(&t);
  buf_free(&q);
  buf_free(&c4);
  return name;
}

/* Working days from a to b: those in (a, b], negative when b is before a. */
static void working_days(gen *g, const expr *e, buf *out) {
  if (g->alias || (g->d != SQL_POSTGRESQL && g->d != SQL_DUCKDB)) {
    cannot(g, e->sp, M("working days (the Danish holiday calendar)"));
    buf_adds(out, "NULL");
    return;
  }
  buf a = {0}, b = {0};
  scalar(g, e->a, &a);
  scalar(g, e->b, &b);
  const char *hname = holiday_ctes(g, buf_str(&a), buf_str(&b), g->nholidays++);
  buf wd[2] = {{0}, {0}};
  for (int k = 0; k < 2; k++) { /* (lo, hi] with lo <= hi: a to b, and b to a */
    const char *lo = k ? buf_str(&b) : buf_str(&a), *hi = k ? buf_str(&a) : buf_str(&b);
    buf nl = {0}, nh = {0}, wl = {0}, wh = {0};
    day_number(g, lo, &nl);
    day_number(g, hi, &nh);
    buf_adds(&nl, " + 1");
    buf_adds(&nh, " + 1");
    weekdays_before_sql(g, buf_str(&nl), &wl);
    weekdays_before_sql(g, buf_str(&nh), &wh);
    buf_printf(&wd[k], "(%s - %s - (SELECT COUNT(*) FROM %s AS h WHERE h.d > %s AND h.d <= %s))", buf_str(&wh), buf_str(&wl),
               hname, lo, hi);
    buf_free(&nl);
    buf_free(&nh);
    buf_free(&wl);
    buf_free(&wh);
  }
  buf_printf(out, "CASE WHEN %s IS NULL OR %s IS NULL THEN NULL WHEN %s >= %s THEN %s ELSE -%s END", buf_str(&a), buf_str(&b),
             buf_str(&b), buf_str(&a), buf_str(&wd[0]), buf_str(&wd[1]));
  buf_free(&wd[0]);
  buf_free(&wd[1]);
  buf_free(&a);
  buf_free(&b);
}

/* The month, quarter or year (a whole number) of a date, month or quarter. */
static void time_of(gen *g, by_fn fn, vtype t, const char *x, buf *out) {
  if (fn == BYF_VALUE) {
    buf_adds(out, x);
    return;
  }
  if (t == T_DATE) {
    if (fn == BYF_MONTH) {
      month_index(g, x, out);
    } else if (fn == BYF_QUARTER) {
      buf m = {0}, q = {0};
      year_of(g, x, &m);
      month_no(g, x, &q);
      buf_adds(&q, " - 1");
      buf_printf(out, "(%s * 4 + ", buf_str(&m));
      int_div(g, buf_str(&q), 3, out);
      buf_addc(out, ')');
      buf_free(&m);
      buf_free(&q);
    } else {
      year_of(g, x, out);
    }
    return;
  }
  if (t == T_MONTH) {
    if (fn == BYF_MONTH) buf_adds(out, x);
    else int_div(g, x, fn == BYF_QUARTER ? 3 : 12, out);
    return;
  }
  /* a quarter */
  if (fn == BYF_YEAR) int_div(g, x, 4, out);
  else buf_adds(out, x);
}

/* Whole calendar months from date a to date b (cal_months_between). */
static void months_between(gen *g, const char *a, const char *b, buf *out) {
  buf ma = {0}, mb = {0}, k = {0}, back = {0}, kr = {0}, back2 = {0};
  month_index(g, a, &ma);
  month_index(g, b, &mb);
  buf_printf(&k, "(%s - %s)", buf_str(&mb), buf_str(&ma));
  add_months(g, a, buf_str(&k), &back);
  buf_printf(&kr, "(%s - %s)", buf_str(&ma), buf_str(&mb));
  add_months(g, b, buf_str(&kr), &back2);
  buf_printf(out, "CASE WHEN %s >= %s THEN %s - CASE WHEN %s > %s THEN 1 ELSE 0 END ELSE -(%s - CASE WHEN %s > %s THEN 1 ELSE 0 END) END",
             b, a, buf_str(&k), buf_str(&back), b, buf_str(&kr), buf_str(&back2), a);
  buf_free(&ma);
  buf_free(&mb);
  buf_free(&k);
  buf_free(&back);
  buf_free(&kr);
  buf_free(&back2);
}

static void time_expr(gen *g, const expr *e, buf *out) {
  switch (e->kind) {
  case E_MONTH: case E_QUARTER: case E_PERIOD: value_lit(g, e->lit, e->sp, out); return;
  case E_WITHIN: within(g, e, out); return;
  case E_MONTH_OF: case E_QUARTER_OF: case E_YEAR_OF: {
    buf x = {0};
    scalar(g, e->a, &x);
    by_fn fn = e->kind == E_MONTH_OF ? BYF_MONTH : e->kind == E_QUARTER_OF ? BYF_QUARTER : BYF_YEAR;
    time_of(g, fn, e->a->type, buf_str(&x), out);
    buf_free(&x);
    return;
  }
  case E_WORKDAYS_FROM: working_days(g, e, out); return;
  default: break;
  }
  buf a = {0}, b = {0};
  scalar(g, e->a, &a);
  scalar(g, e->b, &b);
  if (e->kind == E_DAYS_FROM) day_diff(g, buf_str(&a), buf_str(&b), out);
  else if (e->a->type == T_MONTH) buf_printf(out, "(%s - %s)", buf_str(&b), buf_str(&a));
  else months_between(g, buf_str(&a), buf_str(&b), out);
  buf_free(&a);
  buf_free(&b);
}

/* An expression of any type but a condition's: its SQL value. */
static void scalar(gen *g, const expr *e, buf *out) {
  switch (e->kind) {
#define X(k, s) case k:
  TIME_EXPR_LIST(X)
#undef X
    time_expr(g, e, out);
    return;
  case E_NUM: case E_STR: case E_BOOL: case E_DATE: value_lit(g, e->lit, e->sp, out); return;
  case E_NAME:
    if (e->ref == REF_COLUMN) column(g, e, out);
    else if (e->ref == REF_PARAM) value_lit(g, g->p->paramv[e->slot]->val, e->sp, out);
    else cond(g, e, out);
    return;
  case E_NEG:
  case E_ADD: case E_SUB: case E_MUL: case E_DIV:
    if (e->kind == E_NEG ? is_num_type(e->a->type) : is_num_type(e->a->type) && is_num_type(e->b->type)) {
      numx x = {0};
      numeric(g, e, &x);
      if (x.q.len) buf_printf(out, "(CAST(%s AS DECIMAL(38, 18)) / %s)", buf_str(&x.p), buf_str(&x.q)), cannot(g, e->sp, M("a quotient used as a value"));
      else buf_adds(out, buf_str(&x.p));
      numx_free(&x);
      return;
    }
    if (e->kind == E_NEG) {
      cannot(g, e->sp, M("this negation"));
      buf_adds(out, "NULL");
      return;
    }
    date_arith(g, e, out);
    return;
  case E_ULTIMO: case E_PRIMO: {
    const expr *y = e->a;
    if (sure(g, y)) {
      value v = y->kind == E_NAME ? g->p->paramv[y->slot]->val : y->lit;
      if (v.kind == V_NUM && num_is_int(v.u.n)) date_lit(cal_year_end(v.u.n.n, e->kind == E_ULTIMO), out);
      else buf_adds(out, "NULL");
      return;
    }
    numx n = {0};
    numeric(g, y, &n);
    if (n.q.len) cannot(g, y->sp, M("a division in a year"));
    const char *ys = buf_str(&n.p);
    buf d = {0};
    if (g->d == SQL_TRINO)
      buf_printf(&d, "date_add('year', CAST(%s AS INTEGER) - 1970, DATE '1970-%s')", ys, e->kind == E_ULTIMO ? "12-31" : "01-01");
    else buf_printf(&d, "make_date(CAST(%s AS INTEGER), %s)", ys, e->kind == E_ULTIMO ? "12, 31" : "1, 1");
    buf_printf(out, "CASE WHEN %s = FLOOR(%s) AND %s BETWEEN %d AND %d THEN %s END", ys, ys, ys, CAL_YEAR_MIN, CAL_YEAR_MAX, buf_str(&d));
    buf_free(&d);
    numx_free(&n);
    return;
  }
  case E_DURATION: cannot(g, e->sp, M("a duration on its own")); buf_adds(out, "NULL"); return;
  case E_FIELD: {
    buf col = {0};
    vtype t;
    if (field_col(g, e, &col, &t)) typed(g, buf_str(&col), t, out);
    else buf_adds(out, "NULL");
    buf_free(&col);
    return;
  }
  case E_HAS: has_col(g, e, out); return;
  default: cond(g, e, out); return;
  }
}

/* a OP b, both present, compared as maal compares them (value_cmp). */
static void comparison(gen *g, const expr *e, buf *out) {
  static const char *ops[] = {[E_EQ] = "=", [E_NE] = "<>", [E_LT] = "<", [E_LE] = "<=", [E_GT] = ">", [E_GE] = ">="};
  static const char *flip[] = {[E_EQ] = "=", [E_NE] = "<>", [E_LT] = ">", [E_LE] = ">=", [E_GT] = "<", [E_GE] = "<="};
  const char *op = ops[e->kind];
  if (is_num_type(e->a->type) && is_num_type(e->b->type) && (has_div(e->a) || has_div(e->b))) {
    numx a = {0}, b = {0};
    numeric(g, e->a, &a);
    numeric(g, e->b, &b);
    as_pair(&a);
    as_pair(&b);
    const char *l = buf_str(&a.p), *lq = buf_str(&a.q), *r = buf_str(&b.p), *rq = buf_str(&b.q);
    /* p/q OP r/s  ⇔  p·s OP r·q when q·s > 0, the other way round when < 0 */
    buf_printf(out, "CASE WHEN %s * %s > 0 THEN %s * %s %s %s * %s ELSE %s * %s %s %s * %s END", lq, rq, l, rq, op, r,
               lq, l, rq, flip[e->kind], r, lq);
    numx_free(&a);
    numx_free(&b);
    return;
  }
  buf a = {0}, b = {0};
  scalar(g, e->a, &a);
  scalar(g, e->b, &b);
  bool c_order = g->d == SQL_POSTGRESQL && e->a->type == T_TEXT && e->kind != E_EQ && e->kind != E_NE;
  buf_printf(out, "(%s %s %s%s)", buf_str(&a), op, buf_str(&b), c_order ? " COLLATE \"C\"" : "");
  buf_free(&a);
  buf_free(&b);
}

static void in_list(gen *g, const expr *e, buf *out) {
  bool plain = !has_div(e->a);
  for (const expr *it = e->b; it; it = it->next)
    if (!sure(g, it) || has_div(it)) plain = false;
  buf a = {0};
  if (plain) {
    scalar(g, e->a, &a);
    buf_printf(out, "(%s %sIN (", buf_str(&a), e->kind == E_NOTIN ? "NOT " : "");
    for (const expr *it = e->b; it; it = it->next) {
      if (it != e->b) buf_adds(out, ", ");
      scalar(g, it, out);
    }
    buf_adds(out, "))");
    buf_free(&a);
    return;
  }
  /* an item that is missing is equal to nothing (spec §5.3) */
  expr probe = {.kind = E_MISSING, .a = e->a, .type = T_BOOL};
  buf m = {0};
  cond(g, &probe, &m);
  buf_printf(out, "CASE WHEN %s THEN NULL WHEN ", buf_str(&m));
  for (const expr *it = e->b; it; it = it->next) {
    if (it != e->b) buf_adds(out, " OR ");
    expr eq = {.kind = E_EQ, .a = e->a, .b = (expr *)it, .type = T_BOOL, .sp = it->sp};
    buf_adds(out, "COALESCE(");
    comparison(g, &eq, out);
    buf_adds(out, ", FALSE)");
  }
  buf_printf(out, " THEN %s ELSE %s END", e->kind == E_IN ? "TRUE" : "FALSE", e->kind == E_IN ? "FALSE" : "TRUE");
  buf_free(&m);
}

static void between(gen *g, const expr *e, buf *out) {
  bool pairs = is_num_type(e->a->type) && (has_div(e->a) || has_div(e->b) || has_div(e->c));
  if (!pairs && sure(g, e->b) && sure(g, e->c)) {
    buf a = {0};
    scalar(g, e->a, &a);
    buf_printf(out, "(%s BETWEEN ", buf_str(&a));
    scalar(g, e->b, out);
    buf_adds(out, " AND ");
    scalar(g, e->c, out);
    if (g->d == SQL_POSTGRESQL && e->a->type == T_TEXT) buf_adds(out, " COLLATE \"C\"");
    buf_addc(out, ')');
    buf_free(&a);
    return;
  }
  /* missing if any of the three is (SQL's BETWEEN would say FALSE for
     5 BETWEEN 10 AND NULL) */
  const expr *three[3] = {e->a, e->b, e->c};
  buf_adds(out, "CASE WHEN ");
  for (int i = 0; i < 3; i++) {
    expr m = {.kind = E_MISSING, .a = (expr *)three[i], .type = T_BOOL};
    if (i) buf_adds(out, " OR ");
    cond(g, &m, out);
  }
  expr lo = {.kind = E_LE, .a = e->b, .b = e->a, .type = T_BOOL};
  expr hi = {.kind = E_LE, .a = e->a, .b = e->c, .type = T_BOOL};
  buf_adds(out, " THEN NULL ELSE ");
  comparison(g, &lo, out);
  buf_adds(out, " AND ");
  comparison(g, &hi, out);
  buf_adds(out, " END");
}

static const char *group_truth(gen *g, const group_decl *gr);

/* A condition: an SQL boolean, NULL for unknown. */
static void cond(gen *g, const expr *e, buf *out) {
  switch (e->kind) {
  case E_AND: case E_OR: {
    size_t n;
    const expr **t = chain_terms(e, &n);
    buf_addc(out, '(');
    for (size_t i = 0; i < n; i++) {
      if (i) buf_adds(out, e->kind == E_AND ? " AND " : " OR ");
      cond(g, t[i], out);
    }
    buf_addc(out, ')');
    free(t);
    return;
  }
  case E_NOT:
    buf_adds(out, "(NOT ");
    cond(g, e->a, out);
    buf_addc(out, ')');
    return;
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: comparison(g, e, out); return;
  case E_IN: case E_NOTIN: in_list(g, e, out); return;
  case E_BETWEEN: between(g, e, out); return;
  case E_MISSING: case E_PRESENT: {
    const char *is = e->kind == E_MISSING ? "IS NULL" : "IS NOT NULL";
    if (is_num_type(e->a->type) && has_div(e->a)) {
      numx x = {0};
      numeric(g, e->a, &x);
      as_pair(&x);
      if (e->kind == E_MISSING) buf_printf(out, "(%s IS NULL OR %s IS NULL)", buf_str(&x.p), buf_str(&x.q));
      else buf_printf(out, "(%s IS NOT NULL AND %s IS NOT NULL)", buf_str(&x.p), buf_str(&x.q));
      numx_free(&x);
      return;
    }
    buf x = {0};
    scalar(g, e->a, &x);
    buf_printf(out, "(%s %s)", buf_str(&x), is);
    buf_free(&x);
    return;
  }
  case E_NAME:
    if (e->ref == REF_GROUP) {
      buf_adds(out, group_truth(g, g->p->groupv[e->slot]));
      return;
    }
    scalar(g, e, out);
    return;
  case E_BOOL: value_lit(g, e->lit, e->sp, out); return;
  case E_HAS: has_col(g, e, out); return;
  case E_FIELD: scalar(g, e, out); return;
  default: scalar(g, e, out); return;
  }
}

/* The truth of a group's whole chain of conditions: the AND of them all;
 * "" for a group that takes every row. */
static const char *group_truth(gen *g, const group_decl *gr) {
  if (g->group_sql[gr->index]) return g->group_sql[gr->index];
  const group_decl *chain[64];
  size_t n = 0;
  buf b = {0};
  for (const group_decl *x = gr; x; x = x->parent) {
    if (x->where && n < 64) chain[n++] = x;
    else if (x->where) cannot(g, gr->sp, M("a chain of more than 64 groups"));
  }
  if (n > 1) buf_addc(&b, '(');
  for (size_t i = n; i-- > 0;) {
    cond(g, chain[i]->where, &b);
    if (i) buf_adds(&b, " AND ");
  }
  if (n > 1) buf_addc(&b, ')');
  else if (!n) buf_adds(&b, "TRUE");
  g->group_sql[gr->index] = xstrdup(buf_str(&b));
  buf_free(&b);
  return g->group_sql[gr->index];
}

static int col_index(const data_decl *d, const char *name) {
  for (size_t i = 0; name && i < d->ncol; i++)
    if (!strcmp(d->colv[i]->name, name)) return (int)i;
  return -1;
}

/* ---- fields through references and 'har' (spec §5.9, §5.10) ----
 *
 * Both are columns of the WITH that the source's SELECTs read: a field is
 * the column of the row referred to (a LEFT JOIN on the key: a missing or
 * dangling reference gives NULL); a 'har' is its truth for the row. */

/* Whether `name` is made already; it is from now on. */
static bool made(gen *g, const char *name) {
  for (size_t i = 0; i < g->ndone; i++)
    if (!strcmp(g->done[i], name)) return true;
  g->done = xrealloc(g->done, (g->ndone + 1) * sizeof *g->done);
  g->done[g->ndone++] = xstrdup(name);
  return false;
}

static bool field_col(gen *g, const expr *e, buf *out, vtype *type) {
  const rel_expr *x = e->rel;
  const data_decl *t = x ? x->source : NULL;
  int fc = t ? col_index(t, x->field) : -1;
  *type = T_NONE;
  if (g->alias || fc < 0 || !t->rel || t->rel->nkey != 1 || x->ref_col < 0 || (size_t)x->ref_col >= g->src->ncol) {
    cannot(g, e->sp, M("a field read through a reference inside 'har'"));
    buf_adds(out, "NULL");
    return false;
  }
  char name[64], join[32];
  snprintf(name, sizeof name, "maal_felt_%d_%d", x->ref_col, fc);
  snprintf(join, sizeof join, "f%d", x->ref_col);
  if (!made(g, join)) {
    buf_adds(&g->joins, "\n  LEFT JOIN ");
    sql_table(g->d, t, &g->joins);
    buf_printf(&g->joins, " AS %s ON %s.", join, join);
    sql_ident(g->d, t->colv[t->rel->key[0]]->name, &g->joins);
    buf_adds(&g->joins, " = b.");
    sql_ident(g->d, g->src->colv[x->ref_col]->name, &g->joins);
  }
  if (!made(g, name)) {
    buf_printf(&g->with_cols, ",\n    %s.", join);
    sql_ident(g->d, t->colv[fc]->name, &g->with_cols);
    buf_adds(&g->with_cols, " AS ");
    sql_ident(g->d, name, &g->with_cols);
  }
  sql_ident(g->d, name, out);
  *type = t->colv[fc]->type;
  return true;
}

/* What a 'har' needs of the related rows R, written with R's alias r. */
typedef struct {
  buf link;   /* the current row's link: b."person_id" */
  buf rlink;  /* R's column to it: r."person_id" */
  buf c;      /* R's row counts: its group's chain AND the condition */
  buf at;     /* X, the window's date or month */
  buf rtime;  /* R's time column: its month (month windows) or date (events) */
  buf at_day; /* X as stored (a date, or a month's first day) when X is a column; else empty */
  buf rday;   /* R's time column as stored */
  buf table;  /* R */
} has_parts;

static void has_parts_free(has_parts *h) {
  buf_free(&h->link);
  buf_free(&h->rlink);
  buf_free(&h->c);
  buf_free(&h->at);
  buf_free(&h->rtime);
  buf_free(&h->at_day);
  buf_free(&h->rday);
  buf_free(&h->table);
}

/* Months of [lo, hi] outside R's span [first, last] (all when R has none). */
static void outside(const char *lo, const char *hi, const char *first, const char *last, buf *out) {
  buf_printf(out, "CASE WHEN %s IS NULL THEN (%s) - (%s) + 1 ELSE GREATEST(0, LEAST(%s, %s - 1) - (%s) + 1) + GREATEST(0, (%s) - GREATEST(%s, %s + 1) + 1) END",
             first, hi, lo, hi, first, lo, hi, lo, last);
}

/* The span R covers: declared (dækker), or its first and last row's. */
static void span_of(gen *g, const has_parts *h, const rel_expr *x, buf *first, buf *last) {
  const rel_source *s = x->source->rel;
  if (s->covered) {
    if (x->events) {
      date_lit(s->cover_first, first);
      date_lit(s->cover_last, last);
      return;
    }
    int32_t a = cal_month_of_date(s->cover_first), b = cal_month_of_date(s->cover_last), f, l;
    cal_month_days(a, &f, &l);
    if (f < s->cover_first) a++;
    cal_month_days(b, &f, &l);
    if (l > s->cover_last) b--;
    if (a > b) { /* no whole month: nothing is covered */
      buf_adds(first, "CAST(NULL AS INTEGER)");
      buf_adds(last, "CAST(NULL AS INTEGER)");
    } else {
      buf_printf(first, "%d", a);
      buf_printf(last, "%d", b);
    }
    return;
  }
  buf_printf(first, "(SELECT MIN(%s) FROM %s AS r)", buf_str(&h->rtime), buf_str(&h->table));
  buf_printf(last, "(SELECT MAX(%s) FROM %s AS r)", buf_str(&h->rtime), buf_str(&h->table));
  (void)g;
}

static void has_truth(gen *g, const expr *e, buf *out) {
  const rel_expr *x = e->rel;
  const data_decl *cur = g->src, *R = x->source;
  has_parts h = {0};
  g->alias = "b";
  g->in_with = true;
  colref(g, cur->colv[x->link_col]->name, &h.link);
  if (x->w != W_NONE || x->events) {
    buf a = {0};
    scalar(g, e->a, &a);
    if (!x->events && e->a->type == T_DATE) month_index(g, buf_str(&a), &h.at);
    else buf_adds(&h.at, buf_str(&a));
    buf_free(&a);
    vtype at_t;
    if (!x->events && e->a->kind == E_NAME && e->a->ref == REF_COLUMN && e->a->slot < (int)cur->ncol &&
        (e->a->type == T_DATE || e->a->type == T_MONTH))
      stored(g, e->a->slot, e->a->sp, &h.at_day, &at_t);
  }
  /* R's side, with its own groups' texts */
  char **saved = g->group_sql;
  g->group_sql = xcalloc((size_t)g->p->ngroups + 1, sizeof *g->group_sql);
  g->src = R;
  g->alias = "r";
  sql_table(g->d, R, &h.table);
  colref(g, R->colv[x->ref_col]->name, &h.rlink);
  buf wc = {0};
  if (x->where) cond(g, x->where, &wc);
  sql_and(&h.c, x->group ? group_truth(g, x->group) : NULL, x->where ? buf_str(&wc) : NULL);
  buf_free(&wc);
  if (x->w != W_NONE || x->events) {
    buf t = {0};
    colref(g, R->colv[R->rel->time_col]->name, &t);
    buf_adds(&h.rday, buf_str(&t));
    if (x->events) buf_adds(&h.rtime, buf_str(&t));
    else if (R->colv[R->rel->time_col]->type == T_DATE) month_index(g, buf_str(&t), &h.rtime);
    else typed(g, buf_str(&t), R->colv[R->rel->time_col]->type, &h.rtime);
    buf_free(&t);
  }
  for (int k = 0; k < g->p->ngroups; k++) free(g->group_sql[k]);
  free(g->group_sql);
  g->group_sql = saved;
  g->src = cur;
  g->alias = NULL;
  g->in_with = false;

  buf t = {0};
  const char *C = buf_str(&h.c);
  if (x->w == W_NONE && !x->events) {
    /* per entity: the related rows that count, and that may count */
    char hn[32];
    snprintf(hn, sizeof hn, "h%d", x->index);
    buf_printf(&g->joins, "\n  LEFT JOIN (SELECT %s AS maal_k, COUNT(CASE WHEN %s THEN 1 END) AS maal_ja, COUNT(CASE WHEN (%s) IS NULL THEN 1 END) AS maal_maaske\n    FROM %s AS r GROUP BY %s) AS %s ON %s.maal_k = %s",
               buf_str(&h.rlink), C, C, buf_str(&h.table), buf_str(&h.rlink), hn, hn, buf_str(&h.link));
    char yes[64], maybe[64];
    snprintf(yes, sizeof yes, "COALESCE(%s.maal_ja, 0)", hn);
    snprintf(maybe, sizeof maybe, "COALESCE(%s.maal_maaske, 0)", hn);
    long long n = (long long)x->n;
    if (x->at_most)
      buf_printf(&t, "CASE WHEN %s IS NULL THEN NULL WHEN %s + %s <= %lld THEN TRUE WHEN %s > %lld THEN FALSE END",
                 buf_str(&h.link), yes, maybe, n, yes, n);
    else
      buf_printf(&t, "CASE WHEN %s IS NULL THEN NULL WHEN %s >= %lld THEN TRUE WHEN %s + %s < %lld THEN FALSE END",
                 buf_str(&h.link), yes, n, yes, maybe, n);
  } else {
    /* per row of the source (numbered in b): what the related rows of its
       window hold, by one join on the link, grouped by the row */
    buf first = {0}, last = {0}, lo = {0}, hi = {0}, cols = {0};
    span_of(g, &h, x, &first, &last);
    long long n = (long long)x->months, k = (long long)x->k;
    const char *at = buf_str(&h.at), *rt = buf_str(&h.rtime);
    char w[32];
    snprintf(w, sizeof w, "w%d", x->index);
    g->numbered = true;
    if (x->events) { /* rows dated in (X, X + N] or [X − N, X) */
      char nb[32], mb[32];
      snprintf(nb, sizeof nb, "%lld", n);
      snprintf(mb, sizeof mb, "%lld", -n);
      if (x->before) {
        if (x->days) add_days(g, at, mb, &lo);
        else add_months(g, at, mb, &lo);
        add_days(g, at, "-1", &hi);
      } else {
        add_days(g, at, "1", &lo);
        if (x->days) add_days(g, at, nb, &hi);
        else add_months(g, at, nb, &hi);
      }
      buf_printf(&cols, "MAX(CASE WHEN %s THEN 2 WHEN (%s) IS NULL THEN 1 ELSE 0 END) AS maal_s", C, C);
      buf_printf(&t, "CASE WHEN %s IS NULL OR %s IS NULL THEN NULL WHEN %s.maal_s = 2 THEN TRUE WHEN %s.maal_s = 1 THEN NULL"
                     " WHEN %s IS NULL OR %s < %s OR %s > %s THEN NULL ELSE FALSE END",
                 buf_str(&h.link), at, w, w, buf_str(&first), buf_str(&lo), buf_str(&first), buf_str(&hi), buf_str(&last));
    } else { /* the months m+1 … m+N after X's month m, or m−N … m−1 before it */
      if (x->before) {
        buf_printf(&lo, "(%s - %lld)", at, n);
        buf_printf(&hi, "(%s - 1)", at);
      } else {
        buf_printf(&lo, "(%s + 1)", at);
        buf_printf(&hi, "(%s + %lld)", at, n);
      }
      /* per stretch of months: those with a row that counts (ja), and those
         with a row that may (mulig; a declared span: less those outside it) */
      long long parts = x->w == W_CONSECUTIVE ? n - k + 1 : 1, len = x->w == W_CONSECUTIVE ? k : n;
      buf sure = {0}, may = {0};
      for (long long i = 0; i < parts; i++) {
        buf a = {0}, z = {0}, in = {0};
        buf_printf(&a, "(%s + %lld)", buf_str(&lo), i);
        buf_printf(&z, "(%s + %lld)", buf_str(&lo), i + len - 1);
        if (x->w == W_CONSECUTIVE) buf_printf(&in, " AND %s BETWEEN %s AND %s", rt, buf_str(&a), buf_str(&z));
        buf_printf(&cols, "%sCOUNT(DISTINCT CASE WHEN %s%s THEN %s END) AS maal_ja%lld", i ? ",\n      " : "", C,
                   buf_str(&in), rt, i);
        buf_printf(&cols, ",\n      COUNT(DISTINCT CASE WHEN COALESCE(%s, TRUE)%s THEN %s END) AS maal_mulig%lld", C,
                   buf_str(&in), rt, i);
        if (x->source->rel->covered)
          buf_printf(&cols, ",\n      COUNT(DISTINCT CASE WHEN COALESCE(%s, TRUE)%s AND (%s < %s OR %s > %s) THEN %s END) AS maal_ude%lld",
                     C, buf_str(&in), rt, buf_str(&first), rt, buf_str(&last), rt, i);
        /* K true months; else K that are not false (a month outside what R
           covers is unknown) */
        buf_printf(&sure, "%sCOALESCE(%s.maal_ja%lld, 0) >= %lld", i ? " OR " : "", w, i, k);
        buf_printf(&may, "%sCOALESCE(%s.maal_mulig%lld, 0) + ", i ? " OR " : "", w, i);
        outside(buf_str(&a), buf_str(&z), buf_str(&first), buf_str(&last), &may);
        if (x->source->rel->covered) buf_printf(&may, " - COALESCE(%s.maal_ude%lld, 0)", w, i);
        buf_printf(&may, " >= %lld", k);
        buf_free(&a);
        buf_free(&z);
        buf_free(&in);
      }
      buf_printf(&t, "CASE WHEN %s IS NULL OR %s IS NULL THEN NULL WHEN %s THEN TRUE WHEN %s THEN NULL ELSE FALSE END",
                 buf_str(&h.link), at, buf_str(&sure), buf_str(&may));
      buf_free(&sure);
      buf_free(&may);
    }
    buf on = {0};
    if (!x->events && h.at_day.len) {
      /* the window's days, so the join compares dates, not computed months:
         from the first day of its first month to the last of its last */
      buf start = {0}, a = {0}, z = {0}, k1 = {0};
      month_start(g, buf_str(&h.at_day), &start);
      buf_printf(&k1, "%lld", x->before ? -n : 1);
      add_months(g, buf_str(&start), buf_str(&k1), &a);
      buf_clear(&k1);
      if (x->before) {
        add_days(g, buf_str(&start), "-1", &z);
      } else {
        buf_printf(&k1, "%lld", n + 1);
        buf end = {0};
        add_months(g, buf_str(&start), buf_str(&k1), &end);
        add_days(g, buf_str(&end), "-1", &z);
        buf_free(&end);
      }
      buf_printf(&on, "%s BETWEEN %s AND %s", buf_str(&h.rday), buf_str(&a), buf_str(&z));
      buf_free(&start);
      buf_free(&a);
      buf_free(&z);
      buf_free(&k1);
    } else {
      buf_printf(&on, "%s BETWEEN %s AND %s", rt, buf_str(&lo), buf_str(&hi));
    }
    buf_printf(&g->ctes, "%s AS (\n  SELECT b.maal_rad, %s\n  FROM b JOIN %s AS r ON %s = %s AND %s\n  GROUP BY b.maal_rad\n),\n",
               w, buf_str(&cols), buf_str(&h.table), buf_str(&h.rlink), buf_str(&h.link), buf_str(&on));
    buf_free(&on);
    buf_printf(&g->joins, "\n  LEFT JOIN %s ON %s.maal_rad = b.maal_rad", w, w);
    buf_free(&first);
    buf_free(&last);
    buf_free(&lo);
    buf_free(&hi);
    buf_free(&cols);
  }
  if (x->at_most && (x->w != W_NONE || x->events)) buf_printf(out, "(NOT (%s))", buf_str(&t)); /* har ingen */
  else buf_adds(out, buf_str(&t));
  buf_free(&t);
  has_parts_free(&h);
}

static void has_col(gen *g, const expr *e, buf *out) {
  const rel_expr *x = e->rel;
  if (g->alias || !x || !x->source->rel || x->link_col < 0 || x->ref_col < 0 ||
      ((x->w != W_NONE || x->events) && x->source->rel->time_col < 0)) {
    cannot(g, e->sp, M("'har' inside 'har' or its window"));
    buf_adds(out, "NULL");
    return;
  }
  char name[32];
  snprintf(name, sizeof name, "maal_har_%d", x->index);
  if (!made(g, name)) {
    buf t = {0};
    has_truth(g, e, &t);
    buf_printf(&g->with_cols, ",\n    %s AS ", buf_str(&t));
    sql_ident(g->d, name, &g->with_cols);
    buf_free(&t);
  }
  sql_ident(g->d, name, out);
}

/* ---- the SELECTs of one probe ---- */

typedef struct {
  gen *g;
  buf *q;            /* the query being written */
  int branches;      /* SELECTs written so far */
} query;

static void select_head(query *q, const char *probe, char kind, const char *comment) {
  buf *b = q->q;
  if (q->branches++) buf_adds(b, "UNION ALL\n");
  if (comment) buf_printf(b, "-- %s\n", comment);
  buf_printf(b, "SELECT '%s'%s, '%c'%s", probe, q->branches == 1 ? " AS probe" : "", kind, q->branches == 1 ? " AS kind" : "");
}

/* The SQL of one side of a probe's breakdown key, grouped by; a band by
 * its index (the evaluator's bands_find: the first band that holds the
 * value), the bands' count for a value in none. */
static void key_sql(gen *g, const by_dim *d, int col, buf *out) {
  buf raw = {0}, x = {0}, t = {0};
  vtype ty;
  stored(g, col, d->sp, &raw, &ty);
  typed(g, buf_str(&raw), ty, &x);
  buf_free(&raw);
  time_of(g, d->fn, ty, buf_str(&x), &t);
  if (!d->set) {
    buf_adds(out, buf_str(&t));
  } else {
    const band_set *s = d->set;
    buf_printf(out, "CASE WHEN %s IS NULL THEN NULL", buf_str(&t));
    for (size_t i = 0; i < s->n; i++) {
      const band *bd = s->v[i];
      buf_adds(out, " WHEN ");
      bool any = false;
      if (bd->lo_raw) {
        buf_printf(out, "%s %s ", buf_str(&t), bd->lo_open ? ">" : ">=");
        if (!num_lit(bd->lo, out)) cannot(g, bd->sp, M("this band's end"));
        any = true;
      }
      if (bd->hi_raw) {
        buf_printf(out, "%s%s %s ", any ? " AND " : "", buf_str(&t), bd->hi_open ? "<" : "<=");
        if (!num_lit(bd->hi, out)) cannot(g, bd->sp, M("this band's end"));
        any = true;
      }
      if (!any) buf_adds(out, "TRUE");
      buf_printf(out, " THEN %zu", i);
    }
    buf_printf(out, " ELSE %zu END", s->n);
  }
  buf_free(&x);
  buf_free(&t);
}

/* a AND b, leaving out a side that is TRUE (so the SQL reads as the rule) */
static void sql_and(buf *out, const char *a, const char *b) {
  bool ta = !a || !strcmp(a, "TRUE"), tb = !b || !strcmp(b, "TRUE");
  if (ta && tb) buf_adds(out, "TRUE");
  else if (ta) buf_adds(out, b);
  else if (tb) buf_adds(out, a);
  else buf_printf(out, "%s AND %s", a, b);
}

/* COUNT of the rows where a AND b, or COUNT(x) of them */
static void count_where(buf *out, const char *a, const char *b, const char *x) {
  buf c = {0};
  sql_and(&c, a, b);
  if (!strcmp(buf_str(&c), "TRUE")) buf_printf(out, "COUNT(%s)", x ? x : "*");
  else buf_printf(out, "COUNT(CASE WHEN %s THEN %s END)", buf_str(&c), x ? x : "1");
  buf_free(&c);
}

/* AGG(CASE WHEN a AND b THEN x END) as text */
static void agg_where(gen *g, buf *out, const char *agg, const char *a, const char *b, const char *x) {
  buf c = {0};
  sql_and(&c, a, b);
  if (!strcmp(buf_str(&c), "TRUE")) buf_printf(out, "CAST(%s(%s) AS %s)", agg, x, text_type(g->d));
  else buf_printf(out, "CAST(%s(CASE WHEN %s THEN %s END) AS %s)", agg, buf_str(&c), x, text_type(g->d));
  buf_free(&c);
}

/* The accumulator's columns over the rows for which `in` is TRUE: `in`
 * is the group's truth (with the 'over' column present). */
static void acc_columns(gen *g, const measure *m, const char *in, buf *b) {
  buf t = {0}, u = {0};
  if (m->where) cond(g, m->where, &t);
  else buf_adds(&t, "TRUE");
  const char *T = buf_str(&t);
  const char *ty = text_type(g->d);
  buf_adds(b, ",\n  ");
  count_where(b, in, NULL, NULL);
  if (m->kind == M_COUNT || m->kind == M_SHARE) {
    buf_adds(b, ",\n  ");
    count_where(b, in, T, NULL);
    buf_adds(b, ",\n  ");
    if (m->where) {
      buf_printf(&u, "%s IS NULL", T);
      count_where(b, in, buf_str(&u), NULL);
    } else buf_adds(b, "0");
    buf_printf(b, ", 0, 0, 0, CAST(NULL AS %s), CAST(NULL AS %s), CAST(NULL AS %s)", ty, ty, ty);
    buf_free(&t);
    buf_free(&u);
    return;
  }
  /* a row of the group counts when its condition is TRUE and it has the
     value(s); else it is left out as unknown, unless the condition is FALSE */
  buf v = {0}, have = {0}, lack = {0};
  buf ns = {0}, ds = {0};
  if (m->kind == M_RATIO) {
    if (m->num_c >= 0) sql_ident(g->d, g->src->colv[m->num_c]->name, &ns);
    else buf_adds(&ns, "1");
    if (m->den_c >= 0) sql_ident(g->d, g->src->colv[m->den_c]->name, &ds);
    else buf_adds(&ds, "1");
    buf_printf(&have, "%s IS NOT NULL AND %s IS NOT NULL", buf_str(&ns), buf_str(&ds));
    buf_printf(&lack, "(%s IS NULL OR %s IS NULL)", buf_str(&ns), buf_str(&ds));
  } else {
    vtype vt;
    stored(g, m->col, m->col_sp, &v, &vt); /* a month column is counted by its date */
    buf_printf(&have, "%s IS NOT NULL", buf_str(&v));
    buf_printf(&lack, "%s IS NULL", buf_str(&v));
  }
  if (m->where) buf_printf(&u, "(%s IS NULL OR (%s AND %s))", T, T, buf_str(&lack));
  else buf_adds(&u, buf_str(&lack));
  buf ok = {0}; /* the condition TRUE and the values there */
  sql_and(&ok, T, buf_str(&have));
  const char *OK = buf_str(&ok), *V = buf_str(&v);
  buf_adds(b, ", 0,\n  ");
  count_where(b, in, buf_str(&u), NULL);
  buf_adds(b, ", 0,\n  ");
  count_where(b, in, OK, NULL);
  buf_adds(b, ",\n  ");
  if (m->kind == M_DISTINCT) {
    buf c = {0};
    sql_and(&c, in, T);
    if (!strcmp(buf_str(&c), "TRUE")) buf_printf(b, "COUNT(DISTINCT %s)", V);
    else buf_printf(b, "COUNT(DISTINCT CASE WHEN %s THEN %s END)", buf_str(&c), V);
    buf_free(&c);
  } else buf_adds(b, "0");
  buf_adds(b, ",\n  ");
  if (m->kind == M_SUM || m->kind == M_AVG) agg_where(g, b, "SUM", in, OK, V);
  else if (m->kind == M_RATIO) agg_where(g, b, "SUM", in, OK, buf_str(&ns));
  else buf_printf(b, "CAST(NULL AS %s)", ty);
  buf_adds(b, ", ");
  if (m->kind == M_MIN || m->kind == M_MAX || m->kind == M_VALUE) agg_where(g, b, m->kind == M_MAX ? "MAX" : "MIN", in, OK, V);
  else buf_printf(b, "CAST(NULL AS %s)", ty);
  buf_adds(b, ", ");
  if (m->kind == M_RATIO) agg_where(g, b, "SUM", in, OK, buf_str(&ds));
  else buf_printf(b, "CAST(NULL AS %s)", ty);
  buf_free(&ok);
  buf_free(&v);
  buf_free(&have);
  buf_free(&lack);
  buf_free(&ns);
  buf_free(&ds);
  buf_free(&t);
  buf_free(&u);
}

/* The rows the SELECTs read: the table, or the WITH t that adds fields
 * and 'har' truths to it, known only when every SELECT is written: a
 * mark, replaced then (source_query). */
#define FROM_MARK "\x01"
static void from_table(query *q, buf *b) {
  (void)q;
  buf_adds(b, "\nFROM " FROM_MARK "\n");
}

/* The SELECTs of one probe: the goal's measure (base false) or its
 * baseline, broken down by `by` (nby sides, their columns). */
static void probe_selects(query *q, const goal *gl, const measure *m, bool base, const by_dim *const *by,
                          const int *bycol, int nby) {
  gen *g = q->g;
  buf *b = q->q;
  char tag[32];
  snprintf(tag, sizeof tag, "%d%c", gl->index, base ? 'b' : 'm');
  const char *ty = text_type(g->d);
  buf in = {0}, over = {0};
  buf_adds(&in, m->g ? group_truth(g, m->g) : "TRUE");
  buf in_ok = {0}; /* in the group, with an 'over' value */
  if (m->over_col >= 0) {
    expr oc = {.kind = E_NAME, .ref = REF_COLUMN, .slot = m->over_col, .type = m->source->colv[m->over_col]->type, .sp = m->over_sp};
    scalar(g, &oc, &over);
    buf present = {0};
    buf_printf(&present, "%s IS NOT NULL", buf_str(&over));
    sql_and(&in_ok, buf_str(&in), buf_str(&present));
    buf_free(&present);
  } else {
    buf_adds(&in_ok, buf_str(&in));
  }
  char what[256];
  snprintf(what, sizeof what, "%s %s%s: %s", M("goal"), gl->id, base ? M(", its baseline") : "", ast_measure_name(m->kind));
  /* the total */
  select_head(q, tag, SQLR_TOTAL, what);
  buf_printf(b, ", CAST(NULL AS %s), CAST(NULL AS %s)", ty, ty);
  acc_columns(g, m, buf_str(&in_ok), b);
  from_table(q, b);
  /* rows left out of the group as unknown (and, with 'over', those of
     the group without an 'over' value): counted apart */
  if (m->g || m->over_col >= 0) {
    buf un = {0};
    if (m->g) buf_printf(&un, "%s IS NULL", buf_str(&in));
    if (m->over_col >= 0) {
      buf miss = {0};
      buf_printf(&miss, "%s IS NULL", buf_str(&over));
      if (m->g) buf_adds(&un, " OR ");
      buf_addc(&un, '(');
      sql_and(&un, buf_str(&in), buf_str(&miss));
      buf_addc(&un, ')');
      buf_free(&miss);
    }
    select_head(q, tag, SQLR_UNSURE, M("the rows left out of its group as unknown"));
    buf_printf(b, ", CAST(NULL AS %s), CAST(NULL AS %s), 0, 0, 0,\n  COUNT(CASE WHEN %s THEN 1 END)", ty, ty, buf_str(&un));
    buf_printf(b, ", 0, 0, CAST(NULL AS %s), CAST(NULL AS %s), CAST(NULL AS %s)", ty, ty, ty);
    from_table(q, b);
    buf_free(&un);
  }
  if (nby) {
    buf keys[2] = {{0}, {0}};
    for (int i = 0; i < nby; i++) key_sql(g, by[i], bycol[i], &keys[i]);
    const char *k1 = buf_str(&keys[0]), *k2 = nby > 1 ? buf_str(&keys[1]) : NULL;
    buf gb = {0};
    buf_printf(&gb, "GROUP BY %s%s%s\n", k1, k2 ? ", " : "", k2 ? k2 : "");
    /* the parts: the values found among the group's rows */
    select_head(q, tag, SQLR_PART, M("its breakdown parts"));
    buf_printf(b, ", CAST(%s AS %s), ", k1, ty);
    if (k2) buf_printf(b, "CAST(%s AS %s)", k2, ty);
    else buf_printf(b, "CAST(NULL AS %s)", ty);
    acc_columns(g, m, "TRUE", b);
    from_table(q, b);
    buf_printf(b, "WHERE %s\n", buf_str(&in_ok));
    buf_adds(b, buf_str(&gb));
    /* per part: the rows left out of the group as unknown */
    if (m->g) {
    select_head(q, tag, SQLR_UNSURE_PART, M("the same, per part"));
    buf_printf(b, ", CAST(%s AS %s), ", k1, ty);
    if (k2) buf_printf(b, "CAST(%s AS %s)", k2, ty);
    else buf_printf(b, "CAST(NULL AS %s)", ty);
    buf_printf(b, ", 0, 0, 0, COUNT(*), 0, 0, CAST(NULL AS %s), CAST(NULL AS %s), CAST(NULL AS %s)", ty, ty, ty);
    from_table(q, b);
    buf_printf(b, "WHERE %s IS NULL\n", buf_str(&in));
    buf_adds(b, buf_str(&gb));
    }
    buf_free(&gb);
    buf_free(&keys[0]);
    buf_free(&keys[1]);
  }
  if (m->over_col >= 0) {
    select_head(q, tag, SQLR_OVER, M("per value of its 'over' column"));
    buf_printf(b, ", CAST(%s AS %s), CAST(NULL AS %s)", buf_str(&over), ty, ty);
    acc_columns(g, m, "TRUE", b);
    from_table(q, b);
    buf_printf(b, "WHERE %s\nGROUP BY %s\n", buf_str(&in_ok), buf_str(&over));
  }
  buf_free(&in);
  buf_free(&in_ok);
  buf_free(&over);
}

/* A literal compared with a column of an indicator table as the
 * evaluator compares their texts (value_text): the column's type. */
static void key_match(gen *g, const data_decl *d, int col, const char *text, buf *out) {
  buf c = {0};
  sql_ident(g->d, d->colv[col]->name, &c);
  const char *cs = buf_str(&c);
  size_t n = text ? strlen(text) : 0;
  num x;
  int32_t day, mon;
  if (!n) buf_printf(out, "%s IS NULL", cs);
  else switch (d->colv[col]->type) {
  case T_INT: case T_DEC:
    if (num_parse(text, n, '.', &x)) {
      buf_printf(out, "%s = ", cs);
      num_lit(x, out);
    } else buf_adds(out, "FALSE");
    break;
  case T_DATE:
    if (cal_parse_date(text, n, &day)) {
      char iso[16];
      cal_format_date(day, iso);
      if (strcmp(iso, text)) buf_adds(out, "FALSE"); /* the text of a date is its ISO form */
      else {
        buf_printf(out, "%s = ", cs);
        date_lit(day, out);
      }
    } else buf_adds(out, "FALSE");
    break;
  case T_MONTH:
    if (cal_parse_month(text, n, &mon)) {
      int32_t f, l;
      cal_month_days(mon, &f, &l);
      buf_printf(out, "%s = ", cs);
      date_lit(f, out);
    } else buf_adds(out, "FALSE");
    break;
  case T_BOOL:
    if (!strcmp(text, "ja") || !strcmp(text, "nej")) buf_printf(out, "%s = %s", cs, text[0] == 'j' ? "TRUE" : "FALSE");
    else buf_adds(out, "FALSE");
    break;
  default:
    buf_printf(out, "%s = ", cs);
    str_lit(g, text, n, out);
    break;
  }
  buf_free(&c);
}

/* An indicator looked up in its table: the matching rows' count, and the
 * values of the row when it is the only one. */
static void indicator_select(query *q, const goal *gl, const measure *m, bool base) {
  gen *g = q->g;
  buf *b = q->q;
  const data_decl *d = m->source;
  char tag[32];
  snprintf(tag, sizeof tag, "%d%c", gl->index, base ? 'b' : 'm');
  char what[256];
  snprintf(what, sizeof what, "%s %s%s: %s '%s'", M("goal"), gl->id, base ? M(", its baseline") : "", M("indicator"), m->indicator);
  const char *ty = text_type(g->d);
  int ci = col_index(d, "indikator"), cp = col_index(d, "periode"), cv = col_index(d, "vaerdi");
  int ct = col_index(d, "taeller"), cn = col_index(d, "naevner");
  select_head(q, tag, SQLR_INDICATOR, what);
  buf_printf(b, ", CAST(NULL AS %s), CAST(NULL AS %s), COUNT(*), 0, 0, 0, 0, 0", ty, ty);
  const int cols[3] = {ct, cv, cn};
  for (int i = 0; i < 3; i++) {
    if (cols[i] < 0 || !is_num_type(d->colv[cols[i]]->type)) {
      buf_printf(b, ", CAST(NULL AS %s)", ty);
      continue;
    }
    buf c = {0};
    sql_ident(g->d, d->colv[cols[i]]->name, &c);
    buf_printf(b, ", CAST(MIN(%s) AS %s)", buf_str(&c), ty);
    buf_free(&c);
  }
  from_table(q, b);
  buf_adds(b, "WHERE ");
  if (ci < 0 || cp < 0 || cv < 0) {
    buf_adds(b, "FALSE\n");
    return;
  }
  key_match(g, d, ci, m->indicator, b);
  buf_adds(b, " AND ");
  key_match(g, d, cp, m->period ? m->period->lit.u.t.s : NULL, b);
  buf_addc(b, '\n');
}

/* An assessment table's rows (mål, status, begrundelse, kommentar; spec
 * §9.4) and a milestone table's (maal or mål, faerdig, kommentar; §8.9):
 * hand-kept tables of a row per goal, each row fetched as it is, so a
 * status that is not one or a goal named twice is said as a pass says it. */
static void tables_select(query *q, const data_decl *d) {
  gen *g = q->g;
  buf *b = q->q;
  bool assessed = false, done = false;
  for (int i = 0; i < g->p->ngoals; i++) {
    const goal *gl = g->p->goalv[i];
    if (gl->assessed == d) assessed = true;
    if (!gl->manual && !gl->assessed && gl->m && gl->m->kind == M_DONE && gl->m->source == d) done = true;
  }
  const char *ty = text_type(g->d);
  for (int k = 0; k < 2; k++) {
    if (!(k ? done : assessed)) continue;
    int cg = k ? (col_index(d, "maal") >= 0 ? col_index(d, "maal") : col_index(d, "mål")) : col_index(d, "mål");
    int c1 = col_index(d, k ? "faerdig" : "status"), c2 = k ? -1 : col_index(d, "begrundelse"),
        c3 = col_index(d, "kommentar");
    if (cg < 0 || c1 < 0 || (!k && (c2 < 0 || d->colv[cg]->type != T_TEXT))) continue; /* no row can name a goal */
    select_head(q, "tables", k ? 'M' : 'A', k ? M("the milestone table's rows") : M("the assessment table's rows"));
    buf_printf(b, ", CAST(");
    sql_ident(g->d, d->colv[cg]->name, b);
    buf_printf(b, " AS %s), CAST(NULL AS %s), 0, 0, 0, 0, 0, 0", ty, ty);
    const int cols[3] = {c1, c2, c3};
    for (int i = 0; i < 3; i++) {
      /* a text column's text; a date's ISO form; other kinds as a pass reads them */
      if (cols[i] < 0 || (i && d->colv[cols[i]]->type != T_TEXT)) {
        buf_printf(b, ", CAST(NULL AS %s)", ty);
        continue;
      }
      buf_adds(b, ", CAST(");
      sql_ident(g->d, d->colv[cols[i]]->name, b);
      buf_printf(b, " AS %s)", ty);
    }
    from_table(q, b);
    buf_adds(b, "WHERE ");
    sql_ident(g->d, d->colv[cg]->name, b);
    buf_adds(b, " IS NOT NULL\n");
  }
}

/* The sides of a goal's breakdown in its measure's source and in its
 * baseline's (eval.c's by_sides: the same column by name). */
static int sides(const goal *gl, const measure *m, const by_dim **by, int *col) {
  int n = 0;
  for (const by_dim *d = gl->by_dims; d && n < 2; d = d->next) {
    if (d->col < 0) return 0;
    by[n] = d;
    col[n] = m == gl->m ? d->col : col_index(m->source, d->column);
    if (col[n] < 0) return 0;
    n++;
  }
  return n;
}

/* ---- the plan ---- */

/* The keys, references and dates of d, checked as a pass checks them
 * (spec §4.6): one query whose rows are what is wrong; none when all is
 * well.  Each row: what (K key twice, E key empty, R reference to no key,
 * D dated outside 'dækker'), which column or reference, a value, how many. */
static void precheck(gen *g, const data_decl *d, buf *b) {
  const rel_source *x = d->rel;
  const char *ty = text_type(g->d);
  buf tbl = {0};
  sql_table(g->d, d, &tbl);
  const char *T = buf_str(&tbl);
  int n = 0;
  buf_printf(b, "-- %s '%s' (spec §4.6)\n", M("the keys, references and dates of"), d->name);
  if (x->nkey) {
    buf cols = {0}, text = {0}, present = {0};
    for (size_t k = 0; k < x->nkey; k++) {
      const char *name = d->colv[x->key[k]]->name;
      if (k) {
        buf_adds(&cols, ", ");
        buf_adds(&text, " || ', ' || ");
        buf_adds(&present, " AND ");
      }
      sql_ident(g->d, name, &cols);
      buf_adds(&text, "CAST(");
      sql_ident(g->d, name, &text);
      buf_printf(&text, " AS %s)", ty);
      sql_ident(g->d, name, &present);
      buf_adds(&present, " IS NOT NULL");
    }
    buf_printf(b, "%sSELECT 'K' AS problem, %d AS which, %s AS value, COUNT(*) AS n FROM %s WHERE %s GROUP BY %s HAVING COUNT(*) > 1\n",
               n++ ? "UNION ALL\n" : "", 0, buf_str(&text), T, buf_str(&present), buf_str(&cols));
    for (size_t k = 0; k < x->nkey; k++) {
      buf_printf(b, "UNION ALL\nSELECT 'E', %zu, CAST(NULL AS %s), COUNT(*) FROM %s WHERE ", k, ty, T);
      sql_ident(g->d, d->colv[x->key[k]]->name, b);
      buf_adds(b, " IS NULL HAVING COUNT(*) > 0\n");
    }
    buf_free(&cols);
    buf_free(&text);
    buf_free(&present);
  }
  for (size_t i = 0; i < x->nrefs; i++) {
    const rel_ref *r = &x->refs[i];
    if (!r->target->rel || r->target->rel->nkey != 1) continue;
    buf c = {0}, tt = {0};
    buf_adds(&c, "b.");
    sql_ident(g->d, d->colv[r->col]->name, &c);
    sql_table(g->d, r->target, &tt);
    bool first = n++ == 0;
    buf_printf(b, "%sSELECT 'R'%s, %zu, CAST(%s AS %s), COUNT(*) FROM %s AS b WHERE %s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s AS r WHERE r.",
               first ? "" : "UNION ALL\n", first ? " AS problem" : "", i, buf_str(&c), ty, T, buf_str(&c), buf_str(&tt));
    sql_ident(g->d, r->target->colv[r->target->rel->key[0]]->name, b);
    buf_printf(b, " = %s) GROUP BY %s\n", buf_str(&c), buf_str(&c));
    buf_free(&c);
    buf_free(&tt);
  }
  if (x->covered && x->time_col >= 0) {
    int32_t lo = x->cover_first, hi = x->cover_last;
    if (d->colv[x->time_col]->type == T_MONTH) { /* a month (its first day) lies within when all its days do */
      int32_t a = cal_month_of_date(lo), z = cal_month_of_date(hi), f, l;
      cal_month_days(a, &f, &l);
      if (f < lo) a++;
      cal_month_days(z, &f, &l);
      if (l > hi) z--;
      cal_month_days(a, &lo, &l);
      cal_month_days(z, &hi, &l);
    }
    buf c = {0};
    sql_ident(g->d, d->colv[x->time_col]->name, &c);
    bool first = n++ == 0;
    buf_printf(b, "%sSELECT 'D'%s, 0, CAST(%s AS %s), COUNT(*) FROM %s WHERE NOT (%s BETWEEN ", first ? "" : "UNION ALL\n",
               first ? " AS problem" : "", buf_str(&c), ty, T, buf_str(&c));
    date_lit(lo, b);
    buf_adds(b, " AND ");
    date_lit(hi, b);
    buf_printf(b, ") GROUP BY %s\n", buf_str(&c));
    buf_free(&c);
  }
  buf_adds(b, n ? "ORDER BY 1, 2, 3;\n" : "");
  buf_free(&tbl);
}

static void source_query(gen *g, const data_decl *d, buf *out) {
  buf body = {0};
  buf *b = &body;
  query q = {.g = g, .q = b};
  g->src = d;
  buf tbl = {0};
  sql_table(g->d, d, &tbl);
  buf_printf(out, "-- %s '%s': %s %s\n", M("data source"), d->name, M("table"), buf_str(&tbl));
  select_head(&q, "rows", SQLR_ROWS, NULL);
  const char *ty = text_type(g->d);
  buf_printf(b, ", CAST(NULL AS %s) AS k1, CAST(NULL AS %s) AS k2, COUNT(*) AS n_group, 0 AS n_hits, 0 AS n_unknown,"
                " 0 AS n_unsure, 0 AS n_values, 0 AS n_distinct,\n  CAST(NULL AS %s) AS v_sum, CAST(NULL AS %s) AS v_best,"
                " CAST(NULL AS %s) AS v_den",
             ty, ty, ty, ty, ty);
  from_table(&q, b);
  tables_select(&q, d);
  for (int i = 0; i < g->p->ngoals; i++) {
    const goal *gl = g->p->goalv[i];
    if (gl->manual || gl->assessed || !gl->m) continue;
    const measure *ms[2] = {gl->m, gl->base};
    for (int k = 0; k < 2; k++) {
      const measure *m = ms[k];
      if (!m || m->source != d) continue;
      if (m->kind == M_DONE) continue; /* its row of the table: tables_select */
      if (m->kind == M_INDICATOR) {
        indicator_select(&q, gl, m, k == 1);
        continue;
      }
      const by_dim *by[2];
      int col[2];
      int nby = sides(gl, m, by, col);
      probe_selects(&q, gl, m, k == 1, by, col, nby);
    }
  }
  buf_adds(b, ";\n");
  /* the fields and 'har' truths the SELECTs read, added to each row */
  const char *from = buf_str(&tbl);
  bool with_t = g->numbered || g->with_cols.len || g->joins.len;
  if (with_t || g->ctes.len) {
    buf_adds(out, "WITH ");
    if (g->numbered)
      buf_printf(out, "b AS (\n  SELECT ROW_NUMBER() OVER () AS maal_rad, s.*\n  FROM %s AS s\n),\n", buf_str(&tbl));
    buf_adds(out, buf_str(&g->ctes));
    if (with_t) {
      buf_printf(out, "t AS (\n  SELECT b.*%s\n  FROM %s%s%s\n)\n", buf_str(&g->with_cols), g->numbered ? "b" : buf_str(&tbl),
                 g->numbered ? "" : " AS b", buf_str(&g->joins));
      from = "t";
    } else {
      out->len -= 2; /* the last WITH's ",\n" */
      buf_addc(out, '\n');
    }
  }
  for (const char *s = buf_str(b), *m; *s; s = m + 1) {
    m = strchr(s, FROM_MARK[0]);
    if (!m) {
      buf_adds(out, s);
      break;
    }
    buf_add(out, s, (size_t)(m - s));
    buf_adds(out, from);
  }
  buf_free(&body);
  buf_free(&tbl);
  buf_clear(&g->with_cols);
  buf_clear(&g->joins);
  buf_clear(&g->ctes);
  g->numbered = false;
  g->nholidays = 0;
  for (size_t i = 0; i < g->ndone; i++) free(g->done[i]);
  g->ndone = 0;
}

bool sql_cond(sql_dialect dialect, ast_program *p, const data_decl *src, const expr *e, buf *out, diag *dg) {
  gen g = {.d = dialect, .p = p, .dg = dg, .src = src};
  g.group_sql = xcalloc((size_t)p->ngroups + 1, sizeof *g.group_sql);
  cond(&g, e, out);
  for (int k = 0; k < p->ngroups; k++) free(g.group_sql[k]);
  free(g.group_sql);
  return !g.failed;
}

sql_plan *sql_plan_build(ast_program *p, sql_dialect dialect, diag *dg) {
  gen g = {.d = dialect, .p = p, .dg = dg};
  g.group_sql = xcalloc((size_t)p->ngroups + 1, sizeof *g.group_sql);
  sql_plan *pl = xcalloc(1, sizeof *pl);
  pl->dialect = dialect;
  pl->q = xcalloc((size_t)p->ndata + 1, sizeof *pl->q);
  for (int i = 0; i < p->ndata; i++) {
    const data_decl *d = p->datav[i];
    for (int k = 0; k < p->ngroups; k++) { /* a group's text is the source's own */
      free(g.group_sql[k]);
      g.group_sql[k] = NULL;
    }
    buf b = {0};
    source_query(&g, d, &b);
    pl->q[pl->n] = (sql_query){.source = d, .text = xstrdup(buf_str(&b))};
    if (d->ncheck) { /* apart: PQexec returns only the last statement's rows */
      buf c = {0};
      if (!sql_checks_write(dialect, p, d, &c, dg)) g.failed = true;
      pl->q[pl->n].checks = xstrdup(buf_str(&c));
      buf_free(&c);
    }
    if (d->rel && (d->rel->nkey || d->rel->nrefs || d->rel->covered)) {
      buf c = {0};
      precheck(&g, d, &c);
      pl->q[pl->n].precheck = xstrdup(buf_str(&c));
      buf_free(&c);
    }
    pl->n++;
    buf_free(&b);
  }
  for (int k = 0; k < p->ngroups; k++) free(g.group_sql[k]);
  free(g.group_sql);
  buf_free(&g.with_cols);
  buf_free(&g.joins);
  buf_free(&g.ctes);
  free(g.done);
  if (g.failed) {
    sql_plan_free(pl);
    return NULL;
  }
  return pl;
}

int sql_plan_write(const sql_plan *pl, const ast_program *p, FILE *out) {
  fprintf(out, "-- %s: %s (%s)\n", M("maal sql"), p->title ? p->title : p->path, sql_dialect_name(pl->dialect));
  fprintf(out, "-- %s\n\n", M("one query per data source; each row is one goal's counts (spec §12.14)"));
  for (size_t i = 0; i < pl->n; i++) {
    if (i) fputc('\n', out);
    if (pl->q[i].precheck) {
      fputs(pl->q[i].precheck, out);
      fputc('\n', out);
    }
    fputs(pl->q[i].text, out);
    if (pl->q[i].checks) {
      fputc('\n', out);
      fputs(pl->q[i].checks, out);
    }
  }
  return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

void sql_plan_free(sql_plan *pl) {
  if (!pl) return;
  for (size_t i = 0; i < pl->n; i++) {
    free(pl->q[i].text);
    free(pl->q[i].precheck);
    free(pl->q[i].checks);
  }
  free(pl->q);
  free(pl);
}
