/* check_values.c — values and how the messages word them: a value from the
 * command line read as a type, a number written exactly, a type's name
 * with its article, an operand described ("column 'alder'").  Used by the
 * rest of the checker; calls none of it. */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"

/* ---- values and descriptions ---- */

/* A value from the command line without its minus sign, if any. */
const char *ck_unsigned_part(const char *v) { return v + (v[0] == '-'); }

/* Digits, points and commas only: meant as a number, so worth saying what
 * is wrong with its writing rather than just "not a number". */
bool ck_looks_numeric(const char *v) { return *v && strspn(v, "0123456789.,") == strlen(v); }

bool chk_parse_value(vtype t, const char *text, arena *a, value *out) {
  size_t n = strlen(text);
  switch (t) {
  case T_INT:
  case T_DEC: {
    /* the documents' style, as in the rules (spec §2.4): 1.052,5 */
    if (ast_number_problem(ck_unsigned_part(text))) return false;
    if (!ast_number_value(text, n, a, &out->u.n)) return false;
    if (t == T_INT && !num_is_int(out->u.n)) return false;
    out->kind = V_NUM;
    return true;
  }
  case T_TEXT:
    out->kind = V_TEXT;
    out->u.t.s = arena_strdup(a, text);
    out->u.t.len = n;
    return true;
  case T_BOOL:
    if (!strcmp(text, "ja") || !strcmp(text, "true")) out->u.b = true;
    else if (!strcmp(text, "nej") || !strcmp(text, "false")) out->u.b = false;
    else return false;
    out->kind = V_BOOL;
    return true;
  case T_DATE:
    out->kind = V_DATE;
    return cal_parse_date(text, n, &out->u.date);
  case T_MONTH:
    out->kind = V_MONTH;
    return cal_parse_month(text, n, &out->u.month);
  case T_QUARTER:
    out->kind = V_QUARTER;
    return cal_parse_quarter(text, n, &out->u.quarter);
  default:
    return false;
  }
}

const char *ck_article(vtype t) {
  return t == T_INT ? M("an int") : t == T_DEC ? M("a decimal number") : t == T_TEXT ? M("a text")
       : t == T_BOOL ? M("a yes/no value (bool)") : t == T_DATE ? M("a date") : t == T_DUR ? M("a duration")
       : t == T_MONTH ? M("a month") : t == T_QUARTER ? M("a quarter") : M("nothing");
}

/* "column 'alder' is an int" style words for an operand. */
const char *ck_describe(chk *c, const expr *e) {
  arena *a = c->p->arena;
  switch (e->kind) {
  case E_NUM: return arena_printf(a, M("the number %s"), e->raw);
  case E_STR: return arena_printf(a, M("the text \"%s\""), e->lit.u.t.s);
  case E_DATE: return arena_printf(a, M("the date %s"), e->raw);
  case E_MONTH: return arena_printf(a, M("the month %s"), e->raw);
  case E_QUARTER: return arena_printf(a, M("the quarter %s"), e->raw);
  case E_BOOL: return e->lit.u.b ? "ja" : "nej";
  case E_DURATION: {
    const char *unit = e->slot == 'd' ? M("days") : e->slot == 'w' ? M("weeks") : e->slot == 'm' ? M("months") : M("years");
    return arena_printf(a, M("the duration %s %s"), e->a->raw ? e->a->raw : "?", unit);
  }
  case E_NAME:
    if (e->ref == REF_COLUMN) return arena_printf(a, M("column '%s'"), e->name);
    if (e->ref == REF_PARAM) return arena_printf(a, M("parameter '%s'"), e->name);
    if (e->ref == REF_GROUP) return arena_printf(a, M("group '%s'"), e->name);
    return arena_printf(a, "'%s'", e->name);
  default: return M("this expression");
  }
}

/* A number with the decimals it has (up to 4): "80", "82,5". */
void ck_exact_text(num v, char *out, size_t cap) { num_format_da(v, num_decimals(v, 4), out, cap); }
