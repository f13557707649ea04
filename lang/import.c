/* import.c — load imported rule files into the program that imports them. */
#include "import.h"
#include "msg.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

static char *slurp(arena *a, const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  buf b = {0};
  bool bad = !buf_read(&b, f);
  fclose(f);
  char *text = bad ? NULL : arena_strndup(a, buf_str(&b), b.len);
  *len = b.len;
  buf_free(&b);
  return text;
}

/* Move the declarations parsed after `end` (the list's last node before
 * the imported file was parsed) to the import's place, after `at`, so an
 * imported parameter can be used after the import line. */
#define SPLICE(head, end, at)                                     \
  do {                                                            \
    __typeof__(head) seg_ = (end) ? (end)->next : (head);         \
    if (!seg_ || (end) == (at)) break;                            \
    __typeof__(head) last_ = seg_;                                \
    while (last_->next) last_ = last_->next;                      \
    if (end) (end)->next = NULL; else (head) = NULL;              \
    if (at) {                                                     \
      last_->next = (at)->next;                                   \
      (at)->next = seg_;                                          \
    } else {                                                      \
      last_->next = (head);                                       \
      (head) = seg_;                                              \
    }                                                             \
  } while (0)

#define TAIL(list, out)                                    \
  do {                                                     \
    (out) = NULL;                                          \
    for (__typeof__(list) x_ = (list); x_; x_ = x_->next)  \
      if (!x_->next) (out) = x_;                           \
  } while (0)

bool imp_load(ast_program *p, diag *d) {
  bool ok = true;
  const char *loaded[64];
  size_t nloaded = 0;
  loaded[nloaded++] = ast_join_path(p->arena, ".", p->path);
  for (import_decl *im = p->imports; im; im = im->next) {
    const char *path = ast_join_path(p->arena, im->dir, im->path);
    bool seen = false;
    for (size_t i = 0; i < nloaded; i++) seen |= !strcmp(loaded[i], path);
    if (seen) continue; /* imported before (or the file itself): once is enough */
    if (nloaded == sizeof loaded / sizeof loaded[0]) {
      diag_error(d, im->sp, "too many imported files (at most %zu)", nloaded);
      return false;
    }
    loaded[nloaded++] = path;
    size_t len = 0;
    char *src = slurp(p->arena, path, &len);
    if (!src) {
      diag_error(d, im->sp, "cannot import '%s': %s", path, msg_strerror(errno));
      ok = false;
      continue;
    }
    int agreements = p->nagreement;
    status_rule rule = p->rule;
    area *last = p->areas;
    while (last && last->next) last = last->next;
    data_decl *data_end;
    param_decl *param_end;
    group_decl *group_end;
    scheme_decl *scheme_end;
    TAIL(p->data, data_end);
    TAIL(p->params, param_end);
    TAIL(p->groups, group_end);
    TAIL(p->schemes, scheme_end);
    im->loaded = path;
    im->text = src;
    im->len = len;
    uint32_t base = diag_add_file(d, path, src, len);
    parse_into(p, path, src, len, base, d);
    SPLICE(p->data, data_end, im->data_at);
    SPLICE(p->params, param_end, im->param_at);
    SPLICE(p->groups, group_end, im->group_at);
    SPLICE(p->schemes, scheme_end, im->scheme_at);
    area *now = p->areas;
    while (now && now->next) now = now->next;
    if (p->nagreement != agreements || now != last || p->rule.count != rule.count)
      diag_error(d, im->sp, "'%s' holds an agreement line, a status or focus areas; an imported file may only declare data, parameters, groups, schemes and bandings", path);
    p->nagreement = agreements;
    p->rule = rule;
  }
  return ok;
}
