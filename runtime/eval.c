/* eval.c — the evaluator's entry point: eval_run reads each data source
 * once (scan.c), updating every goal measured on it; then each goal's
 * number is compared with its target, exactly, the status scheme picks
 * the status (judge.c), its result text is written (result.c), and the
 * rows of the status table are built in the rules' order.  The meaning of
 * missing values is the one spec/ gives: a comparison with a missing value
 * is unknown, a row is in a group only when the conditions of the group's
 * whole chain, joined by a three-valued AND, are true for it, and a share
 * counts rows whose condition is unknown in its denominator but not its
 * numerator (unless the goal says 'exclude missing'). */
#include "eval.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "rollup.h"

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

/* An error, not a status: a number of goal g (or of its breakdown part)
 * is beyond what maal computes with exactly. */
static void goal_too_large(eval_result *res, const goal *g, const char *part_key, const char *what) {
  fprintf(res->err, T("%s: error: goal %s%s%s%s: %s is too large to compute exactly (more than about 18 digits)\n"),
          res->p->path, g->id, part_key ? ", part '" : "", part_key ? part_key : "", part_key ? "'" : "", what);
  res->errors++;
}

/* A weighted rule whose sums are too large to compute (enormous weights):
 * an error, never a status (spec §9.6), as for a goal's numbers. */
static void weighted_too_large(eval_result *res, const status_rule *r, const ru_outcome *oc, const char *what,
                               const char *number) {
  if (r->agg != AGG_WEIGHTED || !oc->n || oc->scored) return;
  fprintf(res->err, T("%s: error: the weighted achievement of the %s%s%s is too large to compute exactly (more than about 18 digits)\n"),
          res->p->path, M(what), number ? " " : "", number ? number : "");
  res->errors++;
}

/* 100 % less 10^-9: "just under 100 %" as the reports write it. */
static num just_below(num a) {
  num eps, out;
  if (!num_make(1, 1000000000, &eps) || !num_sub(a, eps, &out)) return a;
  return out;
}

/* A change target computed from the baseline that no value can meet
 * (spec §8.7, as §8.1 says of a target written so): a share of at least
 * 103 pct or at most -2 pct, a count of at most -2.  The goal is not
 * judged, and says why; NULL when it can be met. */
static const char *beyond_reach(arena *ar, const goal *g, const target *t) {
  bool share = g->m->kind == M_SHARE, count = g->m->kind == M_COUNT || g->m->kind == M_DISTINCT;
  char v[64];
  num_format_da(t->v, num_decimals(t->v, 9), v, sizeof v);
  if (share && t->cmp == C_AT_LEAST && num_cmp(t->v, num_int(100)) > 0)
    return arena_printf(ar, "kravet, beregnet fra basis, er mindst %s %%, og en andel er højst 100 %%: det kan ikke nås", v);
  if ((share || count) && t->cmp == C_AT_MOST && num_sign(t->v) < 0)
    return arena_printf(ar, "kravet, beregnet fra basis, er højst %s%s, og %s er mindst 0: det kan ikke nås", v, share ? " %" : "",
                        share ? "en andel" : "et antal");
  return NULL;
}

/* A change of P > 0 pct of a negative baseline has no sure direction
 * (spec §8.7): from -100, 'nedbringes med 10 pct' reads as -100 × 0,9 =
 * -90 (a rise) or as 10 further below, -110; and 10 pct of 0 is 0, so
 * 'øges med 10 pct' from 0 would be met by anything at 0 or above ('nedbringes' from 0 is
 * 'højst 0', and 0 pct is 'højst B' or 'mindst B' from any B).  The goal
 * is not judged, and says why, with both readings. */
static const char *no_direction(arena *ar, const target *t, num b) {
  char bt[64], one[64], other[64];
  num_format_da(b, num_decimals(b, 9), bt, sizeof bt);
  if (num_sign(b) == 0)
    return arena_printf(ar, "basis er 0, så en stigning på %s %% af basis er 0, og kravet mindst 0 siger ikke, hvor meget der skal til", t->value && t->value->raw ? t->value->raw : "en procentdel");
  num step, a = b, c = b;
  bool up = t->cmp == C_INCREASE;
  if (num_mul(b, t->v, &step) && num_div(step, num_int(100), &step)) { /* step < 0: of a negative baseline */
    num_add(b, up ? step : num_neg(step), &a);     /* the formula: B × (1 ± P/100) */
    num_add(b, up ? num_neg(step) : step, &c);     /* the direction: further up or down */
  }
  num_format_da(a, num_decimals(a, 9), one, sizeof one);
  num_format_da(c, num_decimals(c, 9), other, sizeof other);
  return arena_printf(ar, "basis er %s, og en ændring i pct af et negativt tal kan læses på to måder: %s %s eller %s %s",
                      bt, up ? "mindst" : "højst", one, up ? "mindst" : "højst", other);
}

/* Status, result text and numbers of one goal or part: `a` is what the
 * goal's measure counted, `base` the baseline's number (NULL: none). */
static role goal_row(eval_result *res, const goal *g, const char *part_key, const measured *mv, const acc *a,
                     const measured *base, rep_row *row) {
  arena *ar = res->a;
  measured m = *mv;
  target t;
  rep_numbers *nums = arena_alloc(ar, sizeof *nums);
  nums->measure = ast_measure_name(g->m->kind);
  nums->unit = g->unit ? g->unit : "";
  nums->group_size = a->group;
  nums->left_out = a->unknown + a->unsure;
  nums->comparator = ast_target_comparator(g->t);
  for (int k = 0; k < 3; k++) {
    nums->has_from[k] = g->scheme->has[k] && g->scheme->has_from[k];
    nums->has_below[k] = g->scheme->has[k] && g->scheme->has_below[k];
    nums->from[k] = g->scheme->from[k];
    nums->below[k] = g->scheme->below[k];
    nums->from_open[k] = g->scheme->from_open[k];
    nums->below_closed[k] = g->scheme->below_closed[k];
  }
  text_ctx tc = {.g = g, .a = a, .m = &m, .t = &t, .base = base};
  role r = ROLE_UNKNOWN;
  if (base && base->too_large) {
    m.ok = false;
    m.too_large = arena_printf(ar, "the baseline (%s)", base->too_large);
  } else if (base && !base->ok && m.ok) {
    m.ok = false;
    m.why = arena_printf(ar, "basis kan ikke opgøres (%s)", base->why);
  }
  if (base && base->ok) {
    nums->has_baseline = true;
    nums->baseline = base->value;
    nums->base_over_n = base->over_n;
    nums->base_over_skipped = base->over_skipped;
  }
  nums->over_n = m.over_n;
  nums->over_skipped = m.over_skipped;
  if (m.ok && base && base->ok && g->t->relative && num_sign(g->t->v) > 0 &&
      ((g->t->cmp == C_REDUCE && num_sign(base->value) < 0) || (g->t->cmp == C_INCREASE && num_sign(base->value) <= 0)))
    m.why = no_direction(ar, g->t, base->value), m.ok = false;
  if (!effective_target(g, base, &t) && m.ok) {
    m.ok = false;
    m.too_large = "the target computed from the baseline";
  }
  if (m.ok && g->t->cmp != t.cmp) { /* a change target: what it came to may be out of reach */
    const char *never = beyond_reach(ar, g, &t);
    if (never) m.why = never, m.ok = false;
  }
  nums->target = t.v;
  nums->target_high = t.cmp == C_BETWEEN || t.cmp == C_RANGE ? t.hi : t.v;
  nums->range_no_lo = t.cmp == C_RANGE && !t.value;
  nums->range_no_hi = t.cmp == C_RANGE && !t.high;
  if (m.ok) {
    nums->has_value = true;
    nums->value = m.value;
    if (m.ratio) {
      nums->has_ratio = true;
      nums->numerator = m.numerator;
      nums->denominator = m.denominator;
    }
    if (achievement(&t, base, m.value, &tc.ach, &tc.inf, &tc.under)) {
      tc.has_ach = true;
      nums->has_achievement = !tc.inf;
      /* just under 100 %: rounded down to 9 decimals, as any achievement too fine to keep (§8.5) */
      nums->achievement = tc.under ? just_below(tc.ach) : tc.ach;
      nums->just_under = tc.under;
      r = pick_status(g->scheme, tc.ach, tc.inf, tc.under);
    } else {
      m.ok = false;
      m.too_large = "the achievement";
    }
  }
  if (m.too_large) {
    goal_too_large(res, g, part_key, m.too_large);
    m.why = "";
  }
  buf b = {0};
  if (m.ok) {
    result_text(&b, &tc);
  } else {
    buf_printf(&b, "Kan ikke opgøres: %s", m.why);
  }
  row->result = arena_strdup(ar, buf_str(&b));
  buf_free(&b);
  row->status = status_rep(r);
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

/* The order of parts (spec §11.4), side by side: bands as declared, then
 * "(øvrige)"; numbers, dates, months by value; texts in Danish order;
 * missing values last. */
static int side_order(const part_side *a, const part_side *b) {
  if (a->missing != b->missing) return a->missing ? 1 : -1;
  if (a->missing) return 0;
  if (a->band >= 0 || b->band >= 0) return (a->band > b->band) - (a->band < b->band);
  if (a->val.kind != V_TEXT && a->val.kind == b->val.kind) {
    int c = value_cmp(a->val, b->val);
    if (c) return c;
  }
  return collate(a->label, b->label);
}

static int part_order(const part *a, const part *b) {
  for (int i = 0; i < a->nside && i < b->nside; i++) {
    int c = side_order(&a->side[i], &b->side[i]);
    if (c) return c;
  }
  return strcmp(a->key, b->key);
}

typedef struct {
  const part *p;
  size_t i; /* its place in the order of parts */
} ranked;

static int side1_order(const void *x, const void *y) {
  const ranked *a = x, *b = y;
  int c = side_order(&a->p->side[1], &b->p->side[1]);
  return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Each part's place among the goal's values of each side: the parts are
 * in order of the first side already; the second's are sorted apart. */
static void side_ranks(const part *parts, rep_row *first, size_t n) {
  if (!n) return;
  ranked *v = xmalloc(n * sizeof *v);
  size_t i = 0;
  for (const part *pt = parts; pt; pt = pt->hh.next, i++) v[i] = (ranked){pt, i};
  for (i = 0; i < n; i++)
    first[i].rank[0] = !i ? 0 : first[i - 1].rank[0] + (side_order(&v[i - 1].p->side[0], &v[i].p->side[0]) != 0);
  if (v[0].p->nside == 2) {
    qsort(v, n, sizeof *v, side1_order);
    size_t r = 0;
    for (size_t k = 0; k < n; k++) {
      if (k && side_order(&v[k - 1].p->side[1], &v[k].p->side[1])) r++;
      first[v[k].i].rank[1] = r;
    }
  }
  free(v);
}

static void assessed_row(eval_result *res, const goal *g, rep_row *rg, role *r) {
  entry *e;
  HASH_FIND(hh, res->assessments[g->assessed->index], g->id, strlen(g->id), e);
  if (!e || e->count > 1) {
    *r = ROLE_UNKNOWN;
    rg->result = e ? arena_printf(res->a, "Kan ikke opgøres: %s har %d vurderinger af mål %s", g->assessed->name, e->count, g->id)
                   : arena_printf(res->a, "Kan ikke opgøres: %s har ingen vurdering af mål %s", g->assessed->name, g->id);
  } else {
    *r = e->r;
    rg->result = arena_strdup(res->a, e->reason);
    if (e->comment && *e->comment) rg->comment = arena_strdup(res->a, e->comment);
  }
  rg->status = status_rep(*r);
  rg->status_label = g->scheme->label[*r];
}

/* The goal rows, for the roll-ups (rollup.h): by goal index, the row's
   place in the table being built. */
typedef struct {
  rows_out *o;
  size_t *at;
} goal_rows;

static const rep_row *goal_row_of(void *ctx, const goal *g) {
  goal_rows *gr = ctx;
  return &gr->o->rows[gr->at[g->index]];
}

/* A row judged by a rule: its status in the rule's scheme, and the
   weighted achievement when the rule is weighted and it is known. */
static void rule_row(const status_rule *r, const ru_outcome *oc, rep_status *st, const char **label, bool *weighted,
                     bool *has, num *ach) {
  *st = status_rep(oc->r);
  *label = r->sch->label[oc->r];
  *weighted = r->agg == AGG_WEIGHTED;
  *has = *weighted && oc->scored && num_cmp(oc->lo, oc->hi) == 0;
  if (*has) *ach = oc->lo;
}

static void build_table(ast_program *p, eval_result *res) {
  arena *ar = res->a;
  rows_out o = {.a = ar};
  size_t *goal_at = xcalloc((size_t)p->ngoals + 1, sizeof *goal_at);
  goal_rows gr = {&o, goal_at};
  for (area *a = p->areas; a; a = a->next) {
    size_t area_at = o.n;
    rep_row *ra = add_row(&o, ROW_AREA);
    ra->number = a->number;
    ra->title = a->title;
    ra->status = ST_NONE;
    ra->comment = a->comment ? a->comment : "";
    for (initiative *in = a->inits; in; in = in->next) {
      size_t at = o.n;
      add_row(&o, ROW_INITIATIVE);
      for (goal *g = in->goals; g; g = g->next) {
        goal_at[g->index] = o.n;
        rep_row *rg = add_row(&o, ROW_GOAL);
        rg->number = g->id;
        rg->title = g->title;
        rg->comment = g->comment ? g->comment : "";
        rg->source_ref = g->source_ref;
        goal_state *gs = &res->goals[g->index];
        if (g->manual) {
          rg->status = status_rep(g->manual_role);
          rg->status_label = g->scheme->label[g->manual_role];
          rg->result = g->manual_reason;
          continue;
        }
        if (g->assessed) {
          role r;
          assessed_row(res, g, rg, &r);
          continue;
        }
        if (g->m->kind == M_DONE) {
          milestone_goal(res, g, rg);
          continue;
        }
        measured base = {0};
        if (gs->has_base) base = measure_probe(ar, &gs->base, &gs->base.total, true);
        else if (g->has_base_value) base = (measured){.ok = true, .value = g->base_value};
        const measured *bp = gs->has_base || g->has_base_value ? &base : NULL;
        measured mv = measure_probe(ar, &gs->main, &gs->main.total, true);
        goal_row(res, g, NULL, &mv, &gs->main.total, bp, rg);
        if (!gs->main.nby) continue;
        HASH_SORT(gs->main.parts, part_order);
        size_t first_part = o.n;
        for (part *pt = gs->main.parts; pt; pt = pt->hh.next) {
          rep_row *rp = add_row(&o, ROW_PART);
          const char **keys = arena_alloc(ar, 2 * sizeof *keys);
          for (int k = 0; k < pt->nside; k++) keys[k] = arena_strdup(ar, pt->side[k].label);
          rp->keys = keys;
          rp->nkeys = (size_t)pt->nside;
          rp->number = pt->nside == 2 ? arena_printf(ar, "%s \xC2\xB7 %s", keys[0], keys[1]) : keys[0]; /* middle dot */
          measured pm = measure_probe(ar, &gs->main, &pt->a, false);
          measured pb = base;
          if (gs->has_base) { /* the baseline of the same part */
            part *bpt;
            HASH_FIND(hh, gs->base.parts, pt->key, strlen(pt->key), bpt);
            acc none = {0};
            pb = measure_probe(ar, &gs->base, bpt ? &bpt->a : &none, false);
          }
          part *un;
          HASH_FIND(hh, gs->main.unsure, pt->key, strlen(pt->key), un);
          if (un) pt->a.unsure = un->a.unsure; /* its rows left out of the group as unknown */
          goal_row(res, g, rp->number, &pm, &pt->a, bp ? &pb : NULL, rp);
        }
        side_ranks(gs->main.parts, o.rows + first_part, o.n - first_part);
      }
      /* the rows may have moved: fill the initiative's row now */
      rep_row *ri = &o.rows[at];
      ri->number = in->number;
      ri->title = in->title;
      ru_outcome oc;
      ru_initiative(in, goal_row_of, &gr, &oc, NULL);
      weighted_too_large(res, &in->rule, &oc, "initiative", in->number);
      rule_row(&in->rule, &oc, &ri->status, &ri->status_label, &ri->weighted, &ri->has_achievement, &ri->achievement);
      ri->comment = in->comment ? in->comment : "";
      ri->source_ref = in->source_ref;
      ri->result = in->result ? in->result : "";
      if (in->rule.agg == AGG_MANUAL)
        ri->result = in->result ? arena_printf(ar, "%s\n%s", in->result, in->rule.manual_reason) : in->rule.manual_reason;
    }
    if (a->rule.count) {
      ru_outcome oc;
      ru_area(a, goal_row_of, &gr, &oc, NULL);
      weighted_too_large(res, &a->rule, &oc, "focus area", a->number);
      rep_row *rr = &o.rows[area_at];
      rule_row(&a->rule, &oc, &rr->status, &rr->status_label, &rr->weighted, &rr->has_achievement, &rr->achievement);
    }
  }
  if (p->rule.count) {
    ru_outcome oc;
    ru_agreement(p, goal_row_of, &gr, &oc, NULL);
    weighted_too_large(res, &p->rule, &oc, "agreement", NULL);
    res->table.has_status = true;
    rule_row(&p->rule, &oc, &res->table.status, &res->table.status_label, &res->table.weighted, &res->table.has_achievement,
             &res->table.achievement);
  }
  free(goal_at);
  res->table.rows = arena_alloc(ar, (o.n ? o.n : 1) * sizeof *o.rows);
  if (o.n) memcpy(res->table.rows, o.rows, o.n * sizeof *o.rows);
  res->table.nrows = o.n;
  free(o.rows);
}

/* The sides of a goal's breakdown, by column in the goal's source and in
 * its baseline's (the checker has made sure the baseline's has them). */
static void by_sides(const goal *g, probe *main, probe *base) {
  int n = 0;
  for (const by_dim *d = g->by_dims; d && n < 2; d = d->next) {
    if (d->col < 0) return; /* not resolved: the checker said why */
    main->by[n] = (by_side){d, d->col};
    if (base) base->by[n] = (by_side){d, !g->base->source ? -1
                                         : g->base->source != g->m->source ? ast_column_index(g->base->source, d->column)
                                                                           : d->col};
    n++;
  }
  main->nby = n;
  if (base) base->nby = n;
  for (int i = 0; base && i < n; i++)
    if (base->by[i].col < 0) base->nby = 0;
}

/* The checks of the extract in the table, each with the goals that read
 * its source: whose measure or baseline is counted on it, or that it
 * assesses (spec §4.7). */
static void checks_table(ast_program *p, eval_result *res) {
  res->table.checks = res->checks;
  for (int i = 0; i < p->ndata; i++) {
    const data_decl *d = p->datav[i];
    if (!d->ncheck) continue;
    const char **goals = arena_alloc(res->a, ((size_t)p->ngoals + 1) * sizeof *goals);
    size_t n = 0;
    for (int k = 0; k < p->ngoals; k++) {
      const goal *g = p->goalv[k];
      bool reads = g->assessed == d || (g->m && g->m->source == d) || (g->base && g->base->source == d);
      if (reads) goals[n++] = g->id;
    }
    for (size_t c = 0; c < d->ncheck; c++) {
      res->checks[res->check_at[i] + c].goals = goals;
      res->checks[res->check_at[i] + c].ngoals = n;
    }
  }
}

eval_result *eval_run(ast_program *p, FILE *err, bool progress) { return eval_run_rows(p, err, progress, false, false); }

/* The result before any pass: a probe per goal measure and baseline. */
static eval_result *eval_start(ast_program *p, FILE *err, bool check_rows, bool digest) {
  eval_result *res = xcalloc(1, sizeof *res);
  res->a = arena_new();
  res->p = p;
  res->err = err;
  res->ngoals = p->ngoals;
  res->goals = xcalloc((size_t)p->ngoals + 1, sizeof *res->goals);
  res->ndata = p->ndata;
  res->indicators = xcalloc((size_t)p->ndata + 1, sizeof *res->indicators);
  res->assessments = xcalloc((size_t)p->ndata + 1, sizeof *res->assessments);
  res->milestones = xcalloc((size_t)p->ndata + 1, sizeof *res->milestones);
  for (int i = 0; i < p->ngoals; i++) {
    goal_state *gs = &res->goals[i];
    goal *g = p->goalv[i];
    gs->g = g;
    if (g->manual || g->assessed || !g->m) continue;
    gs->main = (probe){.m = g->m, .g = g, .exclude_missing = g->exclude_missing};
    if (g->base) {
      gs->has_base = true;
      gs->base = (probe){.m = g->base, .g = g, .is_base = true, .exclude_missing = g->exclude_missing};
    }
    by_sides(g, &gs->main, gs->has_base ? &gs->base : NULL);
  }
  res->table.title = p->title;
  res->table.period = p->period_text;
  res->table.sources = arena_alloc(res->a, (size_t)(p->ndata ? p->ndata : 1) * sizeof(rep_source));
  res->check_rows = check_rows;
  res->digest = digest;
  res->check_at = arena_alloc(res->a, (size_t)(p->ndata + 1) * sizeof *res->check_at);
  size_t nchecks = 0;
  for (int i = 0; i < p->ndata; i++) {
    res->check_at[i] = nchecks;
    nchecks += p->datav[i]->ncheck;
  }
  res->checks = arena_alloc(res->a, (nchecks ? nchecks : 1) * sizeof *res->checks);
  res->table.nchecks = nchecks;
  res->table.nsources = (size_t)p->ndata;
  return res;
}

/* After the passes: indicators looked up, the status table built.  NULL
 * (the result freed) after a pass failed or a number was too large. */
static eval_result *eval_finish(ast_program *p, eval_result *res, bool failed) {
  if (failed) {
    eval_free(res);
    return NULL;
  }
  checks_table(p, res);
  for (int i = 0; i < res->ngoals; i++) {
    lookup_indicator(res->indicators, &res->goals[i].main);
    if (res->goals[i].has_base) lookup_indicator(res->indicators, &res->goals[i].base);
  }
  build_table(p, res);
  if (res->errors) {
    eval_free(res);
    return NULL;
  }
  return res;
}

eval_result *eval_run_rows(ast_program *p, FILE *err, bool progress, bool check_rows, bool digest) {
  eval_result *res = eval_start(p, err, check_rows, digest);
  int failed = 0;
  /* the plan of passes (spec §5.10): a source is read in round 0, and in
     round 1 too when its measures read 'har' state that round 0 builds */
  rel_state *rs = rel_new(p);
  for (int round = 0; round < 2 && !failed; round++)
    for (int i = 0; i < p->ndata; i++) {
      data_decl *d = p->datav[i];
      pass_steps st = rel_round(rs, d, round);
      if (!st.rel && !st.measure) continue;
      rep_source got = {0};
      if (read_source(p, d, res, &got, err, progress, rs, &st) != 0) failed = 1;
      if (!st.measure) continue;
      res->table.sources[i] = got;
    }
  rel_free(rs);
  return eval_finish(p, res, failed);
}

eval_result *eval_run_engine(ast_program *p, FILE *err, eval_reader *read, void *ctx) {
  eval_result *res = eval_start(p, err, false, false);
  int failed = 0;
  for (int i = 0; i < p->ndata; i++) /* every source, so every data error is said in one run */
    if (read(p, p->datav[i], res, &res->table.sources[i], err, ctx) != 0) failed = 1;
  return eval_finish(p, res, failed);
}

const rep_table *eval_table(const eval_result *r) { return &r->table; }

void eval_free(eval_result *r) {
  if (!r) return;
  for (int i = 0; i < r->ngoals; i++) {
    free_probe(&r->goals[i].main);
    free_probe(&r->goals[i].base);
  }
  for (int i = 0; i < r->ndata; i++) {
    free_entries(&r->indicators[i]);
    free_entries(&r->assessments[i]);
    free_entries(&r->milestones[i]);
  }
  free(r->milestones);
  free(r->indicators);
  free(r->assessments);
  free(r->goals);
  arena_free(r->a);
  free(r);
}

/* ---- the details behind one goal ---- */
