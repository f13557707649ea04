/* bands.c — the bands of a breakdown: read, checked, looked up (spec §11.1).
 *
 * A band's ends are exact numbers (num), each taken in or left out: 16-24
 * takes both in, [16..25) leaves 25 out, and a side without an end is
 * open.  Every comparison below is of exact numbers and the kind of end. */
#include "bands.h"

#include <stdlib.h>
#include <string.h>

/* Read one end; false (and said) if it is no number in the documents' style.
 * A range's end may be negative: "-5". */
static bool read_end(arena *a, const band *b, const char *raw, num *out, diag *d) {
  bool neg = raw[0] == '-';
  const char *digits = raw + neg;
  const char *why = ast_number_problem(digits);
  if (why) {
    diag_error(d, b->sp, "'%s' in the band '%s': %s", raw, b->text, why);
    return false;
  }
  if (!ast_number_value(digits, strlen(digits), a, out)) {
    diag_error(d, b->sp, "'%s' in the band '%s' is too large a number", raw, b->text);
    return false;
  }
  if (neg) *out = num_neg(*out);
  return true;
}

/* One end in the canonical style: 1.000, 2,5, -5. */
static void end_text(const char *raw, bool trim, buf *t) {
  if (raw[0] == '-') buf_addc(t, '-');
  raw += raw[0] == '-';
  ast_number_text(raw, strlen(raw), trim, t);
}

void bands_ends_text(const band *b, bool trim, buf *t) {
  if (!b->ranged) { /* 16-24, 30-, -15 */
    if (b->lo_raw) end_text(b->lo_raw, trim, t);
    buf_addc(t, '-');
    if (b->hi_raw) end_text(b->hi_raw, trim, t);
    return;
  }
  bands_range_text(b, trim, t); /* [16..25), [30..) */
}

void bands_range_text(const band *b, bool trim, buf *t) {
  buf_addc(t, b->lo_open ? '(' : '[');
  if (b->lo_raw) end_text(b->lo_raw, trim, t);
  buf_adds(t, "..");
  if (b->hi_raw) end_text(b->hi_raw, trim, t);
  buf_addc(t, b->hi_open ? ')' : ']');
}

/* The band as written, ends in the canonical style: "16-24", "30-", "-15",
 * "[16..25)". */
static const char *ends_text(arena *a, const band *b) {
  buf t = {0};
  bands_ends_text(b, false, &t);
  const char *s = arena_strdup(a, buf_str(&t));
  buf_free(&t);
  return s;
}

/* By low end: a side without one first, then by value, an end taken in
 * before the same end left out ([2..2] holds 2, (2..5] starts above it). */
static int lo_cmp(const band *x, const band *y) {
  if (!x->lo_raw || !y->lo_raw) return (x->lo_raw != NULL) - (y->lo_raw != NULL);
  int c = num_cmp(x->lo, y->lo);
  return c ? c : (int)x->lo_open - (int)y->lo_open;
}

/* Insertion sort of the indices by low end: a breakdown has a handful of
 * bands, and the order of equal ends stays the declared one. */
static void sort_by_lo(band **v, size_t *order, size_t n) {
  for (size_t i = 0; i < n; i++) order[i] = i;
  for (size_t i = 1; i < n; i++) {
    size_t x = order[i], j = i;
    while (j > 0 && lo_cmp(v[order[j - 1]], v[x]) > 0) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = x;
  }
}

/* A range's end that is no number written out: a parameter, a computation. */
static bool plain_end(const expr *e, const char *raw, diag *d) {
  if (!e || raw) return true;
  diag_error(d, e->sp, "a band's end is a number written out, such as 25 or 2,5: bands are fixed when the rules are "
             "checked, so a parameter or a computation cannot be one");
  return false;
}

/* The ends of one band read, and the band not empty. */
static bool read_band(arena *a, band *b, diag *d) {
  if (b->ranged && diag_error_within(d, b->sp)) return false; /* said by the parser: [60..], (..) */
  bool lo_ok = plain_end(b->lo_e, b->lo_raw, d), hi_ok = plain_end(b->hi_e, b->hi_raw, d); /* both said */
  if (!lo_ok || !hi_ok) return false;
  bool ends = (!b->lo_raw || read_end(a, b, b->lo_raw, &b->lo, d)) && (!b->hi_raw || read_end(a, b, b->hi_raw, &b->hi, d));
  if (!ends) return false;
  if (!b->lo_raw || !b->hi_raw) return true;
  int c = num_cmp(b->lo, b->hi);
  if (c > 0) {
    diag_error(d, b->sp, "the band %s is empty: the low end comes first", b->ends);
    return false;
  }
  if (c == 0 && (b->lo_open || b->hi_open)) { /* (25..25] */
    buf one = {0};
    end_text(b->lo_raw, false, &one);
    diag_error(d, b->sp, "the band %s is empty: an open end leaves %s out, and it is the only number in it", b->ends,
               buf_str(&one));
    diag_note(d, b->sp, "for exactly %s, write '[%s..%s]'", buf_str(&one), buf_str(&one), buf_str(&one));
    buf_free(&one);
    return false;
  }
  return true;
}

band_set *bands_compile(arena *a, band *list, diag *d) {
  size_t n = 0;
  for (band *b = list; b; b = b->next) n++;
  band_set *s = arena_alloc(a, sizeof *s);
  s->n = n;
  s->v = arena_alloc(a, (n ? n : 1) * sizeof *s->v);
  s->order = arena_alloc(a, (n ? n : 1) * sizeof *s->order);
  bool ok = true;
  size_t i = 0;
  for (band *b = list; b; b = b->next, i++) {
    s->v[i] = b;
    b->text = b->ends = ends_text(a, b);
    if (!read_band(a, b, d)) ok = false;
    if (b->label) {
      if (!*b->label) {
        diag_error(d, b->sp, "a band's name is empty; write a name in the quotes, or leave them out to name it %s", b->text);
        ok = false;
      } else if (!strcmp(b->label, BANDS_OTHER) || !strcmp(b->label, "(mangler)")) {
        diag_error(d, b->sp, "'%s' names the part of values in no band or of missing values; give the band another name", b->label);
        ok = false;
      }
      for (band *o = list; o != b; o = o->next)
        if (o->label && !strcmp(o->label, b->label)) {
          diag_error(d, b->sp, "two bands are named '%s'", b->label);
          ok = false;
          break;
        }
      b->text = b->label;
    }
  }
  if (!ok) return NULL;
  sort_by_lo(s->v, s->order, n);
  for (size_t k = 0; k + 1 < n; k++) { /* sorted by low end: only neighbours can share a value */
    band *x = s->v[s->order[k]], *y = s->v[s->order[k + 1]];
    int c = x->hi_raw && y->lo_raw ? num_cmp(x->hi, y->lo) : 1;
    if (c < 0 || (c == 0 && (x->hi_open || y->lo_open))) continue; /* [0..2,5) [2,5..5] */
    band *later = s->order[k] > s->order[k + 1] ? x : y, *earlier = later == x ? y : x;
    if (c == 0) { /* they share one end, taken in by both: 16-24, 24-29; [0..2,5], [2,5..5] */
      buf at = {0};
      end_text(y->lo_raw, false, &at);
      diag_error(d, later->sp, "the bands '%s' and '%s' overlap: both hold %s, and a value can be in one band only",
                 earlier->text, later->text, buf_str(&at));
      diag_note(d, earlier->sp, "the band '%s' is here", earlier->text);
      if (x->ranged || y->ranged)
        diag_note(d, later->sp, "to leave %s to one of them, end the band below with '..%s)' or start the band above with '(%s..'",
                  buf_str(&at), buf_str(&at), buf_str(&at));
      buf_free(&at);
    } else {
      diag_error(d, later->sp, "the bands '%s' and '%s' overlap: a value can be in one band only", earlier->text, later->text);
      diag_note(d, earlier->sp, "the band '%s' is here", earlier->text);
    }
    ok = false;
  }
  return ok ? s : NULL;
}

/* Whether the low end of b lets v in: there is none, it is below v, or it
 * is v and taken in. */
static bool lo_admits(const band *b, num v) {
  if (!b->lo_raw) return true;
  int c = num_cmp(b->lo, v);
  return c < 0 || (c == 0 && !b->lo_open);
}

int bands_find(const band_set *s, num v) {
  size_t lo = 0, hi = s->n; /* the first band whose low end does not let v in */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (lo_admits(s->v[s->order[mid]], v)) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return -1;
  const band *b = s->v[s->order[lo - 1]];
  if (b->hi_raw) {
    int c = num_cmp(v, b->hi);
    if (c > 0 || (c == 0 && b->hi_open)) return -1;
  }
  return (int)s->order[lo - 1];
}

/* floor(v) and ceil(v) of an exact number. */
static int64_t floor_of(num v) {
  int64_t q = v.n / v.d;
  return (v.n % v.d != 0 && v.n < 0) ? q - 1 : q;
}
static int64_t ceil_of(num v) {
  int64_t q = v.n / v.d;
  return (v.n % v.d != 0 && v.n > 0) ? q + 1 : q;
}

static void int_text(int64_t v, buf *t) {
  char s[32];
  num_format_da(num_int(v), 0, s, sizeof s);
  buf_adds(t, s);
}

/* The band y rewritten to start where x ends, with nothing between:
 * '(2,5..5]' after '0-2,5', its name kept. */
static void meeting(const band *x, const band *y, buf *t) {
  band m = *y;
  if (y->label) buf_printf(t, "\"%s\" ", y->label);
  m.ranged = true;
  m.lo_raw = x->hi_raw;
  m.lo_open = !x->hi_open;
  bands_range_text(&m, false, t);
}

void bands_gaps(band_set *s, bool whole, diag *d) {
  if (s->gaps_said) return;
  s->gaps_said = true;
  for (size_t k = 0; k + 1 < s->n; k++) {
    const band *x = s->v[s->order[k]], *y = s->v[s->order[k + 1]];
    bool ranged = x->ranged || y->ranged;
    buf a = {0}, b = {0}, fix = {0};
    if (whole) { /* the whole numbers above x and below y */
      int64_t first = num_is_int(x->hi) ? floor_of(x->hi) + !x->hi_open : ceil_of(x->hi);
      int64_t last = num_is_int(y->lo) ? floor_of(y->lo) - !y->lo_open : floor_of(y->lo);
      if (first <= last) {
        if (!ranged) {
          diag_warning(d, y->sp, "no band holds the whole numbers between %s and %s: they are counted in \"%s\"",
                       x->hi_raw, y->lo_raw, BANDS_OTHER);
        } else if (first == last) {
          int_text(first, &a);
          diag_warning(d, y->sp, "no band holds %s: neither '%s' nor '%s' takes it in, so it is counted in \"%s\"",
                       buf_str(&a), x->text, y->text, BANDS_OTHER);
        } else {
          int_text(first, &a);
          int_text(last, &b);
          diag_warning(d, y->sp, "no band holds the whole numbers from %s to %s: they are counted in \"%s\"",
                       buf_str(&a), buf_str(&b), BANDS_OTHER);
        }
      }
    } else {
      int c = num_cmp(x->hi, y->lo);
      if (c < 0 || (c == 0 && x->hi_open && y->lo_open)) {
        meeting(x, y, &fix);
        if (c == 0) { /* [0..2,5) (2,5..5] */
          end_text(x->hi_raw, false, &a);
          diag_warning(d, y->sp, "no band holds %s: neither '%s' nor '%s' takes it in, so it is counted in \"%s\"",
                       buf_str(&a), x->text, y->text, BANDS_OTHER);
          diag_note(d, y->sp, "to take %s in here, write '%s'", buf_str(&a), buf_str(&fix));
        } else {
          if (!ranged) {
            diag_warning(d, y->sp, "no band holds the values between %s and %s (such as a decimal between them): they are counted in \"%s\"",
                         x->hi_raw, y->lo_raw, BANDS_OTHER);
          } else { /* the values left out, as a range: [2,5..2,6) */
            band gap = {.ranged = true, .lo_raw = x->hi_raw, .hi_raw = y->lo_raw, .lo_open = !x->hi_open,
                        .hi_open = !y->lo_open};
            bands_range_text(&gap, false, &a);
            diag_warning(d, y->sp, "no band holds the values in %s: they are counted in \"%s\"", buf_str(&a), BANDS_OTHER);
          }
          diag_note(d, y->sp, "a range can start where the band below ends, leaving nothing between them: write '%s'",
                    buf_str(&fix));
        }
      }
    }
    buf_free(&a);
    buf_free(&b);
    buf_free(&fix);
  }
}
