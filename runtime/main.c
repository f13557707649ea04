/* main.c — the maal command: check and run rule files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "eval.h"
#include "import.h"
#include "parse.h"
#include "report.h"
#include "source.h"

#ifndef MAAL_VERSION
#define MAAL_VERSION "0.1.0"
#endif

/* Exit statuses, as documented in the README and maal.1. */
enum { EXIT_OK = 0, EXIT_RULES = 1, EXIT_DATA = 2, EXIT_USAGE = 3 };

static const char usage_text[] =
    "usage: maal COMMAND [OPTIONS] FILE.maal\n"
    "\n"
    "Commands:\n"
    "  check FILE        report every mistake in a rule file (and whether its data files fit)\n"
    "  run FILE          evaluate the goals against their data and print the status table\n"
    "  help              show this text\n"
    "\n"
    "Options:\n"
    "  --data NAME=PATH    read data source NAME from PATH instead of the file the rules name\n"
    "  --param NAME=VALUE  set parameter NAME (overrides its default in the rules)\n"
    "  --format text|md    output format of 'run' (default: text)\n"
    "  -o FILE             write the table to FILE (written whole or not at all)\n"
    "  --version           print the version\n"
    "\n"
    "Exit status: 0 success (whatever the goals' statuses), 1 errors in the rules,\n"
    "2 errors in the data or files, 3 wrong use of the command line.\n";

typedef struct {
  const char *command;
  const char *file;
  const char *out;
  rep_format format;
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

static int parse_args(int argc, char **argv, cli *c) {
  c->data = xcalloc((size_t)argc, sizeof *c->data);
  c->params = xcalloc((size_t)argc, sizeof *c->params);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--data") || !strcmp(a, "--param") || !strcmp(a, "--format") || !strcmp(a, "-o")) {
      if (!next) return usage_error("%s needs a value", a);
      i++;
      if (!strcmp(a, "--data")) c->data[c->ndata++] = next;
      else if (!strcmp(a, "--param")) c->params[c->nparams++] = next;
      else if (!strcmp(a, "-o")) c->out = next;
      else if (!strcmp(next, "text")) c->format = FMT_TEXT;
      else if (!strcmp(next, "md") || !strcmp(next, "markdown")) c->format = FMT_MD;
      else return usage_error("unknown format '%s' (use text or md)", next);
    } else if (!strncmp(a, "--data=", 7)) {
      c->data[c->ndata++] = a + 7;
    } else if (!strncmp(a, "--param=", 8)) {
      c->params[c->nparams++] = a + 8;
    } else if (!strncmp(a, "--format=", 9)) {
      if (!strcmp(a + 9, "text")) c->format = FMT_TEXT;
      else if (!strcmp(a + 9, "md") || !strcmp(a + 9, "markdown")) c->format = FMT_MD;
      else return usage_error("unknown format '%s' (use text or md)", a + 9);
    } else if (a[0] == '-' && a[1]) {
      return usage_error("unknown option '%s'", a);
    } else if (!c->command) {
      c->command = a;
    } else if (!c->file) {
      c->file = a;
    } else {
      return usage_error("one rule file at a time; '%s' is one too many", a);
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
static int write_output(const char *path, const rep_table *t, rep_format fmt) {
  if (!path || !strcmp(path, "-")) return rep_write(stdout, t, fmt) == 0 ? EXIT_OK : EXIT_DATA;
  size_t n = strlen(path);
  char *tmp = xmalloc(n + 16);
  snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    fprintf(stderr, "maal: cannot write '%s': %s\n", path, strerror(errno));
    free(tmp);
    return EXIT_DATA;
  }
  FILE *f = fdopen(fd, "wb");
  bool ok = f && rep_write(f, t, fmt) == 0;
  if (f) ok = fclose(f) == 0 && ok;
  else close(fd);
  if (ok && rename(tmp, path) != 0) ok = false;
  if (!ok) {
    fprintf(stderr, "maal: cannot write '%s': %s\n", path, strerror(errno));
    remove(tmp);
  }
  free(tmp);
  return ok ? EXIT_OK : EXIT_DATA;
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
  if (status == EXIT_OK && !strcmp(c->command, "run")) {
    eval_result *res = eval_run(p, stderr);
    if (!res) status = EXIT_DATA;
    else status = write_output(c->out, eval_table(res), c->format);
    eval_free(res);
  }
  src_cleanup(p);
  diag_free(d);
  ast_free(p);
  free(text);
  return status;
}

int main(int argc, char **argv) {
  if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version"))) {
    printf("maal %s\n", MAAL_VERSION);
    return EXIT_OK;
  }
  if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))) {
    fputs(usage_text, stdout);
    return EXIT_OK;
  }
  cli c = {0};
  int st = parse_args(argc, argv, &c);
  if (st == EXIT_OK) {
    if (!c.command) {
      fputs(usage_text, stderr);
      st = EXIT_USAGE;
    } else if (strcmp(c.command, "check") && strcmp(c.command, "run")) {
      st = usage_error("unknown command '%s' (use check or run)", c.command);
    } else if (!c.file) {
      st = usage_error("'%s' needs a rule file", c.command);
    } else {
      st = run(&c);
    }
  }
  free(c.data);
  free(c.params);
  return st;
}
