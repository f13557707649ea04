/* check_internal.h — what the files of the checker share.  check.c drives;
 * each file below calls only the ones listed before it:
 *   check_names.c   lookups by name, suggestions, duplicate names
 *   check_values.c  values and how messages word them
 *   check_expr.c    expressions, time values, related rows, groups
 *   check_data.c    data sources: options, keys, references, checks
 *   check_params.c  parameters and the agreement's period
 *   check_scheme.c  status schemes
 *   check_by.c      breakdowns and bandings
 *   check_rules.c   weights and status rules
 *   check_goal.c    one goal: measure, targets, units, milestones
 * Not for use outside lang/check*.c. */
#ifndef MAAL_CHECK_INTERNAL_H
#define MAAL_CHECK_INTERNAL_H

#include "check.h"

typedef struct {
  ast_program *p;
  diag *d;
  const chk_options *opt;
  bool data_error;
  bool usage_error;
  int param_limit;       /* parameters below this index have their values */
  group_decl *stack[64]; /* groups being resolved, for cycle messages */
  int depth;
  bool in_has;           /* checking the condition of a 'har' (§5.10) */
} chk;

/* The closest known name to `want`, when it is close (check_names.c). */
typedef struct {
  const char *best;
  size_t dist;
  const char *want;
} suggest;

/* What dates rows or anchors a window: a date, or a month (spec §2.8;
 * entity.c's month_index_of reads both).  For a source's time column
 * (check_data.c) and a 'har' window's anchor (check_expr.c). */
static inline bool ck_time_type(vtype t) { return t == T_DATE || t == T_MONTH; }

/* Each is described where it is defined. */

/* check_names.c */
void ck_consider(suggest *s, const char *name);
data_decl *ck_find_data(ast_program *p, const char *name);
group_decl *ck_find_group(ast_program *p, const char *name);
param_decl *ck_find_param(ast_program *p, const char *name);
scheme_decl *ck_find_scheme(ast_program *p, const char *name);
void ck_first_here(chk *c, span first, const char *what);
void ck_check_names(chk *c);
void ck_free_group_index(ast_program *p);

/* check_values.c */
const char *ck_unsigned_part(const char *v);
bool ck_looks_numeric(const char *v);
const char *ck_article(vtype t);
const char *ck_describe(chk *c, const expr *e);
void ck_exact_text(num v, char *out, size_t cap);

/* check_expr.c */
void ck_warn_spaced(chk *c, column_decl *col, span at, const data_decl *src); /* spec §4.5 */
vtype ck_check_expr(chk *c, expr *e, data_decl *src);
void ck_check_condition(chk *c, expr *e, data_decl *src, const char *where);
const char *ck_time_text(arena *a, value v);
int ck_derived_column(chk *c, data_decl *d, const char *text, span sp, vtype *type);
bool ck_fold(chk *c, expr *e, num *out, const char *what);
bool ck_const_num(chk *c, expr *e, num *out, const char *what);
void ck_resolve_group(chk *c, group_decl *g);

/* check_data.c */
void ck_check_data(chk *c, data_decl *d);
void ck_check_relations(chk *c, data_decl *d);
void ck_check_checks(chk *c);

/* check_params.c */
void ck_check_params(chk *c);
void ck_check_period(chk *c);

/* check_scheme.c */
void ck_check_scheme(chk *c, scheme_decl *s);
scheme_decl *ck_builtin_scheme(ast_program *p);

/* check_by.c */
void ck_check_by(chk *c, goal *g, goal_item *it);
void ck_check_bandings(chk *c);

/* check_rules.c */
void ck_weight_value(chk *c, expr *e, num *out);
void ck_check_weight(chk *c, weight_decl *w, const char *who);
void ck_weighted_goals(chk *c, const status_rule *r, const initiative *in, const char *who);
void ck_check_rule(chk *c, status_rule *r, rule_unit lvl, int members, const char *who);
void ck_check_rule_goals(chk *c, initiative *in);

/* check_goal.c */
void ck_check_goal(chk *c, initiative *in, goal *g);

#endif
