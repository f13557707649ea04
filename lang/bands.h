/* bands.h — the bands of a breakdown (spec §11.1): their ends read and
 * checked once, when the rules are checked, then looked up per row.
 *
 * A band is closed at both ends as the documents write them (16-24 holds
 * 16 and 24), or open at one (30-, -15); or a range with each end taken
 * in or left out as written ([16..25) holds 16, not 25).  No two bands of
 * one breakdown may share a value; a value in no band goes to the part
 * "(øvrige)".
 *
 * Ownership: a band_set lives in the program's arena. */
#ifndef MAAL_BANDS_H
#define MAAL_BANDS_H

#include <stddef.h>

#include "ast.h"
#include "diag.h"

typedef struct band_set {
  size_t n;
  band **v;      /* in declared order: a part's order is its band's index */
  size_t *order; /* indices of v by low end (an open low end first) */
  bool gaps_said; /* bands_gaps has warned about this set */
} band_set;

/* The label of the part of values in no band, and its order: after every
 * band, before the part of missing values. */
#define BANDS_OTHER "(øvrige)"

/* Read and check the bands of one breakdown: every end a number in the
 * documents' style, the low end first, no two bands sharing a value, no
 * name twice.  Every mistake is reported to d; NULL if there was one. */
band_set *bands_compile(arena *a, band *list, diag *d);

/* Warn, once per set, about the values between two bands that lie in
 * neither (they go to "(øvrige)"): for whole numbers a gap is a whole
 * number between them (16-24, 26-29 leave 25; [16..25), (25..30) leave
 * 25), for decimals any value (0-2,5, 2,6-5 leave 2,55; [0..2,5),
 * (2,5..5] leave 2,5), with a note on the range that leaves none. */
void bands_gaps(band_set *s, bool whole, diag *d);

/* A band's ends as written, canonical (1.000, 2,5; trim: 2,50 as 2,5):
 * "16-24", "30-", "-15", or "[16..25)" for one written as a range. */
void bands_ends_text(const band *b, bool trim, buf *t);

/* A band's ends as a range, however written: 16-24 is "[16..24]", 30- is
 * "[30..)", [16..25) is "[16..25)". */
void bands_range_text(const band *b, bool trim, buf *t);

/* The index (in declared order) of the band holding v, or -1: a binary
 * search over the bands by their low ends. */
int bands_find(const band_set *s, num v);

#endif
