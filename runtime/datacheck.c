/* datacheck.c — the checks of the extract (spec §4.7), done row by row in
 * the same pass as the goals: which rows break each check of a source,
 * never changing what the goals count.
 *
 * Per row: 'unik' looks the row's values up in a set of distinct values
 * (dset.h, as count distinct): per value its key text and first line, and
 * 32 to 64 bytes of table; 'påkrævet' looks
 * at the fields; 'i (…)' searches a sorted array of the list's values,
 * built once; a range compares with its ends.  The rows that break a
 * check are kept up to CHECK_SHOWN, or all of them with 'run --rows'. */
#include <stdlib.h>
#include <string.h>

#include "datacheck.h"
#include "eval_internal.h"

typedef struct {
  const check_item *it;
  int64_t broken;
  rep_check_row *rows;
  size_t nrows, cap;
  dset set;         /* CK_UNIQUE: the values seen, each with its first line */
  value *values;    /* CK_IN: the list's values, sorted */
  size_t nvalues;
} one_check;

struct check_run {
  const data_decl *d;
  bool all_rows;
  int id_col;       /* the source's key of one column, or -1 */
  one_check *c;
  size_t n;
  buf tmp;
  arena *a;
};

static int cmp_values(const void *x, const void *y) { return value_cmp(*(const value *)x, *(const value *)y); }

check_run *checks_start(const data_decl *d, row_ctx *r, bool all_rows, arena *a) {
  if (!d->ncheck) return NULL;
  check_run *cr = xcalloc(1, sizeof *cr);
  cr->d = d;
  cr->all_rows = all_rows;
  cr->a = a;
  cr->id_col = d->rel && d->rel->nkey == 1 ? d->rel->key[0] : -1;
  cr->n = d->ncheck;
  cr->c = xcalloc(cr->n, sizeof *cr->c);
  for (size_t i = 0; i < cr->n; i++) {
    one_check *c = &cr->c[i];
    c->it = d->checkv[i];
    if (c->it->kind != CK_IN) continue;
    size_t n = 0;
    for (const expr *e = c->it->cond->b; e; e = e->next) n++;
    c->values = xcalloc(n + 1, sizeof *c->values);
    for (const expr *e = c->it->cond->b; e; e = e->next) {
      value v = expr_eval(r, e); /* a literal or a parameter: the same in every row */
      if (v.kind != V_MISSING) c->values[c->nvalues++] = v;
    }
    qsort(c->values, c->nvalues, sizeof *c->values, cmp_values);
  }
  return cr;
}

/* ---- the words of a broken row, shared with sqlcheck.c ---- */

void check_word_value(buf *w, const char *column, const char *text, size_t len) {
  if (w->len) buf_adds(w, ", ");
  buf_adds(w, column);
  buf_addc(w, ' ');
  if (len > CHECK_TEXT_MAX) {
    size_t n = CHECK_TEXT_MAX;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--; /* not inside a character */
    buf_add(w, text, n);
    buf_adds(w, "…");
  } else {
    buf_add(w, text, len);
  }
}

void check_word_first_line(buf *w, uint32_t line) { buf_printf(w, ", også linje %u", line); }

void check_word_in_all(buf *w, int64_t rows) { buf_printf(w, ", %lld rækker i alt", (long long)rows); }

void check_word_missing(buf *w, const char *const *columns, size_t n) {
  for (size_t k = 0; k < n; k++) {
    if (k) buf_adds(w, k + 1 == n ? " og " : ", ");
    buf_adds(w, columns[k]);
  }
  buf_adds(w, " mangler");
}

void check_result(const data_decl *d, const check_item *it, int64_t rows, int64_t broken, rep_check *out) {
  static const char *const kinds[] = {"unique", "required", "in", "range", "rows"};
  out->source = d->name;
  out->text = it->text;
  out->rows = rows;
  out->kind = kinds[it->kind];
  if (it->kind == CK_ROWS) broken = it->at_most ? rows > it->bound : rows < it->bound;
  out->broken = broken;
  out->passed = broken == 0;
}

/* The raw field of column i, as the file holds it. */
static void field_word(const check_run *cr, const csv_record *rec, int i, buf *b) {
  const csv_field *f = &rec->fields[cr->d->colv[i]->pos];
  check_word_value(b, cr->d->colv[i]->name, f->text, f->len);
}

/* Count a row that breaks c; true when it is one of those shown, whose
 * words the caller then gives to shown(). */
static bool broke(check_run *cr, one_check *c) {
  c->broken++;
  return cr->all_rows || c->nrows < CHECK_SHOWN;
}

static void shown(check_run *cr, one_check *c, const row_ctx *r, const csv_record *rec, const char *what,
                  bool with_id) {
  const char *id = NULL;
  if (with_id && cr->id_col >= 0 && r->vals[cr->id_col].kind != V_MISSING) {
    buf b = {0};
    field_word(cr, rec, cr->id_col, &b);
    id = arena_strdup(cr->a, buf_str(&b));
    buf_free(&b);
  }
  if (c->nrows == c->cap) {
    c->cap = c->cap ? 2 * c->cap : 8;
    c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
  }
  c->rows[c->nrows++] = (rep_check_row){.line = r->line, .id = id, .what = arena_strdup(cr->a, what)};
}

static bool id_is_checked(const check_run *cr, const check_item *it) {
  for (size_t k = 0; k < it->ncols; k++)
    if (it->colv[k] == cr->id_col) return true;
  return false;
}

void checks_row(check_run *cr, row_ctx *r, const csv_record *rec) {
  if (!cr) return;
  buf *t = &cr->tmp;
  for (size_t i = 0; i < cr->n; i++) {
    one_check *c = &cr->c[i];
    const check_item *it = c->it;
    switch (it->kind) {
    case CK_UNIQUE: {
      t->len = 0;
      bool empty = false;
      for (size_t k = 0; k < it->ncols && !empty; k++) {
        value v = r->vals[it->colv[k]];
        if (v.kind == V_MISSING) empty = true; /* not a key: 'påkrævet' is the check for that */
        if (k) buf_addc(t, '\x1f');
        value_text(v, t);
      }
      if (empty) break;
      bool added;
      uint32_t first;
      unsigned char *line = dset_add(&c->set, t->s ? t->s : "", t->len, sizeof first, &added);
      if (added) {
        first = r->line;
        memcpy(line, &first, sizeof first);
        break;
      }
      if (!broke(cr, c)) break;
      memcpy(&first, line, sizeof first);
      buf w = {0};
      for (size_t k = 0; k < it->ncols; k++) field_word(cr, rec, it->colv[k], &w);
      check_word_first_line(&w, first);
      shown(cr, c, r, rec, buf_str(&w), false);
      buf_free(&w);
      break;
    }
    case CK_REQUIRED: {
      size_t nmiss = 0;
      for (size_t k = 0; k < it->ncols; k++)
        if (r->vals[it->colv[k]].kind == V_MISSING) nmiss++;
      if (!nmiss || !broke(cr, c)) break;
      buf w = {0};
      const char **names = xmalloc(nmiss * sizeof *names);
      size_t seen_miss = 0;
      for (size_t k = 0; k < it->ncols; k++)
        if (r->vals[it->colv[k]].kind == V_MISSING) names[seen_miss++] = cr->d->colv[it->colv[k]]->name;
      check_word_missing(&w, names, nmiss);
      free(names);
      shown(cr, c, r, rec, buf_str(&w), !id_is_checked(cr, it));
      buf_free(&w);
      break;
    }
    case CK_IN:
    case CK_RANGE: {
      value v = r->vals[it->colv[0]];
      if (v.kind == V_MISSING) break; /* applies to the values that are there */
      bool ok;
      if (it->kind == CK_IN) ok = bsearch(&v, c->values, c->nvalues, sizeof *c->values, cmp_values) != NULL;
      else ok = truth_of(expr_eval(r, it->cond)) != TV_FALSE;
      if (ok || !broke(cr, c)) break;
      buf w = {0};
      field_word(cr, rec, it->colv[0], &w);
      shown(cr, c, r, rec, buf_str(&w), it->colv[0] != cr->id_col);
      buf_free(&w);
      break;
    }
    case CK_ROWS:
      break;
    }
  }
}

void checks_finish(check_run *cr, uint64_t rows, rep_check *out) {
  if (!cr) return;
  for (size_t i = 0; i < cr->n; i++) {
    one_check *c = &cr->c[i];
    rep_check *o = &out[i];
    check_result(cr->d, c->it, (int64_t)rows, c->broken, o);
    if (c->nrows) {
      rep_check_row *v = arena_alloc(cr->a, c->nrows * sizeof *v);
      memcpy(v, c->rows, c->nrows * sizeof *v);
      o->shown = v;
      o->nshown = c->nrows;
    }
  }
}

void checks_free(check_run *cr) {
  if (!cr) return;
  for (size_t i = 0; i < cr->n; i++) {
    one_check *c = &cr->c[i];
    dset_free(&c->set);
    free(c->rows);
    free(c->values);
  }
  free(cr->c);
  buf_free(&cr->tmp);
  free(cr);
}

/* ---- a pass split over two cores (split.c) ---- */

check_run *checks_fork(const check_run *cr, row_ctx *r, arena *a) {
  return cr ? checks_start(cr->d, r, cr->all_rows, a) : NULL;
}

typedef struct {
  const dset *seen;
  bool meet;
  uint32_t lines_before;
  dset *into;
} key_ctx;

static void key_meets(const void *key, size_t len, void *extra, void *ctx) {
  (void)extra;
  key_ctx *k = ctx;
  if (dset_get(k->seen, key, len)) k->meet = true;
}

static void key_moves(const void *key, size_t len, void *extra, void *ctx) {
  key_ctx *k = ctx;
  uint32_t first;
  bool added;
  memcpy(&first, extra, sizeof first);
  first += k->lines_before;
  memcpy(dset_add(k->into, key, len, sizeof first, &added), &first, sizeof first);
}

bool checks_merge_fits(const check_run *into, const check_run *from) {
  for (size_t i = 0; into && i < into->n; i++) {
    const one_check *a = &into->c[i], *b = &from->c[i];
    if (a->it->kind != CK_UNIQUE) continue;
    if (b->broken) return false; /* its words name a first line counted from the half's start */
    key_ctx k = {.seen = &a->set};
    dset_each(&b->set, key_meets, &k);
    if (k.meet) return false; /* the half's first row of such a value breaks the check */
  }
  return true;
}

void checks_merge(check_run *into, check_run *from, uint32_t lines_before) {
  for (size_t i = 0; into && i < into->n; i++) {
    one_check *a = &into->c[i], *b = &from->c[i];
    if (a->it->kind == CK_UNIQUE) {
      key_ctx k = {.lines_before = lines_before, .into = &a->set};
      dset_each(&b->set, key_moves, &k);
    }
    a->broken += b->broken;
    for (size_t r = 0; r < b->nrows && (into->all_rows || a->nrows < CHECK_SHOWN); r++) {
      if (a->nrows == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 8;
        a->rows = xrealloc(a->rows, a->cap * sizeof *a->rows);
      }
      a->rows[a->nrows] = b->rows[r];
      a->rows[a->nrows++].line += lines_before;
    }
  }
  if (into && from->a != into->a) { /* the rows' words live in it */
    arena_adopt(into->a, from->a);
    from->a = NULL;
  }
}
