/* scan.c — the pass over one data source: which groups each row's
 * membership must be decided for, and in what order (the plan); the row
 * loop itself, with its data errors and the progress meter; every probe
 * measured on the source updated row by row. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "datacheck.h"
#include "eval_internal.h"
#include "msg.h"
#include "shabg.h"
#include "source.h"

enum { DATA_ERROR_LIMIT = SRC_ERROR_LIMIT };

/* Decide every group of the plan for this row, in the plan's order.  A
 * row's membership of a group is the Kleene AND of the group's condition
 * and its membership of the group it is built from: exactly what the
 * conditions joined by 'og' on one line give (§5.6). */
static void decide_groups(row_ctx *r) {
  const plan *pl = r->pl;
  for (size_t i = 0; i < pl->n; i++) {
    const group_decl *g = r->p->groupv[pl->order[i]];
    truth in = g->parent ? r->memo[g->parent->index] : TV_TRUE;
    if (in != TV_FALSE && g->where) in = kleene_and(in, expr_truth(r, g->where));
    if (r->overflow)
      row_too_large(r, pl->owner[g->index] >= 0 ? r->p->goalv[pl->owner[g->index]] : NULL,
                    M("a number in the condition of group"), g->name);
    r->memo[g->index] = in;
  }
}

/* The progress line of a long read: rows, MB/s and the time left. */
typedef struct {
  bool on;
  struct timespec start;
  uint64_t size;  /* bytes of the file, 0 if unknown (a pipe) */
  bool shown;
} meter;

static double seconds_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void meter_show(meter *m, const data_decl *d, uint64_t rows, uint64_t bytes, FILE *err) {
  double s = seconds_since(&m->start);
  if (s < 0.5) return; /* short reads show nothing */
  double mbs = (double)bytes / 1e6 / s;
  char left[32] = "";
  if (m->size > bytes && bytes > 0) snprintf(left, sizeof left, ", %.0f s tilbage", s * (double)(m->size - bytes) / (double)bytes);
  char n[32];
  num_format_da(num_int((int64_t)rows), 0, n, sizeof n);
  fprintf(err, "\r%s: %s rækker, %.0f MB/s%s   ", d->name, n, mbs, left);
  fflush(err);
  m->shown = true;
}


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

/* Start reading d with cr, positioned at a record (the header read, or
 * the first record of a split pass's second half); every row will have
 * the groups of pl decided. */
void scan_start(scan *s, ast_program *p, data_decl *d, const plan *pl, csv_reader *cr, FILE *err) {
  *s = (scan){.p = p, .d = d, .err = err, .cr = cr};
  s->r.p = p;
  s->r.pl = pl;
  /* after the row's own columns, the fields measured or broken down by through a reference (§5.9) */
  s->r.vals = xcalloc(d->ncol + (d->rel ? d->rel->nderived : 0) + 1, sizeof *s->r.vals);
  s->r.memo = xcalloc((size_t)p->ngroups + 1, sizeof *s->r.memo);
  s->r.path = d->resolved_path;
  s->r.err = err;
  s->r.errors = &s->errors;
  cond_start(&s->r); /* the row's conditions compiled as they are first asked (cond.c) */
}

/* Open d and pass its header (the checker has read it).  false after a
 * message, when the file cannot be opened. */
bool scan_open(scan *s, ast_program *p, data_decl *d, const plan *pl, bool digest, FILE *err) {
  csv_error ce = {0};
  csv_reader *cr = csv_open(d->open_path ? d->open_path : d->resolved_path, d->delim, &ce);
  if (!cr) {
    fprintf(err, T("maal: data '%s': %s\n"), d->name, ce.message);
    return false;
  }
  csv_set_encoding(cr, (csv_encoding)d->encoding);
  if (digest) csv_digest_start(cr); /* the file's SHA-256, in this same pass (spec/output.md §5) */
  scan_start(s, p, d, pl, cr, err);
  if (csv_next(s->cr, &s->rec, &ce) < 0) s->errors++; /* reported by the checker */
  return true;
}

/* The next row whose every field reads as its column's type: true, with
 * s->r.vals filled; false at the end of the file or after too many errors.
 * A broken record or value is reported with its file, line and column, and
 * the row is skipped. */
bool scan_next(scan *s) {
  const data_decl *d = s->d;
  csv_error ce = {0};
  while (s->errors < DATA_ERROR_LIMIT) {
    int got = csv_next(s->cr, &s->rec, &ce);
    if (got == 0) return false;
    if (got < 0) {
      fprintf(s->err, T("%s:%u:%u: error: %s\n"), d->resolved_path, ce.line, ce.col, ce.message);
      s->errors++;
      continue;
    }
    s->rows++;
    bool bad = false;
    for (size_t i = 0; i < d->ncol; i++) {
      const column_decl *c = d->colv[i];
      const csv_field *f = &s->rec->fields[c->pos];
      if (src_field(d, c, f, &s->r.vals[i])) continue;
      fprintf(s->err, T("%s:%u:%u: error: column '%s' holds %s, but '%.*s' is not one%s\n"), d->resolved_path, f->line,
              f->col, c->name, src_type_words(c->type, d->decimal), (int)(f->len > 60 ? 60 : f->len), f->text,
              c->inferred ? M(" (the type was inferred from the first rows; declare the column's type in the rules if it is wrong)") : "");
      bad = true;
      if (++s->errors >= DATA_ERROR_LIMIT) break;
    }
    if (bad) continue;
    s->r.line = s->rec->line;
    for (size_t k = 0; d->rel && k < d->rel->nderived; k++)
      s->r.vals[d->ncol + k] = s->r.rel ? rel_field(&s->r, d->rel->derived[k]) : missing_value();
    decide_groups(&s->r);
    return true;
  }
  return false;
}

/* Close; the number of errors seen, said once more if there were many. */
int scan_close(scan *s) {
  if (s->errors >= DATA_ERROR_LIMIT)
    fprintf(s->err, T("%s: too many errors; stopped after %d\n"), s->d->resolved_path, DATA_ERROR_LIMIT);
  free(s->r.vals);
  free(s->r.memo);
  free(s->r.spine);
  buf_free(&s->r.relkey);
  cond_end(&s->r);
  csv_close(s->cr);
  return s->errors;
}

/* One pass over d, running the steps `steps` says (spec §5.10): the
 * per-entity state (entity.c), and the probes and tables measured on d. */
int read_source(ast_program *p, data_decl *d, eval_result *res, rep_source *out, FILE *err, bool progress,
                rel_state *rs, const pass_steps *steps) {
  /* the probes measured on this source; indicator lookups need no pass */
  probe **mine = xcalloc(2 * (size_t)res->ngoals + 1, sizeof *mine);
  int nmine = 0;
  bool indicators = false, assessments = false, milestones = false;
  for (int i = 0; i < res->ngoals && steps->measure; i++) {
    goal_state *gs = &res->goals[i];
    probe *both[2] = {gs->main.m ? &gs->main : NULL, gs->has_base ? &gs->base : NULL};
    for (int k = 0; k < 2; k++) {
      if (!both[k] || both[k]->m->source != d) continue;
      if (both[k]->m->kind == M_INDICATOR) indicators = true;
      else if (both[k]->m->kind == M_DONE) milestones = true; /* a table, read by its goal ids */
      else mine[nmine++] = both[k];
    }
    if (gs->g->assessed == d) assessments = true;
  }
  plan pl;
  plan_build(p, mine, (size_t)nmine, &pl);
  if (steps->rel) rel_plan(rs, d, &pl);
  /* two cores for a pass that only measures (split.c); its SHA-256 is
     then read apart from the records, by a thread of its own */
  bool splits = (steps->measure || steps->rel) && (!steps->rel || rel_splits(rs, d)) && !indicators &&
                !assessments && !milestones && split_wanted(d);
  scan sc;
  if (!scan_open(&sc, p, d, &pl, res->digest && !splits, err)) {
    plan_free(&pl);
    free(mine);
    return -1;
  }
  shafile *sha = splits && res->digest ? shafile_start(csv_fileno(sc.cr)) : NULL;
  split *sp = NULL;
  buf tmp = {0};
  table_cols tcols = table_columns(d);
  meter mt = {.on = progress};
  if (mt.on) {
    struct stat st;
    clock_gettime(CLOCK_MONOTONIC, &mt.start);
    if (stat(d->open_path ? d->open_path : d->resolved_path, &st) == 0 && S_ISREG(st.st_mode)) mt.size = (uint64_t)st.st_size;
  }
  row_ctx *r = &sc.r;
  r->rel = rs;
  check_run *cr = steps->measure ? checks_start(d, r, res->check_rows, res->a) : NULL;
  if (splits && sc.rec) sp = split_start(&sc, steps->rel, cr, mine, nmine, sc.rec->nfields);
  bool merged = false;
  uint64_t size = 0; /* the file's bytes, as read: by both halves when merged */
  while (scan_next(&sc)) {
    if (mt.on && (sc.rows & 0xFFFF) == 0) {
      uint64_t rows = 0, bytes = 0;
      if (sp) split_progress(sp, &rows, &bytes);
      meter_show(&mt, d, sc.rows + rows, csv_bytes_read(sc.cr) + bytes, err);
    }
    if (steps->rel) rel_row(rs, d, r, sc.rec);
    for (int k = 0; k < nmine; k++)
      if (!outside_group(r, mine[k])) update_probe(r, mine[k], &tmp);
    if (indicators) indicator_row(&res->indicators[d->index], &tcols, r, &tmp);
    if (assessments && !assessment_row(&res->assessments[d->index], d, &tcols, r, sc.rec, err)) sc.errors++;
    if (milestones && !milestone_row(&res->milestones[d->index], d, &tcols, r, sc.rec, err)) sc.errors++;
    checks_row(cr, r, sc.rec);
    uint64_t here = csv_bytes_read(sc.cr);
    if (sp && here >= split_at(sp)) { /* where the second half begins, or past it: it began inside a record */
      merged = split_join(sp, here == split_at(sp) ? SPLIT_AT : SPLIT_PAST, &sc, cr, mine, nmine, &size);
      sp = NULL;
      if (merged) break;
    }
  }
  if (sp) split_join(sp, SPLIT_SHORT, &sc, cr, mine, nmine, &size);
  if (steps->rel) rel_done(rs, d);
  checks_finish(cr, sc.rows, res->checks + (res->check_at ? res->check_at[d->index] : 0));
  checks_free(cr);
  if (mt.shown) fprintf(err, "\r%*s\r", 60, ""); /* clear the progress line */
  buf_free(&tmp);
  free(mine);
  unsigned char sum[CSV_SHA256_SIZE];
  *out = (rep_source){.name = d->name, .rows = sc.rows, .path = d->resolved_path};
  bool digest = csv_digest(sc.cr, sum, &out->bytes);
  if (sha && (merged || csv_read_whole(sc.cr))) {
    if (!merged) size = csv_bytes_fetched(sc.cr);
    digest = shafile_finish(sha, sum, &out->bytes);
    if (digest && out->bytes != size) { /* the hash read other bytes than the records came from */
      fprintf(err, T("%s: error: the file changed while it was read; run again when it is written\n"), d->resolved_path);
      sc.errors++;
      digest = false;
    }
  } else {
    shafile_abandon(sha);
  }
  if (digest) {
    out->has_digest = true;
    for (int k = 0; k < CSV_SHA256_SIZE; k++) snprintf(out->sha256 + 2 * k, 3, "%02x", sum[k]);
  }
  int bad = scan_close(&sc);
  plan_free(&pl);
  return bad ? -1 : 0;
}
