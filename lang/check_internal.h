/* check_internal.h — what the two halves of the checker share: check.c
 * (names, data sources, groups, schemes, goals, structure; the driver) and
 * check_expr.c (values, expressions, time values, keys, references and
 * related rows).  Not for use outside lang/check*.c. */
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

/* The closest known name to `want`, when it is close (check.c). */
typedef struct {
  const char *best;
  size_t dist;
  const char *want;
} suggest;

/* Used by both files; each is described where it is defined (check_expr.c:
 * values, expressions, keys and references; check.c: lookups, suggestions,
 * groups). */
bool ck_const_num(chk *c, expr *e, num *out, const char *what);
bool ck_fold(chk *c, expr *e, num *out, const char *what);
bool ck_looks_numeric(const char *v);
const char *ck_article(vtype t);
const char *ck_describe(chk *c, const expr *e);
const char *ck_time_text(arena *a, value v);
const char *ck_unsigned_part(const char *v);
data_decl *ck_find_data(ast_program *p, const char *name);
group_decl *ck_find_group(ast_program *p, const char *name);
int ck_derived_column(chk *c, data_decl *d, const char *text, span sp, vtype *type);
int ck_key_column(chk *c, data_decl *d, const expr *name, const char *what);
param_decl *ck_find_param(ast_program *p, const char *name);
void ck_check_condition(chk *c, expr *e, data_decl *src, const char *where);
void ck_check_relations(chk *c, data_decl *d);
void ck_consider(suggest *s, const char *name);
void ck_resolve_group(chk *c, group_decl *g);
vtype ck_check_expr(chk *c, expr *e, data_decl *src);

#endif
