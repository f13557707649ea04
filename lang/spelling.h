/* spelling.h — one English and one Danish spelling of each keyword: how
 * 'maal fmt --lang' writes a keyword, and how the parser's messages name
 * one in Danish.  (keywords.h lists every spelling the lexer accepts;
 * this is the one each language writes.)  Apart from fmt.c so that the
 * parser and the printer both use it without calling each other. */
#ifndef MAAL_SPELLING_H
#define MAAL_SPELLING_H

#include <stdbool.h>
#include <stddef.h>

/* The spelling of token tok (parser.h): English, or Danish when danish;
 * NULL when tok is no keyword. */
const char *spelling_of(int tok, bool danish);

/* The Danish spelling of the keyword spelt `en` in English (n bytes), in
 * quotes ('mål' for goal), or NULL; valid until the next call.  For
 * messages that name what the parser expected. */
const char *spelling_danish(const char *en, size_t n);

#endif
