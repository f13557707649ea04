/* report_csv.c — the status table as CSV, plain or for Danish Excel
 * (spec/output.md §2). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "report_internal.h"

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
  if (!a || !rep_exact(*a, out, cap)) return;
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

void rep_write_csv(buf *out, const rep_table *t, int excel) {
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
    csv_num(v[1], sizeof v[1], rep_target_value(n), excel);
    csv_num(v[2], sizeof v[2], rep_target_high(n), excel);
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
