/* report_common.c — what the report writers share: the sentences about
 * checks and provenance, the status line, the numbers of the machine
 * formats.  report.c picks a writer (report_text.c, report_csv.c,
 * report_json.c, html.c); each writer calls here; this file calls none of
 * them, so no two files of the report call each other.  UTF-8 and display
 * width are lang/utf8.c's. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "report_internal.h"

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
  if (r->line) { /* a row of a file, or of a table maal load made */
    buf_printf(out, "linje %u", r->line);
    if (r->id) buf_printf(out, " (%s)", r->id);
  } else { /* a row of a table without lines: by its key, if it has one */
    buf_adds(out, r->id ? r->id : "række");
  }
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
    bool table = !strncmp(s->path, "pg:", 3); /* run --engine (maal.md §12.14) */
    buf_adds(out, table ? "Tabel " : "Datafil ");
    put(out, s->name);
    buf_adds(out, ": ");
    if (!strcmp(s->path, "-")) buf_adds(out, "standardinput");
    else if (table) put(out, s->path + 3);
    else put(out, s->path);
    if (table) {
      buf_adds(out, " i PostgreSQL, ");
      thousands(out, s->rows);
      buf_adds(out, s->rows == 1 ? " række" : " rækker");
    }
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

/* A reference that is a web address: http(s)://, without blanks or
 * characters that would end a link in Markdown or HTML. */
bool rep_is_url(const char *s) {
  if (strncmp(s, "https://", 8) && strncmp(s, "http://", 7)) return false;
  for (; *s; s++)
    if ((unsigned char)*s <= ' ' || strchr("<>\"'`\\", *s)) return false;
  return true;
}

char *rep_status_line(const char *lead, const char *label, bool weighted, bool has_achievement, num achievement) {
  buf b = {0};
  buf_printf(&b, "%s: %s", lead, label ? label : "");
  if (weighted) {
    buf_adds(&b, " (vægtet målopfyldelse ");
    if (has_achievement) {
      char v[64];
      num shown = num_shown(achievement, 3); /* never across a bound: 99,9999 % is not "100,000 %" (§10.2) */
      num_format_da(shown, num_decimals(shown, 3), v, sizeof v);
      buf_printf(&b, "%s %%)", v);
    } else {
      buf_adds(&b, "kan ikke opgøres)");
    }
  }
  return buf_take(&b);
}

/* "Samlet status: …" of the agreement, or "Status for indsatsområdet: …"
   of an area, on a line of its own: only when the rules ask for it. */

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
bool rep_exact(num a, char *out, size_t cap) {
  if (a.d <= 0) return false;
  num_format_exact(a, 9, out, cap);
  return true;
}

static bool is_change(const char *cmp) {
  return cmp && (!strcmp(cmp, "reduce by") || !strcmp(cmp, "increase by") || !strcmp(cmp, "maintain"));
}

/* The target's value and high bound, or NULL when absent. */
const num *rep_target_value(const rep_numbers *n) {
  if (!n || !n->comparator || (is_change(n->comparator) && !n->has_baseline)) return NULL;
  if (!strcmp(n->comparator, "by")) return NULL; /* a milestone's deadline is a date, in the result text */
  if (n->range_no_lo) return NULL;               /* (..100] */
  return &n->target;
}

const num *rep_target_high(const rep_numbers *n) {
  if (!n || !n->comparator || n->range_no_hi) return NULL;
  bool range = !strncmp(n->comparator, "range", 5);
  if ((!rep_target_value(n) && !range) || (strcmp(n->comparator, "between") != 0 && !range)) return NULL;
  return &n->target_high;
}

/* ---- names ---- */

const char *rep_status_name(rep_status s) {
  static const char *const names[] = {"met", "partly", "not_met", "unknown", ""};
  return names[s];
}
