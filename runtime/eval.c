/* eval.c — one pass over each data source updates every goal measured on
 * it; then each goal's number is compared with its target, exactly, and
 * the status scheme picks the status.  The meaning of missing values is
 * the one spec/ gives: a comparison with a missing value is unknown, a row
 * is in a group only when its condition is true, and a share counts rows
 * whose condition is unknown in its denominator but not its numerator
 * (unless the goal says 'exclude missing'). */
#include "eval.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "hash.h"
#include "source.h"

enum { DATA_ERROR_LIMIT = SRC_ERROR_LIMIT };

/* Three-valued truth. */
typedef enum { TV_FALSE, TV_TRUE, TV_UNKNOWN } truth;

typedef struct dentry {
  char *key;
  UT_hash_handle hh;
} dentry;

/* What one goal (or one breakdown part of it) has counted so far. */
typedef struct {
  int64_t group;   /* rows in the target group */
  int64_t hits;    /* rows meeting the condition (count, share) */
  int64_t unknown; /* rows of the group whose condition or value was missing */
  int64_t unsure;  /* rows left out of the group itself for a missing value */
  int64_t nvalues; /* values summed, averaged or compared */
  num sum;         /* sum and average */
  num best;        /* min, max, value */
  dentry *distinct;
  bool overflow;
} acc;

typedef struct part {
  char *key;     /* the breakdown value as text; hash key */
  value val;     /* for ordering: numbers and dates by value */
  bool missing;
  acc a;
  UT_hash_handle hh;
} part;

typedef struct {
  goal *g;
  acc total;
  part *parts;
} goal_state;

/* The state of the row being read. */
typedef struct {
  ast_program *p;
  value *vals;           /* per column of the source */
  uint32_t gen;          /* row number, for the group memo */
  uint32_t *memo_gen;    /* per group: the row its memo is for */
  truth *memo;           /* per group: is the row in it (unknown: left out
                            because a condition met a missing value) */
} row_ctx;

struct eval_result {
  arena *a;
  rep_table table;
  goal_state *goals;
  int ngoals;
};

/* ---- expressions over one row ---- */

static value eval(row_ctx *r, const expr *e);

static value missing(void) {
  value v = {.kind = V_MISSING};
  return v;
}

static value boolean(truth t) {
  if (t == TV_UNKNOWN) return missing();
  value v = {.kind = V_BOOL, .u.b = t == TV_TRUE};
  return v;
}

static truth truth_of(value v) {
  if (v.kind != V_BOOL) return TV_UNKNOWN;
  return v.u.b ? TV_TRUE : TV_FALSE;
}

/* Is the row in g?  TV_UNKNOWN: no, because a condition of g (or of a
 * group g is built on) met a missing value. */
static truth membership(row_ctx *r, const group_decl *g) {
  if (r->memo_gen[g->index] == r->gen) return r->memo[g->index];
  truth in = g->parent ? membership(r, g->parent) : TV_TRUE;
  if (in == TV_TRUE && g->where) in = truth_of(eval(r, g->where));
  r->memo_gen[g->index] = r->gen;
  r->memo[g->index] = in;
  return in;
}

/* -1, 0, 1; both values present and of comparable kinds (the checker saw to it). */
static int compare(value a, value b) {
  switch (a.kind) {
  case V_NUM: return num_cmp(a.u.n, b.u.n);
  case V_DATE: return (a.u.date > b.u.date) - (a.u.date < b.u.date);
  case V_BOOL: return (int)a.u.b - (int)b.u.b;
  case V_TEXT: {
    size_t n = a.u.t.len < b.u.t.len ? a.u.t.len : b.u.t.len;
    int c = memcmp(a.u.t.s, b.u.t.s, n);
    if (c) return c < 0 ? -1 : 1;
    return (a.u.t.len > b.u.t.len) - (a.u.t.len < b.u.t.len);
  }
  default: return 0;
  }
}

static value arith(const expr *e, value a, value b) {
  if (a.kind == V_MISSING || b.kind == V_MISSING) return missing();
  value v = {.kind = V_NUM};
  if (a.kind == V_DATE && b.kind == V_DATE) { /* days between */
    v.u.n = num_int((int64_t)a.u.date - b.u.date);
    return v;
  }
  if (a.kind == V_DATE) { /* a date plus or minus whole days */
    if (!num_is_int(b.u.n) || b.u.n.n > 3650000 || b.u.n.n < -3650000) return missing();
    v.kind = V_DATE;
    v.u.date = a.u.date + (int32_t)(e->kind == E_ADD ? b.u.n.n : -b.u.n.n);
    return v;
  }
  bool ok;
  switch (e->kind) {
  case E_ADD: ok = num_add(a.u.n, b.u.n, &v.u.n); break;
  case E_SUB: ok = num_sub(a.u.n, b.u.n, &v.u.n); break;
  case E_MUL: ok = num_mul(a.u.n, b.u.n, &v.u.n); break;
  default: ok = num_div(a.u.n, b.u.n, &v.u.n); break; /* x / 0 is missing */
  }
  return ok ? v : missing();
}

static value eval(row_ctx *r, const expr *e) {
  switch (e->kind) {
  case E_NUM: case E_STR: case E_BOOL: case E_DATE:
    return e->lit;
  case E_NAME:
    if (e->ref == REF_COLUMN) return r->vals[e->slot];
    if (e->ref == REF_PARAM) return r->p->paramv[e->slot]->val;
    return boolean(membership(r, r->p->groupv[e->slot])); /* unknown stays unknown */
  case E_NEG: {
    value v = eval(r, e->a);
    if (v.kind == V_NUM) v.u.n = num_neg(v.u.n);
    return v;
  }
  case E_ADD: case E_SUB: case E_MUL: case E_DIV:
    return arith(e, eval(r, e->a), eval(r, e->b));
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: {
    value a = eval(r, e->a), b = eval(r, e->b);
    if (a.kind == V_MISSING || b.kind == V_MISSING) return missing();
    int c = compare(a, b);
    bool t = e->kind == E_EQ ? c == 0 : e->kind == E_NE ? c != 0 : e->kind == E_LT ? c < 0
           : e->kind == E_LE ? c <= 0 : e->kind == E_GT ? c > 0 : c >= 0;
    return boolean(t ? TV_TRUE : TV_FALSE);
  }
  case E_IN: case E_NOTIN: {
    value a = eval(r, e->a);
    if (a.kind == V_MISSING) return missing();
    bool found = false;
    for (const expr *it = e->b; it && !found; it = it->next) {
      value b = eval(r, it);
      found = b.kind != V_MISSING && compare(a, b) == 0;
    }
    return boolean(found == (e->kind == E_IN) ? TV_TRUE : TV_FALSE);
  }
  case E_BETWEEN: {
    value a = eval(r, e->a), lo = eval(r, e->b), hi = eval(r, e->c);
    if (a.kind == V_MISSING || lo.kind == V_MISSING || hi.kind == V_MISSING) return missing();
    return boolean(compare(lo, a) <= 0 && compare(a, hi) <= 0 ? TV_TRUE : TV_FALSE);
  }
  case E_MISSING:
  case E_PRESENT: {
    bool m = eval(r, e->a).kind == V_MISSING;
    return boolean(m == (e->kind == E_MISSING) ? TV_TRUE : TV_FALSE);
  }
  case E_NOT: {
    truth t = truth_of(eval(r, e->a));
    return boolean(t == TV_UNKNOWN ? t : t == TV_TRUE ? TV_FALSE : TV_TRUE);
  }
  case E_AND: {
    truth a = truth_of(eval(r, e->a));
    if (a == TV_FALSE) return boolean(TV_FALSE);
    truth b = truth_of(eval(r, e->b));
    if (b == TV_FALSE) return boolean(TV_FALSE);
    return boolean(a == TV_TRUE && b == TV_TRUE ? TV_TRUE : TV_UNKNOWN);
  }
  case E_OR: {
    truth a = truth_of(eval(r, e->a));
    if (a == TV_TRUE) return boolean(TV_TRUE);
    truth b = truth_of(eval(r, e->b));
    if (b == TV_TRUE) return boolean(TV_TRUE);
    return boolean(a == TV_FALSE && b == TV_FALSE ? TV_FALSE : TV_UNKNOWN);
  }
  }
  return missing();
}

/* ---- accumulating ---- */

/* A value as text: the key of a breakdown part or a distinct value. */
static void value_text(value v, buf *b) {
  char tmp[64];
  switch (v.kind) {
  case V_NUM: num_format_exact(v.u.n, 9, tmp, sizeof tmp); buf_adds(b, tmp); break;
  case V_DATE: ast_format_date(v.u.date, tmp); buf_adds(b, tmp); break;
  case V_BOOL: buf_adds(b, v.u.b ? "ja" : "nej"); break;
  case V_TEXT: buf_add(b, v.u.t.s, v.u.t.len); break;
  default: break;
  }
}

static void add_distinct(acc *a, value v, buf *tmp) {
  buf_clear(tmp);
  value_text(v, tmp);
  dentry *e;
  HASH_FIND(hh, a->distinct, tmp->s, tmp->len, e);
  if (e) return;
  e = xmalloc(sizeof *e);
  e->key = xstrndup(tmp->s, tmp->len);
  HASH_ADD_KEYPTR(hh, a->distinct, e->key, tmp->len, e);
}

static void update(row_ctx *r, const goal *g, acc *a, buf *tmp) {
  const measure *m = g->m;
  a->group++;
  truth t = m->where ? truth_of(eval(r, m->where)) : TV_TRUE;
  if (m->kind == M_SHARE || m->kind == M_COUNT) {
    if (t == TV_TRUE) a->hits++;
    else if (t == TV_UNKNOWN) a->unknown++;
    return;
  }
  if (t != TV_TRUE) {
    if (t == TV_UNKNOWN) a->unknown++;
    return;
  }
  value v = r->vals[m->col];
  if (v.kind == V_MISSING) {
    a->unknown++;
    return;
  }
  switch (m->kind) {
  case M_DISTINCT:
    add_distinct(a, v, tmp);
    break;
  case M_SUM:
  case M_AVG:
    if (a->nvalues == 0) a->sum = num_int(0);
    if (!num_add(a->sum, v.u.n, &a->sum)) a->overflow = true;
    a->nvalues++;
    break;
  case M_MIN:
  case M_MAX:
    if (a->nvalues == 0 || (m->kind == M_MIN ? num_cmp(v.u.n, a->best) < 0 : num_cmp(v.u.n, a->best) > 0))
      a->best = v.u.n;
    a->nvalues++;
    break;
  case M_VALUE:
    if (a->nvalues == 0) a->best = v.u.n;
    a->nvalues++;
    break;
  default:
    break;
  }
}

static acc *part_for(goal_state *gs, value v, buf *tmp) {
  buf_clear(tmp);
  value_text(v, tmp);
  if (v.kind == V_MISSING) buf_adds(tmp, "(mangler)");
  part *pt;
  HASH_FIND(hh, gs->parts, tmp->s, tmp->len, pt);
  if (pt) return &pt->a;
  pt = xcalloc(1, sizeof *pt);
  pt->key = xstrndup(tmp->s, tmp->len);
  pt->missing = v.kind == V_MISSING;
  pt->val = v;
  if (v.kind == V_TEXT) pt->val.u.t.s = pt->key; /* the row's text dies with the row */
  HASH_ADD_KEYPTR(hh, gs->parts, pt->key, tmp->len, pt);
  return &pt->a;
}

/* ---- one pass over one source ---- */

static int read_source(ast_program *p, data_decl *d, goal_state *goals, int ngoals, uint64_t *rows_out,
                       FILE *err) {
  csv_error ce = {0};
  csv_reader *cr = csv_open(d->open_path ? d->open_path : d->resolved_path, d->delim, &ce);
  if (!cr) {
    fprintf(err, "maal: data '%s': %s\n", d->name, ce.message);
    return -1;
  }
  row_ctx r = {.p = p};
  r.vals = xcalloc(d->ncol ? d->ncol : 1, sizeof *r.vals);
  r.memo_gen = xcalloc((size_t)p->ngroups + 1, sizeof *r.memo_gen);
  r.memo = xcalloc((size_t)p->ngroups + 1, sizeof *r.memo);
  goal_state **mine = xcalloc((size_t)ngoals + 1, sizeof *mine);
  int nmine = 0;
  for (int i = 0; i < ngoals; i++)
    if (goals[i].g->m && goals[i].g->m->source == d) mine[nmine++] = &goals[i];
  buf tmp = {0};
  int errors = 0;
  uint64_t rows = 0;
  csv_record *rec;
  int got = csv_next(cr, &rec, &ce); /* the header, read before by the checker */
  while (got >= 0 && errors < DATA_ERROR_LIMIT) {
    got = csv_next(cr, &rec, &ce);
    if (got == 0) break;
    if (got < 0) {
      fprintf(err, "%s:%u:%u: error: %s\n", d->resolved_path, ce.line, ce.col, ce.message);
      errors++;
      got = 1;
      continue;
    }
    rows++;
    bool bad = false;
    for (size_t i = 0; i < d->ncol; i++) {
      const column_decl *c = d->colv[i];
      const csv_field *f = &rec->fields[c->pos];
      if (!src_field(d, c, f, &r.vals[i])) {
        fprintf(err, "%s:%u:%u: error: column '%s' holds %s, but '%.*s' is not one%s\n", d->resolved_path,
                f->line, f->col, c->name, src_type_words(c->type, d->decimal), (int)(f->len > 60 ? 60 : f->len),
                f->text, c->inferred ? " (the type was inferred from the first rows; declare the column's type in the rules if it is wrong)" : "");
        bad = true;
        if (++errors >= DATA_ERROR_LIMIT) break;
      }
    }
    if (bad) continue;
    r.gen++;
    if (r.gen == 0) { /* wrapped: forget every memo */
      memset(r.memo_gen, 0, ((size_t)p->ngroups + 1) * sizeof *r.memo_gen);
      r.gen = 1;
    }
    for (int k = 0; k < nmine; k++) {
      goal_state *gs = mine[k];
      const goal *g = gs->g;
      truth in = g->m->g ? membership(&r, g->m->g) : TV_TRUE;
      if (in == TV_UNKNOWN) { /* left out of the group for a missing value */
        gs->total.unsure++;
        if (g->by_col >= 0) part_for(gs, r.vals[g->by_col], &tmp)->unsure++;
      }
      if (in != TV_TRUE) continue;
      update(&r, g, &gs->total, &tmp);
      if (g->by_col >= 0) update(&r, g, part_for(gs, r.vals[g->by_col], &tmp), &tmp);
    }
  }
  if (errors >= DATA_ERROR_LIMIT) fprintf(err, "%s: too many errors; stopped after %d\n", d->resolved_path, DATA_ERROR_LIMIT);
  buf_free(&tmp);
  free(mine);
  free(r.vals);
  free(r.memo_gen);
  free(r.memo);
  csv_close(cr);
  *rows_out = rows;
  return errors ? -1 : 0;
}

/* ---- from counts to numbers, statuses and texts ---- */

typedef struct {
  bool ok;
  const char *why; /* when !ok: why it cannot be computed (Danish) */
  num value;
  int64_t numerator, denominator;
} measured;

static measured measure_acc(const goal *g, const acc *a) {
  measured m = {0};
  if (a->overflow) {
    m.why = "tallet er for stort til at regne med";
    return m;
  }
  switch (g->m->kind) {
  case M_SHARE: {
    int64_t den = a->group - (g->exclude_missing ? a->unknown : 0);
    m.numerator = a->hits;
    m.denominator = den;
    if (den == 0) {
      m.why = a->group == 0 ? "målgruppen er tom" : "ingen i målgruppen har oplysningerne";
      return m;
    }
    num f;
    if (!num_make(a->hits, den, &f) || !num_mul(f, num_int(100), &m.value)) {
      m.why = "tallet er for stort til at regne med";
      return m;
    }
    break;
  }
  case M_COUNT: m.value = num_int(a->hits); break;
  case M_DISTINCT: m.value = num_int((int64_t)HASH_COUNT(a->distinct)); break;
  case M_SUM: m.value = a->nvalues ? a->sum : num_int(0); break;
  case M_AVG:
    if (a->nvalues == 0) {
      m.why = "ingen værdier at beregne et gennemsnit af";
      return m;
    }
    if (!num_div(a->sum, num_int(a->nvalues), &m.value)) {
      m.why = "tallet er for stort til at regne med";
      return m;
    }
    break;
  case M_MIN:
  case M_MAX:
    if (a->nvalues == 0) {
      m.why = "ingen værdier";
      return m;
    }
    m.value = a->best;
    break;
  case M_VALUE:
    if (a->nvalues != 1) {
      m.why = a->nvalues == 0 ? "ingen række med en værdi" : "mere end én række har en værdi";
      return m;
    }
    m.value = a->best;
    break;
  }
  m.ok = true;
  return m;
}

/* Achievement in pct: how far the value has come toward the target.
 * `inf` is set when it is unbounded (for instance nothing at all against
 * "at most"). */
static bool achievement(const target *t, num v, num *out, bool *inf) {
  num hundred = num_int(100), q;
  *inf = false;
  switch (t->cmp) {
  case C_AT_LEAST:
    if (num_sign(t->v) <= 0) {
      if (num_cmp(v, t->v) >= 0) *inf = true;
      else *out = num_int(0);
      return true;
    }
    if (!num_div(v, t->v, &q)) return false;
    if (num_sign(q) < 0) q = num_int(0);
    return num_mul(q, hundred, out);
  case C_AT_MOST:
    if (num_sign(v) <= 0) {
      if (num_cmp(v, t->v) <= 0) *inf = true;
      else *out = num_int(0);
      return true;
    }
    if (num_sign(t->v) < 0) {
      *out = num_int(0);
      return true;
    }
    if (!num_div(t->v, v, &q)) return false;
    return num_mul(q, hundred, out);
  case C_BETWEEN:
    if (num_cmp(v, t->v) >= 0 && num_cmp(v, t->hi) <= 0) {
      *out = hundred;
      return true;
    }
    if (num_cmp(v, t->v) < 0) {
      if (num_sign(t->v) <= 0 || num_sign(v) < 0) { *out = num_int(0); return true; }
      return num_div(v, t->v, &q) && num_mul(q, hundred, out);
    }
    if (num_sign(v) <= 0) { *out = num_int(0); return true; }
    return num_div(t->hi, v, &q) && num_mul(q, hundred, out);
  case C_EXACTLY:
  case C_ABOUT: {
    num d, allowed = num_int(0), rest;
    if (!num_sub(v, t->v, &d)) return false;
    d = num_abs(d);
    if (t->cmp == C_ABOUT && !(num_mul(num_abs(t->v), t->tol, &allowed) && num_div(allowed, hundred, &allowed)))
      return false;
    if (num_cmp(d, allowed) <= 0) {
      *out = hundred;
      return true;
    }
    if (num_is_zero(t->v)) {
      *out = num_int(0);
      return true;
    }
    if (!num_sub(d, allowed, &rest) || !num_div(rest, num_abs(t->v), &q) || !num_mul(q, hundred, &q) ||
        !num_sub(hundred, q, out))
      return false;
    if (num_sign(*out) < 0) *out = num_int(0);
    return true;
  }
  }
  return false;
}

static role pick_status(const scheme_decl *s, num a, bool inf) {
  for (int r = ROLE_MET; r <= ROLE_NOT_MET; r++) {
    if (!s->has[r] || (!s->has_from[r] && !s->has_below[r])) continue;
    bool above_from = inf || !s->has_from[r] || num_cmp(a, s->from[r]) >= 0;
    bool below_top = !s->has_below[r] || (!inf && num_cmp(a, s->below[r]) < 0);
    if (above_from && below_top) return (role)r;
  }
  /* 'not met' without bounds means "otherwise" */
  if (s->has[ROLE_NOT_MET] && !s->has_from[ROLE_NOT_MET] && !s->has_below[ROLE_NOT_MET]) return ROLE_NOT_MET;
  return ROLE_UNKNOWN;
}

static const rep_status to_rep[ROLE_COUNT] = {ST_MET, ST_PARTLY, ST_NOT_MET, ST_UNKNOWN};

/* ---- Danish text ---- */

/* The Danish word for a unit after a number: "1 person", "2 personer". */
static const char *unit_da(const char *u, num n) {
  if (!u) return NULL;
  if (num_cmp(num_abs(n), num_int(1)) == 0) {
    if (!strcmp(u, "persons")) return "person";
    if (!strcmp(u, "days")) return "dag";
  }
  static const char *const da[][2] = {{"persons", "personer"}, {"days", "dage"}, {"kr", "kr."},
                                      {"months", "mdr."},      {"pct", "%"},     {"pct points", "procentpoint"}};
  for (size_t i = 0; i < sizeof da / sizeof da[0]; i++)
    if (!strcmp(da[i][0], u)) return da[i][1];
  return u;
}

/* Round v to d decimals, as a num. */
static num rounded(num v, int d) {
  char b[64];
  num r = v;
  num_format_plain(v, d, b, sizeof b);
  num_parse(b, strlen(b), '.', &r);
  return r;
}

/* Decimals to show v with: the default, or more when the rounded number
 * would land on the other side of an edge (89,6 % shown as 90 % against a
 * target of 90 %), so a shown number never contradicts the status. */
static int decimals_against(num v, int dflt, const num *edges, int nedges) {
  int d = dflt;
  for (; d < 4; d++) {
    bool clash = false;
    for (int i = 0; i < nedges; i++)
      if (num_cmp(v, edges[i]) != num_cmp(rounded(v, d), edges[i])) clash = true;
    if (!clash) break;
  }
  return d;
}

static bool achievement(const target *t, num v, num *out, bool *inf);
static role pick_status(const scheme_decl *s, num a, bool inf);

static role status_of(const goal *g, num v) {
  num a;
  bool inf;
  if (!achievement(g->t, v, &a, &inf)) return ROLE_UNKNOWN;
  return pick_status(g->scheme, a, inf);
}

/* Decimals for a goal's value: the default, or more until the rounded
 * number would get the same status and lie on the same side of the target
 * as the true one (79,99 against a bound at 80 is not shown as "80,0"). */
static int decimals_for(num v, int dflt, const goal *g) {
  const target *t = g->t;
  num edges[2] = {t->v, t->hi};
  int nedges = t->cmp == C_BETWEEN ? 2 : 1;
  role want = status_of(g, v);
  int d = dflt;
  for (; d < 4; d++) {
    num r = rounded(v, d);
    bool clash = status_of(g, r) != want;
    for (int i = 0; i < nedges; i++)
      if (num_cmp(v, edges[i]) != num_cmp(r, edges[i])) clash = true;
    if (!clash) break;
  }
  return d;
}

/* The same for an achievement, against the bounds of the goal's scheme. */
static int decimals_for_achievement(num a, const scheme_decl *s) {
  num edges[2 * ROLE_COUNT];
  int n = 0;
  for (int r = 0; r < ROLE_COUNT; r++) {
    if (s->has_from[r]) edges[n++] = s->from[r];
    if (s->has_below[r]) edges[n++] = s->below[r];
  }
  return decimals_against(a, 0, edges, n);
}

/* The fewest decimals (up to 4) that show v exactly. */
static int exact_decimals(num v) {
  for (int d = 0; d < 4; d++)
    if (num_cmp(rounded(v, d), v) == 0) return d;
  return 4;
}

static void put_num(buf *b, num v, int d) {
  char s[64];
  num_format_da(v, d, s, sizeof s);
  buf_adds(b, s);
}

static void put_int(buf *b, int64_t i) { put_num(b, num_int(i), 0); }

typedef struct {
  const goal *g;
  const acc *a;
  const measured *m;
  bool has_ach, inf;
  num ach;
} text_ctx;

static bool placeholder(buf *b, const text_ctx *c, const char *name, size_t n, int dec) {
#define IS(en, da) ((strlen(en) == n && !strncmp(name, en, n)) || (strlen(da) == n && !strncmp(name, da, n)))
  const goal *g = c->g;
  bool pct = g->m->kind == M_SHARE || (g->unit && !strcmp(g->unit, "pct"));
  if (IS("numerator", "tæller")) put_int(b, g->m->kind == M_SHARE ? c->m->numerator : c->a->hits);
  else if (IS("denominator", "nævner")) put_int(b, c->m->denominator);
  else if (IS("group", "gruppe")) put_int(b, c->a->group);
  else if (IS("missing", "mangler")) put_int(b, c->a->unknown + c->a->unsure);
  else if (IS("value", "værdi") || IS("result", "resultat")) {
    if (!c->m->ok) { buf_adds(b, "–"); return true; }
    /* shares in whole pct; other numbers with one decimal when they have any */
    const char *u = g->t->unit ? g->t->unit : g->unit;
    bool kroner = u && !strcmp(u, "kr"); /* amounts in whole kroner */
    int dflt = g->m->kind == M_SHARE || kroner || num_is_int(c->m->value) ? 0 : 1;
    int d = dec >= 0 ? dec : decimals_for(c->m->value, dflt, g);
    put_num(b, c->m->value, d);
    if (pct) buf_adds(b, " %");
  } else if (IS("target", "mål")) {
    const target *t = g->t;
    put_num(b, t->v, dec >= 0 ? dec : exact_decimals(t->v));
    if (t->cmp == C_BETWEEN) {
      buf_adds(b, "–");
      put_num(b, t->hi, dec >= 0 ? dec : exact_decimals(t->hi));
    }
    if (pct) buf_adds(b, " %");
  } else if (IS("achievement", "målopfyldelse")) {
    if (!c->has_ach) buf_adds(b, "–");
    else if (c->inf) buf_adds(b, "over 100 %");
    else {
      put_num(b, c->ach, dec >= 0 ? dec : decimals_for_achievement(c->ach, g->scheme));
      buf_adds(b, " %");
    }
  } else {
    return false;
  }
  return true;
#undef IS
}

static void render(buf *b, const char *tpl, const text_ctx *c) {
  for (const char *s = tpl; *s; s++) {
    if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
      buf_addc(b, *s++);
      continue;
    }
    const char *end = s[0] == '{' ? strchr(s, '}') : NULL;
    if (!end) {
      buf_addc(b, *s);
      continue;
    }
    const char *name = s + 1;
    size_t n = (size_t)(end - name);
    int dec = -1;
    const char *colon = memchr(name, ':', n);
    if (colon) {
      dec = colon[1] - '0';
      n = (size_t)(colon - name);
    }
    if (!placeholder(b, c, name, n, dec)) buf_add(b, s, (size_t)(end - s) + 1);
    s = end;
  }
}

static const char *default_template(const goal *g) {
  if (g->m->kind == M_SHARE) return "{tæller} af {nævner}, svarende til {værdi}";
  return "{værdi}";
}

/* ---- building the table ---- */

typedef struct {
  arena *a;
  rep_row *rows;
  size_t n, cap;
} rows_out;

static rep_row *add_row(rows_out *o, rep_kind k) {
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 64;
    o->rows = xrealloc(o->rows, o->cap * sizeof *o->rows);
  }
  rep_row *r = &o->rows[o->n++];
  memset(r, 0, sizeof *r);
  r->kind = k;
  r->number = r->title = r->status_label = r->result = r->comment = "";
  return r;
}

/* Status, result text and numbers of one goal or part. */
static role judge(arena *ar, const goal *g, const acc *a, rep_row *row) {
  measured m = measure_acc(g, a);
  rep_numbers *nums = arena_alloc(ar, sizeof *nums);
  nums->measure = ast_measure_name(g->m->kind);
  nums->unit = g->unit ? g->unit : "";
  nums->group_size = a->group;
  nums->left_out = a->unknown + a->unsure;
  nums->comparator = ast_cmp_name(g->t->cmp);
  nums->target = g->t->v;
  nums->target_high = g->t->cmp == C_BETWEEN ? g->t->hi : g->t->v;
  text_ctx tc = {.g = g, .a = a, .m = &m};
  role r = ROLE_UNKNOWN;
  if (m.ok) {
    nums->has_value = true;
    nums->value = m.value;
    if (g->m->kind == M_SHARE) {
      nums->has_ratio = true;
      nums->numerator = m.numerator;
      nums->denominator = m.denominator;
    }
    if (achievement(g->t, m.value, &tc.ach, &tc.inf)) {
      tc.has_ach = true;
      nums->has_achievement = !tc.inf;
      nums->achievement = tc.ach;
      r = pick_status(g->scheme, tc.ach, tc.inf);
    } else {
      m.ok = false;
      m.why = "tallet er for stort til at regne med";
    }
  }
  buf b = {0};
  if (m.ok) {
    render(&b, g->result_tpl ? g->result_tpl : default_template(g), &tc);
    if (!g->result_tpl && g->m->kind != M_SHARE && g->t->unit && strcmp(g->t->unit, "pct") != 0) {
      buf_addc(&b, ' ');
      buf_adds(&b, unit_da(g->t->unit, m.value));
    }
  } else {
    buf_printf(&b, "Kan ikke opgøres: %s", m.why);
  }
  row->result = arena_strdup(ar, buf_str(&b));
  buf_free(&b);
  row->status = to_rep[r];
  row->status_label = g->scheme->label[r];
  row->nums = nums;
  return r;
}

/* Danish alphabetical order: a–z, then æ, ø, å; case only breaks ties. */
static int letter_rank(const unsigned char *s, size_t *adv) {
  if (s[0] == 0xC3 && s[1]) {
    *adv = 2;
    switch (s[1]) {
    case 0xA6: case 0x86: return 'z' + 1; /* æ Æ */
    case 0xB8: case 0x98: return 'z' + 2; /* ø Ø */
    case 0xA5: case 0x85: return 'z' + 3; /* å Å */
    default: return 0x100 + s[1];
    }
  }
  *adv = 1;
  if (s[0] >= 'A' && s[0] <= 'Z') return s[0] - 'A' + 'a';
  return s[0] < 0x80 ? s[0] : 0x200 + s[0];
}

static int collate(const char *a, const char *b) {
  const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
  while (*x && *y) {
    size_t ax, ay;
    int rx = letter_rank(x, &ax), ry = letter_rank(y, &ay);
    if (rx != ry) return rx < ry ? -1 : 1;
    x += ax;
    y += ay;
  }
  if (*x || *y) return *x ? 1 : -1;
  return strcmp(a, b);
}

static int part_order(const part *a, const part *b) {
  if (a->missing != b->missing) return a->missing ? 1 : -1;
  if (a->val.kind != V_TEXT && a->val.kind == b->val.kind) {
    int c = compare(a->val, b->val);
    if (c) return c;
  }
  return collate(a->key, b->key);
}

static role aggregate(const initiative *in, const role *goal_roles) {
  role worst = ROLE_MET;
  int n = 0, met = 0, partly = 0, unknown = 0;
  for (const goal *g = in->goals; g; g = g->next, n++) {
    role r = goal_roles[g->index];
    if (r > worst) worst = r;
    met += r == ROLE_MET;
    partly += r == ROLE_PARTLY;
    unknown += r == ROLE_UNKNOWN;
  }
  switch (in->agg) {
  case AGG_MANUAL: return in->manual_role;
  case AGG_GOAL: return goal_roles[in->agg_target->index];
  case AGG_WORST: return n ? worst : ROLE_UNKNOWN;
  case AGG_ALL:
    if (n == 0 || unknown) return ROLE_UNKNOWN;
    if (met == n) return ROLE_MET;
    return met || partly ? ROLE_PARTLY : ROLE_NOT_MET;
  }
  return ROLE_UNKNOWN;
}

static void build_table(ast_program *p, eval_result *res) {
  arena *ar = res->a;
  rows_out o = {.a = ar};
  role *roles = xcalloc((size_t)p->ngoals + 1, sizeof *roles);
  const scheme_decl *s = p->default_scheme;
  for (area *a = p->areas; a; a = a->next) {
    rep_row *ra = add_row(&o, ROW_AREA);
    ra->number = a->number;
    ra->title = a->title;
    ra->status = ST_NONE;
    ra->comment = a->comment ? a->comment : "";
    for (initiative *in = a->inits; in; in = in->next) {
      size_t at = o.n;
      add_row(&o, ROW_INITIATIVE);
      for (goal *g = in->goals; g; g = g->next) {
        rep_row *rg = add_row(&o, ROW_GOAL);
        rg->number = g->id;
        rg->title = g->title;
        rg->comment = g->comment ? g->comment : "";
        goal_state *gs = &res->goals[g->index];
        if (g->manual) {
          roles[g->index] = g->manual_role;
          rg->status = to_rep[g->manual_role];
          rg->status_label = g->scheme->label[g->manual_role];
          rg->result = g->manual_reason;
          continue;
        }
        roles[g->index] = judge(ar, g, &gs->total, rg);
        if (g->by_col < 0) continue;
        HASH_SORT(gs->parts, part_order);
        for (part *pt = gs->parts; pt; pt = pt->hh.next) {
          rep_row *rp = add_row(&o, ROW_PART);
          rp->number = arena_strdup(ar, pt->key);
          judge(ar, g, &pt->a, rp);
        }
      }
      /* the rows may have moved: fill the initiative's row now */
      rep_row *ri = &o.rows[at];
      ri->number = in->number;
      ri->title = in->title;
      role r = aggregate(in, roles);
      ri->status = to_rep[r];
      ri->status_label = s->label[r];
      ri->comment = in->comment ? in->comment : "";
      ri->result = in->result ? in->result : "";
      if (in->agg == AGG_MANUAL)
        ri->result = in->result ? arena_printf(ar, "%s\n%s", in->result, in->manual_reason) : in->manual_reason;
    }
  }
  free(roles);
  res->table.rows = arena_alloc(ar, (o.n ? o.n : 1) * sizeof *o.rows);
  if (o.n) memcpy(res->table.rows, o.rows, o.n * sizeof *o.rows);
  res->table.nrows = o.n;
  free(o.rows);
}

eval_result *eval_run(ast_program *p, FILE *err) {
  eval_result *res = xcalloc(1, sizeof *res);
  res->a = arena_new();
  res->ngoals = p->ngoals;
  res->goals = xcalloc((size_t)p->ngoals + 1, sizeof *res->goals);
  for (int i = 0; i < p->ngoals; i++) res->goals[i].g = p->goalv[i];
  res->table.title = p->title;
  res->table.period = p->period_text;
  res->table.sources = arena_alloc(res->a, (size_t)(p->ndata ? p->ndata : 1) * sizeof(rep_source));
  int failed = 0;
  for (int i = 0; i < p->ndata; i++) {
    data_decl *d = p->datav[i];
    uint64_t rows = 0;
    if (read_source(p, d, res->goals, p->ngoals, &rows, err) != 0) failed = 1;
    res->table.sources[i].name = d->name;
    res->table.sources[i].rows = rows;
  }
  res->table.nsources = (size_t)p->ndata;
  if (failed) {
    eval_free(res);
    return NULL;
  }
  build_table(p, res);
  return res;
}

const rep_table *eval_table(const eval_result *r) { return &r->table; }

static void free_acc(acc *a) {
  dentry *e, *t;
  HASH_ITER(hh, a->distinct, e, t) {
    HASH_DEL(a->distinct, e);
    free(e->key);
    free(e);
  }
}

void eval_free(eval_result *r) {
  if (!r) return;
  for (int i = 0; i < r->ngoals; i++) {
    goal_state *gs = &r->goals[i];
    free_acc(&gs->total);
    part *pt, *t;
    HASH_ITER(hh, gs->parts, pt, t) {
      HASH_DEL(gs->parts, pt);
      free_acc(&pt->a);
      free(pt->key);
      free(pt);
    }
  }
  free(r->goals);
  arena_free(r->a);
  free(r);
}
