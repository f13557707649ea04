/* report.c — the status table in the formats of report.h: the entry
 * point, which hands the table to its format's writer: report_text.c
 * (text, Markdown), report_csv.c, report_json.c, html.c.  What the writers
 * share is report_common.c, so the writers never call back into here. */
#include "report.h"

#include <stdio.h>

#include "html.h"
#include "mem.h"
#include "report_internal.h"

/* ---- entry point ---- */

int rep_write_opts(FILE *f, const rep_table *t, rep_format fmt, const rep_options *o) {
  static const rep_options defaults = {0};
  if (!f || !t) return -1;
  if (!o) o = &defaults;
  if (fmt == FMT_HTML) return rep_write_html(f, t); /* html.c */
  buf out = {0};
  switch (fmt) {
  case FMT_TEXT: rep_write_text(&out, t); break;
  case FMT_MD: rep_write_md(&out, t); break;
  case FMT_CSV: rep_write_csv(&out, t, o->excel); break;
  case FMT_JSON: rep_write_json(&out, t); break;
  default: return -1;
  }
  int bad = fwrite(buf_str(&out), 1, out.len, f) != out.len;
  buf_free(&out);
  if (fflush(f) != 0) bad = 1;
  if (ferror(f)) bad = 1;
  return bad ? -1 : 0;
}

int rep_write(FILE *f, const rep_table *t, rep_format fmt) { return rep_write_opts(f, t, fmt, NULL); }
