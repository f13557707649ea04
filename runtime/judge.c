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

/* The bounds of a target that has them: a low end, a high end, or both,
 * each taken in (closed) or left out (open).  False for the others. */
typedef struct {
  bool has_lo, has_hi, lo_open, hi_open;
  num lo, hi;
} bounds;

static bool bounds_of(const target *t, bounds *b) {
  memset(b, 0, sizeof *b);
  switch (t->cmp) {
  case C_AT_LEAST: case C_OVER:
    b->has_lo = true, b->lo = t->v, b->lo_open = t->cmp == C_OVER;
    return true;
  case C_AT_MOST: case C_UNDER:
    b->has_hi = true, b->hi = t->v, b->hi_open = t->cmp == C_UNDER;
    return true;
  case C_BETWEEN:
    b->has_lo = b->has_hi = true, b->lo = t->v, b->hi = t->hi;
    return true;
  case C_RANGE:
    b->has_lo = t->value != NULL, b->lo = t->v, b->lo_open = t->lo_open;
    b->has_hi = t->high != NULL, b->hi = t->hi, b->hi_open = t->hi_open;
    return true;
  default:
    return false;
  }
}

/* A value exactly on an open end is not met, however close: its
 * achievement is "just under 100 %" (§8.5). */
static bool just_under(num *out, bool *under) {
  *out = num_int(100);
  *under = true;
  return true;
}

/* Only a low end ('mindst T', 'over T', [T..)): the value divided by T. */
static bool ach_rise(wnum wv, const bounds *b, num v, num *out, bool *inf, bool *under) {
  if (b->lo_open && num_cmp(v, b->lo) == 0) return just_under(out, under);
  if (num_sign(b->lo) <= 0) {
    if (num_cmp(v, b->lo) >= 0) *inf = true;
    else *out = num_int(0);
    return true;
  }
  return ach_ratio(wv, wnum_of(b->lo), out, inf);
}

/* Only a high end ('højst T', 'under T', (..T]): T divided by the value. */
static bool ach_fall(wnum wv, const bounds *b, num v, num *out, bool *inf, bool *under) {
  if (b->hi_open && num_cmp(v, b->hi) == 0) return just_under(out, under);
  if (num_sign(v) <= 0) {
    if (num_cmp(v, b->hi) <= 0) *inf = true;
    else *out = num_int(0);
    return true;
  }
  if (num_sign(b->hi) < 0) {
    *out = num_int(0);
    return true;
  }
  return ach_ratio(wnum_of(b->hi), wv, out, inf);
}

/* Both ends: 100 inside; below the low end the value divided by it,
 * above the high end the high end divided by the value. */
static bool ach_range(wnum wv, const bounds *b, num v, num *out, bool *inf, bool *under) {
  int lo = num_cmp(v, b->lo), hi = num_cmp(v, b->hi);
  if ((lo == 0 && b->lo_open) || (hi == 0 && b->hi_open)) return just_under(out, under);
  if (lo >= 0 && hi <= 0) {
    *out = num_int(100);
    return true;
  }
  if (lo < 0) {
    if (num_sign(b->lo) <= 0 || num_sign(v) < 0) { *out = num_int(0); return true; }
    return ach_ratio(wv, wnum_of(b->lo), out, inf);
  }
  if (num_sign(v) <= 0) { *out = num_int(0); return true; }
  return ach_ratio(wnum_of(b->hi), wv, out, inf);
}

bool achievement(const target *t, const measured *base, num v, num *out, bool *inf, bool *under) {
  wnum wv = wnum_of(v), wt = wnum_of(t->v), hundred = wnum_of(num_int(100));
  *inf = *under = false;
  bounds b;
  bool bounded = bounds_of(t, &b);
  if (base && base->ok && bounded && b.has_lo != b.has_hi) {
    num end = b.has_lo ? b.lo : b.hi;
    bool open = b.has_lo ? b.lo_open : b.hi_open;
    int dir = num_cmp(end, base->value); /* +1: must rise, -1: must fall, 0: hold */
    int side = num_cmp(v, end);
    bool held = b.has_lo ? side > 0 || (side == 0 && !open) : side < 0 || (side == 0 && !open);
    if (dir == 0 && !held) { /* "reduce by 0 pct", "maintain": any move away is not met */
      *out = num_int(0);
      return true;
    }
    if ((b.has_lo && dir > 0) || (b.has_hi && dir < 0)) {
      if (open && side == 0) return just_under(out, under);
      wnum moved, needed, wb = wnum_of(base->value);
      return wnum_sub(wv, wb, &moved) && wnum_sub(wnum_of(end), wb, &needed) && ach_ratio(moved, needed, out, inf);
    }
  }
  if (bounded) {
    if (b.has_lo && b.has_hi) return ach_range(wv, &b, v, out, inf, under);
    return b.has_lo ? ach_rise(wv, &b, v, out, inf, under) : ach_fall(wv, &b, v, out, inf, under);
  }
  switch (t->cmp) {
  case C_EXACTLY:
  case C_ABOUT: {
    wnum d, allowed = wnum_of(num_int(0)), rest, q;
    if (!wnum_sub(wv, wt, &d)) return false;
    /* one-sided 'about' (§8.2): no limit on the side it names */
    int side = num_cmp(v, t->v);
    if (t->cmp == C_ABOUT && ((t->side_eff == SIDE_MORE && side >= 0) ||
                              ((t->side_eff == SIDE_FEWER || t->side_eff == SIDE_LESS) && side <= 0))) {
      *out = num_int(100);
      return true;
    }
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

/* a (just under a, with `under`) against a scheme's bound x */
static bool at_least(num a, bool under, num x, bool open) {
  int o = num_cmp(a, x);
  return under ? o > 0 : open ? o > 0 : o >= 0;
}

static bool at_most(num a, bool under, num x, bool closed) {
  int o = num_cmp(a, x);
  return under ? o <= 0 : closed ? o <= 0 : o < 0;
}

role pick_status(const scheme_decl *s, num a, bool inf, bool under) {
  for (int r = ROLE_MET; r <= ROLE_NOT_MET; r++) {
    if (!s->has[r] || (!s->has_from[r] && !s->has_below[r])) continue;
    bool above_from = inf || !s->has_from[r] || at_least(a, under, s->from[r], s->from_open[r]);
    bool below_top = !s->has_below[r] || (!inf && at_most(a, under, s->below[r], s->below_closed[r]));
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
