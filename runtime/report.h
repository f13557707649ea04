/* report.h — the status table as data, and its writers.
 *
 * The evaluator builds a rep_table: a flat list of rows in document order
 * (focus area, its initiatives, each initiative's goals, each goal's
 * breakdown parts).  The writers only lay it out; they compute nothing, so
 * every format shows the same table.  Output is byte-for-byte deterministic:
 * no locale, no time, no terminal width is consulted.
 *
 * Ownership: the table and its strings belong to whoever built it (the
 * evaluator's arena); writers never keep pointers into it.
 */
#ifndef MAAL_REPORT_H
#define MAAL_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mem.h"
#include "num.h"

typedef enum {
  ROW_AREA,       /* indsatsområde: number, title and an optional comment */
  ROW_INITIATIVE, /* indsats: status, result, comment */
  ROW_GOAL,       /* one goal (mål) of the initiative above */
  ROW_PART        /* one breakdown part of the goal above ("by jobcenter") */
} rep_kind;

typedef enum { ST_MET, ST_PARTLY, ST_NOT_MET, ST_UNKNOWN, ST_NONE } rep_status;

/* The numbers behind a goal or part, for machine formats and explain. */
typedef struct {
  const char *measure;   /* "count", "share", "sum", "average", "min", "max", "count distinct" */
  const char *unit;      /* "pct", "persons", ... or "" */
  int64_t group_size;    /* rows in the target group */
  int64_t left_out;      /* rows left out for missing values */
  bool has_value;
  num value;             /* share: in percent (numerator/denominator*100) */
  bool has_ratio;        /* share, ratio: numerator and denominator are set */
  num numerator, denominator; /* whole for a share; a ratio's sums may have decimals */
  const char *comparator;/* "at least", "at most", "exactly", "between", "over", "range [..)", ... */
  num target, target_high; /* target_high only for between and a range */
  bool range_no_lo, range_no_hi; /* a range without a low / high end ([85..), (..100]) */
  bool has_achievement;
  num achievement;       /* in percent */
  bool just_under;       /* on an open end: just under 100 % (achievement is 99.999999999) */
  bool has_baseline;
  num baseline;          /* the baseline the target was computed from */
  /* 'average over COL' (§7.10), for explain: how many values of COL the
     measure was averaged over, and how many were left out (no number) */
  int64_t over_n, over_skipped, base_over_n, base_over_skipped;
  /* the goal's status scheme: per status (met, partly, not met), the
     range of achievement [from, below) in pct that gives it */
  bool has_from[3], has_below[3];
  num from[3], below[3];
  bool from_open[3], below_closed[3]; /* 'over A' leaves A out, 'til B' takes B in (§9.1) */
} rep_numbers;

typedef struct {
  rep_kind kind;
  const char *number;       /* "1", "1.1", "1.1-a"; for ROW_PART the breakdown value */
  const char *title;        /* area/initiative/goal title; for ROW_PART "" */
  rep_status status;        /* ST_NONE for areas without a 'status' rule (maal.md §9.7) */
  const char *status_label; /* "Målet er opfyldt", ...; "" for areas */
  const char *result;       /* Resultater text, "" if none */
  const char *comment;      /* Kommentarer text, "" if none */
  const char *source_ref;   /* goals and initiatives: where it stands in the agreement (maal.md §6.4), or NULL */
  const rep_numbers *nums;  /* goals and parts; NULL otherwise */
  /* initiatives and areas judged by a weighted rule (maal.md §9.9): the
     weighted achievement in pct, when it is known */
  bool weighted;            /* judged by a weighted rule */
  bool has_achievement;
  num achievement;
  const char *const *keys;  /* ROW_PART: the value (or band) of each side of the breakdown */
  size_t nkeys;             /* 1, or 2 for a two-way breakdown ("per jobcenter og køn") */
  size_t rank[2];           /* the place of each key among the goal's values of that side, in
                               the order of parts (spec §11.4): the rows and columns of a cross table */
} rep_row;

typedef struct {
  const char *name;  /* data source name in the rules */
  uint64_t rows;     /* data records read (header excluded) */
  /* provenance (spec/output.md §5), shown only with rep_table.prov */
  const char *path;  /* where it was read from, after --data and the rule
                        file's folder; "-" is standard input */
  bool has_digest;   /* bytes and sha256 are known */
  uint64_t bytes;    /* the file's size: bytes read */
  char sha256[65];   /* SHA-256 of those bytes, lower-case hex */
} rep_source;

/* A rule file the run read: the one given and each file it imports. */
typedef struct {
  const char *path;  /* as given on the command line, or as imported */
  uint64_t bytes;
  char sha256[65];
} rep_file;

/* A parameter with the value the run used. */
typedef struct {
  const char *name;
  const char *value; /* the value used, plainly: 2007-12-31, 5.5, ja, 2009K1 */
  bool text;         /* a text value: quoted in text, Markdown and HTML */
  bool number;       /* a number: a decimal comma in text, Markdown and HTML */
  bool given;        /* from --param, not the rules' default */
} rep_param;

/* Where a report came from (spec/output.md §5): the program's version,
 * the rule files, the parameters; the data files are the table's sources. */
typedef struct {
  const char *version;  /* "0.1.0" */
  const rep_file *rules;
  size_t nrules;
  const rep_param *params;
  size_t nparams;
} rep_provenance;

/* Checks of the extract (spec maal.md §4.7, output.md §6): one row that
 * breaks a check, by its line in the data file, and what broke it in
 * plain words ("alder 101", "alder mangler", "person_id 2, også linje 3"). */
typedef struct {
  uint32_t line;
  const char *id;   /* the row's key, "person_id 7", when the source has a key of one column; or NULL */
  const char *what;
} rep_check_row;

typedef struct {
  const char *source;       /* the data source's name */
  const char *text;         /* the check as written in the rules */
  const char *kind;         /* "unique", "required", "in", "range", "rows" */
  const char *const *goals; /* the goals whose measure reads the source ("1.1-a") */
  size_t ngoals;
  bool passed;
  int64_t broken;           /* rows that break it; "rows": 0, or 1 when the count is outside */
  int64_t rows;             /* rows of the source read */
  const rep_check_row *shown; /* the first rows that break it, or all of them (run --rows) */
  size_t nshown;
} rep_check;

typedef struct {
  const char *title;   /* the agreement's title */
  const char *period;  /* "2007", or "" */
  rep_row *rows;
  size_t nrows;
  rep_source *sources;
  size_t nsources;
  const rep_provenance *prov; /* NULL: the report carries no provenance */
  /* the agreement's status (maal.md §9.8), only when the rules ask */
  bool has_status;
  rep_status status;
  const char *status_label;
  bool weighted;        /* judged by a weighted rule */
  bool has_achievement; /* its weighted achievement, when known */
  num achievement;
  /* checks of the extract, in the order of the sources and of the rules */
  const rep_check *checks;
  size_t nchecks;
} rep_table;

typedef enum { FMT_TEXT, FMT_MD, FMT_CSV, FMT_JSON, FMT_HTML } rep_format;

typedef struct {
  bool excel; /* FMT_CSV: what Danish Excel opens cleanly: ';' between
                 fields, decimal comma, a UTF-8 byte-order mark, CRLF */
} rep_options;

/* Write the table in `fmt` to f.  Returns 0, or -1 if writing failed. */
int rep_write(FILE *f, const rep_table *t, rep_format fmt);
int rep_write_opts(FILE *f, const rep_table *t, rep_format fmt, const rep_options *o);

/* What follows is shared by the writers and by maal doc: report_common.c,
 * except rep_md_escape (report_text.c). */

/* The status line of an area or of the agreement in text and Markdown
 * (maal.md §9.7, §9.8): `lead` ("Samlet status"), ": ", the label and,
 * for a weighted rule, " (vægtet målopfyldelse 87,5 %)".  Plain text;
 * the caller escapes it. */
char *rep_status_line(const char *lead, const char *label, bool weighted, bool has_achievement, num achievement);

/* Line k (from 0) of a report's provenance in text, Markdown and HTML
 * (spec/output.md §5), appended to out: "Datafil borgere: borgere.csv,
 * 96 bytes, SHA-256 …", "Regelfil: …", "Parametre: …", "Program: maal
 * 0.1.0".  Names, paths and values go through put (the format's escape).
 * Returns false, appending nothing, when there is no line k (and always
 * without t->prov). */
bool rep_prov_line(const rep_table *t, size_t k, buf *out, void (*put)(buf *, const char *));
/* Escape s[0..n) as Markdown text on one line, as the md report does
 * (maal doc writes its pages with it). */
void rep_md_escape(buf *b, const char *s, size_t n);

/* Checks of the extract, in plain words for every format (output.md §6):
 * "bestået", "2 rækker bryder kontrollen", "brudt: kilden har 5 rækker";
 * "læses af mål 1.1-a og 1.2-b"; "linje 4: alder 101"; and, when more rows
 * break it than are shown, "og 3 rækker mere (…)" (true). */
void rep_check_summary(const rep_check *c, buf *out);
void rep_check_goals(const rep_check *c, buf *out);
void rep_check_row_text(const rep_check_row *r, buf *out);
bool rep_check_more(const rep_check *c, buf *out);

/* The machine name of a status: "met", "partly", "not_met", "unknown". */
const char *rep_status_name(rep_status s);

/* Is a source reference (maal.md §6.4) a web address the HTML and
 * Markdown reports may link to? */
bool rep_is_url(const char *s);

#endif
