/* diag.c — collect, sort and print located messages with a caret line. */
#include "diag.h"
#include "utf8.h"
#include "msg.h"

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

/* One source file.  Files share one space of offsets: file k covers
 * [base, base + len], so a span alone says which file it is in. */
typedef struct {
  const char *path;
  const char *src;
  size_t len;
  uint32_t base;
  uint32_t *lines; /* offset (within the file) of each line start */
  size_t nlines;
} file;

struct diag {
  file *files;
  size_t nfiles;
  message *msgs;
  size_t nmsgs, cap;
  int errors;
  size_t last_main;
};

uint32_t diag_add_file(diag *d, const char *path, const char *src, size_t len) {
  uint32_t base = 0;
  if (d->nfiles) {
    file *last = &d->files[d->nfiles - 1];
    base = last->base + (uint32_t)last->len + 1;
  }
  d->files = xrealloc(d->files, (d->nfiles + 1) * sizeof *d->files);
  file *f = &d->files[d->nfiles++];
  f->path = path;
  f->src = src;
  f->len = len;
  f->base = base;
  size_t cap = 64;
  f->lines = xmalloc(cap * sizeof *f->lines);
  f->nlines = 0;
  /* a byte-order mark is not part of the first line (nor of its columns) */
  f->lines[f->nlines++] = len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3) ? 3 : 0;
  for (size_t i = 0; i < len; i++) {
    if (src[i] != '\n') continue;
    if (f->nlines == cap) f->lines = xrealloc(f->lines, (cap *= 2) * sizeof *f->lines);
    f->lines[f->nlines++] = (uint32_t)(i + 1);
  }
  return base;
}

diag *diag_new(const char *path, const char *src, size_t len) {
  diag *d = xcalloc(1, sizeof *d);
  diag_add_file(d, path, src, len);
  return d;
}

void diag_free(diag *d) {
  if (!d) return;
  for (size_t i = 0; i < d->nmsgs; i++) free(d->msgs[i].text);
  free(d->msgs);
  for (size_t i = 0; i < d->nfiles; i++) free(d->files[i].lines);
  free(d->files);
  free(d);
}

/* The file a global offset lies in. */
static const file *file_of(const diag *d, uint32_t off) {
  size_t k = 0;
  while (k + 1 < d->nfiles && d->files[k + 1].base <= off) k++;
  return &d->files[k];
}

static void add(diag *d, diag_level lv, span sp, const char *fmt, va_list ap) {
  if (d->nmsgs == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 16;
    d->msgs = xrealloc(d->msgs, d->cap * sizeof *d->msgs);
  }
  buf b = {0};
  buf_vprintf(&b, msg_tr(fmt), ap); /* in the language of messages (msg.h) */
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

span diag_find(const diag *d, span sp, const char *needle, size_t n) {
  const file *f = file_of(d, sp.beg);
  for (uint32_t i = sp.beg; n && i + n <= sp.end && i + n - f->base <= f->len; i++)
    if (memcmp(f->src + (i - f->base), needle, n) == 0) return (span){i, i + (uint32_t)n};
  return sp;
}

void diag_text(const diag *d, span sp, buf *out) {
  const file *f = file_of(d, sp.beg);
  if (sp.beg < f->base || sp.end > f->base + f->len || sp.end < sp.beg) return;
  buf_add(out, f->src + (sp.beg - f->base), sp.end - sp.beg);
}

static size_t line_of(const file *f, uint32_t off) {
  size_t lo = 0, hi = f->nlines;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (f->lines[mid] <= off) lo = mid;
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

void diag_where(const diag *d, uint32_t off, const char **path, const char **src, size_t *len, uint32_t *local) {
  const file *f = file_of(d, off);
  *path = f->path;
  *src = f->src;
  *len = f->len;
  *local = off < f->base ? 0 : off - f->base > f->len ? (uint32_t)f->len : off - f->base;
}

void diag_position(const diag *d, uint32_t off, unsigned *line, unsigned *col) {
  const file *f = file_of(d, off);
  off -= f->base;
  if (off > f->len) off = (uint32_t)f->len;
  size_t l = line_of(f, off);
  *line = (unsigned)l + 1;
  *col = chars(f->src, f->lines[l], off) + 1;
}

static int by_position(const void *pa, const void *pb) {
  const message *a = pa, *b = pb;
  if (a->sp.beg != b->sp.beg) return a->sp.beg < b->sp.beg ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* A byte of a source line as shown: a NUL, or a byte that is not part of
 * valid UTF-8, as '?', so a message never writes a broken character. */
static char shown(const char *src, size_t i, size_t end) {
  const unsigned char *s = (const unsigned char *)src;
  if (s[i] == 0) return '?';
  if (s[i] < 0x80) return src[i];
  size_t lead = i; /* the lead byte of the sequence i is in */
  while (lead > 0 && i - lead < 3 && (s[lead] & 0xC0) == 0x80) lead--;
  size_t k = s[lead] >= 0xC2 && s[lead] <= 0xDF ? 2 : s[lead] >= 0xE0 && s[lead] <= 0xEF ? 3
           : s[lead] >= 0xF0 && s[lead] <= 0xF4 ? 4 : 0;
  if (k == 0 || i >= lead + k || lead + k > end) return '?';
  for (size_t j = lead + 1; j < lead + k; j++)
    if ((s[j] & 0xC0) != 0x80) return '?';
  return src[i];
}

static void print_one(const diag *d, const message *m, FILE *f) {
  const char *const names[] = {M("error"), M("warning"), M("note")};
  unsigned line, col;
  diag_position(d, m->sp.beg, &line, &col);
  const file *fl = file_of(d, m->sp.beg);
  const char *src = fl->src;
  size_t len = fl->len, sbeg = m->sp.beg - fl->base, send = m->sp.end - fl->base;
  fprintf(f, "%s:%u:%u: %s: %s\n", fl->path, line, col, names[m->level], m->text);
  /* the source line, tabs kept so the caret lines up; of a long line only
     a window of WINDOW characters around the caret, marked with "..." */
  enum { WINDOW = 120, BEFORE = 60 };
  size_t l = line - 1;
  size_t beg = fl->lines[l], end = beg;
  while (end < len && src[end] != '\n') end++;
  if (end > beg && src[end - 1] == '\r') end--;
  size_t at = sbeg < beg ? beg : sbeg > end ? end : sbeg;
  bool cut_left = chars(src, beg, end) > WINDOW && chars(src, beg, at) > BEFORE;
  size_t from = beg, to;
  if (cut_left) /* step back BEFORE characters from the caret */
    for (unsigned n = 0, k = (from = at, 0); k == 0 && from > beg && n < BEFORE;) {
      from--;
      n += ((unsigned char)src[from] & 0xC0) != 0x80;
    }
  to = from;
  for (unsigned n = 0; to < end && (n < WINDOW || ((unsigned char)src[to] & 0xC0) == 0x80); to++)
    n += ((unsigned char)src[to] & 0xC0) != 0x80;
  fputs(cut_left ? "  ..." : "  ", f);
  for (size_t i = from; i < to; i++) fputc(shown(src, i, end), f);
  fputs(to < end ? "...\n  " : "\n  ", f);
  if (cut_left) fputs("   ", f);
  /* under each character as many columns as a terminal gives it: none
     under a combining mark (the ring of an "A" + U+030A), two under a
     wide one; the COLUMN of the message still counts characters */
  for (size_t i = from; i < at; i++) {
    if (((unsigned char)src[i] & 0xC0) == 0x80) continue;
    if (src[i] == '\t') {
      fputc('\t', f);
      continue;
    }
    uint32_t cp;
    utf8_decode((const unsigned char *)src + i, end - i, &cp);
    for (size_t w = utf8_char_width(cp); w > 0; w--) fputc(' ', f);
  }
  fputc('^', f);
  /* underline the rest of the span that lies in the window */
  size_t stop = send < to ? send : to;
  size_t n = at < stop ? utf8_width(src + at, stop - at) : 0;
  for (size_t i = 1; i < n; i++) fputc('~', f);
  fputc('\n', f);
}

/* Visit the messages in printed order: the main messages sorted by
 * position, each followed by its notes. */
static void walk(const diag *d, void (*fn)(const diag *d, const message *m, void *ctx), void *ctx) {
  size_t nmain = 0;
  for (size_t i = 0; i < d->nmsgs; i++)
    if (d->msgs[i].level != D_NOTE) nmain++;
  message *mains = xmalloc((nmain ? nmain : 1) * sizeof *mains);
  size_t k = 0;
  for (size_t i = 0; i < d->nmsgs; i++)
    if (d->msgs[i].level != D_NOTE) mains[k++] = d->msgs[i];
  qsort(mains, nmain, sizeof *mains, by_position);
  for (size_t i = 0; i < nmain; i++) {
    fn(d, &mains[i], ctx);
    for (size_t j = 0; j < d->nmsgs; j++)
      if (d->msgs[j].level == D_NOTE && d->msgs[j].parent == mains[i].seq) fn(d, &d->msgs[j], ctx);
  }
  free(mains);
}

static void clear(diag *d) {
  for (size_t i = 0; i < d->nmsgs; i++) free(d->msgs[i].text);
  d->nmsgs = 0;
}

static void print_to(const diag *d, const message *m, void *f) { print_one(d, m, f); }

void diag_flush(diag *d, FILE *f) {
  walk(d, print_to, f);
  if (d->errors > ERROR_LIMIT)
    fprintf(f, T("%s: too many errors; stopped after %d\n"), d->files[0].path, ERROR_LIMIT);
  clear(d);
}

typedef struct {
  void (*visit)(const diag_entry *e, void *ctx);
  void *ctx;
} drain_ctx;

static void hand_out(const diag *d, const message *m, void *ctx) {
  const drain_ctx *dc = ctx;
  diag_entry e = {.level = m->level, .message = m->text, .path = file_of(d, m->sp.beg)->path, .sp = m->sp};
  diag_position(d, m->sp.beg, &e.line, &e.column);
  diag_position(d, m->sp.end < m->sp.beg ? m->sp.beg : m->sp.end, &e.end_line, &e.end_column);
  dc->visit(&e, dc->ctx);
}

int diag_drain(diag *d, void (*visit)(const diag_entry *e, void *ctx), void *ctx) {
  drain_ctx dc = {visit, ctx};
  walk(d, hand_out, &dc);
  clear(d);
  return d->errors > ERROR_LIMIT ? d->errors : 0;
}

int diag_error_limit(void) { return ERROR_LIMIT; }
