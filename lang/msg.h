/* msg.h — the language of messages (spec §12.5, "Language of messages").
 *
 * Every message is written in English in the source; msg_tr looks its
 * printf format up in the Danish catalogue (lang/po/da.po, compiled at
 * build time) when the messages are in Danish.  A format the catalogue
 * does not have is said in English.  T() marks a whole message, M() a
 * fragment passed as %s; tests/po_check.sh extracts both, and the formats
 * of diag_error, diag_warning and diag_note, and checks the catalogue has
 * each one. */
#ifndef MAAL_MSG_H
#define MAAL_MSG_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { MSG_EN, MSG_DA } msg_lang;

void msg_set_lang(msg_lang lang);
msg_lang msg_get_lang(void);

/* The message in the language set: the Danish format when the catalogue
 * has one, else `english` itself.  The format checks of gcc see through
 * it (format_arg). */
const char *msg_tr(const char *english) __attribute__((format_arg(1)));
#define T(s) msg_tr(s)
#define M(s) msg_tr(s)
/* N_() marks a fragment in a static table, looked up with M() where used. */
#define N_(s) s

/* The language the environment asks for: MSG_DA when LC_ALL, else
 * LC_MESSAGES, else LANG (the first of them set and not empty) starts
 * with "da"; else MSG_EN. */
msg_lang msg_locale(void);

/* strerror(e) in the language of messages: the common errors of reading
 * and writing files are in the catalogue. */
const char *msg_strerror(int e);

/* How many formats the catalogue holds (for tests). */
size_t msg_count(void);

#endif
