/* tester.c — tests of the rules: given rows, expected statuses. */
#include "tester.h"
#include "msg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "check.h"
#include "csv.h"
#include "diag.h"
#include "eval.h"
#include "import.h"
#include "parse.h"
#include "source.h"

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  buf b = {0};
  bool ok = buf_read(&b, f);
  fclose(f);
  if (!ok) {
    buf_free(&b);
    return NULL;
  }
  *len = b.len;
  return buf_take(&b);
}

/* Inline rows into a temporary CSV file; its path, or NULL. */
static char *write_rows(const expr *lines) {
  const char *dir = getenv("TMPDIR");
  buf path = {0};
  buf_printf(&path, "%s/maal-test-XXXXXX", dir && *dir ? dir : "/tmp");
  char *p = buf_take(&path);
  int fd = mkstemp(p);
  if (fd >= 0) src_temp_add(p); /* removed on a signal too */
  FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (!f) {
    if (fd >= 0) {
      close(fd);
      src_temp_remove(p);
    }
    free(p);
    return NULL;
  }
  for (const expr *l = lines; l; l = l->next) fprintf(f, "%s\n", l->lit.u.t.s);
  if (fclose(f) != 0) {
    src_temp_remove(p);
    free(p);
    return NULL;
  }
  return p;
}

/* A field as CSV writes it: in quotes when it holds the delimiter, a
 * quote or a line break. */
static void put_field(FILE *f, const char *t, char delim) {
  if (!strchr(t, delim) && !strpbrk(t, "\"\r\n")) {
    fputs(t, f);
    return;
  }
  fputc('"', f);
  for (; *t; t++) {
    if (*t == '"') fputc('"', f);
    fputc(*t, f);
  }
  fputc('"', f);
}

/* The names of a real source's columns: declared, or its file's header;
 * how many (0 when they cannot be read). */
static size_t real_columns(ast_program *p, const data_decl *d, const char ***out) {
  size_t n = 0;
  if (d->cols_declared) {
    for (const column_decl *c = d->cols; c; c = c->next) n++;
    *out = arena_alloc(p->arena, (n ? n : 1) * sizeof **out);
    n = 0;
    for (const column_decl *c = d->cols; c; c = c->next) (*out)[n++] = c->name;
    return n;
  }
  const char *path = d->path[0] == '/' ? d->path : ast_join_path(p->arena, d->dir ? d->dir : p->dir, d->path);
  if (!strcmp(d->path, "-")) return 0;
  /* the header in the real file's own dialect, as its declaration says */
  char delim = 0;
  int enc = 0;
  for (const data_opt *o = d->opts; o; o = o->next) {
    if (o->kind == OPT_DELIMITER) delim = chk_delimiter_named(o->text);
    if (o->kind == OPT_ENCODING && chk_encoding_named(o->text) >= 0) enc = chk_encoding_named(o->text);
  }
  csv_error err = {0};
  csv_reader *r = csv_open(path, delim, &err);
  if (r) csv_set_encoding(r, (csv_encoding)enc);
  csv_record *h = NULL;
  if (r && csv_next(r, &h, &err) > 0) {
    *out = arena_alloc(p->arena, (h->nfields ? h->nfields : 1) * sizeof **out);
    for (size_t i = 0; i < h->nfields; i++) (*out)[n++] = arena_strdup(p->arena, h->fields[i].text);
  }
  if (r) csv_close(r);
  return n;
}

/* A test's rows need only the columns its goals use (spec §12.11): each
 * column of the real source that the rows leave out is added, empty, to
 * the temporary file; its name goes on `padded`.  Rows that cannot be
 * read again are left as they are (the run reports them). */
static void pad_rows(ast_program *p, const char *source, const char *tmp, buf *padded) {
  const data_decl *d = NULL;
  for (const data_decl *x = p->data; x; x = x->next)
    if (!strcmp(x->name, source)) d = x;
  if (!d) return;
  const char **real;
  size_t nreal = real_columns(p, d, &real);
  if (!nreal) return;
  csv_error err = {0};
  csv_reader *r = csv_open(tmp, 0, &err);
  if (!r) return;
  csv_record *rec = NULL;
  if (csv_next(r, &rec, &err) <= 0) {
    csv_close(r);
    return;
  }
  char delim = csv_delimiter(r);
  const char **missing = xcalloc(nreal, sizeof *missing);
  size_t nmiss = 0;
  for (size_t i = 0; i < nreal; i++) {
    bool have = false;
    for (size_t j = 0; j < rec->nfields && !have; j++) have = !strcmp(rec->fields[j].text, real[i]);
    if (!have) missing[nmiss++] = real[i];
  }
  char *text = NULL;
  size_t len = 0;
  FILE *f = nmiss ? open_memstream(&text, &len) : NULL;
  int got = 1;
  for (; f && got > 0; got = csv_next(r, &rec, &err)) {
    for (size_t j = 0; j < rec->nfields; j++) {
      if (j) fputc(delim, f);
      put_field(f, rec->fields[j].text, delim);
    }
    for (size_t k = 0; k < nmiss; k++) {
      fputc(delim, f);
      if (rec->number == 1) put_field(f, missing[k], delim);
    }
    fputc('\n', f);
  }
  csv_close(r);
  if (f) fclose(f);
  if (f && got == 0) {
    /* beside it, then over it: rows written half are never what the test reads */
    buf next = {0};
    buf_printf(&next, "%s.pad", tmp);
    FILE *w = fopen(buf_str(&next), "wb");
    bool ok = w && fwrite(text, 1, len, w) == len;
    if (w && fclose(w) != 0) ok = false;
    if (ok) ok = rename(buf_str(&next), tmp) == 0;
    if (!ok) remove(buf_str(&next));
    buf_free(&next);
    for (size_t k = 0; ok && k < nmiss; k++)
      buf_printf(padded, "    the test's rows of '%s' have no column '%s'; it was taken as empty\n", source, missing[k]);
  }
  free(text);
  free(missing);
}

static const rep_row *find_row(const rep_table *t, const char *id) {
  for (size_t i = 0; i < t->nrows; i++)
    if ((t->rows[i].kind == ROW_GOAL || t->rows[i].kind == ROW_INITIATIVE) && !strcmp(t->rows[i].number, id))
      return &t->rows[i];
  return NULL;
}

static const rep_status to_rep[ROLE_COUNT] = {ST_MET, ST_PARTLY, ST_NOT_MET, ST_UNKNOWN};

/* The number N of 'område:N' or 'area:N' (also 'indsatsområde:N'), else NULL. */
static const char *area_number(const char *id) {
  static const char *const prefix[] = {"område:", "area:", "indsatsområde:"};
  for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
    if (!strncasecmp(id, prefix[i], strlen(prefix[i]))) return id + strlen(prefix[i]);
  return NULL;
}

/* 'forvent aftale STATUS' or 'forvent område:N STATUS' (spec §12.11):
   false with the reason on `why` when it does not hold. */
static bool expect_above(const rep_table *tab, const test_item *it, const char *no, buf *why) {
  rep_status st = ST_NONE;
  const char *label = "";
  if (!no) { /* the agreement */
    if (!tab->has_status) {
      buf_printf(why, T("    %s: the rules ask for no status of the agreement ('status …' outside the areas)\n"), it->name);
      return false;
    }
    st = tab->status;
    label = tab->status_label;
  } else {
    const rep_row *row = NULL;
    for (size_t i = 0; i < tab->nrows && !row; i++)
      if (tab->rows[i].kind == ROW_AREA && !strcmp(tab->rows[i].number, no)) row = &tab->rows[i];
    if (!row) {
      buf_printf(why, T("    %s: the rules have no focus area %s\n"), it->name, no);
      return false;
    }
    if (row->status == ST_NONE) {
      buf_printf(why, T("    %s: the rules ask for no status of focus area %s ('status …' inside 'area { }')\n"), it->name, no);
      return false;
    }
    st = row->status;
    label = row->status_label;
  }
  if (st != to_rep[it->r]) {
    buf_printf(why, T("    %s: expected %s, got \"%s\"\n"), it->name, M(ast_role_name(it->r)), label);
    return false;
  }
  return true;
}

/* One test: its verdict and the reasons on `why`. */
static bool run_one(ast_program *tp, const char *tsrc, const test_decl *t, buf *why) {
  const char *rules = NULL;
  const char *dir = t->dir ? t->dir : ".";
  size_t nitems = 0;
  for (const test_item *it = t->items; it; it = it->next) {
    nitems++;
    if (it->kind == TI_RULES) rules = ast_join_path(tp->arena, dir, it->text);
  }
  if (!rules) rules = tp->path; /* tests beside the rules test that file */
  const char **data = xcalloc(nitems + 1, sizeof *data), **params = xcalloc(nitems + 1, sizeof *params);
  char **temps = xcalloc(nitems + 1, sizeof *temps);
  const char **temp_of = xcalloc(nitems + 1, sizeof *temp_of); /* the source each temporary file stands for */
  size_t nd = 0, np = 0, nt = 0;
  bool ok = true;
  for (const test_item *it = t->items; it; it = it->next) {
    if (it->kind == TI_DATA_FILE) {
      data[nd++] = arena_printf(tp->arena, "%s=%s", it->name, ast_join_path(tp->arena, dir, it->text));
    } else if (it->kind == TI_DATA_ROWS) {
      char *f = write_rows(it->e);
      if (!f) {
        buf_printf(why, T("    cannot write the rows of '%s' to a temporary file: %s\n"), it->name, msg_strerror(errno));
        ok = false;
        continue;
      }
      temp_of[nt] = it->name;
      temps[nt++] = f;
      data[nd++] = arena_printf(tp->arena, "%s=%s", it->name, f);
    } else if (it->kind == TI_PARAM) {
      buf v = {0};
      (void)tsrc;
      const expr *e = it->e;
      if (e->kind == E_STR) buf_adds(&v, e->lit.u.t.s);
      else if (e->kind == E_BOOL) buf_adds(&v, e->lit.u.b ? "ja" : "nej");
      else if (e->raw) buf_adds(&v, e->raw);
      params[np++] = arena_printf(tp->arena, "%s=%s", it->name, buf_str(&v));
      buf_free(&v);
    }
  }
  size_t len = 0;
  char *src = ok ? read_all(rules, &len) : NULL;
  if (ok && !src) {
    buf_printf(why, T("    cannot read the rules '%s': %s\n"), rules, msg_strerror(errno));
    ok = false;
  }
  if (ok) {
    /* the rules, checked and run with the test's data and parameters */
    char *msgs = NULL;
    size_t msglen = 0;
    FILE *mf = open_memstream(&msgs, &msglen);
    if (!mf) mem_fatal("open_memstream"); /* never write to a missing stream */
    diag *d = diag_new(rules, src, len);
    ast_program *p = parse_program(rules, src, len, d);
    imp_load(p, d);
    buf padded = {0};
    /* a source the rules do not have: said at the test's own words, not
       as the --data of a temporary file the test's author never wrote */
    bool unknown = false;
    for (const test_item *it = t->items; !diag_errors(d) && it; it = it->next) {
      if (it->kind != TI_DATA_ROWS && it->kind != TI_DATA_FILE) continue;
      bool known = false;
      for (const data_decl *x = p->data; x && !known; x = x->next) known = !strcmp(x->name, it->name);
      if (!known) {
        buf_printf(why, T("    the rules have no data source '%s' for the test's rows\n"), it->name);
        unknown = true;
      }
    }
    if (!diag_errors(d))
      for (size_t i = 0; i < nt; i++) pad_rows(p, temp_of[i], temps[i], &padded);
    chk_options opt = {.data_overrides = data, .ndata_overrides = nd, .param_overrides = params,
                       .nparam_overrides = np, .own_dialect = temp_of, .nown_dialect = nt,
                       .load_columns = src_load_columns, .ctx = mf};
    int r = diag_errors(d) ? CHK_RULES : unknown ? CHK_USAGE : chk_program(p, d, &opt);
    diag_flush(d, mf);
    eval_result *res = r == CHK_OK ? eval_run(p, mf, false) : NULL;
    fclose(mf);
    if (!res) {
      if (!unknown) { /* else said above */
        buf_adds(why, T("    the rules could not be run with the test's data:\n"));
        for (char *line = strtok(msgs, "\n"); line; line = strtok(NULL, "\n")) buf_printf(why, "      %s\n", line);
      }
      ok = false;
    } else {
      const rep_table *tab = eval_table(res);
      for (const test_item *it = t->items; it; it = it->next) {
        if (it->kind != TI_EXPECT) continue;
        const char *no = area_number(it->name);
        if (no || !strcasecmp(it->name, "aftale") || !strcasecmp(it->name, "agreement")) {
          ok &= expect_above(tab, it, no, why);
          continue;
        }
        const rep_row *row = find_row(tab, it->name);
        if (!row) {
          buf_printf(why, T("    %s: the rules have no goal or initiative of that id\n"), it->name);
          ok = false;
        } else if (row->status != to_rep[it->r]) {
          buf_printf(why, T("    %s: expected %s, got \"%s\" (%s)\n"), it->name, M(ast_role_name(it->r)), row->status_label,
                     row->result);
          ok = false;
        } else if (it->text && strcmp(it->text, row->result) != 0) {
          buf_printf(why, T("    %s: expected the result \"%s\", got \"%s\"\n"), it->name, it->text, row->result);
          ok = false;
        }
      }
    }
    if (!ok) buf_adds(why, buf_str(&padded));
    buf_free(&padded);
    eval_free(res);
    src_cleanup(p);
    ast_free(p);
    diag_free(d);
    free(msgs);
    free(src);
  }
  for (size_t i = 0; i < nt; i++) {
    src_temp_remove(temps[i]);
    free(temps[i]);
  }
  free(temps);
  free(temp_of);
  free(data);
  free(params);
  return ok;
}

int tst_run(ast_program *p, const char *src, FILE *out) {
  if (!p->tests) {
    fprintf(out, T("%s has no tests ('test \"name\" { ... }')\n"), p->path);
    return -1;
  }
  int failed = 0, passed = 0;
  for (const test_decl *t = p->tests; t; t = t->next) {
    buf why = {0};
    if (run_one(p, src, t, &why)) {
      fprintf(out, "PASS test: %s\n", t->name);
      passed++;
    } else {
      fprintf(out, "FAIL test: %s\n%s", t->name, buf_str(&why));
      failed++;
    }
    buf_free(&why);
  }
  fprintf(out, "%d passed, %d failed\n", passed, failed);
  return failed;
}
