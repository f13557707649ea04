/* main.c — the maal command: check and run rule files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "eval.h"
#include "compare.h"
#include "diff.h"
#include "explain.h"
#include "tester.h"
#include "fmt.h"
#include "import.h"
#include "parse.h"
#include "report.h"
#include "source.h"

#ifndef MAAL_VERSION
#define MAAL_VERSION "0.1.0"
#endif

/* Exit statuses, as documented in the README and maal.1. */
enum { EXIT_OK = 0, EXIT_RULES = 1, EXIT_DATA = 2, EXIT_USAGE = 3, EXIT_UNFORMATTED = 4, EXIT_TESTS = 5 };

static const char usage_text[] =
    "usage: maal COMMAND [OPTIONS] FILE.maal\n"
    "\n"
    "Commands:\n"
    "  check FILE        report every mistake in a rule file (and whether its data files fit)\n"
    "  run FILE          evaluate the goals against their data and print the status table\n"
    "  fmt FILE...       rewrite rule files in the canonical layout (--check: only tell)\n"
    "  diff OLD NEW      what changed between two versions of a rule file, in plain words\n"
    "  compare OLD NEW   which statuses changed between two runs (JSON reports)\n"
    "  explain FILE ID   how one goal's status came about, in plain sentences\n"
    "  test FILE...      run the tests written for the rules (given rows, expected statuses)\n"
    "  help [COMMAND]    show this text, or a command's\n"
    "\n"
    "Options:\n"
    "  --data NAME=PATH    read data source NAME from PATH instead of the file the rules name\n"
    "  --param NAME=VALUE  set parameter NAME (overrides its default in the rules)\n"
    "  --format FORMAT     output of 'run': text (default), md, csv, json or html\n"
    "  --excel             with --format csv: ';', decimal comma and a byte-order mark\n"
    "  -o FILE             write the table to FILE (written whole or not at all)\n"
    "  --help              show help (after a command: that command's)\n"
    "  --version           print the version\n"
    "\n"
    "Exit status: 0 success (whatever the goals' statuses), 1 errors in the rules,\n"
    "2 errors in the data or files, 3 wrong use of the command line, 4 'fmt --check'\n"
    "found a file that is not in the canonical layout, 5 a test of 'maal test' failed.\n"
    "See maal(1) and spec/maal.md.\n";

static const char diff_help[] =
    "usage: maal diff OLD.maal NEW.maal\n"
    "\n"
    "Say what changed between two versions of an agreement: goals added and\n"
    "removed; for each goal, a changed title, measure, target, baseline, result\n"
    "text, comment or status; changed target groups, status schemes, parameters\n"
    "and data files.  A change of layout or comments is no change.  Compare with\n"
    "the last committed version:\n"
    "\n"
    "  git show HEAD:rules/x.maal > /tmp/old.maal && maal diff /tmp/old.maal rules/x.maal\n"
    "\n"
    "Exit status: 0 (with or without differences), 1 a file has syntax errors,\n"
    "2 a file cannot be read, 3 wrong use.\n";

static const char explain_help[] =
    "usage: maal explain [--data NAME=PATH]... [--param NAME=VALUE]... [--lang en] [--rows]\n"
    "                    FILE.maal GOAL-ID\n"
    "\n"
    "Tell how the status of one goal (for example 1.1-a) came about, in Danish\n"
    "sentences (English with --lang en): the data and its rows, each group on\n"
    "the way with how many rows it kept and how many it left out because a\n"
    "value was missing (and which), the numerator and denominator, the target,\n"
    "the achievement and the status scheme's bound that decided.\n"
    "\n"
    "  --rows   also list the ids of the rows counted and not counted (off by\n"
    "           default: the data is personal)\n"
    "\n"
    "Exit status: 0, 1 errors in the rules, 2 errors in the data, 3 no such goal\n"
    "or wrong use.\n";

static const char test_help[] =
    "usage: maal test FILE.maal...\n"
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
    "expected status (and result text, when given) with the table.\n"
    "\n"
    "Exit status: 0 every test passed, 1 a file has syntax errors, 3 wrong use,\n"
    "5 a test failed.\n";

static const char compare_help[] =
    "usage: maal compare OLD.json NEW.json\n"
    "\n"
    "Say which goals, initiatives and breakdown parts changed status between\n"
    "two runs (last quarter against this one), with the numbers before and\n"
    "after; goals that are new or no longer there are named too.  The files are\n"
    "reports written by 'maal run --format json'.\n"
    "\n"
    "Exit status: 0 (with or without changes), 2 a file cannot be read or is\n"
    "not a maal JSON report, 3 wrong use.\n";

static const char fmt_help[] =
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
    "--check: a file is not in the canonical layout.\n";

static const char check_help[] =
    "usage: maal check [--data NAME=PATH]... [--param NAME=VALUE]... FILE.maal\n"
    "\n"
    "Report every mistake in FILE.maal, each as file:line:col: error: message,\n"
    "the source line and a caret under the spot; warnings (a gap in a status\n"
    "scheme, a focus area without initiatives) do not fail the check.  The data\n"
    "files' headers are read, and their column types inferred or checked.\n"
    "Prints nothing when the file is clean.\n"
    "\n"
    "Exit status: 0 clean, 1 errors in the rules, 2 a data file cannot be read,\n"
    "3 wrong use of the command line.\n";

static const char run_help[] =
    "usage: maal run [--data NAME=PATH]... [--param NAME=VALUE]... [--format FORMAT]\n"
    "                [--excel] [-o FILE] FILE.maal\n"
    "\n"
    "Check FILE.maal, read each data file once, evaluate every goal and write the\n"
    "status table (Indsats | Status | Resultater | Kommentarer).\n"
    "\n"
    "  --data NAME=PATH    read data source NAME from PATH (\"-\" is standard input)\n"
    "  --param NAME=VALUE  set parameter NAME, e.g. --param aar=2010\n"
    "  --format FORMAT     text (aligned, default), md (Markdown), csv, json, html\n"
    "  --excel             csv for Danish Excel: ';', decimal comma, byte-order mark\n"
    "  -o FILE             write to FILE through a temporary file (whole or not at all)\n"
    "\n"
    "On a terminal, a run longer than half a second shows its progress on standard error.\n"
    "Exit status: 0 success (whatever the goals' statuses), 1 errors in the rules,\n"
    "2 errors in the data or files, 3 wrong use of the command line.\n";

typedef struct {
  const char *command;
  const char *file;
  const char *out;
  rep_format format;
  bool excel;
  bool help;
  bool check, to_stdout, rows;
  fmt_lang lang;
  const char **files; /* fmt takes several */
  size_t nfiles;
  const char **data;
  size_t ndata;
  const char **params;
  size_t nparams;
} cli;

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "maal: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'maal --help'.\n");
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
  int min_files, max_files; /* max 0: any number */
  const char *needs;        /* said when the files do not fit */
  int (*fn)(const cli *c);
} command;
static const command *find_command(const char *name);

static int parse_args(int argc, char **argv, cli *c) {
  c->data = xcalloc((size_t)argc, sizeof *c->data);
  c->params = xcalloc((size_t)argc, sizeof *c->params);
  c->files = xcalloc((size_t)argc, sizeof *c->files);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--data") || !strcmp(a, "--param") || !strcmp(a, "--format") || !strcmp(a, "-o")) {
      if (!next) return usage_error("%s needs a value", a);
      i++;
      if (!strcmp(a, "--data")) c->data[c->ndata++] = next;
      else if (!strcmp(a, "--param")) c->params[c->nparams++] = next;
      else if (!strcmp(a, "-o")) c->out = next;
      else if (!format_named(next, &c->format)) return usage_error("unknown format '%s' (use text, md, csv, json or html)", next);
    } else if (!strncmp(a, "--data=", 7)) {
      c->data[c->ndata++] = a + 7;
    } else if (!strncmp(a, "--param=", 8)) {
      c->params[c->nparams++] = a + 8;
    } else if (!strncmp(a, "--format=", 9)) {
      if (!format_named(a + 9, &c->format)) return usage_error("unknown format '%s' (use text, md, csv, json or html)", a + 9);
    } else if (!strcmp(a, "--excel")) {
      c->excel = true;
    } else if (!strcmp(a, "--check")) {
      c->check = true;
    } else if (!strcmp(a, "--stdout")) {
      c->to_stdout = true;
    } else if (!strcmp(a, "--rows")) {
      c->rows = true;
    } else if (!strcmp(a, "--lang") || !strncmp(a, "--lang=", 7)) {
      const char *v = a[6] == '=' ? a + 7 : next;
      if (!v) return usage_error("%s needs a value", a);
      if (a[6] != '=') i++;
      if (!strcmp(v, "da")) c->lang = FMT_DA;
      else if (!strcmp(v, "en")) c->lang = FMT_EN;
      else return usage_error("unknown language '%s' (use da or en)", v);
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
        return usage_error(max == 1 ? "one rule file at a time; '%s' is one too many" : "'%s' is one argument too many", a);
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

/* Write the table to `path` through a temporary file in the same folder,
 * renamed into place only when everything was written. */
/* Write text to path through a temporary file in the same folder, renamed
 * into place only when all of it was written: the file is whole or not
 * there.  An existing file keeps its mode; a new one gets 0666 less the
 * umask, like any file. */
static bool write_whole(const char *path, const char *text, size_t len) {
  size_t n = strlen(path);
  char *tmp = xmalloc(n + 16);
  snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
  int fd = mkstemp(tmp);
  FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (f) {
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, stat(path, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask);
  }
  bool ok = f && fwrite(text, 1, len, f) == len;
  if (f) ok = fclose(f) == 0 && ok;
  else if (fd >= 0) close(fd);
  if (ok && rename(tmp, path) != 0) ok = false;
  if (!ok) {
    fprintf(stderr, "maal: cannot write '%s': %s\n", path, strerror(errno));
    if (fd >= 0) remove(tmp);
  }
  free(tmp);
  return ok;
}

/* The table to standard output, or whole to a file (-o). */
static int write_output(const char *path, const rep_table *t, rep_format fmt, const rep_options *o) {
  if (!path || !strcmp(path, "-")) return rep_write_opts(stdout, t, fmt, o) == 0 ? EXIT_OK : EXIT_DATA;
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  bool ok = mem && rep_write_opts(mem, t, fmt, o) == 0;
  if (mem) ok = fclose(mem) == 0 && ok;
  ok = ok && write_whole(path, text, len);
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
      fprintf(stderr, "maal: cannot read '%s': %s\n", path, strerror(errno));
      if (status == EXIT_OK) status = EXIT_DATA;
      continue;
    }
    bool bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
    const char *src = bom ? text + 3 : text;
    size_t slen = bom ? len - 3 : len;
    diag *d = diag_new(path, src, slen);
    buf out = {0};
    if (!fmt_format(path, src, slen, c->lang, d, &out)) {
      status = EXIT_RULES;
    } else if (c->check) {
      if (out.len != slen || memcmp(buf_str(&out), src, slen) != 0 || bom) {
        printf("%s: not in the canonical layout (maal fmt %s)\n", path, path);
        if (status == EXIT_OK) status = EXIT_UNFORMATTED;
      }
    } else if (c->to_stdout || !strcmp(path, "-")) {
      fwrite(buf_str(&out), 1, out.len, stdout);
    } else if ((out.len != slen || memcmp(buf_str(&out), src, slen) != 0 || bom) &&
               !write_whole(path, buf_str(&out), out.len)) {
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
    fprintf(stderr, "maal: cannot read '%s': %s\n", path, strerror(errno));
    return EXIT_DATA;
  }
  diag *d = diag_new(path, *text, len);
  *p = parse_program(path, *text, len, d);
  int errors = diag_errors(d);
  diag_flush(d, stderr);
  diag_free(d);
  return errors ? EXIT_DATA : EXIT_OK; /* trouble, as diff(1) says it: 2 */
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
      fprintf(stderr, "maal: cannot read '%s': %s\n", c->files[i], strerror(errno));
      status = EXIT_DATA;
      continue;
    }
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

static int run(const cli *c) {
  size_t len = 0;
  char *text = read_file(c->file, &len);
  if (!text) {
    fprintf(stderr, "maal: cannot read '%s': %s\n", c->file, strerror(errno));
    return EXIT_DATA;
  }
  const char *src = text;
  if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) { /* a byte-order mark from Notepad */
    src += 3;
    len -= 3;
  }
  diag *d = diag_new(c->file, src, len);
  ast_program *p = parse_program(c->file, src, len, d);
  bool readable = imp_load(p, d);
  int status = diag_errors(d) ? EXIT_RULES : EXIT_OK;
  /* Check even a file with syntax errors, so one run shows every mistake. */
  {
    chk_options opt = {.data_overrides = c->data, .ndata_overrides = c->ndata,
                       .param_overrides = c->params, .nparam_overrides = c->nparams,
                       .load_columns = src_load_columns, .ctx = stderr};
    int r = chk_program(p, d, &opt);
    if (r == CHK_USAGE) status = EXIT_USAGE;
    else if (r == CHK_DATA && status == EXIT_OK) status = EXIT_DATA;
    else if (r == CHK_RULES) status = EXIT_RULES;
    if (!readable && status == EXIT_OK) status = EXIT_DATA;
  }
  diag_flush(d, stderr);
  if (status == EXIT_OK && !strcmp(c->command, "explain")) {
    eval_result *res = eval_run(p, stderr, false);
    xpl_options xo = {.english = c->lang == FMT_EN, .rows = c->rows};
    status = res ? xpl_explain(p, eval_table(res), d, c->files[1], &xo, stdout, stderr) : EXIT_DATA;
    eval_free(res);
  }
  if (status == EXIT_OK && !strcmp(c->command, "run")) {
    eval_result *res = eval_run(p, stderr, isatty(STDERR_FILENO));
    rep_options o = {.excel = c->excel};
    if (!res) status = EXIT_DATA;
    else status = write_output(c->out, eval_table(res), c->format, &o);
    eval_free(res);
  }
  src_cleanup(p);
  diag_free(d);
  ast_free(p);
  free(text);
  return status;
}

static const command commands[] = {
    {"check", check_help, 1, 1, "'check' needs a rule file", run},
    {"run", run_help, 1, 1, "'run' needs a rule file", run},
    {"explain", explain_help, 2, 2, "'explain' needs a rule file and a goal id: maal explain FILE.maal 1.1-a", run},
    {"test", test_help, 1, 0, "'test' needs one or more files with tests", test_files},
    {"fmt", fmt_help, 1, 0, "'fmt' needs one or more rule files", format_files},
    {"diff", diff_help, 2, 2, "'diff' compares two rule files: maal diff OLD.maal NEW.maal", diff_files},
    {"compare", compare_help, 2, 2, "'compare' compares two JSON reports: maal compare OLD.json NEW.json", compare_files},
};

static const command *find_command(const char *name) {
  for (size_t i = 0; name && i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(commands[i].name, name)) return &commands[i];
  return NULL;
}

int main(int argc, char **argv) {
  if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version"))) {
    printf("maal %s\n", MAAL_VERSION);
    return EXIT_OK;
  }
  if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))) {
    fputs(usage_text, stdout);
    return EXIT_OK;
  }
  cli c = {0};
  int st = parse_args(argc, argv, &c);
  const command *k = st == EXIT_OK ? find_command(c.command) : NULL;
  if (st != EXIT_OK) {
    /* already said */
  } else if (!c.command) {
    fputs(usage_text, stderr);
    st = EXIT_USAGE;
  } else if (!strcmp(c.command, "help")) {
    const command *h = find_command(c.file);
    fputs(h ? h->help : usage_text, stdout);
  } else if (!k) {
    st = usage_error("unknown command '%s' (use check, run, explain, test, fmt, diff or compare)", c.command);
  } else if (c.help) {
    fputs(k->help, stdout);
  } else if (c.excel && c.format != FMT_CSV) {
    st = usage_error("%s", "--excel goes with --format csv");
  } else if (c.nfiles < (size_t)k->min_files) {
    st = usage_error("%s", k->needs);
  } else {
    st = k->fn(&c);
  }
  free(c.data);
  free(c.params);
  free(c.files);
  return st;
}
