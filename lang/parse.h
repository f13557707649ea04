/* parse.h — read a rule file into a syntax tree. */
#ifndef MAAL_PARSE_H
#define MAAL_PARSE_H

#include "ast.h"
#include "braces.h"
#include "diag.h"

/* State shared by the lexer and the parser of one file. */
typedef struct parse_ctx {
  ast_program *prog;
  diag *d;
  const char *src;
  size_t len;
  size_t pos;      /* where the lexer starts (after a byte-order mark) */
  uint32_t offset; /* offset of the next token (in the shared space of offsets) */
  uint32_t base;   /* offset of this file's first byte */
  bool keep_comments; /* the formatter's scan: comments are tokens too */
  braces br;          /* the blocks open, for a '}' left out (braces.h) */
} parse_ctx;

/* Hand the lexer its text: src from pos to len (lexer.l). */
void lex_begin(parse_ctx *c, void *scanner);

/* Parse src (the text of `path`).  Always returns a program (possibly
 * partial); syntax errors go to d.  The program keeps no pointer to src. */
ast_program *parse_program(const char *path, const char *src, size_t len, diag *d);

/* Parse one more file into p (an import): its text starts at offset
 * `base` of d's shared offsets (diag_add_file), its data paths are read
 * relative to its own folder. */
void parse_into(ast_program *p, const char *path, const char *src, size_t len, uint32_t base, diag *d);

/* One token of a file, for the formatter: its kind (a parser token
 * number, or 0 at the end), and its span.  Comments come as COMMENT. */
typedef struct {
  int kind;
  span sp;
} parse_token;

/* Every token of src, comments included; *n gets the count.  The caller
 * frees the array.  Lexical errors go to d. */
parse_token *parse_tokens(const char *src, size_t len, ast_program *p, diag *d, size_t *n);

/* The keyword token for a word, or 0.  Used by the lexer and by fmt. */
int parse_keyword(const char *word, size_t len);

#endif
