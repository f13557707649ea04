/* check.h — the semantic checks: names, types, units, duplicates, cycles,
 * status schemes.  After a clean check every name in the tree is resolved
 * and every goal's fields (goal.m, goal.t, goal.scheme, ...) are filled. */
#ifndef MAAL_CHECK_H
#define MAAL_CHECK_H

#include "ast.h"
#include "diag.h"

typedef struct {
  /* NAME=VALUE texts from the command line (--data, --param). */
  const char **data_overrides;
  size_t ndata_overrides;
  const char **param_overrides;
  size_t nparam_overrides;
  /* Sources whose file (given above) maal wrote itself, in UTF-8 with
   * its own delimiter (detected), whatever the declaration says of the
   * real file's encoding and delimiter: a test's inline rows, which are
   * text of the rule file (spec §12.11). */
  const char **own_dialect;
  size_t nown_dialect;
  /* Read a data source's header (and, for inferred columns, a sample of
   * its rows) and fill d->colv/d->ncol.  Returns 0, or -1 after reporting
   * the problem to `err` (a file or data problem). */
  int (*load_columns)(ast_program *p, data_decl *d, diag *dg, void *ctx);
  void *ctx;
} chk_options;

enum { CHK_OK = 0, CHK_RULES = 1, CHK_DATA = 2, CHK_USAGE = 3 };

/* Check p.  Messages go to d.  Returns CHK_OK, CHK_RULES when the rule
 * file has errors, CHK_DATA when a data file could not be read or does not
 * fit its declaration, CHK_USAGE for a bad --data/--param. */
int chk_program(ast_program *p, diag *d, const chk_options *opt);

/* The value of --param text for a parameter of type t; false if it does
 * not read as that type. */
bool chk_parse_value(vtype t, const char *text, arena *a, value *out);

/* What the data options name (spec §4.2): the encoding of `tegnsæt`
 * (0 UTF-8, 1 Windows-1252, 2 Latin-1: csv_encoding's values; -1 for a
 * name maal does not know), and the delimiter of `skilletegn` (',', ';'
 * or '\t'; 0 for one maal does not know). */
int chk_encoding_named(const char *name);
char chk_delimiter_named(const char *text);

/* The column of a data source by name, or NULL. */
column_decl *chk_column(const data_decl *d, const char *name);

/* The built-in status labels and the default scheme. */
extern const char *const chk_default_labels[ROLE_COUNT];

#endif
