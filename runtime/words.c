/* words.c — the rules of an agreement as plain Danish sentences (words.h). */
#include "words.h"

#include <string.h>

#include "calendar.h"
#include "check.h"

/* ---- small pieces ---- */

static const char *const month_names[12] = {"januar", "februar", "marts", "april", "maj", "juni",
                                            "juli", "august", "september", "oktober", "november", "december"};

void wd_date(int32_t days, buf *out) {
  int y, m, d;
  cal_parts(days, &y, &m, &d);
  buf_printf(out, "%d. %s %d", d, month_names[m - 1], y);
}

static void put_month(int32_t month, buf *out) {
  int32_t y = cal_year_of_month(month);
  buf_printf(out, "%s %d", month_names[month - y * 12], (int)y);
}

static void put_quarter(int32_t q, buf *out) {
  int32_t y = q >= 0 ? q / 4 : -((-q + 3) / 4);
  buf_printf(out, "%d. kvartal %d", (int)(q - y * 4 + 1), (int)y);
}

/* A number in the documents' style: 5,5; 26.898.526; a year as 2007. */
static void put_num(num v, buf *out) {
  char s[64];
  size_t n = num_format_plain(v, num_decimals(v, 6), s, sizeof s);
  char *dot = strchr(s, '.');
  if (dot) *dot = ',';
  ast_number_text(s, n, false, out);
}

/* The rule text of sp, as written, in the code style. */
static void code(const wd_ctx *w, span sp, buf *out) {
  buf_addc(out, WD_CODE_ON);
  buf t = {0};
  diag_text(w->d, sp, &t);
  /* one line: the layout of the rule file is no part of the words */
  bool blank = false;
  for (size_t i = 0; i < t.len; i++) {
    char c = buf_str(&t)[i];
    bool b = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (b && !blank) buf_addc(out, ' ');
    if (!b) buf_addc(out, c);
    blank = b;
  }
  buf_free(&t);
  buf_addc(out, WD_CODE_OFF);
}

static const param_decl *param_named(const wd_ctx *w, const char *name) {
  for (const param_decl *pd = w->p->params; pd; pd = pd->next)
    if (!strcmp(pd->name, name)) return pd;
  return NULL;
}

static const group_decl *group_named(const wd_ctx *w, const char *name) {
  for (const group_decl *g = w->p->groups; g; g = g->next)
    if (!strcmp(g->name, name)) return g;
  return NULL;
}

/* A value in words; false when it has none (missing). */
static bool put_value(const value *v, buf *out) {
  switch (v->kind) {
  case V_NUM: put_num(v->u.n, out); return true;
  case V_TEXT: buf_add(out, v->u.t.s, v->u.t.len); return true;
  case V_BOOL: buf_adds(out, v->u.b ? "ja" : "nej"); return true;
  case V_DATE: wd_date(v->u.date, out); return true;
  case V_MONTH: put_month(v->u.month, out); return true;
  case V_QUARTER: put_quarter(v->u.quarter, out); return true;
  default: return false;
  }
}

/* A year given as a number or a parameter: its value; false if neither. */
static bool year_of(const wd_ctx *w, const expr *e, int64_t *y) {
  if (e->kind == E_NUM && e->lit.kind == V_NUM && num_is_int(e->lit.u.n)) {
    *y = e->lit.u.n.n;
    return true;
  }
  if (e->kind == E_NAME) {
    const param_decl *pd = param_named(w, e->name);
    if (pd && pd->val.kind == V_NUM && num_is_int(pd->val.u.n)) {
      *y = pd->val.u.n.n;
      return true;
    }
  }
  return false;
}

/* ---- operands and conditions ---- */

/* An operand in words (a column, a parameter's value, a literal); false,
 * writing nothing, when it is not that simple. */
static bool operand(const wd_ctx *w, const expr *e, buf *out);

static bool is_arith(const expr *e) { return e->kind == E_ADD || e->kind == E_SUB || e->kind == E_MUL || e->kind == E_DIV; }

/* An operand inside another: arithmetic in brackets, so "år af (maaned + 1)"
 * keeps its reading. */
static bool inner(const wd_ctx *w, const expr *e, buf *out) {
  if (!is_arith(e)) return operand(w, e, out);
  size_t mark = out->len;
  buf_addc(out, '(');
  if (!operand(w, e, out)) {
    out->len = mark;
    return false;
  }
  buf_addc(out, ')');
  return true;
}

static bool operand(const wd_ctx *w, const expr *e, buf *out) {
  int64_t y;
  switch (e->kind) {
  case E_NUM: ast_number_text(e->raw, strlen(e->raw), false, out); return true;
  case E_STR: return put_value(&e->lit, out);
  case E_BOOL: buf_adds(out, e->lit.u.b ? "ja" : "nej"); return true;
  case E_DATE: wd_date(e->lit.u.date, out); return true;
  case E_MONTH: return put_value(&e->lit, out);
  case E_QUARTER: return put_value(&e->lit, out);
  case E_ULTIMO:
  case E_PRIMO:
    if (!year_of(w, e->a, &y)) return false;
    wd_date(cal_year_end(y, e->kind == E_ULTIMO), out);
    return true;
  case E_FIELD: buf_adds(out, e->name); return true;
  case E_NEG:
    if (e->a->kind != E_NUM) return false;
    buf_addc(out, '-');
    return operand(w, e->a, out);
  case E_DURATION: {
    static const char *const units[][2] = {{"dag", "dage"}, {"uge", "uger"}, {"måned", "måneder"}, {"år", "år"}};
    int u = e->slot == 'd' ? 0 : e->slot == 'w' ? 1 : e->slot == 'm' ? 2 : 3;
    if (e->a->kind != E_NUM || !operand(w, e->a, out)) return false;
    bool one = e->a->lit.kind == V_NUM && num_cmp(e->a->lit.u.n, num_int(1)) == 0;
    buf_printf(out, " %s", units[u][!one]);
    return true;
  }
  case E_ADD: case E_SUB: case E_MUL: case E_DIV: {
    static const char ops[] = {[E_ADD] = '+', [E_SUB] = '-', [E_MUL] = '*', [E_DIV] = '/'};
    size_t mark = out->len;
    bool ok = inner(w, e->a, out);
    if (ok) buf_printf(out, " %c ", ops[e->kind]);
    ok = ok && inner(w, e->b, out);
    if (!ok) out->len = mark;
    return ok;
  }
  case E_MONTH_OF: case E_QUARTER_OF: case E_YEAR_OF: {
    size_t mark = out->len;
    buf_adds(out, e->kind == E_MONTH_OF ? "måneden for " : e->kind == E_QUARTER_OF ? "kvartalet for " : "året for ");
    if (inner(w, e->a, out)) return true;
    out->len = mark;
    return false;
  }
  case E_DAYS_FROM: case E_WORKDAYS_FROM: case E_MONTHS_FROM: {
    size_t mark = out->len;
    buf_printf(out, "antal %s fra ", e->kind == E_DAYS_FROM ? "dage" : e->kind == E_WORKDAYS_FROM ? "arbejdsdage" : "måneder");
    bool ok = inner(w, e->a, out);
    if (ok) buf_adds(out, " til ");
    ok = ok && inner(w, e->b, out);
    if (!ok) out->len = mark;
    return ok;
  }
  case E_NAME: {
    if (e->ref == REF_GROUP || group_named(w, e->name)) return false;
    const param_decl *pd = e->ref == REF_COLUMN ? NULL : param_named(w, e->name);
    if (pd) return put_value(&pd->val, out);
    buf_adds(out, e->name);
    return true;
  }
  default: return false;
  }
}

static bool is_time(const expr *e) {
  if (e->type == T_DATE || e->type == T_MONTH || e->type == T_QUARTER) return true;
  return e->kind == E_DATE || e->kind == E_ULTIMO || e->kind == E_PRIMO || e->kind == E_MONTH || e->kind == E_QUARTER;
}

/* The words of a comparison: "er mindst", "er senest", ... */
static const char *cmp_words(expr_kind k, bool time) {
  switch (k) {
  case E_EQ: return "er";
  case E_NE: return "ikke er"; /* a clause after "hvor": "ikke" before the verb */
  case E_LT: return time ? "er før" : "er under";
  case E_LE: return time ? "er senest" : "er højst";
  case E_GT: return time ? "er efter" : "er over";
  case E_GE: return time ? "er tidligst" : "er mindst";
  default: return NULL;
  }
}

static void cond(const wd_ctx *w, const expr *e, buf *out);

/* A condition that joins others with 'og' or 'eller' holds lists that say
 * 'eller' and ranges that say 'og' themselves: then commas set the parts apart. */
static bool says_and_or(const expr *e) {
  if ((e->kind == E_IN || e->kind == E_NOTIN) && e->b && e->b->next) return true;
  if (e->kind == E_BETWEEN) return true;
  if (e->kind == E_NOT && e->a) return says_and_or(e->a);
  return false;
}

/* The operands of a chain of the same 'og'/'eller', flattened. */
static void chain(const expr *e, expr_kind k, const expr **items, size_t *n, size_t cap) {
  if (e->kind == k && e->a && e->b) {
    chain(e->a, k, items, n, cap);
    chain(e->b, k, items, n, cap);
  } else if (*n < cap) {
    items[(*n)++] = e;
  }
}

/* 'har [mindst N | højst N | ingen] NAVN [VINDUE] [hvor C]' in the rule's
 * own order, with its condition and the window's anchor in words (§5.10). */
static bool has_words(const wd_ctx *w, const expr *e, bool negate, buf *out) {
  const rel_expr *x = e->rel;
  if (!x || x->n < 0 || x->k < 0 || x->months < 0) return false;
  buf_adds(out, negate ? "de ikke har " : "de har ");
  if (x->at_most && x->n == 0) buf_adds(out, "ingen ");
  else if (x->at_most) buf_printf(out, "højst %lld ", (long long)x->n);
  else if (x->n != 1) buf_printf(out, "mindst %lld ", (long long)x->n);
  buf_adds(out, x->name);
  const char *dir = x->before ? "før" : "efter";
  switch (x->w) {
  case W_NONE: break;
  case W_AT_LEAST:
    if (x->k == 1 && x->months == 1) buf_printf(out, " i måneden %s ", dir);
    else if (x->k == x->months) buf_printf(out, " i alle de %lld måneder %s ", (long long)x->months, dir);
    else buf_printf(out, " i mindst %lld af de %lld måneder %s ", (long long)x->k, (long long)x->months, dir);
    break;
  case W_WITHIN:
    buf_printf(out, " inden for %lld %s %s ", (long long)x->months, x->days ? "dage" : "måneder", dir);
    break;
  case W_CONSECUTIVE:
    buf_printf(out, " i %lld sammenhængende måneder inden for de %lld måneder efter ", (long long)x->k,
               (long long)x->months);
    break;
  }
  if (x->w != W_NONE && (!e->a || !operand(w, e->a, out))) return false;
  if (x->where) {
    buf_adds(out, " (hvor ");
    cond(w, x->where, out);
    buf_addc(out, ')');
  }
  return true;
}

/* One atom of a condition; false, writing nothing, when it has no words. */
static bool atom(const wd_ctx *w, const expr *e, buf *out) {
  size_t mark = out->len;
  bool ok = true;
  switch (e->kind) {
  case E_NAME:
    if (e->ref == REF_GROUP || (e->ref != REF_COLUMN && group_named(w, e->name))) {
      buf_printf(out, "de hører til målgruppen %s", e->name);
    } else if (e->ref == REF_PARAM || (e->ref != REF_COLUMN && param_named(w, e->name))) {
      ok = false;
    } else {
      buf_printf(out, "%s er ja", e->name);
    }
    break;
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: {
    bool time = is_time(e->a) || is_time(e->b);
    ok = operand(w, e->a, out);
    if (ok) {
      buf_printf(out, " %s ", cmp_words(e->kind, time));
      ok = operand(w, e->b, out);
    }
    break;
  }
  case E_IN: case E_NOTIN: {
    ok = operand(w, e->a, out);
    if (!ok) break;
    buf_adds(out, e->kind == E_IN ? " er " : " ikke er ");
    for (const expr *x = e->b; x && ok; x = x->next) {
      if (x != e->b) buf_adds(out, x->next ? ", " : " eller ");
      ok = operand(w, x, out);
    }
    break;
  }
  case E_BETWEEN:
    ok = operand(w, e->a, out);
    if (ok) buf_adds(out, " er fra ");
    ok = ok && operand(w, e->b, out);
    if (ok) buf_adds(out, " til og med ");
    ok = ok && operand(w, e->c, out);
    break;
  case E_MISSING:
  case E_PRESENT:
    ok = operand(w, e->a, out);
    if (ok) buf_adds(out, e->kind == E_MISSING ? " mangler" : " er udfyldt");
    break;
  case E_WITHIN:
    ok = operand(w, e->a, out);
    if (!ok) break;
    buf_adds(out, " ligger i ");
    if (e->b->kind == E_PERIOD) {
      buf_adds(out, "aftalens periode");
      if (w->p->period_text) buf_printf(out, " (%s)", w->p->period_text);
    } else {
      ok = operand(w, e->b, out);
    }
    break;
  case E_BOOL:
    buf_adds(out, e->lit.u.b ? "altid" : "aldrig");
    break;
  case E_HAS:
    ok = has_words(w, e, false, out);
    break;
  case E_FIELD:
    buf_printf(out, "%s er ja", e->name);
    break;
  default:
    ok = false;
  }
  if (!ok) out->len = mark;
  return ok;
}

static void cond(const wd_ctx *w, const expr *e, buf *out) {
  if (e->kind == E_AND || e->kind == E_OR) {
    const expr *items[256];
    size_t n = 0;
    chain(e, e->kind, items, &n, sizeof items / sizeof items[0]);
    bool commas = false;
    for (size_t i = 0; i < n; i++) commas = commas || says_and_or(items[i]);
    const char *word = e->kind == E_AND ? "og" : "eller";
    if (n == sizeof items / sizeof items[0]) { /* too long a chain to list: as written */
      code(w, e->sp, out);
      return;
    }
    for (size_t i = 0; i < n; i++) {
      if (i > 0) {
        if (commas) buf_printf(out, ", %s ", word);
        else if (i + 1 < n) buf_adds(out, ", ");
        else buf_printf(out, " %s ", word);
      }
      const expr *x = items[i];
      bool paren = x->kind == E_AND || x->kind == E_OR;
      if (paren) buf_addc(out, '(');
      cond(w, x, out);
      if (paren) buf_addc(out, ')');
    }
    return;
  }
  if (e->kind == E_NOT) {
    const expr *x = e->a;
    if (x->kind == E_NAME && (x->ref == REF_COLUMN || (!group_named(w, x->name) && !param_named(w, x->name)))) {
      buf_printf(out, "%s er nej", x->name);
      return;
    }
    if (x->kind == E_WITHIN) {
      buf b = {0};
      if (atom(w, x, &b)) {
        /* "X ligger i P" -> "X ikke ligger i P" */
        const char *s = buf_str(&b);
        const char *at = strstr(s, " ligger i ");
        buf_add(out, s, (size_t)(at - s));
        buf_adds(out, " ikke ligger i ");
        buf_adds(out, at + strlen(" ligger i "));
        buf_free(&b);
        return;
      }
      buf_free(&b);
    }
    if (x->kind == E_NAME && (x->ref == REF_GROUP || group_named(w, x->name))) {
      buf_printf(out, "de ikke hører til målgruppen %s", x->name);
      return;
    }
    if (x->kind == E_FIELD) {
      buf_printf(out, "%s er nej", x->name);
      return;
    }
    if (x->kind == E_HAS && !(x->rel && x->rel->at_most)) {
      size_t mark = out->len;
      if (has_words(w, x, true, out)) return;
      out->len = mark;
    }
    buf_adds(out, "ikke (");
    cond(w, x, out);
    buf_addc(out, ')');
    return;
  }
  if (!atom(w, e, out)) code(w, e->sp, out);
}

static const char *unit_da(const char *u);

/* Whether e is written as the parameter the agreement's period is (the
 * checker has put the period's value in its place; the source says). */
static bool same_as_period(const wd_ctx *w, const expr *e) {
  if (!w->p->period || w->p->period->kind != E_NAME) return false;
  buf t = {0};
  diag_text(w->d, e->sp, &t);
  bool same = !strcmp(buf_str(&t), w->p->period->name);
  buf_free(&t);
  return same;
}

/* ---- measures ---- */

/* ", hvor C," after a group; `last` leaves out the closing comma. */
static void where_clause(const wd_ctx *w, const expr *where, bool last, buf *out) {
  if (!where) return;
  buf_adds(out, ", hvor ");
  cond(w, where, out);
  if (!last) buf_addc(out, ',');
}

/* The subject of the goal's sentence: "Andelen af udsatte, hvor …,".
 * `cap`: with a capital letter, as the sentence begins. `last`: nothing
 * follows in the sentence (no closing comma). */
static void measure_words(const wd_ctx *w, const measure *m, bool cap, bool last, buf *out) {
  if (m->over) {
    buf_printf(out, "%s pr. %s af ", cap ? "Gennemsnittet" : "gennemsnittet", m->over);
    cap = false;
  }
#define W(upper, lower) (cap ? (upper) : (lower))
  switch (m->kind) {
  case M_COUNT:
    buf_printf(out, "%s af %s", W("Antallet", "antallet"), m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_SHARE:
    buf_printf(out, "%s af %s", W("Andelen", "andelen"), m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_DISTINCT:
    buf_printf(out, "%s af forskellige %s i %s", W("Antallet", "antallet"), m->column, m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_SUM:
    buf_printf(out, "%s af %s for %s", W("Summen", "summen"), m->column, m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_AVG:
    buf_printf(out, "%s af %s for %s", W("Gennemsnittet", "gennemsnittet"), m->column, m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_MIN:
    buf_printf(out, "%s værdi af %s for %s", W("Den mindste", "den mindste"), m->column, m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_MAX:
    buf_printf(out, "%s værdi af %s for %s", W("Den største", "den største"), m->column, m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_VALUE:
    buf_printf(out, "%s af %s i %s", W("Værdien", "værdien"), m->column, m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_INDICATOR:
    buf_printf(out, "%s »%s« for ", W("Indikatoren", "indikatoren"), m->indicator);
    if (same_as_period(w, m->period)) {
      /* 'periode aar' of an agreement for 'periode aar': its period, whichever year is run */
      buf_adds(out, "aftalens periode (");
      if (!operand(w, m->period, out)) code(w, m->period->sp, out);
      buf_addc(out, ')');
    } else if (!operand(w, m->period, out)) {
      code(w, m->period->sp, out);
    }
    buf_printf(out, " i %s", m->group);
    break;
  case M_RATIO:
    buf_printf(out, "%s mellem ", W("Forholdet", "forholdet"));
    for (int i = 0; i < 2; i++) {
      const char *col = i ? m->den_col : m->num_col;
      if (i) buf_adds(out, " og ");
      if (col) buf_printf(out, "summen af %s", col);
      else buf_printf(out, "antallet af %s", m->source && m->source->rows_unit ? unit_da(m->source->rows_unit) : "rækker");
    }
    buf_printf(out, " for %s", m->group);
    where_clause(w, m->where, last, out);
    break;
  case M_DONE:
    buf_printf(out, "%s i %s", W("Milepælen", "milepælen"), m->group);
    break;
  }
#undef W
}

/* ---- targets ---- */

/* A unit in Danish, after a number: "pct.", "personer", "forløb": the
 * rule's words, but 'pct.' with its point, as the agreements write it in
 * a sentence. */
static const char *unit_da(const char *u) {
  return u && !strcmp(u, "pct") ? "pct." : ast_unit_word(u, true, false);
}

/* A number of a target: as written, a parameter's value, or the rule text. */
static void tnum(const wd_ctx *w, const expr *e, buf *out) {
  if (e->kind == E_NEG && e->a->kind == E_NUM) {
    buf_addc(out, '-');
    e = e->a;
  }
  if (!operand(w, e, out)) code(w, e->sp, out);
}

/* The unit after the number 1: "1 person", "1 dag". */
static const char *unit_one(const char *u) {
  static const char *const one[][2] = {{"personer", "person"}, {"dage", "dag"}, {"uger", "uge"}, {"måneder", "måned"}};
  for (size_t i = 0; u && i < sizeof one / sizeof one[0]; i++)
    if (!strcmp(one[i][0], u)) return one[i][1];
  return u;
}

static void with_unit(const wd_ctx *w, const expr *e, const target *t, buf *out) {
  tnum(w, e, out);
  const char *u = unit_da(t->unit);
  if (u && e->kind == E_NUM && e->lit.kind == V_NUM && num_cmp(e->lit.u.n, num_int(1)) == 0) u = unit_one(u);
  if (u) buf_printf(out, " %s", u);
}

/* "mindst 90 pct.", "mellem 4 og 5 virksomheder", "ca. 100 forløb eller flere (…)". */
static void target_words(const wd_ctx *w, const target *t, buf *out) {
  switch (t->cmp) {
  case C_AT_LEAST: buf_adds(out, "mindst "); with_unit(w, t->value, t, out); break;
  case C_AT_MOST: buf_adds(out, "højst "); with_unit(w, t->value, t, out); break;
  case C_EXACTLY: buf_adds(out, "præcis "); with_unit(w, t->value, t, out); break;
  case C_OVER: buf_adds(out, "over "); with_unit(w, t->value, t, out); break;
  case C_UNDER: buf_adds(out, "under "); with_unit(w, t->value, t, out); break;
  case C_BETWEEN: /* both ends in (§8.1) */
    buf_adds(out, "mindst ");
    tnum(w, t->value, out);
    buf_adds(out, " og højst ");
    with_unit(w, t->high, t, out);
    break;
  case C_RANGE:
    if (t->value && t->high) {
      buf_adds(out, t->lo_open ? "over " : "mindst ");
      tnum(w, t->value, out);
      buf_adds(out, t->hi_open ? " og under " : " og højst ");
      with_unit(w, t->high, t, out);
    } else if (t->value) {
      buf_adds(out, t->lo_open ? "over " : "mindst ");
      with_unit(w, t->value, t, out);
    } else if (t->high) {
      buf_adds(out, t->hi_open ? "under " : "højst ");
      with_unit(w, t->high, t, out);
    }
    break;
  case C_ABOUT: {
    buf_adds(out, "ca. ");
    with_unit(w, t->value, t, out);
    about_side s = t->side_eff != SIDE_DEFAULT ? t->side_eff : t->side;
    if (s == SIDE_MORE) buf_adds(out, " eller flere");
    else if (s == SIDE_FEWER) buf_adds(out, " eller færre");
    else if (s == SIDE_LESS) buf_adds(out, " eller mindre");
    buf_adds(out, " (med ");
    if (t->tolerance) tnum(w, t->tolerance, out);
    else buf_adds(out, "10");
    buf_adds(out, " % tolerance");
    if (s == SIDE_MORE) buf_adds(out, " nedad");
    else if (s == SIDE_FEWER || s == SIDE_LESS) buf_adds(out, " opad");
    buf_addc(out, ')');
    break;
  }
  case C_REDUCE:
    if (t->value->kind == E_NUM && t->value->lit.kind == V_NUM && num_is_zero(t->value->lit.u.n)) {
      buf_adds(out, "ikke stige");
      break;
    }
    buf_adds(out, "nedbringes med ");
    with_unit(w, t->value, t, out);
    break;
  case C_INCREASE: buf_adds(out, "øges med "); with_unit(w, t->value, t, out); break;
  case C_MAINTAIN: buf_adds(out, "ikke falde"); break;
  case C_BY: buf_adds(out, "nået senest "); tnum(w, t->value, out); break;
  }
}

static bool is_change(const target *t) {
  return t->cmp == C_REDUCE || t->cmp == C_INCREASE || t->cmp == C_MAINTAIN;
}

/* "skal", or "må" before "ikke stige" and "ikke falde" */
static const char *modal_of(const target *t) {
  bool zero = t->cmp == C_REDUCE && t->value->kind == E_NUM && t->value->lit.kind == V_NUM &&
              num_is_zero(t->value->lit.u.n);
  return zero || t->cmp == C_MAINTAIN ? "må" : "skal";
}

/* "i 2009", "fra 2010" */
static void target_period(const wd_ctx *w, const target *t, buf *out) {
  if (!t->period) return;
  buf_adds(out, t->from_period ? " fra " : " i ");
  if (t->period->kind == E_STR) buf_add(out, t->period->lit.u.t.s, t->period->lit.u.t.len);
  else tnum(w, t->period, out);
}

/* The predicate: "skal være mindst 90 pct.", "skal nedbringes med 5 pct.",
 * "skal være mindst 300 job i 2009 og mindst 400 job i 2010". */
static void targets(const wd_ctx *w, const goal *g, buf *out) {
  const target *ts[64];
  size_t n = 0;
  for (const goal_item *it = g->items; it; it = it->next)
    if (it->kind == GI_TARGET && it->t && n < sizeof ts / sizeof ts[0]) ts[n++] = it->t;
  /* the targets for a period first, in the order written; the one for the other periods last */
  const target *order[64];
  size_t k = 0;
  const target *plain = NULL;
  for (size_t i = 0; i < n; i++)
    if (ts[i]->period) order[k++] = ts[i];
    else plain = ts[i];
  if (plain) order[k++] = plain;
  const char *modal0 = NULL;
  for (size_t i = 0; i < k; i++) {
    const target *t = order[i];
    const char *modal = modal_of(t);
    if (i == 0) buf_printf(out, " %s ", modal);
    else buf_adds(out, t == plain ? " og ellers " : " og ");
    if (i > 0 && strcmp(modal, modal0)) buf_printf(out, "%s ", modal);
    if (i == 0) modal0 = modal;
    bool same = i > 0 && !strcmp(modal, modal0) && !is_change(order[i - 1]);
    if (!is_change(t) && !same) buf_adds(out, "være ");
    target_words(w, t, out);
    target_period(w, t, out);
  }
}

/* ---- the goal ---- */

/* A sentence ends with one period: "… 90 pct." takes none more. */
static void stop(buf *out) {
  if (!out->len || buf_str(out)[out->len - 1] != '.') buf_addc(out, '.');
}

/* The goal's baseline after lead: false when it has none. */
static bool baseline_words(const wd_ctx *w, const goal *g, const char *lead, buf *out) {
  for (const goal_item *it = g->items; it; it = it->next) {
    if (it->kind != GI_BASELINE) continue;
    buf_adds(out, lead);
    if (it->m) {
      measure_words(w, it->m, false, true, out);
    } else if (it->e) {
      tnum(w, it->e, out);
      const char *u = unit_da(it->text ? ast_unit_canonical(it->text) : NULL);
      if (u) buf_printf(out, " %s", u);
    }
    return true;
  }
  return false;
}

static void by_words(const goal *g, buf *out) {
  for (const goal_item *it = g->items; it; it = it->next) {
    if (it->kind != GI_BY) continue;
    buf_adds(out, " Målet opgøres også fordelt på ");
    for (const by_dim *d = it->by; d; d = d->next) {
      if (d != it->by) buf_adds(out, " og ");
      static const char *const fn[] = {[BYF_VALUE] = "", [BYF_MONTH] = "måneden for ", [BYF_QUARTER] = "kvartalet for ",
                                       [BYF_YEAR] = "året for "};
      buf_printf(out, "%s%s", fn[d->fn], d->column);
      if (d->bands) {
        buf_adds(out, " i grupperne ");
        for (const band *b = d->bands; b; b = b->next) {
          if (b != d->bands) buf_adds(out, b->next ? ", " : " og ");
          if (b->label) buf_printf(out, "%s (", b->label);
          if (b->lo_raw && b->hi_raw) buf_printf(out, "%s-%s", b->lo_raw, b->hi_raw);
          else if (b->lo_raw) buf_printf(out, "%s og derover", b->lo_raw);
          else if (b->hi_raw) buf_printf(out, "%s og derunder", b->hi_raw);
          if (b->label) buf_addc(out, ')');
        }
      }
    }
    buf_addc(out, '.');
  }
}

static const char *const role_da[ROLE_COUNT] = {"opfyldt", "delvist opfyldt", "ikke opfyldt", "kan ikke opgøres"};

void wd_goal(const wd_ctx *w, const goal *g, buf *out) {
  const measure *m = NULL;
  const target *t = NULL;
  const goal_item *manual = NULL, *assessed = NULL, *scheme = NULL;
  bool exclude = false;
  for (const goal_item *it = g->items; it; it = it->next) {
    if (it->kind == GI_MEASURE && !m) m = it->m;
    if (it->kind == GI_TARGET && !t) t = it->t;
    if (it->kind == GI_STATUS && !manual) manual = it;
    if (it->kind == GI_ASSESSED && !assessed) assessed = it;
    if (it->kind == GI_SCHEME && !scheme) scheme = it;
    if (it->kind == GI_EXCLUDE_MISSING) exclude = true;
  }
  if (m && m->kind == M_DONE && t && t->cmp == C_BY) {
    buf_adds(out, "Milepælen skal være nået senest ");
    tnum(w, t->value, out);
    buf_printf(out, " (datoen står i %s).", m->group);
  } else if (m && t) {
    measure_words(w, m, true, false, out); /* the sentence goes on after the subject */
    targets(w, g, out);
    if (is_change(t)) {
      buf_adds(out, " i forhold til basis");
      if (!baseline_words(w, g, ": ", out)) buf_adds(out, " (som mangler)");
    }
    stop(out);
    /* a 'fra' target carried into a later period (§8.8): which one is in force */
    for (const goal_item *it = g->items; it; it = it->next)
      if (it->kind == GI_TARGET && it->t && it->t->carried && w->p->period_text && *w->p->period_text) {
        buf_printf(out, " For %s gælder kravet fra %s.", w->p->period_text, it->t->carried);
        break;
      }
  } else if (manual) {
    buf_printf(out, "Målets status er fastsat i reglerne: %s", role_da[manual->r]);
    if (manual->text && *manual->text) buf_printf(out, " (»%s«)", manual->text);
    stop(out);
  } else if (assessed) {
    buf_printf(out, "Målets status og begrundelse vurderes og står i %s.", assessed->text);
  } else if (m) {
    measure_words(w, m, true, true, out);
    buf_adds(out, " opgøres uden krav.");
  } else {
    buf_adds(out, "Målet har intet krav.");
  }
  if (!(t && is_change(t)) && baseline_words(w, g, " Basis er ", out)) stop(out);
  if (exclude) buf_adds(out, " Rækker, hvor en værdi mangler, udelades.");
  by_words(g, out);
  if (scheme) buf_printf(out, " Status vurderes efter statusskemaet %s.", scheme->text);
  /* a weight counts only under a weighted rule above (§9.9): that rule names it */
}

/* ---- groups ---- */

void wd_group(const wd_ctx *w, const group_decl *g, buf *out) {
  buf_adds(out, g->base);
  if (g->where) {
    buf_adds(out, " hvor ");
    cond(w, g->where, out);
  }
}

/* ---- status schemes ---- */

/* "mindst 100 %", "fra 80 % til under 100 %" */
static void band_words(const scheme_decl *s, int r, buf *out) {
  if (s->has_from[r] && s->has_below[r]) {
    buf_adds(out, s->from_open[r] ? "over " : "fra ");
    put_num(s->from[r], out);
    if (s->from_open[r]) buf_adds(out, s->below_closed[r] ? " % og højst " : " % og under ");
    else buf_adds(out, s->below_closed[r] ? " % til og med " : " % til under ");
    put_num(s->below[r], out);
    buf_adds(out, " %");
  } else if (s->has_from[r]) {
    buf_adds(out, s->from_open[r] ? "over " : "mindst ");
    put_num(s->from[r], out);
    buf_adds(out, " %");
  } else if (s->has_below[r]) {
    buf_adds(out, s->below_closed[r] ? "højst " : "under ");
    put_num(s->below[r], out);
    buf_adds(out, " %");
  }
}

void wd_scheme(const wd_ctx *w, const scheme_decl *s, buf *out) {
  (void)w;
  bool first = true;
  for (int r = ROLE_MET; r <= ROLE_NOT_MET; r++) {
    if (!s->has[r]) continue;
    bool bounded = s->has_from[r] || s->has_below[r];
    if (first) buf_printf(out, "»%s«, når målopfyldelsen er ", s->label[r]);
    else if (bounded) buf_printf(out, "; »%s«, når den er ", s->label[r]);
    else buf_printf(out, "; ellers »%s«", s->label[r]);
    if (bounded) band_words(s, r, out);
    else if (first) buf_adds(out, "hvad som helst");
    first = false;
  }
  buf_printf(out, ". Kan målopfyldelsen ikke beregnes, er status »%s«.", s->label[ROLE_UNKNOWN] ? s->label[ROLE_UNKNOWN]
                                                                                                : chk_default_labels[ROLE_UNKNOWN]);
}

/* ---- status rules ---- */

void wd_rule(const wd_ctx *w, wd_level lv, const status_rule *r, const initiative *in, const area *ar, buf *out) {
  static const char *const who[] = {"Indsatsen", "Indsatsområdet", "Aftalen"};
  static const char *const members[] = {"dens mål", "dets indsatser", "dens indsatsområder"};
  static const char *const one[] = {"mål", "indsats", "indsatsområde"};
  static const char *const art[] = {"et", "en", "et"};
  static const char *const self[] = {"indsatsen", "indsatsområdet", "aftalen"};
  static const char *const one_pl[] = {"mål", "indsatser", "indsatsområder"};
  const char *W = who[lv], *M = members[lv];
  agg_kind k = r->count ? r->agg : AGG_ALL;
  int n = 0;
  if (lv == WD_INITIATIVE && in)
    for (const goal *g = in->goals; g; g = g->next) n++;
  if (lv == WD_AREA && ar)
    for (const initiative *i = ar->inits; i; i = i->next) n++;
  if (lv == WD_AGREEMENT)
    for (const area *a = w->p->areas; a; a = a->next) n++;
  switch (k) {
  case AGG_ALL:
    if (lv == WD_INITIATIVE && n == 1) {
      buf_adds(out, "Indsatsen har målets status.");
      break;
    }
    buf_printf(out,
               "%s er opfyldt, når alle %s er opfyldt; delvist opfyldt, når mindst %s af dem er opfyldt eller "
               "delvist opfyldt; ellers ikke opfyldt. Kan %s af dem ikke opgøres, kan %s heller ikke opgøres.",
               W, M, art[lv], art[lv], self[lv]);
    break;
  case AGG_WORST:
    buf_printf(out, "%s får den ringeste status blandt sine %s; kan %s af dem ikke opgøres, kan %s heller ikke opgøres.",
               W, one_pl[lv], art[lv], self[lv]);
    break;
  case AGG_GOAL:
    if (r->ngoals == 1) {
      buf_printf(out, "Indsatsen har status som mål %s; de øvrige mål tæller ikke med.", r->goals[0]);
    } else {
      buf_adds(out, "Indsatsen vurderes alene på mål ");
      for (int i = 0; i < r->ngoals; i++) {
        if (i) buf_adds(out, i + 1 == r->ngoals ? " og " : ", ");
        buf_adds(out, r->goals[i]);
      }
      buf_adds(out, ": opfyldt, når de alle er opfyldt; delvist opfyldt, når mindst et af dem er opfyldt eller "
                    "delvist opfyldt; ellers ikke opfyldt. Kan et af dem ikke opgøres, kan indsatsen heller ikke "
                    "opgøres. De øvrige mål tæller ikke med.");
    }
    break;
  case AGG_MANUAL:
    buf_printf(out, "%s status er fastsat i reglerne: %s", lv == WD_INITIATIVE ? "Indsatsens" : "Dens",
               role_da[r->manual_role]);
    if (r->manual_reason && *r->manual_reason) buf_printf(out, " (»%s«)", r->manual_reason);
    buf_addc(out, '.');
    break;
  case AGG_ANY:
    buf_printf(out, "%s er opfyldt, når mindst %s af %s er opfyldt; delvist opfyldt, når mindst %s af dem er "
                    "delvist opfyldt; ellers ikke opfyldt.",
               W, art[lv], M, art[lv]);
    break;
  case AGG_ATLEAST:
    buf_printf(out,
               "%s er opfyldt, når mindst %d af %s %d %s er opfyldt; delvist opfyldt, når mindst %d er opfyldt "
               "eller delvist opfyldt; ellers ikke opfyldt.",
               W, r->k, lv == WD_INITIATIVE ? "dens" : lv == WD_AREA ? "dets" : "dens", r->n,
               lv == WD_INITIATIVE ? "mål" : lv == WD_AREA ? "indsatser" : "indsatsområder", r->k);
    break;
  case AGG_WEIGHTED: {
    const char *sch = r->scheme ? r->scheme : w->p->default_scheme ? w->p->default_scheme->name : "standard";
    buf_printf(out, "%s vurderes på den vægtede målopfyldelse af %s (hver%s tæller højst 100 %%) efter statusskemaet %s.",
               W, M, lv == WD_INITIATIVE ? "t mål" : lv == WD_AREA ? " indsats" : "t indsatsområde", sch);
    buf_adds(out, " Vægte:");
    int i = 0;
    if (lv == WD_INITIATIVE && in) {
      for (const goal *g = in->goals; g; g = g->next, i++) {
        buf_printf(out, "%s %s %s ", i ? "," : "", one[lv], g->label);
        const goal_item *wt = NULL;
        for (const goal_item *it = g->items; it; it = it->next)
          if (it->kind == GI_WEIGHT && !wt) wt = it;
        if (wt && wt->e) tnum(w, wt->e, out);
        else buf_adds(out, "1");
      }
    } else if (lv == WD_AREA && ar) {
      for (const initiative *x = ar->inits; x; x = x->next, i++) {
        buf_printf(out, "%s %s %s ", i ? "," : "", one[lv], x->number);
        if (x->weight.e) tnum(w, x->weight.e, out);
        else buf_adds(out, "1");
      }
    } else if (lv == WD_AGREEMENT) {
      for (const area *a = w->p->areas; a; a = a->next, i++) {
        buf_printf(out, "%s %s %s ", i ? "," : "", one[lv], a->number);
        if (a->weight.e) tnum(w, a->weight.e, out);
        else buf_adds(out, "1");
      }
    }
    buf_addc(out, '.');
    /* a member's achievement is the weighted mean one level down (§9.9): those weights too */
    i = 0;
    if (lv == WD_AREA && ar) {
      for (const initiative *x = ar->inits; x; x = x->next)
        for (const goal *g = x->goals; g; g = g->next)
          for (const goal_item *it = g->items; it; it = it->next)
            if (it->kind == GI_WEIGHT && it->e) {
              buf_printf(out, "%s mål %s-%s (", i++ ? "," : " Inden for en indsats vægter målene 1, undtagen",
                         x->number, g->label);
              tnum(w, it->e, out);
              buf_addc(out, ')');
              break;
            }
    } else if (lv == WD_AGREEMENT) {
      for (const area *a = w->p->areas; a; a = a->next)
        for (const initiative *x = a->inits; x; x = x->next)
          if (x->weight.e) {
            buf_printf(out, "%s indsats %s (", i++ ? "," : " Inden for et indsatsområde vægter indsatserne 1, undtagen",
                       x->number);
            tnum(w, x->weight.e, out);
            buf_addc(out, ')');
          }
    }
    if (i) buf_addc(out, '.');
    break;
  }
  }
}
