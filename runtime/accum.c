/* accum.c — accumulating: what one goal (its measure or its baseline) has
 * counted so far, in total, per breakdown part and per 'average over'
 * part: group sizes, hits, unknowns, sums, extremes, distinct values; and
 * the number each accumulator gives at the end of the pass. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "msg.h"
#include "eval_internal.h"

/* A value into the distinct sets: a whole number, a date, a month or a
 * quarter as a whole number into the integer set (iset.h: 11 to 16 bytes
 * a value), anything else by its text (a column holds one kind, so two
 * values are one exactly when their keys are: a decimal that is whole,
 * 2/2, is 1 and nothing else). */
static void add_distinct(acc *a, value v, buf *tmp) {
  bool added;
  num m; /* in lowest terms, so 2/2 and 1 are one key */
  if (v.kind == V_NUM && (v.u.n.d == 1 && v.u.n.n != INT64_MIN ? (m = v.u.n, true) : num_make(v.u.n.n, v.u.n.d, &m)) && m.d == 1) {
    iset_add(&a->idistinct, m.n);
    return;
  }
  if (v.kind == V_DATE || v.kind == V_MONTH || v.kind == V_QUARTER) {
    iset_add(&a->idistinct, v.kind == V_DATE ? v.u.date : v.kind == V_MONTH ? v.u.month : v.u.quarter);
    return;
  }
  buf_clear(tmp);
  value_text(v, tmp); /* exact (expr.c): equal texts, equal values */
  dset_add(&a->distinct, tmp->s ? tmp->s : "", tmp->len, 0, &added);
}

/* Keep the bounds of a running sum that merge_probe needs. */
static inline void note_peak(acc *a, num v) {
  int64_t n = v.n < 0 ? -v.n : v.n; /* never INT64_MIN: num_add refuses it */
  if (n > a->peak) a->peak = n;
  if (v.d > a->dmax) a->dmax = v.d;
}

/* One row of a ratio's group (§7.11): its two terms, each a column or 1
 * for a count; a row whose condition is unknown, or that misses a term's
 * column, is left out of both and counted.  false on overflow. */
static bool update_ratio(row_ctx *r, const measure *m, acc *a, truth t) {
  if (t != TV_TRUE) {
    if (t == TV_UNKNOWN) a->unknown++;
    return true;
  }
  value top = m->num_c >= 0 ? r->vals[m->num_c] : (value){.kind = V_NUM, .u.n = num_int(1)};
  value bottom = m->den_c >= 0 ? r->vals[m->den_c] : (value){.kind = V_NUM, .u.n = num_int(1)};
  if (top.kind == V_MISSING || bottom.kind == V_MISSING) {
    a->unknown++;
    return true;
  }
  if (a->nvalues == 0) a->sum = a->den = num_int(0);
  a->nvalues++;
  if (a->overflow) return true;
  if (!num_add(a->sum, top.u.n, &a->sum) || !num_add(a->den, bottom.u.n, &a->den)) {
    a->overflow = true;
    return false;
  }
  note_peak(a, a->sum);
  note_peak(a, a->den);
  return true;
}

/* A row of a share's or a count's group, its condition's truth t. */
static inline void count_hit(acc *a, truth t) {
  if (t == TV_TRUE) a->hits++;
  else if (t == TV_UNKNOWN) a->unknown++;
}

/* One row of the target group into one accumulator; `t` is the truth of
 * the measure's condition.  false when the sum has grown too large. */
static bool update(row_ctx *r, const measure *m, acc *a, truth t, buf *tmp) {
  a->group++;
  if (m->kind == M_RATIO) return update_ratio(r, m, a, t);
  if (m->kind == M_SHARE || m->kind == M_COUNT) {
    count_hit(a, t);
    return true;
  }
  if (t != TV_TRUE) {
    if (t == TV_UNKNOWN) a->unknown++;
    return true;
  }
  value v = r->vals[m->col];
  if (v.kind == V_MISSING) {
    a->unknown++;
    return true;
  }
  switch (m->kind) {
  case M_DISTINCT:
    add_distinct(a, v, tmp);
    break;
  case M_SUM:
  case M_AVG:
    if (a->nvalues == 0) a->sum = num_int(0);
    a->nvalues++;
    if (a->overflow) break;
    if (!num_add(a->sum, v.u.n, &a->sum)) {
      a->overflow = true;
      return false;
    }
    note_peak(a, a->sum);
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
  return true;
}

acc *part_for(part **map, value v, buf *tmp) {
  buf_clear(tmp);
  value_text(v, tmp);
  if (v.kind == V_MISSING) buf_adds(tmp, "(mangler)");
  part *pt;
  HASH_FIND(hh, *map, tmp->s, tmp->len, pt);
  if (pt) return &pt->a;
  pt = xcalloc(1, sizeof *pt);
  pt->key = xstrndup(tmp->s, tmp->len);
  pt->missing = v.kind == V_MISSING;
  pt->val = v;
  if (v.kind == V_TEXT) pt->val.u.t.s = pt->key; /* the row's text dies with the row */
  HASH_ADD_KEYPTR(hh, *map, pt->key, tmp->len, pt);
  return &pt->a;
}

/* The part of a breakdown whose sides are sd (val, missing and band
 * set; the labels are made here): found, or made empty.  The key joins
 * the sides' labels. */
acc *part_of_sides(part **map, const probe *pr, const part_side *in, buf *tmp) {
  part_side sd[2];
  size_t off[3];
  buf_clear(tmp);
  for (int i = 0; i < pr->nby; i++) {
    const by_dim *d = pr->by[i].d;
    sd[i] = in[i];
    off[i] = tmp->len;
    if (sd[i].missing) buf_adds(tmp, "(mangler)");
    else if (d->set) buf_adds(tmp, sd[i].band < (int)d->set->n ? d->set->v[sd[i].band]->text : BANDS_OTHER);
    else {
      value_label(sd[i].val, tmp);
      /* a text that reads as one of maal's own parts ("(mangler)",
         "(øvrige)") is named in quotes, so the two are two parts with two
         names (§11.4) */
      const char *t = tmp->s + off[i];
      if (sd[i].val.kind == V_TEXT && (!strcmp(t, "(mangler)") || !strcmp(t, BANDS_OTHER))) {
        char own[32];
        snprintf(own, sizeof own, "%s", t);
        tmp->len = off[i];
        buf_printf(tmp, "\"%s\"", own);
      }
    }
  }
  off[pr->nby] = tmp->len;
  if (pr->nby == 2) /* the key ends in the first side's length, so no text can pass for two sides */
    buf_printf(tmp, ":%zu", off[1]);
  const char *key = tmp->s;
  size_t klen = tmp->len;
  part *pt;
  HASH_FIND(hh, *map, key, klen, pt);
  if (pt) return &pt->a;
  pt = xcalloc(1, sizeof *pt);
  pt->key = xstrndup(key, klen);
  pt->nside = pr->nby;
  for (int i = 0; i < pr->nby; i++) {
    pt->side[i] = sd[i];
    pt->side[i].label = xstrndup(tmp->s + off[i], off[i + 1] - off[i]);
    if (sd[i].val.kind == V_TEXT) { /* the row's text dies with the row */
      pt->side[i].val.u.t.s = pt->side[i].label;
      pt->side[i].val.u.t.len = off[i + 1] - off[i];
    }
  }
  HASH_ADD_KEYPTR(hh, *map, pt->key, klen, pt);
  return &pt->a;
}

/* The breakdown part of the row: each side's value (its month, quarter or
 * year when asked), or its band, found with the bands compiled by the
 * checker. */
static acc *by_part_for(part **map, const probe *pr, const row_ctx *r, buf *tmp) {
  part_side sd[2];
  for (int i = 0; i < pr->nby; i++) {
    const by_dim *d = pr->by[i].d;
    value v = time_part(d->fn, r->vals[pr->by[i].col]);
    sd[i] = (part_side){.val = v, .missing = v.kind == V_MISSING, .band = -1};
    if (!sd[i].missing && d->set) {
      int b = v.kind == V_NUM ? bands_find(d->set, v.u.n) : -1;
      sd[i].band = b < 0 ? (int)d->set->n : b;
    }
  }
  return part_of_sides(map, pr, sd, tmp);
}

/* A number in a measure's condition too large: said apart from the probe
 * loop, which then keeps no registers for it. */
__attribute__((noinline)) static void where_too_large(row_ctx *r, const probe *pr) {
  row_too_large(r, pr->g, pr->is_base ? M("a number in the baseline's condition") : M("a number in the measure's condition"), NULL);
}

/* A sum of the probe's grown too large: said at the first row it does. */
__attribute__((noinline)) static void sum_too_large(row_ctx *r, probe *pr) {
  if (pr->sum_said) return;
  pr->sum_said = true;
  if (pr->m->kind == M_RATIO)
    row_too_large(r, pr->g, pr->is_base ? M("a sum of the baseline's ratio") : M("a sum of the ratio"), NULL);
  else
    row_too_large(r, pr->g, pr->is_base ? M("the baseline's sum of") : M("the sum of"), pr->m->column);
}

/* One row for one probe: the group, then the measure, its breakdown part
 * and its 'average over' part. */
static void update_probe(row_ctx *r, probe *pr, const probe_step *ps, truth in, buf *tmp) {
  const measure *m = pr->m;
  if (in == TV_UNKNOWN) { /* left out of the group for a missing value: a
                             breakdown part is made only by the group's rows */
    pr->total.unsure++;
    if (pr->nby) by_part_for(&pr->unsure, pr, r, tmp)->unsure++;
  }
  if (in != TV_TRUE) return;
  /* 'average over': the months are those in which the group has rows (a
     month where the measure's own condition finds none counts as 0); a
     row with no month is left out, and said so */
  acc *month = NULL;
  if (m->over_col >= 0) {
    value v = r->vals[m->over_col];
    if (v.kind == V_MISSING) {
      pr->total.unsure++;
      return;
    }
    month = part_for(&pr->over, v, tmp);
  }
  truth t = cond_ask(r, ps->where);
  if (r->overflow) where_too_large(r, pr);
  bool ok = update(r, m, &pr->total, t, tmp);
  if (pr->nby) ok &= update(r, m, by_part_for(&pr->parts, pr, r, tmp), t, tmp);
  if (month) ok &= update(r, m, month, t, tmp);
  if (!ok) sum_too_large(r, pr);
}

/* A ratio's value: 100 × numerator / denominator, exact as a share's
 * (rounded down at 9 decimals only when it does not end).  false with
 * r->why or r->too_large set when it cannot be computed. */
static bool measure_ratio(const acc *a, measured *r) {
  r->ratio = true;
  r->numerator = a->nvalues ? a->sum : num_int(0);
  r->denominator = a->nvalues ? a->den : num_int(0);
  if (num_is_zero(r->denominator)) {
    r->why = a->group == 0                               ? "målgruppen er tom"
             : a->nvalues == 0 && a->unknown == a->group ? "ingen i målgruppen har oplysningerne"
                                                         : "nævneren er 0";
    return false;
  }
  wnum f;
  if (!wnum_div(wnum_of(r->numerator), wnum_of(r->denominator), &f) || !wnum_mul(f, wnum_of(num_int(100)), &f) ||
      !wnum_floor9(f, &r->value)) {
    r->too_large = "the ratio";
    return false;
  }
  return true;
}

static measured measure_acc(arena *ar, const measure *m, bool exclude_missing, const acc *a) {
  measured r = {0};
  if (a->overflow) { /* said at the row where it happened */
    r.too_large = "the sum";
    return r;
  }
  switch (m->kind) {
  case M_SHARE: {
    int64_t den = a->group - (exclude_missing ? a->unknown : 0);
    r.ratio = true;
    r.numerator = num_int(a->hits);
    r.denominator = num_int(den);
    if (den == 0) {
      r.why = a->group == 0 ? "målgruppen er tom" : "ingen i målgruppen har oplysningerne";
      return r;
    }
    wnum f;
    if (!wnum_div(wnum_of(num_int(a->hits)), wnum_of(num_int(den)), &f) ||
        !wnum_mul(f, wnum_of(num_int(100)), &f) || !wnum_floor9(f, &r.value)) {
      r.too_large = "the share";
      return r;
    }
    break;
  }
  case M_RATIO:
    if (!measure_ratio(a, &r)) return r;
    break;
  case M_DONE: /* judged against its deadline, not as a number (judge.c) */
    r.why = "";
    return r;
  case M_COUNT: r.value = num_int(a->hits); break;
  case M_DISTINCT: r.value = num_int((int64_t)(dset_count(&a->distinct) + iset_count(&a->idistinct)) + a->ndistinct); break;
  case M_SUM:
    /* over no rows 0; but rows all left out for a missing value say
       nothing of the sum, and 0 would read as known (spec §7.3) */
    if (a->nvalues == 0 && a->unknown + a->unsure > 0) {
      r.why = "ingen værdier at lægge sammen";
      return r;
    }
    r.value = a->nvalues ? a->sum : num_int(0);
    break;
  case M_AVG:
    if (a->nvalues == 0) {
      r.why = "ingen værdier at beregne et gennemsnit af";
      return r;
    }
    wnum avg;
    if (!wnum_div(wnum_of(a->sum), wnum_of(num_int(a->nvalues)), &avg) || !wnum_floor9(avg, &r.value)) {
      r.too_large = "the average";
      return r;
    }
    break;
  case M_MIN:
  case M_MAX:
    if (a->nvalues == 0) {
      r.why = "ingen værdier";
      return r;
    }
    r.value = a->best;
    break;
  case M_VALUE:
    if (a->nvalues != 1) {
      r.why = a->nvalues == 0 ? "ingen række med en værdi" : "mere end én række har en værdi";
      return r;
    }
    r.value = a->best;
    break;
  case M_INDICATOR:
    if (a->nvalues != 1) {
      const char *per = m->period ? m->period->lit.u.t.s : "";
      r.why = a->nvalues == 0 && a->unknown ? arena_printf(ar, "indikatoren '%s' har ingen værdi for perioden %s", m->indicator, per)
            : a->nvalues == 0 ? arena_printf(ar, "indikatoren '%s' findes ikke for perioden %s", m->indicator, per)
                              : arena_printf(ar, "indikatoren '%s' står %lld gange for perioden %s", m->indicator,
                                             (long long)a->nvalues, per);
      return r;
    }
    r.value = a->best;
    break;
  }
  r.ok = true;
  return r;
}

/* A probe's number: its measure, or the average of the measure over the
 * values of the 'over' column (the parts that cannot be computed, such as
 * a month with an empty group, are left out of the average). */
measured measure_probe(arena *ar, const probe *pr, const acc *a, bool total) {
  if (pr->ratio && a->nvalues == 1) { /* taeller/naevner of an indicator: a share */
    measure share = *pr->m;
    share.kind = M_SHARE;
    return measure_acc(ar, &share, false, a);
  }
  if (!total || pr->m->over_col < 0) return measure_acc(ar, pr->m, pr->exclude_missing, a);
  measured r = {0};
  num sum = num_int(0);
  long double approx = 0; /* the same sum, kept in case the exact one overflows */
  bool exact = true;
  int64_t n = 0, skipped = 0;
  for (const part *pt = pr->over; pt; pt = pt->hh.next) {
    measured one = measure_acc(ar, pr->m, pr->exclude_missing, &pt->a);
    if (one.too_large) return one;
    if (!one.ok) {
      skipped++;
      continue;
    }
    approx += (long double)one.value.n / (long double)one.value.d;
    if (exact && !num_add(sum, one.value, &sum)) exact = false;
    n++;
  }
  if (n == 0) {
    r.why = arena_printf(ar, "ingen værdier af '%s' at beregne et gennemsnit over", pr->m->over);
    return r;
  }
  r.over_n = n;
  r.over_skipped = skipped;
  if (exact && num_div(sum, num_int(n), &r.value)) {
    r.ok = true;
    return r;
  }
  /* Twelve monthly rates can have denominators whose common multiple does
     not fit in 64 bits: then the average is rounded to 9 decimals. */
  long double avg = approx / (long double)n * 1e9L;
  if (avg > 9e17L || avg < -9e17L || !num_make((int64_t)llroundl(avg), 1000000000, &r.value)) {
    r.too_large = "the average";
    return r;
  }
  r.ok = true;
  return r;
}

static void free_acc(acc *a);

/* The probes pr[0..n) with their conditions compiled for r, made at
 * their first row (a row_ctx is given the same probes on every row). */
__attribute__((noinline)) static void plan_probes(row_ctx *r, probe *const *pr, int n) {
  free(r->probes);
  r->probes = xcalloc((size_t)n + 1, sizeof *r->probes);
  r->probes_for = pr;
  r->nprobes = n;
  for (int k = 0; k < n; k++) {
    const measure *m = pr[k]->m;
    bool plain = !pr[k]->nby && m->over_col < 0;
    r->probes[k] = (probe_step){.g = m->g ? m->g->index : r->p->ngroups, .where = cond_handle_of(r, m->where),
                                .plain = plain, .hits = plain && (m->kind == M_SHARE || m->kind == M_COUNT)};
  }
}

/* Most rows are outside most goals' groups: such a row is passed over
 * without a call, since update_probe would change nothing. */
void update_probes(row_ctx *r, probe *const *pr, int n, buf *tmp) {
  if (r->probes_for != pr || r->nprobes != n) plan_probes(r, pr, n);
  const probe_step *ps = r->probes;
  const truth *memo = r->memo;
  for (int k = 0; k < n; k++) {
    truth in = memo[ps[k].g];
    if (in == TV_FALSE) continue;
    if (in == TV_TRUE && ps[k].plain) { /* update_probe's path for it, with less to decide */
      truth t = cond_ask(r, ps[k].where);
      if (r->overflow) where_too_large(r, pr[k]);
      if (ps[k].hits) {
        pr[k]->total.group++;
        count_hit(&pr[k]->total, t);
      } else if (!update(r, pr[k]->m, &pr[k]->total, t, tmp)) {
        sum_too_large(r, pr[k]);
      }
    } else {
      update_probe(r, pr[k], &ps[k], in, tmp);
    }
  }
}

/* ---- merging the counts of a split pass (split.c) ---- */

/* Whether the sums of into, followed by from's rows, stayed within what a
 * num holds at every row: from's running sums never passed peak in
 * numerator nor dmax in denominator, so each running sum of into's rows
 * then from's is at most |into| + peak in value, over a denominator
 * dividing into's times dmax (§5.7: a sum too large on the way is an
 * error at its row, so the merged sum must not hide one). */
static bool sum_fits(num into, const acc *from) {
  long double bound = ((long double)(into.n < 0 ? -(long double)into.n : (long double)into.n) +
                       (long double)from->peak * (long double)into.d) *
                      (long double)(from->dmax > 0 ? from->dmax : 1);
  return bound < 0x1p62L;
}

static bool acc_fits(const measure *m, const acc *into, const acc *from) {
  if (from->overflow) return false; /* said at its row: from's rows are counted again */
  if (into->overflow) return true;  /* said at its row; nothing more is added */
  if (from->nvalues == 0 || into->nvalues == 0) return true;
  if (m->kind == M_RATIO) return sum_fits(into->sum, from) && sum_fits(into->den, from);
  if (m->kind == M_SUM || m->kind == M_AVG) return sum_fits(into->sum, from);
  return true;
}

/* One of into's sums (s) followed by from's rows, as one run of rows that
 * a later merge takes (a chain of parts, split.c): each running sum over
 * from's rows is s plus one of from's, so a numerator of at most |s.n| *
 * dmax + peak * s.d over a denominator of at most s.d * dmax (from's).
 * Widened into peak and dmax; past what a num holds, the most there is,
 * which acc_fits refuses. */
static void chain_bound(int64_t *peak, int64_t *dmax, num sm, const acc *from) {
  long double fd = (long double)(from->dmax > 0 ? from->dmax : 1);
  long double n = (sm.n < 0 ? -(long double)sm.n : (long double)sm.n) * fd + (long double)from->peak * (long double)sm.d;
  long double d = (long double)sm.d * fd;
  int64_t pn = n < 0x1p62L ? (int64_t)n : INT64_MAX, pd = d < 0x1p62L ? (int64_t)d : INT64_MAX;
  if (pn > *peak) *peak = pn;
  if (pd > *dmax) *dmax = pd;
}

/* into's rows, then from's; acc_fits(m, into, from) holds. */
static void acc_merge(const measure *m, acc *into, acc *from) {
  bool sums = m->kind == M_RATIO || m->kind == M_SUM || m->kind == M_AVG;
  if (sums && from->nvalues && into->nvalues && !into->overflow) {
    chain_bound(&into->peak, &into->dmax, into->sum, from);
    if (m->kind == M_RATIO) chain_bound(&into->peak, &into->dmax, into->den, from);
  }
  if (from->nvalues && !into->overflow) {
    if (into->nvalues == 0) {
      into->sum = from->sum;
      into->den = from->den;
      into->best = from->best;
    } else if (sums) {
      bool ok = num_add(into->sum, from->sum, &into->sum);
      if (m->kind == M_RATIO) ok &= num_add(into->den, from->den, &into->den);
      if (!ok) into->overflow = true; /* acc_fits rules it out */
    } else if (m->kind == M_MIN ? num_cmp(from->best, into->best) < 0
               : m->kind == M_MAX ? num_cmp(from->best, into->best) > 0 : false) {
      into->best = from->best; /* M_VALUE keeps the first row's */
    }
  }
  if (from->peak > into->peak) into->peak = from->peak;
  if (from->dmax > into->dmax) into->dmax = from->dmax;
  into->group += from->group;
  into->hits += from->hits;
  into->unknown += from->unknown;
  into->unsure += from->unsure;
  into->nvalues += from->nvalues;
  into->ndistinct += from->ndistinct;
  dset_union(&into->distinct, &from->distinct);
  iset_union(&into->idistinct, &from->idistinct);
}

static bool parts_fit(const measure *m, part *into, part *from) {
  for (part *pt = from; pt; pt = pt->hh.next) {
    part *mine;
    HASH_FIND(hh, into, pt->key, pt->hh.keylen, mine);
    if (mine && !acc_fits(m, &mine->a, &pt->a)) return false;
  }
  return true;
}

/* from's parts in the order they were made, after into's: the order one
 * core's pass would have made them in. */
static void parts_merge(const measure *m, part **into, part **from) {
  part *pt, *t;
  HASH_ITER(hh, *from, pt, t) {
    part *mine;
    size_t klen = pt->hh.keylen;
    HASH_FIND(hh, *into, pt->key, klen, mine);
    HASH_DEL(*from, pt);
    if (!mine) {
      HASH_ADD_KEYPTR(hh, *into, pt->key, klen, pt);
      continue;
    }
    acc_merge(m, &mine->a, &pt->a);
    free_acc(&pt->a);
    for (int i = 0; i < pt->nside; i++) free(pt->side[i].label);
    free(pt->key);
    free(pt);
  }
}

bool probe_merge_fits(const probe *into, const probe *from) {
  const measure *m = into->m;
  return acc_fits(m, &into->total, &from->total) && parts_fit(m, into->parts, from->parts) &&
         parts_fit(m, into->over, from->over);
}

void merge_probe(probe *into, probe *from) {
  const measure *m = into->m;
  acc_merge(m, &into->total, &from->total);
  parts_merge(m, &into->parts, &from->parts);
  parts_merge(m, &into->unsure, &from->unsure);
  parts_merge(m, &into->over, &from->over);
}

static void free_acc(acc *a) {
  dset_free(&a->distinct);
  iset_free(&a->idistinct);
}

static void free_parts(part **map) {
  part *pt, *t;
  HASH_ITER(hh, *map, pt, t) {
    HASH_DEL(*map, pt);
    free_acc(&pt->a);
    for (int i = 0; i < pt->nside; i++) free(pt->side[i].label);
    free(pt->key);
    free(pt);
  }
}

void free_probe(probe *pr) {
  free_acc(&pr->total);
  free_parts(&pr->parts);
  free_parts(&pr->unsure);
  free_parts(&pr->over);
}
