/* check_scheme.c — the status schemes: each level's bounds, the gaps and
 * overlaps of their ranges over achievement, and the built-in scheme with
 * the default labels. */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const chk_default_labels[ROLE_COUNT] = {
    "Målet er opfyldt", "Målet er delvist opfyldt", "Målet er ikke opfyldt", "Kan ikke opgøres"};


/* ---- status schemes ---- */

void ck_check_scheme(chk *c, scheme_decl *s) {
  int errors_before = diag_errors(c->d);
  level *seen[ROLE_COUNT] = {0};
  for (level *l = s->levels; l; l = l->next) {
    if (seen[l->r]) {
      diag_error(c->d, l->sp, "scheme '%s' names the status '%s' twice", s->name, M(ast_role_name(l->r)));
      continue;
    }
    seen[l->r] = l;
    s->has[l->r] = true;
    s->label[l->r] = l->label;
    if (l->r == ROLE_UNKNOWN && (l->from || l->below)) {
      diag_error(c->d, l->sp, "'unknown' is the status for goals that cannot be computed; it takes no bounds");
      continue;
    }
    if (l->from && ck_const_num(c, l->from, &s->from[l->r], M("a bound"))) s->has_from[l->r] = true;
    if (l->below && ck_const_num(c, l->below, &s->below[l->r], M("a bound"))) s->has_below[l->r] = true;
    s->from_open[l->r] = l->from && l->from_open;
    s->below_closed[l->r] = l->below && l->below_closed;
    if (l->r == ROLE_MET && !l->from && !l->below) {
      s->has_from[ROLE_MET] = true;
      s->from[ROLE_MET] = num_int(100);
    }
    if (l->r == ROLE_PARTLY && !l->from && !l->below)
      diag_error(c->d, l->sp, "give 'partly' its bounds, e.g. 'from 80 pct below 100 pct'");
    if (s->has_from[l->r] && s->has_below[l->r]) {
      int o = num_cmp(s->from[l->r], s->below[l->r]);
      bool point = o == 0 && !s->from_open[l->r] && s->below_closed[l->r]; /* [A..A]: A alone */
      if (o > 0 || (o == 0 && !point)) {
        if (!s->from_open[l->r] && !s->below_closed[l->r])
          diag_error(c->d, l->sp, "this range is empty: 'from' must be lower than 'below'");
        else
          diag_error(c->d, l->sp, "this range is empty: its low end must be lower than its high end");
      }
    }
  }
  if (!seen[ROLE_MET]) diag_error(c->d, s->sp, "scheme '%s' has no 'met' status", s->name);
  if (!seen[ROLE_NOT_MET]) diag_error(c->d, s->sp, "scheme '%s' has no 'not met' status", s->name);
  for (int r = 0; r < ROLE_COUNT; r++)
    if (!seen[r]) s->label[r] = chk_default_labels[r];
  if (diag_errors(c->d) != errors_before) return; /* its ranges are not what was meant */
  /* Gaps and overlaps over achievement in [0, ∞).  'not met' without bounds
     means "otherwise" and fills every gap. */
  bool otherwise = seen[ROLE_NOT_MET] && !seen[ROLE_NOT_MET]->from && !seen[ROLE_NOT_MET]->below;
  int order[3] = {ROLE_MET, ROLE_PARTLY, ROLE_NOT_MET};
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++) {
      int a = order[i], b = order[j];
      if (!seen[a] || !seen[b] || (b == ROLE_NOT_MET && otherwise)) continue;
      /* the later low end against the earlier high end: they overlap when
         the one is below the other, or both are the same number and
         both bands take it in */
      num fa = s->has_from[a] ? s->from[a] : num_int(0), fb = s->has_from[b] ? s->from[b] : num_int(0);
      bool fa_in = !s->from_open[a], fb_in = !s->from_open[b];
      bool a_ends_first = false, b_ends_first = false;
      if (s->has_below[a]) {
        int o = num_cmp(s->below[a], fb);
        a_ends_first = o < 0 || (o == 0 && !(s->below_closed[a] && fb_in));
      }
      if (s->has_below[b]) {
        int o = num_cmp(s->below[b], fa);
        b_ends_first = o < 0 || (o == 0 && !(s->below_closed[b] && fa_in));
      }
      if (!a_ends_first && !b_ends_first)
        diag_warning(c->d, seen[b]->sp, "the ranges of '%s' and '%s' overlap in scheme '%s'; a result in both gets the better status",
                     M(ast_role_name(a)), M(ast_role_name(b)), s->name);
    }
  if (otherwise) return;
  /* Walk up from 0: each achievement must be covered by some band.
     `at` is covered up to, and with at_in false including, itself;
     at_in: `at` itself still needs a band. */
  num at = num_int(0);
  bool at_in = true;
  for (int guard = 0; guard < 8 * ROLE_COUNT; guard++) { /* each step passes a bound */
    bool covered = false, unbounded = false, next_in = false;
    num next = at;
    for (int r = 0; r < 3; r++) {
      if (!seen[r]) continue;
      num f = s->has_from[r] ? s->from[r] : num_int(0);
      int o = num_cmp(f, at);
      if (o > 0 || (o == 0 && at_in && s->from_open[r])) continue; /* starts after the point */
      if (!s->has_below[r]) { unbounded = true; break; }
      int e = num_cmp(s->below[r], at);
      if (e < 0 || (e == 0 && (!at_in || !s->below_closed[r]))) continue; /* ends before it */
      covered = true;
      /* how far it reaches: B included goes further than B left out */
      int further = num_cmp(s->below[r], next);
      if (further > 0 || (further == 0 && s->below_closed[r] && next_in == false)) {
        next = s->below[r];
        next_in = s->below_closed[r];
      }
    }
    if (unbounded) return;
    if (covered) {
      at = next;
      at_in = !next_in; /* a band that takes B in leaves the rest after B */
      continue;
    }
    /* a gap from `at`: to the nearest low end after it */
    num gap_end = num_int(0);
    bool found = false, end_open = false;
    for (int r = 0; r < 3; r++) {
      if (!seen[r] || !s->has_from[r]) continue;
      int o = num_cmp(s->from[r], at);
      if (o < 0 || (o == 0 && !(at_in && s->from_open[r]))) continue;
      int k = found ? num_cmp(s->from[r], gap_end) : -1;
      if (k < 0 || (k == 0 && !s->from_open[r])) {
        gap_end = s->from[r];
        end_open = s->from_open[r];
        found = true;
      }
    }
    char lo[32], hi[32];
    ck_exact_text(at, lo, sizeof lo);
    ck_exact_text(gap_end, hi, sizeof hi);
    if (found && at_in && end_open && num_cmp(gap_end, at) == 0) {
      /* [0..85) and (85..100]: 85 itself has no status, most likely a slip */
      diag_error(c->d, s->sp, "scheme '%s' gives no status to an achievement of exactly %s %%", s->name, lo);
      diag_note(c->d, s->sp, "one of the bands next to it must take it in: end the band below with '..%s]' or 'to %s pct' "
                "(in Danish 'til'), or start the band above with '[%s..' or 'from %s pct' ('fra')", lo, lo, lo, lo);
    } else if (found) {
      diag_warning(c->d, s->sp, "scheme '%s' gives no status to an achievement %s %s %% %s %s %%", s->name,
                   at_in ? M("from") : M("above"), lo, end_open ? M("to") : M("below"), hi);
      diag_note(c->d, s->sp, "a goal that lands in a gap is shown as '%s'", s->label[ROLE_UNKNOWN]);
    } else {
      if (at_in)
        diag_warning(c->d, s->sp, "scheme '%s' gives no status to an achievement of %s %% or more", s->name, lo);
      else
        diag_warning(c->d, s->sp, "scheme '%s' gives no status to an achievement above %s %%", s->name, lo);
      diag_note(c->d, s->sp, "a goal that lands in a gap is shown as '%s'", s->label[ROLE_UNKNOWN]);
      return;
    }
    at = gap_end;
    at_in = !end_open;
    if (end_open) { /* the gap took gap_end in; what comes next starts after it */
      at_in = false;
    }
  }
}

scheme_decl *ck_builtin_scheme(ast_program *p) {
  scheme_decl *s = arena_alloc(p->arena, sizeof *s);
  s->name = "standard";
  for (int r = 0; r < ROLE_COUNT; r++) {
    s->has[r] = r != ROLE_UNKNOWN;
    s->label[r] = chk_default_labels[r];
  }
  s->has_from[ROLE_MET] = true;
  s->from[ROLE_MET] = num_int(100);
  s->has_from[ROLE_PARTLY] = s->has_below[ROLE_PARTLY] = true;
  s->from[ROLE_PARTLY] = num_int(80);
  s->below[ROLE_PARTLY] = num_int(100);
  s->has_below[ROLE_NOT_MET] = true;
  s->below[ROLE_NOT_MET] = num_int(80);
  return s;
}
