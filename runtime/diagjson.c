/* diagjson.c — diagnostics as JSON (maal.md §12.5). */
#include "diagjson.h"
#include "msg.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct dj_list {
  json_t *all;  /* the array written */
  json_t *last; /* the error or warning the next note belongs to */
};

dj_list *dj_new(void) {
  dj_list *l = xcalloc(1, sizeof *l);
  l->all = json_array();
  return l;
}

/* A JSON string of s: a byte that is not part of valid UTF-8 becomes '?',
 * as in the source line of a text diagnostic. */
static json_t *text(const char *s) {
  if (!s) return json_null();
  size_t n = strlen(s);
  buf b = {0};
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (cp == UTF8_BAD) buf_addc(&b, '?');
    else buf_add(&b, s + i, k);
    i += k;
  }
  json_t *j = json_stringn(buf_str(&b), b.len);
  buf_free(&b);
  return j;
}

static json_t *place(unsigned line, unsigned column) {
  return json_pack("{s:I,s:I}", "line", (json_int_t)line, "column", (json_int_t)column);
}

/* kind, message, file; then line, column and span, null when absent */
static json_t *object(const char *kind, const char *message, const char *path) {
  json_t *o = json_object();
  json_object_set_new(o, "kind", json_string(kind));
  json_object_set_new(o, "message", text(message));
  json_object_set_new(o, "file", text(path));
  json_object_set_new(o, "line", json_null());
  json_object_set_new(o, "column", json_null());
  json_object_set_new(o, "span", json_null());
  return o;
}

static void add_main(dj_list *l, json_t *o) {
  json_object_set_new(o, "hint", json_null());
  json_object_set_new(o, "notes", json_array());
  json_array_append_new(l->all, o);
  l->last = o;
}

void dj_add_file(dj_list *l, const char *path, const char *message) { add_main(l, object("error", message, path)); }

/* One line "PATH:LINE:COL: error: MESSAGE" (the level in the language of
 * messages, "fejl" in Danish) as an object, or NULL when the line has
 * another form. */
static json_t *data_line(char *line) {
  char label[32];
  int k = snprintf(label, sizeof label, ": %s: ", M("error"));
  char *mark = k > 0 && (size_t)k < sizeof label ? strstr(line, label) : NULL;
  if (!mark) return NULL;
  *mark = 0;
  char *c2 = strrchr(line, ':'); /* the path may hold ':' */
  if (!c2) return NULL;
  *c2 = 0;
  char *c1 = strrchr(line, ':');
  if (!c1) return NULL;
  *c1 = 0;
  char *e1, *e2;
  unsigned long ln = strtoul(c1 + 1, &e1, 10), col = strtoul(c2 + 1, &e2, 10);
  if (!ln || !col || *e1 || *e2 || ln > UINT32_MAX || col > UINT32_MAX) return NULL;
  json_t *o = object("error", mark + k, line);
  json_object_set_new(o, "line", json_integer((json_int_t)ln));
  json_object_set_new(o, "column", json_integer((json_int_t)col));
  json_object_set_new(o, "span", json_pack("{s:o,s:o}", "start", place((unsigned)ln, (unsigned)col), "end",
                                           place((unsigned)ln, (unsigned)col)));
  return o;
}

void dj_add_lines(dj_list *l, const char *s, size_t len) {
  for (const char *end = s + len; s < end;) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
    if (n) {
      char *line = xstrndup(s, n);
      json_t *o = data_line(line);
      free(line);
      if (!o) {
        line = xstrndup(s, n);
        o = object("error", line, NULL);
        free(line);
      }
      add_main(l, o);
    }
    s += n + (nl != NULL);
  }
}

static void visit(const diag_entry *e, void *ctx) {
  static const char *const kinds[] = {[D_ERROR] = "error", [D_WARNING] = "warning", [D_NOTE] = "note"};
  dj_list *l = ctx;
  json_t *o = object(kinds[e->level], e->message, e->path);
  json_object_set_new(o, "line", json_integer(e->line));
  json_object_set_new(o, "column", json_integer(e->column));
  json_object_set_new(o, "span", json_pack("{s:o,s:o}", "start", place(e->line, e->column), "end",
                                           place(e->end_line, e->end_column)));
  if (e->level != D_NOTE || !l->last) {
    add_main(l, o);
    return;
  }
  json_t *notes = json_object_get(l->last, "notes");
  if (json_array_size(notes) == 0) json_object_set_new(l->last, "hint", text(e->message));
  json_array_append_new(notes, o);
}

void dj_add_diag(dj_list *l, diag *d, const char *path) {
  int errors = diag_drain(d, visit, l);
  if (errors) {
    char msg[80];
    snprintf(msg, sizeof msg, T("too many errors; stopped after %d"), diag_error_limit());
    dj_add_file(l, path, msg);
  }
}

/* One message a line, so the array reads (and greps) like the text form. */
int dj_write(dj_list *l, FILE *f) {
  size_t n = json_array_size(l->all);
  bool ok = fputs(n ? "[\n" : "[]\n", f) != EOF;
  for (size_t i = 0; i < n && ok; i++) {
    char *one = json_dumps(json_array_get(l->all, i), JSON_PRESERVE_ORDER);
    ok = one && fprintf(f, "  %s%s\n", one, i + 1 < n ? "," : "") > 0;
    free(one);
  }
  if (n && ok) ok = fputs("]\n", f) != EOF;
  json_decref(l->all);
  free(l);
  return ok ? 0 : -1;
}
