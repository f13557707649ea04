/* diag.c — collect, sort and print located messages with a caret line. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { ERROR_LIMIT = 50 };

typedef struct {
  diag_level level;
  span sp;
  char *text;
  size_t seq;     /* order of reporting, to keep sorting stable */
  size_t parent;  /* for notes: seq of the message they belong to */
} message;

struct diag {
  const char *path;
  const char *src;
  size_t len;
  uint32_t *lines; /* byte offset of each line start */
  size_t nlines;
  message *msgs;
  size_t nmsgs, cap;
  int errors, warnings;
  size_t last_main;
};

diag *diag_new(const char *path, const char *src, size_t len) {
  diag *d = xcalloc(1, sizeof *d);
  d->path = path;
  d->src = src;
  d->len = len;
  size_t cap = 64;
  d->lines = xmalloc(cap * sizeof *d->lines);
  d->lines[d->nlines++] = 0;
  for (size_t i = 0; i < len; i++) {
    if (src[i] != '\n') continue;
    if (d->nlines == cap) d->lines = xrealloc(d->lines, (cap *= 2) * sizeof *d->lines);
    d->lines[d->nlines++] = (uint32_t)(i + 1);
  }
  return d;
}

void diag_free(diag *d) {
  if (!d) return;
  for (size_t i = 0; i < d->nmsgs; i++) free(d->msgs[i].text);
  free(d->msgs);
  free(d->lines);
  free(d);
}

static void add(diag *d, diag_level lv, span sp, const char *fmt, va_list ap) {
  if (d->nmsgs == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 16;
    d->msgs = xrealloc(d->msgs, d->cap * sizeof *d->msgs);
  }
  buf b = {0};
  buf_vprintf(&b, fmt, ap);
  message *m = &d->msgs[d->nmsgs];
  m->level = lv;
  m->sp = sp;
  m->text = buf_take(&b);
  m->seq = d->nmsgs;
  if (lv == D_NOTE) {
    m->parent = d->last_main;
  } else {
    m->parent = m->seq;
    d->last_main = m->seq;
  }
  d->nmsgs++;
}

#define REPORT(level)       \
  va_list ap;               \
  va_start(ap, fmt);        \
  add(d, level, sp, fmt, ap); \
  va_end(ap)

void diag_error(diag *d, span sp, const char *fmt, ...) {
  d->errors++;
  if (d->errors > ERROR_LIMIT) return;
  REPORT(D_ERROR);
}

void diag_warning(diag *d, span sp, const char *fmt, ...) {
  d->warnings++;
  REPORT(D_WARNING);
}

void diag_note(diag *d, span sp, const char *fmt, ...) {
  if (d->errors > ERROR_LIMIT) return;
  REPORT(D_NOTE);
}

int diag_errors(const diag *d) { return d->errors; }

bool diag_error_within(const diag *d, span sp) {
  for (size_t i = 0; i < d->nmsgs; i++)
    if (d->msgs[i].level == D_ERROR && d->msgs[i].sp.beg >= sp.beg && d->msgs[i].sp.beg < sp.end) return true;
  return false;
}
int diag_warnings(const diag *d) { return d->warnings; }
bool diag_too_many(const diag *d) { return d->errors >= ERROR_LIMIT; }

span diag_find(const diag *d, span sp, const char *needle, size_t n) {
  for (uint32_t i = sp.beg; n && i + n <= sp.end && i + n <= d->len; i++)
    if (memcmp(d->src + i, needle, n) == 0) return (span){i, i + (uint32_t)n};
  return sp;
}

static size_t line_of(const diag *d, uint32_t off) {
  size_t lo = 0, hi = d->nlines;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (d->lines[mid] <= off) lo = mid;
    else hi = mid;
  }
  return lo;
}

/* Characters between two byte offsets: continuation bytes do not count. */
static unsigned chars(const char *s, size_t from, size_t to) {
  unsigned n = 0;
  for (size_t i = from; i < to; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
  return n;
}

void diag_position(const diag *d, uint32_t off, unsigned *line, unsigned *col) {
  if (off > d->len) off = (uint32_t)d->len;
  size_t l = line_of(d, off);
  *line = (unsigned)l + 1;
  *col = chars(d->src, d->lines[l], off) + 1;
}

static int by_position(const void *pa, const void *pb) {
  const message *a = pa, *b = pb;
  if (a->sp.beg != b->sp.beg) return a->sp.beg < b->sp.beg ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void print_one(const diag *d, const message *m, FILE *f) {
  static const char *const names[] = {"error", "warning", "note"};
  unsigned line, col;
  diag_position(d, m->sp.beg, &line, &col);
  fprintf(f, "%s:%u:%u: %s: %s\n", d->path, line, col, names[m->level], m->text);
  /* the source line, tabs kept so the caret lines up */
  size_t l = line - 1;
  size_t beg = d->lines[l], end = beg;
  while (end < d->len && d->src[end] != '\n') end++;
  size_t shown_end = end;
  if (shown_end > beg && d->src[shown_end - 1] == '\r') shown_end--;
  fprintf(f, "  %.*s\n  ", (int)(shown_end - beg), d->src + beg);
  for (size_t i = beg; i < m->sp.beg && i < shown_end; i++) {
    if (((unsigned char)d->src[i] & 0xC0) == 0x80) continue;
    fputc(d->src[i] == '\t' ? '\t' : ' ', f);
  }
  fputc('^', f);
  /* underline the rest of the span that lies on this line */
  size_t stop = m->sp.end < shown_end ? m->sp.end : shown_end;
  unsigned n = m->sp.beg < stop ? chars(d->src, m->sp.beg, stop) : 0;
  for (unsigned i = 1; i < n; i++) fputc('~', f);
  fputc('\n', f);
}

void diag_flush(diag *d, FILE *f) {
  /* Sort the main messages by position; each keeps its notes after it. */
  size_t nmain = 0;
  for (size_t i = 0; i < d->nmsgs; i++)
    if (d->msgs[i].level != D_NOTE) nmain++;
  message *mains = xmalloc((nmain ? nmain : 1) * sizeof *mains);
  size_t k = 0;
  for (size_t i = 0; i < d->nmsgs; i++)
    if (d->msgs[i].level != D_NOTE) mains[k++] = d->msgs[i];
  qsort(mains, nmain, sizeof *mains, by_position);
  for (size_t i = 0; i < nmain; i++) {
    print_one(d, &mains[i], f);
    for (size_t j = 0; j < d->nmsgs; j++)
      if (d->msgs[j].level == D_NOTE && d->msgs[j].parent == mains[i].seq)
        print_one(d, &d->msgs[j], f);
  }
  free(mains);
  if (d->errors > ERROR_LIMIT)
    fprintf(f, "%s: too many errors; stopped after %d\n", d->path, ERROR_LIMIT);
  for (size_t i = 0; i < d->nmsgs; i++) free(d->msgs[i].text);
  d->nmsgs = 0;
}
