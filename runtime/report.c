/* report.c — lays the status table out as a terminal table or Markdown (see report.h). */
#include "report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* Layout notes (the parts report.h leaves open):
 *
 * Document structure.  Both formats are a sequence of blocks separated by
 * exactly one blank line: the title block (title, and "Periode: ..." when the
 * period is non-empty), then per focus area its heading and its table, then
 * "Datakilder: ..." when there are sources.  Nothing follows the last block
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
 * Markdown escapes.  In all Markdown text the characters \ * _ ` [ ] < > |
 * are backslash-escaped; everything else is written as is.  Inside table
 * cells a line break ('\n' or "\r\n") becomes "<br>"; in the title, headings
 * and the other paragraphs it becomes a space.  A lone CR is a space.
 */

enum { NCOL = 4, GAP = 2 };

static const char *const heads[NCOL] = {"Indsats", "Status", "Resultater", "Kommentarer"};
static const size_t caps[NCOL] = {44, 26, 48, 48};

/* ---- UTF-8 and display width ---- */

#define BAD UINT32_MAX /* "code point" of an invalid byte */

/* Decode one UTF-8 sequence at s (n >= 1 bytes available).  Returns its
 * length in bytes; *cp is the code point, or BAD for an invalid byte, which
 * is then consumed alone.  Overlong forms, surrogates and values above
 * U+10FFFF are invalid. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp) {
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
    i += decode(p + i, len - i, &c);
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
        size_t k = decode(p + j, we - j, &cp), w = cpw(cp);
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

static void text_lines(buf *out, const char *s) {
  for (; *s; s++) {
    if (*s == '\r') continue;
    buf_addc(out, *s);
  }
}

static void write_text(buf *out, const rep_table *t) {
  flat(out, str(t->title));
  nl(out);
  if (*str(t->period)) {
    buf_adds(out, "Periode: ");
    flat(out, t->period);
    nl(out);
  }
  for (size_t i = 0; i < t->nrows;) {
    nl(out);
    if (t->rows[i].kind == ROW_AREA) {
      area_heading(out, &t->rows[i], flat);
      nl(out);
      nl(out);
      area_comment(out, &t->rows[i++], text_lines);
    }
    size_t j = i;
    while (j < t->nrows && t->rows[j].kind != ROW_AREA) j++;
    text_table(out, t->rows + i, j - i);
    i = j;
  }
  if (t->nsources > 0) {
    nl(out);
    sources(out, t, flat);
  }
}

/* ---- Markdown format ---- */

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
    if (strchr("\\*_`[]<>|", ch)) buf_addc(b, '\\');
    buf_addc(b, ch);
  }
}

static void esc(buf *b, const char *s) { esc_to(b, s, strlen(s), 0); }

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
  for (size_t i = 0; i < t->nrows;) {
    nl(out);
    if (t->rows[i].kind == ROW_AREA) {
      buf_adds(out, "## ");
      area_heading(out, &t->rows[i], esc);
      nl(out);
      nl(out);
      area_comment(out, &t->rows[i++], esc);
    }
    size_t j = i;
    while (j < t->nrows && t->rows[j].kind != ROW_AREA) j++;
    md_table(out, t->rows + i, j - i);
    i = j;
  }
  if (t->nsources > 0) {
    nl(out);
    sources(out, t, esc);
  }
}

/* ---- entry point ---- */

const char *rep_status_name(rep_status s) {
  static const char *const names[] = {"met", "partly", "not_met", "unknown", ""};
  return names[s];
}

int rep_write_opts(FILE *f, const rep_table *t, rep_format fmt, const rep_options *o) {
  (void)o;
  return rep_write(f, t, fmt);
}

int rep_write(FILE *f, const rep_table *t, rep_format fmt) {
  if (!f || !t || (fmt != FMT_TEXT && fmt != FMT_MD)) return -1;
  buf out = {0};
  if (fmt == FMT_TEXT)
    write_text(&out, t);
  else
    write_md(&out, t);
  int bad = fwrite(buf_str(&out), 1, out.len, f) != out.len;
  buf_free(&out);
  if (fflush(f) != 0) bad = 1;
  if (ferror(f)) bad = 1;
  return bad ? -1 : 0;
}
