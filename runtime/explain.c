/* explain.c — one goal's status, told step by step in Danish or English. */
#include "explain.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "eval.h"
#include "rollup.h"

typedef struct {
  const xpl_options *o;
  buf *b;
  const char *period; /* the agreement's period, for a target carried forward */
} writer;

/* Pick the Danish or the English wording. */
#define L(w, da, en) ((w)->o->english ? (en) : (da))

static void put_num(buf *b, num v, int dec) {
  char s[64];
  num_format_da(v, dec, s, sizeof s);
  buf_adds(b, s);
}

static int decimals(num v) { return num_decimals(v, 3); }

static void put_count(writer *w, int64_t n) {
  put_num(w->b, num_int(n), 0);
  buf_adds(w->b, n == 1 ? L(w, " række", " row") : L(w, " rækker", " rows"));
}

static void put_missing(writer *w, const eval_step *s) {
  buf_adds(w->b, L(w, ", fordi ", ", because "));
  for (size_t i = 0; i < s->nmissing; i++) {
    if (i) buf_adds(w->b, i + 1 == s->nmissing ? L(w, " eller ", " or ") : ", ");
    buf_printf(w->b, "%s %s (", s->missing[i].column, L(w, "mangler", "is missing"));
    put_num(w->b, num_int(s->missing[i].rows), 0);
    buf_addc(w->b, ')');
  }
}

static void put_ids(writer *w, const char *label, char **ids, size_t n) {
  buf_printf(w->b, "%s (%zu):", label, n);
  for (size_t i = 0; i < n; i++) buf_printf(w->b, " %s", ids[i]);
  buf_addc(w->b, '\n');
}

static const rep_row *row_of(const rep_table *t, const char *id) {
  for (size_t i = 0; i < t->nrows; i++)
    if (t->rows[i].kind == ROW_GOAL && !strcmp(t->rows[i].number, id)) return &t->rows[i];
  return NULL;
}

static void steps(writer *w, const diag *dg, const goal *g, const eval_detail *det) {
  const data_decl *d = det->source;
  buf_printf(w->b, "%s %s (%s): ", L(w, "Data:", "Data:"), d->name, d->resolved_path);
  put_count(w, det->rows);
  buf_adds(w->b, ".\n");
  for (size_t s = 0; s < det->nsteps; s++) {
    const eval_step *st = &det->steps[s];
    bool last = s + 1 == det->nsteps;
    if (last && !st->cond) break;
    if (!last) buf_printf(w->b, "%s %s", L(w, "Målgruppe", "Group"), st->what);
    else buf_adds(w->b, L(w, "Målingens betingelse", "The measure's condition"));
    if (st->cond) {
      buf_adds(w->b, ": ");
      diag_text(dg, st->cond->sp, w->b);
    }
    buf_adds(w->b, L(w, ". Af ", ". Of "));
    put_count(w, st->asked);
    buf_adds(w->b, last ? L(w, " i målgruppen opfylder ", " in the group, ") : L(w, " er ", ", "));
    put_num(w->b, num_int(st->yes), 0);
    bool one = st->yes == 1; /* English: "1 is in it", "2 are in it" */
    buf_adds(w->b, last ? L(w, " betingelsen", one ? " meets the condition" : " meet the condition")
                        : L(w, " med", one ? " is in it" : " are in it"));
    if (st->unknown) {
      buf_adds(w->b, L(w, "; ", "; "));
      put_count(w, st->unknown);
      buf_adds(w->b, last ? L(w, " kan ikke afgøres", " cannot be decided")
                          : L(w, " er udeladt", st->unknown == 1 ? " is left out" : " are left out"));
      put_missing(w, st);
    }
    buf_adds(w->b, ".\n");
  }
  if (det->value_missing) {
    buf_adds(w->b, L(w, "Værdien mangler i ", "The value is missing in "));
    put_count(w, det->value_missing);
    buf_adds(w->b, L(w, "; de er udeladt af beregningen.\n", "; they are left out of the computation.\n"));
  }
  (void)g;
}

/* What a ratio divides (§7.11), and what it leaves out. */
static void ratio_terms(writer *w, const measure *m, int64_t left_out) {
  const char *cols[2] = {m->num_col, m->den_col};
  buf_adds(w->b, L(w, "Forholdet er ", "The ratio is "));
  for (int i = 0; i < 2; i++) {
    if (i) buf_adds(w->b, " / ");
    if (cols[i]) buf_printf(w->b, "sum %s", cols[i]);
    else buf_adds(w->b, L(w, "antal rækker", "the number of rows"));
  }
  buf_adds(w->b, L(w, " × 100, over de samme rækker.\n", " × 100, over the same rows.\n"));
  if (left_out)
    buf_adds(w->b, L(w, "Rækker, hvor betingelsen ikke kan afgøres eller en værdi mangler, er udeladt af både tæller og nævner.\n",
                        "Rows where the condition cannot be decided or a value is missing are left out of numerator and denominator.\n"));
}

/* A number of the target as explain writes it. */
static const char *target_num(writer *w, num v, char *out, size_t cap) {
  (void)w;
  num_format_da(v, decimals(v), out, cap);
  return out;
}

/* "Krav: over 85 (85 selv er ikke med)." — the target, the kind of its
 * ends, and the period it was set for when that is an earlier one (§8.8). */
static void target_line(writer *w, const goal *g, const rep_numbers *n, bool pct) {
  const target *t = g->t;
  char lo[64], hi[64];
  bool en = w->o->english;
  bool change = t->cmp == C_REDUCE || t->cmp == C_INCREASE || t->cmp == C_MAINTAIN;
  target shown = *t;
  if (change) shown.cmp = t->cmp == C_REDUCE ? C_AT_MOST : C_AT_LEAST; /* the level computed from the baseline */
  if (shown.cmp == C_ABOUT && shown.side_eff == SIDE_BOTH) shown.side_eff = shown.side = SIDE_DEFAULT; /* 'ca. 100' */
  const char *a = n->range_no_lo ? NULL : target_num(w, n->target, lo, sizeof lo);
  const char *b = t->cmp == C_BETWEEN || (t->cmp == C_RANGE && !n->range_no_hi) ? target_num(w, n->target_high, hi, sizeof hi) : NULL;
  if (t->cmp == C_RANGE && n->range_no_lo) a = NULL;
  buf_adds(w->b, L(w, "Krav: ", "Target: "));
  /* the unit after the numbers: "mindst 90 %", "(85..100] %", "højst 40 dage", "mindst 1 person" */
  bool single = !b && a && num_cmp(num_abs(n->target), num_int(1)) == 0;
  ast_target_words(&shown, a, b, NULL, pct ? "%" : ast_unit_word(g->unit, !en, single), en, w->b);
  if (change && n->has_baseline) { /* "(beregnet fra basis: 2 + 100)" */
    char bv[64], amount[64];
    num_format_da(n->baseline, decimals(n->baseline), bv, sizeof bv);
    num_format_da(t->v, decimals(t->v), amount, sizeof amount);
    buf_printf(w->b, L(w, " (beregnet fra basis: %s", " (computed from the baseline: %s"), bv);
    if (t->cmp != C_MAINTAIN)
      buf_printf(w->b, " %s %s%s", t->cmp == C_REDUCE ? "−" : "+", amount, t->relative ? L(w, " % af basis", " % of the baseline") : "");
    buf_adds(w->b, ")");
  } else if (change) {
    buf_adds(w->b, L(w, " (beregnet fra basis)", " (computed from the baseline)"));
  }
  /* which ends are in: only where one is left out */
  bool lo_open = t->cmp == C_OVER || (t->cmp == C_RANGE && a && t->lo_open);
  bool hi_open = t->cmp == C_UNDER || (t->cmp == C_RANGE && b && t->hi_open);
  const char *one = t->cmp == C_UNDER ? a : NULL;
  if (t->cmp == C_OVER) one = a;
  if (t->cmp == C_RANGE) one = lo_open ? a : hi_open ? b : NULL;
  if (t->cmp == C_RANGE && a && b && (lo_open || hi_open)) {
    buf_printf(w->b, en ? " (%s is %s, %s is %s)" : " (%s er %s, %s er %s)", a,
               lo_open ? (en ? "not included" : "ikke med") : (en ? "included" : "med"), b,
               hi_open ? (en ? "not included" : "ikke med") : (en ? "included" : "med"));
  } else if (one && (lo_open || hi_open)) {
    buf_printf(w->b, en ? " (%s itself is not enough)" : " (%s selv er ikke nok)", one);
  }
  if (t->cmp == C_ABOUT && t->side_eff != SIDE_BOTH && t->side == SIDE_DEFAULT)
    buf_adds(w->b, L(w, " (ca. om et antal betyder ca. eller flere: et resultat over kravet er altid nok)",
                        " (about on a count means about or more: a result above the target is always enough)"));
  buf_adds(w->b, ".\n");
  if (t->carried) {
    const char *now = w->period ? w->period : "";
    buf_printf(w->b, en ? "The target for %s also holds for %s (target … from %s).\n"
                        : "Kravet for %s gælder også %s (krav … fra %s).\n", t->carried, now, t->carried);
  }
}

/* The period an indicator is looked up for: as written, and its value
 * when that is a parameter or a sum (the checker has made it a text). */
static void put_period(writer *w, const diag *dg, const expr *e) {
  size_t at = w->b->len;
  diag_text(dg, e->sp, w->b);
  if (e->kind == E_STR && strcmp(buf_str(w->b) + at, e->lit.u.t.s) != 0) buf_printf(w->b, " = %s", e->lit.u.t.s);
}

/* How the number is made, before it is given (§7): the measure as written;
 * for an indicator, the row it is read from. */
static void measure_line(writer *w, const diag *dg, const goal *g) {
  const measure *m = g->m;
  buf_adds(w->b, L(w, "Måling: ", "Measure: "));
  diag_text(dg, m->sp, w->b);
  buf_adds(w->b, ".\n");
  if (m->kind == M_INDICATOR && m->source) {
    buf_printf(w->b, L(w, "Tallet er værdien i %s i rækken med indikator \"%s\"", "The number is the value in %s in the row with indicator \"%s\""),
               m->source->name, m->indicator);
    if (m->period) {
      buf_adds(w->b, L(w, " og periode ", " and period "));
      put_period(w, dg, m->period);
    }
    buf_adds(w->b, ".\n");
  }
}

/* 'average over COL' (§7.10): what was averaged. */
static void over_line(writer *w, const char *col, int64_t n, int64_t skipped, const char *what) {
  buf_printf(w->b, L(w, "%s er et gennemsnit over %lld værdier af %s: målingen regnet for hver værdi for sig, lagt sammen og delt med %lld",
                        "%s is an average over %lld values of %s: the measure computed for each value on its own, added up and divided by %lld"),
             what, (long long)n, col, (long long)n);
  if (skipped)
    buf_printf(w->b, L(w, "; %lld værdier uden et tal er udeladt", "; %lld values without a number are left out"), (long long)skipped);
  buf_adds(w->b, ".\n");
}

static void numbers(writer *w, const diag *dg, const goal *g, const rep_row *row) {
  const rep_numbers *n = row->nums;
  bool pct = g->m->kind == M_SHARE || (g->unit && !strcmp(g->unit, "pct"));
  if (!n->has_value) {
    buf_printf(w->b, "%s %s\n", L(w, "Resultat:", "Result:"), row->result);
    return;
  }
  buf_adds(w->b, L(w, "Resultat: ", "Result: "));
  if (n->has_ratio) {
    put_num(w->b, n->numerator, num_decimals(n->numerator, 9));
    buf_adds(w->b, L(w, " af ", " of "));
    put_num(w->b, n->denominator, num_decimals(n->denominator, 9));
    buf_adds(w->b, L(w, ", svarende til ", ", that is "));
  }
  put_num(w->b, n->value, decimals(n->value));
  if (pct) buf_adds(w->b, " %");
  buf_adds(w->b, ".\n");
  if (g->m->over && n->over_n) over_line(w, g->m->over, n->over_n, n->over_skipped, L(w, "Resultatet", "The result"));
  if (n->has_ratio && g->m->kind == M_SHARE) {
    int64_t undecided = n->left_out;
    if (g->exclude_missing)
      buf_adds(w->b, L(w, "Rækker uden oplysning er udeladt af både tæller og nævner (udelad mangler).\n",
                          "Rows without the information are left out of numerator and denominator (exclude missing).\n"));
    else if (undecided)
      buf_adds(w->b, L(w, "Rækker, hvor betingelsen ikke kan afgøres, tæller med i nævneren, men ikke i tælleren.\n",
                          "Rows where the condition cannot be decided count in the denominator, not in the numerator.\n"));
  }
  if (g->m->kind == M_RATIO) ratio_terms(w, g->m, n->left_out);
  if (n->has_baseline) {
    buf_adds(w->b, L(w, "Basis: ", "Baseline: "));
    put_num(w->b, n->baseline, decimals(n->baseline));
    if (pct) buf_adds(w->b, " %");
    if (g->base) { /* the baseline's own measure, as written (§8.6) */
      buf_adds(w->b, " (");
      diag_text(dg, g->base->sp, w->b);
      buf_adds(w->b, ")");
    } else {
      buf_adds(w->b, L(w, " (givet i reglerne)", " (given in the rules)"));
    }
    buf_adds(w->b, ".\n");
    if (g->base && g->base->over && n->base_over_n)
      over_line(w, g->base->over, n->base_over_n, n->base_over_skipped, L(w, "Basis", "The baseline"));
  }
  target_line(w, g, n, pct);
  if (!n->has_achievement) {
    buf_adds(w->b, L(w, "Målopfyldelse: over 100 %.\n", "Achievement: over 100 %.\n"));
    return;
  }
  buf_adds(w->b, L(w, "Målopfyldelse: ", "Achievement: "));
  if (n->just_under) {
    buf_adds(w->b, L(w, "lige under 100 % (resultatet ligger præcis på kravets åbne grænse, som ikke er med).\n",
                        "just under 100 % (the result is exactly on the target's open end, which is not included).\n"));
    return;
  }
  put_num(w->b, n->achievement, 1);
  buf_adds(w->b, " %");
  cmp_kind ck = g->t->cmp;
  if (ck == C_RANGE && !(g->t->value && g->t->high)) ck = g->t->value ? C_AT_LEAST : C_AT_MOST; /* one end */
  if (ck == C_OVER) ck = C_AT_LEAST;
  if (ck == C_UNDER) ck = C_AT_MOST;
  bool progress = n->has_baseline && (ck == C_REDUCE || ck == C_INCREASE || ck == C_AT_LEAST || ck == C_AT_MOST) &&
                  num_cmp(n->target, n->baseline) != 0;
  bool held_in_place = n->has_baseline && (ck == C_AT_LEAST || ck == C_AT_MOST || ck == C_REDUCE || ck == C_INCREASE) &&
                       num_cmp(n->target, n->baseline) == 0 && num_is_zero(n->achievement);
  if (progress)
    buf_adds(w->b, L(w, " (hvor langt resultatet er nået fra basis mod kravet)", " (how far the result came from the baseline toward the target)"));
  else if (held_in_place) /* the target is the baseline: a move away from it is 0 % (§8.5) */
    buf_adds(w->b, L(w, " (kravet er basis selv, og et resultat, der ikke holder det, er 0 %)", " (the target is the baseline itself, and a result that does not hold it is 0 %)"));
  else if (ck == C_AT_MOST)
    buf_adds(w->b, L(w, " (kravet delt med resultatet)", " (the target divided by the result)"));
  else if (ck == C_AT_LEAST)
    buf_adds(w->b, L(w, " (resultatet delt med kravet)", " (the result divided by the target)"));
  buf_adds(w->b, ".\n");
}

static void put_scheme(writer *w, const scheme_decl *s) {
  buf_printf(w->b, "%s %s:", L(w, "Statusskema", "Status scheme"), s->name);
  for (int r = ROLE_MET; r <= ROLE_NOT_MET; r++) {
    if (!s->has[r]) continue;
    buf_printf(w->b, " \"%s\"", s->label[r]);
    if (s->has_from[r]) {
      buf_adds(w->b, s->from_open[r] ? L(w, " over ", " above ") : L(w, " fra ", " from "));
      put_num(w->b, s->from[r], decimals(s->from[r]));
      buf_adds(w->b, " %");
    }
    if (s->has_below[r]) {
      buf_adds(w->b, s->below_closed[r] ? L(w, " til ", " to ") : L(w, " under ", " below "));
      put_num(w->b, s->below[r], decimals(s->below[r]));
      buf_adds(w->b, " %");
    }
    if (!s->has_from[r] && !s->has_below[r]) buf_adds(w->b, L(w, " ellers", " otherwise"));
    buf_addc(w->b, r < ROLE_NOT_MET ? ';' : '.');
  }
  buf_addc(w->b, '\n');
}

static void scheme(writer *w, const goal *g, const rep_row *row) {
  put_scheme(w, g->scheme);
  buf_printf(w->b, "%s \"%s\".\n", L(w, "Det giver", "That gives"), row->status_label);
}

/* ---- initiatives, focus areas and the agreement (spec §9.5, §9.7 to §9.9) ---- */

static void put_pct(writer *w, num v) { /* an achievement: never across a bound (§10.2) */
  v = num_shown(v, 3);
  put_num(w->b, v, decimals(v));
  buf_adds(w->b, " %");
}

static const rep_row *goal_row(void *ctx, const goal *g) { return row_of(ctx, g->id); }

/* A member's line: its name and status, and under a weighted rule its
   achievement (capped at 100 %) times its weight. */
static void member_line(writer *w, const status_rule *r, const char *name, const ru_member *m, const rep_row *grow) {
  static const char *const da[] = {"opfyldt", "delvist opfyldt", "ikke opfyldt", "kan ikke opgøres"};
  static const char *const en[] = {"met", "partly met", "not met", "unknown"};
  buf_printf(w->b, "  %s: %s", name, w->o->english ? en[m->r] : da[m->r]);
  if (r->agg == AGG_WEIGHTED) {
    buf_adds(w->b, L(w, "; målopfyldelse ", "; achievement "));
    const rep_numbers *n = grow ? grow->nums : NULL;
    if (!m->scored) {
      buf_adds(w->b, L(w, "ukendt", "unknown"));
    } else if (num_cmp(m->lo, m->hi) != 0) {
      put_pct(w, m->lo);
      buf_adds(w->b, L(w, " til ", " to "));
      put_pct(w, m->hi);
    } else if (n && n->has_achievement && num_cmp(n->achievement, m->lo) != 0) {
      put_pct(w, n->achievement);
      buf_adds(w->b, L(w, ", regnet som ", ", counted as "));
      put_pct(w, m->lo);
    } else if (n && !n->has_achievement && n->measure && !strcmp(n->measure, "done")) {
      put_pct(w, m->lo);
      buf_adds(w->b, L(w, " (en milepæl: opfyldt 100 %, ellers 0 %)", " (a milestone: met 100 %, else 0 %)"));
    } else {
      put_pct(w, m->lo);
    }
    buf_adds(w->b, L(w, " × vægt ", " × weight "));
    put_num(w->b, m->weight, decimals(m->weight));
  }
  buf_addc(w->b, '\n');
}

/* The verdict of a rule over its members, with the sums of a weighted rule. */
static void verdict(writer *w, const status_rule *r, const ru_outcome *oc, const char *label, const char *members) {
  if (r->agg == AGG_ANY || r->agg == AGG_ATLEAST) {
    buf_printf(w->b, L(w, "Opfyldt: %d, delvist opfyldt: %d, ikke opfyldt: %d, kan ikke opgøres: %d.\n",
                          "Met: %d, partly met: %d, not met: %d, unknown: %d.\n"),
               oc->count[ROLE_MET], oc->count[ROLE_PARTLY], oc->count[ROLE_NOT_MET], oc->count[ROLE_UNKNOWN]);
    if (r->agg == AGG_ANY)
      buf_printf(w->b, L(w, "Opfyldt, når et af %s er opfyldt; ellers delvist opfyldt, når et er delvist opfyldt.\n",
                            "Met when at least one of the %s is met; else partly met when at least one is partly met.\n"), members);
    else
      buf_printf(w->b, L(w, "Opfyldt, når mindst %d er opfyldt; delvist opfyldt, når mindst %d er opfyldt eller delvist opfyldt.\n",
                            "Met when at least %d are met; partly met when at least %d are met or partly met.\n"), r->k, r->k);
  }
  if (r->agg == AGG_WEIGHTED && oc->n) {
    if (!oc->scored) {
      buf_adds(w->b, L(w, "Den vægtede målopfyldelse kan ikke beregnes.\n", "The weighted achievement cannot be computed.\n"));
    } else {
      buf_adds(w->b, L(w, "Vægtet målopfyldelse: summen af målopfyldelse × vægt delt med summen af vægtene (", "Weighted achievement: the sum of achievement × weight divided by the sum of the weights ("));
      put_num(w->b, oc->wsum, decimals(oc->wsum));
      buf_adds(w->b, L(w, ") = ", ") = "));
      put_pct(w, oc->lo);
      if (num_cmp(oc->lo, oc->hi) != 0) {
        buf_adds(w->b, L(w, " til ", " to "));
        put_pct(w, oc->hi);
      }
      buf_adds(w->b, ".\n");
      put_scheme(w, r->sch);
    }
  }
  if (oc->best_worst) {
    if (oc->best == oc->worst)
      buf_printf(w->b, L(w, "Det, der ikke kan opgøres, kan ikke ændre udfaldet: det er \"%s\" uanset.\n",
                            "What cannot be computed cannot change the outcome: it is \"%s\" either way.\n"), r->sch->label[oc->best]);
    else
      buf_printf(w->b, L(w, "Det, der ikke kan opgøres, kan ændre udfaldet: i bedste fald \"%s\", i værste \"%s\".\n",
                            "What cannot be computed could change the outcome: at best \"%s\", at worst \"%s\".\n"),
                 r->sch->label[oc->best], r->sch->label[oc->worst]);
  }
  if (!oc->n && r->agg != AGG_MANUAL)
    buf_printf(w->b, L(w, "Der er ingen af %s at opgøre.\n", "There are no %s to judge.\n"), members);
  buf_printf(w->b, "%s \"%s\".\n", L(w, "Det giver", "That gives"), label);
}

static void rule_head(writer *w, const status_rule *r, bool asked) {
  char words[512];
  buf_printf(w->b, "%s status %s%s.\n", L(w, "Regel:", "Rule:"), ast_rule_words(r, w->o->english, words, sizeof words),
             asked ? "" : L(w, " (standard)", " (the default)"));
  if (r->agg == AGG_MANUAL)
    buf_adds(w->b, L(w, "Status er angivet i reglerne, med en begrundelse.\n", "The status is stated in the rules, with a reason.\n"));
}

/* The goals named in 'status mål a og b' (or not named), "1.1-a og 1.1-b". */
static int goal_list(writer *w, buf *b, const initiative *in, bool named) {
  int n = 0, k = 0;
  for (const goal *g = in->goals; g; g = g->next) {
    bool is = false;
    for (int j = 0; j < in->rule.ngoals; j++) is |= in->rule.targets[j] == g;
    n += is == named;
  }
  for (const goal *g = in->goals; g; g = g->next) {
    bool is = false;
    for (int j = 0; j < in->rule.ngoals; j++) is |= in->rule.targets[j] == g;
    if (is != named) continue;
    if (k++) buf_adds(b, k == n ? L(w, " og ", " and ") : ", ");
    buf_adds(b, g->id);
  }
  return n;
}

/* Under 'status mål a og b': which goals count (by the rule 'alle') and which do not. */
static void goals_that_count(writer *w, const initiative *in) {
  buf yes = {0}, no = {0};
  goal_list(w, &yes, in, true);
  int out = goal_list(w, &no, in, false);
  buf_printf(w->b, L(w, "Målene %s tæller med, efter reglen alle", "Goals %s count, by the rule all"), buf_str(&yes));
  if (out == 1) buf_printf(w->b, L(w, "; mål %s tæller ikke med", "; goal %s does not"), buf_str(&no));
  else if (out > 1) buf_printf(w->b, L(w, "; målene %s tæller ikke med", "; goals %s do not"), buf_str(&no));
  buf_adds(w->b, ".\n");
  buf_free(&yes);
  buf_free(&no);
}

static void explain_initiative(writer *w, const rep_table *t, const initiative *in, const rep_row *row) {
  buf_printf(w->b, "%s %s: %s\nStatus: %s\n", L(w, "Indsats", "Initiative"), in->number, in->title, row->status_label);
  if (in->weight.count) {
    buf_adds(w->b, L(w, "Vægt: ", "Weight: "));
    put_num(w->b, in->weight.w, decimals(in->weight.w));
    buf_addc(w->b, '\n');
  }
  buf_addc(w->b, '\n');
  rule_head(w, &in->rule, in->rule.count > 0);
  size_t n = 0;
  for (const goal *g = in->goals; g; g = g->next) n++;
  ru_member *m = xcalloc(n + 1, sizeof *m);
  ru_outcome oc;
  ru_initiative(in, goal_row, (void *)t, &oc, m);
  size_t i = 0;
  for (const goal *g = in->goals; g; g = g->next, i++) {
    buf nm = {0};
    buf_printf(&nm, "%s %s", g->id, g->title);
    member_line(w, &in->rule, buf_str(&nm), &m[i], row_of(t, g->id));
    buf_free(&nm);
  }
  if (in->rule.agg == AGG_GOAL && in->rule.ngoals == 1)
    buf_printf(w->b, L(w, "Indsatsen har status som mål %s.\n", "The initiative has the status of goal %s.\n"), in->rule.targets[0]->id);
  else if (in->rule.agg == AGG_GOAL)
    goals_that_count(w, in);
  verdict(w, &in->rule, &oc, row->status_label, L(w, "målene", "goals"));
  free(m);
}


static void put_date(buf *b, int32_t days) {
  char da[11];
  eval_date_da(days, da);
  buf_adds(b, da);
}

/* A milestone (§8.9): its row, its date against the deadline. */
static int milestone(writer *w, ast_program *p, const goal *g, const rep_row *row, FILE *err) {
  eval_milestone ms;
  if (eval_milestone_row(p, g, &ms, err) != 0) return 2;
  const data_decl *d = g->m->source;
  buf_printf(w->b, "Data: %s (%s): ", d->name, d->resolved_path);
  put_count(w, ms.rows);
  buf_adds(w->b, ".\n");
  if (!ms.found) {
    buf_printf(w->b, L(w, "Tabellen har ingen række for mål %s, så målet kan ikke opgøres.\n",
                          "The table has no row for goal %s, so the goal cannot be computed.\n"), g->id);
    buf_printf(w->b, "%s \"%s\".\n", L(w, "Det giver", "That gives"), row->status_label);
    return 0;
  }
  buf_printf(w->b, L(w, "Rækken for mål %s står på linje %u", "The row of goal %s is on line %u"), g->id, ms.line);
  if (ms.done) {
    buf_adds(w->b, L(w, "; færdig ", "; done on "));
    put_date(w->b, ms.date);
  } else {
    buf_adds(w->b, L(w, "; faerdig er tom: ikke færdig", "; faerdig is empty: not done"));
  }
  buf_adds(w->b, L(w, ".\nKrav: senest ", ".\nTarget: by "));
  put_date(w->b, g->t->deadline);
  buf_adds(w->b, ".\n");
  if (!ms.done) buf_adds(w->b, L(w, "Ikke færdig, så målet er ikke opfyldt", "Not done, so the goal is not met"));
  else if (ms.date <= g->t->deadline) buf_adds(w->b, L(w, "Færdig inden fristen, så målet er opfyldt", "Done by the deadline, so the goal is met"));
  else buf_adds(w->b, L(w, "Færdig efter fristen, så målet er ikke opfyldt", "Done after the deadline, so the goal is not met"));
  buf_adds(w->b, L(w, " (statusskemaets grænser gælder ikke for en milepæl).\n", " (a status scheme's bounds do not apply to a milestone).\n"));
  buf_printf(w->b, "%s \"%s\".\n", L(w, "Det giver", "That gives"), row->status_label);
  return 0;
}

static void explain_area(writer *w, const rep_table *t, const area *a, const rep_row *row) {
  buf_printf(w->b, "%s %s: %s\n", L(w, "Indsatsområde", "Focus area"), a->number, a->title);
  if (!a->rule.count) {
    buf_adds(w->b, L(w, "Reglerne beder ikke om en status for indsatsområdet (status … i indsatsområde { }).\n",
                        "The rules ask for no status of the focus area ('status …' inside 'area { }').\n"));
    return;
  }
  buf_printf(w->b, "Status: %s\n", row->status_label);
  if (a->weight.count) {
    buf_adds(w->b, L(w, "Vægt: ", "Weight: "));
    put_num(w->b, a->weight.w, decimals(a->weight.w));
    buf_addc(w->b, '\n');
  }
  buf_addc(w->b, '\n');
  rule_head(w, &a->rule, true);
  size_t n = 0;
  for (const initiative *in = a->inits; in; in = in->next) n++;
  ru_member *m = xcalloc(n + 1, sizeof *m);
  ru_outcome oc;
  ru_area(a, goal_row, (void *)t, &oc, m);
  size_t i = 0;
  for (const initiative *in = a->inits; in; in = in->next, i++) {
    buf nm = {0};
    buf_printf(&nm, "%s %s", in->number, in->title);
    member_line(w, &a->rule, buf_str(&nm), &m[i], NULL);
    buf_free(&nm);
  }
  if (a->rule.agg == AGG_WEIGHTED)
    buf_adds(w->b, L(w, "En indsats' målopfyldelse er det vægtede gennemsnit af dens måls, hver højst 100 %.\n",
                        "An initiative's achievement is the weighted mean of its goals', each at most 100 %.\n"));
  verdict(w, &a->rule, &oc, row->status_label, L(w, "indsatserne", "initiatives"));
  free(m);
}

static void explain_agreement(writer *w, const ast_program *p, const rep_table *t) {
  buf_printf(w->b, "%s %s\n", L(w, "Aftale:", "Agreement:"), p->title ? p->title : "");
  if (!p->rule.count) {
    buf_adds(w->b, L(w, "Reglerne beder ikke om en samlet status for aftalen (status … uden for indsatsområderne).\n",
                        "The rules ask for no status of the whole agreement ('status …' outside the areas).\n"));
    return;
  }
  buf_printf(w->b, "Status: %s\n\n", t->status_label);
  rule_head(w, &p->rule, true);
  size_t n = 0;
  for (const area *a = p->areas; a; a = a->next) n++;
  ru_member *m = xcalloc(n + 1, sizeof *m);
  ru_outcome oc;
  ru_agreement(p, goal_row, (void *)t, &oc, m);
  size_t i = 0;
  for (const area *a = p->areas; a; a = a->next, i++) {
    buf nm = {0};
    buf_printf(&nm, "%s %s %s", L(w, "Indsatsområde", "Focus area"), a->number, a->title);
    member_line(w, &p->rule, buf_str(&nm), &m[i], NULL);
    buf_free(&nm);
  }
  if (p->rule.agg == AGG_WEIGHTED)
    buf_adds(w->b, L(w, "Et indsatsområdes målopfyldelse er det vægtede gennemsnit af dets indsatsers; en indsats' er det af dens måls, hver højst 100 %.\n",
                        "A focus area's achievement is the weighted mean of its initiatives'; an initiative's is that of its goals', each at most 100 %.\n"));
  verdict(w, &p->rule, &oc, t->status_label, L(w, "indsatsområderne", "areas"));
  free(m);
}

static const rep_row *row_kind(const rep_table *t, rep_kind k, const char *number) {
  for (size_t i = 0; i < t->nrows; i++)
    if (t->rows[i].kind == k && !strcmp(t->rows[i].number, number)) return &t->rows[i];
  return NULL;
}

/* 'aftale', 'område:N' or an initiative's number: 1 when explained, 0
   when id names none of them, 3 for an area that is not there. */
static int explain_above(writer *w, ast_program *p, const rep_table *t, const char *id, FILE *err) {
  if (!strcmp(id, "aftale") || !strcmp(id, "agreement")) {
    explain_agreement(w, p, t);
    return 1;
  }
  const char *no = !strncmp(id, "område:", strlen("område:")) ? id + strlen("område:")
                   : !strncmp(id, "area:", 5)                 ? id + 5
                                                              : NULL;
  if (no) {
    for (const area *a = p->areas; a; a = a->next)
      if (!strcmp(a->number, no)) {
        const rep_row *row = row_kind(t, ROW_AREA, a->number);
        if (!row) break;
        explain_area(w, t, a, row);
        return 1;
      }
    fprintf(err, T("maal: the agreement has no focus area '%s'; its areas are:"), no);
    for (const area *a = p->areas; a; a = a->next) fprintf(err, " %s", a->number);
    fprintf(err, "\n");
    return 3;
  }
  for (const area *a = p->areas; a; a = a->next)
    for (const initiative *in = a->inits; in; in = in->next)
      if (!strcmp(in->number, id)) {
        const rep_row *row = row_kind(t, ROW_INITIATIVE, in->number);
        if (!row) return 0;
        explain_initiative(w, t, in, row);
        return 1;
      }
  return 0;
}

/* The breakdown (spec §11): its sides, each part's status and result. */
static void breakdown(writer *w, const goal *g, const rep_table *t, const rep_row *row) {
  static const char *const fn_da[] = {"", "måned af ", "kvartal af ", "år af "};
  static const char *const fn_en[] = {"", "month of ", "quarter of ", "year of "};
  buf_adds(w->b, L(w, "\nOpdeling: per ", "\nBreakdown: by "));
  for (const by_dim *d = g->by_dims; d; d = d->next) {
    if (d != g->by_dims) buf_adds(w->b, L(w, " og ", " and "));
    if (d->banding) buf_printf(w->b, "%s = ", d->banding);
    buf_printf(w->b, "%s%s", L(w, fn_da[d->fn], fn_en[d->fn]), d->column);
    if (d->set) {
      buf_adds(w->b, " (");
      for (size_t i = 0; i < d->set->n; i++) {
        const band *bd = d->set->v[i];
        if (bd->label) buf_printf(w->b, "%s\"%s\" %s", i ? ", " : "", bd->label, bd->ends);
        else buf_printf(w->b, "%s%s", i ? ", " : "", bd->ends);
      }
      buf_adds(w->b, ")");
    }
  }
  bool bands = false;
  for (const by_dim *d = g->by_dims; d; d = d->next) bands |= d->set != NULL;
  if (bands)
    buf_adds(w->b, L(w, ". En værdi uden for alle bånd er i delen \"" BANDS_OTHER "\"",
                        ". A value in no band is in the part \"" BANDS_OTHER "\""));
  size_t n = 0;
  for (const rep_row *r = row + 1; r < t->rows + t->nrows && r->kind == ROW_PART; r++) n++;
  buf_printf(w->b, L(w, ". %zu dele; de er til orientering: målets status er regnet af alle dets rækker.\n",
                        ". %zu parts; they are for information: the goal's status comes from all its rows.\n"), n);
  for (const rep_row *r = row + 1; r < t->rows + t->nrows && r->kind == ROW_PART; r++)
    buf_printf(w->b, "  %s: %s%s%s\n", r->number, r->status_label, *r->result ? ", " : "", r->result);
}

int xpl_explain(ast_program *p, const rep_table *t, const diag *dg, const char *id, const xpl_options *o,
                FILE *out, FILE *err) {
  const goal *g = NULL;
  for (int i = 0; i < p->ngoals; i++)
    if (!strcmp(p->goalv[i]->id, id)) g = p->goalv[i];
  const rep_row *row = row_of(t, id);
  if (!g || !row) {
    buf ab = {0};
    writer aw = {o, &ab, p->period_text};
    int above = explain_above(&aw, p, t, id, err);
    if (above == 1) fwrite(buf_str(&ab), 1, ab.len, out);
    buf_free(&ab);
    if (above) return above == 1 ? 0 : 3;
    fprintf(err, T("maal: the agreement has no goal '%s'; its goals are:"), id);
    for (int i = 0; i < p->ngoals; i++) fprintf(err, " %s", p->goalv[i]->id);
    fprintf(err, "\n");
    return 3;
  }
  buf b = {0};
  writer w = {o, &b, p->period_text};
  buf_printf(&b, "%s %s: %s\n", L(&w, "Mål", "Goal"), g->id, g->title);
  buf_printf(&b, "Status: %s\n", row->status_label);
  for (const goal_item *it = g->items; it; it = it->next)
    if (it->kind == GI_WEIGHT) {
      buf_adds(&b, L(&w, "Vægt: ", "Weight: "));
      put_num(&b, g->weight, decimals(g->weight));
      buf_addc(&b, '\n');
      break;
    }
  buf_addc(&b, '\n');
  if (g->manual || g->assessed) {
    buf_printf(&b, "%s\n", g->manual ? L(&w, "Status er angivet i reglerne, med begrundelsen:", "The status is stated in the rules, with the reason:")
                                     : L(&w, "Status er vurderet i tabellen af vurderinger, med begrundelsen:", "The status is assessed in the table of assessments, with the reason:"));
    buf_printf(&b, "%s\n", row->result);
  } else if (g->m && g->m->kind == M_DONE) {
    int rc = milestone(&w, p, g, row, err);
    if (rc) {
      buf_free(&b);
      return rc;
    }
  } else {
    eval_detail *det = eval_details(p, g, o->rows, err);
    if (!det) {
      buf_free(&b);
      return 2;
    }
    steps(&w, dg, g, det);
    measure_line(&w, dg, g);
    numbers(&w, dg, g, row);
    if (row->nums && row->nums->has_value) scheme(&w, g, row);
    else buf_printf(&b, "%s\n", L(&w, "Målet kan ikke opgøres, så det får status \"Kan ikke opgøres\".", "The goal cannot be computed, so its status is unknown."));
    if (g->by_dims) breakdown(&w, g, t, row);
    if (o->rows) {
      if (!det->id_column) {
        buf_adds(&b, L(&w, "\nKilden har ingen kolonne at nævne rækkerne ved.\n", "\nThe source has no column to name the rows by.\n"));
      } else {
        buf_printf(&b, "\n%s %s:\n", L(&w, "Rækkerne i målgruppen, ved", "The rows of the group, by"), det->id_column);
        put_ids(&w, L(&w, "Talt med", "Counted"), det->counted, det->ncounted);
        put_ids(&w, L(&w, "Ikke talt med", "Not counted"), det->not_counted, det->nnot_counted);
        if (det->nunknown) put_ids(&w, L(&w, "Kan ikke afgøres", "Cannot be decided"), det->unknown, det->nunknown);
      }
    }
    eval_detail_free(det);
  }
  fwrite(buf_str(&b), 1, b.len, out);
  buf_free(&b);
  return 0;
}
