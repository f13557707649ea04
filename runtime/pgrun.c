/* pgrun.c — maal run --engine (spec §12.14): a source's query (sqlgen.c)
 * runs inside PostgreSQL, and each of its rows fills an accumulator the
 * evaluator's own pass would have filled (accum.c): a goal's totals, a
 * breakdown part, the rows left out of a group as unknown, an 'average
 * over' part, an indicator's row, the source's row count.  The numbers
 * come as text and are read exactly (a NUMERIC is never a double); one
 * too long for maal is "too large to compute", as in a pass. */
#include "pgrun.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "calendar.h"
#include "msg.h"
#include "sqlcheck.h"
#include "eval_internal.h"

enum { C_PROBE, C_KIND, C_K1, C_K2, C_GROUP, C_HITS, C_UNKNOWN, C_UNSURE, C_VALUES, C_DISTINCT, C_SUM, C_BEST, C_DEN,
       C_COUNT };

typedef struct {
  PGresult *r;
  int row;
  const char *table;
  FILE *err;
  bool bad;
} rows_in;

static void bad_row(rows_in *in, const char *what) {
  fprintf(in->err, T("maal: %s: row %d of the database's answer: %s\n"), in->table, in->row + 1, what);
  in->bad = true;
}

static bool null_at(rows_in *in, int col) { return PQgetisnull(in->r, in->row, col); }
static const char *text_at(rows_in *in, int col) { return PQgetvalue(in->r, in->row, col); }

static int64_t count_at(rows_in *in, int col) {
  if (null_at(in, col)) return 0;
  const char *s = text_at(in, col);
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || *end || end == s || v < 0) bad_row(in, M("a count is not a whole number"));
  return v;
}

/* An exact number as PostgreSQL writes a NUMERIC ("-12.50"): every
 * number a num holds (a sum may have 19 digits, as a pass's can), with
 * trailing zeros after the point dropped.  false: more than a num holds. */
static bool exact_num(const char *s, num *out) {
  bool neg = *s == '-';
  if (*s == '-' || *s == '+') s++;
  const char *dot = strchr(s, '.');
  size_t n = strlen(s), ip = dot ? (size_t)(dot - s) : n, fe = n;
  if (dot)
    while (fe > ip + 1 && s[fe - 1] == '0') fe--;
  size_t fd = dot ? fe - ip - 1 : 0;
  if (!ip || fd > 18) return false;
  __int128 m = 0;
  for (size_t i = 0; i < fe; i++) {
    if (i == ip) continue;
    if (s[i] < '0' || s[i] > '9') return false;
    m = m * 10 + (s[i] - '0');
    if (m > INT64_MAX) return false;
  }
  int64_t den = 1;
  for (size_t i = 0; i < fd; i++) den *= 10;
  return num_make(neg ? -(int64_t)m : (int64_t)m, den, out);
}

static bool num_at(rows_in *in, int col, num *out) { return exact_num(text_at(in, col), out); }

/* A key's text as a value of type t (sqlgen.c writes months and quarters
 * as whole numbers, booleans as true/false, dates in ISO). */
static bool key_value(rows_in *in, int col, vtype t, value *v) {
  const char *s = text_at(in, col);
  size_t n = strlen(s);
  *v = (value){.kind = V_MISSING};
  if (null_at(in, col)) return true;
  switch (t) {
  case T_INT: case T_DEC: v->kind = V_NUM; return exact_num(s, &v->u.n);
  case T_TEXT: v->kind = V_TEXT; v->u.t.s = s; v->u.t.len = n; return true;
  case T_BOOL:
    v->kind = V_BOOL;
    v->u.b = !strcmp(s, "true") || !strcmp(s, "t");
    return v->u.b || !strcmp(s, "false") || !strcmp(s, "f");
  case T_DATE: v->kind = V_DATE; return cal_parse_date(s, n, &v->u.date);
  case T_MONTH: case T_QUARTER: {
    char *end;
    long x = strtol(s, &end, 10);
    if (*end || end == s) return false;
    v->kind = t == T_MONTH ? V_MONTH : V_QUARTER;
    if (t == T_MONTH) v->u.month = (int32_t)x;
    else v->u.quarter = (int32_t)x;
    return true;
  }
  default: return false;
  }
}

/* The columns of an accumulator into a. */
static void fill_acc(rows_in *in, acc *a) {
  a->group += count_at(in, C_GROUP);
  a->hits += count_at(in, C_HITS);
  a->unknown += count_at(in, C_UNKNOWN);
  a->unsure += count_at(in, C_UNSURE);
  a->nvalues += count_at(in, C_VALUES);
  a->ndistinct += count_at(in, C_DISTINCT);
  if (!null_at(in, C_SUM) && !num_at(in, C_SUM, &a->sum)) a->overflow = true;
  if (!null_at(in, C_BEST) && !num_at(in, C_BEST, &a->best)) a->overflow = true;
  if (!null_at(in, C_DEN) && !num_at(in, C_DEN, &a->den)) a->overflow = true;
}

/* The sides of a breakdown part from the row's keys. */
static bool part_sides(rows_in *in, const probe *pr, part_side *sd) {
  for (int i = 0; i < pr->nby; i++) {
    const by_dim *d = pr->by[i].d;
    int col = i ? C_K2 : C_K1;
    sd[i] = (part_side){.band = -1, .missing = null_at(in, col)};
    if (sd[i].missing) continue;
    if (d->set) {
      char *end;
      long b = strtol(text_at(in, col), &end, 10);
      if (*end || b < 0 || b > (long)d->set->n) return false;
      sd[i].band = (int)b;
      continue;
    }
    if (!key_value(in, col, d->type, &sd[i].val)) return false;
  }
  return true;
}

/* A part made twice would be two parts with one key: the query groups by
 * the key's value, so it is a defect here, said rather than merged. */
static acc *fresh(rows_in *in, acc *a) {
  if (a->group || a->unsure || a->unknown || a->nvalues) bad_row(in, M("two rows for one breakdown part"));
  return a;
}

static void indicator_row_in(rows_in *in, eval_result *res, const probe *pr, const data_decl *d) {
  const measure *m = pr->m;
  if (count_at(in, C_GROUP) == 0) return; /* no row: the indicator is not there */
  buf key = {0};
  buf_adds(&key, m->indicator);
  buf_addc(&key, '\x1f');
  if (m->period) buf_adds(&key, m->period->lit.u.t.s);
  entry *e = entry_for(&res->indicators[d->index], key.s, key.len);
  buf_free(&key);
  /* C_SUM: taeller, C_BEST: vaerdi, C_DEN: naevner (sqlgen.c) */
  e->count = (int)count_at(in, C_GROUP);
  num t, n, v;
  bool has_t = !null_at(in, C_SUM) && num_at(in, C_SUM, &t), has_n = !null_at(in, C_DEN) && num_at(in, C_DEN, &n);
  bool has_v = !null_at(in, C_BEST) && num_at(in, C_BEST, &v);
  value tv = has_t ? (value){.kind = V_NUM, .u.n = t} : missing_value(), nv = has_n ? (value){.kind = V_NUM, .u.n = n} : missing_value(),
        vv = has_v ? (value){.kind = V_NUM, .u.n = v} : missing_value();
  switch (indicator_fault(tv, nv, vv)) { /* as the pass says them (tables.c) */
  case IND_HALF: bad_row(in, M("an indicator row with taeller but no naevner, or the reverse")); return;
  case IND_NOT_COUNTS: bad_row(in, M("an indicator row whose taeller and naevner are not counts (whole numbers of 0 or more, taeller at most naevner)")); return;
  case IND_DISAGREE: bad_row(in, M("an indicator row whose vaerdi and taeller/naevner disagree")); return;
  case IND_OK: break;
  }
  if (has_t && has_n) {
    e->has_ratio = e->has_value = true;
    e->taeller = t.n;
    e->naevner = n.n;
  } else if (has_v) {
    e->value = v;
    e->has_value = true;
  }
}

/* A row of an assessment table (A) or a milestone table (M), as the
 * pass reads one (tables.c): k1 the goal, then the status or the date it
 * was done, the reason, the comment. */
static void table_row(rows_in *in, eval_result *res, const data_decl *d, char kind) {
  const char *id = text_at(in, C_K1);
  const char *first = null_at(in, C_SUM) ? NULL : text_at(in, C_SUM);
  const char *reason = null_at(in, C_BEST) ? NULL : text_at(in, C_BEST);
  const char *comment = null_at(in, C_DEN) ? NULL : text_at(in, C_DEN);
  if (kind == 'A') {
    role ro = ROLE_UNKNOWN; /* an empty status: not assessed yet */
    if (first && !read_role(first, strlen(first), &ro)) {
      fprintf(in->err, T("maal: data '%s' (table %s): goal '%s': status '%s' is not one of opfyldt, delvist, ikke opfyldt, uopgjort\n"),
              d->name, in->table, id, first);
      in->bad = true;
      return;
    }
    entry *e = entry_for(&res->assessments[d->index], id, strlen(id));
    e->count++;
    e->r = ro;
    free(e->reason);
    free(e->comment);
    e->reason = xstrdup(reason ? reason : "");
    e->comment = comment ? xstrdup(comment) : NULL;
    return;
  }
  entry *e;
  HASH_FIND(hh, res->milestones[d->index], id, strlen(id), e);
  if (e) {
    fprintf(in->err, T("maal: data '%s' (table %s): goal '%s' is on more than one row; a milestone table has one row per goal\n"),
            d->name, in->table, id);
    in->bad = true;
    return;
  }
  int32_t day = 0;
  if (first && !cal_parse_date(first, strlen(first), &day)) {
    fprintf(in->err, T("maal: data '%s' (table %s): goal '%s': 'faerdig' holds '%s', which is not a date\n"), d->name,
            in->table, id, first);
    in->bad = true;
    return;
  }
  e = entry_for(&res->milestones[d->index], id, strlen(id));
  e->count = 1;
  e->done = first != NULL;
  e->date = day;
  e->comment = comment ? xstrdup(comment) : NULL;
}

static void one_row(rows_in *in, eval_result *res, const data_decl *d, rep_source *out, buf *tmp) {
  const char *tag = text_at(in, C_PROBE), *kind = text_at(in, C_KIND);
  if (!strcmp(tag, "rows")) {
    out->rows = (uint64_t)count_at(in, C_GROUP);
    return;
  }
  if (!strcmp(tag, "tables")) {
    table_row(in, res, d, kind[0]);
    return;
  }
  char *end;
  long gi = strtol(tag, &end, 10);
  if (end == tag || (*end != 'm' && *end != 'b') || end[1] || gi < 0 || gi >= res->ngoals) {
    bad_row(in, M("a goal the rules do not have"));
    return;
  }
  goal_state *gs = &res->goals[gi];
  probe *pr = *end == 'm' ? &gs->main : &gs->base;
  if (!pr->m) {
    bad_row(in, M("a goal the rules do not have"));
    return;
  }
  part_side sd[2];
  switch (kind[0]) {
  case SQLR_TOTAL: fill_acc(in, &pr->total); break;
  case SQLR_UNSURE_PART:
    if (!part_sides(in, pr, sd)) bad_row(in, M("a breakdown key maal cannot read"));
    else part_of_sides(&pr->unsure, pr, sd, tmp)->unsure += count_at(in, C_UNSURE);
    break;
  case SQLR_PART:
    if (!part_sides(in, pr, sd)) bad_row(in, M("a breakdown key maal cannot read"));
    else fill_acc(in, fresh(in, part_of_sides(&pr->parts, pr, sd, tmp)));
    break;
  case SQLR_OVER: {
    value v;
    vtype t = pr->m->source->colv[pr->m->over_col]->type;
    if (!key_value(in, C_K1, t, &v) || v.kind == V_MISSING) bad_row(in, M("an 'over' value maal cannot read"));
    else fill_acc(in, fresh(in, part_for(&pr->over, v, tmp)));
    break;
  }
  case SQLR_INDICATOR: indicator_row_in(in, res, pr, d); break;
  default: bad_row(in, M("a kind of row maal does not know"));
  }
}

/* A query about source d: its rows, or NULL after saying, in the source's
 * name, what the database answered instead. */
static PGresult *ask(PGconn *c, const char *sql, const data_decl *d, FILE *err) {
  PGresult *r = PQexec(c, sql);
  if (PQresultStatus(r) == PGRES_TUPLES_OK) return r;
  const char *why = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  fprintf(err, T("maal: data '%s' (table %s): the database says: %s\n"), d->name, sql_table_plain(d),
          why ? why : PQerrorMessage(c));
  PQclear(r);
  return NULL;
}

/* The keys, references and dates of d, checked before its goals are
 * counted (spec §4.6): each thing wrong said as a data error; -1 then. */
static int precheck_run(PGconn *c, const sql_query *q, const data_decl *d, FILE *err) {
  if (!q->precheck) return 0;
  PGresult *r = ask(c, q->precheck, d, err);
  if (!r) return -1;
  const rel_source *x = d->rel;
  int rows = PQntuples(r);
  for (int i = 0; i < rows; i++) {
    const char *what = PQgetvalue(r, i, 0), *val = PQgetvalue(r, i, 2), *n = PQgetvalue(r, i, 3);
    long which = strtol(PQgetvalue(r, i, 1), NULL, 10);
    const char *word = !strcmp(n, "1") ? M("row") : M("rows");
    fprintf(err, T("maal: data '%s' (table %s): "), d->name, sql_table_plain(d));
    switch (what[0]) {
    case 'K': {
      buf names = {0};
      for (size_t k = 0; k < x->nkey; k++) {
        if (k) buf_adds(&names, ", ");
        buf_adds(&names, d->colv[x->key[k]]->name);
      }
      fprintf(err, x->nkey > 1 ? T("key (%s) '%s' is on %s rows\n") : T("key %s '%s' is on %s rows\n"), buf_str(&names), val, n);
      buf_free(&names);
      break;
    }
    case 'E':
      fprintf(err, T("key column '%s' is empty in %s %s; every row of '%s' needs its key\n"),
              d->colv[x->key[which < (long)x->nkey ? which : 0]]->name, n, word, d->name);
      break;
    case 'R': {
      const rel_ref *ref = &x->refs[which < (long)x->nrefs ? which : 0];
      fprintf(err, T("%s '%s' is not a key of '%s' (%s %s)\n"), d->colv[ref->col]->name, val, ref->target->name, n, word);
      break;
    }
    default: {
      char a[11], b[11];
      cal_format_date(x->cover_first, a);
      cal_format_date(x->cover_last, b);
      fprintf(err, !strcmp(n, "1") ? T("'%s' covers %s to %s (dækker), but %s row is dated %s\n")
                                   : T("'%s' covers %s to %s (dækker), but %s rows are dated %s\n"),
              d->name, a, b, n, val);
      break;
    }
    }
  }
  PQclear(r);
  return rows ? -1 : 0;
}

int pgrun_source(ast_program *p, data_decl *d, eval_result *res, rep_source *out, FILE *err, void *ctx) {
  pgrun_ctx *c = ctx;
  const sql_query *q = NULL;
  for (size_t i = 0; i < c->plan->n; i++)
    if (c->plan->q[i].source == d) q = &c->plan->q[i];
  *out = (rep_source){.name = d->name, .path = arena_printf(res->a, "pg:%s", sql_table_plain(d))};
  if (!q) return 0;
  if (precheck_run(c->conn, q, d, err) != 0) return -1;
  PGresult *r = ask(c->conn, q->text, d, err);
  if (!r) return -1;
  rows_in in = {.r = r, .table = sql_table_plain(d), .err = err};
  if (PQnfields(r) != C_COUNT) bad_row(&in, M("not the columns maal asked for"));
  buf tmp = {0};
  for (in.row = 0; in.row < PQntuples(r) && !in.bad; in.row++) one_row(&in, res, d, out, &tmp);
  buf_free(&tmp);
  PQclear(r);
  if (!in.bad && d->ncheck &&
      pg_checks_run(c->conn, c->plan->dialect, p, d, c->all_rows, res->a, res->checks + res->check_at[d->index], err) != 0)
    return -1;
  /* a number too long for maal is said by the judging, at its goal */
  return in.bad ? -1 : 0;
}
