/* pass.c — one pass over a data source: the steps each row takes (the
 * per-entity state, the probes, the tables, the checks), on one core or
 * split in parts over more (split.c), with the progress line of a long read and
 * the file's provenance; and the per-entity state alone, for a pass over
 * one source that needs the others' (maal explain). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "datacheck.h"
#include "eval_internal.h"
#include "msg.h"
#include "shabg.h"
#include "source.h"

/* The progress line of a long read: rows, MB/s and the time left. */
typedef struct {
  bool on;
  struct timespec start;
  uint64_t size;  /* bytes of the file, 0 if unknown (a pipe) */
  double after;   /* seconds before it is shown */
  bool shown;
} meter;

enum { METER_ROWS = 0xFFFF }; /* the line is made anew after each 65.536 rows */

/* Half a second; MAAL_PROGRESS_AFTER (seconds) sets it for the tests
 * (tests/progress_check.sh), so that they need not be slow to see it. */
static double meter_after(void) {
  const char *v = getenv("MAAL_PROGRESS_AFTER");
  if (v && *v) {
    char *end;
    double s = strtod(v, &end);
    if (!*end && s >= 0) return s;
  }
  return 0.5;
}

static double seconds_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void meter_show(meter *m, const data_decl *d, uint64_t rows, uint64_t bytes, FILE *err) {
  double s = seconds_since(&m->start);
  if (s < m->after) return; /* short reads show nothing */
  double mbs = (double)bytes / 1e6 / s;
  char left[32] = "";
  if (m->size > bytes && bytes > 0) snprintf(left, sizeof left, ", %.0f s tilbage", s * (double)(m->size - bytes) / (double)bytes);
  char n[32];
  num_format_da(num_int((int64_t)rows), 0, n, sizeof n);
  fprintf(err, "\r%s: %s rækker, %.0f MB/s%s   ", d->name, n, mbs, left);
  fflush(err);
  m->shown = true;
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
  /* more cores for a large file (split.c), unless a table is read from
     it or it refers to itself */
  bool splits = (!steps->rel || rel_splits(d)) && !indicators && !assessments && !milestones && split_wanted(d);
  /* the SHA-256 of a regular file is read apart from the records, by a
     thread of its own (so the reader hands it no copy of its bytes);
     of anything else, from the bytes the reader reads */
  struct stat file;
  bool apart = res->digest && (splits || (strcmp(src_path(d), "-") != 0 && stat(src_path(d), &file) == 0 && S_ISREG(file.st_mode)));
  scan sc;
  if (!scan_open(&sc, p, d, &pl, res->digest && !apart, err)) {
    plan_free(&pl);
    free(mine);
    return -1;
  }
  shafile *sha = apart ? shafile_start(csv_fileno(sc.cr)) : NULL;
  struct stat before; /* the hash and the records come from two reads: the file must stay as it was */
  if (sha && fstat(csv_fileno(sc.cr), &before) != 0) before.st_size = -1;
  split *sp = NULL;
  buf tmp = {0};
  table_cols tcols = table_columns(d);
  meter mt = {.on = progress, .after = meter_after()};
  if (mt.on) {
    struct stat st;
    clock_gettime(CLOCK_MONOTONIC, &mt.start);
    if (stat(src_path(d), &st) == 0 && S_ISREG(st.st_mode)) mt.size = (uint64_t)st.st_size;
  }
  row_ctx *r = &sc.r;
  r->rel = rs;
  check_run *cr = steps->measure ? checks_start(d, r, res->check_rows, res->a) : NULL;
  if (splits && sc.rec) sp = split_start(&sc, steps->rel, cr, mine, nmine, sc.rec->nfields);
  bool merged = false;
  uint64_t size = 0; /* the file's bytes, as read: by both halves when merged */
  while (scan_next(&sc)) {
    if (mt.on && (sc.rows & METER_ROWS) == 0) {
      uint64_t rows = 0, bytes = 0;
      if (sp) split_progress(sp, &rows, &bytes);
      meter_show(&mt, d, sc.rows + rows, csv_bytes_read(sc.cr) + bytes, err);
    }
    if (steps->rel) rel_row(rs, d, r, sc.rec);
    update_probes(r, mine, nmine, &tmp);
    if (indicators && !indicator_row(&res->indicators[d->index], d, &tcols, r, sc.rec, err, &tmp)) sc.errors++;
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
    struct stat after;
    bool same = fstat(csv_fileno(sc.cr), &after) == 0 && after.st_size == before.st_size &&
                after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec;
    if (digest && (out->bytes != size || !same)) { /* the hash may have read other bytes than the records came from */
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

/* The state alone: round 0's per-entity steps on every source that has
 * any, for a pass that reads one source and needs the others' state
 * (maal explain).  NULL after data errors, which are said on err. */
rel_state *rel_build(ast_program *p, FILE *err) {
  rel_state *rs = rel_new(p);
  eval_result none = {.p = p, .err = err};
  for (int i = 0; i < p->ndata; i++) {
    data_decl *d = p->datav[i];
    pass_steps st = rel_round(rs, d, 0);
    st.measure = false;
    rep_source got;
    if (st.rel && read_source(p, d, &none, &got, err, false, rs, &st) != 0) {
      rel_free(rs);
      return NULL;
    }
  }
  return rs;
}
