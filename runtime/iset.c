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

/* ---- dense: bits ---- */

enum { DENSE_SPAN = 64, DENSE_MIN = 1024 }; /* numbers of range per value at most; values at least */

static uint64_t place(int64_t k) { return (uint64_t)k ^ (1ull << 63); }
static int64_t number(uint64_t u) { return (int64_t)(u ^ (1ull << 63)); }

/* Bits for the places [lo, hi], with half as many again to grow into on
 * the side `up` (else below), all clear. */
static void bits_make(iset *s, uint64_t lo, uint64_t hi, bool up) {
  uint64_t span = hi - lo + 1, n = (span + span / 2 + 63) / 64 * 64;
  uint64_t base = lo;
  if (!up) base = hi >= n - 1 ? hi - (n - 1) : 0;
  else if (lo > UINT64_MAX - (n - 1)) base = UINT64_MAX - (n - 1);
  s->bits = xcalloc(n / 64, sizeof *s->bits);
  s->base = base;
  s->nbits = (size_t)n;
}

static bool bit_set(iset *s, uint64_t u) {
  uint64_t off = u - s->base, m = 1ull << (off % 64);
  uint64_t *w = &s->bits[off / 64];
  if (*w & m) return false;
  *w |= m;
  return true;
}

/* The numbers of the table as bits, when they are dense enough. */
static bool to_bits(iset *s) {
  if (s->n < DENSE_MIN) return false;
  uint64_t lo = UINT64_MAX, hi = 0;
  for (size_t i = 0; i < s->cap; i++) {
    if (s->slot[i] == ISET_EMPTY) continue;
    uint64_t u = place(s->slot[i]);
    if (u < lo) lo = u;
    if (u > hi) hi = u;
  }
  if (hi - lo >= (uint64_t)DENSE_SPAN * s->n) return false;
  bits_make(s, lo, hi, true);
  for (size_t i = 0; i < s->cap; i++)
    if (s->slot[i] != ISET_EMPTY) bit_set(s, place(s->slot[i]));
  free(s->slot);
  s->slot = NULL;
  s->cap = 0;
  return true;
}

static void put(int64_t *v, size_t cap, int64_t k);

/* u lies outside the bits: more bits over the wider range, or, when it
 * is too sparse for bits, the table again. */
static void bits_widen(iset *s, uint64_t u) {
  uint64_t lo = u < s->base ? u : s->base, hi = u < s->base ? s->base + (s->nbits - 1) : u;
  uint64_t *old = s->bits, base = s->base;
  size_t nbits = s->nbits;
  if (hi - lo < (uint64_t)DENSE_SPAN * (s->n + 1)) {
    bits_make(s, lo, hi, u > base);
    for (size_t w = 0; w < nbits / 64; w++)
      for (uint64_t x = old[w]; x; x &= x - 1) bit_set(s, base + 64 * w + (uint64_t)__builtin_ctzll(x));
  } else {
    size_t cap = 64;
    while (4 * (s->n + 1) > 3 * cap) cap += cap / 2;
    s->slot = xmalloc(cap * sizeof *s->slot);
    for (size_t i = 0; i < cap; i++) s->slot[i] = ISET_EMPTY;
    s->cap = cap;
    for (size_t w = 0; w < nbits / 64; w++)
      for (uint64_t x = old[w]; x; x &= x - 1) put(s->slot, cap, number(base + 64 * w + (uint64_t)__builtin_ctzll(x)));
    s->bits = NULL;
    s->nbits = 0;
  }
  free(old);
}

/* ---- the table ---- */

static void grow(iset *s) {
  if (to_bits(s)) return;
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
  if (s->bits) {
    uint64_t u = place(k);
    if (u - s->base >= s->nbits) bits_widen(s, u);
    if (s->bits) {
      if (!bit_set(s, u)) return false;
      s->n++;
      return true;
    }
  }
  if (4 * (s->n + 1) > 3 * s->cap) {
    grow(s);
    if (s->bits) return iset_add(s, k);
  }
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

size_t iset_bytes(const iset *s) { return s->cap * sizeof *s->slot + s->nbits / 8; }

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
  for (size_t w = 0; w < from->nbits / 64; w++) /* bits: in the numbers' order, which a table scatters */
    for (uint64_t x = from->bits[w]; x; x &= x - 1)
      iset_add(into, number(from->base + 64 * w + (uint64_t)__builtin_ctzll(x)));
  if (!from->cap) return;
  size_t step = stride(from->cap);
  for (size_t i = 0, j = 0; i < from->cap; i++, j = (j + step) % from->cap)
    if (from->slot[j] != ISET_EMPTY) iset_add(into, from->slot[j]);
}

void iset_free(iset *s) {
  free(s->slot);
  free(s->bits);
  memset(s, 0, sizeof *s);
}
