/* iset_test.c — the integer set of count distinct (runtime/iset.c, spec
 * §7.6): every whole number counted once, however many times it is added,
 * the marker of an empty slot (INT64_MIN) and its neighbours too; the count
 * exact through every growth; at most 16 bytes a value (issue 12). */
#include "iset.h"

#include <stdint.h>
#include <stdio.h>

static int run, failed;

static void check(const char *name, size_t want, size_t got) {
  run++;
  if (want == got) {
    printf("PASS iset: %s\n", name);
    return;
  }
  failed++;
  printf("FAIL iset: %s: expected %zu, got %zu\n", name, want, got);
}

int main(void) {
  iset s = {0};
  check("empty", 0, iset_count(&s));
  check("a new value says so", 1, iset_add(&s, 0));
  check("an old value says so", 0, iset_add(&s, 0));
  iset_add(&s, INT64_MIN);
  iset_add(&s, INT64_MIN);
  iset_add(&s, INT64_MIN + 1);
  iset_add(&s, INT64_MAX);
  iset_add(&s, -1);
  check("the extremes, the empty slot's marker among them, once each", 5, iset_count(&s));
  iset_free(&s);
  check("free empties", 0, iset_count(&s));
  /* 1.000.000 values, each added three times, across many growths; keys
     that differ in their high bits only, and a run of neighbours */
  for (int pass = 0; pass < 3; pass++)
    for (int64_t i = 0; i < 500000; i++) {
      iset_add(&s, i);
      iset_add(&s, i << 40);
    }
  check("1.000.000 values added three times", 999999, iset_count(&s)); /* 0 << 40 is 0 */
  size_t per_value = s.cap * sizeof *s.slot / iset_count(&s);
  check("at most 16 bytes a value", 1, per_value <= 16);
  iset_free(&s);
  printf("%d run, %d failed\n", run, failed);
  return failed != 0;
}
