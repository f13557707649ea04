/* dset.c — the set of distinct values of a count distinct (dset.h). */
#include "dset.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

struct dslot {
  uint64_t hash; /* 0: the slot is empty (a key's hash is never 0) */
  uint32_t off, len;
};

/* FNV-1a over the bytes, then a final mix so the low bits spread. */
static uint64_t hash_of(const unsigned char *p, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h ? h : 1;
}

static void grow(dset *s) {
  size_t cap = s->cap ? 2 * s->cap : 64;
  struct dslot *v = xcalloc(cap, sizeof *v);
  for (size_t i = 0; i < s->cap; i++) {
    if (!s->slot[i].hash) continue;
    size_t j = (size_t)s->slot[i].hash & (cap - 1);
    while (v[j].hash) j = (j + 1) & (cap - 1);
    v[j] = s->slot[i];
  }
  free(s->slot);
  s->slot = v;
  s->cap = cap;
}

void *dset_add(dset *s, const void *key, size_t len, size_t extra, bool *added) {
  if (2 * (s->n + 1) > s->cap) grow(s);
  uint64_t h = hash_of(key, len);
  size_t j = (size_t)h & (s->cap - 1);
  for (; s->slot[j].hash; j = (j + 1) & (s->cap - 1)) {
    s->probes++;
    if (s->slot[j].hash == h && s->slot[j].len == len && (len == 0 || !memcmp(s->bytes + s->slot[j].off, key, len))) {
      *added = false;
      return extra ? s->bytes + s->slot[j].off + len : NULL;
    }
  }
  size_t need = len + extra;
  if (need > UINT32_MAX || s->nbytes + need > UINT32_MAX) mem_fatal("a set of distinct values of more than 4 GB");
  if (s->nbytes + need > s->capbytes) {
    size_t cap = s->capbytes ? 2 * s->capbytes : 4096;
    while (cap < s->nbytes + need) cap *= 2;
    s->bytes = xrealloc(s->bytes, cap);
    s->capbytes = cap;
  }
  if (len) memcpy(s->bytes + s->nbytes, key, len);
  size_t off = s->nbytes;
  if (extra) memset(s->bytes + off + len, 0, extra);
  s->slot[j] = (struct dslot){h, (uint32_t)off, (uint32_t)len};
  s->nbytes += need;
  s->n++;
  *added = true;
  return extra ? s->bytes + off + len : NULL;
}

size_t dset_count(const dset *s) { return s->n; }

void *dset_get(const dset *s, const void *key, size_t len) {
  if (!s->cap) return NULL;
  uint64_t h = hash_of(key, len);
  for (size_t j = (size_t)h & (s->cap - 1); s->slot[j].hash; j = (j + 1) & (s->cap - 1))
    if (s->slot[j].hash == h && s->slot[j].len == len && (len == 0 || !memcmp(s->bytes + s->slot[j].off, key, len)))
      return s->bytes + s->slot[j].off + len;
  return NULL;
}

/* from's keys in the order of its slots.  A hash finds its slot by its
 * low bits and the table is at most half full, so the keys new to into,
 * coming in that order, never pile up where they are put (iset.c, which
 * scales hashes onto its table, must scatter them). */
void dset_each(const dset *from, void (*fn)(const void *key, size_t len, void *extra, void *ctx), void *ctx) {
  for (size_t j = 0; j < from->cap; j++)
    if (from->slot[j].hash)
      fn(from->bytes + from->slot[j].off, from->slot[j].len, from->bytes + from->slot[j].off + from->slot[j].len, ctx);
}

static void add_to(const void *key, size_t len, void *extra, void *ctx) {
  (void)extra;
  bool added;
  dset_add(ctx, key, len, 0, &added);
}

void dset_union(dset *into, const dset *from) { dset_each(from, add_to, into); }

void dset_free(dset *s) {
  free(s->slot);
  free(s->bytes);
  memset(s, 0, sizeof *s);
}
