/* braces.c — a '}' left out, found where it is missing (braces.h). */
#include "braces.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "parse.h"
#include "parser.h"

/* The indentation of the line of the token at offset off, in columns (a
 * tab counts 1), when the token is the first on its line; else -1. */
static int indent_of(const braces_src *s, uint32_t off) {
  if (off < s->base) return -1;
  size_t i = off - s->base;
  if (i > s->len) return -1;
  int col = 0;
  while (i > 0 && s->src[i - 1] != '\n') {
    char c = s->src[i - 1];
    if (c != ' ' && c != '\t' && c != '\r') return -1;
    col++;
    i--;
  }
  return col;
}

/* The indentation of the line holding offset off, whatever stands first. */
static int line_indent(const braces_src *s, uint32_t off) {
  if (off < s->base) return -1;
  size_t i = off - s->base;
  if (i > s->len) return -1;
  while (i > 0 && s->src[i - 1] != '\n') i--;
  int col = 0;
  while (i + (size_t)col < s->len && (s->src[i + (size_t)col] == ' ' || s->src[i + (size_t)col] == '\t')) col++;
  return col;
}

static unsigned line_of(const braces_src *s, uint32_t off) {
  unsigned line, col;
  diag_position(s->d, off, &line, &col);
  return line;
}

static const char *kind_word(brace_kind k) {
  switch (k) {
  case BR_AREA: return M("focus area");
  case BR_INITIATIVE: return M("initiative");
  case BR_GOAL: return M("goal");
  default: return M("block");
  }
}

static bool has_kind(const braces *b, brace_kind k) {
  for (size_t i = 0; i < b->n; i++)
    if (b->v[i].kind == k) return true;
  return false;
}

/* Which blocks the token closes: how many of the innermost. */
static size_t to_close(const braces *b, int tok) {
  if (b->n == 0) return 0;
  switch (tok) {
  case GOAL: /* a goal never holds a goal */
    return b->v[b->n - 1].kind == BR_GOAL ? 1 : 0;
  case INITIATIVE: { /* an initiative stands in a focus area */
    if (!has_kind(b, BR_AREA)) return 0;
    size_t k = 0;
    while (k < b->n && b->v[b->n - 1 - k].kind != BR_AREA) k++;
    return k;
  }
  case AREA: case GROUP: case AGREEMENT: case TEST: /* only at the top ('importer' may be a name) */
  case MAAL_YYEOF:
    return b->n;
  default:
    return 0;
  }
}

static void describe(const braces_src *s, const brace_block *x, char *out, size_t cap) {
  if (x->kind == BR_OTHER || !x->label) snprintf(out, cap, M("the block opened on line %u"), line_of(s, x->open.beg));
  else snprintf(out, cap, "%s %s", kind_word(x->kind), x->label);
}

/* One error for each block the token closes, outermost first; the
 * innermost is the suspect, when a '}' indented like its parent's line
 * closed it (that '}' was the parent's). */
static void report(braces *b, const braces_src *s, size_t k, int tok, span sp) {
  char who[160], in[160];
  describe(s, &b->v[b->n - 1], in, sizeof in);
  for (size_t i = k; i-- > 0;) {
    const brace_block *x = &b->v[b->n - 1 - i];
    bool moved = i == 0 && b->has_suspect && b->suspect_parent == b->n - 1;
    if (moved) x = &b->suspect;
    unsigned line = line_of(s, x->open.beg);
    describe(s, x, who, sizeof who);
    if (x->kind == BR_OTHER)
      diag_error(s->d, x->open, "this '{', on line %u, has no closing '}'", line);
    else if (moved)
      diag_error(s->d, x->open, "%s, opened on line %u, has no closing '}': the '}' on line %u, indented like %s, closes it instead",
                 who, line, line_of(s, b->suspect_close.beg), in);
    else
      diag_error(s->d, x->open, "%s, opened on line %u, has no closing '}'", who, line);
  }
  span last = b->nrecent ? b->recent[(b->nrecent - 1) % BRACES_RECENT].sp : sp;
  if (tok == MAAL_YYEOF && b->n == 1) /* at the file's last word: its end may be an empty line */
    diag_note(s->d, last, "the file ends after this, with %zu block still open", b->n);
  else if (tok == MAAL_YYEOF)
    diag_note(s->d, last, "the file ends after this, with %zu blocks still open", b->n);
  else if (k == 1)
    diag_note(s->d, sp, "'%.*s' cannot stand inside %s; add the '}' before it", (int)(sp.end - sp.beg),
              s->src + (sp.beg - s->base), in);
  else
    diag_note(s->d, sp, "'%.*s' cannot stand inside %s; add the %zu missing '}' before it", (int)(sp.end - sp.beg),
              s->src + (sp.beg - s->base), in, k);
}

size_t braces_missing(braces *b, const braces_src *s, int tok, span sp) {
  if (tok != MAAL_YYEOF && indent_of(s, sp.beg) < 0) return 0; /* only a word that begins a line */
  size_t k = to_close(b, tok);
  if (k == 0) return 0;
  report(b, s, k, tok, sp);
  b->has_suspect = false;
  return k;
}

static void pop(braces *b) {
  if (b->n == 0) return;
  b->n--;
  if (b->has_suspect && b->suspect_parent >= b->n) b->has_suspect = false;
}

void braces_closed(braces *b) { pop(b); }

static bool is_label(int tok) {
  return tok == INT_LIT || tok == DEC_LIT || tok == LABEL || tok == STRING || tok == IDENT;
}

/* What the '{' just read opens: KEYWORD label "title" … { */
static brace_block opened(const braces *b, const braces_src *s, span brace) {
  brace_block x = {BR_OTHER, NULL, brace, line_indent(s, brace.beg)};
  size_t i = b->nrecent; /* recent[i - 1] is the token before '{' */
  size_t strings = 0;
  while (i > 0 && b->recent[(i - 1) % BRACES_RECENT].tok == STRING && strings < BRACES_RECENT - 2) {
    i--;
    strings++;
  }
  if (strings == 0 || i < 2 || b->nrecent - i + 2 > BRACES_RECENT) return x;
  const brace_token *label = &b->recent[(i - 1) % BRACES_RECENT];
  const brace_token *kw = &b->recent[(i - 2) % BRACES_RECENT];
  if (!is_label(label->tok)) return x;
  brace_kind k = kw->tok == AREA ? BR_AREA : kw->tok == INITIATIVE ? BR_INITIATIVE : kw->tok == GOAL ? BR_GOAL : BR_OTHER;
  if (k == BR_OTHER) return x;
  x.kind = k;
  x.label = label->text;
  x.indent = line_indent(s, kw->sp.beg);
  return x;
}

void braces_token(braces *b, const braces_src *s, int tok, span sp, const char *text) {
  if (tok == '{') {
    brace_block x = opened(b, s, sp);
    if (b->n == b->cap) b->v = xrealloc(b->v, (b->cap = b->cap ? 2 * b->cap : 16) * sizeof *b->v);
    b->v[b->n++] = x;
  } else if (tok == '}' && b->n > 0) {
    brace_block x = b->v[b->n - 1];
    pop(b);
    int at = indent_of(s, sp.beg);
    /* indented like the parent's line, not like its own: the parent's '}' */
    if (at >= 0 && x.indent >= 0 && at != x.indent && b->n > 0 && at == b->v[b->n - 1].indent &&
        x.kind != BR_OTHER) {
      b->has_suspect = true;
      b->suspect = x;
      b->suspect_close = sp;
      b->suspect_parent = b->n - 1;
    }
  }
  size_t i = b->nrecent++ % BRACES_RECENT;
  b->recent[i].tok = tok;
  b->recent[i].sp = sp;
  b->recent[i].text = text;
}

void braces_free(braces *b) {
  free(b->v);
  memset(b, 0, sizeof *b);
}
