/* diff.h — what changed between two versions of an agreement, in plain
 * words: goals added, removed and changed (measure, target, baseline,
 * texts), and changed groups, schemes, parameters and data sources (how
 * each is read too), the imported ones included.  For
 * reviewers of rule files in git (maal diff OLD.maal NEW.maal). */
#ifndef MAAL_DIFF_H
#define MAAL_DIFF_H

#include "ast.h"
#include "mem.h"

/* Compare two parsed programs, with what they import (imp_load) if it was
 * loaded; their source texts give each clause's wording (an imported
 * clause's from the import's text, import_decl.text).  Writes one line
 * per difference (Danish) to out, and notes that are no difference by
 * themselves (a changed importer line); returns how many differences. */
int df_compare(const ast_program *a, const char *asrc, const ast_program *b, const char *bsrc, buf *out);

#endif
