/* rollup.h — the status of an initiative from its goals, of a focus area
 * from its initiatives and of the agreement from its areas (spec §9.5,
 * §9.7, §9.8), with weights (§9.9).
 *
 * The inputs are the goals' rows of the status table, so `run` and
 * `explain` judge from the same numbers: each goal gives its status, its
 * weight and its achievement capped at 100 % (a milestone: 100 % when met,
 * 0 % when not).  A goal that cannot be computed may lie anywhere from 0 %
 * to 100 %, which is why a score is a range [lo, hi]: lo == hi when every
 * goal is known. */
#ifndef MAAL_ROLLUP_H
#define MAAL_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "report.h"

typedef struct {
  role r;        /* its status */
  num weight;
  bool scored;   /* lo and hi are set (false: no goals, or an overflow) */
  num lo, hi;    /* its capped achievement in pct, or the range it may lie in */
} ru_member;

typedef struct {
  role r;             /* the rule's status */
  int n, count[ROLE_COUNT]; /* members, and how many have each status */
  bool scored;        /* the weighted achievement of the members is known (lo..hi) */
  num lo, hi;         /* it, in pct: the lowest and highest it can be */
  num wsum;           /* the sum of the weights */
  bool best_worst;    /* a rule judged twice: with the unknown members at their best and worst */
  role best, worst;   /* those two statuses (equal: the unknowns cannot change it) */
} ru_outcome;

/* The rule k (with K for AGG_ATLEAST, the scheme for AGG_WEIGHTED) over
 * n members.  AGG_GOAL and AGG_MANUAL are the caller's (ru_initiative). */
void ru_roll(agg_kind k, int K, const scheme_decl *s, const ru_member *m, size_t n, ru_outcome *out);

/* The goal row of g in the evaluated table (NULL: none). */
typedef const rep_row *(*ru_row_fn)(void *ctx, const goal *g);

/* A goal as a member: its row's status and achievement, its weight. */
ru_member ru_goal_member(const goal *g, const rep_row *row);
/* An initiative, a focus area, the agreement.  `members` (may be NULL)
 * receives the members judged, n of them: goals, initiatives or areas. */
void ru_initiative(const initiative *in, ru_row_fn rows, void *ctx, ru_outcome *out, ru_member *members);
void ru_area(const area *a, ru_row_fn rows, void *ctx, ru_outcome *out, ru_member *members);
void ru_agreement(const ast_program *p, ru_row_fn rows, void *ctx, ru_outcome *out, ru_member *members);

/* The member an initiative or an area is to the rule above it. */
ru_member ru_as_member(const ru_outcome *o, num weight);

#endif
