/* utf8.h — UTF-8 in one place: is a sequence valid, its code point, and
 * how many columns it takes in a terminal.  The CSV reader, the reports,
 * check's JSON messages and the language server ask here, so they agree
 * on what is valid.  It sits in lang/ with the allocator and the numbers:
 * the foundation both lang/ and runtime/ build on.
 *
 * Valid means what RFC 3629 says: no stray continuation bytes, no overlong
 * forms, no surrogates (U+D800 to U+DFFF), nothing above U+10FFFF, no
 * sequence cut short.
 */
#ifndef MAAL_UTF8_H
#define MAAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length of the valid UTF-8 sequence at p (n >= 1 bytes readable),
 * 1 to 4, or 0 when it is invalid.  Inline: the CSV reader calls it for
 * every character that is not ASCII. */
static inline int utf8_len(const unsigned char *p, size_t n) {
  unsigned c = p[0], lo = 0x80, hi = 0xBF;
  int len;
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    len = 2;
  } else if (c < 0xF0) {
    len = 3;
    if (c == 0xE0) lo = 0xA0; /* overlong */
    if (c == 0xED) hi = 0x9F; /* surrogates */
  } else if (c < 0xF5) {
    len = 4;
    if (c == 0xF0) lo = 0x90; /* overlong */
    if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
  } else {
    return 0;
  }
  if (n < (size_t)len || p[1] < lo || p[1] > hi) return 0;
  for (int k = 2; k < len; k++)
    if ((p[k] & 0xC0) != 0x80) return 0;
  return len;
}

/* The "code point" utf8_decode gives an invalid byte: no character has it. */
#define UTF8_BAD UINT32_MAX

/* Decode the UTF-8 sequence at s (n >= 1 bytes): its length in bytes, and
 * the code point in *cp; or, at an invalid byte, 1 and UTF8_BAD, so a
 * caller steps over a bad byte and goes on with the next. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Columns a character takes in a terminal: 0 for combining marks and
 * zero-width characters, 2 for East Asian wide ones, else 1 (UTF8_BAD
 * too: the byte is shown as one replacement character). */
size_t utf8_char_width(uint32_t c);

/* Columns of len bytes of UTF-8 text: the sum of its characters' widths. */
size_t utf8_width(const char *s, size_t len);

/* Whether the UTF-8 text s (n bytes) holds a combining mark (U+0300 to
 * U+036F: a ring, an accent, a stroke), a letter written in two parts:
 * "A" + U+030A looks like "Å" but is another text (spec §4.5). */
bool utf8_has_combining(const char *s, size_t n);

#endif
