/* calendar.c — months, quarters, years and the Danish working-day
 * calendar (see calendar.h; spec §2.8 and §5.11). */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

#include "ast.h"

/* Division rounding towards minus infinity: month indices of years before
 * year 0 never occur (years are 1-9999), but days before 1970 do. */
static int64_t floordiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int32_t cal_days(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void cal_parts(int32_t z, int *py, int *pm, int *pd) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *pd = (int)(doy - (153 * mp + 2) / 5 + 1);
  *pm = (int)(mp < 10 ? mp + 3 : mp - 9);
  *py = (int)yoe + era * 400 + (*pm <= 2);
}

static int digits(const char *s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_length(int y, int m) {
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return mdays[m - 1] + (m == 2 && leap(y));
}

/* cal_days(y, m, d) of a valid date, sooner for the years 1901-2099
 * (every date a data file is likely to hold): there every fourth year
 * is a leap year, 1900 and 2100, which are not, lying outside, so the
 * day is 365 a year and a leap day for each leap year passed. */
static inline int32_t day_number(int y, int m, int d) {
  static const int16_t before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  if (y < 1901 || y > 2099) return cal_days(y, m, d);
  int leap_days = (y - 1901) / 4 - 17; /* 17 leap years from 1901 to 1969 */
  return 365 * (y - 1970) + leap_days + before[m - 1] + (m > 2 && y % 4 == 0) + d - 1;
}

/* a month of a common year (days before it, its length), and of a leap year */
#define ISO_MONTH(m, b, n, lb, ln) \
  [(m)*4] = (lb) << 8 | (ln), [(m)*4 + 1] = (b) << 8 | (n), [(m)*4 + 2] = (b) << 8 | (n), [(m)*4 + 3] = (b) << 8 | (n)
const uint32_t cal_iso_months[100 * 4] = {
    ISO_MONTH(1, 0, 31, 0, 31),       ISO_MONTH(2, 31, 28, 31, 29),     ISO_MONTH(3, 59, 31, 60, 31),
    ISO_MONTH(4, 90, 30, 91, 30),     ISO_MONTH(5, 120, 31, 121, 31),   ISO_MONTH(6, 151, 30, 152, 30),
    ISO_MONTH(7, 181, 31, 182, 31),   ISO_MONTH(8, 212, 31, 213, 31),   ISO_MONTH(9, 243, 30, 244, 30),
    ISO_MONTH(10, 273, 31, 274, 31),  ISO_MONTH(11, 304, 30, 305, 30),  ISO_MONTH(12, 334, 31, 335, 31)};
#undef ISO_MONTH

bool cal_iso_other_years(unsigned y, unsigned m, unsigned d, int32_t *days) {
  if (m < 1 || m > 12 || d < 1 || d > (unsigned)month_length((int)y, (int)m)) return false;
  *days = cal_days((int)y, (int)m, (int)d);
  return true;
}

bool cal_parse_date(const char *s, size_t len, int32_t *days) {
  if (len != 10) return false;
  if (s[4] == '-' && s[7] == '-') return cal_parse_iso(s, days); /* 2007-12-31 */
  if (s[2] != s[5] || (s[2] != '-' && s[2] != '.')) return false;
  int d = digits(s, 2), m = digits(s + 3, 2), y = digits(s + 6, 4); /* 31-12-2007, 31.12.2007 */
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > month_length(y, m)) return false;
  *days = day_number(y, m, d);
  return true;
}

int32_t cal_date_add(int32_t days, int32_t months, int32_t more_days) {
  int y, m, d;
  cal_parts(days, &y, &m, &d);
  int64_t total = (int64_t)y * 12 + (m - 1) + months;
  int ny = (int)floordiv(total, 12);
  int nm = (int)(total - (int64_t)ny * 12) + 1;
  int max = month_length(ny, nm);
  return cal_days(ny, nm, d > max ? max : d) + more_days; /* 31 January + 1 month = 28/29 February */
}

int32_t cal_year_end(int64_t year, bool end) {
  if (year < 1 || year > 9999) year = year < 1 ? 1 : 9999;
  return end ? cal_days((int)year, 12, 31) : cal_days((int)year, 1, 1);
}

void cal_format_date(int32_t days, char out[11]) {
  int y, m, d;
  cal_parts(days, &y, &m, &d);
  char tmp[48];
  snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
  memcpy(out, tmp, 10);
  out[10] = '\0';
}

bool cal_parse_month(const char *s, size_t n, int32_t *month) {
  if (n != 7 || s[4] != '-') return false;
  int y = digits(s, 4), m = digits(s + 5, 2);
  if (y < CAL_YEAR_MIN || m < 1 || m > 12) return false;
  *month = y * 12 + m - 1;
  return true;
}

bool cal_parse_quarter(const char *s, size_t n, int32_t *quarter) {
  if (n != 6 || (s[4] != 'K' && s[4] != 'k')) return false;
  int y = digits(s, 4), q = digits(s + 5, 1);
  if (y < CAL_YEAR_MIN || q < 1 || q > 4) return false;
  *quarter = y * 4 + q - 1;
  return true;
}

void cal_format_month(int32_t month, char out[8]) {
  char tmp[32];
  snprintf(tmp, sizeof tmp, "%04d-%02d", (int)floordiv(month, 12), (int)(month - 12 * floordiv(month, 12)) + 1);
  memcpy(out, tmp, 7);
  out[7] = '\0';
}

void cal_format_quarter(int32_t quarter, char out[7]) {
  char tmp[32];
  snprintf(tmp, sizeof tmp, "%04dK%d", (int)floordiv(quarter, 4), (int)(quarter - 4 * floordiv(quarter, 4)) + 1);
  memcpy(out, tmp, 6);
  out[6] = '\0';
}

int32_t cal_month_of_date(int32_t days) {
  int y, m, d;
  cal_parts(days, &y, &m, &d);
  return y * 12 + m - 1;
}

bool cal_value_month(const value *v, int32_t *month) {
  if (v->kind == V_DATE) *month = cal_month_of_date(v->u.date);
  else if (v->kind == V_MONTH) *month = v->u.month;
  else return false;
  return true;
}

bool cal_value_days(const value *v, int32_t *first, int32_t *last) {
  switch (v->kind) {
  case V_DATE: *first = *last = v->u.date; return true;
  case V_MONTH: cal_month_days(v->u.month, first, last); return true;
  case V_QUARTER: cal_quarter_days(v->u.quarter, first, last); return true;
  case V_NUM:
    if (!num_is_int(v->u.n)) return false;
    cal_year_days(v->u.n.n, first, last);
    return true;
  default: return false;
  }
}

int32_t cal_quarter_of_month(int32_t month) { return (int32_t)floordiv(month, 3); }
int32_t cal_year_of_month(int32_t month) { return (int32_t)floordiv(month, 12); }

void cal_year_days(int64_t year, int32_t *first, int32_t *last) {
  if (year < CAL_YEAR_MIN) year = CAL_YEAR_MIN;
  if (year > CAL_YEAR_MAX) year = CAL_YEAR_MAX;
  *first = cal_days((int)year, 1, 1);
  *last = cal_days((int)year, 12, 31);
}

void cal_month_days(int32_t month, int32_t *first, int32_t *last) {
  int y = (int)floordiv(month, 12), m = (int)(month - 12 * (int64_t)y) + 1;
  *first = cal_days(y, m, 1);
  *last = (m == 12 ? cal_days(y + 1, 1, 1) : cal_days(y, m + 1, 1)) - 1;
}

void cal_quarter_days(int32_t quarter, int32_t *first, int32_t *last) {
  int32_t unused;
  cal_month_days(quarter * 3, first, &unused);
  cal_month_days(quarter * 3 + 2, &unused, last);
}

int32_t cal_months_between(int32_t a, int32_t b) {
  if (b < a) return -cal_months_between(b, a);
  int32_t k = cal_month_of_date(b) - cal_month_of_date(a);
  if (cal_date_add(a, k, 0) > b) k--; /* the day of the month not reached yet */
  return k;
}

/* ---- the Danish holiday calendar ---- */

/* Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
int32_t cal_easter(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return cal_days(y, month, day);
}

/* The days of year y on which no one works (spec §5.11), in no order; a
 * day may come twice (2. pinsedag on grundlovsdag, as in 2006). */
static int holidays(int y, int32_t out[12]) {
  int32_t easter = cal_easter(y);
  int n = 0;
  out[n++] = cal_days(y, 1, 1);    /* nytårsdag */
  out[n++] = easter - 3;           /* skærtorsdag */
  out[n++] = easter - 2;           /* langfredag */
  out[n++] = easter + 1;           /* 2. påskedag */
  if (y <= 2023) out[n++] = easter + 26; /* store bededag, abolished from 2024 */
  out[n++] = easter + 39;          /* Kristi himmelfartsdag */
  out[n++] = easter + 50;          /* 2. pinsedag */
  out[n++] = cal_days(y, 6, 5);    /* grundlovsdag */
  out[n++] = cal_days(y, 12, 24);  /* juleaftensdag */
  out[n++] = cal_days(y, 12, 25);  /* 1. juledag */
  out[n++] = cal_days(y, 12, 26);  /* 2. juledag */
  out[n++] = cal_days(y, 12, 31);  /* nytårsaftensdag */
  return n;
}

/* 0 = Monday ... 6 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(int32_t days) { return (int)(((int64_t)days + 3) - 7 * floordiv((int64_t)days + 3, 7)); }

bool cal_is_holiday(int32_t days) {
  int y, m, d;
  cal_parts(days, &y, &m, &d);
  int32_t h[12];
  int n = holidays(y, h);
  for (int i = 0; i < n; i++)
    if (h[i] == days) return true;
  return false;
}

bool cal_is_working_day(int32_t days) { return weekday(days) < 5 && !cal_is_holiday(days); }

/* Mondays to Fridays among the days before `days` (from a Monday long
 * ago): 5 a week, plus the week's start. */
static int64_t weekdays_before(int32_t days) {
  int64_t m = (int64_t)days + 3; /* 0 on a Monday */
  int64_t weeks = floordiv(m, 7), rest = m - 7 * weeks;
  return 5 * weeks + (rest < 5 ? rest : 5);
}

int64_t cal_working_days(int32_t a, int32_t b) {
  if (b < a) return -cal_working_days(b, a);
  int64_t n = weekdays_before(b + 1) - weekdays_before(a + 1); /* the days a+1 .. b */
  int ya, yb, m, d;
  cal_parts(a, &ya, &m, &d);
  cal_parts(b, &yb, &m, &d);
  for (int y = ya; y <= yb; y++) {
    int32_t h[12];
    int k = holidays(y, h);
    for (int i = 0; i < k; i++) {
      bool twice = false;
      for (int j = 0; j < i; j++) twice |= h[j] == h[i];
      if (!twice && h[i] > a && h[i] <= b && weekday(h[i]) < 5) n--;
    }
  }
  return n;
}
