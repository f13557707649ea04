/* check_rules.c — the weights and status rules of goals, initiatives, focus
 * areas and the agreement (spec §9.5, §9.7 to §9.9). */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- weights and status rules (spec §9.5, §9.7 to §9.9) ---- */

/* A weight: a number above 0; 1 when it is wrong (the error is reported). */
void ck_weight_value(chk *c, expr *e, num *out) {
  *out = num_int(1);
  num w;
  if (!ck_const_num(c, e, &w, M("a weight"))) return;
  if (num_sign(w) <= 0) {
    diag_error(c->d, e->sp, "a weight must be more than 0; leave out what should not count, or give it a small weight");
    return;
  }
  *out = w;
}

void ck_check_weight(chk *c, weight_decl *w, const char *who) {
  w->w = num_int(1);
  if (w->count > 1) diag_error(c->d, w->sp, "%s has more than one 'weight'", who);
  if (w->e) ck_weight_value(c, w->e, &w->w);
}

static const char *const unit_words[][2] = {{N_("goals"), "mål"}, {N_("initiatives"), "indsatser"}, {N_("areas"), "indsatsområder"}};
static const char *const unit_word1[] = {N_("goal"), N_("initiative"), N_("area")};

/* Whether a goal has an achievement for a weighted rule: computed goals
 * and milestones do; stated and assessed goals do not. */
static bool has_achievement(const goal *g) { return !g->manual && !g->assessed; }

/* The goals under a weighted rule must each have an achievement. */
void ck_weighted_goals(chk *c, const status_rule *r, const initiative *in, const char *who) {
  for (const goal *g = in->goals; g; g = g->next)
    if (!has_achievement(g))
      diag_error(c->d, r->sp, "%s is weighted, but goal %s has a %s status and no achievement to weigh; give it a measure and a target, or use another rule", who, g->id,
                 g->manual ? M("stated") : M("assessed"));
  if (in->rule.agg == AGG_MANUAL)
    diag_error(c->d, r->sp, "%s is weighted, but initiative %s has a stated status and no achievement to weigh", who, in->number);
}

/* Two whole numbers as written (digits only, of any length), compared by value. */
static int digits_cmp(const char *a, const char *b) {
  while (*a == '0' && a[1]) a++;
  while (*b == '0' && b[1]) b++;
  size_t la = strlen(a), lb = strlen(b);
  if (la != lb) return la < lb ? -1 : 1;
  return strcmp(a, b);
}

/* level: RU_GOALS for an initiative, RU_INITIATIVES for a focus area,
 * RU_AREAS for the agreement; members: how many goals, initiatives or
 * areas it has; who: "initiative 1.1", "focus area 1", "the agreement". */
void ck_check_rule(chk *c, status_rule *r, rule_unit lvl, int members, const char *who) {
  if (r->count > 1) diag_error(c->d, r->sp, "%s has more than one 'status' rule", who);
  r->sch = c->p->default_scheme;
  const char *word = M(unit_words[lvl][0]);
  switch (r->agg) {
  case AGG_GOAL:
  case AGG_MANUAL:
    if (lvl != RU_GOALS)
      diag_error(c->d, r->sp, "%s takes its status from its %s: use 'status all', 'worst', 'any', 'at least K of N %s met' or 'weighted'",
                 who, word, word);
    break;
  case AGG_ATLEAST: {
    /* K and N are shown as written: one too long to read is -1 in r->k, r->n */
    const char *K = r->k_text, *N = r->n_text;
    if (r->unit != lvl) {
      diag_error(c->d, r->unit_sp, "%s counts its %s: write 'at least %s of %s %s met' ('mindst %s af %s %s opfyldt')", who, word,
                 K, N, unit_words[lvl][0], K, N, unit_words[lvl][1]);
      break;
    }
    if (r->k == 0) {
      diag_error(c->d, r->k_sp, "'at least 0 of %s' is always met: K must be at least 1", N);
      break;
    }
    if (digits_cmp(K, N) > 0) {
      diag_error(c->d, r->k_sp, "'at least %s of %s' can never be met: K must not be more than N", K, N);
      break;
    }
    const char *has = members == 1 ? M(unit_word1[lvl]) : word;
    if (r->n < 0) /* too long to read: far more than there are */
      diag_error(c->d, r->n_sp,
                 "%s has %d %s, not %s: 'at least %s of %s' reads as %s of its %d %s, or as %s of %s %s of which only %d %s written; write %d, or add what is missing",
                 who, members, has, N, K, N, K, members, has, K, N, word, members, members == 1 ? M("is") : M("are"), members);
    else if (r->n > members)
      diag_error(c->d, r->n_sp,
                 "%s has %d %s, not %d: 'at least %d of %d' reads as %d of its %d %s, or as %d of %d %s of which %d %s not written; write %d, or add what is missing",
                 who, members, has, r->n, r->k, r->n, r->k, members, has, r->k, r->n, word, r->n - members,
                 r->n - members == 1 ? M("is") : M("are"), members);
    else if (r->n < members)
      diag_error(c->d, r->n_sp,
                 "%s has %d %s, not %d: 'at least %d of %d' reads as %d of all its %d %s, or as %d of only %d of them; write %d, or move what should not count",
                 who, members, word, r->n, r->k, r->n, r->k, members, word, r->k, r->n, members);
    break;
  }
  case AGG_WEIGHTED:
    if (r->scheme) {
      scheme_decl *s = ck_find_scheme(c->p, r->scheme);
      if (!s) {
        suggest sg = {NULL, 99, r->scheme};
        for (scheme_decl *x = c->p->schemes; x; x = x->next) ck_consider(&sg, x->name);
        diag_error(c->d, r->scheme_sp, "there is no status scheme named '%s'", r->scheme);
        if (sg.best) diag_note(c->d, r->scheme_sp, "did you mean '%s'?", sg.best);
      } else {
        r->sch = s;
      }
    }
    break;
  default: break;
  }
}

/* 'status mål a' or 'status mål a, b og c' (spec §9.5): each name is one
 * of the initiative's goals, none is named twice, and a list of two or
 * more that names every goal is 'status alle' said the long way. */
void ck_check_rule_goals(chk *c, initiative *in) {
  status_rule *r = &in->rule;
  r->targets = arena_alloc(c->p->arena, (size_t)r->ngoals * sizeof *r->targets);
  bool all_found = true;
  for (int i = 0; i < r->ngoals; i++) {
    for (goal *g = in->goals; g; g = g->next)
      if (!strcmp(g->label, r->goals[i])) r->targets[i] = g;
    if (!r->targets[i]) {
      diag_error(c->d, r->goal_sps[i], "initiative %s has no goal '%s'", in->number, r->goals[i]);
      /* one letter is near every other: suggest only for longer names */
      suggest sg = {NULL, 99, r->goals[i]};
      if (strlen(r->goals[i]) > 1)
        for (goal *g = in->goals; g; g = g->next) ck_consider(&sg, g->label);
      if (sg.best) diag_note(c->d, r->goal_sps[i], "did you mean '%s'?", sg.best);
      all_found = false;
      continue;
    }
    for (int j = 0; j < i; j++)
      if (r->targets[j] == r->targets[i]) {
        diag_error(c->d, r->goal_sps[i], "initiative %s names goal '%s' twice in its 'status' rule", in->number, r->goals[i]);
        all_found = false;
        break;
      }
  }
  int n = 0;
  for (goal *g = in->goals; g; g = g->next) n++;
  if (all_found && r->ngoals > 1 && r->ngoals == n)
    diag_warning(c->d, r->sp, "initiative %s names all its goals; that is 'status all' ('status alle'), the default: write that, or name only the goals that count",
                 in->number);
}
