/* dset_test.c — the set of count distinct (runtime/dset.c, spec §7.6):
 * every key counted once, however many times it is added; keys that differ
 * in one byte, by a prefix, or only in length are different; the count is
 * exact through every growth of the table. */
#include "dset.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int run, failed;
static bool added;

static void add(dset *s, const void *key, size_t len) { dset_add(s, key, len, 0, &added); }

static void check(const char *name, size_t want, size_t got) {
  run++;
  if (want == got) {
    printf("PASS dset: %s\n", name);
    return;
  }
  failed++;
  printf("FAIL dset: %s: expected %zu, got %zu\n", name, want, got);
}

int main(void) {
  dset s = {0};
  check("empty", 0, dset_count(&s));
  add(&s, "", 0);
  add(&s, "", 0);
  check("the empty key once", 1, dset_count(&s));
  add(&s, "a", 1);
  add(&s, "ab", 2);
  add(&s, "abc", 3);
  add(&s, "b", 1);
  add(&s, "ab", 2);
  check("prefixes and lengths are different keys", 5, dset_count(&s));
  dset_free(&s);
  check("free empties", 0, dset_count(&s));

  /* 200.000 keys, each added three times, across many growths */
  char k[32];
  for (int pass = 0; pass < 3; pass++)
    for (int i = 0; i < 200000; i++) {
      int n = snprintf(k, sizeof k, "person-%d", i);
      add(&s, k, (size_t)n);
    }
  check("200.000 keys added three times", 200000, dset_count(&s));
  /* keys that differ in their last byte only, and binary keys with NUL */
  for (int i = 0; i < 256; i++) {
    unsigned char b[3] = {0, 'x', (unsigned char)i};
    add(&s, b, 3);
  }
  check("256 binary keys differing in the last byte", 200256, dset_count(&s));
  dset_free(&s);

  /* extra bytes kept with each key: the first line of a value ('unik');
     not aligned, so read and written with memcpy */
  uint32_t line, two = 2;
  unsigned char *x = dset_add(&s, "7", 1, sizeof line, &added);
  check("a new key says so", 1, added);
  memcpy(&line, x, sizeof line);
  check("its extra bytes are zeroed", 0, line);
  memcpy(x, &two, sizeof two);
  for (int i = 0; i < 1000; i++) { /* the buffer moves as it grows */
    int n = snprintf(k, sizeof k, "%d", 100 + i);
    uint32_t v = (uint32_t)(3 + i);
    memcpy(dset_add(&s, k, (size_t)n, sizeof v, &added), &v, sizeof v);
  }
  x = dset_add(&s, "7", 1, sizeof line, &added);
  check("an old key says so", 0, added);
  memcpy(&line, x, sizeof line);
  check("its extra bytes kept across growth", 2, line);
  memcpy(&line, dset_add(&s, "1099", 4, sizeof line, &added), sizeof line);
  check("the last key's extra bytes", 1002, line);
  dset_free(&s);

  /* the union of a split pass's two halves (runtime/split.c) */
  dset a = {0}, b = {0}, none = {0};
  for (int i = 0; i < 30000; i++) add(&a, k, (size_t)snprintf(k, sizeof k, "id-%d", i));
  for (int i = 20000; i < 50000; i++) add(&b, k, (size_t)snprintf(k, sizeof k, "id-%d", i));
  add(&b, "", 0);
  dset_union(&a, &b);
  check("a union of overlapping halves counts each key once", 50001, dset_count(&a));
  dset_add(&a, "id-49999", 8, 0, &added);
  check("the union has the keys of both", 0, added);
  dset_union(&a, &none);
  check("a union with an empty set", 50001, dset_count(&a));
  /* two disjoint halves: the union takes the second's keys in the order
     of its slots, which must not pile them up where they are put (a set
     that scales its hashes onto the table would: iset_test) */
  dset c = {0}, d = {0};
  for (int i = 0; i < 100000; i++) add(&c, k, (size_t)snprintf(k, sizeof k, "c-%d", i));
  for (int i = 0; i < 100000; i++) add(&d, k, (size_t)snprintf(k, sizeof k, "d-%d", i));
  c.probes = 0;
  dset_union(&c, &d);
  check("a union looks at few slots a key (at most 8)", 1, c.probes <= 8 * 100000);
  dset_free(&c);
  dset_free(&d);
  dset_union(&none, &b);
  check("a union into an empty set", 30001, dset_count(&none));
  dset_free(&a);
  dset_free(&b);
  dset_free(&none);
  printf("%d run, %d failed\n", run, failed);
  return failed != 0;
}
