/* iset.h — a set of distinct whole numbers: count distinct (spec §7.6) of
 * ids, whole amounts and dates (each a 64-bit integer), in 8 bytes a slot.
 *
 * Open addressing with linear probing over a table of any size (a hash is
 * mapped onto it by multiplication, not by masking), grown by half when it
 * is three quarters full: between a half and three quarters full, so 11
 * to 16 bytes per distinct value, and only while it grows both tables at
 * once.  The count is exact: a slot holds the key itself.
 *
 * Dense numbers (ids numbered one after another, days of a few years)
 * are kept as bits instead, one per number of their range: when the
 * table is to grow and its numbers span at most 64 for each (8 bytes a
 * value or less), and for as long as they go on doing so; a number that
 * would make the range sparser turns the bits back into a table.  A bit
 * is found without a hash and its word is near the last one's. */
#ifndef MAAL_ISET_H
#define MAAL_ISET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  int64_t *slot;  /* cap slots; ISET_EMPTY marks an empty one */
  size_t cap, n;
  bool has_empty; /* the key that equals ISET_EMPTY is in the set */
  uint64_t probes; /* occupied slots iset_add has looked at: how well the set spreads (the tests) */
  uint64_t *bits;  /* dense: bit k for the number of place base + k; NULL: the table */
  uint64_t base;   /* a number's place: the number + 2^63, which keeps the order */
  size_t nbits;    /* a multiple of 64 */
} iset;

/* Add k; true when it was not in the set yet. */
bool iset_add(iset *s, int64_t k);
size_t iset_count(const iset *s);
/* The bytes the set takes (the tests check at most 16 a value). */
size_t iset_bytes(const iset *s);
/* Add every number of from to into. */
void iset_union(iset *into, const iset *from);
void iset_free(iset *s);

#endif
