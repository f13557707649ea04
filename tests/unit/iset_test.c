/* iset_test.c — the integer set of count distinct (runtime/iset.c, spec
 * §7.6): every whole number counted once, however many times it is added,
 * the marker of an empty slot (INT64_MIN) and its neighbours too; the count
 * exact through every growth; at most 16 bytes a value (issue 12); the
 * union of two sets. */
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
  size_t per_value = iset_bytes(&s) / iset_count(&s);
  check("at most 16 bytes a value", 1, per_value <= 16);
  iset_free(&s);

  /* the union of a split pass's two halves (runtime/split.c): overlapping
     sets, the empty slot's marker in the second only, an empty set */
  iset a = {0}, b = {0}, none = {0};
  for (int64_t i = 0; i < 300000; i++) iset_add(&a, i * 7);
  for (int64_t i = 150000; i < 450000; i++) iset_add(&b, i * 7);
  iset_add(&b, INT64_MIN);
  iset_union(&a, &b);
  check("a union of overlapping halves counts each value once", 450001, iset_count(&a));
  check("the union has the values of both", 1, !iset_add(&a, 7) && !iset_add(&a, 449999 * 7) && !iset_add(&a, INT64_MIN));
  iset_union(&a, &none);
  check("a union with an empty set", 450001, iset_count(&a));
  /* two disjoint halves as large as a split pass's count distinct: a
     union in the order of the slots piled the new values up in front of
     the sweep: about 4.000 occupied slots looked at a value at this size,
     where a scattered order looks at about 4 */
  iset c = {0}, d = {0};
  for (int64_t i = 0; i < 200000; i++) iset_add(&c, i * 1000003); /* too sparse for bits */
  for (int64_t i = 200000; i < 400000; i++) iset_add(&d, i * 1000003);
  c.probes = 0;
  iset_union(&c, &d);
  check("a union looks at few slots a value (at most 8)", 1, c.probes <= 8 * 200000);
  iset_free(&c);
  iset_free(&d);
  iset_union(&none, &b);
  check("a union into an empty set", 300001, iset_count(&none));
  check("the union stays at most 16 bytes a value", 1, iset_bytes(&a) / iset_count(&a) <= 16);
  iset_free(&a);
  iset_free(&b);
  iset_free(&none);

  /* dense numbers as bits: ids one after another, then numbers below and
     above the range (the bits widen), then one far away (a table again) */
  iset e = {0};
  for (int pass = 0; pass < 2; pass++)
    for (int64_t i = 100001; i <= 600000; i++) iset_add(&e, i);
  check("500.000 ids one after another, twice", 500000, iset_count(&e));
  check("as bits: at most 2 bytes a value", 1, e.bits && iset_bytes(&e) / iset_count(&e) <= 2);
  for (int64_t i = 100000; i > 90000; i--) iset_add(&e, i);
  for (int64_t i = 600001; i < 610000; i++) iset_add(&e, i);
  check("numbers below and above the range", 519999, iset_count(&e));
  check("still bits", 1, e.bits != NULL);
  check("an old number says so", 0, iset_add(&e, 90001));
  check("a number far away is new", 1, iset_add(&e, INT64_MAX));
  check("and the bits are a table again", 1, e.bits == NULL && e.cap > 0);
  check("with every number", 520000, iset_count(&e));
  check("an old number says so in the table", 0, iset_add(&e, 300000) || iset_add(&e, 90001) || iset_add(&e, 609999));
  check("the table is at most 16 bytes a value", 1, iset_bytes(&e) / iset_count(&e) <= 16);
  iset_free(&e);
  /* dense at the ends of the range of 64-bit numbers */
  iset f = {0}, g = {0};
  for (int64_t i = 0; i < 5000; i++) {
    iset_add(&f, INT64_MAX - i);
    iset_add(&g, INT64_MIN + 1 + i);
  }
  check("dense just under the largest number", 1, iset_count(&f) == 5000 && f.bits != NULL && !iset_add(&f, INT64_MAX));
  check("dense just over the smallest (the empty slot's marker apart)", 1,
        iset_count(&g) == 5000 && g.bits != NULL && iset_add(&g, INT64_MIN) && iset_count(&g) == 5001);
  iset_union(&f, &g);
  check("a union of the two ends", 10001, iset_count(&f));
  iset_free(&f);
  iset_free(&g);
  printf("%d run, %d failed\n", run, failed);
  return failed != 0;
}
