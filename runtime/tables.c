/* tables.c — indicator tables and assessment tables: read row by row in
 * the pass over their source and keyed, so that an indicator's value or a
 * goal's assessment is looked up after the pass. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "msg.h"
#include "eval_internal.h"
#include "source.h"

entry *entry_for(entry **map, const char *key, size_t n) {
  entry *e;
  HASH_FIND(hh, *map, key, n, e);
  if (e) return e;
  e = xcalloc(1, sizeof *e);
  e->key = xstrndup(key, n);
  HASH_ADD_KEYPTR(hh, *map, e->key, n, e);
  return e;
}

table_cols table_columns(const data_decl *d) {
  table_cols t = {ast_column_index(d, "indikator"), ast_column_index(d, "periode"),     ast_column_index(d, "vaerdi"),
                  ast_column_index(d, "taeller"),   ast_column_index(d, "naevner"),     ast_column_index(d, "mål"),
                  ast_column_index(d, "status"),    ast_column_index(d, "begrundelse"), ast_column_index(d, "kommentar"),
                  ast_column_index(d, "maal") >= 0 ? ast_column_index(d, "maal") : ast_column_index(d, "mål"), ast_column_index(d, "faerdig")};
  return t;
}

ind_fault indicator_fault(value t, value n, value v) {
  bool ht = t.kind != V_MISSING, hn = n.kind != V_MISSING;
  if (!ht && !hn) return IND_OK;
  if (ht != hn) return IND_HALF;
  if (t.kind != V_NUM || n.kind != V_NUM || !num_is_int(t.u.n) || !num_is_int(n.u.n) || num_sign(t.u.n) < 0 ||
      num_cmp(t.u.n, n.u.n) > 0)
    return IND_NOT_COUNTS;
  if (v.kind == V_NUM && num_sign(n.u.n) > 0) { /* both said: they must say one share, to vaerdi's decimals */
    num share;
    if (num_mul(t.u.n, num_int(100), &share) && num_div(share, n.u.n, &share) &&
        num_cmp(num_round(share, num_decimals(v.u.n, 9)), v.u.n) != 0)
      return IND_DISAGREE;
  }
  return IND_OK;
}

/* One row of an indicator table: indikator, periode, vaerdi, and
 * optionally taeller and naevner (numerator and denominator: then the
 * value is their exact share in pct, and the denominator can be audited).
 * A row whose taeller and naevner are not a share, or whose vaerdi says
 * another, reads two ways: a data error (spec §7.9). */
bool indicator_row(entry **map, const data_decl *d, const table_cols *tc, row_ctx *r, const csv_record *rec, FILE *err,
                   buf *tmp) {
  int ci = tc->indikator, cp = tc->periode, cv = tc->vaerdi, ct = tc->taeller, cn = tc->naevner;
  if (ci < 0 || cp < 0 || cv < 0) return true;
  value t = ct >= 0 ? r->vals[ct] : missing_value(), n = cn >= 0 ? r->vals[cn] : missing_value();
  ind_fault f = indicator_fault(t, n, r->vals[cv]);
  if (f != IND_OK) {
    const csv_field *at = &rec->fields[d->colv[f == IND_DISAGREE ? cv : t.kind != V_MISSING ? ct : cn]->pos];
    buf name = {0}, period = {0};
    value_text(r->vals[ci], &name);
    value_text(r->vals[cp], &period);
    const csv_field *tf = ct >= 0 ? &rec->fields[d->colv[ct]->pos] : NULL, *nf = cn >= 0 ? &rec->fields[d->colv[cn]->pos] : NULL;
    if (f == IND_HALF)
      fprintf(err, T("%s:%u:%u: error: indicator '%s', period %s: a row with taeller needs naevner too, and the reverse: a share is one count of another\n"),
              d->resolved_path, csv_field_line(rec, at), csv_field_col(rec, at), buf_str(&name), buf_str(&period));
    else if (f == IND_NOT_COUNTS)
      fprintf(err, T("%s:%u:%u: error: indicator '%s', period %s: taeller and naevner are counts, whole numbers of 0 or more with taeller at most naevner; here %s of %s\n"),
              d->resolved_path, csv_field_line(rec, at), csv_field_col(rec, at), buf_str(&name), buf_str(&period), tf->text, nf->text);
    else
      fprintf(err, T("%s:%u:%u: error: indicator '%s', period %s: vaerdi %s and taeller/naevner %s of %s disagree, so the row reads two ways; leave one of them out\n"),
              d->resolved_path, csv_field_line(rec, at), csv_field_col(rec, at), buf_str(&name), buf_str(&period), at->text, tf->text, nf->text);
    buf_free(&name);
    buf_free(&period);
    return false;
  }
  buf_clear(tmp);
  value_text(r->vals[ci], tmp);
  buf_addc(tmp, '\x1f');
  value_text(r->vals[cp], tmp);
  entry *e = entry_for(map, tmp->s, tmp->len);
  e->count++;
  if (e->count != 1) return true;
  if (t.kind == V_NUM && n.kind == V_NUM) {
    e->has_ratio = true;
    e->taeller = t.u.n.n;
    e->naevner = n.u.n.n;
    e->has_value = true;
  } else if (r->vals[cv].kind == V_NUM) {
    e->value = r->vals[cv].u.n;
    e->has_value = true;
  }
  return true;
}

bool read_role(const char *s, size_t n, role *out) {
  static const struct {
    const char *word;
    role r;
  } words[] = {{"opfyldt", ROLE_MET},          {"met", ROLE_MET},
               {"målet er opfyldt", ROLE_MET}, {"delvist", ROLE_PARTLY},
               {"delvist opfyldt", ROLE_PARTLY}, {"partly", ROLE_PARTLY},
               {"målet er delvist opfyldt", ROLE_PARTLY}, {"ikke opfyldt", ROLE_NOT_MET},
               {"not met", ROLE_NOT_MET},       {"målet er ikke opfyldt", ROLE_NOT_MET},
               {"uopgjort", ROLE_UNKNOWN},      {"unknown", ROLE_UNKNOWN}};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strlen(words[i].word) == n && !strncasecmp(words[i].word, s, n)) {
      *out = words[i].r;
      return true;
    }
  return false;
}

/* One row of an assessment table: mål, status, begrundelse (kommentar). */
bool assessment_row(entry **map, const data_decl *d, const table_cols *tc, row_ctx *r, const csv_record *rec,
                    FILE *err) {
  int cg = tc->maal, cs = tc->status, cr = tc->begrundelse, cc = tc->kommentar;
  if (cg < 0 || cs < 0 || cr < 0 || r->vals[cg].kind != V_TEXT) return true;
  const csv_field *sf = &rec->fields[d->colv[cs]->pos];
  role ro = ROLE_UNKNOWN; /* an empty status: not assessed yet */
  if (r->vals[cs].kind != V_MISSING && !read_role(sf->text, sf->len, &ro)) {
    fprintf(err, T("%s:%u:%u: error: status '%s' is not one of opfyldt, delvist, ikke opfyldt, uopgjort\n"),
            d->resolved_path, csv_field_line(rec, sf), csv_field_col(rec, sf), sf->text);
    return false;
  }
  entry *e = entry_for(map, r->vals[cg].u.t.s, r->vals[cg].u.t.len);
  e->count++;
  e->r = ro;
  free(e->reason);
  free(e->comment);
  e->reason = r->vals[cr].kind == V_TEXT ? xstrndup(r->vals[cr].u.t.s, r->vals[cr].u.t.len) : xstrdup("");
  e->comment = cc >= 0 && r->vals[cc].kind == V_TEXT ? xstrndup(r->vals[cc].u.t.s, r->vals[cc].u.t.len) : NULL;
  return true;
}

/* One row of a milestone table (§8.9): the goal's id, and the date it
 * was done, or nothing.  Every row is read: a goal named twice, or a
 * completion that is not a date, is a data error with its line. */
bool milestone_row(entry **map, const data_decl *d, const table_cols *tc, row_ctx *r, const csv_record *rec,
                   FILE *err) {
  int cg = tc->milestone, cf = tc->faerdig;
  if (cg < 0 || cf < 0 || r->vals[cg].kind == V_MISSING) return true;
  const csv_field *gf = &rec->fields[d->colv[cg]->pos], *ff = &rec->fields[d->colv[cf]->pos];
  entry *e;
  HASH_FIND(hh, *map, gf->text, gf->len, e);
  if (e) {
    fprintf(err, T("%s:%u:%u: error: goal '%s' also on line %u; a milestone table has one row per goal\n"), d->resolved_path,
            csv_field_line(rec, gf), csv_field_col(rec, gf), gf->text, e->line);
    return false;
  }
  int32_t day = 0;
  value v = r->vals[cf];
  bool done = v.kind != V_MISSING;
  if (v.kind == V_DATE) day = v.u.date;
  else if (done && !cal_parse_date(ff->text, ff->len, &day)) { /* a column read as text or numbers */
    fprintf(err, T("%s:%u:%u: error: column 'faerdig' holds %s, but '%.*s' is not one\n"), d->resolved_path, csv_field_line(rec, ff),
            csv_field_col(rec, ff), src_type_words(T_DATE, d->decimal), (int)(ff->len > 60 ? 60 : ff->len), ff->text);
    return false;
  }
  e = entry_for(map, gf->text, gf->len);
  e->count = 1;
  e->line = csv_field_line(rec, gf);
  e->done = done;
  e->date = day;
  int cc = tc->kommentar;
  e->comment = cc >= 0 && r->vals[cc].kind == V_TEXT ? xstrndup(r->vals[cc].u.t.s, r->vals[cc].u.t.len) : NULL;
  return true;
}

/* ---- one pass over one source ---- */

/* Indicator values are looked up after the pass, in the keyed table. */
void lookup_indicator(entry **indicators, probe *pr) {
  const measure *m = pr->m;
  if (!m || m->kind != M_INDICATOR || !m->source) return;
  buf key = {0};
  buf_adds(&key, m->indicator);
  buf_addc(&key, '\x1f');
  if (m->period) buf_adds(&key, m->period->lit.u.t.s);
  entry *e;
  HASH_FIND(hh, indicators[m->source->index], key.s, key.len, e);
  buf_free(&key);
  pr->total.nvalues = e ? e->count : 0;
  if (e && e->has_ratio) { /* a share: counted like one */
    pr->ratio = true;
    pr->total.hits = e->taeller;
    pr->total.group = e->naevner;
  } else if (e && e->has_value) {
    pr->total.best = e->value;
  } else if (e) {
    pr->total.nvalues = 0; /* the row is there, its value is empty */
    pr->total.unknown = 1;
  }
}

void free_entries(entry **map) {
  entry *e, *t;
  HASH_ITER(hh, *map, e, t) {
    HASH_DEL(*map, e);
    free(e->key);
    free(e->reason);
    free(e->comment);
    free(e);
  }
}
