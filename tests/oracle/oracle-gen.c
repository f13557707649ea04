/* oracle-gen.c — the independent oracle's generator (issue 7, "Defences").
 *
 *   oracle-gen [-k 3,4] SEED DIR
 *
 * From SEED it makes random data and random goals, and writes into DIR:
 *   data.csv     the data, in a random CSV dialect, ~10 % missing values
 *   regler.maal  the goals in maal
 *   query.sql    the same data (the generator's own values, not a reading
 *                of data.csv) and the same goals in SQL for sqlite3, with
 *                maal's three-valued semantics (spec §5.8), and the
 *                comparison with maal's CSV report (report.csv)
 *   goals.txt    one line per goal: its id and its maal text, for reports
 *
 * The SQL follows the spec, not maal's code: a comparison with a missing
 * value is NULL; og/eller/ikke are SQL's AND/OR/NOT (Kleene logic); a
 * group's truth value is the Kleene AND of the conditions of its whole
 * chain, a row is in it when that is TRUE, and the group's name as a
 * condition has that truth value (§5.6).  Numbers are exact: decimals are
 * integers scaled by 100, arithmetic is on rational pairs (P, Q), and
 * every number is compared as maal prints it (9 decimals, §3 output.md).
 *
 * -k 3,4 leaves out the goal shapes of issue 7's defects 3 (groups built
 * from groups) and 4 (breakdowns of a group), for a run before they are
 * fixed.  Nothing here shares code with maal. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- memory: every string lives until exit ---- */
static void **pool;
static size_t pool_n, pool_cap;

static void *keep(void *p)
{
  if (!p) { perror("oracle-gen"); exit(2); }
  if (pool_n == pool_cap) {
    pool_cap = pool_cap ? pool_cap * 2 : 256;
    pool = realloc(pool, pool_cap * sizeof *pool);
    if (!pool) { perror("oracle-gen"); exit(2); }
  }
  pool[pool_n++] = p;
  return p;
}

static void free_pool(void)
{
  for (size_t i = 0; i < pool_n; i++) free(pool[i]);
  free(pool);
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
  va_list ap;
  va_start(ap, f);
  char *s = NULL;
  if (vasprintf(&s, f, ap) < 0) s = NULL;
  va_end(ap);
  return keep(s);
}

/* ---- random numbers: splitmix64, the same on every machine ---- */
static uint64_t rs;
static uint64_t rnd(void)
{
  uint64_t z = (rs += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
static int rn(int n) { return n <= 0 ? 0 : (int)(rnd() % (uint64_t)n); }
static int rr(int lo, int hi) { return lo + rn(hi - lo + 1); }
static int chance(int pct) { return rn(100) < pct; }
static const char *pick(const char *const *v, int n) { return v[rn(n)]; }
#define PICK(a) pick(a, (int)(sizeof a / sizeof a[0]))

/* ---- dates as days since 1970-01-01 (H. Hinnant's algorithms) ---- */
static long days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
static void civil_from_days(long z, int *y, int *m, int *d)
{
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}
static long day_lo, day_hi;

/* A date in one of the three written forms of §2.6 / §4.5. */
static char *date_text(long day, int form)
{
  int y, m, d;
  civil_from_days(day, &y, &m, &d);
  switch (form) {
  case 0: return fmt("%04d-%02d-%02d", y, m, d);
  case 1: return fmt("%02d-%02d-%04d", d, m, y);
  default: return fmt("%02d.%02d.%04d", d, m, y);
  }
}

/* ---- the data ---- */
enum { T_INT, T_DEC, T_BOOL, T_TEXT, T_DATE };
static const char *const type_da[] = { "heltal", "decimaltal", "janej", "tekst", "dato" };

typedef struct {
  const char *name;  /* in maal and in data.csv */
  int type;
  int miss;          /* percent missing */
} Col;

static Col cols[] = {
  { "id", T_INT, 0 },       { "alder", T_INT, 10 },  { "børn", T_INT, 10 },
  { "beløb", T_DEC, 10 },   { "sats", T_DEC, 10 },   { "jobplan", T_BOOL, 10 },
  { "udsat", T_BOOL, 10 },  { "kommune", T_TEXT, 10 }, { "ydelse", T_TEXT, 10 },
  { "start", T_DATE, 10 },  { "slut", T_DATE, 10 },
};
#define NCOL ((int)(sizeof cols / sizeof cols[0]))
enum { C_ID, C_ALDER, C_BORN, C_BELOB, C_SATS, C_JOBPLAN, C_UDSAT, C_KOMMUNE, C_YDELSE, C_START, C_SLUT };

static const char *const kommuner[] = {
  "Amager", "amager", "Nørrebro", "Østerbro", "Æblevej", "Ålholm",
  "Vesterbro, Kgs. Enghave", "Citat \"her\"", "To\nlinjer", "Sundby ", "Valby;Vigerslev",
};
static const char *const ydelser[] = { "kontanthjælp", "dagpenge", "starthjælp", "sygedagpenge" };
static const int satser[] = { 0, 50, 100, 125, 250, 1000, 1275, -50 };

#define MAXROWS 40
typedef struct { int miss; long v; const char *t; } Cell;  /* v: int, scaled dec, 0/1, day */
static Cell cell[MAXROWS][NCOL];
static int nrows;

static void make_data(int infer)
{
  nrows = chance(5) ? 0 : chance(10) ? rr(1, 3) : rr(8, MAXROWS);
  if (infer && nrows == 0) nrows = 1;
  for (int c = 1; c < NCOL; c++) cols[c].miss = chance(15) ? 0 : chance(10) ? 40 : rr(5, 15);
  for (int r = 0; r < nrows; r++) {
    for (int c = 0; c < NCOL; c++) {
      Cell *x = &cell[r][c];
      x->miss = chance(cols[c].miss);
      switch (c) {
      case C_ID: x->v = r + 1; break;
      case C_ALDER: x->v = rr(-5, 80); break;
      case C_BORN: x->v = rr(0, 4); break;
      case C_BELOB: {
        int k = rn(3); /* decimals the value has */
        long v = rr(-10000, 150000);
        x->v = k == 0 ? v / 100 * 100 : k == 1 ? v / 10 * 10 : v;
        break;
      }
      case C_SATS: x->v = satser[rn(8)]; break;
      case C_JOBPLAN: case C_UDSAT: x->v = rn(2); break;
      case C_KOMMUNE: x->t = PICK(kommuner); break;
      case C_YDELSE: x->t = PICK(ydelser); break;
      case C_START: x->v = day_lo + rn((int)(day_hi - day_lo)); break;
      case C_SLUT:
        x->v = chance(80) && !cell[r][C_START].miss ? cell[r][C_START].v + rn(400)
                                                      : day_lo + rn((int)(day_hi - day_lo));
        break;
      }
    }
  }
  if (infer) {
    /* inference (§4.4) must find each column's type: the first row has
       every value, a decimal with decimals, a text that is no number */
    for (int c = 0; c < NCOL; c++) cell[0][c].miss = 0;
    cell[0][C_BELOB].v = 12345;
    cell[0][C_SATS].v = 125;
    cell[0][C_KOMMUNE].t = "Nørrebro";
  }
}

/* ---- the CSV dialect ---- */
static char delim;
static char decsep;
static int ntokens;            /* 0: only empty fields are missing; 1: "NA"; 2: "NA", "-" */
static const char *eol;

static char *dec_text(long v, char sep, int mindec)
{
  long a = v < 0 ? -v : v;
  int k = a % 100 ? (a % 10 ? 2 : 1) : 0;
  if (k < mindec) k = mindec;
  if (k == 0) return fmt("%s%ld", v < 0 ? "-" : "", a / 100);
  if (k == 1) return fmt("%s%ld%c%ld", v < 0 ? "-" : "", a / 100, sep, a % 100 / 10);
  return fmt("%s%ld%c%02ld", v < 0 ? "-" : "", a / 100, sep, a % 100);
}

static const char *field_text(int r, int c)
{
  Cell *x = &cell[r][c];
  if (x->miss) {
    if (ntokens && chance(50)) return ntokens == 2 && chance(50) ? "-" : "NA";
    return "";
  }
  static const char *const ja[] = { "ja", "Ja", "JA", "true", "True" };
  static const char *const nej[] = { "nej", "Nej", "NEJ", "false", "FALSE" };
  switch (cols[c].type) {
  case T_INT: return fmt("%ld", x->v);
  case T_DEC: return dec_text(x->v, decsep, chance(20) ? 2 : 0);
  case T_BOOL: return x->v ? PICK(ja) : PICK(nej);
  case T_TEXT: return x->t;
  default: return date_text(x->v, rn(3));
  }
}

static void put_field(FILE *f, const char *s)
{
  int quote = chance(10) || strchr(s, delim) || strchr(s, '"') || strchr(s, '\n') ||
              strchr(s, '\r') || (*s && (s[0] == ' ' || s[strlen(s) - 1] == ' '));
  if (!quote) { fputs(s, f); return; }
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

static void write_csv(FILE *f)
{
  if (chance(15)) fputs("\xef\xbb\xbf", f);
  for (int c = 0; c < NCOL; c++) {
    if (c) fputc(delim, f);
    put_field(f, cols[c].name);
  }
  fputs(eol, f);
  for (int r = 0; r < nrows; r++) {
    if (r && chance(2)) fputs(eol, f); /* an empty line is skipped (§4.5) */
    for (int c = 0; c < NCOL; c++) {
      if (c) fputc(delim, f);
      put_field(f, field_text(r, c));
    }
    fputs(eol, f);
  }
}

/* ---- texts in maal and SQL ---- */
static char *maal_text(const char *s)
{
  size_t n = strlen(s);
  char *o = keep(malloc(2 * n + 3)), *p = o;
  *p++ = '"';
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') { *p++ = '\\'; *p++ = *s; }
    else if (*s == '\n') { *p++ = '\\'; *p++ = 'n'; }
    else *p++ = *s;
  }
  *p++ = '"';
  *p = 0;
  return o;
}

static char *sql_text(const char *s)
{
  size_t n = strlen(s);
  char *o = keep(malloc(2 * n + 3)), *p = o;
  *p++ = '\'';
  for (; *s; s++) {
    if (*s == '\'') *p++ = '\'';
    *p++ = *s;
  }
  *p++ = '\'';
  *p = 0;
  return o;
}

/* A keyword, now and then in another case (§2.2: case does not matter). */
static const char *kw(const char *w)
{
  if (!chance(8)) return w;
  char *s = fmt("%s", w);
  if (chance(50)) { if (s[0] >= 'a' && s[0] <= 'z') s[0] -= 32; }
  else for (char *p = s; *p; p++) if (*p >= 'a' && *p <= 'z') *p -= 32;
  return s;
}

/* ---- expressions: maal text, SQL text, maal precedence ---- */
/* precedence: 0 eller, 1 og, 2 ikke, 3 comparison, 4 + -, 5 * /, 6 unary, 7 primary */
typedef struct { const char *m; const char *s; int p; } Cond;
/* a number: the rational P/Q (Q may be NULL after a division by zero) */
typedef struct { const char *m; const char *P; const char *Q; int p; int leaf; } Num;
typedef struct { const char *m; const char *s; int p; } Day;

static const char *par(const char *m, int p, int need)
{
  return p < need || (p >= need && chance(5)) ? fmt("(%s)", m) : m;
}
static const char *sqlcol(int c) { return fmt("c%d", c); }

static int param_value;        /* parameter grænse: heltal */
static long param_day;         /* parameter frist: dato */

static char *dec_lit_maal(long v) /* v scaled by 100, v >= 0 */
{
  return dec_text(v, ',', 0); /* a decimal comma in rules (spec §2.4) */
}

static Num num_leaf(void)
{
  Num n = { 0, 0, 0, 7, 1 };
  switch (rn(8)) {
  case 0: n.m = "alder"; n.P = sqlcol(C_ALDER); n.Q = "1"; break;
  case 1: n.m = "børn"; n.P = sqlcol(C_BORN); n.Q = "1"; break;
  case 2: n.m = "beløb"; n.P = sqlcol(C_BELOB); n.Q = "100"; break;
  case 3: n.m = "sats"; n.P = sqlcol(C_SATS); n.Q = "100"; break;
  case 4: { int k = rr(0, 60); n.m = fmt("%d", k); n.P = fmt("%d", k); n.Q = "1"; n.leaf = 2; break; }
  case 5: { long k = rr(0, 20000); n.m = dec_lit_maal(k); n.P = fmt("%ld", k); n.Q = "100"; n.leaf = 2; break; }
  case 6: n.m = "grænse"; n.P = fmt("%d", param_value); n.Q = "1"; break;
  default: /* date minus date is whole days (§5.7) */
    n.m = chance(50) ? "slut - start" : "start - slut";
    n.P = n.m[1] == 'l' ? fmt("(%s - %s)", sqlcol(C_SLUT), sqlcol(C_START))
                        : fmt("(%s - %s)", sqlcol(C_START), sqlcol(C_SLUT));
    n.Q = "1"; n.p = 4; n.leaf = 0;
    break;
  }
  return n;
}

static Num num_expr(int depth)
{
  if (depth == 0 || chance(40)) return num_leaf();
  if (chance(10)) {
    Num a = num_expr(depth - 1);
    Num n = { fmt("-%s", par(a.m, a.p, 7)), fmt("(-(%s))", a.P), a.Q, 6, 0 };
    return n;
  }
  Num a = num_expr(depth - 1), b = num_expr(depth - 1);
  int op = rn(4);
  Num n = { 0, 0, 0, op < 2 ? 4 : 5, 0 };
  const char *o = "+-*/" + op;
  char oc = *o;
  int left = n.p, right = n.p + 1;  /* left-associative */
  n.m = fmt("%s %c %s", par(a.m, a.p, left), oc, par(b.m, b.p, right));
  if (oc == '+' || oc == '-') {
    n.P = fmt("((%s)*(%s) %c (%s)*(%s))", a.P, b.Q, oc, b.P, a.Q);
    n.Q = fmt("((%s)*(%s))", a.Q, b.Q);
  } else if (oc == '*') {
    n.P = fmt("((%s)*(%s))", a.P, b.P);
    n.Q = fmt("((%s)*(%s))", a.Q, b.Q);
  } else { /* a division by zero is missing (§5.7) */
    n.P = fmt("((%s)*(%s))", a.P, b.Q);
    n.Q = fmt("nullif((%s)*(%s), 0)", a.Q, b.P);
  }
  return n;
}

static const char *const cmp_m[] = { "=", "!=", "<", "<=", ">", ">=" };
static const char *const cmp_alt[] = { "==", "<>", "<", "≤", ">", "≥" };
static const char *const cmp_s[] = { "=", "<>", "<", "<=", ">", ">=" };

/* P1/Q1 op P2/Q2, exact; unknown when any part is NULL */
static const char *ratcmp(Num a, const char *op, Num b)
{
  return fmt("(CASE WHEN (%s)*(%s) > 0 THEN (%s)*(%s) %s (%s)*(%s) "
             "WHEN (%s)*(%s) < 0 THEN (%s)*(%s) %s (%s)*(%s) END)",
             a.Q, b.Q, a.P, b.Q, op, b.P, a.Q, a.Q, b.Q, b.P, a.Q, op, a.P, b.Q);
}

static const char *cmp_word(int k) { return chance(15) ? cmp_alt[k] : cmp_m[k]; }

/* A date value: a column, a literal, ultimo/primo, a parameter, or one
   of these plus or minus days or a duration (§5.7). */
static const char *add_months(const char *D, int n)
{
  /* the same day N months on, or the last day of a shorter month */
  return fmt("(SELECT CAST(julianday(f) - 2440587.5 AS INTEGER) + "
             "min(dd, CAST(julianday(f, '+1 month') - julianday(f) AS INTEGER)) - 1 FROM "
             "(SELECT printf('%%04d-%%02d-01', t / 12, t %% 12 + 1) AS f, dd FROM "
             "(SELECT CAST(strftime('%%Y', s) AS INTEGER) * 12 + CAST(strftime('%%m', s) AS INTEGER) - 1 + (%d) AS t, "
             "CAST(strftime('%%d', s) AS INTEGER) AS dd FROM (SELECT date((%s) * 86400, 'unixepoch') AS s))))",
             n, D);
}

static Day day_leaf(void)
{
  Day d = { 0, 0, 7 };
  switch (rn(6)) {
  case 0: case 1: d.m = "start"; d.s = sqlcol(C_START); break;
  case 2: d.m = "slut"; d.s = sqlcol(C_SLUT); break;
  case 3: { long v = day_lo + rn((int)(day_hi - day_lo)); d.m = date_text(v, rn(3)); d.s = fmt("%ld", v); break; }
  case 4: {
    int y = rr(2006, 2009), up = chance(50);
    d.m = fmt("%s %d", kw(up ? "ultimo" : "primo"), y);
    d.s = fmt("%ld", up ? days_from_civil(y, 12, 31) : days_from_civil(y, 1, 1));
    d.p = 6;
    break;
  }
  default: d.m = "frist"; d.s = fmt("%ld", param_day); break;
  }
  return d;
}

static Day day_expr(void)
{
  Day d = day_leaf();
  if (chance(50)) return d;
  int minus = chance(40), n = rr(0, 14), u = rn(5);
  static const char *const days_w[] = { "dage", "dag", "days" };
  static const char *const weeks_w[] = { "uger", "uge", "weeks" };
  static const char *const months_w[] = { "måneder", "måned", "mdr", "mdr.", "months" };
  static const char *const years_w[] = { "år", "years", "year" };
  const char *unit = u == 0 ? "" : u == 1 ? PICK(days_w) : u == 2 ? PICK(weeks_w)
                   : u == 3 ? PICK(months_w) : PICK(years_w);
  if (u == 4) n = rr(0, 2);
  Day r = { fmt("%s %c %d%s%s", par(d.m, d.p, 4), minus ? '-' : '+', n, *unit ? " " : "", unit), 0, 4 };
  int sgn = minus ? -1 : 1;
  if (u <= 1) r.s = fmt("((%s) + (%d))", d.s, sgn * n);
  else if (u == 2) r.s = fmt("((%s) + (%d))", d.s, sgn * 7 * n);
  else r.s = add_months(d.s, sgn * n * (u == 4 ? 12 : 1));
  return r;
}

static int ngroups;
static const char *group_name[4];

static Cond atom(void);
static Cond cond(int depth)
{
  if (depth == 0 || chance(35)) return atom();
  int k = rn(5);
  if (k == 0) {
    Cond a = cond(depth - 1);
    Cond c = { fmt("%s %s", kw("ikke"), par(a.m, a.p, 2)), fmt("(NOT %s)", a.s), 2 };
    return c;
  }
  Cond a = cond(depth - 1), b = cond(depth - 1);
  int og = k <= 2;
  int p = og ? 1 : 0;
  Cond c = { fmt("%s %s %s", par(a.m, a.p, p), kw(og ? "og" : "eller"), par(b.m, b.p, p + 1)),
             fmt("(%s %s %s)", a.s, og ? "AND" : "OR", b.s), p };
  return c;
}

static const char *missing_test(const char *m, int *negated)
{
  static const char *const miss[] = { "mangler", "er mangler", "is missing" };
  static const char *const pres[] = { "findes", "er ikke mangler", "is not missing" };
  *negated = chance(50);
  return fmt("%s %s", m, *negated ? PICK(pres) : PICK(miss));
}

static Cond atom(void)
{
  Cond c = { 0, 0, 3 };
  int k = rn(ngroups ? 12 : 11);
  switch (k) {
  case 0: case 1: { /* numbers */
    Num a = num_expr(2), b = num_leaf();
    int op = rn(6);
    c.m = fmt("%s %s %s", par(a.m, a.p, 4), cmp_word(op), par(b.m, b.p, 4));
    c.s = ratcmp(a, cmp_s[op], b);
    return c;
  }
  case 2: { /* a number between two */
    Num a = num_expr(1);
    long lo = rr(-20, 50), hi = lo + rr(0, 40);
    Num l = { 0, fmt("%ld", lo), "1", 7, 2 }, h = { 0, fmt("%ld", hi), "1", 7, 2 };
    c.m = fmt("%s %s %s%ld %s %s%ld", par(a.m, a.p, 4), kw("mellem"), lo < 0 ? "-" : "", labs(lo),
              kw("og"), hi < 0 ? "-" : "", labs(hi));
    c.s = fmt("(%s AND %s)", ratcmp(a, ">=", l), ratcmp(a, "<=", h));
    return c;
  }
  case 3: { /* a list of numbers */
    int col = chance(50) ? C_BORN : C_SATS, n = rr(1, 3), neg = chance(30);
    const char *lm = "", *ls = "";
    for (int i = 0; i < n; i++) {
      long v = col == C_BORN ? rr(0, 5) : satser[rn(8)];
      const char *vm = col == C_BORN ? fmt("%ld", v)
                                     : fmt("%s%s", v < 0 ? "-" : "", dec_lit_maal(labs(v)));
      lm = fmt("%s%s%s", lm, i ? ", " : "", vm);
      ls = fmt("%s%s%ld", ls, i ? ", " : "", v);
    }
    c.m = fmt("%s %s(%s)", cols[col].name, neg ? "ikke i " : "i ", lm);
    c.s = fmt("(%s %sIN (%s))", sqlcol(col), neg ? "NOT " : "", ls);
    return c;
  }
  case 4: { /* texts */
    int col = chance(60) ? C_KOMMUNE : C_YDELSE;
    const char *const *dom = col == C_KOMMUNE ? kommuner : ydelser;
    int nd = col == C_KOMMUNE ? (int)(sizeof kommuner / sizeof *kommuner) : 4;
    if (chance(60)) {
      int op = chance(50) ? 0 : 1;
      const char *v = chance(90) ? dom[rn(nd)] : "Amager ";
      c.m = fmt("%s %s %s", cols[col].name, cmp_word(op), maal_text(v));
      c.s = fmt("(%s %s %s)", sqlcol(col), cmp_s[op], sql_text(v));
    } else {
      int n = rr(1, 3), neg = chance(30);
      const char *lm = "", *ls = "";
      for (int i = 0; i < n; i++) {
        const char *v = dom[rn(nd)];
        lm = fmt("%s%s%s", lm, i ? ", " : "", maal_text(v));
        ls = fmt("%s%s%s", ls, i ? ", " : "", sql_text(v));
      }
      c.m = fmt("%s %s(%s)", cols[col].name, neg ? "ikke i " : "i ", lm);
      c.s = fmt("(%s %sIN (%s))", sqlcol(col), neg ? "NOT " : "", ls);
    }
    return c;
  }
  case 5: { /* yes/no */
    int col = chance(50) ? C_JOBPLAN : C_UDSAT;
    switch (rn(4)) {
    case 0: case 1: c.m = cols[col].name; c.s = sqlcol(col); c.p = 7; break;
    case 2: { int v = rn(2), ne = chance(40);
      c.m = fmt("%s %s %s", cols[col].name, ne ? "!=" : "=", kw(v ? "ja" : "nej"));
      c.s = fmt("(%s %s %d)", sqlcol(col), ne ? "<>" : "=", v); break; }
    default:
      c.m = fmt("jobplan %s udsat", chance(50) ? "=" : "!=");
      c.s = fmt("(%s %s %s)", sqlcol(C_JOBPLAN), c.m[8] == '=' ? "=" : "<>", sqlcol(C_UDSAT));
      break;
    }
    return c;
  }
  case 6: case 7: { /* dates */
    Day a = day_expr(), b = day_expr();
    if (chance(20)) {
      long lo = day_lo + rn((int)(day_hi - day_lo)), hi = lo + rn(500);
      c.m = fmt("%s %s %s %s %s", par(a.m, a.p, 4), kw("mellem"), date_text(lo, rn(3)), kw("og"),
                date_text(hi, rn(3)));
      c.s = fmt("((%s) BETWEEN %ld AND %ld)", a.s, lo, hi);
      return c;
    }
    int op = rn(6);
    c.m = fmt("%s %s %s", par(a.m, a.p, 4), cmp_word(op), par(b.m, b.p, 4));
    c.s = fmt("((%s) %s (%s))", a.s, cmp_s[op], b.s);
    return c;
  }
  case 8: case 9: { /* missing tests: never unknown */
    int neg;
    if (chance(25)) {
      Num a = num_expr(1);
      c.m = missing_test(par(a.m, a.p, 4), &neg);
      c.s = fmt("(((%s) IS NULL OR (%s) IS NULL) = %d)", a.P, a.Q, !neg);
    } else {
      int col = rr(1, NCOL - 1);
      c.m = missing_test(cols[col].name, &neg);
      c.s = fmt("(%s IS %sNULL)", sqlcol(col), neg ? "NOT " : "");
    }
    return c;
  }
  case 10: { /* a list of dates */
    int n = rr(1, 3);
    const char *lm = "", *ls = "";
    for (int i = 0; i < n; i++) {
      long v = cell[rn(nrows ? nrows : 1)][C_START].v;
      if (!nrows) v = day_lo;
      lm = fmt("%s%s%s", lm, i ? ", " : "", date_text(v, rn(3)));
      ls = fmt("%s%s%ld", ls, i ? ", " : "", v);
    }
    c.m = fmt("start i (%s)", lm);
    c.s = fmt("(%s IN (%s))", sqlcol(C_START), ls);
    return c;
  }
  default: { /* a group's name: the truth value of its chain (§5.6) */
    int g = rn(ngroups);
    c.m = group_name[g];
    c.s = fmt("g%d", g);
    c.p = 7;
    return c;
  }
  }
}

/* ---- groups ---- */
static const char *const group_names[] = { "unge", "særlige", "øvrige", "ældre_på_ydelse" };
static int group_parent[4];      /* -1: the source */
static const char *group_def[4]; /* the maal line */

/* ---- goals ---- */
enum { M_COUNT, M_SHARE, M_SUM, M_AVG, M_MIN, M_MAX, M_DISTINCT, M_VALUE, NMEASURE };
static const char *const measure_name[] = { "count", "share", "sum", "average", "min", "max", "count distinct", "value" };

static const char *goal_label(int i)
{
  static const char *const l = "abcdefghjklmnopqrstuvwxyz";
  return fmt("%c", l[i]);
}

/* maal text for a target number, from a value scaled by 100 */
static const char *tnum(long v)
{
  if (v < 0) return fmt("-%s", dec_lit_maal(-v));
  return dec_lit_maal(v);
}

/* ---- breakdowns (spec §11) ---- */

/* One side of a breakdown: its maal text and the SQL of its part's name,
 * from the column's value `pc` (an SQL expression). */
typedef struct { const char *m, *name; } Side;

/* A decimal part's name: its value with a decimal comma (spec §11). */
static const char *dectext_sql(const char *pc)
{
  return fmt("(CASE WHEN %s < 0 THEN '-' ELSE '' END || (abs(%s) / 100) ||"
             " CASE WHEN abs(%s) %% 100 = 0 THEN '' WHEN abs(%s) %% 10 = 0"
             " THEN ',' || (abs(%s) %% 100 / 10) ELSE ',' || printf('%%02d', abs(%s) %% 100) END)",
             pc, pc, pc, pc, pc, pc);
}

/* Bands of a number column (spec §11.1): whole-number bands next to one
 * another (a gap would be warned about), one band of a decimal column;
 * an open first or last band, names, now and then.  Or (30 %) bands
 * written as ranges with open or closed ends, each starting where the one
 * before ends ([a..b) then [b..c], or [a..b] then (b..c)), so that even on
 * a decimal column there is no gap; negative ends on a decimal column; a
 * band taking in both its ends written as a-b now and then (both styles
 * in one breakdown). */
static Side bands(int c, const char *pc)
{
  int dec = cols[c].type == T_DEC;
  int ranged = chance(30);
  long hi_v = c == C_ALDER ? 80 : c == C_BORN ? 4 : c == C_BELOB ? 150000 : 1275;
  const char *m = "(", *sql = fmt("CASE WHEN %s IS NULL THEN '(mangler)'", pc);
  int n = dec && !ranged ? 1 : rr(1, 4);
  long at = dec ? (long)rn((int)(hi_v / 10) + 1) * 10 : rn((int)(hi_v / 2) + 1);
  if (ranged && dec && chance(30)) at -= hi_v / 2 / 10 * 10; /* a negative low end */
  int lo_open = chance(50); /* ranged: whether the low end of band k is left out */
  for (int k = 0; k < n; k++) {
    int open_lo = k == 0 && chance(25), open_hi = k == n - 1 && chance(35);
    long w = dec ? (long)rn((int)(hi_v / 30) + 1) * 10 : rn((int)(hi_v / 3) + 1);
    if (ranged && w == 0) w = dec ? 10 : 1; /* (a..a] would be empty */
    if (ranged && open_lo && open_hi) open_hi = 0; /* (..) has no end: an error */
    long lo = at, hi = at + w;
    const char *lo_t = dec ? dec_text(lo, ',', 0) : fmt("%ld", lo);
    const char *hi_t = dec ? dec_text(hi, ',', 0) : fmt("%ld", hi);
    const char *ends, *cond;
    int hi_open = chance(50);
    if (!ranged) {
      ends = open_lo ? fmt("-%s", hi_t) : open_hi ? fmt("%s-", lo_t) : fmt("%s-%s", lo_t, hi_t);
      cond = open_lo ? fmt("%s <= %ld", pc, hi) : open_hi ? fmt("%s >= %ld", pc, lo)
                     : fmt("%s BETWEEN %ld AND %ld", pc, lo, hi);
    } else {
      int lo_in = !open_lo && !lo_open, hi_in = !open_hi && !hi_open;
      int dash = (open_lo || lo_in) && (open_hi || hi_in) && !(open_lo && open_hi) && (open_lo || lo >= 0) &&
                 (open_hi || hi >= 0) && chance(30);
      if (dash) ends = open_lo ? fmt("-%s", hi_t) : open_hi ? fmt("%s-", lo_t) : fmt("%s-%s", lo_t, hi_t);
      else ends = fmt("%c%s..%s%c", lo_in ? '[' : '(', open_lo ? "" : lo_t, open_hi ? "" : hi_t, hi_in ? ']' : ')');
      const char *lc = open_lo ? "1" : fmt("%s %s %ld", pc, lo_in ? ">=" : ">", lo);
      const char *hc = open_hi ? "1" : fmt("%s %s %ld", pc, hi_in ? "<=" : "<", hi);
      cond = fmt("%s AND %s", lc, hc);
      lo_open = !hi_open; /* the next band starts where this one ends */
    }
    const char *label = ends;
    if (chance(25)) {
      label = fmt("b%d", k + 1);
      ends = fmt("\"%s\" %s", label, ends);
    }
    m = fmt("%s%s%s", m, k ? ", " : "", ends);
    sql = fmt("%s WHEN %s THEN '%s'", sql, cond, label);
    at = hi + (dec || ranged ? 0 : 1);
    if (open_hi) break;
  }
  Side sd = { fmt("%s %s)", cols[c].name, m), fmt("%s ELSE '(øvrige)' END", sql) };
  return sd;
}

static Side side(int c, const char *pc)
{
  Side sd = { cols[c].name, NULL };
  switch (cols[c].type) {
  case T_INT:
  case T_DEC:
    if (c != C_ID && chance(40)) return bands(c, pc);
    sd.name = cols[c].type == T_DEC ? fmt("coalesce(%s, '(mangler)')", dectext_sql(pc))
                                    : fmt("coalesce(CAST(%s AS TEXT), '(mangler)')", pc);
    break;
  case T_BOOL: sd.name = fmt("coalesce(CASE %s WHEN 1 THEN 'ja' WHEN 0 THEN 'nej' END, '(mangler)')", pc); break;
  case T_DATE: {
    const char *d = fmt("(%s * 86400)", pc);
    switch (rn(4)) { /* the month, quarter or year of a date (spec §11.2) */
    case 0:
      sd.m = fmt("%s af %s", kw("måned"), cols[c].name);
      sd.name = fmt("coalesce(strftime('%%Y-%%m', %s, 'unixepoch'), '(mangler)')", d);
      break;
    case 1:
      sd.m = fmt("kvartal af %s", cols[c].name);
      sd.name = fmt("coalesce(strftime('%%Y', %s, 'unixepoch') || 'K' || ((CAST(strftime('%%m', %s, 'unixepoch') AS INT) + 2) / 3), '(mangler)')", d, d);
      break;
    case 2:
      sd.m = fmt("år af %s", cols[c].name);
      sd.name = fmt("coalesce(CAST(CAST(strftime('%%Y', %s, 'unixepoch') AS INT) AS TEXT), '(mangler)')", d);
      break;
    default: sd.name = fmt("coalesce(date(%s, 'unixepoch'), '(mangler)')", d); break;
    }
    break;
  }
  default: sd.name = fmt("coalesce(CAST(%s AS TEXT), '(mangler)')", pc); break;
  }
  return sd;
}

int main(int argc, char **argv)
{
  int skip3 = 0, skip4 = 0;
  int a = 1;
  if (a + 1 < argc && strcmp(argv[a], "-k") == 0) {
    skip3 = strchr(argv[a + 1], '3') != NULL;
    skip4 = strchr(argv[a + 1], '4') != NULL;
    a += 2;
  }
  if (argc - a != 2) {
    fprintf(stderr, "usage: oracle-gen [-k 3,4] SEED DIR\n");
    return 2;
  }
  unsigned long long seed = strtoull(argv[a], NULL, 10);
  const char *dir = argv[a + 1];
  rs = seed * 0x2545F4914F6CDD1DULL + 1;
  day_lo = days_from_civil(2006, 1, 1);
  day_hi = days_from_civil(2009, 12, 31);

  int infer = chance(30);
  make_data(infer);
  param_value = rr(0, 60);
  param_day = day_lo + rn((int)(day_hi - day_lo));
  switch (rn(4)) {
  case 0: case 1: delim = ','; decsep = '.'; break;
  case 2: delim = ';'; decsep = chance(70) ? ',' : '.'; break;
  default: delim = '\t'; decsep = chance(50) ? ',' : '.'; break;
  }
  ntokens = chance(60) ? 0 : rr(1, 2);
  eol = chance(30) ? "\r\n" : "\n";

  char *path = fmt("%s/data.csv", dir);
  FILE *f = fopen(path, "w");
  if (!f) { perror(path); return 2; }
  write_csv(f);
  fclose(f);

  /* groups: each from the source or, unless -k 3, from an earlier group */
  ngroups = rn(5);
  for (int g = 0; g < ngroups; g++) {
    group_name[g] = group_names[g];
    group_parent[g] = g > 0 && !skip3 && chance(50) ? rn(g) : -1;
  }
  FILE *sq = fopen(fmt("%s/query.sql", dir), "w");
  FILE *mf = fopen(fmt("%s/regler.maal", dir), "w");
  FILE *gf = fopen(fmt("%s/goals.txt", dir), "w");
  if (!sq || !mf || !gf) { perror(dir); return 2; }

  fprintf(sq, ".bail on\nCREATE TABLE d(rid INTEGER PRIMARY KEY");
  for (int c = 0; c < NCOL; c++) fprintf(sq, ", c%d %s", c, cols[c].type == T_TEXT ? "TEXT" : "INTEGER");
  for (int g = 0; g < ngroups; g++) fprintf(sq, ", g%d INTEGER", g);
  fprintf(sq, ");\n");
  for (int r = 0; r < nrows; r++) {
    fprintf(sq, "INSERT INTO d(rid");
    for (int c = 0; c < NCOL; c++) fprintf(sq, ", c%d", c);
    fprintf(sq, ") VALUES (%d", r + 1);
    for (int c = 0; c < NCOL; c++) {
      Cell *x = &cell[r][c];
      if (x->miss) fprintf(sq, ", NULL");
      else if (cols[c].type == T_TEXT) fprintf(sq, ", %s", sql_text(x->t));
      else fprintf(sq, ", %ld", x->v);
    }
    fprintf(sq, ");\n");
  }

  fprintf(mf, "# oracle seed %llu\n%s \"Orakel %llu\" %s 2007\n", seed, kw("aftale"), seed, kw("periode"));
  fprintf(mf, "parameter grænse: heltal = %d\n", param_value);
  fprintf(mf, "parameter frist: dato = %s\n", date_text(param_day, rn(3)));
  fprintf(mf, "data borgere = csv \"data.csv\"");
  if (delim != ',' || chance(30))
    fprintf(mf, " %s %s", kw("skilletegn"), delim == ',' ? "\",\"" : delim == ';' ? "\";\"" : chance(50) ? "\"tab\"" : "\"\\t\"");
  if (decsep != '.' || chance(20)) fprintf(mf, " %s \"%c\"", kw("decimaltegn"), decsep);
  if (ntokens == 1) fprintf(mf, " %s (\"NA\")", kw("mangler"));
  if (ntokens == 2) fprintf(mf, " %s (\"NA\", \"-\")", kw("mangler"));
  if (!infer) {
    fprintf(mf, " {\n");
    for (int c = 0; c < NCOL; c++)
      if (c == C_ID || chance(97)) fprintf(mf, "  %s: %s\n", cols[c].name, kw(type_da[cols[c].type]));
      else fprintf(mf, "  %s: %s\n", cols[c].name, type_da[cols[c].type]);
    fprintf(mf, "}\n");
  } else {
    fprintf(mf, "\n");
  }

  for (int g = 0; g < ngroups; g++) {
    const char *from = group_parent[g] < 0 ? "borgere" : group_name[group_parent[g]];
    const char *ptruth = group_parent[g] < 0 ? "1" : fmt("g%d", group_parent[g]);
    if (chance(10)) {
      group_def[g] = fmt("målgruppe %s = %s", group_name[g], from);
      fprintf(sq, "UPDATE d SET g%d = %s;\n", g, ptruth);
    } else {
      int save = ngroups;
      ngroups = g; /* a condition names only earlier groups */
      Cond c = cond(2);
      ngroups = save;
      group_def[g] = fmt("målgruppe %s = %s %s %s", group_name[g], from, kw("hvor"), c.m);
      fprintf(sq, "UPDATE d SET g%d = (%s AND %s);\n", g, ptruth, c.s);
    }
    fprintf(mf, "%s\n", group_def[g]);
  }

  /* per goal: the statistics of its rows, then its target */
  fprintf(sq, "CREATE TABLE st(gid TEXT, part TEXT, mk TEXT, ud INT, scale INT, grp INT, tgu INT,"
              " ct INT, cu INT, nv INT, vsum INT, vmin INT, vmax INT, vdist INT);\n"
              "CREATE TABLE tgt(gid TEXT, kind TEXT, tp INT, tq INT, hp INT, hq INT, tol INT,"
              " lo_open INT, hi_open INT, side INT, hionly INT);\n");
  fprintf(mf, "%s 1 \"Orakel\" {\n  %s 1.1 \"Tilfældige mål\" {\n", kw("indsatsområde"), kw("indsats"));
  int ngoals = rr(6, 14);
  for (int i = 0; i < ngoals; i++) {
    const char *gid = fmt("1.1-%s", goal_label(i));
    int mk = rn(NMEASURE);
    int g = ngroups && chance(60) ? rn(ngroups) : -1;
    const char *G = g < 0 ? "borgere" : group_name[g];
    const char *tg = g < 0 ? "1" : fmt("g%d", g);
    int vcol = -1;
    static const int numcols[] = { C_ALDER, C_BORN, C_BELOB, C_SATS };
    if (mk == M_SUM || mk == M_AVG || mk == M_MIN || mk == M_MAX || mk == M_VALUE) vcol = numcols[rn(4)];
    if (mk == M_DISTINCT) vcol = rr(1, NCOL - 1);
    int has_cond = mk == M_SHARE || mk == M_VALUE || chance(60);
    Cond c = { "", "1", 7 };
    if (mk == M_VALUE && chance(80)) {
      int id = rr(1, nrows + 2);
      c.m = fmt("id = %d", id);
      c.s = fmt("(%s = %d)", sqlcol(C_ID), id);
      if (chance(30)) {
        Cond b = cond(1);
        c.m = fmt("%s og %s", c.m, par(b.m, b.p, 2));
        c.s = fmt("(%s AND %s)", c.s, b.s);
      }
    } else if (has_cond) {
      c = cond(rr(1, 3));
    }
    int ud = mk == M_SHARE && chance(40);
    int per = -1, per2 = -1;
    if (chance(mk == M_VALUE ? 5 : 25) && !(skip4 && g >= 0)) per = rr(1, NCOL - 1);
    if (per >= 0 && chance(30)) { /* a two-way breakdown (spec §11.3) */
      per2 = rr(1, NCOL - 2);
      if (per2 >= per) per2++;
    }
    Side s1 = { "", "NULL" }, s2 = { "", "NULL" };
    if (per >= 0) s1 = side(per, "pc");
    if (per2 >= 0) s2 = side(per2, "pc2");
    const char *by_m = per2 >= 0 ? fmt("%s %s %s", s1.m, kw("og"), s2.m) : s1.m;

    const char *meas;
    const char *vname = vcol >= 0 ? cols[vcol].name : "";
    switch (mk) {
    case M_COUNT: meas = fmt("%s %s", kw("antal"), G); break;
    case M_SHARE: meas = fmt("%s af %s", kw("andel"), G); break;
    case M_SUM: meas = fmt("sum %s af %s", vname, G); break;
    case M_AVG: meas = fmt("%s %s af %s", kw("gennemsnit"), vname, G); break;
    case M_MIN: meas = fmt("min %s af %s", vname, G); break;
    case M_MAX: meas = fmt("max %s af %s", vname, G); break;
    case M_DISTINCT: meas = fmt("antal %s %s af %s", kw("forskellige"), vname, G); break;
    default: meas = fmt("%s %s af %s", kw("værdi"), vname, G); break;
    }
    if (has_cond) meas = fmt("%s %s %s", meas, kw("hvor"), c.m);

    /* the target: near the numbers the measure can reach */
    long span; /* scaled by 100 */
    switch (mk) {
    case M_SHARE: span = 10000; break;
    case M_COUNT: case M_DISTINCT: span = (nrows * 2 / 3 + 2) * 100; break;
    default: span = vcol == C_BELOB ? 150000 : vcol == C_SATS ? 1500 : vcol == C_ALDER ? 8000 : 500;
      if (mk == M_SUM) span *= nrows > 4 ? nrows / 2 : 2;
      break;
    }
    int whole = chance(60) || mk == M_COUNT;
    long t = rn((int)span + 1), h = 0;
    if (whole) t = t / 100 * 100;
    else if (chance(50)) t = t / 10 * 10;
    int kind = rn(10), tol = 10;
    int lo_open = 0, hi_open = 0, hionly = 0; /* ranges (§8.1) */
    int side = mk == M_COUNT || mk == M_DISTINCT; /* 'about': 1 or more, -1 or fewer, 0 either way (§8.2) */
    if (mk != M_SHARE && chance(15)) t = -t; /* a negative target */
    if (chance(4)) t = 0;
    const char *tm;
    const char *unit = mk == M_SHARE ? " pct" : "";
    switch (kind) {
    case 0: tm = fmt("%s %s%s", kw("mindst"), tnum(t), unit); break;
    case 1: tm = fmt("%s %s%s", kw("højst"), tnum(t), unit); break;
    case 2: tm = fmt("%s %s%s", kw("præcis"), tnum(t), unit); break;
    case 3:
      if (t < 0) t = -t;
      h = t + rn((int)(span - t > 0 ? span - t : 0) + 1);
      if (whole) h = h / 100 * 100;
      if (h < t) h = t;
      tm = fmt("%s %s %s %s%s", kw("mellem"), tnum(t), kw("og"), tnum(h), unit);
      break;
    case 4: tm = fmt("%s %s%s", chance(50) ? "ca." : "cirka", tnum(t), unit); break;
    case 5:
      tol = rr(0, 30);
      tm = fmt("ca. %s%s tolerance %d pct", tnum(t), unit, tol);
      kind = 4;
      break;
    case 6: /* over / above: strictly greater (§8.1) */
      if (mk == M_SHARE && t >= 10000) t = 9900;
      tm = fmt("%s %s%s", chance(50) ? kw("over") : kw("above"), tnum(t), unit);
      kind = 5;
      break;
    case 7: /* under / below: strictly less */
      if (mk == M_SHARE && t <= 0) t = 100;
      tm = fmt("%s %s%s", chance(50) ? kw("under") : kw("below"), tnum(t), unit);
      kind = 6;
      break;
    case 8: { /* a range with open or closed ends, one end may be left out */
      if (t < 0) t = -t;
      h = t + rn((int)(span - t > 0 ? span - t : 0) + 1);
      if (whole) h = h / 100 * 100;
      if (h < t) h = t;
      int form = rn(3); /* 0: both ends, 1: a low end only, 2: a high end only */
      lo_open = chance(50);
      hi_open = chance(50);
      if (form == 0 && (lo_open || hi_open) && h == t) h = t + 100;
      if (mk == M_SHARE && h > 10000) h = 10000;
      if (mk == M_SHARE && form == 0 && t >= h) t = h - 100;
      if (mk == M_SHARE && form == 1 && lo_open && t >= 10000) t = 9900;
      if (mk == M_SHARE && form == 2 && hi_open && h <= 0) h = 100;
      if (form == 1) hi_open = 1;
      if (form == 2) lo_open = 1;
      tm = fmt("%c%s..%s%c%s", lo_open ? '(' : '[', form == 2 ? "" : tnum(t), form == 1 ? "" : tnum(h),
               hi_open ? ')' : ']', unit);
      if (form == 0) kind = lo_open || hi_open ? 7 : 3;
      else if (form == 1) kind = lo_open ? 5 : 0;
      else {
        kind = hi_open ? 6 : 1;
        t = h, h = 0, hionly = 1;
      }
      break;
    }
    default: { /* about with a side */
      static const char *const sides[][2] = {{"til begge sider", "either way"}, {"eller flere", "or more"},
                                             {"eller færre", "or fewer"}, {"eller mindre", "or less"}};
      int k = rn(4);
      side = k == 0 ? 0 : k == 1 ? 1 : -1;
      tm = fmt("ca. %s%s %s", tnum(t), unit, sides[k][chance(30)]);
      if (chance(50)) {
        tol = rr(0, 30);
        tm = fmt("%s tolerance %d pct", tm, tol);
      }
      kind = 4;
      break;
    }
    }
    if (mk == M_SHARE && t < 0) t = -t;
    static const char *const kinds[] = { "min", "max", "eq", "btw", "ca", "gt", "lt", "rng" };

    fprintf(mf, "    %s %s \"Mål %s\" {\n      %s %s\n      %s %s\n", kw("mål"), goal_label(i),
            goal_label(i), kw("måling"), meas, kw("krav"), tm);
    if (ud) fprintf(mf, "      %s %s\n", kw("udelad"), chance(50) ? "manglende" : "mangler");
    if (per >= 0) fprintf(mf, "      per %s\n", by_m);
    fprintf(mf, "      resultat \"g={gruppe} m={mangler}\"\n    }\n");
    fprintf(gf, "%s\t%s | krav %s%s%s\n", gid, meas, tm, ud ? " | udelad manglende" : "",
            per >= 0 ? fmt(" | per %s", by_m) : "");

    fprintf(sq, "INSERT INTO tgt VALUES ('%s', '%s', %ld, 100, %ld, 100, %d, %d, %d, %d, %d);\n", gid, kinds[kind], t,
            h, tol, lo_open, hi_open, side, hionly);
    const char *V = vcol >= 0 ? sqlcol(vcol) : "NULL";
    int scale = vcol >= 0 && cols[vcol].type == T_DEC ? 100 : 1;
    const char *pc = per >= 0 ? sqlcol(per) : "NULL", *pc2 = per2 >= 0 ? sqlcol(per2) : "NULL";
    const char *pname = per2 >= 0 ? fmt("(%s) || ' · ' || (%s)", s1.name, s2.name) : s1.name;
    const char *stats =
      "count(*) FILTER (WHERE tg IS 1), count(*) FILTER (WHERE tg IS NULL),"
      " count(*) FILTER (WHERE tg IS 1 AND c IS 1), count(*) FILTER (WHERE tg IS 1 AND c IS NULL),"
      " count(v) FILTER (WHERE tg IS 1 AND c IS 1), sum(v) FILTER (WHERE tg IS 1 AND c IS 1),"
      " min(v) FILTER (WHERE tg IS 1 AND c IS 1), max(v) FILTER (WHERE tg IS 1 AND c IS 1),"
      " count(DISTINCT v) FILTER (WHERE tg IS 1 AND c IS 1)";
    const char *rows = fmt("(SELECT (%s) AS tg, (%s) AS c, %s AS v, %s AS pc, %s AS pc2 FROM d)", tg, c.s, V, pc, pc2);
    fprintf(sq, "INSERT INTO st SELECT '%s', NULL, '%s', %d, %d, %s FROM %s;\n", gid,
            measure_name[mk], ud, scale, stats, rows);
    if (per >= 0) /* the parts: the values (or bands, or pairs) found among the rows of the group (§11) */
      fprintf(sq, "INSERT INTO st SELECT '%s', pn, '%s', %d, %d, %s FROM (SELECT *, %s AS pn FROM %s) WHERE tg IS 1 GROUP BY pn;\n",
              gid, measure_name[mk], ud, scale, stats, pname, rows);
  }
  fprintf(mf, "  }\n}\n");
  fclose(mf);
  fclose(gf);

  /* the rest, the same for every seed, is tests/oracle/compare.sql */
  fclose(sq);
  free_pool();
  return 0;
}
