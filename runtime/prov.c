/* prov.c — a report's provenance: rule files, parameters, version (see prov.h). */
#include "prov.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "mem.h"

void prov_sha256_hex(const void *data, size_t len, char out[65]) {
  struct sha256_ctx ctx;
  uint8_t d[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, len, data);
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, d);
  for (int k = 0; k < SHA256_DIGEST_SIZE; k++) snprintf(out + 2 * k, 3, "%02x", d[k]);
}

void prov_build(prov_info *pi, const ast_program *p, const char *rule_path, const char *rule_text, size_t rule_len,
                const char *version) {
  *pi = (prov_info){0};
  size_t nfiles = 1;
  for (const import_decl *im = p->imports; im; im = im->next) nfiles += im->loaded != NULL;
  pi->files = xcalloc(nfiles, sizeof *pi->files);
  size_t n = 0;
  pi->files[n] = (rep_file){.path = rule_path, .bytes = rule_len};
  prov_sha256_hex(rule_text, rule_len, pi->files[n++].sha256);
  for (const import_decl *im = p->imports; im; im = im->next) {
    if (!im->loaded) continue;
    pi->files[n] = (rep_file){.path = im->loaded, .bytes = im->len};
    prov_sha256_hex(im->text, im->len, pi->files[n++].sha256);
  }
  size_t np = (size_t)(p->nparams > 0 ? p->nparams : 0);
  pi->params = xcalloc(np + 1, sizeof *pi->params);
  pi->texts = xcalloc(np + 1, sizeof *pi->texts);
  for (size_t i = 0; i < np; i++) {
    const param_decl *q = p->paramv[i];
    buf b = {0};
    value_text(q->val, &b);
    pi->texts[i] = buf_take(&b);
    pi->params[i] = (rep_param){.name = q->name, .value = pi->texts[i], .text = q->val.kind == V_TEXT,
                                .number = q->val.kind == V_NUM,
                                .given = q->override_text != NULL};
  }
  pi->rep = (rep_provenance){.version = version, .rules = pi->files, .nrules = n, .params = pi->params, .nparams = np};
}

void prov_free(prov_info *pi) {
  for (size_t i = 0; i < pi->rep.nparams; i++) free(pi->texts[i]);
  free(pi->texts);
  free(pi->params);
  free(pi->files);
  *pi = (prov_info){0};
}
