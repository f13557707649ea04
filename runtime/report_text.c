/* report_text.c — the status table as an aligned text table and as
 * Markdown (spec/output.md §1). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "report_internal.h"
#include "utf8.h"

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

static size_t dw(const char *s) { return utf8_width(s, strlen(s)); }

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
    size_t ww = utf8_width(s + ws, we - ws);
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
        size_t k = utf8_decode(p + j, we - j, &cp), w = utf8_char_width(cp);
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
      if (lw + g + utf8_width(s + e, nx - e) <= width) {
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

static void status_line(buf *out, const char *lead, rep_status st, const char *label, bool weighted, bool has,
                        num ach, void (*put)(buf *, const char *)) {
  if (st == ST_NONE) return;
  char *line = rep_status_line(lead, label, weighted, has, ach);
  put(out, line);
  free(line);
  nl(out);
}

void rep_write_text(buf *out, const rep_table *t) {
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

void rep_write_md(buf *out, const rep_table *t) {
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
