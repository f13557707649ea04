/* check.c — the checker's driver: resolve names and check types, units,
 * schemes and structure.
 *
 * Order: names (check_names.c), parameters and the period
 * (check_params.c), data sources (check_data.c; their columns come from
 * the files, then their keys and references), groups (with cycle
 * detection, in check_expr.c, since a group's condition and a 'har' of a
 * group need each other), status schemes (check_scheme.c), bandings
 * (check_by.c), then the areas, initiatives and goals (the walk is here;
 * a goal is check_goal.c's, its rules and weights check_rules.c's) and
 * the checks of the extract (check_data.c).  Expressions are
 * check_expr.c's, the words for values check_values.c's.  Every problem
 * is reported; checking goes on after an error wherever the rest can
 * still be checked.
 */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>

static void check_structure(chk *c) {
  ast_program *p = c->p;
  int ngoals = 0;
  for (area *ar = p->areas; ar; ar = ar->next) {
    for (area *o = p->areas; o != ar; o = o->next)
      if (!strcmp(o->number, ar->number)) {
        diag_error(c->d, ar->number_sp, "there are two focus areas numbered %s", ar->number);
        ck_first_here(c, o->number_sp, N_("focus area"));
        break;
      }
    if (!ar->inits) diag_warning(c->d, ar->number_sp, "focus area %s has no initiatives", ar->number);
    for (initiative *in = ar->inits; in; in = in->next) {
      /* compare with the initiatives before this one, in document order */
      for (area *oa = p->areas; oa; oa = oa == ar ? NULL : oa->next)
        for (initiative *o = oa->inits; o && o != in; o = o->next)
          if (!strcmp(o->number, in->number)) {
            unsigned line, col;
            diag_position(c->d, o->number_sp.beg, &line, &col);
            diag_error(c->d, in->number_sp, "there is already an initiative numbered %s (line %u)", in->number, line);
            ck_first_here(c, o->number_sp, N_("initiative"));
            goto next;
          }
    next:
      for (goal *g = in->goals; g; g = g->next) {
        for (goal *o = in->goals; o != g; o = o->next)
          if (!strcmp(o->label, g->label)) {
            diag_error(c->d, g->label_sp, "initiative %s already has a goal '%s'", in->number, g->label);
            ck_first_here(c, o->label_sp, N_("goal"));
            break;
          }
        ck_check_goal(c, in, g);
        ngoals++;
      }
      {
        int n = 0;
        for (goal *g = in->goals; g; g = g->next) n++;
        const char *who = arena_printf(p->arena, M("initiative %s"), in->number);
        ck_check_rule(c, &in->rule, RU_GOALS, n, who);
        ck_check_weight(c, &in->weight, who);
        if (in->nsource > 1) diag_error(c->d, in->source_sp, "%s has more than one 'source'", who);
        if (in->rule.agg == AGG_WEIGHTED) ck_weighted_goals(c, &in->rule, in, who);
      }
      if (in->rule.agg == AGG_GOAL) ck_check_rule_goals(c, in);
      if (!in->goals && in->rule.agg != AGG_MANUAL)
        diag_warning(c->d, in->number_sp, "initiative %s has no goals; its status will be '%s'", in->number,
                     p->default_scheme->label[ROLE_UNKNOWN]);
    }
  }
  int ninits = 0, nareas = 0;
  for (area *ar = p->areas; ar; ar = ar->next, nareas++) {
    int n = 0;
    for (initiative *in = ar->inits; in; in = in->next, n++) in->index = ninits++;
    const char *who = arena_printf(p->arena, M("focus area %s"), ar->number);
    ck_check_weight(c, &ar->weight, who);
    if (!ar->rule.count) continue;
    ck_check_rule(c, &ar->rule, RU_INITIATIVES, n, who);
    if (ar->rule.agg == AGG_WEIGHTED)
      for (initiative *in = ar->inits; in; in = in->next) ck_weighted_goals(c, &ar->rule, in, who);
  }
  if (p->rule.count) {
    ck_check_rule(c, &p->rule, RU_AREAS, nareas, M("the agreement"));
    if (p->rule.agg == AGG_WEIGHTED)
      for (area *ar = p->areas; ar; ar = ar->next)
        for (initiative *in = ar->inits; in; in = in->next) ck_weighted_goals(c, &p->rule, in, M("the agreement"));
  }
  p->ninits = ninits;
  p->ngoals = ngoals;
  p->goalv = arena_alloc(p->arena, (size_t)(ngoals ? ngoals : 1) * sizeof *p->goalv);
  int k = 0;
  for (area *ar = p->areas; ar; ar = ar->next)
    for (initiative *in = ar->inits; in; in = in->next)
      for (goal *g = in->goals; g; g = g->next) {
        g->index = k;
        p->goalv[k++] = g;
      }
}

static int check_program(ast_program *p, diag *d, const chk_options *opt);

int chk_program(ast_program *p, diag *d, const chk_options *opt) {
  int r = check_program(p, d, opt);
  ck_free_group_index(p); /* only the checker looks groups up by name */
  return r;
}

static int check_program(ast_program *p, diag *d, const chk_options *opt) {
  chk c = {.p = p, .d = d, .opt = opt};
  if (p->abandoned) return CHK_RULES; /* the parser said why; the rest would be noise */
  ck_check_names(&c);
  ck_check_params(&c);
  ck_check_period(&c);
  int n = 0;
  for (data_decl *x = p->data; x; x = x->next) x->index = n++;
  p->ndata = n;
  p->datav = arena_alloc(p->arena, (size_t)(n ? n : 1) * sizeof *p->datav);
  for (data_decl *x = p->data; x; x = x->next) {
    p->datav[x->index] = x;
    ck_check_data(&c, x);
  }
  for (size_t k = 0; k < opt->ndata_overrides; k++) {
    const char *s = opt->data_overrides[k], *eq = strchr(s, '=');
    bool known = false;
    for (data_decl *x = p->data; eq && x; x = x->next)
      if (strlen(x->name) == (size_t)(eq - s) && !strncmp(x->name, s, (size_t)(eq - s))) known = true;
    if (!known) {
      fprintf(stderr, T("maal: --data %s: %s\n"), s, eq ? M("the rules have no data source of that name") : M("write NAME=PATH"));
      c.usage_error = true;
    }
  }
  if (c.usage_error) return CHK_USAGE;
  /* Columns come from the files (not from a path that is itself wrong).  A
     file that cannot be read leaves its columns unknown; the rest of the
     rules are still checked, quietly about that source's names. */
  int before_data = diag_errors(d);
  for (data_decl *x = p->data; x; x = x->next)
    if (!x->unreadable && opt->load_columns && opt->load_columns(p, x, d, opt->ctx) != 0) {
      c.data_error = true;
      x->unreadable = true;
    }
  int data_errors = diag_errors(d) - before_data;
  for (data_decl *x = p->data; x; x = x->next) ck_check_relations(&c, x);
  n = 0;
  for (group_decl *g = p->groups; g; g = g->next) g->index = n++;
  p->ngroups = n;
  p->groupv = arena_alloc(p->arena, (size_t)(n ? n : 1) * sizeof *p->groupv);
  for (group_decl *g = p->groups; g; g = g->next) p->groupv[g->index] = g;
  for (group_decl *g = p->groups; g; g = g->next) ck_resolve_group(&c, g);
  for (scheme_decl *s = p->schemes; s; s = s->next) ck_check_scheme(&c, s);
  /* the default scheme: the file's own first one, else an imported one */
  p->default_scheme = p->schemes;
  for (scheme_decl *s = p->schemes; s; s = s->next)
    if (s->sp.beg <= p->main_end) {
      p->default_scheme = s;
      break;
    }
  if (!p->default_scheme) p->default_scheme = ck_builtin_scheme(p);
  ck_check_bandings(&c);
  check_structure(&c);
  ck_check_checks(&c);
  if (diag_errors(d) > data_errors) return CHK_RULES;
  return c.data_error ? CHK_DATA : CHK_OK;
}
