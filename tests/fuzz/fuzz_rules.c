/* fuzz_rules.c — the rule front end on fuzzed rule files: parse, check,
 * the diagnostics, fmt in the file's own words and in English and Danish,
 * and diff.
 *
 * The input is one rule file, or several separated by a line "%%" ('%'
 * cannot stand in a rule file): the parts are then also compared with
 * diff, part by part.  For each part that parses and checks without an
 * error, these must hold (abort otherwise):
 *   - fmt succeeds, in each language, and its output parses and checks;
 *   - fmt is idempotent: fmt(fmt(x)) == fmt(x), in each language;
 *   - fmt keeps every comment and every text: each comment's text (less
 *     trailing blanks) and each text literal appear in the output;
 *   - `diff x fmt(x)` reports nothing;
 *   - fmt --lang en, then fmt --lang da, gives fmt --lang da.
 * Data files are never opened: a source with declared columns has those
 * columns, one without has unknown columns (the checker then says nothing
 * about its names). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, fmemopen */
#endif
#include <string.h>

#include "check.h"
#include "diag.h"
#include "diff.h"
#include "fmt.h"
#include "fuzz.h"
#include "parse.h"
#include "parser.h"

static const char path[] = "fuzz.maal";

/* chk_options.load_columns without files: the declared columns, in order. */
static int declared_columns(ast_program *p, data_decl *d, diag *dg, void *ctx) {
  (void)dg;
  (void)ctx;
  if (!d->cols_declared) return -1; /* inferred from a file we do not read */
  size_t n = 0;
  for (column_decl *c = d->cols; c; c = c->next) n++;
  d->colv = arena_alloc(p->arena, (n ? n : 1) * sizeof *d->colv);
  d->ncol = 0;
  for (column_decl *c = d->cols; c; c = c->next) {
    c->pos = (int)d->ncol;
    d->colv[d->ncol++] = c;
  }
  return 0;
}

/* Parse and check as 'maal check' does (a file with syntax errors is
 * checked too); true when no error was reported. */
static bool parse_and_check(const char *src, size_t len) {
  diag *d = diag_new(path, src, len);
  ast_program *p = parse_program(path, src, len, d);
  chk_options opt = {.load_columns = declared_columns};
  chk_program(p, d, &opt);
  bool clean = diag_errors(d) == 0;
  diag_flush(d, fuzz_sink());
  ast_free(p);
  diag_free(d);
  return clean;
}

static bool format(const char *src, size_t len, fmt_lang lang, buf *out) {
  diag *d = diag_new(path, src, len);
  bool ok = fmt_format(path, src, len, lang, d, out);
  diag_flush(d, fuzz_sink());
  diag_free(d);
  return ok;
}

static bool same(const buf *a, const buf *b) {
  return a->len == b->len && memcmp(buf_str(a), buf_str(b), a->len) == 0;
}

/* Every comment and text literal of src appears in out. */
static void keeps_comments_and_texts(const char *src, size_t len, const buf *out, const char *lang) {
  diag *d = diag_new(path, src, len);
  ast_program *p = parse_program(path, src, len, d);
  size_t n = 0;
  parse_token *t = parse_tokens(src, len, p, d, &n);
  for (size_t i = 0; i < n && t[i].kind > 0; i++) {
    if (t[i].kind != COMMENT_TOKEN && t[i].kind != STRING) continue;
    const char *s = src + t[i].sp.beg;
    size_t k = t[i].sp.end - t[i].sp.beg;
    if (t[i].kind == COMMENT_TOKEN) /* trailing blanks are layout */
      while (k > 1 && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\r')) k--;
    PROPERTY(memmem(buf_str(out), out->len, s, k) != NULL, "fmt%s lost the %s at byte %u: %.*s", lang,
             t[i].kind == STRING ? "text" : "comment", t[i].sp.beg, (int)k, s);
  }
  free(t);
  ast_free(p);
  diag_free(d);
}

/* What diff reports between two files; its count. */
static int diff_count(const char *a, size_t alen, const char *b, size_t blen, buf *out) {
  diag *da = diag_new(path, a, alen), *db = diag_new(path, b, blen);
  ast_program *pa = parse_program(path, a, alen, da), *pb = parse_program(path, b, blen, db);
  int n = -1;
  if (!diag_errors(da) && !diag_errors(db)) n = df_compare(pa, a, pb, b, out);
  ast_free(pa);
  ast_free(pb);
  diag_free(da);
  diag_free(db);
  return n;
}

static const char *const lang_opt[] = {"", " --lang en", " --lang da"};

static void check_part(const char *src, size_t len) {
  if (!parse_and_check(src, len)) return;
  buf f[3] = {{0}};
  for (int l = FMT_KEEP; l <= FMT_DA; l++) {
    PROPERTY(format(src, len, (fmt_lang)l, &f[l]), "fmt%s fails on a file that checks", lang_opt[l]);
    PROPERTY(parse_and_check(buf_str(&f[l]), f[l].len), "fmt%s output does not check", lang_opt[l]);
    buf again = {0};
    PROPERTY(format(buf_str(&f[l]), f[l].len, (fmt_lang)l, &again) && same(&again, &f[l]),
             "fmt%s is not idempotent", lang_opt[l]);
    buf_free(&again);
    keeps_comments_and_texts(src, len, &f[l], lang_opt[l]);
  }
  buf report = {0};
  int n = diff_count(src, len, buf_str(&f[FMT_KEEP]), f[FMT_KEEP].len, &report);
  PROPERTY(n == 0, "diff x fmt(x) reports %d: %s", n, buf_str(&report));
  buf_free(&report);
  buf da = {0};
  PROPERTY(format(buf_str(&f[FMT_EN]), f[FMT_EN].len, FMT_DA, &da) && same(&da, &f[FMT_DA]),
           "fmt --lang en then --lang da differs from fmt --lang da");
  buf_free(&da);
  for (int l = FMT_KEEP; l <= FMT_DA; l++) buf_free(&f[l]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  char *prev = NULL;
  size_t prevlen = 0;
  for (;;) {
    const char *sep = memmem(s, size, "\n%%\n", 4);
    size_t len = sep ? (size_t)(sep - s) + 1 : size;
    const char *src = s;
    if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) { /* as the command line does */
      src += 3;
      len -= 3;
    }
    /* each part in a buffer of its own size, so ASan sees a read past it */
    char *part = malloc(len ? len : 1);
    memcpy(part, src, len);
    check_part(part, len);
    if (prev) {
      buf out = {0};
      diff_count(prev, prevlen, part, len, &out);
      buf_free(&out);
      free(prev);
    }
    prev = part;
    prevlen = len;
    if (!sep) break;
    size -= (size_t)(sep - s) + 4;
    s = sep + 4;
  }
  free(prev);
  return 0;
}
