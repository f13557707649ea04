/* dset.h — a set of distinct values: of a count distinct (spec §7.6) of
 * texts and decimals (whole numbers and dates go to iset.h), and of a
 * check 'unik' (§4.7), which keeps each value's first line with it.
 *
 * Keys are byte strings, kept once each in one growing buffer; the table
 * is open addressing with linear probing over 16-byte slots (a 64-bit
 * hash, the key's place and length), at most half full.  Two keys are the
 * same only when their bytes are: the hash only finds where to look, so
 * the count is exact.  Per distinct value: its key bytes and, with the
 * table at between a quarter and a half full, 32 to 64 bytes of slots. */
#ifndef MAAL_DSET_H
#define MAAL_DSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  struct dslot *slot; /* cap slots, cap a power of 2 (0: empty set) */
  size_t cap, n;
  char *bytes;        /* the keys, one after another */
  size_t nbytes, capbytes;
  uint64_t probes;    /* occupied slots dset_add has looked at: how well the set spreads (the tests) */
} dset;

/* Add the key s[0..len); the set owns a copy, followed by `extra` bytes
 * the caller may use (0 for none; the same for every key of a set).
 * *added tells whether the key is new.  Returns those extra bytes of the
 * key's entry (new: zeroed; not aligned: read and write them with memcpy),
 * valid until the next dset_add; NULL when extra is 0. */
void *dset_add(dset *s, const void *key, size_t len, size_t extra, bool *added);

size_t dset_count(const dset *s);

/* The extra bytes of key s[0..len) (see dset_add), or NULL when the key is
 * not in the set; a set without extra bytes gives a non-NULL pointer that
 * must not be read. */
void *dset_get(const dset *s, const void *key, size_t len);

/* Add every key of from to into (a set without extra bytes). */
void dset_union(dset *into, const dset *from);
/* Each key of from: fn(key, len, its extra bytes, ctx). */
void dset_each(const dset *from, void (*fn)(const void *key, size_t len, void *extra, void *ctx), void *ctx);

void dset_free(dset *s);

#endif
