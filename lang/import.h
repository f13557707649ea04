/* import.h — 'import "file.maal"': declarations shared between agreements. */
#ifndef MAAL_IMPORT_H
#define MAAL_IMPORT_H

#include "ast.h"
#include "diag.h"

/* Read and parse every file p imports (and what they import), each once,
 * into p.  An imported file may declare data, parameters, groups and
 * schemes; an agreement line or a focus area in it is an error.  Problems
 * go to d; returns false if a file could not be read. */
bool imp_load(ast_program *p, diag *d);

#endif
