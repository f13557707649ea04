/* scan.c — reading a data source row by row: each row's fields read as
 * their columns' types (a broken record or value said with its file,
 * line and column, and the row skipped), the fields through references,
 * and the groups of the plan decided for the row. */
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "msg.h"
#include "source.h"

enum { DATA_ERROR_LIMIT = SRC_ERROR_LIMIT };

/* Said apart from decide_groups, which then saves no registers for it. */
__attribute__((noinline)) static void group_too_large(row_ctx *r, const group_decl *g) {
  const plan *pl = r->pl;
  row_too_large(r, pl->owner[g->index] >= 0 ? r->p->goalv[pl->owner[g->index]] : NULL,
                M("a number in the condition of group"), g->name);
}

/* Decide every group of the plan for this row, in the plan's order.  A
 * row's membership of a group is the Kleene AND of the group's condition
 * and its membership of the group it is built from: exactly what the
 * conditions joined by 'og' on one line give (§5.6). */
static void decide_groups(row_ctx *r) {
  truth *memo = r->memo;
  for (const group_step *q = r->groups, *end = q + r->ngroups; q < end; q++) {
    truth in = memo[q->parent];
    if (in != TV_FALSE && q->where.run) in = kleene_and(in, q->where.run(r, q->where.s));
    if (r->overflow) group_too_large(r, q->decl);
    memo[q->g] = in;
  }
}

/* The plan's groups with their conditions compiled for r, once for the
 * pass (the plan is complete when its scan starts). */
static void plan_groups(row_ctx *r) {
  const plan *pl = r->pl;
  r->ngroups = pl->n;
  r->groups = xcalloc(pl->n + 1, sizeof *r->groups);
  for (size_t i = 0; i < pl->n; i++) {
    const group_decl *g = r->p->groupv[pl->order[i]];
    r->groups[i] = (group_step){.g = g->index, .parent = g->parent ? g->parent->index : r->p->ngroups,
                                .where = cond_handle_of(r, g->where), .decl = g};
  }
}

/* Start reading d with cr, positioned at a record (the header read, or
 * the first record of a split pass's second half); every row will have
 * the groups of pl decided. */
void scan_start(scan *s, ast_program *p, data_decl *d, const plan *pl, csv_reader *cr, FILE *err) {
  *s = (scan){.p = p, .d = d, .err = err, .cr = cr};
  s->r.p = p;
  s->r.pl = pl;
  /* after the row's own columns, the fields measured or broken down by through a reference (§5.9) */
  s->r.vals = xcalloc(d->ncol + (d->rel ? d->rel->nderived : 0) + 1, sizeof *s->r.vals);
  s->prog = src_program(d); /* this reader's own: a split pass's threads build one each */
  s->r.memo = xcalloc((size_t)p->ngroups + 1, sizeof *s->r.memo);
  s->r.memo[p->ngroups] = TV_TRUE; /* of a group with no parent, or a probe with no group */
  s->r.path = d->resolved_path;
  s->r.err = err;
  s->r.errors = &s->errors;
  cond_start(&s->r); /* the row's conditions compiled as they are first asked (cond.c) */
  plan_groups(&s->r);
  s->head_pos = d->ncol ? d->colv[0]->pos : -1;
  s->head_len = d->ncol ? strlen(d->colv[0]->name) : 0;
}

/* Every field of rec empty (";;;", as a spreadsheet exports a row left
 * blank): like an empty line, no row (spec §4.5). */
static bool blank(const csv_record *rec) {
  for (size_t i = 0; i < rec->nfields; i++)
    if (rec->fields[i].len) return false;
  return true;
}

/* rec names the columns as the header does (two files joined, each with
 * its header): the declared or inferred columns' names at their places. */
static bool header_again(const scan *s, const csv_record *rec) {
  const data_decl *d = s->d;
  if (s->head_pos < 0 || (size_t)s->head_pos >= rec->nfields) return false;
  const csv_field *f = &rec->fields[s->head_pos];
  if (f->len != s->head_len || memcmp(f->text, d->colv[0]->name, f->len) != 0) return false;
  for (size_t i = 1; i < d->ncol; i++) {
    const csv_field *g = &rec->fields[d->colv[i]->pos];
    if (g->len != strlen(d->colv[i]->name) || memcmp(g->text, d->colv[i]->name, g->len) != 0) return false;
  }
  return true;
}

/* Open d and pass its header (the checker has read it).  false after a
 * message, when the file cannot be opened. */
bool scan_open(scan *s, ast_program *p, data_decl *d, const plan *pl, bool digest, FILE *err) {
  csv_error ce = {0};
  csv_reader *cr = csv_open(src_path(d), d->delim, &ce);
  if (!cr) {
    fprintf(err, T("maal: data '%s': %s\n"), d->name, ce.message);
    return false;
  }
  csv_set_encoding(cr, (csv_encoding)d->encoding);
  if (digest) csv_digest_start(cr); /* the file's SHA-256, in this same pass (spec/output.md §5) */
  scan_start(s, p, d, pl, cr, err);
  if (csv_next(s->cr, &s->rec, &ce) < 0) s->errors++; /* reported by the checker */
  return true;
}

/* A value that reads two ways (src_two_readings), said with both. */
static void two_readings(const scan *s, const column_decl *c, const csv_field *f) {
  char point[64], thousands[32];
  size_t n = f->len; /* at most 3 + 1 + 3 and a sign */
  num v = {0, 1};
  num_parse(f->text, n, '.', &v);
  num_format_exact(v, 3, point, sizeof point); /* 2.5: written with a decimal comma, as the messages write numbers */
  char *dot = strchr(point, '.');
  if (dot) *dot = ',';
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (f->text[i] != '.') thousands[k++] = f->text[i];
  thousands[k] = 0;
  fprintf(s->err, T("%s:%u:%u: error: column '%s': '%s' can be read two ways: %s (a point as the decimal sign) or %s (a point between thousands); if the point is the decimal sign, say so with decimal \".\" in the data's declaration; thousands are written without points in data\n"),
          s->d->resolved_path, csv_field_line(s->rec, f), csv_field_col(s->rec, f), c->name, f->text, point, thousands);
}

/* The next row whose every field reads as its column's type: true, with
 * s->r.vals filled; false at the end of the file or after too many errors.
 * A broken record or value is reported with its file, line and column, and
 * the row is skipped. */
bool scan_next(scan *s) {
  const data_decl *d = s->d;
  csv_error ce; /* filled when csv_next returns -1 */
  while (s->errors < DATA_ERROR_LIMIT) {
    int got = csv_next(s->cr, &s->rec, &ce);
    if (got == 0) return false;
    if (got < 0) {
      fprintf(s->err, T("%s:%u:%u: error: %s\n"), d->resolved_path, ce.line, ce.col, ce.message);
      s->errors++;
      continue;
    }
    if (s->rec->fields[0].len == 0 && blank(s->rec)) continue;
    s->rows++;
    if ((size_t)s->rec->fields[s->head_pos < 0 ? 0 : s->head_pos].len == s->head_len && header_again(s, s->rec)) {
      fprintf(s->err, T("%s:%u:1: error: this record repeats the header (were two files joined?)\n"), d->resolved_path, s->rec->line);
      if (++s->errors >= DATA_ERROR_LIMIT) break;
      continue;
    }
    bool bad = false;
    for (size_t i = 0; (i = src_row(d, s->prog, s->rec->fields, s->r.vals, i)) < d->ncol; i++) {
      const column_decl *c = d->colv[i];
      const csv_field *f = &s->rec->fields[c->pos];
      if (c->type == T_DEC && src_two_readings(d, f->text, f->len))
        two_readings(s, c, f);
      else
        fprintf(s->err, T("%s:%u:%u: error: column '%s' holds %s, but '%.*s' is not one%s\n"), d->resolved_path, csv_field_line(s->rec, f),
                csv_field_col(s->rec, f), c->name, src_type_words(c->type, d->decimal), (int)(f->len > 60 ? 60 : f->len), f->text,
                c->inferred ? M(" (the type was inferred from the first rows; declare the column's type in the rules if it is wrong)") : "");
      bad = true;
      if (++s->errors >= DATA_ERROR_LIMIT) break;
    }
    if (bad) continue;
    s->r.line = s->rec->line;
    for (size_t k = 0; d->rel && k < d->rel->nderived; k++)
      s->r.vals[d->ncol + k] = s->r.rel ? rel_field(&s->r, d->rel->derived[k]) : missing_value();
    decide_groups(&s->r);
    return true;
  }
  return false;
}

/* Close; the number of errors seen, said once more if there were many. */
int scan_close(scan *s) {
  if (s->errors >= DATA_ERROR_LIMIT)
    fprintf(s->err, T("%s: too many errors; stopped after %d\n"), s->d->resolved_path, DATA_ERROR_LIMIT);
  src_program_free(s->prog);
  free(s->r.vals);
  free(s->r.memo);
  free(s->r.groups);
  free(s->r.probes);
  free(s->r.spine);
  buf_free(&s->r.relkey);
  cond_end(&s->r);
  csv_close(s->cr);
  return s->errors;
}
