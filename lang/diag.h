/* diag.h — diagnostics: "file:line:col: error: message", the source line
 * and a caret under the spot.
 *
 * Messages are collected while parsing and checking, then printed sorted
 * by position, so a file's mistakes read top to bottom in one run.
 * Columns count characters (UTF-8 code points), so æ, ø and å count one.
 */
#ifndef MAAL_DIAG_H
#define MAAL_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"

typedef enum { D_ERROR, D_WARNING, D_NOTE } diag_level;

typedef struct diag diag;

/* The source text must outlive the diag. */
diag *diag_new(const char *path, const char *src, size_t len);
void diag_free(diag *d);

/* Add another source file (an imported one); returns the offset its text
 * starts at in the shared space of offsets that spans refer to. */
uint32_t diag_add_file(diag *d, const char *path, const char *src, size_t len);

void diag_error(diag *d, span sp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warning(diag *d, span sp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A note attaches to the message reported just before it. */
void diag_note(diag *d, span sp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int diag_errors(const diag *d);
/* Whether an error was reported inside sp: follow-on complaints about a
 * construct that already has a syntax error are left out. */
bool diag_error_within(const diag *d, span sp);

/* Print every collected message to f, sorted by position; then clear. */
void diag_flush(diag *d, FILE *f);

/* One collected message as diag_drain hands it out.  Line and column are
 * 1-based, in characters; the end is the place just after the span. */
typedef struct {
  diag_level level;
  const char *message;
  const char *path;
  unsigned line, column, end_line, end_column;
  span sp; /* the same place in the shared offsets (diag_where says whose) */
} diag_entry;

/* Hand every collected message to visit, in the order diag_flush prints
 * them (by position, each followed by its notes, level D_NOTE); then
 * clear.  Returns the number of errors when more were reported than the
 * limit kept (only the first were collected), else 0. */
int diag_drain(diag *d, void (*visit)(const diag_entry *e, void *ctx), void *ctx);
/* How many errors are kept before "too many errors". */
int diag_error_limit(void);

/* The first place inside sp where the source holds `needle`, or sp. */
span diag_find(const diag *d, span sp, const char *needle, size_t n);

/* The source text of sp (in whichever file it lies), appended to out. */
void diag_text(const diag *d, span sp, buf *out);

/* The file a shared offset lies in: its path and text (as given to
 * diag_new or diag_add_file), and the offset within that text. */
void diag_where(const diag *d, uint32_t offset, const char **path, const char **src, size_t *len, uint32_t *local);

/* 1-based line and column (in characters) of a byte offset. */
void diag_position(const diag *d, uint32_t offset, unsigned *line, unsigned *col);

#endif
