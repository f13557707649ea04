/* mem.h — one allocator for all of maal, arenas by lifetime, string buffers.
 *
 * Ownership: memory from xmalloc/xcalloc/xrealloc/xstrdup belongs to the
 * caller and is released with free().  Memory from an arena belongs to the
 * arena and is released all at once by arena_free(); never free() it.
 * None of these functions returns NULL: on exhaustion they print one line
 * and abort, so callers need no NULL checks.
 */
#ifndef MAAL_MEM_H
#define MAAL_MEM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
_Noreturn void mem_fatal(const char *what);

/* An arena hands out blocks that live until the arena is freed. */
typedef struct arena arena;
arena *arena_new(void);
void *arena_alloc(arena *a, size_t n);          /* zeroed, max-aligned */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void arena_free(arena *a);
/* Give from's blocks to into (what was allocated in from now lives as
 * long as into) and free from itself. */
void arena_adopt(arena *into, arena *from);

/* A growable, always NUL-terminated byte string. */
typedef struct {
  char *s;    /* NUL-terminated; NULL until the first append */
  size_t len;
  size_t cap;
} buf;
void buf_add(buf *b, const char *s, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
const char *buf_str(const buf *b);               /* "" when empty */
char *buf_take(buf *b);                          /* caller frees; b is reset */
void buf_clear(buf *b);                          /* keeps capacity */
void buf_free(buf *b);
/* Append everything left in f; false (and errno set) if reading failed. */
bool buf_read(buf *b, FILE *f);

#endif
