/* prov.h — where a report came from (spec/output.md §5): the rule files
 * with their SHA-256, the parameters as used, and maal's version.  The
 * data files' size and SHA-256 are taken in the evaluator's pass (csv.c)
 * and are the table's sources. */
#ifndef MAAL_PROV_H
#define MAAL_PROV_H

#include <stddef.h>

#include "ast.h"
#include "report.h"

/* The SHA-256 of len bytes at data, as 64 lower-case hex digits and a NUL. */
void prov_sha256_hex(const void *data, size_t len, char out[65]);

typedef struct {
  rep_provenance rep; /* what rep_table.prov points at */
  rep_file *files;
  rep_param *params;
  char **texts;       /* the parameters' value texts */
} prov_info;

/* Fill pi from a checked program: the rule file given as rule_path, whose
 * bytes as read are rule_text (a byte-order mark included), the files it
 * imports, and every parameter's value.  Free with prov_free. */
void prov_build(prov_info *pi, const ast_program *p, const char *rule_path, const char *rule_text, size_t rule_len,
                const char *version);
void prov_free(prov_info *pi);

#endif
