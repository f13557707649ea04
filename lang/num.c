/* num.c — exact rational arithmetic and exact decimal formatting (see num.h). */
#include "num.h"

#include <string.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* ---- helpers ------------------------------------------------------------ */

/* Magnitude of a signed value; exact even for the most negative value. */
static u128 mag(i128 x) { return x < 0 ? (u128)0 - (u128)x : (u128)x; }
static uint64_t mag64(int64_t x) { return x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x; }

static uint64_t gcd64(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/* 128-bit Euclid; drops to 64-bit division as soon as both operands fit. */
static u128 gcd128(u128 a, u128 b) {
  while (b) {
    if (a <= UINT64_MAX && b <= UINT64_MAX) return gcd64((uint64_t)a, (uint64_t)b);
    u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/* Store n/d in lowest terms with d > 0.  Fails if d == 0 or if a reduced
 * part does not fit int64.  INT64_MIN is rejected as a numerator so that
 * num_neg/num_abs are always safe on a result of this module. */
static bool norm(i128 n, i128 d, num *out) {
  if (d == 0) return false;
  bool neg = (n < 0) != (d < 0);
  u128 un = mag(n), ud = mag(d);
  u128 g = gcd128(un, ud); /* ud > 0, so g > 0; for n == 0, g == ud */
  un /= g;
  ud /= g;
  if (un > (u128)INT64_MAX || ud > (u128)INT64_MAX) return false;
  out->n = neg ? -(int64_t)un : (int64_t)un;
  out->d = (int64_t)ud;
  return true;
}

/* a + sgn*b over the lcm of the denominators, in 128 bits. */
static bool addsub(num a, num b, int sgn, num *out) {
  if (a.d == 1 && b.d == 1) { /* whole numbers (a sum of a column): no gcd, no 128 bits */
    int64_t n;
    bool ovf = sgn > 0 ? __builtin_add_overflow(a.n, b.n, &n) : __builtin_sub_overflow(a.n, b.n, &n);
    if (!ovf && n != INT64_MIN) { /* INT64_MIN: norm refuses it, so the long way says so */
      out->n = n;
      out->d = 1;
      return true;
    }
  }
  if (a.d == 0 || b.d == 0) return false;
  i128 g = (i128)gcd64(mag64(a.d), mag64(b.d));
  i128 fa = (i128)b.d / g, fb = (i128)a.d / g; /* scale factors to the lcm */
  i128 x = (i128)a.n * fa, y = (i128)b.n * fb; /* each |.| < 2^126 */
  i128 n;
  /* |x| + |y| < 2^127 for normalized inputs; check anyway. */
  bool ovf = sgn > 0 ? __builtin_add_overflow(x, y, &n) : __builtin_sub_overflow(x, y, &n);
  if (ovf) return false;
  return norm(n, (i128)a.d * fa, out);
}

/* n1/d1 * n2/d2 after cross-reducing gcd(n1,d2) and gcd(n2,d1), so the
 * 128-bit products are as small as they can be. */
static bool mulx(int64_t n1, int64_t d1, int64_t n2, int64_t d2, num *out) {
  if (d1 == 0 || d2 == 0) return false;
  i128 g1 = (i128)gcd64(mag64(n1), mag64(d2)); /* > 0 since d2 != 0 */
  i128 g2 = (i128)gcd64(mag64(n2), mag64(d1));
  i128 n = ((i128)n1 / g1) * ((i128)n2 / g2);
  i128 d = ((i128)d1 / g2) * ((i128)d2 / g1);
  return norm(n, d, out);
}

/* ---- arithmetic --------------------------------------------------------- */

num num_int(int64_t i) {
  num r = {i, 1};
  return r;
}

bool num_make(int64_t n, int64_t d, num *out) { return norm(n, d, out); }

bool num_add(num a, num b, num *out) { return addsub(a, b, 1, out); }
bool num_sub(num a, num b, num *out) { return addsub(a, b, -1, out); }
bool num_mul(num a, num b, num *out) { return mulx(a.n, a.d, b.n, b.d, out); }

bool num_div(num a, num b, num *out) {
  if (b.n == 0) return false;
  return mulx(a.n, a.d, b.d, b.n, out); /* norm() moves b's sign up */
}

int num_cmp(num a, num b) {
  /* Denominators are positive, so compare cross products; each is a
   * product of two int64 values and fits i128. */
  i128 x = (i128)a.n * b.d, y = (i128)b.n * a.d;
  return (x > y) - (x < y);
}

num num_neg(num a) {
  num r = {-a.n, a.d};
  return r;
}

num num_abs(num a) { return a.n < 0 ? num_neg(a) : a; }
bool num_is_zero(num a) { return a.n == 0; }
bool num_is_int(num a) { return a.d == 1; }
int num_sign(num a) { return (a.n > 0) - (a.n < 0); }
double num_to_double(num a) { return (double)a.n / (double)a.d; }

/* ---- wide intermediates ------------------------------------------------ */

#define I128_MAX ((i128)(~(u128)0 >> 1))

/* n/d in lowest terms, d > 0; false for d == 0 and for the one value
 * whose magnitude does not fit (so wnum_abs is always safe). */
static bool wnorm(i128 n, i128 d, wnum *out) {
  if (d == 0 || n < -I128_MAX || d < -I128_MAX) return false;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  i128 g = (i128)gcd128(mag(n), (u128)d);
  out->n = n / g;
  out->d = d / g;
  return true;
}

wnum wnum_of(num a) {
  wnum w = {a.n, a.d};
  return w;
}

static bool waddsub(wnum a, wnum b, int sgn, wnum *out) {
  if (a.d <= 0 || b.d <= 0) return false; /* not a number: never divide by 0 */
  i128 g = (i128)gcd128((u128)a.d, (u128)b.d);
  i128 fa = b.d / g, fb = a.d / g, x, y, n, d;
  if (__builtin_mul_overflow(a.n, fa, &x) || __builtin_mul_overflow(b.n, fb, &y) ||
      __builtin_mul_overflow(a.d, fa, &d))
    return false;
  if (sgn > 0 ? __builtin_add_overflow(x, y, &n) : __builtin_sub_overflow(x, y, &n)) return false;
  return wnorm(n, d, out);
}

bool wnum_add(wnum a, wnum b, wnum *out) { return waddsub(a, b, 1, out); }
bool wnum_sub(wnum a, wnum b, wnum *out) { return waddsub(a, b, -1, out); }

/* Cross-reduced first, so the products are as small as they can be
 * (gcd(0, d) is d, never 0). */
bool wnum_mul(wnum a, wnum b, wnum *out) {
  if (a.d <= 0 || b.d <= 0) return false;
  i128 g1 = (i128)gcd128(mag(a.n), (u128)b.d), g2 = (i128)gcd128(mag(b.n), (u128)a.d);
  i128 n, d;
  if (__builtin_mul_overflow(a.n / g1, b.n / g2, &n) || __builtin_mul_overflow(a.d / g2, b.d / g1, &d)) return false;
  return wnorm(n, d, out);
}

bool wnum_div(wnum a, wnum b, wnum *out) {
  if (b.n == 0) return false;
  wnum inv = {b.n < 0 ? -b.d : b.d, b.n < 0 ? -b.n : b.n};
  return wnum_mul(a, inv, out);
}

int wnum_sign(wnum a) { return (a.n > 0) - (a.n < 0); }

wnum wnum_abs(wnum a) {
  if (a.n < 0) a.n = -a.n;
  return a;
}

bool wnum_exact(wnum a, num *out) {
  if (a.d <= 0 || a.n > INT64_MAX || a.n <= INT64_MIN || a.d > INT64_MAX) return false;
  out->n = (int64_t)a.n;
  out->d = (int64_t)a.d;
  return true;
}

bool wnum_floor9(wnum a, num *out) {
  if (a.d <= 0) return false;
  if (wnum_exact(a, out)) return true;
  const i128 scale = 1000000000;
  if (a.d > I128_MAX / 10) return false; /* the digits below need r * 10 */
  i128 q = a.n / a.d, r = a.n % a.d;
  if (r < 0) { /* round down, not toward zero */
    q--;
    r += a.d;
  }
  if (q > (INT64_MAX - scale) / scale || q < INT64_MIN / scale + 1) return false;
  i128 frac = 0;
  for (int i = 0; i < 9; i++) { /* long division: r < d, so r * 10 fits */
    r *= 10;
    frac = frac * 10 + r / a.d;
    r %= a.d;
  }
  return norm(q * scale + frac, scale, out);
}

/* ---- parsing ------------------------------------------------------------ */

#define MAX_SIG 18 /* 10^18 - 1 < INT64_MAX, so 18 digits always fit */

bool num_parse(const char *s, size_t len, char dec, num *out) {
  size_t i = 0;
  bool neg = false;
  if (len > 0 && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    i = 1;
  }
  /* Digits: [ip, ie) before the separator, [fp, fe) after it. */
  size_t ip = i;
  while (i < len && s[i] >= '0' && s[i] <= '9') i++;
  size_t ie = i, fp = len, fe = len;
  if (ie == ip) return false; /* need a digit before any separator */
  if (i < len) {
    if (s[i] != dec) return false;
    fp = ++i;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    fe = i;
    if (fe == fp || i != len) return false; /* "1." or trailing junk */
  }
  /* Trailing fraction zeros and leading zeros carry no value; the digits
   * left are the significant ones.  At most 18 of them, and at most 18
   * places of scale, keep both numerator and 10^scale inside int64. */
  while (fe > fp && s[fe - 1] == '0') fe--;
  while (ip < ie && s[ip] == '0') ip++;
  size_t fs = fp; /* first significant fraction digit */
  if (ip == ie)
    while (fs < fe && s[fs] == '0') fs++;
  if ((ie - ip) + (fe - fs) > MAX_SIG || fe - fp > MAX_SIG) return false;
  int64_t m = 0, p = 1;
  for (size_t k = ip; k < ie; k++) m = m * 10 + (s[k] - '0');
  for (size_t k = fp; k < fe; k++) { /* zeros before fs leave m at 0 */
    m = m * 10 + (s[k] - '0');
    p *= 10;
  }
  if (p == 1) { /* a whole number is in lowest terms already: what norm gives, without its 128-bit gcd */
    out->n = neg ? -m : m;
    out->d = 1;
    return true;
  }
  return norm(neg ? -(i128)m : (i128)m, p, out);
}

/* ---- formatting --------------------------------------------------------- */

#define MAX_PLACES 64 /* cap on decimals asked of num_format_exact */
#define DIGBUF (2 + 20 + MAX_PLACES) /* carry + int digits + places + NUL */

/* Exact decimal expansion of |a| by long division: the integer digits then
 * `k` fraction digits, rounded half away from zero, into dig[] (no
 * separator, NUL-terminated).  Returns the number of integer digits.
 * *exact gets the number of places after which the expansion ended with
 * remainder zero, or -1 if it did not end within k places. */
static int expand(num a, int k, char *dig, int *exact) {
  uint64_t d = mag64(a.d);
  uint64_t m = mag64(a.n);
  uint64_t q = m / d, r = m % d;
  char tmp[24];
  int nt = 0;
  do {
    tmp[nt++] = (char)('0' + q % 10);
    q /= 10;
  } while (q);
  int len = 0;
  dig[len++] = '0'; /* slot for a rounding carry, trimmed below */
  while (nt) dig[len++] = tmp[--nt];
  int ni = len - 1;
  *exact = r == 0 ? 0 : -1;
  for (int i = 0; i < k; i++) {
    u128 t = (u128)r * 10; /* r < d <= 2^63, so this fits easily */
    dig[len++] = (char)('0' + (int)(t / d));
    r = (uint64_t)(t % d);
    if (r == 0 && *exact < 0) *exact = i + 1;
  }
  dig[len] = '\0';
  /* Half away from zero on the magnitude: round up when 2r >= d. */
  if (r >= d - r) {
    int j = len - 1;
    while (dig[j] == '9') dig[j--] = '0';
    dig[j]++; /* at worst the carry slot becomes '1' */
  }
  if (dig[0] == '0') {
    memmove(dig, dig + 1, (size_t)len); /* includes the NUL */
  } else {
    ni++;
  }
  return ni;
}

static bool all_zero(const char *s) {
  for (; *s; s++)
    if (*s != '0') return false;
  return true;
}

/* Copy a finished text into the caller's buffer, truncating to cap. */
static size_t emit(const char *txt, size_t len, char *out, size_t cap) {
  if (cap == 0 || out == NULL) return 0;
  if (len > cap - 1) len = cap - 1;
  memcpy(out, txt, len);
  out[len] = '\0';
  return len;
}

/* Shared body of the two rounding formatters: `group` is the thousands
 * separator (0 for none), `sep` the decimal separator. */
static size_t fmt(num a, int decimals, char group, char sep, char *out, size_t cap) {
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  if (a.d == 0) return emit("?", 1, out, cap); /* not a num; never crash */
  char dig[DIGBUF], txt[2 * DIGBUF];
  int exact;
  int ni = expand(a, decimals, dig, &exact);
  size_t n = 0;
  bool neg = (a.n < 0) != (a.d < 0);
  if (neg && !all_zero(dig)) txt[n++] = '-'; /* "-0,0" never appears */
  for (int i = 0; i < ni; i++) {
    if (group && i > 0 && (ni - i) % 3 == 0) txt[n++] = group;
    txt[n++] = dig[i];
  }
  if (decimals > 0) {
    txt[n++] = sep;
    memcpy(txt + n, dig + ni, (size_t)decimals);
    n += (size_t)decimals;
  }
  return emit(txt, n, out, cap);
}

size_t num_format_da(num a, int decimals, char *out, size_t cap) {
  return fmt(a, decimals, '.', ',', out, cap);
}

size_t num_format_plain(num a, int decimals, char *out, size_t cap) {
  return fmt(a, decimals, 0, '.', out, cap);
}

size_t num_format_exact(num a, int max_decimals, char *out, size_t cap) {
  if (max_decimals < 0) max_decimals = 0;
  if (max_decimals > MAX_PLACES) max_decimals = MAX_PLACES;
  if (a.d == 0) return emit("?", 1, out, cap);
  char dig[DIGBUF], txt[DIGBUF + 2];
  int exact;
  int ni = expand(a, max_decimals, dig, &exact);
  /* A terminating expansion stops at its last nonzero digit; a rounded one
   * drops trailing zeros.  Either way: strip zeros after the integer part. */
  int len = (int)strlen(dig);
  if (exact >= 0) len = ni + exact;
  while (len > ni && dig[len - 1] == '0') len--;
  dig[len] = '\0';
  size_t n = 0;
  bool neg = (a.n < 0) != (a.d < 0);
  if (neg && !all_zero(dig)) txt[n++] = '-';
  memcpy(txt + n, dig, (size_t)ni);
  n += (size_t)ni;
  if (len > ni) {
    txt[n++] = '.';
    memcpy(txt + n, dig + ni, (size_t)(len - ni));
    n += (size_t)(len - ni);
  }
  return emit(txt, n, out, cap);
}

num num_round(num a, int decimals) {
  char s[96];
  num r = a;
  num_format_plain(a, decimals, s, sizeof s);
  num_parse(s, strlen(s), '.', &r); /* the digits written are exact */
  return r;
}

num num_floor(num a, int decimals) {
  int64_t p = 1;
  for (int i = 0; i < decimals && i < 9; i++) p *= 10;
  __int128 x = (__int128)a.n * p;
  __int128 q = x / a.d;
  if (x % a.d != 0 && x < 0) q--;
  num r;
  if (q > INT64_MAX || q < -INT64_MAX || !num_make((int64_t)q, p, &r)) return a;
  return r;
}

num num_shown(num a, int decimals) {
  num r = num_round(a, decimals);
  if (num_cmp(r, a) > 0 && num_decimals(r, decimals) < decimals) return num_floor(a, decimals);
  return r;
}

int num_decimals(num a, int max) {
  for (int d = 0; d < max; d++)
    if (num_cmp(num_round(a, d), a) == 0) return d;
  return max;
}

int num_decimals_against(num a, int least, int max, const num *edges, int nedges) {
  int d = least;
  for (; d < max; d++) {
    num r = num_round(a, d);
    bool clash = false;
    for (int i = 0; i < nedges; i++)
      if (num_cmp(a, edges[i]) != num_cmp(r, edges[i])) clash = true;
    if (!clash) break;
  }
  return d;
}
