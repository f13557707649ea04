/* tester.c — tests of the rules: given rows, expected statuses. */
#include "tester.h"
#include "msg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "check.h"
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
    chk_options opt = {.data_overrides = data, .ndata_overrides = nd, .param_overrides = params,
                       .nparam_overrides = np, .load_columns = src_load_columns, .ctx = mf};
    int r = diag_errors(d) ? CHK_RULES : chk_program(p, d, &opt);
    diag_flush(d, mf);
    eval_result *res = r == CHK_OK ? eval_run(p, mf, false) : NULL;
    fclose(mf);
    if (!res) {
      buf_adds(why, T("    the rules could not be run with the test's data:\n"));
      for (char *line = strtok(msgs, "\n"); line; line = strtok(NULL, "\n")) buf_printf(why, "      %s\n", line);
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
