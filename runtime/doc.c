/* doc.c — the agreement rendered for those who sign it (doc.h). */
#include "doc.h"

#include <string.h>

#include "check.h"
#include "eval.h"
#include "html.h"
#include "source.h"
#include "words.h"

typedef struct {
  const ast_program *p;
  const rep_table *t; /* NULL: status not computed */
  wd_ctx wc;
  bool html;
  buf *b;
} writer;

/* ---- text ---- */

static void esc(writer *w, const char *s, size_t n) {
  if (w->html) rep_html_escape(w->b, s, n);
  else rep_md_escape(w->b, s, n);
}

static void put(writer *w, const char *s) { esc(w, s ? s : "", s ? strlen(s) : 0); }

/* Rule text as written, in the code style. */
static void code(writer *w, const char *s, size_t n) {
  if (w->html) {
    buf_adds(w->b, "<code>");
    rep_html_escape(w->b, s, n);
    buf_adds(w->b, "</code>");
    return;
  }
  /* a Markdown code span: more backticks than any run inside it */
  size_t run = 0, longest = 0;
  for (size_t i = 0; i < n; i++) {
    run = s[i] == '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  bool pad = n > 0 && (s[0] == '`' || s[n - 1] == '`');
  for (size_t i = 0; i <= longest; i++) buf_addc(w->b, '`');
  if (pad) buf_addc(w->b, ' ');
  buf_add(w->b, s, n);
  if (pad) buf_addc(w->b, ' ');
  for (size_t i = 0; i <= longest; i++) buf_addc(w->b, '`');
}

/* Words from words.c: text, and rule text between the code marks. */
static void words(writer *w, const buf *src) {
  const char *s = buf_str(src);
  size_t n = src->len;
  for (size_t i = 0; i < n;) {
    if (s[i] == WD_CODE_ON) {
      const char *end = memchr(s + i + 1, WD_CODE_OFF, n - i - 1);
      size_t k = end ? (size_t)(end - (s + i + 1)) : n - i - 1;
      code(w, s + i + 1, k);
      i += k + 2;
      continue;
    }
    size_t k = i;
    while (k < n && s[k] != WD_CODE_ON) k++;
    esc(w, s + i, k - i);
    i = k;
  }
}

/* A paragraph of words; cls is its HTML class. */
static void para_words(writer *w, const char *cls, const buf *src) {
  if (w->html) buf_printf(w->b, "<p class=\"%s\">", cls);
  words(w, src);
  buf_adds(w->b, w->html ? "</p>\n" : "\n\n");
}

static void para_text(writer *w, const char *cls, const char *lead, const char *s) {
  if (w->html) buf_printf(w->b, "<p class=\"%s\">", cls);
  if (lead) {
    put(w, lead);
    buf_adds(w->b, ": ");
  } else if (!w->html) {
    /* what would begin a list or a heading in Markdown: "1. ", "- " */
    size_t d = strspn(s, "0123456789");
    if (d > 0 && (s[d] == '.' || s[d] == ')')) {
      buf_add(w->b, s, d);
      buf_addc(w->b, '\\');
      s += d;
    } else if (*s == '-' || *s == '+' || *s == '=') {
      buf_addc(w->b, '\\');
    }
  }
  put(w, s);
  buf_adds(w->b, w->html ? "</p>\n" : "\n\n");
}

/* "Kilde: …" (maal.md §6.4): where it stands in the agreement, a link
 * when it is a web address. */
static void para_ref(writer *w, const char *ref) {
  if (!ref || !*ref) return;
  if (!rep_is_url(ref)) {
    para_text(w, "ref", "Kilde", ref);
    return;
  }
  if (w->html) {
    buf_adds(w->b, "<p class=\"ref\">Kilde: <a href=\"");
    put(w, ref);
    buf_adds(w->b, "\">");
    put(w, ref);
    buf_adds(w->b, "</a></p>\n");
  } else {
    buf_printf(w->b, "Kilde: <%s>\n\n", ref);
  }
}

static void heading(writer *w, int depth, const char *cls, const char *id, const char *s) {
  if (w->html) {
    buf_printf(w->b, "<h%d", depth);
    if (cls) buf_printf(w->b, " class=\"%s\"", cls);
    if (id) {
      buf_adds(w->b, " data-id=\"");
      put(w, id);
      buf_addc(w->b, '"');
    }
    buf_addc(w->b, '>');
    put(w, s);
    buf_printf(w->b, "</h%d>\n", depth);
  } else {
    for (int i = 0; i < depth; i++) buf_addc(w->b, '#');
    buf_addc(w->b, ' ');
    put(w, s);
    buf_adds(w->b, "\n\n");
  }
}

/* ---- statuses ---- */

static const rep_row *row_of(const writer *w, rep_kind k, const char *number) {
  if (!w->t || !number) return NULL;
  for (size_t i = 0; i < w->t->nrows; i++)
    if (w->t->rows[i].kind == k && w->t->rows[i].number && !strcmp(w->t->rows[i].number, number))
      return &w->t->rows[i];
  return NULL;
}

static const char *const fallback_label[] = {"Målet er opfyldt", "Målet er delvist opfyldt", "Målet er ikke opfyldt",
                                             "Kan ikke opgøres"};

/* "Status: Målet er opfyldt – 72 af 78 personer …" */
static void status_para(writer *w, const char *lead, rep_status st, const char *label, const char *result) {
  if (st == ST_NONE) return;
  const char *l = label && *label ? label : fallback_label[st];
  if (w->html) {
    buf_printf(w->b, "<p class=\"status\" data-status=\"%s\">", rep_status_name(st));
    put(w, lead);
    buf_printf(w->b, ": <strong class=\"s-%s\">", rep_status_name(st));
    put(w, l);
    buf_adds(w->b, "</strong>");
  } else {
    put(w, lead);
    buf_adds(w->b, ": **");
    put(w, l);
    buf_adds(w->b, "**");
  }
  if (result && *result) {
    buf_adds(w->b, " \xE2\x80\x93 "); /* en dash */
    put(w, result);
  }
  buf_adds(w->b, w->html ? "</p>\n" : "\n\n");
}

/* ---- the page ---- */

static const char css[] =
    ":root{color-scheme:light}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:900px;padding:36px 40px 48px;background:#fff;color:#1a1a1a;"
    "font:16px/1.5 \"Segoe UI\",\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif}\n"
    "header{border-bottom:3px solid #1b3a57;padding-bottom:14px;margin-bottom:8px}\n"
    "h1{margin:0 0 4px;font-size:27px;line-height:1.2;color:#1b3a57}\n"
    "h2{margin:34px 0 8px;font-size:21px;color:#1b3a57;break-after:avoid;page-break-after:avoid}\n"
    "h3{margin:24px 0 6px;font-size:18px;color:#1b3a57;break-after:avoid;page-break-after:avoid}\n"
    "h4{margin:16px 0 4px;font-size:16px;break-after:avoid;page-break-after:avoid}\n"
    ".period{margin:0;font-size:16px;color:#4a5560}\n"
    "section.goal{margin:0 0 14px 0;padding:8px 14px;border-left:4px solid #b9c3cd;background:#f7f9fb;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    "section.goal p{margin:4px 0}\n"
    ".sentence{font-size:17px}\n"
    ".rule,.comment{color:#3d4750}\n"
    ".status strong{padding:0 6px;border:1px solid;border-radius:3px}\n"
    ".s-met{color:#17582a;background:#e5f3e8;border-color:#7fbf8e}\n"
    ".s-partly{color:#7a4100;background:#fff1d6;border-color:#e0a84a}\n"
    ".s-not_met{color:#a01b1b;background:#fde7e7;border-color:#e39a9a}\n"
    ".s-unknown{color:#474747;background:#ececec;border-color:#a6a6a6}\n"
    ".no-status{padding:6px 10px;border:1px solid #a6a6a6;background:#ececec}\n"
    "code{font:14px/1.4 \"DejaVu Sans Mono\",Consolas,monospace;background:#eef1f4;padding:0 3px;"
    "border-radius:2px;overflow-wrap:anywhere}\n"
    "dl.groups dt{font-weight:600;margin-top:6px}dl.groups dd{margin:0 0 0 20px}\n"
    "footer{margin-top:32px;padding-top:10px;border-top:1px solid #b9c3cd;font-size:13px;color:#4a5560}\n"
    "@media print{body{max-width:none;padding:0;font-size:11pt}section.goal{background:none}"
    ".status strong{background:none;color:#000;border-color:#000}}\n";

static const char *goal_id(writer *w, const initiative *in, const goal *g, buf *tmp) {
  if (g->id) return g->id;
  buf_clear(tmp);
  buf_printf(tmp, "%s-%s", in->number ? in->number : "", g->label ? g->label : "");
  (void)w;
  return buf_str(tmp);
}

static void put_goal(writer *w, const initiative *in, const goal *g) {
  buf idb = {0}, s = {0};
  const char *id = goal_id(w, in, g, &idb);
  if (w->html) {
    buf_adds(w->b, "<section class=\"goal\" data-id=\"");
    put(w, id);
    buf_adds(w->b, "\">\n");
  }
  buf h = {0};
  buf_printf(&h, "Mål %s \xE2\x80\x93 %s", id, g->title ? g->title : "");
  heading(w, 4, NULL, NULL, buf_str(&h));
  buf_free(&h);
  wd_goal(&w->wc, g, &s);
  para_words(w, "sentence", &s);
  para_ref(w, g->source_ref);
  const rep_row *r = row_of(w, ROW_GOAL, id);
  if (r) status_para(w, "Status", r->status, r->status_label, r->result);
  if (g->comment && *g->comment) para_text(w, "comment", "Kommentar", g->comment);
  if (w->html) buf_adds(w->b, "</section>\n");
  buf_free(&s);
  buf_free(&idb);
}

static void put_rule(writer *w, wd_level lv, const status_rule *r, const initiative *in, const area *ar) {
  buf s = {0};
  wd_rule(&w->wc, lv, r, in, ar, &s);
  para_words(w, "rule", &s);
  buf_free(&s);
}

static void put_initiative(writer *w, const initiative *in) {
  buf h = {0};
  buf_printf(&h, "Indsats %s \xE2\x80\x93 %s", in->number ? in->number : "", in->title ? in->title : "");
  if (w->html) buf_adds(w->b, "<section class=\"initiative\">\n");
  heading(w, 3, NULL, NULL, buf_str(&h));
  buf_free(&h);
  para_ref(w, in->source_ref);
  if (in->goals || in->rule.count) put_rule(w, WD_INITIATIVE, &in->rule, in, NULL);
  const rep_row *r = row_of(w, ROW_INITIATIVE, in->number);
  if (r) status_para(w, "Indsatsens status", r->status, r->status_label, NULL);
  /* the initiative's own comment under its own heading, before its goals:
     after the last goal it read as that goal's (§10.3) */
  if (in->comment && *in->comment) para_text(w, "comment", "Kommentar til indsatsen", in->comment);
  for (const goal *g = in->goals; g; g = g->next) put_goal(w, in, g);
  if (w->html) buf_adds(w->b, "</section>\n");
}

static void put_area(writer *w, const area *a) {
  buf h = {0};
  buf_printf(&h, "Indsatsområde %s \xE2\x80\x93 %s", a->number ? a->number : "", a->title ? a->title : "");
  if (w->html) buf_adds(w->b, "<section class=\"area\">\n");
  heading(w, 2, NULL, NULL, buf_str(&h));
  buf_free(&h);
  if (a->comment && *a->comment) para_text(w, "comment", NULL, a->comment);
  if (a->rule.count) {
    put_rule(w, WD_AREA, &a->rule, NULL, a);
    const rep_row *r = row_of(w, ROW_AREA, a->number);
    if (r) status_para(w, "Status for indsatsområdet", r->status, r->status_label, NULL);
  }
  for (const initiative *in = a->inits; in; in = in->next) put_initiative(w, in);
  if (w->html) buf_adds(w->b, "</section>\n");
}

static bool scheme_used(const ast_program *p, const scheme_decl *s) {
  if (s == p->default_scheme || p->rule.sch == s) return true;
  for (const area *a = p->areas; a; a = a->next) {
    if (a->rule.sch == s) return true;
    for (const initiative *in = a->inits; in; in = in->next) {
      if (in->rule.sch == s) return true;
      for (const goal *g = in->goals; g; g = g->next)
        if (g->scheme == s) return true;
    }
  }
  return false;
}

static void put_schemes(writer *w) {
  heading(w, 2, NULL, NULL, "Sådan vurderes målene");
  buf s = {0};
  buf_adds(&s, "Et måls målopfyldelse er, hvor stor en del af kravet der er nået, i procent. ");
  if (w->p->default_scheme) {
    buf_adds(&s, "Målets status er ");
    wd_scheme(&w->wc, w->p->default_scheme, &s);
  }
  para_words(w, "scheme", &s);
  for (const scheme_decl *sd = w->p->schemes; sd; sd = sd->next) {
    if (sd == w->p->default_scheme || !scheme_used(w->p, sd)) continue;
    buf_clear(&s);
    buf_printf(&s, "Efter statusskemaet %s er status ", sd->name);
    wd_scheme(&w->wc, sd, &s);
    para_words(w, "scheme", &s);
  }
  buf_free(&s);
}

static void put_groups(writer *w) {
  if (!w->p->groups) return;
  heading(w, 2, NULL, NULL, "Målgrupper");
  if (w->html) buf_adds(w->b, "<dl class=\"groups\">\n");
  buf s = {0};
  for (const group_decl *g = w->p->groups; g; g = g->next) {
    buf_clear(&s);
    wd_group(&w->wc, g, &s);
    if (w->html) {
      buf_adds(w->b, "<dt>");
      put(w, g->name);
      buf_adds(w->b, "</dt><dd>");
      words(w, &s);
      buf_adds(w->b, "</dd>\n");
    } else {
      buf_adds(w->b, "- **");
      put(w, g->name);
      buf_adds(w->b, "**: ");
      words(w, &s);
      buf_addc(w->b, '\n');
    }
  }
  buf_free(&s);
  buf_adds(w->b, w->html ? "</dl>\n" : "\n");
}

static void put_sources(writer *w) {
  if (!w->t) return;
  if (w->html) buf_adds(w->b, "<footer>\n<p>");
  put(w, "Status er beregnet ud fra: ");
  for (size_t i = 0; i < w->t->nsources; i++) {
    char n[32];
    num_format_da(num_int((int64_t)w->t->sources[i].rows), 0, n, sizeof n);
    if (i) put(w, ", ");
    put(w, w->t->sources[i].name);
    buf t = {0};
    buf_printf(&t, " (%s %s)", n, w->t->sources[i].rows == 1 ? "række" : "rækker");
    put(w, buf_str(&t));
    buf_free(&t);
  }
  if (w->t->nsources == 0) put(w, "ingen data");
  put(w, ".");
  buf_adds(w->b, w->html ? "</p>\n</footer>\n" : "\n");
}

void doc_write(const ast_program *p, const diag *d, const rep_table *t, bool html, buf *out) {
  writer w = {.p = p, .t = t, .wc = {.p = p, .d = d}, .html = html, .b = out};
  const char *title = p->title ? p->title : "Aftale";
  if (html) {
    buf_adds(out, "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'\">\n"
                  "<meta name=\"generator\" content=\"maal\">\n<title>");
    put(&w, title);
    buf_adds(out, "</title>\n<style>\n");
    buf_adds(out, css);
    buf_adds(out, "</style>\n</head>\n<body>\n<header>\n");
  }
  heading(&w, 1, NULL, NULL, title);
  if (p->period_text && *p->period_text) para_text(&w, "period", "Periode", p->period_text);
  if (!t)
    para_text(&w, "no-status", NULL,
              "Status er ikke beregnet: data kunne ikke læses. Siden viser aftalens mål uden status.");
  if (p->rule.count) {
    put_rule(&w, WD_AGREEMENT, &p->rule, NULL, NULL);
    if (t && t->has_status) status_para(&w, "Samlet status", t->status, t->status_label, NULL);
  }
  if (html) buf_adds(out, "</header>\n<main>\n");
  put_schemes(&w);
  for (const area *a = p->areas; a; a = a->next) put_area(&w, a);
  put_groups(&w);
  if (html) buf_adds(out, "</main>\n");
  put_sources(&w);
  if (html) buf_adds(out, "</body>\n</html>\n");
}

int doc_build(ast_program *p, diag *d, const char **data, size_t ndata, const char **params, size_t nparams,
              bool html, buf *out, FILE *err) {
  chk_options opt = {.data_overrides = data, .ndata_overrides = ndata, .param_overrides = params,
                     .nparam_overrides = nparams, .load_columns = src_load_columns, .ctx = err};
  int r = chk_program(p, d, &opt);
  if (r == CHK_OK && diag_errors(d)) r = CHK_RULES;
  diag_flush(d, err);
  if (r == CHK_RULES || r == CHK_USAGE) return r;
  eval_result *res = r == CHK_OK ? eval_run(p, err, false) : NULL;
  if (!res) fprintf(err, "maal: doc: the data cannot be read: the page is written without the status\n");
  doc_write(p, d, res ? eval_table(res) : NULL, html, out);
  eval_free(res);
  return CHK_OK;
}
