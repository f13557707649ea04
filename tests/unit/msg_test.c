/* msg_test.c — the language of messages (lang/msg.c, lang/fmt.c; spec
 * §12.5): the lookup in the Danish catalogue and its fall-back to English,
 * the locale, and the language a rule file's keywords choose. */
#include "msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

static int failed;

static void same(const char *name, const char *want, const char *got) {
  if (!strcmp(want, got)) {
    printf("PASS msg: %s\n", name);
    return;
  }
  failed++;
  printf("FAIL msg: %s\n    expected: %s\n    got:      %s\n", name, want, got);
}

static void yes(const char *name, int ok) { same(name, "yes", ok ? "yes" : "no"); }

static const char *lang_of(const char *src) {
  fmt_lang l = fmt_keyword_lang(src, strlen(src));
  return l == FMT_DA ? "da" : l == FMT_EN ? "en" : "tie";
}

int main(void) {
  yes("the catalogue is not empty", msg_count() > 400);
  msg_set_lang(MSG_EN);
  same("English: the format itself", "did you mean '%s'?", msg_tr("did you mean '%s'?"));
  msg_set_lang(MSG_DA);
  same("Danish: the catalogue's format", "mente du '%s'?", msg_tr("did you mean '%s'?"));
  same("Danish: a level", "fejl", M("error"));
  same("Danish: a message not in the catalogue stays English", "no such message %d", msg_tr("no such message %d"));
  same("Danish: a common error of the system", "filen eller mappen findes ikke", msg_strerror(ENOENT));
  msg_set_lang(MSG_EN);

  setenv("LANG", "da_DK.UTF-8", 1);
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
  yes("LANG=da_DK.UTF-8 is Danish", msg_locale() == MSG_DA);
  setenv("LC_MESSAGES", "en_GB.UTF-8", 1);
  yes("LC_MESSAGES comes before LANG", msg_locale() == MSG_EN);
  setenv("LC_ALL", "da_DK", 1);
  yes("LC_ALL comes first", msg_locale() == MSG_DA);
  setenv("LC_ALL", "", 1);
  yes("an empty LC_ALL does not count", msg_locale() == MSG_EN);
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
  unsetenv("LANG");
  yes("no locale is English", msg_locale() == MSG_EN);

  same("Danish keywords", "da", lang_of("målgruppe unge = borgere hvor alder < 30\n"));
  same("English keywords", "en", lang_of("group young = persons where age < 30\n"));
  same("keywords spelt alike count for neither", "tie", lang_of("data x = csv \"x.csv\"\n"));
  same("no keywords", "tie", lang_of("xyz abc\n"));
  same("more Danish than English", "da", lang_of("målgruppe a = b hvor c and d og e\n"));
  return failed ? 1 : 0;
}
