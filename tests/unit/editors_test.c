/* editors_test.c — the editor files of editors/ (spec §12.13): the VS Code
 * extension's JSON files load, its manifest names the grammar and the
 * language configuration that are there, and every keyword spelling of
 * lang/keywords.h is highlighted by the TextMate grammar and by the Vim
 * syntax file.
 *
 *   editors_test DIR   DIR is the editors/ folder */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static int failed;

static void check(const char *name, bool ok, const char *why) {
  if (ok) {
    printf("PASS editors: %s\n", name);
  } else {
    failed++;
    printf("FAIL editors: %s\n    %s\n", name, why);
  }
}

static const char *const keywords[] = {
#define KW(tok, w) w,
#include "keywords.h"
#undef KW
};

/* A JSON text's value, or "". */
static const char *text(json_t *j) { return json_is_string(j) ? json_string_value(j) : ""; }

static json_t *load(const char *dir, const char *file) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  json_error_t err;
  json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
  char why[8192];
  snprintf(why, sizeof why, "%s:%d: %s", path, err.line, err.text);
  check(file, j != NULL, why);
  return j;
}

/* Every "match" of the grammar, one after another with a newline. */
static void matches(json_t *j, buf *out) {
  if (json_is_object(j)) {
    const char *k;
    json_t *v;
    json_object_foreach(j, k, v) {
      if (!strcmp(k, "match") && json_is_string(v)) {
        buf_adds(out, json_string_value(v));
        buf_addc(out, '\n');
      } else {
        matches(v, out);
      }
    }
  } else if (json_is_array(j)) {
    size_t i;
    json_t *v;
    json_array_foreach(j, i, v) matches(v, out);
  }
}

/* Whether w (its '.' written \.) is an alternative of a group: between
 * '(?:' or '|' and '|' or ')'. */
static bool alternative(const char *all, const char *w) {
  buf e = {0};
  for (const char *s = w; *s; s++) {
    if (*s == '.') buf_addc(&e, '\\');
    buf_addc(&e, *s);
  }
  bool found = false;
  size_t n = e.len;
  for (const char *hit = all; !found && (hit = strstr(hit, buf_str(&e))); hit++) {
    bool before = (hit - all >= 3 && !strncmp(hit - 3, "(?:", 3)) || (hit > all && hit[-1] == '|');
    bool after = hit[n] == '|' || hit[n] == ')';
    found = before && after;
  }
  buf_free(&e);
  return found;
}

/* Whether w is a word of a 'syn keyword' line, or "\<w\." of a 'syn
 * match' for a spelling that ends in a point. */
static bool in_vim(const char *vim, const char *w) {
  size_t n = strlen(w);
  if (w[n - 1] == '.') {
    char pat[64];
    snprintf(pat, sizeof pat, "'\\<%.*s\\.'", (int)(n - 1), w);
    return strstr(vim, pat) != NULL;
  }
  for (const char *line = vim; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
    if (strncmp(line, "syn keyword ", 12)) continue;
    const char *end = strchr(line, '\n');
    if (!end) end = line + strlen(line);
    const char *s = line + 12;
    s += strcspn(s, " "); /* the group */
    while (s < end) {
      s += strspn(s, " ");
      size_t k = strcspn(s, " \n");
      if (k == n && !strncmp(s, w, n)) return true;
      s += k;
    }
  }
  return false;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: editors_test DIR\n");
    return 2;
  }
  const char *dir = argv[1];
  char vs[4096];
  snprintf(vs, sizeof vs, "%s/vscode", dir);
  json_t *pkg = load(vs, "package.json");
  json_t *conf = load(vs, "language-configuration.json");
  json_t *gram = load(vs, "syntaxes/maal.tmLanguage.json");
  if (pkg && gram) {
    json_t *lang = json_array_get(json_object_get(json_object_get(pkg, "contributes"), "languages"), 0);
    json_t *g = json_array_get(json_object_get(json_object_get(pkg, "contributes"), "grammars"), 0);
    check("package.json: language maal, files .maal, ./language-configuration.json",
          !strcmp(text(json_object_get(lang, "id")), "maal") &&
              !strcmp(text(json_array_get(json_object_get(lang, "extensions"), 0)), ".maal") &&
              !strcmp(text(json_object_get(lang, "configuration")), "./language-configuration.json"),
          "contributes.languages[0] is not maal with .maal and ./language-configuration.json");
    check("package.json: the grammar's path and scope",
          !strcmp(text(json_object_get(g, "path")), "./syntaxes/maal.tmLanguage.json") &&
              !strcmp(text(json_object_get(g, "scopeName")), "source.maal") &&
              !strcmp(text(json_object_get(gram, "scopeName")), "source.maal"),
          "contributes.grammars[0] does not name ./syntaxes/maal.tmLanguage.json, scope source.maal");
    check("package.json: the client is extension.js with vscode-languageclient",
          !strcmp(text(json_object_get(pkg, "main")), "./extension.js") &&
              json_object_get(json_object_get(pkg, "dependencies"), "vscode-languageclient"),
          "main is not ./extension.js, or vscode-languageclient is not a dependency");
  }
  if (conf)
    check("language-configuration.json: comments start with #",
          !strcmp(text(json_object_get(json_object_get(conf, "comments"), "lineComment")), "#"),
          "comments.lineComment is not \"#\"");
  char path[4096];
  snprintf(path, sizeof path, "%s/vim/syntax/maal.vim", dir);
  FILE *f = fopen(path, "rb");
  buf vim = {0};
  if (f) {
    buf_read(&vim, f);
    fclose(f);
  }
  check("vim/syntax/maal.vim", f != NULL, "cannot read it");
  if (gram) {
    buf all = {0}, miss = {0}, vmiss = {0};
    matches(gram, &all);
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
      if (!alternative(buf_str(&all), keywords[i])) buf_printf(&miss, " %s", keywords[i]);
      if (!in_vim(buf_str(&vim), keywords[i])) buf_printf(&vmiss, " %s", keywords[i]);
    }
    char why[4096];
    snprintf(why, sizeof why, "not in the grammar's keywords:%s", buf_str(&miss));
    check("every keyword of lang/keywords.h is in the TextMate grammar", miss.len == 0, why);
    snprintf(why, sizeof why, "not in a 'syn keyword' or 'syn match' of vim/syntax/maal.vim:%s", buf_str(&vmiss));
    check("every keyword of lang/keywords.h is in the Vim syntax", vmiss.len == 0, why);
    buf_free(&all);
    buf_free(&miss);
    buf_free(&vmiss);
  }
  buf_free(&vim);
  json_decref(pkg);
  json_decref(conf);
  json_decref(gram);
  return failed ? 1 : 0;
}
