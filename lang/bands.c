/* bands.c — the bands of a breakdown: read, checked, looked up (spec §11.1). */
#include "bands.h"

#include <stdlib.h>
#include <string.h>

/* Read one end; false (and said) if it is no number in the documents' style. */
static bool read_end(arena *a, const band *b, const char *raw, num *out, diag *d) {
  const char *why = ast_number_problem(raw);
  if (why) {
    diag_error(d, b->sp, "'%s' in the band '%s': %s", raw, b->text, why);
    return false;
  }
  if (!ast_number_value(raw, strlen(raw), a, out)) {
    diag_error(d, b->sp, "'%s' in the band '%s' is too large a number", raw, b->text);
    return false;
  }
  return true;
}

/* The band as written, ends in the canonical style: "16-24", "30-", "-15". */
static const char *ends_text(arena *a, const band *b) {
  buf t = {0};
  if (b->lo_raw) ast_number_text(b->lo_raw, strlen(b->lo_raw), false, &t);
  buf_addc(&t, '-');
  if (b->hi_raw) ast_number_text(b->hi_raw, strlen(b->hi_raw), false, &t);
  const char *s = arena_strdup(a, buf_str(&t));
  buf_free(&t);
  return s;
}

static int lo_cmp(const band *x, const band *y) {
  if (!x->lo_raw || !y->lo_raw) return (x->lo_raw != NULL) - (y->lo_raw != NULL);
  return num_cmp(x->lo, y->lo);
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
    bool ends = (!b->lo_raw || read_end(a, b, b->lo_raw, &b->lo, d)) && (!b->hi_raw || read_end(a, b, b->hi_raw, &b->hi, d));
    if (!ends) {
      ok = false;
    } else if (b->lo_raw && b->hi_raw && num_cmp(b->lo, b->hi) > 0) {
      diag_error(d, b->sp, "the band %s is empty: the low end comes first", b->text);
      ok = false;
    }
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
    if (x->hi_raw && y->lo_raw && num_cmp(x->hi, y->lo) < 0) continue;
    band *later = s->order[k] > s->order[k + 1] ? x : y, *earlier = later == x ? y : x;
    diag_error(d, later->sp, "the bands '%s' and '%s' overlap: a value can be in one band only", earlier->text, later->text);
    diag_note(d, earlier->sp, "the band '%s' is here", earlier->text);
    ok = false;
  }
  return ok ? s : NULL;
}

int bands_find(const band_set *s, num v) {
  size_t lo = 0, hi = s->n; /* the first band whose low end is above v */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const band *b = s->v[s->order[mid]];
    if (!b->lo_raw || num_cmp(b->lo, v) <= 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return -1;
  const band *b = s->v[s->order[lo - 1]];
  if (b->hi_raw && num_cmp(v, b->hi) > 0) return -1;
  return (int)s->order[lo - 1];
}

void bands_gaps(band_set *s, bool whole, diag *d) {
  if (s->gaps_said) return;
  s->gaps_said = true;
  for (size_t k = 0; k + 1 < s->n; k++) {
    const band *x = s->v[s->order[k]], *y = s->v[s->order[k + 1]];
    num next;
    if (whole && num_add(x->hi, num_int(1), &next) && num_cmp(next, y->lo) >= 0) continue; /* 24 and 25 */
    if (!whole && num_cmp(x->hi, y->lo) >= 0) continue;
    if (whole)
      diag_warning(d, y->sp, "no band holds the whole numbers between %s and %s: they are counted in \"%s\"",
                   x->hi_raw, y->lo_raw, BANDS_OTHER);
    else
      diag_warning(d, y->sp, "no band holds the values between %s and %s (such as a decimal between them): they are counted in \"%s\"",
                   x->hi_raw, y->lo_raw, BANDS_OTHER);
  }
}
