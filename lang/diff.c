/* diff.c — compare two versions of a rule file, clause by clause. */
#include "diff.h"
#include "bands.h"
#include "check.h"
#include "fmt.h"
#include "parse.h"
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A program's text and its tokens (comments included): the file itself
 * and every file it imports, each at its place in the offsets the parser
 * gave their clauses (diag_add_file: each file starts one past the end of
 * the one before), so a clause of an import reads from its own file. */
typedef struct {
  const char *src;      /* all files' texts, each at its offset */
  char *own;            /* src, when it was put together here */
  parse_token *t;
  size_t n;
  const ast_program *p; /* parsed from src: its keywords used as names */
  arena *a;             /* for paths */
} source;

static bool is_number(int k) { return k == INT_LIT || k == DEC_LIT || k == LABEL; }

/* Whether the token before a '-' ends an operand (a - 3), so the '-' is
 * a subtraction and not a sign (-3). */
static bool ends_operand(int k) {
  return k == IDENT || is_number(k) || k == STRING || k == DATE_LIT || k == ')' || k == TRUE || k == FALSE ||
         k == MONTH_LIT || k == QUARTER_LIT;
}

/* A clause's wording, from its tokens: one space between words (none
 * after '(' or a sign, none before ')' ',' ':'), comments left out,
 * numbers in one spelling (11000 is 11.000, 5,50 is 5,5) and keywords in
 * Danish, as 'maal fmt --lang da' writes them ('share of' is 'andel af').
 * So a change of layout, of a number's spelling or of the keywords'
 * language is no change, and a '#' inside a text is part of the text. */
static char *words_glued(const source *s, span sp, bool bands);
static char *words(const source *s, span sp) { return words_glued(s, sp, false); }

/* bands: a '-' is part of a band (16-24, 30-, spec §11.1): no spaces
 * around it. */
static char *words_glued(const source *s, span sp, bool bands) {
  size_t lo = 0, hi = s->n;
  while (lo < hi) { /* the first token at or after sp.beg */
    size_t mid = (lo + hi) / 2;
    if (s->t[mid].sp.beg < sp.beg) lo = mid + 1;
    else hi = mid;
  }
  buf b = {0};
  int prev = 0;      /* the token before, comments skipped */
  bool sign = false; /* the token before is a '-' used as a sign */
  buf w = {0};
  for (size_t i = lo; i < s->n && s->t[i].kind > 0 && s->t[i].sp.end <= sp.end; i++) {
    int k = s->t[i].kind;
    if (k == COMMENT_TOKEN) continue;
    const char *text = s->src + s->t[i].sp.beg;
    size_t len = s->t[i].sp.end - s->t[i].sp.beg;
    buf_clear(&w);
    if (is_number(k)) ast_number_text(text, len, true, &w);
    else if (k == QUARTER_LIT) buf_printf(&w, "%.4sK%.1s", text, text + 5); /* 2009k1 is 2009K1 */
    else if (!fmt_word(s->src, s->t, s->n, s->p, i, FMT_DA, &w)) continue; /* 'at least' is one word */
    bool glued = bands && ((k == '-' && is_number(prev)) || prev == '-');
    if (b.len > 0 && prev != '(' && prev != '[' && prev != DOTDOT && !sign && !glued && k != ')' && k != ']' &&
        k != DOTDOT && k != ',' && k != ':')
      buf_addc(&b, ' ');
    if (w.len) buf_add(&b, w.s, w.len);
    sign = k == '-' && !ends_operand(prev);
    prev = k;
  }
  buf_free(&w);
  return buf_take(&b);
}

typedef struct {
  buf *out;
  int n;
  buf what; /* the heading of the item being compared, of any length */
} report;

static void heading(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void heading(report *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_clear(&r->what);
  buf_vprintf(&r->what, fmt, ap);
  va_end(ap);
}

static void say(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(report *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(r->out, fmt, ap);
  va_end(ap);
  buf_addc(r->out, '\n');
  r->n++;
}

/* A line that tells where something comes from, not what it means: said,
 * not counted as a difference. */
static void note(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(report *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(r->out, fmt, ap);
  va_end(ap);
  buf_addc(r->out, '\n');
}

/* Compare two wordings; say what changed. */
static void compare(report *r, const char *what, const char *old, const char *new_) {
  if (!old && !new_) return;
  if (!old) say(r, "%s: tilføjet \"%s\"", what, new_);
  else if (!new_) say(r, "%s: fjernet (var \"%s\")", what, old);
  else if (strcmp(old, new_) != 0) say(r, "%s: ændret fra \"%s\" til \"%s\"", what, old, new_);
}

/* ---- goals ---- */

static const char *const item_words[] = {"måling", "krav", "resultat", "kommentar", "statusskema", "opdeling",
                                         "status", "udelad mangler", "basis", "vurdering", "vægt", "kilde"};


/* A target by its meaning (spec §12.8): 'at least 85', 'mindst 85' and
 * '[85..)' are one target, 'mindst 85' and 'over 85' two; an 'about'
 * without a side has the side its measure gives it (§8.2), and is shown
 * with it. */
static char *target_meaning(const goal *g, const target *t, const source *src) {
  target m = *t;
  if (m.cmp == C_ABOUT && m.side == SIDE_DEFAULT) {
    const measure *ms = NULL;
    for (const goal_item *it = g->items; it; it = it->next)
      if (it->kind == GI_MEASURE) ms = it->m;
    m.side_eff = ms && !ms->over && (ms->kind == M_COUNT || ms->kind == M_DISTINCT) ? SIDE_MORE : SIDE_BOTH;
  }
  char *lo = m.value ? words(src, m.value->sp) : NULL, *hi = m.high ? words(src, m.high->sp) : NULL;
  char *tol = m.tolerance ? words(src, m.tolerance->sp) : NULL;
  buf b = {0};
  ast_target_words(&m, lo, hi, tol, ast_unit_word(m.unit, true, false), false, &b);
  if (m.period) {
    char *p = words(src, m.period->sp);
    buf_printf(&b, " %s %s", m.from_period ? "fra" : "i", p);
    free(p);
  }
  free(lo);
  free(hi);
  free(tol);
  return buf_take(&b);
}

/* A breakdown by its meaning (spec §12.8), to compare, not to show: each
 * side as written, each band by its name and the values it holds.  So
 * '"unge" 16-29' and '"unge" [16..29]' are one band; a band without a
 * name is named by its ends as written, so '16-24' and '[16..24]' name
 * their parts differently.  The ends are compared as written, whatever
 * the column's type: '[16..25)' and '[16..24]' differ, as they do on a
 * decimal column. */
static char *by_key(const source *src, const by_dim *dims) {
  buf b = {0};
  for (const by_dim *d = dims; d; d = d->next) {
    if (d != dims) buf_adds(&b, " og ");
    char *w = words(src, (span){d->sp.beg, d->col_sp.end});
    buf_adds(&b, w);
    free(w);
    if (!d->bands) continue;
    buf_adds(&b, " (");
    for (const band *x = d->bands; x; x = x->next) {
      if (x != d->bands) buf_adds(&b, ", ");
      if ((x->lo_e && !x->lo_raw) || (x->hi_e && !x->hi_raw)) { /* an end that is no number: as written */
        char *bw = words_glued(src, x->sp, true);
        buf_adds(&b, bw);
        free(bw);
      } else if (x->label) {
        buf_printf(&b, "\"%s\" ", x->label);
        bands_range_text(x, true, &b);
      } else {
        bands_ends_text(x, true, &b);
      }
    }
    buf_adds(&b, ")");
  }
  return buf_take(&b);
}

/* All wordings of one kind of item in a goal, joined (a goal may have
 * several targets, one per period); key: breakdowns by their meaning
 * (by_key) instead. */
static char *goal_items_as(const goal *g, const source *src, goal_item_kind k, bool key);
static char *goal_items(const goal *g, const source *src, goal_item_kind k) { return goal_items_as(g, src, k, false); }
static char *goal_items_as(const goal *g, const source *src, goal_item_kind k, bool key) {
  buf b = {0};
  bool any = false;
  for (const goal_item *it = g->items; it; it = it->next) {
    if (it->kind != k) continue;
    if (any) buf_adds(&b, "; ");
    if (k == GI_RESULT || k == GI_COMMENT || k == GI_SOURCE) { /* the text itself, its pieces joined */
      buf_adds(&b, it->text);
      any = true;
      continue;
    }
    if (k == GI_TARGET) {
      char *w = target_meaning(g, it->t, src);
      buf_adds(&b, w);
      free(w);
      any = true;
      continue;
    }
    if (key && k == GI_BY) {
      char *w = by_key(src, it->by);
      buf_adds(&b, w);
      free(w);
      any = true;
      continue;
    }
    char *w = words_glued(src, it->sp, k == GI_BY);
    const char *rest = strchr(w, ' '); /* the clause without its keyword */
    buf_adds(&b, k == GI_EXCLUDE_MISSING ? "ja" : rest ? rest + 1 : w);
    free(w);
    any = true;
  }
  if (!any) {
    buf_free(&b);
    return NULL;
  }
  return buf_take(&b);
}

typedef struct {
  const char *id;
  const goal *g;
  const initiative *in;
} goal_ref;

static size_t goals_of(const ast_program *p, goal_ref **out) {
  size_t n = 0, cap = 16;
  goal_ref *v = xmalloc(cap * sizeof *v);
  for (const area *a = p->areas; a; a = a->next)
    for (const initiative *in = a->inits; in; in = in->next)
      for (const goal *g = in->goals; g; g = g->next) {
        if (n == cap) v = xrealloc(v, (cap *= 2) * sizeof *v);
        v[n].id = arena_printf(p->arena, "%s-%s", in->number, g->label);
        v[n].g = g;
        v[n].in = in;
        n++;
      }
  *out = v;
  return n;
}

static const goal_ref *find_goal(const goal_ref *v, size_t n, const char *id) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(v[i].id, id)) return &v[i];
  return NULL;
}

static void compare_goals(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  goal_ref *ga, *gb;
  size_t na = goals_of(a, &ga), nb = goals_of(b, &gb);
  for (size_t i = 0; i < na; i++)
    if (!find_goal(gb, nb, ga[i].id)) say(r, "Mål %s fjernet: \"%s\"", ga[i].id, ga[i].g->title);
  for (size_t i = 0; i < nb; i++) {
    const goal_ref *old = find_goal(ga, na, gb[i].id);
    if (!old) {
      say(r, "Mål %s tilføjet: \"%s\"", gb[i].id, gb[i].g->title);
      continue;
    }
    if (strcmp(old->g->title, gb[i].g->title) != 0) {
      heading(r, "Mål %s, titel", gb[i].id);
      compare(r, buf_str(&r->what), old->g->title, gb[i].g->title);
    }
    for (int k = GI_MEASURE; k <= GI_SOURCE; k++) { /* weights: compare_weight */
      if (k == GI_WEIGHT) continue;
      char *x = goal_items(old->g, as, (goal_item_kind)k), *y = goal_items(gb[i].g, bs, (goal_item_kind)k);
      heading(r, "Mål %s, %s", gb[i].id, item_words[k]);
      if (k == GI_BY && x && y) { /* the same bands written another way are no change */
        char *kx = goal_items_as(old->g, as, GI_BY, true), *ky = goal_items_as(gb[i].g, bs, GI_BY, true);
        bool same = !strcmp(kx, ky);
        free(kx);
        free(ky);
        if (same) {
          free(x);
          free(y);
          continue;
        }
      }
      compare(r, buf_str(&r->what), x, y);
      free(x);
      free(y);
    }
  }
  free(ga);
  free(gb);
}

/* ---- status rules and weights (spec §9.5, §9.7 to §9.9), by meaning ---- */

/* Goal labels in their natural order: 2 before 10, a before b. */
static int label_order(const void *x, const void *y) {
  const char *a = *(const char *const *)x, *b = *(const char *const *)y;
  size_t la = strspn(a, "0123456789"), lb = strspn(b, "0123456789");
  if (la && lb && !a[la] && !b[lb] && la != lb) return la < lb ? -1 : 1;
  return strcmp(a, b);
}

/* The rule as it means: 'vægtet med statusskema X' is 'vægtet' when X is
   the file's default scheme (default_scheme); 'mål b og
   a' is 'mål a og b'.  *labels (freed by the caller) holds the sorted names. */
/* The default scheme's name (spec §9.1, §3.3): the file's own first
 * scheme, else the first imported one, else the built-in "standard". */
static const char *default_scheme(const ast_program *p) {
  for (const scheme_decl *s = p->schemes; s; s = s->next)
    if (s->sp.beg <= p->main_end) return s->name;
  return p->schemes ? p->schemes->name : "standard";
}

static status_rule meaning(const status_rule *r, const ast_program *p, const char ***labels) {
  status_rule m = *r;
  const char *def = default_scheme(p);
  if (m.agg == AGG_WEIGHTED && m.scheme && !strcmp(m.scheme, def)) m.scheme = NULL;
  *labels = NULL;
  if (m.agg == AGG_GOAL && m.ngoals > 1) {
    *labels = xcalloc((size_t)m.ngoals, sizeof **labels);
    memcpy(*labels, m.goals, (size_t)m.ngoals * sizeof **labels);
    qsort(*labels, (size_t)m.ngoals, sizeof **labels, label_order);
    m.goals = *labels;
  }
  return m;
}

/* "alle" when no rule is given: the default of an initiative. */
static void compare_rule(report *r, const char *who, const ast_program *pa, const status_rule *ra, const ast_program *pb,
                         const status_rule *rb, bool has_default) {
  char x[512], y[512];
  const char **la, **lb;
  status_rule ma = meaning(ra, pa, &la), mb = meaning(rb, pb, &lb);
  const status_rule *a = &ma, *b = &mb;
  static const status_rule all = {.agg = AGG_ALL};
  if (!a->count && !b->count) {
  } else if (!has_default && (!a->count || !b->count)) {
    if (!a->count) say(r, "%s: status tilføjet: %s", who, ast_rule_words(b, false, y, sizeof y));
    else say(r, "%s: status fjernet (var %s)", who, ast_rule_words(a, false, x, sizeof x));
  } else {
    ast_rule_words(a->count ? a : &all, false, x, sizeof x);
    ast_rule_words(b->count ? b : &all, false, y, sizeof y);
    if (strcmp(x, y) != 0) say(r, "%s: status ændret fra %s til %s", who, x, y);
  }
  free(la);
  free(lb);
}

/* A weight as written, its points and commas in the documents' style; 1 when none. */
static char *weight_words(const source *src, const expr *e) { return e ? words(src, e->sp) : xstrdup("1"); }

static void compare_weight(report *r, const char *who, const source *as, const expr *a, const source *bs, const expr *b) {
  if (!a && !b) return;
  char *x = weight_words(as, a), *y = weight_words(bs, b);
  if (strcmp(x, y) != 0) say(r, "%s: vægt ændret fra %s til %s", who, x, y);
  free(x);
  free(y);
}

static const expr *goal_weight(const goal *g) {
  for (const goal_item *it = g->items; it; it = it->next)
    if (it->kind == GI_WEIGHT) return it->e;
  return NULL;
}

static void compare_rules(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  compare_rule(r, "Aftalen", a, &a->rule, b, &b->rule, false);
  for (const area *x = b->areas; x; x = x->next) {
    const area *o = NULL;
    for (const area *y = a->areas; y; y = y->next)
      if (!strcmp(y->number, x->number)) o = y;
    if (!o) continue;
    buf who = {0};
    buf_printf(&who, "Indsatsområde %s", x->number);
    compare_rule(r, buf_str(&who), a, &o->rule, b, &x->rule, false);
    compare_weight(r, buf_str(&who), as, o->weight.e, bs, x->weight.e);
    buf_free(&who);
    for (const initiative *in = x->inits; in; in = in->next) {
      const initiative *oi = NULL;
      for (const area *oa = a->areas; oa && !oi; oa = oa->next)
        for (const initiative *y = oa->inits; y; y = y->next)
          if (!strcmp(y->number, in->number)) oi = y;
      if (!oi) continue;
      buf iw = {0};
      buf_printf(&iw, "Indsats %s", in->number);
      compare_rule(r, buf_str(&iw), a, &oi->rule, b, &in->rule, true);
      compare_weight(r, buf_str(&iw), as, oi->weight.e, bs, in->weight.e);
      buf_free(&iw);
      for (const goal *g = in->goals; g; g = g->next)
        for (const goal *og = oi->goals; og; og = og->next)
          if (!strcmp(og->label, g->label)) {
            buf gw = {0};
            buf_printf(&gw, "Mål %s-%s", in->number, g->label);
            compare_weight(r, buf_str(&gw), as, goal_weight(og), bs, goal_weight(g));
            buf_free(&gw);
          }
    }
  }
}

/* ---- declarations ---- */

#define FIND(list, field, key, out)                            \
  do {                                                         \
    (out) = NULL;                                              \
    for (const __typeof__(*(list)) *x_ = (list); x_; x_ = x_->next) \
      if (!strcmp(x_->field, (key))) (out) = x_;               \
  } while (0)

static char *group_words(const group_decl *g, const source *src) {
  char *w = g->where ? words(src, g->where->sp) : NULL;
  char *s = xstrdup(g->base);
  if (w) {
    buf b = {0};
    buf_printf(&b, "%s hvor %s", g->base, w);
    free(s);
    s = buf_take(&b);
  }
  free(w);
  return s;
}

static void compare_groups(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  for (const group_decl *g = a->groups; g; g = g->next) {
    const group_decl *o;
    FIND(b->groups, name, g->name, o);
    if (!o) say(r, "Målgruppe %s fjernet", g->name);
  }
  for (const group_decl *g = b->groups; g; g = g->next) {
    const group_decl *o;
    FIND(a->groups, name, g->name, o);
    char *y = group_words(g, bs);
    heading(r, "Målgruppe %s", g->name);
    if (!o) {
      say(r, "Målgruppe %s tilføjet: \"%s\"", g->name, y);
    } else {
      char *x = group_words(o, as);
      compare(r, buf_str(&r->what), x, y);
      free(x);
    }
    free(y);
  }
}

/* A status of a scheme by its meaning: 'over 80 pct til 100 pct' and
 * '(80..100] pct' are one band (§9.1). */
static char *level_words(const scheme_decl *s, role rl, const source *src) {
  static const char *const roles[] = {"opfyldt", "delvist", "ikke opfyldt", "uopgjort"};
  for (const level *l = s->levels; l; l = l->next) {
    if (l->r != rl) continue;
    char *label = words(src, (span){l->sp.beg, l->sp.end}); /* the role's words, the label as written */
    buf b = {0};
    const char *q = strchr(label, '"'), *e = q ? strrchr(label, '"') : NULL;
    buf_adds(&b, roles[rl]);
    if (q && e > q) {
      buf_addc(&b, ' ');
      buf_add(&b, q, (size_t)(e - q) + 1);
    }
    free(label);
    if (l->from) {
      char *w = words(src, l->from->sp);
      buf_printf(&b, " %s %s pct", l->from_open ? "over" : "fra", w);
      free(w);
    }
    if (l->below) {
      char *w = words(src, l->below->sp);
      buf_printf(&b, " %s %s pct", l->below_closed ? "til" : "under", w);
      free(w);
    }
    return buf_take(&b);
  }
  return NULL;
}

static void compare_schemes(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  static const char *const roles[] = {"opfyldt", "delvist", "ikke opfyldt", "uopgjort"};
  for (const scheme_decl *s = a->schemes; s; s = s->next) {
    const scheme_decl *o;
    FIND(b->schemes, name, s->name, o);
    if (!o) say(r, "Statusskema %s fjernet", s->name);
  }
  for (const scheme_decl *s = b->schemes; s; s = s->next) {
    const scheme_decl *o;
    FIND(a->schemes, name, s->name, o);
    if (!o) {
      say(r, "Statusskema %s tilføjet", s->name);
      continue;
    }
    for (int k = 0; k < ROLE_COUNT; k++) {
      char *x = level_words(o, (role)k, as), *y = level_words(s, (role)k, bs);
      heading(r, "Statusskema %s, status %s", s->name, roles[k]);
      compare(r, buf_str(&r->what), x, y);
      free(x);
      free(y);
    }
  }
  /* the scheme of every goal without its own and of 'vægtet' (§9.1): the
     file's first, so reordering the schemes changes the goals' statuses */
  compare(r, "Standardstatusskema", default_scheme(a), default_scheme(b));
}

static void compare_bandings(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  for (const banding_decl *x = a->bandings; x; x = x->next) {
    const banding_decl *o;
    FIND(b->bandings, name, x->name, o);
    if (!o) say(r, "Inddeling %s fjernet", x->name);
  }
  for (const banding_decl *x = b->bandings; x; x = x->next) {
    const banding_decl *o;
    FIND(a->bandings, name, x->name, o);
    char *y = words_glued(bs, x->dim->sp, true);
    heading(r, "Inddeling %s", x->name);
    if (!o) {
      say(r, "Inddeling %s tilføjet: \"%s\"", x->name, y);
    } else {
      char *w = words_glued(as, o->dim->sp, true);
      char *kx = by_key(as, o->dim), *ky = by_key(bs, x->dim);
      bool same = !strcmp(kx, ky); /* the same bands written another way are no change */
      free(kx);
      free(ky);
      if (same) {
        free(w);
        free(y);
        continue;
      }
      if (strcmp(w, y) != 0) { /* the goals broken down by it change with it */
        buf users = {0};
        goal_ref *gv;
        size_t ng = goals_of(b, &gv);
        for (size_t i = 0; i < ng; i++)
          for (const goal_item *it = gv[i].g->items; it; it = it->next)
            for (const by_dim *d = it->kind == GI_BY ? it->by : NULL; d; d = d->next)
              if (d->fn == BYF_VALUE && !d->bands && !strcmp(d->column, x->name)) {
                buf_printf(&users, "%s%s", users.len ? ", " : "", gv[i].id);
                d = NULL;
                break;
              }
        free(gv);
        if (users.len) buf_printf(&r->what, " (bruges af mål %s)", buf_str(&users));
        buf_free(&users);
      }
      compare(r, buf_str(&r->what), w, y);
      free(w);
    }
    free(y);
  }
}

static void compare_params(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  for (const param_decl *q = a->params; q; q = q->next) {
    const param_decl *o;
    FIND(b->params, name, q->name, o);
    if (!o) say(r, "Parameter %s fjernet", q->name);
  }
  for (const param_decl *q = b->params; q; q = q->next) {
    const param_decl *o;
    FIND(a->params, name, q->name, o);
    char *y = words(bs, q->init->sp);
    heading(r, "Parameter %s", q->name);
    if (!o) {
      say(r, "Parameter %s tilføjet: %s", q->name, y);
    } else {
      char *x = words(as, o->init->sp);
      compare(r, buf_str(&r->what), x, y);
      free(x);
    }
    free(y);
  }
}

/* A source's key, references and time column (spec §4.6), in words. */
static char *relation_words(const data_decl *d, const source *src) {
  buf b = {0};
  for (const data_opt *o = d->opts; o; o = o->next) {
    if (o->kind != OPT_KEY && o->kind != OPT_REF && o->kind != OPT_TIME && o->kind != OPT_COVERS) continue;
    char *w = words(src, o->sp);
    if (b.len) buf_addc(&b, ' ');
    buf_adds(&b, w);
    free(w);
  }
  return buf_take(&b);
}

static void compare_relations(report *r, const ast_program *a, const source *as, const ast_program *b,
                              const source *bs) {
  for (const data_decl *d = b->data; d; d = d->next) {
    const data_decl *o;
    FIND(a->data, name, d->name, o);
    if (!o) continue;
    char *x = relation_words(o, as), *y = relation_words(d, bs);
    heading(r, "Data %s, nøgle, henvisninger og tid", d->name);
    compare(r, buf_str(&r->what), x, y);
    free(x);
    free(y);
  }
}

/* The path `path`, written in a file in folder `dir`, as seen from the
 * agreement's own folder: a data file or an import of an imported file
 * in another folder is read relative to that folder (spec §4.1), so
 * 'csv "borgere.csv"' in 'faelles/grupper.maal' is faelles/borgere.csv.
 * "x/.." and "." folded away; an absolute path as written. */
static size_t path_parts(char *path, const char **parts, size_t max) {
  size_t n = 0;
  for (char *save = NULL, *tok = strtok_r(path, "/", &save); tok && n < max; tok = strtok_r(NULL, "/", &save))
    parts[n++] = tok;
  return n;
}

static const char *seen_from_main(const source *s, const char *dir, const char *path) {
  if (path[0] == '/' || !strcmp(path, "-")) return path;
  const char *full = ast_join_path(s->a, dir, path), *main = ast_join_path(s->a, s->p->dir, ".");
  if (!strcmp(main, ".") || (full[0] == '/') != (main[0] == '/')) return full;
  const char *m[128], *f[128];
  size_t nm = path_parts(arena_strdup(s->a, main), m, 128), nf = path_parts(arena_strdup(s->a, full), f, 128), c = 0;
  while (c < nm && c < nf && !strcmp(m[c], f[c])) c++;
  for (size_t i = c; i < nm; i++)
    if (!strcmp(m[i], "..")) return full; /* no way back down from above the current folder */
  buf b = {0};
  for (size_t i = c; i < nm; i++) buf_adds(&b, "../");
  for (size_t i = c; i < nf; i++) buf_printf(&b, "%s%s", i > c ? "/" : "", f[i]);
  const char *rel = arena_strdup(s->a, b.len ? buf_str(&b) : ".");
  buf_free(&b);
  return rel;
}

/* ---- a source's options and declared columns (spec §4.2, §4.3), by meaning ---- */

static const data_opt *last_opt(const data_decl *d, data_opt_kind k) {
  const data_opt *last = NULL;
  for (const data_opt *o = d->opts; o; o = o->next)
    if (o->kind == k) last = o;
  return last;
}

/* An option's value as it reads the file, in words; an option not given
 * is its default (§4.2): the delimiter found from the header ("(ingen)"),
 * the decimal point, UTF-8, no unit of a row.  'skilletegn "\t"' is
 * "tab", 'tegnsæt "cp1252"' is "windows-1252". */
static void option_words(const data_decl *d, data_opt_kind k, buf *out) {
  const data_opt *o = last_opt(d, k);
  static const char *const encodings[] = {"utf-8", "windows-1252", "latin-1"};
  switch (k) {
  case OPT_DELIMITER:
    if (!o) buf_adds(out, "(ingen)");
    else buf_printf(out, "\"%s\"", chk_delimiter_named(o->text) == '\t' ? "tab" : o->text);
    break;
  case OPT_DECIMAL:
    buf_printf(out, "\"%s\"", o ? o->text : ".");
    break;
  case OPT_ENCODING: {
    int enc = o ? chk_encoding_named(o->text) : 0;
    buf_printf(out, "\"%s\"", enc >= 0 && enc < 3 ? encodings[enc] : o->text);
    break;
  }
  case OPT_ROWS:
    if (!o) buf_adds(out, "(ingen)");
    else buf_adds(out, ast_unit_word(o->text, true, false));
    break;
  default:
    break;
  }
}

/* The texts of a source's 'mangler' options, each once, "" left out (the
 * empty field always means missing), in the order written: shown as
 * ("NA", "-"), or (ingen). */
static size_t missing_texts(const data_decl *d, const char **v, size_t max) {
  size_t n = 0;
  for (const data_opt *o = d->opts; o; o = o->next)
    for (const expr *it = o->kind == OPT_MISSING ? o->items : NULL; it; it = it->next) {
      const char *t = it->lit.u.t.s;
      bool seen = !t || !*t;
      for (size_t i = 0; i < n && !seen; i++) seen = !strcmp(v[i], t);
      if (!seen && n < max) v[n++] = t;
    }
  return n;
}

static bool same_texts(const char **x, size_t nx, const char **y, size_t ny) {
  if (nx != ny) return false;
  for (size_t i = 0; i < nx; i++) {
    bool found = false;
    for (size_t j = 0; j < ny && !found; j++) found = !strcmp(x[i], y[j]);
    if (!found) return false;
  }
  return true;
}

static void texts_words(const char **v, size_t n, buf *out) {
  if (!n) {
    buf_adds(out, "(ingen)");
    return;
  }
  buf_addc(out, '(');
  for (size_t i = 0; i < n; i++) buf_printf(out, "%s\"%s\"", i ? ", " : "", v[i]);
  buf_addc(out, ')');
}

static const char *type_word(vtype t) {
  switch (t) {
  case T_INT: return "heltal";
  case T_DEC: return "decimaltal";
  case T_TEXT: return "tekst";
  case T_BOOL: return "janej";
  case T_DATE: return "dato";
  case T_MONTH: return "måned";
  case T_QUARTER: return "kvartal";
  default: return "?";
  }
}

static const column_decl *find_column(const data_decl *d, const char *name) {
  for (const column_decl *c = d->cols; c; c = c->next)
    if (!strcmp(c->name, name)) return c;
  return NULL;
}

/* A declared column in words: 'tekst', 'heltal enhed kr.'. */
static void column_words(const column_decl *c, buf *out) {
  buf_adds(out, type_word(c->type));
  if (c->unit) buf_printf(out, " enhed %s", ast_unit_word(c->unit, true, false));
}

/* One column on both sides: its type and unit.  A side without a column
 * block (NULL) infers the type from the data, without a unit (§4.4). */
static void compare_column(report *r, const char *src_name, const char *name, const column_decl *x,
                           const column_decl *y) {
  const char *tx = x ? type_word(x->type) : "udledt af data", *ty = y ? type_word(y->type) : "udledt af data";
  if (strcmp(tx, ty) != 0) say(r, "Data %s, kolonne %s: type ændret fra %s til %s", src_name, name, tx, ty);
  const char *ux = x && x->unit ? ast_unit_word(x->unit, true, false) : "(ingen)";
  const char *uy = y && y->unit ? ast_unit_word(y->unit, true, false) : "(ingen)";
  if (strcmp(ux, uy) != 0) say(r, "Data %s, kolonne %s: enhed ændret fra %s til %s", src_name, name, ux, uy);
}

static void compare_columns(report *r, const data_decl *o, const data_decl *d) {
  if (o->cols_declared != d->cols_declared)
    say(r, "Data %s: kolonner ændret fra %s til %s", d->name,
        o->cols_declared ? "erklæret (kun de erklærede læses)" : "udledt af data (alle i filen)",
        d->cols_declared ? "erklæret (kun de erklærede læses)" : "udledt af data (alle i filen)");
  if (!o->cols_declared || !d->cols_declared) { /* each declared column against the type it was inferred to */
    for (const column_decl *c = o->cols_declared ? o->cols : d->cols; c; c = c->next)
      compare_column(r, d->name, c->name, o->cols_declared ? c : NULL, d->cols_declared ? c : NULL);
    return;
  }
  buf w = {0};
  for (const column_decl *c = o->cols; c; c = c->next)
    if (!find_column(d, c->name)) {
      buf_clear(&w);
      column_words(c, &w);
      say(r, "Data %s: kolonne %s fjernet (var %s)", d->name, c->name, buf_str(&w));
    }
  for (const column_decl *c = d->cols; c; c = c->next) {
    const column_decl *was = find_column(o, c->name);
    if (was) {
      compare_column(r, d->name, c->name, was, c);
      continue;
    }
    buf_clear(&w);
    column_words(c, &w);
    say(r, "Data %s: kolonne %s tilføjet: %s", d->name, c->name, buf_str(&w));
  }
  buf_free(&w);
}

/* How the file is read: its options, then its columns. */
static void compare_reading(report *r, const data_decl *o, const data_decl *d) {
  static const struct {
    data_opt_kind k;
    const char *word;
  } opts[] = {{OPT_DELIMITER, "skilletegn"}, {OPT_DECIMAL, "decimaltegn"}, {OPT_ENCODING, "tegnsæt"},
              {OPT_MISSING, "mangler"}, {OPT_ROWS, "rækker"}};
  buf x = {0}, y = {0};
  for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
    buf_clear(&x);
    buf_clear(&y);
    if (opts[i].k == OPT_MISSING) {
      const char *mx[64], *my[64];
      size_t nx = missing_texts(o, mx, 64), ny = missing_texts(d, my, 64);
      if (same_texts(mx, nx, my, ny)) continue; /* the same texts in another order */
      texts_words(mx, nx, &x);
      texts_words(my, ny, &y);
    } else {
      option_words(o, opts[i].k, &x);
      option_words(d, opts[i].k, &y);
    }
    if (strcmp(buf_str(&x), buf_str(&y)) != 0)
      say(r, "Data %s: %s ændret fra %s til %s", d->name, opts[i].word, buf_str(&x), buf_str(&y));
  }
  buf_free(&x);
  buf_free(&y);
  compare_columns(r, o, d);
}

static void compare_data(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  for (const data_decl *d = a->data; d; d = d->next) {
    const data_decl *o;
    FIND(b->data, name, d->name, o);
    if (!o) say(r, "Data %s fjernet", d->name);
  }
  for (const data_decl *d = b->data; d; d = d->next) {
    const data_decl *o;
    FIND(a->data, name, d->name, o);
    heading(r, "Data %s, fil", d->name);
    const char *y = seen_from_main(bs, d->dir, d->path);
    if (!o) {
      say(r, "Data %s tilføjet: \"%s\"", d->name, y);
      continue;
    }
    compare(r, buf_str(&r->what), seen_from_main(as, o->dir, o->path), y);
    compare_reading(r, o, d);
  }
}

static void compare_structure(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  compare(r, "Aftalens titel", a->title, b->title);
  char *pa = a->period ? words(as, a->period->sp) : NULL, *pb = b->period ? words(bs, b->period->sp) : NULL;
  compare(r, "Aftalens periode", pa, pb);
  free(pa);
  free(pb);
  for (const area *x = b->areas; x; x = x->next) {
    const area *o;
    FIND(a->areas, number, x->number, o);
    heading(r, "Indsatsområde %s, titel", x->number);
    if (!o) say(r, "Indsatsområde %s tilføjet: \"%s\"", x->number, x->title);
    else compare(r, buf_str(&r->what), o->title, x->title);
    for (const initiative *in = x->inits; in; in = in->next) {
      const initiative *oi = NULL;
      for (const area *oa = a->areas; oa && !oi; oa = oa->next) FIND(oa->inits, number, in->number, oi);
      heading(r, "Indsats %s, titel", in->number);
      if (!oi) {
        say(r, "Indsats %s tilføjet: \"%s\"", in->number, in->title);
        continue;
      }
      compare(r, buf_str(&r->what), oi->title, in->title);
      heading(r, "Indsats %s, kilde", in->number);
      compare(r, buf_str(&r->what), oi->source_ref, in->source_ref);
    }
  }
  for (const area *x = a->areas; x; x = x->next) {
    const area *o;
    FIND(b->areas, number, x->number, o);
    if (!o) say(r, "Indsatsområde %s fjernet: \"%s\"", x->number, x->title);
    for (const initiative *in = x->inits; in; in = in->next) {
      const initiative *ni = NULL;
      for (const area *na = b->areas; na && !ni; na = na->next) FIND(na->inits, number, in->number, ni);
      if (!ni) say(r, "Indsats %s fjernet: \"%s\"", in->number, in->title);
    }
  }
}

/* ---- imports ---- */

static bool imports_file(const ast_program *p, const source *src, const char *path) {
  for (const import_decl *im = p->imports; im; im = im->next)
    if (!strcmp(seen_from_main(src, im->dir, im->path), path)) return true;
  return false;
}

/* The files imported, as seen from each agreement's folder: removed and
 * added.  What they bring is compared with the rest (a group moved to an
 * import says the same), so these lines are notes: a file renamed with
 * the same declarations in it is no difference. */
static void compare_imports(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  const ast_program *both[2] = {a, b};
  const source *src[2] = {as, bs};
  for (int side = 0; side < 2; side++)
    for (const import_decl *im = both[side]->imports; im; im = im->next) {
      const char *path = seen_from_main(src[side], im->dir, im->path);
      bool first = true; /* each file once */
      for (const import_decl *e = both[side]->imports; e != im; e = e->next)
        if (!strcmp(seen_from_main(src[side], e->dir, e->path), path)) first = false;
      if (first && !imports_file(both[1 - side], src[1 - side], path))
        note(r, "Import: %s \"%s\"", side ? "tilføjet" : "fjernet", path);
    }
}

/* ---- checks of the extract (spec §4.7) ---- */

/* The wordings of the checks of source `name` in p and its imports, one a line. */
static char **check_words(const ast_program *p, const source *src, const char *name, size_t *n) {
  char **v = NULL;
  size_t cap = 0;
  *n = 0;
  for (const check_decl *k = p->checks; k; k = k->next) {
    if (strcmp(k->source, name)) continue;
    for (const check_item *it = k->items; it; it = it->next) {
      if (*n == cap) {
        cap = cap ? 2 * cap : 8;
        v = xrealloc(v, cap * sizeof *v);
      }
      v[(*n)++] = words(src, it->sp);
    }
  }
  return v;
}

static bool has_word(char **v, size_t n, const char *w) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(v[i], w)) return true;
  return false;
}

/* Checks removed and added, per source named by a 'kontrol' block in either. */
static void compare_checks(report *r, const ast_program *a, const source *as, const ast_program *b, const source *bs) {
  const ast_program *both[2] = {a, b};
  for (int side = 0; side < 2; side++)
    for (const check_decl *k = both[side]->checks; k; k = k->next) {
      bool first = true; /* each source once: at its first block on this side, unless the old side has it */
      for (const check_decl *e = both[side]->checks; e != k; e = e->next)
        if (!strcmp(e->source, k->source)) first = false;
      if (side == 1)
        for (const check_decl *e = a->checks; e; e = e->next)
          if (!strcmp(e->source, k->source)) first = false;
      if (!first) continue;
      size_t na, nb;
      char **wa = check_words(a, as, k->source, &na), **wb = check_words(b, bs, k->source, &nb);
      for (size_t i = 0; i < na; i++)
        if (!has_word(wb, nb, wa[i])) say(r, "Kontrol af data %s: fjernet \"%s\"", k->source, wa[i]);
      for (size_t i = 0; i < nb; i++)
        if (!has_word(wa, na, wb[i])) say(r, "Kontrol af data %s: tilføjet \"%s\"", k->source, wb[i]);
      for (size_t i = 0; i < na; i++) free(wa[i]);
      for (size_t i = 0; i < nb; i++) free(wb[i]);
      free(wa);
      free(wb);
    }
}

/* The tokens of a program's files, for the wordings of their clauses:
 * the file's own text, then each import read (im->loaded), in the order
 * imp_load read them and so gave them their offsets. */
static source tokens_of(const ast_program *p, const char *src, ast_program *scratch) {
  source s = {.src = src, .p = p, .a = scratch->arena};
  size_t total = p->main_end;
  for (const import_decl *im = p->imports; im; im = im->next)
    if (im->loaded) total += 1 + im->len;
  if (total > p->main_end) { /* the texts side by side, as their offsets place them */
    s.own = xmalloc(total + 1);
    memcpy(s.own, src, p->main_end);
    size_t at = p->main_end;
    for (const import_decl *im = p->imports; im; im = im->next)
      if (im->loaded) {
        s.own[at++] = '\n';
        memcpy(s.own + at, im->text, im->len);
        at += im->len;
      }
    s.own[total] = 0;
    s.src = s.own;
  }
  size_t cap = 0;
  uint32_t base = 0;
  const import_decl *im = p->imports;
  for (const char *text = src, *path = p->path; text;) {
    size_t len = text == src ? p->main_end : im->len, n = 0;
    diag *d = diag_new(path, text, len);
    parse_token *t = parse_tokens(text, len, scratch, d, &n);
    diag_free(d);
    if (s.n + n + 1 > cap) s.t = xrealloc(s.t, (cap = 2 * (s.n + n + 1)) * sizeof *s.t);
    for (size_t i = 0; i < n && t[i].kind > 0; i++) {
      s.t[s.n] = t[i];
      s.t[s.n].sp.beg += base;
      s.t[s.n].sp.end += base;
      s.n++;
    }
    free(t);
    s.t[s.n++] = (parse_token){0, {base + (uint32_t)len, base + (uint32_t)len}}; /* the file's end */
    base += (uint32_t)len + 1;
    if (text != src) im = im->next;
    while (im && !im->loaded) im = im->next;
    text = im ? im->text : NULL;
    path = im ? im->loaded : NULL;
  }
  return s;
}

int df_compare(const ast_program *a, const char *asrc, const ast_program *b, const char *bsrc, buf *out) {
  report r = {.out = out};
  ast_program *scratch = ast_new("diff");
  source as = tokens_of(a, asrc, scratch), bs = tokens_of(b, bsrc, scratch);
  compare_structure(&r, a, &as, b, &bs);
  compare_goals(&r, a, &as, b, &bs);
  compare_rules(&r, a, &as, b, &bs);
  compare_imports(&r, a, &as, b, &bs);
  compare_groups(&r, a, &as, b, &bs);
  compare_schemes(&r, a, &as, b, &bs);
  compare_bandings(&r, a, &as, b, &bs);
  compare_params(&r, a, &as, b, &bs);
  compare_data(&r, a, &as, b, &bs);
  compare_relations(&r, a, &as, b, &bs);
  compare_checks(&r, a, &as, b, &bs);
  free(as.t);
  free(bs.t);
  free(as.own);
  free(bs.own);
  buf_free(&r.what);
  ast_free(scratch);
  return r.n;
}
