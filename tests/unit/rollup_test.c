/* rollup_test.c — the status rules of spec §9.5, §9.7 to §9.9 over
 * members made by hand (runtime/rollup.c): all, worst, any, at least K of
 * N, weighted and the goals named (status mål a og b), with the unknowns that can and cannot change the
 * outcome, capped achievements and weights. */
#include "rollup.h"

#include <stdio.h>
#include <string.h>

static int run, failed;

static void check(const char *name, long long want, long long got) {
  run++;
  if (want == got) {
    printf("PASS rollup: %s\n", name);
    return;
  }
  failed++;
  printf("FAIL rollup: %s\n    expected: %lld\n    got:      %lld\n", name, want, got);
}

static scheme_decl standard(void) {
  scheme_decl s;
  memset(&s, 0, sizeof s);
  s.name = "standard";
  for (int r = 0; r < ROLE_COUNT; r++) s.has[r] = true;
  s.has_from[ROLE_MET] = true, s.from[ROLE_MET] = num_int(100);
  s.has_from[ROLE_PARTLY] = true, s.from[ROLE_PARTLY] = num_int(80);
  s.has_below[ROLE_PARTLY] = true, s.below[ROLE_PARTLY] = num_int(100);
  s.has_below[ROLE_NOT_MET] = true, s.below[ROLE_NOT_MET] = num_int(80);
  return s;
}

/* A member: its status, weight and capped achievement (unknown: 0..100). */
static ru_member mem(role r, int w, int ach) {
  ru_member m = {.r = r, .weight = num_int(w), .scored = true, .lo = num_int(ach), .hi = num_int(ach)};
  if (r == ROLE_UNKNOWN) m.lo = num_int(0), m.hi = num_int(100);
  return m;
}

/* 'status mål a og b' (§9.5): the goals' rows, by the goal's index. */
static const rep_row *rows_by_index(void *ctx, const goal *g) { return &((const rep_row *)ctx)[g->index]; }

static role roll(agg_kind k, int K, const ru_member *m, size_t n) {
  scheme_decl s = standard();
  ru_outcome o;
  ru_roll(k, K, &s, m, n, &o);
  return o.r;
}

int main(void) {
  ru_member met_not[] = {mem(ROLE_MET, 1, 100), mem(ROLE_NOT_MET, 1, 50)};
  ru_member partly_not[] = {mem(ROLE_PARTLY, 1, 90), mem(ROLE_NOT_MET, 1, 50)};
  ru_member not_unknown[] = {mem(ROLE_NOT_MET, 1, 50), mem(ROLE_UNKNOWN, 1, 0)};
  ru_member met_unknown[] = {mem(ROLE_MET, 1, 100), mem(ROLE_UNKNOWN, 1, 0)};
  /* §9.5 all and worst, as before */
  check("all: met and not met is partly", ROLE_PARTLY, roll(AGG_ALL, 0, met_not, 2));
  check("all: an unknown goal makes it unknown", ROLE_UNKNOWN, roll(AGG_ALL, 0, met_unknown, 2));
  check("worst: not met", ROLE_NOT_MET, roll(AGG_WORST, 0, met_not, 2));
  check("no members: unknown", ROLE_UNKNOWN, roll(AGG_ANY, 0, met_not, 0));
  /* any */
  check("any: one met is met", ROLE_MET, roll(AGG_ANY, 0, met_not, 2));
  check("any: one partly is partly", ROLE_PARTLY, roll(AGG_ANY, 0, partly_not, 2));
  check("any: not met and unknown could be met: unknown", ROLE_UNKNOWN, roll(AGG_ANY, 0, not_unknown, 2));
  check("any: met and unknown is met whatever the unknown is", ROLE_MET, roll(AGG_ANY, 0, met_unknown, 2));
  /* at least K of N */
  ru_member mmn[] = {mem(ROLE_MET, 1, 100), mem(ROLE_MET, 1, 100), mem(ROLE_NOT_MET, 1, 0)};
  ru_member mpn[] = {mem(ROLE_MET, 1, 100), mem(ROLE_PARTLY, 1, 90), mem(ROLE_NOT_MET, 1, 0)};
  ru_member mnn[] = {mem(ROLE_MET, 1, 100), mem(ROLE_NOT_MET, 1, 0), mem(ROLE_NOT_MET, 1, 0)};
  ru_member mmu[] = {mem(ROLE_MET, 1, 100), mem(ROLE_MET, 1, 100), mem(ROLE_UNKNOWN, 1, 0)};
  ru_member mpu[] = {mem(ROLE_MET, 1, 100), mem(ROLE_PARTLY, 1, 90), mem(ROLE_UNKNOWN, 1, 0)};
  ru_member nnu[] = {mem(ROLE_NOT_MET, 1, 0), mem(ROLE_NOT_MET, 1, 0), mem(ROLE_UNKNOWN, 1, 0)};
  check("2 of 3: two met is met", ROLE_MET, roll(AGG_ATLEAST, 2, mmn, 3));
  check("2 of 3: met and partly is partly (met and partly counted)", ROLE_PARTLY, roll(AGG_ATLEAST, 2, mpn, 3));
  check("2 of 3: one met is not met", ROLE_NOT_MET, roll(AGG_ATLEAST, 2, mnn, 3));
  check("2 of 3: two met and an unknown is met", ROLE_MET, roll(AGG_ATLEAST, 2, mmu, 3));
  check("2 of 3: met, partly, unknown is unknown (met or partly)", ROLE_UNKNOWN, roll(AGG_ATLEAST, 2, mpu, 3));
  check("2 of 3: two not met and an unknown is not met", ROLE_NOT_MET, roll(AGG_ATLEAST, 2, nnu, 3));
  check("3 of 3: met, partly, unknown is unknown (partly or not met)", ROLE_UNKNOWN, roll(AGG_ATLEAST, 3, mpu, 3));
  /* weighted */
  ru_member w1[] = {mem(ROLE_MET, 3, 100), mem(ROLE_NOT_MET, 1, 50)}; /* 350 / 4 = 87,5 */
  check("weighted: 100 × 3 + 50 × 1 over 4 is partly", ROLE_PARTLY, roll(AGG_WEIGHTED, 0, w1, 2));
  ru_member w2[] = {mem(ROLE_MET, 1, 100), mem(ROLE_NOT_MET, 3, 50)}; /* 250 / 4 = 62,5 */
  check("weighted: the weights turned round is not met", ROLE_NOT_MET, roll(AGG_WEIGHTED, 0, w2, 2));
  ru_member w3[] = {mem(ROLE_MET, 9, 100), mem(ROLE_UNKNOWN, 1, 0)}; /* 90 .. 100 */
  check("weighted: an unknown that could lift it to 100 is unknown", ROLE_UNKNOWN, roll(AGG_WEIGHTED, 0, w3, 2));
  ru_member w4[] = {mem(ROLE_NOT_MET, 3, 50), mem(ROLE_UNKNOWN, 1, 0)}; /* 37,5 .. 62,5 */
  check("weighted: an unknown that cannot lift it to 80 is not met", ROLE_NOT_MET, roll(AGG_WEIGHTED, 0, w4, 2));
  ru_member w5[] = {mem(ROLE_PARTLY, 1, 80)}; /* the bound itself */
  check("weighted: exactly 80 is partly", ROLE_PARTLY, roll(AGG_WEIGHTED, 0, w5, 1));
  {
    scheme_decl s = standard();
    ru_outcome o;
    ru_roll(AGG_WEIGHTED, 0, &s, w1, 2, &o);
    check("weighted: the score is 87,5 (numerator)", 175, o.lo.n);
    check("weighted: the score is 87,5 (denominator)", 2, o.lo.d);
    check("weighted: the sum of the weights is 4", 4, o.wsum.n);
    ru_roll(AGG_WEIGHTED, 0, &s, w3, 2, &o);
    check("weighted: with an unknown the score runs from 90", 90, o.lo.n);
    check("weighted: ... to 100", 100, o.hi.n);
    check("weighted: at best met", ROLE_MET, o.best);
    check("weighted: at worst partly", ROLE_PARTLY, o.worst);
  }
  /* a goal's row as a member: the achievement capped at 100 % */
  {
    goal g;
    memset(&g, 0, sizeof g);
    g.weight = num_int(2);
    rep_numbers n;
    memset(&n, 0, sizeof n);
    n.has_achievement = true;
    n.achievement = num_int(120);
    rep_row row;
    memset(&row, 0, sizeof row);
    row.status = ST_MET;
    row.nums = &n;
    ru_member m = ru_goal_member(&g, &row);
    check("a goal at 120 counts as 100", 100, m.lo.n);
    check("a goal keeps its weight", 2, m.weight.n);
    n.has_achievement = false;
    n.measure = "done";
    row.status = ST_NOT_MET;
    m = ru_goal_member(&g, &row);
    check("a milestone not met counts as 0", 0, m.hi.n);
    row.status = ST_UNKNOWN;
    m = ru_goal_member(&g, &row);
    check("an unknown goal may lie from 0", 0, m.lo.n);
    check("an unknown goal may lie to 100", 100, m.hi.n);
  }
  /* §9.5 'status mål a og b': alle over the goals named, the others left out */
  {
    scheme_decl s = standard();
    goal g[3];
    memset(g, 0, sizeof g);
    for (int i = 0; i < 3; i++) {
      g[i].index = i;
      g[i].weight = num_int(1);
      if (i < 2) g[i].next = &g[i + 1];
    }
    rep_numbers n[3];
    memset(n, 0, sizeof n);
    rep_row rows[3];
    memset(rows, 0, sizeof rows);
    static const rep_status st[] = {ST_MET, ST_MET, ST_NOT_MET};
    static const int ach[] = {100, 100, 50};
    for (int i = 0; i < 3; i++) {
      n[i].has_achievement = true;
      n[i].achievement = num_int(ach[i]);
      rows[i].status = st[i];
      rows[i].nums = &n[i];
    }
    initiative in;
    memset(&in, 0, sizeof in);
    in.goals = &g[0];
    goal *named[] = {&g[0], &g[1]};
    in.rule.agg = AGG_GOAL;
    in.rule.ngoals = 2;
    in.rule.targets = named;
    in.rule.sch = &s;
    ru_outcome o;
    ru_initiative(&in, rows_by_index, rows, &o, NULL);
    check("goals a and b: both met is met, goal c not met left out", ROLE_MET, o.r);
    check("goals a and b: the achievement above is still that of all three (250 / 3)", 250, o.lo.n);
    rows[2].status = ST_UNKNOWN;
    ru_initiative(&in, rows_by_index, rows, &o, NULL);
    check("goals a and b: goal c unknown does not make it unknown", ROLE_MET, o.r);
    rows[1].status = ST_UNKNOWN;
    ru_initiative(&in, rows_by_index, rows, &o, NULL);
    check("goals a and b: goal b unknown makes it unknown", ROLE_UNKNOWN, o.r);
    rows[1].status = ST_PARTLY;
    ru_initiative(&in, rows_by_index, rows, &o, NULL);
    check("goals a and b: met and partly is partly", ROLE_PARTLY, o.r);
    in.rule.ngoals = 1;
    named[0] = &g[1];
    ru_initiative(&in, rows_by_index, rows, &o, NULL);
    check("goal b alone: its own status", ROLE_PARTLY, o.r);
  }
  return failed ? 1 : 0;
}
