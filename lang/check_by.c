/* check_by.c — breakdowns (spec §11): the bandings of a file, and each side
 * of a goal's 'per': its column or field, what is computed from it, its
 * bands. */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bands.h"

/* ---- breakdowns (spec §11) ---- */

static banding_decl *find_banding(ast_program *p, const char *name) { return ast_find_banding(p, name, strlen(name)); }

static const char *const by_fn_words[] = {"", "måned af", "kvartal af", "år af"};

/* The type of a breakdown key: the column's, or what 'måned af',
 * 'kvartal af' or 'år af' makes of it (§5.11); T_NONE, said, if it cannot. */
static vtype by_key_type(chk *c, const by_dim *u, vtype t, span sp) {
  if (u->fn == BYF_VALUE || t == T_NONE) return t;
  bool ok = t == T_DATE || t == T_MONTH || (u->fn != BYF_MONTH && t == T_QUARTER);
  if (!ok) {
    diag_error(c->d, sp, "'%s' needs a date%s, but '%s' is %s", by_fn_words[u->fn],
               u->fn == BYF_MONTH ? M(" or a month") : M(", a month or a quarter"), u->column, ck_article(t));
    return T_NONE;
  }
  return u->fn == BYF_MONTH ? T_MONTH : u->fn == BYF_QUARTER ? T_QUARTER : T_INT;
}

/* Bands need numbers: a whole or decimal number, or a year of a date. */
static bool bands_fit(chk *c, const by_dim *u, vtype t, span sp) {
  if (t == T_INT || t == T_DEC || t == T_NONE) return true;
  if (t == T_DATE || t == T_MONTH || t == T_QUARTER)
    diag_error(c->d, sp, "bands need numbers, but '%s' is %s; break it down by 'måned af %s', 'kvartal af %s' or 'år af %s' (bands of years: 'år af %s (2007-2008, 2009-)')",
               u->column, ck_article(t), u->column, u->column, u->column, u->column);
  else
    diag_error(c->d, sp, "bands need numbers, but '%s' is %s; break it down by its values: 'per %s'", u->column, ck_article(t), u->column);
  return false;
}

/* Resolve each side of a goal's breakdown in the goal's source: its
 * column, what is computed from it, its bands (compiled once). */
void ck_check_by(chk *c, goal *g, goal_item *it) {
  data_decl *src = g->m->source;
  by_dim *out = NULL;
  int n = 0;
  for (by_dim *d = it->by; d; d = d->next) {
    if (++n == 3) diag_error(c->d, d->sp, "a breakdown has at most two sides: 'per jobcenter og køn'");
    if (n > 2) continue;
    by_dim *u = ast_by_dim(c->p, d->sp, d->fn, d->column, d->col_sp, d->bands);
    out = ast_by_dim_add(out, u);
    banding_decl *bd = d->fn == BYF_VALUE ? find_banding(c->p, d->column) : NULL;
    int col = strchr(d->column, '.') ? -1 : ast_column_index(src, d->column);
    if (bd && col >= 0) {
      unsigned line, lc;
      diag_position(c->d, bd->sp.beg, &line, &lc);
      diag_error(c->d, d->col_sp, "'%s' reads two ways: the banding of line %u, or the column '%s' of '%s'; rename the banding",
                 d->column, line, d->column, src->name);
      continue;
    }
    if (bd && d->bands) {
      diag_error(c->d, d->sp, "'%s' is a banding with its own bands; write 'per %s', or the column with bands", d->column, d->column);
      continue;
    }
    if (bd) { /* the banding's column and bands */
      u->def = bd->dim;
      u->banding = bd->name;
      u->fn = bd->dim->fn;
      u->column = bd->dim->column;
      u->bands = bd->dim->bands;
      u->set = bd->dim->set;
      if (!u->set) continue; /* its bands were wrong: said at the banding */
    } else if (d->bands) {
      u->set = bands_compile(c->p->arena, d->bands, c->d);
    }
    if (src->unreadable) continue;
    vtype t = T_NONE;
    if (strchr(u->column, '.')) { /* per SRC.COL (§5.9) */
      u->col = ck_derived_column(c, src, u->column, d->col_sp, &t);
      if (g->base && u->col >= 0)
        diag_error(c->d, d->col_sp, "a breakdown by a field through a reference cannot have a baseline yet");
    } else {
      u->col = ast_column_index(src, u->column);
      if (u->col < 0) {
        suggest s = {NULL, 99, u->column};
        for (size_t i = 0; i < src->ncol; i++) ck_consider(&s, src->colv[i]->name);
        for (banding_decl *x = c->p->bandings; x; x = x->next) ck_consider(&s, x->name);
        diag_error(c->d, d->col_sp, "'%s' is not a column of '%s', so the goal cannot be broken down by it", u->column, src->name);
        if (s.best) diag_note(c->d, d->col_sp, "did you mean '%s'?", s.best);
        continue;
      }
      t = src->colv[u->col]->type;
      if (t == T_TEXT && u->fn == BYF_VALUE) ck_warn_spaced(c, src->colv[u->col], d->col_sp, src);
      if (src->colv[u->col]->unsampled && (u->fn != BYF_VALUE || u->set)) { /* empty in the sample: what it needs */
        t = src->colv[u->col]->type = u->fn != BYF_VALUE ? T_DATE : T_DEC;
        src->colv[u->col]->unsampled = false;
      }
      if (g->base && g->base->source && g->base->source != src && ast_column_index(g->base->source, u->column) < 0)
        diag_error(c->d, d->col_sp, "the baseline's source '%s' has no column '%s' to break it down by", g->base->source->name, u->column);
    }
    if (u->col < 0) continue;
    u->type = by_key_type(c, u, t, d->sp);
    if (u->set && !bands_fit(c, u, u->type, d->sp)) u->set = NULL;
    if (u->set) bands_gaps(u->set, u->type == T_INT, c->d);
  }
  g->by_dims = out;
  g->nby = n > 2 ? 2 : n;
  g->by_col = out ? out->col : -1;
}

void ck_check_bandings(chk *c) {
  for (banding_decl *b = c->p->bandings; b; b = b->next) {
    for (banding_decl *o = c->p->bandings; o != b; o = o->next)
      if (!strcmp(o->name, b->name)) {
        diag_error(c->d, b->sp, "there are two bandings named '%s'", b->name);
        ck_first_here(c, o->sp, N_("banding"));
        break;
      }
    b->dim->set = bands_compile(c->p->arena, b->dim->bands, c->d);
  }
}
