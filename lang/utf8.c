/* utf8.c — decoding and display width (see utf8.h). */
#include "utf8.h"

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  int len = utf8_len(s, n);
  if (len == 0) {
    *cp = UTF8_BAD;
    return 1;
  }
  static const unsigned char lead_bits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  uint32_t c = s[0] & lead_bits[len];
  for (int i = 1; i < len; i++) c = c << 6 | (s[i] & 0x3Fu);
  *cp = c;
  return (size_t)len;
}

typedef struct {
  uint32_t lo, hi;
  unsigned char w;
} width_range;

/* Checked in order; the first match wins (so U+303F comes before its
 * enclosing wide range). */
static const width_range spans[] = {
    {0x0300, 0x036F, 0},   {0x1AB0, 0x1AFF, 0},   {0x1DC0, 0x1DFF, 0},
    {0x200B, 0x200F, 0},   {0x20D0, 0x20FF, 0},   {0xFE20, 0xFE2F, 0},
    {0xFEFF, 0xFEFF, 0},   {0x303F, 0x303F, 1},   {0x1100, 0x115F, 2},
    {0x2E80, 0xA4CF, 2},   {0xAC00, 0xD7A3, 2},   {0xF900, 0xFAFF, 2},
    {0xFE30, 0xFE4F, 2},   {0xFF00, 0xFF60, 2},   {0xFFE0, 0xFFE6, 2},
    {0x1F300, 0x1F64F, 2}, {0x1F900, 0x1F9FF, 2}, {0x20000, 0x3FFFD, 2},
};

size_t utf8_char_width(uint32_t c) {
  if (c == UTF8_BAD || c < 0x300) return 1;
  for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
    if (c >= spans[i].lo && c <= spans[i].hi) return spans[i].w;
  return 1;
}

size_t utf8_width(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t w = 0;
  for (size_t i = 0; i < len;) {
    uint32_t c;
    i += utf8_decode(p + i, len - i, &c);
    w += utf8_char_width(c);
  }
  return w;
}

bool utf8_has_combining(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
    if ((a == 0xCC && b >= 0x80 && b <= 0xBF) || (a == 0xCD && b >= 0x80 && b <= 0xAF)) return true;
  }
  return false;
}
