/* lsp.h — maal lsp: a language server (maal.md §12.13) speaking the
 * Language Server Protocol's JSON-RPC with Content-Length framing. */
#ifndef MAAL_LSP_H
#define MAAL_LSP_H

#include <stdio.h>

/* The text of 'maal help lsp'. */
extern const char lsp_help[];

/* Serve requests read from in, answering on out, until the client sends
 * 'exit' or closes in.  Returns the exit status: 0 after 'shutdown' then
 * 'exit', 1 when the input ends or 'exit' comes without 'shutdown'. */
int lsp_serve(FILE *in, FILE *out);

#endif
