/* braces.h — a '}' left out, found where it is missing (spec §12.5).
 *
 * The token stream passes through here between the lexer and the parser.
 * It keeps the blocks that are open (a focus area, an initiative, a goal,
 * or any other '{'), and when a token arrives that cannot stand inside the
 * innermost of them — 'indsats' at the start of a line inside a goal,
 * 'indsatsområde' inside an initiative, the end of the file — it reports
 * the block that lacks its '}' at the '{' that opened it, and hands the
 * parser the missing '}' so that nothing after it is misread as inside
 * it.  Where a '}' is indented like the block around the one it closes,
 * that inner block is the one named: its own '}' is the one left out.
 */
#ifndef MAAL_BRACES_H
#define MAAL_BRACES_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "diag.h"

typedef enum { BR_OTHER, BR_AREA, BR_INITIATIVE, BR_GOAL } brace_kind;

typedef struct {
  brace_kind kind;
  const char *label; /* "1.1", "a"; NULL for BR_OTHER */
  span open;         /* the '{' */
  int indent;        /* of the line that opens it; -1 when unknown */
} brace_block;

/* The last few tokens, to see what a '{' opens: KEYWORD label "title" {. */
enum { BRACES_RECENT = 8 };

typedef struct {
  int tok;
  span sp;
  const char *text;
} brace_token;

typedef struct {
  brace_block *v;
  size_t n, cap;
  brace_token recent[BRACES_RECENT];
  size_t nrecent;
  /* a block closed by a '}' indented like its parent's line: the likely
     owner of a missing '}' while that parent is still open */
  bool has_suspect;
  brace_block suspect;
  span suspect_close;
  size_t suspect_parent; /* index of its parent in v */
  /* the token that waits while the missing '}' go to the parser */
  size_t owed;           /* '}' still to hand out before it */
  bool holding;
  brace_token held;
} braces;

/* What the filter needs of the file: its text and where offsets start. */
typedef struct {
  const char *src;
  size_t len;
  uint32_t base;
  diag *d;
} braces_src;

/* How many '}' the parser must get before the token tok at sp; when more
 * than 0, the missing one is reported.  Call braces_closed() for each of
 * them, then braces_token() for tok. */
size_t braces_missing(braces *b, const braces_src *s, int tok, span sp);

/* A '}' handed to the parser that is not in the file. */
void braces_closed(braces *b);

/* A token of the file, as the parser gets it. */
void braces_token(braces *b, const braces_src *s, int tok, span sp, const char *text);

void braces_free(braces *b);

#endif
