/* calendar.h — time as values (spec §2.8, §5.11): months, quarters and
 * years, and the Danish working-day calendar.
 *
 * A month is an index: year * 12 + (month - 1), so 2009-01 is 24108 and
 * the month after 2009-12 is 2010-01 by adding 1; a quarter likewise is
 * year * 4 + (quarter - 1).  Dates are days since 1970-01-01 (ast.h).
 * Every function here is pure: no allocation, no state.
 *
 * For other parts of maal that need "the month of" something (windows per
 * person): cal_value_month() for a date or month value (value.u.month is
 * the index of a V_MONTH), cal_month_of_date() for days, cal_parse_month()
 * for a "YYYY-MM" text.
 */
#ifndef MAAL_CALENDAR_H
#define MAAL_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ast.h"

/* The years a month, quarter or year may name (a year literal too). */
enum { CAL_YEAR_MIN = 1, CAL_YEAR_MAX = 9999 };

int32_t cal_days(int year, int month, int day);             /* a date from its parts */
/* Dates are days since 1970-01-01 in the proleptic Gregorian calendar. */
bool cal_parse_date(const char *s, size_t len, int32_t *days); /* ISO, dd-mm-yyyy, dd.mm.yyyy */
static inline bool cal_parse_iso(const char *s, int32_t *days);  /* 2007-12-31 (below) */
void cal_format_date(int32_t days, char out[11]);              /* ISO */
int32_t cal_date_add(int32_t days, int32_t months, int32_t more_days); /* calendar months, day clamped */
int32_t cal_year_end(int64_t year, bool end);                  /* 31 Dec (end) or 1 Jan of a year */
void cal_parts(int32_t days, int *year, int *month, int *day);

/* "2009-01" (exactly 7 characters, month 01-12) -> its month index. */
bool cal_parse_month(const char *s, size_t n, int32_t *month);
/* "2009K1" or "2009k1" (quarter 1-4) -> its quarter index. */
bool cal_parse_quarter(const char *s, size_t n, int32_t *quarter);
void cal_format_month(int32_t month, char out[8]);         /* 2009-01 */
void cal_format_quarter(int32_t quarter, char out[7]);     /* 2009K1 */

int32_t cal_month_of_date(int32_t days);
/* The month index of a date or month value; false for any other value
 * (a missing one included). */
bool cal_value_month(const value *v, int32_t *month);
/* The first and last day a date, month or quarter covers; a whole number
 * is a year.  False for anything else (a missing value, a fraction). */
bool cal_value_days(const value *v, int32_t *first, int32_t *last);
int32_t cal_quarter_of_month(int32_t month);
int32_t cal_year_of_month(int32_t month);

/* The first and last day of a year, quarter or month (inclusive). */
void cal_year_days(int64_t year, int32_t *first, int32_t *last);
void cal_quarter_days(int32_t quarter, int32_t *first, int32_t *last);
void cal_month_days(int32_t month, int32_t *first, int32_t *last);

/* Whole calendar months from a to b: the largest k with a + k months
 * <= b (a month added as 'a + k måneder' adds it, the day clamped to the
 * month's last): 2009-01-15 to 2009-02-14 is 0, to 2009-02-15 is 1;
 * 2009-01-31 to 2009-02-28 is 1.  Negative when b is before a: -(months
 * from b to a). */
int32_t cal_months_between(int32_t a, int32_t b);

/* Danish public holidays (spec §5.11) and working days. */
int32_t cal_easter(int year);                   /* Easter Sunday (Gregorian) */
bool cal_is_holiday(int32_t days);
bool cal_is_working_day(int32_t days);          /* Monday-Friday, not a holiday */
/* Working days after a up to and including b; negative when b < a. */
int64_t cal_working_days(int32_t a, int32_t b);

/* ---- cal_parse_iso: inline, for the readers of data files ---- */

/* For the month m (00-99, as written) of a year y of 1901-2099, whose
 * leap years are those with y & 3 == 0, [m * 4 + (y & 3)]: the days
 * before the month and its length, before << 8 | length; 0 (no day in
 * it) for a month that is not 01-12. */
extern const uint32_t cal_iso_months[100 * 4];
/* An ISO date of a year outside 1901-2099 (0000 included), its parts read. */
bool cal_iso_other_years(unsigned y, unsigned m, unsigned d, int32_t *days);

/* 8 bytes from s, s[0] the lowest. */
static inline uint64_t cal_load8(const char *s) {
  uint64_t x;
  memcpy(&x, s, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  return x;
}

/* The 10 bytes s[0..10) as cal_parse_date reads them when s[4] and s[7]
 * are '-': true, with the days, for a valid date 2007-12-31.  Two loads
 * of 8 bytes (s and s + 2) hold them all; the eight digits are gathered
 * in one word (the day's two where the dashes were), checked at once and
 * read in pairs: each digit's value times 10 plus the next one's.  The
 * years 1901-2099, where every fourth year is a leap year, need no
 * division. */
__attribute__((always_inline)) static inline bool cal_parse_iso(const char *s, int32_t *days) {
  uint64_t x = cal_load8(s), w = cal_load8(s + 2); /* "2007-12-", "07-12-31" */
  if ((x & 0xFF0000FF00000000u) != 0x2D00002D00000000u) return false;
  /* y y y y d m m d: the day's first digit on the first dash, its second on the second */
  uint64_t t = (x & 0x00FFFF00FFFFFFFFu) | (w >> 16 & 0x000000FF00000000u) | (w & 0xFF00000000000000u);
  /* a byte under '0' sets its high bit in the difference, one over '9' in
   * the sum (or, from 0xBA on, in the difference); a borrow or carry
   * across bytes starts only at a byte that fails itself */
  if (((t - 0x3030303030303030u) | (t + 0x4646464646464646u)) & 0x8080808080808080u) return false;
  t &= 0x0F0F0F0F0F0F0F0Fu;
  uint64_t p = t * 10 + (t >> 8);                                /* 20 . 07 . _ 12 . _ */
  uint64_t q = (p & 0x00FF00FF00FF00FFu) * (100 << 16 | 1) >> 16; /* the year in the low 16 bits */
  unsigned y = (unsigned)(q & 0xFFFF), m = (unsigned)(p >> 40 & 0xFF);
  unsigned d = (unsigned)(t >> 32 & 0xFF) * 10 + (unsigned)(t >> 56);
  if (y - 1901 > 2099 - 1901) return cal_iso_other_years(y, m, d, days);
  unsigned e = cal_iso_months[m * 4 + (y & 3)];
  if (d - 1 >= (e & 0xFF)) return false; /* day 00 too */
  /* 17 leap years from 1901 to 1969 */
  *days = 365 * ((int32_t)y - 1970) + (int32_t)((y - 1901) >> 2) - 17 + (int32_t)(e >> 8) + (int32_t)d - 1;
  return true;
}

#endif
