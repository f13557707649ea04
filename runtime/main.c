/* main.c — the maal command: check and run rule files. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "msg.h"
#include "diag.h"
#include "diagjson.h"
#include "eval.h"
#include "compare.h"
#include "diff.h"
#include "doc.h"
#include "explain.h"
#include "failon.h"
#include "tester.h"
#include "fmt.h"
#include "import.h"
#include "lsp.h"
#include "parse.h"
#include "pg.h"
#include "pgrun.h"
#include "prov.h"
#include "report.h"
#include "source.h"
#include "sqlgen.h"
#include "version.h"

/* Exit statuses, as documented in the README and maal.1. */
enum { EXIT_OK = 0, EXIT_RULES = 1, EXIT_DATA = 2, EXIT_USAGE = 3, EXIT_UNFORMATTED = 4, EXIT_TESTS = 5,
       EXIT_GOALS = 6 };

static const char *const usage_text = N_(
    "usage: maal COMMAND [OPTIONS] FILE.maal\n"
    "\n"
    "Commands:\n"
    "  check FILE        report every mistake in a rule file (and whether its data files fit)\n"
    "  run FILE          evaluate the goals against their data and print the status table\n"
    "  sql FILE          the SQL that computes every goal's numbers (--dialect D)\n"
    "  load FILE         copy the rules' CSV data into PostgreSQL tables (--engine URL)\n"
    "  fmt FILE...       rewrite rule files in the canonical layout (--check: only tell)\n"
    "  diff OLD NEW      what changed between two versions of a rule file, in plain words\n"
    "  compare OLD NEW   which statuses changed between two runs (JSON reports)\n"
    "  explain FILE ID   how one goal's status came about, in plain sentences\n"
    "  test FILE...      run the tests written for the rules (given rows, expected statuses)\n"
    "  doc FILE          the agreement in words for those who sign it (HTML or Markdown)\n"
    "  lsp               the language server for editors (LSP on standard input and output)\n"
    "  help [COMMAND]    show this text, or a command's\n"
    "\n"
    "Options:\n"
    "  --data NAME=PATH    read data source NAME from PATH instead of the file the rules name\n"
    "                      (with --engine: NAME=pg:SCHEMA.TABLE, a table)\n"
    "  --engine URL        'check', 'run' and 'sql' read the data in PostgreSQL\n"
    "                      (postgresql://...); 'load' writes it there\n"
    "  --param NAME=VALUE  set parameter NAME (overrides its default in the rules)\n"
    "  --format FORMAT     output of 'run': text (default), md, csv, json or html;\n"
    "                      of 'check': text (default) or json (the messages as JSON);\n"
    "                      of 'doc': html (default) or md\n"
    "  --excel             with --format csv: ';', decimal comma and a byte-order mark\n"
    "  --no-provenance     with 'run': leave out where the report came from (files, SHA-256)\n"
    "  -o FILE             write the table to FILE (written whole or not at all; never\n"
    "                      over an input, a write-protected or a hard-linked file)\n"
    "  --fail-on STATUS    'run' exits with 6 when a goal has STATUS or a worse one:\n"
    "                      delvist (partly), ikke-opfyldt (not-met) or uopgjort (unknown)\n"
    "  --lang da|en        messages in Danish or English (else MAAL_LANG, then the\n"
    "                      rule file's keywords, then LC_ALL/LC_MESSAGES/LANG)\n"
    "  --help              show help (after a command: that command's)\n"
    "  --version           print the version\n"
    "\n"
    "Exit status: 0 success (whatever the goals' statuses), 1 errors in the rules,\n"
    "2 errors in the data or files, 3 wrong use of the command line, 4 'fmt --check'\n"
    "found a file that is not in the canonical layout, 5 a test of 'maal test' failed,\n"
    "6 'run --fail-on' found a goal with the status it names or a worse one.\n"
    "See maal(1) and spec/maal.md.\n");

static const char *const diff_help = N_(
    "usage: maal diff [--lang da|en] OLD.maal NEW.maal\n"
    "\n"
    "Say what changed between two versions of an agreement: goals added and\n"
    "removed; for each goal, a changed title, measure, target, baseline, result\n"
    "text, comment or status; changed target groups, status schemes, parameters\n"
    "and data files.  A change of layout or comments is no change.  Compare with\n"
    "the last committed version:\n"
    "\n"
    "  git show HEAD:rules/x.maal > /tmp/old.maal && maal diff /tmp/old.maal rules/x.maal\n"
    "\n"
    "Exit status, as diff(1): 0 the agreements say the same, 1 they differ,\n"
    "2 a file cannot be read or has errors, 3 wrong use.\n");

static const char *const explain_help = N_(
    "usage: maal explain [--data NAME=PATH]... [--param NAME=VALUE]... [--lang da|en] [--rows]\n"
    "                    FILE.maal GOAL-ID\n"
    "\n"
    "Tell how the status of one goal (for example 1.1-a) came about, in Danish\n"
    "sentences (English with --lang en): the data and its rows, each group on\n"
    "the way with how many rows it kept and how many it left out because a\n"
    "value was missing (and which), the numerator and denominator, the target,\n"
    "the achievement and the status scheme's bound that decided.  An\n"
    "initiative's number (1.1), område:N or area:N for a focus area, or\n"
    "aftale / agreement, tells how their status rule judged what is under\n"
    "them, with achievements and weights under a weighted rule.\n"
    "\n"
    "  --rows   also list the ids of the rows counted and not counted (off by\n"
    "           default: the data is personal)\n"
    "\n"
    "Exit status: 0, 1 errors in the rules, 2 errors in the data, 3 no such goal\n"
    "or wrong use.\n");

static const char *const test_help = N_(
    "usage: maal test [--lang da|en] FILE.maal...\n"
    "\n"
    "Run the tests in each file: blocks such as\n"
    "\n"
    "  test \"9 af 10 med jobplan er opfyldt\" {\n"
    "    regler \"beskaeftigelsesaftale-2007.maal\"   # omitted: the file itself\n"
    "    data borgere = rækker\n"
    "      \"person_id,ydelse,udsat_boligomraade,alder,jobplan\"\n"
    "      \"1,kontanthjælp,ja,30,ja\"\n"
    "    parameter aar = 2007\n"
    "    forvent 1.1-a opfyldt\n"
    "    forvent 1.1-b ikke opfyldt \"0 af 1, svarende til 0 %\"\n"
    "  }\n"
    "\n"
    "Each test runs the rules on its own data (rows given inline, one text a CSV\n"
    "line, or 'data NAME = csv \"file.csv\"') and parameters, and compares each\n"
    "expected status (and result text, when given) with the table. An id is a\n"
    "goal's (1.1-a), an initiative's (1.1), område:N or area:N for a focus area,\n"
    "or aftale or agreement for the whole agreement.\n"
    "\n"
    "Exit status: 0 every test passed, 1 a file has syntax errors, 3 wrong use,\n"
    "5 a test failed.\n");

static const char *const compare_help = N_(
    "usage: maal compare [--lang da|en] OLD.json NEW.json\n"
    "\n"
    "Say which goals, initiatives and breakdown parts changed status between\n"
    "two runs (last quarter against this one), with the numbers before and\n"
    "after; goals that are new or no longer there are named too.  The files are\n"
    "reports written by 'maal run --format json'.\n"
    "\n"
    "Exit status: 0 (with or without changes), 2 a file cannot be read or is\n"
    "not a maal JSON report, 3 wrong use.\n");

static const char *const fmt_help = N_(
    "usage: maal fmt [--check] [--lang da|en] [--stdout] FILE.maal...\n"
    "\n"
    "Rewrite each file in the canonical layout: one statement a line, two\n"
    "spaces of indent per brace, one space between words, comments kept where\n"
    "they stand.  Formatting a formatted file changes nothing.  A file with\n"
    "syntax errors is left as it is, and its errors are reported.\n"
    "\n"
    "  --check       change nothing; name the files that are not formatted\n"
    "  --lang da|en  also write every keyword in Danish or in English\n"
    "  --stdout      write the result to standard output instead of the file\n"
    "\n"
    "Exit status: 0 done (or, with --check, every file formatted), 1 a file has\n"
    "syntax errors, 2 a file cannot be read or written, 3 wrong use, 4 with\n"
    "--check: a file is not in the canonical layout.\n");

static const char *const check_help = N_(
    "usage: maal check [--data NAME=PATH]... [--param NAME=VALUE]... [--format json]\n"
    "                  [--engine URL] [--lang da|en] FILE.maal\n"
    "\n"
    "Report every mistake in FILE.maal, each as file:line:col: error: message,\n"
    "the source line and a caret under the spot; warnings (a gap in a status\n"
    "scheme, a focus area without initiatives) do not fail the check.  The data\n"
    "files' headers are read, and their column types inferred or checked.\n"
    "Prints nothing when the file is clean.\n"
    "\n"
    "  --format json  the messages as a JSON array on standard output, one a line:\n"
    "                 kind, message, file, line, column, span, hint, notes ([] when\n"
    "                 clean); for editors and CI\n"
    "  --engine URL   the data is in PostgreSQL (postgresql://...): each source is\n"
    "                 the table of its name, or --data NAME=pg:SCHEMA.TABLE; its\n"
    "                 columns and their types come from the catalog\n"
    "\n"
    "Exit status: 0 clean, 1 errors in the rules, 2 a data file cannot be read\n"
    "(or the database reached), 3 wrong use of the command line.\n");

static const char *const run_help = N_(
    "usage: maal run [--data NAME=PATH]... [--param NAME=VALUE]... [--format FORMAT]\n"
    "                [--excel] [--no-provenance] [-o FILE] [--fail-on STATUS] [--rows]\n"
    "                [--engine URL] [--lang da|en] FILE.maal\n"
    "\n"
    "Check FILE.maal, read each data file once, evaluate every goal and write the\n"
    "status table (Indsats | Status | Resultater | Kommentarer).\n"
    "\n"
    "  --data NAME=PATH    read data source NAME from PATH (\"-\" is standard input)\n"
    "  --param NAME=VALUE  set parameter NAME, e.g. --param aar=2010\n"
    "  --format FORMAT     text (aligned, default), md (Markdown), csv, json, html\n"
    "  --excel             csv for Danish Excel: ';', decimal comma, byte-order mark\n"
    "  --no-provenance     leave out the report's provenance: the files read with their\n"
    "                      size and SHA-256, the parameters, maal's version\n"
    "  -o FILE             write to FILE through a temporary file (whole or not at all);\n"
    "                      a link is followed, a device written into, an input of the\n"
    "                      run, a write-protected or a hard-linked file refused\n"
    "  --fail-on STATUS    for pipelines: after writing the report in full, exit with 6\n"
    "                      when a goal has STATUS or a worse one; STATUS is delvist\n"
    "                      (partly: also not met or unknown), ikke-opfyldt (not-met:\n"
    "                      also unknown) or uopgjort (unknown); goals only, and\n"
    "                      standard error names them; --fail-on kontrol (checks)\n"
    "                      exits with 6 when a check of the data failed\n"
    "  --rows              list every row that breaks a check of the data ('kontrol'),\n"
    "                      not only the first five\n"
    "  --engine URL        compute inside PostgreSQL (postgresql://...): each source is\n"
    "                      the table of its name, or --data NAME=pg:SCHEMA.TABLE;\n"
    "                      the queries are those 'maal sql' prints, the table the same\n"
    "\n"
    "On a terminal, a run longer than half a second shows its progress on standard error.\n"
    "Exit status: 0 success (whatever the goals' statuses, without --fail-on),\n"
    "1 errors in the rules, 2 errors in the data or files, 3 wrong use of the\n"
    "command line, 6 --fail-on: a goal has that status or a worse one.\n");

static const char doc_help[] =
    "usage: maal doc [--data NAME=PATH]... [--param NAME=VALUE]... [--format html|md]\n"
    "                [-o FILE] FILE.maal\n"
    "\n"
    "Write the agreement for those who sign it: title and period, each focus\n"
    "area, initiative and goal, each goal's rule as a Danish sentence beside its\n"
    "title, the target groups, the status schemes and the initiatives' status\n"
    "rules in words; and, when the data can be read, each status as 'run'\n"
    "computes it.  When it cannot, the page says the status is not computed.\n"
    "\n"
    "  --format html|md    a self-contained HTML page (default) or Markdown\n"
    "  -o FILE             write to FILE (whole or not at all), as 'run' does\n"
    "\n"
    "Exit status: 0 the page is written (with or without the status), 1 errors in\n"
    "the rules, 2 a file cannot be read or written, 3 wrong use of the command line.\n";

static const char *const sql_help = N_(
    "usage: maal sql [--dialect DIALECT] [--data NAME=PATH]... [--param NAME=VALUE]...\n"
    "                [--engine URL] [--lang da|en] FILE.maal\n"
    "\n"
    "Check FILE.maal and print the SQL that computes every goal's numbers: one\n"
    "query per data source, each source read from the table of its name (or\n"
    "--data NAME=pg:SCHEMA.TABLE).  Decimals are exact (numeric, decimal).  The\n"
    "columns come from the CSV files, or with --engine from PostgreSQL's catalog.\n"
    "\n"
    "  --dialect DIALECT   postgresql (default), duckdb, spark or trino\n"
    "  --engine URL        read the columns and their types from the database\n"
    "\n"
    "Exit status: 0 printed, 1 errors in the rules (or what the dialect cannot say),\n"
    "2 a data file cannot be read (or the database reached), 3 wrong use.\n");

static const char *const load_help = N_(
    "usage: maal load --engine URL [--replace] [--data NAME=PATH]... [--param NAME=VALUE]...\n"
    "                 [--lang da|en] FILE.maal\n"
    "\n"
    "Check FILE.maal, read each of its data sources with maal's own reader (the\n"
    "types the rules declare or infer) and copy it into a PostgreSQL table of the\n"
    "source's name: whole numbers as bigint, decimals as numeric (every digit),\n"
    "text, boolean, dates; months and quarters as their first day, with a column\n"
    "comment that says which.  All tables in one transaction: on any error none is\n"
    "written.  Prints one line per table.\n"
    "\n"
    "  --engine URL   the database, e.g. postgresql://user@host/db (required)\n"
    "  --replace      replace tables that exist (else an existing table is an error)\n"
    "\n"
    "Exit status: 0 loaded, 1 errors in the rules, 2 errors in the data or the\n"
    "database, 3 wrong use of the command line.\n");

/* The options, one bit each: a command says which it takes. */
enum {
  CLI_DATA = 1 << 0, CLI_PARAM = 1 << 1, CLI_FORMAT = 1 << 2, CLI_EXCEL = 1 << 3, CLI_OUT = 1 << 4,
  CLI_CHECK = 1 << 5, CLI_STDOUT = 1 << 6, CLI_ROWS = 1 << 7, CLI_LANG = 1 << 8, CLI_FAIL_ON = 1 << 9,
  CLI_NOPROV = 1 << 10, CLI_ENGINE = 1 << 11, CLI_DIALECT = 1 << 12, CLI_REPLACE = 1 << 13, CLI_COUNT = 14
};

typedef struct {
  const char *command;
  const char *file;
  unsigned opts;                   /* CLI_ bits given */
  const char *opt_name[CLI_COUNT]; /* each as first written, for messages */
  const char *out;
  rep_format format;
  const char *format_name; /* as written, for messages */
  const char *fail_on_name; /* --fail-on as written, or NULL */
  const char *fail_on_checks; /* --fail-on kontrol (checks) as written, or NULL */
  rep_status fail_on;
  bool excel;
  bool no_provenance;
  bool help;
  bool check, to_stdout, rows;
  const char *engine;  /* --engine URL, or NULL (spec §12.14) */
  sql_dialect dialect; /* maal sql --dialect */
  bool replace;        /* maal load --replace */
  fmt_lang lang;
  const char **files; /* fmt takes several */
  size_t nfiles;
  const char **data;
  size_t ndata;
  const char **params;
  size_t nparams;
} cli;

/* ---- the language of messages (spec §12.5) ----
 * --lang, then MAAL_LANG, then the keywords of the rule file, then the
 * locale (LC_ALL, LC_MESSAGES, LANG). */
static bool lang_fixed; /* --lang or MAAL_LANG said it */
static bool write_error_said; /* a command said it could not write standard output (finish) */

/* Standard output failed as a command wrote it (err: errno then): said
 * with its reason, once. */
static void stdout_failed(int err) {
  if (write_error_said) return;
  fprintf(stderr, T("maal: cannot write to standard output: %s\n"), msg_strerror(err ? err : EIO));
  write_error_said = true;
}

static void lang_start(void) {
  const char *v = getenv("MAAL_LANG");
  if (v && (!strcmp(v, "da") || !strcmp(v, "en"))) {
    msg_set_lang(!strcmp(v, "da") ? MSG_DA : MSG_EN);
    lang_fixed = true;
  } else {
    msg_set_lang(msg_locale());
  }
}

/* A rule file is read: its keywords say the language, unless fixed. */
static void lang_of_file(const char *src, size_t len) {
  if (lang_fixed) return;
  fmt_lang l = fmt_keyword_lang(src, len);
  msg_set_lang(l == FMT_DA ? MSG_DA : l == FMT_EN ? MSG_EN : msg_locale());
}

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "maal: ");
  fprintf(stderr, msg_tr(fmt), arg);
  fprintf(stderr, T("\nTry 'maal --help'.\n"));
  return EXIT_USAGE;
}

static bool format_named(const char *s, rep_format *f) {
  static const struct {
    const char *name;
    rep_format f;
  } names[] = {{"text", FMT_TEXT}, {"md", FMT_MD}, {"markdown", FMT_MD}, {"csv", FMT_CSV}, {"json", FMT_JSON}, {"html", FMT_HTML}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp(names[i].name, s)) {
      *f = names[i].f;
      return true;
    }
  return false;
}

/* The commands: name, help, how many files they take, and what does them
 * (the table is at the end, after the handlers). */
typedef struct {
  const char *name;
  const char *help;
  unsigned opts;            /* the CLI_ bits it takes; any other is an error */
  int min_files, max_files; /* max 0: any number */
  const char *needs;        /* said when the files do not fit */
  int (*fn)(const cli *c);
} command;
static const command *find_command(const char *name);

static void saw(cli *c, unsigned bit, const char *written) {
  int k = 0;
  while (!(bit & (1u << k))) k++;
  if (!c->opt_name[k]) c->opt_name[k] = written;
  c->opts |= bit;
}

/* A second --data for a source already given: which of the two wins
 * would be a guess, so neither does. */
static int add_data(cli *c, const char *v) {
  size_t n = strcspn(v, "=");
  for (size_t i = 0; i < c->ndata; i++)
    if (strcspn(c->data[i], "=") == n && !strncmp(c->data[i], v, n)) {
      fprintf(stderr, T("maal: --data %s: source '%.*s' is already given (--data %s); give each source once\n"), v, (int)n,
              v, c->data[i]);
      return EXIT_USAGE;
    }
  c->data[c->ndata++] = v;
  return EXIT_OK;
}

static int parse_args(int argc, char **argv, cli *c) {
  c->data = xcalloc((size_t)argc, sizeof *c->data);
  c->params = xcalloc((size_t)argc, sizeof *c->params);
  c->files = xcalloc((size_t)argc, sizeof *c->files);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--engine") || !strncmp(a, "--engine=", 9) || !strcmp(a, "--dialect") || !strncmp(a, "--dialect=", 10)) {
      bool engine = a[2] == 'e';
      size_t n = engine ? 8 : 9;
      const char *v = a[n] == '=' ? a + n + 1 : next;
      if (!v) return usage_error("%s needs a value", a);
      if (a[n] != '=') i++;
      saw(c, engine ? CLI_ENGINE : CLI_DIALECT, engine ? "--engine" : "--dialect");
      if (engine) c->engine = v;
      else if (!sql_dialect_parse(v, &c->dialect))
        return usage_error("unknown dialect '%s' (use postgresql, duckdb, spark or trino)", v);
    } else if (!strcmp(a, "--replace")) {
      saw(c, CLI_REPLACE, a);
      c->replace = true;
    } else if (!strcmp(a, "--data") || !strcmp(a, "--param") || !strcmp(a, "--format") || !strcmp(a, "-o")) {
      if (!next) return usage_error("%s needs a value", a);
      i++;
      if (!strcmp(a, "--data")) {
        saw(c, CLI_DATA, a);
        if (add_data(c, next)) return EXIT_USAGE;
      } else if (!strcmp(a, "--param")) {
        saw(c, CLI_PARAM, a);
        c->params[c->nparams++] = next;
      } else if (!strcmp(a, "-o")) {
        saw(c, CLI_OUT, a);
        c->out = next;
      } else {
        saw(c, CLI_FORMAT, a);
        c->format_name = next;
        if (!format_named(next, &c->format)) return usage_error("unknown format '%s' (use text, md, csv, json or html)", next);
      }
    } else if (!strncmp(a, "--data=", 7)) {
      saw(c, CLI_DATA, "--data");
      if (add_data(c, a + 7)) return EXIT_USAGE;
    } else if (!strncmp(a, "--param=", 8)) {
      saw(c, CLI_PARAM, "--param");
      c->params[c->nparams++] = a + 8;
    } else if (!strncmp(a, "--format=", 9)) {
      saw(c, CLI_FORMAT, "--format");
      c->format_name = a + 9;
      if (!format_named(a + 9, &c->format)) return usage_error("unknown format '%s' (use text, md, csv, json or html)", a + 9);
    } else if (!strcmp(a, "--fail-on") || !strncmp(a, "--fail-on=", 10)) {
      const char *v = a[9] == '=' ? a + 10 : next;
      if (!v) return usage_error("%s needs a value", a);
      if (a[9] != '=') i++;
      if (fo_is_checks(v)) { /* the checks of the extract (spec §4.7), besides a status */
        if (c->fail_on_checks) {
          fprintf(stderr, "maal: --fail-on %s: --fail-on %s is already given; give it once\n", v, c->fail_on_checks);
          return EXIT_USAGE;
        }
        saw(c, CLI_FAIL_ON, "--fail-on");
        c->fail_on_checks = v;
        continue;
      }
      if (c->fail_on_name) {
        fprintf(stderr, T("maal: --fail-on %s: --fail-on is already given (--fail-on %s); give it once\n"), v, c->fail_on_name);
        return EXIT_USAGE;
      }
      saw(c, CLI_FAIL_ON, "--fail-on");
      if (!fo_parse(v, &c->fail_on, stderr)) return EXIT_USAGE;
      c->fail_on_name = v;
    } else if (!strcmp(a, "--excel")) {
      saw(c, CLI_EXCEL, a);
      c->excel = true;
    } else if (!strcmp(a, "--no-provenance")) {
      saw(c, CLI_NOPROV, a);
      c->no_provenance = true;
    } else if (!strcmp(a, "--check")) {
      saw(c, CLI_CHECK, a);
      c->check = true;
    } else if (!strcmp(a, "--stdout")) {
      saw(c, CLI_STDOUT, a);
      c->to_stdout = true;
    } else if (!strcmp(a, "--rows")) {
      saw(c, CLI_ROWS, a);
      c->rows = true;
    } else if (!strcmp(a, "--lang") || !strncmp(a, "--lang=", 7)) {
      saw(c, CLI_LANG, "--lang");
      const char *v = a[6] == '=' ? a + 7 : next;
      if (!v) return usage_error("%s needs a value", a);
      if (a[6] != '=') i++;
      if (!strcmp(v, "da")) c->lang = FMT_DA;
      else if (!strcmp(v, "en")) c->lang = FMT_EN;
      else return usage_error("unknown language '%s' (use da or en)", v);
      msg_set_lang(c->lang == FMT_DA ? MSG_DA : MSG_EN);
      lang_fixed = true;
    } else if (!strcmp(a, "--stdio") && c->command && !strcmp(c->command, "lsp")) {
      /* what generic LSP clients pass; standard input and output is the one transport (spec §12.13) */
    } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      c->help = true;
    } else if (a[0] == '-' && a[1]) {
      return usage_error("unknown option '%s'", a);
    } else if (!c->command) {
      c->command = a;
    } else {
      const command *k = find_command(c->command);
      int max = k ? k->max_files : 1;
      if (max && c->nfiles >= (size_t)max)
        return max == 1 ? usage_error("one rule file at a time; '%s' is one too many", a)
                        : usage_error("'%s' is one argument too many", a);
      if (!c->file) c->file = a;
      c->files[c->nfiles++] = a;
    }
  }
  return EXIT_OK;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!f) return NULL;
  buf b = {0};
  bool bad = !buf_read(&b, f);
  if (f != stdin) fclose(f);
  if (bad) {
    buf_free(&b);
    return NULL;
  }
  *len = b.len;
  return buf_take(&b);
}

/* A file this run reads, which -o must never replace. */
typedef struct {
  const char *path;
  const char *what; /* "the rule file", "data 'borgere'", "an imported file" */
} input_file;

static bool write_all(int fd, const char *text, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, text, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text += n;
    len -= (size_t)n;
  }
  return true;
}

static void cannot_write(const char *path, int err) {
  fprintf(stderr, T("maal: cannot write '%s': %s\n"), path, msg_strerror(err));
}

/* The folder of path ("." for a bare name); the caller frees it. */
static char *folder_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return xstrdup(".");
  return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* Into a device or a FIFO (not a regular file): write, as cp and a shell's
 * > do; renaming over it would replace the device node. */
static bool write_into(const char *shown, const char *path, const char *text, size_t len) {
  int fd = open(path, O_WRONLY | O_NOCTTY);
  bool ok = fd >= 0 && write_all(fd, text, len);
  int err = errno;
  if (fd >= 0 && close(fd) != 0 && ok) ok = false, err = errno;
  if (!ok) cannot_write(shown, err);
  return ok;
}

/* A regular file, whole or not at all: a temporary file in the same
 * folder, with the old file's owner, group and mode (a new file: 0666
 * less the umask), synced to disk, then renamed over it. */
static bool replace_whole(const char *shown, const char *dest, const struct stat *old, const char *text,
                          size_t len) {
  size_t n = strlen(dest);
  char *tmp = xmalloc(n + 16);
  snprintf(tmp, n + 16, "%s.tmp.XXXXXX", dest);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    int err = errno;
    char *dir = folder_of(dest);
    struct stat dst;
    if (err == ENOENT && stat(dir, &dst) != 0) fprintf(stderr, T("maal: cannot write '%s': the folder '%s' does not exist\n"), shown, dir);
    else cannot_write(shown, err);
    free(dir);
    free(tmp);
    return false;
  }
  src_temp_add(tmp); /* removed on a signal too */
  bool ok;
  if (old) {
    /* Keep the owner: only root can give a file away, so a user who
     * cannot is told rather than left with a file now theirs. */
    ok = fchmod(fd, old->st_mode & 07777) == 0;
    if (ok && fchown(fd, old->st_uid, old->st_gid) != 0) {
      if (old->st_uid != geteuid()) {
        fprintf(stderr, T("maal: will not overwrite '%s': it belongs to another user, who would lose it\n"), shown);
        close(fd);
        src_temp_remove(tmp);
        free(tmp);
        return false;
      }
      ok = true; /* our own file in a group we are not in: like cp, keep our group */
    }
  } else {
    mode_t mask = umask(0);
    umask(mask);
    ok = fchmod(fd, 0666 & ~mask) == 0;
  }
  ok = ok && write_all(fd, text, len) && fsync(fd) == 0;
  int err = errno;
  if (close(fd) != 0 && ok) ok = false, err = errno;
  if (ok && rename(tmp, dest) != 0) ok = false, err = errno;
  if (!ok) {
    cannot_write(shown, err);
    src_temp_remove(tmp);
    free(tmp);
    return false;
  }
  src_temp_forget(tmp);
  /* the rename itself on disk: sync the folder (best effort) */
  char *dir = folder_of(dest);
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  free(dir);
  free(tmp);
  return true;
}

/* Write text to path (-o FILE, maal fmt FILE) as users expect of cp, sed -i
 * and editors; false after a message (exit status 2):
 *  - a symbolic link: the file it names is replaced, the link kept;
 *  - a device or a FIFO: written into, never replaced;
 *  - a regular file: whole or not at all (replace_whole), owner, group and
 *    mode kept; refused when it is one of `inputs` (same device and inode),
 *    write-protected (no owner write bit; even root, who may write anything,
 *    is stopped), or has other names (hard links, which a rename would part:
 *    we refuse rather than write in place, which could leave half a file);
 *  - a folder, or a missing folder: refused. */
static bool write_whole(const char *path, const char *text, size_t len, const input_file *inputs, size_t ninputs) {
  struct stat st, lst;
  char *real = NULL;
  const char *dest = path;
  if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
    real = realpath(path, NULL);
    if (!real) {
      fprintf(stderr, T("maal: cannot write '%s': it is a symbolic link to a file that does not exist\n"), path);
      return false;
    }
    dest = real;
  }
  bool ok = false;
  if (stat(dest, &st) != 0) {
    if (errno == ENOENT) ok = replace_whole(path, dest, NULL, text, len);
    else cannot_write(path, errno);
  } else if (S_ISDIR(st.st_mode)) {
    fprintf(stderr, T("maal: cannot write '%s': it is a folder\n"), path);
  } else if (!S_ISREG(st.st_mode)) {
    ok = write_into(path, dest, text, len);
  } else {
    const char *read_as = NULL;
    for (size_t i = 0; i < ninputs && !read_as; i++) {
      struct stat in;
      if (stat(inputs[i].path, &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino) read_as = inputs[i].what;
    }
    if (read_as)
      fprintf(stderr, T("maal: will not overwrite '%s': this run reads it (%s)\n"), path, read_as);
    else if (!(st.st_mode & S_IWUSR) || access(dest, W_OK) != 0)
      fprintf(stderr, T("maal: will not overwrite '%s': it is write-protected (chmod u+w allows it)\n"), path);
    else if (st.st_nlink > 1)
      fprintf(stderr, T("maal: will not overwrite '%s': it has %ju names (hard links), which a new file would part; write to another file\n"),
              path, (uintmax_t)st.st_nlink);
    else
      ok = replace_whole(path, dest, &st, text, len);
  }
  free(real);
  return ok;
}

/* The table to standard output, or whole to a file (-o). */
static int write_output(const char *path, const rep_table *t, rep_format fmt, const rep_options *o,
                        const input_file *inputs, size_t ninputs) {
  if (!path || !strcmp(path, "-")) {
    errno = 0;
    if (rep_write_opts(stdout, t, fmt, o) == 0 && fflush(stdout) == 0) return EXIT_OK;
    stdout_failed(errno);
    return EXIT_DATA;
  }
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  bool ok = mem && rep_write_opts(mem, t, fmt, o) == 0;
  if (mem) ok = fclose(mem) == 0 && ok;
  ok = ok && write_whole(path, text, len, inputs, ninputs);
  free(text);
  return ok ? EXIT_OK : EXIT_DATA;
}

static int format_files(const cli *c) {
  int status = EXIT_OK;
  for (size_t i = 0; i < c->nfiles; i++) {
    const char *path = c->files[i];
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
      fprintf(stderr, T("maal: cannot read '%s': %s\n"), path, msg_strerror(errno));
      if (status == EXIT_OK) status = EXIT_DATA;
      continue;
    }
    bool bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
    const char *src = bom ? text + 3 : text;
    size_t slen = bom ? len - 3 : len;
    lang_of_file(src, slen);
    diag *d = diag_new(path, src, slen);
    buf out = {0};
    if (!fmt_format(path, src, slen, c->lang, d, &out)) {
      status = EXIT_RULES;
    } else if (c->check) {
      if (out.len != slen || memcmp(buf_str(&out), src, slen) != 0 || bom) {
        printf(T("%s: not in the canonical layout (maal fmt %s)\n"), path, path);
        if (status == EXIT_OK) status = EXIT_UNFORMATTED;
      }
    } else if (c->to_stdout || !strcmp(path, "-")) {
      fwrite(buf_str(&out), 1, out.len, stdout);
    } else if ((out.len != slen || memcmp(buf_str(&out), src, slen) != 0 || bom) &&
               !write_whole(path, buf_str(&out), out.len, NULL, 0)) {
      status = EXIT_DATA;
    }
    diag_flush(d, stderr);
    diag_free(d);
    buf_free(&out);
    free(text);
  }
  return status;
}

/* Parse a file for diff: its text (kept), its program, 0 or an exit status. */
static int load_for_diff(const char *path, char **text, ast_program **p) {
  size_t len = 0;
  *text = read_file(path, &len);
  *p = NULL;
  if (!*text) {
    fprintf(stderr, T("maal: cannot read '%s': %s\n"), path, msg_strerror(errno));
    return EXIT_DATA;
  }
  lang_of_file(*text, len);
  diag *d = diag_new(path, *text, len);
  *p = parse_program(path, *text, len, d);
  bool readable = imp_load(*p, d); /* what the imports bring is part of the agreement (§12.8) */
  int errors = diag_errors(d);
  diag_flush(d, stderr);
  diag_free(d);
  return errors || !readable ? EXIT_DATA : EXIT_OK; /* trouble, as diff(1) says it: 2 */
}

/* Exit 0 when the agreements say the same, 1 when they differ, 2 on
 * trouble (a file unreadable or with errors), as diff(1) does (§12.4). */
static int diff_files(const cli *c) {
  char *ta, *tb;
  ast_program *a, *b;
  int sa = load_for_diff(c->files[0], &ta, &a), sb = load_for_diff(c->files[1], &tb, &b);
  int st = sa ? sa : sb;
  if (!st) {
    buf out = {0};
    if (df_compare(a, ta, b, tb, &out) == 0) buf_adds(&out, "Ingen forskelle i mål, målgrupper, statusskemaer, parametre og data.\n");
    else st = 1;
    fwrite(buf_str(&out), 1, out.len, stdout);
    buf_free(&out);
  }
  ast_free(a);
  ast_free(b);
  free(ta);
  free(tb);
  return st;
}

static int test_files(const cli *c) {
  int status = EXIT_OK;
  for (size_t i = 0; i < c->nfiles; i++) {
    size_t len = 0;
    char *text = read_file(c->files[i], &len);
    if (!text) {
      fprintf(stderr, T("maal: cannot read '%s': %s\n"), c->files[i], msg_strerror(errno));
      status = EXIT_DATA;
      continue;
    }
    lang_of_file(text, len);
    diag *d = diag_new(c->files[i], text, len);
    ast_program *p = parse_program(c->files[i], text, len, d);
    if (diag_errors(d)) {
      diag_flush(d, stderr);
      status = EXIT_RULES;
    } else {
      int failed = tst_run(p, text, stdout);
      if (failed != 0 && status == EXIT_OK) status = failed < 0 ? EXIT_USAGE : EXIT_TESTS;
    }
    ast_free(p);
    diag_free(d);
    free(text);
  }
  return status;
}

static int compare_files(const cli *c) {
  buf out = {0}, err = {0};
  int n = cmp_reports(c->files[0], c->files[1], &out, &err);
  if (n == 0) buf_adds(&out, "Ingen status er ændret.\n");
  fputs(buf_str(&out), stdout);
  fputs(buf_str(&err), stderr);
  buf_free(&out);
  buf_free(&err);
  return n < 0 ? EXIT_DATA : EXIT_OK;
}

/* The files a run reads: the rule file, what it imports, its data. */
static input_file *run_inputs(const cli *c, ast_program *p, size_t *n) {
  size_t cap = 1 + (size_t)p->ndata;
  for (import_decl *im = p->imports; im; im = im->next) cap++;
  input_file *in = xcalloc(cap, sizeof *in);
  *n = 0;
  in[(*n)++] = (input_file){c->file, M("the rule file")};
  for (import_decl *im = p->imports; im; im = im->next)
    in[(*n)++] = (input_file){ast_join_path(p->arena, im->dir, im->path), M("a file the rules import")};
  for (int i = 0; i < p->ndata; i++)
    in[(*n)++] = (input_file){p->datav[i]->resolved_path, arena_printf(p->arena, M("data '%s'"), p->datav[i]->name)};
  return in;
}

/* maal check --format json (§12.5): the messages as one JSON array on
 * standard output, also when the file cannot be read. */
static int check_json_unreadable(const char *path, int err) {
  dj_list *l = dj_new();
  char msg[512];
  snprintf(msg, sizeof msg, T("cannot read '%s': %s"), path, msg_strerror(err));
  dj_add_file(l, path, msg);
  dj_write(l, stdout);
  return EXIT_DATA;
}

static int check_json(const char *path, diag *d, const char *data_msgs, size_t data_len, int status) {
  dj_list *l = dj_new();
  dj_add_lines(l, data_msgs ? data_msgs : "", data_len);
  dj_add_diag(l, d, path);
  if ((dj_write(l, stdout) != 0 || fflush(stdout) != 0) && status == EXIT_OK) {
    fprintf(stderr, T("maal: cannot write the messages: %s\n"), msg_strerror(errno));
    write_error_said = true;
    status = EXIT_DATA;
  }
  return status;
}

/* The report of a run (CSV or --engine alike): written whole, with its
 * provenance; then --fail-on judges it.  `text` is the rule file as read
 * (a byte-order mark too), len its length. */
static int write_report(const cli *c, ast_program *p, const eval_result *res, const char *text, size_t len) {
  rep_options o = {.excel = c->excel};
  size_t n = 0;
  input_file *in = run_inputs(c, p, &n);
  rep_table t = *eval_table(res);
  prov_info pv;
  prov_build(&pv, p, c->file, text, len, MAAL_VERSION);
  if (!c->no_provenance) t.prov = &pv.rep;
  int status = write_output(c->out, &t, c->format, &o, in, n);
  prov_free(&pv);
  free(in);
  /* the report is written whole first; then the goals may fail the run */
  bool failed = false;
  if (status == EXIT_OK && c->fail_on_name && fo_check(eval_table(res), c->fail_on, c->fail_on_name, stderr))
    failed = true;
  if (status == EXIT_OK && c->fail_on_checks && fo_check_data(eval_table(res), c->fail_on_checks, stderr))
    failed = true;
  return failed ? EXIT_GOALS : status;
}

/* maal run --engine (spec §12.14): the queries of 'maal sql' run inside
 * PostgreSQL; judging and reporting are the CSV run's. */
static int run_engine(const cli *c, ast_program *p, diag *d, PGconn *conn, const char *text, size_t len) {
  sql_plan *pl = sql_plan_build(p, SQL_POSTGRESQL, d);
  if (!pl) {
    diag_flush(d, stderr);
    return EXIT_RULES;
  }
  pgrun_ctx ctx = {.conn = conn, .plan = pl, .all_rows = c->rows};
  /* one snapshot for every source's queries: a table that changes while
     the run reads it cannot make two sources disagree (spec §12.14) */
  PGresult *tx = pg_exec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", stderr);
  if (!tx) {
    sql_plan_free(pl);
    return EXIT_DATA;
  }
  PQclear(tx);
  eval_result *res = eval_run_engine(p, stderr, pgrun_source, &ctx);
  PQclear(pg_exec(conn, res ? "COMMIT" : "ROLLBACK", stderr));
  int status = res ? write_report(c, p, res, text, len) : EXIT_DATA;
  eval_free(res);
  sql_plan_free(pl);
  return status;
}

/* maal sql (spec §12.14): the queries, or what the dialect cannot say. */
static int write_sql(const cli *c, ast_program *p, diag *d) {
  sql_plan *pl = sql_plan_build(p, c->dialect, d);
  if (!pl) {
    diag_flush(d, stderr);
    return EXIT_RULES;
  }
  int status = EXIT_OK;
  if (sql_plan_write(pl, p, stdout) != 0 || fflush(stdout) != 0) {
    fprintf(stderr, T("maal: cannot write the SQL: %s\n"), msg_strerror(errno));
    write_error_said = true;
    status = EXIT_DATA;
  }
  sql_plan_free(pl);
  return status;
}

/* --engine: the database, before the rules are checked, so that a wrong
 * URL is said at once; for check --format json as the array's message. */
static PGconn *engine_connect(const char *url, const char *path, bool json) {
  char *why = NULL;
  size_t n = 0;
  FILE *mem = json ? open_memstream(&why, &n) : NULL;
  PGconn *conn = pg_connect(url, mem ? mem : stderr);
  if (mem && fclose(mem) == 0 && !conn) {
    const char *msg = why;
    if (!strncmp(msg, "maal: ", 6)) msg += 6;
    if (n && why[n - 1] == '\n') why[n - 1] = '\0';
    dj_list *l = dj_new();
    dj_add_file(l, path, msg);
    dj_write(l, stdout);
  }
  free(why);
  return conn;
}

static int run(const cli *c) {
  size_t len = 0;
  char *text = read_file(c->file, &len);
  bool json = !strcmp(c->command, "check") && c->format == FMT_JSON; /* §12.5 */
  if (!text) {
    if (json) return check_json_unreadable(c->file, errno);
    fprintf(stderr, T("maal: cannot read '%s': %s\n"), c->file, msg_strerror(errno));
    return EXIT_DATA;
  }
  const char *src = text;
  if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) { /* a byte-order mark from Notepad */
    src += 3;
    len -= 3;
  }
  lang_of_file(src, len);
  PGconn *conn = c->engine ? engine_connect(c->engine, c->file, json) : NULL;
  if (c->engine && !conn) {
    free(text);
    return EXIT_DATA;
  }
  /* the columns from the catalog, except for 'load', which reads the CSV files */
  bool tables = conn && strcmp(c->command, "load");
  diag *d = diag_new(c->file, src, len);
  ast_program *p = parse_program(c->file, src, len, d);
  bool readable = imp_load(p, d);
  int status = diag_errors(d) ? EXIT_RULES : EXIT_OK;
  /* Check even a file with syntax errors, so one run shows every mistake. */
  char *data_msgs = NULL; /* with json: what the data checks say, in text */
  size_t data_len = 0;
  FILE *data_out = json ? open_memstream(&data_msgs, &data_len) : stderr;
  if (!data_out) data_out = stderr;
  {
    pg_columns_ctx pgc = {conn, data_out};
    chk_options opt = {.data_overrides = c->data, .ndata_overrides = c->ndata,
                       .param_overrides = c->params, .nparam_overrides = c->nparams,
                       .load_columns = tables ? pg_load_columns : src_load_columns,
                       .ctx = tables ? (void *)&pgc : (void *)data_out};
    int r = chk_program(p, d, &opt);
    if (r == CHK_USAGE) status = EXIT_USAGE;
    else if (r == CHK_DATA && status == EXIT_OK) status = EXIT_DATA;
    else if (r == CHK_RULES) status = EXIT_RULES;
    if (!readable && status == EXIT_OK) status = EXIT_DATA;
  }
  if (data_out != stderr) fclose(data_out);
  if (json && status != EXIT_USAGE) {
    status = check_json(c->file, d, data_msgs, data_len, status);
  } else {
    if (data_len) fwrite(data_msgs, 1, data_len, stderr);
    diag_flush(d, stderr);
  }
  free(data_msgs);
  if (status == EXIT_OK && !strcmp(c->command, "explain")) {
    eval_result *res = eval_run(p, stderr, false);
    xpl_options xo = {.english = c->lang == FMT_EN, .rows = c->rows};
    status = res ? xpl_explain(p, eval_table(res), d, c->files[1], &xo, stdout, stderr) : EXIT_DATA;
    eval_free(res);
  }
  size_t read_len = len + (size_t)(src - text); /* the bytes as read, a BOM too */
  if (status == EXIT_OK && !strcmp(c->command, "run") && conn) {
    status = run_engine(c, p, d, conn, text, read_len);
  } else if (status == EXIT_OK && !strcmp(c->command, "run")) {
    eval_result *res = eval_run_rows(p, stderr, isatty(STDERR_FILENO), c->rows, !c->no_provenance);
    status = res ? write_report(c, p, res, text, read_len) : EXIT_DATA;
    eval_free(res);
  }
  if (status == EXIT_OK && !strcmp(c->command, "sql")) status = write_sql(c, p, d);
  if (status == EXIT_OK && !strcmp(c->command, "load")) status = pg_load(p, conn, c->replace, stderr);
  PQfinish(conn);
  src_cleanup(p);
  diag_free(d);
  ast_free(p);
  free(text);
  return status;
}

/* maal doc (spec §12.12): the page, with the status when the data can be read. */
static int doc_file(const cli *c) {
  if ((c->opts & CLI_FORMAT) && c->format != FMT_HTML && c->format != FMT_MD)
    return usage_error("'doc' writes html or md, not '%s'", c->format_name);
  size_t len = 0;
  char *text = read_file(c->file, &len);
  if (!text) {
    fprintf(stderr, T("maal: cannot read '%s': %s\n"), c->file, msg_strerror(errno));
    return EXIT_DATA;
  }
  bool bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
  lang_of_file(text + (bom ? 3 : 0), len - (bom ? 3 : 0)); /* its messages in the rule file's language (spec §12.5) */
  diag *d = diag_new(c->file, text + (bom ? 3 : 0), len - (bom ? 3 : 0));
  ast_program *p = parse_program(c->file, text + (bom ? 3 : 0), len - (bom ? 3 : 0), d);
  int status = imp_load(p, d) ? EXIT_OK : EXIT_DATA;
  buf out = {0};
  int r = doc_build(p, d, c->data, c->ndata, c->params, c->nparams, (c->opts & CLI_FORMAT) ? c->format == FMT_HTML : true,
                    &out, stderr);
  if (r != CHK_OK) status = r == CHK_USAGE ? EXIT_USAGE : EXIT_RULES;
  if (status == EXIT_OK && (!c->out || !strcmp(c->out, "-"))) {
    errno = 0;
    if (fwrite(buf_str(&out), 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
      stdout_failed(errno);
      status = EXIT_DATA;
    }
  } else if (status == EXIT_OK) {
    size_t n = 0;
    input_file *in = run_inputs(c, p, &n);
    if (!write_whole(c->out, buf_str(&out), out.len, in, n)) status = EXIT_DATA;
    free(in);
  }
  buf_free(&out);
  src_cleanup(p);
  diag_free(d);
  ast_free(p);
  free(text);
  return status;
}

/* maal lsp (§12.12): takes no files, only its conversation. */
static int lsp_command(const cli *c) {
  if (c->nfiles) return usage_error("'lsp' takes no files; '%s' is one too many", c->files[0]);
  return lsp_serve(stdin, stdout);
}

static const command commands[] = {
    {"lsp", lsp_help, 0, 0, 0, "", lsp_command},
    {"check", check_help, CLI_DATA | CLI_PARAM | CLI_FORMAT | CLI_LANG | CLI_ENGINE, 1, 1, "'check' needs a rule file", run},
    {"run", run_help, CLI_DATA | CLI_PARAM | CLI_FORMAT | CLI_EXCEL | CLI_OUT | CLI_FAIL_ON | CLI_NOPROV | CLI_ROWS | CLI_LANG | CLI_ENGINE, 1, 1, "'run' needs a rule file", run},
    {"sql", sql_help, CLI_DATA | CLI_PARAM | CLI_LANG | CLI_DIALECT | CLI_ENGINE, 1, 1, "'sql' needs a rule file", run},
    {"load", load_help, CLI_DATA | CLI_PARAM | CLI_LANG | CLI_ENGINE | CLI_REPLACE, 1, 1, "'load' needs a rule file", run},
    {"explain", explain_help, CLI_DATA | CLI_PARAM | CLI_LANG | CLI_ROWS, 2, 2,
     "'explain' needs a rule file and a goal id: maal explain FILE.maal 1.1-a", run},
    {"test", test_help, CLI_LANG, 1, 0, "'test' needs one or more files with tests", test_files},
    {"fmt", fmt_help, CLI_CHECK | CLI_LANG | CLI_STDOUT, 1, 0, "'fmt' needs one or more rule files", format_files},
    {"diff", diff_help, CLI_LANG, 2, 2, "'diff' compares two rule files: maal diff OLD.maal NEW.maal", diff_files},
    {"compare", compare_help, CLI_LANG, 2, 2, "'compare' compares two JSON reports: maal compare OLD.json NEW.json", compare_files},
    {"doc", doc_help, CLI_DATA | CLI_PARAM | CLI_FORMAT | CLI_OUT | CLI_LANG, 1, 1, "'doc' needs a rule file", doc_file},
};

static const command *find_command(const char *name) {
  for (size_t i = 0; name && i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(commands[i].name, name)) return &commands[i];
  return NULL;
}

/* --engine and tables go together (spec §12.14): with --engine every
 * source is a table, and only --engine reads one; 'load' writes to the
 * database, so it needs --engine, and reads CSV files. */
static int engine_usage(const cli *c, const command *k) {
  bool load = !strcmp(k->name, "load");
  if (load && !c->engine) return usage_error("%s", "'load' needs --engine URL: the database the tables go to");
  for (size_t i = 0; i < c->ndata; i++) {
    const char *eq = strchr(c->data[i], '=');
    bool table = eq && !strncmp(eq + 1, "pg:", 3);
    if (table && load)
      return usage_error("--data %s names a table; 'load' reads CSV files and names each table after its source", c->data[i]);
    if (table && !c->engine) return usage_error("--data %s names a table, which only --engine reads", c->data[i]);
    if (!table && eq && c->engine && !load)
      return usage_error("--data %s: with --engine every source is a table; write NAME=pg:SCHEMA.TABLE", c->data[i]);
  }
  return EXIT_OK;
}

/* The first option given that command k does not take, or NULL. */
static const char *foreign_option(const cli *c, const command *k) {
  for (int b = 0; b < CLI_COUNT; b++)
    if ((c->opts & (1u << b)) && !(k->opts & (1u << b))) return c->opt_name[b];
  return NULL;
}

/* Whatever a command wrote to standard output must have reached it: a
 * full disk or a closed pipe is an error with its reason, exit status 2,
 * never a success with the output lost (spec §12.4, §12.6).  A command
 * that said so itself (write_error_said) is not said twice. */

static int finish(int st) {
  errno = 0;
  int e = fflush(stdout) != 0 ? errno : ferror(stdout) ? (errno ? errno : EIO) : 0;
  if (!e) return st;
  stdout_failed(e);
  return st == EXIT_OK ? EXIT_DATA : st;
}

int main(int argc, char **argv) {
  src_catch_signals(); /* temporary files go on SIGINT, SIGTERM, SIGHUP too */
  lang_start();
  if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version"))) {
    printf("maal %s\n", MAAL_VERSION);
    return finish(EXIT_OK);
  }
  if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))) {
    fputs(M(usage_text), stdout);
    return finish(EXIT_OK);
  }
  cli c = {0};
  int st = parse_args(argc, argv, &c);
  const command *k = st == EXIT_OK ? find_command(c.command) : NULL;
  if (st != EXIT_OK) {
    /* already said */
  } else if (!c.command) {
    fputs(M(usage_text), stderr);
    st = EXIT_USAGE;
  } else if (!strcmp(c.command, "help")) {
    const command *h = find_command(c.file);
    if (h || !c.file) fputs(M(h ? h->help : usage_text), stdout);
    else st = usage_error("no help on '%s': there is no such command (use check, run, sql, load, explain, test, fmt, diff, compare, doc or lsp)", c.file);
  } else if (!k) {
    st = usage_error("unknown command '%s' (use check, run, sql, load, explain, test, fmt, diff, compare, doc or lsp)", c.command);
  } else if (c.help) {
    fputs(M(k->help), stdout);
  } else if (foreign_option(&c, k)) {
    fprintf(stderr, T("maal: '%s' has no option %s\nTry 'maal help %s'.\n"), k->name, foreign_option(&c, k), k->name);
    st = EXIT_USAGE;
  } else if (!strcmp(k->name, "check") && c.format != FMT_TEXT && c.format != FMT_JSON) {
    st = usage_error("'check' writes its messages as text or json, not '%s'", c.format_name);
  } else if (c.excel && c.format != FMT_CSV) {
    st = usage_error("%s", "--excel goes with --format csv");
  } else if (c.nfiles < (size_t)k->min_files) {
    st = usage_error("%s", k->needs);
  } else if ((st = engine_usage(&c, k)) != EXIT_OK) {
    /* already said */
  } else {
    st = k->fn(&c);
  }
  free(c.data);
  free(c.params);
  free(c.files);
  return finish(st);
}
