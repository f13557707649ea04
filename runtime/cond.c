/* cond.c — the conditions of a pass compiled once: each group's and
 * measure's condition as a flat array of steps, each step with the
 * function that asks it chosen by what its test compares (a column with
 * a whole number, a date or a text; a column against an 'i' list of texts
 * or of whole numbers; 'mellem' two whole numbers or dates), so that a
 * row's truth is found without walking the expression's tree or deciding
 * again, on every row, what its operands are.  Any other part of a
 * condition is one step that asks the tree walker (expr.c) for it.
 *
 * The truth is the tree walker's exactly: a test with a missing value is
 * unknown; 'og' and 'eller' are Kleene's AND and OR, their terms asked
 * left to right up to the first that decides them.  A test step keeps its
 * expression, and a column's value of another kind than the step is made
 * for (a fraction against a whole number) is left to the tree walker.
 * The steps only read the expressions, and each row_ctx has its own: two
 * passes on two threads can share one program.
 *
 * A pass asks its groups' and probes' conditions by handles made once
 * (cond_handle_of: the first step and its function), kept beside the
 * groups and probes in its row_ctx; expr_truth finds a condition's steps
 * by the expression's address, for those who ask without one. */
#include <string.h>

#include "eval_internal.h"

typedef cond_step step;
typedef cond_runner runner;

struct cond_step {
  runner *run;
  unsigned when;     /* comparisons: bit o + 1 set when the order o (-1, 0, 1) of column and literal makes it true */
  bool yes;          /* lists: 'i' (else 'ikke i'); 'mangler' (else 'findes') */
  int slot;          /* the column or group */
  uint32_t size;     /* steps of this one and its terms */
  uint32_t first, n; /* lists: their items, texts[first..] or ints[first..] */
  uint64_t lengths;  /* lists of texts: their lengths, as length_bit; of whole numbers from 0 to 63: the numbers */
  const expr *e;     /* the part or test it stands for */
  value lo, hi;      /* the literal compared with; 'mellem': both ends */
};

typedef struct {
  const char *s;
  size_t len;
} text_item;

typedef struct {
  const expr *key; /* a condition asked, NULL: an empty slot */
  step *s;         /* its steps, in an array of their own */
} root;

struct cond_cache {
  step *steps;        /* a condition's steps while it is compiled */
  size_t nsteps, stepcap;
  text_item *texts;
  size_t ntexts, textcap;
  int64_t *ints;
  size_t nints, intcap;
  const expr **terms; /* an 'og'/'eller' chain's terms while it is compiled */
  size_t nterms, termcap;
  root *roots;        /* the conditions compiled, by expression */
  size_t nroots, rootcap; /* rootcap a power of two, at most a quarter full */
  unsigned shift;     /* 64 - log2(rootcap) */
};

/* ---- running ---- */

static inline truth truth_if(bool t) { return t ? TV_TRUE : TV_FALSE; }
static inline int order(int64_t a, int64_t b) { return (a > b) - (a < b); }
static inline truth compared(const step *s, int o) { return truth_if(s->when >> (o + 1) & 1); }
static inline bool is_int(const value *v) { return v->kind == V_NUM && v->u.n.d == 1; }

/* A test's column holds a value of another kind than its step is made
 * for: missing (unknown), or asked of the tree walker. */
static truth other_kind(row_ctx *r, const step *s, const value *v) {
  return v->kind == V_MISSING ? TV_UNKNOWN : expr_tree_truth(r, s->e);
}

static truth run_tree(row_ctx *r, const step *s) {
  return expr_tree_truth(r, s->e);
}

static truth run_group(row_ctx *r, const step *s) {
  return r->memo[s->slot];
}

static truth run_bool(row_ctx *r, const step *s) {
  return truth_of(r->vals[s->slot]);
}

static truth run_missing(row_ctx *r, const step *s) {
  return truth_if((r->vals[s->slot].kind == V_MISSING) == s->yes);
}

static truth run_cmp_int(row_ctx *r, const step *s) {
  const value *v = &r->vals[s->slot];
  return is_int(v) ? compared(s, order(v->u.n.n, s->lo.u.n.n)) : other_kind(r, s, v);
}

static truth run_cmp_date(row_ctx *r, const step *s) {
  const value *v = &r->vals[s->slot];
  return v->kind == V_DATE ? compared(s, order(v->u.date, s->lo.u.date)) : other_kind(r, s, v);
}

static truth run_eq_text(row_ctx *r, const step *s) {
  const value *v = &r->vals[s->slot];
  if (v->kind != V_TEXT) return other_kind(r, s, v);
  return compared(s, v->u.t.len == s->lo.u.t.len && memcmp(v->u.t.s, s->lo.u.t.s, v->u.t.len) == 0 ? 0 : 1);
}

/* A text's length as a bit of a list's lengths: 63 for any from 63 on. */
static inline uint64_t length_bit(size_t len) { return (uint64_t)1 << (len < 63 ? len : 63); }

/* Apart from run_in_text, whose common path then saves no registers. */
__attribute__((noinline)) static truth in_texts(const cond_cache *c, const step *s, const value *v) {
  for (const text_item *it = c->texts + s->first, *end = it + s->n; it < end; it++)
    if (it->len == v->u.t.len && memcmp(it->s, v->u.t.s, it->len) == 0) return truth_if(s->yes);
  return truth_if(!s->yes);
}

/* A text whose length no item has is in no list; the others are compared
 * with the items of their length. */
static truth run_in_text(row_ctx *r, const step *s) {
  const value *v = &r->vals[s->slot];
  if (v->kind != V_TEXT) return other_kind(r, s, v);
  if (!(s->lengths & length_bit(v->u.t.len))) return truth_if(!s->yes);
  return in_texts(r->conds, s, v);
}

/* A list of whole numbers from 0 to 63: s->lengths holds them as bits. */
static truth run_in_small(row_ctx *r, const step *s) {
  const value *v = &r->vals[s->slot];
  if (!is_int(v)) return other_kind(r, s, v);
  return truth_if(((uint64_t)v->u.n.n < 64 && (s->lengths >> v->u.n.n & 1)) == s->yes);
}

static truth run_in_int(row_ctx *r, const step *s) {
  const value *v = &r->vals[s->slot];
  if (!is_int(v)) return other_kind(r, s, v);
  for (const int64_t *it = r->conds->ints + s->first, *end = it + s->n; it < end; it++)
    if (*it == v->u.n.n) return truth_if(s->yes);
  return truth_if(!s->yes);
}

static truth run_between_int(row_ctx *r, const step *s) {
  const value *v = &r->vals[s->slot];
  return is_int(v) ? truth_if(s->lo.u.n.n <= v->u.n.n && v->u.n.n <= s->hi.u.n.n) : other_kind(r, s, v);
}

static truth run_between_date(row_ctx *r, const step *s) {
  const value *v = &r->vals[s->slot];
  return v->kind == V_DATE ? truth_if(s->lo.u.date <= v->u.date && v->u.date <= s->hi.u.date) : other_kind(r, s, v);
}

/* A chain's terms follow its step, each with the steps of its own. */
static truth run_and(row_ctx *r, const step *s) {
  const step *t = s + 1, *end = s + s->size;
  truth sofar = t->run(r, t);
  for (t += t->size; t < end && sofar != TV_FALSE; t += t->size) sofar = kleene_and(sofar, t->run(r, t));
  return sofar;
}

static truth run_or(row_ctx *r, const step *s) {
  const step *t = s + 1, *end = s + s->size;
  truth sofar = t->run(r, t);
  for (t += t->size; t < end && sofar != TV_TRUE; t += t->size) sofar = kleene_or(sofar, t->run(r, t));
  return sofar;
}

/* A chain of two terms, as most are: no loop. */
static truth run_and2(row_ctx *r, const step *s) {
  const step *t = s + 1, *u = t + t->size;
  truth a = t->run(r, t);
  return a == TV_FALSE ? TV_FALSE : kleene_and(a, u->run(r, u));
}

static truth run_or2(row_ctx *r, const step *s) {
  const step *t = s + 1, *u = t + t->size;
  truth a = t->run(r, t);
  return a == TV_TRUE ? TV_TRUE : kleene_or(a, u->run(r, u));
}

/* ---- compiling ---- */

static step *new_step(cond_cache *c, runner *run, const expr *e) {
  if (c->nsteps == c->stepcap) {
    c->stepcap = c->stepcap ? 2 * c->stepcap : 64;
    c->steps = xrealloc(c->steps, c->stepcap * sizeof *c->steps);
  }
  c->steps[c->nsteps] = (step){.run = run, .size = 1, .e = e};
  return &c->steps[c->nsteps++];
}

static bool is_column(const expr *e) { return e->kind == E_NAME && e->ref == REF_COLUMN; }
static bool is_literal(const expr *e) { return e->kind == E_NUM || e->kind == E_STR || e->kind == E_BOOL || e->kind == E_DATE; }
static bool is_text(const value *v) { return v->kind == V_TEXT; }

/* The orders of column and literal (-1, 0, 1, as bits 0, 1, 2) for which
 * a comparison is true. */
static unsigned when_true(expr_kind k) {
  switch (k) {
  case E_EQ: return 2;
  case E_NE: return 5;
  case E_LT: return 1;
  case E_LE: return 3;
  case E_GT: return 4;
  default: return 6; /* E_GE */
  }
}

/* A column compared with a whole number, a date or (= and <> only) a
 * text; false when e is not that. */
static bool compile_cmp(cond_cache *c, const expr *e) {
  if (!is_column(e->a) || !is_literal(e->b)) return false;
  const value *lit = &e->b->lit;
  bool eq = e->kind == E_EQ || e->kind == E_NE;
  runner *run = is_int(lit) ? run_cmp_int : lit->kind == V_DATE ? run_cmp_date : is_text(lit) && eq ? run_eq_text : NULL;
  if (!run) return false;
  step *s = new_step(c, run, e);
  s->when = when_true(e->kind);
  s->slot = e->a->slot;
  s->lo = *lit;
  return true;
}

static bool all_items(const expr *it, bool (*fits)(const value *)) {
  for (; it; it = it->next)
    if (!is_literal(it) || !fits(&it->lit)) return false;
  return true;
}

static void add_text(cond_cache *c, const value *v) {
  if (c->ntexts == c->textcap) {
    c->textcap = c->textcap ? 2 * c->textcap : 16;
    c->texts = xrealloc(c->texts, c->textcap * sizeof *c->texts);
  }
  c->texts[c->ntexts++] = (text_item){v->u.t.s, v->u.t.len};
}

static void add_int(cond_cache *c, const value *v) {
  if (c->nints == c->intcap) {
    c->intcap = c->intcap ? 2 * c->intcap : 16;
    c->ints = xrealloc(c->ints, c->intcap * sizeof *c->ints);
  }
  c->ints[c->nints++] = v->u.n.n;
}

/* A column against an 'i' list of texts or of whole numbers. */
static bool compile_in(cond_cache *c, const expr *e) {
  if (!is_column(e->a)) return false;
  bool texts = all_items(e->b, is_text);
  if (!texts && !all_items(e->b, is_int)) return false;
  step *s = new_step(c, texts ? run_in_text : run_in_int, e);
  s->yes = e->kind == E_IN;
  s->slot = e->a->slot;
  s->first = (uint32_t)(texts ? c->ntexts : c->nints);
  for (const expr *it = e->b; it; it = it->next, s->n++) {
    if (texts) add_text(c, &it->lit);
    else add_int(c, &it->lit);
    if (texts) s->lengths |= length_bit(it->lit.u.t.len);
  }
  bool small = !texts;
  for (const expr *it = e->b; it && small; it = it->next) small = it->lit.u.n.n >= 0 && it->lit.u.n.n < 64;
  for (const expr *it = e->b; it && small; it = it->next) s->lengths |= (uint64_t)1 << it->lit.u.n.n;
  if (small) s->run = run_in_small;
  return true;
}

static bool compile_between(cond_cache *c, const expr *e) {
  if (!is_column(e->a) || !is_literal(e->b) || !is_literal(e->c)) return false;
  const value *lo = &e->b->lit, *hi = &e->c->lit;
  bool ints = is_int(lo) && is_int(hi);
  if (!ints && (lo->kind != V_DATE || hi->kind != V_DATE)) return false;
  step *s = new_step(c, ints ? run_between_int : run_between_date, e);
  s->slot = e->a->slot;
  s->lo = *lo;
  s->hi = *hi;
  return true;
}

/* A step for one test, or false when it is of a kind left to the tree. */
static bool compile_test(cond_cache *c, const expr *e) {
  switch (e->kind) {
  case E_NAME:
    if (e->ref != REF_GROUP && e->ref != REF_COLUMN) return false;
    new_step(c, e->ref == REF_GROUP ? run_group : run_bool, e)->slot = e->slot;
    return true;
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE:
    return compile_cmp(c, e);
  case E_IN: case E_NOTIN:
    return compile_in(c, e);
  case E_BETWEEN:
    return compile_between(c, e);
  case E_MISSING: case E_PRESENT: {
    if (!is_column(e->a)) return false;
    step *s = new_step(c, run_missing, e);
    s->yes = e->kind == E_MISSING;
    s->slot = e->a->slot;
    return true;
  }
  default:
    return false;
  }
}

static void compile(cond_cache *c, const expr *e);

/* A chain of 'og' (or 'eller'): one step, then its terms in the order
 * the tree walker asks them, the left edge's end first. */
static void compile_chain(cond_cache *c, const expr *e) {
  expr_kind k = e->kind;
  size_t at = c->nsteps;
  new_step(c, k == E_AND ? run_and : run_or, e);
  size_t base = c->nterms;
  for (; e->kind == k; e = e->a) { /* the right-hand terms, last first */
    if (c->nterms == c->termcap) {
      c->termcap = c->termcap ? 2 * c->termcap : 64;
      c->terms = xrealloc(c->terms, c->termcap * sizeof *c->terms);
    }
    c->terms[c->nterms++] = e->b;
  }
  compile(c, e);
  bool two = c->nterms - base == 1;
  while (c->nterms > base) compile(c, c->terms[--c->nterms]);
  c->steps[at].size = (uint32_t)(c->nsteps - at);
  if (two) c->steps[at].run = k == E_AND ? run_and2 : run_or2;
}

/* Recursion only into a term of a chain that is a chain of the other
 * kind: no deeper than the expression (AST_MAX_DEPTH at most). */
static void compile(cond_cache *c, const expr *e) {
  if (e->kind == E_AND || e->kind == E_OR) compile_chain(c, e);
  else if (!compile_test(c, e)) new_step(c, run_tree, e);
}

/* ---- the conditions of a row_ctx ---- */

/* Where e's place in the table is when it is free: the top bits of its
 * address times 2^64 / phi (Fibonacci hashing). */
static inline size_t home_of(const cond_cache *c, const expr *e) {
  return (size_t)((uint64_t)(uintptr_t)e * 0x9E3779B97F4A7C15u >> c->shift);
}

/* e's place in the table, or the free place it takes. */
static size_t slot_of(const cond_cache *c, const expr *e) {
  size_t mask = c->rootcap - 1, i = home_of(c, e);
  while (c->roots[i].key && c->roots[i].key != e) i = (i + 1) & mask;
  return i;
}

static void grow_roots(cond_cache *c) {
  root *old = c->roots;
  size_t cap = c->rootcap;
  c->rootcap = cap ? 2 * cap : 64;
  c->shift = cap ? c->shift - 1 : 64 - 6;
  c->roots = xcalloc(c->rootcap, sizeof *c->roots);
  for (size_t i = 0; i < cap; i++)
    if (old[i].key) c->roots[slot_of(c, old[i].key)] = old[i];
  free(old);
}

void cond_start(row_ctx *r) {
  if (r->conds) return; /* started already: the cache is kept */
  r->conds = xcalloc(1, sizeof *r->conds);
  grow_roots(r->conds);
}

void cond_end(row_ctx *r) {
  cond_cache *c = r->conds;
  if (!c) return;
  for (size_t i = 0; i < c->rootcap; i++) free(c->roots[i].s);
  free(c->steps);
  free(c->texts);
  free(c->ints);
  free(c->terms);
  free(c->roots);
  free(c);
  r->conds = NULL;
}

/* e's steps: found, or compiled the first time it is asked into an array
 * of their own, which stays where it is until cond_end (a handle points
 * into it). */
static const step *steps_of(cond_cache *c, const expr *e) {
  size_t k = slot_of(c, e);
  if (c->roots[k].key) return c->roots[k].s;
  c->nsteps = 0;
  compile(c, e);
  step *s = xmalloc(c->nsteps * sizeof *s);
  memcpy(s, c->steps, c->nsteps * sizeof *s);
  c->roots[k] = (root){e, s};
  if (4 * ++c->nroots > c->rootcap) grow_roots(c);
  return s;
}

/* A condition asked the first time, or one away from its home place in
 * the table. */
__attribute__((noinline)) static truth cond_placed(row_ctx *r, const expr *e) {
  const step *s = steps_of(r->conds, e);
  return s->run(r, s);
}

/* expr_truth's callers that have no handle come here. */
truth expr_truth(row_ctx *r, const expr *e) {
  const cond_cache *c = r->conds;
  if (!c) return expr_tree_truth(r, e);
  const root *home = &c->roots[home_of(c, e)];
  if (home->key != e) return cond_placed(r, e);
  const step *s = home->s;
  return s->run(r, s);
}

cond_handle cond_handle_of(row_ctx *r, const expr *e) {
  if (!e) return (cond_handle){0};
  cond_start(r);
  const step *s = steps_of(r->conds, e);
  return (cond_handle){s->run, s};
}
