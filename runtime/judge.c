/* judge.c — judging a number: the target in force (a change against a
 * baseline made "at most" or "at least"), the achievement toward it, the
 * status the goal's scheme gives.  An initiative's status from its
 * goals' is rollup.c's. */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "eval_internal.h"

/* The target in force: a change against a baseline becomes "at most" or
 * "at least" a number computed from the baseline. */
bool effective_target(const goal *g, const measured *base, target *t) {
  *t = *g->t;
  if (t->cmp != C_REDUCE && t->cmp != C_INCREASE && t->cmp != C_MAINTAIN) return true;
  if (!base || !base->ok) return false; /* the goal is unknown for that already */
  wnum b = wnum_of(base->value), step = wnum_of(t->v), out = b;
  if (t->cmp != C_MAINTAIN) {
    if (t->relative && !(wnum_mul(b, step, &step) && wnum_div(step, wnum_of(num_int(100)), &step))) return false;
    if (!(t->cmp == C_REDUCE ? wnum_sub(b, step, &out) : wnum_add(b, step, &out))) return false;
  }
  t->cmp = t->cmp == C_REDUCE ? C_AT_MOST : C_AT_LEAST;
  return wnum_exact(out, &t->v); /* a target is exact, or an error */
}

/* Achievement in pct: how far the value has come toward the target.
 * With a baseline, and a target that lies beyond it in the goal's
 * direction, it is the progress from the baseline: half-way is 50 %, and
 * moving the wrong way is 0 %.  With a target equal to the baseline
 * ("reduce by 0 pct", "maintain") a move the wrong way is 0 %: there is no
 * way toward the target to be part of.  Otherwise it is the ratio of value and
 * target (for "at most": target / value).  `inf` is set when it is
 * unbounded (nothing at all against "at most"). */
/* An achievement computed in wide steps, as a num: 0 when it is below 0;
 * unbounded (inf) when it is too large for a num, as it is then far
 * above every bound of a scheme; else exact, or rounded down to 9
 * decimals, which keeps it on the same side of every bound (wnum_floor9). */
static bool ach_of(wnum q, num *out, bool *inf) {
  if (wnum_sign(q) < 0) *out = num_int(0);
  else if (!wnum_floor9(q, out)) *inf = true;
  return true;
}

/* 100 * x / y, as an achievement. */
static bool ach_ratio(wnum x, wnum y, num *out, bool *inf) {
  wnum q;
  return wnum_div(x, y, &q) && wnum_mul(q, wnum_of(num_int(100)), &q) && ach_of(q, out, inf);
}

bool achievement(const target *t, const measured *base, num v, num *out, bool *inf) {
  wnum wv = wnum_of(v), wt = wnum_of(t->v), hundred = wnum_of(num_int(100));
  *inf = false;
  if (base && base->ok && (t->cmp == C_AT_LEAST || t->cmp == C_AT_MOST)) {
    int dir = num_cmp(t->v, base->value); /* +1: must rise, -1: must fall, 0: hold */
    bool held = t->cmp == C_AT_LEAST ? num_cmp(v, t->v) >= 0 : num_cmp(v, t->v) <= 0;
    if (dir == 0 && !held) { /* "reduce by 0 pct", "maintain": any move away is not met */
      *out = num_int(0);
      return true;
    }
    if ((t->cmp == C_AT_LEAST && dir > 0) || (t->cmp == C_AT_MOST && dir < 0)) {
      wnum moved, needed, wb = wnum_of(base->value);
      return wnum_sub(wv, wb, &moved) && wnum_sub(wt, wb, &needed) && ach_ratio(moved, needed, out, inf);
    }
  }
  switch (t->cmp) {
  case C_AT_LEAST:
    if (num_sign(t->v) <= 0) {
      if (num_cmp(v, t->v) >= 0) *inf = true;
      else *out = num_int(0);
      return true;
    }
    return ach_ratio(wv, wt, out, inf);
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
    return ach_ratio(wt, wv, out, inf);
  case C_BETWEEN:
    if (num_cmp(v, t->v) >= 0 && num_cmp(v, t->hi) <= 0) {
      *out = num_int(100);
      return true;
    }
    if (num_cmp(v, t->v) < 0) {
      if (num_sign(t->v) <= 0 || num_sign(v) < 0) { *out = num_int(0); return true; }
      return ach_ratio(wv, wt, out, inf);
    }
    if (num_sign(v) <= 0) { *out = num_int(0); return true; }
    return ach_ratio(wnum_of(t->hi), wv, out, inf);
  case C_EXACTLY:
  case C_ABOUT: {
    wnum d, allowed = wnum_of(num_int(0)), rest, q;
    if (!wnum_sub(wv, wt, &d)) return false;
    d = wnum_abs(d);
    if (t->cmp == C_ABOUT &&
        !(wnum_mul(wnum_abs(wt), wnum_of(t->tol), &allowed) && wnum_div(allowed, hundred, &allowed)))
      return false;
    if (!wnum_sub(d, allowed, &rest)) return false;
    if (wnum_sign(rest) <= 0) {
      *out = num_int(100);
      return true;
    }
    if (num_is_zero(t->v)) {
      *out = num_int(0);
      return true;
    }
    if (!wnum_div(rest, wnum_abs(wt), &q) || !wnum_mul(q, hundred, &q) || !wnum_sub(hundred, q, &q)) return false;
    return ach_of(q, out, inf);
  }
  default: /* changes were made "at most"/"at least" by effective_target */
    return false;
  }
}

role pick_status(const scheme_decl *s, num a, bool inf) {
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


void eval_date_da(int32_t days, char out[11]) {
  char iso[11];
  cal_format_date(days, iso); /* 2009-01-31 */
  snprintf(out, 11, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
}

/* A milestone against its deadline (§8.9): done on or before it is met,
 * done after it or not done is not met, no row is unknown.  The status
 * scheme's bounds do not apply; its labels do. */
role milestone_goal(eval_result *res, const goal *g, rep_row *row) {
  const data_decl *d = g->m->source;
  entry *e;
  HASH_FIND(hh, res->milestones[d->index], g->id, strlen(g->id), e);
  char done[11], due[11];
  eval_date_da(g->t->deadline, due);
  role r = ROLE_UNKNOWN;
  if (!e) {
    row->result = arena_printf(res->a, "Kan ikke opgøres: %s har ingen række for mål %s", d->name, g->id);
  } else if (!e->done) {
    r = ROLE_NOT_MET;
    row->result = arena_printf(res->a, "ikke færdig, frist %s", due);
  } else {
    eval_date_da(e->date, done);
    r = e->date <= g->t->deadline ? ROLE_MET : ROLE_NOT_MET;
    row->result = arena_printf(res->a, "færdig %s, frist %s", done, due);
  }
  if (e && e->comment && *e->comment) row->comment = arena_strdup(res->a, e->comment);
  rep_numbers *nums = arena_alloc(res->a, sizeof *nums);
  memset(nums, 0, sizeof *nums);
  nums->measure = ast_measure_name(M_DONE);
  nums->unit = "";
  nums->comparator = ast_cmp_name(C_BY);
  row->nums = nums;
  row->status = status_rep(r);
  row->status_label = g->scheme->label[r];
  return r;
}

/* A role as the report's status. */
rep_status status_rep(role r) {
  static const rep_status to_rep[ROLE_COUNT] = {ST_MET, ST_PARTLY, ST_NOT_MET, ST_UNKNOWN};
  return to_rep[r];
}
