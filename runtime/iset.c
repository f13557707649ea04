/* iset.c — a set of distinct whole numbers (iset.h). */
#include "iset.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define ISET_EMPTY INT64_MIN

/* splitmix64's finalizer: every bit of k moves every bit of the hash. */
static uint64_t mix(uint64_t k) {
  k ^= k >> 30;
  k *= 0xbf58476d1ce4e5b9ULL;
  k ^= k >> 27;
  k *= 0x94d049bb133111ebULL;
  k ^= k >> 31;
  return k;
}

/* The slot to look in first: the hash scaled onto [0, cap). */
static size_t home(uint64_t h, size_t cap) { return (size_t)(((unsigned __int128)h * cap) >> 64); }

static void put(int64_t *v, size_t cap, int64_t k) {
  size_t j = home(mix((uint64_t)k), cap);
  while (v[j] != ISET_EMPTY) j = j + 1 == cap ? 0 : j + 1;
  v[j] = k;
}

static void grow(iset *s) {
  size_t cap = s->cap ? s->cap + s->cap / 2 : 64;
  int64_t *v = xmalloc(cap * sizeof *v);
  for (size_t i = 0; i < cap; i++) v[i] = ISET_EMPTY;
  for (size_t i = 0; i < s->cap; i++)
    if (s->slot[i] != ISET_EMPTY) put(v, cap, s->slot[i]);
  free(s->slot);
  s->slot = v;
  s->cap = cap;
}

bool iset_add(iset *s, int64_t k) {
  if (k == ISET_EMPTY) { /* the marker of an empty slot: kept apart */
    bool added = !s->has_empty;
    s->has_empty = true;
    return added;
  }
  if (4 * (s->n + 1) > 3 * s->cap) grow(s);
  size_t j = home(mix((uint64_t)k), s->cap);
  for (; s->slot[j] != ISET_EMPTY; j = j + 1 == s->cap ? 0 : j + 1) {
    s->probes++;
    if (s->slot[j] == k) return false;
  }
  s->slot[j] = k;
  s->n++;
  return true;
}

size_t iset_count(const iset *s) { return s->n + (s->has_empty ? 1 : 0); }

/* A step through cap slots that visits each once: about 0.618 of cap,
 * with no factor in common with it. */
static size_t stride(size_t cap) {
  size_t step = cap - cap / 8 * 3; /* about cap / phi */
  for (;; step++) {
    size_t a = step, b = cap;
    while (b) {
      size_t t = a % b;
      a = b;
      b = t;
    }
    if (a == 1) return step;
  }
}

/* from's numbers are taken in a scattered order, not in the order of its
 * slots: that is the order of their hashes, in which the numbers new to
 * into would pile up where the sweep passes (more than one a slot while
 * into has not yet grown) and each would walk the pile. */
void iset_union(iset *into, const iset *from) {
  if (from->has_empty) iset_add(into, ISET_EMPTY);
  if (!from->cap) return;
  size_t step = stride(from->cap);
  for (size_t i = 0, j = 0; i < from->cap; i++, j = (j + step) % from->cap)
    if (from->slot[j] != ISET_EMPTY) iset_add(into, from->slot[j]);
}

void iset_free(iset *s) {
  free(s->slot);
  memset(s, 0, sizeof *s);
}
