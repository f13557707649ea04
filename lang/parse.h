/* parse.h — read a rule file into a syntax tree. */
#ifndef MAAL_PARSE_H
#define MAAL_PARSE_H

#include "ast.h"
#include "diag.h"

/* State shared by the lexer and the parser of one file. */
typedef struct parse_ctx {
  ast_program *prog;
  diag *d;
  const char *src;
  size_t len;
  size_t pos;      /* bytes handed to the lexer so far */
  uint32_t offset; /* byte offset of the next token */
} parse_ctx;

/* Parse src (the text of `path`).  Always returns a program (possibly
 * partial); syntax errors go to d.  The program keeps no pointer to src. */
ast_program *parse_program(const char *path, const char *src, size_t len, diag *d);

/* The keyword token for a word, or 0.  Used by the lexer and by fmt. */
int parse_keyword(const char *word, size_t len);

#endif
