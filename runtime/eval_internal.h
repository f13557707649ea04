/* eval_internal.h — what the pieces of the evaluator share; not for use
 * outside them (eval.h is the evaluator's interface).  The pipeline, each
 * file using only those above it:
 *
 *   expr.c    one row's expressions and conditions (three-valued)
 *   cond.c    a pass's conditions compiled once into flat steps
 *   accum.c   accumulators: counts, sums, distinct sets, per part
 *   tables.c  indicator and assessment tables, read and looked up
 *   plan.c    which groups a pass decides for each row, in what order
 *   entity.c  per-entity state: key index, fields through references,
 *             'har' counts and month bitsets; which round of passes
 *             reads a source for what (spec §5.10)
 *   scan.c    reading a source row by row: fields, groups decided
 *   split.c   a large file's pass in parts, one per core: the parts merged
 *   pass.c    one pass over a source: every step on every row, progress
 *   detail.c  the pass behind 'maal explain'
 *
 *   judge.c   target in force, achievement, status
 *   result.c  result texts and their placeholders
 *   eval.c    eval_run: the passes, then the status table */
#ifndef MAAL_EVAL_INTERNAL_H
#define MAAL_EVAL_INTERNAL_H

#include "dset.h"
#include "iset.h"
#include <stdio.h>

#include "csv.h"
#include "eval.h"
#include "hash.h"

/* Three-valued truth. */
typedef enum { TV_FALSE, TV_TRUE, TV_UNKNOWN } truth;

/* What one goal (or one breakdown part of it) has counted so far. */
typedef struct {
  int64_t group;   /* rows in the target group */
  int64_t hits;    /* rows meeting the condition (count, share) */
  int64_t unknown; /* rows of the group whose condition or value was missing */
  int64_t unsure;  /* rows left out of the group itself for a missing value */
  int64_t nvalues; /* values summed, averaged or compared */
  num sum;         /* sum and average */
  num best;        /* min, max, value */
  dset distinct;   /* count distinct: the values seen, as texts (dset.h) */
  iset idistinct;  /* count distinct: the whole numbers and dates seen (iset.h) */
  int64_t ndistinct; /* count distinct: values counted by a database (pgrun.c) */
  bool overflow;
  num den;         /* a ratio: the denominator's sum (the numerator's is sum) */
  /* the largest |numerator| and denominator sum and den have had: bound
     what the running sums of one core's order could reach (split.c) */
  int64_t peak, dmax;
} acc;

/* One side of a part's key (spec §11): the value, or its band. */
typedef struct {
  value val;     /* for ordering: numbers and dates by value */
  bool missing;
  int band;      /* the band's index, nbands for "(øvrige)", -1: no bands */
  char *label;   /* as shown: the value, the band's name, "(mangler)" */
} part_side;

typedef struct part {
  char *key;     /* the sides' labels joined by \x1f; hash key */
  part_side side[2];
  int nside;
  bool missing;  /* 'average over': the month is missing */
  value val;     /* 'average over': the month */
  acc a;
  UT_hash_handle hh;
} part;

/* One side of a probe's breakdown: what it is and its column in the
 * probe's source (a baseline's source may be another). */
typedef struct {
  const by_dim *d;
  int col;
} by_side;

/* One measure being accumulated: a goal's own, or its baseline. */
typedef struct {
  const measure *m;
  const goal *g;       /* whose measure it is (named in data errors) */
  bool is_base;
  bool exclude_missing;
  int nby;       /* sides of the breakdown: 0, 1 or 2 */
  by_side by[2];
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
  bool done;       /* milestone: a completion date is given */
  int32_t date;    /* milestone: the completion date */
  uint32_t line;   /* milestone: the row's line, for a second row's error */
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

typedef struct row_ctx row_ctx;

/* A condition compiled for one row_ctx (cond.c): its first step and the
 * function that asks it, so that a row's truth of it is one call, with no
 * look-up by the expression.  run NULL: no condition (true). */
typedef struct cond_step cond_step;
typedef truth cond_runner(row_ctx *r, const cond_step *s);
typedef struct {
  cond_runner *run;
  const cond_step *s;
} cond_handle;

/* A group of the plan as each row decides it (scan.c): its index in the
 * memo, its parent's (p->ngroups, whose memo is always true, when it has
 * none) and its condition. */
typedef struct {
  int g, parent;
  cond_handle where;
  const group_decl *decl;
} group_step;

/* A probe as each row updates it (accum.c): its group's index in the
 * memo (p->ngroups when it has none) and its measure's condition; plain:
 * it has no breakdown and no 'average over', so a row of its group
 * updates its total alone; hits: plain, and a share or a count, so the
 * row only counts the condition's truth. */
typedef struct {
  int g;
  bool plain, hits;
  cond_handle where;
} probe_step;

/* The state of the row being read. */
struct row_ctx {
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
  struct rel_state *rel; /* per-entity state read by SRC.COL and 'har'; NULL: none built */
  buf relkey;            /* the key rel_field and rel_has look up (the state is shared by the
                            threads of a split pass, so the row keeps its own) */
  struct cond_cache *conds; /* the conditions compiled for this row_ctx (cond.c); NULL: the tree is walked */
  /* the plan's groups and the probes with their conditions compiled for
     this row_ctx: each thread of a split pass has its own (the program
     is shared read-only) */
  group_step *groups;
  size_t ngroups;
  probe_step *probes;
  probe *const *probes_for; /* the probes they are of, NULL: none made yet */
  int nprobes;
};

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
  entry **milestones;
  /* checks of the extract (spec §4.7): every source's, in order; a
     source's start at check_at[its index] */
  bool check_rows;  /* keep every row that breaks a check (run --rows) */
  bool digest;      /* hash each data file as it is read: the report shows its provenance */
  rep_check *checks;
  size_t *check_at;
};

typedef struct {
  bool ok;
  const char *why; /* when !ok: why it cannot be computed (Danish) */
  const char *too_large; /* when !ok: what is too large to compute; an error */
  num value;
  bool ratio;      /* a share or a ratio: numerator and denominator are meaningful */
  num numerator, denominator;
  int64_t over_n, over_skipped; /* 'average over COL': values of COL averaged, and left out */
} measured;

typedef struct {
  const expr *e;
  bool siblings; /* the rest of e's list follows e */
} walk_item;

typedef struct {
  walk_item *v;
  size_t n, cap;
} walk_stack;

typedef void walk_fn(const expr *x, walk_stack *w, void *ctx);

/* The columns an indicator or assessment table is read by, found once. */
typedef struct {
  int indikator, periode, vaerdi, taeller, naevner; /* indicator tables */
  int maal, status, begrundelse, kommentar;        /* assessment tables */
  int milestone, faerdig;                          /* milestone tables (maal or mål) */
} table_cols;

typedef struct {
  ast_program *p;
  data_decl *d;
  csv_reader *cr;
  csv_record *rec; /* the current row's record */
  struct src_prog *prog; /* how each column is read (src_program) */
  row_ctx r;       /* its values, and the group memo */
  FILE *err;       /* broken records and values are reported here */
  int errors;
  uint64_t rows;   /* records read (good or not), but those with every field empty */
  int head_pos;    /* the field of the first column, and its name's length: a */
  size_t head_len; /* record that names the columns again is the header repeated */
} scan;

typedef struct {
  const goal *g;
  const acc *a;
  const measured *m;
  const target *t;      /* the target in force (computed from the baseline) */
  const measured *base; /* NULL without a baseline */
  bool has_ach, inf, under;
  num ach;
} text_ctx;

/* ---- value.c ---- */

value missing_value(void);
value bool_value(truth t);
value int_value(int64_t n);
/* -1, 0, 1; both values present and of comparable kinds. */
int value_cmp(value a, value b);
void value_text(value v, buf *b);
void value_label(value v, buf *b); /* value_text with a decimal comma: a part's label */
value time_part(by_fn fn, value a);
bool month_index_of(value v, int32_t *out);
/* Inline: every condition of every row asks them. */
static inline truth truth_of(value v) {
  if (v.kind != V_BOOL) return TV_UNKNOWN;
  return v.u.b ? TV_TRUE : TV_FALSE;
}
static inline truth kleene_and(truth a, truth b) {
  if (a == TV_FALSE || b == TV_FALSE) return TV_FALSE;
  return a == TV_TRUE && b == TV_TRUE ? TV_TRUE : TV_UNKNOWN;
}
static inline truth kleene_or(truth a, truth b) {
  if (a == TV_TRUE || b == TV_TRUE) return TV_TRUE;
  return a == TV_FALSE && b == TV_FALSE ? TV_FALSE : TV_UNKNOWN;
}

/* ---- related.c ---- */

/* SRC.COL and 'har' for the row (spec §5.9, §5.10), from the per-entity
 * state built before (entity.c); at: the value of the window's X (e->a)
 * when 'har' has a window, else anything. */
value rel_field(row_ctx *r, const expr *e);
truth rel_has(row_ctx *r, const expr *e, value at);

/* ---- expr.c ---- */

value expr_eval(row_ctx *r, const expr *e);
/* The X of a 'har' window, evaluated for rel_has (missing when none). */
value har_at(row_ctx *r, const expr *e);
/* truth_of(expr_eval(r, e)), sooner for a condition: by its compiled
 * steps, found by e's address, when r->conds is set (cond.c), else by a
 * walk of e's tree (expr_tree_truth).  A pass's groups and probes ask
 * theirs by handles instead (cond_handle_of). */
truth expr_truth(row_ctx *r, const expr *e);
truth expr_tree_truth(row_ctx *r, const expr *e);
void row_too_large(row_ctx *r, const goal *g, const char *what, const char *name);
void walk_push(walk_stack *w, const expr *e, bool siblings);
void expr_walk(walk_stack *w, const expr *e, walk_fn *fn, void *ctx);

/* ---- cond.c ---- */

/* A pass's conditions compiled once into flat steps, each the first time
 * it is asked, in the row_ctx's own cache (threads with a row_ctx each
 * share the program read-only).  cond_start after the row_ctx is made,
 * before its first row (once; a second call keeps the cache); cond_end
 * when its pass is done. */
typedef struct cond_cache cond_cache;
void cond_start(row_ctx *r);
void cond_end(row_ctx *r);
/* e compiled for r (cond_start is called if it was not); valid until
 * cond_end.  e NULL: a handle whose run is NULL. */
cond_handle cond_handle_of(row_ctx *r, const expr *e);
static inline truth cond_ask(row_ctx *r, cond_handle h) { return h.run ? h.run(r, h.s) : TV_TRUE; }

/* ---- accum.c ---- */

/* One row for each of the n probes (both halves of a split pass). */
void update_probes(row_ctx *r, probe *const *pr, int n, buf *tmp);
/* The accumulator of a breakdown part, its sides given (val, missing and
 * band set), or of an 'average over' part, its value given: found, or
 * made empty (pgrun.c fills them from a database's rows). */
acc *part_of_sides(part **map, const probe *pr, const part_side *sd, buf *tmp);
acc *part_for(part **map, value v, buf *tmp);
measured measure_probe(arena *ar, const probe *pr, const acc *a, bool total);
void free_probe(probe *pr);
/* Merging the counts of a split pass (split.c): from has counted the
 * rows after those counted in into.  probe_merge_fits: false when a sum
 * could have grown too large to compute on the way through the rows one
 * after another (§5.7), so the rows must be counted again in order.
 * merge_probe adds from's counts to into's; from's parts move into
 * into's maps, after into's own (the order one core makes them in). */
bool probe_merge_fits(const probe *into, const probe *from);
void merge_probe(probe *into, probe *from);

/* ---- tables.c ---- */

table_cols table_columns(const data_decl *d);
/* What is wrong with an indicator row's taeller (t), naevner (n) and
 * vaerdi (v), each a value or missing (spec §7.9): nothing; one of
 * taeller and naevner without the other; not counts (whole, 0 or more,
 * taeller at most naevner); or a vaerdi that is not their share. */
typedef enum { IND_OK, IND_HALF, IND_NOT_COUNTS, IND_DISAGREE } ind_fault;
ind_fault indicator_fault(value t, value n, value v);
/* One row of an indicator table; false after a data error said on err. */
bool indicator_row(entry **map, const data_decl *d, const table_cols *tc, row_ctx *r, const csv_record *rec, FILE *err,
                   buf *tmp);
bool assessment_row(entry **map, const data_decl *d, const table_cols *tc, row_ctx *r, const csv_record *rec,
                    FILE *err);
void lookup_indicator(entry **indicators, probe *pr);
bool milestone_row(entry **map, const data_decl *d, const table_cols *tc, row_ctx *r, const csv_record *rec,
                   FILE *err);
void free_entries(entry **map);
/* An assessment's status as written (opfyldt, delvist, …); false for
 * anything else. */
bool read_role(const char *s, size_t n, role *out);
/* The entry of key[0..n) in map: found, or made empty. */
entry *entry_for(entry **map, const char *key, size_t n);

/* The per-entity state (entity.c), and what one pass over a source
 * does on each row. */
typedef struct rel_state rel_state;
typedef struct {
  bool rel;     /* key, references, 'har' state (entity.c) */
  bool measure; /* probes, indicator and assessment tables, and the
                   source's checks (scan.c, datacheck.c) */
} pass_steps;

/* ---- plan.c ---- */

void plan_build(ast_program *p, probe *const *pr, size_t n, plan *pl);
void plan_extend(ast_program *p, plan *pl, const group_decl *g, const expr *where);
void plan_free(plan *pl);

/* ---- scan.c ---- */

bool scan_open(scan *s, ast_program *p, data_decl *d, const plan *pl, bool digest, FILE *err);
void scan_start(scan *s, ast_program *p, data_decl *d, const plan *pl, csv_reader *cr, FILE *err);
bool scan_next(scan *s);
int scan_close(scan *s);

/* ---- split.c ---- */

/* A pass over a large file on more cores: a thread counts the rows of
 * each part of the file after the first into copies of the probes while
 * the pass reads the first; each part merges the next when it reaches
 * the record where the next begins, and when the pass reaches the second
 * part's, the copies' counts are added to its own and the pass is done.
 * When a part cannot be counted the same way as one core would (it
 * begins inside a quoted field, a row of it is broken, a sum could grow
 * too large on the way), its counts are dropped with the parts' after it
 * and the part before reads on: the result never depends on the split.
 * MAAL_THREADS=N: at most N parts; MAAL_THREADS=1 turns it off.  The
 * pass holds the second part, which holds the chain after it. */
typedef struct split split;
/* Whether the pass over d may be split: a UTF-8 file, large enough, and
 * two cores or more (or MAAL_THREADS above 1); the caller sees to the
 * rest: no table is read, and rel_splits allows the state built. */
bool split_wanted(const data_decl *d);
/* Start counting the parts after the first, the pass being at the first
 * record after the header (header_fields fields); NULL when there is no split.
 * rel: the pass builds the source's per-entity state too (rel_splits). */
typedef struct check_run check_run;
split *split_start(scan *first, bool rel, const check_run *checks, probe **mine, int n, size_t header_fields);
/* The file offset where the second part begins. */
uint64_t split_at(const split *sp);
/* Rows and bytes the other parts have read so far (the progress line). */
void split_progress(const split *sp, uint64_t *rows, uint64_t *bytes);
/* End the split and free it, the pass being exactly where the second
 * part begins (SPLIT_AT), past it (SPLIT_PAST: it began inside a record)
 * or stopped before it (SPLIT_SHORT).  At it, when the second part (with
 * the parts it merged) was counted cleanly, its sums fit and its keys
 * are new, its counts, keys and broken rows are merged into the pass's
 * (mine, first->r.rel, checks) and true returned, with first->rows
 * increased by its rows and *bytes set to the file's size as read (by
 * every part). */
typedef enum { SPLIT_AT, SPLIT_PAST, SPLIT_SHORT } split_end;
bool split_join(split *sp, split_end where, scan *first, check_run *checks, probe **mine, int n, uint64_t *bytes);

/* ---- entity.c ---- */

rel_state *rel_new(ast_program *p);
int rel_reads(const rel_state *rs, const data_decl *d);
void rel_free(rel_state *rs);
pass_steps rel_round(const rel_state *rs, const data_decl *d, int round);
void rel_plan(const rel_state *rs, const data_decl *d, plan *pl);
void rel_row(rel_state *rs, const data_decl *d, row_ctx *r, const csv_record *rec);
/* After the last rel_row of d's pass: its state made ready to be read. */
void rel_done(rel_state *rs, const data_decl *d);
/* A pass split in parts (split.c) that builds d's state: whether it can
 * (rel_splits); a part's own state (rel_fork, freed by
 * rel_free or rel_merge); what it built merged into rs's after rs's own,
 * false when a key (or a panel's entity and month) is in both
 * (rel_merge; the split's comment above says what then). */
bool rel_splits(const data_decl *d);
rel_state *rel_fork(const rel_state *rs, const data_decl *d);
bool rel_merge(rel_state *rs, rel_state *half, const data_decl *d, uint32_t lines_before);

/* ---- pass.c ---- */

/* One pass over d, running the steps `steps` says (spec §5.10).  out:
 * the rows read and, when the file was read to its end, its size and
 * SHA-256 (spec/output.md §5). */
int read_source(ast_program *p, data_decl *d, eval_result *res, rep_source *out, FILE *err, bool progress,
                rel_state *rs, const pass_steps *steps);
/* The per-entity state alone (maal explain); NULL after data errors. */
rel_state *rel_build(ast_program *p, FILE *err);

/* ---- judge.c ---- */

bool effective_target(const goal *g, const measured *base, target *t);
/* `under`: the achievement is just under *out (100 %), for a value
 * exactly on an open end of its target (§8.5). */
bool achievement(const target *t, const measured *base, num v, num *out, bool *inf, bool *under);
role pick_status(const scheme_decl *s, num a, bool inf, bool under);
rep_status status_rep(role r);
role milestone_goal(eval_result *res, const goal *g, rep_row *row);

/* ---- result.c ---- */

void result_text(buf *b, const text_ctx *c);

#endif
