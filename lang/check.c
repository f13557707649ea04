/* check.c — resolve names and check types, units, schemes and structure.
 *
 * Order: data sources (their columns come from the files), parameters,
 * groups (with cycle detection), status schemes (gaps and overlaps), then
 * the areas, initiatives and goals (expressions, values, keys and
 * references are in check_expr.c).  Every problem is reported; checking
 * goes on after an error wherever the rest can still be checked.
 */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bands.h"
#include "calendar.h"
#include "hash.h"

const char *const chk_default_labels[ROLE_COUNT] = {
    "Målet er opfyldt", "Målet er delvist opfyldt", "Målet er ikke opfyldt", "Kan ikke opgøres"};


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


void ck_consider(suggest *s, const char *name) {
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

data_decl *ck_find_data(ast_program *p, const char *name) { return ast_find_data(p, name, strlen(name)); }

/* The groups by name: a file may chain 100.000 groups, each naming the
 * one before, so a lookup must not walk the list. */
struct group_entry {
  const char *name;
  group_decl *g; /* the first group of that name */
  UT_hash_handle hh;
};

group_decl *ck_find_group(ast_program *p, const char *name) {
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
    if (ck_find_group(p, g->name)) {
      diag_error(c->d, g->sp, "there are two groups named '%s'", g->name);
      first_here(c, ck_find_group(p, g->name)->sp, N_("group"));
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

param_decl *ck_find_param(ast_program *p, const char *name) { return ast_find_param(p, name, strlen(name)); }

static scheme_decl *find_scheme(ast_program *p, const char *name) { return ast_find_scheme(p, name, strlen(name)); }

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
    if (l->from && ck_const_num(c, l->from, &s->from[l->r], M("a bound"))) s->has_from[l->r] = true;
    if (l->below && ck_const_num(c, l->below, &s->below[l->r], M("a bound"))) s->has_below[l->r] = true;
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
    param_decl *q = ck_find_param(p, e->name);
    if (!q) {
      diag_error(c->d, e->sp, "'%s' is not a parameter", e->name);
      return NULL;
    }
    if (q->val.kind == V_MONTH || q->val.kind == V_QUARTER) return ck_time_text(p->arena, q->val); /* 2010k1 is 2010K1 */
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
  data_decl *d = ck_find_data(c->p, m->group);
  group_decl *grp = d ? NULL : ck_find_group(c->p, m->group);
  if (grp && m->kind == M_INDICATOR) {
    diag_error(c->d, m->group_sp, "an indicator is looked up in a data source, and '%s' is a group", m->group);
    return true;
  }
  if (grp) {
    ck_resolve_group(c, grp);
    m->g = grp;
    d = grp->source;
  } else if (!d) {
    suggest s = {NULL, 99, m->group};
    for (group_decl *x = c->p->groups; x; x = x->next) ck_consider(&s, x->name);
    for (data_decl *x = c->p->data; x; x = x->next) ck_consider(&s, x->name);
    diag_error(c->d, m->group_sp, "'%s' is neither a group nor a data source", m->group);
    if (s.best) diag_note(c->d, m->group_sp, "did you mean '%s'?", s.best);
  }
  m->source = d;
  if (!d) return true;
  if (m->column && strchr(m->column, '.') && !d->unreadable) { /* SRC.COL (§5.9) */
    vtype t;
    m->col = ck_derived_column(c, d, m->column, m->col_sp, &t);
    if (m->col >= 0 && m->kind != M_DISTINCT && !ast_type_numeric(t))
      diag_error(c->d, m->col_sp, "'%s' is %s; '%s' needs numbers", m->column, ck_article(t), ast_measure_name(m->kind));
  } else if (m->column) {
    m->col = ast_column_index(d, m->column);
    if (m->col < 0 && d->unreadable) {
      /* reported at the path */
    } else if (m->col < 0) {
      suggest s = {NULL, 99, m->column};
      for (size_t i = 0; i < d->ncol; i++) ck_consider(&s, d->colv[i]->name);
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
                   ck_article(col->type), ast_measure_name(m->kind));
      *unit = col->unit;
    }
  }
  if (m->kind == M_INDICATOR) {
    static const char *const need[3] = {"indikator", "periode", "vaerdi"};
    for (int i = 0; i < 3; i++) {
      column_decl *col = need_column(c, d, need[i], m->group_sp, M("an indicator table needs (indikator, periode, vaerdi)"));
      m->ind_cols[i] = col ? ast_column_index(d, need[i]) : -1;
      if (i == 2 && col && !ast_type_numeric(col->type))
        diag_error(c->d, m->group_sp, "column 'vaerdi' of '%s' is %s; an indicator's value must be a number", d->name, ck_article(col->type));
    }
    if (m->period) {
      ck_check_expr(c, m->period, NULL);
      const char *pt = period_text(c, m->period);
      m->period = pt ? ast_str(c->p, pt, m->period->sp) : NULL;
    }
  }
  if (m->kind == M_SHARE) *unit = "pct";
  if (m->kind == M_COUNT) *unit = d->rows_unit;
  if (m->over) {
    m->over_col = ast_column_index(d, m->over);
    if (m->over_col < 0 && !d->unreadable) {
      suggest s = {NULL, 99, m->over};
      for (size_t i = 0; i < d->ncol; i++) ck_consider(&s, d->colv[i]->name);
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
    ck_check_condition(c, m->where, d, m->kind == M_SHARE ? M("a share's 'where'") : M("a measure's 'where'"));
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
  else ok = ck_const_num(c, t->value, &t->v, M("a target"));
  bool hi_ok = t->high && ck_const_num(c, t->high, &t->hi, M("a target"));
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
  if (t->tolerance && ck_const_num(c, t->tolerance, &t->tol, M("a tolerance")) && num_sign(t->tol) < 0)
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
    ck_check_expr(c, t->period, NULL);
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
  data_decl *d = ck_find_data(c->p, it->name);
  if (!d) {
    suggest s = {NULL, 99, it->name};
    for (data_decl *x = c->p->data; x; x = x->next) ck_consider(&s, x->name);
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
  int i = ast_column_index(d, name);
  if (i < 0) {
    if (d->unreadable) return -1;
    suggest s = {NULL, 99, name};
    for (size_t k = 0; k < d->ncol; k++) ck_consider(&s, d->colv[k]->name);
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
    diag_error(c->d, sp, "column '%s' is %s; a ratio adds up numbers", col->name, ck_article(col->type));
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
    diag_error(c->d, f->sp, "column 'faerdig' of '%s' is %s; a milestone's completion is a date", d->name, ck_article(f->type));
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
  vtype t = ck_check_expr(c, e, NULL);
  if (t == T_NONE) return false;
  if (t != T_DATE) {
    diag_error(c->d, e->sp, "a deadline must be a date, such as 2009-01-31, but %s is %s", ck_describe(c, e), ck_article(t));
    if (t == T_INT) diag_note(c->d, e->sp, "the last day of a year is written 'ultimo 2009'");
    return false;
  }
  num y;
  switch (e->kind) {
  case E_DATE:
    *out = e->lit.u.date;
    return e->lit.kind == V_DATE;
  case E_ULTIMO:
    if (!ck_fold(c, e->a, &y, "the year of a deadline") || !num_is_int(y)) return false;
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
  if (!ck_const_num(c, e, &w, M("a weight"))) return;
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
        for (scheme_decl *x = c->p->schemes; x; x = x->next) ck_consider(&sg, x->name);
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
        for (goal *g = in->goals; g; g = g->next) ck_consider(&sg, g->label);
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

static banding_decl *find_banding(ast_program *p, const char *name) { return ast_find_banding(p, name, strlen(name)); }

static const char *const by_fn_words[] = {"", "måned af", "kvartal af", "år af"};

/* The type of a breakdown key: the column's, or what 'måned af',
 * 'kvartal af' or 'år af' makes of it (§5.11); T_NONE, said, if it cannot. */
static vtype by_key_type(chk *c, const by_dim *u, vtype t, span sp) {
  if (u->fn == BYF_VALUE || t == T_NONE) return t;
  bool ok = t == T_DATE || t == T_MONTH || (u->fn != BYF_MONTH && t == T_QUARTER);
  if (!ok) {
    diag_error(c->d, sp, "'%s' needs a date%s, but '%s' is %s", by_fn_words[u->fn],
               u->fn == BYF_MONTH ? M(" or a month") : M(", a month or a quarter"), u->column, ck_article(t));
    return T_NONE;
  }
  return u->fn == BYF_MONTH ? T_MONTH : u->fn == BYF_QUARTER ? T_QUARTER : T_INT;
}

/* Bands need numbers: a whole or decimal number, or a year of a date. */
static bool bands_fit(chk *c, const by_dim *u, vtype t, span sp) {
  if (t == T_INT || t == T_DEC || t == T_NONE) return true;
  if (t == T_DATE || t == T_MONTH || t == T_QUARTER)
    diag_error(c->d, sp, "bands need numbers, but '%s' is %s; break it down by 'måned af %s', 'kvartal af %s' or 'år af %s' (bands of years: 'år af %s (2007-2008, 2009-)')",
               u->column, ck_article(t), u->column, u->column, u->column, u->column);
  else
    diag_error(c->d, sp, "bands need numbers, but '%s' is %s; break it down by its values: 'per %s'", u->column, ck_article(t), u->column);
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
    int col = strchr(d->column, '.') ? -1 : ast_column_index(src, d->column);
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
      u->col = ck_derived_column(c, src, u->column, d->col_sp, &t);
      if (g->base && u->col >= 0)
        diag_error(c->d, d->col_sp, "a breakdown by a field through a reference cannot have a baseline yet");
    } else {
      u->col = ast_column_index(src, u->column);
      if (u->col < 0) {
        suggest s = {NULL, 99, u->column};
        for (size_t i = 0; i < src->ncol; i++) ck_consider(&s, src->colv[i]->name);
        for (banding_decl *x = c->p->bandings; x; x = x->next) ck_consider(&s, x->name);
        diag_error(c->d, d->col_sp, "'%s' is not a column of '%s', so the goal cannot be broken down by it", u->column, src->name);
        if (s.best) diag_note(c->d, d->col_sp, "did you mean '%s'?", s.best);
        continue;
      }
      t = src->colv[u->col]->type;
      if (src->colv[u->col]->unsampled && (u->fn != BYF_VALUE || u->set)) { /* empty in the sample: what it needs */
        t = src->colv[u->col]->type = u->fn != BYF_VALUE ? T_DATE : T_DEC;
        src->colv[u->col]->unsampled = false;
      }
      if (g->base && g->base->source && g->base->source != src && ast_column_index(g->base->source, u->column) < 0)
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
        for (scheme_decl *x = c->p->schemes; x; x = x->next) ck_consider(&s, x->name);
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
        g->has_base_value = ck_const_num(c, it->e, &g->base_value, M("a baseline"));
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
    if (ck_find_data(p, g->name)) diag_error(c->d, g->sp, "'%s' is already the name of a data source", g->name);
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
    } else if (ast_type_numeric(q->type) && ck_looks_numeric(ck_unsigned_part(eq + 1)) &&
               ast_number_problem(ck_unsigned_part(eq + 1))) {
      fprintf(stderr, T("maal: --param %s: '%s': %s\n"), q->name, eq + 1, ast_number_problem(ck_unsigned_part(eq + 1)));
      c->usage_error = true;
    } else if (!chk_parse_value(q->type, eq + 1, p->arena, &q->val)) {
      fprintf(stderr, T("maal: --param %s: '%s' is not %s\n"), q->name, eq + 1, ck_article(q->type));
      c->usage_error = true;
    } else {
      q->override_text = eq + 1;
    }
  }
  for (param_decl *q = p->params; q; q = q->next) {
    c->param_limit = q->index; /* only earlier parameters */
    if (ast_type_numeric(q->type)) {
      num n;
      bool ok = ck_const_num(c, q->init, &n, M("a parameter's value"));
      if (ok && q->type == T_INT && !num_is_int(n) && !diag_error_within(c->d, q->init->sp))
        diag_error(c->d, q->init->sp, "parameter '%s' is an int, but its value is not a whole number", q->name);
      else if (ok && !q->override_text) {
        q->val.kind = V_NUM;
        q->val.u.n = n;
      }
      continue;
    }
    vtype t = ck_check_expr(c, q->init, NULL);
    if (t == T_NONE) continue;
    if (t == q->type && (q->init->kind == E_STR || q->init->kind == E_DATE || q->init->kind == E_BOOL ||
                         q->init->kind == E_MONTH || q->init->kind == E_QUARTER)) {
      if (!q->override_text) q->val = q->init->lit;
    } else {
      diag_error(c->d, q->init->sp, "parameter '%s' is %s, but its value %s is %s", q->name,
                 ck_article(q->type), ck_describe(c, q->init), ck_article(t));
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
    param_decl *q = ck_find_param(p, e->name);
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
      p->period_text = ck_time_text(p->arena, q->val);
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
    int i = ck_key_column(c, d, e, M("check"));
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
                 ck_article(col->type));
      if (col->type == T_TEXT) diag_note(c->d, it->sp, "to allow some texts, write '%s i (\"...\", \"...\")'", col->name);
      break;
    }
    if (!it->cond) break; /* a range without ends: the parser said so */
    ck_check_condition(c, it->cond, d, "a check");
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
    data_decl *d = ck_find_data(c->p, k->source);
    if (!d) {
      suggest s = {NULL, 99, k->source};
      for (data_decl *x = c->p->data; x; x = x->next) ck_consider(&s, x->name);
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
  for (data_decl *x = p->data; x; x = x->next) ck_check_relations(&c, x);
  n = 0;
  for (group_decl *g = p->groups; g; g = g->next) g->index = n++;
  p->ngroups = n;
  p->groupv = arena_alloc(p->arena, (size_t)(n ? n : 1) * sizeof *p->groupv);
  for (group_decl *g = p->groups; g; g = g->next) p->groupv[g->index] = g;
  for (group_decl *g = p->groups; g; g = g->next) ck_resolve_group(&c, g);
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
