/* check_params.c — the parameters (their values, or --param's) and the
 * agreement's line: its title and its period. */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"

void ck_check_params(chk *c) {
  ast_program *p = c->p;
  int i = 0;
  for (param_decl *q = p->params; q; q = q->next) q->index = i++;
  p->nparams = i;
  p->paramv = arena_alloc(p->arena, (size_t)(i ? i : 1) * sizeof *p->paramv);
  for (param_decl *q = p->params; q; q = q->next) p->paramv[q->index] = q;
  /* --param NAME=VALUE first: a computed parameter must see the new value */
  for (size_t k = 0; k < c->opt->nparam_overrides; k++) {
    const char *s = c->opt->param_overrides[k];
    const char *eq = strchr(s, '=');
    param_decl *q = NULL;
    if (eq) {
      for (param_decl *x = p->params; x; x = x->next)
        if (strlen(x->name) == (size_t)(eq - s) && !strncmp(x->name, s, (size_t)(eq - s))) q = x;
    }
    if (!eq) {
      fprintf(stderr, T("maal: --param needs NAME=VALUE, not '%s'\n"), s);
      c->usage_error = true;
    } else if (!q) {
      fprintf(stderr, T("maal: --param %.*s: %s has no parameter of that name"), (int)(eq - s), s, p->path);
      for (param_decl *x = p->params; x; x = x->next)
        fprintf(stderr, "%s%s", x == p->params ? M(" (it has: ") : ", ", x->name);
      fprintf(stderr, "%s\n", p->params ? ")" : "");
      c->usage_error = true;
    } else if (ast_type_numeric(q->type) && ck_looks_numeric(ck_unsigned_part(eq + 1)) &&
               ast_number_problem(ck_unsigned_part(eq + 1))) {
      fprintf(stderr, T("maal: --param %s: '%s': %s\n"), q->name, eq + 1, ast_number_problem(ck_unsigned_part(eq + 1)));
      c->usage_error = true;
    } else if (!chk_parse_value(q->type, eq + 1, p->arena, &q->val)) {
      fprintf(stderr, T("maal: --param %s: '%s' is not %s\n"), q->name, eq + 1, ck_article(q->type));
      c->usage_error = true;
    } else {
      q->override_text = eq + 1;
    }
  }
  for (param_decl *q = p->params; q; q = q->next) {
    c->param_limit = q->index; /* only earlier parameters */
    if (ast_type_numeric(q->type)) {
      num n;
      bool ok = ck_const_num(c, q->init, &n, M("a parameter's value"));
      if (ok && q->type == T_INT && !num_is_int(n) && !diag_error_within(c->d, q->init->sp))
        diag_error(c->d, q->init->sp, "parameter '%s' is an int, but its value is not a whole number", q->name);
      else if (ok && !q->override_text) {
        q->val.kind = V_NUM;
        q->val.u.n = n;
      }
      continue;
    }
    vtype t = ck_check_expr(c, q->init, NULL);
    if (t == T_NONE) continue;
    if (t == q->type && (q->init->kind == E_STR || q->init->kind == E_DATE || q->init->kind == E_BOOL ||
                         q->init->kind == E_MONTH || q->init->kind == E_QUARTER)) {
      if (!q->override_text) q->val = q->init->lit;
    } else {
      diag_error(c->d, q->init->sp, "parameter '%s' is %s, but its value %s is %s", q->name,
                 ck_article(q->type), ck_describe(c, q->init), ck_article(t));
    }
  }
  c->param_limit = i;
}

void ck_check_period(chk *c) {
  ast_program *p = c->p;
  if (p->nagreement == 0 && p->areas) {
    diag_error(c->d, p->areas->sp, "the file has focus areas, but no 'agreement \"title\"' line");
    diag_note(c->d, p->areas->sp, "a file of declarations only (groups, data, parameters, schemes) or of tests needs none");
    p->title = "";
  } else if (p->nagreement == 0) {
    p->title = ""; /* a library of declarations, or a file of tests */
  } else if (p->nagreement > 1) {
    diag_error(c->d, p->second_title_sp, "the file has more than one 'agreement' line");
  }
  p->period_text = "";
  if (!p->period) return;
  expr *e = p->period;
  if (e->kind == E_NUM || e->kind == E_DATE || e->kind == E_MONTH || e->kind == E_QUARTER) {
    p->period_text = e->raw;
  } else if (e->kind == E_STR) {
    p->period_text = e->lit.u.t.s;
  } else if (e->kind == E_NAME) {
    param_decl *q = ck_find_param(p, e->name);
    if (!q) {
      diag_error(c->d, e->sp, "'%s' is not a parameter", e->name);
    } else if (q->val.kind == V_TEXT) {
      p->period_text = q->val.u.t.s;
    } else if (q->val.kind == V_NUM) {
      char b[64];
      num_format_plain(q->val.u.n, 0, b, sizeof b);
      p->period_text = q->override_text ? q->override_text : arena_strdup(p->arena, b);
    } else if (q->val.kind == V_DATE) {
      char b[11];
      cal_format_date(q->val.u.date, b);
      p->period_text = arena_strdup(p->arena, b);
    } else if (q->val.kind == V_MONTH || q->val.kind == V_QUARTER) {
      p->period_text = ck_time_text(p->arena, q->val);
    }
  } else {
    diag_error(c->d, e->sp, "the period is a number, a text or a parameter, e.g. 'period 2007'");
  }
  if (p->period_twice) diag_error(c->d, p->period_twice_sp, "the agreement line has more than one 'period'");
}
