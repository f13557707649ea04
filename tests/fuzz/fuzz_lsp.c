/* fuzz_lsp.c — the language server (runtime/lsp.c, runtime/lsp_lang.c;
 * spec §12.13) on fuzzed input.
 *
 * An input that starts with the line "%raw" is the rest of a client's
 * byte stream after 'initialize' (framing, JSON and all, broken or not).
 * Any other input is a rule file, which a scripted client opens as a
 * document (bytes that are not UTF-8 become U+FFFD, as JSON requires),
 * asks for hover, definition and completion at places spread over it
 * and for its outline, formats, edits by the range the formatting gave,
 * formats again, and shuts down.  These must hold (abort otherwise):
 *   - every message the server writes has a Content-Length header and
 *     exactly that many bytes of JSON;
 *   - a rule file: every request gets one answer, the server exits with
 *     status 0, and after the formatting edit is applied (by its range)
 *     formatting again gives no edit.
 * The document's URI names a folder that does not exist: data files are
 * not found.  A rule file that imports is left out: what it would read
 * depends on the machine's files. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fmemopen, open_memstream, memmem */
#endif
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "lsp.h"
#include "lsp_lang.h"
#include "mem.h"

static const char uri[] = "file:///nonexistent-fuzz-folder/fuzz.maal";

static void frame(buf *in, json_t *msg) {
  char *body = json_dumps(msg, JSON_COMPACT);
  json_decref(msg);
  PROPERTY(body, "a client message does not serialise");
  buf_printf(in, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
  free(body);
}

static json_t *request(int id, const char *method, json_t *params) {
  return json_pack("{s:s,s:i,s:s,s:o}", "jsonrpc", "2.0", "id", id, "method", method, "params", params);
}

static json_t *at(const char *method, int id, long line, long ch) {
  return request(id, method,
                 json_pack("{s:{s:s},s:{s:i,s:i}}", "textDocument", "uri", uri, "position", "line", (int)line,
                           "character", (int)ch));
}

/* Run the server on in; the messages it wrote, each checked, into *out
 * (a JSON array, the caller frees it); returns its exit status. */
static int serve(const buf *in, json_t **out) {
  FILE *fin = fmemopen(in->s ? in->s : (char *)"", in->len ? in->len : 1, "rb");
  char *text = NULL;
  size_t len = 0;
  FILE *fout = open_memstream(&text, &len);
  PROPERTY(fin && fout, "no memory streams");
  int st = lsp_serve(fin, fout);
  fclose(fin);
  fclose(fout);
  *out = json_array();
  for (size_t i = 0; i < len;) {
    size_t n;
    int k = 0;
    PROPERTY(sscanf(text + i, "Content-Length: %zu\r\n\r\n%n", &n, &k) == 1 && k > 0 && i + (size_t)k + n <= len,
             "bad framing at byte %zu", i);
    i += (size_t)k;
    json_error_t err;
    json_t *j = json_loadb(text + i, n, 0, &err);
    PROPERTY(j, "the server wrote a message that is not JSON: %s", err.text);
    json_array_append_new(*out, j);
    i += n;
  }
  free(text);
  return st;
}

/* The answer to request id, or NULL. */
static json_t *answer(json_t *all, int id) {
  size_t i;
  json_t *m;
  json_array_foreach(all, i, m) {
    json_t *v = json_object_get(m, "id");
    if (json_is_integer(v) && json_integer_value(v) == id) return m;
  }
  return NULL;
}

static void document(const char *text, size_t n) {
  json_t *s = ll_string(text, n);
  buf in = {0};
  frame(&in, request(1, "initialize", json_pack("{s:{}}", "capabilities")));
  frame(&in, json_pack("{s:s,s:s,s:{s:{s:s,s:s,s:i,s:O}}}", "jsonrpc", "2.0", "method", "textDocument/didOpen", "params",
                       "textDocument", "uri", uri, "languageId", "maal", "version", 1, "text", s));
  /* places spread over the text: lines and characters, some past the end */
  long lines = 1;
  for (size_t i = 0; i < n; i++) lines += text[i] == '\n';
  int id = 2;
  static const char *const methods[] = {"textDocument/hover", "textDocument/definition", "textDocument/completion"};
  for (long k = 0; k < 24; k++) {
    long line = (k * 7919) % (lines + 1), ch = (k * 31) % 80;
    frame(&in, at(methods[k % 3], id++, line, ch));
  }
  frame(&in, request(id++, "textDocument/documentSymbol", json_pack("{s:{s:s}}", "textDocument", "uri", uri)));
  int fmt_id = id++;
  frame(&in, request(fmt_id, "textDocument/formatting", json_pack("{s:{s:s}}", "textDocument", "uri", uri)));
  frame(&in, request(id++, "shutdown", json_null()));
  frame(&in, json_pack("{s:s,s:s}", "jsonrpc", "2.0", "method", "exit"));
  json_t *out;
  int st = serve(&in, &out);
  PROPERTY(st == 0, "exit status %d after shutdown and exit", st);
  for (int i = 1; i < id; i++) PROPERTY(answer(out, i), "no answer to request %d", i);
  /* the formatting edit, applied by its range, leaves nothing to format */
  json_t *edit = json_array_get(json_object_get(answer(out, fmt_id), "result"), 0);
  if (edit) {
    json_t *range = json_object_get(edit, "range");
    buf again = {0};
    frame(&again, request(1, "initialize", json_pack("{s:{}}", "capabilities")));
    frame(&again, json_pack("{s:s,s:s,s:{s:{s:s,s:s,s:i,s:O}}}", "jsonrpc", "2.0", "method", "textDocument/didOpen",
                            "params", "textDocument", "uri", uri, "languageId", "maal", "version", 1, "text", s));
    frame(&again, json_pack("{s:s,s:s,s:{s:{s:s,s:i},s:[{s:O,s:O}]}}", "jsonrpc", "2.0", "method",
                            "textDocument/didChange", "params", "textDocument", "uri", uri, "version", 2,
                            "contentChanges", "range", range, "text", json_object_get(edit, "newText")));
    frame(&again, request(2, "textDocument/formatting", json_pack("{s:{s:s}}", "textDocument", "uri", uri)));
    json_t *out2;
    serve(&again, &out2);
    json_t *r = json_object_get(answer(out2, 2), "result");
    PROPERTY(json_is_array(r) && json_array_size(r) == 0, "formatting the formatted text gives an edit again");
    json_decref(out2);
    buf_free(&again);
  }
  json_decref(out);
  json_decref(s);
  buf_free(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  if (size >= 5 && !memcmp(text, "%raw\n", 5)) {
    buf in = {0};
    frame(&in, request(1, "initialize", json_pack("{s:{}}", "capabilities")));
    buf_add(&in, text + 5, size - 5);
    json_t *out;
    serve(&in, &out);
    json_decref(out);
    buf_free(&in);
    return 0;
  }
  char *lower = xmalloc(size + 1);
  for (size_t i = 0; i < size; i++) lower[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
  bool imports = memmem(lower, size, "import", 6) != NULL;
  free(lower);
  if (!imports) document(text, size);
  return 0;
}
