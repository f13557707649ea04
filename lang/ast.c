/* ast.c — constructors for the syntax tree, and small shared helpers. */
#include "ast.h"
#include "msg.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"

#define APPEND(head, node)                          \
  do {                                              \
    if (!(head)) {                                  \
      (head) = (node);                              \
    } else {                                        \
      __typeof__(node) t_ = (head);                 \
      while (t_->next) t_ = t_->next;               \
      t_->next = (node);                            \
    }                                               \
  } while (0)

/* Append to a list of the program through a remembered node near its end:
 * nodes are never taken out of a list (imports only move them), so the
 * remembered one is in the list, and walking on from it finds the end
 * without walking a list of 100.000 groups each time. */
#define APPEND_AT(head, hint, node)                 \
  do {                                              \
    if (!(head)) {                                  \
      (head) = (node);                              \
    } else {                                        \
      __typeof__(node) t_ = (hint) ? (hint) : (head); \
      while (t_->next) t_ = t_->next;               \
      t_->next = (node);                            \
    }                                               \
    (hint) = (node);                                \
  } while (0)

bool ast_type_numeric(vtype t) { return t == T_INT || t == T_DEC; }

static const char *const expr_names[] = {
#define X(e, s) s,
    EXPR_LIST(X)
#undef X
};
const char *ast_expr_name(expr_kind k) { return expr_names[k]; }

static const char *const measure_names[] = {
#define X(e, s) s,
    MEASURE_LIST(X)
#undef X
};
const char *ast_measure_name(measure_kind k) { return measure_names[k]; }

static const char *const cmp_names[] = {
#define X(e, s) s,
    CMP_LIST(X)
#undef X
};
const char *ast_cmp_name(cmp_kind k) { return cmp_names[k]; }

const char *ast_role_name(role r) {
  static const char *const names[] = {N_("met"), N_("partly"), N_("not met"), N_("unknown"), "?"};
  return names[r];
}

span ast_span(span a, span b) {
  span s = {a.beg < b.beg ? a.beg : b.beg, a.end > b.end ? a.end : b.end};
  return s;
}

ast_program *ast_new(const char *path) {
  arena *a = arena_new();
  ast_program *p = arena_alloc(a, sizeof *p);
  p->arena = a;
  p->path = arena_strdup(a, path);
  return p;
}

void ast_free(ast_program *p) {
  if (p) arena_free(p->arena);
}

static expr *new_expr(ast_program *p, expr_kind k, span sp) {
  expr *e = arena_alloc(p->arena, sizeof *e);
  e->kind = k;
  e->sp = sp;
  e->slot = -1;
  e->depth = 1;
  return e;
}

expr *ast_num(ast_program *p, const char *raw, span sp) {
  expr *e = new_expr(p, E_NUM, sp);
  e->raw = raw;
  e->lit.kind = V_NUM;
  /* The lexer only hands over digits with one '.' or ',' at most, of which
     an overlong one can still overflow: the checker reports that. */
  /* The documents' style (spec §2.4): a point separates thousands, a
     comma is the decimal sign.  The parser has checked the grouping. */
  if (!ast_number_value(raw, strlen(raw), p->arena, &e->lit.u.n)) e->lit.kind = V_MISSING;
  e->type = strchr(raw, ',') ? T_DEC : T_INT;
  return e;
}

expr *ast_str(ast_program *p, const char *text, span sp) {
  expr *e = new_expr(p, E_STR, sp);
  e->lit.kind = V_TEXT;
  e->lit.u.t.s = text;
  e->lit.u.t.len = strlen(text);
  e->raw = text;
  e->type = T_TEXT;
  return e;
}

expr *ast_bool(ast_program *p, bool b, span sp) {
  expr *e = new_expr(p, E_BOOL, sp);
  e->lit.kind = V_BOOL;
  e->lit.u.b = b;
  e->type = T_BOOL;
  return e;
}

expr *ast_date(ast_program *p, const char *raw, span sp) {
  expr *e = new_expr(p, E_DATE, sp);
  e->raw = raw;
  e->lit.kind = cal_parse_date(raw, strlen(raw), &e->lit.u.date) ? V_DATE : V_MISSING;
  e->type = T_DATE;
  return e;
}

/* A month or quarter literal; a month that is not in the calendar (2009-13)
 * is missing, and the checker says so. */
expr *ast_month(ast_program *p, const char *raw, span sp) {
  expr *e = new_expr(p, E_MONTH, sp);
  e->raw = raw;
  e->lit.kind = cal_parse_month(raw, strlen(raw), &e->lit.u.month) ? V_MONTH : V_MISSING;
  e->type = T_MONTH;
  return e;
}

expr *ast_quarter(ast_program *p, const char *raw, span sp) {
  expr *e = new_expr(p, E_QUARTER, sp);
  e->raw = raw;
  e->lit.kind = cal_parse_quarter(raw, strlen(raw), &e->lit.u.quarter) ? V_QUARTER : V_MISSING;
  if (e->lit.kind == V_QUARTER) { /* 2009k1 is the period 2009K1 */
    char canon[7];
    cal_format_quarter(e->lit.u.quarter, canon);
    e->raw = arena_strdup(p->arena, canon);
  }
  e->type = T_QUARTER;
  return e;
}

expr *ast_name(ast_program *p, const char *name, span sp) {
  expr *e = new_expr(p, E_NAME, sp);
  e->name = name;
  return e;
}

expr *ast_op(ast_program *p, expr_kind k, expr *a, expr *b, expr *c, span sp) {
  expr *e = new_expr(p, k, sp);
  e->a = a;
  e->b = b;
  e->c = c;
  /* depth bottom-up, so the limit is checked without a recursion */
  uint32_t d = 0;
  if (a && a->depth > d) d = a->depth;
  if (b && b->depth > d) d = b->depth;
  if (c && c->depth > d) d = c->depth;
  for (expr *x = b ? b->next : NULL; x && (k == E_IN || k == E_NOTIN); x = x->next)
    if (x->depth > d) d = x->depth;
  e->depth = d + 1;
  return e;
}

const char *ast_soft_name(ast_program *p, const char *name, span sp) {
  if (p->nsoft == p->softcap) {
    size_t cap = p->softcap ? p->softcap * 2 : 16;
    uint32_t *v = arena_alloc(p->arena, cap * sizeof *v);
    if (p->nsoft) memcpy(v, p->soft_names, p->nsoft * sizeof *v);
    p->soft_names = v;
    p->softcap = cap;
  }
  p->soft_names[p->nsoft++] = sp.beg;
  return name;
}

expr *ast_list_add(expr *list, expr *item) {
  if (!list) return item;
  expr *t = list;
  while (t->next) t = t->next;
  t->next = item;
  return list;
}

void ast_agreement(ast_program *p, const char *title, span title_sp) {
  p->nagreement++;
  if (p->nagreement == 1) {
    p->title = title;
    p->title_sp = title_sp;
  } else if (p->nagreement == 2) {
    p->second_title_sp = title_sp;
  }
  p->pending_periods = 0; /* the next line's periods are its own */
}

void ast_agreement_period(ast_program *p, expr *period) {
  if (!p->period) p->period = period;
  if (++p->pending_periods == 2 && !p->period_twice) {
    p->period_twice = true;
    p->period_twice_sp = period->sp;
  }
}

column_decl *ast_column(ast_program *p, const char *name, span sp, vtype t, const char *unit,
                        span unit_sp) {
  column_decl *c = arena_alloc(p->arena, sizeof *c);
  c->name = name;
  c->sp = sp;
  c->type = t;
  c->unit = unit;
  c->unit_sp = unit_sp;
  return c;
}

column_decl *ast_column_add(column_decl *list, column_decl *c) {
  if (!list) return c;
  column_decl *t = list;
  while (t->next) t = t->next;
  t->next = c;
  return list;
}

data_opt *ast_data_opt(ast_program *p, data_opt_kind k, span sp, const char *text, expr *items) {
  data_opt *o = arena_alloc(p->arena, sizeof *o);
  o->kind = k;
  o->sp = sp;
  o->text = text;
  o->items = items;
  return o;
}

data_opt *ast_data_opt_add(data_opt *list, data_opt *o) {
  if (!list) return o;
  data_opt *t = list;
  while (t->next) t = t->next;
  t->next = o;
  return list;
}



void ast_data(ast_program *p, const char *name, span sp, const char *path, span path_sp,
              data_opt *opts, column_decl *cols, bool declared) {
  data_decl *d = arena_alloc(p->arena, sizeof *d);
  d->name = name;
  d->sp = sp;
  d->path = path;
  d->path_sp = path_sp;
  d->opts = opts;
  d->cols = cols;
  d->cols_declared = declared;
  d->dir = p->dir;
  APPEND_AT(p->data, p->data_hint, d);
}

void ast_param(ast_program *p, const char *name, span sp, vtype t, span type_sp, expr *init) {
  param_decl *d = arena_alloc(p->arena, sizeof *d);
  d->name = name;
  d->sp = sp;
  d->type = t;
  d->type_sp = type_sp;
  d->init = init;
  APPEND_AT(p->params, p->params_hint, d);
}

void ast_group(ast_program *p, const char *name, span sp, const char *base, span base_sp,
               expr *where) {
  group_decl *g = arena_alloc(p->arena, sizeof *g);
  g->name = name;
  g->sp = sp;
  g->base = base;
  g->base_sp = base_sp;
  g->where = where;
  APPEND_AT(p->groups, p->groups_hint, g);
}

level *ast_level(ast_program *p, role r, span sp, const char *label, expr *from, expr *below) {
  level *l = arena_alloc(p->arena, sizeof *l);
  l->r = r;
  l->sp = sp;
  l->label = label;
  l->from = from;
  l->below = below;
  return l;
}

level *ast_level_add(level *list, level *l) {
  if (!list) return l;
  APPEND(list, l);
  return list;
}

void ast_scheme(ast_program *p, const char *name, span sp, level *levels) {
  scheme_decl *s = arena_alloc(p->arena, sizeof *s);
  s->name = name;
  s->sp = sp;
  s->levels = levels;
  APPEND_AT(p->schemes, p->schemes_hint, s);
}

measure *ast_measure(ast_program *p, measure_kind k, span sp, const char *column, span col_sp,
                     const char *group, span group_sp, expr *where) {
  measure *m = arena_alloc(p->arena, sizeof *m);
  m->kind = k;
  m->sp = sp;
  m->column = column;
  m->col_sp = col_sp;
  m->group = group;
  m->group_sp = group_sp;
  m->where = where;
  m->col = -1;
  m->over_col = -1;
  m->num_c = m->den_c = -1;
  return m;
}

measure *ast_ratio(ast_program *p, span sp, const char *num_col, span num_sp, const char *den_col, span den_sp,
                   const char *group, span group_sp, expr *where) {
  measure *m = ast_measure(p, M_RATIO, sp, NULL, sp, group, group_sp, where);
  m->num_col = num_col;
  m->num_sp = num_sp;
  m->den_col = den_col;
  m->den_sp = den_sp;
  return m;
}

measure *ast_measure_as(measure *m, const char *unit, span sp) {
  m->as_unit = unit;
  m->as_sp = sp;
  m->sp = ast_span(m->sp, sp);
  return m;
}

measure *ast_indicator(ast_program *p, span sp, const char *name, expr *period, const char *source,
                       span source_sp) {
  measure *m = ast_measure(p, M_INDICATOR, sp, NULL, sp, source, source_sp, NULL);
  m->indicator = name;
  m->period = period;
  return m;
}

measure *ast_measure_over(measure *m, const char *col, span sp) {
  m->over = col;
  m->over_sp = sp;
  return m;
}

target *ast_target_in(target *t, expr *period) {
  t->period = period;
  return t;
}

expr *ast_duration(ast_program *p, expr *n, int unit, span sp) {
  expr *e = new_expr(p, E_DURATION, sp);
  e->a = n;
  e->slot = unit;
  e->type = T_DUR;
  return e;
}

void ast_import(ast_program *p, const char *path, span sp) {
  import_decl *d = arena_alloc(p->arena, sizeof *d);
  d->path = path;
  d->sp = sp;
  d->dir = p->dir;
#define LAST(list, out)                                    \
  for (__typeof__(list) x_ = (list); x_; x_ = x_->next)    \
    if (!x_->next) (out) = x_;
  LAST(p->data, d->data_at);
  LAST(p->params, d->param_at);
  LAST(p->groups, d->group_at);
  LAST(p->schemes, d->scheme_at);
#undef LAST
  APPEND(p->imports, d);
}

test_item *ast_test_item(ast_program *p, test_item_kind k, span sp, const char *name, const char *text, expr *e,
                         role r) {
  test_item *it = arena_alloc(p->arena, sizeof *it);
  it->kind = k;
  it->sp = sp;
  it->name = name;
  it->text = text;
  it->e = e;
  it->r = r;
  return it;
}

test_item *ast_test_item_add(test_item *list, test_item *it) {
  if (!it) return list;
  if (!list) return it;
  APPEND(list, it);
  return list;
}

void ast_test(ast_program *p, const char *name, span sp, test_item *items) {
  test_decl *t = arena_alloc(p->arena, sizeof *t);
  t->name = name;
  t->sp = sp;
  t->items = items;
  t->dir = p->dir;
  APPEND_AT(p->tests, p->tests_hint, t);
}

goal_item *ast_baseline_value(ast_program *p, span sp, expr *e, const char *unit) {
  goal_item *it = ast_goal_item(p, GI_BASELINE, sp, NULL, unit, sp, ROLE_MET);
  it->e = e;
  return it;
}

goal_item *ast_weight_item(ast_program *p, span sp, expr *e) {
  goal_item *it = ast_goal_item(p, GI_WEIGHT, sp, NULL, NULL, e->sp, ROLE_MET);
  it->e = e;
  return it;
}

target *ast_target(ast_program *p, cmp_kind c, span sp, expr *val, expr *high, const char *unit,
                   span unit_sp, expr *tolerance) {
  target *t = arena_alloc(p->arena, sizeof *t);
  t->cmp = c;
  t->sp = sp;
  t->value = val;
  t->high = high;
  t->unit = unit;
  t->unit_sp = unit_sp;
  t->tolerance = tolerance;
  return t;
}

goal_item *ast_goal_item(ast_program *p, goal_item_kind k, span sp, void *payload,
                         const char *text, span text_sp, role r) {
  goal_item *it = arena_alloc(p->arena, sizeof *it);
  it->kind = k;
  it->sp = sp;
  it->text = text;
  it->text_sp = text_sp;
  it->r = r;
  if (k == GI_MEASURE) it->m = payload;
  if (k == GI_TARGET) it->t = payload;
  if (k == GI_SCHEME || k == GI_BY || k == GI_ASSESSED) it->name = text;
  if (k == GI_BASELINE) it->m = payload;
  return it;
}

band *ast_band(ast_program *p, span sp, const char *label, const char *lo, const char *hi) {
  band *b = arena_alloc(p->arena, sizeof *b);
  b->sp = sp;
  b->label = label;
  b->lo_raw = lo;
  b->hi_raw = hi;
  b->lo_open = !lo;
  b->hi_open = !hi;
  return b;
}

/* A range's end as a band's end: the number as written, with its sign
 * ("-5"); NULL when it is no number written out (bands.c says so). */
static const char *band_end_raw(ast_program *p, const expr *e) {
  if (!e) return NULL;
  if (e->kind == E_NUM) return e->raw;
  if (e->kind == E_NEG && e->a && e->a->kind == E_NUM) return arena_printf(p->arena, "-%s", e->a->raw);
  return NULL;
}

band *ast_band_range(ast_program *p, span sp, const range_lit *r) {
  band *b = ast_band(p, sp, NULL, band_end_raw(p, r->lo), band_end_raw(p, r->hi));
  b->ranged = true;
  b->lo_open = r->lo_open || !r->lo;
  b->hi_open = r->hi_open || !r->hi;
  b->lo_e = r->lo;
  b->hi_e = r->hi;
  return b;
}

band *ast_band_add(band *list, band *b) {
  if (!list) return b;
  APPEND(list, b);
  return list;
}

by_dim *ast_by_dim(ast_program *p, span sp, by_fn fn, const char *column, span col_sp, band *bands) {
  by_dim *d = arena_alloc(p->arena, sizeof *d);
  d->sp = sp;
  d->fn = fn;
  d->column = column;
  d->col_sp = col_sp;
  d->bands = bands;
  d->col = -1;
  d->def = d;
  return d;
}

by_dim *ast_by_dim_add(by_dim *list, by_dim *d) {
  if (!list) return d;
  APPEND(list, d);
  return list;
}

goal_item *ast_goal_by(ast_program *p, span sp, by_dim *dims) {
  goal_item *it = ast_goal_item(p, GI_BY, sp, NULL, dims->column, dims->col_sp, ROLE_MET);
  it->by = dims;
  return it;
}

void ast_banding(ast_program *p, const char *name, span sp, by_dim *dim) {
  banding_decl *b = arena_alloc(p->arena, sizeof *b);
  b->name = name;
  b->sp = sp;
  b->dim = dim;
  APPEND(p->bandings, b);
}

goal_item *ast_goal_item_add(goal_item *list, goal_item *it) {
  if (!it) return list;
  if (!list) return it;
  APPEND(list, it);
  return list;
}

goal *ast_goal(ast_program *p, const char *label, span label_sp, const char *title, span sp,
               goal_item *items) {
  goal *g = arena_alloc(p->arena, sizeof *g);
  g->label = label;
  g->label_sp = label_sp;
  g->title = title;
  g->sp = sp;
  g->items = items;
  g->by_col = -1;
  return g;
}

initiative *ast_init_new(ast_program *p) {
  initiative *in = arena_alloc(p->arena, sizeof *in);
  in->rule.agg = AGG_ALL;
  return in;
}

initiative *ast_init_goal(initiative *in, goal *g) {
  if (g) APPEND(in->goals, g);
  return in;
}

/* Several comment or result clauses are joined with a line break. */
static const char *join(ast_program *p, const char *old, const char *text) {
  return old ? arena_printf(p->arena, "%s\n%s", old, text) : text;
}

initiative *ast_init_text(ast_program *p, initiative *in, init_item_kind k, const char *text) {
  if (k == II_COMMENT) {
    in->comment = join(p, in->comment, text);
    in->ncomment++;
  } else {
    in->result = join(p, in->result, text);
    in->nresult++;
  }
  return in;
}

/* 'kilde "…"' of an initiative; a second one is the checker's error. */
initiative *ast_init_source(initiative *in, const char *text, span sp) {
  in->source_ref = text;
  in->source_sp = sp;
  in->nsource++;
  return in;
}

status_rule *ast_rule(ast_program *p, agg_kind k, span sp) {
  status_rule *r = arena_alloc(p->arena, sizeof *r);
  r->agg = k;
  r->sp = sp;
  return r;
}

status_rule *ast_rule_goal(ast_program *p, const char *label, span sp) {
  status_rule *r = ast_rule(p, AGG_GOAL, sp);
  return ast_rule_goal_add(p, r, label, sp);
}

status_rule *ast_rule_goal_add(ast_program *p, status_rule *r, const char *label, span sp) {
  const char **goals = arena_alloc(p->arena, (size_t)(r->ngoals + 1) * sizeof *goals);
  span *sps = arena_alloc(p->arena, (size_t)(r->ngoals + 1) * sizeof *sps);
  for (int i = 0; i < r->ngoals; i++) {
    goals[i] = r->goals[i];
    sps[i] = r->goal_sps[i];
  }
  goals[r->ngoals] = label;
  sps[r->ngoals] = sp;
  r->goals = goals;
  r->goal_sps = sps;
  if (r->ngoals++) r->sp.end = sp.end;
  return r;
}

status_rule *ast_rule_manual(ast_program *p, role rl, const char *reason, span sp) {
  status_rule *r = ast_rule(p, AGG_MANUAL, sp);
  r->manual_role = rl;
  r->manual_reason = reason;
  return r;
}

/* K and N are whole numbers as the lexer read them; the checker reports
   what is out of range (a number too long for an int is read as -1). */
static int small_int(const char *s) {
  long v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || v > 1000000) return -1;
    v = v * 10 + (*s - '0');
  }
  return (int)v;
}

status_rule *ast_rule_atleast(ast_program *p, const char *k, span k_sp, const char *n, span n_sp, rule_unit u,
                              span u_sp, span sp) {
  status_rule *r = ast_rule(p, AGG_ATLEAST, sp);
  r->k = small_int(k);
  r->n = small_int(n);
  r->k_text = k;
  r->n_text = n;
  r->k_sp = k_sp;
  r->n_sp = n_sp;
  r->unit = u;
  r->unit_sp = u_sp;
  return r;
}

status_rule *ast_rule_scheme(status_rule *r, const char *scheme, span scheme_sp, span sp) {
  r->scheme = scheme;
  r->scheme_sp = scheme_sp;
  r->sp = sp;
  return r;
}

const char *ast_rule_words(const status_rule *r, bool en, char *out, size_t cap) {
  static const char *const units[][2] = {{"mål", "goals"}, {"indsatser", "initiatives"}, {"indsatsområder", "areas"}};
  static const char *const roles[][2] = {{"opfyldt", "met"}, {"delvist", "partly"}, {"ikke opfyldt", "not met"},
                                         {"uopgjort", "unknown"}};
  switch (r->agg) {
  case AGG_ALL: snprintf(out, cap, "%s", en ? "all" : "alle"); break;
  case AGG_WORST: snprintf(out, cap, "%s", en ? "worst" : "ringeste"); break;
  case AGG_ANY: snprintf(out, cap, "%s", en ? "any" : "nogen"); break;
  case AGG_GOAL: { /* 'mål a', 'mål a og b', 'mål a, b og c'; English 'goal a', 'goals a and b' */
    size_t at = (size_t)snprintf(out, cap, "%s", en ? (r->ngoals > 1 ? "goals" : "goal") : "mål");
    for (int i = 0; i < r->ngoals && at < cap; i++) {
      const char *sep = i == 0 ? " " : i == r->ngoals - 1 ? (en ? " and " : " og ") : ", ";
      at += (size_t)snprintf(out + at, cap - at, "%s%s", sep, r->goals[i]);
    }
    break;
  }
  case AGG_MANUAL: snprintf(out, cap, "%s \"%s\"", roles[r->manual_role][en], r->manual_reason); break;
  case AGG_ATLEAST:
    snprintf(out, cap, en ? "at least %d of %d %s met" : "mindst %d af %d %s opfyldt", r->k, r->n, units[r->unit][en]);
    break;
  case AGG_WEIGHTED:
    if (r->scheme) snprintf(out, cap, en ? "weighted by scheme %s" : "vægtet med statusskema %s", r->scheme);
    else snprintf(out, cap, "%s", en ? "weighted" : "vægtet");
    break;
  }
  return out;
}

/* The first rule counts; a second is reported at its place by the checker. */
void ast_rule_set(status_rule *into, const status_rule *r) {
  if (!r) return;
  if (into->count == 0) {
    *into = *r;
    into->count = 1;
  } else {
    into->count++;
    into->sp = r->sp; /* where the checker points: the second rule */
  }
}

void ast_weight_set(weight_decl *into, expr *e, span sp) {
  if (into->count++ == 0) into->e = e;
  into->sp = sp;
}

initiative *ast_init_status(initiative *in, const status_rule *r) {
  ast_rule_set(&in->rule, r);
  return in;
}

initiative *ast_init_weight(initiative *in, expr *e, span sp) {
  ast_weight_set(&in->weight, e, sp);
  return in;
}

area *ast_area_status(area *a, const status_rule *r) {
  ast_rule_set(&a->rule, r);
  return a;
}

area *ast_area_weight(area *a, expr *e, span sp) {
  ast_weight_set(&a->weight, e, sp);
  return a;
}

initiative *ast_init_finish(initiative *in, const char *number, span number_sp, const char *title,
                            span sp) {
  in->number = number;
  in->number_sp = number_sp;
  in->title = title;
  in->sp = sp;
  return in;
}

area *ast_area_new(ast_program *p) { return arena_alloc(p->arena, sizeof(area)); }

area *ast_area_init(area *a, initiative *in) {
  if (in) APPEND(a->inits, in);
  return a;
}

area *ast_area_comment(ast_program *p, area *a, const char *text) {
  a->comment = join(p, a->comment, text);
  return a;
}

void ast_area_finish(ast_program *p, area *a, const char *number, span number_sp,
                     const char *title, span sp) {
  a->number = number;
  a->number_sp = number_sp;
  a->title = title;
  a->sp = sp;
  APPEND_AT(p->areas, p->areas_hint, a);
}

/* Join dir and a relative path and fold "x/.." and "." away, so messages
 * show examples/data/b.csv rather than rules/../examples/data/b.csv. */
const char *ast_join_path(arena *a, const char *dir, const char *rel) {
  char *all = rel[0] == '/' ? arena_strdup(a, rel) : arena_printf(a, "%s/%s", dir, rel);
  bool absolute = all[0] == '/';
  const char *parts[256];
  size_t n = 0;
  for (char *save = NULL, *tok = strtok_r(all, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
    if (!strcmp(tok, ".")) continue;
    if (!strcmp(tok, "..") && n > 0 && strcmp(parts[n - 1], "..") != 0) {
      n--;
      continue;
    }
    if (n == sizeof parts / sizeof parts[0]) return arena_printf(a, "%s/%s", dir, rel);
    parts[n++] = tok;
  }
  buf b = {0};
  if (absolute) buf_addc(&b, '/');
  for (size_t i = 0; i < n; i++) {
    if (i) buf_addc(&b, '/');
    buf_adds(&b, parts[i]);
  }
  if (n == 0 && !absolute) buf_addc(&b, '.');
  const char *r = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return r;
}

/* ---- units ---- */

const char *ast_unit_canonical(const char *w) {
  static const char *const alias[][2] = {
      {"pct", "pct"},         {"pct.", "pct"},       {"%", "pct"},
      {"procent", "pct"},     {"percent", "pct"},    {"pp", "pct points"},
      {"procentpoint", "pct points"},                {"pct points", "pct points"},
      {"persons", "persons"}, {"person", "persons"}, {"personer", "persons"},
      {"borgere", "persons"}, {"days", "days"},      {"day", "days"},
      {"dage", "days"},       {"dag", "days"},       {"kr", "kr"},
      {"kr.", "kr"},          {"kroner", "kr"},      {"dkk", "kr"},
      {"months", "months"},   {"month", "months"},   {"måneder", "months"},
      {"måned", "months"},    {"mdr", "months"},     {"mdr.", "months"},
  };
  for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
    if (strcmp(alias[i][0], w) == 0) return alias[i][1];
  return w;
}

/* The words of the units ast_unit_canonical knows, for messages and for
 * the Danish texts of maal diff and maal doc: one of them and many, in
 * English and in Danish, as a rule file would write them. */
static const struct {
  const char *unit, *en_one, *da_one, *da_many;
} unit_words[] = {
    {"pct", "pct", "pct", "pct"},
    {"pct points", "pct point", "procentpoint", "procentpoint"},
    {"persons", "person", "person", "personer"},
    {"days", "day", "dag", "dage"},
    {"kr", "kr", "kr.", "kr."},
    {"months", "month", "måned", "måneder"},
    {"weeks", "week", "uge", "uger"},
    {"years", "year", "år", "år"},
};

const char *ast_unit_word(const char *unit, bool danish, bool one) {
  if (!unit) return NULL;
  for (size_t i = 0; i < sizeof unit_words / sizeof unit_words[0]; i++)
    if (!strcmp(unit_words[i].unit, unit))
      return danish ? (one ? unit_words[i].da_one : unit_words[i].da_many) : (one ? unit_words[i].en_one : unit);
  return unit;
}

/* Whether raw is digits with points between groups of exactly three
 * (the first group 1-3 digits, not 0...), then at most one decimal comma. */
static bool well_grouped(const char *raw, size_t n, size_t *intlen) {
  const char *comma = memchr(raw, ',', n);
  size_t il = comma ? (size_t)(comma - raw) : n;
  *intlen = il;
  if (il == 0) return false;
  for (size_t i = il + (comma != NULL); i < n; i++)
    if (raw[i] < '0' || raw[i] > '9') return false;
  const char *point = memchr(raw, '.', il);
  if (!point) {
    for (size_t i = 0; i < il; i++)
      if (raw[i] < '0' || raw[i] > '9') return false;
    return true;
  }
  size_t first = (size_t)(point - raw);
  if (first < 1 || first > 3 || raw[0] == '0') return false;
  for (size_t i = 0; i < first; i++)
    if (raw[i] < '0' || raw[i] > '9') return false;
  for (size_t i = first; i < il; i += 4) {
    if (raw[i] != '.' || i + 4 > il) return false;
    for (size_t k = 1; k <= 3; k++)
      if (raw[i + k] < '0' || raw[i + k] > '9') return false;
  }
  return true;
}

ast_num_style ast_number_style(const char *raw, size_t n) {
  size_t il;
  if (!well_grouped(raw, n, &il)) {
    size_t points = 0, digits = 0;
    for (size_t i = 0; i < n; i++) {
      if (raw[i] == '.') points++;
      else if (raw[i] >= '0' && raw[i] <= '9') digits++;
    }
    return points == 1 && points + digits == n ? AST_NUM_POINT_DECIMAL : AST_NUM_BAD_GROUPS;
  }
  if (il < n && il >= 1 && il <= 3 && raw[0] != '0' && n - il - 1 == 3 && !memchr(raw, '.', il))
    return AST_NUM_TWO_READINGS;
  return AST_NUM_OK;
}

const char *ast_number_problem(const char *raw) {
  switch (ast_number_style(raw, strlen(raw))) {
  case AST_NUM_POINT_DECIMAL: return M("a decimal is written with a comma, not a point (5,5)");
  case AST_NUM_BAD_GROUPS:
    return M("not a number: a point separates groups of three digits (26.898.526), a comma comes before the decimals (5,5)");
  case AST_NUM_TWO_READINGS:
    return M("it can be read two ways: a comma before decimals, or between thousands; write 2,5 or 2.500");
  case AST_NUM_OK: break;
  }
  return NULL;
}

bool ast_number_value(const char *raw, size_t n, arena *a, num *out) {
  char *digits = arena_alloc(a, n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (raw[i] != '.') digits[k++] = raw[i];
  digits[k] = '\0';
  return num_parse(digits, k, ',', out);
}

void ast_number_text(const char *raw, size_t n, bool trim, buf *out) {
  size_t il;
  if (!well_grouped(raw, n, &il)) {
    buf_add(out, raw, n);
    return;
  }
  char digits[32];
  size_t nd = 0;
  for (size_t i = 0; i < il; i++)
    if (raw[i] != '.') {
      if (nd == sizeof digits) { /* too long to be a number: the checker says so */
        buf_add(out, raw, n);
        return;
      }
      digits[nd++] = raw[i];
    }
  size_t lead = 0; /* 07500 is 7.500: a group never starts with 0 (spec §2.4) */
  while (nd - lead > 1 && digits[lead] == '0') lead++;
  if (nd < 5) {
    buf_add(out, raw, il);
  } else if (lead > 0 && nd - lead < 5) {
    buf_add(out, digits + lead, nd - lead);
  } else {
    for (size_t i = lead; i < nd; i++) {
      if (i > lead && (nd - i) % 3 == 0) buf_addc(out, '.');
      buf_addc(out, digits[i]);
    }
  }
  size_t end = n;
  if (trim && il < n) {
    while (end > il + 1 && raw[end - 1] == '0') end--;
    if (end == il + 1) end = il; /* "5,0" is 5 */
  }
  buf_add(out, raw + il, end - il);
}

/* ---- keys, references and related rows (spec §4.6, §5.9, §5.10) ---- */

static rel_expr *new_rel(ast_program *p) {
  rel_expr *x = arena_alloc(p->arena, sizeof *x);
  memset(x, 0, sizeof *x);
  x->ref_col = x->link_col = x->field_pos = x->index = -1;
  return x;
}

/* A whole number written in a window or a count ("3", "36"); a number
 * too long to be one gives -1, which the checker reports. */
static int64_t small_count(const char *s) {
  if (!s) return 1;
  int64_t v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || v > 100000000) return -1;
    v = v * 10 + (*s - '0');
  }
  return v;
}

expr *ast_field(ast_program *p, const char *text, span sp) {
  expr *e = new_expr(p, E_FIELD, sp);
  const char *dot = strchr(text, '.');
  e->rel = new_rel(p);
  e->rel->via = arena_strndup(p->arena, text, (size_t)(dot - text));
  e->rel->field = arena_strdup(p->arena, dot + 1);
  e->name = text;
  e->depth = 1;
  return e;
}

rel_expr *ast_window(ast_program *p, window_kind w, bool before, const char *k, const char *months, bool days,
                     span sp) {
  rel_expr *x = new_rel(p);
  x->w = w;
  x->before = before;
  x->k = small_count(k);
  x->months = small_count(months);
  x->days = days;
  x->w_sp = sp;
  return x;
}

expr *ast_has(ast_program *p, span sp, bool at_most, const char *n, const char *name, span name_sp,
              rel_expr *window, expr *anchor, expr *where, bool bracketed) {
  expr *e = new_expr(p, E_HAS, sp);
  rel_expr *x = window ? window : new_rel(p);
  x->at_most = at_most;
  x->n = small_count(n);
  x->name = name;
  x->name_sp = name_sp;
  x->where = where;
  x->bracketed = bracketed;
  e->rel = x;
  e->a = anchor;
  e->depth = (anchor ? anchor->depth : 0) + 1;
  if (where && where->depth + 1 > e->depth) e->depth = where->depth + 1;
  return e;
}

/* ---- ranges and the new target forms (spec §8.1, §8.2, §8.8, §9.1) ---- */

target *ast_target_from(target *t, expr *period) {
  t->period = period;
  t->from_period = true;
  return t;
}

range_lit *ast_range(ast_program *p, span sp, bool lo_open, expr *lo, expr *hi, bool hi_open) {
  range_lit *r = arena_alloc(p->arena, sizeof *r);
  r->sp = sp;
  r->lo = lo;
  r->hi = hi;
  r->lo_open = lo_open;
  r->hi_open = hi_open;
  return r;
}

target *ast_target_range(ast_program *p, span sp, const range_lit *r, const char *unit, span unit_sp) {
  target *t = ast_target(p, C_RANGE, sp, r->lo, r->hi, unit, unit_sp, NULL);
  t->lo_open = r->lo_open;
  t->hi_open = r->hi_open;
  return t;
}

target *ast_target_side(target *t, about_side side, span sp) {
  t->side = side;
  t->side_sp = sp;
  return t;
}

level *ast_level_range(ast_program *p, role r, span sp, const char *label, const range_lit *rg) {
  level *l = ast_level(p, r, sp, label, rg->lo, rg->hi);
  l->from_open = rg->lo_open;
  l->below_closed = rg->hi && !rg->hi_open;
  return l;
}

const char *ast_target_comparator(const target *t) {
  if (t->cmp == C_RANGE) {
    static const char *const kinds[] = {"range [..]", "range [..)", "range (..]", "range (..)"};
    return kinds[(t->lo_open ? 2 : 0) + (t->hi_open ? 1 : 0)];
  }
  if (t->cmp == C_ABOUT) {
    about_side s = t->side_eff != SIDE_DEFAULT ? t->side_eff : t->side;
    return s == SIDE_MORE ? "about or more" : s == SIDE_FEWER ? "about or fewer" : s == SIDE_LESS ? "about or less" : "about";
  }
  return ast_cmp_name(t->cmp);
}

void ast_target_words(const target *t, const char *lo, const char *hi, const char *tol, const char *unit, bool en,
                      buf *out) {
  bool lo_open = t->lo_open, hi_open = t->hi_open;
  cmp_kind k = t->cmp;
  if (k == C_RANGE && lo && hi && !lo_open && !hi_open) k = C_BETWEEN; /* [L..H] is 'mellem L og H' */
  else if (k == C_RANGE && lo && !hi) k = lo_open ? C_OVER : C_AT_LEAST, hi = NULL;
  else if (k == C_RANGE && hi && !lo) k = hi_open ? C_UNDER : C_AT_MOST, lo = hi;
  switch (k) {
  case C_AT_LEAST: buf_printf(out, "%s %s", en ? "at least" : "mindst", lo); break;
  case C_AT_MOST: buf_printf(out, "%s %s", en ? "at most" : "højst", lo); break;
  case C_OVER: buf_printf(out, "%s %s", en ? "above" : "over", lo); break;
  case C_UNDER: buf_printf(out, "%s %s", en ? "below" : "under", lo); break;
  case C_EXACTLY: buf_printf(out, "%s %s", en ? "exactly" : "præcis", lo); break;
  case C_BETWEEN: buf_printf(out, "%s %s %s %s", en ? "between" : "mellem", lo, en ? "and" : "og", hi); break;
  case C_RANGE: buf_printf(out, "%c%s..%s%c", lo_open ? '(' : '[', lo ? lo : "", hi ? hi : "", hi_open ? ')' : ']'); break;
  case C_ABOUT: buf_printf(out, "%s %s", en ? "about" : "ca.", lo); break;
  case C_REDUCE: buf_printf(out, "%s %s", en ? "reduce by" : "nedbringes med", lo); break;
  case C_INCREASE: buf_printf(out, "%s %s", en ? "increase by" : "øges med", lo); break;
  case C_MAINTAIN: buf_adds(out, en ? "maintain" : "fasthold"); break;
  case C_BY: buf_printf(out, "%s %s", en ? "by" : "senest", lo); break;
  }
  if (unit) buf_printf(out, " %s", unit);
  if (k == C_ABOUT) {
    about_side s = t->side_eff != SIDE_DEFAULT ? t->side_eff : t->side;
    static const char *const da[] = {"", " til begge sider", " eller flere", " eller færre", " eller mindre"};
    static const char *const eng[] = {"", " either way", " or more", " or fewer", " or less"};
    buf_adds(out, en ? eng[s] : da[s]);
    if (tol) buf_printf(out, " tolerance %s pct", tol);
  }
}

/* ---- checks of the extract (spec §4.7) ---- */

check_item *ast_check_item(ast_program *p, check_kind k, span sp, expr *cols, expr *cond, range_lit *range,
                           bool at_most, expr *count) {
  check_item *it = arena_alloc(p->arena, sizeof *it);
  it->kind = k;
  it->sp = sp;
  it->cols = cols;
  it->cond = cond;
  it->range = range;
  it->at_most = at_most;
  it->count = count;
  return it;
}

check_item *ast_check_add(check_item *list, check_item *it) {
  if (!it) return list;
  if (!list) return it;
  check_item *t = list;
  while (t->next) t = t->next;
  t->next = it;
  return list;
}

void ast_checks(ast_program *p, const char *source, span source_sp, check_item *items) {
  check_decl *c = arena_alloc(p->arena, sizeof *c);
  c->source = source;
  c->source_sp = source_sp;
  c->items = items;
  APPEND_AT(p->checks, p->checks_hint, c);
}

/* ---- declarations by name ---- */

static bool named(const char *name, const char *w, size_t n) { return name && strlen(name) == n && !memcmp(name, w, n); }

#define FIND_BY_NAME(fn, type, list)                                      \
  type *fn(const ast_program *p, const char *name, size_t n) {            \
    for (type *x = p->list; x; x = x->next)                               \
      if (named(x->name, name, n)) return x;                              \
    return NULL;                                                          \
  }
FIND_BY_NAME(ast_find_data, data_decl, data)
FIND_BY_NAME(ast_find_param, param_decl, params)
FIND_BY_NAME(ast_find_group, group_decl, groups)
FIND_BY_NAME(ast_find_scheme, scheme_decl, schemes)
FIND_BY_NAME(ast_find_banding, banding_decl, bandings)
#undef FIND_BY_NAME

int ast_column_index(const data_decl *d, const char *name) {
  for (size_t i = 0; name && i < d->ncol; i++)
    if (!strcmp(d->colv[i]->name, name)) return (int)i;
  return -1;
}
