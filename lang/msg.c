/* msg.c — look a message up in the Danish catalogue (see msg.h). */
#include "msg.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *en, *da;
} entry;

/* msg_da.inc is made from lang/po/da.po by lang/po/po2c.awk: one
 * {"english", "dansk"}, per translated message. */
static entry table[] = {
#include "msg_da.inc"
};

static msg_lang current = MSG_EN;
static bool sorted;

static int by_en(const void *a, const void *b) { return strcmp(((const entry *)a)->en, ((const entry *)b)->en); }

/* The catalogue is sorted when Danish is chosen, at start-up, so that
 * msg_tr only reads it (the threads of a split pass call it). */
void msg_set_lang(msg_lang lang) {
  current = lang;
  if (lang == MSG_DA && !sorted) {
    qsort(table, msg_count(), sizeof table[0], by_en);
    sorted = true;
  }
}
msg_lang msg_get_lang(void) { return current; }
size_t msg_count(void) { return sizeof table / sizeof table[0]; }

const char *msg_tr(const char *english) {
  if (current != MSG_DA || !english) return english;
  entry key = {english, NULL};
  const entry *e = bsearch(&key, table, msg_count(), sizeof table[0], by_en);
  return e && e->da[0] ? e->da : english;
}

const char *msg_strerror(int e) {
  static const char *const common[] = {N_("No such file or directory"), N_("Permission denied"), N_("Is a directory"),
                                       N_("Not a directory"), N_("No space left on device"), N_("Read-only file system"),
                                       N_("Input/output error"), N_("Too many levels of symbolic links")};
  (void)common;
  return M(strerror(e));
}

msg_lang msg_locale(void) {
  const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = getenv(names[i]);
    if (v && *v) return strncmp(v, "da", 2) == 0 ? MSG_DA : MSG_EN;
  }
  return MSG_EN;
}
