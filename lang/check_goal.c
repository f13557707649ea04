/* check_goal.c — one goal: its items, measure and baseline, targets (and
 * the one for the agreement's period), units, result text, ratios and
 * milestones (§7.11, §8.9).  Its breakdown is check_by.c's, its weight
 * check_rules.c's. */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "spelling.h"

/* ---- goals ---- */

static const char *const placeholders[][2] = {
    {"numerator", "tæller"}, {"denominator", "nævner"}, {"value", "værdi"},
    {"target", "mål"},       {"group", "gruppe"},       {"missing", "mangler"},
    {"achievement", "målopfyldelse"}, {"result", "resultat"},
    {"baseline", "basis"},   {"change", "ændring"},
};

static void check_template(chk *c, goal *g) {
  const char *s = g->result_tpl;
  for (size_t i = 0; s[i]; i++) {
    if (s[i] == '{' && s[i + 1] == '{') { i++; continue; }
    if (s[i] == '}' && s[i + 1] == '}') { i++; continue; }
    if (s[i] == '}') {
      diag_error(c->d, g->result_sp, "a lone '}' in the result text; write '}}' for a brace");
      return;
    }
    if (s[i] != '{') continue;
    const char *end = strchr(s + i, '}');
    if (!end) {
      diag_error(c->d, g->result_sp, "a '{' in the result text is not closed; write '{{' for a brace");
      return;
    }
    size_t n = (size_t)(end - (s + i + 1));
    const char *colon = memchr(s + i + 1, ':', n);
    size_t namelen = colon ? (size_t)(colon - (s + i + 1)) : n;
    bool ok = false;
    for (size_t k = 0; k < sizeof placeholders / sizeof placeholders[0]; k++)
      for (int l = 0; l < 2; l++)
        if (strlen(placeholders[k][l]) == namelen && !strncmp(placeholders[k][l], s + i + 1, namelen)) ok = true;
    if (!ok) {
      span at = diag_find(c->d, g->result_sp, s + i, n + 2);
      diag_error(c->d, at, "unknown placeholder {%.*s} in the result text", (int)namelen, s + i + 1);
      diag_note(c->d, at, "known: {numerator} {denominator} {value} {target} {group} {missing} {achievement} {baseline} {change}, or in Danish {tæller} {nævner} {værdi} {mål} {gruppe} {mangler} {målopfyldelse} {basis} {ændring}");
    } else if (colon) {
      const char *d = colon + 1;
      if (!(end - d == 1 && *d >= '0' && *d <= '9'))
        diag_error(c->d, g->result_sp, "after ':' in {%.*s} comes the number of decimals, 0 to 9", (int)n, s + i + 1);
    }
    i = (size_t)(end - s);
  }
}

static bool is_pct(const char *u) { return u && !strcmp(u, "pct"); }
static bool is_pp(const char *u) { return u && !strcmp(u, "pct points"); }

/* A unit as a message says it: in the language of messages ('dage' in
 * Danish, 'days' in English), a unit of the file's own as written; "a
 * plain number" (in that language too) for none. */
static const char *unit_msg(const char *u) {
  return u ? ast_unit_word(u, msg_get_lang() == MSG_DA, false) : M("a plain number");
}

/* A measure's keyword as a message names it: in the language of
 * messages ('gennemsnit', 'average'). */
static const char *measure_word(chk *c, measure_kind k) {
  const char *en = ast_measure_name(k);
  const char *da = msg_get_lang() == MSG_DA ? spelling_danish(en, strlen(en)) : NULL; /* 'gennemsnit', in quotes */
  return da ? arena_printf(c->p->arena, "%.*s", (int)strlen(da) - 2, da + 1) : en;
}

/* The target's number as written, for a message's example. */
static const char *target_raw(const target *t, const char *dflt) {
  const expr *e = t->value ? t->value : t->high;
  return e && e->raw ? e->raw : dflt;
}

/* A ratio is in pct, like a share (§7.11): true when that settled it. */
static bool check_ratio_units(chk *c, const measure *m, const target *t) {
  const char *tu = t->unit;
  if (t->cmp == C_REDUCE || t->cmp == C_INCREASE) {
    if (is_pct(tu) || is_pp(tu)) return false;
    diag_error(c->d, t->unit_sp, "a ratio changes by pct (of the baseline) or pct points, not by %s", unit_msg(tu));
    return true;
  }
  if (!tu) {
    diag_error(c->d, t->sp, "a ratio is measured in pct; write the target's unit, e.g. '%s pct'", target_raw(t, "95"));
  } else if (is_pp(tu)) {
    diag_error(c->d, t->unit_sp, "a ratio is measured in pct, but this target is in pct points");
    diag_note(c->d, t->unit_sp, "pct points measure a change between two shares or ratios");
  } else if (!is_pct(tu)) {
    diag_error(c->d, t->unit_sp, "a ratio is measured in pct, but this target is in %s", unit_msg(tu));
    diag_note(c->d, m->sp, "a ratio is numerator / denominator × 100; to count rows, write 'count GROUP'");
  }
  return true;
}

static void check_units(chk *c, goal *g) {
  measure *m = g->m;
  if (g->unit_rejected) return; /* one mistake, one message */
  target *t = g->t;
  const char *mu = g->unit, *tu = t->unit;
  if (t->cmp == C_MAINTAIN || t->cmp == C_BY || m->kind == M_DONE) return; /* milestones: check_milestone_goal */
  if (m->kind == M_RATIO && check_ratio_units(c, m, t)) return;
  if (t->cmp == C_REDUCE || t->cmp == C_INCREASE) {
    if (is_pct(tu)) return; /* relative to the baseline: fits every measure */
    if (is_pp(tu)) {
      if (!is_pct(mu))
        diag_error(c->d, t->unit_sp, "pct points change a share, but this measure gives %s", unit_msg(mu));
      return;
    }
    if (m->kind == M_SHARE) {
      diag_error(c->d, t->unit_sp, "a share changes by pct (of the baseline) or pct points, not by %s", unit_msg(tu));
      return;
    }
  } else if (m->kind == M_SHARE) {
    if (!tu) {
      diag_error(c->d, t->sp, "a share is measured in pct; write the target's unit, e.g. '%s pct'", target_raw(t, "90"));
    } else if (is_pp(tu)) {
      diag_error(c->d, t->unit_sp, "a share is measured in pct, but this target is in pct points");
      diag_note(c->d, t->unit_sp, "pct points measure a change between two shares");
    } else if (!is_pct(tu)) {
      diag_error(c->d, t->unit_sp, "a share is measured in pct, but this target is in %s", unit_msg(tu));
    }
    return;
  }
  if (tu && (is_pct(tu) || is_pp(tu)) && (m->kind == M_COUNT || m->kind == M_DISTINCT)) {
    diag_error(c->d, t->unit_sp, "a count cannot be compared with a target in %s", unit_msg(tu));
    diag_note(c->d, m->sp, "to measure a share of a group, write 'share of GROUP where CONDITION'");
    return;
  }
  if (!tu || !mu) return;
  if (strcmp(mu, tu) != 0 && m->kind == M_COUNT && !m->as_unit) {
    diag_error(c->d, t->unit_sp, "this counts rows of '%s', which are %s, but the target is in %s", m->source->name, unit_msg(mu), unit_msg(tu));
    diag_note(c->d, m->sp, "if each counted row stands for one %s, say so: '... as %s' (in Danish: '... som %s')",
              ast_unit_word(tu, msg_get_lang() == MSG_DA, true), ast_unit_word(tu, false, false), ast_unit_word(tu, true, false));
  } else if (strcmp(mu, tu) != 0) {
    diag_error(c->d, t->unit_sp, "the measure gives %s, but the target is in %s", unit_msg(mu), unit_msg(tu));
    if (is_pp(mu) || is_pp(tu))
      diag_note(c->d, t->unit_sp, "pct and pct points are different: from 10 pct to 12 pct is 2 pct points, or 20 pct");
  }
}

/* The text of a period: 2009, "2009-Q1", or a parameter's value. */
static const char *period_text(chk *c, expr *e) {
  ast_program *p = c->p;
  if (e->kind == E_NUM || e->kind == E_DATE || e->kind == E_MONTH || e->kind == E_QUARTER) return e->raw;
  if (e->kind == E_STR) return e->lit.u.t.s;
  if (e->kind == E_NAME) {
    param_decl *q = ck_find_param(p, e->name);
    if (!q) {
      diag_error(c->d, e->sp, "'%s' is not a parameter", e->name);
      return NULL;
    }
    if (q->val.kind == V_MONTH || q->val.kind == V_QUARTER) return ck_time_text(p->arena, q->val); /* 2010k1 is 2010K1 */
    if (q->override_text) return q->override_text;
    if (q->val.kind == V_TEXT) return q->val.u.t.s;
    if (q->val.kind == V_NUM) {
      char b[64];
      num_format_plain(q->val.u.n, 0, b, sizeof b);
      return arena_strdup(p->arena, b);
    }
    if (q->val.kind == V_DATE) {
      char b[11];
      cal_format_date(q->val.u.date, b);
      return arena_strdup(p->arena, b);
    }
    return NULL;
  }
  diag_error(c->d, e->sp, "a period is a number, a text or a parameter, e.g. 2009");
  return NULL;
}

static column_decl *need_column(chk *c, data_decl *d, const char *name, span sp, const char *why) {
  column_decl *col = chk_column(d, name);
  if (!col && !d->unreadable)
    diag_error(c->d, sp, "'%s' has no column '%s', which %s", d->name, name, why);
  return col;
}

static bool check_ratio_or_milestone(chk *c, measure *m, data_decl *d, const char **unit);

/* Resolve and check one measure (a goal's own, or its baseline); its unit
 * goes to *unit.  Returns false when a wrong 'as' was reported. */
static bool check_measure(chk *c, measure *m, const char **unit) {
  *unit = NULL;
  data_decl *d = ck_find_data(c->p, m->group);
  group_decl *grp = d ? NULL : ck_find_group(c->p, m->group);
  if (grp && m->kind == M_INDICATOR) {
    diag_error(c->d, m->group_sp, "an indicator is looked up in a data source, and '%s' is a group", m->group);
    return true;
  }
  if (grp) {
    ck_resolve_group(c, grp);
    m->g = grp;
    d = grp->source;
  } else if (!d) {
    suggest s = {NULL, 99, m->group};
    for (group_decl *x = c->p->groups; x; x = x->next) ck_consider(&s, x->name);
    for (data_decl *x = c->p->data; x; x = x->next) ck_consider(&s, x->name);
    diag_error(c->d, m->group_sp, "'%s' is neither a group nor a data source", m->group);
    if (s.best) diag_note(c->d, m->group_sp, "did you mean '%s'?", s.best);
  }
  m->source = d;
  if (!d) return true;
  if (m->column && strchr(m->column, '.') && !d->unreadable) { /* SRC.COL (§5.9) */
    vtype t;
    m->col = ck_derived_column(c, d, m->column, m->col_sp, &t);
    if (m->col >= 0 && m->kind != M_DISTINCT && !ast_type_numeric(t))
      diag_error(c->d, m->col_sp, "'%s' is %s; '%s' needs numbers", m->column, ck_article(t), measure_word(c, m->kind));
  } else if (m->column) {
    m->col = ast_column_index(d, m->column);
    if (m->col < 0 && d->unreadable) {
      /* reported at the path */
    } else if (m->col < 0) {
      suggest s = {NULL, 99, m->column};
      for (size_t i = 0; i < d->ncol; i++) ck_consider(&s, d->colv[i]->name);
      diag_error(c->d, m->col_sp, "'%s' is not a column of '%s'", m->column, d->name);
      if (s.best) diag_note(c->d, m->col_sp, "did you mean '%s'?", s.best);
    } else {
      column_decl *col = d->colv[m->col];
      if (col->unsampled && m->kind != M_DISTINCT) { /* empty in the sample: the numbers it needs */
        col->type = T_DEC;
        col->unsampled = false;
      }
      bool numeric = ast_type_numeric(col->type);
      if (m->kind != M_DISTINCT && !numeric)
        diag_error(c->d, m->col_sp, "column '%s' is %s; '%s' needs numbers", col->name,
                   ck_article(col->type), measure_word(c, m->kind));
      *unit = col->unit;
    }
  }
  if (m->kind == M_INDICATOR) {
    static const char *const need[3] = {"indikator", "periode", "vaerdi"};
    for (int i = 0; i < 3; i++) {
      column_decl *col = need_column(c, d, need[i], m->group_sp, M("an indicator table needs (indikator, periode, vaerdi)"));
      m->ind_cols[i] = col ? ast_column_index(d, need[i]) : -1;
      if (i == 2 && col && !ast_type_numeric(col->type))
        diag_error(c->d, m->group_sp, "column 'vaerdi' of '%s' is %s; an indicator's value must be a number", d->name, ck_article(col->type));
    }
    if (m->period) {
      ck_check_expr(c, m->period, NULL);
      const char *pt = period_text(c, m->period);
      m->period = pt ? ast_str(c->p, pt, m->period->sp) : NULL;
    }
  }
  if (m->kind == M_SHARE) *unit = "pct";
  if (m->kind == M_COUNT) *unit = d->rows_unit;
  if (m->over) {
    m->over_col = ast_column_index(d, m->over);
    if (m->over_col < 0 && !d->unreadable) {
      suggest s = {NULL, 99, m->over};
      for (size_t i = 0; i < d->ncol; i++) ck_consider(&s, d->colv[i]->name);
      diag_error(c->d, m->over_sp, "'%s' is not a column of '%s', so the measure cannot be averaged over it", m->over, d->name);
      if (s.best) diag_note(c->d, m->over_sp, "did you mean '%s'?", s.best);
    }
    if (m->kind == M_INDICATOR)
      diag_error(c->d, m->over_sp, "an indicator is one value; it cannot be averaged over '%s'", m->over);
  }
  if ((m->kind == M_RATIO || m->kind == M_DONE) && !check_ratio_or_milestone(c, m, d, unit)) return false;
  if (m->as_unit) {
    if (m->kind == M_SHARE) {
      diag_error(c->d, m->as_sp, "a share is always in pct; 'as' gives the unit of counts and values");
      return false;
    }
    if ((m->kind == M_COUNT || m->kind == M_DISTINCT) && (is_pct(m->as_unit) || is_pp(m->as_unit))) {
      diag_error(c->d, m->as_sp, "a count cannot be in %s; to measure a share, write 'share of GROUP where CONDITION'", unit_msg(m->as_unit));
      return false;
    }
    if (*unit && m->kind != M_COUNT && strcmp(*unit, m->as_unit) != 0) {
      diag_error(c->d, m->as_sp, "column '%s' is declared in %s, so its values cannot be read as %s", m->column, unit_msg(*unit), unit_msg(m->as_unit));
      return false;
    }
    *unit = m->as_unit;
  }
  if (m->where)
    ck_check_condition(c, m->where, d, m->kind == M_SHARE ? M("a share's 'where'") : M("a measure's 'where'"));
  return true;
}

static bool const_date(chk *c, expr *e, int32_t *out);

static void check_target(chk *c, goal *g) {
  target *t = g->t;
  bool ok = true;
  if (t->cmp == C_BY) { /* a milestone's deadline: a date, not a number */
    t->v = num_int(0);
    const_date(c, t->value, &t->deadline);
    return;
  }
  if (t->cmp == C_MAINTAIN || (t->cmp == C_RANGE && !t->value)) t->v = num_int(0);
  else ok = ck_const_num(c, t->value, &t->v, M("a target"));
  bool hi_ok = t->high && ck_const_num(c, t->high, &t->hi, M("a target"));
  if (hi_ok && ok && t->value && num_cmp(t->v, t->hi) > 0) {
    char lo[32], hi[32];
    ck_exact_text(t->v, lo, sizeof lo);
    ck_exact_text(t->hi, hi, sizeof hi);
    diag_error(c->d, t->sp, "the range %s to %s is empty: the low end comes first", lo, hi);
  } else if (hi_ok && ok && t->value && num_cmp(t->v, t->hi) == 0 && (t->lo_open || t->hi_open)) {
    char lo[32];
    ck_exact_text(t->v, lo, sizeof lo);
    diag_error(c->d, t->sp, "this range is empty: an open end leaves %s out, and it is the only number in it", lo);
    diag_note(c->d, t->sp, "for exactly %s, write '[%s..%s]' or 'exactly %s' (in Danish: 'præcis %s')", lo, lo, lo, lo, lo);
  }
  if (t->cmp == C_RANGE && !t->value) ok = hi_ok; /* (..H]: the checks below look at H */
  t->tol = num_int(10);
  if (t->cmp == C_ABOUT) { /* §8.2: counts default to 'or more', other measures to either way */
    bool count = g->m && !g->m->over && (g->m->kind == M_COUNT || g->m->kind == M_DISTINCT);
    t->side_eff = t->side != SIDE_DEFAULT ? t->side : count ? SIDE_MORE : SIDE_BOTH;
  }
  if (t->tolerance && ck_const_num(c, t->tolerance, &t->tol, M("a tolerance")) && num_sign(t->tol) < 0)
    diag_error(c->d, t->tolerance->sp, "a tolerance cannot be negative");
  bool changes = t->cmp == C_REDUCE || t->cmp == C_INCREASE || t->cmp == C_MAINTAIN;
  if (changes && !g->base && !g->has_base_value) {
    diag_error(c->d, t->sp, "'%s' compares with a baseline; give the goal one, e.g. 'baseline count GROUP where ...' or 'baseline 412854'",
               ast_cmp_name(t->cmp));
    return;
  }
  if (changes) {
    t->relative = is_pct(t->unit);
    if (ok && num_sign(t->v) < 0)
      diag_error(c->d, t->sp, "write the change as a positive number; 'reduce' and 'increase' give the direction");
    if (ok && t->cmp == C_REDUCE && t->relative && num_cmp(t->v, num_int(100)) > 0)
      diag_error(c->d, t->sp, "nothing can be reduced by more than 100 pct");
    return;
  }
  if (!ok || !g->m) return;
  if (g->m->kind == M_SHARE || is_pct(t->unit)) {
    num hi = t->high ? t->hi : t->v;
    bool lo_open = t->cmp == C_OVER || (t->cmp == C_RANGE && t->value && t->lo_open);
    bool hi_open = t->cmp == C_UNDER || (t->cmp == C_RANGE && t->high && t->hi_open);
    bool has_hi = t->cmp == C_AT_MOST || t->cmp == C_UNDER || (t->cmp == C_RANGE && t->high);
    if ((num_cmp(hi, num_int(100)) > 0 || (lo_open && num_cmp(t->v, num_int(100)) == 0)) && g->m->kind == M_SHARE)
      diag_error(c->d, t->sp, "a share can be at most 100 pct, so this target can never be met");
    else if (has_hi && (num_sign(hi) < 0 || (hi_open && num_sign(hi) == 0)) && g->m->kind == M_SHARE)
      diag_error(c->d, t->sp, "a share cannot be negative, so this target can never be met");
    else if (num_sign(t->v) < 0 && g->m->kind == M_SHARE)
      diag_error(c->d, t->sp, "a share cannot be negative");
  }
}

/* The order of two periods for 'from PERIOD' (§8.8): years by their
 * number, months and quarters written alike (2009-01, 2009K1) by their
 * text.  False when they cannot be ordered. */
static bool period_order(const char *a, const char *b, int *out) {
  size_t na = strlen(a), nb = strlen(b);
  if (na == 0 || nb == 0) return false;
  bool da = strspn(a, "0123456789") == na, db = strspn(b, "0123456789") == nb;
  if (da && db) {
    while (na > 1 && *a == '0') a++, na--;
    while (nb > 1 && *b == '0') b++, nb--;
    *out = na != nb ? (na < nb ? -1 : 1) : strcmp(a, b);
    return true;
  }
  if (na != nb) return false;
  for (size_t i = 0; i < na; i++) {
    bool x = a[i] >= '0' && a[i] <= '9', y = b[i] >= '0' && b[i] <= '9';
    if (x != y || (!x && (a[i] | 0x20) != (b[i] | 0x20))) return false;
  }
  *out = strcasecmp(a, b);
  return true;
}

/* Two periods' texts name one period: 2009K1 and 2009k1, 2009 and 02009
 * (as period_order reads them), or one text (spec §8.8). */
static bool same_period(const char *a, const char *b) {
  int order;
  return period_order(a, b, &order) ? order == 0 : strcmp(a, b) == 0;
}

/* Of several targets, the one for the agreement's period: its own ('in
 * PERIOD'), else the latest 'from PERIOD' at or before it, else the one
 * without a period (§8.8). */
static target *pick_target(chk *c, goal *g) {
  target *general = NULL, *chosen = NULL, *from = NULL;
  const char *from_text = NULL;
  int ntargets = 0;
  bool unordered = false; /* a 'from' period was an error: no second message */
  const char *period = c->p->period_text ? c->p->period_text : "";
  const char *seen[64];
  bool seen_from[64];
  int nseen = 0;
  for (goal_item *it = g->items; it; it = it->next) {
    if (it->kind != GI_TARGET) continue;
    ntargets++;
    target *t = it->t;
    if (!t->period) {
      if (general) {
        unsigned line, col;
        diag_position(c->d, general->sp.beg, &line, &col);
        diag_error(c->d, it->sp, "goal %s already has a target (line %u); several targets need 'in PERIOD' each", g->id, line);
      }
      general = t;
      continue;
    }
    ck_check_expr(c, t->period, NULL);
    const char *pt = period_text(c, t->period);
    if (!pt) continue;
    for (int k = 0; k < nseen; k++)
      if (same_period(seen[k], pt)) {
        diag_error(c->d, it->sp, "goal %s has two targets for period %s", g->id, pt);
        if (seen_from[k] != t->from_period)
          diag_note(c->d, it->sp, "'in %s' is the target of %s only, 'from %s' of %s and the periods after it; give one of them", pt, pt, pt, pt);
        break;
      }
    if (nseen < 64) {
      seen_from[nseen] = t->from_period;
      seen[nseen++] = pt;
    }
    if (t->from_period) {
      int order;
      if (!period_order(period, pt, &order)) {
        unordered = *period != '\0';
        if (*period)
          diag_error(c->d, t->period->sp, "'from %s' needs a period that can be ordered with the agreement's period %s: years, months (2009-01) or quarters (2009K1), written alike", pt, period);
        continue;
      }
      int later = 1;
      if (order >= 0 && (!from || (period_order(pt, from_text, &later) && later > 0))) {
        from = t;
        from_text = pt;
      }
      continue;
    }
    if (same_period(pt, period)) chosen = t;
  }
  if (chosen) return chosen;
  if (from) {
    from->carried = !same_period(from_text, period) ? from_text : NULL;
    return from;
  }
  if (!general && ntargets > 0 && !unordered) {
    buf have = {0};
    for (goal_item *it = g->items; it; it = it->next)
      if (it->kind == GI_TARGET && it->t->period) {
        const char *pt = period_text(c, it->t->period);
        if (pt) buf_printf(&have, "%s%s%s", have.len ? ", " : "", pt, it->t->from_period ? M(" onwards") : "");
      }
    diag_error(c->d, g->sp, "goal %s has no target for the period %s (it has targets for %s)", g->id,
               *period ? period : M("(none: the agreement gives no period)"), buf_str(&have));
    diag_note(c->d, g->sp, "choose the period with 'period' on the agreement line or --param");
    buf_free(&have);
  }
  return general;
}

static void check_assessed(chk *c, goal *g, goal_item *it) {
  data_decl *d = ck_find_data(c->p, it->name);
  if (!d) {
    suggest s = {NULL, 99, it->name};
    for (data_decl *x = c->p->data; x; x = x->next) ck_consider(&s, x->name);
    diag_error(c->d, it->text_sp, "'%s' is not a data source", it->name);
    if (s.best) diag_note(c->d, it->text_sp, "did you mean '%s'?", s.best);
    return;
  }
  g->assessed = d;
  need_column(c, d, "mål", it->text_sp, M("an assessment table needs (mål, status, begrundelse)"));
  need_column(c, d, "status", it->text_sp, M("an assessment table needs (mål, status, begrundelse)"));
  need_column(c, d, "begrundelse", it->text_sp, M("an assessment table needs (mål, status, begrundelse)"));
}

/* ---- ratios and milestones (§7.11, §8.9) ---- */

/* One term of a ratio: a number column of d, or a count (no column). */
static int ratio_column(chk *c, data_decl *d, const char *name, span sp) {
  if (!name) return -1;
  int i = ast_column_index(d, name);
  if (i < 0) {
    if (d->unreadable) return -1;
    suggest s = {NULL, 99, name};
    for (size_t k = 0; k < d->ncol; k++) ck_consider(&s, d->colv[k]->name);
    diag_error(c->d, sp, "'%s' is not a column of '%s'", name, d->name);
    if (s.best) diag_note(c->d, sp, "did you mean '%s'?", s.best);
    return -1;
  }
  column_decl *col = d->colv[i];
  if (col->unsampled) { /* empty in the sample: the numbers a sum needs */
    col->type = T_DEC;
    col->unsampled = false;
  }
  if (!ast_type_numeric(col->type)) {
    diag_error(c->d, sp, "column '%s' is %s; a ratio adds up numbers", col->name, ck_article(col->type));
    return -1;
  }
  return i;
}

/* A milestone table: the goal's id in 'maal' (or 'mål'), the date it was
 * done in 'faerdig'.  A 'faerdig' empty in every sampled row is dates. */
static void check_milestone_table(chk *c, measure *m, data_decl *d) {
  if (m->g) {
    diag_error(c->d, m->group_sp, "a milestone's date is read from a data source, and '%s' is a group", m->group);
    return;
  }
  const char *why = M("a milestone table needs (maal, faerdig)");
  if (!chk_column(d, "mål")) need_column(c, d, "maal", m->group_sp, why); /* 'mål', as an assessment table has it, is read too */
  column_decl *f = need_column(c, d, "faerdig", m->group_sp, why);
  if (f && f->unsampled) {
    f->type = T_DATE;
    f->unsampled = false;
  }
  if (f && !f->inferred && f->type != T_DATE)
    diag_error(c->d, f->sp, "column 'faerdig' of '%s' is %s; a milestone's completion is a date", d->name, ck_article(f->type));
}

/* The parts of a ratio or a milestone that the other measures lack; the
 * unit goes to *unit.  false when a wrong 'as' was reported. */
static bool check_ratio_or_milestone(chk *c, measure *m, data_decl *d, const char **unit) {
  if (m->kind == M_DONE) {
    check_milestone_table(c, m, d);
    if (m->over) diag_error(c->d, m->over_sp, "a milestone is one date; it cannot be averaged over '%s'", m->over);
    if (m->as_unit) {
      diag_error(c->d, m->as_sp, "a milestone is a date, not a number; it takes no 'as'");
      return false;
    }
    return true;
  }
  m->num_c = ratio_column(c, d, m->num_col, m->num_sp);
  m->den_c = ratio_column(c, d, m->den_col, m->den_sp);
  *unit = "pct";
  if (m->as_unit) {
    diag_error(c->d, m->as_sp, "a ratio is always in pct; 'as' gives the unit of counts and values");
    return false;
  }
  return true;
}

/* A deadline: a date, 'ultimo YEAR', or a date parameter. */
static bool const_date(chk *c, expr *e, int32_t *out) {
  vtype t = ck_check_expr(c, e, NULL);
  if (t == T_NONE) return false;
  if (t != T_DATE) {
    diag_error(c->d, e->sp, "a deadline must be a date, such as 2009-01-31, but %s is %s", ck_describe(c, e), ck_article(t));
    if (t == T_INT) diag_note(c->d, e->sp, "the last day of a year is written 'ultimo 2009'");
    return false;
  }
  num y;
  switch (e->kind) {
  case E_DATE:
    *out = e->lit.u.date;
    return e->lit.kind == V_DATE;
  case E_ULTIMO:
    if (!ck_fold(c, e->a, &y, "the year of a deadline") || !num_is_int(y)) return false;
    *out = cal_year_end(y.n, true);
    return true;
  case E_NAME: {
    param_decl *q = c->p->paramv[e->slot];
    if (e->ref != REF_PARAM || q->val.kind != V_DATE) break;
    *out = q->val.u.date;
    return true;
  }
  default:
    break;
  }
  diag_error(c->d, e->sp, "a deadline must be a date, 'ultimo YEAR' or a date parameter");
  return false;
}

/* 'done of T' goes with 'by DATE', and 'by DATE' with 'done of T' only;
 * a milestone has no baseline, breakdown or result template (§8.9). */
static void check_milestone_goal(chk *c, goal *g, goal_item *const *first) {
  bool done = g->m && g->m->kind == M_DONE, by = g->t && g->t->cmp == C_BY;
  if (by && g->m && !done) {
    diag_error(c->d, g->t->sp, "'by DATE' is a milestone's deadline; it goes with 'measure done of TABLE' (in Danish: 'krav senest' and 'måling færdig af')");
    diag_note(c->d, g->m->sp, "this goal measures a number; compare it with 'at least', 'at most', ...");
  }
  if (g->base && g->base->kind == M_DONE && !done)
    diag_error(c->d, g->base->sp, "a baseline is a number; a milestone's date cannot be one");
  if (!done) return;
  if (g->t && !by)
    diag_error(c->d, g->t->sp, "a milestone is compared with a deadline: 'target by 2009-01-31' (in Danish: 'krav senest 2009-01-31')");
  static const struct { goal_item_kind k; const char *what; } not_for[] = {
      {GI_BASELINE, N_("a milestone with a deadline has no baseline")},
      {GI_BY, N_("a milestone with a deadline is one date; it cannot be broken down")},
      {GI_RESULT, N_("a milestone with a deadline takes no 'result': its result text is its date and its deadline")},
      {GI_EXCLUDE_MISSING, N_("a milestone with a deadline takes no 'exclude missing'")}};
  for (size_t i = 0; i < sizeof not_for / sizeof not_for[0]; i++)
    if (first[not_for[i].k])
      diag_error(c->d, first[not_for[i].k]->sp, "%s", M(not_for[i].what));
}

void ck_check_goal(chk *c, initiative *in, goal *g) {
  arena *a = c->p->arena;
  g->id = arena_printf(a, "%s-%s", in->number, g->label);
  goal_item *first[GI_SOURCE + 1] = {0};
  static const char *const item_names[] = {N_("measure"), N_("target"), N_("result"), N_("comment"), N_("scheme"), N_("by"),
                                           N_("status"), N_("exclude missing"), N_("baseline"), N_("assessed by"), N_("weight"),
                                           N_("source")};
  g->weight = num_int(1);
  for (goal_item *it = g->items; it; it = it->next) {
    if (first[it->kind] && it->kind != GI_TARGET) {
      unsigned line, col;
      diag_position(c->d, first[it->kind]->sp.beg, &line, &col);
      diag_error(c->d, it->sp, "goal %s already has a '%s' (line %u)", g->id, M(item_names[it->kind]), line);
      continue;
    }
    if (!first[it->kind]) first[it->kind] = it;
    switch (it->kind) {
    case GI_MEASURE: g->m = it->m; break;
    case GI_TARGET: break;
    case GI_RESULT: g->result_tpl = it->text; g->result_sp = it->text_sp; break;
    case GI_COMMENT: g->comment = it->text; break;
    case GI_SCHEME:
      g->scheme = ck_find_scheme(c->p, it->name);
      if (!g->scheme) {
        suggest s = {NULL, 99, it->name};
        for (scheme_decl *x = c->p->schemes; x; x = x->next) ck_consider(&s, x->name);
        diag_error(c->d, it->text_sp, "there is no status scheme named '%s'", it->name);
        if (s.best) diag_note(c->d, it->text_sp, "did you mean '%s'?", s.best);
      }
      break;
    case GI_BY: g->by = it->name; break;
    case GI_STATUS: g->manual = true; g->manual_role = it->r; g->manual_reason = it->text; break;
    case GI_EXCLUDE_MISSING: g->exclude_missing = true; break;
    case GI_BASELINE:
      if (it->m) {
        g->base = it->m;
      } else {
        g->has_base_value = ck_const_num(c, it->e, &g->base_value, M("a baseline"));
        g->base_unit = it->text;
      }
      break;
    case GI_ASSESSED: check_assessed(c, g, it); break;
    case GI_WEIGHT: ck_weight_value(c, it->e, &g->weight); break;
    case GI_SOURCE: g->source_ref = it->text; break;
    }
  }
  if (!g->scheme) g->scheme = c->p->default_scheme;
  if (first[GI_TARGET]) g->t = pick_target(c, g);
  if (g->manual || first[GI_ASSESSED]) {
    goal_item *how = g->manual ? first[GI_STATUS] : first[GI_ASSESSED];
    if (g->m || first[GI_TARGET] || first[GI_BASELINE] || (g->manual && first[GI_ASSESSED]))
      diag_error(c->d, how->sp, "goal %s is both measured and assessed; a goal is either computed from data ('measure' and 'target') or assessed ('status ... \"reason\"' or 'assessed by SOURCE')", g->id);
    else if (first[GI_RESULT] && first[GI_ASSESSED])
      diag_error(c->d, first[GI_RESULT]->sp, "goal %s is assessed by '%s'; its result text is the table's begrundelse, so it takes no 'result'",
                 g->id, first[GI_ASSESSED]->name);
    return;
  }
  bool broken = diag_error_within(c->d, g->sp); /* a syntax error inside: say no more */
  if (!g->m && !broken) diag_error(c->d, g->sp, "goal %s has no 'measure' (or a stated 'status met \"reason\"')", g->id);
  if (!first[GI_TARGET] && !broken) diag_error(c->d, g->sp, "goal %s has no 'target'", g->id);
  if (g->m) g->unit_rejected = !check_measure(c, g->m, &g->unit);
  if (g->base) {
    const char *bu;
    if (check_measure(c, g->base, &bu) && g->m && !g->unit_rejected && bu && g->unit && strcmp(bu, g->unit) != 0)
      diag_error(c->d, g->base->sp, "the baseline gives %s, but the measure gives %s", unit_msg(bu), unit_msg(g->unit));
    if (g->base->over && g->by)
      diag_error(c->d, g->base->over_sp, "a goal broken down with 'by' cannot average its baseline over a column");
  }
  if (g->has_base_value && g->base_unit && g->unit && strcmp(g->base_unit, g->unit) != 0 && !g->unit_rejected)
    diag_error(c->d, first[GI_BASELINE]->sp, "the baseline is in %s, but the measure gives %s", unit_msg(g->base_unit), unit_msg(g->unit));
  if (g->t) { /* the targets of other periods are checked too: a mistake there is one next year */
    target *chosen = g->t;
    for (goal_item *it = g->items; it; it = it->next)
      if (it->kind == GI_TARGET && it->t != chosen && it->t->period) {
        g->t = it->t;
        check_target(c, g);
      }
    g->t = chosen;
    check_target(c, g);
  }
  if (g->m && g->t) check_units(c, g);
  if (g->result_tpl) check_template(c, g);
  check_milestone_goal(c, g, first);
  if (g->exclude_missing && g->m && g->m->kind != M_SHARE && g->m->kind != M_DONE)
    diag_error(c->d, first[GI_EXCLUDE_MISSING]->sp, "'exclude missing' applies to shares only; other measures always skip missing values");
  if (g->by && g->m && g->m->over)
    diag_error(c->d, first[GI_BY]->text_sp, "a goal averaged over a column cannot also be broken down with 'by'");
  if (g->by && g->m && g->m->source) ck_check_by(c, g, first[GI_BY]);
}
