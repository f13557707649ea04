/* result.c — result texts: a goal's template with its placeholders
 * ({tæller}, {værdi}, {målopfyldelse}, ...) filled in Danish, each number
 * with the decimals it needs not to look on the wrong side of a bound. */
#include <string.h>

#include "eval_internal.h"

/* The Danish word for a unit after a number: "1 person", "2 personer". */
static const char *unit_da(const char *u, num n) {
  if (!u) return NULL;
  if (num_cmp(num_abs(n), num_int(1)) == 0) {
    if (!strcmp(u, "persons")) return "person";
    if (!strcmp(u, "days")) return "dag";
  }
  if (num_cmp(num_abs(n), num_int(1)) == 0 && !strcmp(u, "weeks")) return "uge";
  static const char *const da[][2] = {{"persons", "personer"}, {"days", "dage"}, {"kr", "kr."},
                                      {"months", "mdr."},      {"pct", "%"},     {"pct points", "procentpoint"},
                                      {"years", "år"},         {"weeks", "uger"}};
  for (size_t i = 0; i < sizeof da / sizeof da[0]; i++)
    if (!strcmp(da[i][0], u)) return da[i][1];
  return u;
}

static role status_of(const text_ctx *c, num v) {
  num a;
  bool inf, under;
  if (!achievement(c->t, c->base, v, &a, &inf, &under)) return ROLE_UNKNOWN;
  return pick_status(c->g->scheme, a, inf, under);
}

/* The most decimals a value or an achievement is shown with, so that it
 * does not contradict its status (spec §10.2): 2 of 3 against 'mindst
 * 66,66667 pct' needs six, "66,666667 %", since "66,6667 %" would read as
 * met.  Nine, as every number maal prints exactly. */
enum { SHOWN_MAX = 9 };

/* Decimals for a goal's value: the default, or more until the rounded
 * number would get the same status and lie on the same side of the target
 * as the true one (79,99 against a bound at 80 is not shown as "80,0"). */
static int decimals_for(num v, int dflt, const text_ctx *c) {
  const target *t = c->t;
  num edges[2] = {t->v, t->hi};
  int nedges = t->cmp == C_BETWEEN || (t->cmp == C_RANGE && t->value && t->high) ? 2 : 1;
  if (t->cmp == C_RANGE && !t->value) edges[0] = t->hi; /* (..100] */
  role want = status_of(c, v);
  int d = dflt;
  for (; d < SHOWN_MAX; d++) {
    num r = num_round(v, d);
    bool clash = status_of(c, r) != want;
    for (int i = 0; i < nedges; i++)
      if (num_cmp(v, edges[i]) != num_cmp(r, edges[i])) clash = true;
    if (!clash) break;
  }
  return d;
}

/* The same for an achievement, against the bounds of the goal's scheme. */
static int decimals_for_achievement(num a, const scheme_decl *s) {
  num edges[2 * ROLE_COUNT];
  int n = 0;
  for (int r = 0; r < ROLE_COUNT; r++) {
    if (s->has_from[r]) edges[n++] = s->from[r];
    if (s->has_below[r]) edges[n++] = s->below[r];
  }
  return num_decimals_against(a, 0, SHOWN_MAX, edges, n);
}


static void put_num(buf *b, num v, int d) {
  char s[64];
  num_format_da(v, d, s, sizeof s);
  buf_adds(b, s);
}

static void put_int(buf *b, int64_t i) { put_num(b, num_int(i), 0); }

/* A numerator or denominator: a share's counts are whole; a ratio's sums
 * are shown as exactly as they are, up to 9 decimals. */
static void put_term(buf *b, num v, int dec) { put_num(b, v, dec >= 0 ? dec : num_decimals(v, 9)); }

/* A value of the goal's measure with the decimals it needs. */
static void put_value(buf *b, const text_ctx *c, num v, int dec, bool with_target) {
  const goal *g = c->g;
  bool pct = g->m->kind == M_SHARE || (g->unit && !strcmp(g->unit, "pct"));
  bool change = g->t->cmp == C_REDUCE || g->t->cmp == C_INCREASE || g->t->cmp == C_MAINTAIN;
  const char *u = change || !g->t->unit ? g->unit : g->t->unit;
  bool kroner = u && !strcmp(u, "kr"); /* amounts in whole kroner */
  /* shares in whole pct; other numbers with one decimal when they have any */
  int dflt = g->m->kind == M_SHARE || g->m->kind == M_RATIO || kroner || num_is_int(v) ? 0 : 1;
  int d = dec;
  if (d < 0 && with_target) d = decimals_for(v, dflt, c);
  if (d < 0) d = kroner ? 0 : num_decimals(v, 2); /* a baseline as written */
  put_num(b, v, d);
  if (pct) buf_adds(b, " %");
}

static bool placeholder(buf *b, const text_ctx *c, const char *name, size_t n, int dec) {
#define IS(en, da) ((strlen(en) == n && !strncmp(name, en, n)) || (strlen(da) == n && !strncmp(name, da, n)))
  const goal *g = c->g;
  bool pct = g->m->kind == M_SHARE || (g->unit && !strcmp(g->unit, "pct"));
  if ((IS("numerator", "tæller") || IS("denominator", "nævner")) && g->m->over) buf_adds(b, "–"); /* an average has none */
  else if (IS("numerator", "tæller")) put_term(b, c->m->ratio ? c->m->numerator : num_int(c->a->hits), dec);
  else if (IS("denominator", "nævner")) put_term(b, c->m->denominator, dec);
  else if (IS("group", "gruppe")) put_int(b, c->a->group);
  else if (IS("missing", "mangler")) put_int(b, c->a->unknown + c->a->unsure);
  else if (IS("value", "værdi") || IS("result", "resultat")) {
    if (!c->m->ok) buf_adds(b, "–");
    else put_value(b, c, c->m->value, dec, true);
  } else if (IS("baseline", "basis")) {
    if (!c->base || !c->base->ok) buf_adds(b, "–");
    else put_value(b, c, c->base->value, dec, false);
  } else if (IS("change", "ændring")) {
    wnum d, w;
    num q;
    if (!c->base || !c->base->ok || !c->m->ok || num_is_zero(c->base->value) ||
        !wnum_sub(wnum_of(c->m->value), wnum_of(c->base->value), &d) ||
        !wnum_div(d, wnum_of(num_abs(c->base->value)), &w) || !wnum_mul(w, wnum_of(num_int(100)), &w) ||
        !wnum_floor9(w, &q)) {
      buf_adds(b, "–");
    } else {
      /* as many decimals as keep the change on its side of 0 and of the
         change the target asks (§10.2): a fall of 9,975 % against
         'nedbringes med 10 pct' is "-9,98 %", not "-10,0 %" */
      num edges[2] = {num_int(0), num_int(0)};
      int nedges = 1;
      wnum te;
      num tq;
      if (wnum_sub(wnum_of(c->t->v), wnum_of(c->base->value), &te) && wnum_div(te, wnum_of(num_abs(c->base->value)), &te) &&
          wnum_mul(te, wnum_of(num_int(100)), &te) && wnum_floor9(te, &tq))
        edges[nedges++] = tq;
      if (num_sign(q) > 0) buf_addc(b, '+');
      put_num(b, q, dec >= 0 ? dec : num_decimals_against(q, 1, SHOWN_MAX, edges, nedges));
      buf_adds(b, " %");
    }
  } else if (IS("target", "mål")) {
    const target *t = c->t;
    num first = t->cmp == C_RANGE && !t->value ? t->hi : t->v;
    put_num(b, first, dec >= 0 ? dec : num_decimals(first, 4));
    if (t->cmp == C_BETWEEN || (t->cmp == C_RANGE && t->value && t->high)) {
      buf_adds(b, "–");
      put_num(b, t->hi, dec >= 0 ? dec : num_decimals(t->hi, 4));
    }
    if (pct) buf_adds(b, " %");
  } else if (IS("achievement", "målopfyldelse")) {
    if (!c->has_ach) buf_adds(b, "–");
    else if (c->inf) buf_adds(b, "over 100 %");
    else if (c->under) buf_adds(b, "lige under 100 %");
    else {
      put_num(b, c->ach, dec >= 0 ? dec : decimals_for_achievement(c->ach, g->scheme));
      buf_adds(b, " %");
    }
  } else {
    return false;
  }
  return true;
#undef IS
}

static void render(buf *b, const char *tpl, const text_ctx *c) {
  for (const char *s = tpl; *s; s++) {
    if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
      buf_addc(b, *s++);
      continue;
    }
    const char *end = s[0] == '{' ? strchr(s, '}') : NULL;
    if (!end) {
      buf_addc(b, *s);
      continue;
    }
    const char *name = s + 1;
    size_t n = (size_t)(end - name);
    int dec = -1;
    const char *colon = memchr(name, ':', n);
    if (colon) {
      dec = colon[1] - '0';
      n = (size_t)(colon - name);
    }
    if (!placeholder(b, c, name, n, dec)) buf_add(b, s, (size_t)(end - s) + 1);
    s = end;
  }
}

static const char *default_template(const goal *g) {
  if ((g->m->kind == M_SHARE || g->m->kind == M_RATIO) && !g->m->over) return "{tæller} af {nævner}, svarende til {værdi}";
  if (g->base || g->has_base_value) return "{værdi} mod {basis} ({ændring})";
  return "{værdi}";
}

/* The result text of a goal whose number could be computed: its template,
 * or the default one with the unit after the value. */
void result_text(buf *b, const text_ctx *c) {
  const goal *g = c->g;
  render(b, g->result_tpl ? g->result_tpl : default_template(g), c);
  bool change = g->t->cmp == C_REDUCE || g->t->cmp == C_INCREASE || g->t->cmp == C_MAINTAIN;
  const char *u = change || !g->t->unit ? g->unit : g->t->unit; /* a change's pct is not the value's unit */
  if (!g->result_tpl && (g->m->kind != M_SHARE || g->m->over) && u && strcmp(u, "pct") != 0 &&
      strcmp(u, "pct points") != 0) {
    if (g->base || g->has_base_value) {
      /* "{værdi} mod {basis} (...)": the unit after the value */
      buf out = {0};
      const char *s = buf_str(b), *sp = strchr(s, ' ');
      buf_add(&out, s, sp ? (size_t)(sp - s) : strlen(s));
      buf_addc(&out, ' ');
      buf_adds(&out, unit_da(u, c->m->value));
      if (sp) buf_adds(&out, sp);
      buf_free(b);
      *b = out;
    } else {
      buf_addc(b, ' ');
      buf_adds(b, unit_da(u, c->m->value));
    }
  }
}
