/* lsp_lang.c — the language server's knowledge of one rule file
 * (maal.md §12.13): the front end of 'maal check' run on the text in
 * memory, and what hover, definition, completion and formatting read from
 * its syntax tree. */
#include "lsp_lang.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "fmt.h"
#include "import.h"
#include "parse.h"
#include "source.h"
#include "utf8.h"

struct lsp_doc {
  char *uri, *path;
  char *text; /* the whole document, NUL-terminated */
  size_t len;
  size_t bom; /* 3 when it starts with a byte-order mark: the front end reads after it */
  uint32_t *lines; /* offset of each line's start in text */
  size_t nlines;
  diag *d;
  ast_program *p;
  char *data_msgs; /* what the data checks wrote about rows, one a line */
  size_t data_len;
  json_t *diags;
};

/* ---- UTF-8, UTF-16 and positions ---- */

/* The code point at s (n bytes left) and how many bytes it takes; a byte
 * that does not start valid UTF-8 is one byte, U+FFFD, which also keeps
 * it one UTF-16 unit in offset_of. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp) {
  size_t k = utf8_decode(s, n, cp);
  if (*cp == UTF8_BAD) *cp = 0xFFFD;
  return k;
}

json_t *ll_string(const char *s, size_t n) {
  buf b = {0};
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = decode((const unsigned char *)s + i, n - i, &cp);
    if (cp == 0xFFFD && k == 1 && (unsigned char)s[i] >= 0x80) buf_adds(&b, "\xEF\xBF\xBD");
    else buf_add(&b, s + i, k);
    i += k;
  }
  json_t *j = json_stringn(b.s ? b.s : "", b.len);
  buf_free(&b);
  return j ? j : json_string("");
}

static json_t *str(const char *s) { return ll_string(s ? s : "", s ? strlen(s) : 0); }

/* Line starts of text (split at '\n'). */
static uint32_t *line_table(const char *text, size_t len, size_t *n) {
  size_t cap = 64;
  uint32_t *lines = xmalloc(cap * sizeof *lines);
  *n = 0;
  lines[(*n)++] = 0;
  for (size_t i = 0; i < len; i++) {
    if (text[i] != '\n') continue;
    if (*n == cap) lines = xrealloc(lines, (cap *= 2) * sizeof *lines);
    lines[(*n)++] = (uint32_t)(i + 1);
  }
  return lines;
}

/* The byte offset of an LSP position: past the end of a line is its end,
 * past the last line the end of the text. */
static size_t offset_of(const char *text, size_t len, const uint32_t *lines, size_t nlines, long line, long ch) {
  if (line < 0) return 0;
  if ((size_t)line >= nlines) return len;
  size_t i = lines[line];
  size_t end = (size_t)line + 1 < nlines ? lines[line + 1] - 1 : len; /* the '\n' */
  long units = 0;
  while (i < end && units < ch) {
    uint32_t cp;
    size_t k = decode((const unsigned char *)text + i, end - i, &cp);
    units += cp >= 0x10000 ? 2 : 1;
    if (units > ch) break; /* inside a surrogate pair: before it */
    i += k;
  }
  return i;
}

/* The LSP position of a byte offset of text. */
static json_t *position_of(const char *text, size_t len, const uint32_t *lines, size_t nlines, size_t off) {
  if (off > len) off = len;
  size_t lo = 0, hi = nlines;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (lines[mid] <= off) lo = mid;
    else hi = mid;
  }
  long units = 0;
  for (size_t i = lines[lo]; i < off;) {
    uint32_t cp;
    size_t k = decode((const unsigned char *)text + i, len - i, &cp);
    if (i + k > off) break;
    units += cp >= 0x10000 ? 2 : 1;
    i += k;
  }
  return json_pack("{s:I,s:I}", "line", (json_int_t)lo, "character", (json_int_t)units);
}

static json_t *range_in(const char *text, size_t len, const uint32_t *lines, size_t nlines, size_t beg, size_t end) {
  if (end < beg) end = beg;
  return json_pack("{s:o,s:o}", "start", position_of(text, len, lines, nlines, beg), "end",
                   position_of(text, len, lines, nlines, end));
}

static json_t *doc_range(const lsp_doc *doc, size_t beg, size_t end) {
  return range_in(doc->text, doc->len, doc->lines, doc->nlines, beg, end);
}

static size_t doc_offset(const lsp_doc *doc, long line, long ch) {
  return offset_of(doc->text, doc->len, doc->lines, doc->nlines, line, ch);
}

char *ll_apply_edit(const char *text, size_t len, long sl, long sc, long el, long ec, const char *with, size_t wlen,
                    size_t *out_len) {
  size_t n;
  uint32_t *lines = line_table(text, len, &n);
  size_t a = offset_of(text, len, lines, n, sl, sc), b = offset_of(text, len, lines, n, el, ec);
  free(lines);
  if (b < a) b = a;
  buf out = {0};
  buf_add(&out, text, a);
  buf_add(&out, with, wlen);
  buf_add(&out, text + b, len - b);
  *out_len = out.len;
  char *s = buf_take(&out);
  return s ? s : xstrdup("");
}

/* ---- URIs ---- */

static int hexval(int c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *ll_uri_path(const char *uri) {
  if (strncmp(uri, "file://", 7) != 0) return xstrdup(uri);
  const char *s = uri + 7;
  if (*s != '/') s += strcspn(s, "/"); /* file://host/path */
  buf b = {0};
  for (; *s; s++) {
    if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
      char c = (char)(hexval(s[1]) * 16 + hexval(s[2]));
      buf_addc(&b, c ? c : '?');
      s += 2;
    } else {
      buf_addc(&b, *s);
    }
  }
  char *p = buf_take(&b);
  return p ? p : xstrdup("/");
}

char *ll_path_uri(const char *path) {
  buf b = {0};
  buf_adds(&b, "file://");
  if (path[0] != '/') {
    char *cwd = getcwd(NULL, 0);
    if (cwd) {
      char *abs = xmalloc(strlen(cwd) + strlen(path) + 2);
      sprintf(abs, "%s/%s", cwd, path);
      free(cwd);
      char *u = ll_path_uri(abs);
      free(abs);
      buf_free(&b);
      return u;
    }
  }
  for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
    if (isalnum(*s) || strchr("/-._~", *s)) buf_addc(&b, (char)*s);
    else buf_printf(&b, "%%%02X", *s);
  }
  return buf_take(&b);
}

/* ---- analysis ---- */

/* Standard input is the protocol's, and a FIFO or a device would wait for
 * a writer: the server reads regular files only. */
static int load_columns(ast_program *p, data_decl *d, diag *dg, void *ctx) {
  struct stat st;
  if (!d->resolved_path || !strcmp(d->resolved_path, "-") ||
      (stat(d->resolved_path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))) {
    diag_warning(dg, d->path_sp, "data '%s': %s is not a regular file; the language server does not read it", d->name,
                 d->resolved_path ? d->resolved_path : "-");
    return -1;
  }
  return src_load_columns(p, d, dg, ctx);
}

/* The same for the files the document imports: one that is there but
 * not a regular file is left out of the imports, with a warning. */
static void skip_odd_imports(ast_program *p, diag *dg) {
  for (import_decl **im = &p->imports; *im;) {
    const char *path = ast_join_path(p->arena, (*im)->dir, (*im)->path);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
      diag_warning(dg, (*im)->sp, "import '%s': %s is not a regular file; the language server does not read it",
                   (*im)->path, path);
      *im = (*im)->next;
    } else {
      im = &(*im)->next;
    }
  }
}

/* Where a shared offset of the front end is: in the document (its offset
 * in doc->text), or in another file. */
static bool in_doc(const lsp_doc *doc, uint32_t off, size_t *at) {
  const char *path, *src;
  size_t len;
  uint32_t local;
  diag_where(doc->d, off, &path, &src, &len, &local);
  if (src != doc->text + doc->bom) return false;
  *at = local + doc->bom;
  return true;
}

/* The range of a span of the document; a span in another file (an import)
 * gives the range of the import line that reads it. */
static json_t *span_range(const lsp_doc *doc, span sp) {
  size_t a, b;
  if (in_doc(doc, sp.beg, &a)) {
    if (!in_doc(doc, sp.end, &b) || sp.end < sp.beg) b = a;
    return doc_range(doc, a, b);
  }
  for (import_decl *im = doc->p->imports; im; im = im->next)
    if (in_doc(doc, im->sp.beg, &a) && in_doc(doc, im->sp.end, &b)) return doc_range(doc, a, b);
  return doc_range(doc, 0, 0);
}

typedef struct {
  lsp_doc *doc;
  json_t *all;
  json_t *last;
} drain;

static void add_diag(drain *c, json_t *range, int severity, const char *message) {
  json_t *o = json_object();
  json_object_set_new(o, "range", range);
  json_object_set_new(o, "severity", json_integer(severity));
  json_object_set_new(o, "source", json_string("maal"));
  json_object_set_new(o, "message", str(message));
  json_array_append_new(c->all, o);
  c->last = o;
}

static void visit(const diag_entry *e, void *ctx) {
  drain *c = ctx;
  size_t at;
  bool mine = in_doc(c->doc, e->sp.beg, &at);
  buf m = {0};
  if (!mine) buf_printf(&m, "%s:%u:%u: ", e->path, e->line, e->column);
  buf_adds(&m, e->message);
  if (e->level == D_NOTE && c->last) {
    if (mine) {
      json_t *rel = json_object_get(c->last, "relatedInformation");
      if (!rel) json_object_set_new(c->last, "relatedInformation", rel = json_array());
      json_array_append_new(rel, json_pack("{s:{s:s,s:o},s:o}", "location", "uri", c->doc->uri, "range",
                                           span_range(c->doc, e->sp), "message", str(buf_str(&m))));
    } else {
      const char *was = json_string_value(json_object_get(c->last, "message"));
      buf all = {0};
      buf_printf(&all, "%s\n%s", was ? was : "", buf_str(&m));
      json_object_set_new(c->last, "message", str(buf_str(&all)));
      buf_free(&all);
    }
  } else {
    add_diag(c, span_range(c->doc, e->sp), e->level == D_ERROR ? 1 : e->level == D_WARNING ? 2 : 3, buf_str(&m));
  }
  buf_free(&m);
}

/* The lines a data check wrote, "PATH:LINE:COL: error: MESSAGE": each at
 * the declaration of the data source that names PATH. */
static void data_lines(drain *c) {
  lsp_doc *doc = c->doc;
  const char *s = doc->data_msgs ? doc->data_msgs : "", *end = s + doc->data_len;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
    if (n) {
      char *line = xstrndup(s, n);
      json_t *range = NULL;
      char *mark = strstr(line, ": error: ");
      if (mark) {
        /* drop the word "error:" and place it at the data declaration */
        memmove(mark + 2, mark + 9, strlen(mark + 9) + 1);
        for (int i = 0; i < doc->p->ndata && !range; i++) {
          data_decl *d = doc->p->datav[i];
          size_t k = d->resolved_path ? strlen(d->resolved_path) : 0;
          if (k && !strncmp(line, d->resolved_path, k) && line[k] == ':') range = span_range(doc, d->path_sp);
        }
      }
      add_diag(c, range ? range : doc_range(doc, 0, 0), 1, line);
      free(line);
    }
    s += n + (nl != NULL);
  }
}

lsp_doc *ll_open(const char *uri, const char *text, size_t len) {
  lsp_doc *doc = xcalloc(1, sizeof *doc);
  doc->uri = xstrdup(uri);
  doc->path = ll_uri_path(uri);
  doc->text = xmalloc(len + 1);
  memcpy(doc->text, text, len);
  doc->text[len] = 0;
  doc->len = len;
  doc->bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
  doc->lines = line_table(doc->text, len, &doc->nlines);
  const char *src = doc->text + doc->bom;
  size_t slen = len - doc->bom;
  doc->d = diag_new(doc->path, src, slen);
  doc->p = parse_program(doc->path, src, slen, doc->d);
  skip_odd_imports(doc->p, doc->d);
  imp_load(doc->p, doc->d);
  FILE *mem = open_memstream(&doc->data_msgs, &doc->data_len);
  chk_options opt = {.load_columns = load_columns, .ctx = mem};
  chk_program(doc->p, doc->d, &opt);
  if (mem) fclose(mem);
  drain c = {doc, json_array(), NULL};
  data_lines(&c);
  c.last = NULL;
  int errors = diag_drain(doc->d, visit, &c);
  if (errors) {
    char msg[80];
    snprintf(msg, sizeof msg, "too many errors; stopped after %d", diag_error_limit());
    add_diag(&c, doc_range(doc, 0, 0), 1, msg);
  }
  doc->diags = c.all;
  return doc;
}

void ll_free(lsp_doc *doc) {
  if (!doc) return;
  src_cleanup(doc->p);
  ast_free(doc->p);
  diag_free(doc->d);
  json_decref(doc->diags);
  free(doc->data_msgs);
  free(doc->lines);
  free(doc->text);
  free(doc->path);
  free(doc->uri);
  free(doc);
}

json_t *ll_diagnostics(lsp_doc *doc) { return json_deep_copy(doc->diags); }

/* ---- names under the cursor ---- */

static bool word_byte(unsigned char c) { return isalnum(c) || c == '_' || c >= 0x80; }

/* The word at (or just before) off: [*b, *e); false if none. */
static bool word_at(const lsp_doc *doc, size_t off, size_t *b, size_t *e) {
  const unsigned char *t = (const unsigned char *)doc->text;
  size_t s = off, f = off;
  while (s > doc->bom && word_byte(t[s - 1])) s--;
  while (f < doc->len && word_byte(t[f])) f++;
  *b = s;
  *e = f;
  return f > s;
}

/* Whether off is inside a comment or a text ("…") on its line: a name
 * there is only a word. */
static bool in_prose(const lsp_doc *doc, size_t off) {
  size_t i = off;
  while (i > 0 && doc->text[i - 1] != '\n') i--;
  bool text = false;
  for (; i < off; i++) {
    char c = doc->text[i];
    if (text && c == '\\' && i + 1 < off) i++;
    else if (c == '"') text = !text;
    else if (c == '#' && !text) return true;
  }
  return text;
}

/* A goal named in a status rule ('status mål a og b') at shared offset
 * off, and the span of its label there; NULL if none. */
static goal *goal_named_at(const lsp_doc *doc, uint32_t off) {
  for (area *a = doc->p->areas; a; a = a->next)
    for (initiative *in = a->inits; in; in = in->next) {
      const status_rule *r = &in->rule;
      if (r->agg != AGG_GOAL || !r->goal_sps) continue;
      for (int i = 0; i < r->ngoals; i++) {
        if (off < r->goal_sps[i].beg || off > r->goal_sps[i].end) continue;
        if (r->targets && r->targets[i]) return r->targets[i];
        for (goal *g = in->goals; g; g = g->next)
          if (g->label && r->goals[i] && !strcmp(g->label, r->goals[i])) return g;
      }
    }
  return NULL;
}

static bool same(const char *name, const char *w, size_t n) { return name && strlen(name) == n && !memcmp(name, w, n); }

static const char *type_name(vtype t) {
  switch (t) {
  case T_INT: return "heltal (int)";
  case T_DEC: return "decimaltal (decimal)";
  case T_TEXT: return "tekst (text)";
  case T_BOOL: return "janej (bool)";
  case T_DATE: return "dato (date)";
  case T_MONTH: return "måned (month)";
  case T_QUARTER: return "kvartal (quarter)";
  case T_DUR: return "varighed (duration)";
  default: return "ukendt (unknown)";
  }
}

/* The text of a declaration as written: from the start of the line its
 * name is on (after the indent) to `end`, both shared offsets of one file. */
static void written(const lsp_doc *doc, uint32_t name, uint32_t end, buf *out) {
  const char *path, *src;
  size_t len;
  uint32_t a, b;
  diag_where(doc->d, name, &path, &src, &len, &a);
  diag_where(doc->d, end, &path, &src, &len, &b);
  if (end < name || b < a || end - name != b - a) b = a;
  while (a > 0 && src[a - 1] != '\n') a--;
  while (a < b && (src[a] == ' ' || src[a] == '\t')) a++;
  while (b > a && (src[b - 1] == ' ' || src[b - 1] == '\t' || src[b - 1] == '\r' || src[b - 1] == '\n')) b--;
  buf_add(out, src + a, b - a);
}

/* The end of the line (in the same file) a shared offset is on. */
static uint32_t line_end(const lsp_doc *doc, uint32_t off) {
  const char *path, *src;
  size_t len;
  uint32_t a;
  diag_where(doc->d, off, &path, &src, &len, &a);
  uint32_t e = a;
  while (e < len && src[e] != '\n') e++;
  return off + (e - a);
}

static void code_block(buf *out, const buf *code) {
  buf_adds(out, "```maal\n");
  buf_add(out, buf_str(code), code->len);
  buf_adds(out, "\n```\n");
}

/* The columns of a source: as read from its header, or as declared. */
static size_t columns(const data_decl *d, column_decl ***out, column_decl **tmp, size_t cap) {
  if (d->colv && d->ncol) {
    *out = d->colv;
    return d->ncol;
  }
  size_t n = 0;
  for (column_decl *c = d->cols; c && n < cap; c = c->next) tmp[n++] = c;
  *out = tmp;
  return n;
}

static column_decl *find_column(const data_decl *d, const char *w, size_t n) {
  column_decl *tmp[512], **v;
  size_t k = columns(d, &v, tmp, 512);
  for (size_t i = 0; i < k; i++)
    if (v[i] && same(v[i]->name, w, n)) return v[i];
  return NULL;
}

/* Whose column a word at wb names: the source X of 'X.word', else the
 * source of goal g's measure; NULL: any source's. */
static data_decl *column_source(const lsp_doc *doc, size_t wb, const goal *g) {
  if (wb > doc->bom + 1 && doc->text[wb - 1] == '.') {
    size_t b, e;
    if (word_at(doc, wb - 1, &b, &e)) {
      data_decl *d = ast_find_data(doc->p, doc->text + b, e - b);
      if (d) return d;
      return NULL; /* through a referencing column: its source is not looked up here */
    }
  }
  return g && g->m ? g->m->source : NULL;
}

/* The goal whose span holds a document offset (shared), or NULL. */
static goal *goal_around(const lsp_doc *doc, uint32_t off) {
  for (area *a = doc->p->areas; a; a = a->next)
    for (initiative *in = a->inits; in; in = in->next)
      for (goal *g = in->goals; g; g = g->next)
        if (off >= g->sp.beg && off < g->sp.end) return g;
  return NULL;
}

static json_t *markdown(const buf *b, json_t *range) {
  return json_pack("{s:{s:s,s:o},s:o}", "contents", "kind", "markdown", "value", str(buf_str(b)), "range", range);
}

static void goal_hover(const lsp_doc *doc, const goal *g, buf *out) {
  buf_printf(out, "**%s** %s\n\n", g->id ? g->id : g->label ? g->label : "", g->title ? g->title : "");
  for (goal_item *it = g->items; it; it = it->next) {
    if (it->kind != GI_MEASURE && it->kind != GI_TARGET && it->kind != GI_BASELINE) continue;
    buf code = {0};
    written(doc, it->sp.beg, it->sp.end, &code);
    code_block(out, &code);
    buf_free(&code);
  }
}

json_t *ll_hover(lsp_doc *doc, long line, long character) {
  ast_program *p = doc->p;
  size_t off = doc_offset(doc, line, character), wb, we;
  if (off < doc->bom) return json_null();
  uint32_t soff = (uint32_t)(off - doc->bom);
  buf out = {0}, code = {0};
  json_t *range = NULL;
  /* a goal's header: 'mål a "title" {' */
  goal *g = goal_around(doc, soff);
  if (g && soff < (g->items ? g->items->sp.beg : g->sp.end)) {
    goal_hover(doc, g, &out);
    size_t b = g->sp.beg + doc->bom, e = g->label_sp.end + doc->bom;
    range = doc_range(doc, b, e);
  } else if ((g = goal_named_at(doc, soff)) && word_at(doc, off, &wb, &we)) {
    goal_hover(doc, g, &out);
    range = doc_range(doc, wb, we);
  } else if (!in_prose(doc, off) && word_at(doc, off, &wb, &we)) {
    g = goal_around(doc, soff);
    const char *w = doc->text + wb;
    size_t n = we - wb;
    group_decl *gr;
    param_decl *pa;
    data_decl *da;
    scheme_decl *sc;
    banding_decl *ba;
    if ((gr = ast_find_group(p, w, n))) {
      written(doc, gr->sp.beg, gr->where ? gr->where->sp.end : gr->base_sp.end, &code);
      code_block(&out, &code);
      buf_printf(&out, "target group **%s**", gr->name);
      if (gr->source) buf_printf(&out, " of data '%s'", gr->source->name);
      buf_adds(&out, "\n");
    } else if ((pa = ast_find_param(p, w, n))) {
      written(doc, pa->sp.beg, pa->init ? pa->init->sp.end : pa->type_sp.end, &code);
      code_block(&out, &code);
      buf_printf(&out, "parameter **%s**: %s", pa->name, type_name(pa->type));
      if (pa->init) {
        buf v = {0};
        diag_text(doc->d, pa->init->sp, &v);
        buf_printf(&out, " = %s", buf_str(&v));
        buf_free(&v);
      }
      buf_adds(&out, "\n");
    } else if ((da = ast_find_data(p, w, n))) {
      written(doc, da->sp.beg, line_end(doc, da->sp.beg), &code);
      code_block(&out, &code);
      buf_printf(&out, "data **%s**: %s\n", da->name, da->resolved_path ? da->resolved_path : da->path);
      column_decl *tmp[512], **v;
      size_t k = columns(da, &v, tmp, 512);
      for (size_t i = 0; i < k && i < 60; i++)
        if (v[i]) buf_printf(&out, "%s- %s: %s\n", i ? "" : "\n", v[i]->name, type_name(v[i]->type));
      if (k > 60) buf_printf(&out, "- … %zu columns in all\n", k);
    } else if ((sc = ast_find_scheme(p, w, n))) {
      uint32_t end = sc->sp.end;
      for (level *l = sc->levels; l; l = l->next) end = l->sp.end;
      const char *path, *src;
      size_t len;
      uint32_t local;
      diag_where(doc->d, end, &path, &src, &len, &local);
      const char *brace = memchr(src + local, '}', len - local);
      if (brace) end += (uint32_t)(brace - (src + local)) + 1;
      written(doc, sc->sp.beg, end, &code);
      code_block(&out, &code);
      buf_printf(&out, "status scheme **%s**\n", sc->name);
    } else if ((ba = ast_find_banding(p, w, n))) {
      written(doc, ba->sp.beg, ba->dim ? ba->dim->sp.end : ba->sp.end, &code);
      code_block(&out, &code);
      buf_printf(&out, "banding **%s**\n", ba->name);
    } else {
      /* a column: of the goal's source first, else of every source */
      data_decl *mine = column_source(doc, wb, g);
      for (data_decl *d = p->data; d; d = d->next) {
        if (mine && d != mine) continue;
        column_decl *c = find_column(d, w, n);
        if (!c) continue;
        buf_printf(&out, "%scolumn **%s**: %s", out.len ? "\n\n" : "", c->name, type_name(c->type));
        if (c->unit) buf_printf(&out, ", unit %s", c->unit);
        buf_printf(&out, " — of data '%s' (%s)", d->name, c->inferred ? "inferred from the data" : "declared");
      }
      if (out.len) buf_adds(&out, "\n");
    }
    if (out.len) range = doc_range(doc, wb, we);
  }
  json_t *r = out.len ? markdown(&out, range) : json_null();
  if (!out.len && range) json_decref(range);
  buf_free(&out);
  buf_free(&code);
  return r;
}

/* A Location of a shared offset span (in the document or another file). */
static json_t *location(const lsp_doc *doc, span sp) {
  size_t a;
  if (in_doc(doc, sp.beg, &a)) return json_pack("{s:s,s:o}", "uri", doc->uri, "range", span_range(doc, sp));
  const char *path, *src;
  size_t len;
  uint32_t b, e;
  diag_where(doc->d, sp.beg, &path, &src, &len, &b);
  diag_where(doc->d, sp.end, &path, &src, &len, &e);
  size_t n;
  uint32_t *lines = line_table(src, len, &n);
  char *uri = ll_path_uri(path);
  json_t *r = json_pack("{s:o,s:o}", "uri", str(uri), "range", range_in(src, len, lines, n, b, e < b ? b : e));
  free(uri);
  free(lines);
  return r;
}

/* The place of column `w` in the first line of d's file (a regular file
 * only), or NULL. */
static json_t *header_location(const data_decl *d, const char *w, size_t n) {
  struct stat st;
  if (stat(d->resolved_path, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
  FILE *f = fopen(d->resolved_path, "rb");
  if (!f) return NULL;
  char *line = xmalloc(1 << 20);
  size_t len = fread(line, 1, (1 << 20) - 1, f);
  fclose(f);
  line[len] = 0;
  len = strcspn(line, "\n");
  json_t *r = NULL;
  for (size_t i = 0; i + n <= len && !r; i++) {
    bool starts_field = i == 0 || strchr(",;\t|\"", line[i - 1]) || (i == 3 && !memcmp(line, "\xEF\xBB\xBF", 3));
    bool ends_field = i + n == len || strchr(",;\t|\"\r", line[i + n]);
    if (starts_field && ends_field && !memcmp(line + i, w, n)) {
      uint32_t start = 0;
      char *uri = ll_path_uri(d->resolved_path);
      r = json_pack("{s:o,s:o}", "uri", str(uri), "range", range_in(line, len, &start, 1, i, i + n));
      free(uri);
    }
  }
  free(line);
  return r;
}

json_t *ll_definition(lsp_doc *doc, long line, long character) {
  ast_program *p = doc->p;
  size_t off = doc_offset(doc, line, character), wb, we;
  goal *named = off >= doc->bom ? goal_named_at(doc, (uint32_t)(off - doc->bom)) : NULL;
  if (named) return location(doc, named->label_sp);
  if (in_prose(doc, off) || !word_at(doc, off, &wb, &we)) return json_null();
  const char *w = doc->text + wb;
  size_t n = we - wb;
  group_decl *gr;
  param_decl *pa;
  data_decl *da;
  scheme_decl *sc;
  banding_decl *ba;
  if ((gr = ast_find_group(p, w, n))) return location(doc, gr->sp);
  if ((pa = ast_find_param(p, w, n))) return location(doc, pa->sp);
  if ((da = ast_find_data(p, w, n))) return location(doc, da->sp);
  if ((sc = ast_find_scheme(p, w, n))) return location(doc, sc->sp);
  if ((ba = ast_find_banding(p, w, n))) return location(doc, ba->sp);
  /* a column declared in a data declaration */
  goal *g = off >= doc->bom ? goal_around(doc, (uint32_t)(off - doc->bom)) : NULL;
  data_decl *mine = column_source(doc, wb, g);
  for (data_decl *d = p->data; d; d = d->next) {
    if (mine && d != mine) continue;
    for (column_decl *c = d->cols; c; c = c->next)
      if (same(c->name, w, n)) return location(doc, c->sp);
  }
  /* an inferred column: its name in the data file's header */
  for (data_decl *d = p->data; d; d = d->next) {
    if ((mine && d != mine) || !find_column(d, w, n) || !d->resolved_path) continue;
    json_t *r = header_location(d, w, n);
    if (r) return r;
  }
  return json_null();
}

/* ---- the outline ---- */

/* Symbol kinds of the protocol. */
enum { SK_NAMESPACE = 3, SK_PACKAGE = 4, SK_CLASS = 5, SK_ENUM = 10, SK_FUNCTION = 12, SK_VARIABLE = 13,
       SK_ARRAY = 18, SK_STRUCT = 23 };

/* A DocumentSymbol for [from, to) with its name at sel (shared offsets),
 * or NULL when it is not in the document (an import's). */
static json_t *symbol(const lsp_doc *doc, const char *name, const char *detail, int kind, uint32_t from, uint32_t to,
                      span sel) {
  size_t a, b, sa, sb;
  if (!in_doc(doc, from, &a) || !in_doc(doc, to, &b) || !in_doc(doc, sel.beg, &sa) || !in_doc(doc, sel.end, &sb))
    return NULL;
  if (sb < sa) sb = sa;
  if (sa < a) a = sa; /* the name lies inside the whole */
  if (b < sb) b = sb;
  json_t *o = json_object();
  json_object_set_new(o, "name", str(name && *name ? name : "?"));
  if (detail && *detail) json_object_set_new(o, "detail", str(detail));
  json_object_set_new(o, "kind", json_integer(kind));
  json_object_set_new(o, "range", doc_range(doc, a, b));
  json_object_set_new(o, "selectionRange", doc_range(doc, sa, sb));
  return o;
}

static void add_symbol(json_t *list, json_t *sym) {
  if (sym) json_array_append_new(list, sym);
}

/* The start of the line that off (shared) is on, in the same file. */
static uint32_t line_start(const lsp_doc *doc, uint32_t off) {
  const char *path, *src;
  size_t len;
  uint32_t a;
  diag_where(doc->d, off, &path, &src, &len, &a);
  uint32_t b = a;
  while (b > 0 && src[b - 1] != '\n') b--;
  return off - (a - b);
}

json_t *ll_symbols(lsp_doc *doc) {
  ast_program *p = doc->p;
  json_t *all = json_array();
  for (data_decl *d = p->data; d; d = d->next)
    add_symbol(all, symbol(doc, d->name, d->path, SK_STRUCT, line_start(doc, d->sp.beg), line_end(doc, d->sp.beg), d->sp));
  for (param_decl *x = p->params; x; x = x->next)
    add_symbol(all, symbol(doc, x->name, type_name(x->type), SK_VARIABLE, line_start(doc, x->sp.beg),
                           x->init ? x->init->sp.end : x->sp.end, x->sp));
  for (group_decl *g = p->groups; g; g = g->next)
    add_symbol(all, symbol(doc, g->name, g->base, SK_CLASS, line_start(doc, g->sp.beg),
                           g->where ? g->where->sp.end : g->base_sp.end, g->sp));
  for (scheme_decl *sc = p->schemes; sc; sc = sc->next) {
    uint32_t end = sc->sp.end;
    for (level *l = sc->levels; l; l = l->next) end = l->sp.end;
    add_symbol(all, symbol(doc, sc->name, "statusskema", SK_ENUM, line_start(doc, sc->sp.beg), end, sc->sp));
  }
  for (banding_decl *b = p->bandings; b; b = b->next)
    add_symbol(all, symbol(doc, b->name, "inddeling", SK_ARRAY, line_start(doc, b->sp.beg),
                           b->dim ? b->dim->sp.end : b->sp.end, b->sp));
  buf name = {0};
  for (area *a = p->areas; a; a = a->next) {
    buf_clear(&name);
    buf_printf(&name, "%s %s", a->number ? a->number : "", a->title ? a->title : "");
    json_t *as = symbol(doc, buf_str(&name), NULL, SK_NAMESPACE, a->sp.beg, a->sp.end, a->number_sp);
    json_t *inits = json_array();
    for (initiative *in = a->inits; in; in = in->next) {
      buf_clear(&name);
      buf_printf(&name, "%s %s", in->number ? in->number : "", in->title ? in->title : "");
      json_t *is = symbol(doc, buf_str(&name), NULL, SK_PACKAGE, in->sp.beg, in->sp.end, in->number_sp);
      json_t *goals = json_array();
      for (goal *g = in->goals; g; g = g->next) {
        buf_clear(&name);
        buf_printf(&name, "%s %s", g->id ? g->id : g->label ? g->label : "", g->title ? g->title : "");
        add_symbol(goals, symbol(doc, buf_str(&name), NULL, SK_FUNCTION, g->sp.beg, g->sp.end, g->label_sp));
      }
      if (is) {
        json_object_set_new(is, "children", goals);
        json_array_append_new(inits, is);
      } else {
        json_decref(goals);
      }
    }
    if (as) {
      json_object_set_new(as, "children", inits);
      json_array_append_new(all, as);
    } else {
      json_decref(inits);
    }
  }
  buf_free(&name);
  return all;
}

/* ---- completion ---- */

static const char *const keywords[] = {
#define KW(tok, w) w,
#include "keywords.h"
#undef KW
};

/* Completion item kinds of the protocol. */
enum { CK_FIELD = 5, CK_VARIABLE = 6, CK_CLASS = 7, CK_MODULE = 9, CK_KEYWORD = 14, CK_ENUM = 13, CK_STRUCT = 22 };

typedef struct {
  json_t *items;
  json_t *seen; /* labels given, as an object's keys */
  const char *prefix;
  size_t n;
} completion;

/* Whether s starts with the prefix, ASCII letters in either case. */
static bool starts(const char *s, const char *prefix, size_t n) {
  if (strlen(s) < n) return false;
  for (size_t i = 0; i < n; i++)
    if (tolower((unsigned char)s[i]) != tolower((unsigned char)prefix[i])) return false;
  return true;
}

static void item(completion *c, const char *label, int kind, const char *detail) {
  if (!label || !*label || !starts(label, c->prefix, c->n)) return;
  json_t *l = str(label);
  const char *key = json_string_value(l);
  if (json_object_get(c->seen, key)) {
    json_decref(l);
    return;
  }
  json_object_set_new(c->seen, key, json_true());
  json_t *o = json_object();
  json_object_set_new(o, "label", l);
  json_object_set_new(o, "kind", json_integer(kind));
  json_object_set_new(o, "detail", str(detail));
  json_array_append_new(c->items, o);
}

json_t *ll_completion(lsp_doc *doc, long line, long character) {
  ast_program *p = doc->p;
  size_t off = doc_offset(doc, line, character), wb, we;
  if (in_prose(doc, off)) return json_pack("{s:b,s:[]}", "isIncomplete", 0, "items"); /* a comment or a text */
  char *prefix = word_at(doc, off, &wb, &we) ? xstrndup(doc->text + wb, off - wb) : xstrdup("");
  completion c = {json_array(), json_object(), prefix, strlen(prefix)};
  buf detail = {0};
  for (data_decl *d = p->data; d; d = d->next) {
    column_decl *tmp[512], **v;
    size_t k = columns(d, &v, tmp, 512);
    for (size_t i = 0; i < k; i++) {
      if (!v[i]) continue;
      buf_clear(&detail);
      buf_printf(&detail, "column of %s: %s", d->name, type_name(v[i]->type));
      item(&c, v[i]->name, CK_FIELD, buf_str(&detail));
    }
  }
  for (group_decl *g = p->groups; g; g = g->next) item(&c, g->name, CK_CLASS, "målgruppe (target group)");
  for (param_decl *x = p->params; x; x = x->next) {
    buf_clear(&detail);
    buf_printf(&detail, "parameter: %s", type_name(x->type));
    item(&c, x->name, CK_VARIABLE, buf_str(&detail));
  }
  for (data_decl *d = p->data; d; d = d->next) item(&c, d->name, CK_MODULE, "data");
  for (scheme_decl *s = p->schemes; s; s = s->next) item(&c, s->name, CK_ENUM, "statusskema (status scheme)");
  for (banding_decl *b = p->bandings; b; b = b->next) item(&c, b->name, CK_STRUCT, "inddeling (banding)");
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) item(&c, keywords[i], CK_KEYWORD, "keyword");
  buf_free(&detail);
  json_decref(c.seen);
  free(prefix);
  return json_pack("{s:b,s:o}", "isIncomplete", 0, "items", c.items);
}

/* ---- formatting ---- */

json_t *ll_formatting(lsp_doc *doc) {
  const char *src = doc->text + doc->bom;
  size_t slen = doc->len - doc->bom;
  diag *d = diag_new(doc->path, src, slen);
  buf out = {0};
  json_t *edits = json_array();
  bool ok = fmt_format(doc->path, src, slen, FMT_KEEP, d, &out);
  if (ok && (doc->bom || out.len != slen || memcmp(buf_str(&out), src, slen) != 0))
    json_array_append_new(edits, json_pack("{s:o,s:o}", "range", doc_range(doc, 0, doc->len), "newText",
                                           ll_string(buf_str(&out), out.len)));
  buf_free(&out);
  diag_free(d);
  return edits;
}
