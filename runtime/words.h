/* words.h — the rules of an agreement as plain Danish sentences, for the
 * people who sign it (maal doc, spec §12.12).
 *
 * Each function appends Danish text to a buf.  What it cannot phrase well
 * it does not guess at: it appends the rule text as written, between the
 * marks WD_CODE_ON and WD_CODE_OFF, which the page writer (doc.c) shows
 * in a code style.  The words come from the checked tree only; the rule
 * file's keywords may be Danish or English, the sentences are Danish.
 * Deterministic: no locale, no time.
 */
#ifndef MAAL_WORDS_H
#define MAAL_WORDS_H

#include "ast.h"
#include "diag.h"

#define WD_CODE_ON '\x01'
#define WD_CODE_OFF '\x02'

typedef struct {
  const ast_program *p;
  const diag *d; /* the source text, for what is shown as written */
} wd_ctx;

/* The goal's rule: "Andelen af udsatte, hvor jobplan er ja, skal være
 * mindst 90 pct." and any sentences on its baseline, breakdown, scheme
 * and weight. */
void wd_goal(const wd_ctx *w, const goal *g, buf *out);

/* A target group: "borgere hvor ydelse er kontanthjælp eller starthjælp". */
void wd_group(const wd_ctx *w, const group_decl *g, buf *out);

/* A status scheme: "Målet er opfyldt, når målopfyldelsen er mindst 100 %; …". */
void wd_scheme(const wd_ctx *w, const scheme_decl *s, buf *out);

/* Whom a status rule judges (spec §9.5, §9.7, §9.8). */
typedef enum { WD_INITIATIVE, WD_AREA, WD_AGREEMENT } wd_level;

/* A status rule in words, with the weights of the members under a
 * weighted rule.  For an initiative, `in` gives its goals; for an area,
 * `ar` its initiatives; for the agreement, the program's areas. */
void wd_rule(const wd_ctx *w, wd_level lv, const status_rule *r, const initiative *in, const area *ar,
             buf *out);

/* A date as the documents write it in words: "31. december 2007". */
void wd_date(int32_t days, buf *out);

#endif
