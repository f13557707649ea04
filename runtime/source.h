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

/* Remove the copies that src_load_columns made of standard input, pipes
 * and devices (anything but a regular file, which can be read only once). */
void src_cleanup(ast_program *p);

/* The file a pass over d reads: its copy when src_load_columns made one
 * (standard input, a pipe), else the file named. */
const char *src_path(const data_decl *d);

/* Temporary files (a copy of standard input, the -o file before its
 * rename, a test's rows) are registered while they exist, so that
 * SIGINT, SIGTERM and SIGHUP remove them too (src_catch_signals, called
 * once at start; a signal ignored at start stays ignored).  The path must
 * stay valid until it is forgotten or removed.  At most 256 at a time;
 * more are not registered. */
void src_temp_add(const char *path);
void src_temp_forget(const char *path); /* e.g. renamed into place */
void src_temp_remove(const char *path); /* forget and unlink */
void src_catch_signals(void);

/* Read one field as a value of column c's type.  Missing tokens give
 * V_MISSING.  Returns false if the text is not of the column's type. */
bool src_field(const data_decl *d, const column_decl *c, const csv_field *f, value *out);
/* A decimal's text that reads two ways, 1.000 as 1 or as 1000 (spec
 * §4.5): src_field refuses it, and the pass says both readings. */
bool src_two_readings(const data_decl *d, const char *s, size_t n);

/* How src_row reads d's columns for every row of a pass (source.c):
 * built once per reader by src_program, freed by src_program_free.  Each
 * reader of a pass builds its own (d is shared, read only). */
typedef struct src_prog src_prog;
src_prog *src_program(const data_decl *d);
void src_program_free(src_prog *prog);

/* Read the fields of d's columns from..d->ncol (fields: a record of d's
 * file; prog: src_program(d)) into vals[from..], as src_field does.
 * Returns the first column whose field is not of its type (vals from there
 * on not read), or d->ncol when every one was. */
size_t src_row(const data_decl *d, const src_prog *prog, const csv_field *fields, value *vals, size_t from);

/* Plain words for what a column of type t holds: "whole numbers (int)". */
const char *src_type_words(vtype t, char decimal);

#endif
