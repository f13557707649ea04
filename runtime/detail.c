/* detail.c — the details behind one goal (maal explain): its source read
 * once more, and each row followed through the chain of groups and the
 * measure's condition, counting what was true, false and unknown, and
 * which missing columns made it unknown. */
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"

/* Columns that made a row's membership unknown, gathered step by step:
 * each column once per row (a stamp per column says which row saw it). */
typedef struct {
  const row_ctx *r;
  const data_decl *d;
  int *cols;        /* columns gathered for this row */
  size_t ncols;
  uint64_t *stamp;  /* per column: the row that gathered it, +1 */
  uint64_t *gstamp; /* per group: the row that walked it, +1 */
  uint64_t row;
  walk_stack w;
  const char **related;  /* fields through references and 'har's unknown for this row (§5.9, §5.10) */
  size_t nrelated, relcap;
} gather;

/* A missing column found in a condition; a group named in it whose
 * membership is unknown is looked into too, and so is the chain it is
 * built from as far as that is unknown (each group once per row). */
static void gather_missing(const expr *x, walk_stack *w, void *ctx) {
  gather *ga = ctx;
  if (x->kind == E_NAME && x->ref == REF_COLUMN && ga->r->vals[x->slot].kind == V_MISSING &&
      ga->stamp[x->slot] != ga->row + 1) {
    ga->stamp[x->slot] = ga->row + 1;
    ga->cols[ga->ncols++] = x->slot;
  }
  if (x->kind == E_FIELD || x->kind == E_HAS) { /* named by what is read: personer.alder, panel */
    row_ctx *r = (row_ctx *)ga->r;
    bool unknown = x->kind == E_FIELD ? rel_field(r, x).kind == V_MISSING : rel_has(r, x, har_at(r, x)) == TV_UNKNOWN;
    if (unknown) {
      if (ga->nrelated == ga->relcap) {
        ga->relcap = ga->relcap ? 2 * ga->relcap : 8;
        ga->related = xrealloc(ga->related, ga->relcap * sizeof *ga->related);
      }
      ga->related[ga->nrelated++] = x->kind == E_FIELD ? x->name : x->rel->name;
    }
  }
  if (x->kind != E_NAME || x->ref != REF_GROUP) return;
  /* pushed last to first: the walk pops the outermost group's condition first */
  for (const group_decl *g = ga->r->p->groupv[x->slot]; g && ga->r->memo[g->index] == TV_UNKNOWN; g = g->parent) {
    if (ga->gstamp[g->index] == ga->row + 1) break;
    ga->gstamp[g->index] = ga->row + 1;
    walk_push(w, g->where, false);
  }
}

static void gather_cond(gather *ga, const expr *e) {
  if (e) expr_walk(&ga->w, e, gather_missing, ga);
}

/* Count the gathered columns for step s. */
static void count_missing(const gather *ga, eval_step *s) {
  for (size_t k = 0; k < ga->ncols + ga->nrelated; k++) {
    const char *name = k < ga->ncols ? ga->d->colv[ga->cols[k]]->name : ga->related[k - ga->ncols];
    size_t i = 0;
    while (i < s->nmissing && strcmp(s->missing[i].column, name)) i++;
    if (i == s->nmissing) {
      s->missing = xrealloc(s->missing, (s->nmissing + 1) * sizeof *s->missing);
      s->missing[s->nmissing++] = (eval_missing){name, 0};
    }
    s->missing[i].rows++;
  }
}

static void add_id(char ***v, size_t *n, const char *s) {
  *v = xrealloc(*v, (*n + 1) * sizeof **v);
  (*v)[(*n)++] = xstrdup(s);
}

/* One row through the steps.  A group step is asked about every row not
 * yet certainly out (in the group it is built from, or undecided there):
 * the row's membership is the Kleene AND of the chain (§5.6), so a row
 * undecided in the first group is out of the second when its condition
 * is false there.  The measure's condition is asked about the rows of
 * the target group only.  Returns the truth of the measure's condition,
 * or TV_FALSE with *reached false when the row is not in the group. */
static truth detail_row(eval_detail *det, const group_decl *const *chain, gather *ga, const expr *where, bool *reached) {
  const row_ctx *r = ga->r;
  truth before = TV_TRUE;
  ga->ncols = ga->nrelated = 0;
  size_t depth = det->nsteps - 1;
  for (size_t s = 0; s < depth && before != TV_FALSE; s++) {
    eval_step *st = &det->steps[s];
    truth in = r->memo[chain[s]->index];
    st->asked++;
    if (in == TV_TRUE) st->yes++;
    else if (in == TV_FALSE) st->no++;
    else {
      st->unknown++;
      gather_cond(ga, chain[s]->where); /* what this step adds to why */
      count_missing(ga, st);
    }
    before = in;
  }
  *reached = before == TV_TRUE;
  if (!*reached) return TV_FALSE;
  eval_step *st = &det->steps[depth];
  st->asked++;
  truth t = where ? truth_of(expr_eval((row_ctx *)r, where)) : TV_TRUE;
  if (t == TV_TRUE) st->yes++;
  else if (t == TV_FALSE) st->no++;
  else {
    st->unknown++;
    ga->ncols = ga->nrelated = 0;
    gather_cond(ga, where);
    count_missing(ga, st);
  }
  return t;
}

eval_detail *eval_details(ast_program *p, const goal *g, bool collect_ids, FILE *err) {
  const measure *m = g->m;
  data_decl *d = m->source;
  eval_detail *det = xcalloc(1, sizeof *det);
  det->source = d;
  /* the chain of groups, outermost first, then the measure's condition */
  size_t depth = 0;
  for (const group_decl *x = m->g; x; x = x->parent) depth++;
  det->nsteps = depth + 1;
  det->steps = xcalloc(det->nsteps, sizeof *det->steps);
  const group_decl **chain = xcalloc(depth + 1, sizeof *chain);
  size_t k = depth;
  for (const group_decl *x = m->g; x; x = x->parent) {
    chain[--k] = x;
    det->steps[k].what = x->name;
    det->steps[k].cond = x->where;
  }
  det->steps[depth].cond = m->where;
  for (size_t i = 0; i < d->ncol && collect_ids; i++)
    if (!strcmp(d->colv[i]->name, "person_id") || (!det->id_column && i == 0)) det->id_column = d->colv[i]->name;
  int idcol = -1;
  for (size_t i = 0; det->id_column && i < d->ncol; i++)
    if (!strcmp(d->colv[i]->name, det->id_column)) idcol = (int)i;
  probe one = {.m = m, .g = g};
  probe *ones[1] = {&one};
  plan pl;
  plan_build(p, ones, 1, &pl);
  rel_state *rs = NULL; /* the per-entity state that SRC.COL and 'har' read (§5.10) */
  if (p->nhas || d->rel) rs = rel_build(p, err);
  scan sc;
  if (((p->nhas || d->rel) && !rs) || !scan_open(&sc, p, d, &pl, false, err)) {
    rel_free(rs);
    plan_free(&pl);
    free(chain);
    eval_detail_free(det);
    return NULL;
  }
  row_ctx *r = &sc.r;
  r->rel = rs;
  gather ga = {.r = r, .d = d, .cols = xcalloc(d->ncol + 1, sizeof(int)),
               .stamp = xcalloc(d->ncol + 1, sizeof(uint64_t)),
               .gstamp = xcalloc((size_t)p->ngroups + 1, sizeof(uint64_t))};
  buf id = {0};
  while (scan_next(&sc)) {
    det->rows++;
    ga.row = sc.rows;
    buf_clear(&id);
    if (idcol >= 0) value_text(r->vals[idcol], &id);
    bool reached;
    truth t = detail_row(det, chain, &ga, m->where, &reached);
    /* a row in the target group is counted, not counted, or unknown */
    if (collect_ids && idcol >= 0 && reached) {
      if (t == TV_TRUE) add_id(&det->counted, &det->ncounted, buf_str(&id));
      else if (t == TV_FALSE) add_id(&det->not_counted, &det->nnot_counted, buf_str(&id));
      else add_id(&det->unknown, &det->nunknown, buf_str(&id));
    }
    if (reached && t == TV_TRUE && m->col >= 0 && r->vals[m->col].kind == V_MISSING) det->value_missing++;
    if (reached && t == TV_TRUE && m->kind == M_RATIO && /* a ratio's term (§7.11) */
        ((m->num_c >= 0 && r->vals[m->num_c].kind == V_MISSING) || (m->den_c >= 0 && r->vals[m->den_c].kind == V_MISSING)))
      det->value_missing++;
  }
  buf_free(&id);
  free(ga.cols);
  free(ga.stamp);
  free(ga.gstamp);
  free(ga.w.v);
  free(ga.related);
  free(chain);
  int bad = scan_close(&sc);
  rel_free(rs);
  plan_free(&pl);
  if (bad) { /* the data errors are said */
    eval_detail_free(det);
    return NULL;
  }
  return det;
}

void eval_detail_free(eval_detail *d) {
  if (!d) return;
  for (size_t i = 0; i < d->nsteps; i++) free(d->steps[i].missing);
  free(d->steps);
  for (size_t i = 0; i < d->ncounted; i++) free(d->counted[i]);
  for (size_t i = 0; i < d->nnot_counted; i++) free(d->not_counted[i]);
  for (size_t i = 0; i < d->nunknown; i++) free(d->unknown[i]);
  free(d->counted);
  free(d->not_counted);
  free(d->unknown);
  free(d);
}

/* A milestone goal's row (§8.9), for explain: its table read once more. */
int eval_milestone_row(ast_program *p, const goal *g, eval_milestone *out, FILE *err) {
  data_decl *d = g->m->source;
  plan pl;
  plan_build(p, NULL, 0, &pl);
  scan sc;
  *out = (eval_milestone){0};
  if (!scan_open(&sc, p, d, &pl, false, err)) {
    plan_free(&pl);
    return -1;
  }
  table_cols tc = table_columns(d);
  entry *map = NULL;
  while (scan_next(&sc))
    if (!milestone_row(&map, d, &tc, &sc.r, sc.rec, err)) sc.errors++;
  out->rows = (int64_t)sc.rows;
  entry *e;
  HASH_FIND(hh, map, g->id, strlen(g->id), e);
  if (e) *out = (eval_milestone){out->rows, true, e->line, e->done, e->date};
  free_entries(&map);
  int bad = scan_close(&sc);
  plan_free(&pl);
  return bad ? -1 : 0;
}
