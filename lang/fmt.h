/* fmt.h — the canonical layout of a rule file ('maal fmt').
 *
 * One statement a line, two spaces of indent per brace, one space between
 * tokens, comments kept where they stand (on a line of their own, or at the
 * end of a line), at most one blank line in a row.  A line break inside a
 * statement (a long condition) is kept, indented four more.  Keywords are
 * kept as written, or rewritten to English or Danish.  The layout is
 * idempotent: formatting a formatted file changes nothing.
 */
#ifndef MAAL_FMT_H
#define MAAL_FMT_H

#include "ast.h"
#include "diag.h"

typedef enum { FMT_KEEP, FMT_EN, FMT_DA } fmt_lang;

/* Format src (the text of `path`) into out.  The file must parse: syntax
 * errors go to d and the result is false, with out untouched.  The output
 * is checked to hold the same tokens as the input (translated, with
 * FMT_EN/FMT_DA); false if it would not (a bug, reported to d). */
bool fmt_format(const char *path, const char *src, size_t len, fmt_lang lang, diag *d, buf *out);

/* The language src's keywords are written in: FMT_DA when more keywords
 * have their Danish spelling than their English one, FMT_EN when fewer,
 * FMT_KEEP on a tie (words spelt alike in both, such as 'data' or
 * 'status', count for neither).  The language of messages (spec §12.5). */
fmt_lang fmt_keyword_lang(const char *src, size_t len);

#endif
