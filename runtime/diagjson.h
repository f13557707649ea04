/* diagjson.h — maal check --format json: the diagnostics as one JSON array
 * (maal.md §12.5), for editors, CI annotations and other tools. */
#ifndef MAAL_DIAGJSON_H
#define MAAL_DIAGJSON_H

#include <stdio.h>

#include "diag.h"

typedef struct dj_list dj_list;

dj_list *dj_new(void);

/* A message about a file as a whole ("cannot read ..."): no position. */
void dj_add_file(dj_list *l, const char *path, const char *message);

/* Messages a data check wrote in text, one a line:
 * "PATH:LINE:COL: error: MESSAGE" (a line of another form is kept whole
 * as the message, with no position). */
void dj_add_lines(dj_list *l, const char *text, size_t len);

/* Every message collected in d, each error and warning with its notes;
 * d is cleared.  `path`: the rule file, named when d stopped after too
 * many errors. */
void dj_add_diag(dj_list *l, diag *d, const char *path);

/* Write the array and a newline to f, and free l.  0, or -1 when writing
 * failed. */
int dj_write(dj_list *l, FILE *f);

#endif
