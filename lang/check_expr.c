/* check_expr.c — the checker's expressions: literals read as a column's
 * type, names resolved, types of operators and comparisons, time values
 * (§2.8, §5.11), fields of related rows and 'har' (§5.9, §5.10), constant
 * folding for targets and bounds, and the groups, whose conditions are
 * expressions that may name other groups.  check.c drives. */
#include "check.h"
#include "check_internal.h"
#include "utf8.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"

/* An operator or function as a message names it: as the rule file's
 * language writes it (msg.h).  The list is what the catalogue holds. */
static const char *expr_word(expr_kind k) {
  static const char *const words[] = {
      N_("and"), N_("or"), N_("not"), N_("in"), N_("not in"), N_("between"), N_("is missing"),
      N_("is not missing"), N_("has"), N_("month of"), N_("quarter of"), N_("year of"), N_("the period"),
      N_("days from"), N_("working days from"), N_("months from"), N_("field"), N_("truth value")};
  (void)words;
  return M(ast_expr_name(k));
}

/* ---- expressions ---- */


vtype ck_check_expr(chk *c, expr *e, data_decl *src);
static vtype check_field(chk *c, expr *e, data_decl *src);
static vtype check_has(chk *c, expr *e, data_decl *src);

static void unknown_name(chk *c, expr *e, data_decl *src) {
  if (src && src->unreadable) return; /* its columns are unknown: say nothing more */
  suggest s = {NULL, 99, e->name};
  if (src)
    for (size_t i = 0; i < src->ncol; i++) ck_consider(&s, src->colv[i]->name);
  for (param_decl *q = c->p->params; q; q = q->next) ck_consider(&s, q->name);
  for (group_decl *g = c->p->groups; g; g = g->next) ck_consider(&s, g->name);
  if (src)
    diag_error(c->d, e->sp, "'%s' is not a column of '%s', a parameter or a group", e->name,
               src->name);
  else
    diag_error(c->d, e->sp, "'%s' is not a parameter", e->name);
  if (s.best) diag_note(c->d, e->sp, "did you mean '%s'?", s.best);
}

static vtype check_name(chk *c, expr *e, data_decl *src) {
  if (src) {
    int i = ast_column_index(src, e->name);
    if (i >= 0) {
      e->ref = REF_COLUMN;
      e->slot = i;
      return e->type = src->colv[i]->type;
    }
  }
  param_decl *q = ck_find_param(c->p, e->name);
  if (q) {
    e->ref = REF_PARAM;
    e->slot = q->index;
    return e->type = q->type;
  }
  group_decl *g = src ? ck_find_group(c->p, e->name) : NULL;
  if (g) {
    ck_resolve_group(c, g);
    e->ref = REF_GROUP;
    e->slot = g->index;
    if (g->source && g->source != src) {
      diag_error(c->d, e->sp, "group '%s' is a group of '%s', but this condition is about rows of '%s'",
                 g->name, g->source->name, src->name);
      return e->type = T_NONE;
    }
    return e->type = T_BOOL;
  }
  if (src && ck_find_data(c->p, e->name)) {
    diag_error(c->d, e->sp, "'%s' is a data source; a condition can name its columns, parameters and groups",
               e->name);
    return e->type = T_NONE;
  }
  unknown_name(c, e, src);
  return e->type = T_NONE;
}

/* A column empty in every sampled row has no type of its own yet: the
 * first use that needs one gives it (a date compared with a date). */
static vtype adopt(chk *c, expr *e, data_decl *src, vtype want) {
  if (!src || e->kind != E_NAME || e->ref != REF_COLUMN || want == T_NONE || want == T_DUR) return e->type;
  column_decl *col = src->colv[e->slot];
  if (!col->unsampled) return e->type;
  col->type = want;
  col->unsampled = false;
  (void)c;
  return e->type = want;
}

static bool comparable(vtype a, vtype b) {
  if (a == T_NONE || b == T_NONE) return true; /* already reported */
  if (ast_type_numeric(a) && ast_type_numeric(b)) return true;
  return a == b;
}

static bool is_literal(const expr *e) {
  return e->kind == E_NUM || e->kind == E_STR || e->kind == E_DATE || e->kind == E_BOOL || e->kind == E_MONTH ||
         e->kind == E_QUARTER;
}

static void hint_time_text(chk *c, const expr *text, const expr *other);
static int value_order(value a, value b);
const char *ck_time_text(arena *a, value v);

/* A column inferred as text because its sample holds digits led by a
 * zero (source.c, spec §4.4): say so, where it is used as a number. */
static void zero_led_note(chk *c, const expr *e, const data_decl *src) {
  if (!src || e->kind != E_NAME || e->ref != REF_COLUMN) return;
  const column_decl *col = src->colv[e->slot];
  if (col->zero_led && col->type == T_TEXT)
    diag_note(c->d, e->sp, "'%s' is taken as a text of codes, since its values have leading zeros ('%s'); declare it '%s: heltal' to read them as numbers",
              col->name, col->zero_led, col->name);
}

/* "column 'alder' is an int, but is compared with the text \"atten\"" */
static void mismatch(chk *c, expr *whole, expr *l, expr *r, const data_decl *src) {
  if (r->kind == E_NAME && l->kind != E_NAME) { /* name the column side first */
    expr *t = l;
    l = r;
    r = t;
  }
  const char *rtype = is_literal(r) ? "" : arena_printf(c->p->arena, M(", which is %s"), ck_article(r->type));
  diag_error(c->d, whole->sp, "%s is %s, but is compared with %s%s", ck_describe(c, l), ck_article(l->type),
             ck_describe(c, r), rtype);
  if (l->type == T_BOOL && r->kind == E_STR)
    diag_note(c->d, r->sp, "ja and nej are written without quotes; a yes/no column can also stand alone: 'hvor %s'",
              l->kind == E_NAME ? l->name : "jobplan");
  zero_led_note(c, l, src);
  hint_time_text(c, r, l);
}

static void hint_decimal_comma(chk *c, expr *item, vtype want) {
  if (item->kind == E_NUM && want == T_INT && item->raw && strchr(item->raw, ','))
    diag_note(c->d, item->sp, "%s reads as one decimal number; to list %.*s and %s, put a space after the comma",
              item->raw, (int)(strchr(item->raw, ',') - item->raw), item->raw,
              strchr(item->raw, ',') + 1);
}

static vtype check_time(chk *c, expr *e, data_decl *src);
static vtype check_time_arith(expr *e, vtype a, vtype b);

/* A text column compared with a text, or broken down by, whose sample
 * holds a value with a space at its start or end (source.c): texts are
 * compared as written, so "Køge " is not "Køge" and makes a part of its
 * own; said once a column, at its first such use (spec §4.5). */
void ck_warn_spaced(chk *c, column_decl *col, span at, const data_decl *src) {
  if (col->type != T_TEXT) return;
  if (col->spaced && !col->spaced_said) {
    col->spaced_said = true;
    diag_warning(c->d, at, "column '%s' holds texts with a space at the start or end ('%s', line %u of %s); texts are compared as written, so such a value does not equal the text without the space",
                 col->name, col->spaced, col->spaced_line, src->resolved_path);
  }
  if (col->split && !col->split_said) {
    col->split_said = true;
    diag_warning(c->d, at, "column '%s' holds texts with a letter written in two parts, a letter and a combining mark ('%s', line %u of %s); such a text does not equal the same word written with the letter in one",
                 col->name, col->split, col->split_line, src->resolved_path);
  }
}

static void warn_spaced(chk *c, const expr *e, const data_decl *src) {
  if (src && e->kind == E_NAME && e->ref == REF_COLUMN) ck_warn_spaced(c, src->colv[e->slot], e->sp, src);
}

vtype ck_check_expr(chk *c, expr *e, data_decl *src) {
  switch (e->kind) {
#define X(k, s) case k:
  TIME_EXPR_LIST(X)
#undef X
    return check_time(c, e, src);
  case E_NUM:
    if (e->lit.kind == V_MISSING) diag_error(c->d, e->sp, "the number %s is too long (at most 18 digits)", e->raw);
    return e->type;
  case E_DATE:
    if (e->lit.kind == V_MISSING) diag_error(c->d, e->sp, "%s is not a date in the calendar", e->raw);
    return e->type;
  case E_STR:
    if (utf8_has_combining(e->lit.u.t.s, e->lit.u.t.len))
      diag_warning(c->d, e->sp, "this text has a letter written in two parts, a letter and a combining mark; data that writes the letter in one will not equal it");
    return e->type;
  case E_BOOL:
    return e->type;
  case E_DURATION: {
    vtype t = ck_check_expr(c, e->a, src);
    if (t != T_INT)
      diag_error(c->d, e->sp, "a duration is a whole number of days, weeks, months or years");
    return e->type = T_DUR;
  }
  case E_ULTIMO:
  case E_PRIMO: {
    vtype t = ck_check_expr(c, e->a, src);
    if (t != T_NONE && t != T_INT)
      diag_error(c->d, e->a->sp, "'%s' takes a year, such as 'ultimo 2008'; %s is %s",
                 e->kind == E_ULTIMO ? "ultimo" : "primo", ck_describe(c, e->a), ck_article(t));
    return e->type = T_DATE;
  }
  case E_NAME:
    return check_name(c, e, src);
  case E_FIELD:
    return check_field(c, e, src);
  case E_HAS:
    return check_has(c, e, src);
  case E_NEG: {
    vtype t = ck_check_expr(c, e->a, src);
    if (t != T_NONE && !ast_type_numeric(t))
      diag_error(c->d, e->sp, "only numbers can be negated; %s is %s", ck_describe(c, e->a), ck_article(t));
    return e->type = t == T_NONE ? T_NONE : (t == T_INT ? T_INT : T_DEC);
  }
  case E_ADD: case E_SUB: case E_MUL: case E_DIV: {
    vtype a = ck_check_expr(c, e->a, src), b = ck_check_expr(c, e->b, src);
    if (b == T_DUR) a = adopt(c, e->a, src, T_DATE); /* only a date takes a duration */
    else a = adopt(c, e->a, src, b);
    b = adopt(c, e->b, src, a);
    if (a == T_NONE || b == T_NONE) return e->type = T_NONE;
    if (ast_type_numeric(a) && ast_type_numeric(b))
      return e->type = (a == T_INT && b == T_INT && e->kind != E_DIV) ? T_INT : T_DEC;
    if (a == T_DATE && (b == T_INT || b == T_DUR) && (e->kind == E_ADD || e->kind == E_SUB)) return e->type = T_DATE;
    if (a == T_DATE && b == T_DATE && e->kind == E_SUB) return e->type = T_INT;
    if (check_time_arith(e, a, b) != T_NONE) return e->type;
    diag_error(c->d, e->sp, "cannot compute %s %s %s: %s is %s and %s is %s", ck_describe(c, e->a),
               expr_word(e->kind), ck_describe(c, e->b), ck_describe(c, e->a), ck_article(a),
               ck_describe(c, e->b), ck_article(b));
    if (b == T_DUR)
      diag_note(c->d, e->sp, "a duration (90 dage, 3 måneder) can only be added to or subtracted from a date");
    else
      diag_note(c->d, e->sp, "numbers can be added, subtracted, multiplied and divided; a date plus or minus a whole number of days is a date; a date minus a date is a number of days");
    return e->type = T_NONE;
  }
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: {
    vtype a = ck_check_expr(c, e->a, src), b = ck_check_expr(c, e->b, src);
    a = adopt(c, e->a, src, b);
    b = adopt(c, e->b, src, a);
    if (!comparable(a, b)) {
      mismatch(c, e, e->a, e->b, src);
    } else if ((a == T_TEXT || a == T_BOOL) && e->kind != E_EQ && e->kind != E_NE) {
      diag_error(c->d, e->sp, "%s is %s; it can only be compared with = and !=", ck_describe(c, e->a), ck_article(a));
    } else if (a == T_TEXT) {
      warn_spaced(c, e->a, src);
      warn_spaced(c, e->b, src);
    }
    return e->type = T_BOOL;
  }
  case E_IN: case E_NOTIN: {
    vtype a = ck_check_expr(c, e->a, src);
    if (e->b) a = adopt(c, e->a, src, ck_check_expr(c, e->b, NULL));
    for (expr *it = e->b; it; it = it->next) {
      vtype t = ck_check_expr(c, it, NULL);
      if (it->kind == E_NAME && it->ref != REF_PARAM) continue;
      if (!comparable(a, t)) {
        diag_error(c->d, it->sp, "%s is %s, but the list holds %s, which is %s", ck_describe(c, e->a),
                   ck_article(a), ck_describe(c, it), ck_article(t));
        hint_decimal_comma(c, it, a);
        if (it == e->b) hint_time_text(c, it, e->a); /* once for the list */
        if (it == e->b) zero_led_note(c, e->a, src);
      } else if (a == T_INT && it->kind == E_NUM && t == T_DEC) {
        diag_error(c->d, it->sp, "%s is a whole number (int), so it can never be %s", ck_describe(c, e->a), it->raw);
        hint_decimal_comma(c, it, a);
      }
    }
    if (a == T_TEXT) warn_spaced(c, e->a, src);
    return e->type = T_BOOL;
  }
  case E_BETWEEN: {
    vtype a = ck_check_expr(c, e->a, src), lo = ck_check_expr(c, e->b, src), hi = ck_check_expr(c, e->c, src);
    a = adopt(c, e->a, src, lo);
    if (a != T_NONE && !ast_type_numeric(a) && a != T_DATE && a != T_MONTH && a != T_QUARTER)
      diag_error(c->d, e->a->sp, "%s is %s; 'between' needs numbers, dates, months or quarters", ck_describe(c, e->a), ck_article(a));
    else if (!comparable(a, lo)) mismatch(c, e, e->a, e->b, src);
    else if (!comparable(a, hi)) mismatch(c, e, e->a, e->c, src);
    else if (e->b->kind == E_NUM && e->c->kind == E_NUM && e->b->lit.kind == V_NUM &&
             e->c->lit.kind == V_NUM && num_cmp(e->b->lit.u.n, e->c->lit.u.n) > 0)
      diag_error(c->d, e->sp, "the range %s to %s is empty: the low end comes first", e->b->raw, e->c->raw);
    else if (e->b->kind == e->c->kind && (e->b->kind == E_MONTH || e->b->kind == E_QUARTER) &&
             e->b->lit.kind != V_MISSING && e->c->lit.kind != V_MISSING && value_order(e->b->lit, e->c->lit) > 0)
      diag_error(c->d, e->sp, "the range %s to %s is empty: the low end comes first", e->b->raw, e->c->raw);
    return e->type = T_BOOL;
  }
  case E_MISSING: case E_PRESENT:
    ck_check_expr(c, e->a, src);
    return e->type = T_BOOL;
  case E_AND: case E_OR: case E_NOT: {
    expr *ops[2] = {e->a, e->b};
    for (int i = 0; i < 2 && ops[i]; i++) {
      vtype t = adopt(c, ops[i], src, ck_check_expr(c, ops[i], src) == T_TEXT ? T_BOOL : T_NONE);
      if (t != T_NONE && t != T_BOOL)
        diag_error(c->d, ops[i]->sp, "'%s' needs yes/no conditions on both sides, but %s is %s",
                   expr_word(e->kind), ck_describe(c, ops[i]), ck_article(t));
    }
    return e->type = T_BOOL;
  }
  }
  return T_NONE;
}

/* ---- time values (spec §2.8, §5.11) ---- */

/* A month or quarter as text, for the period it may be: 2009-01, 2009K1. */
const char *ck_time_text(arena *a, value v) {
  char b[8];
  if (v.kind == V_MONTH) cal_format_month(v.u.month, b);
  else cal_format_quarter(v.u.quarter, b);
  return arena_strdup(a, b);
}

/* Months and quarters of two literals, in order. */
static int value_order(value a, value b) {
  int32_t x = a.kind == V_MONTH ? a.u.month : a.u.quarter, y = b.kind == V_MONTH ? b.u.month : b.u.quarter;
  return (x > y) - (x < y);
}

/* A text or a date where a month is meant ("2009-12", 2009-12-01), or a
 * month where a date is: say how to write what was meant. */
static void hint_time_text(chk *c, const expr *text, const expr *other) {
  vtype want = other->type;
  const char *col = other->kind == E_NAME ? other->name : NULL;
  if (want == T_DATE && (text->type == T_MONTH || text->type == T_QUARTER) && text->raw) {
    bool month = text->type == T_MONTH;
    diag_note(c->d, text->sp, "to compare the %s of a date, write '%s af %s = %s', or '%s i %s' for every day of it",
              month ? M("month") : M("quarter"), month ? "måned" : "kvartal", col ? col : "DATO", text->raw,
              col ? col : "DATO", text->raw);
    return;
  }
  if (want == T_MONTH && text->kind == E_DATE && text->lit.kind == V_DATE) {
    char iso[11];
    cal_format_date(text->lit.u.date, iso);
    diag_note(c->d, text->sp, "a month is written %.7s; the month of a date column is 'måned af KOLONNE'", iso);
    return;
  }
  if ((want == T_MONTH || want == T_QUARTER) && text->type == T_DATE) {
    diag_note(c->d, text->sp, "the %s of a date is '%s af %s'", want == T_MONTH ? M("month") : M("quarter"),
              want == T_MONTH ? "måned" : "kvartal", text->kind == E_NAME ? text->name : "dato");
    return;
  }
  if (text->kind != E_STR || (want != T_MONTH && want != T_QUARTER)) return;
  const char *s = text->lit.u.t.s;
  int32_t k;
  if (want == T_MONTH && cal_parse_month(s, strlen(s), &k))
    diag_note(c->d, text->sp, "a month is written without quotes: %s", s);
  else if (want == T_QUARTER && cal_parse_quarter(s, strlen(s), &k))
    diag_note(c->d, text->sp, "a quarter is written without quotes: %s", s);
  else
    diag_note(c->d, text->sp, "a month is written without quotes, such as 2009-12; a quarter such as 2009K4");
}

/* Month or quarter plus or minus a whole number, month minus month: the
 * type, or T_NONE when the operands are no such thing (the caller says). */
static vtype check_time_arith(expr *e, vtype a, vtype b) {
  bool add = e->kind == E_ADD, sub = e->kind == E_SUB;
  if ((a == T_MONTH || a == T_QUARTER) && b == T_INT && (add || sub)) return e->type = a;
  if (a == T_INT && (b == T_MONTH || b == T_QUARTER) && add) return e->type = b;
  if ((a == T_MONTH || a == T_QUARTER) && a == b && sub) return e->type = T_INT;
  return T_NONE;
}

static bool is_time(vtype t) { return t == T_DATE || t == T_MONTH || t == T_QUARTER; }

/* The agreement's period as a year, quarter or month value ('perioden'). */
static vtype check_the_period(chk *c, expr *e) {
  const char *t = c->p->period_text ? c->p->period_text : "";
  size_t n = strlen(t);
  if (n == 4 && strspn(t, "0123456789") == 4 && t[0] != '0') {
    e->lit.kind = V_NUM;
    e->lit.u.n = num_int(atoi(t));
    return e->type = T_INT;
  }
  if (cal_parse_month(t, n, &e->lit.u.month)) {
    e->lit.kind = V_MONTH;
    return e->type = T_MONTH;
  }
  if (cal_parse_quarter(t, n, &e->lit.u.quarter)) {
    e->lit.kind = V_QUARTER;
    return e->type = T_QUARTER;
  }
  if (!*t)
    diag_error(c->d, e->sp, "'perioden' is the agreement's period, but the agreement line gives none");
  else
    diag_error(c->d, e->sp, "'perioden' is the agreement's period, but '%s' is not a year, a quarter or a month", t);
  diag_note(c->d, e->sp, "write the period on the agreement line: 'aftale \"...\" periode 2009' (or 2009K1, 2009-01)");
  return e->type = T_NONE;
}

/* 'X i P': X a date, month or quarter; P a year, quarter or month no
 * shorter than X (a quarter is not within a month). */
static vtype check_within(chk *c, expr *e, data_decl *src) {
  vtype x = ck_check_expr(c, e->a, src);
  x = adopt(c, e->a, src, T_DATE);
  vtype p = ck_check_expr(c, e->b, src);
  if (p == T_INT && e->b->kind == E_NUM &&
      (e->b->lit.kind != V_NUM || num_cmp(e->b->lit.u.n, num_int(CAL_YEAR_MIN)) < 0 ||
       num_cmp(e->b->lit.u.n, num_int(CAL_YEAR_MAX)) > 0)) {
    diag_error(c->d, e->b->sp, "%s is not a year; 'i' takes a year (2009), a quarter (2009K1), a month (2009-01) or 'perioden'",
               e->b->raw);
    return e->type = T_BOOL;
  }
  if (x == T_NONE || p == T_NONE) return e->type = T_BOOL;
  if (!is_time(x)) {
    diag_error(c->d, e->a->sp, "%s is %s; only a date, a month or a quarter lies within a period", ck_describe(c, e->a),
               ck_article(x));
    if (x == T_INT) diag_note(c->d, e->a->sp, "to compare a year, write '%s = %s'", e->a->kind == E_NAME ? e->a->name : "aar",
                              e->b->raw ? e->b->raw : "2009");
    else if (x == T_TEXT && e->a->kind == E_NAME && e->a->ref == REF_COLUMN)
      diag_note(c->d, e->a->sp, "a column whose values are all like 2009-01 is a month column; declare it '%s: måned' to "
                "have the values that are not months reported", e->a->name);
  } else if (x == T_QUARTER && p == T_MONTH) {
    diag_error(c->d, e->sp, "a quarter does not lie within a month: %s is a quarter", ck_describe(c, e->a));
  }
  return e->type = T_BOOL;
}

/* The types of the time functions' operands. */
static vtype check_time_fn(chk *c, expr *e, data_decl *src) {
  const char *word = expr_word(e->kind);
  if (e->kind == E_MONTH_OF || e->kind == E_QUARTER_OF || e->kind == E_YEAR_OF) {
    vtype t = ck_check_expr(c, e->a, src);
    t = adopt(c, e->a, src, T_DATE);
    bool ok = t == T_NONE || t == T_DATE || t == T_MONTH || (t == T_QUARTER && e->kind != E_MONTH_OF);
    if (!ok)
      diag_error(c->d, e->a->sp, "'%s' takes a date%s; %s is %s", word,
                 e->kind == E_MONTH_OF ? M(" or a month") : M(", a month or a quarter"), ck_describe(c, e->a), ck_article(t));
    return e->type = e->kind == E_MONTH_OF ? T_MONTH : e->kind == E_QUARTER_OF ? T_QUARTER : T_INT;
  }
  /* days, working days, months from A to B */
  vtype a = ck_check_expr(c, e->a, src), b = ck_check_expr(c, e->b, src);
  a = adopt(c, e->a, src, b == T_NONE ? T_DATE : b);
  b = adopt(c, e->b, src, a == T_NONE ? T_DATE : a);
  expr *ops[2] = {e->a, e->b};
  vtype ts[2] = {a, b};
  for (int i = 0; i < 2; i++) {
    bool ok = ts[i] == T_NONE || ts[i] == T_DATE || (e->kind == E_MONTHS_FROM && ts[i] == T_MONTH);
    if (!ok)
      diag_error(c->d, ops[i]->sp, "'%s A to B' counts between two dates%s; %s is %s", word,
                 e->kind == E_MONTHS_FROM ? M(" or two months") : "", ck_describe(c, ops[i]), ck_article(ts[i]));
  }
  if (e->kind == E_MONTHS_FROM && a != T_NONE && b != T_NONE && is_time(a) && is_time(b) && a != b)
    diag_error(c->d, e->sp, "'%s A to B' counts between two dates or two months; %s is %s and %s is %s", word,
               ck_describe(c, e->a), ck_article(a), ck_describe(c, e->b), ck_article(b));
  return e->type = T_INT;
}

static vtype check_time(chk *c, expr *e, data_decl *src) {
  switch (e->kind) {
  case E_MONTH:
    if (e->lit.kind == V_MISSING) diag_error(c->d, e->sp, "%s is not a month (a month is 01 to 12)", e->raw);
    return e->type;
  case E_QUARTER:
    if (e->lit.kind == V_MISSING) diag_error(c->d, e->sp, "%s is not a quarter (a quarter is K1 to K4)", e->raw);
    return e->type;
  case E_PERIOD:
    return check_the_period(c, e);
  case E_WITHIN:
    return check_within(c, e, src);
  default:
    return check_time_fn(c, e, src);
  }
}

void ck_check_condition(chk *c, expr *e, data_decl *src, const char *where) {
  vtype t = ck_check_expr(c, e, src);
  t = adopt(c, e, src, T_BOOL); /* an empty column standing alone is a yes/no column */
  if (t != T_NONE && t != T_BOOL) {
    diag_error(c->d, e->sp, "%s is %s, not a yes/no condition", ck_describe(c, e), ck_article(t));
    diag_note(c->d, e->sp, "%s needs a condition such as 'alder >= 18' or 'jobplan'", where);
  }
}

/* ---- groups ---- */

void ck_resolve_group(chk *c, group_decl *g) {
  if (g->visit == 2) return;
  if (g->visit == 1) {
    buf path = {0};
    int from = 0;
    while (from < c->depth && c->stack[from] != g) from++;
    for (int i = from; i < c->depth; i++) buf_printf(&path, "%s → ", c->stack[i]->name);
    buf_adds(&path, g->name);
    diag_error(c->d, g->sp, "group '%s' is defined through itself (%s)", g->name, buf_str(&path));
    buf_free(&path);
    g->visit = 3; /* report once */
    return;
  }
  if (g->visit == 3) return;
  if (c->depth == (int)(sizeof c->stack / sizeof c->stack[0])) {
    diag_error(c->d, g->sp, "group '%s' is built on more than %d other groups; that is too deep to follow", g->name,
               c->depth);
    g->visit = 3;
    return;
  }
  g->visit = 1;
  c->stack[c->depth++] = g;
  data_decl *d = ck_find_data(c->p, g->base);
  group_decl *base = d ? NULL : ck_find_group(c->p, g->base);
  if (d) {
    g->source = d;
  } else if (base) {
    ck_resolve_group(c, base);
    g->parent = base;
    g->source = base->source;
  } else {
    suggest s = {NULL, 99, g->base};
    for (data_decl *x = c->p->data; x; x = x->next) ck_consider(&s, x->name);
    for (group_decl *x = c->p->groups; x; x = x->next) ck_consider(&s, x->name);
    diag_error(c->d, g->base_sp, "'%s' is neither a data source nor a group", g->base);
    if (s.best) diag_note(c->d, g->base_sp, "did you mean '%s'?", s.best);
  }
  if (g->where && g->source) ck_check_condition(c, g->where, g->source, M("a group's 'where'"));
  c->depth--;
  if (g->visit == 1) g->visit = 2;
}

/* ---- related rows (spec §5.9, §5.10) ---- */

/* VIA.FIELD on a row of src: VIA is a source src refers to, or src's
 * referencing column. */
static vtype check_field(chk *c, expr *e, data_decl *src) {
  rel_expr *x = e->rel;
  if (!src) {
    diag_error(c->d, e->sp, "'%s' reads a field of a related row; it can only stand in a condition on rows", e->name);
    return e->type = T_NONE;
  }
  if (src->unreadable) return e->type = T_NONE;
  const rel_ref *by_source[2] = {NULL, NULL}, *by_col = NULL;
  int nsource = 0;
  for (size_t i = 0; src->rel && i < src->rel->nrefs; i++) {
    const rel_ref *r = &src->rel->refs[i];
    if (!strcmp(r->target->name, x->via) && nsource < 2) by_source[nsource++] = r;
    if (!strcmp(src->colv[r->col]->name, x->via)) by_col = r;
  }
  const rel_ref *r = by_col ? by_col : by_source[0];
  if (!by_col && nsource > 1) {
    diag_error(c->d, e->sp, "'%s' reads two ways: through '%s' or through '%s'; write %s.%s or %s.%s", e->name,
               src->colv[by_source[0]->col]->name, src->colv[by_source[1]->col]->name,
               src->colv[by_source[0]->col]->name, x->field, src->colv[by_source[1]->col]->name, x->field);
    return e->type = T_NONE;
  }
  if (!r) {
    diag_error(c->d, e->sp, "'%s' is neither a source that '%s' refers to nor a column of it that refers to one",
               x->via, src->name);
    diag_note(c->d, e->sp, "a reference is declared with the data: 'COLUMN henviser til SOURCE'");
    return e->type = T_NONE;
  }
  data_decl *t = r->target;
  if (t->unreadable) return e->type = T_NONE; /* said at its path */
  int fi = ast_column_index(t, x->field);
  if (fi < 0) {
    suggest s = {NULL, 99, x->field};
    for (size_t k = 0; k < t->ncol; k++) ck_consider(&s, t->colv[k]->name);
    diag_error(c->d, e->sp, "'%s' is not a column of '%s'", x->field, t->name);
    if (s.best) diag_note(c->d, e->sp, "did you mean '%s.%s'?", x->via, s.best);
    return e->type = T_NONE;
  }
  rel_source *ts = t->rel;
  size_t k = 0;
  while (k < ts->nfields && ts->fields[k] != fi) k++;
  if (k == ts->nfields) { /* a new column kept per key */
    int *more = arena_alloc(c->p->arena, (ts->nfields + 1) * sizeof *more);
    if (ts->nfields) memcpy(more, ts->fields, ts->nfields * sizeof *more);
    more[ts->nfields++] = fi;
    ts->fields = more;
  }
  x->source = t;
  x->ref_col = r->col;
  x->field_pos = (int)k;
  return e->type = t->colv[fi]->type;
}

/* SRC.COL as a measured column or a breakdown: an E_FIELD kept with the
 * source, whose value the pass puts after the row's own columns.  Its
 * index (d->ncol + k), or -1 after an error. */
int ck_derived_column(chk *c, data_decl *d, const char *text, span sp, vtype *type) {
  if (!d->rel) {
    diag_error(c->d, sp, "'%s' reads a field through a reference, and '%s' refers to no source", text, d->name);
    return -1;
  }
  rel_source *rs = d->rel;
  for (size_t k = 0; k < rs->nderived; k++)
    if (!strcmp(rs->derived[k]->name, text)) {
      *type = rs->derived[k]->type;
      return (int)(d->ncol + k);
    }
  expr *e = ast_field(c->p, text, sp);
  *type = check_field(c, e, d);
  if (*type == T_NONE) return -1;
  expr **more = arena_alloc(c->p->arena, (rs->nderived + 1) * sizeof *more);
  if (rs->nderived) memcpy(more, rs->derived, rs->nderived * sizeof *more);
  more[rs->nderived++] = e;
  rs->derived = more;
  return (int)(d->ncol + rs->nderived - 1);
}

/* Does a group's chain, or a group named in its conditions, use 'har'?
 * Such a group cannot be NAME of a 'har': its rows' state would need
 * itself (spec §5.10).  Iterative: chains of groups are long. */
static bool has_inside(chk *c, const group_decl *g0, const expr *e0) {
  size_t ng = (size_t)c->p->ngroups + 1, n = 0, cap = 64;
  bool *seen = xcalloc(ng, 1), found = false;
  const expr **st = xmalloc(cap * sizeof *st);
#define PUSH(x) do { if (x) { if (n == cap) st = xrealloc(st, (cap *= 2) * sizeof *st); st[n++] = (x); } } while (0)
  PUSH(e0);
  for (const group_decl *g = g0; g && g->index >= 0 && !seen[g->index]; g = g->parent) {
    seen[g->index] = true;
    PUSH(g->where);
  }
  while (n && !found) {
    const expr *x = st[--n];
    if (x->kind == E_HAS) found = true;
    if (x->kind == E_NAME && x->ref == REF_GROUP && x->slot >= 0 && !seen[x->slot]) {
      for (const group_decl *g = c->p->groupv[x->slot]; g && !seen[g->index]; g = g->parent) {
        seen[g->index] = true;
        PUSH(g->where);
      }
    }
    PUSH(x->a);
    PUSH(x->b);
    PUSH(x->c);
    if (x->kind == E_IN || x->kind == E_NOTIN || x->next) PUSH(x->next);
  }
#undef PUSH
  free(seen);
  free(st);
  return found;
}

/* The link between a row of src and NAME's rows: NAME's source refers to
 * a source T, and src is T (its key) or refers to T too. */
static int find_link(data_decl *src, data_decl *r, int *ref_col, int *nfound, int *other) {
  int link = -1;
  *nfound = 0;
  for (size_t i = 0; r->rel && i < r->rel->nrefs; i++) {
    data_decl *t = r->rel->refs[i].target;
    int here = -1;
    if (t == src && src->rel && src->rel->nkey == 1) here = src->rel->key[0];
    for (size_t k = 0; here < 0 && src->rel && k < src->rel->nrefs; k++)
      if (src->rel->refs[k].target == t) here = src->rel->refs[k].col;
    if (here < 0) continue;
    if (++*nfound == 1) {
      link = here;
      *ref_col = r->rel->refs[i].col;
    } else {
      *other = r->rel->refs[i].col;
    }
  }
  return link;
}

static void register_has(chk *c, rel_expr *x) {
  ast_program *p = c->p;
  if (x->index >= 0) return;
  struct rel_expr **more = arena_alloc(p->arena, (size_t)(p->nhas + 1) * sizeof *more);
  if (p->nhas) memcpy(more, p->hasv, (size_t)p->nhas * sizeof *more);
  x->index = p->nhas;
  more[p->nhas++] = x;
  p->hasv = more;
  x->source->rel->nhas++;
}

static vtype check_has(chk *c, expr *e, data_decl *src) {
  rel_expr *x = e->rel;
  e->type = T_BOOL;
  if (!src) {
    diag_error(c->d, e->sp, "'har' counts the rows related to a row; it can only stand in a condition on rows");
    return T_NONE;
  }
  if (c->in_has) {
    diag_error(c->d, e->sp, "a 'har' cannot stand in the condition of a 'har': the rows it counts are read while its state is built");
    return T_BOOL;
  }
  if (x->n < 0 || x->months < 0 || x->k < 0 || x->months > 1200) {
    diag_error(c->d, x->n < 0 ? e->sp : x->w_sp, "this count is too large (at most 1.200 months)");
    return T_BOOL;
  }
  data_decl *r = ck_find_data(c->p, x->name);
  group_decl *g = r ? NULL : ck_find_group(c->p, x->name);
  if (g) {
    ck_resolve_group(c, g);
    r = g->source;
    x->group = g;
  }
  if (!r) {
    suggest s = {NULL, 99, x->name};
    for (group_decl *y = c->p->groups; y; y = y->next) ck_consider(&s, y->name);
    for (data_decl *y = c->p->data; y; y = y->next) ck_consider(&s, y->name);
    diag_error(c->d, x->name_sp, "'%s' is neither a data source nor a group", x->name);
    if (s.best) diag_note(c->d, x->name_sp, "did you mean '%s'?", s.best);
    return T_BOOL;
  }
  if (r->unreadable || src->unreadable) return T_BOOL;
  for (size_t i = 0; r->rel && i < r->rel->nrefs; i++)
    if (r->rel->refs[i].target->unreadable) return T_BOOL; /* said at its path */
  int nfound, other = -1;
  x->link_col = find_link(src, r, &x->ref_col, &nfound, &other);
  if (nfound == 0) {
    diag_error(c->d, x->name_sp, "the rows of '%s' are not related to rows of '%s': '%s' refers to no source that "
               "'%s' is or refers to", r->name, src->name, r->name, src->name);
    diag_note(c->d, x->name_sp, "a reference is declared with the data: 'COLUMN henviser til SOURCE'");
    return T_BOOL;
  }
  if (nfound > 1) {
    diag_error(c->d, x->name_sp, "the rows of '%s' are related to rows of '%s' in two ways: through '%s' and through '%s'",
               r->name, src->name, r->colv[x->ref_col]->name, r->colv[other]->name);
    diag_note(c->d, x->name_sp, "count them through one: declare a second data source on the same file with one reference");
    return T_BOOL;
  }
  x->source = r;
  if (g && has_inside(c, g, NULL)) {
    diag_error(c->d, x->name_sp, "group '%s' uses 'har' itself; a 'har' counts rows of a group without one", g->name);
    return T_BOOL;
  }
  if (x->where) {
    c->in_has = true;
    ck_check_condition(c, x->where, r, M("the 'hvor' of a 'har'"));
    c->in_has = false;
  }
  if (x->w != W_NONE) {
    if (!r->rel || r->rel->time_col < 0) {
      diag_error(c->d, x->w_sp, "a window counts months of '%s', which has no time column; declare it: 'tid COLUMN'", r->name);
      return T_BOOL;
    }
    bool dated = r->colv[r->rel->time_col]->type == T_DATE;
    x->events = x->w == W_WITHIN && dated;
    if (x->days && !dated)
      diag_error(c->d, x->w_sp, "days are counted between dates, and the time column of '%s' (%s) holds months",
                 r->name, r->colv[r->rel->time_col]->name);
    if (x->at_most ? x->n != 0 : x->n != 1)
      diag_error(c->d, e->sp, "a window says how many months; write 'har %s' or 'har ingen %s' before it", x->name, x->name);
    ck_check_expr(c, e->a, src);
    vtype t = adopt(c, e->a, src, T_DATE); /* an empty column counts from dates */
    if (t != T_NONE && (x->events ? t != T_DATE : !ck_time_type(t)))
      diag_error(c->d, e->a->sp, "the %s counted from %s, but %s is %s", x->events ? M("time is") : M("months are"),
                 x->events ? M("a date") : M("a date or a month"), ck_describe(c, e->a), ck_article(t));
    if (x->months < 1 || x->k < 1 || x->k > x->months)
      diag_error(c->d, x->w_sp, "%lld of %lld months can never be: the count is 1 to the number of months",
                 (long long)x->k, (long long)x->months);
  }
  register_has(c, x);
  return T_BOOL;
}

/* Fold a checked constant expression to a number.  Parameters are
 * usable only after their declaration (c->param_limit). */
bool ck_fold(chk *c, expr *e, num *out, const char *what) {
  switch (e->kind) {
  case E_NUM:
    *out = e->lit.u.n;
    return e->lit.kind == V_NUM;
  case E_NAME: {
    param_decl *q = c->p->paramv[e->slot];
    if (q->index >= c->param_limit) {
      unsigned line, col;
      diag_position(c->d, q->sp.beg, &line, &col);
      diag_error(c->d, e->sp, "parameter '%s' is declared further down (line %u); declare it before it is used",
                 q->name, line);
      return false;
    }
    if (q->val.kind != V_NUM) return false;
    *out = q->val.u.n;
    return true;
  }
  case E_NEG:
    if (!ck_fold(c, e->a, out, what)) return false;
    *out = num_neg(*out);
    return true;
  case E_ADD: case E_SUB: case E_MUL: case E_DIV: {
    num a, b;
    if (!ck_fold(c, e->a, &a, what) || !ck_fold(c, e->b, &b, what)) return false;
    bool ok = e->kind == E_ADD ? num_add(a, b, out) : e->kind == E_SUB ? num_sub(a, b, out)
            : e->kind == E_MUL ? num_mul(a, b, out) : num_div(a, b, out);
    if (!ok) diag_error(c->d, e->sp, "%s cannot be computed (division by zero or a number too large)", what);
    return ok;
  }
  default:
    diag_error(c->d, e->sp, "%s must be a number, a parameter or arithmetic on them", what);
    return false;
  }
}

/* A constant: numbers, parameters and arithmetic on them. */
bool ck_const_num(chk *c, expr *e, num *out, const char *what) {
  vtype t = ck_check_expr(c, e, NULL);
  if (t == T_NONE) return false;
  if (!ast_type_numeric(t)) {
    diag_error(c->d, e->sp, "%s must be a number, but %s is %s", what, ck_describe(c, e), ck_article(t));
    return false;
  }
  return ck_fold(c, e, out, what);
}

