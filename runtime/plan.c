/* plan.c — which groups a pass must decide for each row, and in what
 * order: each group after the groups it is built from or names in its
 * condition (the plan, eval_internal.h), for the probes measured on a
 * source and the 'har' states counted from its rows; and which goal
 * first needs each group (named when a number in its condition is too
 * large). */
#include <stdlib.h>

#include "eval_internal.h"

/* Building a plan: a depth-first search with its own stack, since a
 * chain of groups can be 100.000 long. */
typedef struct {
  ast_program *p;
  plan *pl;
  int *state;      /* per group: 0 new, 1 what it uses is pushed, 2 placed */
  int *stack;
  size_t n, cap;
  walk_stack w;
} planner;

static void plan_push(planner *pb, int g) {
  if (pb->state[g] != 0) return;
  if (pb->n == pb->cap) {
    pb->cap = pb->cap ? 2 * pb->cap : 64;
    pb->stack = xrealloc(pb->stack, pb->cap * sizeof *pb->stack);
  }
  pb->stack[pb->n++] = g;
}

static void push_named_group(const expr *x, walk_stack *w, void *ctx) {
  (void)w;
  if (x->kind == E_NAME && x->ref == REF_GROUP) plan_push(ctx, x->slot);
}

/* Place every group pushed, each after the groups it uses. */
static void plan_drain(planner *pb) {
  while (pb->n) {
    int g = pb->stack[pb->n - 1];
    if (pb->state[g] == 2) {
      pb->n--;
    } else if (pb->state[g] == 1) { /* what it uses is placed by now */
      pb->state[g] = 2;
      pb->n--;
      pb->pl->order[pb->pl->n++] = g;
    } else {
      pb->state[g] = 1;
      const group_decl *gd = pb->p->groupv[g];
      if (gd->parent) plan_push(pb, gd->parent->index);
      if (gd->where) expr_walk(&pb->w, gd->where, push_named_group, pb);
    }
  }
}

typedef struct {
  int *owner;
  int goal;
} owner_ctx;

static void own_group(owner_ctx *o, int g) {
  if (o->owner[g] < 0 || o->owner[g] > o->goal) o->owner[g] = o->goal;
}

static void own_named_group(const expr *x, walk_stack *w, void *ctx) {
  (void)w;
  if (x->kind == E_NAME && x->ref == REF_GROUP) own_group(ctx, x->slot);
}

/* The groups that the probes pr[0..n) need on their source, and for each
 * group the first goal that needs it (named when its condition fails). */
void plan_build(ast_program *p, probe *const *pr, size_t n, plan *pl) {
  size_t ng = (size_t)p->ngroups + 1;
  planner pb = {.p = p, .pl = pl, .state = xcalloc(ng, sizeof(int))};
  pl->order = xcalloc(ng, sizeof *pl->order);
  pl->owner = xmalloc(ng * sizeof *pl->owner);
  pl->n = 0;
  for (size_t i = 0; i < ng; i++) pl->owner[i] = -1;
  for (size_t i = 0; i < n; i++) {
    const measure *m = pr[i]->m;
    owner_ctx o = {pl->owner, pr[i]->g->index};
    if (m->g) {
      plan_push(&pb, m->g->index);
      own_group(&o, m->g->index);
    }
    if (m->where) {
      expr_walk(&pb.w, m->where, push_named_group, &pb);
      expr_walk(&pb.w, m->where, own_named_group, &o);
    }
    plan_drain(&pb);
  }
  /* a group is needed by the goals that need a group using it; the users
     come later in the order, so go backwards */
  for (size_t i = pl->n; i-- > 0;) {
    const group_decl *gd = p->groupv[pl->order[i]];
    owner_ctx o = {pl->owner, pl->owner[gd->index]};
    if (o.goal < 0) continue;
    if (gd->parent) own_group(&o, gd->parent->index);
    if (gd->where) expr_walk(&pb.w, gd->where, own_named_group, &o);
  }
  free(pb.state);
  free(pb.stack);
  free(pb.w.v);
}

/* Add to pl the groups a 'har' state needs on the rows (its NAME, the
 * groups named in its condition), after those placed already. */
void plan_extend(ast_program *p, plan *pl, const group_decl *g, const expr *where) {
  size_t ng = (size_t)p->ngroups + 1;
  planner pb = {.p = p, .pl = pl, .state = xcalloc(ng, sizeof(int))};
  for (size_t i = 0; i < pl->n; i++) pb.state[pl->order[i]] = 2;
  if (g) plan_push(&pb, g->index);
  if (where) expr_walk(&pb.w, where, push_named_group, &pb);
  plan_drain(&pb);
  free(pb.state);
  free(pb.stack);
  free(pb.w.v);
}

void plan_free(plan *pl) {
  free(pl->order);
  free(pl->owner);
}
