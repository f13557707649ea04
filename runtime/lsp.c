/* lsp.c — the language server's protocol (maal.md §12.13): messages
 * framed by a Content-Length header, JSON-RPC 2.0 requests and
 * notifications, the life cycle initialize … shutdown, exit, and the open
 * documents.  What a document means is lsp_lang.c's. */
#include "lsp.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_lang.h"
#include "mem.h"

#ifndef MAAL_VERSION
#define MAAL_VERSION "0.1.0"
#endif

const char lsp_help[] =
    "usage: maal lsp\n"
    "\n"
    "Run the language server: an editor starts it and talks to it on standard\n"
    "input and output (the Language Server Protocol, JSON-RPC with\n"
    "Content-Length headers).  It reports the mistakes 'maal check' reports as\n"
    "you type, shows a column's type, a target group's definition, a\n"
    "parameter's type and value and a goal's measure and target on hover, goes\n"
    "to the definition of a group, parameter, data source, status scheme or\n"
    "banding, completes keywords (Danish and English), column names, groups\n"
    "and parameters, outlines the declarations, focus areas, initiatives and\n"
    "goals, and formats the document as 'maal fmt' does.\n"
    "See editors/ for Visual Studio Code and Vim.\n"
    "\n"
    "Exit status: 0 after the client's shutdown and exit, 1 when the input ends\n"
    "or the client exits without shutdown.\n";

/* JSON-RPC and LSP error codes. */
enum {
  E_PARSE = -32700, E_INVALID_REQUEST = -32600, E_METHOD_NOT_FOUND = -32601, E_INVALID_PARAMS = -32602,
  E_NOT_INITIALIZED = -32002
};

/* The largest message read; a longer one is skipped and answered with an
 * error.  Rule files are small: 64 MiB is far beyond any. */
enum { MAX_MESSAGE = 64 << 20, MAX_HEADER_LINE = 4096 };

typedef struct document {
  char *uri;
  char *text;
  size_t len;
  json_t *version;
  lsp_doc *doc;
  struct document *next;
} document;

typedef struct {
  FILE *in, *out;
  bool initialized, shut_down, broken;
  document *docs;
} server;

/* ---- framing ---- */

static void send(server *s, json_t *msg) {
  char *body = json_dumps(msg, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(msg);
  if (!body) return;
  if (fprintf(s->out, "Content-Length: %zu\r\n\r\n%s", strlen(body), body) < 0 || fflush(s->out) != 0)
    s->broken = true;
  free(body);
}

static json_t *response(json_t *id) {
  json_t *o = json_object();
  json_object_set_new(o, "jsonrpc", json_string("2.0"));
  json_object_set(o, "id", id ? id : json_null());
  return o;
}

static void reply(server *s, json_t *id, json_t *result) {
  json_t *o = response(id);
  json_object_set_new(o, "result", result ? result : json_null());
  send(s, o);
}

static void reply_error(server *s, json_t *id, int code, const char *message) {
  json_t *o = response(id);
  json_object_set_new(o, "error", json_pack("{s:i,s:o}", "code", code, "message", ll_string(message, strlen(message))));
  send(s, o);
}

static void notify(server *s, const char *method, json_t *params) {
  send(s, json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

/* One header line without its line end, in line (cap bytes); -1 at the end
 * of input, 0 for an empty line, else its length (a longer line is cut). */
static long header_line(FILE *in, char *line, size_t cap) {
  size_t n = 0;
  int c;
  while ((c = getc(in)) != EOF && c != '\n')
    if (n + 1 < cap) line[n++] = (char)c;
  if (c == EOF && n == 0) return -1;
  if (n && line[n - 1] == '\r') n--;
  line[n] = 0;
  return (long)n;
}

/* Read one message's body: 1 and *body (NUL-terminated, the caller frees
 * it), 0 at the end of input, -1 when it had no Content-Length or was too
 * long (an error to answer: *why). */
static int read_message(server *s, char **body, size_t *len, const char **why) {
  char line[MAX_HEADER_LINE];
  long long length = -1;
  bool any = false, bad = false;
  for (;;) {
    long n = header_line(s->in, line, sizeof line);
    if (n < 0) return 0;
    if (n == 0) {
      if (any) break;
      continue; /* blank lines between messages */
    }
    /* after a message shorter than its Content-Length said, the rest of
     * it runs into the next header line: the header is found in it */
    char *h = strcasestr(line, "Content-Length:");
    any = any || h || strchr(line, ':');
    if (h) {
      char *v = h + 15, *end;
      while (*v == ' ' || *v == '\t') v++;
      errno = 0;
      long long k = strtoll(v, &end, 10);
      while (*end == ' ' || *end == '\t') end++;
      if (v[0] < '0' || v[0] > '9' || *end || errno) bad = true;
      else length = k;
    }
  }
  if (bad || length < 0) {
    *why = "the message has no valid Content-Length header";
    return -1;
  }
  if (length > MAX_MESSAGE) {
    /* skip it */
    char chunk[65536];
    for (long long left = length; left > 0;) {
      size_t k = fread(chunk, 1, left < (long long)sizeof chunk ? (size_t)left : sizeof chunk, s->in);
      if (k == 0) return 0;
      left -= (long long)k;
    }
    *why = "the message is too long (more than 64 MiB)";
    return -1;
  }
  char *b = xmalloc((size_t)length + 1);
  size_t got = length ? fread(b, 1, (size_t)length, s->in) : 0;
  if (got < (size_t)length) {
    free(b);
    return 0;
  }
  b[length] = 0;
  *body = b;
  *len = (size_t)length;
  return 1;
}

/* ---- documents ---- */

static document **find_doc(server *s, const char *uri) {
  document **d = &s->docs;
  while (*d && strcmp((*d)->uri, uri)) d = &(*d)->next;
  return d;
}

static void publish(server *s, document *d) {
  json_t *p = json_object();
  json_object_set_new(p, "uri", json_string(d->uri));
  if (d->version && json_is_integer(d->version)) json_object_set(p, "version", d->version);
  json_object_set_new(p, "diagnostics", ll_diagnostics(d->doc));
  notify(s, "textDocument/publishDiagnostics", p);
}

static void analyse(server *s, document *d) {
  ll_free(d->doc);
  d->doc = ll_open(d->uri, d->text, d->len);
  publish(s, d);
}

static void drop_doc(document *d) {
  ll_free(d->doc);
  json_decref(d->version);
  free(d->uri);
  free(d->text);
  free(d);
}

/* params.textDocument.uri, or NULL */
static const char *param_uri(json_t *params) {
  return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}

static void did_open(server *s, json_t *params) {
  json_t *td = json_object_get(params, "textDocument");
  const char *uri = json_string_value(json_object_get(td, "uri"));
  json_t *text = json_object_get(td, "text");
  if (!uri || !json_is_string(text)) return;
  document **at = find_doc(s, uri), *d = *at;
  if (!d) {
    d = xcalloc(1, sizeof *d);
    d->uri = xstrdup(uri);
    *at = d;
  }
  free(d->text);
  d->len = json_string_length(text);
  d->text = xmalloc(d->len + 1);
  memcpy(d->text, json_string_value(text), d->len);
  d->text[d->len] = 0;
  json_decref(d->version);
  d->version = json_incref(json_object_get(td, "version"));
  analyse(s, d);
}

static long num_field(json_t *o, const char *key, bool *ok) {
  json_t *v = json_object_get(o, key);
  if (!json_is_integer(v)) {
    *ok = false;
    return 0;
  }
  json_int_t n = json_integer_value(v);
  if (n < 0 || n > 0x7FFFFFFF) *ok = false;
  return (long)n;
}

static void did_change(server *s, json_t *params) {
  const char *uri = param_uri(params);
  json_t *changes = json_object_get(params, "contentChanges");
  document *d = uri ? *find_doc(s, uri) : NULL;
  if (!d || !json_is_array(changes)) return;
  size_t i;
  json_t *ch;
  json_array_foreach(changes, i, ch) {
    json_t *text = json_object_get(ch, "text");
    if (!json_is_string(text)) continue;
    json_t *range = json_object_get(ch, "range");
    size_t n = json_string_length(text);
    if (!range) { /* the whole text */
      free(d->text);
      d->text = xmalloc(n + 1);
      memcpy(d->text, json_string_value(text), n);
      d->text[n] = 0;
      d->len = n;
      continue;
    }
    bool ok = true;
    json_t *a = json_object_get(range, "start"), *b = json_object_get(range, "end");
    long sl = num_field(a, "line", &ok), sc = num_field(a, "character", &ok);
    long el = num_field(b, "line", &ok), ec = num_field(b, "character", &ok);
    if (!ok) continue;
    size_t len;
    char *t = ll_apply_edit(d->text, d->len, sl, sc, el, ec, json_string_value(text), n, &len);
    free(d->text);
    d->text = t;
    d->len = len;
  }
  json_decref(d->version);
  d->version = json_incref(json_object_get(json_object_get(params, "textDocument"), "version"));
  analyse(s, d);
}

static void did_close(server *s, json_t *params) {
  const char *uri = param_uri(params);
  document **at = uri ? find_doc(s, uri) : NULL;
  if (!at || !*at) return;
  document *d = *at;
  *at = d->next;
  notify(s, "textDocument/publishDiagnostics", json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics"));
  drop_doc(d);
}

/* ---- requests ---- */

static json_t *capabilities(void) {
  return json_pack("{s:{s:s,s:{s:b,s:i},s:b,s:b,s:{s:b},s:b,s:b},s:{s:s,s:s}}", "capabilities", "positionEncoding",
                   "utf-16", "textDocumentSync", "openClose", 1, "change", 1, "hoverProvider", 1,
                   "definitionProvider", 1, "completionProvider", "resolveProvider", 0, "documentSymbolProvider", 1,
                   "documentFormattingProvider", 1, "serverInfo", "name", "maal", "version", MAAL_VERSION);
}

/* A request about a place in a document: hover, definition, completion. */
static void at_position(server *s, json_t *id, json_t *params, json_t *(*fn)(lsp_doc *, long, long)) {
  const char *uri = param_uri(params);
  json_t *pos = json_object_get(params, "position");
  bool ok = uri && json_is_object(pos);
  long line = ok ? num_field(pos, "line", &ok) : 0, ch = ok ? num_field(pos, "character", &ok) : 0;
  if (!ok) {
    reply_error(s, id, E_INVALID_PARAMS, "expected textDocument.uri and a position {line, character}");
    return;
  }
  document *d = *find_doc(s, uri);
  reply(s, id, d ? fn(d->doc, line, ch) : json_null());
}

static void request(server *s, const char *method, json_t *id, json_t *params) {
  if (!strcmp(method, "initialize")) {
    if (s->initialized) reply_error(s, id, E_INVALID_REQUEST, "the server is already initialized");
    else {
      s->initialized = true;
      reply(s, id, capabilities());
    }
    return;
  }
  if (!s->initialized) {
    reply_error(s, id, E_NOT_INITIALIZED, "the server is not initialized yet");
    return;
  }
  if (s->shut_down) {
    reply_error(s, id, E_INVALID_REQUEST, "the server is shut down");
    return;
  }
  if (!strcmp(method, "shutdown")) {
    s->shut_down = true;
    reply(s, id, json_null());
  } else if (!strcmp(method, "textDocument/hover")) {
    at_position(s, id, params, ll_hover);
  } else if (!strcmp(method, "textDocument/definition")) {
    at_position(s, id, params, ll_definition);
  } else if (!strcmp(method, "textDocument/completion")) {
    at_position(s, id, params, ll_completion);
  } else if (!strcmp(method, "textDocument/formatting") || !strcmp(method, "textDocument/documentSymbol")) {
    const char *uri = param_uri(params);
    if (!uri) {
      reply_error(s, id, E_INVALID_PARAMS, "expected textDocument.uri");
      return;
    }
    document *d = *find_doc(s, uri);
    bool fmt = !strcmp(method, "textDocument/formatting");
    reply(s, id, !d ? json_null() : fmt ? ll_formatting(d->doc) : ll_symbols(d->doc));
  } else {
    buf m = {0};
    buf_printf(&m, "unknown method '%s'", method);
    reply_error(s, id, E_METHOD_NOT_FOUND, buf_str(&m));
    buf_free(&m);
  }
}

/* A notification; true when it is 'exit'. */
static bool notification(server *s, const char *method, json_t *params) {
  if (!strcmp(method, "exit")) return true;
  if (!s->initialized || s->shut_down) return false; /* dropped */
  if (!strcmp(method, "textDocument/didOpen")) did_open(s, params);
  else if (!strcmp(method, "textDocument/didChange")) did_change(s, params);
  else if (!strcmp(method, "textDocument/didClose")) did_close(s, params);
  /* initialized, didSave, $/cancelRequest, anything else: nothing to do */
  return false;
}

int lsp_serve(FILE *in, FILE *out) {
  server s = {.in = in, .out = out};
  int status = 1;
  signal(SIGPIPE, SIG_IGN); /* a client gone: a failed write ends the loop */
  for (;;) {
    char *body = NULL;
    size_t len = 0;
    const char *why = NULL;
    int got = read_message(&s, &body, &len, &why);
    if (got == 0) break;
    if (got < 0) {
      reply_error(&s, NULL, E_INVALID_REQUEST, why);
      if (s.broken) break;
      continue;
    }
    json_error_t err;
    json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &err);
    free(body);
    if (!msg) {
      buf m = {0};
      buf_printf(&m, "not JSON: %s (at character %d)", err.text, err.position);
      reply_error(&s, NULL, E_PARSE, buf_str(&m));
      buf_free(&m);
    } else {
      json_t *id = json_object_get(msg, "id"), *method = json_object_get(msg, "method");
      bool good_id = !id || json_is_string(id) || json_is_integer(id);
      if (!json_is_object(msg) || !good_id) {
        reply_error(&s, NULL, E_INVALID_REQUEST, "a message must be an object with a method, and a number or text as id");
      } else if (!method) {
        /* a response to a request we never sent, or nothing: ignored */
      } else if (!json_is_string(method)) {
        if (id) reply_error(&s, id, E_INVALID_REQUEST, "the method must be a text");
      } else if (id) {
        request(&s, json_string_value(method), id, json_object_get(msg, "params"));
      } else if (notification(&s, json_string_value(method), json_object_get(msg, "params"))) {
        status = s.shut_down ? 0 : 1;
        json_decref(msg);
        break;
      }
      json_decref(msg);
    }
    if (s.broken) break;
  }
  while (s.docs) {
    document *d = s.docs;
    s.docs = d->next;
    drop_doc(d);
  }
  return status;
}
