/* dset_test.c — the set of count distinct (runtime/dset.c, spec §7.6):
 * every key counted once, however many times it is added; keys that differ
 * in one byte, by a prefix, or only in length are different; the count is
 * exact through every growth of the table. */
#include "dset.h"

#include <stdio.h>
#include <string.h>

static int run, failed;

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
  dset_add(&s, "", 0);
  dset_add(&s, "", 0);
  check("the empty key once", 1, dset_count(&s));
  dset_add(&s, "a", 1);
  dset_add(&s, "ab", 2);
  dset_add(&s, "abc", 3);
  dset_add(&s, "b", 1);
  dset_add(&s, "ab", 2);
  check("prefixes and lengths are different keys", 5, dset_count(&s));
  dset_free(&s);
  check("free empties", 0, dset_count(&s));

  /* 200.000 keys, each added three times, across many growths */
  char k[32];
  for (int pass = 0; pass < 3; pass++)
    for (int i = 0; i < 200000; i++) {
      int n = snprintf(k, sizeof k, "person-%d", i);
      dset_add(&s, k, (size_t)n);
    }
  check("200.000 keys added three times", 200000, dset_count(&s));
  /* keys that differ in their last byte only, and binary keys with NUL */
  for (int i = 0; i < 256; i++) {
    unsigned char b[3] = {0, 'x', (unsigned char)i};
    dset_add(&s, b, 3);
  }
  check("256 binary keys differing in the last byte", 200256, dset_count(&s));
  dset_free(&s);
  printf("%d run, %d failed\n", run, failed);
  return failed != 0;
}
