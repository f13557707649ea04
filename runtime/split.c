/* split.c — more cores: a pass over a large file counts its rows in
 * parts, each on a thread of its own after the first, and each part's
 * counts are merged into the part before it when that part's reader gets
 * there (eval_internal.h says when a part is dropped instead).  The parts
 * are a chain: the last part ends with the file; every other one, when its
 * reader reaches where the next one began, waits for the next (which has
 * by then merged the ones after it) and merges it, and the pass itself
 * merges the second part last.
 *
 * Where a part begins is a guess: just after the first line end past its
 * share of the file that whole records follow (records_follow).  It is
 * right when that line end ends a record, wrong when it lies inside a
 * quoted field.  Knowing which would take a
 * read of everything before it, so the guess is checked instead where it
 * costs nothing: the reader of the part before, reading every record in
 * order, finishes a record exactly at the guessed offset only when the
 * guess was right.  A part that is dropped is dropped with every part
 * after it, and the part before reads on to the end of the file. */
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
  LOOK = 64 * 1024,            /* how far past a part's share a line end is looked for */
  PARTS_MAX = 64               /* parts of one pass, at most */
};

struct split {
  uint64_t at;       /* file offset of the part's first record */
  split *next;       /* the next part, until this part's thread has joined it */
  split *after;      /* the next part, until the chain is freed (split_free) */
  probe *pr;         /* the part's copies of the probes */
  probe **mine;      /* pointers to them, as the pass has its own */
  rel_state *half;   /* the part's per-entity state of the source (rel_fork), or NULL */
  check_run *checks; /* the part's checks of the source (checks_fork), or NULL */
  arena *words;      /* what its broken rows say, until merged */
  int n;
  scan sc;           /* the part's reader and row */
  FILE *err;         /* its messages, never shown: a broken row drops the part */
  char *errtext;
  size_t errlen;
  pthread_t th;
  atomic_bool cancel;
  atomic_uint_least64_t rows, bytes; /* progress of its own reading, for the pass's meter */
  bool clean;        /* read to the end (its own or, merged, the next part's), every row good */
  uint64_t fetched;  /* the bytes it read, with those of the parts merged into it */
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

/* The parts a pass may be split into: MAAL_THREADS if it is a number
 * from 1 on, else the cores online. */
static int split_threads(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  const char *t = getenv("MAAL_THREADS");
  if (t && *t) {
    char *end;
    errno = 0;
    long v = strtol(t, &end, 10);
    if (!*end && !errno && v >= 1) n = v;
  }
  return n < 1 ? 1 : n > PARTS_MAX ? PARTS_MAX : (int)n;
}

bool split_wanted(const data_decl *d) {
  if (split_threads() < 2) return false;
  if (d->encoding != CSV_UTF8 || strcmp(src_path(d), "-") == 0) return false;
  struct stat st;
  return stat(src_path(d), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size >= split_min();
}

/* Whether the bytes from p on begin with `want` well-formed records of
 * nfields fields each (delim between them), each ended by a line end
 * before `end`.  A line end inside a quoted field is mostly followed by
 * free text: a quote in the middle of a field, a number of fields not
 * the header's.  So the first line end past a part's share that this
 * holds after is a better guess at a record's start than the first line
 * end, which lies inside a quoted field as often as the file has line
 * breaks in its quoted fields.  Still a guess: checked as before. */
static bool records_follow(const char *p, const char *end, char delim, size_t nfields, int want) {
  for (int k = 0; k < want; k++) {
    size_t fields = 0;
    for (;;) { /* one field per turn */
      if (p >= end) return false;
      if (*p == '"') {
        for (p++;; p++) {
          if (p >= end) return false;
          if (*p != '"') continue;
          if (p + 1 < end && p[1] == '"') { p++; continue; }
          p++; /* past the closing quote */
          break;
        }
      } else {
        while (p < end && *p != delim && *p != '\n' && *p != '\r') {
          if (*p == '"') return false; /* a quote inside an unquoted field */
          p++;
        }
      }
      if (p >= end) return false;
      fields++;
      if (*p == delim) { p++; continue; }
      if (*p == '\r') p++;
      if (p >= end || *p != '\n') return false;
      p++;
      break;
    }
    if (fields != nfields) return false;
  }
  return true;
}

enum { RECORDS_CHECKED = 4 }; /* records that must follow a guessed start */

/* The offset just after a line end at or past `share` in the file behind
 * fd, and past `from`: the first that records_follow, or 0 when there is
 * none near. */
static uint64_t guess_boundary(int fd, uint64_t size, uint64_t share, uint64_t from, char delim, size_t nfields) {
  uint64_t mid = share > from ? share : from;
  char *b = xmalloc(LOOK);
  ssize_t got = pread(fd, b, LOOK, (off_t)mid);
  uint64_t at = 0;
  const char *end = got > 0 ? b + got : b;
  for (const char *nl = b; (nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL; nl++) {
    if (records_follow(nl + 1, end, delim, nfields, RECORDS_CHECKED)) {
      at = mid + (uint64_t)(nl - b) + 1;
      break;
    }
  }
  free(b);
  return at < size ? at : 0;
}

static bool join_part(split *sp, split_end where, scan *first, check_run *checks, probe **mine, int n, uint64_t *bytes);

/* A part's thread: its rows, up to where the next part began (then the
 * next part merged, or, dropped, on to the end of the file). */
static void *count_part(void *arg) {
  split *sp = arg;
  scan *sc = &sp->sc;
  buf tmp = {0};
  bool merged = false;
  uint64_t size = 0;
  while (!atomic_load_explicit(&sp->cancel, memory_order_relaxed) && scan_next(sc)) {
    if (sp->half) rel_row(sp->half, sc->d, &sc->r, sc->rec);
    update_probes(&sc->r, sp->mine, sp->n, &tmp);
    checks_row(sp->checks, &sc->r, sc->rec);
    if ((sc->rows & 0xFFF) == 0) {
      atomic_store_explicit(&sp->rows, sc->rows, memory_order_relaxed);
      atomic_store_explicit(&sp->bytes, sp->at + csv_bytes_read(sc->cr), memory_order_relaxed);
    }
    if (sp->next && csv_bytes_read(sc->cr) + sp->at >= sp->next->at) {
      uint64_t here = csv_bytes_read(sc->cr) + sp->at;
      merged = join_part(sp->next, here == sp->next->at ? SPLIT_AT : SPLIT_PAST, sc, sp->checks, sp->mine, sp->n, &size);
      sp->next = NULL;
      if (merged) break;
    }
  }
  if (sp->next) join_part(sp->next, SPLIT_SHORT, sc, sp->checks, sp->mine, sp->n, &size);
  sp->next = NULL;
  buf_free(&tmp);
  sp->clean = !atomic_load(&sp->cancel) && sc->errors == 0 && (merged || csv_read_whole(sc->cr));
  sp->fetched = merged ? size - sp->at : csv_bytes_fetched(sc->cr);
  return NULL;
}

/* Free sp and the parts after it; their threads are joined. */
static void split_free(split *sp) {
  if (!sp) return;
  split_free(sp->after);
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

/* A part from `at` on, its thread started, reading on to the next part
 * (already started) or the end of the file; NULL when it cannot be. */
static split *start_part(scan *first, const struct stat *st, uint64_t at, split *next, bool rel,
                         const check_run *checks, probe **mine, int n, size_t header_fields) {
  const data_decl *d = first->d;
  struct stat again;
  /* each part reads the same file through its own descriptor */
  FILE *f = fopen(src_path(d), "rb");
  if (!f) return NULL;
  if (fstat(fileno(f), &again) != 0 || again.st_dev != st->st_dev || again.st_ino != st->st_ino ||
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
  sp->sc.r.rel = rel ? sp->half : first->r.rel; /* what was built before: read only, by every part */
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
  sp->next = sp->after = next;
  atomic_init(&sp->cancel, false);
  atomic_init(&sp->rows, 0);
  atomic_init(&sp->bytes, at);
  if (pthread_create(&sp->th, NULL, count_part, sp) != 0) {
    sp->next = sp->after = NULL; /* the caller still has next */
    split_free(sp);
    return NULL;
  }
  return sp;
}

/* Stop a chain of parts whose threads run, and free it. */
static void cancel_chain(split *sp) {
  if (!sp) return;
  atomic_store(&sp->cancel, true);
  pthread_join(sp->th, NULL); /* it joins the parts after it */
  split_free(sp);
}

split *split_start(scan *first, bool rel, const check_run *checks, probe **mine, int n, size_t header_fields) {
  int fd = csv_fileno(first->cr);
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
  uint64_t size = (uint64_t)st.st_size, from = csv_bytes_read(first->cr);
  /* parts of about the same size, each of split_min() bytes or more */
  uint64_t most = size / (split_min() ? split_min() : 1);
  int parts = split_threads();
  if ((uint64_t)parts > most) parts = most < 2 ? 2 : (int)most;
  uint64_t at[PARTS_MAX];
  int nat = 0;
  for (int k = 1; k < parts; k++) {
    uint64_t b = guess_boundary(fd, size, size / (uint64_t)parts * (uint64_t)k, nat ? at[nat - 1] : from,
                                csv_delimiter(first->cr), header_fields);
    if (!b || (nat && b <= at[nat - 1])) break;
    at[nat++] = b;
  }
  /* the last part first: each part's thread may join the next at once */
  split *next = NULL;
  for (int k = nat - 1; k >= 0; k--) {
    split *sp = start_part(first, &st, at[k], next, rel, checks, mine, n, header_fields);
    if (!sp) {
      cancel_chain(next);
      return NULL;
    }
    next = sp;
  }
  return next;
}

/* MAAL_SPLIT_LOG=FILE: a line per part joined, what became of it:
 * "merged", or "dropped: " and why (tests/split_check.sh checks
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
  *rows = *bytes = 0;
  for (; sp; sp = sp->after) { /* every part lives until the pass frees the chain */
    *rows += atomic_load_explicit(&sp->rows, memory_order_relaxed);
    *bytes += atomic_load_explicit(&sp->bytes, memory_order_relaxed) - sp->at;
  }
}

/* split_join without the freeing: a part's thread joins the next part so
 * (the chain is freed by the pass, after every thread is joined). */
static bool join_part(split *sp, split_end where, scan *first, check_run *checks, probe **mine, int n, uint64_t *bytes) {
  if (where != SPLIT_AT) atomic_store(&sp->cancel, true);
  pthread_join(sp->th, NULL);
  uint32_t lines_before = csv_line(first->cr) - 1;
  const char *dropped = where == SPLIT_SHORT ? "the pass stopped before the next part"
                      : where == SPLIT_PAST  ? "the next part began inside a record"
                      : !sp->clean           ? "the next part has a broken row"
                                             : NULL;
  for (int k = 0; k < n && !dropped; k++)
    if (!probe_merge_fits(mine[k], &sp->pr[k])) dropped = "a sum could grow too large on the way";
  if (!dropped && !checks_merge_fits(checks, sp->checks))
    dropped = "a value of a 'unik' check is in two parts or twice in the next";
  if (!dropped && sp->half) { /* the keys last: merged only when all else is */
    bool merged = rel_merge(first->r.rel, sp->half, first->d, lines_before);
    sp->half = NULL; /* rel_merge frees it either way */
    if (!merged) dropped = "a key of the next part is in the one before too";
  }
  if (!dropped) {
    for (int k = 0; k < n; k++) merge_probe(mine[k], &sp->pr[k]);
    checks_merge(checks, sp->checks, lines_before);
    if (sp->checks) sp->words = NULL; /* the result's arena has it now */
    first->rows += sp->sc.rows;
    *bytes = sp->at + sp->fetched;
  }
  if (dropped) /* the part before reads these rows again: the progress line counts them once */
    for (split *q = sp; q; q = q->after) {
      atomic_store_explicit(&q->rows, 0, memory_order_relaxed);
      atomic_store_explicit(&q->bytes, q->at, memory_order_relaxed);
    }
  split_log(dropped);
  return !dropped;
}

bool split_join(split *sp, split_end where, scan *first, check_run *checks, probe **mine, int n, uint64_t *bytes) {
  bool merged = join_part(sp, where, first, checks, mine, n, bytes);
  split_free(sp);
  return merged;
}
