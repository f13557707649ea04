/* sqlgen.c — the rules as SQL (spec §12.14).
 *
 * For each data source one query, a UNION ALL of one SELECT per thing the
 * evaluator's pass accumulates (accum.c): a goal's (or its baseline's)
 * totals, its breakdown parts, the parts of the rows left out of its group
 * as unknown, and its 'average over' parts; and the source's row count.
 * Every SELECT gives the same columns:
 *
 *   probe  '3m' (goal 3's measure) or '3b' (its baseline); 'rows'
 *   kind   sql_row_kind: T total (with its rows of unknown membership),
 *          P part, V a part's rows of unknown membership,
 *          O 'average over' part, I indicator row, N the source's rows
 *   k1 k2  the part's key, as text (a band by its index)
 *   n_group n_hits n_unknown n_unsure n_values n_distinct   counts
 *   v_sum v_best v_den                                     exact numbers, as text
 *
 * Every total of a source is computed in one pass over its rows (WITH
 * maal_totals); each breakdown is a GROUP BY of its own.  The rows' own
 * expressions are sqlexpr.c's, the dialect's words sqldialect.c's. */
#include "sqlgen_internal.h"

#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "calendar.h"
#include "msg.h"
#include "sqlcheck.h"

/* ---- the SELECTs of one probe ---- */

typedef struct {
  gen *g;
  buf *q;            /* the query being written */
  int branches;      /* SELECTs written so far */
} query;

static void select_head(query *q, const char *probe, char kind, const char *comment) {
  buf *b = q->q;
  if (q->branches++) buf_adds(b, "UNION ALL\n");
  if (comment) buf_printf(b, "-- %s\n", comment);
  buf_printf(b, "SELECT '%s'%s, '%c'%s", probe, q->branches == 1 ? " AS probe" : "", kind, q->branches == 1 ? " AS kind" : "");
}

/* The SQL of one side of a probe's breakdown key, grouped by; a band by
 * its index (the evaluator's bands_find: the first band that holds the
 * value), the bands' count for a value in none. */
static void key_sql(gen *g, const by_dim *d, int col, buf *out) {
  buf raw = {0}, x = {0}, t = {0};
  vtype ty;
  sx_stored(g, col, d->sp, &raw, &ty);
  sx_typed(g, buf_str(&raw), ty, &x);
  buf_free(&raw);
  sx_time_of(g, d->fn, ty, buf_str(&x), &t);
  if (!d->set) {
    buf_adds(out, buf_str(&t));
  } else {
    const band_set *s = d->set;
    buf_printf(out, "CASE WHEN %s IS NULL THEN NULL", buf_str(&t));
    for (size_t i = 0; i < s->n; i++) {
      const band *bd = s->v[i];
      buf_adds(out, " WHEN ");
      bool any = false;
      if (bd->lo_raw) {
        buf_printf(out, "%s %s ", buf_str(&t), bd->lo_open ? ">" : ">=");
        if (!sd_num_lit(bd->lo, out)) sx_cannot(g, bd->sp, M("this band's end"));
        any = true;
      }
      if (bd->hi_raw) {
        buf_printf(out, "%s%s %s ", any ? " AND " : "", buf_str(&t), bd->hi_open ? "<" : "<=");
        if (!sd_num_lit(bd->hi, out)) sx_cannot(g, bd->sp, M("this band's end"));
        any = true;
      }
      if (!any) buf_adds(out, "TRUE");
      buf_printf(out, " THEN %zu", i);
    }
    buf_printf(out, " ELSE %zu END", s->n);
  }
  buf_free(&x);
  buf_free(&t);
}

/* COUNT of the rows where a AND b, or COUNT(x) of them */
static void count_where(buf *out, const char *a, const char *b, const char *x) {
  buf c = {0};
  sx_sql_and(&c, a, b);
  if (!strcmp(buf_str(&c), "TRUE")) buf_printf(out, "COUNT(%s)", x ? x : "*");
  else buf_printf(out, "COUNT(CASE WHEN %s THEN %s END)", buf_str(&c), x ? x : "1");
  buf_free(&c);
}

/* AGG(CASE WHEN a AND b THEN x END) as text */
static void agg_where(gen *g, buf *out, const char *agg, const char *a, const char *b, const char *x) {
  buf c = {0};
  sx_sql_and(&c, a, b);
  if (!strcmp(buf_str(&c), "TRUE")) buf_printf(out, "CAST(%s(%s) AS %s)", agg, x, sd_text_type(g->d));
  else buf_printf(out, "CAST(%s(CASE WHEN %s THEN %s END) AS %s)", agg, buf_str(&c), x, sd_text_type(g->d));
  buf_free(&c);
}

/* The rows the SELECTs read: the table, or the WITH t that adds fields
 * and 'har' truths to it, known only when every SELECT is written: a
 * mark, replaced then (source_query). */
#define FROM_MARK "\x01"
static void from_table(query *q, buf *b) {
  (void)q;
  buf_adds(b, "\nFROM " FROM_MARK "\n");
}

/* The columns of an accumulator over the rows for which `in` is TRUE
 * (`in`: the group's truth, with the 'over' column present), in the
 * order the rows give them: group, hits, unknown, unsure, values,
 * distinct, sum, best, den (pgrun.c reads them so). */
enum { ACC_NCOL = 9 };
static void acc_exprs(gen *g, const measure *m, const char *in, buf e[ACC_NCOL]) {
  buf t = {0}, u = {0};
  if (m->where) sx_cond(g, m->where, &t);
  else buf_adds(&t, "TRUE");
  const char *T = buf_str(&t);
  const char *ty = sd_text_type(g->d);
  for (int i = 0; i < ACC_NCOL; i++) buf_clear(&e[i]);
  count_where(&e[0], in, NULL, NULL);
  for (int i = 1; i < 6; i++) buf_adds(&e[i], "0");
  for (int i = 6; i < ACC_NCOL; i++) buf_printf(&e[i], "CAST(NULL AS %s)", ty);
  if (m->kind == M_COUNT || m->kind == M_SHARE) {
    buf_clear(&e[1]);
    count_where(&e[1], in, T, NULL);
    if (m->where) {
      buf_clear(&e[2]);
      buf_printf(&u, "%s IS NULL", T);
      count_where(&e[2], in, buf_str(&u), NULL);
    }
    buf_free(&t);
    buf_free(&u);
    return;
  }
  /* a row of the group counts when its condition is TRUE and it has the
     value(s); else it is left out as unknown, unless the condition is FALSE */
  buf v = {0}, have = {0}, lack = {0}, ns = {0}, ds = {0};
  vtype vt;
  if (m->kind == M_RATIO) {
    if (m->num_c >= 0) sx_stored(g, m->num_c, m->num_sp, &ns, &vt);
    else buf_adds(&ns, "1");
    if (m->den_c >= 0) sx_stored(g, m->den_c, m->den_sp, &ds, &vt);
    else buf_adds(&ds, "1");
    buf_printf(&have, "%s IS NOT NULL AND %s IS NOT NULL", buf_str(&ns), buf_str(&ds));
    buf_printf(&lack, "(%s IS NULL OR %s IS NULL)", buf_str(&ns), buf_str(&ds));
  } else {
    sx_stored(g, m->col, m->col_sp, &v, &vt); /* a month column is counted by its date */
    buf_printf(&have, "%s IS NOT NULL", buf_str(&v));
    buf_printf(&lack, "%s IS NULL", buf_str(&v));
  }
  if (m->where) buf_printf(&u, "(%s IS NULL OR (%s AND %s))", T, T, buf_str(&lack));
  else buf_adds(&u, buf_str(&lack));
  buf ok = {0}; /* the condition TRUE and the values there */
  sx_sql_and(&ok, T, buf_str(&have));
  const char *OK = buf_str(&ok), *V = buf_str(&v);
  buf_clear(&e[2]);
  count_where(&e[2], in, buf_str(&u), NULL);
  buf_clear(&e[4]);
  count_where(&e[4], in, OK, NULL);
  if (m->kind == M_DISTINCT) {
    buf c = {0};
    sx_sql_and(&c, in, T);
    buf_clear(&e[5]);
    if (!strcmp(buf_str(&c), "TRUE")) buf_printf(&e[5], "COUNT(DISTINCT %s)", V);
    else buf_printf(&e[5], "COUNT(DISTINCT CASE WHEN %s THEN %s END)", buf_str(&c), V);
    buf_free(&c);
  }
  if (m->kind == M_SUM || m->kind == M_AVG || m->kind == M_RATIO) {
    buf_clear(&e[6]);
    agg_where(g, &e[6], "SUM", in, OK, m->kind == M_RATIO ? buf_str(&ns) : V);
  }
  if (m->kind == M_MIN || m->kind == M_MAX || m->kind == M_VALUE) {
    buf_clear(&e[7]);
    agg_where(g, &e[7], m->kind == M_MAX ? "MAX" : "MIN", in, OK, V);
  }
  if (m->kind == M_RATIO) {
    buf_clear(&e[8]);
    agg_where(g, &e[8], "SUM", in, OK, buf_str(&ds));
  }
  buf_free(&ok);
  buf_free(&v);
  buf_free(&have);
  buf_free(&lack);
  buf_free(&ns);
  buf_free(&ds);
  buf_free(&t);
  buf_free(&u);
}

static void acc_free(buf e[ACC_NCOL]) {
  for (int i = 0; i < ACC_NCOL; i++) buf_free(&e[i]);
}

/* The accumulator's columns, written after a SELECT's key. */
static void acc_columns(gen *g, const measure *m, const char *in, buf *b) {
  buf e[ACC_NCOL] = {{0}};
  acc_exprs(g, m, in, e);
  for (int i = 0; i < ACC_NCOL; i++) buf_printf(b, ",%s%s", i == 0 || i == 1 || i == 2 || i == 4 ? "\n  " : " ", buf_str(&e[i]));
  acc_free(e);
}

/* A row of totals: its columns are computed with every other total of
 * the source in one pass over its rows (the WITH maal_totals), and the
 * SELECT names them (m3_group: goal 3's measure, its group's size); a
 * constant stays where it is. */
static void totals_row(gen *g, query *q, const char *tag, char kind, const char *comment, buf e[ACC_NCOL]) {
  static const char *field[ACC_NCOL] = {"n_group", "n_hits", "n_unknown", "n_unsure", "n_values",
                                        "n_distinct", "v_sum", "v_best", "v_den"};
  buf *b = q->q;
  const char *ty = sd_text_type(g->d);
  select_head(q, tag, kind, comment);
  bool first = q->branches == 1;
  buf_printf(b, ", CAST(NULL AS %s)%s, CAST(NULL AS %s)%s,\n  ", ty, first ? " AS k1" : "", ty, first ? " AS k2" : "");
  for (int i = 0; i < ACC_NCOL; i++) {
    const char *x = buf_str(&e[i]);
    if (i) buf_adds(b, ", ");
    if (!strcmp(x, "0") || !strncmp(x, "CAST(NULL AS", 12)) {
      buf_adds(b, x);
    } else {
      /* "3m" (goal 3's measure) names m3_…, "3b" (its baseline) b3_…, "rows" rows_… */
      char name[64];
      size_t n = strlen(tag);
      if (!strcmp(tag, "rows")) snprintf(name, sizeof name, "rows_%s", field[i] + 2);
      else snprintf(name, sizeof name, "%c%.*s_%s", tag[n - 1], (int)(n - 1), tag, field[i] + 2);
      buf_printf(&g->totals, "%s\n    %s AS %s", g->totals.len ? "," : "", x, name);
      buf_adds(b, name);
    }
    if (first) buf_printf(b, " AS %s", field[i]);
  }
  buf_adds(b, "\nFROM maal_totals\n");
}

/* The SELECTs of one probe: the goal's measure (base false) or its
 * baseline, broken down by `by` (nby sides, their columns). */
static void probe_selects(query *q, const goal *gl, const measure *m, bool base, const by_dim *const *by,
                          const int *bycol, int nby) {
  gen *g = q->g;
  buf *b = q->q;
  char tag[32];
  snprintf(tag, sizeof tag, "%d%c", gl->index, base ? 'b' : 'm');
  const char *ty = sd_text_type(g->d);
  buf in = {0}, over = {0};
  buf_adds(&in, m->g ? sx_group_truth(g, m->g) : "TRUE");
  buf in_ok = {0}; /* in the group, with an 'over' value */
  if (m->over_col >= 0) {
    expr oc = {.kind = E_NAME, .ref = REF_COLUMN, .slot = m->over_col, .type = m->source->colv[m->over_col]->type, .sp = m->over_sp};
    sx_scalar(g, &oc, &over);
    buf present = {0};
    buf_printf(&present, "%s IS NOT NULL", buf_str(&over));
    sx_sql_and(&in_ok, buf_str(&in), buf_str(&present));
    buf_free(&present);
  } else {
    buf_adds(&in_ok, buf_str(&in));
  }
  char what[256];
  snprintf(what, sizeof what, "%s %s%s: %s", M("goal"), gl->id, base ? M(", its baseline") : "", ast_measure_name(m->kind));
  /* the total; and the rows left out of the group as unknown (with
     'over', also those of the group without an 'over' value), counted apart */
  buf e[ACC_NCOL] = {{0}};
  acc_exprs(g, m, buf_str(&in_ok), e);
  if (m->g || m->over_col >= 0) {
    buf un = {0};
    if (m->g) buf_printf(&un, "%s IS NULL", buf_str(&in));
    if (m->over_col >= 0) {
      buf miss = {0};
      buf_printf(&miss, "%s IS NULL", buf_str(&over));
      if (m->g) buf_adds(&un, " OR ");
      buf_addc(&un, '(');
      sx_sql_and(&un, buf_str(&in), buf_str(&miss));
      buf_addc(&un, ')');
      buf_free(&miss);
    }
    buf_clear(&e[3]);
    buf_printf(&e[3], "COUNT(CASE WHEN %s THEN 1 END)", buf_str(&un));
    buf_free(&un);
  }
  totals_row(g, q, tag, SQLR_TOTAL, what, e);
  acc_free(e);
  if (nby) {
    buf keys[2] = {{0}, {0}};
    for (int i = 0; i < nby; i++) key_sql(g, by[i], bycol[i], &keys[i]);
    const char *k1 = buf_str(&keys[0]), *k2 = nby > 1 ? buf_str(&keys[1]) : NULL;
    buf gb = {0};
    buf_printf(&gb, "GROUP BY %s%s%s\n", k1, k2 ? ", " : "", k2 ? k2 : "");
    /* the parts: the values found among the group's rows */
    select_head(q, tag, SQLR_PART, M("its breakdown parts"));
    buf_printf(b, ", CAST(%s AS %s), ", k1, ty);
    if (k2) buf_printf(b, "CAST(%s AS %s)", k2, ty);
    else buf_printf(b, "CAST(NULL AS %s)", ty);
    acc_columns(g, m, "TRUE", b);
    from_table(q, b);
    buf_printf(b, "WHERE %s\n", buf_str(&in_ok));
    buf_adds(b, buf_str(&gb));
    /* per part: the rows left out of the group as unknown */
    if (m->g) {
    select_head(q, tag, SQLR_UNSURE_PART, M("the same, per part"));
    buf_printf(b, ", CAST(%s AS %s), ", k1, ty);
    if (k2) buf_printf(b, "CAST(%s AS %s)", k2, ty);
    else buf_printf(b, "CAST(NULL AS %s)", ty);
    buf_printf(b, ", 0, 0, 0, COUNT(*), 0, 0, CAST(NULL AS %s), CAST(NULL AS %s), CAST(NULL AS %s)", ty, ty, ty);
    from_table(q, b);
    buf_printf(b, "WHERE %s IS NULL\n", buf_str(&in));
    buf_adds(b, buf_str(&gb));
    }
    buf_free(&gb);
    buf_free(&keys[0]);
    buf_free(&keys[1]);
  }
  if (m->over_col >= 0) {
    select_head(q, tag, SQLR_OVER, M("per value of its 'over' column"));
    buf_printf(b, ", CAST(%s AS %s), CAST(NULL AS %s)", buf_str(&over), ty, ty);
    acc_columns(g, m, "TRUE", b);
    from_table(q, b);
    buf_printf(b, "WHERE %s\nGROUP BY %s\n", buf_str(&in_ok), buf_str(&over));
  }
  buf_free(&in);
  buf_free(&in_ok);
  buf_free(&over);
}

/* A literal compared with a column of an indicator table as the
 * evaluator compares their texts (value_text): the column's type. */
static void key_match(gen *g, const data_decl *d, int col, const char *text, buf *out) {
  buf c = {0};
  sql_ident(g->d, d->colv[col]->name, &c);
  const char *cs = buf_str(&c);
  size_t n = text ? strlen(text) : 0;
  num x;
  int32_t day, mon;
  if (!n) buf_printf(out, "%s IS NULL", cs);
  else switch (d->colv[col]->type) {
  case T_INT: case T_DEC:
    if (num_parse(text, n, '.', &x)) {
      buf_printf(out, "%s = ", cs);
      sd_num_lit(x, out);
    } else buf_adds(out, "FALSE");
    break;
  case T_DATE:
    if (cal_parse_date(text, n, &day)) {
      char iso[16];
      cal_format_date(day, iso);
      if (strcmp(iso, text)) buf_adds(out, "FALSE"); /* the text of a date is its ISO form */
      else {
        buf_printf(out, "%s = ", cs);
        sd_date_lit(day, out);
      }
    } else buf_adds(out, "FALSE");
    break;
  case T_MONTH:
    if (cal_parse_month(text, n, &mon)) {
      int32_t f, l;
      cal_month_days(mon, &f, &l);
      buf_printf(out, "%s = ", cs);
      sd_date_lit(f, out);
    } else buf_adds(out, "FALSE");
    break;
  case T_BOOL:
    if (!strcmp(text, "ja") || !strcmp(text, "nej")) buf_printf(out, "%s = %s", cs, text[0] == 'j' ? "TRUE" : "FALSE");
    else buf_adds(out, "FALSE");
    break;
  default:
    buf_printf(out, "%s = ", cs);
    sd_str_lit(g, text, n, out);
    break;
  }
  buf_free(&c);
}

/* An indicator looked up in its table: the matching rows' count, and the
 * values of the row when it is the only one. */
static void indicator_select(query *q, const goal *gl, const measure *m, bool base) {
  gen *g = q->g;
  buf *b = q->q;
  const data_decl *d = m->source;
  char tag[32];
  snprintf(tag, sizeof tag, "%d%c", gl->index, base ? 'b' : 'm');
  char what[256];
  snprintf(what, sizeof what, "%s %s%s: %s '%s'", M("goal"), gl->id, base ? M(", its baseline") : "", M("indicator"), m->indicator);
  const char *ty = sd_text_type(g->d);
  int ci = ast_column_index(d, "indikator"), cp = ast_column_index(d, "periode"), cv = ast_column_index(d, "vaerdi");
  int ct = ast_column_index(d, "taeller"), cn = ast_column_index(d, "naevner");
  select_head(q, tag, SQLR_INDICATOR, what);
  buf_printf(b, ", CAST(NULL AS %s), CAST(NULL AS %s), COUNT(*), 0, 0, 0, 0, 0", ty, ty);
  const int cols[3] = {ct, cv, cn};
  for (int i = 0; i < 3; i++) {
    if (cols[i] < 0 || !sx_is_num_type(d->colv[cols[i]]->type)) {
      buf_printf(b, ", CAST(NULL AS %s)", ty);
      continue;
    }
    buf c = {0};
    sql_ident(g->d, d->colv[cols[i]]->name, &c);
    buf_printf(b, ", CAST(MIN(%s) AS %s)", buf_str(&c), ty);
    buf_free(&c);
  }
  from_table(q, b);
  buf_adds(b, "WHERE ");
  if (ci < 0 || cp < 0 || cv < 0) {
    buf_adds(b, "FALSE\n");
    return;
  }
  key_match(g, d, ci, m->indicator, b);
  buf_adds(b, " AND ");
  key_match(g, d, cp, m->period ? m->period->lit.u.t.s : NULL, b);
  buf_addc(b, '\n');
}

/* An assessment table's rows (mål, status, begrundelse, kommentar; spec
 * §9.4) and a milestone table's (maal or mål, faerdig, kommentar; §8.9):
 * hand-kept tables of a row per goal, each row fetched as it is, so a
 * status that is not one or a goal named twice is said as a pass says it. */
static void tables_select(query *q, const data_decl *d) {
  gen *g = q->g;
  buf *b = q->q;
  bool assessed = false, done = false;
  for (int i = 0; i < g->p->ngoals; i++) {
    const goal *gl = g->p->goalv[i];
    if (gl->assessed == d) assessed = true;
    if (!gl->manual && !gl->assessed && gl->m && gl->m->kind == M_DONE && gl->m->source == d) done = true;
  }
  const char *ty = sd_text_type(g->d);
  for (int k = 0; k < 2; k++) {
    if (!(k ? done : assessed)) continue;
    int cg = k ? (ast_column_index(d, "maal") >= 0 ? ast_column_index(d, "maal") : ast_column_index(d, "mål")) : ast_column_index(d, "mål");
    int c1 = ast_column_index(d, k ? "faerdig" : "status"), c2 = k ? -1 : ast_column_index(d, "begrundelse"),
        c3 = ast_column_index(d, "kommentar");
    if (cg < 0 || c1 < 0 || (!k && (c2 < 0 || d->colv[cg]->type != T_TEXT))) continue; /* no row can name a goal */
    select_head(q, "tables", k ? 'M' : 'A', k ? M("the milestone table's rows") : M("the assessment table's rows"));
    buf_printf(b, ", CAST(");
    sql_ident(g->d, d->colv[cg]->name, b);
    buf_printf(b, " AS %s), CAST(NULL AS %s), 0, 0, 0, 0, 0, 0", ty, ty);
    const int cols[3] = {c1, c2, c3};
    for (int i = 0; i < 3; i++) {
      /* a text column's text; a date's ISO form; other kinds as a pass reads them */
      if (cols[i] < 0 || (i && d->colv[cols[i]]->type != T_TEXT)) {
        buf_printf(b, ", CAST(NULL AS %s)", ty);
        continue;
      }
      buf_adds(b, ", CAST(");
      sql_ident(g->d, d->colv[cols[i]]->name, b);
      buf_printf(b, " AS %s)", ty);
    }
    from_table(q, b);
    buf_adds(b, "WHERE ");
    sql_ident(g->d, d->colv[cg]->name, b);
    buf_adds(b, " IS NOT NULL\n");
  }
}

/* The sides of a goal's breakdown in its measure's source and in its
 * baseline's (eval.c's by_sides: the same column by name). */
static int sides(const goal *gl, const measure *m, const by_dim **by, int *col) {
  int n = 0;
  for (const by_dim *d = gl->by_dims; d && n < 2; d = d->next) {
    if (d->col < 0) return 0;
    by[n] = d;
    col[n] = m == gl->m ? d->col : ast_column_index(m->source, d->column);
    if (col[n] < 0) return 0;
    n++;
  }
  return n;
}

/* ---- the plan ---- */

/* The keys, references and dates of d, checked as a pass checks them
 * (spec §4.6): one query whose rows are what is wrong; none when all is
 * well.  Each row: what (K key twice, E key empty, R reference to no key,
 * D dated outside 'dækker'), which column or reference, a value, how many. */
static void precheck(gen *g, const data_decl *d, buf *b) {
  const rel_source *x = d->rel;
  const char *ty = sd_text_type(g->d);
  buf tbl = {0};
  sql_table(g->d, d, &tbl);
  const char *T = buf_str(&tbl);
  int n = 0;
  buf_printf(b, "-- %s '%s' (spec §4.6)\n", M("the keys, references and dates of"), d->name);
  if (x->nkey) {
    buf cols = {0}, text = {0}, present = {0};
    for (size_t k = 0; k < x->nkey; k++) {
      const char *name = d->colv[x->key[k]]->name;
      if (k) {
        buf_adds(&cols, ", ");
        buf_adds(&text, " || ', ' || ");
        buf_adds(&present, " AND ");
      }
      sql_ident(g->d, name, &cols);
      buf_adds(&text, "CAST(");
      sql_ident(g->d, name, &text);
      buf_printf(&text, " AS %s)", ty);
      sql_ident(g->d, name, &present);
      buf_adds(&present, " IS NOT NULL");
    }
    buf_printf(b, "%sSELECT 'K' AS problem, %d AS which, %s AS value, COUNT(*) AS n FROM %s WHERE %s GROUP BY %s HAVING COUNT(*) > 1\n",
               n++ ? "UNION ALL\n" : "", 0, buf_str(&text), T, buf_str(&present), buf_str(&cols));
    for (size_t k = 0; k < x->nkey; k++) {
      buf_printf(b, "UNION ALL\nSELECT 'E', %zu, CAST(NULL AS %s), COUNT(*) FROM %s WHERE ", k, ty, T);
      sql_ident(g->d, d->colv[x->key[k]]->name, b);
      buf_adds(b, " IS NULL HAVING COUNT(*) > 0\n");
    }
    buf_free(&cols);
    buf_free(&text);
    buf_free(&present);
  }
  for (size_t i = 0; i < x->nrefs; i++) {
    const rel_ref *r = &x->refs[i];
    if (!r->target->rel || r->target->rel->nkey != 1) continue;
    buf c = {0}, tt = {0};
    buf_adds(&c, "b.");
    sql_ident(g->d, d->colv[r->col]->name, &c);
    sql_table(g->d, r->target, &tt);
    bool first = n++ == 0;
    buf_printf(b, "%sSELECT 'R'%s, %zu, CAST(%s AS %s), COUNT(*) FROM %s AS b WHERE %s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s AS r WHERE r.",
               first ? "" : "UNION ALL\n", first ? " AS problem" : "", i, buf_str(&c), ty, T, buf_str(&c), buf_str(&tt));
    sql_ident(g->d, r->target->colv[r->target->rel->key[0]]->name, b);
    buf_printf(b, " = %s) GROUP BY %s\n", buf_str(&c), buf_str(&c));
    buf_free(&c);
    buf_free(&tt);
  }
  if (x->covered && x->time_col >= 0) {
    int32_t lo = x->cover_first, hi = x->cover_last;
    if (d->colv[x->time_col]->type == T_MONTH) { /* a month (its first day) lies within when all its days do */
      int32_t a = cal_month_of_date(lo), z = cal_month_of_date(hi), f, l;
      cal_month_days(a, &f, &l);
      if (f < lo) a++;
      cal_month_days(z, &f, &l);
      if (l > hi) z--;
      cal_month_days(a, &lo, &l);
      cal_month_days(z, &hi, &l);
    }
    buf c = {0};
    sql_ident(g->d, d->colv[x->time_col]->name, &c);
    bool first = n++ == 0;
    buf_printf(b, "%sSELECT 'D'%s, 0, CAST(%s AS %s), COUNT(*) FROM %s WHERE NOT (%s BETWEEN ", first ? "" : "UNION ALL\n",
               first ? " AS problem" : "", buf_str(&c), ty, T, buf_str(&c));
    sd_date_lit(lo, b);
    buf_adds(b, " AND ");
    sd_date_lit(hi, b);
    buf_printf(b, ") GROUP BY %s\n", buf_str(&c));
    buf_free(&c);
  }
  buf_adds(b, n ? "ORDER BY 1, 2, 3;\n" : "");
  buf_free(&tbl);
}

static void source_query(gen *g, const data_decl *d, buf *out) {
  buf body = {0};
  buf *b = &body;
  query q = {.g = g, .q = b};
  g->src = d;
  buf tbl = {0};
  sql_table(g->d, d, &tbl);
  buf_printf(out, "-- %s '%s': %s %s\n", M("data source"), d->name, M("table"), buf_str(&tbl));
  {
    buf e[ACC_NCOL] = {{0}};
    const char *ty = sd_text_type(g->d);
    buf_adds(&e[0], "COUNT(*)");
    for (int i = 1; i < 6; i++) buf_adds(&e[i], "0");
    for (int i = 6; i < ACC_NCOL; i++) buf_printf(&e[i], "CAST(NULL AS %s)", ty);
    totals_row(g, &q, "rows", SQLR_ROWS, M("the rows of the source"), e);
    acc_free(e);
  }
  tables_select(&q, d);
  for (int i = 0; i < g->p->ngoals; i++) {
    const goal *gl = g->p->goalv[i];
    if (gl->manual || gl->assessed || !gl->m) continue;
    const measure *ms[2] = {gl->m, gl->base};
    for (int k = 0; k < 2; k++) {
      const measure *m = ms[k];
      if (!m || m->source != d) continue;
      if (m->kind == M_DONE) continue; /* its row of the table: tables_select */
      if (m->kind == M_INDICATOR) {
        indicator_select(&q, gl, m, k == 1);
        continue;
      }
      const by_dim *by[2];
      int col[2];
      int nby = sides(gl, m, by, col);
      probe_selects(&q, gl, m, k == 1, by, col, nby);
    }
  }
  buf_adds(b, ";\n");
  /* the fields and 'har' truths the SELECTs read, added to each row */
  const char *from = buf_str(&tbl);
  bool with_t = g->numbered || g->with_cols.len || g->joins.len;
  buf_adds(out, "WITH ");
  if (g->numbered)
    buf_printf(out, "b AS (\n  SELECT ROW_NUMBER() OVER () AS maal_rad, s.*%s\n  FROM %s AS s\n),\n", buf_str(&g->b_cols),
               buf_str(&tbl));
  buf_adds(out, buf_str(&g->ctes));
  if (with_t) {
    buf_printf(out, "t AS (\n  SELECT b.*%s\n  FROM %s%s%s\n),\n", buf_str(&g->with_cols), g->numbered ? "b" : buf_str(&tbl),
               g->numbered ? "" : " AS b", buf_str(&g->joins));
    from = "t";
  }
  buf_printf(out, "maal_totals AS (\n  SELECT%s\n  FROM %s\n)\n", buf_str(&g->totals), from);
  for (const char *s = buf_str(b), *m; *s; s = m + 1) {
    m = strchr(s, FROM_MARK[0]);
    if (!m) {
      buf_adds(out, s);
      break;
    }
    buf_add(out, s, (size_t)(m - s));
    buf_adds(out, from);
  }
  buf_free(&body);
  buf_free(&tbl);
  buf_clear(&g->with_cols);
  buf_clear(&g->joins);
  buf_clear(&g->ctes);
  buf_clear(&g->totals);
  buf_clear(&g->b_cols);
  g->numbered = false;
  g->nholidays = 0;
  for (size_t i = 0; i < g->ndone; i++) free(g->done[i]);
  g->ndone = 0;
}

sql_plan *sql_plan_build(ast_program *p, sql_dialect dialect, diag *dg) {
  gen g = {.d = dialect, .p = p, .dg = dg};
  g.group_sql = xcalloc((size_t)p->ngroups + 1, sizeof *g.group_sql);
  sql_plan *pl = xcalloc(1, sizeof *pl);
  pl->dialect = dialect;
  pl->q = xcalloc((size_t)p->ndata + 1, sizeof *pl->q);
  for (int i = 0; i < p->ndata; i++) {
    const data_decl *d = p->datav[i];
    for (int k = 0; k < p->ngroups; k++) { /* a group's text is the source's own */
      free(g.group_sql[k]);
      g.group_sql[k] = NULL;
    }
    buf b = {0};
    source_query(&g, d, &b);
    pl->q[pl->n] = (sql_query){.source = d, .text = xstrdup(buf_str(&b))};
    if (d->ncheck) { /* apart: PQexec returns only the last statement's rows */
      buf c = {0};
      if (!sql_checks_write(dialect, p, d, &c, dg)) g.failed = true;
      pl->q[pl->n].checks = xstrdup(buf_str(&c));
      buf_free(&c);
    }
    if (d->rel && (d->rel->nkey || d->rel->nrefs || d->rel->covered)) {
      buf c = {0};
      precheck(&g, d, &c);
      pl->q[pl->n].precheck = xstrdup(buf_str(&c));
      buf_free(&c);
    }
    pl->n++;
    buf_free(&b);
  }
  for (int k = 0; k < p->ngroups; k++) free(g.group_sql[k]);
  free(g.group_sql);
  buf_free(&g.with_cols);
  buf_free(&g.joins);
  buf_free(&g.ctes);
  buf_free(&g.totals);
  buf_free(&g.b_cols);
  free(g.done);
  if (g.failed) {
    sql_plan_free(pl);
    return NULL;
  }
  return pl;
}

int sql_plan_write(const sql_plan *pl, const ast_program *p, FILE *out) {
  fprintf(out, "-- %s: %s (%s)\n", M("maal sql"), p->title ? p->title : p->path, sql_dialect_name(pl->dialect));
  fprintf(out, "-- %s\n\n", M("one query per data source; each row is one goal's counts (spec §12.14)"));
  for (size_t i = 0; i < pl->n; i++) {
    if (i) fputc('\n', out);
    if (pl->q[i].precheck) {
      fputs(pl->q[i].precheck, out);
      fputc('\n', out);
    }
    fputs(pl->q[i].text, out);
    if (pl->q[i].checks) {
      fputc('\n', out);
      fputs(pl->q[i].checks, out);
    }
  }
  return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

void sql_plan_free(sql_plan *pl) {
  if (!pl) return;
  for (size_t i = 0; i < pl->n; i++) {
    free(pl->q[i].text);
    free(pl->q[i].precheck);
    free(pl->q[i].checks);
  }
  free(pl->q);
  free(pl);
}
