/* check_data.c — the data sources: their options (delimiter, decimal
 * separator, missing values, encoding, rows), their paths, their keys,
 * references, time columns and what they cover (spec §4.6), once the
 * columns are known, and the checks of the extract (spec §4.7). */
#include "check.h"
#include "check_internal.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"

static const char *dirname_of(arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return ".";
  return arena_strndup(a, path, (size_t)(slash - path) + (slash == path));
}

/* ---- data sources ---- */

static const char *override_for(const char **list, size_t n, const char *name) {
  size_t len = strlen(name);
  for (size_t i = 0; i < n; i++)
    if (strncmp(list[i], name, len) == 0 && list[i][len] == '=') return list[i] + len + 1;
  return NULL;
}

int chk_encoding_named(const char *name) {
  static const struct {
    const char *name;
    int enc;
  } encs[] = {{"utf-8", 0}, {"utf8", 0}, {"windows-1252", 1}, {"cp1252", 1}, {"latin-1", 2}, {"latin1", 2}, {"iso-8859-1", 2}};
  for (size_t k = 0; k < sizeof encs / sizeof encs[0]; k++)
    if (!strcasecmp(encs[k].name, name)) return encs[k].enc;
  return -1;
}

char chk_delimiter_named(const char *text) {
  if (!strcmp(text, ",") || !strcmp(text, ";")) return text[0];
  if (!strcmp(text, "\t") || !strcmp(text, "tab")) return '\t';
  return 0;
}

static bool listed(const char **names, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(names[i], name)) return true;
  return false;
}

void ck_check_data(chk *c, data_decl *d) {
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
      d->delim = chk_delimiter_named(o->text);
      if (!d->delim) diag_error(c->d, o->sp, "the delimiter must be \",\", \";\" or \"tab\", not \"%s\"", o->text);
      break;
    case OPT_DECIMAL:
      if (!strcmp(o->text, ",") || !strcmp(o->text, ".")) d->decimal = o->text[0];
      else diag_error(c->d, o->sp, "the decimal separator must be \",\" or \".\", not \"%s\"", o->text);
      break;
    case OPT_MISSING:
      for (expr *it = o->items; it; it = it->next) d->missing[d->nmissing++] = it->lit.u.t.s;
      break;
    case OPT_ENCODING: {
      int enc = chk_encoding_named(o->text);
      if (enc >= 0) d->encoding = enc;
      else diag_error(c->d, o->sp, "the encoding must be \"utf-8\", \"windows-1252\" or \"latin-1\", not \"%s\"", o->text);
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
        ck_first_here(c, o->sp, N_("column"));
        break;
      }
  d->unreadable = diag_error_within(c->d, d->path_sp);
  const char *ov = override_for(c->opt->data_overrides, c->opt->ndata_overrides, d->name);
  /* standard input, named in the rules or by --data NAME=-, is read by one source at most */
  if (!strcmp(ov ? ov : d->path, "-")) {
    for (data_decl *o = c->p->data; o != d; o = o->next)
      if (o->resolved_path && !strcmp(o->resolved_path, "-")) {
        diag_error(c->d, d->path_sp, "only one data source can read standard input (\"-\")");
        d->unreadable = true;
        break;
      }
    if (!strcmp(c->p->path, "-")) {
      diag_error(c->d, d->path_sp, "the rules are read from standard input, so the data cannot be");
      d->unreadable = true;
    }
  }
  if (ov && listed(c->opt->own_dialect, c->opt->nown_dialect, d->name)) {
    d->encoding = 0; /* a test's rows: UTF-8 text of the rule file, in their own dialect */
    d->delim = 0;
  }
  if (ov) d->resolved_path = ov;
  else if (d->path[0] == '/' || !strcmp(d->path, "-")) d->resolved_path = d->path;
  else d->resolved_path = ast_join_path(a, d->dir ? d->dir : dirname_of(a, c->p->path), d->path);
}

/* ---- keys, references, time columns, what a source covers (spec §4.6) ---- */

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
  int i = ast_column_index(d, name->name);
  if (i < 0 && !d->unreadable) {
    suggest s = {NULL, 99, name->name};
    for (size_t k = 0; k < d->ncol; k++) ck_consider(&s, d->colv[k]->name);
    diag_error(c->d, name->sp, "'%s' has no column '%s' for its %s", d->name, name->name, what);
    if (s.best) diag_note(c->d, name->sp, "did you mean '%s'?", s.best);
  }
  return i;
}

static void check_reference(chk *c, data_decl *d, rel_source *rs, const data_opt *o) {
  const expr *col = o->items, *to = o->items->next;
  int ci = key_column(c, d, col, M("reference"));
  data_decl *t = ck_find_data(c->p, to->name);
  if (!t) {
    suggest s = {NULL, 99, to->name};
    for (data_decl *x = c->p->data; x; x = x->next) ck_consider(&s, x->name);
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
    diag_error(c->d, col->sp, "column '%s' is %s, but the key of '%s' (%s) is %s", rc->name, ck_article(rc->type),
               t->name, kc->name, ck_article(kc->type));
    return;
  }
  rs->refs[rs->nrefs++] = (rel_ref){ci, t, o->sp};
}

/* A source's key, references and time column, once its columns are
 * known; sources are checked in the order declared. */
void ck_check_relations(chk *c, data_decl *d) {
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
      if (i >= 0 && !ck_time_type(d->colv[i]->type))
        diag_error(c->d, o->items->sp, "column '%s' is %s; the time column holds dates or months (2009-01)",
                   d->colv[i]->name, ck_article(d->colv[i]->type));
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

void ck_check_checks(chk *c) {
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
