/* ast.h — the syntax tree of a maal rule file.
 *
 * The parser builds it with the ast_* constructors and nothing else; the
 * checker (check.c) resolves names and types and fills the fields marked
 * "checker" below; the evaluator reads it.  Every node keeps the byte span
 * of its source text; line and column are computed only when a message is
 * printed (diag.c).
 *
 * Ownership: every node and string is allocated in the program's arena
 * (ast_program.arena) and lives until ast_free().
 */
#ifndef MAAL_AST_H
#define MAAL_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "num.h"

typedef struct {
  uint32_t beg, end; /* byte offsets into the source, end exclusive */
} span;

/* Value types of columns, parameters and expressions (check_values.c words them). */
typedef enum { T_NONE, T_INT, T_DEC, T_TEXT, T_BOOL, T_DATE, T_DUR,
               T_MONTH, T_QUARTER /* time values, spec §2.8 (calendar.h) */ } vtype;
bool ast_type_numeric(vtype t);

/* A runtime value: a number, a text, a truth value or a date; or missing. */
typedef enum { V_MISSING, V_NUM, V_TEXT, V_BOOL, V_DATE, V_DUR, V_MONTH, V_QUARTER } vkind;
typedef struct {
  vkind kind;
  union {
    num n;
    struct {
      const char *s;
      size_t len;
    } t;
    bool b;
    int32_t date; /* days since 1970-01-01 */
    struct {
      int32_t months, days;
    } dur;        /* a duration: calendar months and days */
    int32_t month;   /* V_MONTH: year * 12 + month - 1 (calendar.h) */
    int32_t quarter; /* V_QUARTER: year * 4 + quarter - 1 */
  } u;
} value;

/* ---- expressions ---- */

#define EXPR_LIST(X)                                                   \
  X(E_NUM, "number") X(E_STR, "text") X(E_BOOL, "truth value")         \
  X(E_DATE, "date") X(E_NAME, "name")                                  \
  X(E_ADD, "+") X(E_SUB, "-") X(E_MUL, "*") X(E_DIV, "/") X(E_NEG, "-") \
  X(E_EQ, "=") X(E_NE, "!=") X(E_LT, "<") X(E_LE, "<=") X(E_GT, ">")   \
  X(E_GE, ">=") X(E_AND, "and") X(E_OR, "or") X(E_NOT, "not")          \
  X(E_IN, "in") X(E_NOTIN, "not in") X(E_BETWEEN, "between")           \
  X(E_MISSING, "is missing") X(E_PRESENT, "is not missing")          \
  X(E_DURATION, "duration") X(E_ULTIMO, "ultimo") X(E_PRIMO, "primo")   \
  X(E_FIELD, "field") X(E_HAS, "has")                                  \
  TIME_EXPR_LIST(X)
/* Time values (spec §2.8, §5.11): literals, 'måned af X', 'X i P',
 * 'perioden', differences of dates. */
#define TIME_EXPR_LIST(X)                                              \
  X(E_MONTH, "month") X(E_QUARTER, "quarter") X(E_MONTH_OF, "month of") \
  X(E_QUARTER_OF, "quarter of") X(E_YEAR_OF, "year of")                \
  X(E_WITHIN, "in") X(E_PERIOD, "the period") X(E_DAYS_FROM, "days from") \
  X(E_WORKDAYS_FROM, "working days from") X(E_MONTHS_FROM, "months from")
typedef enum {
#define X(e, s) e,
  EXPR_LIST(X)
#undef X
} expr_kind;
const char *ast_expr_name(expr_kind k);

typedef enum { REF_NONE, REF_COLUMN, REF_PARAM, REF_GROUP } ref_kind;

typedef struct expr expr;
struct expr {
  expr_kind kind;
  span sp;
  expr *a, *b, *c;   /* operands; for E_IN/E_NOTIN `b` is the first item */
  expr *next;        /* next item in a list */
  const char *raw;   /* literal text as written */
  value lit;         /* literal value (E_NUM, E_STR, E_BOOL, E_DATE) */
  const char *name;  /* E_NAME */
  uint32_t depth;    /* levels of operators and brackets, 1 for a leaf (parser) */
  /* checker */
  ref_kind ref;
  int slot;          /* column index, parameter or group index */
  vtype type;
  struct rel_expr *rel; /* E_FIELD, E_HAS (spec §5.9, §5.10) */
};

/* ---- declarations ---- */

typedef struct column_decl {
  const char *name;
  span sp;
  vtype type;
  const char *unit; /* canonical unit or NULL */
  span unit_sp;
  struct column_decl *next;
  /* checker / schema loading */
  int pos;              /* position in the file's header */
  bool inferred;        /* type inferred from the data, not declared */
  bool unsampled;       /* inferred, but empty in every sampled row: it takes the
                           type its first use needs (checker) */
  const char *spaced;   /* a text column: the first sampled value with a space at
                           its start or end ("Køge "), or NULL (spec §4.5) */
  uint32_t spaced_line; /* its line in the file */
  bool spaced_said;     /* the checker has warned of it */
  const char *split;    /* a text column: the first sampled value with a letter
                           written in two parts, a letter and a combining mark
                           ("A" + U+030A for "Å"), or NULL (spec §4.5) */
  uint32_t split_line;
  bool split_said;
  const char *zero_led; /* inferred: the first sampled value of digits led by a
                           zero ("0147"), which made the column a text of codes */
} column_decl;

typedef enum { OPT_DELIMITER, OPT_DECIMAL, OPT_MISSING, OPT_ROWS, OPT_ENCODING,
               OPT_KEY, OPT_REF, OPT_TIME, /* items: E_NAMEs; OPT_REF: column, then source */
               OPT_COVERS /* items: the first and last E_DATE or E_MONTH */ } data_opt_kind;
typedef struct data_opt {
  data_opt_kind kind;
  span sp;
  const char *text;  /* delimiter/decimal text; OPT_ROWS: unit */
  expr *items;       /* OPT_MISSING: list of E_STR */
  struct data_opt *next;
} data_opt;

/* Checks of the extract (spec §4.7): what must hold in a source's rows,
 * reported, never stopping the run.  'kontrol SOURCE { ... }'. */
typedef enum { CK_UNIQUE, CK_REQUIRED, CK_IN, CK_RANGE, CK_ROWS } check_kind;
typedef struct check_item {
  check_kind kind;
  span sp;
  const char *text;     /* as written, blanks folded to one space */
  expr *cols;           /* E_NAMEs: CK_UNIQUE, CK_REQUIRED; CK_IN, CK_RANGE: the one column */
  expr *cond;           /* CK_IN, CK_RANGE: the condition a present value must meet */
  struct range_lit *range; /* CK_RANGE written as a range ([16..99]); NULL for 'mellem' */
  bool at_most;         /* CK_ROWS: 'højst' (else 'mindst') */
  expr *count;          /* CK_ROWS: the bound */
  struct check_item *next;
  /* checker */
  int *colv;            /* the columns' indexes into the source's colv */
  size_t ncols;
  int64_t bound;        /* CK_ROWS */
} check_item;

typedef struct check_decl {
  const char *source;
  span source_sp;
  check_item *items;
  struct check_decl *next;
} check_decl;

typedef struct data_decl {
  const char *name;
  span sp;
  const char *path;
  span path_sp;
  data_opt *opts;
  column_decl *cols;    /* NULL when the columns are to be inferred */
  bool cols_declared;
  struct data_decl *next;
  /* checker */
  int index;
  char delim;           /* 0 = detect */
  char decimal;         /* '.' or ',' */
  const char **missing; /* tokens that mean "missing"; "" always does */
  size_t nmissing;
  const char *rows_unit;
  int encoding;         /* csv_encoding: 0 UTF-8, 1 Windows-1252, 2 Latin-1 */
  const char *dir;      /* folder of the file that declared it */
  const char *resolved_path; /* path after --data and the rule file's folder */
  bool unreadable;      /* the path itself has a mistake: not opened */
  const char *open_path;/* where the rows are read from: resolved_path, or a
                           spooled copy of standard input (spooled = true) */
  bool spooled;
  column_decl **colv;   /* columns in header order, after inference */
  size_t ncol;
  struct rel_source *rel; /* keys, references, time column (spec §4.6); NULL: none */
  check_item **checkv;  /* its checks (spec §4.7), from every 'kontrol' block naming it, in order */
  size_t ncheck;
} data_decl;

typedef struct param_decl {
  const char *name;
  span sp;
  vtype type;
  span type_sp;
  expr *init;
  struct param_decl *next;
  /* checker / command line */
  int index;
  value val;
  const char *override_text; /* --param text, if any */
} param_decl;

typedef struct group_decl {
  const char *name;
  span sp;
  const char *base;    /* data source or another group */
  span base_sp;
  expr *where;         /* may be NULL */
  struct group_decl *next;
  /* checker */
  int index;
  data_decl *source;
  struct group_decl *parent; /* NULL when based directly on a source */
  int visit;                 /* cycle detection */
} group_decl;

/* Status roles, in order from best to worst. */
typedef enum { ROLE_MET, ROLE_PARTLY, ROLE_NOT_MET, ROLE_UNKNOWN, ROLE_COUNT } role;
const char *ast_role_name(role r);

/* A range with open or closed ends, as FEEL writes it (spec §8.1, §9.1):
 * [85..100], (85..100], [85..), (..100].  The grammar's `range`
 * nonterminal builds one; a target, a status scheme's band and (later) a
 * breakdown band can hold it.  An end that is NULL is unbounded, and an
 * unbounded end is always open. */
typedef struct range_lit {
  expr *lo, *hi;        /* NULL: no end on that side */
  bool lo_open, hi_open;/* '(' / ')': the end itself is not in the range */
  span sp;              /* from the opening to the closing bracket */
} range_lit;

typedef struct level {
  role r;
  span sp;
  const char *label;
  expr *from;   /* achievement lower bound, in pct; may be NULL */
  expr *below;  /* upper bound; may be NULL */
  bool from_open;   /* 'over A' / '(A..': A itself is not in the band */
  bool below_closed;/* 'til B' / '..B]': B itself is in the band */
  struct level *next;
} level;

typedef struct scheme_decl {
  const char *name;
  span sp;
  level *levels;
  struct scheme_decl *next;
  /* checker: per role, the interval [from, below) in pct, if any */
  const char *label[ROLE_COUNT];
  bool has[ROLE_COUNT];
  bool has_from[ROLE_COUNT], has_below[ROLE_COUNT];
  num from[ROLE_COUNT], below[ROLE_COUNT];
  bool from_open[ROLE_COUNT], below_closed[ROLE_COUNT]; /* the ends' kind (§9.1) */
} scheme_decl;

#define MEASURE_LIST(X)                                       \
  X(M_COUNT, "count") X(M_DISTINCT, "count distinct")         \
  X(M_SHARE, "share") X(M_SUM, "sum") X(M_AVG, "average")     \
  X(M_MIN, "min") X(M_MAX, "max") X(M_VALUE, "value")        \
  X(M_INDICATOR, "indicator") X(M_RATIO, "ratio") X(M_DONE, "done")
typedef enum {
#define X(e, s) e,
  MEASURE_LIST(X)
#undef X
} measure_kind;
const char *ast_measure_name(measure_kind k);

typedef struct measure {
  measure_kind kind;
  span sp;
  const char *column; /* the measured column; NULL for count and share */
  span col_sp;
  const char *group;  /* group or data source name */
  span group_sp;
  expr *where;        /* filter (count, sum, ...) or condition (share) */
  const char *as_unit;/* 'as UNIT': what each counted row or value stands for */
  span as_sp;
  const char *indicator; /* M_INDICATOR: the indicator's name */
  expr *period;          /* M_INDICATOR: the period to look up */
  const char *over;      /* 'average over COL of ...': averaged per value of COL */
  span over_sp;
  /* M_RATIO: numerator and denominator, each the sum of a column, or the
     number of rows when the column is NULL (§7.11) */
  const char *num_col, *den_col;
  span num_sp, den_sp;
  /* checker */
  group_decl *g;      /* NULL when measured on a whole source */
  data_decl *source;
  int col;            /* column index or -1 */
  int over_col;       /* column index of 'over', or -1 */
  int ind_cols[3];    /* M_INDICATOR: indikator, periode, vaerdi */
  int num_c, den_c;   /* M_RATIO: column indices, -1 for a count */
} measure;

#define CMP_LIST(X)                                                    \
  X(C_AT_LEAST, "at least") X(C_AT_MOST, "at most")                    \
  X(C_EXACTLY, "exactly") X(C_BETWEEN, "between") X(C_ABOUT, "about")  \
  X(C_REDUCE, "reduce by") X(C_INCREASE, "increase by") X(C_MAINTAIN, "maintain") \
  X(C_BY, "by") X(C_OVER, "over") X(C_UNDER, "under") X(C_RANGE, "range")
typedef enum {
#define X(e, s) e,
  CMP_LIST(X)
#undef X
} cmp_kind;
const char *ast_cmp_name(cmp_kind k);

/* The side of an 'about' target (§8.2): as written; the checker turns
 * SIDE_DEFAULT into SIDE_MORE for counts and SIDE_BOTH otherwise. */
typedef enum { SIDE_DEFAULT, SIDE_BOTH, SIDE_MORE, SIDE_FEWER, SIDE_LESS } about_side;

typedef struct target {
  cmp_kind cmp;
  span sp;
  expr *value;       /* low bound for between and a range (NULL: none in a range) */
  expr *high;        /* between and range only (NULL: none in a range) */
  expr *tolerance;   /* about only, in pct of the target; may be NULL */
  const char *unit;  /* canonical unit, or NULL for a plain number */
  span unit_sp;
  expr *period;      /* 'in PERIOD': the target applies to that period only */
  bool from_period;  /* 'from PERIOD': from that period on, until a later one (§8.8) */
  bool lo_open, hi_open; /* C_RANGE: the ends' kind */
  about_side side;   /* C_ABOUT: as written */
  span side_sp;
  /* checker */
  about_side side_eff;   /* C_ABOUT: SIDE_BOTH, SIDE_MORE or SIDE_FEWER/LESS */
  const char *carried;   /* the period of a 'from' target used for a later period, else NULL */
  num v, hi, tol;
  bool relative;     /* reduce/increase by a pct of the baseline */
  int32_t deadline;  /* C_BY: the milestone's last day (§8.9) */
} target;

typedef enum {
  AGG_ALL,    /* all met -> met, none met -> not met, else partly */
  AGG_WORST,  /* the worst goal's status */
  AGG_GOAL,   /* the status of one named goal */
  AGG_MANUAL, /* a stated status with a reason */
  AGG_ANY,    /* 'status nogen': met if any is met (spec §9.5) */
  AGG_ATLEAST,/* 'status mindst K af N mål opfyldt' */
  AGG_WEIGHTED/* 'status vægtet': the weighted mean of the achievements */
} agg_kind;

/* What a 'mindst K af N …' rule counts: the word after N. */
typedef enum { RU_GOALS, RU_INITIATIVES, RU_AREAS } rule_unit;

/* A status rule (spec §9.5, §9.7, §9.8): of an initiative over its goals,
 * of a focus area over its initiatives, of the agreement over its areas. */
typedef struct status_rule {
  agg_kind agg;
  span sp;               /* the rule, after 'status' */
  /* AGG_GOAL: 'status mål a' or 'status mål a, b og c': the goals named,
     in the order written (one or more), judged by the rule 'alle' */
  int ngoals;
  const char **goals;    /* their labels */
  span *goal_sps;        /* where each is written */
  role manual_role;      /* AGG_MANUAL */
  const char *manual_reason;
  int k, n;              /* AGG_ATLEAST; -1: too long to read */
  const char *k_text, *n_text; /* K and N as written */
  span k_sp, n_sp;
  rule_unit unit;
  span unit_sp;
  const char *scheme;    /* AGG_WEIGHTED 'med statusskema X', or NULL */
  span scheme_sp;
  int count;             /* how many status items were given (checker: at most 1) */
  /* checker */
  struct goal **targets; /* AGG_GOAL: the goals named, ngoals of them (NULL where none) */
  struct scheme_decl *sch; /* the scheme whose bounds and labels the rule uses */
} status_rule;

/* The words of a rule after 'status', "mindst 2 af 3 mål opfyldt" or
 * "at least 2 of 3 goals met"; a stated status with its reason. */
const char *ast_rule_words(const status_rule *r, bool english, char *out, size_t cap);

/* A weight (spec §9.9): 'vægt N' on a goal, an initiative or an area. */
typedef struct weight_decl {
  expr *e;               /* NULL: none given (weight 1) */
  span sp;
  int count;             /* how many were given (checker: at most 1) */
  num w;                 /* checker: the value, 1 by default */
} weight_decl;
/* ---- breakdowns (spec §11) ---- */

/* One band of a breakdown by bands: `16-24`, `30-`, `-15`, `"unge" 16-29`,
 * or a range with open or closed ends (spec §11.1): `[16..25)`, `[30..)`. */
typedef struct band {
  span sp;
  const char *label;         /* "unge"; NULL: the band is named by its ends as written */
  const char *lo_raw, *hi_raw; /* the ends as written ("-5" for a negative end of a
                                  range); NULL: no end on that side */
  bool ranged;               /* written as a range: [16..25) */
  bool lo_open, hi_open;     /* the end itself is not in the band; always true
                                for a side without an end, false for 16-24 */
  expr *lo_e, *hi_e;         /* ranged: the ends as parsed (bands.c checks that
                                each is a number written out) */
  struct band *next;
  /* checker (bands.c) */
  num lo, hi;
  const char *text;          /* its part's label: label, or "16-24", "30-", "-15", "[16..25)" */
  const char *ends;          /* its ends as written, canonical: "16-24", "[16..25)" */
} band;

/* What a breakdown key is computed from a column's value (spec §11.2). */
typedef enum { BYF_VALUE, BYF_MONTH, BYF_QUARTER, BYF_YEAR } by_fn;

/* One side of a breakdown: `jobcenter`, `alder (16-24, 25-)`, `måned af
 * start`, or the name of a banding declared with 'inddeling'. */
typedef struct by_dim {
  span sp;
  by_fn fn;
  const char *column;  /* a column, SRC.COL, or a banding's name */
  span col_sp;
  band *bands;         /* in brackets after it; NULL: none */
  struct by_dim *next; /* the second side of a two-way breakdown */
  /* checker */
  const struct by_dim *def;    /* what it stands for: itself, or a banding's dimension */
  const char *banding;         /* the banding's name when it is one, else NULL */
  int col;                     /* the column in the goal's source, or -1 */
  vtype type;                  /* the key's type (after fn) */
  struct band_set *set;        /* compiled bands (bands.h), or NULL */
} by_dim;

/* inddeling NAME = COLUMN (bands) / bands NAME = ... */
typedef struct banding_decl {
  const char *name;
  span sp;
  by_dim *dim;
  struct banding_decl *next;
} banding_decl;

typedef enum {
  GI_MEASURE, GI_TARGET, GI_RESULT, GI_COMMENT, GI_SCHEME, GI_BY,
  GI_STATUS, GI_EXCLUDE_MISSING, GI_BASELINE, GI_ASSESSED, GI_WEIGHT, GI_SOURCE
} goal_item_kind;

typedef struct goal_item {
  goal_item_kind kind;
  span sp;
  measure *m;
  target *t;
  const char *text;   /* result template, comment, manual reason */
  span text_sp;
  const char *name;   /* scheme name, breakdown column */
  by_dim *by;         /* GI_BY: its sides */
  role r;             /* GI_STATUS */
  expr *e;            /* GI_BASELINE given as a number */
  struct goal_item *next;
} goal_item;

typedef struct goal {
  const char *label;
  span label_sp;
  const char *title;
  span sp;
  goal_item *items;
  struct goal *next;
  /* checker */
  const char *id;        /* "1.1-a" */
  measure *m;
  target *t;
  const char *result_tpl;
  span result_sp;
  const char *comment;
  scheme_decl *scheme;
  const char *by;        /* the first side's column (or banding) as written */
  int by_col;            /* the first side's column index or -1 */
  by_dim *by_dims;       /* every side of the breakdown (1 or 2), or NULL */
  int nby;
  bool manual;
  role manual_role;
  const char *manual_reason;
  bool exclude_missing;
  const char *unit;      /* the measure's unit: "pct", a count unit, or NULL */
  bool unit_rejected;    /* an 'as UNIT' was wrong: no further unit checks */
  measure *base;         /* 'baseline MEASURE', or NULL */
  bool has_base_value;   /* 'baseline NUMBER' */
  num base_value;
  const char *base_unit;
  data_decl *assessed;   /* 'assessed by SOURCE' */
  int index;             /* position among all goals */
  num weight;            /* 'vægt N', 1 by default (spec §9.9) */
  const char *source_ref;/* 'kilde "…"': where it stands in the agreement (spec §6.4), or NULL */
} goal;

typedef enum { II_GOAL, II_COMMENT, II_RESULT, II_STATUS } init_item_kind;

typedef struct initiative {
  const char *number;
  span number_sp;
  const char *title;
  span sp;
  goal *goals;
  const char *comment;
  const char *result;
  status_rule rule;      /* its status from its goals (spec §9.5) */
  weight_decl weight;    /* 'vægt N' (spec §9.9) */
  int ncomment, nresult;
  const char *source_ref;/* 'kilde "…"' (spec §6.4), or NULL */
  int nsource;           /* how many were given (checker: at most 1) */
  span source_sp;        /* the last one */
  struct initiative *next;
  int index;             /* checker: position among all initiatives */
} initiative;

typedef struct area {
  const char *number;
  span number_sp;
  const char *title;
  span sp;
  initiative *inits;
  const char *comment;
  status_rule rule;      /* 'status …' in the area (spec §9.7); rule.count 0: none */
  weight_decl weight;    /* 'vægt N' (spec §9.9) */
  struct area *next;
} area;

/* A test of the rules ('maal test'): data, parameters, expected statuses. */
typedef enum { TI_RULES, TI_DATA_FILE, TI_DATA_ROWS, TI_PARAM, TI_EXPECT } test_item_kind;
typedef struct test_item {
  test_item_kind kind;
  span sp;
  const char *name;   /* data source, parameter, or goal id */
  const char *text;   /* rules path, data path, expected result text */
  expr *e;            /* TI_DATA_ROWS: the lines (E_STR list); TI_PARAM: the value */
  role r;             /* TI_EXPECT */
  struct test_item *next;
} test_item;

typedef struct test_decl {
  const char *name;
  span sp;
  test_item *items;
  const char *dir;    /* folder of the file that holds the test */
  struct test_decl *next;
} test_decl;

typedef struct import_decl {
  const char *path;
  span sp;
  const char *dir;      /* folder of the importing file */
  /* the last declarations before the import: its declarations go after them */
  struct data_decl *data_at;
  struct param_decl *param_at;
  struct group_decl *group_at;
  struct scheme_decl *scheme_at;
  struct import_decl *next;
  /* import.c: the file as read, for a report's provenance (spec/output.md
     §5); NULL when not read here (imported before, or unreadable) */
  const char *loaded;   /* its path, as joined to the importing file's folder */
  const char *text;
  size_t len;
} import_decl;

typedef struct ast_program {
  arena *arena;
  const char *path;      /* the rule file */
  const char *dir;       /* folder of the file being parsed (data paths are relative to it) */
  import_decl *imports;
  test_decl *tests;
  uint32_t main_end;     /* offsets up to here are in the file itself, not an import */
  uint32_t *soft_names;  /* offsets of keywords used as names (for fmt) */
  size_t nsoft, softcap;
  bool in_import;        /* parsing an imported file */
  bool abandoned;        /* the parser gave up on a file (not UTF-8, nested too
                            deeply): checking the rest would only add noise */
  const char *title;     /* agreement title; NULL if no agreement clause */
  span title_sp;
  int nagreement;
  expr *period;          /* may be NULL */
  span second_title_sp;  /* the second agreement line, if any */
  int pending_periods;   /* periods of the agreement line being parsed */
  bool period_twice;     /* one agreement line with two periods */
  span period_twice_sp;
  data_decl *data;
  param_decl *params;
  group_decl *groups;
  scheme_decl *schemes;
  banding_decl *bandings; /* 'inddeling' (spec §11.1) */
  check_decl *checks;     /* 'kontrol' blocks (spec §4.7) */
  check_decl *checks_hint;
  area *areas;
  status_rule rule;      /* the agreement's 'status …' (spec §9.8); rule.count 0: none */
  /* checker */
  scheme_decl *default_scheme;
  int ndata, nparams, ngroups, ngoals, ninits;
  data_decl **datav;
  param_decl **paramv;
  group_decl **groupv;
  /* a node near the end of each list, for appending (ast.c) */
  data_decl *data_hint;
  param_decl *params_hint;
  group_decl *groups_hint;
  scheme_decl *schemes_hint;
  test_decl *tests_hint;
  area *areas_hint;
  struct group_entry *group_index; /* groups by name (check_names.c), so lookups are O(1) */
  goal **goalv;
  const char *period_text;
  struct rel_expr **hasv; /* every 'har' (spec §5.10), by rel_expr.index */
  int nhas;
} ast_program;

ast_program *ast_new(const char *path);
void ast_free(ast_program *p);

/* The deepest expression the parser accepts (spec §13): every later pass
 * (checker, formatter, diff, evaluator) may recurse this deep, no deeper. */
enum { AST_MAX_DEPTH = 1000 };

/* A number token (digits, points between groups of three, a decimal
 * comma) in the canonical documents' style, appended to out: five or more
 * digits before the comma are grouped with points (26.898.526); four are
 * left as written, as a year (2007) is.  trim: leave out trailing zero
 * decimals too (diff compares values).  Anything else is appended as is. */
void ast_number_text(const char *raw, size_t n, bool trim, buf *out);
/* How a number written with points and commas reads in the documents'
 * style (spec §2.4): 1.052,5 is fine; 5.5 uses a point as decimal sign;
 * 1.05.000 has groups that are not of three digits; 2,500 reads two ways. */
typedef enum { AST_NUM_OK, AST_NUM_POINT_DECIMAL, AST_NUM_BAD_GROUPS, AST_NUM_TWO_READINGS } ast_num_style;
ast_num_style ast_number_style(const char *raw, size_t n);
/* NULL when raw is a number in the documents' style, else what is wrong
 * with it in plain words: for numbers outside the rules, such as --param. */
const char *ast_number_problem(const char *raw);
/* The value of raw in the documents' style: points dropped, comma decimal. */
bool ast_number_value(const char *raw, size_t n, arena *a, num *out);

/* Constructors (called only from parser.y). */
expr *ast_num(ast_program *p, const char *raw, span sp);
expr *ast_str(ast_program *p, const char *text, span sp);
expr *ast_bool(ast_program *p, bool b, span sp);
expr *ast_date(ast_program *p, const char *raw, span sp);
expr *ast_month(ast_program *p, const char *raw, span sp);   /* 2009-01 */
expr *ast_quarter(ast_program *p, const char *raw, span sp); /* 2009K1 */
expr *ast_name(ast_program *p, const char *name, span sp);
expr *ast_op(ast_program *p, expr_kind k, expr *a, expr *b, expr *c, span sp);
expr *ast_list_add(expr *list, expr *item); /* returns the head */
const char *ast_soft_name(ast_program *p, const char *name, span sp); /* a keyword used as a name */

void ast_agreement(ast_program *p, const char *title, span title_sp);
void ast_agreement_period(ast_program *p, expr *period);

column_decl *ast_column(ast_program *p, const char *name, span sp, vtype t, const char *unit, span unit_sp);
column_decl *ast_column_add(column_decl *list, column_decl *c);
data_opt *ast_data_opt(ast_program *p, data_opt_kind k, span sp, const char *text, expr *items);
data_opt *ast_data_opt_add(data_opt *list, data_opt *o);
/* checks of the extract (spec §4.7) */
check_item *ast_check_item(ast_program *p, check_kind k, span sp, expr *cols, expr *cond, range_lit *range,
                           bool at_most, expr *count);
check_item *ast_check_add(check_item *list, check_item *it);
void ast_checks(ast_program *p, const char *source, span source_sp, check_item *items);
void ast_data(ast_program *p, const char *name, span sp, const char *path, span path_sp,
              data_opt *opts, column_decl *cols, bool declared);
void ast_param(ast_program *p, const char *name, span sp, vtype t, span type_sp, expr *init);
void ast_group(ast_program *p, const char *name, span sp, const char *base, span base_sp, expr *where);
level *ast_level(ast_program *p, role r, span sp, const char *label, expr *from, expr *below);
level *ast_level_add(level *list, level *l);
void ast_scheme(ast_program *p, const char *name, span sp, level *levels);

measure *ast_measure(ast_program *p, measure_kind k, span sp, const char *column, span col_sp,
                     const char *group, span group_sp, expr *where);
measure *ast_measure_as(measure *m, const char *unit, span sp);
measure *ast_indicator(ast_program *p, span sp, const char *name, expr *period, const char *source, span source_sp);
measure *ast_measure_over(measure *m, const char *col, span sp);
measure *ast_ratio(ast_program *p, span sp, const char *num_col, span num_sp, const char *den_col, span den_sp,
                   const char *group, span group_sp, expr *where);
target *ast_target_in(target *t, expr *period);
target *ast_target_from(target *t, expr *period);
range_lit *ast_range(ast_program *p, span sp, bool lo_open, expr *lo, expr *hi, bool hi_open);
target *ast_target_range(ast_program *p, span sp, const range_lit *r, const char *unit, span unit_sp);
target *ast_target_side(target *t, about_side side, span sp);
level *ast_level_range(ast_program *p, role r, span sp, const char *label, const range_lit *rg);
/* How a target compares, for reports and explain: "at least", "over",
 * "range [..)", "about or more", ... (spec/output.md). */
const char *ast_target_comparator(const target *t);
/* A target's meaning in Danish words, as diff and explain show it:
 * "mindst 85", "over 85", "[85..100)", "ca. 600 eller flere".  The
 * numbers are given as texts (lo, hi, tolerance may be NULL). */
void ast_target_words(const target *t, const char *lo, const char *hi, const char *tol, const char *unit_da,
                      bool english, buf *out);
expr *ast_duration(ast_program *p, expr *n, int unit, span sp); /* unit: 'd', 'w', 'm', 'y' */
void ast_import(ast_program *p, const char *path, span sp);
test_item *ast_test_item(ast_program *p, test_item_kind k, span sp, const char *name, const char *text, expr *e, role r);
test_item *ast_test_item_add(test_item *list, test_item *it);
void ast_test(ast_program *p, const char *name, span sp, test_item *items);
target *ast_target(ast_program *p, cmp_kind c, span sp, expr *value, expr *high, const char *unit,
                   span unit_sp, expr *tolerance);
goal_item *ast_goal_item(ast_program *p, goal_item_kind k, span sp, void *payload, const char *text,
                         span text_sp, role r);
goal_item *ast_goal_item_add(goal_item *list, goal_item *it);
band *ast_band(ast_program *p, span sp, const char *label, const char *lo, const char *hi);
band *ast_band_range(ast_program *p, span sp, const range_lit *r);
band *ast_band_add(band *list, band *b);
by_dim *ast_by_dim(ast_program *p, span sp, by_fn fn, const char *column, span col_sp, band *bands);
by_dim *ast_by_dim_add(by_dim *list, by_dim *d);
goal_item *ast_goal_by(ast_program *p, span sp, by_dim *dims);
void ast_banding(ast_program *p, const char *name, span sp, by_dim *dim);
goal_item *ast_baseline_value(ast_program *p, span sp, expr *e, const char *unit);
goal_item *ast_weight_item(ast_program *p, span sp, expr *e);
initiative *ast_init_source(initiative *in, const char *text, span sp);
goal *ast_goal(ast_program *p, const char *label, span label_sp, const char *title, span sp,
               goal_item *items);

/* Initiative bodies are built item by item onto a fresh initiative. */
initiative *ast_init_new(ast_program *p);
initiative *ast_init_goal(initiative *in, goal *g);
initiative *ast_init_text(ast_program *p, initiative *in, init_item_kind k, const char *text);
status_rule *ast_rule(ast_program *p, agg_kind k, span sp);
status_rule *ast_rule_goal(ast_program *p, const char *label, span sp);
/* One more goal named in 'status mål a, b og c'; the rule's span grows to it. */
status_rule *ast_rule_goal_add(ast_program *p, status_rule *r, const char *label, span sp);
status_rule *ast_rule_manual(ast_program *p, role r, const char *reason, span sp);
status_rule *ast_rule_atleast(ast_program *p, const char *k, span k_sp, const char *n, span n_sp, rule_unit u,
                              span u_sp, span sp);
status_rule *ast_rule_scheme(status_rule *r, const char *scheme, span scheme_sp, span sp);
/* Set the rule of an initiative, an area or the agreement (counting them). */
void ast_rule_set(status_rule *into, const status_rule *r);
void ast_weight_set(weight_decl *into, expr *e, span sp);
initiative *ast_init_status(initiative *in, const status_rule *r);
initiative *ast_init_weight(initiative *in, expr *e, span sp);
area *ast_area_status(area *a, const status_rule *r);
area *ast_area_weight(area *a, expr *e, span sp);
initiative *ast_init_finish(initiative *in, const char *number, span number_sp, const char *title,
                            span sp);
area *ast_area_new(ast_program *p);
area *ast_area_init(area *a, initiative *in);
area *ast_area_comment(ast_program *p, area *a, const char *text);
void ast_area_finish(ast_program *p, area *a, const char *number, span number_sp, const char *title,
                     span sp);

/* ---- keys, references and related rows (spec §4.6, §5.9, §5.10) ---- */

typedef struct rel_ref {
  int col;                  /* the referencing column */
  struct data_decl *target; /* the source it refers to (by its one-column key) */
  span sp;
} rel_ref;

/* What a data source declares about its rows' identity (checker). */
typedef struct rel_source {
  int *key;          /* key columns */
  size_t nkey;
  span key_sp;
  rel_ref *refs;
  size_t nrefs;
  int time_col;      /* 'tid COL', or -1 */
  bool covered;      /* 'dækker A til B': the days the file covers, declared */
  int32_t cover_first, cover_last; /* days since 1970, inclusive */
  bool referenced;   /* another source refers to it: its key index is kept */
  int *fields;       /* its columns read through references (SRC.COL): kept per key */
  size_t nfields;
  int nhas;          /* 'har' expressions counting its rows */
  expr **derived;    /* fields through references measured or broken down by (SRC.COL): the
                        row's values at colv positions ncol, ncol + 1, ... (spec §5.9) */
  size_t nderived;
} rel_source;

/* A window of months (or days) relative to a date or month X. */
typedef enum { W_NONE, W_AT_LEAST, W_WITHIN, W_CONSECUTIVE } window_kind;

typedef struct rel_expr {
  /* E_FIELD: VIA.FIELD, VIA a source or a referencing column */
  const char *via, *field;
  /* E_HAS: har [mindst N | højst N | ingen] NAME [WINDOW] [hvor COND] */
  const char *name;
  span name_sp;
  bool at_most;      /* højst N (ingen: højst 0) */
  int64_t n;
  expr *where;       /* a condition on NAME's rows; not walked as the current row's */
  bool bracketed;    /* hvor ( ... ): an 'og' after it cannot belong to it */
  window_kind w;
  bool before;       /* the months before X (else after) */
  bool days;         /* inden for N dage */
  int64_t k, months; /* at least k of the `months` months (k in a row: W_CONSECUTIVE) */
  span w_sp;
  /* checker */
  struct data_decl *source;  /* E_FIELD: the source read through; E_HAS: NAME's source */
  struct group_decl *group;  /* E_HAS: NAME when a group */
  int ref_col;       /* E_FIELD: the current row's referencing column; E_HAS: NAME's column to the link */
  int link_col;      /* E_HAS: the current row's column holding the link key (its key or a reference) */
  int field_pos;     /* E_FIELD: index into source->rel->fields */
  int index;         /* E_HAS: its state, numbered over the program */
  bool events;       /* E_HAS: 'inden for' on a table dated by dates: the rows' dates are kept */
} rel_expr;

expr *ast_field(ast_program *p, const char *text, span sp);
rel_expr *ast_window(ast_program *p, window_kind w, bool before, const char *k, const char *months, bool days,
                     span sp);
expr *ast_has(ast_program *p, span sp, bool at_most, const char *n, const char *name, span name_sp,
              rel_expr *window, expr *anchor, expr *where, bool bracketed);

/* Helpers shared by the lexer and checker. */
const char *ast_unit_canonical(const char *word); /* "personer" -> "persons"; unknown words as given */
/* A canonical unit in words: in Danish or English, for one of it ("1
 * dag") or many ("3 dage"); a unit the table does not know (a word of the
 * rule file's own, 'forløb') as given; NULL for NULL. */
const char *ast_unit_word(const char *unit, bool danish, bool one);
span ast_span(span a, span b);
/* dir/rel with "x/.." and "." folded away (rel as is when absolute). */
const char *ast_join_path(arena *a, const char *dir, const char *rel);

/* A declaration by its name, name[0..n) (need not end in NUL), or NULL:
 * the checker, the language server and the tools look names up here. */
data_decl *ast_find_data(const ast_program *p, const char *name, size_t n);
param_decl *ast_find_param(const ast_program *p, const char *name, size_t n);
group_decl *ast_find_group(const ast_program *p, const char *name, size_t n);
scheme_decl *ast_find_scheme(const ast_program *p, const char *name, size_t n);
banding_decl *ast_find_banding(const ast_program *p, const char *name, size_t n);
/* A column of a data source by its name: its index in d->colv, or -1. */
int ast_column_index(const data_decl *d, const char *name);

#endif
