/* num_test.c — table-driven unit tests for lang/num.c (exact rationals). */
#include "num.h"

#include <stdio.h>
#include <string.h>

#define M INT64_MAX
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
  int run;
  int failed;
} tally;

/* One result line in the runner's protocol; details only on failure. */
static void report(tally *t, const char *name, int ok, const char *want, const char *got) {
  t->run++;
  if (ok) {
    printf("PASS num: %s\n", name);
    return;
  }
  t->failed++;
  printf("FAIL num: %s\n", name);
  printf("    expected: %s\n", want);
  printf("    got:      %s\n", got);
}

/* Render a result (or its absence) for the expected/got lines. */
static void show(char *b, size_t cap, int ok, num r) {
  if (ok)
    snprintf(b, cap, "true %lld/%lld", (long long)r.n, (long long)r.d);
  else
    snprintf(b, cap, "false");
}

/* ---- parse -------------------------------------------------------------- */

typedef struct {
  const char *s;
  size_t len; /* 0: use strlen(s) */
  char dec;
  int ok;
  int64_t n, d;
} parse_case;

static const parse_case parse_cases[] = {
    {"20.4", 0, '.', 1, 102, 5},
    {"20,4", 0, ',', 1, 102, 5},
    {"0,50", 0, ',', 1, 1, 2},
    {"007", 0, '.', 1, 7, 1},
    {"-3", 0, '.', 1, -3, 1},
    {"+3", 0, '.', 1, 3, 1},
    {"-12.5", 0, '.', 1, -25, 2},
    {"-0", 0, '.', 1, 0, 1},
    {"-0.000", 0, '.', 1, 0, 1},
    {"1.000", 0, '.', 1, 1, 1},
    {"90", 0, ',', 1, 90, 1},
    {"123456789012345678", 0, '.', 1, 123456789012345678, 1},
    {"-999999999999999999", 0, '.', 1, -999999999999999999, 1},
    {"12345678.9012345678", 0, '.', 1, 61728394506172839, 5000000000},
    {"0.000000000000000001", 0, '.', 1, 1, 1000000000000000000},
    {"0000000000000000000000042", 0, '.', 1, 42, 1},
    {"1.500000000000000000000000", 0, '.', 1, 3, 2},
    {"12x", 2, '.', 1, 12, 1}, /* only len bytes are read */
    {"", 0, '.', 0, 0, 0},
    {"-", 0, '.', 0, 0, 0},
    {"+", 0, '.', 0, 0, 0},
    {"1.", 0, '.', 0, 0, 0},
    {".5", 0, '.', 0, 0, 0},
    {"-.5", 0, '.', 0, 0, 0},
    {"1,5", 0, '.', 0, 0, 0},
    {"1.5", 0, ',', 0, 0, 0},
    {"1.000", 0, ',', 0, 0, 0},
    {"1.000,5", 0, ',', 0, 0, 0},
    {"1 000", 0, '.', 0, 0, 0},
    {" 1", 0, '.', 0, 0, 0},
    {"1 ", 0, '.', 0, 0, 0},
    {"1e3", 0, '.', 0, 0, 0},
    {"--1", 0, '.', 0, 0, 0},
    {"1.2.3", 0, '.', 0, 0, 0},
    {"0x10", 0, '.', 0, 0, 0},
    {"1234567890123456789", 0, '.', 0, 0, 0},
    {"1000000000000000000", 0, '.', 0, 0, 0},
    {"123456789.0123456789", 0, '.', 0, 0, 0},
    {"0.0000000000000000001", 0, '.', 0, 0, 0},
    {"99999999999999999999999", 0, '.', 0, 0, 0},
};

static void test_parse(tally *t) {
  for (size_t i = 0; i < NELEM(parse_cases); i++) {
    const parse_case *c = &parse_cases[i];
    size_t len = c->len ? c->len : strlen(c->s);
    num r = {0, 0};
    int ok = num_parse(c->s, len, c->dec, &r);
    num w = {c->n, c->d};
    int pass = ok == c->ok && (!ok || (r.n == w.n && r.d == w.d));
    char name[96], want[64], got[64];
    snprintf(name, sizeof name, "parse \"%.*s\" dec '%c'", (int)len, c->s, c->dec);
    show(want, sizeof want, c->ok, w);
    show(got, sizeof got, ok, r);
    report(t, name, pass, want, got);
  }
}

/* ---- make and arithmetic ------------------------------------------------ */

typedef struct {
  const char *name;
  char op; /* 'm' make(a.n, a.d), '+', '-', '*', '/' */
  num a, b;
  int ok;
  num r;
} arith_case;

static const arith_case arith_cases[] = {
    {"make 2/4 = 1/2", 'm', {2, 4}, {0, 1}, 1, {1, 2}},
    {"make 5/-10 = -1/2", 'm', {5, -10}, {0, 1}, 1, {-1, 2}},
    {"make -6/-4 = 3/2", 'm', {-6, -4}, {0, 1}, 1, {3, 2}},
    {"make 0/-7 = 0/1", 'm', {0, -7}, {0, 1}, 1, {0, 1}},
    {"make 3/0 fails", 'm', {3, 0}, {0, 1}, 0, {0, 0}},
    {"make INT64_MIN/1 rejected", 'm', {INT64_MIN, 1}, {0, 1}, 0, {0, 0}},
    {"make INT64_MIN/2 reduces", 'm', {INT64_MIN, 2}, {0, 1}, 1, {INT64_MIN / 2, 1}},
    {"make 4/INT64_MIN reduces", 'm', {4, INT64_MIN}, {0, 1}, 1, {-1, -(INT64_MIN / 4)}},
    {"make 1/INT64_MIN rejected", 'm', {1, INT64_MIN}, {0, 1}, 0, {0, 0}},
    {"add 1/2 + 1/3", '+', {1, 2}, {1, 3}, 1, {5, 6}},
    {"add 1/6 + 1/3 reduces", '+', {1, 6}, {1, 3}, 1, {1, 2}},
    {"add -1/2 + 1/2 = 0/1", '+', {-1, 2}, {1, 2}, 1, {0, 1}},
    {"add uses lcm (1/M-1 + 1/M-1)", '+', {1, M - 1}, {1, M - 1}, 1, {1, (M - 1) / 2}},
    {"add MAX + 1 overflows", '+', {M, 1}, {1, 1}, 0, {0, 0}},
    {"add -MAX + -MAX overflows", '+', {-M, 1}, {-M, 1}, 0, {0, 0}},
    {"add 1/M + 1/(M-1) overflows", '+', {1, M}, {1, M - 1}, 0, {0, 0}},
    {"add M/2 + M/2 in range", '+', {M, 2}, {M, 2}, 1, {M, 1}},
    {"sub 3/4 - 1/4", '-', {3, 4}, {1, 4}, 1, {1, 2}},
    {"sub -MAX - 1 rejects INT64_MIN", '-', {-M, 1}, {1, 1}, 0, {0, 0}},
    {"sub MAX - MAX", '-', {M, 1}, {M, 1}, 1, {0, 1}},
    {"sub -MAX - MAX overflows", '-', {-M, 1}, {M, 1}, 0, {0, 0}},
    {"mul 2/3 * 9/4", '*', {2, 3}, {9, 4}, 1, {3, 2}},
    {"mul 9/10 * 100 = 90", '*', {9, 10}, {100, 1}, 1, {90, 1}},
    {"mul cross-reduces M/3 * 3/M", '*', {M, 3}, {3, M}, 1, {1, 1}},
    {"mul M/2 * 2/1", '*', {M, 2}, {2, 1}, 1, {M, 1}},
    {"mul MAX * 2 overflows", '*', {M, 1}, {2, 1}, 0, {0, 0}},
    {"mul 1/M * 1/2 overflows", '*', {1, M}, {1, 2}, 0, {0, 0}},
    {"mul -3/7 * 0", '*', {-3, 7}, {0, 1}, 1, {0, 1}},
    {"div 1/2 / 1/4", '/', {1, 2}, {1, 4}, 1, {2, 1}},
    {"div 3 / -6 sign to numerator", '/', {3, 1}, {-6, 1}, 1, {-1, 2}},
    {"div -3/5 / -9/10", '/', {-3, 5}, {-9, 10}, 1, {2, 3}},
    {"div by zero fails", '/', {1, 1}, {0, 1}, 0, {0, 0}},
    {"div 0 by zero fails", '/', {0, 1}, {0, 1}, 0, {0, 0}},
    {"div MAX / 1/2 overflows", '/', {M, 1}, {1, 2}, 0, {0, 0}},
    {"div 227 / 602 stays exact", '/', {227, 1}, {602, 1}, 1, {227, 602}},
};

static void test_arith(tally *t) {
  for (size_t i = 0; i < NELEM(arith_cases); i++) {
    const arith_case *c = &arith_cases[i];
    num r = {0, 0};
    int ok = 0;
    switch (c->op) {
    case 'm': ok = num_make(c->a.n, c->a.d, &r); break;
    case '+': ok = num_add(c->a, c->b, &r); break;
    case '-': ok = num_sub(c->a, c->b, &r); break;
    case '*': ok = num_mul(c->a, c->b, &r); break;
    case '/': ok = num_div(c->a, c->b, &r); break;
    }
    int pass = ok == c->ok && (!ok || (r.n == c->r.n && r.d == c->r.d));
    char want[64], got[64];
    show(want, sizeof want, c->ok, c->r);
    show(got, sizeof got, ok, r);
    report(t, c->name, pass, want, got);
  }
}

/* ---- comparison --------------------------------------------------------- */

typedef struct {
  const char *name;
  num a, b;
  int want;
} cmp_case;

static const cmp_case cmp_cases[] = {
    {"cmp 9/10 vs 90/100 equal", {9, 10}, {90, 100}, 0},
    {"cmp 899999999/1e9 < 9/10", {899999999, 1000000000}, {9, 10}, -1},
    {"cmp 900000001/1e9 > 9/10", {900000001, 1000000000}, {9, 10}, 1},
    {"cmp 1/3 vs 333333333333333333/1e18", {1, 3}, {333333333333333333, 1000000000000000000}, 1},
    {"cmp MAX vs MAX-1", {M, 1}, {M - 1, 1}, 1},
    {"cmp -MAX vs MAX", {-M, 1}, {M, 1}, -1},
    {"cmp 1/MAX vs 1/(MAX-1)", {1, M}, {1, M - 1}, -1},
    {"cmp M/(M-1) vs (M-1)/(M-2)", {M, M - 1}, {M - 1, M - 2}, -1},
    {"cmp -M/(M-1) vs -(M-1)/(M-2)", {-M, M - 1}, {-(M - 1), M - 2}, 1},
    {"cmp 0 vs -1/MAX", {0, 1}, {-1, M}, 1},
    {"cmp MAX/1 vs MAX/1 equal", {M, 1}, {M, 1}, 0},
};

static void test_cmp(tally *t) {
  for (size_t i = 0; i < NELEM(cmp_cases); i++) {
    const cmp_case *c = &cmp_cases[i];
    int got = num_cmp(c->a, c->b);
    char w[16], g[16];
    snprintf(w, sizeof w, "%d", c->want);
    snprintf(g, sizeof g, "%d", got);
    report(t, c->name, got == c->want, w, g);
  }
}

/* ---- formatting --------------------------------------------------------- */

typedef struct {
  char kind; /* 'd' Danish, 'p' plain, 'e' exact */
  num a;
  int dec;
  size_t cap; /* 0: a roomy buffer */
  const char *want;
} fmt_case;

static const fmt_case fmt_cases[] = {
    {'d', {1052, 1}, 0, 0, "1.052"},
    {'d', {26898526, 1}, 0, 0, "26.898.526"},
    {'d', {999, 1}, 0, 0, "999"},
    {'d', {1000, 1}, 0, 0, "1.000"},
    {'d', {-1052, 1}, 0, 0, "-1.052"},
    {'d', {11, 2}, 1, 0, "5,5"},
    {'d', {2, 3}, 1, 0, "0,7"},
    {'d', {11350, 301}, 0, 0, "38"}, /* 227/602 * 100 */
    {'d', {1, 2}, 0, 0, "1"},
    {'d', {-1, 2}, 0, 0, "-1"},
    {'d', {3, 2}, 0, 0, "2"},
    {'d', {-5, 2}, 0, 0, "-3"},
    {'d', {-1, 25}, 1, 0, "0,0"}, /* -0.04: no minus on zero */
    {'d', {-1, 3}, 0, 0, "0"},
    {'d', {0, 1}, 2, 0, "0,00"},
    {'d', {1234567891, 1000}, 2, 0, "1.234.567,89"},
    {'d', {-2469, 2}, 2, 0, "-1.234,50"},
    {'d', {19999, 20}, 1, 0, "1.000,0"}, /* 999.95: carry into a new group */
    {'d', {-999, 100}, 1, 0, "-10,0"},
    {'d', {1, 3}, 9, 0, "0,333333333"},
    {'d', {2, 3}, 12, 0, "0,666666667"}, /* decimals clamped to 9 */
    {'d', {M, 1}, 9, 0, "9.223.372.036.854.775.807,000000000"},
    {'d', {-M, 1}, 0, 0, "-9.223.372.036.854.775.807"},
    {'d', {1, M}, 9, 0, "0,000000000"},
    {'d', {M, M - 1}, 9, 0, "1,000000000"},
    {'p', {1052, 1}, 0, 0, "1052"},
    {'p', {11, 2}, 1, 0, "5.5"},
    {'p', {-2469, 2}, 2, 0, "-1234.50"},
    {'p', {26898526, 1}, 2, 0, "26898526.00"},
    {'p', {-1, 25}, 1, 0, "0.0"},
    {'p', {1, 8}, 2, 0, "0.13"},
    {'p', {-1, 8}, 2, 0, "-0.13"},
    {'e', {1, 3}, 4, 0, "0.3333"},
    {'e', {2, 3}, 4, 0, "0.6667"},
    {'e', {1, 8}, 6, 0, "0.125"},
    {'e', {1, 8}, 2, 0, "0.13"},
    {'e', {102, 5}, 6, 0, "20.4"},
    {'e', {1052, 1}, 6, 0, "1052"},
    {'e', {-17, 3}, 2, 0, "-5.67"},
    {'e', {-1, 3000}, 2, 0, "0"},
    {'e', {19999, 20000}, 2, 0, "1"},
    {'e', {1, 10}, 0, 0, "0"},
    {'e', {-1, 2}, 0, 0, "-1"},
    {'e', {0, 1}, 4, 0, "0"},
    {'e', {1, (int64_t)1 << 62}, 64, 0,
     "0.00000000000000000021684043449710088680149056017398834228515625"},
    {'d', {1234567891, 1000}, 2, 5, "1.23"},
    {'d', {1052, 1}, 0, 1, ""},
    {'p', {-2469, 2}, 2, 4, "-12"},
    {'e', {102, 5}, 6, 3, "20"},
    {'d', {1052, 1}, 0, 6, "1.052"}, /* exactly fits */
};

static void test_fmt(tally *t) {
  for (size_t i = 0; i < NELEM(fmt_cases); i++) {
    const fmt_case *c = &fmt_cases[i];
    /* Guard bytes around the region the formatter may use. */
    char big[128];
    memset(big, '#', sizeof big);
    size_t cap = c->cap ? c->cap : 100;
    size_t n = 0;
    switch (c->kind) {
    case 'd': n = num_format_da(c->a, c->dec, big + 1, cap); break;
    case 'p': n = num_format_plain(c->a, c->dec, big + 1, cap); break;
    case 'e': n = num_format_exact(c->a, c->dec, big + 1, cap); break;
    }
    int clean = big[0] == '#' && big[1 + cap] == '#';
    int pass = clean && strcmp(big + 1, c->want) == 0 && n == strlen(c->want);
    char name[160], want[160], got[200];
    const char *fn = c->kind == 'd' ? "da" : c->kind == 'p' ? "plain" : "exact";
    snprintf(name, sizeof name, "format_%s %lld/%lld dec %d cap %zu -> \"%s\"", fn,
             (long long)c->a.n, (long long)c->a.d, c->dec, cap, c->want);
    snprintf(want, sizeof want, "\"%s\" (%zu bytes)", c->want, strlen(c->want));
    snprintf(got, sizeof got, "\"%.*s\" (%zu bytes)%s", (int)(cap - 1), big + 1, n,
             clean ? "" : " wrote outside the buffer");
    report(t, name, pass, want, got);
  }
}

/* ---- the headline case and small queries -------------------------------- */

static void test_misc(tally *t) {
  /* 9 of 10 have a job plan; the target is 90 pct.: exactly met. */
  num share, pct;
  int ok = num_make(9, 10, &share) && num_mul(share, num_int(100), &pct);
  int c = ok ? num_cmp(pct, num_int(90)) : 99;
  char g[32];
  snprintf(g, sizeof g, "ok=%d cmp=%d", ok, c);
  report(t, "headline: share 9/10 * 100 vs 90 pct is equal", ok && c == 0, "ok=1 cmp=0", g);

  /* The same through parsing: "90" against 9/10 scaled. */
  num p90;
  ok = num_parse("90", 2, ',', &p90) && num_cmp(pct, p90) == 0;
  report(t, "headline: parsed \"90\" equals 9/10 * 100", ok, "equal", ok ? "equal" : "not equal");

  /* 227 of 602 as a percentage, shown Danish with 0 decimals. */
  num q, qp;
  char b[32] = "";
  ok = num_make(227, 602, &q) && num_mul(q, num_int(100), &qp);
  if (ok) num_format_da(qp, 0, b, sizeof b);
  report(t, "format_da 227/602*100 dec 0 -> \"38\"", ok && strcmp(b, "38") == 0, "\"38\"", b);

  num h = {-7, 2};
  int qok = num_sign(h) == -1 && num_sign(num_int(0)) == 0 && num_sign(num_int(4)) == 1 &&
            num_neg(h).n == 7 && num_abs(h).n == 7 && num_abs(num_int(3)).n == 3 &&
            num_is_zero(num_int(0)) && !num_is_zero(h) && num_is_int(num_int(5)) &&
            !num_is_int(h) && num_to_double(h) == -3.5 && num_int(-4).d == 1;
  report(t, "sign/neg/abs/is_zero/is_int/to_double", qok, "all true", qok ? "all true" : "some false");
}

/* ---- wide intermediates (issue 7.5) ------------------------------------ */

/* 100 * a / b through wnum, then wnum_floor9. */
static int wide_pct(num a, num b, num *out) {
  wnum q;
  return wnum_div(wnum_of(a), wnum_of(b), &q) && wnum_mul(q, wnum_of(num_int(100)), &q) && wnum_floor9(q, out);
}

static void test_wide(tally *t) {
  char want[64], got[64];
  num r;
  /* a max near 10^18 against a target near 10^18: 100 * v / t needs about
     10^20 in between; the answer lies just above 100 and is kept there */
  num v = num_int(999999999999999999), tg = num_int(999999999999999998);
  int ok = wide_pct(v, tg, &r);
  show(got, sizeof got, ok, r);
  report(t, "wide: 100 * (10^18-1) / (10^18-2) floors to 100", ok && r.n == 100 && r.d == 1, "true 100/1", got);
  ok = ok && num_cmp(r, num_int(100)) >= 0;
  report(t, "wide: ... and is not below a bound at 100", ok, "true", ok ? "true" : "false");
  /* just below 100: floored below it, never rounded up onto it */
  ok = wide_pct(tg, v, &r);
  show(got, sizeof got, ok, r);
  snprintf(want, sizeof want, "true 99999999999/1000000000");
  report(t, "wide: 100 * (10^18-2) / (10^18-1) floors below 100",
         ok && r.n == 99999999999 && r.d == 1000000000, want, got);
  /* exact when it fits */
  ok = wide_pct(num_int(9), num_int(10), &r);
  show(got, sizeof got, ok, r);
  report(t, "wide: 100 * 9 / 10 is exactly 90", ok && r.n == 90 && r.d == 1, "true 90/1", got);
  /* a negative value is floored away from zero */
  wnum w;
  ok = wnum_sub(wnum_of(num_int(-M)), wnum_of(num_int(M)), &w) && wnum_div(w, wnum_of(num_int(3)), &w) &&
       !wnum_floor9(w, &r);
  report(t, "wide: (-M - M) / 3 is too large even rounded", ok, "true", ok ? "true" : "false");
  ok = wnum_div(wnum_of(num_int(-1)), wnum_of(num_int(M)), &w) && wnum_mul(w, wnum_of(num_int(-1)), &w) &&
       wnum_sign(w) == 1 && wnum_floor9(wnum_of((num){-1, 3}), &r) && r.n == -1 && r.d == 3;
  report(t, "wide: signs, and a num passes through unchanged", ok, "true", ok ? "true" : "false");
  num s;
  num_make(-1, 3, &s);
  wnum big;
  ok = wnum_div(wnum_of(s), wnum_of(num_int(M)), &big) && wnum_floor9(big, &r);
  show(got, sizeof got, ok, r);
  report(t, "wide: -1/(3M) floors to -1/10^9", ok && r.n == -1 && r.d == 1000000000, "true -1/1000000000", got);
  /* products beyond 128 bits are refused, not wrapped */
  ok = wnum_mul(wnum_of(num_int(M)), wnum_of(num_int(M)), &w) && !wnum_mul(w, wnum_of(num_int(M)), &w);
  report(t, "wide: M^3 overflows and says so", ok, "true", ok ? "true" : "false");
  ok = !wnum_div(wnum_of(num_int(1)), wnum_of(num_int(0)), &w);
  report(t, "wide: division by 0 is refused", ok, "true", ok ? "true" : "false");
}

int main(void) {
  tally t = {0, 0};
  test_parse(&t);
  test_arith(&t);
  test_cmp(&t);
  test_fmt(&t);
  test_misc(&t);
  test_wide(&t);
  printf("num: %d cases, %d failed\n", t.run, t.failed);
  return t.failed ? 1 : 0;
}
