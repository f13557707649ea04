/* split.c — the second core: a pass over a large file counts the rows of
 * its second half on a thread of their own, and merges them into the
 * first half's counts when the first half's reader gets there
 * (eval_internal.h says when the second half is dropped instead).
 *
 * Where the second half begins is a guess: just after the first line end
 * past the middle of the file.  It is right when that line end ends a
 * record, wrong when it lies inside a quoted field.  Knowing which would
 * take a read of the whole first half, so the guess is checked instead
 * where it costs nothing: the first half's reader, reading every record
 * in order, finishes a record exactly at the guessed offset only when the
 * guess was right. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datacheck.h"
#include "eval_internal.h"
#include "msg.h"
#include "source.h"

enum {
  SPLIT_MIN = 8 * 1024 * 1024, /* smaller files are read by one core: a thread is not worth it */
  LOOK = 64 * 1024             /* how far past the middle a line end is looked for */
};

struct split {
  uint64_t at;       /* file offset of the second half's first record */
  probe *pr;         /* the second half's copies of the probes */
  probe **mine;      /* pointers to them, as the first half has its own */
  rel_state *half;   /* the second half's per-entity state of the source (rel_fork), or NULL */
  check_run *checks; /* the second half's checks of the source (checks_fork), or NULL */
  arena *words;      /* what its broken rows say, until merged */
  int n;
  scan sc;           /* the second half's reader and row */
  FILE *err;         /* its messages, never shown: a broken row drops the half */
  char *errtext;
  size_t errlen;
  pthread_t th;
  atomic_bool cancel;
  atomic_uint_least64_t rows, bytes; /* progress, for the first half's meter */
  bool clean;        /* read to the end, every row good */
  uint64_t fetched;  /* the bytes the second half read */
};

/* MAAL_SPLIT_MIN (bytes) lowers the size from which a pass is split, so
 * the tests split small files (tests/split_check.sh). */
static uint64_t split_min(void) {
  const char *v = getenv("MAAL_SPLIT_MIN");
  if (v && *v) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (!*end && !errno) return n;
  }
  return SPLIT_MIN;
}

bool split_wanted(const data_decl *d) {
  const char *t = getenv("MAAL_THREADS");
  if (t && strcmp(t, "1") == 0) return false;
  if (sysconf(_SC_NPROCESSORS_ONLN) < 2) return false;
  if (d->encoding != CSV_UTF8 || strcmp(src_path(d), "-") == 0) return false;
  struct stat st;
  return stat(src_path(d), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size >= split_min();
}

/* The offset just after the first line end at or past the middle of the
 * file behind fd, and past `from`; 0 when there is none near. */
static uint64_t guess_boundary(int fd, uint64_t size, uint64_t from) {
  uint64_t mid = size / 2 > from ? size / 2 : from;
  char *b = xmalloc(LOOK);
  ssize_t got = pread(fd, b, LOOK, (off_t)mid);
  uint64_t at = 0;
  const char *nl = got > 0 ? memchr(b, '\n', (size_t)got) : NULL;
  if (nl) at = mid + (uint64_t)(nl - b) + 1;
  free(b);
  return at < size ? at : 0;
}

static void *count_second_half(void *arg) {
  split *sp = arg;
  scan *sc = &sp->sc;
  buf tmp = {0};
  while (!atomic_load_explicit(&sp->cancel, memory_order_relaxed) && scan_next(sc)) {
    if (sp->half) rel_row(sp->half, sc->d, &sc->r, sc->rec);
    update_probes(&sc->r, sp->mine, sp->n, &tmp);
    checks_row(sp->checks, &sc->r, sc->rec);
    if ((sc->rows & 0xFFF) == 0) {
      atomic_store_explicit(&sp->rows, sc->rows, memory_order_relaxed);
      atomic_store_explicit(&sp->bytes, csv_bytes_read(sc->cr), memory_order_relaxed);
    }
  }
  buf_free(&tmp);
  sp->clean = !atomic_load(&sp->cancel) && sc->errors == 0 && csv_read_whole(sc->cr);
  sp->fetched = csv_bytes_fetched(sc->cr);
  return NULL;
}

static void split_free(split *sp) {
  rel_free(sp->half);
  checks_free(sp->checks);
  arena_free(sp->words);
  for (int k = 0; k < sp->n; k++) free_probe(&sp->pr[k]);
  free(sp->pr);
  free(sp->mine);
  scan_close(&sp->sc);
  fclose(sp->err);
  free(sp->errtext);
  free(sp);
}

split *split_start(scan *first, bool rel, const check_run *checks, probe **mine, int n, size_t header_fields) {
  const data_decl *d = first->d;
  int fd = csv_fileno(first->cr);
  struct stat st, again;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
  uint64_t at = guess_boundary(fd, (uint64_t)st.st_size, csv_bytes_read(first->cr));
  if (!at) return NULL;
  /* the second half reads the same file through its own descriptor */
  FILE *f = fopen(src_path(d), "rb");
  if (!f) return NULL;
  if (fstat(fileno(f), &again) != 0 || again.st_dev != st.st_dev || again.st_ino != st.st_ino ||
      fseeko(f, (off_t)at, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  split *sp = xcalloc(1, sizeof *sp);
  sp->at = at;
  sp->err = open_memstream(&sp->errtext, &sp->errlen);
  if (!sp->err) {
    fclose(f);
    free(sp);
    return NULL;
  }
  scan_start(&sp->sc, first->p, first->d, first->r.pl, csv_open_part(f, csv_delimiter(first->cr), header_fields),
             sp->err);
  sp->half = rel ? rel_fork(first->r.rel, d) : NULL;
  sp->sc.r.rel = rel ? sp->half : first->r.rel; /* what was built before: read only, by both halves */
  if (checks) {
    sp->words = arena_new();
    sp->checks = checks_fork(checks, &sp->sc.r, sp->words);
  }
  sp->n = n;
  sp->pr = xcalloc((size_t)n + 1, sizeof *sp->pr);
  sp->mine = xcalloc((size_t)n + 1, sizeof *sp->mine);
  for (int k = 0; k < n; k++) { /* the same measures, nothing counted */
    sp->mine[k] = &sp->pr[k];
    sp->pr[k] = *mine[k];
    sp->pr[k].total = (acc){0};
    sp->pr[k].parts = sp->pr[k].unsure = sp->pr[k].over = NULL;
    sp->pr[k].sum_said = false;
  }
  atomic_init(&sp->cancel, false);
  atomic_init(&sp->rows, 0);
  atomic_init(&sp->bytes, at);
  if (pthread_create(&sp->th, NULL, count_second_half, sp) != 0) {
    split_free(sp);
    return NULL;
  }
  return sp;
}

/* MAAL_SPLIT_LOG=FILE: a line per split pass, what became of its second
 * half: "merged", or "dropped: " and why (tests/split_check.sh checks
 * each way is taken). */
static void split_log(const char *dropped) {
  const char *path = getenv("MAAL_SPLIT_LOG");
  FILE *f = path && *path ? fopen(path, "a") : NULL;
  if (!f) return;
  if (dropped) fprintf(f, "dropped: %s\n", dropped);
  else fputs("merged\n", f);
  fclose(f);
}

uint64_t split_at(const split *sp) { return sp->at; }

void split_progress(const split *sp, uint64_t *rows, uint64_t *bytes) {
  *rows = atomic_load_explicit(&sp->rows, memory_order_relaxed);
  *bytes = atomic_load_explicit(&sp->bytes, memory_order_relaxed) - sp->at;
}

bool split_join(split *sp, split_end where, scan *first, check_run *checks, probe **mine, int n, uint64_t *bytes) {
  if (where != SPLIT_AT) atomic_store(&sp->cancel, true);
  pthread_join(sp->th, NULL);
  uint32_t lines_before = csv_line(first->cr) - 1;
  const char *dropped = where == SPLIT_SHORT ? "the pass stopped before the second half"
                      : where == SPLIT_PAST  ? "the second half began inside a record"
                      : !sp->clean           ? "the second half has a broken row"
                                             : NULL;
  for (int k = 0; k < n && !dropped; k++)
    if (!probe_merge_fits(mine[k], &sp->pr[k])) dropped = "a sum could grow too large on the way";
  if (!dropped && !checks_merge_fits(checks, sp->checks))
    dropped = "a value of a 'unik' check is in both halves or twice in the second";
  if (!dropped && sp->half) { /* the keys last: merged only when all else is */
    bool merged = rel_merge(first->r.rel, sp->half, first->d, lines_before);
    sp->half = NULL; /* rel_merge frees it either way */
    if (!merged) dropped = "a key of the second half is in the first too";
  }
  if (!dropped) {
    for (int k = 0; k < n; k++) merge_probe(mine[k], &sp->pr[k]);
    checks_merge(checks, sp->checks, lines_before);
    if (sp->checks) sp->words = NULL; /* the result's arena has it now */
    first->rows += sp->sc.rows;
    *bytes = sp->at + sp->fetched;
  }
  split_log(dropped);
  split_free(sp);
  return !dropped;
}
