/* check_names.c — the checker's lookups by name and its suggestions: the
 * closest known name to a wrong one, the data sources, groups (indexed by
 * name), parameters and schemes, and the duplicate names of a file.  It
 * calls no other part of the checker; they all call it. */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hash.h"

/* ---- suggestions: the closest known name, if it is close ---- */

static size_t distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return 99;
  size_t row[65];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t cur = row[j];
      size_t best = prev + (a[i - 1] != b[j - 1]);
      if (row[j] + 1 < best) best = row[j] + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      prev = cur;
    }
  }
  return row[lb];
}


void ck_consider(suggest *s, const char *name) {
  size_t d = distance(s->want, name);
  size_t limit = strlen(s->want) <= 4 ? 1 : 2;
  if (d <= limit && d < s->dist) {
    s->dist = d;
    s->best = name;
  }
}

/* ---- lookups ---- */

column_decl *chk_column(const data_decl *d, const char *name) {
  for (size_t i = 0; i < d->ncol; i++)
    if (strcmp(d->colv[i]->name, name) == 0) return d->colv[i];
  return NULL;
}

data_decl *ck_find_data(ast_program *p, const char *name) { return ast_find_data(p, name, strlen(name)); }

/* The groups by name: a file may chain 100.000 groups, each naming the
 * one before, so a lookup must not walk the list. */
struct group_entry {
  const char *name;
  group_decl *g; /* the first group of that name */
  UT_hash_handle hh;
};

group_decl *ck_find_group(ast_program *p, const char *name) {
  struct group_entry *e = NULL;
  HASH_FIND_STR(p->group_index, name, e);
  return e ? e->g : NULL;
}

/* A note at the first of two things with one name or number (spec §12.5). */
void ck_first_here(chk *c, span first, const char *what) {
  diag_note(c->d, first, "the first %s is here", M(what));
}

/* Index the groups; a second group of a name is reported. */
static void index_groups(chk *c) {
  ast_program *p = c->p;
  for (group_decl *g = p->groups; g; g = g->next) {
    if (ck_find_group(p, g->name)) {
      diag_error(c->d, g->sp, "there are two groups named '%s'", g->name);
      ck_first_here(c, ck_find_group(p, g->name)->sp, N_("group"));
      continue;
    }
    struct group_entry *e = arena_alloc(p->arena, sizeof *e);
    e->name = g->name;
    e->g = g;
    HASH_ADD_KEYPTR(hh, p->group_index, e->name, strlen(e->name), e);
  }
}

void ck_free_group_index(ast_program *p) {
  HASH_CLEAR(hh, p->group_index); /* the entries live in the arena */
}

param_decl *ck_find_param(ast_program *p, const char *name) { return ast_find_param(p, name, strlen(name)); }

scheme_decl *ck_find_scheme(ast_program *p, const char *name) { return ast_find_scheme(p, name, strlen(name)); }

/* ---- two things of one name ---- */

void ck_check_names(chk *c) {
  ast_program *p = c->p;
  for (data_decl *d = p->data; d; d = d->next)
    for (data_decl *o = p->data; o != d; o = o->next)
      if (!strcmp(o->name, d->name)) {
        diag_error(c->d, d->sp, "there are two data sources named '%s'", d->name);
        ck_first_here(c, o->sp, N_("data source"));
        break;
      }
  for (group_decl *g = p->groups; g; g = g->next)
    if (ck_find_data(p, g->name)) diag_error(c->d, g->sp, "'%s' is already the name of a data source", g->name);
  index_groups(c);
  for (param_decl *q = p->params; q; q = q->next)
    for (param_decl *o = p->params; o != q; o = o->next)
      if (!strcmp(o->name, q->name)) {
        diag_error(c->d, q->sp, "there are two parameters named '%s'", q->name);
        ck_first_here(c, o->sp, N_("parameter"));
        break;
      }
  for (scheme_decl *s = p->schemes; s; s = s->next)
    for (scheme_decl *o = p->schemes; o != s; o = o->next)
      if (!strcmp(o->name, s->name)) {
        diag_error(c->d, s->sp, "there are two schemes named '%s'", s->name);
        ck_first_here(c, o->sp, N_("scheme"));
        break;
      }
}
