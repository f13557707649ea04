/* source_test.c — the reading of a row's fields as their columns' types
 * (runtime/source.c): src_row, which reads a row by a program built once
 * per pass (its columns grouped by reader, the ISO dates and the short
 * whole numbers inline), against src_field, which reads one field, and
 * against the reading maal had before the program (its per-field
 * readers and cal_parse_date copied here as they were).  Every text of
 * many made per type, random and at the edges, must be read the same
 * three ways: taken or refused, and when taken the same kind and value;
 * and rows of several columns must be refused at the same columns, in
 * the same order, as scan.c reports them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "mem.h"
#include "num.h"
#include "source.h"

/* ---- the reading before the column program, as it was ---- */

static int old_digits(const char *s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

static bool old_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int old_month_length(int y, int m) {
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return mdays[m - 1] + (m == 2 && old_leap(y));
}

static int32_t old_day_number(int y, int m, int d) {
  static const int16_t before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  if (y < 1901 || y > 2099) return cal_days(y, m, d);
  int leap_days = (y - 1901) / 4 - 17;
  return 365 * (y - 1970) + leap_days + before[m - 1] + (m > 2 && y % 4 == 0) + d - 1;
}

static uint64_t old_bytes_at(const char *s, size_t n) {
  uint64_t x = 0;
  memcpy(&x, s, n);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  return x;
}

static bool old_all_digits(uint64_t x, uint64_t mask) {
  uint64_t high = mask & 0xF0F0F0F0F0F0F0F0u, three = mask & 0x3030303030303030u;
  return (x & high) == three && ((x + 0x0606060606060606u) & high) == three;
}

static bool old_parse_iso(const char *s, int32_t *days) {
  uint64_t x = old_bytes_at(s, 8), z = old_bytes_at(s + 8, 2);
  if (!old_all_digits(x, 0x00FFFF00FFFFFFFFu) || !old_all_digits(z, 0xFFFFu)) return false;
  x &= 0x0F0F0F0F0F0F0F0Fu;
  uint64_t pairs = x * 10 + (x >> 8);
  int y = (int)(pairs & 0xFF) * 100 + (int)(pairs >> 16 & 0xFF), m = (int)(pairs >> 40 & 0xFF);
  int d = (int)(z & 0x0F) * 10 + (int)(z >> 8 & 0x0F);
  if (m < 1 || m > 12 || d < 1 || d > old_month_length(y, m)) return false;
  *days = old_day_number(y, m, d);
  return true;
}

static bool old_parse_date(const char *s, size_t len, int32_t *days) {
  if (len != 10) return false;
  if (s[4] == '-' && s[7] == '-') return old_parse_iso(s, days);
  if (s[2] != s[5] || (s[2] != '-' && s[2] != '.')) return false;
  int d = old_digits(s, 2), m = old_digits(s + 3, 2), y = old_digits(s + 6, 4);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > old_month_length(y, m)) return false;
  *days = old_day_number(y, m, d);
  return true;
}

static bool old_letter(const char *s, size_t i, char c) { return (s[i] | 0x20) == c; }

static bool old_bool(const char *s, size_t n, bool *b) {
  switch (n) {
  case 2: *b = true; return old_letter(s, 0, 'j') && old_letter(s, 1, 'a');
  case 3: *b = false; return old_letter(s, 0, 'n') && old_letter(s, 1, 'e') && old_letter(s, 2, 'j');
  case 4: *b = true; return old_letter(s, 0, 't') && old_letter(s, 1, 'r') && old_letter(s, 2, 'u') && old_letter(s, 3, 'e');
  case 5:
    *b = false;
    return old_letter(s, 0, 'f') && old_letter(s, 1, 'a') && old_letter(s, 2, 'l') && old_letter(s, 3, 's') &&
           old_letter(s, 4, 'e');
  default: return false;
  }
}

static bool old_int(const char *s, size_t n, num *out) {
  size_t i = (n > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == n) return false;
  if (n - i <= 18) {
    int64_t m = 0;
    for (size_t k = i; k < n; k++) {
      unsigned dg = (unsigned)(unsigned char)s[k] - '0';
      if (dg > 9) return false;
      m = m * 10 + (int64_t)dg;
    }
    out->n = s[0] == '-' ? -m : m;
    out->d = 1;
    return true;
  }
  for (; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return num_parse(s, n, '.', out);
}

/* A decimal that reads two ways (spec §4.5): written here apart from
 * source.c, by its description: with the point as the decimal sign not
 * said, an optional sign, one to three digits not starting with 0, a
 * point, three digits and nothing else. */
static bool old_two_readings(const data_decl *d, const char *s, size_t n) {
  if (d->decimal != '.') return false;
  for (const data_opt *o = d->opts; o; o = o->next)
    if (o->kind == OPT_DECIMAL) return false;
  size_t i = 0;
  if (i < n && (s[i] == '-' || s[i] == '+')) i++;
  size_t lead = 0;
  while (i + lead < n && s[i + lead] >= '0' && s[i + lead] <= '9') lead++;
  if (lead < 1 || lead > 3 || s[i] == '0') return false;
  i += lead;
  if (i >= n || s[i] != '.') return false;
  i++;
  size_t tail = 0;
  while (i + tail < n && s[i + tail] >= '0' && s[i + tail] <= '9') tail++;
  return tail == 3 && i + tail == n;
}

static bool old_field(const data_decl *d, vtype t, const char *s, size_t n, value *out) {
  if (n == 0) {
    out->kind = V_MISSING;
    return true;
  }
  for (size_t i = 1; i < d->nmissing; i++)
    if (strlen(d->missing[i]) == n && memcmp(d->missing[i], s, n) == 0) {
      out->kind = V_MISSING;
      return true;
    }
  switch (t) {
  case T_INT: out->kind = V_NUM; return old_int(s, n, &out->u.n);
  case T_DEC: out->kind = V_NUM; return num_parse(s, n, d->decimal, &out->u.n) && !old_two_readings(d, s, n);
  case T_BOOL: out->kind = V_BOOL; return old_bool(s, n, &out->u.b);
  case T_DATE: out->kind = V_DATE; return old_parse_date(s, n, &out->u.date);
  case T_MONTH: out->kind = V_MONTH; return cal_parse_month(s, n, &out->u.month);
  case T_QUARTER: out->kind = V_QUARTER; return cal_parse_quarter(s, n, &out->u.quarter);
  default:
    out->kind = V_TEXT;
    out->u.t.s = s;
    out->u.t.len = n;
    return true;
  }
}

/* ---- comparing ---- */

static bool same_value(const value *a, const value *b) {
  if (a->kind != b->kind) return false;
  switch (a->kind) {
  case V_MISSING: return true;
  case V_NUM: return a->u.n.n == b->u.n.n && a->u.n.d == b->u.n.d;
  case V_TEXT: return a->u.t.len == b->u.t.len && a->u.t.s == b->u.t.s;
  case V_BOOL: return a->u.b == b->u.b;
  case V_DATE: return a->u.date == b->u.date;
  case V_MONTH: return a->u.month == b->u.month;
  case V_QUARTER: return a->u.quarter == b->u.quarter;
  default: return false;
  }
}

static const char *type_name(vtype t) {
  static const char *names[] = {"none", "int", "dec", "text", "bool", "date", "dur", "month", "quarter"};
  return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

/* The texts to read: each in a block of its own, exactly its length and
 * a NUL (as the CSV reader gives it), so that a reader looking past it
 * shows under the sanitizers. */
typedef struct {
  char **v;
  size_t n, cap;
  size_t clean; /* the first texts, before their mutations */
} texts;

static void add(texts *t, const char *s, size_t n) {
  if (t->n == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 1024;
    t->v = xrealloc(t->v, t->cap * sizeof *t->v);
  }
  char *c = xmalloc(n + 1);
  memcpy(c, s, n);
  c[n] = '\0';
  t->v[t->n++] = c;
}

static void adds(texts *t, const char *s) { add(t, s, strlen(s)); }

static void clear(texts *t) {
  for (size_t i = 0; i < t->n; i++) free(t->v[i]);
  t->n = 0;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* Bytes a mutation puts in: digits, the separators, letters, and the
 * bytes at the edges of the digits' tests. */
static char any_byte(void) {
  static const char pool[] = "0123456789-.,+ eEjaJAnNtTfFkK/:\x2F\x3A\x80\xBA\xC3\xFF\x01";
  return pool[rnd() % (sizeof pool - 1)];
}

/* Each text of ts mutated a few times: a byte changed, one dropped, one added. */
static void mutate(texts *ts, size_t per) {
  size_t n0 = ts->n;
  ts->clean = n0;
  for (size_t i = 0; i < n0; i++) {
    size_t len = strlen(ts->v[i]);
    char b[64];
    for (size_t k = 0; k < per && len < sizeof b - 2; k++) {
      memcpy(b, ts->v[i], len);
      size_t at = len ? rnd() % len : 0, n = len;
      switch (rnd() % 3) {
      case 0: if (len) b[at] = any_byte(); break;
      case 1: if (len) { memmove(b + at, b + at + 1, len - at - 1); n--; } break;
      default: memmove(b + at + 1, b + at, len - at); b[at] = any_byte(); n++; break;
      }
      add(ts, b, n);
    }
  }
}

typedef struct {
  int checked, taken, differ;
} tally;

/* A source of one column of type t: every text read by src_row (its
 * grouped reading and its reading in order), by src_field and by the old
 * reading. */
static void one_column(data_decl *d, vtype t, const texts *ts, tally *ty) {
  column_decl c = {.name = "c", .type = t, .pos = 0};
  column_decl *cv[1] = {&c};
  d->colv = cv;
  d->ncol = 1;
  src_prog *prog = src_program(d);
  for (size_t i = 0; i < ts->n; i++) {
    const char *s = ts->v[i];
    csv_field f = {.text = s, .len = strlen(s)};
    value a = {0}, b = {0}, o = {0};
    bool okr = src_row(d, prog, &f, &a, 0) == 1;
    bool okf = src_field(d, &c, &f, &b);
    bool oko = old_field(d, t, s, f.len, &o);
    ty->checked++;
    ty->taken += oko;
    if (okr != oko || okf != oko || (oko && (!same_value(&a, &o) || !same_value(&b, &o)))) {
      if (ty->differ++ < 10)
        printf("FAIL source: %s column, missing tokens %zu, decimal '%c': '%s' is %s by src_row, %s by src_field, %s before%s\n",
               type_name(t), d->nmissing, d->decimal, s, okr ? "taken" : "refused", okf ? "taken" : "refused",
               oko ? "taken" : "refused", okr == oko && okf == oko ? " (as another value)" : "");
    }
  }
  src_program_free(prog);
}

/* Rows of ncol columns of the types given, fields drawn from each type's
 * texts (a field from another type's now and then): the columns refused,
 * as scan_next asks src_row for them (each from the one after the last),
 * and the values of a row taken, against the old reading. */
static void rows(data_decl *d, const vtype *types, size_t ncol, texts *pools, int nrows, tally *ty) {
  column_decl *cols = xcalloc(ncol, sizeof *cols);
  column_decl **cv = xcalloc(ncol, sizeof *cv);
  size_t nfields = ncol + 3;
  for (size_t i = 0; i < ncol; i++) {
    cols[i] = (column_decl){.name = "c", .type = types[i], .pos = (int)((i * 7 + 3) % nfields)};
    /* positions taken once each: a permutation of some of the fields */
    for (size_t j = 0; j < i; j++)
      if (cols[j].pos == cols[i].pos) cols[i].pos = (cols[i].pos + 1) % (int)nfields, j = (size_t)-1;
    cv[i] = &cols[i];
  }
  d->colv = cv;
  d->ncol = ncol;
  src_prog *prog = src_program(d);
  csv_field *fields = xcalloc(nfields, sizeof *fields);
  value *vals = xcalloc(ncol + 1, sizeof *vals), *want = xcalloc(ncol + 1, sizeof *want);
  size_t *bad = xcalloc(ncol + 1, sizeof *bad);
  for (int r = 0; r < nrows; r++) {
    for (size_t k = 0; k < nfields; k++) fields[k] = (csv_field){.text = "x", .len = 1};
    size_t nbad = 0;
    for (size_t i = 0; i < ncol; i++) {
      texts *p = &pools[rnd() % 16 == 0 ? rnd() % 9 : (size_t)types[i]];
      if (!p->n) p = &pools[T_TEXT];
      size_t from = p->clean && rnd() % 8 ? p->clean : p->n; /* mostly the unmutated ones, so that rows are taken */
      const char *s = rnd() % 10 == 0 ? "" : p->v[rnd() % from];
      fields[cols[i].pos] = (csv_field){.text = s, .len = strlen(s)};
      if (!old_field(d, types[i], s, strlen(s), &want[i])) bad[nbad++] = i;
    }
    size_t got = 0;
    bool wrong = false;
    size_t i = 0;
    for (; (i = src_row(d, prog, fields, vals, i)) < ncol; i++) {
      if (got >= nbad || bad[got] != i) wrong = true;
      got++;
    }
    if (got != nbad) wrong = true;
    for (size_t k = 0; !nbad && k < ncol; k++)
      if (!same_value(&vals[k], &want[k])) wrong = true;
    ty->checked++;
    ty->taken += !nbad;
    if (wrong && ty->differ++ < 10)
      printf("FAIL source: a row of %zu columns (missing tokens %zu): %zu refused by src_row, %zu before, or a value differs\n",
             ncol, d->nmissing, got, nbad);
  }
  src_program_free(prog);
  free(fields);
  free(vals);
  free(want);
  free(bad);
  free(cols);
  free(cv);
}

static void date_texts(texts *ts) {
  static const int years[] = {0, 1, 4, 99, 100, 400, 1582, 1600, 1899, 1900, 1901, 1904, 1968, 1969, 1970, 1971,
                              1999, 2000, 2001, 2023, 2024, 2096, 2098, 2099, 2100, 2101, 2400, 2800, 9996, 9999};
  char b[32];
  for (size_t k = 0; k < sizeof years / sizeof years[0]; k++)
    for (int m = 0; m <= 13; m++)
      for (int d = 0; d <= 32; d++) {
        snprintf(b, sizeof b, "%04d-%02d-%02d", years[k], m, d);
        adds(ts, b);
        snprintf(b, sizeof b, "%02d-%02d-%04d", d, m, years[k]);
        adds(ts, b);
        snprintf(b, sizeof b, "%02d.%02d.%04d", d, m, years[k]);
        adds(ts, b);
      }
  for (int i = 0; i < 3000; i++) { /* random years */
    int y = (int)(rnd() % 10000), m = 1 + (int)(rnd() % 12), d = 1 + (int)(rnd() % 31);
    snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
    adds(ts, b);
    snprintf(b, sizeof b, rnd() % 2 ? "%02d-%02d-%04d" : "%02d.%02d.%04d", d, m, y);
    adds(ts, b);
  }
  static const char *odd[] = {"2007-12-3", "2007-12-311", "2007-1-31", "2007/12/31", "2007-12.31", "31-12.2007",
                              "31.12-2007", "2007-12-31 ", " 2007-12-31", "2007-12-3a", "20a7-12-31", "2007-1a-31",
                              "+007-12-31", "-007-12-31", "2007--2-31", "2007-12--1", "2007-12-0:", "2007-12-/1",
                              "2007-12-31T", "31-12-07", "2007-02-29", "2008-02-29", "1900-02-29", "2000-02-29",
                              "2100-02-29", "29-02-1900", "29.02.2000", "0000-01-01", "0000-02-29", "00-01-0000",
                              "9999-12-31", "0001-01-01", "2007-00-10", "2007-13-10", "2007-12-00", "2007-12-32",
                              "--------", "----------", "2007-12-31\xC3\xA6", "\xFF\xFF\xFF\xFF-\xFF\xFF-\xFF\xFF"};
  for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) adds(ts, odd[k]);
}

static void int_texts(texts *ts) {
  static const char *edge[] = {"0", "1", "9", "10", "99", "100", "-0", "+0", "-1", "+1", "+", "-", "--1", "+-1", "1e3",
                               "1E3", " 1", "1 ", "1 2", "1.0", "1,0", ".5", "0x10", "007", "000000000000000000",
                               "123456789012345678", "-123456789012345678", "+123456789012345678",
                               "999999999999999999", "-999999999999999999", "1234567890123456789",
                               "-1234567890123456789", "9223372036854775807", "-9223372036854775808",
                              "9223372036854775808", "0000000000000000001", "00000000000000000000012",
                               "12345678901234567890", "1\xC3\xA6", "\x80", "a", "ja"};
  for (size_t k = 0; k < sizeof edge / sizeof edge[0]; k++) adds(ts, edge[k]);
  char b[40];
  for (int i = 0; i < 4000; i++) {
    size_t n = 1 + rnd() % 21, at = 0;
    int sign = (int)(rnd() % 4);
    if (sign == 1) b[at++] = '-';
    if (sign == 2) b[at++] = '+';
    for (size_t k = 0; k < n; k++) b[at++] = (char)('0' + rnd() % 10);
    if (rnd() % 3 == 0) /* leading zeros */
      for (size_t k = sign == 1 || sign == 2; k < at && k < 4; k++) b[k] = '0';
    add(ts, b, at);
  }
}

static void bool_texts(texts *ts) {
  static const char *words[] = {"ja", "nej", "true", "false"};
  for (size_t w = 0; w < 4; w++) {
    size_t n = strlen(words[w]);
    for (unsigned caps = 0; caps < 1u << n; caps++) {
      char b[8];
      for (size_t k = 0; k < n; k++) b[k] = (char)(caps >> k & 1 ? words[w][k] - 32 : words[w][k]);
      add(ts, b, n);
    }
  }
  static const char *odd[] = {"j", "jaa", "ne", "nejj", "tru", "truee", "fals", "falsee", "yes", "no", "1", "0",
                              "j\xC3\xA6", "J@", "*A", "jA ", " ja", "n\x05j", "\x8A\x81"};
  for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) adds(ts, odd[k]);
}

static void dec_texts(texts *ts) {
  static const char *edge[] = {"0", "1", "-1", "+1", "1.5", "1,5", "-0.25", "-0,25", "1.", "1,", ".5", ",5", "1.2.3",
                               "1,2,3", "1.2,3", "1e3", "12345678901234567.8", "1234567890123456789.0",
                               "0.000000000000000001", "0,0000000000000000001", "-", "+", " 1.5", "1.5 ", "00.50"};
  for (size_t k = 0; k < sizeof edge / sizeof edge[0]; k++) adds(ts, edge[k]);
  char b[40];
  for (int i = 0; i < 2000; i++) {
    int w = (int)(rnd() % 100000), f = (int)(rnd() % 1000);
    snprintf(b, sizeof b, "%s%d%c%03d", rnd() % 4 == 0 ? "-" : "", w, rnd() % 2 ? '.' : ',', f);
    adds(ts, b);
  }
}

static void month_texts(texts *ts) {
  static const char *edge[] = {"2009-01", "2009-12", "2009-00", "2009-13", "0000-01", "0001-01", "9999-12", "2009-1",
                               "2009/01", "2009K1", "2009k4", "2009K0", "2009K5", "0000K1", "2009K", "2009-01-01"};
  for (size_t k = 0; k < sizeof edge / sizeof edge[0]; k++) adds(ts, edge[k]);
}

int main(void) {
  texts pools[9] = {{0}};
  date_texts(&pools[T_DATE]);
  int_texts(&pools[T_INT]);
  bool_texts(&pools[T_BOOL]);
  dec_texts(&pools[T_DEC]);
  month_texts(&pools[T_MONTH]);
  month_texts(&pools[T_QUARTER]);
  static const char *text_edge[] = {"a", "hello", "NA", "na", "-", ".", "?", "kontanthjælp", " ", "\xC3\xA6"};
  for (size_t k = 0; k < sizeof text_edge / sizeof text_edge[0]; k++) adds(&pools[T_TEXT], text_edge[k]);
  static const vtype kinds[] = {T_INT, T_DEC, T_TEXT, T_BOOL, T_DATE, T_MONTH, T_QUARTER};
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    texts *p = &pools[kinds[k]];
    mutate(p, 3);
    for (size_t j = 0; j < sizeof text_edge / sizeof text_edge[0]; j++) adds(p, text_edge[j]);
  }

  const char *plain_missing[] = {""}, *own_missing[] = {"", "NA", "-", ".", "ukendt"};
  data_opt point_said = {.kind = OPT_DECIMAL, .text = "."}; /* decimaltegn ".": 1.000 reads one way */
  struct {
    const char **missing;
    size_t nmissing;
    char decimal;
    data_opt *opts;
  } sources[] = {{plain_missing, 1, '.', NULL}, {plain_missing, 1, ',', NULL}, {own_missing, 5, '.', NULL},
                 {own_missing, 5, ',', NULL},   {plain_missing, 1, '.', &point_said}};
  tally fields = {0}, rowst = {0};
  for (size_t s = 0; s < sizeof sources / sizeof sources[0]; s++) {
    data_decl d = {.name = "src", .decimal = sources[s].decimal, .missing = sources[s].missing,
                   .nmissing = sources[s].nmissing, .resolved_path = "src.csv", .opts = sources[s].opts};
    /* every pool read as every type */
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
      for (size_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++) one_column(&d, kinds[k], &pools[kinds[j]], &fields);
    static const vtype bench[] = {T_INT, T_INT, T_TEXT, T_TEXT, T_INT, T_TEXT, T_BOOL, T_TEXT,
                                  T_DATE, T_INT, T_BOOL, T_TEXT, T_DATE, T_TEXT, T_INT, T_TEXT};
    static const vtype mixed[] = {T_DEC, T_DATE, T_MONTH, T_TEXT, T_QUARTER, T_INT, T_BOOL, T_DATE, T_DEC};
    rows(&d, bench, sizeof bench / sizeof bench[0], pools, 20000, &rowst);
    rows(&d, mixed, sizeof mixed / sizeof mixed[0], pools, 20000, &rowst);
    vtype random_types[24];
    for (int r = 0; r < 20; r++) {
      size_t n = 1 + rnd() % 24;
      for (size_t k = 0; k < n; k++) random_types[k] = kinds[rnd() % (sizeof kinds / sizeof kinds[0])];
      rows(&d, random_types, n, pools, 2000, &rowst);
    }
  }
  printf("%s source: %d fields read three ways (%d taken), %d differ\n", fields.differ || fields.checked < 100000 ? "FAIL" : "PASS",
         fields.checked, fields.taken, fields.differ);
  printf("%s source: %d rows read as a pass reads them (%d taken), %d differ\n", rowst.differ || rowst.taken < 1000 ? "FAIL" : "PASS",
         rowst.checked, rowst.taken, rowst.differ);
  for (size_t k = 0; k < 9; k++) {
    clear(&pools[k]);
    free(pools[k].v);
  }
  return fields.differ || rowst.differ ? 1 : 0;
}
