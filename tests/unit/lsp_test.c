/* lsp_test.c — conversations with the language server (spec §12.13).
 *
 *   lsp_test DIR   runs every DIR/NAME.jsonl and compares what the server
 *                  answers with DIR/NAME.expected (UPDATE=1 rewrites it)
 *
 * A .jsonl file is the client's side, one message a line, each framed
 * with a Content-Length header before it is sent (blank lines and lines
 * starting with # are left out).  In a line, ${DIR} is the folder's
 * absolute path and ${TEXT:FILE} the contents of DIR/FILE as a JSON
 * string.  Two lines are not JSON: "raw TEXT" sends TEXT as it is, with
 * \r and \n written as such (broken framing), and "big N" opens a
 * document of N lines ${DIR}/big.maal.
 *
 * The expected file holds each message the server sent, one a line (its
 * framing checked: the header and exactly Content-Length bytes of JSON),
 * ${DIR} for the folder, and last "exit N", the server's exit status.
 * The server runs in this process: lsp_serve on memory streams. */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "mem.h"

static int failed;

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  buf b = {0};
  buf_read(&b, f);
  fclose(f);
  if (len) *len = b.len;
  char *s = buf_take(&b);
  return s ? s : xstrdup("");
}

/* s with every `from` replaced by `to`. */
static void replace_all(buf *out, const char *s, const char *from, const char *to) {
  size_t n = strlen(from);
  for (const char *hit; (hit = strstr(s, from)); s = hit + n) {
    buf_add(out, s, (size_t)(hit - s));
    buf_adds(out, to);
  }
  buf_adds(out, s);
}

static void frame(buf *in, const char *body, size_t n) {
  buf_printf(in, "Content-Length: %zu\r\n\r\n", n);
  buf_add(in, body, n);
}

/* One line of the script, its placeholders filled in, onto in. */
static void script_line(buf *in, const char *dir, const char *line) {
  if (!strncmp(line, "raw ", 4)) {
    for (const char *s = line + 4; *s; s++) {
      if (s[0] == '\\' && (s[1] == 'r' || s[1] == 'n')) buf_addc(in, *++s == 'r' ? '\r' : '\n');
      else buf_addc(in, *s);
    }
    return;
  }
  if (!strncmp(line, "big ", 4)) {
    long n = atol(line + 4);
    buf text = {0};
    buf_adds(&text, "aftale \"Stor\" periode 2007\n");
    for (long i = 0; i < n; i++) buf_printf(&text, "# linje %ld: æøå ÆØÅ 𝄞 en lang kommentar, der fylder\n", i);
    json_t *msg = json_pack("{s:s,s:s,s:{s:{s:s++,s:s,s:i,s:s%}}}", "jsonrpc", "2.0", "method", "textDocument/didOpen",
                            "params", "textDocument", "uri", "file://", dir, "/big.maal", "languageId", "maal",
                            "version", 1, "text", buf_str(&text), text.len);
    char *body = json_dumps(msg, JSON_COMPACT | JSON_PRESERVE_ORDER);
    frame(in, body, strlen(body));
    free(body);
    json_decref(msg);
    buf_free(&text);
    return;
  }
  buf b = {0}, c = {0};
  replace_all(&b, line, "${DIR}", dir);
  const char *s = buf_str(&b);
  for (const char *hit; (hit = strstr(s, "${TEXT:"));) {
    buf_add(&c, s, (size_t)(hit - s));
    const char *end = strchr(hit, '}');
    if (!end) break;
    char *name = xstrndup(hit + 7, (size_t)(end - hit - 7));
    char *path = xmalloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    size_t n = 0;
    char *text = slurp(path, &n);
    json_t *j = json_stringn(text ? text : "", text ? n : 0);
    char *enc = json_dumps(j, JSON_ENCODE_ANY);
    buf_adds(&c, enc);
    free(enc);
    json_decref(j);
    free(text);
    free(path);
    free(name);
    s = end + 1;
  }
  buf_adds(&c, s);
  frame(in, buf_str(&c), c.len);
  buf_free(&b);
  buf_free(&c);
}

/* The server's output, one message a line, its framing checked. */
static void unframe(const char *out, size_t len, const char *dir, buf *got) {
  size_t i = 0;
  while (i < len) {
    size_t n;
    int k = 0;
    if (sscanf(out + i, "Content-Length: %zu\r\n\r\n%n", &n, &k) != 1 || k == 0 || i + (size_t)k + n > len) {
      buf_printf(got, "BAD FRAMING at byte %zu: %.40s\n", i, out + i);
      return;
    }
    i += (size_t)k;
    char *body = xstrndup(out + i, n);
    json_error_t err;
    json_t *j = json_loadb(body, n, 0, &err);
    if (!j) buf_printf(got, "NOT JSON: %s\n", body);
    json_decref(j);
    replace_all(got, body, dir, "${DIR}");
    buf_addc(got, '\n');
    free(body);
    i += n;
  }
}

static void run_script(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.jsonl", dir, name);
  char *script = slurp(path, NULL);
  buf in = {0};
  for (char *line = strtok(script, "\n"); line; line = strtok(NULL, "\n"))
    if (line[0] && line[0] != '#') script_line(&in, dir, line);
  free(script);
  FILE *fin = fmemopen(in.s ? in.s : (char *)"", in.len, "rb");
  char *out = NULL;
  size_t outlen = 0;
  FILE *fout = open_memstream(&out, &outlen);
  int st = lsp_serve(fin, fout);
  fclose(fin);
  fclose(fout);
  buf got = {0};
  unframe(out, outlen, dir, &got);
  buf_printf(&got, "exit %d\n", st);
  snprintf(path, sizeof path, "%s/%s.expected", dir, name);
  if (getenv("UPDATE") && !strcmp(getenv("UPDATE"), "1")) {
    FILE *f = fopen(path, "wb");
    if (f) {
      fwrite(got.s, 1, got.len, f);
      fclose(f);
    }
  }
  char *want = slurp(path, NULL);
  if (want && !strcmp(want, buf_str(&got))) {
    printf("PASS lsp: %s\n", name);
  } else {
    failed++;
    printf("FAIL lsp: %s (spec §12.13)\n", name);
    /* the first line that differs */
    const char *w = want ? want : "", *g = buf_str(&got);
    int line = 1;
    while (*w && *w == *g) {
      if (*w == '\n') line++;
      w++, g++;
    }
    while (w > (want ? want : "") && w[-1] != '\n') w--, g--;
    printf("    line %d\n    expected: %.*s\n    got:      %.*s\n", line, (int)strcspn(w, "\n"), w,
           (int)strcspn(g, "\n"), g);
  }
  free(want);
  free(out);
  buf_free(&got);
  buf_free(&in);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: lsp_test DIR\n");
    return 2;
  }
  char *dir = realpath(argv[1], NULL);
  DIR *d = dir ? opendir(dir) : NULL;
  if (!d) {
    printf("FAIL lsp: cannot read %s\n", argv[1]);
    return 1;
  }
  char *names[256];
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d)) && n < 256;) {
    size_t k = strlen(e->d_name);
    if (k > 6 && !strcmp(e->d_name + k - 6, ".jsonl")) names[n++] = xstrndup(e->d_name, k - 6);
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    run_script(dir, names[i]);
    free(names[i]);
  }
  if (n == 0) {
    printf("FAIL lsp: no conversations in %s\n", dir);
    failed++;
  }
  free(dir);
  return failed ? 1 : 0;
}
