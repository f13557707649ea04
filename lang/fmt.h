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
#include "parse.h"

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

/* Append to out the word of token i of t[0..n) (the tokens of src, whose
 * program p knows the keywords used as names) as 'maal fmt --lang' writes
 * it: a keyword in lang's spelling, a number in the canonical style, a
 * name or a text as written.  false when the token merges into the one
 * before ('at least' is 'mindst'): nothing is appended.  For maal diff,
 * so that a keyword written in the other language is no change. */
bool fmt_word(const char *src, const parse_token *t, size_t n, const ast_program *p, size_t i, fmt_lang lang,
              buf *out);

#endif
