/* diff.h — what changed between two versions of an agreement, in plain
 * words: goals added, removed and changed (measure, target, baseline,
 * texts), and changed groups, schemes, parameters and data sources.  For
 * reviewers of rule files in git (maal diff OLD.maal NEW.maal). */
#ifndef MAAL_DIFF_H
#define MAAL_DIFF_H

#include "ast.h"
#include "mem.h"

/* Compare two parsed programs; their source texts give each clause's
 * wording.  Writes one line per difference (Danish) to out; returns how
 * many there were. */
int df_compare(const ast_program *a, const char *asrc, const ast_program *b, const char *bsrc, buf *out);

#endif
