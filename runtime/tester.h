/* tester.h — run the tests written beside the rules ('maal test'). */
#ifndef MAAL_TESTER_H
#define MAAL_TESTER_H

#include <stdio.h>

#include "ast.h"

/* Run every test of the parsed file `p` (its `test` blocks): each gets its
 * own data (inline rows or files) and parameters, evaluates the rules it
 * names (or the file itself), and compares the statuses, and result texts
 * where given, with what it expects.  One line per test:
 * "PASS test: NAME" or "FAIL test: NAME" with the differences.  Returns
 * the number of failed tests, or -1 if no test could be run. */
int tst_run(ast_program *p, const char *src, FILE *out);

#endif
