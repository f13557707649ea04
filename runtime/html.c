/* html.c — the status table as one self-contained HTML5 page (see html.h). */
#include "html.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"

/* Layout notes (the parts html.h leaves open):
 *
 * Text.  & < > " ' are written as entities everywhere.  Invalid UTF-8 bytes
 * and control characters other than tab and line breaks become U+FFFD, so
 * the page is always valid UTF-8.  In cells, area comments and the footer
 * a line break ('\n' or "\r\n") becomes <br>; in the title, headings and
 * attributes it becomes a space.  A lone CR is a space.  Trailing blanks
 * and line breaks of a text are dropped, as in the text format.
 *
 * One line per row.  Every <tr> is written on one line and no text holds a
 * raw line break, so line-oriented tools (and tests/browser/run.sh, on the
 * browser's serialized DOM) can read the table row by row.
 *
 * Numbers.  An achievement is shown in whole percent, with more decimals
 * (up to 3) when rounding would move it across one of the scheme's bounds
 * or across 100 %, as the text format does; its bar is min(achievement,
 * 100) % wide with a marker at 100 % (the target).  A goal whose
 * achievement is unbounded (nothing at all against "at most") shows a full
 * bar and "over 100 % af målet" (the evaluator leaves its achievement out
 * but gives it a status); a goal without a value, or whose achievement
 * could not be computed (status unknown), has no bar.
 *
 * Rows before the first focus area get a table without a heading, as in
 * the text format.
 */

static const char *str(const char *s) { return s ? s : ""; }

/* ---- escaping ---- */

static int blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Length of s[0..n) without trailing blanks and line breaks. */
static size_t trim_len(const char *s, size_t n) {
  while (n > 0 && (blank(s[n - 1]) || s[n - 1] == '\n')) n--;
  return n;
}

static size_t trimmed(const char *s) { return trim_len(s, strlen(s)); }

/* Escape s[0..n) as HTML text; line breaks become "<br>" if br, else a
 * space. */
static void esc_n(buf *b, const char *s, size_t n, int br) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c == '\r' && i + 1 < n && p[i + 1] == '\n') {
      i++;
      continue;
    }
    switch (c) {
    case '&': buf_adds(b, "&amp;"); break;
    case '<': buf_adds(b, "&lt;"); break;
    case '>': buf_adds(b, "&gt;"); break;
    case '"': buf_adds(b, "&quot;"); break;
    case '\'': buf_adds(b, "&#39;"); break; /* safe in any attribute quoting */
    case '\n': buf_adds(b, br ? "<br>" : " "); break;
    case '\r': buf_addc(b, ' '); break;
    case ' ':
      /* "80 %" stays on one line, as in the text format */
      buf_adds(b, i + 1 < n && p[i + 1] == '%' ? "&nbsp;" : " ");
      break;
    case '\t': buf_addc(b, '\t'); break;
    default:
      if (c < 0x20 || c == 0x7F) {
        buf_adds(b, "\xEF\xBF\xBD"); /* U+FFFD */
      } else if (c >= 0x80) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (cp == UTF8_BAD) {
          buf_adds(b, "\xEF\xBF\xBD");
        } else {
          buf_add(b, s + i, k);
          i += k;
          continue;
        }
      } else {
        buf_addc(b, (char)c);
      }
      break;
    }
    i++;
  }
}

/* Text with line breaks as <br>, trailing blanks dropped. */
static void text(buf *b, const char *s) {
  s = str(s);
  esc_n(b, s, trimmed(s), 1);
}

/* Text on one line (titles, headings, attribute values). */
static void flat(buf *b, const char *s) {
  s = str(s);
  esc_n(b, s, trimmed(s), 0);
}

void rep_html_escape(buf *b, const char *s, size_t n) { esc_n(b, s, n, 0); }

/* ---- numbers ---- */

/* 1052 -> "1.052". */
static void thousands(buf *b, uint64_t v) {
  char d[24];
  int n = snprintf(d, sizeof d, "%" PRIu64, v);
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) buf_addc(b, '.');
    buf_addc(b, d[i]);
  }
}



/* The fewest decimals (0..3) that keep the rounded achievement on the same
 * side of every bound of the scheme and of 100 %. */
static int ach_decimals(const rep_numbers *n) {
  num edges[7];
  int ne = 0;
  edges[ne++] = num_int(100);
  for (int k = 0; k < 3; k++) {
    if (n->has_from[k] && n->from[k].d > 0) edges[ne++] = n->from[k];
    if (n->has_below[k] && n->below[k].d > 0) edges[ne++] = n->below[k];
  }
  return num_decimals_against(n->achievement, 0, 3, edges, ne);
}

/* ---- statuses ---- */

typedef struct {
  const char *name;     /* data-status */
  const char *sym;      /* shown before the text */
  const char *fallback; /* text when the row has no label */
} status_info;

static const status_info statuses[] = {
    [ST_MET] = {"met", "\xE2\x9C\x93", "Målet er opfyldt"},                 /* ✓ */
    [ST_PARTLY] = {"partly", "\xE2\x97\x90", "Målet er delvist opfyldt"},   /* ◐ */
    [ST_NOT_MET] = {"not_met", "\xE2\x9C\x97", "Målet er ikke opfyldt"},    /* ✗ */
    [ST_UNKNOWN] = {"unknown", "?", "Kan ikke opgøres"},
};

static int has_status(rep_status s) { return s >= ST_MET && s <= ST_UNKNOWN; }

/* The badge: symbol (hidden from screen readers, the text says it) and
 * label.  The colour comes from the class. */
static void badge(buf *b, rep_status s, const char *label) {
  const status_info *si = &statuses[s];
  buf_printf(b, "<span class=\"badge s-%s\"><span class=\"sym\" aria-hidden=\"true\">%s</span> ",
             si->name, si->sym);
  if (trimmed(str(label)) > 0)
    text(b, label);
  else
    buf_adds(b, si->fallback);
  buf_adds(b, "</span>");
}

/* ---- the page ---- */

static const char css[] =
    ":root{color-scheme:light}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:1240px;padding:36px 40px 48px;background:#fff;color:#1a1a1a;"
    "font:15px/1.45 \"Segoe UI\",\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif}\n"
    "header{border-bottom:3px solid #1b3a57;padding-bottom:14px;margin-bottom:8px}\n"
    "h1{margin:0 0 4px;font-size:27px;line-height:1.2;color:#1b3a57}\n"
    ".period{margin:0;font-size:16px;color:#4a5560}\n"
    ".legend{display:flex;flex-wrap:wrap;align-items:center;gap:6px 18px;margin:14px 0 0;padding:0;"
    "list-style:none;font-size:14px}\n"
    ".legend .lead{font-weight:600}\n"
    ".legend .count{color:#4a5560;margin-left:4px}\n"
    "h2{margin:34px 0 6px;font-size:19px;line-height:1.3;color:#1b3a57;break-after:avoid;"
    "page-break-after:avoid}\n"
    ".area-comment{margin:0 0 10px;max-width:80ch}\n"
    "table{width:100%;border-collapse:collapse;table-layout:fixed;margin:10px 0 4px;font-size:14px}\n"
    "col.c-ind{width:29%}col.c-st{width:19%}col.c-res{width:27%}col.c-com{width:25%}\n"
    "th,td{padding:7px 10px;text-align:left;vertical-align:top;border-bottom:1px solid #d5dae0;"
    "overflow-wrap:anywhere}\n"
    "thead th{background:#1b3a57;color:#fff;font-weight:600;border-bottom:0}\n"
    "tbody th{font-weight:400}\n"
    "tr{break-inside:avoid;page-break-inside:avoid}\n"
    "tr.initiative>*{background:#f2f5f8;border-top:2px solid #b9c3cd}\n"
    "tr.initiative>th,tr.initiative>td.status{font-weight:700}\n"
    "tr.goal>th{padding-left:26px}\n"
    "tr.part>th{padding-left:46px;color:#3d4750}\n"
    "table.cross{width:auto;table-layout:auto;margin:0 0 4px 36px;font-size:13.5px}\n"
    "table.cross th,table.cross td{padding:4px 10px;border:1px solid #d5dae0}\n"
    "table.cross thead th{background:#eef2f6;color:#1a1a1a}\n"
    "table.cross .res{display:block;color:#3d4750}td.none{color:#6b7580;text-align:center}\n"
    "tr.part>*{font-size:13.5px;padding-top:4px;padding-bottom:4px}\n"
    ".no,.id{font-variant-numeric:tabular-nums}\n"
    ".id{font-weight:600;color:#4a5560;margin-right:2px}\n"
    ".badge{display:inline-flex;align-items:baseline;gap:4px;padding:1px 8px 1px 6px;border:1px solid;"
    "border-radius:3px;line-height:1.35}\n"
    ".sym{flex:none;min-width:1.1em;text-align:center;font-weight:700;"
    "font-family:\"DejaVu Sans\",\"Segoe UI Symbol\",\"Apple Symbols\",sans-serif}\n"
    ".s-met{color:#17582a;background:#e5f3e8;border-color:#7fbf8e}\n"
    ".s-partly{color:#7a4100;background:#fff1d6;border-color:#e0a84a}\n"
    ".s-not_met{color:#a01b1b;background:#fde7e7;border-color:#e39a9a}\n"
    ".s-unknown{color:#474747;background:#ececec;border-color:#a6a6a6}\n"
    ".meter{display:flex;align-items:center;gap:8px;margin-top:5px}\n"
    ".bar{position:relative;flex:0 0 120px;height:9px;background:#e4e7eb;border:1px solid #8a949e;"
    "border-radius:2px}\n"
    ".fill{height:100%;background:#757575}\n"
    ".fill.s-met{background:#2e7d32}.fill.s-partly{background:#b86e00}"
    ".fill.s-not_met{background:#c62828}\n"
    ".target{position:absolute;top:-4px;bottom:-4px;left:100%;width:2px;margin-left:-1px;"
    "background:#1a1a1a}\n"
    ".ach{font-size:12.5px;color:#4a5560;white-space:nowrap}\n"
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\n"
    "footer{margin-top:32px;padding-top:10px;border-top:1px solid #b9c3cd;font-size:13px;color:#4a5560}\n"
    "footer p{margin:0}\n"
    ".provenance{margin:6px 0 0;padding:0;list-style:none;overflow-wrap:anywhere}\n"
    "@media screen and (max-width:720px){\n"
    "body{padding:20px 14px}\n"
    "table,tbody,tr,th,td{display:block}thead,colgroup{display:none}\n"
    "tr{padding:6px 0;border-bottom:1px solid #d5dae0}\n"
    "th,td{padding:2px 8px;border:0}td:empty{display:none}\n"
    "table.cross{display:table;margin-left:8px}table.cross thead{display:table-header-group}"
    "table.cross tbody{display:table-row-group}table.cross tr{display:table-row}"
    "table.cross th,table.cross td{display:table-cell;border:1px solid #d5dae0}\n"
    "tr.goal>*{padding-left:20px}tr.part>*{padding-left:34px}\n"
    "tr.initiative{background:#f2f5f8}tr.initiative>*{border-top:0}\n"
    "td.comment::before{content:\"Kommentarer: \";font-weight:600}\n"
    "}\n"
    "@media print{\n"
    "@page{size:A4 landscape;margin:14mm 12mm}\n"
    "body{max-width:none;padding:0;font-size:10pt}\n"
    "body,h1,h2,.period,.legend .count,.id,tr.part>th,.ach,footer{color:#000}\n"
    "header{border-bottom-color:#000}\n"
    "thead th{background:none;color:#000;border-bottom:2px solid #000}\n"
    "tr.initiative>*{background:none;border-top:1.5px solid #000}\n"
    "th,td{border-bottom-color:#888}\n"
    ".badge{background:none;color:#000;border-color:#000}\n"
    ".bar{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
    "table{font-size:9pt}\n"
    "tr.part>*{font-size:8.5pt}\n"
    ".ach{font-size:8pt}\n"
    "tr.initiative{break-after:avoid;page-break-after:avoid}\n"
    "}\n";

/* "Samlet status: ✓ label" of the agreement or "Status for
 * indsatsområdet: …" of an area (maal.md §9.7, §9.8), with the weighted
 * achievement of a weighted rule. */
static void rule_status(buf *b, const char *cls, const char *lead, rep_status st, const char *label, bool weighted,
                        bool has, num ach) {
  if (!has_status(st)) return;
  buf_printf(b, "<p class=\"%s\">%s: ", cls, lead);
  badge(b, st, label);
  if (weighted) {
    char *line = rep_status_line("", "", weighted, has, ach); /* ":  (vægtet målopfyldelse …)" */
    text(b, line + 2);
    free(line);
  }
  buf_adds(b, "</p>\n");
}

/* "Indsatsområde 1 – Title" */
static void area_heading(buf *b, const rep_row *a) {
  buf_adds(b, "Indsatsområde");
  if (trimmed(str(a->number)) > 0) {
    buf_addc(b, ' ');
    flat(b, a->number);
  }
  if (trimmed(str(a->title)) > 0) {
    buf_adds(b, " \xE2\x80\x93 "); /* en dash */
    flat(b, a->title);
  }
}

/* The bar toward the target, for a goal or part with numbers. */
static void meter(buf *b, const rep_row *r) {
  const rep_numbers *n = r->nums;
  if (!n || !n->has_value) return;
  buf pct = {0}, width = {0};
  if (n->has_achievement && n->achievement.d > 0) {
    char s[64];
    num_format_da(n->achievement, ach_decimals(n), s, sizeof s);
    buf_printf(&pct, "%s %%", s);
    num a = n->achievement;
    if (num_sign(a) < 0) a = num_int(0);
    if (num_cmp(a, num_int(100)) >= 0) {
      buf_adds(&width, "100");
    } else {
      num_format_plain(a, 1, s, sizeof s);
      size_t k = strlen(s);
      if (k > 2 && !strcmp(s + k - 2, ".0")) s[k - 2] = '\0';
      buf_adds(&width, s);
    }
  } else if (!n->has_achievement && has_status(r->status) && r->status != ST_UNKNOWN) {
    /* a value and a status but no achievement: it is unbounded (without a
       status the achievement could not be computed at all) */
    buf_adds(&pct, "over 100 %");
    buf_adds(&width, "100");
  } else {
    return;
  }
  const char *st = has_status(r->status) ? statuses[r->status].name : "unknown";
  buf_printf(b,
             "<div class=\"meter\"><div class=\"bar\" role=\"img\" aria-label=\"Målopfyldelse: %s af "
             "målet\"><div class=\"fill s-%s\" style=\"width:%s%%\"></div><div class=\"target\" "
             "title=\"Målet (100 %%)\"></div></div><span class=\"ach\" aria-hidden=\"true\">%s af "
             "målet</span></div>",
             buf_str(&pct), st, buf_str(&width), buf_str(&pct));
  buf_free(&pct);
  buf_free(&width);
}

/* Where a goal or initiative stands in the agreement (maal.md §6.4),
 * under its title: a link when it is a web address. */
static void source_ref(buf *b, const char *ref) {
  buf_adds(b, "<br><small class=\"ref\">Kilde: ");
  if (rep_is_url(ref)) {
    buf_adds(b, "<a href=\"");
    flat(b, ref);
    buf_adds(b, "\">");
    flat(b, ref);
    buf_adds(b, "</a>");
  } else {
    text(b, ref);
  }
  buf_adds(b, "</small>");
}

/* One row of a table; `goal` is the number of the last goal, for parts. */
static void row(buf *b, const rep_row *r, const char *goal) {
  switch (r->kind) {
  case ROW_INITIATIVE:
    buf_adds(b, "<tr class=\"initiative\" data-id=\"");
    flat(b, r->number);
    buf_adds(b, "\"><th scope=\"row\">");
    if (trimmed(str(r->number)) > 0) {
      buf_adds(b, "<span class=\"no\">");
      flat(b, r->number);
      buf_adds(b, "</span>");
      if (trimmed(str(r->title)) > 0) buf_addc(b, ' ');
    }
    text(b, r->title);
    break;
  case ROW_GOAL:
    buf_adds(b, "<tr class=\"goal\" data-id=\"");
    flat(b, r->number);
    buf_adds(b, "\"><th scope=\"row\">");
    if (trimmed(str(r->number)) > 0) {
      buf_adds(b, "<span class=\"id\">");
      flat(b, r->number);
      buf_adds(b, "</span>");
      if (trimmed(str(r->title)) > 0) buf_addc(b, ' ');
    }
    text(b, r->title);
    break;
  default: /* ROW_PART */
    buf_adds(b, "<tr class=\"part\" data-goal=\"");
    flat(b, goal);
    buf_adds(b, "\" data-part=\"");
    flat(b, r->number);
    buf_adds(b, "\"><th scope=\"row\">");
    if (trimmed(goal) > 0) {
      buf_adds(b, "<span class=\"vh\">");
      flat(b, goal);
      buf_adds(b, " \xC2\xB7 </span>"); /* middle dot, as in Markdown */
    }
    text(b, r->number);
    break;
  }
  if (r->kind != ROW_PART && r->source_ref && *r->source_ref) source_ref(b, r->source_ref);
  buf_adds(b, "</th>");
  if (has_status(r->status)) {
    buf_printf(b, "<td class=\"status\" data-status=\"%s\">", statuses[r->status].name);
    badge(b, r->status, r->status_label);
  } else {
    buf_adds(b, "<td class=\"status\">");
    text(b, r->status_label);
  }
  buf_adds(b, "</td><td class=\"result\">");
  text(b, r->result);
  if (r->kind != ROW_INITIATIVE) meter(b, r);
  buf_adds(b, "</td><td class=\"comment\">");
  text(b, r->comment);
  buf_adds(b, "</td></tr>\n");
}

/* The parts of a two-way breakdown ("per jobcenter og køn") as a small
 * table of their own, rows × columns, in one row of the outer table (on
 * one line): each cell the part's status and result, "–" where the pair
 * does not occur.  rows[0..n) are the goal's parts, in their order. */
static void cross(buf *b, const rep_row *rows, size_t n, const char *goal) {
  size_t nr = 0, nc = 0;
  for (size_t i = 0; i < n; i++) {
    if (rows[i].rank[0] + 1 > nr) nr = rows[i].rank[0] + 1;
    if (rows[i].rank[1] + 1 > nc) nc = rows[i].rank[1] + 1;
  }
  const rep_row **cell = xcalloc(nr * nc, sizeof *cell);
  const char **colname = xcalloc(nc, sizeof *colname), **rowname = xcalloc(nr, sizeof *rowname);
  for (size_t i = 0; i < n; i++) {
    cell[rows[i].rank[0] * nc + rows[i].rank[1]] = &rows[i];
    rowname[rows[i].rank[0]] = rows[i].keys[0];
    colname[rows[i].rank[1]] = rows[i].keys[1];
  }
  buf_adds(b, "<tr class=\"cross\" data-goal=\"");
  flat(b, goal);
  buf_adds(b, "\"><td colspan=\"4\"><table class=\"cross\"><caption class=\"vh\">");
  flat(b, goal);
  buf_adds(b, " opdelt</caption><thead><tr><td></td>");
  for (size_t c = 0; c < nc; c++) {
    buf_adds(b, "<th scope=\"col\">");
    text(b, colname[c]);
    buf_adds(b, "</th>");
  }
  buf_adds(b, "</tr></thead><tbody>");
  for (size_t r = 0; r < nr; r++) {
    buf_adds(b, "<tr><th scope=\"row\">");
    text(b, rowname[r]);
    buf_adds(b, "</th>");
    for (size_t c = 0; c < nc; c++) {
      const rep_row *x = cell[r * nc + c];
      if (!x) {
        buf_adds(b, "<td class=\"none\">\xE2\x80\x93</td>"); /* en dash: the pair does not occur */
        continue;
      }
      buf_adds(b, "<td class=\"status\" data-part=\"");
      flat(b, x->number);
      buf_addc(b, '"');
      if (has_status(x->status)) {
        buf_printf(b, " data-status=\"%s\">", statuses[x->status].name);
        badge(b, x->status, x->status_label);
      } else {
        buf_addc(b, '>');
        text(b, x->status_label);
      }
      if (trimmed(str(x->result)) > 0) {
        buf_adds(b, "<span class=\"res\">");
        text(b, x->result);
        buf_adds(b, "</span>");
      }
      buf_adds(b, "</td>");
    }
    buf_adds(b, "</tr>");
  }
  buf_adds(b, "</tbody></table></td></tr>\n");
  free(cell);
  free(colname);
  free(rowname);
}

static void table(buf *b, const rep_row *rows, size_t n) {
  buf_adds(b,
           "<table>\n"
           "<colgroup><col class=\"c-ind\"><col class=\"c-st\"><col class=\"c-res\"><col "
           "class=\"c-com\"></colgroup>\n"
           "<thead><tr><th scope=\"col\">Indsats</th><th scope=\"col\">Status</th><th "
           "scope=\"col\">Resultater</th><th scope=\"col\">Kommentarer</th></tr></thead>\n"
           "<tbody>\n");
  const char *goal = "";
  for (size_t i = 0; i < n; i++) {
    if (rows[i].kind == ROW_INITIATIVE) goal = "";
    if (rows[i].kind == ROW_GOAL) goal = str(rows[i].number);
    if (rows[i].kind == ROW_PART && rows[i].nkeys == 2) { /* a two-way breakdown: its parts as one table */
      size_t j = i;
      while (j < n && rows[j].kind == ROW_PART && rows[j].nkeys == 2) j++;
      cross(b, rows + i, j - i, goal);
      i = j - 1;
      continue;
    }
    row(b, &rows[i], goal);
  }
  buf_adds(b, "</tbody>\n</table>\n");
}

/* "Status opgøres således:" and, per status, its label (the first goal's
 * with it, else the first row's, else the default) and the number of goals
 * with it; the unknown status only when some row has it. */
static void legend(buf *b, const rep_table *t) {
  const char *label[4] = {NULL, NULL, NULL, NULL};
  size_t count[4] = {0, 0, 0, 0};
  int seen[4] = {0, 0, 0, 0}, any = 0;
  for (size_t i = 0; i < t->nrows; i++) {
    const rep_row *r = &t->rows[i];
    if (r->kind == ROW_AREA || !has_status(r->status)) continue;
    any = 1;
    seen[r->status] = 1;
    if (r->kind == ROW_GOAL) count[r->status]++;
  }
  /* the labels of goals first: initiatives may word their status freely */
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < t->nrows; i++) {
      const rep_row *r = &t->rows[i];
      if (r->kind == ROW_AREA || !has_status(r->status) || (pass == 0 && r->kind != ROW_GOAL)) continue;
      if (!label[r->status] && trimmed(str(r->status_label)) > 0) label[r->status] = r->status_label;
    }
  if (!any) return;
  buf_adds(b, "<ul class=\"legend\" aria-label=\"Status\"><li class=\"lead\">Status opgøres således:</li>");
  for (int s = ST_MET; s <= ST_UNKNOWN; s++) {
    if (s == ST_UNKNOWN && !seen[s]) continue;
    buf_adds(b, "<li>");
    badge(b, (rep_status)s, label[s]);
    buf_printf(b, "<span class=\"count\">%zu mål</span></li>", count[s]);
  }
  buf_adds(b, "</ul>\n");
}

/* The checks of the extract (maal.md §4.7, output.md §4.1): a section
 * after the focus areas, per source a heading naming the goals that read
 * it, and a list of its checks with the rows that break them. */
static void checks_section(buf *b, const rep_table *t) {
  if (!t->nchecks) return;
  buf_adds(b, "<section class=\"checks\">\n<h2>Kontrol af data</h2>\n");
  buf line = {0};
  for (size_t i = 0; i < t->nchecks; i++) {
    const rep_check *c = &t->checks[i];
    bool first = i == 0 || strcmp(str(c->source), str(t->checks[i - 1].source));
    if (first) {
      if (i) buf_adds(b, "</ul>\n");
      buf_adds(b, "<h3>");
      flat(b, str(c->source));
      buf_adds(b, " (");
      buf_clear(&line);
      rep_check_goals(c, &line);
      flat(b, buf_str(&line));
      buf_adds(b, ")</h3>\n<ul>\n");
    }
    buf_adds(b, c->passed ? "<li class=\"passed\">" : "<li class=\"failed\">");
    buf_adds(b, "<code>");
    flat(b, str(c->text));
    buf_adds(b, "</code>: ");
    buf_clear(&line);
    rep_check_summary(c, &line);
    flat(b, buf_str(&line));
    buf_clear(&line);
    bool more = rep_check_more(c, &line);
    if (c->nshown || more) {
      buf_adds(b, "\n<ul>\n");
      buf row = {0};
      for (size_t k = 0; k < c->nshown; k++) {
        buf_clear(&row);
        rep_check_row_text(&c->shown[k], &row);
        buf_adds(b, "<li>");
        flat(b, buf_str(&row));
        buf_adds(b, "</li>\n");
      }
      buf_free(&row);
      if (more) {
        buf_adds(b, "<li>");
        flat(b, buf_str(&line));
        buf_adds(b, "</li>\n");
      }
      buf_adds(b, "</ul>\n");
    }
    buf_adds(b, "</li>\n");
  }
  buf_adds(b, "</ul>\n</section>\n");
  buf_free(&line);
}

static void page(buf *b, const rep_table *t) {
  const char *title = trimmed(str(t->title)) > 0 ? t->title : "Statusrapport";
  buf_adds(b,
           "<!DOCTYPE html>\n"
           "<html lang=\"da\">\n"
           "<head>\n"
           "<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">\n"
           "<meta name=\"generator\" content=\"maal\">\n"
           "<title>");
  flat(b, title);
  if (trimmed(str(t->period)) > 0) {
    buf_adds(b, " \xE2\x80\x93 "); /* en dash */
    flat(b, t->period);
  }
  buf_adds(b, "</title>\n<style>\n");
  buf_adds(b, css);
  buf_adds(b, "</style>\n</head>\n<body>\n<header>\n<h1>");
  flat(b, title);
  buf_adds(b, "</h1>\n");
  if (trimmed(str(t->period)) > 0) {
    buf_adds(b, "<p class=\"period\">Periode: ");
    flat(b, t->period);
    buf_adds(b, "</p>\n");
  }
  if (t->has_status)
    rule_status(b, "overall", "Samlet status", t->status, t->status_label, t->weighted, t->has_achievement, t->achievement);
  legend(b, t);
  buf_adds(b, "</header>\n<main>\n");
  size_t areas = 0;
  for (size_t i = 0; i < t->nrows;) {
    const rep_row *a = t->rows[i].kind == ROW_AREA ? &t->rows[i++] : NULL;
    size_t j = i;
    while (j < t->nrows && t->rows[j].kind != ROW_AREA) j++;
    if (a) {
      areas++;
      buf_printf(b, "<section class=\"area\" aria-labelledby=\"omr-%zu\">\n<h2 id=\"omr-%zu\">", areas,
                 areas);
      area_heading(b, a);
      buf_adds(b, "</h2>\n");
      rule_status(b, "area-status", "Status for indsatsområdet", a->status, a->status_label, a->weighted,
                  a->has_achievement, a->achievement);
      if (trimmed(str(a->comment)) > 0) {
        buf_adds(b, "<p class=\"area-comment\">");
        text(b, a->comment);
        buf_adds(b, "</p>\n");
      }
    } else {
      buf_adds(b, "<section class=\"area\">\n");
    }
    if (j > i) table(b, t->rows + i, j - i);
    buf_adds(b, "</section>\n");
    i = j;
  }
  checks_section(b, t);
  buf_adds(b, "</main>\n");
  if (t->nsources > 0 || t->prov) buf_adds(b, "<footer>\n");
  if (t->nsources > 0) {
    buf_adds(b, "<p>Datakilder: ");
    for (size_t i = 0; i < t->nsources; i++) {
      if (i > 0) buf_adds(b, ", ");
      flat(b, t->sources[i].name);
      buf_adds(b, " (");
      thousands(b, t->sources[i].rows);
      buf_adds(b, t->sources[i].rows == 1 ? " række)" : " rækker)");
    }
    buf_adds(b, "</p>\n");
  }
  if (t->prov) { /* where the report came from (spec/output.md §4) */
    buf_adds(b, "<ul class=\"provenance\" aria-label=\"Grundlag for rapporten\">\n");
    for (size_t k = 0; buf_adds(b, "<li>"), rep_prov_line(t, k, b, flat); k++) buf_adds(b, "</li>\n");
    b->len -= 4; /* the last "<li>" */
    b->s[b->len] = '\0';
    buf_adds(b, "</ul>\n");
  }
  if (t->nsources > 0 || t->prov) buf_adds(b, "</footer>\n");
  buf_adds(b, "</body>\n</html>\n");
}

int rep_write_html(FILE *f, const rep_table *t) {
  if (!f || !t) return -1;
  buf out = {0};
  page(&out, t);
  int bad = fwrite(buf_str(&out), 1, out.len, f) != out.len;
  buf_free(&out);
  if (fflush(f) != 0) bad = 1;
  if (ferror(f)) bad = 1;
  return bad ? -1 : 0;
}
