/* source.h — data sources: the header, column types (declared or
 * inferred from a sample of rows) and typed reading of fields. */
#ifndef MAAL_SOURCE_H
#define MAAL_SOURCE_H

#include "ast.h"
#include "csv.h"
#include "diag.h"

enum {
  SRC_SAMPLE_ROWS = 1000, /* rows read to infer undeclared column types */
  SRC_ERROR_LIMIT = 20    /* data errors reported before giving up */
};

/* chk_options.load_columns: read d's header (and a sample when its columns
 * are not declared) and fill d->colv, d->ncol.  0, or -1 after reporting:
 * problems with the file as a whole go to dg at the data declaration;
 * broken rows go to ctx (a FILE *, stderr if NULL) as file:line:col. */
int src_load_columns(ast_program *p, data_decl *d, diag *dg, void *ctx);

/* Remove the copies of standard input that src_load_columns made. */
void src_cleanup(ast_program *p);

/* Read one field as a value of column c's type.  Missing tokens give
 * V_MISSING.  Returns false if the text is not of the column's type. */
bool src_field(const data_decl *d, const column_decl *c, const csv_field *f, value *out);

/* Plain words for what a column of type t holds: "whole numbers (int)". */
const char *src_type_words(vtype t, char decimal);

#endif
