/* report_json.c — the status table as JSON (spec/output.md §3). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "report_internal.h"
#include "utf8.h"

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
      size_t k = utf8_decode(p + i, n - i, &cp);
      if (cp == UTF8_BAD)
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
  if (!a || !rep_exact(*a, s, sizeof s)) {
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
  js_num(j, "value", rep_target_value(n));
  js_num(j, "high", rep_target_high(n));
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
      if (c->shown[k].line) js_int(j, "line", c->shown[k].line);
      else js_null(j, "line"); /* a table without lines (spec §12.14) */
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

void rep_write_json(buf *out, const rep_table *t) {
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
