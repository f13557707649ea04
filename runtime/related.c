/* related.c — reading the per-entity state (spec §5.9, §5.10) while a
 * row is read: a field through a reference (SRC.COL), and the truth of
 * 'har' for the row's entity, with its window of months or days.  Only
 * reads (both halves of a split pass read one state); entity.c builds. */
#include "calendar.h"
#include "entity_state.h"

const char *rel_key_text(buf *b, const value *v) {
  buf_clear(b);
  value_text(*v, b);
  return buf_str(b);
}

value rel_field(row_ctx *r, const expr *e) {
  const rel_expr *x = e->rel;
  rel_state *rs = r->rel;
  const value *v = &r->vals[x->ref_col];
  if (!rs || v->kind == V_MISSING) return missing_value(); /* refers to nothing */
  const char *k = rel_key_text(&r->relkey, v);
  ent *t;
  HASH_FIND(hh, rs->index[x->source->index], k, r->relkey.len, t);
  if (!t || !t->fields) return missing_value(); /* a dangling reference: a data error already */
  return t->fields[x->field_pos];
}

/* The state of month m for an entity: TRUE, UNKNOWN (a row that may
 * count, or a month outside the file's span), or FALSE. */
static truth month_state(const has_state *hs, const has_ent *e, int32_t m) {
  if (e && m >= e->base && (uint32_t)(m - e->base) / 64 < e->nwords) {
    uint32_t bit = (uint32_t)(m - e->base);
    if (e->t[bit / 64] >> (bit % 64) & 1) return TV_TRUE;
    if (e->u[bit / 64] >> (bit % 64) & 1) return TV_UNKNOWN;
  }
  if (!hs->any || m < hs->first || m > hs->last) return TV_UNKNOWN;
  return TV_FALSE;
}

static truth window_truth(const rel_expr *x, const has_state *hs, const has_ent *e, int32_t m0) {
  int32_t from = x->before ? m0 - (int32_t)x->months : m0 + 1;
  int64_t yes = 0, maybe = 0, run_yes = 0, run_maybe = 0;
  bool run_sure = false, run_may = false;
  for (int32_t m = from; m < from + (int32_t)x->months; m++) {
    truth t = month_state(hs, e, m);
    yes += t == TV_TRUE;
    maybe += t == TV_UNKNOWN;
    run_yes = t == TV_TRUE ? run_yes + 1 : 0;
    run_maybe = t != TV_FALSE ? run_maybe + 1 : 0;
    run_sure |= run_yes >= x->k;
    run_may |= run_maybe >= x->k;
  }
  if (x->w == W_CONSECUTIVE) return run_sure ? TV_TRUE : run_may ? TV_UNKNOWN : TV_FALSE;
  return yes >= x->k ? TV_TRUE : yes + maybe >= x->k ? TV_UNKNOWN : TV_FALSE;
}

/* 'inden for N dage/måneder efter X' on dates: a row dated in (X, X + N]
 * (before: [X - N, X)).  No such row inside the dates the file covers is
 * false; a window reaching past them is unknown. */
static truth events_truth(const rel_expr *x, const has_state *hs, has_ent *e, int32_t at) {
  int32_t n = (int32_t)x->months;
  int32_t lo, hi; /* inclusive */
  if (x->before) {
    lo = x->days ? at - n : cal_date_add(at, -n, 0);
    hi = at - 1;
  } else {
    lo = at + 1;
    hi = x->days ? at + n : cal_date_add(at, n, 0);
  }
  bool maybe = false;
  for (uint32_t i = 0; e && i < e->nev && e->ev[i].date <= hi; i++) {
    if (e->ev[i].date < lo) continue;
    if (e->ev[i].sure) return TV_TRUE;
    maybe = true;
  }
  if (maybe || !hs->any || lo < hs->first || hi > hs->last) return TV_UNKNOWN;
  return TV_FALSE;
}

truth rel_has(row_ctx *r, const expr *e, value at) {
  const rel_expr *x = e->rel;
  rel_state *rs = r->rel;
  if (!rs) return TV_UNKNOWN; /* no state built (maal explain) */
  const value *link = &r->vals[x->link_col];
  if (link->kind == V_MISSING) return TV_UNKNOWN;
  const has_state *hs = &rs->has[x->index];
  const char *k = rel_key_text(&r->relkey, link);
  has_ent *en;
  HASH_FIND(hh, hs->map, k, r->relkey.len, en);
  truth t;
  if (x->events) {
    if (at.kind != V_DATE) return TV_UNKNOWN;
    t = events_truth(x, hs, en, at.u.date);
    if (x->at_most && t != TV_UNKNOWN) t = t == TV_TRUE ? TV_FALSE : TV_TRUE; /* har ingen */
    return t;
  }
  if (x->w != W_NONE) {
    int32_t m0;
    if (!month_index_of(at, &m0)) return TV_UNKNOWN;
    t = window_truth(x, hs, en, m0);
    if (x->at_most && t != TV_UNKNOWN) t = t == TV_TRUE ? TV_FALSE : TV_TRUE; /* har ingen */
    return t;
  }
  int64_t yes = en ? en->yes : 0, maybe = en ? en->maybe : 0;
  if (x->at_most) return yes + maybe <= x->n ? TV_TRUE : yes > x->n ? TV_FALSE : TV_UNKNOWN;
  return yes >= x->n ? TV_TRUE : yes + maybe < x->n ? TV_FALSE : TV_UNKNOWN;
}
