/* report.c — lays the status table out as a terminal table, Markdown, CSV or JSON (see report.h). */
#include "report.h"

#include "html.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"

/* Layout notes (the parts report.h leaves open):
 *
 * Document structure.  Both formats are a sequence of blocks separated by
 * exactly one blank line: the title block (title, and "Periode: ..." when the
 * period is non-empty), then per focus area its heading and its table, then
 * "Datakilder: ..." when there are sources, then the provenance (one line
 * each; in Markdown a list) when t->prov is set.  Nothing follows the last block
 * but its newline, so an empty table gives just the title block.
 *
 * Text cells.  '\n' (and "\r\n") starts a new line inside a cell; tab and a
 * lone CR count as spaces.  Trailing blanks and line breaks of a cell are
 * dropped (in Markdown too), so "slut\n" is one line.  Each line is word-wrapped greedily at runs of
 * spaces: words that stay on one line keep the spaces between them, a run of
 * spaces where the line breaks is dropped, as are leading and trailing spaces
 * of a line.  A word wider than the column is broken between characters
 * (never inside a UTF-8 sequence; combining marks stay with their base).
 * Titles, headings and source names outside cells are written on one line,
 * with '\n', '\r' and tab turned into spaces.  Every output line has its
 * trailing spaces and tabs removed.
 *
 * Indsats cell.  Continuation lines hang under the title text.  If the
 * number is so long that the hanging indent would exceed half the column,
 * "<number> <title>" is wrapped as one text under the row's indent instead.
 *
 * A blank line precedes every initiative that is not the first row of its
 * table.
 *
 * Markdown escapes.  Any text must render as itself (CommonMark with the
 * GitHub extensions).  In all Markdown text the characters \ * _ ` [ ] < >
 * | & ~ are backslash-escaped (& so that "&amp;" is not an entity, ~ so
 * that "~~x~~" is not struck through), and so is a # that is the first
 * character of a text or that only #s and blanks follow (a heading's
 * closing sequence would drop it), the : of "://" and the . of "www." (no
 * web link forms: inside one, escapes would show; e-mail links show
 * their text right and are left to form).  An area comment is a paragraph of its
 * own, so its leading blanks are dropped (four would make it code) and a
 * leading - + = or the . or ) after leading digits is escaped (a list, a
 * rule, a setext line).  Everything else is written as is.  Inside table
 * cells a line break ('\n' or "\r\n") becomes "<br>"; in the title, headings
 * and the other paragraphs it becomes a space.  A lone CR is a space.
 */

enum { NCOL = 4, GAP = 2 };

static const char *const heads[NCOL] = {"Indsats", "Status", "Resultater", "Kommentarer"};
static const size_t caps[NCOL] = {44, 26, 48, 48};

/* ---- UTF-8 and display width ---- */

#define BAD REP_BAD_UTF8 /* "code point" of an invalid byte */

size_t rep_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char b = s[0];
  size_t len;
  uint32_t c, min;
  *cp = BAD;
  if (b < 0x80) {
    *cp = b;
    return 1;
  } else if ((b & 0xE0) == 0xC0) {
    len = 2, c = b & 0x1Fu, min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    len = 3, c = b & 0x0Fu, min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    len = 4, c = b & 0x07u, min = 0x10000;
  } else {
    return 1;
  }
  if (len > n) return 1;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 1;
    c = c << 6 | (s[i] & 0x3Fu);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 1;
  *cp = c;
  return len;
}

typedef struct {
  uint32_t lo, hi;
  unsigned char w;
} span;

/* Checked in order; the first match wins (so U+303F comes before its
 * enclosing wide range). */
static const span spans[] = {
    {0x0300, 0x036F, 0},   {0x1AB0, 0x1AFF, 0},   {0x1DC0, 0x1DFF, 0},
    {0x200B, 0x200F, 0},   {0x20D0, 0x20FF, 0},   {0xFE20, 0xFE2F, 0},
    {0xFEFF, 0xFEFF, 0},   {0x303F, 0x303F, 1},   {0x1100, 0x115F, 2},
    {0x2E80, 0xA4CF, 2},   {0xAC00, 0xD7A3, 2},   {0xF900, 0xFAFF, 2},
    {0xFE30, 0xFE4F, 2},   {0xFF00, 0xFF60, 2},   {0xFFE0, 0xFFE6, 2},
    {0x1F300, 0x1F64F, 2}, {0x1F900, 0x1F9FF, 2}, {0x20000, 0x3FFFD, 2},
};

static size_t cpw(uint32_t c) {
  if (c == BAD || c < 0x300) return 1;
  for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
    if (c >= spans[i].lo && c <= spans[i].hi) return spans[i].w;
  return 1;
}

size_t rep_display_width(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t w = 0;
  for (size_t i = 0; i < len;) {
    uint32_t c;
    i += rep_utf8_decode(p + i, len - i, &c);
    w += cpw(c);
  }
  return w;
}

static size_t dw(const char *s) { return rep_display_width(s, strlen(s)); }

static const char *str(const char *s) { return s ? s : ""; }

/* ---- output helpers ---- */

static void spaces(buf *b, size_t n) {
  while (n--) buf_addc(b, ' ');
}

/* End the current line: drop its trailing blanks, add '\n'. */
static void nl(buf *b) {
  while (b->len > 0 && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\t'))
    b->s[--b->len] = '\0';
  buf_addc(b, '\n');
}

/* Append s on one line: line breaks and tabs become spaces. */
static void flat(buf *b, const char *s) {
  for (; *s; s++) buf_addc(b, (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s);
}

/* 1052 -> "1.052". */
static void thousands(buf *b, uint64_t v) {
  char d[24];
  int n = snprintf(d, sizeof d, "%" PRIu64, v);
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) buf_addc(b, '.');
    buf_addc(b, d[i]);
  }
}

/* ---- cells: wrapped lines ---- */

typedef struct {
  char **line;
  size_t n, cap;
} cell;

static void push(cell *c, const char *s, size_t n) {
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 4;
    c->line = xrealloc(c->line, c->cap * sizeof *c->line);
  }
  c->line[c->n++] = xstrndup(s, n);
}

static void cell_free(cell *c) {
  for (size_t i = 0; i < c->n; i++) free(c->line[i]);
  free(c->line);
  c->line = NULL;
  c->n = c->cap = 0;
}

static size_t cell_width(const cell *c) {
  size_t m = 0;
  for (size_t i = 0; i < c->n; i++) {
    size_t w = dw(c->line[i]);
    if (w > m) m = w;
  }
  return m;
}

static int blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

/* Word-wrap one paragraph s[0..n) (no '\n') into lines of at most `width`
 * columns and push them; an empty paragraph pushes one empty line. */
static void wrap_para(cell *c, const char *s, size_t n, size_t width) {
  buf ln = {0};
  size_t lw = 0; /* display width of ln */
  int any = 0;   /* ln holds something */
  size_t i = 0;
  while (i < n && blank(s[i])) i++;
  while (i < n) {
    size_t ws = i, we = i;
    while (we < n && !blank(s[we])) we++;
    /* "80 %" stays together: never break before a word starting with % */
    while (we + 1 < n && s[we] == ' ' && s[we + 1] == '%') {
      we += 2;
      while (we < n && !blank(s[we])) we++;
    }
    size_t g = 0, e = we; /* the run of blanks after the word */
    while (e < n && blank(s[e])) e++, g++;
    size_t ww = rep_display_width(s + ws, we - ws);
    i = e;
    if (any && lw + ww <= width) {
      buf_add(&ln, s + ws, we - ws);
      lw += ww;
    } else {
      if (any) {
        push(c, buf_str(&ln), ln.len);
        buf_clear(&ln);
        lw = 0, any = 0;
      }
      /* Place the word character by character, breaking where it is full. */
      const unsigned char *p = (const unsigned char *)s;
      for (size_t j = ws; j < we;) {
        uint32_t cp;
        size_t k = rep_utf8_decode(p + j, we - j, &cp), w = cpw(cp);
        if (any && lw + w > width) {
          push(c, buf_str(&ln), ln.len);
          buf_clear(&ln);
          lw = 0, any = 0;
        }
        buf_add(&ln, s + j, k);
        lw += w, any = 1, j += k;
      }
    }
    /* Keep the blanks only if the next word will fit after them. */
    if (g > 0 && e < n) {
      size_t nx = e;
      while (nx < n && !blank(s[nx])) nx++;
      if (lw + g + rep_display_width(s + e, nx - e) <= width) {
        spaces(&ln, g);
        lw += g;
      } else {
        push(c, buf_str(&ln), ln.len);
        buf_clear(&ln);
        lw = 0, any = 0;
      }
    }
  }
  push(c, buf_str(&ln), ln.len);
  buf_free(&ln);
}

/* Length of s without trailing blanks and line breaks. */
static size_t trimmed(const char *s) {
  size_t n = strlen(s);
  while (n > 0 && (blank(s[n - 1]) || s[n - 1] == '\n')) n--;
  return n;
}

/* Wrap text at `width` columns; '\n' starts a new line.  Trailing blanks
 * and line breaks are dropped; blank text gives no lines. */
static void wrap(cell *c, const char *s, size_t width) {
  if (width == 0) width = 1;
  size_t n = trimmed(s);
  if (n == 0) return;
  for (;;) {
    const char *e = memchr(s, '\n', n);
    size_t k = e ? (size_t)(e - s) : n;
    wrap_para(c, s, k, width);
    if (!e) break;
    s += k + 1, n -= k + 1;
  }
}

/* Widest line of s when nothing wraps. */
static size_t natural(const char *s) {
  cell c = {0};
  wrap(&c, s, SIZE_MAX);
  size_t w = cell_width(&c);
  cell_free(&c);
  return w;
}

/* The Indsats cell of r laid out in colw columns (SIZE_MAX: unwrapped). */
static void indsats(cell *c, const rep_row *r, size_t colw) {
  size_t indent = r->kind == ROW_GOAL ? 2 : r->kind == ROW_PART ? 4 : 0;
  const char *no = str(r->number);
  const char *title = r->kind == ROW_PART ? "" : str(r->title);
  buf pre = {0}, body = {0};
  spaces(&pre, indent);
  size_t hang = indent;
  if (*no && trimmed(title) > 0) {
    buf nb = {0};
    flat(&nb, no);
    size_t h = indent + dw(buf_str(&nb)) + 1;
    if (colw != SIZE_MAX && h * 2 > colw && h + natural(title) > colw) {
      /* Number too long to hang the title after it: wrap both together. */
      buf_printf(&body, "%s %s", buf_str(&nb), title);
    } else {
      buf_adds(&pre, buf_str(&nb));
      buf_addc(&pre, ' ');
      hang = h;
      buf_adds(&body, title);
    }
    buf_free(&nb);
  } else {
    buf_adds(&body, *no ? no : title);
  }
  cell raw = {0};
  wrap(&raw, buf_str(&body), colw > hang ? colw - hang : 1);
  if (raw.n == 0) push(c, buf_str(&pre), pre.len);
  for (size_t i = 0; i < raw.n; i++) {
    buf ln = {0};
    if (i == 0)
      buf_add(&ln, buf_str(&pre), pre.len);
    else
      spaces(&ln, hang);
    buf_adds(&ln, raw.line[i]);
    push(c, buf_str(&ln), ln.len);
    buf_free(&ln);
  }
  cell_free(&raw);
  buf_free(&pre);
  buf_free(&body);
}

/* Cell `col` of r laid out in `width` columns (SIZE_MAX: unwrapped). */
static void fill(cell *c, const rep_row *r, int col, size_t width) {
  switch (col) {
  case 0: indsats(c, r, width); break;
  case 1: wrap(c, str(r->status_label), width); break;
  case 2: wrap(c, str(r->result), width); break;
  default: wrap(c, str(r->comment), width); break;
  }
}

/* ---- text format ---- */

/* One line of the table: cells left-aligned, GAP spaces between. */
static void text_line(buf *out, const char *const txt[NCOL], const size_t w[NCOL]) {
  for (int c = 0; c < NCOL; c++) {
    buf_adds(out, txt[c]);
    if (c + 1 < NCOL) {
      size_t tw = dw(txt[c]);
      spaces(out, (tw < w[c] ? w[c] - tw : 0) + GAP);
    }
  }
  nl(out);
}

static void text_table(buf *out, const rep_row *rows, size_t n) {
  size_t w[NCOL];
  for (int c = 0; c < NCOL; c++) {
    w[c] = dw(heads[c]);
    for (size_t i = 0; i < n; i++) {
      cell x = {0};
      fill(&x, &rows[i], c, SIZE_MAX);
      size_t m = cell_width(&x);
      if (m > w[c]) w[c] = m;
      cell_free(&x);
    }
    if (w[c] > caps[c]) w[c] = caps[c];
  }
  text_line(out, heads, w);
  for (int c = 0; c < NCOL; c++) {
    for (size_t k = 0; k < w[c]; k++) buf_addc(out, '-');
    if (c + 1 < NCOL) spaces(out, GAP);
  }
  nl(out);
  for (size_t i = 0; i < n; i++) {
    if (rows[i].kind == ROW_INITIATIVE && i > 0) nl(out);
    cell x[NCOL] = {{0}};
    size_t h = 1;
    for (int c = 0; c < NCOL; c++) {
      fill(&x[c], &rows[i], c, w[c]);
      if (x[c].n > h) h = x[c].n;
    }
    for (size_t l = 0; l < h; l++) {
      const char *txt[NCOL];
      for (int c = 0; c < NCOL; c++) txt[c] = l < x[c].n ? x[c].line[l] : "";
      text_line(out, txt, w);
    }
    for (int c = 0; c < NCOL; c++) cell_free(&x[c]);
  }
}

/* "Indsatsområde 1 – Title"; put writes the number and title. */
static void area_heading(buf *out, const rep_row *a, void (*put)(buf *, const char *)) {
  buf_adds(out, "Indsatsområde");
  if (*str(a->number)) {
    buf_addc(out, ' ');
    put(out, a->number);
  }
  if (*str(a->title)) {
    buf_adds(out, " \xE2\x80\x93 "); /* en dash */
    put(out, a->title);
  }
}

static void sources(buf *out, const rep_table *t, void (*put)(buf *, const char *)) {
  buf_adds(out, "Datakilder: ");
  for (size_t i = 0; i < t->nsources; i++) {
    if (i > 0) buf_adds(out, ", ");
    put(out, str(t->sources[i].name));
    buf_adds(out, " (");
    thousands(out, t->sources[i].rows);
    buf_adds(out, t->sources[i].rows == 1 ? " række)" : " rækker)");
  }
  nl(out);
}

/* ---- checks of the extract (maal.md §4.7, output.md §6) ---- */

/* Plain text; the caller escapes. */
void rep_check_summary(const rep_check *c, buf *out) {
  if (!strcmp(str(c->kind), "rows")) {
    buf_adds(out, c->passed ? "bestået (" : "brudt: ");
    buf_adds(out, "kilden har ");
    thousands(out, (uint64_t)c->rows);
    buf_adds(out, c->rows == 1 ? " række" : " rækker");
    if (c->passed) buf_addc(out, ')');
    return;
  }
  if (c->passed) {
    buf_adds(out, "bestået");
    return;
  }
  thousands(out, (uint64_t)c->broken);
  buf_adds(out, c->broken == 1 ? " række bryder kontrollen" : " rækker bryder kontrollen");
}

void rep_check_goals(const rep_check *c, buf *out) {
  if (!c->ngoals) {
    buf_adds(out, "læses af intet mål");
    return;
  }
  buf_adds(out, "læses af mål ");
  for (size_t k = 0; k < c->ngoals; k++) {
    if (k) buf_adds(out, k + 1 == c->ngoals ? " og " : ", ");
    buf_adds(out, str(c->goals[k]));
  }
}

void rep_check_row_text(const rep_check_row *r, buf *out) {
  buf_printf(out, "linje %u", r->line);
  if (r->id) buf_printf(out, " (%s)", r->id);
  buf_printf(out, ": %s", str(r->what));
}

bool rep_check_more(const rep_check *c, buf *out) {
  if (!strcmp(str(c->kind), "rows") || c->broken <= (int64_t)c->nshown) return false;
  buf_adds(out, "og ");
  thousands(out, (uint64_t)(c->broken - (int64_t)c->nshown));
  buf_adds(out, c->broken - (int64_t)c->nshown == 1 ? " række mere" : " rækker mere");
  buf_adds(out, " (maal run --rows viser dem alle)");
  return true;
}

/* "Kontrol af data" after the sources: per source a line naming it and the
 * goals that read it, then each check, and the rows that break it. */
static void checks_section(buf *out, const rep_table *t, void (*put)(buf *, const char *), bool md) {
  if (!t->nchecks) return;
  if (out->len > 0) nl(out);
  buf_adds(out, md ? "## Kontrol af data" : "Kontrol af data");
  nl(out);
  buf line = {0};
  for (size_t i = 0; i < t->nchecks; i++) {
    const rep_check *c = &t->checks[i];
    if (i == 0 || strcmp(str(c->source), str(t->checks[i - 1].source))) {
      nl(out);
      if (md) buf_adds(out, "**");
      put(out, str(c->source));
      if (md) buf_adds(out, "**");
      buf_adds(out, " (");
      buf_clear(&line);
      rep_check_goals(c, &line);
      put(out, buf_str(&line));
      buf_adds(out, "):");
      nl(out);
      if (md) nl(out);
    }
    buf_adds(out, md ? "- " : "  ");
    put(out, str(c->text));
    buf_adds(out, ": ");
    buf_clear(&line);
    rep_check_summary(c, &line);
    put(out, buf_str(&line));
    nl(out);
    for (size_t k = 0; k < c->nshown; k++) {
      buf_adds(out, md ? "  - " : "    ");
      buf_clear(&line);
      rep_check_row_text(&c->shown[k], &line);
      put(out, buf_str(&line));
      nl(out);
    }
    buf_clear(&line);
    if (rep_check_more(c, &line)) {
      buf_adds(out, md ? "  - " : "    ");
      put(out, buf_str(&line));
      nl(out);
    }
  }
  buf_free(&line);
}

/* ---- provenance (spec/output.md §5) ---- */

static void bytes_words(buf *b, uint64_t n) {
  thousands(b, n);
  buf_adds(b, n == 1 ? " byte" : " bytes");
}

bool rep_prov_line(const rep_table *t, size_t k, buf *out, void (*put)(buf *, const char *)) {
  const rep_provenance *pv = t->prov;
  if (!pv) return false;
  for (size_t i = 0; i < t->nsources; i++) { /* the data files */
    const rep_source *s = &t->sources[i];
    if (!s->name || !s->path || k-- > 0) continue;
    buf_adds(out, "Datafil ");
    put(out, s->name);
    buf_adds(out, ": ");
    if (!strcmp(s->path, "-")) buf_adds(out, "standardinput");
    else put(out, s->path);
    if (s->has_digest) {
      buf_adds(out, ", ");
      bytes_words(out, s->bytes);
      buf_printf(out, ", SHA-256 %s", s->sha256);
    }
    return true;
  }
  for (size_t i = 0; i < pv->nrules; i++) { /* the rule file and what it imports */
    if (k-- > 0) continue;
    const rep_file *f = &pv->rules[i];
    buf_adds(out, "Regelfil: ");
    if (!strcmp(str(f->path), "-")) buf_adds(out, "standardinput");
    else put(out, str(f->path));
    buf_adds(out, ", ");
    bytes_words(out, f->bytes);
    buf_printf(out, ", SHA-256 %s", f->sha256);
    return true;
  }
  if (pv->nparams > 0 && k-- == 0) {
    buf_adds(out, "Parametre: ");
    for (size_t i = 0; i < pv->nparams; i++) {
      const rep_param *q = &pv->params[i];
      if (i > 0) buf_adds(out, ", ");
      put(out, str(q->name));
      buf_adds(out, " = ");
      if (q->text) { /* as a rule file writes a text: in quotes, \" and \\ escaped */
        buf lit = {0};
        buf_addc(&lit, '"');
        for (const char *s = str(q->value); *s; s++) {
          if (*s == '"' || *s == '\\') buf_addc(&lit, '\\');
          buf_addc(&lit, *s);
        }
        buf_addc(&lit, '"');
        put(out, buf_str(&lit));
        buf_free(&lit);
      } else if (q->number) { /* as --param takes it: 72,5 (maal.md §12.2) */
        char *d = xstrdup(str(q->value));
        for (char *c = d; *c; c++)
          if (*c == '.') *c = ',';
        put(out, d);
        free(d);
      } else {
        put(out, str(q->value));
      }
      if (q->given) buf_adds(out, " (--param)");
    }
    return true;
  }
  if (k == 0) {
    buf_adds(out, "Program: maal ");
    put(out, str(pv->version));
    return true;
  }
  return false;
}

/* The provenance after the sources, as its own block: one line each,
 * in Markdown a list. */
static void provenance(buf *out, const rep_table *t, void (*put)(buf *, const char *), bool md) {
  if (!t->prov) return;
  if (out->len > 0) nl(out);
  buf line = {0};
  for (size_t k = 0; rep_prov_line(t, k, &line, put); k++) {
    if (md) buf_adds(out, "- ");
    buf_add(out, buf_str(&line), line.len);
    nl(out);
    buf_clear(&line);
  }
  buf_free(&line);
}

/* A focus area's comment: its own paragraph under the heading, one output
 * line per line of the comment. */
static void area_comment(buf *out, const rep_row *a, void (*put)(buf *, const char *)) {
  size_t n = trimmed(str(a->comment));
  if (n == 0) return;
  char *text = xstrndup(a->comment, n);
  put(out, text);
  free(text);
  nl(out);
  nl(out);
}

/* A reference that is a web address: http(s)://, without blanks or
 * characters that would end a link in Markdown or HTML. */
bool rep_is_url(const char *s) {
  if (strncmp(s, "https://", 8) && strncmp(s, "http://", 7)) return false;
  for (; *s; s++)
    if ((unsigned char)*s <= ' ' || strchr("<>\"'`\\", *s)) return false;
  return true;
}

/* "Kilder:" after an area's table: where each goal and initiative that
 * names one stands in the agreement (maal.md §6.4); nothing without. */
static void area_refs(buf *out, const rep_row *rows, size_t n, void (*put)(buf *, const char *), bool md) {
  bool any = false;
  for (size_t i = 0; i < n && !any; i++) any = rows[i].source_ref && *rows[i].source_ref;
  if (!any) return;
  nl(out);
  buf_adds(out, "Kilder:");
  nl(out);
  if (md) nl(out);
  for (size_t i = 0; i < n; i++) {
    if (!rows[i].source_ref || !*rows[i].source_ref) continue;
    buf_adds(out, md ? "- " : "  ");
    put(out, str(rows[i].number));
    buf_adds(out, ": ");
    if (md && rep_is_url(rows[i].source_ref)) buf_printf(out, "<%s>", rows[i].source_ref); /* an autolink */
    else put(out, rows[i].source_ref);
    nl(out);
  }
}

static void text_lines(buf *out, const char *s) {
  for (; *s; s++) {
    if (*s == '\r') continue;
    buf_addc(out, *s);
  }
}

char *rep_status_line(const char *lead, const char *label, bool weighted, bool has_achievement, num achievement) {
  buf b = {0};
  buf_printf(&b, "%s: %s", lead, label ? label : "");
  if (weighted) {
    buf_adds(&b, " (vægtet målopfyldelse ");
    if (has_achievement) {
      char v[64];
      num_format_da(achievement, num_decimals(achievement, 3), v, sizeof v);
      buf_printf(&b, "%s %%)", v);
    } else {
      buf_adds(&b, "kan ikke opgøres)");
    }
  }
  return buf_take(&b);
}

/* "Samlet status: …" of the agreement, or "Status for indsatsområdet: …"
   of an area, on a line of its own: only when the rules ask for it. */
static void status_line(buf *out, const char *lead, rep_status st, const char *label, bool weighted, bool has,
                        num ach, void (*put)(buf *, const char *)) {
  if (st == ST_NONE) return;
  char *line = rep_status_line(lead, label, weighted, has, ach);
  put(out, line);
  free(line);
  nl(out);
}

static void write_text(buf *out, const rep_table *t) {
  flat(out, str(t->title));
  nl(out);
  if (*str(t->period)) {
    buf_adds(out, "Periode: ");
    flat(out, t->period);
    nl(out);
  }
  if (t->has_status) status_line(out, "Samlet status", t->status, t->status_label, t->weighted, t->has_achievement, t->achievement, flat);
  for (size_t i = 0; i < t->nrows;) {
    nl(out);
    if (t->rows[i].kind == ROW_AREA) {
      const rep_row *a = &t->rows[i];
      area_heading(out, a, flat);
      nl(out);
      nl(out);
      if (a->status != ST_NONE) {
        status_line(out, "Status for indsatsområdet", a->status, a->status_label, a->weighted, a->has_achievement,
                    a->achievement, flat);
        nl(out);
      }
      area_comment(out, &t->rows[i++], text_lines);
    }
    size_t j = i;
    while (j < t->nrows && t->rows[j].kind != ROW_AREA) j++;
    text_table(out, t->rows + i, j - i);
    area_refs(out, t->rows + i, j - i, flat, false);
    i = j;
  }
  if (t->nsources > 0) {
    nl(out);
    sources(out, t, flat);
  }
  checks_section(out, t, flat, false);
  provenance(out, t, flat, false);
}

/* ---- Markdown format ---- */

/* Is the # at s[i] the first character of s[0..n) or followed by only #s
 * and blanks? */
static bool md_hash_special(const char *s, size_t n, size_t i) {
  if (i == 0) return true;
  for (size_t k = i + 1; k < n; k++)
    if (s[k] != '#' && !blank(s[k])) return false;
  return true;
}

/* Is s[i] the ':' of "://" or the '.' of "www."?  GitHub's Markdown makes
 * links of these without "<>", and inside them backslash escapes show. */
static bool md_autolink(const char *s, size_t n, size_t i) {
  if (s[i] == ':') return i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/';
  return s[i] == '.' && i >= 3 && !strncasecmp(s + i - 3, "www", 3);
}

/* Escape s[0..n) for Markdown (see the notes at the top); line breaks
 * become "<br>" if br, else a space. */
static void esc_to(buf *b, const char *s, size_t n, int br) {
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    if (ch == '\r' && i + 1 < n && s[i + 1] == '\n') continue;
    if (ch == '\r') ch = ' '; /* a lone CR counts as a space, as in text */
    if (ch == '\n') {
      buf_adds(b, br ? "<br>" : " ");
      continue;
    }
    if (ch && (strchr("\\*_`[]<>|&~", ch) || (ch == '#' && md_hash_special(s, n, i)) ||
               md_autolink(s, n, i)))
      buf_addc(b, '\\');
    buf_addc(b, ch);
  }
}

static void esc(buf *b, const char *s) { esc_to(b, s, strlen(s), 0); }

void rep_md_escape(buf *b, const char *s, size_t n) { esc_to(b, s, n, 0); }

/* A text that starts a paragraph: what would begin a list, a thematic
 * break or a code block at its start is escaped too. */
static void esc_para(buf *b, const char *s) {
  while (blank(*s) || *s == '\n') s++;
  size_t d = strspn(s, "0123456789");
  if (d > 0 && d <= 9 && (s[d] == '.' || s[d] == ')')) {
    buf_add(b, s, d);
    buf_addc(b, '\\');
    s += d;
  } else if (*s == '-' || *s == '+' || *s == '=') {
    buf_addc(b, '\\');
  }
  esc(b, s);
}

/* A table cell: trailing blanks and line breaks dropped, as in text. */
static void md_cell(buf *out, const char *s) {
  buf_adds(out, "| ");
  esc_to(out, s, trimmed(s), 1);
  buf_addc(out, ' ');
}

static void md_table(buf *out, const rep_row *rows, size_t n) {
  buf_adds(out, "| Indsats | Status | Resultater | Kommentarer |");
  nl(out);
  buf_adds(out, "|---|---|---|---|");
  nl(out);
  const char *goal = ""; /* number of the last goal, for its parts */
  for (size_t i = 0; i < n; i++) {
    const rep_row *r = &rows[i];
    const char *no = str(r->number), *title = str(r->title);
    buf ind = {0};
    if (r->kind == ROW_PART) {
      if (*goal) buf_printf(&ind, "%s \xC2\xB7 ", goal); /* middle dot */
      buf_adds(&ind, no);
    } else {
      buf_printf(&ind, "%s%s%s", no, *no && *title ? " " : "", title);
    }
    if (r->kind == ROW_INITIATIVE) goal = "";
    if (r->kind == ROW_GOAL) goal = no;
    if (r->kind == ROW_INITIATIVE && trimmed(buf_str(&ind)) > 0) {
      buf_adds(out, "| **");
      esc_to(out, buf_str(&ind), trimmed(buf_str(&ind)), 1);
      buf_adds(out, "** ");
    } else {
      md_cell(out, buf_str(&ind));
    }
    buf_free(&ind);
    md_cell(out, str(r->status_label));
    md_cell(out, str(r->result));
    md_cell(out, str(r->comment));
    buf_addc(out, '|');
    nl(out);
  }
}

static void write_md(buf *out, const rep_table *t) {
  buf_adds(out, "# ");
  esc(out, str(t->title));
  nl(out);
  if (*str(t->period)) {
    nl(out);
    buf_adds(out, "Periode: ");
    esc(out, t->period);
    nl(out);
  }
  if (t->has_status) {
    nl(out);
    if (t->has_status) status_line(out, "Samlet status", t->status, t->status_label, t->weighted, t->has_achievement, t->achievement, esc);
  }
  for (size_t i = 0; i < t->nrows;) {
    nl(out);
    if (t->rows[i].kind == ROW_AREA) {
      const rep_row *a = &t->rows[i];
      buf_adds(out, "## ");
      area_heading(out, a, esc);
      nl(out);
      nl(out);
      if (a->status != ST_NONE) {
        status_line(out, "Status for indsatsområdet", a->status, a->status_label, a->weighted, a->has_achievement,
                    a->achievement, esc);
        nl(out);
      }
      area_comment(out, &t->rows[i++], esc_para);
    }
    size_t j = i;
    while (j < t->nrows && t->rows[j].kind != ROW_AREA) j++;
    md_table(out, t->rows + i, j - i);
    area_refs(out, t->rows + i, j - i, esc, true);
    i = j;
  }
  if (t->nsources > 0) {
    nl(out);
    sources(out, t, esc);
  }
  checks_section(out, t, esc, true);
  provenance(out, t, esc, true);
}

/* ---- numbers for the machine formats ---- */

/* Layout notes for CSV and JSON (spec/output.md is the contract):
 *
 * Numbers are written exactly (num_format_exact, at most 9 decimals, a
 * fraction that does not terminate rounded half away from zero); a num
 * that is not a number (denominator 0) is written as absent.  A target
 * computed from a baseline ("reduce by", "increase by", "maintain") is
 * absent when the baseline is.  target_high is written for "between" only.
 *
 * Rows that do not sit where the hierarchy expects them (a goal before any
 * initiative, rows before the first area, a part before any goal) are
 * placed under an empty area, initiative or goal, so nothing is dropped. */

/* Exact text of a into out; false if a is not a number. */
static bool exact(num a, char *out, size_t cap) {
  if (a.d <= 0) return false;
  num_format_exact(a, 9, out, cap);
  return true;
}

static bool is_change(const char *cmp) {
  return cmp && (!strcmp(cmp, "reduce by") || !strcmp(cmp, "increase by") || !strcmp(cmp, "maintain"));
}

/* The target's value and high bound, or NULL when absent. */
static const num *target_value(const rep_numbers *n) {
  if (!n || !n->comparator || (is_change(n->comparator) && !n->has_baseline)) return NULL;
  if (!strcmp(n->comparator, "by")) return NULL; /* a milestone's deadline is a date, in the result text */
  if (n->range_no_lo) return NULL;               /* (..100] */
  return &n->target;
}

static const num *target_high(const rep_numbers *n) {
  if (!n || !n->comparator || n->range_no_hi) return NULL;
  bool range = !strncmp(n->comparator, "range", 5);
  if ((!target_value(n) && !range) || (strcmp(n->comparator, "between") != 0 && !range)) return NULL;
  return &n->target_high;
}

/* ---- CSV ---- */

enum { CSV_NCOL = 17 };

static const char *const csv_heads[CSV_NCOL] = {
    "område",      "område_titel", "indsats", "nummer", "niveau", "titel",
    "status",      "status_tekst", "resultater", "kommentarer", "værdi",
    "tæller",      "nævner",       "mål",     "mål_høj", "basis", "målopfyldelse"};

/* One field, quoted when it holds the delimiter, a quote or a line break. */
static void csv_field(buf *out, const char *s, char delim) {
  if (!strchr(s, delim) && !strpbrk(s, "\"\r\n")) {
    buf_adds(out, s);
    return;
  }
  buf_addc(out, '"');
  for (; *s; s++) {
    if (*s == '"') buf_addc(out, '"');
    buf_addc(out, *s);
  }
  buf_addc(out, '"');
}

/* Columns 11 to 17 hold numbers maal formatted itself; 1 to 10 texts. */
enum { CSV_FIRST_NUM = 10 };

/* A field that is a plain number ("-3", "1.052", "-5,5"): no formula. */
static bool plain_number(const char *s) {
  if (*s == '-' || *s == '+') s++;
  if (!(*s >= '0' && *s <= '9')) return false;
  for (; *s; s++)
    if (!((*s >= '0' && *s <= '9') || *s == '.' || *s == ','))
      return false;
  return true;
}

/* Would Excel take this text for a formula?  It does when the text starts
 * with = + - @, and a leading tab or CR may be dropped before it looks
 * (OWASP, "CSV Injection"). */
static bool formula_like(const char *s) {
  return *s && strchr("=+-@\t\r", *s) && !plain_number(s);
}

/* A text field for Excel: one that would start a formula is quoted and
 * prefixed with ', which makes Excel show it as text. */
static void csv_excel_text(buf *out, const char *s) {
  if (!formula_like(s)) {
    csv_field(out, s, ';');
    return;
  }
  buf_adds(out, "\"'");
  for (; *s; s++) {
    if (*s == '"') buf_addc(out, '"');
    buf_addc(out, *s);
  }
  buf_addc(out, '"');
}

/* One record; ref is the 18th field, "kilde", written only when the
 * rules give a source reference anywhere (NULL: no such column). */
static void csv_record(buf *out, const char *const f[CSV_NCOL], int excel, const char *ref) {
  char delim = excel ? ';' : ',';
  for (int c = 0; c < CSV_NCOL; c++) {
    if (c > 0) buf_addc(out, delim);
    if (excel && c < CSV_FIRST_NUM)
      csv_excel_text(out, f[c]);
    else
      csv_field(out, f[c], delim);
  }
  if (ref) {
    buf_addc(out, delim);
    if (excel) csv_excel_text(out, ref);
    else csv_field(out, ref, delim);
  }
  buf_adds(out, excel ? "\r\n" : "\n");
}

/* A num for a CSV field: "" when absent, decimal comma for Excel. */
static void csv_num(char *out, size_t cap, const num *a, int excel) {
  out[0] = '\0';
  if (!a || !exact(*a, out, cap)) return;
  if (excel)
    for (char *p = out; *p; p++)
      if (*p == '.') *p = ',';
}

/* The checks of the extract as records after the table's (spec/output.md
 * §2.6): niveau `kontrol`, the source in nummer, the check in titel. */
static void csv_checks(buf *out, const rep_table *t, int excel, const char *noref) {
  buf res = {0}, com = {0};
  char broken[32], rows[32];
  for (size_t i = 0; i < t->nchecks; i++) {
    const rep_check *c = &t->checks[i];
    buf_clear(&res);
    buf_clear(&com);
    rep_check_summary(c, &res);
    buf_adds(&res, "; ");
    rep_check_goals(c, &res);
    for (size_t k = 0; k < c->nshown; k++) {
      if (k) buf_adds(&com, "; ");
      rep_check_row_text(&c->shown[k], &com);
    }
    if (c->nshown && c->broken > (int64_t)c->nshown) buf_adds(&com, "; ");
    rep_check_more(c, &com);
    snprintf(broken, sizeof broken, "%" PRId64, c->broken);
    snprintf(rows, sizeof rows, "%" PRId64, c->rows);
    const char *f[CSV_NCOL] = {"", "", "", str(c->source), "kontrol", str(c->text), c->passed ? "passed" : "failed",
                               c->passed ? "bestået" : "brudt", buf_str(&res), buf_str(&com), broken, "", rows,
                               "", "", "", ""};
    csv_record(out, f, excel, noref);
  }
  buf_free(&res);
  buf_free(&com);
}

/* The provenance as records after the table's (spec/output.md §2.5):
 * niveau `datafil`, `regelfil`, `parameter` and `program`. */
static void csv_provenance(buf *out, const rep_table *t, int excel, const char *noref) {
  const rep_provenance *pv = t->prov;
  if (!pv) return;
  char bytes[32], rows[32];
  for (size_t i = 0; i < t->nsources; i++) {
    const rep_source *s = &t->sources[i];
    if (!s->name || !s->path) continue;
    snprintf(bytes, sizeof bytes, "%" PRIu64, s->bytes);
    snprintf(rows, sizeof rows, "%" PRIu64, s->rows);
    const char *f[CSV_NCOL] = {"", "", "", s->name, "datafil", s->path, "", "", s->has_digest ? s->sha256 : "", "",
                               s->has_digest ? bytes : "", rows, "", "", "", "", ""};
    csv_record(out, f, excel, noref);
  }
  for (size_t i = 0; i < pv->nrules; i++) {
    const rep_file *r = &pv->rules[i];
    snprintf(bytes, sizeof bytes, "%" PRIu64, r->bytes);
    const char *f[CSV_NCOL] = {"", "", "", "", "regelfil", str(r->path), "", "", r->sha256, "",
                               bytes, "", "", "", "", "", ""};
    csv_record(out, f, excel, noref);
  }
  for (size_t i = 0; i < pv->nparams; i++) {
    const rep_param *q = &pv->params[i];
    const char *f[CSV_NCOL] = {"", "", "", str(q->name), "parameter", str(q->value), "", "", "",
                               q->given ? "kommandolinjen" : "reglerne", "", "", "", "", "", "", ""};
    csv_record(out, f, excel, noref);
  }
  const char *f[CSV_NCOL] = {"", "", "", "maal", "program", str(pv->version), "", "", "", "", "", "", "", "", "", "", ""};
  csv_record(out, f, excel, noref);
}

static void write_csv(buf *out, const rep_table *t, int excel) {
  if (excel) buf_adds(out, "\xEF\xBB\xBF");
  bool refs = false; /* the "kilde" column, only when the rules give a source reference */
  for (size_t i = 0; i < t->nrows && !refs; i++) refs = t->rows[i].source_ref && *t->rows[i].source_ref;
  const char *noref = refs ? "" : NULL;
  csv_record(out, csv_heads, excel, refs ? "kilde" : NULL);
  if (t->has_status) { /* the agreement's status (maal.md §9.8) */
    char ach[96] = "";
    csv_num(ach, sizeof ach, t->has_achievement ? &t->achievement : NULL, excel);
    const char *f[CSV_NCOL] = {"", "", "", "", "aftale", str(t->title), rep_status_name(t->status), str(t->status_label),
                               "", "", "", "", "", "", "", "", ach};
    csv_record(out, f, excel, noref);
  }
  const char *area_no = "", *area_title = "", *init_no = "", *goal_no = "";
  for (size_t i = 0; i < t->nrows; i++) {
    const rep_row *r = &t->rows[i];
    const char *level;
    switch (r->kind) {
    case ROW_AREA:
      area_no = str(r->number), area_title = str(r->title);
      init_no = goal_no = "";
      if (r->status != ST_NONE) { /* the area's status (maal.md §9.7) */
        char ach[96] = "";
        csv_num(ach, sizeof ach, r->has_achievement ? &r->achievement : NULL, excel);
        const char *f[CSV_NCOL] = {area_no, area_title, "", area_no, "område", area_title, rep_status_name(r->status),
                                   str(r->status_label), "", "", "", "", "", "", "", "", ach};
        csv_record(out, f, excel, noref);
      }
      continue;
    case ROW_INITIATIVE:
      level = "indsats";
      init_no = str(r->number), goal_no = "";
      break;
    case ROW_GOAL:
      level = "mål";
      goal_no = str(r->number);
      break;
    default:
      level = "del";
      break;
    }
    const rep_numbers *n = r->nums;
    char v[5][96], numer[96] = "", denom[96] = "";
    csv_num(v[0], sizeof v[0], n && n->has_value ? &n->value : NULL, excel);
    if (n && n->has_ratio) {
      csv_num(numer, sizeof numer, &n->numerator, excel);
      csv_num(denom, sizeof denom, &n->denominator, excel);
    }
    csv_num(v[1], sizeof v[1], target_value(n), excel);
    csv_num(v[2], sizeof v[2], target_high(n), excel);
    csv_num(v[3], sizeof v[3], n && n->has_baseline ? &n->baseline : NULL, excel);
    csv_num(v[4], sizeof v[4], n && n->has_achievement ? &n->achievement : r->has_achievement ? &r->achievement : NULL, excel);
    /* A part is named by its goal's id and its breakdown value. */
    int part = r->kind == ROW_PART;
    const char *f[CSV_NCOL] = {area_no,
                               area_title,
                               init_no,
                               part ? goal_no : str(r->number),
                               level,
                               part ? str(r->number) : str(r->title),
                               rep_status_name(r->status),
                               str(r->status_label),
                               str(r->result),
                               str(r->comment),
                               v[0],
                               numer,
                               denom,
                               v[1],
                               v[2],
                               v[3],
                               v[4]};
    csv_record(out, f, excel, refs ? str(r->source_ref) : NULL);
  }
  csv_checks(out, t, excel, noref);
  csv_provenance(out, t, excel, noref);
}

/* ---- JSON ---- */

/* A writer of indented JSON: two spaces per level, ": " after keys,
 * "," at line ends, empty arrays and objects as [] and {}. */
enum { JS_DEPTH = 32 };

typedef struct {
  buf *out;
  int depth;               /* open containers */
  size_t count[JS_DEPTH];  /* members written in each */
  char close[JS_DEPTH];
} js;

static void js_str(buf *b, const char *s) {
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  size_t n = strlen((const char *)p);
  buf_addc(b, '"');
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c == '"' || c == '\\') {
      buf_addc(b, '\\');
      buf_addc(b, (char)c);
      i++;
    } else if (c < 0x20) {
      switch (c) {
      case '\b': buf_adds(b, "\\b"); break;
      case '\f': buf_adds(b, "\\f"); break;
      case '\n': buf_adds(b, "\\n"); break;
      case '\r': buf_adds(b, "\\r"); break;
      case '\t': buf_adds(b, "\\t"); break;
      default: buf_printf(b, "\\u%04x", c); break;
      }
      i++;
    } else if (c < 0x80) {
      buf_addc(b, (char)c);
      i++;
    } else {
      uint32_t cp;
      size_t k = rep_utf8_decode(p + i, n - i, &cp);
      if (cp == BAD)
        buf_adds(b, "\xEF\xBF\xBD"); /* U+FFFD: the output stays valid UTF-8 */
      else
        buf_add(b, (const char *)p + i, k);
      i += k;
    }
  }
  buf_addc(b, '"');
}

/* Start a member: separator, newline, indent and the key (if any). */
static void js_member(js *j, const char *key) {
  if (j->depth > 0) {
    if (j->count[j->depth - 1]++ > 0) buf_addc(j->out, ',');
    buf_addc(j->out, '\n');
    spaces(j->out, 2 * (size_t)j->depth);
  }
  if (key) {
    js_str(j->out, key);
    buf_adds(j->out, ": ");
  }
}

static void js_open(js *j, const char *key, char open) {
  js_member(j, key);
  buf_addc(j->out, open);
  if (j->depth >= JS_DEPTH) abort(); /* the schema nests 12 deep */
  j->count[j->depth] = 0;
  j->close[j->depth] = open == '{' ? '}' : ']';
  j->depth++;
}

static void js_close(js *j) {
  j->depth--;
  if (j->count[j->depth] > 0) {
    buf_addc(j->out, '\n');
    spaces(j->out, 2 * (size_t)j->depth);
  }
  buf_addc(j->out, j->close[j->depth]);
}

static void js_text(js *j, const char *key, const char *s) {
  js_member(j, key);
  js_str(j->out, s);
}

static void js_null(js *j, const char *key) {
  js_member(j, key);
  buf_adds(j->out, "null");
}

static void js_int(js *j, const char *key, int64_t v) {
  js_member(j, key);
  buf_printf(j->out, "%" PRId64, v);
}

/* A num, or null when a is NULL or not a number. */
static void js_num(js *j, const char *key, const num *a) {
  char s[96];
  if (!a || !exact(*a, s, sizeof s)) {
    js_null(j, key);
    return;
  }
  js_member(j, key);
  buf_adds(j->out, s);
}

/* Text, or null when there are no numbers (n is NULL). */
static void js_text_or_null(js *j, const char *key, const rep_numbers *n, const char *s) {
  if (n)
    js_text(j, key, s);
  else
    js_null(j, key);
}

/* The numbers of a goal or part: every key, null where absent. */
static void js_numbers(js *j, const rep_numbers *n) {
  js_text_or_null(j, "measure", n, n ? str(n->measure) : NULL);
  js_text_or_null(j, "unit", n, n ? str(n->unit) : NULL);
  if (n) {
    js_int(j, "group_size", n->group_size);
    js_int(j, "left_out", n->left_out);
  } else {
    js_null(j, "group_size");
    js_null(j, "left_out");
  }
  js_num(j, "value", n && n->has_value ? &n->value : NULL);
  if (n && n->has_ratio) {
    js_num(j, "numerator", &n->numerator);
    js_num(j, "denominator", &n->denominator);
  } else {
    js_null(j, "numerator");
    js_null(j, "denominator");
  }
  js_num(j, "baseline", n && n->has_baseline ? &n->baseline : NULL);
  js_open(j, "target", '{');
  if (n && n->comparator)
    js_text(j, "comparator", n->comparator);
  else
    js_null(j, "comparator");
  js_num(j, "value", target_value(n));
  js_num(j, "high", target_high(n));
  js_close(j);
  js_num(j, "achievement", n && n->has_achievement ? &n->achievement : NULL);
  static const char *const names[3] = {"met", "partly", "not_met"};
  js_open(j, "thresholds", '{');
  for (int k = 0; k < 3; k++) {
    js_open(j, names[k], '{');
    bool from = n && n->has_from[k], below = n && n->has_below[k];
    js_num(j, "from", from ? &n->from[k] : NULL);
    js_num(j, "below", below ? &n->below[k] : NULL);
    /* whether each end is itself in the band (§9.1): 'fra' yes, 'over' no; 'under' no, 'til' yes */
    js_member(j, "from_included");
    buf_adds(j->out, !from ? "null" : n->from_open[k] ? "false" : "true");
    js_member(j, "below_included");
    buf_adds(j->out, !below ? "null" : n->below_closed[k] ? "true" : "false");
    js_close(j);
  }
  js_close(j);
}

static const rep_row empty_row = {.kind = ROW_AREA, .status = ST_NONE};

/* The status members of an initiative, goal or part. */
static void js_status(js *j, const rep_row *r) {
  js_text(j, "status", rep_status_name(r->status));
  js_text(j, "status_label", str(r->status_label));
  js_text(j, "result", str(r->result));
  js_text(j, "comment", str(r->comment));
  if (r->source_ref && *r->source_ref) js_text(j, "reference", r->source_ref); /* only when given (maal.md §6.4) */
}

/* The status of an area or of the agreement, and the weighted
   achievement of a weighted rule: keys only when the rules ask for them
   (output.md §3.2). */
static void js_rule_status(js *j, rep_status st, const char *label, bool weighted, bool has, const num *ach) {
  if (st == ST_NONE) return;
  js_text(j, "status", rep_status_name(st));
  js_text(j, "status_label", str(label));
  if (weighted) js_num(j, "achievement", has ? ach : NULL);
}

/* Levels of the hierarchy that are open: an area's "initiatives" array,
 * an initiative's "goals", a goal's "parts". */
typedef struct {
  js j;
  int level; /* 0 in "areas", 1 in an area, 2 in an initiative, 3 in a goal */
} js_doc;

/* Close containers until the innermost open one is at `level`. */
static void js_up(js_doc *d, int level) {
  while (d->level > level) {
    js_close(&d->j); /* the array of children */
    js_close(&d->j); /* the object itself */
    d->level--;
  }
}

/* Open a row's object (r NULL: an empty one) at `level` (1 area, 2
 * initiative, 3 goal), with the empty parents it lacks. */
static void js_enter(js_doc *d, int level, const rep_row *r) {
  js_up(d, level - 1);
  while (d->level < level - 1) js_enter(d, d->level + 1, NULL);
  if (!r) r = &empty_row;
  js *j = &d->j;
  js_open(j, NULL, '{');
  switch (level) {
  case 1:
    js_text(j, "number", str(r->number));
    js_text(j, "title", str(r->title));
    js_text(j, "comment", str(r->comment));
    js_rule_status(j, r->status, r->status_label, r->weighted, r->has_achievement, &r->achievement);
    js_open(j, "initiatives", '[');
    break;
  case 2:
    js_text(j, "number", str(r->number));
    js_text(j, "title", str(r->title));
    js_status(j, r);
    if (r->weighted) js_num(j, "achievement", r->has_achievement ? &r->achievement : NULL);
    js_open(j, "goals", '[');
    break;
  default:
    js_text(j, "id", str(r->number));
    js_text(j, "title", str(r->title));
    js_status(j, r);
    js_numbers(j, r->nums);
    js_open(j, "parts", '[');
    break;
  }
  d->level = level;
}

static void js_bool(js *j, const char *key, bool v) {
  js_member(j, key);
  buf_adds(j->out, v ? "true" : "false");
}

/* "provenance": the files read, the parameters, the version (spec/output.md §3.2). */
static void js_provenance(js *j, const rep_table *t) {
  const rep_provenance *pv = t->prov;
  js_open(j, "provenance", '{');
  js_text(j, "maal_version", str(pv->version));
  js_open(j, "data", '[');
  for (size_t i = 0; i < t->nsources; i++) {
    const rep_source *s = &t->sources[i];
    if (!s->name || !s->path) continue;
    js_open(j, NULL, '{');
    js_text(j, "name", s->name);
    js_text(j, "path", s->path);
    if (s->has_digest) js_int(j, "bytes", (int64_t)s->bytes);
    else js_null(j, "bytes");
    js_int(j, "rows", (int64_t)s->rows);
    if (s->has_digest) js_text(j, "sha256", s->sha256);
    else js_null(j, "sha256");
    js_close(j);
  }
  js_close(j);
  js_open(j, "rules", '[');
  for (size_t i = 0; i < pv->nrules; i++) {
    js_open(j, NULL, '{');
    js_text(j, "path", str(pv->rules[i].path));
    js_int(j, "bytes", (int64_t)pv->rules[i].bytes);
    js_text(j, "sha256", pv->rules[i].sha256);
    js_close(j);
  }
  js_close(j);
  js_open(j, "parameters", '[');
  for (size_t i = 0; i < pv->nparams; i++) {
    js_open(j, NULL, '{');
    js_text(j, "name", str(pv->params[i].name));
    js_text(j, "value", str(pv->params[i].value));
    js_bool(j, "from_command_line", pv->params[i].given);
    js_close(j);
  }
  js_close(j);
  js_close(j);
}

/* "checks": the checks of the extract (spec/output.md §3.3); only when
 * the rules have checks. */
static void js_checks(js *j, const rep_table *t) {
  if (!t->nchecks) return;
  js_open(j, "checks", '[');
  for (size_t i = 0; i < t->nchecks; i++) {
    const rep_check *c = &t->checks[i];
    js_open(j, NULL, '{');
    js_text(j, "source", str(c->source));
    js_text(j, "check", str(c->text));
    js_text(j, "kind", str(c->kind));
    js_bool(j, "passed", c->passed);
    js_int(j, "broken", c->broken);
    js_int(j, "rows", c->rows);
    js_open(j, "goals", '[');
    for (size_t k = 0; k < c->ngoals; k++) js_text(j, NULL, str(c->goals[k]));
    js_close(j);
    js_open(j, "shown", '[');
    for (size_t k = 0; k < c->nshown; k++) {
      js_open(j, NULL, '{');
      js_int(j, "line", c->shown[k].line);
      if (c->shown[k].id) js_text(j, "id", c->shown[k].id);
      else js_null(j, "id");
      js_text(j, "what", str(c->shown[k].what));
      js_close(j);
    }
    js_close(j);
    js_close(j);
  }
  js_close(j);
}

static void write_json(buf *out, const rep_table *t) {
  js_doc d = {.j = {.out = out}};
  js *j = &d.j;
  js_open(j, NULL, '{');
  js_text(j, "format", "maal-status");
  js_int(j, "version", 1);
  js_open(j, "agreement", '{');
  js_text(j, "title", str(t->title));
  js_text(j, "period", str(t->period));
  if (t->has_status) js_rule_status(j, t->status, t->status_label, t->weighted, t->has_achievement, &t->achievement);
  js_close(j);
  js_open(j, "sources", '[');
  for (size_t i = 0; i < t->nsources; i++) {
    js_open(j, NULL, '{');
    js_text(j, "name", str(t->sources[i].name));
    js_member(j, "rows");
    buf_printf(out, "%" PRIu64, t->sources[i].rows);
    js_close(j);
  }
  js_close(j);
  js_open(j, "areas", '[');
  for (size_t i = 0; i < t->nrows; i++) {
    const rep_row *r = &t->rows[i];
    switch (r->kind) {
    case ROW_AREA: js_enter(&d, 1, r); break;
    case ROW_INITIATIVE: js_enter(&d, 2, r); break;
    case ROW_GOAL: js_enter(&d, 3, r); break;
    default:
      if (d.level < 3) js_enter(&d, 3, NULL);
      js_open(j, NULL, '{');
      js_text(j, "name", str(r->number));
      js_open(j, "keys", '['); /* each side's value: one, or two for 'per jobcenter og køn' */
      if (r->nkeys)
        for (size_t k = 0; k < r->nkeys; k++) js_text(j, NULL, str(r->keys[k]));
      else
        js_text(j, NULL, str(r->number));
      js_close(j);
      js_status(j, r);
      js_numbers(j, r->nums);
      js_close(j);
      break;
    }
  }
  js_up(&d, 0);
  js_close(j); /* areas */
  js_checks(j, t);
  if (t->prov) js_provenance(j, t);
  js_close(j); /* the document */
  buf_addc(out, '\n');
}

/* ---- entry point ---- */

const char *rep_status_name(rep_status s) {
  static const char *const names[] = {"met", "partly", "not_met", "unknown", ""};
  return names[s];
}

int rep_write_opts(FILE *f, const rep_table *t, rep_format fmt, const rep_options *o) {
  static const rep_options defaults = {0};
  if (!f || !t) return -1;
  if (!o) o = &defaults;
  if (fmt == FMT_HTML) return rep_write_html(f, t); /* html.c */
  buf out = {0};
  switch (fmt) {
  case FMT_TEXT: write_text(&out, t); break;
  case FMT_MD: write_md(&out, t); break;
  case FMT_CSV: write_csv(&out, t, o->excel); break;
  case FMT_JSON: write_json(&out, t); break;
  default: return -1;
  }
  int bad = fwrite(buf_str(&out), 1, out.len, f) != out.len;
  buf_free(&out);
  if (fflush(f) != 0) bad = 1;
  if (ferror(f)) bad = 1;
  return bad ? -1 : 0;
}

int rep_write(FILE *f, const rep_table *t, rep_format fmt) { return rep_write_opts(f, t, fmt, NULL); }
