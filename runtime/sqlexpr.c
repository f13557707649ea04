/* sqlexpr.c — a row's expressions and conditions as SQL (spec §12.14):
 * the evaluator's meaning (expr.c, entity.c) written so an engine computes
 * it.  A missing value is NULL and conditions are SQL's three-valued logic
 * (Kleene's, as spec §5.8); where SQL's own forms would differ (BETWEEN
 * with a missing end, an 'i' list with a missing item) the SQL says what
 * maal means.  Arithmetic is exact: + - * on numbers as SQL's exact
 * numerics; a division makes the expression a pair P/Q, compared by
 * cross-multiplication with the sign of the denominators, and a division
 * by zero makes Q NULL, as maal's x / 0 is missing.  Months and quarters
 * are whole numbers (year × 12 + month − 1).  Fields through references
 * and 'har' are columns of the query's WITH (sqlgen.c assembles it). */
#include "sqlgen_internal.h"

#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "calendar.h"
#include "msg.h"

/* A construct the generator does not write: said where it is. */
void sx_cannot(gen *g, span sp, const char *what) {
  diag_error(g->dg, sp, "maal sql cannot write %s as SQL (%s)", what, sql_dialect_name(g->d));
  g->failed = true;
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

static void numeric(gen *g, const expr *e, numx *x);
static void has_col(gen *g, const expr *e, buf *out);
static void date_arith(gen *g, const expr *e, buf *out);

/* A number known when the SQL is written that has no finite decimal
 * form (a parameter 1 / 3): written as the pair n/d, never as a
 * division an engine would round (or take for floating point). */
static bool endless(const gen *g, const expr *e, num *out) {
  value v = e->kind == E_NUM ? e->lit
          : e->kind == E_NAME && e->ref == REF_PARAM ? g->p->paramv[e->slot]->val
                                                    : (value){.kind = V_MISSING};
  if (v.kind != V_NUM) return false;
  int64_t d = v.u.n.d;
  while (d % 2 == 0) d /= 2;
  while (d % 5 == 0) d /= 5;
  *out = v.u.n;
  return d != 1;
}

/* Whether an arithmetic chain is written as a pair: a division anywhere
 * in it, or a number without a finite decimal form. */
static bool has_div(const gen *g, const expr *e) {
  num n;
  for (; e; e = e->a) {
    if (e->kind == E_DIV || endless(g, e, &n)) return true;
    if (e->kind == E_NEG) continue;
    if (e->kind != E_ADD && e->kind != E_SUB && e->kind != E_MUL) return false;
    if (has_div(g, e->b)) return true;
  }
  return false;
}

bool sx_is_num_type(vtype t) { return t == T_INT || t == T_DEC; }

/* A column of the rows being read, by name, with their alias. */
static void colref(gen *g, const char *name, buf *out) {
  if (g->alias) buf_printf(out, "%s.", g->alias);
  sql_ident(g->d, name, out);
}

static bool field_col(gen *g, const expr *e, buf *out, vtype *type);

/* Column `col` of the source being read as it is stored (a month as the
 * date of its first day): a column of its own, or a field read through a
 * reference (spec §5.9).  false after saying it cannot. */
bool sx_stored(gen *g, int col, span sp, buf *out, vtype *type) {
  if (col >= 0 && (size_t)col < g->src->ncol) {
    colref(g, g->src->colv[col]->name, out);
    *type = g->src->colv[col]->type;
    return true;
  }
  const rel_source *rs = g->src->rel;
  if (col >= 0 && rs && (size_t)col - g->src->ncol < rs->nderived) return field_col(g, rs->derived[col - (int)g->src->ncol], out, type);
  sx_cannot(g, sp, M("a field read through a reference"));
  buf_adds(out, "NULL");
  *type = T_NONE;
  return false;
}

/* A stored value as maal computes with it: months and quarters as whole
 * numbers (year × 12 + month − 1, year × 4 + quarter − 1). */
void sx_typed(gen *g, const char *x, vtype t, buf *out) {
  if (t == T_MONTH) sd_month_index(g, x, out);
  else if (t == T_QUARTER) {
    buf m = {0}, q = {0};
    sd_year_of(g, x, &m);
    buf_adds(&m, " * 4 + ");
    sd_month_no(g, x, &q);
    buf_adds(&q, " - 1");
    buf_addc(out, '(');
    buf_adds(out, buf_str(&m));
    sd_int_div(g, buf_str(&q), 3, out);
    buf_addc(out, ')');
    buf_free(&m);
    buf_free(&q);
  } else buf_adds(out, x);
}

static void column(gen *g, const expr *e, buf *out) {
  buf col = {0};
  vtype t;
  if (sx_stored(g, e->slot, e->sp, &col, &t)) sx_typed(g, buf_str(&col), t, out);
  else buf_adds(out, "NULL");
  buf_free(&col);
}

/* A value known when the SQL is written (a literal or a parameter). */
static void value_lit(gen *g, value v, span sp, buf *out) {
  switch (v.kind) {
  case V_MISSING: buf_adds(out, "NULL"); break;
  case V_NUM: /* one without a finite decimal form is a pair (numeric()), never a rounded quotient */
    if (!sd_num_lit(v.u.n, out)) {
      sx_cannot(g, sp, M("a quotient used as a value"));
      buf_adds(out, "NULL");
    }
    break;
  case V_TEXT: sd_str_lit(g, v.u.t.s, v.u.t.len, out); break;
  case V_BOOL: buf_adds(out, v.u.b ? "TRUE" : "FALSE"); break;
  case V_DATE: sd_date_lit(v.u.date, out); break;
  case V_MONTH: buf_printf(out, "%d", v.u.month); break;
  case V_QUARTER: buf_printf(out, "%d", v.u.quarter); break;
  case V_DUR: sx_cannot(g, sp, M("a duration on its own")); buf_adds(out, "NULL"); break;
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

/* a + b − c + … of many terms (a rule may add up hundreds of columns):
 * written as a balanced tree of signed terms, ((a + b) + (−c + d)), whose
 * depth grows with the logarithm of the count, so an engine's limit on
 * how deep an expression nests (DuckDB's 1000) is never reached. */
static void sum_terms(buf *terms, size_t lo, size_t hi, buf *out) {
  if (hi - lo == 1) {
    buf_adds(out, buf_str(&terms[lo]));
    return;
  }
  size_t mid = lo + (hi - lo) / 2;
  buf_addc(out, '(');
  sum_terms(terms, lo, mid, out);
  buf_adds(out, " + ");
  sum_terms(terms, mid, hi, out);
  buf_addc(out, ')');
}

static void balanced_sum(gen *g, const expr *first, const expr **ops, size_t n, numx *x) {
  buf *terms = xcalloc(n + 1, sizeof *terms);
  numx t = {0};
  numeric(g, first, &t);
  buf_adds(&terms[0], buf_str(&t.p));
  numx_free(&t);
  for (size_t i = 0; i < n; i++) { /* ops run from the last operator back to the first */
    const expr *op = ops[n - 1 - i];
    numx y = {0};
    numeric(g, op->b, &y);
    if (op->kind == E_SUB) buf_printf(&terms[i + 1], "(-%s)", buf_str(&y.p));
    else buf_adds(&terms[i + 1], buf_str(&y.p));
    numx_free(&y);
  }
  sum_terms(terms, 0, n + 1, &x->p);
  for (size_t i = 0; i <= n; i++) buf_free(&terms[i]);
  free(terms);
}

static void numeric_chain(gen *g, const expr *e, numx *x) {
  /* walk down the left edge of a + b - c * d ..., then compute back up */
  size_t cap = 8, n = 0;
  const expr **ops = xmalloc(cap * sizeof *ops);
  for (; e->kind == E_ADD || e->kind == E_SUB || e->kind == E_MUL || e->kind == E_DIV; e = e->a) {
    if (n == cap) ops = xrealloc(ops, (cap *= 2) * sizeof *ops);
    ops[n++] = e;
  }
  bool flat = n > 32; /* a long run of + and −, none a pair: balanced */
  for (size_t i = 0; flat && i < n; i++)
    if ((ops[i]->kind != E_ADD && ops[i]->kind != E_SUB) || has_div(g, ops[i]->b)) flat = false;
  if (flat && !has_div(g, e)) {
    balanced_sum(g, e, ops, n, x);
    free(ops);
    return;
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
  num n;
  if (endless(g, e, &n)) {
    buf_printf(&x->p, "%lld", (long long)n.n);
    buf_printf(&x->q, "%lld", (long long)n.d);
    return;
  }
  switch (e->kind) {
  case E_ADD: case E_SUB: case E_MUL: case E_DIV:
    if (sx_is_num_type(e->a->type) && sx_is_num_type(e->b->type)) numeric_chain(g, e, x);
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
  sx_scalar(g, e, &x->p);
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
  sx_scalar(g, a, &x);
  if (a->type == T_DATE && b->type == T_DATE) {
    buf y = {0};
    sx_scalar(g, b, &y);
    sd_day_diff(g, buf_str(&y), buf_str(&x), out);
    buf_free(&y);
  } else if (a->type == T_DATE && b->kind == E_DURATION) {
    numx n = {0};
    numeric(g, b->a, &n);
    if (n.q.len) sx_cannot(g, b->sp, M("a division in a duration"));
    int unit = b->slot, f = unit == 'y' ? 12 : unit == 'w' ? 7 : 1;
    const char *ns = buf_str(&n.p);
    buf_printf(&k, "%s%s%s", add ? "" : "-(", ns, add ? "" : ")");
    if (f != 1) buf_printf(&k, " * %d", f);
    buf r = {0};
    if (unit == 'm' || unit == 'y') sd_add_months(g, buf_str(&x), buf_str(&k), &r);
    else sd_add_days(g, buf_str(&x), buf_str(&k), &r);
    whole_guard(g, b->a, 100000, ns, buf_str(&r), out);
    buf_free(&r);
    numx_free(&n);
  } else if (a->type == T_DATE) { /* whole days */
    numx n = {0};
    numeric(g, b, &n);
    if (n.q.len) sx_cannot(g, b->sp, M("a division in a number of days"));
    const char *ns = buf_str(&n.p);
    buf_printf(&k, "%s%s%s", add ? "" : "-(", ns, add ? "" : ")");
    buf r = {0};
    sd_add_days(g, buf_str(&x), buf_str(&k), &r);
    whole_guard(g, b, 3650000, ns, buf_str(&r), out);
    buf_free(&r);
    numx_free(&n);
  } else if ((a->type == T_MONTH || a->type == T_QUARTER) && b->type == a->type) {
    buf y = {0};
    sx_scalar(g, b, &y);
    buf_printf(out, "(%s - %s)", buf_str(&x), buf_str(&y));
    buf_free(&y);
  } else if (a->type == T_MONTH || a->type == T_QUARTER) {
    numx n = {0};
    numeric(g, b, &n);
    if (n.q.len) sx_cannot(g, b->sp, M("a division in a number of months"));
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
    sx_cannot(g, e->sp, M("this arithmetic"));
    buf_adds(out, "NULL");
  }
  buf_free(&x);
  buf_free(&k);
}

/* X i P: every day of X is a day of P (P is written in the rules). */
static void within(gen *g, const expr *e, buf *out) {
  int32_t pa, pb;
  if (!cal_value_days(&e->b->lit, &pa, &pb)) {
    sx_cannot(g, e->b->sp, M("this period"));
    buf_adds(out, "NULL");
    return;
  }
  buf x = {0};
  sx_scalar(g, e->a, &x);
  const char *xs = buf_str(&x);
  switch (e->a->type) {
  case T_DATE:
    buf_printf(out, "(%s BETWEEN ", xs);
    sd_date_lit(pa, out);
    buf_adds(out, " AND ");
    sd_date_lit(pb, out);
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
    sx_cannot(g, e->a->sp, M("this period"));
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

/* The holidays' WITH for working days from a to b: its name. */
static const char *holiday_ctes(gen *g, const char *a, const char *b, int k) {
  static char name[32];
  snprintf(name, sizeof name, "maal_helligdage_%d", k);
  buf ya = {0}, yb = {0};
  sd_year_of(g, a, &ya);
  sd_year_of(g, b, &yb);
  buf tbl = {0};
  sql_table(g->d, g->src, &tbl);
  /* the years the rows' dates reach */
  buf_printf(&g->ctes, "maal_aar_%d AS (\n  SELECT MIN(LEAST(%s, %s)) AS fra, MAX(GREATEST(%s, %s)) AS til FROM %s\n),\n", k,
             buf_str(&ya), buf_str(&yb), buf_str(&ya), buf_str(&yb), buf_str(&tbl));
  /* Easter Sunday of each (calendar.c's cal_easter, step by step) */
  buf d1 = {0}, f = {0}, gg = {0}, ii = {0}, m = {0}, mo = {0}, dy = {0};
  sd_int_div(g, "y", 100, &d1); /* b */
  buf_printf(&g->ctes, "maal_paaske_%d AS (\n  SELECT y, ", k);
  buf t = {0};
  buf_adds(&t, "h + l - 7 * m + 114");
  sd_int_div(g, buf_str(&t), 31, &mo);
  buf_printf(&g->ctes, "make_date(CAST(y AS INTEGER), CAST(%s AS INTEGER), CAST((%s) %% 31 + 1 AS INTEGER)) AS p\n", buf_str(&mo), buf_str(&t));
  buf_clear(&t);
  buf_adds(&t, "a + 11 * h + 22 * l");
  sd_int_div(g, buf_str(&t), 451, &m);
  buf_printf(&g->ctes, "  FROM (SELECT y, h, l, %s AS m FROM (\n", buf_str(&m));
  buf_printf(&g->ctes, "    SELECT y, a, h, (32 + 2 * e + 2 * i - h - k) %% 7 AS l FROM (\n");
  buf_printf(&g->ctes, "      SELECT y, a, e, i, k, (19 * a + b - d - g + 15) %% 30 AS h FROM (\n");
  buf_clear(&t);
  buf_adds(&t, "b - f + 1");
  sd_int_div(g, buf_str(&t), 3, &gg);
  buf_printf(&g->ctes, "        SELECT y, a, b, d, e, i, k, %s AS g FROM (\n", buf_str(&gg));
  buf_clear(&t);
  buf_adds(&t, "b + 8");
  sd_int_div(g, buf_str(&t), 25, &f);
  buf q = {0}, c4 = {0};
  sd_int_div(g, "b", 4, &q);
  sd_int_div(g, "y % 100", 4, &c4);
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
      sd_add_days(g, "p", off, &day);
    }
    buf_printf(&g->ctes, "    %sSELECT %s AS d FROM maal_paaske_%d%s -- %s\n", i ? "UNION ALL " : "", buf_str(&day), k,
               hd[i].off == 26 ? " WHERE y <= 2023" : "", hd[i].what);
    buf_free(&day);
  }
  buf dd = {0};
  sd_iso_weekday(g, "d", &dd);
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
    sx_cannot(g, e->sp, M("working days (the Danish holiday calendar)"));
    buf_adds(out, "NULL");
    return;
  }
  buf a = {0}, b = {0};
  sx_scalar(g, e->a, &a);
  sx_scalar(g, e->b, &b);
  const char *hname = holiday_ctes(g, buf_str(&a), buf_str(&b), g->nholidays++);
  buf wd[2] = {{0}, {0}};
  for (int k = 0; k < 2; k++) { /* (lo, hi] with lo <= hi: a to b, and b to a */
    const char *lo = k ? buf_str(&b) : buf_str(&a), *hi = k ? buf_str(&a) : buf_str(&b);
    buf nl = {0}, nh = {0}, wl = {0}, wh = {0};
    sd_day_number(g, lo, &nl);
    sd_day_number(g, hi, &nh);
    buf_adds(&nl, " + 1");
    buf_adds(&nh, " + 1");
    sd_weekdays_before(g, buf_str(&nl), &wl);
    sd_weekdays_before(g, buf_str(&nh), &wh);
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
void sx_time_of(gen *g, by_fn fn, vtype t, const char *x, buf *out) {
  if (fn == BYF_VALUE) {
    buf_adds(out, x);
    return;
  }
  if (t == T_DATE) {
    if (fn == BYF_MONTH) {
      sd_month_index(g, x, out);
    } else if (fn == BYF_QUARTER) {
      buf m = {0}, q = {0};
      sd_year_of(g, x, &m);
      sd_month_no(g, x, &q);
      buf_adds(&q, " - 1");
      buf_printf(out, "(%s * 4 + ", buf_str(&m));
      sd_int_div(g, buf_str(&q), 3, out);
      buf_addc(out, ')');
      buf_free(&m);
      buf_free(&q);
    } else {
      sd_year_of(g, x, out);
    }
    return;
  }
  if (t == T_MONTH) {
    if (fn == BYF_MONTH) buf_adds(out, x);
    else sd_int_div(g, x, fn == BYF_QUARTER ? 3 : 12, out);
    return;
  }
  /* a quarter */
  if (fn == BYF_YEAR) sd_int_div(g, x, 4, out);
  else buf_adds(out, x);
}

/* Whole calendar months from date a to date b (cal_months_between). */
static void months_between(gen *g, const char *a, const char *b, buf *out) {
  buf ma = {0}, mb = {0}, k = {0}, back = {0}, kr = {0}, back2 = {0};
  sd_month_index(g, a, &ma);
  sd_month_index(g, b, &mb);
  buf_printf(&k, "(%s - %s)", buf_str(&mb), buf_str(&ma));
  sd_add_months(g, a, buf_str(&k), &back);
  buf_printf(&kr, "(%s - %s)", buf_str(&ma), buf_str(&mb));
  sd_add_months(g, b, buf_str(&kr), &back2);
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
    sx_scalar(g, e->a, &x);
    by_fn fn = e->kind == E_MONTH_OF ? BYF_MONTH : e->kind == E_QUARTER_OF ? BYF_QUARTER : BYF_YEAR;
    sx_time_of(g, fn, e->a->type, buf_str(&x), out);
    buf_free(&x);
    return;
  }
  case E_WORKDAYS_FROM: working_days(g, e, out); return;
  default: break;
  }
  buf a = {0}, b = {0};
  sx_scalar(g, e->a, &a);
  sx_scalar(g, e->b, &b);
  if (e->kind == E_DAYS_FROM) sd_day_diff(g, buf_str(&a), buf_str(&b), out);
  else if (e->a->type == T_MONTH) buf_printf(out, "(%s - %s)", buf_str(&b), buf_str(&a));
  else months_between(g, buf_str(&a), buf_str(&b), out);
  buf_free(&a);
  buf_free(&b);
}

/* An expression of any type but a condition's: its SQL value. */
void sx_scalar(gen *g, const expr *e, buf *out) {
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
    else sx_cond(g, e, out);
    return;
  case E_NEG:
  case E_ADD: case E_SUB: case E_MUL: case E_DIV:
    if (e->kind == E_NEG ? sx_is_num_type(e->a->type) : sx_is_num_type(e->a->type) && sx_is_num_type(e->b->type)) {
      numx x = {0};
      numeric(g, e, &x);
      if (x.q.len) { /* a quotient is exact only as a pair, compared where it stands */
        sx_cannot(g, e->sp, M("a quotient used as a value"));
        buf_adds(out, "NULL");
      } else {
        buf_adds(out, buf_str(&x.p));
      }
      numx_free(&x);
      return;
    }
    if (e->kind == E_NEG) {
      sx_cannot(g, e->sp, M("this negation"));
      buf_adds(out, "NULL");
      return;
    }
    date_arith(g, e, out);
    return;
  case E_ULTIMO: case E_PRIMO: {
    const expr *y = e->a;
    if (sure(g, y)) {
      value v = y->kind == E_NAME ? g->p->paramv[y->slot]->val : y->lit;
      if (v.kind == V_NUM && num_is_int(v.u.n)) sd_date_lit(cal_year_end(v.u.n.n, e->kind == E_ULTIMO), out);
      else buf_adds(out, "NULL");
      return;
    }
    numx n = {0};
    numeric(g, y, &n);
    if (n.q.len) sx_cannot(g, y->sp, M("a division in a year"));
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
  case E_DURATION: sx_cannot(g, e->sp, M("a duration on its own")); buf_adds(out, "NULL"); return;
  case E_FIELD: {
    buf col = {0};
    vtype t;
    if (field_col(g, e, &col, &t)) sx_typed(g, buf_str(&col), t, out);
    else buf_adds(out, "NULL");
    buf_free(&col);
    return;
  }
  case E_HAS: has_col(g, e, out); return;
  default: sx_cond(g, e, out); return;
  }
}

/* a OP b, both present, compared as maal compares them (value_cmp). */
static void comparison(gen *g, const expr *e, buf *out) {
  static const char *ops[] = {[E_EQ] = "=", [E_NE] = "<>", [E_LT] = "<", [E_LE] = "<=", [E_GT] = ">", [E_GE] = ">="};
  static const char *flip[] = {[E_EQ] = "=", [E_NE] = "<>", [E_LT] = ">", [E_LE] = ">=", [E_GT] = "<", [E_GE] = "<="};
  const char *op = ops[e->kind];
  if (sx_is_num_type(e->a->type) && sx_is_num_type(e->b->type) && (has_div(g, e->a) || has_div(g, e->b))) {
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
  sx_scalar(g, e->a, &a);
  sx_scalar(g, e->b, &b);
  bool c_order = g->d == SQL_POSTGRESQL && e->a->type == T_TEXT && e->kind != E_EQ && e->kind != E_NE;
  buf_printf(out, "(%s %s %s%s)", buf_str(&a), op, buf_str(&b), c_order ? " COLLATE \"C\"" : "");
  buf_free(&a);
  buf_free(&b);
}

static void in_list(gen *g, const expr *e, buf *out) {
  bool plain = !has_div(g, e->a);
  for (const expr *it = e->b; it; it = it->next)
    if (!sure(g, it) || has_div(g, it)) plain = false;
  buf a = {0};
  if (plain) {
    sx_scalar(g, e->a, &a);
    buf_printf(out, "(%s %sIN (", buf_str(&a), e->kind == E_NOTIN ? "NOT " : "");
    for (const expr *it = e->b; it; it = it->next) {
      if (it != e->b) buf_adds(out, ", ");
      sx_scalar(g, it, out);
    }
    buf_adds(out, "))");
    buf_free(&a);
    return;
  }
  /* an item that is missing is equal to nothing (spec §5.3) */
  expr probe = {.kind = E_MISSING, .a = e->a, .type = T_BOOL};
  buf m = {0};
  sx_cond(g, &probe, &m);
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
  bool pairs = sx_is_num_type(e->a->type) && (has_div(g, e->a) || has_div(g, e->b) || has_div(g, e->c));
  if (!pairs && sure(g, e->b) && sure(g, e->c)) {
    buf a = {0};
    sx_scalar(g, e->a, &a);
    buf_printf(out, "(%s BETWEEN ", buf_str(&a));
    sx_scalar(g, e->b, out);
    buf_adds(out, " AND ");
    sx_scalar(g, e->c, out);
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
    sx_cond(g, &m, out);
  }
  expr lo = {.kind = E_LE, .a = e->b, .b = e->a, .type = T_BOOL};
  expr hi = {.kind = E_LE, .a = e->a, .b = e->c, .type = T_BOOL};
  buf_adds(out, " THEN NULL ELSE ");
  comparison(g, &lo, out);
  buf_adds(out, " AND ");
  comparison(g, &hi, out);
  buf_adds(out, " END");
}


/* A condition: an SQL boolean, NULL for unknown. */
void sx_cond(gen *g, const expr *e, buf *out) {
  switch (e->kind) {
  case E_AND: case E_OR: {
    size_t n;
    const expr **t = chain_terms(e, &n);
    buf_addc(out, '(');
    for (size_t i = 0; i < n; i++) {
      if (i) buf_adds(out, e->kind == E_AND ? " AND " : " OR ");
      sx_cond(g, t[i], out);
    }
    buf_addc(out, ')');
    free(t);
    return;
  }
  case E_NOT:
    buf_adds(out, "(NOT ");
    sx_cond(g, e->a, out);
    buf_addc(out, ')');
    return;
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: comparison(g, e, out); return;
  case E_IN: case E_NOTIN: in_list(g, e, out); return;
  case E_BETWEEN: between(g, e, out); return;
  case E_MISSING: case E_PRESENT: {
    const char *is = e->kind == E_MISSING ? "IS NULL" : "IS NOT NULL";
    if (sx_is_num_type(e->a->type) && has_div(g, e->a)) {
      numx x = {0};
      numeric(g, e->a, &x);
      as_pair(&x);
      if (e->kind == E_MISSING) buf_printf(out, "(%s IS NULL OR %s IS NULL)", buf_str(&x.p), buf_str(&x.q));
      else buf_printf(out, "(%s IS NOT NULL AND %s IS NOT NULL)", buf_str(&x.p), buf_str(&x.q));
      numx_free(&x);
      return;
    }
    buf x = {0};
    sx_scalar(g, e->a, &x);
    buf_printf(out, "(%s %s)", buf_str(&x), is);
    buf_free(&x);
    return;
  }
  case E_NAME:
    if (e->ref == REF_GROUP) {
      buf_adds(out, sx_group_truth(g, g->p->groupv[e->slot]));
      return;
    }
    sx_scalar(g, e, out);
    return;
  case E_BOOL: value_lit(g, e->lit, e->sp, out); return;
  case E_HAS: has_col(g, e, out); return;
  case E_FIELD: sx_scalar(g, e, out); return;
  default: sx_scalar(g, e, out); return;
  }
}

/* The truth of a group's whole chain of conditions: the AND of them all;
 * "" for a group that takes every row. */
const char *sx_group_truth(gen *g, const group_decl *gr) {
  if (g->group_sql[gr->index]) return g->group_sql[gr->index];
  const group_decl *chain[64];
  size_t n = 0;
  buf b = {0};
  for (const group_decl *x = gr; x; x = x->parent) {
    if (x->where && n < 64) chain[n++] = x;
    else if (x->where) sx_cannot(g, gr->sp, M("a chain of more than 64 groups"));
  }
  if (n > 1) buf_addc(&b, '(');
  for (size_t i = n; i-- > 0;) {
    sx_cond(g, chain[i]->where, &b);
    if (i) buf_adds(&b, " AND ");
  }
  if (n > 1) buf_addc(&b, ')');
  else if (!n) buf_adds(&b, "TRUE");
  g->group_sql[gr->index] = xstrdup(buf_str(&b));
  buf_free(&b);
  return g->group_sql[gr->index];
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
  int fc = t ? ast_column_index(t, x->field) : -1;
  *type = T_NONE;
  if (g->alias || fc < 0 || !t->rel || t->rel->nkey != 1 || x->ref_col < 0 || (size_t)x->ref_col >= g->src->ncol) {
    sx_cannot(g, e->sp, M("a field read through a reference inside 'har'"));
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
      sd_date_lit(s->cover_first, first);
      sd_date_lit(s->cover_last, last);
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
  /* the first and last of R's rows, once, in a WITH of one row joined to t */
  buf_printf(&g->ctes, "maal_span%d AS (\n  SELECT MIN(%s) AS forste, MAX(%s) AS sidste FROM %s AS r\n),\n", x->index,
             buf_str(&h->rtime), buf_str(&h->rtime), buf_str(&h->table));
  buf_printf(&g->joins, "\n  CROSS JOIN maal_span%d", x->index);
  buf_printf(first, "maal_span%d.forste", x->index);
  buf_printf(last, "maal_span%d.sidste", x->index);
}

static void has_truth(gen *g, const expr *e, buf *out) {
  const rel_expr *x = e->rel;
  const data_decl *cur = g->src, *R = x->source;
  has_parts h = {0};
  g->alias = "b";
  g->in_with = true;
  colref(g, cur->colv[x->link_col]->name, &h.link);
  if (x->w != W_NONE || x->events) {
    /* X (its month, for a month window) once per row, a column of the
       numbered rows b */
    buf a = {0}, x0 = {0};
    g->alias = "s";
    sx_scalar(g, e->a, &a);
    g->alias = "b";
    if (!x->events && e->a->type == T_DATE) sd_month_index(g, buf_str(&a), &x0);
    else buf_adds(&x0, buf_str(&a));
    buf_printf(&g->b_cols, ",\n    %s AS maal_x%d", buf_str(&x0), x->index);
    buf_printf(&h.at, "b.maal_x%d", x->index);
    buf_free(&a);
    buf_free(&x0);
    vtype at_t;
    if (!x->events && e->a->kind == E_NAME && e->a->ref == REF_COLUMN && e->a->slot < (int)cur->ncol &&
        (e->a->type == T_DATE || e->a->type == T_MONTH))
      sx_stored(g, e->a->slot, e->a->sp, &h.at_day, &at_t);
  }
  /* R's side, with its own groups' texts */
  char **saved = g->group_sql;
  g->group_sql = xcalloc((size_t)g->p->ngroups + 1, sizeof *g->group_sql);
  g->src = R;
  g->alias = "r";
  sql_table(g->d, R, &h.table);
  colref(g, R->colv[x->ref_col]->name, &h.rlink);
  buf wc = {0};
  if (x->where) sx_cond(g, x->where, &wc);
  sx_sql_and(&h.c, x->group ? sx_group_truth(g, x->group) : NULL, x->where ? buf_str(&wc) : NULL);
  buf_free(&wc);
  if (x->w != W_NONE || x->events) {
    buf t = {0};
    colref(g, R->colv[R->rel->time_col]->name, &t);
    buf_adds(&h.rday, buf_str(&t));
    if (x->events) buf_adds(&h.rtime, buf_str(&t));
    else if (R->colv[R->rel->time_col]->type == T_DATE) sd_month_index(g, buf_str(&t), &h.rtime);
    else sx_typed(g, buf_str(&t), R->colv[R->rel->time_col]->type, &h.rtime);
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
        if (x->days) sd_add_days(g, at, mb, &lo);
        else sd_add_months(g, at, mb, &lo);
        sd_add_days(g, at, "-1", &hi);
      } else {
        sd_add_days(g, at, "1", &lo);
        if (x->days) sd_add_days(g, at, nb, &hi);
        else sd_add_months(g, at, nb, &hi);
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
      sd_month_start(g, buf_str(&h.at_day), &start);
      buf_printf(&k1, "%lld", x->before ? -n : 1);
      sd_add_months(g, buf_str(&start), buf_str(&k1), &a);
      buf_clear(&k1);
      if (x->before) {
        sd_add_days(g, buf_str(&start), "-1", &z);
      } else {
        buf_printf(&k1, "%lld", n + 1);
        buf end = {0};
        sd_add_months(g, buf_str(&start), buf_str(&k1), &end);
        sd_add_days(g, buf_str(&end), "-1", &z);
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
    sx_cannot(g, e->sp, M("'har' inside 'har' or its window"));
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

/* a AND b, leaving out a side that is TRUE (so the SQL reads as the rule) */
void sx_sql_and(buf *out, const char *a, const char *b) {
  bool ta = !a || !strcmp(a, "TRUE"), tb = !b || !strcmp(b, "TRUE");
  if (ta && tb) buf_adds(out, "TRUE");
  else if (ta) buf_adds(out, b);
  else if (tb) buf_adds(out, a);
  else buf_printf(out, "%s AND %s", a, b);
}

bool sql_cond(sql_dialect dialect, ast_program *p, const data_decl *src, const expr *e, buf *out, diag *dg) {
  gen g = {.d = dialect, .p = p, .dg = dg, .src = src};
  g.group_sql = xcalloc((size_t)p->ngroups + 1, sizeof *g.group_sql);
  sx_cond(&g, e, out);
  for (int k = 0; k < p->ngroups; k++) free(g.group_sql[k]);
  free(g.group_sql);
  return !g.failed;
}
