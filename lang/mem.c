/* mem.c — the one allocator, arenas and string buffers (see mem.h). */
#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void mem_fatal(const char *what) {
  fprintf(stderr, "maal: out of memory (%s)\n", what);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) mem_fatal("malloc");
  return p;
}

void *xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) mem_fatal("calloc");
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) mem_fatal("realloc");
  return q;
}

char *xstrndup(const char *s, size_t n) {
  char *d = xmalloc(n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

/* ---- arenas: a chain of blocks, bump allocation inside each ---- */

typedef struct block {
  struct block *next;
  size_t used, cap;
  max_align_t data[]; /* aligned payload */
} block;

struct arena {
  block *head;
};

enum { BLOCK_MIN = 64 * 1024 };

arena *arena_new(void) { return xcalloc(1, sizeof(arena)); }

void *arena_alloc(arena *a, size_t n) {
  const size_t align = _Alignof(max_align_t);
  n = (n + align - 1) / align * align;
  if (n == 0) n = align;
  block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > BLOCK_MIN ? n : BLOCK_MIN;
    b = xmalloc(sizeof(block) + cap);
    b->used = 0;
    b->cap = cap;
    b->next = a->head;
    a->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
  char *d = arena_alloc(a, n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...) {
  buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  char *r = arena_strndup(a, buf_str(&b), b.len);
  buf_free(&b);
  return r;
}

void arena_free(arena *a) {
  if (!a) return;
  for (block *b = a->head, *next; b; b = next) {
    next = b->next;
    free(b);
  }
  free(a);
}

void arena_adopt(arena *into, arena *from) {
  if (!from) return;
  block *tail = from->head;
  while (tail && tail->next) tail = tail->next;
  if (tail) { /* behind into's current block, which goes on filling */
    if (into->head) {
      tail->next = into->head->next;
      into->head->next = from->head;
    } else {
      into->head = from->head;
    }
  }
  free(from);
}

/* ---- buffers ---- */

static void grow(buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) {
    if (cap > SIZE_MAX / 2) mem_fatal("buffer size");
    cap *= 2;
  }
  b->s = xrealloc(b->s, cap);
  b->cap = cap;
}

void buf_add(buf *b, const char *s, size_t n) {
  grow(b, n);
  if (n) memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void buf_adds(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_addc(buf *b, char c) { buf_add(b, &c, 1); }

void buf_vprintf(buf *b, const char *fmt, va_list ap) {
  /* Try in the free space first; grow and retry when it did not fit. */
  grow(b, 64);
  va_list ap2;
  va_copy(ap2, ap);
  size_t avail = b->cap - b->len;
  int n = vsnprintf(b->s + b->len, avail, fmt, ap2);
  va_end(ap2);
  if (n < 0) {
    b->s[b->len] = '\0';
    return;
  }
  if ((size_t)n >= avail) {
    grow(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  }
  b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

const char *buf_str(const buf *b) { return b->s ? b->s : ""; }

char *buf_take(buf *b) {
  char *s = b->s ? b->s : xstrdup("");
  b->s = NULL;
  b->len = b->cap = 0;
  return s;
}

void buf_clear(buf *b) {
  b->len = 0;
  if (b->s) b->s[0] = '\0';
}

void buf_free(buf *b) {
  free(b->s);
  b->s = NULL;
  b->len = b->cap = 0;
}

bool buf_read(buf *b, FILE *f) {
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(b, chunk, n);
  return !ferror(f);
}
