/* doc.h — the agreement rendered for those who sign it (maal doc, spec
 * §12.12): a self-contained HTML page or Markdown with the title and
 * period, each focus area, initiative and goal, each goal's rule as a
 * Danish sentence (words.h) beside its own title, the target groups and
 * status schemes in words, and, when the data could be read, the status
 * of each goal as 'maal run' computes it.
 *
 * Deterministic: the same rules and data give the same bytes.
 *
 * Hooks for tests (HTML): each goal is a <section class="goal"
 * data-id="1.1-a"> holding <p class="sentence">; its status, when
 * computed, a <p class="status" data-status="met|partly|not_met|unknown">;
 * when the status is not computed the page has one <p class="no-status">.
 */
#ifndef MAAL_DOC_H
#define MAAL_DOC_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"
#include "mem.h"
#include "report.h"

/* Write the page of the checked program p to out.  t is the status table
 * of 'maal run', or NULL when the status is not computed (the data could
 * not be read). */
void doc_write(const ast_program *p, const diag *d, const rep_table *t, bool html, buf *out);

/* maal doc on a parsed program: check it with the command line's --data
 * and --param, evaluate it as 'maal run' does when every data source can
 * be read, and write the page to out.  Messages go to err: errors in the
 * rules (then nothing is written), or, when the data cannot be read, what
 * is wrong with it and that the status is not computed (the page is
 * written).  Returns CHK_OK, CHK_RULES or CHK_USAGE (check.h). */
int doc_build(ast_program *p, diag *d, const char **data, size_t ndata, const char **params, size_t nparams,
              bool html, buf *out, FILE *err);

#endif
