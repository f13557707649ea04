/* rollup.c — statuses of initiatives, focus areas and the agreement from
 * those below them (see rollup.h; spec §9.5, §9.7 to §9.9). */
#include "rollup.h"

#include <string.h>

#include "eval_internal.h"

static const num HUNDRED = {100, 1};

static num cap100(num a) { return num_cmp(a, HUNDRED) > 0 ? HUNDRED : a; }

ru_member ru_goal_member(const goal *g, const rep_row *row) {
  ru_member m = {.r = ROLE_UNKNOWN, .weight = g->weight};
  if (!row) return m;
  static const role of_rep[] = {ROLE_MET, ROLE_PARTLY, ROLE_NOT_MET, ROLE_UNKNOWN, ROLE_UNKNOWN};
  m.r = of_rep[row->status];
  const rep_numbers *nums = row->nums;
  if (m.r == ROLE_UNKNOWN) { /* it may lie anywhere */
    m.scored = true;
    m.lo = num_int(0);
    m.hi = HUNDRED;
  } else if (nums && nums->has_achievement) {
    m.scored = true;
    m.lo = m.hi = cap100(nums->achievement);
  } else if (nums && nums->measure && !strcmp(nums->measure, "done")) { /* a milestone */
    m.scored = true;
    m.lo = m.hi = m.r == ROLE_MET ? HUNDRED : num_int(0);
  } else if (nums && nums->has_value && m.r == ROLE_MET) { /* unbounded: met by any measure */
    m.scored = true;
    m.lo = m.hi = HUNDRED;
  }
  return m;
}

ru_member ru_as_member(const ru_outcome *o, num weight) {
  ru_member m = {.r = o->r, .weight = weight, .scored = o->scored, .lo = o->lo, .hi = o->hi};
  return m;
}

/* The weighted mean of the members' lo (or hi), members without a score
   counted from 0 (lo) to 100 (hi); false on an overflow. */
static bool mean(const ru_member *m, size_t n, bool high, num *out, num *wsum) {
  wnum sum = wnum_of(num_int(0)), w = wnum_of(num_int(0)), x;
  for (size_t i = 0; i < n; i++) {
    num v = m[i].scored ? (high ? m[i].hi : m[i].lo) : (high ? HUNDRED : num_int(0));
    if (!wnum_mul(wnum_of(m[i].weight), wnum_of(v), &x) || !wnum_add(sum, x, &sum) ||
        !wnum_add(w, wnum_of(m[i].weight), &w))
      return false;
  }
  if (!wnum_div(sum, w, &x) || !wnum_floor9(x, out)) return false;
  return wnum_exact(w, wsum);
}

/* 'any' and 'at least K of N' on counts of met and partly met. */
static role by_count(agg_kind k, int K, int met, int partly) {
  if (k == AGG_ANY) return met ? ROLE_MET : partly ? ROLE_PARTLY : ROLE_NOT_MET;
  if (met >= K) return ROLE_MET;
  return met + partly >= K ? ROLE_PARTLY : ROLE_NOT_MET;
}

void ru_roll(agg_kind k, int K, const scheme_decl *s, const ru_member *m, size_t n, ru_outcome *out) {
  memset(out, 0, sizeof *out);
  out->n = (int)n;
  role worst = ROLE_MET;
  for (size_t i = 0; i < n; i++) {
    out->count[m[i].r]++;
    if (m[i].r > worst) worst = m[i].r;
  }
  if (n) out->scored = mean(m, n, false, &out->lo, &out->wsum) && mean(m, n, true, &out->hi, &out->wsum);
  int met = out->count[ROLE_MET], partly = out->count[ROLE_PARTLY], unknown = out->count[ROLE_UNKNOWN];
  out->r = ROLE_UNKNOWN;
  if (!n) return;
  switch (k) {
  case AGG_ALL:
    if (unknown) return;
    out->r = met == (int)n ? ROLE_MET : met || partly ? ROLE_PARTLY : ROLE_NOT_MET;
    return;
  case AGG_WORST: out->r = worst; return;
  case AGG_ANY:
  case AGG_ATLEAST:
    out->best_worst = unknown > 0;
    out->best = by_count(k, K, met + unknown, partly);
    out->worst = by_count(k, K, met, partly);
    break;
  case AGG_WEIGHTED:
    if (!out->scored) return;
    out->best_worst = out->count[ROLE_UNKNOWN] > 0;
    out->best = pick_status(s, out->hi, false, false);
    out->worst = pick_status(s, out->lo, false, false);
    break;
  default: return;
  }
  out->r = out->best == out->worst ? out->best : ROLE_UNKNOWN;
}

void ru_initiative(const initiative *in, ru_row_fn rows, void *ctx, ru_outcome *out, ru_member *members) {
  size_t n = 0;
  for (const goal *g = in->goals; g; g = g->next) n++;
  ru_member *m = members ? members : xcalloc(n + 1, sizeof *m);
  size_t i = 0;
  for (const goal *g = in->goals; g; g = g->next) m[i++] = ru_goal_member(g, rows(ctx, g));
  const status_rule *r = &in->rule;
  ru_roll(r->agg, r->k, r->sch, m, n, out);
  if (r->agg == AGG_MANUAL) out->r = r->manual_role;
  if (r->agg == AGG_GOAL && r->targets) { /* 'alle' over the goals named, the others left out */
    ru_member *sub = xcalloc((size_t)r->ngoals + 1, sizeof *sub);
    size_t k = 0;
    for (int j = 0; j < r->ngoals; j++) {
      i = 0;
      for (const goal *g = in->goals; g; g = g->next, i++)
        if (r->targets[j] && g == r->targets[j]) sub[k++] = m[i];
    }
    ru_outcome o;
    ru_roll(AGG_ALL, 0, r->sch, sub, k, &o);
    out->r = o.r;
    free(sub);
  }
  if (!members) free(m);
}

void ru_area(const area *a, ru_row_fn rows, void *ctx, ru_outcome *out, ru_member *members) {
  size_t n = 0;
  for (const initiative *in = a->inits; in; in = in->next) n++;
  ru_member *m = members ? members : xcalloc(n + 1, sizeof *m);
  size_t i = 0;
  for (const initiative *in = a->inits; in; in = in->next) {
    ru_outcome o;
    ru_initiative(in, rows, ctx, &o, NULL);
    m[i++] = ru_as_member(&o, in->weight.w);
  }
  ru_roll(a->rule.agg, a->rule.k, a->rule.sch, m, n, out);
  if (!members) free(m);
}

void ru_agreement(const ast_program *p, ru_row_fn rows, void *ctx, ru_outcome *out, ru_member *members) {
  size_t n = 0;
  for (const area *a = p->areas; a; a = a->next) n++;
  ru_member *m = members ? members : xcalloc(n + 1, sizeof *m);
  size_t i = 0;
  for (const area *a = p->areas; a; a = a->next) {
    ru_outcome o;
    ru_area(a, rows, ctx, &o, NULL);
    m[i++] = ru_as_member(&o, a->weight.w);
  }
  ru_roll(p->rule.agg, p->rule.k, p->rule.sch, m, n, out);
  if (!members) free(m);
}
