/* check.c — resolve names and check types, units, schemes and structure.
 *
 * Order: data sources (their columns come from the files), parameters,
 * groups (with cycle detection), status schemes (gaps and overlaps), then
 * the areas, initiatives and goals.  Every problem is reported; checking
 * goes on after an error wherever the rest can still be checked.
 */
#include "check.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bands.h"
#include "calendar.h"
#include "hash.h"

const char *const chk_default_labels[ROLE_COUNT] = {
    "Målet er opfyldt", "Målet er delvist opfyldt", "Målet er ikke opfyldt", "Kan ikke opgøres"};

typedef struct {
  ast_program *p;
  diag *d;
  const chk_options *opt;
  bool data_error;
  bool usage_error;
  int param_limit;       /* parameters below this index have their values */
  group_decl *stack[64]; /* groups being resolved, for cycle messages */
  int depth;
  bool in_has;           /* checking the condition of a 'har' (§5.10) */
} chk;

static const char *dirname_of(arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return ".";
  return arena_strndup(a, path, (size_t)(slash - path) + (slash == path));
}

/* ---- suggestions: the closest known name, if it is close ---- */

static size_t distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return 99;
  size_t row[65];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t cur = row[j];
      size_t best = prev + (a[i - 1] != b[j - 1]);
      if (row[j] + 1 < best) best = row[j] + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      prev = cur;
    }
  }
  return row[lb];
}

typedef struct {
  const char *best;
  size_t dist;
  const char *want;
} suggest;

static void consider(suggest *s, const char *name) {
  size_t d = distance(s->want, name);
  size_t limit = strlen(s->want) <= 4 ? 1 : 2;
  if (d <= limit && d < s->dist) {
    s->dist = d;
    s->best = name;
  }
}

/* ---- lookups ---- */

column_decl *chk_column(const data_decl *d, const char *name) {
  for (size_t i = 0; i < d->ncol; i++)
    if (strcmp(d->colv[i]->name, name) == 0) return d->colv[i];
  return NULL;
}

static int column_index(const data_decl *d, const char *name) {
  for (size_t i = 0; i < d->ncol; i++)
    if (strcmp(d->colv[i]->name, name) == 0) return (int)i;
  return -1;
}

static data_decl *find_data(ast_program *p, const char *name) {
  for (data_decl *d = p->data; d; d = d->next)
    if (strcmp(d->name, name) == 0) return d;
  return NULL;
}

/* The groups by name: a file may chain 100.000 groups, each naming the
 * one before, so a lookup must not walk the list. */
struct group_entry {
  const char *name;
  group_decl *g; /* the first group of that name */
  UT_hash_handle hh;
};

static group_decl *find_group(ast_program *p, const char *name) {
  struct group_entry *e = NULL;
  HASH_FIND_STR(p->group_index, name, e);
  return e ? e->g : NULL;
}

/* A note at the first of two things with one name or number (spec §12.5). */
static void first_here(chk *c, span first, const char *what) {
  diag_note(c->d, first, "the first %s is here", M(what));
}

/* Index the groups; a second group of a name is reported. */
static void index_groups(chk *c) {
  ast_program *p = c->p;
  for (group_decl *g = p->groups; g; g = g->next) {
    if (find_group(p, g->name)) {
      diag_error(c->d, g->sp, "there are two groups named '%s'", g->name);
      first_here(c, find_group(p, g->name)->sp, N_("group"));
      continue;
    }
    struct group_entry *e = arena_alloc(p->arena, sizeof *e);
    e->name = g->name;
    e->g = g;
    HASH_ADD_KEYPTR(hh, p->group_index, e->name, strlen(e->name), e);
  }
}

static void free_group_index(ast_program *p) {
  HASH_CLEAR(hh, p->group_index); /* the entries live in the arena */
}

static param_decl *find_param(ast_program *p, const char *name) {
  for (param_decl *q = p->params; q; q = q->next)
    if (strcmp(q->name, name) == 0) return q;
  return NULL;
}

static scheme_decl *find_scheme(ast_program *p, const char *name) {
  for (scheme_decl *s = p->schemes; s; s = s->next)
    if (strcmp(s->name, name) == 0) return s;
  return NULL;
}

/* ---- values and descriptions ---- */

/* A value from the command line without its minus sign, if any. */
static const char *unsigned_part(const char *v) { return v + (v[0] == '-'); }

/* Digits, points and commas only: meant as a number, so worth saying what
 * is wrong with its writing rather than just "not a number". */
static bool looks_numeric(const char *v) { return *v && strspn(v, "0123456789.,") == strlen(v); }

bool chk_parse_value(vtype t, const char *text, arena *a, value *out) {
  size_t n = strlen(text);
  switch (t) {
  case T_INT:
  case T_DEC: {
    /* the documents' style, as in the rules (spec §2.4): 1.052,5 */
    if (ast_number_problem(unsigned_part(text))) return false;
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

static const char *article(vtype t) {
  return t == T_INT ? M("an int") : t == T_DEC ? M("a decimal number") : t == T_TEXT ? M("a text")
       : t == T_BOOL ? M("a yes/no value (bool)") : t == T_DATE ? M("a date") : t == T_DUR ? M("a duration")
       : t == T_MONTH ? M("a month") : t == T_QUARTER ? M("a quarter") : M("nothing");
}

/* "column 'alder' is an int" style words for an operand. */
static const char *describe(chk *c, const expr *e) {
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

/* ---- expressions ---- */

static void resolve_group(chk *c, group_decl *g);

static vtype check_expr(chk *c, expr *e, data_decl *src);
static vtype check_field(chk *c, expr *e, data_decl *src);
static vtype check_has(chk *c, expr *e, data_decl *src);

static void unknown_name(chk *c, expr *e, data_decl *src) {
  if (src && src->unreadable) return; /* its columns are unknown: say nothing more */
  suggest s = {NULL, 99, e->name};
  if (src)
    for (size_t i = 0; i < src->ncol; i++) consider(&s, src->colv[i]->name);
  for (param_decl *q = c->p->params; q; q = q->next) consider(&s, q->name);
  for (group_decl *g = c->p->groups; g; g = g->next) consider(&s, g->name);
  if (src)
    diag_error(c->d, e->sp, "'%s' is not a column of '%s', a parameter or a group", e->name,
               src->name);
  else
    diag_error(c->d, e->sp, "'%s' is not a parameter", e->name);
  if (s.best) diag_note(c->d, e->sp, "did you mean '%s'?", s.best);
}

static vtype check_name(chk *c, expr *e, data_decl *src) {
  if (src) {
    int i = column_index(src, e->name);
    if (i >= 0) {
      e->ref = REF_COLUMN;
      e->slot = i;
      return e->type = src->colv[i]->type;
    }
  }
  param_decl *q = find_param(c->p, e->name);
  if (q) {
    e->ref = REF_PARAM;
    e->slot = q->index;
    return e->type = q->type;
  }
  group_decl *g = src ? find_group(c->p, e->name) : NULL;
  if (g) {
    resolve_group(c, g);
    e->ref = REF_GROUP;
    e->slot = g->index;
    if (g->source && g->source != src) {
      diag_error(c->d, e->sp, "group '%s' is a group of '%s', but this condition is about rows of '%s'",
                 g->name, g->source->name, src->name);
      return e->type = T_NONE;
    }
    return e->type = T_BOOL;
  }
  if (src && find_data(c->p, e->name)) {
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
static const char *time_text(arena *a, value v);

/* "column 'alder' is an int, but is compared with the text \"atten\"" */
static void mismatch(chk *c, expr *whole, expr *l, expr *r) {
  if (r->kind == E_NAME && l->kind != E_NAME) { /* name the column side first */
    expr *t = l;
    l = r;
    r = t;
  }
  const char *rtype = is_literal(r) ? "" : arena_printf(c->p->arena, M(", which is %s"), article(r->type));
  diag_error(c->d, whole->sp, "%s is %s, but is compared with %s%s", describe(c, l), article(l->type),
             describe(c, r), rtype);
  if (l->type == T_BOOL && r->kind == E_STR)
    diag_note(c->d, r->sp, "ja and nej are written without quotes; a yes/no column can also stand alone: 'hvor %s'",
              l->kind == E_NAME ? l->name : "jobplan");
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

static vtype check_expr(chk *c, expr *e, data_decl *src) {
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
  case E_BOOL:
    return e->type;
  case E_DURATION: {
    vtype t = check_expr(c, e->a, src);
    if (t != T_INT)
      diag_error(c->d, e->sp, "a duration is a whole number of days, weeks, months or years");
    return e->type = T_DUR;
  }
  case E_ULTIMO:
  case E_PRIMO: {
    vtype t = check_expr(c, e->a, src);
    if (t != T_NONE && t != T_INT)
      diag_error(c->d, e->a->sp, "'%s' takes a year, such as 'ultimo 2008'; %s is %s",
                 e->kind == E_ULTIMO ? "ultimo" : "primo", describe(c, e->a), article(t));
    return e->type = T_DATE;
  }
  case E_NAME:
    return check_name(c, e, src);
  case E_FIELD:
    return check_field(c, e, src);
  case E_HAS:
    return check_has(c, e, src);
  case E_NEG: {
    vtype t = check_expr(c, e->a, src);
    if (t != T_NONE && !ast_type_numeric(t))
      diag_error(c->d, e->sp, "only numbers can be negated; %s is %s", describe(c, e->a), article(t));
    return e->type = t == T_NONE ? T_NONE : (t == T_INT ? T_INT : T_DEC);
  }
  case E_ADD: case E_SUB: case E_MUL: case E_DIV: {
    vtype a = check_expr(c, e->a, src), b = check_expr(c, e->b, src);
    if (b == T_DUR) a = adopt(c, e->a, src, T_DATE); /* only a date takes a duration */
    else a = adopt(c, e->a, src, b);
    b = adopt(c, e->b, src, a);
    if (a == T_NONE || b == T_NONE) return e->type = T_NONE;
    if (ast_type_numeric(a) && ast_type_numeric(b))
      return e->type = (a == T_INT && b == T_INT && e->kind != E_DIV) ? T_INT : T_DEC;
    if (a == T_DATE && (b == T_INT || b == T_DUR) && (e->kind == E_ADD || e->kind == E_SUB)) return e->type = T_DATE;
    if (a == T_DATE && b == T_DATE && e->kind == E_SUB) return e->type = T_INT;
    if (check_time_arith(e, a, b) != T_NONE) return e->type;
    diag_error(c->d, e->sp, "cannot compute %s %s %s: %s is %s and %s is %s", describe(c, e->a),
               expr_word(e->kind), describe(c, e->b), describe(c, e->a), article(a),
               describe(c, e->b), article(b));
    if (b == T_DUR)
      diag_note(c->d, e->sp, "a duration (90 dage, 3 måneder) can only be added to or subtracted from a date");
    else
      diag_note(c->d, e->sp, "numbers can be added, subtracted, multiplied and divided; a date plus or minus a whole number of days is a date; a date minus a date is a number of days");
    return e->type = T_NONE;
  }
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: {
    vtype a = check_expr(c, e->a, src), b = check_expr(c, e->b, src);
    a = adopt(c, e->a, src, b);
    b = adopt(c, e->b, src, a);
    if (!comparable(a, b)) {
      mismatch(c, e, e->a, e->b);
    } else if ((a == T_TEXT || a == T_BOOL) && e->kind != E_EQ && e->kind != E_NE) {
      diag_error(c->d, e->sp, "%s is %s; it can only be compared with = and !=", describe(c, e->a), article(a));
    }
    return e->type = T_BOOL;
  }
  case E_IN: case E_NOTIN: {
    vtype a = check_expr(c, e->a, src);
    if (e->b) a = adopt(c, e->a, src, check_expr(c, e->b, NULL));
    for (expr *it = e->b; it; it = it->next) {
      vtype t = check_expr(c, it, NULL);
      if (it->kind == E_NAME && it->ref != REF_PARAM) continue;
      if (!comparable(a, t)) {
        diag_error(c->d, it->sp, "%s is %s, but the list holds %s, which is %s", describe(c, e->a),
                   article(a), describe(c, it), article(t));
        hint_decimal_comma(c, it, a);
        if (it == e->b) hint_time_text(c, it, e->a); /* once for the list */
      } else if (a == T_INT && it->kind == E_NUM && t == T_DEC) {
        diag_error(c->d, it->sp, "%s is a whole number (int), so it can never be %s", describe(c, e->a), it->raw);
        hint_decimal_comma(c, it, a);
      }
    }
    return e->type = T_BOOL;
  }
  case E_BETWEEN: {
    vtype a = check_expr(c, e->a, src), lo = check_expr(c, e->b, src), hi = check_expr(c, e->c, src);
    a = adopt(c, e->a, src, lo);
    if (a != T_NONE && !ast_type_numeric(a) && a != T_DATE && a != T_MONTH && a != T_QUARTER)
      diag_error(c->d, e->a->sp, "%s is %s; 'between' needs numbers, dates, months or quarters", describe(c, e->a), article(a));
    else if (!comparable(a, lo)) mismatch(c, e, e->a, e->b);
    else if (!comparable(a, hi)) mismatch(c, e, e->a, e->c);
    else if (e->b->kind == E_NUM && e->c->kind == E_NUM && e->b->lit.kind == V_NUM &&
             e->c->lit.kind == V_NUM && num_cmp(e->b->lit.u.n, e->c->lit.u.n) > 0)
      diag_error(c->d, e->sp, "the range %s to %s is empty: the low end comes first", e->b->raw, e->c->raw);
    else if (e->b->kind == e->c->kind && (e->b->kind == E_MONTH || e->b->kind == E_QUARTER) &&
             e->b->lit.kind != V_MISSING && e->c->lit.kind != V_MISSING && value_order(e->b->lit, e->c->lit) > 0)
      diag_error(c->d, e->sp, "the range %s to %s is empty: the low end comes first", e->b->raw, e->c->raw);
    return e->type = T_BOOL;
  }
  case E_MISSING: case E_PRESENT:
    check_expr(c, e->a, src);
    return e->type = T_BOOL;
  case E_AND: case E_OR: case E_NOT: {
    expr *ops[2] = {e->a, e->b};
    for (int i = 0; i < 2 && ops[i]; i++) {
      vtype t = adopt(c, ops[i], src, check_expr(c, ops[i], src) == T_TEXT ? T_BOOL : T_NONE);
      if (t != T_NONE && t != T_BOOL)
        diag_error(c->d, ops[i]->sp, "'%s' needs yes/no conditions on both sides, but %s is %s",
                   expr_word(e->kind), describe(c, ops[i]), article(t));
    }
    return e->type = T_BOOL;
  }
  }
  return T_NONE;
}

/* ---- time values (spec §2.8, §5.11) ---- */

/* A month or quarter as text, for the period it may be: 2009-01, 2009K1. */
static const char *time_text(arena *a, value v) {
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
  vtype x = check_expr(c, e->a, src);
  x = adopt(c, e->a, src, T_DATE);
  vtype p = check_expr(c, e->b, src);
  if (p == T_INT && e->b->kind == E_NUM &&
      (e->b->lit.kind != V_NUM || num_cmp(e->b->lit.u.n, num_int(CAL_YEAR_MIN)) < 0 ||
       num_cmp(e->b->lit.u.n, num_int(CAL_YEAR_MAX)) > 0)) {
    diag_error(c->d, e->b->sp, "%s is not a year; 'i' takes a year (2009), a quarter (2009K1), a month (2009-01) or 'perioden'",
               e->b->raw);
    return e->type = T_BOOL;
  }
  if (x == T_NONE || p == T_NONE) return e->type = T_BOOL;
  if (!is_time(x)) {
    diag_error(c->d, e->a->sp, "%s is %s; only a date, a month or a quarter lies within a period", describe(c, e->a),
               article(x));
    if (x == T_INT) diag_note(c->d, e->a->sp, "to compare a year, write '%s = %s'", e->a->kind == E_NAME ? e->a->name : "aar",
                              e->b->raw ? e->b->raw : "2009");
    else if (x == T_TEXT && e->a->kind == E_NAME && e->a->ref == REF_COLUMN)
      diag_note(c->d, e->a->sp, "a column whose values are all like 2009-01 is a month column; declare it '%s: måned' to "
                "have the values that are not months reported", e->a->name);
  } else if (x == T_QUARTER && p == T_MONTH) {
    diag_error(c->d, e->sp, "a quarter does not lie within a month: %s is a quarter", describe(c, e->a));
  }
  return e->type = T_BOOL;
}

/* The types of the time functions' operands. */
static vtype check_time_fn(chk *c, expr *e, data_decl *src) {
  const char *word = expr_word(e->kind);
  if (e->kind == E_MONTH_OF || e->kind == E_QUARTER_OF || e->kind == E_YEAR_OF) {
    vtype t = check_expr(c, e->a, src);
    t = adopt(c, e->a, src, T_DATE);
    bool ok = t == T_NONE || t == T_DATE || t == T_MONTH || (t == T_QUARTER && e->kind != E_MONTH_OF);
    if (!ok)
      diag_error(c->d, e->a->sp, "'%s' takes a date%s; %s is %s", word,
                 e->kind == E_MONTH_OF ? M(" or a month") : M(", a month or a quarter"), describe(c, e->a), article(t));
    return e->type = e->kind == E_MONTH_OF ? T_MONTH : e->kind == E_QUARTER_OF ? T_QUARTER : T_INT;
  }
  /* days, working days, months from A to B */
  vtype a = check_expr(c, e->a, src), b = check_expr(c, e->b, src);
  a = adopt(c, e->a, src, b == T_NONE ? T_DATE : b);
  b = adopt(c, e->b, src, a == T_NONE ? T_DATE : a);
  expr *ops[2] = {e->a, e->b};
  vtype ts[2] = {a, b};
  for (int i = 0; i < 2; i++) {
    bool ok = ts[i] == T_NONE || ts[i] == T_DATE || (e->kind == E_MONTHS_FROM && ts[i] == T_MONTH);
    if (!ok)
      diag_error(c->d, ops[i]->sp, "'%s A to B' counts between two dates%s; %s is %s", word,
                 e->kind == E_MONTHS_FROM ? M(" or two months") : "", describe(c, ops[i]), article(ts[i]));
  }
  if (e->kind == E_MONTHS_FROM && a != T_NONE && b != T_NONE && is_time(a) && is_time(b) && a != b)
    diag_error(c->d, e->sp, "'%s A to B' counts between two dates or two months; %s is %s and %s is %s", word,
               describe(c, e->a), article(a), describe(c, e->b), article(b));
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

static void check_condition(chk *c, expr *e, data_decl *src, const char *where) {
  vtype t = check_expr(c, e, src);
  t = adopt(c, e, src, T_BOOL); /* an empty column standing alone is a yes/no column */
  if (t != T_NONE && t != T_BOOL) {
    diag_error(c->d, e->sp, "%s is %s, not a yes/no condition", describe(c, e), article(t));
    diag_note(c->d, e->sp, "%s needs a condition such as 'alder >= 18' or 'jobplan'", where);
  }
}

/* ---- keys, references and related rows (spec §4.6, §5.9, §5.10) ---- */

/* What dates rows or anchors a window: a date, or a month (spec §2.8;
 * entity.c's month_index_of reads both). */
static bool time_type(vtype t) { return t == T_DATE || t == T_MONTH; }

/* 'dækker A til B' (spec §4.6): the first day of A to the last day of B,
 * each a date, a month or a year. */
static void check_covers(chk *c, data_decl *d, const data_opt *o) {
  rel_source *rs = d->rel;
  int32_t day[2] = {0, 0};
  int k = 0;
  bool bad = false;
  for (const expr *e = o->items; e && k < 2; e = e->next, k++) {
    int64_t year = 0;
    if (e->kind == E_NUM && e->lit.kind == V_NUM && num_is_int(e->lit.u.n)) year = e->lit.u.n.n;
    if (e->kind == E_NUM && (year < 1 || year > 9999)) {
      diag_error(c->d, e->sp, "%s is not a year: write a year (2006), a month (2006-01) or a date (2006-01-01)", e->raw);
      bad = true;
      continue;
    }
    if (e->lit.kind == V_MISSING) {
      diag_error(c->d, e->sp, "%s is not a %s in the calendar", e->raw, e->kind == E_DATE ? M("date") : M("month"));
      bad = true;
      continue;
    }
    int32_t first, last;
    if (e->kind == E_NUM) cal_year_days(year, &first, &last);
    else if (e->kind == E_MONTH) cal_month_days(e->lit.u.month, &first, &last);
    else first = last = e->lit.u.date;
    day[k] = k == 0 ? first : last;
  }
  if (bad) return;
  if (rs->covered) {
    diag_error(c->d, o->sp, "'%s' says what it covers already", d->name);
    return;
  }
  if (day[1] < day[0]) {
    diag_error(c->d, o->sp, "'%s' covers nothing: %s is after %s", d->name, o->items->raw, o->items->next->raw);
    return;
  }
  rs->covered = true;
  rs->cover_first = day[0];
  rs->cover_last = day[1];
}

static int key_column(chk *c, data_decl *d, const expr *name, const char *what) {
  int i = column_index(d, name->name);
  if (i < 0 && !d->unreadable) {
    suggest s = {NULL, 99, name->name};
    for (size_t k = 0; k < d->ncol; k++) consider(&s, d->colv[k]->name);
    diag_error(c->d, name->sp, "'%s' has no column '%s' for its %s", d->name, name->name, what);
    if (s.best) diag_note(c->d, name->sp, "did you mean '%s'?", s.best);
  }
  return i;
}

static void check_reference(chk *c, data_decl *d, rel_source *rs, const data_opt *o) {
  const expr *col = o->items, *to = o->items->next;
  int ci = key_column(c, d, col, M("reference"));
  data_decl *t = find_data(c->p, to->name);
  if (!t) {
    suggest s = {NULL, 99, to->name};
    for (data_decl *x = c->p->data; x; x = x->next) consider(&s, x->name);
    diag_error(c->d, to->sp, "'%s' is not a data source", to->name);
    if (s.best) diag_note(c->d, to->sp, "did you mean '%s'?", s.best);
    return;
  }
  if (t->index >= d->index) {
    diag_error(c->d, to->sp, "'%s' is declared %s; a source referred to is declared before the sources that refer to it",
               t->name, t == d ? M("here") : M("further down"));
    return;
  }
  if (t->unreadable) { /* its columns are unknown: said at its path */
    if (ci >= 0) rs->refs[rs->nrefs++] = (rel_ref){ci, t, o->sp};
    return;
  }
  if (!t->rel || t->rel->nkey != 1) {
    diag_error(c->d, to->sp, "'%s' has no key of one column to refer to; give it one: 'nøgle COLUMN'", t->name);
    return;
  }
  t->rel->referenced = true;
  if (ci < 0) return;
  column_decl *kc = t->colv[t->rel->key[0]], *rc = d->colv[ci];
  if (rc->unsampled) { /* empty in every sampled row: it refers as the key reads */
    rc->type = kc->type;
    rc->unsampled = false;
  }
  if (kc->type != rc->type && !(ast_type_numeric(kc->type) && ast_type_numeric(rc->type))) {
    diag_error(c->d, col->sp, "column '%s' is %s, but the key of '%s' (%s) is %s", rc->name, article(rc->type),
               t->name, kc->name, article(kc->type));
    return;
  }
  rs->refs[rs->nrefs++] = (rel_ref){ci, t, o->sp};
}

/* A source's key, references and time column, once its columns are
 * known; sources are checked in the order declared. */
static void check_relations(chk *c, data_decl *d) {
  size_t nref = 0;
  bool any = false;
  for (data_opt *o = d->opts; o; o = o->next) {
    any |= o->kind == OPT_KEY || o->kind == OPT_REF || o->kind == OPT_TIME || o->kind == OPT_COVERS;
    nref += o->kind == OPT_REF;
  }
  if (!any) return;
  arena *a = c->p->arena;
  rel_source *rs = d->rel = arena_alloc(a, sizeof *rs);
  rs->time_col = -1;
  rs->refs = arena_alloc(a, (nref ? nref : 1) * sizeof *rs->refs);
  bool keyed = false, timed = false;
  for (data_opt *o = d->opts; o; o = o->next) {
    if (o->kind == OPT_KEY) {
      if (keyed) {
        diag_error(c->d, o->sp, "'%s' has a key already; a key of several columns is written 'nøgle (a, b)'", d->name);
        continue;
      }
      keyed = true;
      size_t n = 0;
      for (expr *it = o->items; it; it = it->next) n++;
      rs->key = arena_alloc(a, n * sizeof *rs->key);
      rs->key_sp = o->sp;
      for (expr *it = o->items; it; it = it->next) {
        int i = key_column(c, d, it, M("key"));
        for (size_t k = 0; i >= 0 && k < rs->nkey; k++)
          if (rs->key[k] == i) {
            diag_error(c->d, it->sp, "column '%s' is named twice in the key", it->name);
            i = -1;
          }
        if (i >= 0) rs->key[rs->nkey++] = i;
      }
      if (rs->nkey != n) rs->nkey = 0; /* reported: no key to check */
    } else if (o->kind == OPT_REF) {
      check_reference(c, d, rs, o);
    } else if (o->kind == OPT_TIME) {
      if (timed) {
        diag_error(c->d, o->sp, "'%s' has a time column already", d->name);
        continue;
      }
      timed = true;
      int i = key_column(c, d, o->items, M("time"));
      if (i >= 0 && d->colv[i]->unsampled) { /* empty in every sampled row (a table with no rows): dates */
        d->colv[i]->type = T_DATE;
        d->colv[i]->unsampled = false;
      }
      if (i >= 0 && !time_type(d->colv[i]->type))
        diag_error(c->d, o->items->sp, "column '%s' is %s; the time column holds dates or months (2009-01)",
                   d->colv[i]->name, article(d->colv[i]->type));
      else if (i >= 0) rs->time_col = i;
    } else if (o->kind == OPT_COVERS) {
      check_covers(c, d, o);
    }
  }
  for (data_opt *o = d->opts; o; o = o->next)
    if (o->kind == OPT_COVERS && !timed)
      diag_error(c->d, o->sp, "'dækker' says which days the rows' time column covers, but '%s' has no time column ('tid KOLONNE')",
                 d->name);
}

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
  int fi = column_index(t, x->field);
  if (fi < 0) {
    suggest s = {NULL, 99, x->field};
    for (size_t k = 0; k < t->ncol; k++) consider(&s, t->colv[k]->name);
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
static int derived_column(chk *c, data_decl *d, const char *text, span sp, vtype *type) {
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
  data_decl *r = find_data(c->p, x->name);
  group_decl *g = r ? NULL : find_group(c->p, x->name);
  if (g) {
    resolve_group(c, g);
    r = g->source;
    x->group = g;
  }
  if (!r) {
    suggest s = {NULL, 99, x->name};
    for (group_decl *y = c->p->groups; y; y = y->next) consider(&s, y->name);
    for (data_decl *y = c->p->data; y; y = y->next) consider(&s, y->name);
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
    check_condition(c, x->where, r, M("the 'hvor' of a 'har'"));
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
    check_expr(c, e->a, src);
    vtype t = adopt(c, e->a, src, T_DATE); /* an empty column counts from dates */
    if (t != T_NONE && (x->events ? t != T_DATE : !time_type(t)))
      diag_error(c->d, e->a->sp, "the %s counted from %s, but %s is %s", x->events ? M("time is") : M("months are"),
                 x->events ? M("a date") : M("a date or a month"), describe(c, e->a), article(t));
    if (x->months < 1 || x->k < 1 || x->k > x->months)
      diag_error(c->d, x->w_sp, "%lld of %lld months can never be: the count is 1 to the number of months",
                 (long long)x->k, (long long)x->months);
  }
  register_has(c, x);
  return T_BOOL;
}

/* Fold a checked constant expression to a number.  Parameters are
 * usable only after their declaration (c->param_limit). */
static bool fold(chk *c, expr *e, num *out, const char *what) {
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
    if (!fold(c, e->a, out, what)) return false;
    *out = num_neg(*out);
    return true;
  case E_ADD: case E_SUB: case E_MUL: case E_DIV: {
    num a, b;
    if (!fold(c, e->a, &a, what) || !fold(c, e->b, &b, what)) return false;
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
static bool const_num(chk *c, expr *e, num *out, const char *what) {
  vtype t = check_expr(c, e, NULL);
  if (t == T_NONE) return false;
  if (!ast_type_numeric(t)) {
    diag_error(c->d, e->sp, "%s must be a number, but %s is %s", what, describe(c, e), article(t));
    return false;
  }
  return fold(c, e, out, what);
}

/* ---- data sources ---- */

static const char *override_for(const char **list, size_t n, const char *name) {
  size_t len = strlen(name);
  for (size_t i = 0; i < n; i++)
    if (strncmp(list[i], name, len) == 0 && list[i][len] == '=') return list[i] + len + 1;
  return NULL;
}

static void check_data(chk *c, data_decl *d) {
  arena *a = c->p->arena;
  d->decimal = '.';
  d->delim = 0;
  size_t nmiss = 1;
  for (data_opt *o = d->opts; o; o = o->next)
    if (o->kind == OPT_MISSING)
      for (expr *it = o->items; it; it = it->next) nmiss++;
  d->missing = arena_alloc(a, nmiss * sizeof *d->missing);
  d->missing[d->nmissing++] = "";
  for (data_opt *o = d->opts; o; o = o->next) {
    switch (o->kind) {
    case OPT_DELIMITER:
      if (!strcmp(o->text, ",") || !strcmp(o->text, ";")) d->delim = o->text[0];
      else if (!strcmp(o->text, "\t") || !strcmp(o->text, "tab")) d->delim = '\t';
      else diag_error(c->d, o->sp, "the delimiter must be \",\", \";\" or \"tab\", not \"%s\"", o->text);
      break;
    case OPT_DECIMAL:
      if (!strcmp(o->text, ",") || !strcmp(o->text, ".")) d->decimal = o->text[0];
      else diag_error(c->d, o->sp, "the decimal separator must be \",\" or \".\", not \"%s\"", o->text);
      break;
    case OPT_MISSING:
      for (expr *it = o->items; it; it = it->next) d->missing[d->nmissing++] = it->lit.u.t.s;
      break;
    case OPT_ENCODING: {
      static const struct {
        const char *name;
        int enc;
      } encs[] = {{"utf-8", 0}, {"utf8", 0}, {"windows-1252", 1}, {"cp1252", 1}, {"latin-1", 2}, {"latin1", 2},
                  {"iso-8859-1", 2}};
      bool found = false;
      for (size_t k = 0; k < sizeof encs / sizeof encs[0]; k++)
        if (!strcasecmp(encs[k].name, o->text)) {
          d->encoding = encs[k].enc;
          found = true;
        }
      if (!found)
        diag_error(c->d, o->sp, "the encoding must be \"utf-8\", \"windows-1252\" or \"latin-1\", not \"%s\"", o->text);
      break;
    }
    case OPT_KEY: case OPT_REF: case OPT_TIME: case OPT_COVERS:
      break; /* about columns: check_relations, once they are known */
    case OPT_ROWS:
      d->rows_unit = o->text;
      if (!strcmp(o->text, "pct") || !strcmp(o->text, "pct points"))
        diag_error(c->d, o->sp, "rows are counted in things such as persons, not in %s", o->text);
      break;
    }
  }
  if (d->delim == d->decimal && d->delim == ',')
    diag_error(c->d, d->sp, "',' cannot separate both fields and decimals; use delimiter \";\"");
  for (column_decl *col = d->cols; col; col = col->next)
    for (column_decl *o = d->cols; o != col; o = o->next)
      if (!strcmp(o->name, col->name)) {
        diag_error(c->d, col->sp, "column '%s' is declared twice in '%s'", col->name, d->name);
        first_here(c, o->sp, N_("column"));
        break;
      }
  d->unreadable = diag_error_within(c->d, d->path_sp);
  if (!strcmp(d->path, "-")) {
    for (data_decl *o = c->p->data; o != d; o = o->next)
      if (!strcmp(o->path, "-")) {
        diag_error(c->d, d->path_sp, "only one data source can read standard input (\"-\")");
        d->unreadable = true;
      }
    if (!strcmp(c->p->path, "-")) {
      diag_error(c->d, d->path_sp, "the rules are read from standard input, so the data cannot be");
      d->unreadable = true;
    }
  }
  const char *ov = override_for(c->opt->data_overrides, c->opt->ndata_overrides, d->name);
  if (ov) d->resolved_path = ov;
  else if (d->path[0] == '/' || !strcmp(d->path, "-")) d->resolved_path = d->path;
  else d->resolved_path = ast_join_path(a, d->dir ? d->dir : dirname_of(a, c->p->path), d->path);
}

/* ---- groups ---- */

static void resolve_group(chk *c, group_decl *g) {
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
  data_decl *d = find_data(c->p, g->base);
  group_decl *base = d ? NULL : find_group(c->p, g->base);
  if (d) {
    g->source = d;
  } else if (base) {
    resolve_group(c, base);
    g->parent = base;
    g->source = base->source;
  } else {
    suggest s = {NULL, 99, g->base};
    for (data_decl *x = c->p->data; x; x = x->next) consider(&s, x->name);
    for (group_decl *x = c->p->groups; x; x = x->next) consider(&s, x->name);
    diag_error(c->d, g->base_sp, "'%s' is neither a data source nor a group", g->base);
    if (s.best) diag_note(c->d, g->base_sp, "did you mean '%s'?", s.best);
  }
  if (g->where && g->source) check_condition(c, g->where, g->source, M("a group's 'where'"));
  c->depth--;
  if (g->visit == 1) g->visit = 2;
}

/* ---- status schemes ---- */

/* A number with the decimals it has (up to 4): "80", "82,5". */
static void exact_text(num v, char *out, size_t cap) { num_format_da(v, num_decimals(v, 4), out, cap); }

static void check_scheme(chk *c, scheme_decl *s) {
  int errors_before = diag_errors(c->d);
  level *seen[ROLE_COUNT] = {0};
  for (level *l = s->levels; l; l = l->next) {
    if (seen[l->r]) {
      diag_error(c->d, l->sp, "scheme '%s' names the status '%s' twice", s->name, M(ast_role_name(l->r)));
      continue;
    }
    seen[l->r] = l;
    s->has[l->r] = true;
    s->label[l->r] = l->label;
    if (l->r == ROLE_UNKNOWN && (l->from || l->below)) {
      diag_error(c->d, l->sp, "'unknown' is the status for goals that cannot be computed; it takes no bounds");
      continue;
    }
    if (l->from && const_num(c, l->from, &s->from[l->r], M("a bound"))) s->has_from[l->r] = true;
    if (l->below && const_num(c, l->below, &s->below[l->r], M("a bound"))) s->has_below[l->r] = true;
    s->from_open[l->r] = l->from && l->from_open;
    s->below_closed[l->r] = l->below && l->below_closed;
    if (l->r == ROLE_MET && !l->from && !l->below) {
      s->has_from[ROLE_MET] = true;
      s->from[ROLE_MET] = num_int(100);
    }
    if (l->r == ROLE_PARTLY && !l->from && !l->below)
      diag_error(c->d, l->sp, "give 'partly' its bounds, e.g. 'from 80 pct below 100 pct'");
    if (s->has_from[l->r] && s->has_below[l->r]) {
      int o = num_cmp(s->from[l->r], s->below[l->r]);
      bool point = o == 0 && !s->from_open[l->r] && s->below_closed[l->r]; /* [A..A]: A alone */
      if (o > 0 || (o == 0 && !point)) {
        if (!s->from_open[l->r] && !s->below_closed[l->r])
          diag_error(c->d, l->sp, "this range is empty: 'from' must be lower than 'below'");
        else
          diag_error(c->d, l->sp, "this range is empty: its low end must be lower than its high end");
      }
    }
  }
  if (!seen[ROLE_MET]) diag_error(c->d, s->sp, "scheme '%s' has no 'met' status", s->name);
  if (!seen[ROLE_NOT_MET]) diag_error(c->d, s->sp, "scheme '%s' has no 'not met' status", s->name);
  for (int r = 0; r < ROLE_COUNT; r++)
    if (!seen[r]) s->label[r] = chk_default_labels[r];
  if (diag_errors(c->d) != errors_before) return; /* its ranges are not what was meant */
  /* Gaps and overlaps over achievement in [0, ∞).  'not met' without bounds
     means "otherwise" and fills every gap. */
  bool otherwise = seen[ROLE_NOT_MET] && !seen[ROLE_NOT_MET]->from && !seen[ROLE_NOT_MET]->below;
  int order[3] = {ROLE_MET, ROLE_PARTLY, ROLE_NOT_MET};
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++) {
      int a = order[i], b = order[j];
      if (!seen[a] || !seen[b] || (b == ROLE_NOT_MET && otherwise)) continue;
      /* the later low end against the earlier high end: they overlap when
         the one is below the other, or both are the same number and
         both bands take it in */
      num fa = s->has_from[a] ? s->from[a] : num_int(0), fb = s->has_from[b] ? s->from[b] : num_int(0);
      bool fa_in = !s->from_open[a], fb_in = !s->from_open[b];
      bool a_ends_first = false, b_ends_first = false;
      if (s->has_below[a]) {
        int o = num_cmp(s->below[a], fb);
        a_ends_first = o < 0 || (o == 0 && !(s->below_closed[a] && fb_in));
      }
      if (s->has_below[b]) {
        int o = num_cmp(s->below[b], fa);
        b_ends_first = o < 0 || (o == 0 && !(s->below_closed[b] && fa_in));
      }
      if (!a_ends_first && !b_ends_first)
        diag_warning(c->d, seen[b]->sp, "the ranges of '%s' and '%s' overlap in scheme '%s'; a result in both gets the better status",
                     M(ast_role_name(a)), M(ast_role_name(b)), s->name);
    }
  if (otherwise) return;
  /* Walk up from 0: each achievement must be covered by some band.
     `at` is covered up to, and with at_in false including, itself;
     at_in: `at` itself still needs a band. */
  num at = num_int(0);
  bool at_in = true;
  for (int guard = 0; guard < 8 * ROLE_COUNT; guard++) { /* each step passes a bound */
    bool covered = false, unbounded = false, next_in = false;
    num next = at;
    for (int r = 0; r < 3; r++) {
      if (!seen[r]) continue;
      num f = s->has_from[r] ? s->from[r] : num_int(0);
      int o = num_cmp(f, at);
      if (o > 0 || (o == 0 && at_in && s->from_open[r])) continue; /* starts after the point */
      if (!s->has_below[r]) { unbounded = true; break; }
      int e = num_cmp(s->below[r], at);
      if (e < 0 || (e == 0 && (!at_in || !s->below_closed[r]))) continue; /* ends before it */
      covered = true;
      /* how far it reaches: B included goes further than B left out */
      int further = num_cmp(s->below[r], next);
      if (further > 0 || (further == 0 && s->below_closed[r] && next_in == false)) {
        next = s->below[r];
        next_in = s->below_closed[r];
      }
    }
    if (unbounded) return;
    if (covered) {
      at = next;
      at_in = !next_in; /* a band that takes B in leaves the rest after B */
      continue;
    }
    /* a gap from `at`: to the nearest low end after it */
    num gap_end = num_int(0);
    bool found = false, end_open = false;
    for (int r = 0; r < 3; r++) {
      if (!seen[r] || !s->has_from[r]) continue;
      int o = num_cmp(s->from[r], at);
      if (o < 0 || (o == 0 && !(at_in && s->from_open[r]))) continue;
      int k = found ? num_cmp(s->from[r], gap_end) : -1;
      if (k < 0 || (k == 0 && !s->from_open[r])) {
        gap_end = s->from[r];
        end_open = s->from_open[r];
        found = true;
      }
    }
    char lo[32], hi[32];
    exact_text(at, lo, sizeof lo);
    exact_text(gap_end, hi, sizeof hi);
    if (found && at_in && end_open && num_cmp(gap_end, at) == 0) {
      /* [0..85) and (85..100]: 85 itself has no status, most likely a slip */
      diag_error(c->d, s->sp, "scheme '%s' gives no status to an achievement of exactly %s %%", s->name, lo);
      diag_note(c->d, s->sp, "one of the bands next to it must take it in: end the band below with '..%s]' or 'to %s pct' "
                "(in Danish 'til'), or start the band above with '[%s..' or 'from %s pct' ('fra')", lo, lo, lo, lo);
    } else if (found) {
      diag_warning(c->d, s->sp, "scheme '%s' gives no status to an achievement %s %s %% %s %s %%", s->name,
                   at_in ? M("from") : M("above"), lo, end_open ? M("to") : M("below"), hi);
      diag_note(c->d, s->sp, "a goal that lands in a gap is shown as '%s'", s->label[ROLE_UNKNOWN]);
    } else {
      if (at_in)
        diag_warning(c->d, s->sp, "scheme '%s' gives no status to an achievement of %s %% or more", s->name, lo);
      else
        diag_warning(c->d, s->sp, "scheme '%s' gives no status to an achievement above %s %%", s->name, lo);
      diag_note(c->d, s->sp, "a goal that lands in a gap is shown as '%s'", s->label[ROLE_UNKNOWN]);
      return;
    }
    at = gap_end;
    at_in = !end_open;
    if (end_open) { /* the gap took gap_end in; what comes next starts after it */
      at_in = false;
    }
  }
}

static scheme_decl *builtin_scheme(ast_program *p) {
  scheme_decl *s = arena_alloc(p->arena, sizeof *s);
  s->name = "standard";
  for (int r = 0; r < ROLE_COUNT; r++) {
    s->has[r] = r != ROLE_UNKNOWN;
    s->label[r] = chk_default_labels[r];
  }
  s->has_from[ROLE_MET] = true;
  s->from[ROLE_MET] = num_int(100);
  s->has_from[ROLE_PARTLY] = s->has_below[ROLE_PARTLY] = true;
  s->from[ROLE_PARTLY] = num_int(80);
  s->below[ROLE_PARTLY] = num_int(100);
  s->has_below[ROLE_NOT_MET] = true;
  s->below[ROLE_NOT_MET] = num_int(80);
  return s;
}

/* ---- goals ---- */

static const char *const placeholders[][2] = {
    {"numerator", "tæller"}, {"denominator", "nævner"}, {"value", "værdi"},
    {"target", "mål"},       {"group", "gruppe"},       {"missing", "mangler"},
    {"achievement", "målopfyldelse"}, {"result", "resultat"},
    {"baseline", "basis"},   {"change", "ændring"},
};

static void check_template(chk *c, goal *g) {
  const char *s = g->result_tpl;
  for (size_t i = 0; s[i]; i++) {
    if (s[i] == '{' && s[i + 1] == '{') { i++; continue; }
    if (s[i] == '}' && s[i + 1] == '}') { i++; continue; }
    if (s[i] == '}') {
      diag_error(c->d, g->result_sp, "a lone '}' in the result text; write '}}' for a brace");
      return;
    }
    if (s[i] != '{') continue;
    const char *end = strchr(s + i, '}');
    if (!end) {
      diag_error(c->d, g->result_sp, "a '{' in the result text is not closed; write '{{' for a brace");
      return;
    }
    size_t n = (size_t)(end - (s + i + 1));
    const char *colon = memchr(s + i + 1, ':', n);
    size_t namelen = colon ? (size_t)(colon - (s + i + 1)) : n;
    bool ok = false;
    for (size_t k = 0; k < sizeof placeholders / sizeof placeholders[0]; k++)
      for (int l = 0; l < 2; l++)
        if (strlen(placeholders[k][l]) == namelen && !strncmp(placeholders[k][l], s + i + 1, namelen)) ok = true;
    if (!ok) {
      span at = diag_find(c->d, g->result_sp, s + i, n + 2);
      diag_error(c->d, at, "unknown placeholder {%.*s} in the result text", (int)namelen, s + i + 1);
      diag_note(c->d, at, "known: {numerator} {denominator} {value} {target} {group} {missing} {achievement} {baseline} {change}, or in Danish {tæller} {nævner} {værdi} {mål} {gruppe} {mangler} {målopfyldelse} {basis} {ændring}");
    } else if (colon) {
      const char *d = colon + 1;
      if (!(end - d == 1 && *d >= '0' && *d <= '9'))
        diag_error(c->d, g->result_sp, "after ':' in {%.*s} comes the number of decimals, 0 to 9", (int)n, s + i + 1);
    }
    i = (size_t)(end - s);
  }
}

static bool is_pct(const char *u) { return u && !strcmp(u, "pct"); }
static bool is_pp(const char *u) { return u && !strcmp(u, "pct points"); }

/* The target's number as written, for a message's example. */
static const char *target_raw(const target *t, const char *dflt) {
  const expr *e = t->value ? t->value : t->high;
  return e && e->raw ? e->raw : dflt;
}

/* A ratio is in pct, like a share (§7.11): true when that settled it. */
static bool check_ratio_units(chk *c, const measure *m, const target *t) {
  const char *tu = t->unit;
  if (t->cmp == C_REDUCE || t->cmp == C_INCREASE) {
    if (is_pct(tu) || is_pp(tu)) return false;
    diag_error(c->d, t->unit_sp, "a ratio changes by pct (of the baseline) or pct points, not by %s", tu ? tu : "a plain number");
    return true;
  }
  if (!tu) {
    diag_error(c->d, t->sp, "a ratio is measured in pct; write the target's unit, e.g. '%s pct'", target_raw(t, "95"));
  } else if (is_pp(tu)) {
    diag_error(c->d, t->unit_sp, "a ratio is measured in pct, but this target is in pct points");
    diag_note(c->d, t->unit_sp, "pct points measure a change between two shares or ratios");
  } else if (!is_pct(tu)) {
    diag_error(c->d, t->unit_sp, "a ratio is measured in pct, but this target is in %s", tu);
    diag_note(c->d, m->sp, "a ratio is numerator / denominator × 100; to count rows, write 'count GROUP'");
  }
  return true;
}

static void check_units(chk *c, goal *g) {
  measure *m = g->m;
  if (g->unit_rejected) return; /* one mistake, one message */
  target *t = g->t;
  const char *mu = g->unit, *tu = t->unit;
  if (t->cmp == C_MAINTAIN || t->cmp == C_BY || m->kind == M_DONE) return; /* milestones: check_milestone_goal */
  if (m->kind == M_RATIO && check_ratio_units(c, m, t)) return;
  if (t->cmp == C_REDUCE || t->cmp == C_INCREASE) {
    if (is_pct(tu)) return; /* relative to the baseline: fits every measure */
    if (is_pp(tu)) {
      if (!is_pct(mu))
        diag_error(c->d, t->unit_sp, "pct points change a share, but this measure gives %s", mu ? mu : "a plain number");
      return;
    }
    if (m->kind == M_SHARE) {
      diag_error(c->d, t->unit_sp, "a share changes by pct (of the baseline) or pct points, not by %s", tu ? tu : "a plain number");
      return;
    }
  } else if (m->kind == M_SHARE) {
    if (!tu) {
      diag_error(c->d, t->sp, "a share is measured in pct; write the target's unit, e.g. '%s pct'", target_raw(t, "90"));
    } else if (is_pp(tu)) {
      diag_error(c->d, t->unit_sp, "a share is measured in pct, but this target is in pct points");
      diag_note(c->d, t->unit_sp, "pct points measure a change between two shares");
    } else if (!is_pct(tu)) {
      diag_error(c->d, t->unit_sp, "a share is measured in pct, but this target is in %s", tu);
    }
    return;
  }
  if (tu && (is_pct(tu) || is_pp(tu)) && (m->kind == M_COUNT || m->kind == M_DISTINCT)) {
    diag_error(c->d, t->unit_sp, "a count cannot be compared with a target in %s", tu);
    diag_note(c->d, m->sp, "to measure a share of a group, write 'share of GROUP where CONDITION'");
    return;
  }
  if (!tu || !mu) return;
  if (strcmp(mu, tu) != 0 && m->kind == M_COUNT && !m->as_unit) {
    diag_error(c->d, t->unit_sp, "this counts rows of '%s', which are %s, but the target is in %s", m->source->name, mu, tu);
    diag_note(c->d, m->sp, "if each counted row stands for one %s, say so: '... as %s' (in Danish: '... som %s')", tu, tu, tu);
  } else if (strcmp(mu, tu) != 0) {
    diag_error(c->d, t->unit_sp, "the measure gives %s, but the target is in %s", mu, tu);
    if (is_pp(mu) || is_pp(tu))
      diag_note(c->d, t->unit_sp, "pct and pct points are different: from 10 pct to 12 pct is 2 pct points, or 20 pct");
  }
}

/* The text of a period: 2009, "2009-Q1", or a parameter's value. */
static const char *period_text(chk *c, expr *e) {
  ast_program *p = c->p;
  if (e->kind == E_NUM || e->kind == E_DATE || e->kind == E_MONTH || e->kind == E_QUARTER) return e->raw;
  if (e->kind == E_STR) return e->lit.u.t.s;
  if (e->kind == E_NAME) {
    param_decl *q = find_param(p, e->name);
    if (!q) {
      diag_error(c->d, e->sp, "'%s' is not a parameter", e->name);
      return NULL;
    }
    if (q->val.kind == V_MONTH || q->val.kind == V_QUARTER) return time_text(p->arena, q->val); /* 2010k1 is 2010K1 */
    if (q->override_text) return q->override_text;
    if (q->val.kind == V_TEXT) return q->val.u.t.s;
    if (q->val.kind == V_NUM) {
      char b[64];
      num_format_plain(q->val.u.n, 0, b, sizeof b);
      return arena_strdup(p->arena, b);
    }
    if (q->val.kind == V_DATE) {
      char b[11];
      cal_format_date(q->val.u.date, b);
      return arena_strdup(p->arena, b);
    }
    return NULL;
  }
  diag_error(c->d, e->sp, "a period is a number, a text or a parameter, e.g. 2009");
  return NULL;
}

static column_decl *need_column(chk *c, data_decl *d, const char *name, span sp, const char *why) {
  column_decl *col = chk_column(d, name);
  if (!col && !d->unreadable)
    diag_error(c->d, sp, "'%s' has no column '%s', which %s", d->name, name, why);
  return col;
}

static bool check_ratio_or_milestone(chk *c, measure *m, data_decl *d, const char **unit);

/* Resolve and check one measure (a goal's own, or its baseline); its unit
 * goes to *unit.  Returns false when a wrong 'as' was reported. */
static bool check_measure(chk *c, measure *m, const char **unit) {
  *unit = NULL;
  data_decl *d = find_data(c->p, m->group);
  group_decl *grp = d ? NULL : find_group(c->p, m->group);
  if (grp && m->kind == M_INDICATOR) {
    diag_error(c->d, m->group_sp, "an indicator is looked up in a data source, and '%s' is a group", m->group);
    return true;
  }
  if (grp) {
    resolve_group(c, grp);
    m->g = grp;
    d = grp->source;
  } else if (!d) {
    suggest s = {NULL, 99, m->group};
    for (group_decl *x = c->p->groups; x; x = x->next) consider(&s, x->name);
    for (data_decl *x = c->p->data; x; x = x->next) consider(&s, x->name);
    diag_error(c->d, m->group_sp, "'%s' is neither a group nor a data source", m->group);
    if (s.best) diag_note(c->d, m->group_sp, "did you mean '%s'?", s.best);
  }
  m->source = d;
  if (!d) return true;
  if (m->column && strchr(m->column, '.') && !d->unreadable) { /* SRC.COL (§5.9) */
    vtype t;
    m->col = derived_column(c, d, m->column, m->col_sp, &t);
    if (m->col >= 0 && m->kind != M_DISTINCT && !ast_type_numeric(t))
      diag_error(c->d, m->col_sp, "'%s' is %s; '%s' needs numbers", m->column, article(t), ast_measure_name(m->kind));
  } else if (m->column) {
    m->col = column_index(d, m->column);
    if (m->col < 0 && d->unreadable) {
      /* reported at the path */
    } else if (m->col < 0) {
      suggest s = {NULL, 99, m->column};
      for (size_t i = 0; i < d->ncol; i++) consider(&s, d->colv[i]->name);
      diag_error(c->d, m->col_sp, "'%s' is not a column of '%s'", m->column, d->name);
      if (s.best) diag_note(c->d, m->col_sp, "did you mean '%s'?", s.best);
    } else {
      column_decl *col = d->colv[m->col];
      if (col->unsampled && m->kind != M_DISTINCT) { /* empty in the sample: the numbers it needs */
        col->type = T_DEC;
        col->unsampled = false;
      }
      bool numeric = ast_type_numeric(col->type);
      if (m->kind != M_DISTINCT && !numeric)
        diag_error(c->d, m->col_sp, "column '%s' is %s; '%s' needs numbers", col->name,
                   article(col->type), ast_measure_name(m->kind));
      *unit = col->unit;
    }
  }
  if (m->kind == M_INDICATOR) {
    static const char *const need[3] = {"indikator", "periode", "vaerdi"};
    for (int i = 0; i < 3; i++) {
      column_decl *col = need_column(c, d, need[i], m->group_sp, M("an indicator table needs (indikator, periode, vaerdi)"));
      m->ind_cols[i] = col ? column_index(d, need[i]) : -1;
      if (i == 2 && col && !ast_type_numeric(col->type))
        diag_error(c->d, m->group_sp, "column 'vaerdi' of '%s' is %s; an indicator's value must be a number", d->name, article(col->type));
    }
    if (m->period) {
      check_expr(c, m->period, NULL);
      const char *pt = period_text(c, m->period);
      m->period = pt ? ast_str(c->p, pt, m->period->sp) : NULL;
    }
  }
  if (m->kind == M_SHARE) *unit = "pct";
  if (m->kind == M_COUNT) *unit = d->rows_unit;
  if (m->over) {
    m->over_col = column_index(d, m->over);
    if (m->over_col < 0 && !d->unreadable) {
      suggest s = {NULL, 99, m->over};
      for (size_t i = 0; i < d->ncol; i++) consider(&s, d->colv[i]->name);
      diag_error(c->d, m->over_sp, "'%s' is not a column of '%s', so the measure cannot be averaged over it", m->over, d->name);
      if (s.best) diag_note(c->d, m->over_sp, "did you mean '%s'?", s.best);
    }
    if (m->kind == M_INDICATOR)
      diag_error(c->d, m->over_sp, "an indicator is one value; it cannot be averaged over '%s'", m->over);
  }
  if ((m->kind == M_RATIO || m->kind == M_DONE) && !check_ratio_or_milestone(c, m, d, unit)) return false;
  if (m->as_unit) {
    if (m->kind == M_SHARE) {
      diag_error(c->d, m->as_sp, "a share is always in pct; 'as' gives the unit of counts and values");
      return false;
    }
    if ((m->kind == M_COUNT || m->kind == M_DISTINCT) && (is_pct(m->as_unit) || is_pp(m->as_unit))) {
      diag_error(c->d, m->as_sp, "a count cannot be in %s; to measure a share, write 'share of GROUP where CONDITION'", m->as_unit);
      return false;
    }
    if (*unit && m->kind != M_COUNT && strcmp(*unit, m->as_unit) != 0) {
      diag_error(c->d, m->as_sp, "column '%s' is declared in %s, so its values cannot be read as %s", m->column, *unit, m->as_unit);
      return false;
    }
    *unit = m->as_unit;
  }
  if (m->where)
    check_condition(c, m->where, d, m->kind == M_SHARE ? M("a share's 'where'") : M("a measure's 'where'"));
  return true;
}

static bool const_date(chk *c, expr *e, int32_t *out);

static void check_target(chk *c, goal *g) {
  target *t = g->t;
  bool ok = true;
  if (t->cmp == C_BY) { /* a milestone's deadline: a date, not a number */
    t->v = num_int(0);
    const_date(c, t->value, &t->deadline);
    return;
  }
  if (t->cmp == C_MAINTAIN || (t->cmp == C_RANGE && !t->value)) t->v = num_int(0);
  else ok = const_num(c, t->value, &t->v, M("a target"));
  bool hi_ok = t->high && const_num(c, t->high, &t->hi, M("a target"));
  if (hi_ok && ok && t->value && num_cmp(t->v, t->hi) > 0) {
    char lo[32], hi[32];
    exact_text(t->v, lo, sizeof lo);
    exact_text(t->hi, hi, sizeof hi);
    diag_error(c->d, t->sp, "the range %s to %s is empty: the low end comes first", lo, hi);
  } else if (hi_ok && ok && t->value && num_cmp(t->v, t->hi) == 0 && (t->lo_open || t->hi_open)) {
    char lo[32];
    exact_text(t->v, lo, sizeof lo);
    diag_error(c->d, t->sp, "this range is empty: an open end leaves %s out, and it is the only number in it", lo);
    diag_note(c->d, t->sp, "for exactly %s, write '[%s..%s]' or 'exactly %s' (in Danish: 'præcis %s')", lo, lo, lo, lo, lo);
  }
  if (t->cmp == C_RANGE && !t->value) ok = hi_ok; /* (..H]: the checks below look at H */
  t->tol = num_int(10);
  if (t->cmp == C_ABOUT) { /* §8.2: counts default to 'or more', other measures to either way */
    bool count = g->m && !g->m->over && (g->m->kind == M_COUNT || g->m->kind == M_DISTINCT);
    t->side_eff = t->side != SIDE_DEFAULT ? t->side : count ? SIDE_MORE : SIDE_BOTH;
  }
  if (t->tolerance && const_num(c, t->tolerance, &t->tol, M("a tolerance")) && num_sign(t->tol) < 0)
    diag_error(c->d, t->tolerance->sp, "a tolerance cannot be negative");
  bool changes = t->cmp == C_REDUCE || t->cmp == C_INCREASE || t->cmp == C_MAINTAIN;
  if (changes && !g->base && !g->has_base_value) {
    diag_error(c->d, t->sp, "'%s' compares with a baseline; give the goal one, e.g. 'baseline count GROUP where ...' or 'baseline 412854'",
               ast_cmp_name(t->cmp));
    return;
  }
  if (changes) {
    t->relative = is_pct(t->unit);
    if (ok && num_sign(t->v) < 0)
      diag_error(c->d, t->sp, "write the change as a positive number; 'reduce' and 'increase' give the direction");
    if (ok && t->cmp == C_REDUCE && t->relative && num_cmp(t->v, num_int(100)) > 0)
      diag_error(c->d, t->sp, "nothing can be reduced by more than 100 pct");
    return;
  }
  if (!ok || !g->m) return;
  if (g->m->kind == M_SHARE || is_pct(t->unit)) {
    num hi = t->high ? t->hi : t->v;
    bool lo_open = t->cmp == C_OVER || (t->cmp == C_RANGE && t->value && t->lo_open);
    bool hi_open = t->cmp == C_UNDER || (t->cmp == C_RANGE && t->high && t->hi_open);
    bool has_hi = t->cmp == C_AT_MOST || t->cmp == C_UNDER || (t->cmp == C_RANGE && t->high);
    if ((num_cmp(hi, num_int(100)) > 0 || (lo_open && num_cmp(t->v, num_int(100)) == 0)) && g->m->kind == M_SHARE)
      diag_error(c->d, t->sp, "a share can be at most 100 pct, so this target can never be met");
    else if (has_hi && (num_sign(hi) < 0 || (hi_open && num_sign(hi) == 0)) && g->m->kind == M_SHARE)
      diag_error(c->d, t->sp, "a share cannot be negative, so this target can never be met");
    else if (num_sign(t->v) < 0 && g->m->kind == M_SHARE)
      diag_error(c->d, t->sp, "a share cannot be negative");
  }
}

/* The order of two periods for 'from PERIOD' (§8.8): years by their
 * number, months and quarters written alike (2009-01, 2009K1) by their
 * text.  False when they cannot be ordered. */
static bool period_order(const char *a, const char *b, int *out) {
  size_t na = strlen(a), nb = strlen(b);
  if (na == 0 || nb == 0) return false;
  bool da = strspn(a, "0123456789") == na, db = strspn(b, "0123456789") == nb;
  if (da && db) {
    while (na > 1 && *a == '0') a++, na--;
    while (nb > 1 && *b == '0') b++, nb--;
    *out = na != nb ? (na < nb ? -1 : 1) : strcmp(a, b);
    return true;
  }
  if (na != nb) return false;
  for (size_t i = 0; i < na; i++) {
    bool x = a[i] >= '0' && a[i] <= '9', y = b[i] >= '0' && b[i] <= '9';
    if (x != y || (!x && (a[i] | 0x20) != (b[i] | 0x20))) return false;
  }
  *out = strcasecmp(a, b);
  return true;
}

/* Of several targets, the one for the agreement's period: its own ('in
 * PERIOD'), else the latest 'from PERIOD' at or before it, else the one
 * without a period (§8.8). */
static target *pick_target(chk *c, goal *g) {
  target *general = NULL, *chosen = NULL, *from = NULL;
  const char *from_text = NULL;
  int ntargets = 0;
  bool unordered = false; /* a 'from' period was an error: no second message */
  const char *period = c->p->period_text ? c->p->period_text : "";
  const char *seen[64];
  bool seen_from[64];
  int nseen = 0;
  for (goal_item *it = g->items; it; it = it->next) {
    if (it->kind != GI_TARGET) continue;
    ntargets++;
    target *t = it->t;
    if (!t->period) {
      if (general) {
        unsigned line, col;
        diag_position(c->d, general->sp.beg, &line, &col);
        diag_error(c->d, it->sp, "goal %s already has a target (line %u); several targets need 'in PERIOD' each", g->id, line);
      }
      general = t;
      continue;
    }
    check_expr(c, t->period, NULL);
    const char *pt = period_text(c, t->period);
    if (!pt) continue;
    for (int k = 0; k < nseen; k++)
      if (!strcmp(seen[k], pt)) {
        diag_error(c->d, it->sp, "goal %s has two targets for period %s", g->id, pt);
        if (seen_from[k] != t->from_period)
          diag_note(c->d, it->sp, "'in %s' is the target of %s only, 'from %s' of %s and the periods after it; give one of them", pt, pt, pt, pt);
        break;
      }
    if (nseen < 64) {
      seen_from[nseen] = t->from_period;
      seen[nseen++] = pt;
    }
    if (t->from_period) {
      int order;
      if (!period_order(period, pt, &order)) {
        unordered = *period != '\0';
        if (*period)
          diag_error(c->d, t->period->sp, "'from %s' needs a period that can be ordered with the agreement's period %s: years, months (2009-01) or quarters (2009K1), written alike", pt, period);
        continue;
      }
      int later = 1;
      if (order >= 0 && (!from || (period_order(pt, from_text, &later) && later > 0))) {
        from = t;
        from_text = pt;
      }
      continue;
    }
    if (!strcmp(pt, period)) chosen = t;
  }
  if (chosen) return chosen;
  if (from) {
    from->carried = strcmp(from_text, period) != 0 ? from_text : NULL;
    return from;
  }
  if (!general && ntargets > 0 && !unordered) {
    buf have = {0};
    for (goal_item *it = g->items; it; it = it->next)
      if (it->kind == GI_TARGET && it->t->period) {
        const char *pt = period_text(c, it->t->period);
        if (pt) buf_printf(&have, "%s%s%s", have.len ? ", " : "", pt, it->t->from_period ? M(" onwards") : "");
      }
    diag_error(c->d, g->sp, "goal %s has no target for the period %s (it has targets for %s)", g->id,
               *period ? period : M("(none: the agreement gives no period)"), buf_str(&have));
    diag_note(c->d, g->sp, "choose the period with 'period' on the agreement line or --param");
    buf_free(&have);
  }
  return general;
}

static void check_assessed(chk *c, goal *g, goal_item *it) {
  data_decl *d = find_data(c->p, it->name);
  if (!d) {
    suggest s = {NULL, 99, it->name};
    for (data_decl *x = c->p->data; x; x = x->next) consider(&s, x->name);
    diag_error(c->d, it->text_sp, "'%s' is not a data source", it->name);
    if (s.best) diag_note(c->d, it->text_sp, "did you mean '%s'?", s.best);
    return;
  }
  g->assessed = d;
  need_column(c, d, "mål", it->text_sp, M("an assessment table needs (mål, status, begrundelse)"));
  need_column(c, d, "status", it->text_sp, M("an assessment table needs (mål, status, begrundelse)"));
  need_column(c, d, "begrundelse", it->text_sp, M("an assessment table needs (mål, status, begrundelse)"));
}

/* ---- ratios and milestones (§7.11, §8.9) ---- */

/* One term of a ratio: a number column of d, or a count (no column). */
static int ratio_column(chk *c, data_decl *d, const char *name, span sp) {
  if (!name) return -1;
  int i = column_index(d, name);
  if (i < 0) {
    if (d->unreadable) return -1;
    suggest s = {NULL, 99, name};
    for (size_t k = 0; k < d->ncol; k++) consider(&s, d->colv[k]->name);
    diag_error(c->d, sp, "'%s' is not a column of '%s'", name, d->name);
    if (s.best) diag_note(c->d, sp, "did you mean '%s'?", s.best);
    return -1;
  }
  column_decl *col = d->colv[i];
  if (col->unsampled) { /* empty in the sample: the numbers a sum needs */
    col->type = T_DEC;
    col->unsampled = false;
  }
  if (!ast_type_numeric(col->type)) {
    diag_error(c->d, sp, "column '%s' is %s; a ratio adds up numbers", col->name, article(col->type));
    return -1;
  }
  return i;
}

/* A milestone table: the goal's id in 'maal' (or 'mål'), the date it was
 * done in 'faerdig'.  A 'faerdig' empty in every sampled row is dates. */
static void check_milestone_table(chk *c, measure *m, data_decl *d) {
  if (m->g) {
    diag_error(c->d, m->group_sp, "a milestone's date is read from a data source, and '%s' is a group", m->group);
    return;
  }
  const char *why = M("a milestone table needs (maal, faerdig)");
  if (!chk_column(d, "mål")) need_column(c, d, "maal", m->group_sp, why); /* 'mål', as an assessment table has it, is read too */
  column_decl *f = need_column(c, d, "faerdig", m->group_sp, why);
  if (f && f->unsampled) {
    f->type = T_DATE;
    f->unsampled = false;
  }
  if (f && !f->inferred && f->type != T_DATE)
    diag_error(c->d, f->sp, "column 'faerdig' of '%s' is %s; a milestone's completion is a date", d->name, article(f->type));
}

/* The parts of a ratio or a milestone that the other measures lack; the
 * unit goes to *unit.  false when a wrong 'as' was reported. */
static bool check_ratio_or_milestone(chk *c, measure *m, data_decl *d, const char **unit) {
  if (m->kind == M_DONE) {
    check_milestone_table(c, m, d);
    if (m->over) diag_error(c->d, m->over_sp, "a milestone is one date; it cannot be averaged over '%s'", m->over);
    if (m->as_unit) {
      diag_error(c->d, m->as_sp, "a milestone is a date, not a number; it takes no 'as'");
      return false;
    }
    return true;
  }
  m->num_c = ratio_column(c, d, m->num_col, m->num_sp);
  m->den_c = ratio_column(c, d, m->den_col, m->den_sp);
  *unit = "pct";
  if (m->as_unit) {
    diag_error(c->d, m->as_sp, "a ratio is always in pct; 'as' gives the unit of counts and values");
    return false;
  }
  return true;
}

/* A deadline: a date, 'ultimo YEAR', or a date parameter. */
static bool const_date(chk *c, expr *e, int32_t *out) {
  vtype t = check_expr(c, e, NULL);
  if (t == T_NONE) return false;
  if (t != T_DATE) {
    diag_error(c->d, e->sp, "a deadline must be a date, such as 2009-01-31, but %s is %s", describe(c, e), article(t));
    if (t == T_INT) diag_note(c->d, e->sp, "the last day of a year is written 'ultimo 2009'");
    return false;
  }
  num y;
  switch (e->kind) {
  case E_DATE:
    *out = e->lit.u.date;
    return e->lit.kind == V_DATE;
  case E_ULTIMO:
    if (!fold(c, e->a, &y, "the year of a deadline") || !num_is_int(y)) return false;
    *out = cal_year_end(y.n, true);
    return true;
  case E_NAME: {
    param_decl *q = c->p->paramv[e->slot];
    if (e->ref != REF_PARAM || q->val.kind != V_DATE) break;
    *out = q->val.u.date;
    return true;
  }
  default:
    break;
  }
  diag_error(c->d, e->sp, "a deadline must be a date, 'ultimo YEAR' or a date parameter");
  return false;
}

/* 'done of T' goes with 'by DATE', and 'by DATE' with 'done of T' only;
 * a milestone has no baseline, breakdown or result template (§8.9). */
static void check_milestone_goal(chk *c, goal *g, goal_item *const *first) {
  bool done = g->m && g->m->kind == M_DONE, by = g->t && g->t->cmp == C_BY;
  if (by && g->m && !done) {
    diag_error(c->d, g->t->sp, "'by DATE' is a milestone's deadline; it goes with 'measure done of TABLE' (in Danish: 'krav senest' and 'måling færdig af')");
    diag_note(c->d, g->m->sp, "this goal measures a number; compare it with 'at least', 'at most', ...");
  }
  if (g->base && g->base->kind == M_DONE && !done)
    diag_error(c->d, g->base->sp, "a baseline is a number; a milestone's date cannot be one");
  if (!done) return;
  if (g->t && !by)
    diag_error(c->d, g->t->sp, "a milestone is compared with a deadline: 'target by 2009-01-31' (in Danish: 'krav senest 2009-01-31')");
  static const struct { goal_item_kind k; const char *what; } not_for[] = {
      {GI_BASELINE, N_("a milestone with a deadline has no baseline")},
      {GI_BY, N_("a milestone with a deadline is one date; it cannot be broken down")},
      {GI_RESULT, N_("a milestone with a deadline takes no 'result': its result text is its date and its deadline")},
      {GI_EXCLUDE_MISSING, N_("a milestone with a deadline takes no 'exclude missing'")}};
  for (size_t i = 0; i < sizeof not_for / sizeof not_for[0]; i++)
    if (first[not_for[i].k])
      diag_error(c->d, first[not_for[i].k]->sp, "%s", M(not_for[i].what));
}

/* ---- weights and status rules (spec §9.5, §9.7 to §9.9) ---- */

/* A weight: a number above 0; 1 when it is wrong (the error is reported). */
static void check_weight_value(chk *c, expr *e, num *out) {
  *out = num_int(1);
  num w;
  if (!const_num(c, e, &w, M("a weight"))) return;
  if (num_sign(w) <= 0) {
    diag_error(c->d, e->sp, "a weight must be more than 0; leave out what should not count, or give it a small weight");
    return;
  }
  *out = w;
}

static void check_weight(chk *c, weight_decl *w, const char *who) {
  w->w = num_int(1);
  if (w->count > 1) diag_error(c->d, w->sp, "%s has more than one 'weight'", who);
  if (w->e) check_weight_value(c, w->e, &w->w);
}

static const char *const unit_words[][2] = {{N_("goals"), "mål"}, {N_("initiatives"), "indsatser"}, {N_("areas"), "indsatsområder"}};
static const char *const unit_word1[] = {N_("goal"), N_("initiative"), N_("area")};

/* Whether a goal has an achievement for a weighted rule: computed goals
 * and milestones do; stated and assessed goals do not. */
static bool has_achievement(const goal *g) { return !g->manual && !g->assessed; }

/* The goals under a weighted rule must each have an achievement. */
static void weighted_goals(chk *c, const status_rule *r, const initiative *in, const char *who) {
  for (const goal *g = in->goals; g; g = g->next)
    if (!has_achievement(g))
      diag_error(c->d, r->sp, "%s is weighted, but goal %s has a %s status and no achievement to weigh; give it a measure and a target, or use another rule", who, g->id,
                 g->manual ? M("stated") : M("assessed"));
  if (in->rule.agg == AGG_MANUAL)
    diag_error(c->d, r->sp, "%s is weighted, but initiative %s has a stated status and no achievement to weigh", who, in->number);
}

/* Two whole numbers as written (digits only, of any length), compared by value. */
static int digits_cmp(const char *a, const char *b) {
  while (*a == '0' && a[1]) a++;
  while (*b == '0' && b[1]) b++;
  size_t la = strlen(a), lb = strlen(b);
  if (la != lb) return la < lb ? -1 : 1;
  return strcmp(a, b);
}

/* level: RU_GOALS for an initiative, RU_INITIATIVES for a focus area,
 * RU_AREAS for the agreement; members: how many goals, initiatives or
 * areas it has; who: "initiative 1.1", "focus area 1", "the agreement". */
static void check_rule(chk *c, status_rule *r, rule_unit lvl, int members, const char *who) {
  if (r->count > 1) diag_error(c->d, r->sp, "%s has more than one 'status' rule", who);
  r->sch = c->p->default_scheme;
  const char *word = M(unit_words[lvl][0]);
  switch (r->agg) {
  case AGG_GOAL:
  case AGG_MANUAL:
    if (lvl != RU_GOALS)
      diag_error(c->d, r->sp, "%s takes its status from its %s: use 'status all', 'worst', 'any', 'at least K of N %s met' or 'weighted'",
                 who, word, word);
    break;
  case AGG_ATLEAST: {
    /* K and N are shown as written: one too long to read is -1 in r->k, r->n */
    const char *K = r->k_text, *N = r->n_text;
    if (r->unit != lvl) {
      diag_error(c->d, r->unit_sp, "%s counts its %s: write 'at least %s of %s %s met' ('mindst %s af %s %s opfyldt')", who, word,
                 K, N, unit_words[lvl][0], K, N, unit_words[lvl][1]);
      break;
    }
    if (r->k == 0) {
      diag_error(c->d, r->k_sp, "'at least 0 of %s' is always met: K must be at least 1", N);
      break;
    }
    if (digits_cmp(K, N) > 0) {
      diag_error(c->d, r->k_sp, "'at least %s of %s' can never be met: K must not be more than N", K, N);
      break;
    }
    const char *has = members == 1 ? M(unit_word1[lvl]) : word;
    if (r->n < 0) /* too long to read: far more than there are */
      diag_error(c->d, r->n_sp,
                 "%s has %d %s, not %s: 'at least %s of %s' reads as %s of its %d %s, or as %s of %s %s of which only %d %s written; write %d, or add what is missing",
                 who, members, has, N, K, N, K, members, has, K, N, word, members, members == 1 ? M("is") : M("are"), members);
    else if (r->n > members)
      diag_error(c->d, r->n_sp,
                 "%s has %d %s, not %d: 'at least %d of %d' reads as %d of its %d %s, or as %d of %d %s of which %d %s not written; write %d, or add what is missing",
                 who, members, has, r->n, r->k, r->n, r->k, members, has, r->k, r->n, word, r->n - members,
                 r->n - members == 1 ? M("is") : M("are"), members);
    else if (r->n < members)
      diag_error(c->d, r->n_sp,
                 "%s has %d %s, not %d: 'at least %d of %d' reads as %d of all its %d %s, or as %d of only %d of them; write %d, or move what should not count",
                 who, members, word, r->n, r->k, r->n, r->k, members, word, r->k, r->n, members);
    break;
  }
  case AGG_WEIGHTED:
    if (r->scheme) {
      scheme_decl *s = find_scheme(c->p, r->scheme);
      if (!s) {
        suggest sg = {NULL, 99, r->scheme};
        for (scheme_decl *x = c->p->schemes; x; x = x->next) consider(&sg, x->name);
        diag_error(c->d, r->scheme_sp, "there is no status scheme named '%s'", r->scheme);
        if (sg.best) diag_note(c->d, r->scheme_sp, "did you mean '%s'?", sg.best);
      } else {
        r->sch = s;
      }
    }
    break;
  default: break;
  }
}

/* 'status mål a' or 'status mål a, b og c' (spec §9.5): each name is one
 * of the initiative's goals, none is named twice, and a list of two or
 * more that names every goal is 'status alle' said the long way. */
static void check_rule_goals(chk *c, initiative *in) {
  status_rule *r = &in->rule;
  r->targets = arena_alloc(c->p->arena, (size_t)r->ngoals * sizeof *r->targets);
  bool all_found = true;
  for (int i = 0; i < r->ngoals; i++) {
    for (goal *g = in->goals; g; g = g->next)
      if (!strcmp(g->label, r->goals[i])) r->targets[i] = g;
    if (!r->targets[i]) {
      diag_error(c->d, r->goal_sps[i], "initiative %s has no goal '%s'", in->number, r->goals[i]);
      /* one letter is near every other: suggest only for longer names */
      suggest sg = {NULL, 99, r->goals[i]};
      if (strlen(r->goals[i]) > 1)
        for (goal *g = in->goals; g; g = g->next) consider(&sg, g->label);
      if (sg.best) diag_note(c->d, r->goal_sps[i], "did you mean '%s'?", sg.best);
      all_found = false;
      continue;
    }
    for (int j = 0; j < i; j++)
      if (r->targets[j] == r->targets[i]) {
        diag_error(c->d, r->goal_sps[i], "initiative %s names goal '%s' twice in its 'status' rule", in->number, r->goals[i]);
        all_found = false;
        break;
      }
  }
  int n = 0;
  for (goal *g = in->goals; g; g = g->next) n++;
  if (all_found && r->ngoals > 1 && r->ngoals == n)
    diag_warning(c->d, r->sp, "initiative %s names all its goals; that is 'status all' ('status alle'), the default: write that, or name only the goals that count",
                 in->number);
}

/* ---- breakdowns (spec §11) ---- */

static banding_decl *find_banding(ast_program *p, const char *name) {
  for (banding_decl *b = p->bandings; b; b = b->next)
    if (!strcmp(b->name, name)) return b;
  return NULL;
}

static const char *const by_fn_words[] = {"", "måned af", "kvartal af", "år af"};

/* The type of a breakdown key: the column's, or what 'måned af',
 * 'kvartal af' or 'år af' makes of it (§5.11); T_NONE, said, if it cannot. */
static vtype by_key_type(chk *c, const by_dim *u, vtype t, span sp) {
  if (u->fn == BYF_VALUE || t == T_NONE) return t;
  bool ok = t == T_DATE || t == T_MONTH || (u->fn != BYF_MONTH && t == T_QUARTER);
  if (!ok) {
    diag_error(c->d, sp, "'%s' needs a date%s, but '%s' is %s", by_fn_words[u->fn],
               u->fn == BYF_MONTH ? M(" or a month") : M(", a month or a quarter"), u->column, article(t));
    return T_NONE;
  }
  return u->fn == BYF_MONTH ? T_MONTH : u->fn == BYF_QUARTER ? T_QUARTER : T_INT;
}

/* Bands need numbers: a whole or decimal number, or a year of a date. */
static bool bands_fit(chk *c, const by_dim *u, vtype t, span sp) {
  if (t == T_INT || t == T_DEC || t == T_NONE) return true;
  if (t == T_DATE || t == T_MONTH || t == T_QUARTER)
    diag_error(c->d, sp, "bands need numbers, but '%s' is %s; break it down by 'måned af %s', 'kvartal af %s' or 'år af %s' (bands of years: 'år af %s (2007-2008, 2009-)')",
               u->column, article(t), u->column, u->column, u->column, u->column);
  else
    diag_error(c->d, sp, "bands need numbers, but '%s' is %s; break it down by its values: 'per %s'", u->column, article(t), u->column);
  return false;
}

/* Resolve each side of a goal's breakdown in the goal's source: its
 * column, what is computed from it, its bands (compiled once). */
static void check_by(chk *c, goal *g, goal_item *it) {
  data_decl *src = g->m->source;
  by_dim *out = NULL;
  int n = 0;
  for (by_dim *d = it->by; d; d = d->next) {
    if (++n == 3) diag_error(c->d, d->sp, "a breakdown has at most two sides: 'per jobcenter og køn'");
    if (n > 2) continue;
    by_dim *u = ast_by_dim(c->p, d->sp, d->fn, d->column, d->col_sp, d->bands);
    out = ast_by_dim_add(out, u);
    banding_decl *bd = d->fn == BYF_VALUE ? find_banding(c->p, d->column) : NULL;
    int col = strchr(d->column, '.') ? -1 : column_index(src, d->column);
    if (bd && col >= 0) {
      unsigned line, lc;
      diag_position(c->d, bd->sp.beg, &line, &lc);
      diag_error(c->d, d->col_sp, "'%s' reads two ways: the banding of line %u, or the column '%s' of '%s'; rename the banding",
                 d->column, line, d->column, src->name);
      continue;
    }
    if (bd && d->bands) {
      diag_error(c->d, d->sp, "'%s' is a banding with its own bands; write 'per %s', or the column with bands", d->column, d->column);
      continue;
    }
    if (bd) { /* the banding's column and bands */
      u->def = bd->dim;
      u->banding = bd->name;
      u->fn = bd->dim->fn;
      u->column = bd->dim->column;
      u->bands = bd->dim->bands;
      u->set = bd->dim->set;
      if (!u->set) continue; /* its bands were wrong: said at the banding */
    } else if (d->bands) {
      u->set = bands_compile(c->p->arena, d->bands, c->d);
    }
    if (src->unreadable) continue;
    vtype t = T_NONE;
    if (strchr(u->column, '.')) { /* per SRC.COL (§5.9) */
      u->col = derived_column(c, src, u->column, d->col_sp, &t);
      if (g->base && u->col >= 0)
        diag_error(c->d, d->col_sp, "a breakdown by a field through a reference cannot have a baseline yet");
    } else {
      u->col = column_index(src, u->column);
      if (u->col < 0) {
        suggest s = {NULL, 99, u->column};
        for (size_t i = 0; i < src->ncol; i++) consider(&s, src->colv[i]->name);
        for (banding_decl *x = c->p->bandings; x; x = x->next) consider(&s, x->name);
        diag_error(c->d, d->col_sp, "'%s' is not a column of '%s', so the goal cannot be broken down by it", u->column, src->name);
        if (s.best) diag_note(c->d, d->col_sp, "did you mean '%s'?", s.best);
        continue;
      }
      t = src->colv[u->col]->type;
      if (src->colv[u->col]->unsampled && (u->fn != BYF_VALUE || u->set)) { /* empty in the sample: what it needs */
        t = src->colv[u->col]->type = u->fn != BYF_VALUE ? T_DATE : T_DEC;
        src->colv[u->col]->unsampled = false;
      }
      if (g->base && g->base->source && g->base->source != src && column_index(g->base->source, u->column) < 0)
        diag_error(c->d, d->col_sp, "the baseline's source '%s' has no column '%s' to break it down by", g->base->source->name, u->column);
    }
    if (u->col < 0) continue;
    u->type = by_key_type(c, u, t, d->sp);
    if (u->set && !bands_fit(c, u, u->type, d->sp)) u->set = NULL;
    if (u->set) bands_gaps(u->set, u->type == T_INT, c->d);
  }
  g->by_dims = out;
  g->nby = n > 2 ? 2 : n;
  g->by_col = out ? out->col : -1;
}

static void check_bandings(chk *c) {
  for (banding_decl *b = c->p->bandings; b; b = b->next) {
    for (banding_decl *o = c->p->bandings; o != b; o = o->next)
      if (!strcmp(o->name, b->name)) {
        diag_error(c->d, b->sp, "there are two bandings named '%s'", b->name);
        first_here(c, o->sp, N_("banding"));
        break;
      }
    b->dim->set = bands_compile(c->p->arena, b->dim->bands, c->d);
  }
}

static void check_goal(chk *c, initiative *in, goal *g) {
  arena *a = c->p->arena;
  g->id = arena_printf(a, "%s-%s", in->number, g->label);
  goal_item *first[GI_SOURCE + 1] = {0};
  static const char *const item_names[] = {N_("measure"), N_("target"), N_("result"), N_("comment"), N_("scheme"), N_("by"),
                                           N_("status"), N_("exclude missing"), N_("baseline"), N_("assessed by"), N_("weight"),
                                           N_("source")};
  g->weight = num_int(1);
  for (goal_item *it = g->items; it; it = it->next) {
    if (first[it->kind] && it->kind != GI_TARGET) {
      unsigned line, col;
      diag_position(c->d, first[it->kind]->sp.beg, &line, &col);
      diag_error(c->d, it->sp, "goal %s already has a '%s' (line %u)", g->id, M(item_names[it->kind]), line);
      continue;
    }
    if (!first[it->kind]) first[it->kind] = it;
    switch (it->kind) {
    case GI_MEASURE: g->m = it->m; break;
    case GI_TARGET: break;
    case GI_RESULT: g->result_tpl = it->text; g->result_sp = it->text_sp; break;
    case GI_COMMENT: g->comment = it->text; break;
    case GI_SCHEME:
      g->scheme = find_scheme(c->p, it->name);
      if (!g->scheme) {
        suggest s = {NULL, 99, it->name};
        for (scheme_decl *x = c->p->schemes; x; x = x->next) consider(&s, x->name);
        diag_error(c->d, it->text_sp, "there is no status scheme named '%s'", it->name);
        if (s.best) diag_note(c->d, it->text_sp, "did you mean '%s'?", s.best);
      }
      break;
    case GI_BY: g->by = it->name; break;
    case GI_STATUS: g->manual = true; g->manual_role = it->r; g->manual_reason = it->text; break;
    case GI_EXCLUDE_MISSING: g->exclude_missing = true; break;
    case GI_BASELINE:
      if (it->m) {
        g->base = it->m;
      } else {
        g->has_base_value = const_num(c, it->e, &g->base_value, M("a baseline"));
        g->base_unit = it->text;
      }
      break;
    case GI_ASSESSED: check_assessed(c, g, it); break;
    case GI_WEIGHT: check_weight_value(c, it->e, &g->weight); break;
    case GI_SOURCE: g->source_ref = it->text; break;
    }
  }
  if (!g->scheme) g->scheme = c->p->default_scheme;
  if (first[GI_TARGET]) g->t = pick_target(c, g);
  if (g->manual || first[GI_ASSESSED]) {
    goal_item *how = g->manual ? first[GI_STATUS] : first[GI_ASSESSED];
    if (g->m || first[GI_TARGET] || first[GI_BASELINE] || (g->manual && first[GI_ASSESSED]))
      diag_error(c->d, how->sp, "goal %s is both measured and assessed; a goal is either computed from data ('measure' and 'target') or assessed ('status ... \"reason\"' or 'assessed by SOURCE')", g->id);
    else if (first[GI_RESULT] && first[GI_ASSESSED])
      diag_error(c->d, first[GI_RESULT]->sp, "goal %s is assessed by '%s'; its result text is the table's begrundelse, so it takes no 'result'",
                 g->id, first[GI_ASSESSED]->name);
    return;
  }
  bool broken = diag_error_within(c->d, g->sp); /* a syntax error inside: say no more */
  if (!g->m && !broken) diag_error(c->d, g->sp, "goal %s has no 'measure' (or a stated 'status met \"reason\"')", g->id);
  if (!first[GI_TARGET] && !broken) diag_error(c->d, g->sp, "goal %s has no 'target'", g->id);
  if (g->m) g->unit_rejected = !check_measure(c, g->m, &g->unit);
  if (g->base) {
    const char *bu;
    if (check_measure(c, g->base, &bu) && g->m && !g->unit_rejected && bu && g->unit && strcmp(bu, g->unit) != 0)
      diag_error(c->d, g->base->sp, "the baseline gives %s, but the measure gives %s", bu, g->unit);
    if (g->base->over && g->by)
      diag_error(c->d, g->base->over_sp, "a goal broken down with 'by' cannot average its baseline over a column");
  }
  if (g->has_base_value && g->base_unit && g->unit && strcmp(g->base_unit, g->unit) != 0 && !g->unit_rejected)
    diag_error(c->d, first[GI_BASELINE]->sp, "the baseline is in %s, but the measure gives %s", g->base_unit, g->unit);
  if (g->t) { /* the targets of other periods are checked too: a mistake there is one next year */
    target *chosen = g->t;
    for (goal_item *it = g->items; it; it = it->next)
      if (it->kind == GI_TARGET && it->t != chosen && it->t->period) {
        g->t = it->t;
        check_target(c, g);
      }
    g->t = chosen;
    check_target(c, g);
  }
  if (g->m && g->t) check_units(c, g);
  if (g->result_tpl) check_template(c, g);
  check_milestone_goal(c, g, first);
  if (g->exclude_missing && g->m && g->m->kind != M_SHARE && g->m->kind != M_DONE)
    diag_error(c->d, first[GI_EXCLUDE_MISSING]->sp, "'exclude missing' applies to shares only; other measures always skip missing values");
  if (g->by && g->m && g->m->over)
    diag_error(c->d, first[GI_BY]->text_sp, "a goal averaged over a column cannot also be broken down with 'by'");
  if (g->by && g->m && g->m->source) check_by(c, g, first[GI_BY]);
}

static void check_structure(chk *c) {
  ast_program *p = c->p;
  int ngoals = 0;
  for (area *ar = p->areas; ar; ar = ar->next) {
    for (area *o = p->areas; o != ar; o = o->next)
      if (!strcmp(o->number, ar->number)) {
        diag_error(c->d, ar->number_sp, "there are two focus areas numbered %s", ar->number);
        first_here(c, o->number_sp, N_("focus area"));
        break;
      }
    if (!ar->inits) diag_warning(c->d, ar->number_sp, "focus area %s has no initiatives", ar->number);
    for (initiative *in = ar->inits; in; in = in->next) {
      /* compare with the initiatives before this one, in document order */
      for (area *oa = p->areas; oa; oa = oa == ar ? NULL : oa->next)
        for (initiative *o = oa->inits; o && o != in; o = o->next)
          if (!strcmp(o->number, in->number)) {
            unsigned line, col;
            diag_position(c->d, o->number_sp.beg, &line, &col);
            diag_error(c->d, in->number_sp, "there is already an initiative numbered %s (line %u)", in->number, line);
            first_here(c, o->number_sp, N_("initiative"));
            goto next;
          }
    next:
      for (goal *g = in->goals; g; g = g->next) {
        for (goal *o = in->goals; o != g; o = o->next)
          if (!strcmp(o->label, g->label)) {
            diag_error(c->d, g->label_sp, "initiative %s already has a goal '%s'", in->number, g->label);
            first_here(c, o->label_sp, N_("goal"));
            break;
          }
        check_goal(c, in, g);
        ngoals++;
      }
      {
        int n = 0;
        for (goal *g = in->goals; g; g = g->next) n++;
        const char *who = arena_printf(p->arena, M("initiative %s"), in->number);
        check_rule(c, &in->rule, RU_GOALS, n, who);
        check_weight(c, &in->weight, who);
        if (in->nsource > 1) diag_error(c->d, in->source_sp, "%s has more than one 'source'", who);
        if (in->rule.agg == AGG_WEIGHTED) weighted_goals(c, &in->rule, in, who);
      }
      if (in->rule.agg == AGG_GOAL) check_rule_goals(c, in);
      if (!in->goals && in->rule.agg != AGG_MANUAL)
        diag_warning(c->d, in->number_sp, "initiative %s has no goals; its status will be '%s'", in->number,
                     p->default_scheme->label[ROLE_UNKNOWN]);
    }
  }
  int ninits = 0, nareas = 0;
  for (area *ar = p->areas; ar; ar = ar->next, nareas++) {
    int n = 0;
    for (initiative *in = ar->inits; in; in = in->next, n++) in->index = ninits++;
    const char *who = arena_printf(p->arena, M("focus area %s"), ar->number);
    check_weight(c, &ar->weight, who);
    if (!ar->rule.count) continue;
    check_rule(c, &ar->rule, RU_INITIATIVES, n, who);
    if (ar->rule.agg == AGG_WEIGHTED)
      for (initiative *in = ar->inits; in; in = in->next) weighted_goals(c, &ar->rule, in, who);
  }
  if (p->rule.count) {
    check_rule(c, &p->rule, RU_AREAS, nareas, M("the agreement"));
    if (p->rule.agg == AGG_WEIGHTED)
      for (area *ar = p->areas; ar; ar = ar->next)
        for (initiative *in = ar->inits; in; in = in->next) weighted_goals(c, &p->rule, in, M("the agreement"));
  }
  p->ninits = ninits;
  p->ngoals = ngoals;
  p->goalv = arena_alloc(p->arena, (size_t)(ngoals ? ngoals : 1) * sizeof *p->goalv);
  int k = 0;
  for (area *ar = p->areas; ar; ar = ar->next)
    for (initiative *in = ar->inits; in; in = in->next)
      for (goal *g = in->goals; g; g = g->next) {
        g->index = k;
        p->goalv[k++] = g;
      }
}

static void check_names(chk *c) {
  ast_program *p = c->p;
  for (data_decl *d = p->data; d; d = d->next)
    for (data_decl *o = p->data; o != d; o = o->next)
      if (!strcmp(o->name, d->name)) {
        diag_error(c->d, d->sp, "there are two data sources named '%s'", d->name);
        first_here(c, o->sp, N_("data source"));
        break;
      }
  for (group_decl *g = p->groups; g; g = g->next)
    if (find_data(p, g->name)) diag_error(c->d, g->sp, "'%s' is already the name of a data source", g->name);
  index_groups(c);
  for (param_decl *q = p->params; q; q = q->next)
    for (param_decl *o = p->params; o != q; o = o->next)
      if (!strcmp(o->name, q->name)) {
        diag_error(c->d, q->sp, "there are two parameters named '%s'", q->name);
        first_here(c, o->sp, N_("parameter"));
        break;
      }
  for (scheme_decl *s = p->schemes; s; s = s->next)
    for (scheme_decl *o = p->schemes; o != s; o = o->next)
      if (!strcmp(o->name, s->name)) {
        diag_error(c->d, s->sp, "there are two schemes named '%s'", s->name);
        first_here(c, o->sp, N_("scheme"));
        break;
      }
}

static void check_params(chk *c) {
  ast_program *p = c->p;
  int i = 0;
  for (param_decl *q = p->params; q; q = q->next) q->index = i++;
  p->nparams = i;
  p->paramv = arena_alloc(p->arena, (size_t)(i ? i : 1) * sizeof *p->paramv);
  for (param_decl *q = p->params; q; q = q->next) p->paramv[q->index] = q;
  /* --param NAME=VALUE first: a computed parameter must see the new value */
  for (size_t k = 0; k < c->opt->nparam_overrides; k++) {
    const char *s = c->opt->param_overrides[k];
    const char *eq = strchr(s, '=');
    param_decl *q = NULL;
    if (eq) {
      for (param_decl *x = p->params; x; x = x->next)
        if (strlen(x->name) == (size_t)(eq - s) && !strncmp(x->name, s, (size_t)(eq - s))) q = x;
    }
    if (!eq) {
      fprintf(stderr, T("maal: --param needs NAME=VALUE, not '%s'\n"), s);
      c->usage_error = true;
    } else if (!q) {
      fprintf(stderr, T("maal: --param %.*s: %s has no parameter of that name"), (int)(eq - s), s, p->path);
      for (param_decl *x = p->params; x; x = x->next)
        fprintf(stderr, "%s%s", x == p->params ? M(" (it has: ") : ", ", x->name);
      fprintf(stderr, "%s\n", p->params ? ")" : "");
      c->usage_error = true;
    } else if (ast_type_numeric(q->type) && looks_numeric(unsigned_part(eq + 1)) &&
               ast_number_problem(unsigned_part(eq + 1))) {
      fprintf(stderr, T("maal: --param %s: '%s': %s\n"), q->name, eq + 1, ast_number_problem(unsigned_part(eq + 1)));
      c->usage_error = true;
    } else if (!chk_parse_value(q->type, eq + 1, p->arena, &q->val)) {
      fprintf(stderr, T("maal: --param %s: '%s' is not %s\n"), q->name, eq + 1, article(q->type));
      c->usage_error = true;
    } else {
      q->override_text = eq + 1;
    }
  }
  for (param_decl *q = p->params; q; q = q->next) {
    c->param_limit = q->index; /* only earlier parameters */
    if (ast_type_numeric(q->type)) {
      num n;
      bool ok = const_num(c, q->init, &n, M("a parameter's value"));
      if (ok && q->type == T_INT && !num_is_int(n) && !diag_error_within(c->d, q->init->sp))
        diag_error(c->d, q->init->sp, "parameter '%s' is an int, but its value is not a whole number", q->name);
      else if (ok && !q->override_text) {
        q->val.kind = V_NUM;
        q->val.u.n = n;
      }
      continue;
    }
    vtype t = check_expr(c, q->init, NULL);
    if (t == T_NONE) continue;
    if (t == q->type && (q->init->kind == E_STR || q->init->kind == E_DATE || q->init->kind == E_BOOL ||
                         q->init->kind == E_MONTH || q->init->kind == E_QUARTER)) {
      if (!q->override_text) q->val = q->init->lit;
    } else {
      diag_error(c->d, q->init->sp, "parameter '%s' is %s, but its value %s is %s", q->name,
                 article(q->type), describe(c, q->init), article(t));
    }
  }
  c->param_limit = i;
}

static void check_period(chk *c) {
  ast_program *p = c->p;
  if (p->nagreement == 0 && p->areas) {
    diag_error(c->d, p->areas->sp, "the file has focus areas, but no 'agreement \"title\"' line");
    diag_note(c->d, p->areas->sp, "a file of declarations only (groups, data, parameters, schemes) or of tests needs none");
    p->title = "";
  } else if (p->nagreement == 0) {
    p->title = ""; /* a library of declarations, or a file of tests */
  } else if (p->nagreement > 1) {
    diag_error(c->d, p->second_title_sp, "the file has more than one 'agreement' line");
  }
  p->period_text = "";
  if (!p->period) return;
  expr *e = p->period;
  if (e->kind == E_NUM || e->kind == E_DATE || e->kind == E_MONTH || e->kind == E_QUARTER) {
    p->period_text = e->raw;
  } else if (e->kind == E_STR) {
    p->period_text = e->lit.u.t.s;
  } else if (e->kind == E_NAME) {
    param_decl *q = find_param(p, e->name);
    if (!q) {
      diag_error(c->d, e->sp, "'%s' is not a parameter", e->name);
    } else if (q->val.kind == V_TEXT) {
      p->period_text = q->val.u.t.s;
    } else if (q->val.kind == V_NUM) {
      char b[64];
      num_format_plain(q->val.u.n, 0, b, sizeof b);
      p->period_text = q->override_text ? q->override_text : arena_strdup(p->arena, b);
    } else if (q->val.kind == V_DATE) {
      char b[11];
      cal_format_date(q->val.u.date, b);
      p->period_text = arena_strdup(p->arena, b);
    } else if (q->val.kind == V_MONTH || q->val.kind == V_QUARTER) {
      p->period_text = time_text(p->arena, q->val);
    }
  } else {
    diag_error(c->d, e->sp, "the period is a number, a text or a parameter, e.g. 'period 2007'");
  }
  if (p->period_twice) diag_error(c->d, p->period_twice_sp, "the agreement line has more than one 'period'");
}

/* ---- checks of the extract (spec §4.7) ---- */

static void check_check_item(chk *c, data_decl *d, check_item *it) {
  size_t n = 0;
  for (const expr *e = it->cols; e; e = e->next) n++;
  it->colv = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *it->colv);
  bool ok = true;
  for (const expr *e = it->cols; e; e = e->next) {
    for (size_t k = 0; k < it->ncols; k++)
      if (it->colv[k] >= 0 && !strcmp(d->colv[it->colv[k]]->name, e->name)) {
        diag_error(c->d, e->sp, "column '%s' is named twice in this check", e->name);
        ok = false;
      }
    int i = key_column(c, d, e, M("check"));
    if (i < 0) ok = false;
    it->colv[it->ncols++] = i;
  }
  if (!ok || d->unreadable) return;
  switch (it->kind) {
  case CK_UNIQUE:
  case CK_REQUIRED:
    break;
  case CK_IN:
  case CK_RANGE: {
    const column_decl *col = d->colv[it->colv[0]];
    if (it->kind == CK_RANGE && !col->unsampled && (col->type == T_TEXT || col->type == T_BOOL)) {
      diag_error(c->d, it->sp, "column '%s' is %s; a range needs numbers, dates or months", col->name,
                 article(col->type));
      if (col->type == T_TEXT) diag_note(c->d, it->sp, "to allow some texts, write '%s i (\"...\", \"...\")'", col->name);
      break;
    }
    if (!it->cond) break; /* a range without ends: the parser said so */
    check_condition(c, it->cond, d, "a check");
    break;
  }
  case CK_ROWS: {
    const expr *e = it->count;
    if (e->kind != E_NUM || e->lit.kind != V_NUM || !num_is_int(e->lit.u.n) || e->lit.u.n.n < 0) {
      diag_error(c->d, e->sp, "a number of rows is a whole number, 0 or more; not %s", e->raw ? e->raw : "this");
      break;
    }
    it->bound = e->lit.u.n.n;
    break;
  }
  }
}

static void check_checks(chk *c) {
  for (check_decl *k = c->p->checks; k; k = k->next) {
    data_decl *d = find_data(c->p, k->source);
    if (!d) {
      suggest s = {NULL, 99, k->source};
      for (data_decl *x = c->p->data; x; x = x->next) consider(&s, x->name);
      diag_error(c->d, k->source_sp, "'%s' is not a data source; a check is about the rows of one", k->source);
      if (s.best) diag_note(c->d, k->source_sp, "did you mean '%s'?", s.best);
      continue;
    }
    size_t n = 0;
    for (check_item *it = k->items; it; it = it->next) n++;
    check_item **v = arena_alloc(c->p->arena, (d->ncheck + n + 1) * sizeof *v);
    for (size_t i = 0; i < d->ncheck; i++) v[i] = d->checkv[i];
    for (check_item *it = k->items; it; it = it->next) {
      check_check_item(c, d, it);
      v[d->ncheck++] = it;
    }
    d->checkv = v;
  }
}

static int check_program(ast_program *p, diag *d, const chk_options *opt);

int chk_program(ast_program *p, diag *d, const chk_options *opt) {
  int r = check_program(p, d, opt);
  free_group_index(p); /* only the checker looks groups up by name */
  return r;
}

static int check_program(ast_program *p, diag *d, const chk_options *opt) {
  chk c = {.p = p, .d = d, .opt = opt};
  if (p->abandoned) return CHK_RULES; /* the parser said why; the rest would be noise */
  check_names(&c);
  check_params(&c);
  check_period(&c);
  int n = 0;
  for (data_decl *x = p->data; x; x = x->next) x->index = n++;
  p->ndata = n;
  p->datav = arena_alloc(p->arena, (size_t)(n ? n : 1) * sizeof *p->datav);
  for (data_decl *x = p->data; x; x = x->next) {
    p->datav[x->index] = x;
    check_data(&c, x);
  }
  for (size_t k = 0; k < opt->ndata_overrides; k++) {
    const char *s = opt->data_overrides[k], *eq = strchr(s, '=');
    bool known = false;
    for (data_decl *x = p->data; eq && x; x = x->next)
      if (strlen(x->name) == (size_t)(eq - s) && !strncmp(x->name, s, (size_t)(eq - s))) known = true;
    if (!known) {
      fprintf(stderr, T("maal: --data %s: %s\n"), s, eq ? M("the rules have no data source of that name") : M("write NAME=PATH"));
      c.usage_error = true;
    }
  }
  if (c.usage_error) return CHK_USAGE;
  /* Columns come from the files (not from a path that is itself wrong).  A
     file that cannot be read leaves its columns unknown; the rest of the
     rules are still checked, quietly about that source's names. */
  int before_data = diag_errors(d);
  for (data_decl *x = p->data; x; x = x->next)
    if (!x->unreadable && opt->load_columns && opt->load_columns(p, x, d, opt->ctx) != 0) {
      c.data_error = true;
      x->unreadable = true;
    }
  int data_errors = diag_errors(d) - before_data;
  for (data_decl *x = p->data; x; x = x->next) check_relations(&c, x);
  n = 0;
  for (group_decl *g = p->groups; g; g = g->next) g->index = n++;
  p->ngroups = n;
  p->groupv = arena_alloc(p->arena, (size_t)(n ? n : 1) * sizeof *p->groupv);
  for (group_decl *g = p->groups; g; g = g->next) p->groupv[g->index] = g;
  for (group_decl *g = p->groups; g; g = g->next) resolve_group(&c, g);
  for (scheme_decl *s = p->schemes; s; s = s->next) check_scheme(&c, s);
  /* the default scheme: the file's own first one, else an imported one */
  p->default_scheme = p->schemes;
  for (scheme_decl *s = p->schemes; s; s = s->next)
    if (s->sp.beg <= p->main_end) {
      p->default_scheme = s;
      break;
    }
  if (!p->default_scheme) p->default_scheme = builtin_scheme(p);
  check_bandings(&c);
  check_structure(&c);
  check_checks(&c);
  if (diag_errors(d) > data_errors) return CHK_RULES;
  return c.data_error ? CHK_DATA : CHK_OK;
}
