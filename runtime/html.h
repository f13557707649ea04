/* html.h — the status table as one self-contained HTML5 page.
 *
 * The page is laid out like the municipality's follow-up documents: the
 * agreement's title and period, a status legend with the number of goals
 * per status, then per focus area (Indsatsområde) a heading, its comment
 * and a table Indsats | Status | Resultater | Kommentarer, and at the end
 * the data sources.  Each status is shown by a colour, a symbol and its
 * text (met ✓, partly ◐, not met ✗, unknown ?); each goal or part with a
 * computed achievement gets a small bar toward its target.
 *
 * Self-contained: inline CSS only, no scripts, no external resources (a
 * Content-Security-Policy meta tag forbids them), so the file can be mailed
 * or archived as it is.  Output is byte-for-byte deterministic: no date,
 * time or locale is consulted.
 *
 * Hooks for tests: every table row carries class "initiative", "goal" or
 * "part"; initiative and goal rows data-id (their number), part rows
 * data-goal and data-part; every status cell has class "status" and
 * data-status="met|partly|not_met|unknown" (absent for rows without a
 * status).  The parts of a two-way breakdown (spec §11.3) are one row of
 * class "cross" with data-goal, holding a table of class "cross": the
 * first side's values as rows, the second's as columns; a cell of a part
 * has class "status", data-part and data-status, one of a pair that does
 * not occur class "none" and "–".
 */
#ifndef MAAL_HTML_H
#define MAAL_HTML_H

#include <stdio.h>

#include "report.h"

/* Write t as an HTML page to f.  Returns 0, or -1 if writing failed. */
int rep_write_html(FILE *f, const rep_table *t);

/* Escape s[0..n) as HTML text on one line, as the report does (maal doc
 * writes its pages with it): & < > " ' as entities, bad UTF-8 as U+FFFD. */
void rep_html_escape(buf *b, const char *s, size_t n);

#endif
