/* expr.c — one row's expressions: the value of an expression over the
 * columns of the row being read, with three-valued conditions (a
 * comparison with a missing value is unknown; 'og' and 'eller' are
 * Kleene's AND and OR), exact arithmetic and dates; fields through
 * references and 'har' read from the per-entity state (related.c).  Also
 * the walk over an expression's nodes that the pass and 'maal explain'
 * use. */
#include <string.h>

#include "calendar.h"
#include "msg.h"
#include "eval_internal.h"

/* A data error about the row being read: a number too large to compute. */
void row_too_large(row_ctx *r, const goal *g, const char *what, const char *name) {
  fprintf(r->err, T("%s:%u:1: error: goal %s: %s%s%s%s is too large to compute exactly (more than about 18 digits)\n"),
          r->path, r->line, g ? g->id : "?", what, name ? " '" : "", name ? name : "", name ? "'" : "");
  (*r->errors)++;
  r->overflow = false;
}

static void spine_grow(row_ctx *r) {
  r->spinecap = r->spinecap ? 2 * r->spinecap : 64;
  r->spine = xrealloc(r->spine, r->spinecap * sizeof *r->spine);
}

static inline void spine_push(row_ctx *r, const expr *e) {
  if (r->nspine == r->spinecap) spine_grow(r);
  r->spine[r->nspine++] = e;
}

static bool is_arith(expr_kind k) { return k == E_ADD || k == E_SUB || k == E_MUL || k == E_DIV; }

/* value_cmp(*a, *b) == 0, sooner: texts of different lengths differ
 * without a look at their bytes, and whole numbers compare as integers
 * (an 'i' list tries each of its items on every row).  Denominators are
 * positive, so d | d' is 1 only when both are 1. */
static inline bool value_same(const value *a, const value *b) {
  if (a->kind == V_TEXT) return a->u.t.len == b->u.t.len && memcmp(a->u.t.s, b->u.t.s, a->u.t.len) == 0;
  if (a->kind == V_NUM && (a->u.n.d | b->u.n.d) == 1) return a->u.n.n == b->u.n.n;
  return value_cmp(*a, *b) == 0;
}

/* value_cmp(*a, *b), sooner for whole numbers and dates, which most
 * ordering comparisons and every 'mellem' of ages and dates compare. */
static inline int value_order(const value *a, const value *b) {
  if (a->kind == V_NUM && (a->u.n.d | b->u.n.d) == 1) return (a->u.n.n > b->u.n.n) - (a->u.n.n < b->u.n.n);
  if (a->kind == V_DATE) return (a->u.date > b->u.date) - (a->u.date < b->u.date);
  return value_cmp(*a, *b);
}

static value time_arith(value a, value b, bool add);

static value arith(row_ctx *r, const expr *e, value a, value b) {
  if (a.kind == V_MISSING || b.kind == V_MISSING) return missing_value();
  if (a.kind == V_MONTH || a.kind == V_QUARTER || b.kind == V_MONTH || b.kind == V_QUARTER)
    return time_arith(a, b, e->kind == E_ADD);
  value v = {.kind = V_NUM};
  if (a.kind == V_DATE && b.kind == V_DATE) { /* days between */
    v.u.n = num_int((int64_t)a.u.date - b.u.date);
    return v;
  }
  if (a.kind == V_DATE && b.kind == V_DUR) { /* calendar months, then days */
    int32_t sign = e->kind == E_ADD ? 1 : -1;
    v.kind = V_DATE;
    v.u.date = cal_date_add(a.u.date, sign * b.u.dur.months, sign * b.u.dur.days);
    return v;
  }
  if (a.kind == V_DATE) { /* a date plus or minus whole days */
    if (!num_is_int(b.u.n) || b.u.n.n > 3650000 || b.u.n.n < -3650000) return missing_value();
    v.kind = V_DATE;
    v.u.date = a.u.date + (int32_t)(e->kind == E_ADD ? b.u.n.n : -b.u.n.n);
    return v;
  }
  bool ok;
  switch (e->kind) {
  case E_ADD: ok = num_add(a.u.n, b.u.n, &v.u.n); break;
  case E_SUB: ok = num_sub(a.u.n, b.u.n, &v.u.n); break;
  case E_MUL: ok = num_mul(a.u.n, b.u.n, &v.u.n); break;
  default:
    if (num_is_zero(b.u.n)) return missing_value(); /* x / 0 is missing */
    ok = num_div(a.u.n, b.u.n, &v.u.n);
    break;
  }
  if (!ok) r->overflow = true; /* said by the caller, with the goal */
  return ok ? v : missing_value();
}

/* a + b - c * d ...: the parser makes a left-leaning tree of a flat
 * chain, as deep as the chain is long; walk down its left edge and
 * compute back up, left to right, without recursion. */
static value eval_arith_chain(row_ctx *r, const expr *e) {
  size_t base = r->nspine;
  for (; is_arith(e->kind); e = e->a) spine_push(r, e);
  value sofar = expr_eval(r, e);
  while (r->nspine > base) {
    const expr *op = r->spine[--r->nspine];
    sofar = arith(r, op, sofar, expr_eval(r, op->b));
  }
  return sofar;
}

/* A chain of 'og' (or of 'eller') the same way; it stops at the first
 * term that decides it, as 'a og b' does not look at b when a is false. */
static truth logic_chain_truth(row_ctx *r, const expr *e) {
  expr_kind k = e->kind;
  truth decided = k == E_AND ? TV_FALSE : TV_TRUE;
  if (e->a->kind != k) { /* two terms, as most chains have */
    truth a = expr_tree_truth(r, e->a);
    if (a == decided) return a;
    truth b = expr_tree_truth(r, e->b);
    return k == E_AND ? kleene_and(a, b) : kleene_or(a, b);
  }
  size_t base = r->nspine;
  for (; e->kind == k; e = e->a) spine_push(r, e);
  truth sofar = expr_tree_truth(r, e);
  while (r->nspine > base && sofar != decided) {
    const expr *op = r->spine[--r->nspine];
    truth b = expr_tree_truth(r, op->b);
    sofar = k == E_AND ? kleene_and(sofar, b) : kleene_or(sofar, b);
  }
  r->nspine = base;
  return sofar;
}

static value eval_time(row_ctx *r, const expr *e);

static inline bool is_literal(expr_kind k) { return k == E_NUM || k == E_STR || k == E_BOOL || k == E_DATE; }

/* Where an operand's value lies when it is a literal or a column of the
 * row, as most operands of a test are; NULL for one to be evaluated. */
static inline const value *in_place(const row_ctx *r, const expr *e) {
  if (is_literal(e->kind)) return &e->lit;
  if (e->kind == E_NAME && e->ref == REF_COLUMN) return &r->vals[e->slot];
  return NULL;
}

/* The same for the operand a test is asked of (alder in 'alder < 30'),
 * which is nearly always a column. */
static inline const value *subject(const row_ctx *r, const expr *e) {
  if (e->kind == E_NAME && e->ref == REF_COLUMN) return &r->vals[e->slot];
  return in_place(r, e);
}

/* An operand of a test: in place, or evaluated into *tmp. */
static const value *operand(row_ctx *r, const expr *e, value *tmp) {
  const value *v = in_place(r, e);
  if (v) return v;
  *tmp = expr_eval(r, e);
  return tmp;
}

static inline truth truth_if(bool t) { return t ? TV_TRUE : TV_FALSE; }

/* The tests of a condition, each unknown when a value it needs is
 * missing.  Each is asked of its operands in place (no call, so no
 * registers saved on the common path), or by a function apart that
 * evaluates them, all in order, before a missing one makes the test
 * unknown (a number too large is said even so). */

static inline truth eq_of(const expr *e, const value *a, const value *b) {
  if (a->kind == V_MISSING || b->kind == V_MISSING) return TV_UNKNOWN;
  return truth_if(value_same(a, b) == (e->kind == E_EQ));
}

static inline truth order_of(const expr *e, const value *a, const value *b) {
  if (a->kind == V_MISSING || b->kind == V_MISSING) return TV_UNKNOWN;
  int c = value_order(a, b);
  switch (e->kind) {
  case E_LT: return truth_if(c < 0);
  case E_LE: return truth_if(c <= 0);
  case E_GT: return truth_if(c > 0);
  default: return truth_if(c >= 0);
  }
}

/* Whole numbers (ages, counts) and dates, the usual ends, are compared
 * as integers: what value_order gives them. */
static inline truth between_of(const value *a, const value *lo, const value *hi) {
  if (a->kind == V_NUM && lo->kind == V_NUM && hi->kind == V_NUM && (a->u.n.d | lo->u.n.d | hi->u.n.d) == 1)
    return truth_if(lo->u.n.n <= a->u.n.n && a->u.n.n <= hi->u.n.n);
  if (a->kind == V_DATE && lo->kind == V_DATE && hi->kind == V_DATE)
    return truth_if(lo->u.date <= a->u.date && a->u.date <= hi->u.date);
  if (a->kind == V_MISSING || lo->kind == V_MISSING || hi->kind == V_MISSING) return TV_UNKNOWN;
  return truth_if(value_order(lo, a) <= 0 && value_order(a, hi) <= 0);
}

/* The test functions are kept out of expr_tree_truth (noinline): inlined,
 * they would make it save every register for every condition it asks. */

__attribute__((noinline)) static truth test_evaluated(row_ctx *r, const expr *e) {
  value ta, tb, tc;
  const value *a = operand(r, e->a, &ta);
  if (e->kind == E_MISSING || e->kind == E_PRESENT) return truth_if((a->kind == V_MISSING) == (e->kind == E_MISSING));
  const value *b = operand(r, e->b, &tb);
  if (e->kind == E_EQ || e->kind == E_NE) return eq_of(e, a, b);
  if (e->kind != E_BETWEEN) return order_of(e, a, b);
  const value *c = operand(r, e->c, &tc);
  return between_of(a, b, c);
}

__attribute__((noinline)) static truth compare_truth(row_ctx *r, const expr *e) {
  const value *a = subject(r, e->a), *b = in_place(r, e->b);
  if (!a || !b) return test_evaluated(r, e);
  return e->kind == E_EQ || e->kind == E_NE ? eq_of(e, a, b) : order_of(e, a, b);
}

__attribute__((noinline)) static truth between_truth(row_ctx *r, const expr *e) {
  const value *a = subject(r, e->a), *lo = in_place(r, e->b), *hi = in_place(r, e->c);
  if (!a || !lo || !hi) return test_evaluated(r, e);
  return between_of(a, lo, hi);
}

__attribute__((noinline)) static truth missing_truth(row_ctx *r, const expr *e) {
  const value *a = subject(r, e->a);
  if (!a) return test_evaluated(r, e);
  return truth_if((a->kind == V_MISSING) == (e->kind == E_MISSING));
}

/* The items are tried in order until one is equal; a missing item is
 * equal to nothing. */
__attribute__((noinline)) static truth in_evaluated(row_ctx *r, const expr *e) {
  value ta, tb;
  const value *a = operand(r, e->a, &ta);
  if (a->kind == V_MISSING) return TV_UNKNOWN;
  bool found = false;
  for (const expr *it = e->b; it && !found; it = it->next) {
    const value *b = operand(r, it, &tb);
    found = b->kind != V_MISSING && value_same(a, b);
  }
  return truth_if(found == (e->kind == E_IN));
}

/* The same when the value and the items are in place (nothing is
 * evaluated, so an item not in place can start over the other way). */
__attribute__((noinline)) static truth in_truth(row_ctx *r, const expr *e) {
  const value *a = subject(r, e->a);
  if (!a) return in_evaluated(r, e);
  if (a->kind == V_MISSING) return TV_UNKNOWN;
  for (const expr *it = e->b; it; it = it->next) {
    const value *b = in_place(r, it);
    if (!b) return in_evaluated(r, e);
    if (b->kind != V_MISSING && value_same(a, b)) return truth_if(e->kind == E_IN);
  }
  return truth_if(e->kind != E_IN);
}

/* truth_of(expr_eval(r, e)), without a value in between for the kinds a
 * condition is made of: a group's membership is read from the row's memo,
 * a yes/no column directly, and tests and 'og'/'eller' chains give their
 * truth as they find it. */
truth expr_tree_truth(row_ctx *r, const expr *e) {
  switch (e->kind) {
  case E_NAME:
    if (e->ref == REF_GROUP) return r->memo[e->slot];
    if (e->ref == REF_COLUMN) return truth_of(r->vals[e->slot]);
    break;
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: return compare_truth(r, e);
  case E_IN: case E_NOTIN: return in_truth(r, e);
  case E_BETWEEN: return between_truth(r, e);
  case E_MISSING: case E_PRESENT: return missing_truth(r, e);
  case E_AND: case E_OR: return logic_chain_truth(r, e);
  default: break;
  }
  return truth_of(expr_eval(r, e));
}

value har_at(row_ctx *r, const expr *e) {
  return e->rel->events || e->rel->w != W_NONE ? expr_eval(r, e->a) : missing_value();
}

value expr_eval(row_ctx *r, const expr *e) {
  switch (e->kind) {
#define X(k, s) case k:
  TIME_EXPR_LIST(X)
#undef X
    return eval_time(r, e);
  case E_NUM: case E_STR: case E_BOOL: case E_DATE:
    return e->lit;
  case E_NAME:
    if (e->ref == REF_COLUMN) return r->vals[e->slot];
    if (e->ref == REF_PARAM) return r->p->paramv[e->slot]->val;
    return bool_value(r->memo[e->slot]); /* decided before the row's measures: unknown stays unknown */
  case E_NEG: {
    value v = expr_eval(r, e->a);
    if (v.kind == V_NUM) v.u.n = num_neg(v.u.n);
    return v;
  }
  case E_DURATION: {
    value n = expr_eval(r, e->a);
    if (n.kind != V_NUM || !num_is_int(n.u.n) || n.u.n.n > 100000 || n.u.n.n < -100000) return missing_value();
    int32_t k = (int32_t)n.u.n.n;
    value v = {.kind = V_DUR};
    v.u.dur.months = e->slot == 'm' ? k : e->slot == 'y' ? 12 * k : 0;
    v.u.dur.days = e->slot == 'd' ? k : e->slot == 'w' ? 7 * k : 0;
    return v;
  }
  case E_ULTIMO:
  case E_PRIMO: {
    value y = expr_eval(r, e->a);
    if (y.kind != V_NUM || !num_is_int(y.u.n)) return missing_value();
    value v = {.kind = V_DATE, .u.date = cal_year_end(y.u.n.n, e->kind == E_ULTIMO)};
    return v;
  }
  case E_ADD: case E_SUB: case E_MUL: case E_DIV:
    return eval_arith_chain(r, e);
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE:
  case E_IN: case E_NOTIN: case E_BETWEEN: case E_MISSING: case E_PRESENT:
    return bool_value(expr_tree_truth(r, e));
  case E_NOT: {
    truth t = truth_of(expr_eval(r, e->a));
    return bool_value(t == TV_UNKNOWN ? t : t == TV_TRUE ? TV_FALSE : TV_TRUE);
  }
  case E_AND:
  case E_OR:
    return bool_value(logic_chain_truth(r, e));
  case E_FIELD: /* spec §5.9 */
    return rel_field(r, e);
  case E_HAS: /* spec §5.10 */
    return bool_value(rel_has(r, e, har_at(r, e)));
  }
  return missing_value();
}

/* ---- time values (spec §2.8, §5.11) ---- */

/* A month or quarter plus or minus a whole number; month minus month.  A
 * result outside the years 1-9999 is missing, as a date's would be. */
static value time_arith(value a, value b, bool add) {
  value v = {.kind = V_NUM};
  if (a.kind == b.kind) { /* month - month: whole months between */
    v.u.n = num_int(a.kind == V_MONTH ? (int64_t)a.u.month - b.u.month : (int64_t)a.u.quarter - b.u.quarter);
    return v;
  }
  if (a.kind == V_NUM) { /* 1 + maaned */
    value t = a;
    a = b;
    b = t;
  }
  if (b.kind != V_NUM || !num_is_int(b.u.n) || b.u.n.n > 120000 || b.u.n.n < -120000) return missing_value();
  int64_t k = add ? b.u.n.n : -b.u.n.n;
  int32_t per_year = a.kind == V_MONTH ? 12 : 4;
  int64_t idx = (a.kind == V_MONTH ? a.u.month : a.u.quarter) + k;
  if (idx < (int64_t)CAL_YEAR_MIN * per_year || idx >= ((int64_t)CAL_YEAR_MAX + 1) * per_year) return missing_value();
  v.kind = a.kind;
  if (a.kind == V_MONTH) v.u.month = (int32_t)idx;
  else v.u.quarter = (int32_t)idx;
  return v;
}

static value eval_time(row_ctx *r, const expr *e) {
  if (e->kind == E_MONTH || e->kind == E_QUARTER || e->kind == E_PERIOD) return e->lit;
  value a = expr_eval(r, e->a);
  if (a.kind == V_MISSING) return a;
  switch (e->kind) {
  case E_WITHIN: { /* X lies within P: every day of X is a day of P */
    int32_t xa, xb, pa, pb;
    if (!cal_value_days(&a, &xa, &xb) || !cal_value_days(&e->b->lit, &pa, &pb)) return missing_value();
    return bool_value(pa <= xa && xb <= pb ? TV_TRUE : TV_FALSE);
  }
  case E_MONTH_OF: return time_part(BYF_MONTH, a);
  case E_QUARTER_OF: return time_part(BYF_QUARTER, a);
  case E_YEAR_OF: return time_part(BYF_YEAR, a);
  default: break;
  }
  value b = expr_eval(r, e->b); /* days, working days, months from A to B */
  if (b.kind == V_MISSING) return b;
  if (e->kind == E_DAYS_FROM) return int_value((int64_t)b.u.date - a.u.date);
  if (e->kind == E_WORKDAYS_FROM) return int_value(cal_working_days(a.u.date, b.u.date));
  if (a.kind == V_MONTH) return int_value((int64_t)b.u.month - a.u.month);
  return int_value(cal_months_between(a.u.date, b.u.date));
}

void walk_push(walk_stack *w, const expr *e, bool siblings) {
  if (!e) return;
  if (w->n == w->cap) {
    w->cap = w->cap ? 2 * w->cap : 64;
    w->v = xrealloc(w->v, w->cap * sizeof *w->v);
  }
  w->v[w->n++] = (walk_item){e, siblings};
}

/* Call fn on every node of e, in source order (a, then b, then c, then
 * the rest of an in-list), and on the nodes of what fn pushes, without
 * recursion: a flat chain of 50.000 'og' is a tree that deep. */
void expr_walk(walk_stack *w, const expr *e, walk_fn *fn, void *ctx) {
  size_t base = w->n;
  walk_push(w, e, false);
  while (w->n > base) {
    walk_item it = w->v[--w->n];
    const expr *x = it.e;
    if (it.siblings) walk_push(w, x->next, true);
    fn(x, w, ctx);
    walk_push(w, x->c, false);
    walk_push(w, x->b, x->kind == E_IN || x->kind == E_NOTIN);
    walk_push(w, x->a, false);
  }
}
