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

#include "ast.h"

/* The years a month, quarter or year may name (a year literal too). */
enum { CAL_YEAR_MIN = 1, CAL_YEAR_MAX = 9999 };

int32_t cal_days(int year, int month, int day);             /* a date from its parts */
/* Dates are days since 1970-01-01 in the proleptic Gregorian calendar. */
bool cal_parse_date(const char *s, size_t len, int32_t *days); /* ISO, dd-mm-yyyy, dd.mm.yyyy */
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

#endif
