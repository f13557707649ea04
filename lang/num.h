/* num.h — exact rational numbers and Danish number formatting.
 *
 * Every number maal computes with is a num: n/d in lowest terms, d > 0.
 * Shares are compared as fractions, never as rounded floats, so 9 of 10
 * against 90 % is exactly met.  Arithmetic that would overflow int64 is
 * reported (the function returns false) instead of wrapping; comparison
 * never overflows (it multiplies in 128 bits).
 */
#ifndef MAAL_NUM_H
#define MAAL_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  int64_t n; /* numerator */
  int64_t d; /* denominator, always > 0 */
} num;

num num_int(int64_t i);
bool num_make(int64_t n, int64_t d, num *out); /* false if d == 0 or overflow */
bool num_add(num a, num b, num *out);
bool num_sub(num a, num b, num *out);
bool num_mul(num a, num b, num *out);
bool num_div(num a, num b, num *out);          /* false if b == 0 */
int num_cmp(num a, num b);                     /* -1, 0, 1 */
num num_neg(num a);                            /* caller ensures a.n != INT64_MIN */
num num_abs(num a);
bool num_is_zero(num a);
bool num_is_int(num a);
int num_sign(num a);
double num_to_double(num a);

/* ---- wide intermediates ----
 *
 * The steps between two nums can need more than 64 bits even when the
 * answer fits: the achievement of a value near 10^18 against a target
 * near 10^18 is 100 * v / t, whose numerator is near 10^20.  A wnum holds
 * such a step exactly, in lowest terms with d > 0; each operation returns
 * false instead of overflowing 128 bits. */
__extension__ typedef __int128 num_i128;
typedef struct {
  num_i128 n, d;
} wnum;

wnum wnum_of(num a);
bool wnum_add(wnum a, wnum b, wnum *out);
bool wnum_sub(wnum a, wnum b, wnum *out);
bool wnum_mul(wnum a, wnum b, wnum *out);
bool wnum_div(wnum a, wnum b, wnum *out);     /* false if b == 0 */
int wnum_sign(wnum a);
wnum wnum_abs(wnum a);
bool wnum_exact(wnum a, num *out);            /* false unless a fits a num */
/* a itself when it fits a num; otherwise a rounded down to 9 decimals,
 * which lies on the same side as a of every number with at most 9
 * decimals (a status bound, a target): a >= b exactly when the rounded
 * value >= b.  false when even that does not fit (|a| >= about 9 * 10^9). */
bool wnum_floor9(wnum a, num *out);

/* Parse a plain decimal number: optional sign, digits, optional decimal
 * separator `dec` ('.' or ',') followed by digits.  No thousands separators,
 * no spaces, no exponent.  "20.4" -> 102/5 exactly.  Returns false on any
 * other text or on overflow (more than 18 significant digits). */
bool num_parse(const char *s, size_t len, char dec, num *out);

/* Round to `decimals` places (0..9), half away from zero, and write it:
 * num_format_da: Danish style, '.' between thousands, ',' before decimals,
 *                "-" for negatives: 1052 -> "1.052", 5.5 -> "5,5",
 *                -1234.5 with 2 decimals -> "-1.234,50".
 * num_format_plain: machine style, '.' before decimals, no grouping:
 *                "1052", "5.5", "-1234.50".
 * Both return the number of bytes written (excluding NUL); the output is
 * always NUL-terminated and truncated to fit `cap` (cap >= 1). */
size_t num_format_da(num a, int decimals, char *out, size_t cap);
size_t num_format_plain(num a, int decimals, char *out, size_t cap);

/* Exact text of a num for machine output: "1052", "-17/3" never appears;
 * a non-terminating fraction is written with `max_decimals` places rounded.
 * A terminating one ("20.4") is written exactly when it has at most
 * max_decimals places. */
size_t num_format_exact(num a, int max_decimals, char *out, size_t cap);

/* a rounded to `decimals` places (half away from zero), exactly. */
num num_round(num a, int decimals);

/* a cut to `decimals` places (0 to 9) toward minus infinity, exactly: an
 * achievement shown so lies on the same side of every bound with as many
 * places as it is shown with (99,9999 % is "99,999 %", never "100 %"). */
num num_floor(num a, int decimals);

/* a as an achievement is shown with at most `decimals` places: rounded,
 * but cut instead when rounding would carry it up to a rounder number
 * (fewer places), as the bounds of status schemes are: 99,9996 % is
 * "99,999 %", not "100 %", and 92,4996 % "92,499 %", not "92,5 %"
 * (§10.2); 85,1785 % stays "85,179 %". */
num num_shown(num a, int decimals);

/* The fewest decimals (0..max) that show a exactly; max if it has more. */
int num_decimals(num a, int max);

/* The fewest decimals, from `least` up to `max`, with which a rounded lies
 * on the same side of every edge as a itself (so 89,6 % against a bound of
 * 90 % is not shown as "90 %"). */
int num_decimals_against(num a, int least, int max, const num *edges, int nedges);

#endif
