/* entity.c — per-entity state (spec §4.6, §5.9, §5.10): the key index of
 * a source (each key seen once, a data error otherwise), the fields other
 * sources read through a reference (SRC.COL), and per 'har' the state of
 * each entity: how many related rows certainly and perhaps count, or the
 * months in which one does (TRUE) or may (UNKNOWN).  Memory is per entity
 * (per key value), not per row, except: a key of several columns other
 * than a panel's (entity, month) holds each key once (it is what is
 * checked), and 'inden for' on dates keeps the date of each row that
 * counts or may count.
 *
 * The state is built by the steps run on each row of the first round of
 * passes (rel_row; the types are in entity_state.h) and read by the
 * expressions E_FIELD and E_HAS in later passes (related.c); rel_round
 * says which round of passes does what, so a state is complete before it
 * is read.  A pass split over two cores builds the second half's state
 * apart and merges it (rel_fork, rel_merge). */
#include <stdlib.h>
#include <string.h>

#include "entity_state.h"
#include "eval_internal.h"
#include "msg.h"
#include "calendar.h"

/* ---- months ---- */

/* The whole months within the days [first, last]: false when there are
 * none. */
static bool whole_months(int32_t first, int32_t last, int32_t *m0, int32_t *m1) {
  int32_t a = cal_month_of_date(first), b = cal_month_of_date(last), f, l;
  cal_month_days(a, &f, &l);
  if (f < first) a++;
  cal_month_days(b, &f, &l);
  if (l > last) b--;
  *m0 = a;
  *m1 = b;
  return a <= b;
}

/* ---- setting up ---- */

/* A source that says what it covers ('dækker A til B', spec §4.6): its
 * span is that, not its first to its last row. */
static void cover_declared(has_state *hs, const rel_expr *x) {
  const rel_source *s = x->source->rel;
  if (!s->covered) return;
  if (x->events) {
    hs->first = s->cover_first;
    hs->last = s->cover_last;
    hs->any = true;
  } else {
    hs->any = whole_months(s->cover_first, s->cover_last, &hs->first, &hs->last);
  }
}

static void has_group_needs(const expr *x, walk_stack *w, void *ctx) {
  (void)w;
  if (x->kind == E_HAS) *(bool *)ctx = true;
}

/* Whether the measures on d read 'har' state: in their conditions or in
 * the groups those need (the plan lists them all).  The goals measured,
 * as eval_run measures them: not the manual and assessed ones. */
static bool measures_use_has(ast_program *p, data_decl *d) {
  probe *all = xcalloc(2 * (size_t)p->ngoals + 1, sizeof *all);
  probe **mine = xcalloc(2 * (size_t)p->ngoals + 1, sizeof *mine);
  size_t n = 0;
  for (int i = 0; i < p->ngoals; i++) {
    goal *g = p->goalv[i];
    if (g->manual || g->assessed || !g->m) continue;
    const measure *both[2] = {g->m, g->base};
    for (int k = 0; k < 2; k++)
      if (both[k] && both[k]->source == d && both[k]->kind != M_INDICATOR) {
        all[n] = (probe){.m = both[k], .g = g};
        mine[n] = &all[n];
        n++;
      }
  }
  plan pl;
  plan_build(p, mine, n, &pl);
  bool found = false;
  walk_stack w = {0};
  for (size_t i = 0; i < n && !found; i++)
    if (mine[i]->m->where) expr_walk(&w, mine[i]->m->where, has_group_needs, &found);
  for (size_t i = 0; i < pl.n && !found; i++) {
    const group_decl *g = p->groupv[pl.order[i]];
    if (g->where) expr_walk(&w, g->where, has_group_needs, &found);
  }
  free(w.v);
  plan_free(&pl);
  free(mine);
  free(all);
  return found;
}

/* A key of two columns, one referring to a source and the other the
 * time column holding months (person_id, maaned), is checked per entity
 * (spec §4.6): the referring column, or -1 for any other key. */
static int panel_key_entity(const data_decl *d) {
  const rel_source *x = d->rel;
  if (!x || x->nkey != 2 || x->time_col < 0 || d->colv[x->time_col]->type != T_MONTH) return -1;
  for (int k = 0; k < 2; k++) {
    if (x->key[1 - k] != x->time_col) continue;
    for (size_t i = 0; i < x->nrefs; i++)
      if (x->refs[i].col == x->key[k]) return x->key[k];
  }
  return -1;
}

rel_state *rel_new(ast_program *p) {
  rel_state *rs = xcalloc(1, sizeof *rs);
  rs->p = p;
  rs->a = arena_new();
  rs->index = xcalloc((size_t)p->ndata + 1, sizeof *rs->index);
  rs->has = xcalloc((size_t)p->nhas + 1, sizeof *rs->has);
  for (int i = 0; i < p->nhas; i++) cover_declared(&rs->has[i], p->hasv[i]);
  rs->measure_late = xcalloc((size_t)p->ndata + 1, sizeof *rs->measure_late);
  for (int i = 0; p->nhas && i < p->ndata; i++) rs->measure_late[i] = measures_use_has(p, p->datav[i]);
  rs->panel_keys = xcalloc((size_t)p->ndata + 1, sizeof *rs->panel_keys);
  rs->panel_entity = xcalloc((size_t)p->ndata + 1, sizeof *rs->panel_entity);
  for (int i = 0; i < p->ndata; i++) rs->panel_entity[i] = panel_key_entity(p->datav[i]);
  return rs;
}

static void fork_free(rel_state *half);

void rel_free(rel_state *rs) {
  if (!rs) return;
  if (rs->of) {
    fork_free(rs);
    return;
  }
  for (int i = 0; i < rs->p->ndata; i++) {
    ent *e, *t;
    HASH_ITER(hh, rs->index[i], e, t) HASH_DEL(rs->index[i], e);
  }
  for (int i = 0; i < rs->p->nhas; i++) {
    has_ent *e, *t;
    HASH_ITER(hh, rs->has[i].map, e, t) {
      HASH_DEL(rs->has[i].map, e);
      free(e->t);
      free(e->u);
      free(e->ev);
      free(e->key);
      free(e);
    }
  }
  for (int i = 0; i < rs->p->ndata; i++) {
    month_lines *e, *t;
    HASH_ITER(hh, rs->panel_keys[i], e, t) {
      HASH_DEL(rs->panel_keys[i], e);
      free(e->line);
      free(e->key);
      free(e);
    }
  }
  free(rs->panel_keys);
  free(rs->panel_entity);
  free(rs->index);
  free(rs->has);
  free(rs->measure_late);
  buf_free(&rs->key);
  arena_free(rs->a);
  for (size_t i = 0; i < rs->nmore; i++) arena_free(rs->more[i]);
  free(rs->more);
  free(rs);
}

/* The passes (spec §5.10): round 0 reads every source, in the order
 * declared, for its key, references and 'har' state, and for its
 * measures unless they read 'har' state; round 1 reads again the sources
 * whose measures do, once every state is complete.  A source referred to
 * is declared before those referring to it (the checker), so its index is
 * complete when they are read. */
/* How many times the plan reads d: once, or twice when its measures
 * read 'har' state (spec §5.10). */
int rel_reads(const rel_state *rs, const data_decl *d) {
  int n = 0;
  for (int round = 0; round < 2; round++) {
    pass_steps st = rel_round(rs, d, round);
    n += st.rel || st.measure;
  }
  return n;
}

pass_steps rel_round(const rel_state *rs, const data_decl *d, int round) {
  pass_steps st = {0};
  bool late = rs && rs->measure_late[d->index];
  const rel_source *x = d->rel;
  bool work = x && (x->nkey || x->nrefs || x->nhas || x->time_col >= 0);
  if (round == 0) {
    st.rel = work;
    st.measure = !late;
  } else {
    st.measure = late;
  }
  return st;
}

/* The groups the 'har' states of d need on d's rows. */
void rel_plan(const rel_state *rs, const data_decl *d, plan *pl) {
  for (int i = 0; i < rs->p->nhas; i++) {
    const rel_expr *x = rs->p->hasv[i];
    if (x->source == d) plan_extend(rs->p, pl, x->group, x->where);
  }
}

/* ---- the steps on a row ---- */


static void row_error(row_ctx *r, const csv_record *rec, const column_decl *c, const char *fmt, const char *a,
                      const char *b, const char *x) {
  const csv_field *f = &rec->fields[c->pos];
  fprintf(r->err, T("%s:%u:%u: error: "), r->path, csv_field_line(rec, f), csv_field_col(rec, f));
  fprintf(r->err, msg_tr(fmt), a, b, x);
  fputc('\n', r->err);
  (*r->errors)++;
}

static void key_twice(const data_decl *d, row_ctx *r, const csv_record *rec, uint32_t first);

/* A panel's key (entity, month): the month's line kept per entity. */
static void panel_key_step(rel_state *rs, const data_decl *d, row_ctx *r, const csv_record *rec) {
  int32_t m;
  if (!month_index_of(r->vals[d->rel->time_col], &m)) return; /* missing: in no month */
  const char *k = rel_key_text(&rs->key, &r->vals[rs->panel_entity[d->index]]);
  month_lines *e;
  HASH_FIND(hh, rs->panel_keys[d->index], k, rs->key.len, e);
  if (!e) {
    e = xcalloc(1, sizeof *e);
    e->key = xstrdup(k);
    e->base = m;
    HASH_ADD_KEYPTR(hh, rs->panel_keys[d->index], e->key, strlen(e->key), e);
  }
  if (m < e->base) { /* grow downwards */
    uint32_t more = (uint32_t)(e->base - m);
    uint32_t *line = xcalloc(e->n + more, sizeof *line);
    if (e->n) memcpy(line + more, e->line, e->n * sizeof *line);
    free(e->line);
    e->line = line;
    e->n += more;
    e->base = m;
  }
  uint32_t at = (uint32_t)(m - e->base);
  if (at >= e->n) {
    uint32_t n = at + 1 > 2 * e->n ? at + 1 : 2 * e->n;
    e->line = xrealloc(e->line, n * sizeof *e->line);
    memset(e->line + e->n, 0, (n - e->n) * sizeof *e->line);
    e->n = n;
  }
  if (e->line[at]) {
    key_twice(d, r, rec, e->line[at]);
    return;
  }
  e->line[at] = r->line;
}

/* The key of the row: each value seen once, none missing. */
/* "key (person_id, maaned) '1, 2009-01' also on line 4": made only when
 * it is said, so a row whose key is new costs no text. */
static void key_twice(const data_decl *d, row_ctx *r, const csv_record *rec, uint32_t first) {
  const rel_source *x = d->rel;
  buf names = {0}, shown = {0};
  for (size_t k = 0; k < x->nkey; k++) {
    if (k) {
      buf_adds(&names, ", ");
      buf_adds(&shown, ", ");
    }
    buf_adds(&names, d->colv[x->key[k]]->name);
    value_text(r->vals[x->key[k]], &shown);
  }
  char line[24];
  snprintf(line, sizeof line, "%u", first);
  row_error(r, rec, d->colv[x->key[0]], x->nkey > 1 ? M("key (%s) '%s' also on line %s") : M("key %s '%s' also on line %s"),
            buf_str(&names), buf_str(&shown), line);
  buf_free(&names);
  buf_free(&shown);
}

static void key_step(rel_state *rs, const data_decl *d, row_ctx *r, const csv_record *rec) {
  const rel_source *x = d->rel;
  for (size_t k = 0; k < x->nkey; k++) {
    const column_decl *c = d->colv[x->key[k]];
    if (r->vals[x->key[k]].kind == V_MISSING) {
      row_error(r, rec, c, "key column '%s' is empty in this row; every row of '%s' needs its key%s", c->name, d->name, "");
      return;
    }
  }
  if (rs->panel_entity[d->index] >= 0) {
    panel_key_step(rs, d, r, rec);
    return;
  }
  buf_clear(&rs->key);
  for (size_t k = 0; k < x->nkey; k++) {
    if (k) buf_addc(&rs->key, '\x1f');
    value_text(r->vals[x->key[k]], &rs->key);
  }
  ent *e;
  HASH_FIND(hh, rs->index[d->index], buf_str(&rs->key), rs->key.len, e);
  if (e) {
    key_twice(d, r, rec, e->line);
    return;
  }
  e = arena_alloc(rs->a, sizeof *e);
  e->key = arena_strndup(rs->a, buf_str(&rs->key), rs->key.len);
  e->line = r->line;
  if (x->referenced && x->nfields) {
    e->fields = arena_alloc(rs->a, x->nfields * sizeof *e->fields);
    for (size_t k = 0; k < x->nfields; k++) { /* the row's texts live in the record: copy them */
      value v = r->vals[x->fields[k]];
      if (v.kind == V_TEXT) v.u.t.s = arena_strndup(rs->a, v.u.t.s, v.u.t.len);
      e->fields[k] = v;
    }
  }
  HASH_ADD_KEYPTR(hh, rs->index[d->index], e->key, strlen(e->key), e);
}

/* Every reference that is not missing points at a key of its source. */
static void ref_step(rel_state *rs, const data_decl *d, row_ctx *r, const csv_record *rec) {
  for (size_t i = 0; i < d->rel->nrefs; i++) {
    const rel_ref *ref = &d->rel->refs[i];
    const value *v = &r->vals[ref->col];
    if (v->kind == V_MISSING) continue;
    const char *k = rel_key_text(&rs->key, v);
    ent *e;
    HASH_FIND(hh, rs->index[ref->target->index], k, rs->key.len, e);
    if (!e)
      row_error(r, rec, d->colv[ref->col], "%s '%s' is not a key of '%s'", d->colv[ref->col]->name, k,
                ref->target->name);
  }
}

static void set_month(has_ent *e, int32_t m, bool sure) {
  if (!e->nwords) {
    e->base = m - m % 64;
    e->nwords = 1;
    e->t = xcalloc(1, sizeof *e->t);
    e->u = xcalloc(1, sizeof *e->u);
  }
  if (m < e->base) { /* grow downwards by whole words */
    uint32_t more = (uint32_t)((e->base - m + 63) / 64);
    uint64_t *t = xcalloc(e->nwords + more, sizeof *t), *u = xcalloc(e->nwords + more, sizeof *u);
    memcpy(t + more, e->t, e->nwords * sizeof *t);
    memcpy(u + more, e->u, e->nwords * sizeof *u);
    free(e->t);
    free(e->u);
    e->t = t;
    e->u = u;
    e->nwords += more;
    e->base -= (int32_t)(64 * more);
  }
  uint32_t bit = (uint32_t)(m - e->base);
  if (bit / 64 >= e->nwords) {
    uint32_t n = bit / 64 + 1;
    e->t = xrealloc(e->t, n * sizeof *e->t);
    e->u = xrealloc(e->u, n * sizeof *e->u);
    memset(e->t + e->nwords, 0, (n - e->nwords) * sizeof *e->t);
    memset(e->u + e->nwords, 0, (n - e->nwords) * sizeof *e->u);
    e->nwords = n;
  }
  (sure ? e->t : e->u)[bit / 64] |= 1ull << (bit % 64);
}

/* One row of NAME's source, for one 'har': counted for its entity, in
 * its month when there is a window. */
static void has_step(rel_state *rs, const rel_expr *x, row_ctx *r) {
  has_state *hs = &rs->has[x->index];
  int32_t m = 0;
  bool dated = false;
  const value *tv = &r->vals[x->source->rel->time_col];
  if (x->events || x->w != W_NONE) { /* the row's date (or month); a row without one is in none */
    dated = x->events ? tv->kind == V_DATE : month_index_of(*tv, &m);
    if (!dated) return;
    if (x->events) m = tv->u.date;
    if (!x->source->rel->covered) { /* the file's span: every row's, unless declared (cover_declared) */
      if (!hs->any || m < hs->first) hs->first = m;
      if (!hs->any || m > hs->last) hs->last = m;
      hs->any = true;
    }
  }
  const value *link = &r->vals[x->ref_col];
  if (link->kind == V_MISSING) return; /* related to no entity */
  truth in = x->group ? r->memo[x->group->index] : TV_TRUE;
  if (in != TV_FALSE && x->where) in = kleene_and(in, truth_of(expr_eval(r, x->where)));
  if (in == TV_FALSE) return;
  const char *k = rel_key_text(&rs->key, link);
  has_ent *e;
  HASH_FIND(hh, hs->map, k, rs->key.len, e);
  if (!e) {
    e = xcalloc(1, sizeof *e);
    e->key = xstrdup(k);
    HASH_ADD_KEYPTR(hh, hs->map, e->key, strlen(e->key), e);
  }
  if (x->w == W_NONE) {
    if (in == TV_TRUE) e->yes++;
    else e->maybe++;
  } else if (x->events) {
    if (e->nev == e->evcap) {
      e->evcap = e->evcap ? 2 * e->evcap : 4;
      e->ev = xrealloc(e->ev, e->evcap * sizeof *e->ev);
    }
    e->ev[e->nev++] = (event){m, in == TV_TRUE};
  } else {
    set_month(e, m, in == TV_TRUE);
  }
}

/* The time column holds dates, or months as texts "YYYY-MM". */
/* A row dated outside what its source says it covers ('dækker', spec
 * §4.6) is a data error: the declaration is then wrong.  Values of other
 * types never reach here: the time column is typed month or date. */
static void cover_step(const data_decl *d, row_ctx *r, const csv_record *rec) {
  const rel_source *s = d->rel;
  const value *v = &r->vals[s->time_col];
  int32_t first, last;
  char shown[11];
  if (v->kind == V_DATE) {
    first = last = v->u.date;
    cal_format_date(v->u.date, shown);
  } else if (v->kind == V_MONTH) {
    cal_month_days(v->u.month, &first, &last);
    cal_format_month(v->u.month, shown);
  } else {
    return; /* missing: dated in no month */
  }
  if (first >= s->cover_first && last <= s->cover_last) return;
  char a[11], b[11], covered[32];
  cal_format_date(s->cover_first, a);
  cal_format_date(s->cover_last, b);
  snprintf(covered, sizeof covered, M("%s to %s"), a, b);
  row_error(r, rec, d->colv[s->time_col], "'%s' covers %s (dækker), but this row is dated %s", d->name, covered, shown);
}

void rel_row(rel_state *rs, const data_decl *d, row_ctx *r, const csv_record *rec) {
  const rel_source *x = d->rel;
  if (x->covered) cover_step(d, r, rec);
  if (x->nkey) key_step(rs, d, r, rec);
  if (x->nrefs) ref_step(rs, d, r, rec);
  for (int i = 0; x->nhas && i < rs->p->nhas; i++)
    if (rs->p->hasv[i]->source == d) has_step(rs, rs->p->hasv[i], r);
}

static int event_order(const void *a, const void *b) {
  const event *x = a, *y = b;
  return (x->date > y->date) - (x->date < y->date);
}

/* The pass over d is done: its 'har' states are complete, and are put
 * in the order they are read in (the dates of 'inden for'), before any
 * reader, so the readers only read (a pass split over two cores reads
 * them from two threads). */
void rel_done(rel_state *rs, const data_decl *d) {
  for (int i = 0; i < rs->p->nhas; i++) {
    const rel_expr *x = rs->p->hasv[i];
    if (x->source != d || !x->events) continue;
    has_ent *e, *t;
    HASH_ITER(hh, rs->has[i].map, e, t) qsort(e->ev, e->nev, sizeof *e->ev, event_order);
  }
}

/* ---- a pass split over two cores (split.c) ---- */

/* The steps on d's rows can run on the two halves of its file apart and
 * be merged: all of them (a key index, a panel's key, references checked
 * against the sources read before, 'har' state counted from d's rows),
 * unless d refers to itself, when a row's reference may name a key of
 * the other half. */
bool rel_splits(const data_decl *d) {
  const rel_source *x = d->rel;
  for (size_t i = 0; x && i < x->nrefs; i++)
    if (x->refs[i].target == d) return false;
  return true;
}

/* A state for the second half of d's pass: it reads what rs has built
 * (the states of the sources before d) and builds d's own (its key index
 * in its own arena, its panel keys, the 'har' states counted from its
 * rows), until rel_merge. */
rel_state *rel_fork(const rel_state *rs, const data_decl *d) {
  size_t nd = (size_t)rs->p->ndata + 1, nh = (size_t)rs->p->nhas + 1;
  rel_state *half = xcalloc(1, sizeof *half);
  *half = (rel_state){.p = rs->p, .panel_entity = rs->panel_entity, .measure_late = rs->measure_late, .of = rs};
  half->a = arena_new();
  half->index = xmalloc(nd * sizeof *half->index);
  memcpy(half->index, rs->index, nd * sizeof *half->index);
  half->index[d->index] = NULL;
  half->panel_keys = xmalloc(nd * sizeof *half->panel_keys);
  memcpy(half->panel_keys, rs->panel_keys, nd * sizeof *half->panel_keys);
  half->panel_keys[d->index] = NULL;
  half->has = xmalloc(nh * sizeof *half->has);
  memcpy(half->has, rs->has, nh * sizeof *half->has);
  for (int i = 0; i < rs->p->nhas; i++)
    if (rs->p->hasv[i]->source == d) {
      half->has[i] = (has_state){0};
      cover_declared(&half->has[i], rs->p->hasv[i]);
    }
  return half;
}

static void free_has_map(has_ent **map) {
  has_ent *e, *t;
  HASH_ITER(hh, *map, e, t) {
    HASH_DEL(*map, e);
    free(e->t);
    free(e->u);
    free(e->ev);
    free(e->key);
    free(e);
  }
}

static void free_panel_map(month_lines **map) {
  month_lines *e, *t;
  HASH_ITER(hh, *map, e, t) {
    HASH_DEL(*map, e);
    free(e->line);
    free(e->key);
    free(e);
  }
}

/* Free a forked state: what it built of d (what rel_merge has not moved),
 * not what it read of the others. */
static void fork_free(rel_state *half) {
  for (int i = 0; i < half->p->nhas; i++)
    if (half->has[i].map != half->of->has[i].map) free_has_map(&half->has[i].map);
  for (int i = 0; i < half->p->ndata; i++) {
    if (half->panel_keys[i] != half->of->panel_keys[i]) free_panel_map(&half->panel_keys[i]);
    if (half->index[i] != half->of->index[i]) HASH_CLEAR(hh, half->index[i]); /* its keys are in its arena */
  }
  free(half->index);
  free(half->panel_keys);
  free(half->has);
  buf_free(&half->key);
  if (half->a) arena_free(half->a);
  for (size_t k = 0; k < half->nmore; k++) arena_free(half->more[k]); /* of parts it merged, itself not merged */
  free(half->more);
  free(half);
}

/* A month of a panel's entity that both halves have a row for: the key
 * twice, said in row order when the rows are read again. */
static bool months_meet(const month_lines *a, const month_lines *b) {
  for (uint32_t k = 0; k < b->n; k++) {
    if (!b->line[k]) continue;
    int64_t at = (int64_t)b->base + k - a->base;
    if (at >= 0 && at < (int64_t)a->n && a->line[at]) return true;
  }
  return false;
}

/* b's months into a's, their lines counted from the file's start. */
static void months_merge(month_lines *a, const month_lines *b, uint32_t lines_before) {
  int32_t lo = a->base < b->base ? a->base : b->base;
  int64_t hi = (int64_t)a->base + a->n > (int64_t)b->base + b->n ? (int64_t)a->base + a->n : (int64_t)b->base + b->n;
  uint32_t n = (uint32_t)(hi - lo);
  uint32_t *line = xcalloc(n, sizeof *line);
  if (a->n) memcpy(line + (a->base - lo), a->line, a->n * sizeof *line);
  for (uint32_t k = 0; k < b->n; k++)
    if (b->line[k]) line[b->base - lo + k] = b->line[k] + lines_before;
  free(a->line);
  a->line = line;
  a->base = lo;
  a->n = n;
}

/* b's counts, months and dates for the same entity into a's: b's rows
 * came after a's. */
static void has_ent_merge(has_ent *a, const has_ent *b) {
  a->yes += b->yes;
  a->maybe += b->maybe;
  for (uint32_t w = 0; w < b->nwords; w++)
    for (uint32_t bit = 0; bit < 64; bit++) {
      int32_t m = b->base + (int32_t)(64 * w + bit);
      if (b->t[w] >> bit & 1) set_month(a, m, true);
      if (b->u[w] >> bit & 1) set_month(a, m, false);
    }
  for (uint32_t k = 0; k < b->nev; k++) {
    if (a->nev == a->evcap) {
      a->evcap = a->evcap ? 2 * a->evcap : 4;
      a->ev = xrealloc(a->ev, a->evcap * sizeof *a->ev);
    }
    a->ev[a->nev++] = b->ev[k];
  }
}

/* What half has built of d, after what rs has: false when a key of d (or
 * a panel's entity and month) is in both (a key twice, said in row order
 * when the rows are read again), else merged into rs in the order half
 * saw it, its lines counted from the file's start (half's first row is
 * on line lines_before + 1).  half is freed either way. */
bool rel_merge(rel_state *rs, rel_state *half, const data_decl *d, uint32_t lines_before) {
  int i = d->index;
  for (ent *e = half->index[i]; e; e = e->hh.next) {
    ent *mine;
    HASH_FIND(hh, rs->index[i], e->key, e->hh.keylen, mine);
    if (mine) {
      fork_free(half);
      return false;
    }
  }
  for (month_lines *e = half->panel_keys[i]; e; e = e->hh.next) {
    month_lines *mine;
    HASH_FIND(hh, rs->panel_keys[i], e->key, e->hh.keylen, mine);
    if (mine && months_meet(mine, e)) {
      fork_free(half);
      return false;
    }
  }
  ent *e, *t;
  HASH_ITER(hh, half->index[i], e, t) {
    HASH_DEL(half->index[i], e);
    e->line += lines_before;
    HASH_ADD_KEYPTR(hh, rs->index[i], e->key, strlen(e->key), e);
  }
  month_lines *pe, *pt;
  HASH_ITER(hh, half->panel_keys[i], pe, pt) {
    month_lines *mine;
    HASH_FIND(hh, rs->panel_keys[i], pe->key, pe->hh.keylen, mine);
    if (mine) {
      months_merge(mine, pe, lines_before);
      continue; /* pe is freed with half */
    }
    HASH_DEL(half->panel_keys[i], pe);
    for (uint32_t k = 0; k < pe->n; k++)
      if (pe->line[k]) pe->line[k] += lines_before;
    HASH_ADD_KEYPTR(hh, rs->panel_keys[i], pe->key, strlen(pe->key), pe);
  }
  for (int h = 0; h < rs->p->nhas; h++) {
    if (rs->p->hasv[h]->source != d) continue;
    has_state *a = &rs->has[h], *b = &half->has[h];
    if (b->any && !rs->p->hasv[h]->source->rel->covered) { /* the file's span, over both halves */
      if (!a->any || b->first < a->first) a->first = b->first;
      if (!a->any || b->last > a->last) a->last = b->last;
      a->any = true;
    }
    has_ent *he, *ht;
    HASH_ITER(hh, b->map, he, ht) {
      has_ent *mine;
      HASH_FIND(hh, a->map, he->key, he->hh.keylen, mine);
      if (mine) {
        has_ent_merge(mine, he);
        continue; /* he is freed with half */
      }
      HASH_DEL(b->map, he);
      HASH_ADD_KEYPTR(hh, a->map, he->key, strlen(he->key), he);
    }
  }
  /* the moved keys live in half's arena, and in those of the parts it
     merged before (a chain of parts, split.c) */
  rs->more = xrealloc(rs->more, (rs->nmore + 1 + half->nmore) * sizeof *rs->more);
  rs->more[rs->nmore++] = half->a;
  for (size_t k = 0; k < half->nmore; k++) rs->more[rs->nmore++] = half->more[k];
  half->a = NULL;
  half->nmore = 0;
  fork_free(half);
  return true;
}
