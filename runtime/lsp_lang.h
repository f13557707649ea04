/* lsp_lang.h — what the language server knows about one rule file
 * (maal.md §12.13): its diagnostics, hover texts, definitions, completions
 * and canonical layout, from the same front end as 'maal check'.
 *
 * Positions are LSP positions: 0-based lines, and characters counted in
 * UTF-16 code units (æ, ø and å count one, a character outside the Basic
 * Multilingual Plane two).  Results are jansson values the caller owns.
 */
#ifndef MAAL_LSP_LANG_H
#define MAAL_LSP_LANG_H

#include <jansson.h>
#include <stddef.h>

typedef struct lsp_doc lsp_doc;

/* Analyse text (the document `uri`, a file: URI or any other): lex, parse,
 * read the imports and the data files' headers relative to the file the
 * URI names, check.  Never reads standard input, a FIFO or a device. */
lsp_doc *ll_open(const char *uri, const char *text, size_t len);
void ll_free(lsp_doc *doc);

/* The diagnostics as an array of LSP Diagnostic objects. */
json_t *ll_diagnostics(lsp_doc *doc);

/* Hover (a MarkupContent result), definition (a Location), or null. */
json_t *ll_hover(lsp_doc *doc, long line, long character);
json_t *ll_definition(lsp_doc *doc, long line, long character);
/* The outline: DocumentSymbols of the declarations, and of the focus
 * areas with their initiatives and goals inside. */
json_t *ll_symbols(lsp_doc *doc);
/* Completion items: keywords, declared names and column names. */
json_t *ll_completion(lsp_doc *doc, long line, long character);
/* The TextEdits that put the document in the canonical layout: one that
 * replaces the whole text, none when it is formatted or has syntax errors. */
json_t *ll_formatting(lsp_doc *doc);

/* Apply an LSP range edit to text (incremental sync); the result is a new
 * string, the caller frees it. */
char *ll_apply_edit(const char *text, size_t len, long sl, long sc, long el, long ec, const char *with,
                    size_t wlen, size_t *out_len);

/* A JSON string of n bytes of s; a byte that is not part of valid UTF-8
 * becomes U+FFFD. */
json_t *ll_string(const char *s, size_t n);

/* The file path a file: URI names (percent-decoding), or the URI itself;
 * the caller frees it. */
char *ll_uri_path(const char *uri);
/* The file: URI of a path (absolute, or made so from the working folder). */
char *ll_path_uri(const char *path);

#endif
