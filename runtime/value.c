/* value.c — the values of rows and rules: missing and yes/no values,
 * their order, a date's month, quarter or year, and a value as text. */
#include <string.h>

#include "calendar.h"
#include "eval_internal.h"

value missing_value(void) {
  value v = {.kind = V_MISSING};
  return v;
}

value bool_value(truth t) {
  if (t == TV_UNKNOWN) return missing_value();
  value v = {.kind = V_BOOL, .u.b = t == TV_TRUE};
  return v;
}

/* -1, 0, 1; both values present and of comparable kinds (the checker saw to it). */
int value_cmp(value a, value b) {
  switch (a.kind) {
  case V_NUM: return num_cmp(a.u.n, b.u.n);
  case V_DATE: return (a.u.date > b.u.date) - (a.u.date < b.u.date);
  case V_BOOL: return (int)a.u.b - (int)b.u.b;
  case V_MONTH: return (a.u.month > b.u.month) - (a.u.month < b.u.month);
  case V_QUARTER: return (a.u.quarter > b.u.quarter) - (a.u.quarter < b.u.quarter);
  case V_TEXT: {
    size_t n = a.u.t.len < b.u.t.len ? a.u.t.len : b.u.t.len;
    int c = memcmp(a.u.t.s, b.u.t.s, n);
    if (c) return c < 0 ? -1 : 1;
    return (a.u.t.len > b.u.t.len) - (a.u.t.len < b.u.t.len);
  }
  default: return 0;
  }
}

value int_value(int64_t n) {
  value v = {.kind = V_NUM, .u.n = num_int(n)};
  return v;
}

/* The month, quarter or year of a date, month or quarter (§5.11; the
 * checker has made sure a has one); missing stays missing. */
value time_part(by_fn fn, value a) {
  if (a.kind == V_MISSING || fn == BYF_VALUE) return a;
  if (fn == BYF_MONTH) {
    value v = {.kind = V_MONTH};
    return cal_value_month(&a, &v.u.month) ? v : missing_value();
  }
  if (fn == BYF_QUARTER) {
    value v = {.kind = V_QUARTER};
    v.u.quarter = a.kind == V_DATE ? cal_quarter_of_month(cal_month_of_date(a.u.date))
                : a.kind == V_MONTH ? cal_quarter_of_month(a.u.month) : a.u.quarter;
    return v;
  }
  return int_value(a.kind == V_DATE ? cal_year_of_month(cal_month_of_date(a.u.date))
                 : a.kind == V_MONTH ? cal_year_of_month(a.u.month) : a.u.quarter / 4);
}

/* A value as text: the key of a breakdown part, a distinct value, a row's
 * key.  Exact for every number a data file or a rule can hold (at most 18
 * decimals, spec §2.4), so two values have one text only when they are
 * equal: 0,1234567891 and 0,1234567892 are two. */
void value_text(value v, buf *b) {
  char tmp[64];
  switch (v.kind) {
  case V_NUM: num_format_exact(v.u.n, 18, tmp, sizeof tmp); buf_adds(b, tmp); break;
  case V_DATE: cal_format_date(v.u.date, tmp); buf_adds(b, tmp); break;
  case V_BOOL: buf_adds(b, v.u.b ? "ja" : "nej"); break;
  case V_TEXT: buf_add(b, v.u.t.s, v.u.t.len); break;
  case V_MONTH: cal_format_month(v.u.month, tmp); buf_adds(b, tmp); break;
  case V_QUARTER: cal_format_quarter(v.u.quarter, tmp); buf_adds(b, tmp); break;
  default: break;
  }
}

/* A value as a report shows it, the label of a breakdown part (spec §11):
 * value_text, but a number with a decimal comma, as the documents write
 * it (2,5), and no thousands points, since an id or a year is not a
 * quantity.  Exact like value_text, so two values have one label only
 * when they are equal. */
void value_label(value v, buf *b) {
  size_t at = b->len;
  value_text(v, b);
  if (v.kind != V_NUM) return;
  char *point = memchr(b->s + at, '.', b->len - at);
  if (point) *point = ',';
}

/* The month of a date or a month value (spec §2.8), as year * 12 +
 * month - 1; false for anything else. */
bool month_index_of(value v, int32_t *out) { return cal_value_month(&v, out); }
