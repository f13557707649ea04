/* calendar_test.c — months, quarters, Easter and Danish working days
 * (lang/calendar.c).  Easter dates from an independent table (Python's
 * dateutil); the working-day counts from an independent day-by-day count
 * over the holidays of spec §5.11. */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

#include "ast.h"

typedef struct {
  int run;
  int failed;
} tally;

static void report(tally *t, const char *name, long long want, long long got) {
  t->run++;
  if (want == got) {
    printf("PASS calendar: %s\n", name);
    return;
  }
  t->failed++;
  printf("FAIL calendar: %s\n    expected: %lld\n    got:      %lld\n", name, want, got);
}

static void report_text(tally *t, const char *name, const char *want, const char *got) {
  t->run++;
  if (!strcmp(want, got)) {
    printf("PASS calendar: %s\n", name);
    return;
  }
  t->failed++;
  printf("FAIL calendar: %s\n    expected: %s\n    got:      %s\n", name, want, got);
}

static int32_t day(const char *iso) {
  int32_t d = 0;
  cal_parse_date(iso, strlen(iso), &d);
  return d;
}

static void test_easter(tally *t) {
  static const struct {
    int year;
    const char *date;
  } cases[] = {{1900, "1900-04-15"}, {1954, "1954-04-18"}, {2000, "2000-04-23"}, {2006, "2006-04-16"},
               {2008, "2008-03-23"}, {2009, "2009-04-12"}, {2011, "2011-04-24"}, {2019, "2019-04-21"},
               {2024, "2024-03-31"}, {2038, "2038-04-25"}, {2100, "2100-03-28"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char name[64], got[11];
    cal_format_date(cal_easter(cases[i].year), got);
    snprintf(name, sizeof name, "Easter %d", cases[i].year);
    report_text(t, name, cases[i].date, got);
  }
}

static void test_holidays(tally *t) {
  report(t, "store bededag 2009-05-08 is a holiday", 1, cal_is_holiday(day("2009-05-08")));
  report(t, "store bededag 2023-05-05 is a holiday", 1, cal_is_holiday(day("2023-05-05")));
  report(t, "no store bededag from 2024 (2024-04-26 is a working day)", 1, cal_is_working_day(day("2024-04-26")));
  report(t, "Kristi himmelfartsdag 2009-05-21", 1, cal_is_holiday(day("2009-05-21")));
  report(t, "2. pinsedag 2009-06-01", 1, cal_is_holiday(day("2009-06-01")));
  report(t, "grundlovsdag 2009-06-05", 1, cal_is_holiday(day("2009-06-05")));
  report(t, "skærtorsdag 2009-04-09", 1, cal_is_holiday(day("2009-04-09")));
  report(t, "31 December", 1, cal_is_holiday(day("2009-12-31")));
  report(t, "a Saturday is no working day", 0, cal_is_working_day(day("2009-01-03")));
  report(t, "an ordinary Monday is a working day", 1, cal_is_working_day(day("2009-01-05")));
}

static void test_working_days(tally *t) {
  static const struct {
    const char *a, *b;
    long long n;
  } cases[] = {
      {"2008-12-31", "2009-12-31", 250}, /* the whole of 2009 */
      {"2009-12-31", "2010-12-31", 252},
      {"2023-12-31", "2024-12-31", 251},
      {"2009-04-03", "2009-04-17", 7},   /* Easter: four days off in two weeks */
      {"2023-04-30", "2023-05-31", 20},  /* May 2023 with store bededag */
      {"2024-04-30", "2024-05-31", 21},  /* May 2024 without */
      {"2006-05-31", "2006-06-30", 21},  /* 2. pinsedag on grundlovsdag: one day off, not two */
      {"2009-11-30", "2009-12-31", 20},
      {"2009-01-05", "2009-01-05", 0},   /* A itself is not counted */
      {"2009-01-05", "2009-01-06", 1},
      {"2009-01-09", "2009-01-12", 1},   /* Friday to Monday */
      {"2009-01-12", "2009-01-09", -1},  /* backwards: negative */
      {"1969-12-26", "1970-01-05", 4},   /* across the epoch: 29, 30 Dec, 2 and 5 Jan */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char name[80];
    snprintf(name, sizeof name, "working days from %s to %s", cases[i].a, cases[i].b);
    report(t, name, cases[i].n, cal_working_days(day(cases[i].a), day(cases[i].b)));
  }
}

static void test_months(tally *t) {
  int32_t m = 0, q = 0;
  char out[8];
  report(t, "2009-01 parses", 1, cal_parse_month("2009-01", 7, &m));
  report(t, "2009-01 is year*12", 2009 * 12, m);
  cal_format_month(m - 1, out);
  report_text(t, "the month before 2009-01", "2008-12", out);
  report(t, "2009-13 is no month", 0, cal_parse_month("2009-13", 7, &m));
  report(t, "2009-1 is no month", 0, cal_parse_month("2009-1", 6, &m));
  report(t, "2009K4 parses", 1, cal_parse_quarter("2009K4", 6, &q));
  report(t, "2009k1 parses", 1, cal_parse_quarter("2009k1", 6, &q));
  report(t, "2009K5 is no quarter", 0, cal_parse_quarter("2009K5", 6, &q));
  cal_parse_quarter("2009K3", 6, &q);
  cal_format_quarter(q, out);
  report_text(t, "2009K3 prints as written", "2009K3", out);
  cal_parse_month("2009-08", 7, &m);
  report(t, "2009-08 is in 2009K3", q, cal_quarter_of_month(m));
  report(t, "the month of 2009-08-31", m, cal_month_of_date(day("2009-08-31")));
  value date = {.kind = V_DATE, .u.date = day("2009-08-01")}, month = {.kind = V_MONTH, .u.month = m}, none = {0};
  int32_t got = -1;
  report(t, "the month of a date value", 1, cal_value_month(&date, &got) && got == m);
  report(t, "the month of a month value", 1, cal_value_month(&month, &got) && got == m);
  report(t, "a missing value has no month", 0, cal_value_month(&none, &got));
  int32_t first, last;
  cal_parse_month("2008-02", 7, &m);
  cal_month_days(m, &first, &last);
  report(t, "February 2008 ends on the 29th", day("2008-02-29"), last);
  cal_quarter_days(q, &first, &last);
  report(t, "2009K3 starts 1 July", day("2009-07-01"), first);
  report(t, "2009K3 ends 30 September", day("2009-09-30"), last);
  report(t, "months from 2009-01-15 to 2009-02-14", 0, cal_months_between(day("2009-01-15"), day("2009-02-14")));
  report(t, "months from 2009-01-15 to 2009-02-15", 1, cal_months_between(day("2009-01-15"), day("2009-02-15")));
  report(t, "months from 2009-01-31 to 2009-02-28", 1, cal_months_between(day("2009-01-31"), day("2009-02-28")));
  report(t, "months from 2009-03-10 to 2008-01-10", -14, cal_months_between(day("2009-03-10"), day("2008-01-10")));
}

/* cal_parse_date reads the years 1901-2099 by a shorter way than
 * cal_days: every day of 1890-2110, in both forms, reads back as the day
 * cal_days and cal_format_date give. */
static void test_parse_dates(tally *t) {
  int wrong = 0, days = 0;
  for (int32_t z = cal_days(1890, 1, 1); z <= cal_days(2110, 12, 31); z++, days++) {
    char iso[11], dmy[32];
    int y, m, d;
    cal_format_date(z, iso);
    cal_parts(z, &y, &m, &d);
    snprintf(dmy, sizeof dmy, "%02d.%02d.%04d", d, m, y);
    int32_t a = -1, b = -1;
    if (!cal_parse_date(iso, 10, &a) || !cal_parse_date(dmy, 10, &b) || a != z || b != z || cal_days(y, m, d) != z) wrong++;
  }
  report(t, "every day of 1890-2110 reads back", 0, wrong);
  report(t, "days read", 80718, days);
  int32_t z;
  report(t, "2008-02-29 is a day", 1, cal_parse_date("2008-02-29", 10, &z));
  report(t, "2000-02-29 is a day", 1, cal_parse_date("2000-02-29", 10, &z));
  report(t, "2009-02-29 is no day", 0, cal_parse_date("2009-02-29", 10, &z));
  report(t, "1900-02-29 is no day", 0, cal_parse_date("1900-02-29", 10, &z));
  report(t, "2100-02-29 is no day", 0, cal_parse_date("2100-02-29", 10, &z));
  report(t, "2009-04-31 is no day", 0, cal_parse_date("2009-04-31", 10, &z));
  report(t, "2009-00-10 is no day", 0, cal_parse_date("2009-00-10", 10, &z));
  report(t, "2009-01-00 is no day", 0, cal_parse_date("2009-01-00", 10, &z));
  report(t, "20x9-01-01 is no day", 0, cal_parse_date("20x9-01-01", 10, &z));
  report(t, "2009-01-0: is no day", 0, cal_parse_date("2009-01-0:", 10, &z));
  report(t, "2009-01-01 with a byte over 127 is no day", 0, cal_parse_date("2009-01-0\xb1", 10, &z));
  report(t, "31-12-2007 is a day", 1, cal_parse_date("31-12-2007", 10, &z) && z == day("2007-12-31"));
  report(t, "31-12.2007 is no day", 0, cal_parse_date("31-12.2007", 10, &z));
}

/* The plain reading of a date, character by character, to hold
 * cal_parse_date's against. */
static bool plain_date(const char *s, int32_t *days) {
  static const int pos[3][2] = {{0, 4}, {5, 2}, {8, 2}}; /* ISO; the other form swaps day and year */
  bool iso = s[4] == '-' && s[7] == '-';
  if (!iso && (s[2] != s[5] || (s[2] != '-' && s[2] != '.'))) return false;
  int v[3];
  for (int k = 0; k < 3; k++) {
    int at = iso ? pos[k][0] : k == 0 ? 6 : k == 1 ? 3 : 0, n = iso ? pos[k][1] : k == 0 ? 4 : 2;
    v[k] = 0;
    for (int i = at; i < at + n; i++) {
      if (s[i] < '0' || s[i] > '9') return false;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  }
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = v[0], m = v[1], d = v[2];
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap)) return false;
  *days = cal_days(y, m, d);
  return true;
}

/* Every byte at every place of a date in either form reads as the plain
 * reading has it: a date, the same day, or none. */
static void test_parse_bytes(tally *t) {
  static const char *const dates[] = {"2009-06-15", "2008-02-29", "1899-12-31", "15-06-2009", "29.02.2008"};
  int wrong = 0, tried = 0;
  for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++)
    for (int i = 0; i < 10; i++)
      for (int c = 0; c < 256; c++, tried++) {
        char s[11];
        memcpy(s, dates[k], 11);
        s[i] = (char)c;
        int32_t a = -1, b = -1;
        bool ok = cal_parse_date(s, 10, &a), want = plain_date(s, &b);
        if (ok != want || (ok && a != b)) wrong++;
      }
  report(t, "every byte at every place of a date reads as plainly read", 0, wrong);
  report(t, "bytes tried", 5 * 10 * 256, tried);
}

int main(void) {
  tally t = {0, 0};
  test_parse_dates(&t);
  test_parse_bytes(&t);
  test_easter(&t);
  test_holidays(&t);
  test_working_days(&t);
  test_months(&t);
  printf("calendar: %d cases, %d failed\n", t.run, t.failed);
  return t.failed ? 1 : 0;
}
