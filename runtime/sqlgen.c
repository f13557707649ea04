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
  char **group_sql;       /* per group: the truth of its chain, once made */
  bool failed;
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
  if (g->d == SQL_POSTGRESQL) buf_printf(out, "CAST(EXTRACT(YEAR FROM %s) AS INTEGER)", x);
  else buf_printf(out, "year(%s)", x);
}

static void month_no(gen *g, const char *x, buf *out) {
  if (g->d == SQL_POSTGRESQL) buf_printf(out, "CAST(EXTRACT(MONTH FROM %s) AS INTEGER)", x);
  else buf_printf(out, "month(%s)", x);
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

static const column_decl *column_of(gen *g, const expr *e) {
  if (e->slot < 0 || (size_t)e->slot >= g->src->ncol) return NULL;
  return g->src->colv[e->slot];
}

static void column(gen *g, const expr *e, buf *out) {
  const column_decl *c = column_of(g, e);
  if (!c) {
    cannot(g, e->sp, M("a field read through a reference"));
    buf_adds(out, "NULL");
    return;
  }
  buf col = {0};
  sql_ident(g->d, c->name, &col);
  if (c->type == T_MONTH) month_index(g, buf_str(&col), out);
  else if (c->type == T_QUARTER) {
    buf m = {0};
    year_of(g, buf_str(&col), &m);
    buf_adds(&m, " * 4 + ");
    buf q = {0};
    month_no(g, buf_str(&col), &q);
    buf_adds(&q, " - 1");
    buf_addc(out, '(');
    buf_adds(out, buf_str(&m));
    int_div(g, buf_str(&q), 3, out);
    buf_addc(out, ')');
    buf_free(&m);
    buf_free(&q);
  } else buf_adds(out, buf_str(&col));
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
    buf_printf(&k, "%s%s%s * %d", add ? "" : "-(", ns, add ? "" : ")", f);
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
  case E_WORKDAYS_FROM: cannot(g, e->sp, M("working days (the Danish holiday calendar)")); buf_adds(out, "NULL"); return;
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
  case E_FIELD: cannot(g, e->sp, M("a field read through a reference")); buf_adds(out, "NULL"); return;
  case E_HAS: cannot(g, e->sp, M("'har' (related rows)")); buf_adds(out, "NULL"); return;
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
  case E_HAS: cannot(g, e->sp, M("'har' (related rows)")); buf_adds(out, "NULL"); return;
  case E_FIELD: cannot(g, e->sp, M("a field read through a reference")); buf_adds(out, "NULL"); return;
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
  if (n) buf_addc(&b, '(');
  for (size_t i = n; i-- > 0;) {
    cond(g, chain[i]->where, &b);
    if (i) buf_adds(&b, " AND ");
  }
  if (n) buf_addc(&b, ')');
  else buf_adds(&b, "TRUE");
  g->group_sql[gr->index] = xstrdup(buf_str(&b));
  buf_free(&b);
  return g->group_sql[gr->index];
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
  const column_decl *c = col >= 0 && (size_t)col < g->src->ncol ? g->src->colv[col] : NULL;
  if (!c) {
    cannot(g, d->sp, M("a breakdown by a field read through a reference"));
    buf_adds(out, "NULL");
    return;
  }
  expr ref = {.kind = E_NAME, .ref = REF_COLUMN, .slot = col, .type = c->type, .sp = d->sp};
  buf x = {0}, t = {0};
  scalar(g, &ref, &x);
  time_of(g, d->fn, c->type, buf_str(&x), &t);
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
  } else if ((size_t)m->col < g->src->ncol) {
    sql_ident(g->d, g->src->colv[m->col]->name, &v); /* a month column is counted by its date */
    buf_printf(&have, "%s IS NOT NULL", buf_str(&v));
    buf_printf(&lack, "%s IS NULL", buf_str(&v));
  } else {
    cannot(g, m->col_sp, M("a measure of a field read through a reference"));
    buf_adds(&v, "NULL");
    buf_adds(&have, "FALSE");
    buf_adds(&lack, "TRUE");
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

static void from_table(query *q, buf *b) {
  buf_adds(b, "\nFROM ");
  sql_table(q->g->d, q->g->src, b);
  buf_addc(b, '\n');
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
    select_head(q, tag, SQLR_UNSURE, NULL);
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
    select_head(q, tag, SQLR_UNSURE_PART, NULL);
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

static int col_index(const data_decl *d, const char *name) {
  for (size_t i = 0; name && i < d->ncol; i++)
    if (!strcmp(d->colv[i]->name, name)) return (int)i;
  return -1;
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

static void source_query(gen *g, const data_decl *d, buf *b) {
  query q = {.g = g, .q = b};
  g->src = d;
  buf tbl = {0};
  sql_table(g->d, d, &tbl);
  buf_printf(b, "-- %s '%s': %s %s\n", M("data source"), d->name, M("table"), buf_str(&tbl));
  buf_free(&tbl);
  select_head(&q, "rows", SQLR_ROWS, NULL);
  const char *ty = text_type(g->d);
  buf_printf(b, " , CAST(NULL AS %s) AS k1, CAST(NULL AS %s) AS k2, COUNT(*) AS n_group, 0 AS n_hits, 0 AS n_unknown,"
                " 0 AS n_unsure, 0 AS n_values, 0 AS n_distinct,\n  CAST(NULL AS %s) AS v_sum, CAST(NULL AS %s) AS v_best,"
                " CAST(NULL AS %s) AS v_den",
             ty, ty, ty, ty, ty);
  from_table(&q, b);
  if (d->ncheck) cannot(g, d->checkv[0]->sp, M("the checks of the extract (kontrol)"));
  if (d->rel && (d->rel->nkey || d->rel->nrefs || d->rel->nhas || d->rel->time_col >= 0))
    cannot(g, d->sp, M("keys, references and the time column of a source"));
  for (int i = 0; i < g->p->ngoals; i++) {
    const goal *gl = g->p->goalv[i];
    if (gl->assessed == d) cannot(g, gl->sp, M("a goal assessed by a table"));
    if (gl->manual || gl->assessed || !gl->m) continue;
    const measure *ms[2] = {gl->m, gl->base};
    for (int k = 0; k < 2; k++) {
      const measure *m = ms[k];
      if (!m || m->source != d) continue;
      if (m->kind == M_DONE) {
        cannot(g, m->sp, M("a milestone"));
        continue;
      }
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
    pl->q[pl->n++] = (sql_query){.source = d, .text = xstrdup(buf_str(&b))};
    buf_free(&b);
  }
  for (int k = 0; k < p->ngroups; k++) free(g.group_sql[k]);
  free(g.group_sql);
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
    fputs(pl->q[i].text, out);
  }
  return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

void sql_plan_free(sql_plan *pl) {
  if (!pl) return;
  for (size_t i = 0; i < pl->n; i++) free(pl->q[i].text);
  free(pl->q);
  free(pl);
}
