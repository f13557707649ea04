/* eval.c — one pass over each data source updates every goal measured on
 * it; then each goal's number is compared with its target, exactly, and
 * the status scheme picks the status.  The meaning of missing values is
 * the one spec/ gives: a comparison with a missing value is unknown, a row
 * is in a group only when the conditions of the group's whole chain, joined
 * by a three-valued AND, are true for it, and a share counts rows
 * whose condition is unknown in its denominator but not its numerator
 * (unless the goal says 'exclude missing'). */
#include "eval.h"

#include <math.h>
#include <sys/stat.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "hash.h"
#include "source.h"

enum { DATA_ERROR_LIMIT = SRC_ERROR_LIMIT };

/* Three-valued truth. */
typedef enum { TV_FALSE, TV_TRUE, TV_UNKNOWN } truth;

typedef struct dentry {
  char *key;
  UT_hash_handle hh;
} dentry;

/* What one goal (or one breakdown part of it) has counted so far. */
typedef struct {
  int64_t group;   /* rows in the target group */
  int64_t hits;    /* rows meeting the condition (count, share) */
  int64_t unknown; /* rows of the group whose condition or value was missing */
  int64_t unsure;  /* rows left out of the group itself for a missing value */
  int64_t nvalues; /* values summed, averaged or compared */
  num sum;         /* sum and average */
  num best;        /* min, max, value */
  dentry *distinct;
  bool overflow;
} acc;

typedef struct part {
  char *key;     /* the breakdown value as text; hash key */
  value val;     /* for ordering: numbers and dates by value */
  bool missing;
  acc a;
  UT_hash_handle hh;
} part;

/* One measure being accumulated: a goal's own, or its baseline. */
typedef struct {
  const measure *m;
  const goal *g;       /* whose measure it is (named in data errors) */
  bool is_base;
  bool exclude_missing;
  int by_col;    /* breakdown column in m's source, or -1 */
  acc total;
  part *parts;   /* per breakdown value found among the group's rows */
  part *unsure;  /* per breakdown value: rows left out of the group as unknown */
  part *over;    /* per value of m->over_col: 'average over' */
  bool ratio;    /* an indicator given as taeller/naevner */
  bool sum_said; /* its sum's overflow is reported once */
} probe;

typedef struct {
  goal *g;
  probe main, base;
  bool has_base;
} goal_state;

/* An indicator table or an assessment table, keyed for lookups. */
typedef struct entry {
  char *key;       /* "indikator\x1fperiode", or a goal id */
  num value;       /* indicator value */
  bool has_value;
  bool has_ratio;  /* taeller and naevner given: the value is their share */
  int64_t taeller, naevner;
  int count;       /* rows with this key */
  role r;          /* assessment */
  char *reason, *comment;
  UT_hash_handle hh;
} entry;

/* The groups one pass decides for every row, compiled once per source:
 * each group after the groups it is built from or names in its
 * condition, so a row's membership is decided without recursion, however
 * long the chain of groups. */
typedef struct {
  int *order;   /* group indices */
  size_t n;
  int *owner;   /* per group: the first goal that needs it, or -1 */
} plan;

/* The state of the row being read. */
typedef struct {
  ast_program *p;
  const plan *pl;
  value *vals;           /* per column of the source */
  truth *memo;           /* per group of the plan: is the row in it: the
                            Kleene AND of the conditions of its chain */
  const expr **spine;    /* chains of og, eller and arithmetic being evaluated */
  size_t nspine, spinecap;
  bool overflow;         /* a computation in this row passed what a num holds */
  const char *path;      /* where the row is, for data errors */
  uint32_t line;
  FILE *err;
  int *errors;
} row_ctx;

struct eval_result {
  arena *a;
  ast_program *p;
  FILE *err;      /* numbers too large to compute are reported here */
  int errors;
  rep_table table;
  goal_state *goals;
  int ngoals;
  int ndata;
  entry **indicators; /* per data source */
  entry **assessments;
};

/* ---- expressions over one row ---- */

static value eval(row_ctx *r, const expr *e);

static value missing(void) {
  value v = {.kind = V_MISSING};
  return v;
}

static value boolean(truth t) {
  if (t == TV_UNKNOWN) return missing();
  value v = {.kind = V_BOOL, .u.b = t == TV_TRUE};
  return v;
}

static truth truth_of(value v) {
  if (v.kind != V_BOOL) return TV_UNKNOWN;
  return v.u.b ? TV_TRUE : TV_FALSE;
}

static truth kleene_and(truth a, truth b) {
  if (a == TV_FALSE || b == TV_FALSE) return TV_FALSE;
  return a == TV_TRUE && b == TV_TRUE ? TV_TRUE : TV_UNKNOWN;
}

static truth kleene_or(truth a, truth b) {
  if (a == TV_TRUE || b == TV_TRUE) return TV_TRUE;
  return a == TV_FALSE && b == TV_FALSE ? TV_FALSE : TV_UNKNOWN;
}

/* A data error about the row being read: a number too large to compute. */
static void row_too_large(row_ctx *r, const goal *g, const char *what, const char *name) {
  fprintf(r->err, "%s:%u:1: error: goal %s: %s%s%s%s is too large to compute exactly (more than about 18 digits)\n",
          r->path, r->line, g ? g->id : "?", what, name ? " '" : "", name ? name : "", name ? "'" : "");
  (*r->errors)++;
  r->overflow = false;
}

/* Decide every group of the plan for this row, in the plan's order.  A
 * row's membership of a group is the Kleene AND of the group's condition
 * and its membership of the group it is built from: exactly what the
 * conditions joined by 'og' on one line give (§5.6). */
static void decide_groups(row_ctx *r) {
  const plan *pl = r->pl;
  for (size_t i = 0; i < pl->n; i++) {
    const group_decl *g = r->p->groupv[pl->order[i]];
    truth in = g->parent ? r->memo[g->parent->index] : TV_TRUE;
    if (in != TV_FALSE && g->where) in = kleene_and(in, truth_of(eval(r, g->where)));
    if (r->overflow)
      row_too_large(r, pl->owner[g->index] >= 0 ? r->p->goalv[pl->owner[g->index]] : NULL,
                    "a number in the condition of group", g->name);
    r->memo[g->index] = in;
  }
}

static void spine_push(row_ctx *r, const expr *e) {
  if (r->nspine == r->spinecap) {
    r->spinecap = r->spinecap ? 2 * r->spinecap : 64;
    r->spine = xrealloc(r->spine, r->spinecap * sizeof *r->spine);
  }
  r->spine[r->nspine++] = e;
}

static bool is_arith(expr_kind k) { return k == E_ADD || k == E_SUB || k == E_MUL || k == E_DIV; }

/* -1, 0, 1; both values present and of comparable kinds (the checker saw to it). */
static int compare(value a, value b) {
  switch (a.kind) {
  case V_NUM: return num_cmp(a.u.n, b.u.n);
  case V_DATE: return (a.u.date > b.u.date) - (a.u.date < b.u.date);
  case V_BOOL: return (int)a.u.b - (int)b.u.b;
  case V_TEXT: {
    size_t n = a.u.t.len < b.u.t.len ? a.u.t.len : b.u.t.len;
    int c = memcmp(a.u.t.s, b.u.t.s, n);
    if (c) return c < 0 ? -1 : 1;
    return (a.u.t.len > b.u.t.len) - (a.u.t.len < b.u.t.len);
  }
  default: return 0;
  }
}

static value arith(row_ctx *r, const expr *e, value a, value b) {
  if (a.kind == V_MISSING || b.kind == V_MISSING) return missing();
  value v = {.kind = V_NUM};
  if (a.kind == V_DATE && b.kind == V_DATE) { /* days between */
    v.u.n = num_int((int64_t)a.u.date - b.u.date);
    return v;
  }
  if (a.kind == V_DATE && b.kind == V_DUR) { /* calendar months, then days */
    int32_t sign = e->kind == E_ADD ? 1 : -1;
    v.kind = V_DATE;
    v.u.date = ast_date_add(a.u.date, sign * b.u.dur.months, sign * b.u.dur.days);
    return v;
  }
  if (a.kind == V_DATE) { /* a date plus or minus whole days */
    if (!num_is_int(b.u.n) || b.u.n.n > 3650000 || b.u.n.n < -3650000) return missing();
    v.kind = V_DATE;
    v.u.date = a.u.date + (int32_t)(e->kind == E_ADD ? b.u.n.n : -b.u.n.n);
    return v;
  }
  bool ok;
  switch (e->kind) {
  case E_ADD: ok = num_add(a.u.n, b.u.n, &v.u.n); break;
  case E_SUB: ok = num_sub(a.u.n, b.u.n, &v.u.n); break;
  case E_MUL: ok = num_mul(a.u.n, b.u.n, &v.u.n); break;
  default:
    if (num_is_zero(b.u.n)) return missing(); /* x / 0 is missing */
    ok = num_div(a.u.n, b.u.n, &v.u.n);
    break;
  }
  if (!ok) r->overflow = true; /* said by the caller, with the goal */
  return ok ? v : missing();
}

/* a + b - c * d ...: the parser makes a left-leaning tree of a flat
 * chain, as deep as the chain is long; walk down its left edge and
 * compute back up, left to right, without recursion. */
static value eval_arith_chain(row_ctx *r, const expr *e) {
  size_t base = r->nspine;
  for (; is_arith(e->kind); e = e->a) spine_push(r, e);
  value sofar = eval(r, e);
  while (r->nspine > base) {
    const expr *op = r->spine[--r->nspine];
    sofar = arith(r, op, sofar, eval(r, op->b));
  }
  return sofar;
}

/* A chain of 'og' (or of 'eller') the same way; it stops at the first
 * term that decides it, as 'a og b' does not look at b when a is false. */
static value eval_logic_chain(row_ctx *r, const expr *e) {
  expr_kind k = e->kind;
  size_t base = r->nspine;
  for (; e->kind == k; e = e->a) spine_push(r, e);
  truth sofar = truth_of(eval(r, e));
  truth decided = k == E_AND ? TV_FALSE : TV_TRUE;
  while (r->nspine > base && sofar != decided) {
    const expr *op = r->spine[--r->nspine];
    truth b = truth_of(eval(r, op->b));
    sofar = k == E_AND ? kleene_and(sofar, b) : kleene_or(sofar, b);
  }
  r->nspine = base;
  return boolean(sofar);
}

static value eval(row_ctx *r, const expr *e) {
  switch (e->kind) {
  case E_NUM: case E_STR: case E_BOOL: case E_DATE:
    return e->lit;
  case E_NAME:
    if (e->ref == REF_COLUMN) return r->vals[e->slot];
    if (e->ref == REF_PARAM) return r->p->paramv[e->slot]->val;
    return boolean(r->memo[e->slot]); /* decided before the row's measures: unknown stays unknown */
  case E_NEG: {
    value v = eval(r, e->a);
    if (v.kind == V_NUM) v.u.n = num_neg(v.u.n);
    return v;
  }
  case E_DURATION: {
    value n = eval(r, e->a);
    if (n.kind != V_NUM || !num_is_int(n.u.n) || n.u.n.n > 100000 || n.u.n.n < -100000) return missing();
    int32_t k = (int32_t)n.u.n.n;
    value v = {.kind = V_DUR};
    v.u.dur.months = e->slot == 'm' ? k : e->slot == 'y' ? 12 * k : 0;
    v.u.dur.days = e->slot == 'd' ? k : e->slot == 'w' ? 7 * k : 0;
    return v;
  }
  case E_ULTIMO:
  case E_PRIMO: {
    value y = eval(r, e->a);
    if (y.kind != V_NUM || !num_is_int(y.u.n)) return missing();
    value v = {.kind = V_DATE, .u.date = ast_year_end(y.u.n.n, e->kind == E_ULTIMO)};
    return v;
  }
  case E_ADD: case E_SUB: case E_MUL: case E_DIV:
    return eval_arith_chain(r, e);
  case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: {
    value a = eval(r, e->a), b = eval(r, e->b);
    if (a.kind == V_MISSING || b.kind == V_MISSING) return missing();
    int c = compare(a, b);
    bool t = e->kind == E_EQ ? c == 0 : e->kind == E_NE ? c != 0 : e->kind == E_LT ? c < 0
           : e->kind == E_LE ? c <= 0 : e->kind == E_GT ? c > 0 : c >= 0;
    return boolean(t ? TV_TRUE : TV_FALSE);
  }
  case E_IN: case E_NOTIN: {
    value a = eval(r, e->a);
    if (a.kind == V_MISSING) return missing();
    bool found = false;
    for (const expr *it = e->b; it && !found; it = it->next) {
      value b = eval(r, it);
      found = b.kind != V_MISSING && compare(a, b) == 0;
    }
    return boolean(found == (e->kind == E_IN) ? TV_TRUE : TV_FALSE);
  }
  case E_BETWEEN: {
    value a = eval(r, e->a), lo = eval(r, e->b), hi = eval(r, e->c);
    if (a.kind == V_MISSING || lo.kind == V_MISSING || hi.kind == V_MISSING) return missing();
    return boolean(compare(lo, a) <= 0 && compare(a, hi) <= 0 ? TV_TRUE : TV_FALSE);
  }
  case E_MISSING:
  case E_PRESENT: {
    bool m = eval(r, e->a).kind == V_MISSING;
    return boolean(m == (e->kind == E_MISSING) ? TV_TRUE : TV_FALSE);
  }
  case E_NOT: {
    truth t = truth_of(eval(r, e->a));
    return boolean(t == TV_UNKNOWN ? t : t == TV_TRUE ? TV_FALSE : TV_TRUE);
  }
  case E_AND:
  case E_OR:
    return eval_logic_chain(r, e);
  }
  return missing();
}

/* ---- accumulating ---- */

/* A value as text: the key of a breakdown part or a distinct value. */
static void value_text(value v, buf *b) {
  char tmp[64];
  switch (v.kind) {
  case V_NUM: num_format_exact(v.u.n, 9, tmp, sizeof tmp); buf_adds(b, tmp); break;
  case V_DATE: ast_format_date(v.u.date, tmp); buf_adds(b, tmp); break;
  case V_BOOL: buf_adds(b, v.u.b ? "ja" : "nej"); break;
  case V_TEXT: buf_add(b, v.u.t.s, v.u.t.len); break;
  default: break;
  }
}

static void add_distinct(acc *a, value v, buf *tmp) {
  buf_clear(tmp);
  value_text(v, tmp);
  dentry *e;
  HASH_FIND(hh, a->distinct, tmp->s, tmp->len, e);
  if (e) return;
  e = xmalloc(sizeof *e);
  e->key = xstrndup(tmp->s, tmp->len);
  HASH_ADD_KEYPTR(hh, a->distinct, e->key, tmp->len, e);
}

/* One row of the target group into one accumulator; `t` is the truth of
 * the measure's condition.  false when the sum has grown too large. */
static bool update(row_ctx *r, const measure *m, acc *a, truth t, buf *tmp) {
  a->group++;
  if (m->kind == M_SHARE || m->kind == M_COUNT) {
    if (t == TV_TRUE) a->hits++;
    else if (t == TV_UNKNOWN) a->unknown++;
    return true;
  }
  if (t != TV_TRUE) {
    if (t == TV_UNKNOWN) a->unknown++;
    return true;
  }
  value v = r->vals[m->col];
  if (v.kind == V_MISSING) {
    a->unknown++;
    return true;
  }
  switch (m->kind) {
  case M_DISTINCT:
    add_distinct(a, v, tmp);
    break;
  case M_SUM:
  case M_AVG:
    if (a->nvalues == 0) a->sum = num_int(0);
    a->nvalues++;
    if (a->overflow) break;
    if (!num_add(a->sum, v.u.n, &a->sum)) {
      a->overflow = true;
      return false;
    }
    break;
  case M_MIN:
  case M_MAX:
    if (a->nvalues == 0 || (m->kind == M_MIN ? num_cmp(v.u.n, a->best) < 0 : num_cmp(v.u.n, a->best) > 0))
      a->best = v.u.n;
    a->nvalues++;
    break;
  case M_VALUE:
    if (a->nvalues == 0) a->best = v.u.n;
    a->nvalues++;
    break;
  default:
    break;
  }
  return true;
}

static acc *part_for(part **map, value v, buf *tmp) {
  buf_clear(tmp);
  value_text(v, tmp);
  if (v.kind == V_MISSING) buf_adds(tmp, "(mangler)");
  part *pt;
  HASH_FIND(hh, *map, tmp->s, tmp->len, pt);
  if (pt) return &pt->a;
  pt = xcalloc(1, sizeof *pt);
  pt->key = xstrndup(tmp->s, tmp->len);
  pt->missing = v.kind == V_MISSING;
  pt->val = v;
  if (v.kind == V_TEXT) pt->val.u.t.s = pt->key; /* the row's text dies with the row */
  HASH_ADD_KEYPTR(hh, *map, pt->key, tmp->len, pt);
  return &pt->a;
}

/* One row for one probe: the group, then the measure, its breakdown part
 * and its 'average over' part. */
static void update_probe(row_ctx *r, probe *pr, buf *tmp) {
  const measure *m = pr->m;
  truth in = m->g ? r->memo[m->g->index] : TV_TRUE;
  if (in == TV_UNKNOWN) { /* left out of the group for a missing value: a
                             breakdown part is made only by the group's rows */
    pr->total.unsure++;
    if (pr->by_col >= 0) part_for(&pr->unsure, r->vals[pr->by_col], tmp)->unsure++;
  }
  if (in != TV_TRUE) return;
  /* 'average over': the months are those in which the group has rows (a
     month where the measure's own condition finds none counts as 0); a
     row with no month is left out, and said so */
  acc *month = NULL;
  if (m->over_col >= 0) {
    value v = r->vals[m->over_col];
    if (v.kind == V_MISSING) {
      pr->total.unsure++;
      return;
    }
    month = part_for(&pr->over, v, tmp);
  }
  truth t = m->where ? truth_of(eval(r, m->where)) : TV_TRUE;
  if (r->overflow)
    row_too_large(r, pr->g, pr->is_base ? "a number in the baseline's condition" : "a number in the measure's condition", NULL);
  bool ok = update(r, m, &pr->total, t, tmp);
  if (pr->by_col >= 0) ok &= update(r, m, part_for(&pr->parts, r->vals[pr->by_col], tmp), t, tmp);
  if (month) ok &= update(r, m, month, t, tmp);
  if (!ok && !pr->sum_said) {
    pr->sum_said = true;
    row_too_large(r, pr->g, pr->is_base ? "the baseline's sum of" : "the sum of", m->column);
  }
}

/* ---- indicator and assessment tables ---- */

static entry *entry_for(entry **map, const char *key, size_t n) {
  entry *e;
  HASH_FIND(hh, *map, key, n, e);
  if (e) return e;
  e = xcalloc(1, sizeof *e);
  e->key = xstrndup(key, n);
  HASH_ADD_KEYPTR(hh, *map, e->key, n, e);
  return e;
}

/* The columns an indicator or assessment table is read by, found once. */
typedef struct {
  int indikator, periode, vaerdi, taeller, naevner; /* indicator tables */
  int maal, status, begrundelse, kommentar;        /* assessment tables */
} table_cols;

static int col_named(const data_decl *d, const char *name) {
  for (size_t i = 0; name && i < d->ncol; i++)
    if (!strcmp(d->colv[i]->name, name)) return (int)i;
  return -1;
}

static table_cols table_columns(const data_decl *d) {
  table_cols t = {col_named(d, "indikator"), col_named(d, "periode"),     col_named(d, "vaerdi"),
                  col_named(d, "taeller"),   col_named(d, "naevner"),     col_named(d, "mål"),
                  col_named(d, "status"),    col_named(d, "begrundelse"), col_named(d, "kommentar")};
  return t;
}

/* One row of an indicator table: indikator, periode, vaerdi, and
 * optionally taeller and naevner (numerator and denominator: then the
 * value is their exact share in pct, and the denominator can be audited). */
static void indicator_row(entry **map, const table_cols *tc, row_ctx *r, buf *tmp) {
  int ci = tc->indikator, cp = tc->periode, cv = tc->vaerdi, ct = tc->taeller, cn = tc->naevner;
  if (ci < 0 || cp < 0 || cv < 0) return;
  buf_clear(tmp);
  value_text(r->vals[ci], tmp);
  buf_addc(tmp, '\x1f');
  value_text(r->vals[cp], tmp);
  entry *e = entry_for(map, tmp->s, tmp->len);
  e->count++;
  if (e->count != 1) return;
  value t = ct >= 0 ? r->vals[ct] : missing(), n = cn >= 0 ? r->vals[cn] : missing();
  if (t.kind == V_NUM && n.kind == V_NUM && num_is_int(t.u.n) && num_is_int(n.u.n)) {
    e->has_ratio = true;
    e->taeller = t.u.n.n;
    e->naevner = n.u.n.n;
    e->has_value = true;
  } else if (r->vals[cv].kind == V_NUM) {
    e->value = r->vals[cv].u.n;
    e->has_value = true;
  }
}

static bool read_role(const char *s, size_t n, role *out) {
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
static bool assessment_row(entry **map, const data_decl *d, const table_cols *tc, row_ctx *r, const csv_record *rec,
                           FILE *err) {
  int cg = tc->maal, cs = tc->status, cr = tc->begrundelse, cc = tc->kommentar;
  if (cg < 0 || cs < 0 || cr < 0 || r->vals[cg].kind != V_TEXT) return true;
  const csv_field *sf = &rec->fields[d->colv[cs]->pos];
  role ro = ROLE_UNKNOWN; /* an empty status: not assessed yet */
  if (r->vals[cs].kind != V_MISSING && !read_role(sf->text, sf->len, &ro)) {
    fprintf(err, "%s:%u:%u: error: status '%s' is not one of opfyldt, delvist, ikke opfyldt, uopgjort\n",
            d->resolved_path, sf->line, sf->col, sf->text);
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

/* ---- one pass over one source ---- */

/* The progress line of a long read: rows, MB/s and the time left. */
typedef struct {
  bool on;
  struct timespec start;
  uint64_t size;  /* bytes of the file, 0 if unknown (a pipe) */
  bool shown;
} meter;

static double seconds_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void meter_show(meter *m, const data_decl *d, uint64_t rows, uint64_t bytes, FILE *err) {
  double s = seconds_since(&m->start);
  if (s < 0.5) return; /* short reads show nothing */
  double mbs = (double)bytes / 1e6 / s;
  char left[32] = "";
  if (m->size > bytes && bytes > 0) snprintf(left, sizeof left, ", %.0f s tilbage", s * (double)(m->size - bytes) / (double)bytes);
  char n[32];
  num_format_da(num_int((int64_t)rows), 0, n, sizeof n);
  fprintf(err, "\r%s: %s rækker, %.0f MB/s%s   ", d->name, n, mbs, left);
  fflush(err);
  m->shown = true;
}

/* ---- walking expressions and compiling the groups of a pass ---- */

typedef struct {
  const expr *e;
  bool siblings; /* the rest of e's list follows e */
} walk_item;

typedef struct {
  walk_item *v;
  size_t n, cap;
} walk_stack;

static void walk_push(walk_stack *w, const expr *e, bool siblings) {
  if (!e) return;
  if (w->n == w->cap) {
    w->cap = w->cap ? 2 * w->cap : 64;
    w->v = xrealloc(w->v, w->cap * sizeof *w->v);
  }
  w->v[w->n++] = (walk_item){e, siblings};
}

typedef void walk_fn(const expr *x, walk_stack *w, void *ctx);

/* Call fn on every node of e, in source order (a, then b, then c, then
 * the rest of an in-list), and on the nodes of what fn pushes, without
 * recursion: a flat chain of 50.000 'og' is a tree that deep. */
static void expr_walk(walk_stack *w, const expr *e, walk_fn *fn, void *ctx) {
  size_t base = w->n;
  walk_push(w, e, false);
  while (w->n > base) {
    walk_item it = w->v[--w->n];
    const expr *x = it.e;
    if (it.siblings) walk_push(w, x->next, true);
    fn(x, w, ctx);
    walk_push(w, x->c, false);
    walk_push(w, x->b, x->kind == E_IN || x->kind == E_NOTIN);
    walk_push(w, x->a, false);
  }
}

/* Building a plan: a depth-first search with its own stack, since a
 * chain of groups can be 100.000 long. */
typedef struct {
  ast_program *p;
  plan *pl;
  int *state;      /* per group: 0 new, 1 what it uses is pushed, 2 placed */
  int *stack;
  size_t n, cap;
  walk_stack w;
} planner;

static void plan_push(planner *pb, int g) {
  if (pb->state[g] != 0) return;
  if (pb->n == pb->cap) {
    pb->cap = pb->cap ? 2 * pb->cap : 64;
    pb->stack = xrealloc(pb->stack, pb->cap * sizeof *pb->stack);
  }
  pb->stack[pb->n++] = g;
}

static void push_named_group(const expr *x, walk_stack *w, void *ctx) {
  (void)w;
  if (x->kind == E_NAME && x->ref == REF_GROUP) plan_push(ctx, x->slot);
}

/* Place every group pushed, each after the groups it uses. */
static void plan_drain(planner *pb) {
  while (pb->n) {
    int g = pb->stack[pb->n - 1];
    if (pb->state[g] == 2) {
      pb->n--;
    } else if (pb->state[g] == 1) { /* what it uses is placed by now */
      pb->state[g] = 2;
      pb->n--;
      pb->pl->order[pb->pl->n++] = g;
    } else {
      pb->state[g] = 1;
      const group_decl *gd = pb->p->groupv[g];
      if (gd->parent) plan_push(pb, gd->parent->index);
      if (gd->where) expr_walk(&pb->w, gd->where, push_named_group, pb);
    }
  }
}

typedef struct {
  int *owner;
  int goal;
} owner_ctx;

static void own_group(owner_ctx *o, int g) {
  if (o->owner[g] < 0 || o->owner[g] > o->goal) o->owner[g] = o->goal;
}

static void own_named_group(const expr *x, walk_stack *w, void *ctx) {
  (void)w;
  if (x->kind == E_NAME && x->ref == REF_GROUP) own_group(ctx, x->slot);
}

/* The groups that the probes pr[0..n) need on their source, and for each
 * group the first goal that needs it (named when its condition fails). */
static void plan_build(ast_program *p, probe *const *pr, size_t n, plan *pl) {
  size_t ng = (size_t)p->ngroups + 1;
  planner pb = {.p = p, .pl = pl, .state = xcalloc(ng, sizeof(int))};
  pl->order = xcalloc(ng, sizeof *pl->order);
  pl->owner = xmalloc(ng * sizeof *pl->owner);
  pl->n = 0;
  for (size_t i = 0; i < ng; i++) pl->owner[i] = -1;
  for (size_t i = 0; i < n; i++) {
    const measure *m = pr[i]->m;
    owner_ctx o = {pl->owner, pr[i]->g->index};
    if (m->g) {
      plan_push(&pb, m->g->index);
      own_group(&o, m->g->index);
    }
    if (m->where) {
      expr_walk(&pb.w, m->where, push_named_group, &pb);
      expr_walk(&pb.w, m->where, own_named_group, &o);
    }
    plan_drain(&pb);
  }
  /* a group is needed by the goals that need a group using it; the users
     come later in the order, so go backwards */
  for (size_t i = pl->n; i-- > 0;) {
    const group_decl *gd = p->groupv[pl->order[i]];
    owner_ctx o = {pl->owner, pl->owner[gd->index]};
    if (o.goal < 0) continue;
    if (gd->parent) own_group(&o, gd->parent->index);
    if (gd->where) expr_walk(&pb.w, gd->where, own_named_group, &o);
  }
  free(pb.state);
  free(pb.stack);
  free(pb.w.v);
}

static void plan_free(plan *pl) {
  free(pl->order);
  free(pl->owner);
}

/* ---- reading a data source row by row ---- */

typedef struct {
  ast_program *p;
  data_decl *d;
  csv_reader *cr;
  csv_record *rec; /* the current row's record */
  row_ctx r;       /* its values, and the group memo */
  FILE *err;       /* broken records and values are reported here */
  int errors;
  uint64_t rows;   /* records read (good or not) */
} scan;

/* Open d and pass its header (the checker has read it); every row will
 * have the groups of pl decided.  false after a message, when the file
 * cannot be opened. */
static bool scan_open(scan *s, ast_program *p, data_decl *d, const plan *pl, FILE *err) {
  csv_error ce = {0};
  *s = (scan){.p = p, .d = d, .err = err};
  s->cr = csv_open(d->open_path ? d->open_path : d->resolved_path, d->delim, &ce);
  if (!s->cr) {
    fprintf(err, "maal: data '%s': %s\n", d->name, ce.message);
    return false;
  }
  csv_set_encoding(s->cr, (csv_encoding)d->encoding);
  s->r.p = p;
  s->r.pl = pl;
  s->r.vals = xcalloc(d->ncol ? d->ncol : 1, sizeof *s->r.vals);
  s->r.memo = xcalloc((size_t)p->ngroups + 1, sizeof *s->r.memo);
  s->r.path = d->resolved_path;
  s->r.err = err;
  s->r.errors = &s->errors;
  if (csv_next(s->cr, &s->rec, &ce) < 0) s->errors++; /* reported by the checker */
  return true;
}

/* The next row whose every field reads as its column's type: true, with
 * s->r.vals filled; false at the end of the file or after too many errors.
 * A broken record or value is reported with its file, line and column, and
 * the row is skipped. */
static bool scan_next(scan *s) {
  const data_decl *d = s->d;
  csv_error ce = {0};
  while (s->errors < DATA_ERROR_LIMIT) {
    int got = csv_next(s->cr, &s->rec, &ce);
    if (got == 0) return false;
    if (got < 0) {
      fprintf(s->err, "%s:%u:%u: error: %s\n", d->resolved_path, ce.line, ce.col, ce.message);
      s->errors++;
      continue;
    }
    s->rows++;
    bool bad = false;
    for (size_t i = 0; i < d->ncol; i++) {
      const column_decl *c = d->colv[i];
      const csv_field *f = &s->rec->fields[c->pos];
      if (src_field(d, c, f, &s->r.vals[i])) continue;
      fprintf(s->err, "%s:%u:%u: error: column '%s' holds %s, but '%.*s' is not one%s\n", d->resolved_path, f->line,
              f->col, c->name, src_type_words(c->type, d->decimal), (int)(f->len > 60 ? 60 : f->len), f->text,
              c->inferred ? " (the type was inferred from the first rows; declare the column's type in the rules if it is wrong)" : "");
      bad = true;
      if (++s->errors >= DATA_ERROR_LIMIT) break;
    }
    if (bad) continue;
    s->r.line = s->rec->line;
    decide_groups(&s->r);
    return true;
  }
  return false;
}

/* Close; the number of errors seen, said once more if there were many. */
static int scan_close(scan *s) {
  if (s->errors >= DATA_ERROR_LIMIT)
    fprintf(s->err, "%s: too many errors; stopped after %d\n", s->d->resolved_path, DATA_ERROR_LIMIT);
  free(s->r.vals);
  free(s->r.memo);
  free(s->r.spine);
  csv_close(s->cr);
  return s->errors;
}

static int read_source(ast_program *p, data_decl *d, eval_result *res, uint64_t *rows_out, FILE *err, bool progress) {
  /* the probes measured on this source; indicator lookups need no pass */
  probe **mine = xcalloc(2 * (size_t)res->ngoals + 1, sizeof *mine);
  int nmine = 0;
  bool indicators = false, assessments = false;
  for (int i = 0; i < res->ngoals; i++) {
    goal_state *gs = &res->goals[i];
    probe *both[2] = {gs->main.m ? &gs->main : NULL, gs->has_base ? &gs->base : NULL};
    for (int k = 0; k < 2; k++) {
      if (!both[k] || both[k]->m->source != d) continue;
      if (both[k]->m->kind == M_INDICATOR) indicators = true;
      else mine[nmine++] = both[k];
    }
    if (gs->g->assessed == d) assessments = true;
  }
  plan pl;
  plan_build(p, mine, (size_t)nmine, &pl);
  scan sc;
  if (!scan_open(&sc, p, d, &pl, err)) {
    plan_free(&pl);
    free(mine);
    return -1;
  }
  buf tmp = {0};
  table_cols tcols = table_columns(d);
  meter mt = {.on = progress};
  if (mt.on) {
    struct stat st;
    clock_gettime(CLOCK_MONOTONIC, &mt.start);
    if (stat(d->open_path ? d->open_path : d->resolved_path, &st) == 0 && S_ISREG(st.st_mode)) mt.size = (uint64_t)st.st_size;
  }
  row_ctx *r = &sc.r;
  while (scan_next(&sc)) {
    if (mt.on && (sc.rows & 0xFFFF) == 0) meter_show(&mt, d, sc.rows, csv_bytes_read(sc.cr), err);
    for (int k = 0; k < nmine; k++) update_probe(r, mine[k], &tmp);
    if (indicators) indicator_row(&res->indicators[d->index], &tcols, r, &tmp);
    if (assessments && !assessment_row(&res->assessments[d->index], d, &tcols, r, sc.rec, err)) sc.errors++;
  }
  if (mt.shown) fprintf(err, "\r%*s\r", 60, ""); /* clear the progress line */
  buf_free(&tmp);
  free(mine);
  *rows_out = sc.rows;
  int bad = scan_close(&sc);
  plan_free(&pl);
  return bad ? -1 : 0;
}

/* ---- from counts to numbers, statuses and texts ---- */

typedef struct {
  bool ok;
  const char *why; /* when !ok: why it cannot be computed (Danish) */
  const char *too_large; /* when !ok: what is too large to compute; an error */
  num value;
  bool ratio;      /* a share: numerator and denominator are meaningful */
  int64_t numerator, denominator;
} measured;

static measured measure_acc(arena *ar, const measure *m, bool exclude_missing, const acc *a) {
  measured r = {0};
  if (a->overflow) { /* said at the row where it happened */
    r.too_large = "the sum";
    return r;
  }
  switch (m->kind) {
  case M_SHARE: {
    int64_t den = a->group - (exclude_missing ? a->unknown : 0);
    r.ratio = true;
    r.numerator = a->hits;
    r.denominator = den;
    if (den == 0) {
      r.why = a->group == 0 ? "målgruppen er tom" : "ingen i målgruppen har oplysningerne";
      return r;
    }
    wnum f;
    if (!wnum_div(wnum_of(num_int(a->hits)), wnum_of(num_int(den)), &f) ||
        !wnum_mul(f, wnum_of(num_int(100)), &f) || !wnum_floor9(f, &r.value)) {
      r.too_large = "the share";
      return r;
    }
    break;
  }
  case M_COUNT: r.value = num_int(a->hits); break;
  case M_DISTINCT: r.value = num_int((int64_t)HASH_COUNT(a->distinct)); break;
  case M_SUM: r.value = a->nvalues ? a->sum : num_int(0); break;
  case M_AVG:
    if (a->nvalues == 0) {
      r.why = "ingen værdier at beregne et gennemsnit af";
      return r;
    }
    wnum avg;
    if (!wnum_div(wnum_of(a->sum), wnum_of(num_int(a->nvalues)), &avg) || !wnum_floor9(avg, &r.value)) {
      r.too_large = "the average";
      return r;
    }
    break;
  case M_MIN:
  case M_MAX:
    if (a->nvalues == 0) {
      r.why = "ingen værdier";
      return r;
    }
    r.value = a->best;
    break;
  case M_VALUE:
    if (a->nvalues != 1) {
      r.why = a->nvalues == 0 ? "ingen række med en værdi" : "mere end én række har en værdi";
      return r;
    }
    r.value = a->best;
    break;
  case M_INDICATOR:
    if (a->nvalues != 1) {
      const char *per = m->period ? m->period->lit.u.t.s : "";
      r.why = a->nvalues == 0 && a->unknown ? arena_printf(ar, "indikatoren '%s' har ingen værdi for perioden %s", m->indicator, per)
            : a->nvalues == 0 ? arena_printf(ar, "indikatoren '%s' findes ikke for perioden %s", m->indicator, per)
                              : arena_printf(ar, "indikatoren '%s' står %lld gange for perioden %s", m->indicator,
                                             (long long)a->nvalues, per);
      return r;
    }
    r.value = a->best;
    break;
  }
  r.ok = true;
  return r;
}

/* A probe's number: its measure, or the average of the measure over the
 * values of the 'over' column (the parts that cannot be computed, such as
 * a month with an empty group, are left out of the average). */
static measured measure_probe(arena *ar, const probe *pr, const acc *a, bool total) {
  if (pr->ratio && a->nvalues == 1) { /* taeller/naevner of an indicator: a share */
    measure share = *pr->m;
    share.kind = M_SHARE;
    return measure_acc(ar, &share, false, a);
  }
  if (!total || pr->m->over_col < 0) return measure_acc(ar, pr->m, pr->exclude_missing, a);
  measured r = {0};
  num sum = num_int(0);
  long double approx = 0; /* the same sum, kept in case the exact one overflows */
  bool exact = true;
  int64_t n = 0;
  for (const part *pt = pr->over; pt; pt = pt->hh.next) {
    measured one = measure_acc(ar, pr->m, pr->exclude_missing, &pt->a);
    if (one.too_large) return one;
    if (!one.ok) continue;
    approx += (long double)one.value.n / (long double)one.value.d;
    if (exact && !num_add(sum, one.value, &sum)) exact = false;
    n++;
  }
  if (n == 0) {
    r.why = arena_printf(ar, "ingen værdier af '%s' at beregne et gennemsnit over", pr->m->over);
    return r;
  }
  if (exact && num_div(sum, num_int(n), &r.value)) {
    r.ok = true;
    return r;
  }
  /* Twelve monthly rates can have denominators whose common multiple does
     not fit in 64 bits: then the average is rounded to 9 decimals. */
  long double avg = approx / (long double)n * 1e9L;
  if (avg > 9e17L || avg < -9e17L || !num_make((int64_t)llroundl(avg), 1000000000, &r.value)) {
    r.too_large = "the average";
    return r;
  }
  r.ok = true;
  return r;
}

/* The target in force: a change against a baseline becomes "at most" or
 * "at least" a number computed from the baseline. */
static bool effective_target(const goal *g, const measured *base, target *t) {
  *t = *g->t;
  if (t->cmp != C_REDUCE && t->cmp != C_INCREASE && t->cmp != C_MAINTAIN) return true;
  if (!base || !base->ok) return false; /* the goal is unknown for that already */
  wnum b = wnum_of(base->value), step = wnum_of(t->v), out = b;
  if (t->cmp != C_MAINTAIN) {
    if (t->relative && !(wnum_mul(b, step, &step) && wnum_div(step, wnum_of(num_int(100)), &step))) return false;
    if (!(t->cmp == C_REDUCE ? wnum_sub(b, step, &out) : wnum_add(b, step, &out))) return false;
  }
  t->cmp = t->cmp == C_REDUCE ? C_AT_MOST : C_AT_LEAST;
  return wnum_exact(out, &t->v); /* a target is exact, or an error */
}

/* Achievement in pct: how far the value has come toward the target.
 * With a baseline, and a target that lies beyond it in the goal's
 * direction, it is the progress from the baseline: half-way is 50 %, and
 * moving the wrong way is 0 %.  With a target equal to the baseline
 * ("reduce by 0 pct", "maintain") a move the wrong way is 0 %: there is no
 * way toward the target to be part of.  Otherwise it is the ratio of value and
 * target (for "at most": target / value).  `inf` is set when it is
 * unbounded (nothing at all against "at most"). */
/* An achievement computed in wide steps, as a num: 0 when it is below 0;
 * unbounded (inf) when it is too large for a num, as it is then far
 * above every bound of a scheme; else exact, or rounded down to 9
 * decimals, which keeps it on the same side of every bound (wnum_floor9). */
static bool ach_of(wnum q, num *out, bool *inf) {
  if (wnum_sign(q) < 0) *out = num_int(0);
  else if (!wnum_floor9(q, out)) *inf = true;
  return true;
}

/* 100 * x / y, as an achievement. */
static bool ach_ratio(wnum x, wnum y, num *out, bool *inf) {
  wnum q;
  return wnum_div(x, y, &q) && wnum_mul(q, wnum_of(num_int(100)), &q) && ach_of(q, out, inf);
}

static bool achievement(const target *t, const measured *base, num v, num *out, bool *inf) {
  wnum wv = wnum_of(v), wt = wnum_of(t->v), hundred = wnum_of(num_int(100));
  *inf = false;
  if (base && base->ok && (t->cmp == C_AT_LEAST || t->cmp == C_AT_MOST)) {
    int dir = num_cmp(t->v, base->value); /* +1: must rise, -1: must fall, 0: hold */
    bool held = t->cmp == C_AT_LEAST ? num_cmp(v, t->v) >= 0 : num_cmp(v, t->v) <= 0;
    if (dir == 0 && !held) { /* "reduce by 0 pct", "maintain": any move away is not met */
      *out = num_int(0);
      return true;
    }
    if ((t->cmp == C_AT_LEAST && dir > 0) || (t->cmp == C_AT_MOST && dir < 0)) {
      wnum moved, needed, wb = wnum_of(base->value);
      return wnum_sub(wv, wb, &moved) && wnum_sub(wt, wb, &needed) && ach_ratio(moved, needed, out, inf);
    }
  }
  switch (t->cmp) {
  case C_AT_LEAST:
    if (num_sign(t->v) <= 0) {
      if (num_cmp(v, t->v) >= 0) *inf = true;
      else *out = num_int(0);
      return true;
    }
    return ach_ratio(wv, wt, out, inf);
  case C_AT_MOST:
    if (num_sign(v) <= 0) {
      if (num_cmp(v, t->v) <= 0) *inf = true;
      else *out = num_int(0);
      return true;
    }
    if (num_sign(t->v) < 0) {
      *out = num_int(0);
      return true;
    }
    return ach_ratio(wt, wv, out, inf);
  case C_BETWEEN:
    if (num_cmp(v, t->v) >= 0 && num_cmp(v, t->hi) <= 0) {
      *out = num_int(100);
      return true;
    }
    if (num_cmp(v, t->v) < 0) {
      if (num_sign(t->v) <= 0 || num_sign(v) < 0) { *out = num_int(0); return true; }
      return ach_ratio(wv, wt, out, inf);
    }
    if (num_sign(v) <= 0) { *out = num_int(0); return true; }
    return ach_ratio(wnum_of(t->hi), wv, out, inf);
  case C_EXACTLY:
  case C_ABOUT: {
    wnum d, allowed = wnum_of(num_int(0)), rest, q;
    if (!wnum_sub(wv, wt, &d)) return false;
    d = wnum_abs(d);
    if (t->cmp == C_ABOUT &&
        !(wnum_mul(wnum_abs(wt), wnum_of(t->tol), &allowed) && wnum_div(allowed, hundred, &allowed)))
      return false;
    if (!wnum_sub(d, allowed, &rest)) return false;
    if (wnum_sign(rest) <= 0) {
      *out = num_int(100);
      return true;
    }
    if (num_is_zero(t->v)) {
      *out = num_int(0);
      return true;
    }
    if (!wnum_div(rest, wnum_abs(wt), &q) || !wnum_mul(q, hundred, &q) || !wnum_sub(hundred, q, &q)) return false;
    return ach_of(q, out, inf);
  }
  default: /* changes were made "at most"/"at least" by effective_target */
    return false;
  }
}

static role pick_status(const scheme_decl *s, num a, bool inf) {
  for (int r = ROLE_MET; r <= ROLE_NOT_MET; r++) {
    if (!s->has[r] || (!s->has_from[r] && !s->has_below[r])) continue;
    bool above_from = inf || !s->has_from[r] || num_cmp(a, s->from[r]) >= 0;
    bool below_top = !s->has_below[r] || (!inf && num_cmp(a, s->below[r]) < 0);
    if (above_from && below_top) return (role)r;
  }
  /* 'not met' without bounds means "otherwise" */
  if (s->has[ROLE_NOT_MET] && !s->has_from[ROLE_NOT_MET] && !s->has_below[ROLE_NOT_MET]) return ROLE_NOT_MET;
  return ROLE_UNKNOWN;
}

static const rep_status to_rep[ROLE_COUNT] = {ST_MET, ST_PARTLY, ST_NOT_MET, ST_UNKNOWN};

/* ---- Danish text ---- */

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

typedef struct {
  const goal *g;
  const acc *a;
  const measured *m;
  const target *t;      /* the target in force (computed from the baseline) */
  const measured *base; /* NULL without a baseline */
  bool has_ach, inf;
  num ach;
} text_ctx;

static role status_of(const text_ctx *c, num v) {
  num a;
  bool inf;
  if (!achievement(c->t, c->base, v, &a, &inf)) return ROLE_UNKNOWN;
  return pick_status(c->g->scheme, a, inf);
}

/* Decimals for a goal's value: the default, or more until the rounded
 * number would get the same status and lie on the same side of the target
 * as the true one (79,99 against a bound at 80 is not shown as "80,0"). */
static int decimals_for(num v, int dflt, const text_ctx *c) {
  const target *t = c->t;
  num edges[2] = {t->v, t->hi};
  int nedges = t->cmp == C_BETWEEN ? 2 : 1;
  role want = status_of(c, v);
  int d = dflt;
  for (; d < 4; d++) {
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
  return num_decimals_against(a, 0, 4, edges, n);
}


static void put_num(buf *b, num v, int d) {
  char s[64];
  num_format_da(v, d, s, sizeof s);
  buf_adds(b, s);
}

static void put_int(buf *b, int64_t i) { put_num(b, num_int(i), 0); }

/* A value of the goal's measure with the decimals it needs. */
static void put_value(buf *b, const text_ctx *c, num v, int dec, bool with_target) {
  const goal *g = c->g;
  bool pct = g->m->kind == M_SHARE || (g->unit && !strcmp(g->unit, "pct"));
  bool change = g->t->cmp == C_REDUCE || g->t->cmp == C_INCREASE || g->t->cmp == C_MAINTAIN;
  const char *u = change || !g->t->unit ? g->unit : g->t->unit;
  bool kroner = u && !strcmp(u, "kr"); /* amounts in whole kroner */
  /* shares in whole pct; other numbers with one decimal when they have any */
  int dflt = g->m->kind == M_SHARE || kroner || num_is_int(v) ? 0 : 1;
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
  else if (IS("numerator", "tæller")) put_int(b, c->m->ratio ? c->m->numerator : c->a->hits);
  else if (IS("denominator", "nævner")) put_int(b, c->m->denominator);
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
      if (num_sign(q) > 0) buf_addc(b, '+');
      put_num(b, q, dec >= 0 ? dec : 1);
      buf_adds(b, " %");
    }
  } else if (IS("target", "mål")) {
    const target *t = c->t;
    put_num(b, t->v, dec >= 0 ? dec : num_decimals(t->v, 4));
    if (t->cmp == C_BETWEEN) {
      buf_adds(b, "–");
      put_num(b, t->hi, dec >= 0 ? dec : num_decimals(t->hi, 4));
    }
    if (pct) buf_adds(b, " %");
  } else if (IS("achievement", "målopfyldelse")) {
    if (!c->has_ach) buf_adds(b, "–");
    else if (c->inf) buf_adds(b, "over 100 %");
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
  if (g->m->kind == M_SHARE && !g->m->over) return "{tæller} af {nævner}, svarende til {værdi}";
  if (g->base || g->has_base_value) return "{værdi} mod {basis} ({ændring})";
  return "{værdi}";
}

/* ---- building the table ---- */

typedef struct {
  arena *a;
  rep_row *rows;
  size_t n, cap;
} rows_out;

static rep_row *add_row(rows_out *o, rep_kind k) {
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 64;
    o->rows = xrealloc(o->rows, o->cap * sizeof *o->rows);
  }
  rep_row *r = &o->rows[o->n++];
  memset(r, 0, sizeof *r);
  r->kind = k;
  r->number = r->title = r->status_label = r->result = r->comment = "";
  return r;
}

/* An error, not a status: a number of goal g (or of its breakdown part)
 * is beyond what maal computes with exactly. */
static void goal_too_large(eval_result *res, const goal *g, const char *part_key, const char *what) {
  fprintf(res->err, "%s: error: goal %s%s%s%s: %s is too large to compute exactly (more than about 18 digits)\n",
          res->p->path, g->id, part_key ? ", part '" : "", part_key ? part_key : "", part_key ? "'" : "", what);
  res->errors++;
}

/* Status, result text and numbers of one goal or part: `a` is what the
 * goal's measure counted, `base` the baseline's number (NULL: none). */
static role judge(eval_result *res, const goal *g, const char *part_key, const measured *mv, const acc *a,
                  const measured *base, rep_row *row) {
  arena *ar = res->a;
  measured m = *mv;
  target t;
  rep_numbers *nums = arena_alloc(ar, sizeof *nums);
  nums->measure = ast_measure_name(g->m->kind);
  nums->unit = g->unit ? g->unit : "";
  nums->group_size = a->group;
  nums->left_out = a->unknown + a->unsure;
  nums->comparator = ast_cmp_name(g->t->cmp);
  for (int k = 0; k < 3; k++) {
    nums->has_from[k] = g->scheme->has[k] && g->scheme->has_from[k];
    nums->has_below[k] = g->scheme->has[k] && g->scheme->has_below[k];
    nums->from[k] = g->scheme->from[k];
    nums->below[k] = g->scheme->below[k];
  }
  text_ctx tc = {.g = g, .a = a, .m = &m, .t = &t, .base = base};
  role r = ROLE_UNKNOWN;
  if (base && base->too_large) {
    m.ok = false;
    m.too_large = arena_printf(ar, "the baseline (%s)", base->too_large);
  } else if (base && !base->ok && m.ok) {
    m.ok = false;
    m.why = arena_printf(ar, "basis kan ikke opgøres (%s)", base->why);
  }
  if (base && base->ok) {
    nums->has_baseline = true;
    nums->baseline = base->value;
  }
  if (!effective_target(g, base, &t) && m.ok) {
    m.ok = false;
    m.too_large = "the target computed from the baseline";
  }
  nums->target = t.v;
  nums->target_high = t.cmp == C_BETWEEN ? t.hi : t.v;
  if (m.ok) {
    nums->has_value = true;
    nums->value = m.value;
    if (m.ratio) {
      nums->has_ratio = true;
      nums->numerator = m.numerator;
      nums->denominator = m.denominator;
    }
    if (achievement(&t, base, m.value, &tc.ach, &tc.inf)) {
      tc.has_ach = true;
      nums->has_achievement = !tc.inf;
      nums->achievement = tc.ach;
      r = pick_status(g->scheme, tc.ach, tc.inf);
    } else {
      m.ok = false;
      m.too_large = "the achievement";
    }
  }
  if (m.too_large) {
    goal_too_large(res, g, part_key, m.too_large);
    m.why = "";
  }
  buf b = {0};
  if (m.ok) {
    render(&b, g->result_tpl ? g->result_tpl : default_template(g), &tc);
    bool change = g->t->cmp == C_REDUCE || g->t->cmp == C_INCREASE || g->t->cmp == C_MAINTAIN;
    const char *u = change || !g->t->unit ? g->unit : g->t->unit; /* a change's pct is not the value's unit */
    if (!g->result_tpl && (g->m->kind != M_SHARE || g->m->over) && u && strcmp(u, "pct") != 0 &&
        strcmp(u, "pct points") != 0) {
      if (g->base || g->has_base_value) {
        /* "{værdi} mod {basis} (...)": the unit after the value */
        buf out = {0};
        const char *s = buf_str(&b), *sp = strchr(s, ' ');
        buf_add(&out, s, sp ? (size_t)(sp - s) : strlen(s));
        buf_addc(&out, ' ');
        buf_adds(&out, unit_da(u, m.value));
        if (sp) buf_adds(&out, sp);
        buf_free(&b);
        b = out;
      } else {
        buf_addc(&b, ' ');
        buf_adds(&b, unit_da(u, m.value));
      }
    }
  } else {
    buf_printf(&b, "Kan ikke opgøres: %s", m.why);
  }
  row->result = arena_strdup(ar, buf_str(&b));
  buf_free(&b);
  row->status = to_rep[r];
  row->status_label = g->scheme->label[r];
  row->nums = nums;
  return r;
}

/* Danish alphabetical order: a–z, then æ, ø, å; case only breaks ties. */
static int letter_rank(const unsigned char *s, size_t *adv) {
  if (s[0] == 0xC3 && s[1]) {
    *adv = 2;
    switch (s[1]) {
    case 0xA6: case 0x86: return 'z' + 1; /* æ Æ */
    case 0xB8: case 0x98: return 'z' + 2; /* ø Ø */
    case 0xA5: case 0x85: return 'z' + 3; /* å Å */
    default: return 0x100 + s[1];
    }
  }
  *adv = 1;
  if (s[0] >= 'A' && s[0] <= 'Z') return s[0] - 'A' + 'a';
  return s[0] < 0x80 ? s[0] : 0x200 + s[0];
}

static int collate(const char *a, const char *b) {
  const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
  while (*x && *y) {
    size_t ax, ay;
    int rx = letter_rank(x, &ax), ry = letter_rank(y, &ay);
    if (rx != ry) return rx < ry ? -1 : 1;
    x += ax;
    y += ay;
  }
  if (*x || *y) return *x ? 1 : -1;
  return strcmp(a, b);
}

static int part_order(const part *a, const part *b) {
  if (a->missing != b->missing) return a->missing ? 1 : -1;
  if (a->val.kind != V_TEXT && a->val.kind == b->val.kind) {
    int c = compare(a->val, b->val);
    if (c) return c;
  }
  return collate(a->key, b->key);
}

static role aggregate(const initiative *in, const role *goal_roles) {
  role worst = ROLE_MET;
  int n = 0, met = 0, partly = 0, unknown = 0;
  for (const goal *g = in->goals; g; g = g->next, n++) {
    role r = goal_roles[g->index];
    if (r > worst) worst = r;
    met += r == ROLE_MET;
    partly += r == ROLE_PARTLY;
    unknown += r == ROLE_UNKNOWN;
  }
  switch (in->agg) {
  case AGG_MANUAL: return in->manual_role;
  case AGG_GOAL: return goal_roles[in->agg_target->index];
  case AGG_WORST: return n ? worst : ROLE_UNKNOWN;
  case AGG_ALL:
    if (n == 0 || unknown) return ROLE_UNKNOWN;
    if (met == n) return ROLE_MET;
    return met || partly ? ROLE_PARTLY : ROLE_NOT_MET;
  }
  return ROLE_UNKNOWN;
}

/* Indicator values are looked up after the pass, in the keyed table. */
static void lookup_indicator(eval_result *res, probe *pr) {
  const measure *m = pr->m;
  if (!m || m->kind != M_INDICATOR || !m->source) return;
  buf key = {0};
  buf_adds(&key, m->indicator);
  buf_addc(&key, '\x1f');
  if (m->period) buf_adds(&key, m->period->lit.u.t.s);
  entry *e;
  HASH_FIND(hh, res->indicators[m->source->index], key.s, key.len, e);
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

static void assessed_row(eval_result *res, const goal *g, rep_row *rg, role *r) {
  entry *e;
  HASH_FIND(hh, res->assessments[g->assessed->index], g->id, strlen(g->id), e);
  if (!e || e->count > 1) {
    *r = ROLE_UNKNOWN;
    rg->result = e ? arena_printf(res->a, "Kan ikke opgøres: %s har %d vurderinger af mål %s", g->assessed->name, e->count, g->id)
                   : arena_printf(res->a, "Kan ikke opgøres: %s har ingen vurdering af mål %s", g->assessed->name, g->id);
  } else {
    *r = e->r;
    rg->result = arena_strdup(res->a, e->reason);
    if (e->comment && *e->comment) rg->comment = arena_strdup(res->a, e->comment);
  }
  rg->status = to_rep[*r];
  rg->status_label = g->scheme->label[*r];
}

static void build_table(ast_program *p, eval_result *res) {
  arena *ar = res->a;
  rows_out o = {.a = ar};
  role *roles = xcalloc((size_t)p->ngoals + 1, sizeof *roles);
  const scheme_decl *s = p->default_scheme;
  for (area *a = p->areas; a; a = a->next) {
    rep_row *ra = add_row(&o, ROW_AREA);
    ra->number = a->number;
    ra->title = a->title;
    ra->status = ST_NONE;
    ra->comment = a->comment ? a->comment : "";
    for (initiative *in = a->inits; in; in = in->next) {
      size_t at = o.n;
      add_row(&o, ROW_INITIATIVE);
      for (goal *g = in->goals; g; g = g->next) {
        rep_row *rg = add_row(&o, ROW_GOAL);
        rg->number = g->id;
        rg->title = g->title;
        rg->comment = g->comment ? g->comment : "";
        goal_state *gs = &res->goals[g->index];
        if (g->manual) {
          roles[g->index] = g->manual_role;
          rg->status = to_rep[g->manual_role];
          rg->status_label = g->scheme->label[g->manual_role];
          rg->result = g->manual_reason;
          continue;
        }
        if (g->assessed) {
          assessed_row(res, g, rg, &roles[g->index]);
          continue;
        }
        measured base = {0};
        if (gs->has_base) base = measure_probe(ar, &gs->base, &gs->base.total, true);
        else if (g->has_base_value) base = (measured){.ok = true, .value = g->base_value};
        const measured *bp = gs->has_base || g->has_base_value ? &base : NULL;
        measured mv = measure_probe(ar, &gs->main, &gs->main.total, true);
        roles[g->index] = judge(res, g, NULL, &mv, &gs->main.total, bp, rg);
        if (g->by_col < 0) continue;
        HASH_SORT(gs->main.parts, part_order);
        for (part *pt = gs->main.parts; pt; pt = pt->hh.next) {
          rep_row *rp = add_row(&o, ROW_PART);
          rp->number = arena_strdup(ar, pt->key);
          measured pm = measure_probe(ar, &gs->main, &pt->a, false);
          measured pb = base;
          if (gs->has_base) { /* the baseline of the same part */
            part *bpt;
            HASH_FIND(hh, gs->base.parts, pt->key, strlen(pt->key), bpt);
            acc none = {0};
            pb = measure_probe(ar, &gs->base, bpt ? &bpt->a : &none, false);
          }
          part *un;
          HASH_FIND(hh, gs->main.unsure, pt->key, strlen(pt->key), un);
          if (un) pt->a.unsure = un->a.unsure; /* its rows left out of the group as unknown */
          judge(res, g, pt->key, &pm, &pt->a, bp ? &pb : NULL, rp);
        }
      }
      /* the rows may have moved: fill the initiative's row now */
      rep_row *ri = &o.rows[at];
      ri->number = in->number;
      ri->title = in->title;
      role r = aggregate(in, roles);
      ri->status = to_rep[r];
      ri->status_label = s->label[r];
      ri->comment = in->comment ? in->comment : "";
      ri->result = in->result ? in->result : "";
      if (in->agg == AGG_MANUAL)
        ri->result = in->result ? arena_printf(ar, "%s\n%s", in->result, in->manual_reason) : in->manual_reason;
    }
  }
  free(roles);
  res->table.rows = arena_alloc(ar, (o.n ? o.n : 1) * sizeof *o.rows);
  if (o.n) memcpy(res->table.rows, o.rows, o.n * sizeof *o.rows);
  res->table.nrows = o.n;
  free(o.rows);
}

eval_result *eval_run(ast_program *p, FILE *err, bool progress) {
  eval_result *res = xcalloc(1, sizeof *res);
  res->a = arena_new();
  res->p = p;
  res->err = err;
  res->ngoals = p->ngoals;
  res->goals = xcalloc((size_t)p->ngoals + 1, sizeof *res->goals);
  res->ndata = p->ndata;
  res->indicators = xcalloc((size_t)p->ndata + 1, sizeof *res->indicators);
  res->assessments = xcalloc((size_t)p->ndata + 1, sizeof *res->assessments);
  for (int i = 0; i < p->ngoals; i++) {
    goal_state *gs = &res->goals[i];
    goal *g = p->goalv[i];
    gs->g = g;
    if (g->manual || g->assessed || !g->m) continue;
    gs->main = (probe){.m = g->m, .g = g, .exclude_missing = g->exclude_missing, .by_col = g->by_col};
    if (g->base) {
      gs->has_base = true;
      gs->base = (probe){.m = g->base, .g = g, .is_base = true, .exclude_missing = g->exclude_missing,
                         .by_col = g->by && g->base->source ? col_named(g->base->source, g->by) : -1};
    }
  }
  res->table.title = p->title;
  res->table.period = p->period_text;
  res->table.sources = arena_alloc(res->a, (size_t)(p->ndata ? p->ndata : 1) * sizeof(rep_source));
  int failed = 0;
  for (int i = 0; i < p->ndata; i++) {
    data_decl *d = p->datav[i];
    uint64_t rows = 0;
    if (read_source(p, d, res, &rows, err, progress) != 0) failed = 1;
    res->table.sources[i].name = d->name;
    res->table.sources[i].rows = rows;
  }
  res->table.nsources = (size_t)p->ndata;
  if (failed) {
    eval_free(res);
    return NULL;
  }
  for (int i = 0; i < res->ngoals; i++) {
    lookup_indicator(res, &res->goals[i].main);
    if (res->goals[i].has_base) lookup_indicator(res, &res->goals[i].base);
  }
  build_table(p, res);
  if (res->errors) {
    eval_free(res);
    return NULL;
  }
  return res;
}

const rep_table *eval_table(const eval_result *r) { return &r->table; }

static void free_acc(acc *a) {
  dentry *e, *t;
  HASH_ITER(hh, a->distinct, e, t) {
    HASH_DEL(a->distinct, e);
    free(e->key);
    free(e);
  }
}

static void free_parts(part **map) {
  part *pt, *t;
  HASH_ITER(hh, *map, pt, t) {
    HASH_DEL(*map, pt);
    free_acc(&pt->a);
    free(pt->key);
    free(pt);
  }
}

static void free_probe(probe *pr) {
  free_acc(&pr->total);
  free_parts(&pr->parts);
  free_parts(&pr->unsure);
  free_parts(&pr->over);
}

static void free_entries(entry **map) {
  entry *e, *t;
  HASH_ITER(hh, *map, e, t) {
    HASH_DEL(*map, e);
    free(e->key);
    free(e->reason);
    free(e->comment);
    free(e);
  }
}

void eval_free(eval_result *r) {
  if (!r) return;
  for (int i = 0; i < r->ngoals; i++) {
    free_probe(&r->goals[i].main);
    free_probe(&r->goals[i].base);
  }
  for (int i = 0; i < r->ndata; i++) {
    free_entries(&r->indicators[i]);
    free_entries(&r->assessments[i]);
  }
  free(r->indicators);
  free(r->assessments);
  free(r->goals);
  arena_free(r->a);
  free(r);
}

/* ---- the details behind one goal ---- */

/* Columns that made a row's membership unknown, gathered step by step:
 * each column once per row (a stamp per column says which row saw it). */
typedef struct {
  const row_ctx *r;
  const data_decl *d;
  int *cols;        /* columns gathered for this row */
  size_t ncols;
  uint64_t *stamp;  /* per column: the row that gathered it, +1 */
  uint64_t *gstamp; /* per group: the row that walked it, +1 */
  uint64_t row;
  walk_stack w;
} gather;

/* A missing column found in a condition; a group named in it whose
 * membership is unknown is looked into too, and so is the chain it is
 * built from as far as that is unknown (each group once per row). */
static void gather_missing(const expr *x, walk_stack *w, void *ctx) {
  gather *ga = ctx;
  if (x->kind == E_NAME && x->ref == REF_COLUMN && ga->r->vals[x->slot].kind == V_MISSING &&
      ga->stamp[x->slot] != ga->row + 1) {
    ga->stamp[x->slot] = ga->row + 1;
    ga->cols[ga->ncols++] = x->slot;
  }
  if (x->kind != E_NAME || x->ref != REF_GROUP) return;
  /* pushed last to first: the walk pops the outermost group's condition first */
  for (const group_decl *g = ga->r->p->groupv[x->slot]; g && ga->r->memo[g->index] == TV_UNKNOWN; g = g->parent) {
    if (ga->gstamp[g->index] == ga->row + 1) break;
    ga->gstamp[g->index] = ga->row + 1;
    walk_push(w, g->where, false);
  }
}

static void gather_cond(gather *ga, const expr *e) {
  if (e) expr_walk(&ga->w, e, gather_missing, ga);
}

/* Count the gathered columns for step s. */
static void count_missing(const gather *ga, eval_step *s) {
  for (size_t k = 0; k < ga->ncols; k++) {
    const char *name = ga->d->colv[ga->cols[k]]->name;
    size_t i = 0;
    while (i < s->nmissing && strcmp(s->missing[i].column, name)) i++;
    if (i == s->nmissing) {
      s->missing = xrealloc(s->missing, (s->nmissing + 1) * sizeof *s->missing);
      s->missing[s->nmissing++] = (eval_missing){name, 0};
    }
    s->missing[i].rows++;
  }
}

static void add_id(char ***v, size_t *n, const char *s) {
  *v = xrealloc(*v, (*n + 1) * sizeof **v);
  (*v)[(*n)++] = xstrdup(s);
}

/* One row through the steps.  A group step is asked about every row not
 * yet certainly out (in the group it is built from, or undecided there):
 * the row's membership is the Kleene AND of the chain (§5.6), so a row
 * undecided in the first group is out of the second when its condition
 * is false there.  The measure's condition is asked about the rows of
 * the target group only.  Returns the truth of the measure's condition,
 * or TV_FALSE with *reached false when the row is not in the group. */
static truth detail_row(eval_detail *det, const group_decl *const *chain, gather *ga, const expr *where, bool *reached) {
  const row_ctx *r = ga->r;
  truth before = TV_TRUE;
  ga->ncols = 0;
  size_t depth = det->nsteps - 1;
  for (size_t s = 0; s < depth && before != TV_FALSE; s++) {
    eval_step *st = &det->steps[s];
    truth in = r->memo[chain[s]->index];
    st->asked++;
    if (in == TV_TRUE) st->yes++;
    else if (in == TV_FALSE) st->no++;
    else {
      st->unknown++;
      gather_cond(ga, chain[s]->where); /* what this step adds to why */
      count_missing(ga, st);
    }
    before = in;
  }
  *reached = before == TV_TRUE;
  if (!*reached) return TV_FALSE;
  eval_step *st = &det->steps[depth];
  st->asked++;
  truth t = where ? truth_of(eval((row_ctx *)r, where)) : TV_TRUE;
  if (t == TV_TRUE) st->yes++;
  else if (t == TV_FALSE) st->no++;
  else {
    st->unknown++;
    ga->ncols = 0;
    gather_cond(ga, where);
    count_missing(ga, st);
  }
  return t;
}

eval_detail *eval_details(ast_program *p, const goal *g, bool collect_ids, FILE *err) {
  const measure *m = g->m;
  data_decl *d = m->source;
  eval_detail *det = xcalloc(1, sizeof *det);
  det->source = d;
  /* the chain of groups, outermost first, then the measure's condition */
  size_t depth = 0;
  for (const group_decl *x = m->g; x; x = x->parent) depth++;
  det->nsteps = depth + 1;
  det->steps = xcalloc(det->nsteps, sizeof *det->steps);
  const group_decl **chain = xcalloc(depth + 1, sizeof *chain);
  size_t k = depth;
  for (const group_decl *x = m->g; x; x = x->parent) {
    chain[--k] = x;
    det->steps[k].what = x->name;
    det->steps[k].cond = x->where;
  }
  det->steps[depth].cond = m->where;
  for (size_t i = 0; i < d->ncol && collect_ids; i++)
    if (!strcmp(d->colv[i]->name, "person_id") || (!det->id_column && i == 0)) det->id_column = d->colv[i]->name;
  int idcol = -1;
  for (size_t i = 0; det->id_column && i < d->ncol; i++)
    if (!strcmp(d->colv[i]->name, det->id_column)) idcol = (int)i;
  probe one = {.m = m, .g = g};
  probe *ones[1] = {&one};
  plan pl;
  plan_build(p, ones, 1, &pl);
  scan sc;
  if (!scan_open(&sc, p, d, &pl, err)) {
    plan_free(&pl);
    free(chain);
    eval_detail_free(det);
    return NULL;
  }
  row_ctx *r = &sc.r;
  gather ga = {.r = r, .d = d, .cols = xcalloc(d->ncol + 1, sizeof(int)),
               .stamp = xcalloc(d->ncol + 1, sizeof(uint64_t)),
               .gstamp = xcalloc((size_t)p->ngroups + 1, sizeof(uint64_t))};
  buf id = {0};
  while (scan_next(&sc)) {
    det->rows++;
    ga.row = sc.rows;
    buf_clear(&id);
    if (idcol >= 0) value_text(r->vals[idcol], &id);
    bool reached;
    truth t = detail_row(det, chain, &ga, m->where, &reached);
    /* a row in the target group is counted, not counted, or unknown */
    if (collect_ids && idcol >= 0 && reached) {
      if (t == TV_TRUE) add_id(&det->counted, &det->ncounted, buf_str(&id));
      else if (t == TV_FALSE) add_id(&det->not_counted, &det->nnot_counted, buf_str(&id));
      else add_id(&det->unknown, &det->nunknown, buf_str(&id));
    }
    if (reached && t == TV_TRUE && m->col >= 0 && r->vals[m->col].kind == V_MISSING) det->value_missing++;
  }
  buf_free(&id);
  free(ga.cols);
  free(ga.stamp);
  free(ga.gstamp);
  free(ga.w.v);
  free(chain);
  int bad = scan_close(&sc);
  plan_free(&pl);
  if (bad) { /* the data errors are said */
    eval_detail_free(det);
    return NULL;
  }
  return det;
}

void eval_detail_free(eval_detail *d) {
  if (!d) return;
  for (size_t i = 0; i < d->nsteps; i++) free(d->steps[i].missing);
  free(d->steps);
  for (size_t i = 0; i < d->ncounted; i++) free(d->counted[i]);
  for (size_t i = 0; i < d->nnot_counted; i++) free(d->not_counted[i]);
  for (size_t i = 0; i < d->nunknown; i++) free(d->unknown[i]);
  free(d->counted);
  free(d->not_counted);
  free(d->unknown);
  free(d);
}
