/* source.c — open a data source, match or infer its columns, read fields. */
#include "source.h"
#include "msg.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uthash.h>

#include "calendar.h"
#include "utf8.h"

/* ---- temporary files: gone when the process is, even on a signal ---- */

enum { TEMP_MAX = 256 };
/* Written only with the signals below blocked, so the handler never sees
 * a slot half-changed; a path stays valid while it is registered. */
static const char *volatile temps[TEMP_MAX];
static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

static void block_signals(sigset_t *old) {
  sigset_t set;
  sigemptyset(&set);
  for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++) sigaddset(&set, caught[i]);
  sigprocmask(SIG_BLOCK, &set, old);
}

void src_temp_add(const char *path) {
  sigset_t old;
  block_signals(&old);
  for (int i = 0; i < TEMP_MAX; i++)
    if (!temps[i]) {
      temps[i] = path;
      break;
    }
  sigprocmask(SIG_SETMASK, &old, NULL);
}

void src_temp_forget(const char *path) {
  sigset_t old;
  block_signals(&old);
  for (int i = 0; i < TEMP_MAX; i++)
    if (temps[i] == path) temps[i] = NULL;
  sigprocmask(SIG_SETMASK, &old, NULL);
}

void src_temp_remove(const char *path) {
  src_temp_forget(path);
  unlink(path);
}

/* Only async-signal-safe calls: unlink, signal, raise.  The signal is
 * blocked while this runs, so raise() takes effect when it returns, with
 * the default action: the process ends as the sender meant. */
static void on_signal(int sig) {
  int saved = errno;
  for (int i = 0; i < TEMP_MAX; i++) {
    const char *p = temps[i];
    if (p) unlink(p);
  }
  signal(sig, SIG_DFL);
  raise(sig);
  errno = saved;
}

void src_catch_signals(void) {
  for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++) {
    struct sigaction old, sa = {0};
    /* a signal ignored by whoever started us (nohup) stays ignored */
    if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(caught[i], &sa, NULL);
  }
}

/* ---- fields ---- */

/* One of the source's own missing tokens (d->missing[0] is "", which
 * src_field has tested already). */
static bool is_other_missing(const data_decl *d, const char *s, size_t n) {
  for (size_t i = 1; i < d->nmissing; i++)
    if (d->missing[i][0] == s[0] && strlen(d->missing[i]) == n && memcmp(d->missing[i], s, n) == 0) return true;
  return false;
}

static inline bool is_missing(const data_decl *d, const char *s, size_t n) {
  return n == 0 || (d->nmissing > 1 && is_other_missing(d, s, n));
}

/* WORD2('a', 'b') and WORD4 are the texts "ab" and "abcd" as one load
 * of their bytes gives them; lower2 and lower4 load s[0..2) and s[0..4)
 * with 0x20 set in every byte, which makes a capital letter lowercase and
 * gives a lowercase letter only from that letter or its capital. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define WORD2(a, b) ((uint32_t)(a) << 8 | (uint32_t)(b))
#define WORD4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#else
#define WORD2(a, b) ((uint32_t)(a) | (uint32_t)(b) << 8)
#define WORD4(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
#endif
static inline uint32_t lower2(const char *s) {
  uint16_t x;
  memcpy(&x, s, 2);
  return (uint32_t)x | 0x2020;
}
static inline uint32_t lower4(const char *s) {
  uint32_t x;
  memcpy(&x, s, 4);
  return x | 0x20202020;
}

/* ja, nej, true or false in any case, two or four bytes at a time. */
static inline bool read_bool(const char *s, size_t n, bool *b) {
  switch (n) {
  case 2: *b = true; return lower2(s) == WORD2('j', 'a');
  case 3: *b = false; return lower2(s) == WORD2('n', 'e') && (s[2] | 0x20) == 'j';
  case 4: *b = true; return lower4(s) == WORD4('t', 'r', 'u', 'e');
  case 5: *b = false; return lower4(s) == WORD4('f', 'a', 'l', 's') && (s[4] | 0x20) == 'e';
  default: return false;
  }
}

static inline bool read_int(const char *s, size_t n, num *out) {
  size_t i = (n > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == n) return false;
  if (n - i <= 18) { /* fits int64 whatever the digits: what num_parse gives, in one pass */
    int64_t m = 0;
    for (size_t k = i; k < n; k++) {
      unsigned dg = (unsigned)(unsigned char)s[k] - '0';
      if (dg > 9) return false;
      m = m * 10 + (int64_t)dg;
    }
    out->n = s[0] == '-' ? -m : m;
    out->d = 1;
    return true;
  }
  for (; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return num_parse(s, n, '.', out);
}

/* Whether s[0..n) reads two ways (spec §4.5): a point after one to three
 * digits, the first not 0, and exactly three digits after it (1.000,
 * -12.500) is a decimal point to a file of decimal points, and a point
 * between thousands to the Danish way of writing numbers, while the
 * source does not say which its decimal sign is (no `decimaltegn`). */
bool src_two_readings(const data_decl *d, const char *s, size_t n) {
  if (d->decimal != '.' || n < 5 || s[n - 4] != '.') return false;
  size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0, lead = n - 4 - i;
  if (lead < 1 || lead > 3 || s[i] == '0') return false;
  for (size_t k = i; k < n; k++)
    if (k != n - 4 && (s[k] < '0' || s[k] > '9')) return false;
  for (const data_opt *o = d->opts; o; o = o->next)
    if (o->kind == OPT_DECIMAL) return false; /* said: the point is the decimal sign */
  return true;
}

/* A field's value, its text s[0..n) not a missing token. */
static inline bool read_value(const data_decl *d, vtype t, const char *s, size_t n, value *out) {
  switch (t) {
  case T_INT:
    out->kind = V_NUM;
    return read_int(s, n, &out->u.n);
  case T_DEC:
    out->kind = V_NUM;
    return num_parse(s, n, d->decimal, &out->u.n) && !(n >= 5 && s[n - 4] == '.' && src_two_readings(d, s, n));
  case T_BOOL:
    out->kind = V_BOOL;
    return read_bool(s, n, &out->u.b);
  case T_DATE:
    out->kind = V_DATE;
    return cal_parse_date(s, n, &out->u.date);
  case T_MONTH:
    out->kind = V_MONTH;
    return cal_parse_month(s, n, &out->u.month);
  case T_QUARTER:
    out->kind = V_QUARTER;
    return cal_parse_quarter(s, n, &out->u.quarter);
  default:
    out->kind = V_TEXT;
    out->u.t.s = s;
    out->u.t.len = n;
    return true;
  }
}

/* src_field for a source that names missing tokens of its own; not
 * inlined, so that the common path saves no registers for its call. */
__attribute__((noinline)) static bool read_field_tokens(const data_decl *d, vtype t, const char *s, size_t n, value *out) {
  if (is_other_missing(d, s, n)) {
    out->kind = V_MISSING;
    return true;
  }
  return read_value(d, t, s, n, out);
}

/* Called for every field of every row: "" always means missing (check_data.c
 * puts it first among the tokens), and most sources name no other, so
 * the common path is a test and a jump to the column type's reader. */
bool src_field(const data_decl *d, const column_decl *c, const csv_field *f, value *out) {
  const char *s = f->text;
  size_t n = f->len;
  if (n == 0) {
    out->kind = V_MISSING;
    return true;
  }
  if (d->nmissing > 1) return read_field_tokens(d, c->type, s, n, out);
  return read_value(d, c->type, s, n, out);
}

/* The readers of a column program (src_program): one per type, and one
 * for every column of a source with missing tokens of its own. */
enum { RD_TEXT, RD_INT, RD_DEC, RD_BOOL, RD_DATE, RD_MONTH, RD_QUARTER, RD_TOKENS };

/* A column in src_row's reading by columns' order: its field's position
 * in a record, and its reader and type. */
typedef struct {
  uint32_t pos;
  uint8_t read, type;
} col_step;

/* A column in the reading by readers: the byte offsets of its field in a
 * record and of its value in the row's values. */
typedef struct {
  uint32_t field, val;
} col_at;

struct src_prog {
  bool grouped;       /* the columns of each common reader read together (no missing tokens of the source's own) */
  size_t ntext, nint, nbool, ndate, nother; /* by: in this order */
  col_at *by;         /* the columns grouped by reader, then the others (decimals, months, quarters) */
  uint32_t *other;    /* the index of each of the others, for its type (col[]) */
  col_step col[];     /* every column, in d's order */
};

src_prog *src_program(const data_decl *d) {
  size_t n = d->ncol;
  src_prog *prog = xcalloc(1, sizeof *prog + (n + 1) * sizeof prog->col[0]);
  prog->by = xcalloc(n + 1, sizeof *prog->by);
  prog->other = xcalloc(n + 1, sizeof *prog->other);
  prog->grouped = d->nmissing <= 1;
  for (size_t i = 0; i < n; i++) {
    const column_decl *c = d->colv[i];
    uint8_t rd;
    switch (c->type) {
    case T_INT: rd = RD_INT; break;
    case T_DEC: rd = RD_DEC; break;
    case T_BOOL: rd = RD_BOOL; break;
    case T_DATE: rd = RD_DATE; break;
    case T_MONTH: rd = RD_MONTH; break;
    case T_QUARTER: rd = RD_QUARTER; break;
    default: rd = RD_TEXT; break;
    }
    prog->col[i] = (col_step){.pos = (uint32_t)c->pos, .read = d->nmissing > 1 ? RD_TOKENS : rd, .type = (uint8_t)c->type};
  }
  /* the groups, each in the columns' order */
  static const uint8_t order[] = {RD_TEXT, RD_INT, RD_BOOL, RD_DATE};
  size_t *count[] = {&prog->ntext, &prog->nint, &prog->nbool, &prog->ndate};
  size_t k = 0;
  for (size_t g = 0; g < sizeof order; g++)
    for (size_t i = 0; i < n; i++)
      if (prog->col[i].read == order[g]) {
        prog->by[k++] = (col_at){.field = (uint32_t)(prog->col[i].pos * sizeof(csv_field)), .val = (uint32_t)(i * sizeof(value))};
        (*count[g])++;
      }
  for (size_t i = 0; i < n; i++)
    if (prog->col[i].read != RD_TEXT && prog->col[i].read != RD_INT && prog->col[i].read != RD_BOOL && prog->col[i].read != RD_DATE) {
      prog->other[prog->nother] = (uint32_t)i;
      prog->by[k++] = (col_at){.field = (uint32_t)(prog->col[i].pos * sizeof(csv_field)), .val = (uint32_t)(i * sizeof(value))};
      prog->nother++;
    }
  /* the offsets are 32 bits: a source of some 178 million columns is read by columns */
  if ((uint64_t)n * sizeof(value) > UINT32_MAX) prog->grouped = false;
  for (size_t i = 0; i < n; i++)
    if ((uint64_t)prog->col[i].pos * sizeof(csv_field) > UINT32_MAX) prog->grouped = false;
  return prog;
}

void src_program_free(src_prog *prog) {
  if (!prog) return;
  free(prog->by);
  free(prog->other);
  free(prog);
}

/* read_int, with the common whole number (a digit first, at most 18
 * digits) read without the sign's tests, and one of one or two digits
 * without a loop. */
static inline bool read_whole(const char *s, size_t n, num *out) {
  unsigned dg = (unsigned)(unsigned char)s[0] - '0';
  if (dg > 9) return read_int(s, n, out);
  int64_t m = dg;
  if (n <= 2) { /* a count, an age: no loop */
    if (n == 2) {
      dg = (unsigned)(unsigned char)s[1] - '0';
      if (dg > 9) return false;
      m = m * 10 + (int64_t)dg;
    }
    out->n = m;
    out->d = 1;
    return true;
  }
  if (n > 18) return read_int(s, n, out);
  for (size_t k = 1; k < n; k++) {
    dg = (unsigned)(unsigned char)s[k] - '0';
    if (dg > 9) return false;
    m = m * 10 + (int64_t)dg;
  }
  out->n = m;
  out->d = 1;
  return true;
}

/* A date that is not 2007-12-31 as read_date reads it: 31-12-2007 or
 * 31.12.2007, or none; called seldom, so the common path saves no
 * registers for it. */
__attribute__((noinline)) static bool read_other_date(const char *s, size_t n, int32_t *days) {
  return (s[4] != '-' || s[7] != '-') && cal_parse_date(s, n, days);
}

/* A date as cal_parse_date reads it: the ISO form inline, the others
 * by it. */
__attribute__((always_inline)) static inline bool read_date(const char *s, size_t n, int32_t *days) {
  if (n != 10) return false;
  return cal_parse_iso(s, days) || read_other_date(s, n, days);
}

/* The columns from..ncol in their order, each by its step: what src_row
 * does after a column that is not of its type, and for a source with
 * missing tokens of its own. */
static size_t row_in_order(const data_decl *d, const src_prog *prog, const csv_field *fields, value *vals, size_t from) {
  size_t n = d->ncol;
  for (size_t i = from; i < n; i++) {
    const csv_field *f = &fields[prog->col[i].pos];
    const char *s = f->text;
    size_t len = f->len;
    value *v = &vals[i];
    if (len == 0) {
      v->kind = V_MISSING;
      continue;
    }
    switch (prog->col[i].read) {
    case RD_TEXT:
      v->kind = V_TEXT;
      v->u.t.s = s;
      v->u.t.len = len;
      break;
    case RD_INT:
      v->kind = V_NUM;
      if (!read_whole(s, len, &v->u.n)) return i;
      break;
    case RD_BOOL:
      v->kind = V_BOOL;
      if (!read_bool(s, len, &v->u.b)) return i;
      break;
    case RD_DATE:
      v->kind = V_DATE;
      if (!read_date(s, len, &v->u.date)) return i;
      break;
    case RD_TOKENS:
      if (!read_field_tokens(d, (vtype)prog->col[i].type, s, len, v)) return i;
      break;
    default: /* decimals, months, quarters */
      if (!read_value(d, (vtype)prog->col[i].type, s, len, v)) return i;
      break;
    }
  }
  return n;
}

#define FIELD_AT(a) ((const csv_field *)((const char *)fields + (a)->field))
#define VALUE_AT(a) ((value *)((char *)vals + (a)->val))

size_t src_row(const data_decl *d, const src_prog *prog, const csv_field *fields, value *vals, size_t from) {
  /* done for every column of every row.  A whole row is read by readers:
   * the texts together, then the whole numbers, the truth values and the
   * dates, each group in a loop of its own with nothing to decide but its
   * fields; should one not be of its type, the row is read again in the
   * columns' order, which finds the first such column. */
  if (from != 0 || !prog->grouped) return row_in_order(d, prog, fields, vals, from);
  const col_at *a = prog->by, *end;
  for (end = a + prog->ntext; a < end; a++) {
    const csv_field *f = FIELD_AT(a);
    value *v = VALUE_AT(a);
    size_t len = f->len;
    v->kind = len ? V_TEXT : V_MISSING;
    v->u.t.s = f->text;
    v->u.t.len = len;
  }
  for (end = a + prog->nint; a < end; a++) {
    const csv_field *f = FIELD_AT(a);
    value *v = VALUE_AT(a);
    if (f->len == 0) v->kind = V_MISSING;
    else if (v->kind = V_NUM, !read_whole(f->text, f->len, &v->u.n)) return row_in_order(d, prog, fields, vals, 0);
  }
  for (end = a + prog->nbool; a < end; a++) {
    const csv_field *f = FIELD_AT(a);
    value *v = VALUE_AT(a);
    if (f->len == 0) v->kind = V_MISSING;
    else if (v->kind = V_BOOL, !read_bool(f->text, f->len, &v->u.b)) return row_in_order(d, prog, fields, vals, 0);
  }
  for (end = a + prog->ndate; a < end; a++) {
    const csv_field *f = FIELD_AT(a);
    value *v = VALUE_AT(a);
    if (f->len == 0) v->kind = V_MISSING;
    else if (v->kind = V_DATE, !read_date(f->text, f->len, &v->u.date)) return row_in_order(d, prog, fields, vals, 0);
  }
  for (size_t k = 0; k < prog->nother; k++, a++) {
    const csv_field *f = FIELD_AT(a);
    value *v = VALUE_AT(a);
    if (f->len == 0) v->kind = V_MISSING;
    else if (!read_value(d, (vtype)prog->col[prog->other[k]].type, f->text, f->len, v)) return row_in_order(d, prog, fields, vals, 0);
  }
  return d->ncol;
}

const char *src_path(const data_decl *d) { return d->open_path ? d->open_path : d->resolved_path; }

const char *src_type_words(vtype t, char decimal) {
  switch (t) {
  case T_INT: return M("whole numbers (int)");
  case T_DEC: return decimal == ',' ? M("decimal numbers with a decimal comma") : M("decimal numbers with a decimal point");
  case T_BOOL: return M("ja or nej (bool)");
  case T_DATE: return M("dates such as 2007-12-31 or 31-12-2007");
  case T_MONTH: return M("months such as 2009-01");
  case T_QUARTER: return M("quarters such as 2009K1");
  default: return M("text");
  }
}

/* Digits led by a zero, "007" or "0147" (not "0", nor "0,5"): a code, as
 * postal codes, job centres' and municipalities' numbers are written;
 * read as a number it would lose its zeros, and "007" and "7" would be
 * one value (spec §4.4). */
static bool zero_led(const char *s, size_t n) {
  if (n < 2 || s[0] != '0') return false;
  for (size_t i = 1; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

/* What each column's sample values allow: a bit per type still possible. */
enum { MAY_INT = 1, MAY_DEC = 2, MAY_BOOL = 4, MAY_DATE = 8, MAY_MONTH = 16, MAY_QUARTER = 32 };

static unsigned allowed(const data_decl *d, const char *s, size_t n) {
  unsigned m = 0;
  num x;
  bool b;
  int32_t day;
  if (read_int(s, n, &x)) m |= MAY_INT;
  if (num_parse(s, n, d->decimal, &x)) m |= MAY_DEC;
  if (read_bool(s, n, &b)) m |= MAY_BOOL;
  if (cal_parse_date(s, n, &day)) m |= MAY_DATE;
  if (cal_parse_month(s, n, &day)) m |= MAY_MONTH;
  if (cal_parse_quarter(s, n, &day)) m |= MAY_QUARTER;
  return m;
}

static vtype pick(unsigned may, bool seen) {
  if (!seen) return T_TEXT;
  if (may & MAY_BOOL) return T_BOOL;
  if (may & MAY_INT) return T_INT;
  if (may & MAY_DEC) return T_DEC;
  if (may & MAY_DATE) return T_DATE;
  if (may & MAY_MONTH) return T_MONTH;
  if (may & MAY_QUARTER) return T_QUARTER;
  return T_TEXT;
}

static void suggest_column(diag *dg, span sp, const csv_record *h, const char *want) {
  /* the header column that shares the longest prefix, if any is close */
  const char *best = NULL;
  size_t best_len = 0;
  for (size_t i = 0; i < h->nfields; i++) {
    size_t k = 0;
    while (want[k] && want[k] == h->fields[i].text[k]) k++;
    if (k > best_len) best_len = k, best = h->fields[i].text;
  }
  if (best && best_len >= 3) diag_note(dg, sp, "the file has a column '%s'", best);
}

/* Standard input, a pipe or a device can be read only once, but a source
 * is read twice (the header and a sample for the checker, then every row):
 * keep a copy.  Where /proc/self/fd can reopen an open file, the copy has
 * no name from the moment it is made, so no signal or crash leaves the
 * (personal) data behind; elsewhere it has one, registered for removal. */
static int spool(ast_program *p, data_decl *d, diag *dg) {
  bool std = !strcmp(d->resolved_path, "-");
  FILE *in = std ? stdin : fopen(d->resolved_path, "rb");
  if (!in) {
    diag_error(dg, d->path_sp, "data '%s': cannot open '%s': %s", d->name, d->resolved_path, msg_strerror(errno));
    return -1;
  }
  const char *dir = getenv("TMPDIR");
  char *path = arena_printf(p->arena, "%s/maal-stdin-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd >= 0) src_temp_add(path);
  int wfd = fd >= 0 ? dup(fd) : -1;
  FILE *f = wfd >= 0 ? fdopen(wfd, "wb") : NULL;
  if (!f) {
    diag_error(dg, d->path_sp, "data '%s': cannot keep a copy of %s in %s: %s", d->name,
               std ? "standard input" : d->resolved_path, path, msg_strerror(errno));
    if (wfd >= 0) close(wfd);
    if (fd >= 0) {
      close(fd);
      src_temp_remove(path);
    }
    if (!std) fclose(in);
    return -1;
  }
  d->open_path = path;
  d->spooled = true;
  char *alias = arena_printf(p->arena, "/proc/self/fd/%d", fd);
  int probe = open(alias, O_RDONLY);
  if (probe >= 0) {
    close(probe);
    src_temp_remove(path);
    d->open_path = alias; /* src_cleanup closes fd */
  } else {
    close(fd);
  }
  char chunk[65536];
  size_t n;
  bool ok = true;
  while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) ok = ok && fwrite(chunk, 1, n, f) == n;
  bool read_ok = !ferror(in);
  ok = fclose(f) == 0 && ok;
  if (!std) fclose(in);
  if (!read_ok || !ok) {
    diag_error(dg, d->path_sp, "data '%s': cannot %s", d->name,
               !read_ok ? (std ? M("read standard input") : M("read the file")) : M("keep a copy of it (is the disk full?)"));
    return -1;
  }
  return 0;
}

void src_cleanup(ast_program *p) {
  for (int i = 0; i < p->ndata; i++) {
    data_decl *d = p->datav[i];
    if (!d->spooled) continue;
    int fd;
    if (sscanf(d->open_path, "/proc/self/fd/%d", &fd) == 1) close(fd);
    else src_temp_remove(d->open_path);
    d->spooled = false;
  }
}

/* Is this file read through a copy: anything but a regular file (a pipe,
 * <(command), a device, standard input) can be read only once. */
static bool read_once(const char *path) {
  struct stat st;
  return !strcmp(path, "-") || (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

/* Each name of the header once: a hash of the names seen (a pairwise test
 * took 30 s for 100 000 columns). */
typedef struct {
  UT_hash_handle hh;
} seen_name;

static int check_header(data_decl *d, diag *dg, const csv_record *h) {
  int rc = 0;
  seen_name *names = NULL, *slots = xcalloc(h->nfields ? h->nfields : 1, sizeof *slots);
  for (size_t i = 0; i < h->nfields; i++) {
    const csv_field *f = &h->fields[i];
    if (f->len == 0) {
      diag_error(dg, d->path_sp, "data '%s': %s:%u:%u: column %zu of the header has no name", d->name,
                 d->resolved_path, csv_field_line(h, f), csv_field_col(h, f), i + 1);
      rc = -1;
      continue;
    }
    seen_name *e;
    HASH_FIND(hh, names, f->text, f->len, e);
    if (e) {
      diag_error(dg, d->path_sp, "data '%s': %s:%u:%u: the header names column '%s' twice", d->name,
                 d->resolved_path, csv_field_line(h, f), csv_field_col(h, f), f->text);
      rc = -1;
      continue;
    }
    HASH_ADD_KEYPTR(hh, names, f->text, f->len, &slots[i]);
  }
  HASH_CLEAR(hh, names);
  free(slots);
  return rc;
}

/* The digits of a number maal cannot hold (more than 18 significant
 * ones), or 0: the text has a number's shape, yet num_parse refuses it. */
static size_t too_long(const data_decl *d, const char *s, size_t n) {
  size_t i = n && (s[0] == '-' || s[0] == '+') ? 1 : 0, digits = 0, lead = 0;
  bool sep = false, any = false;
  for (; i < n; i++) {
    if (s[i] >= '0' && s[i] <= '9') {
      if (!any && s[i] == '0' && !sep) lead++;
      else any = true;
      digits++;
    } else if (s[i] == d->decimal && !sep && digits) {
      sep = true;
    } else {
      return 0;
    }
  }
  num x;
  if (!digits || s[n - 1] == d->decimal || num_parse(s, n, d->decimal, &x)) return 0;
  return digits - lead;
}

/* A text with a space or a tab at its start or end ("Køge ", as a
 * database's fixed-width columns pad them): the first of the sample is
 * kept on its column, for the checker's warning where the column is
 * compared with a text (spec §4.5). */
static const char *shown_value(ast_program *p, const csv_field *f) {
  size_t n = f->len;
  if (n > 60) { /* a long value, cut between characters */
    n = 60;
    while (n > 0 && (f->text[n] & 0xC0) == 0x80) n--;
  }
  return arena_printf(p->arena, "%.*s%s", (int)n, f->text, n < f->len ? "…" : "");
}

static void note_spaced(ast_program *p, column_decl *c, const csv_record *rec, const csv_field *f) {
  if (f->len == 0) return;
  char a = f->text[0], z = f->text[f->len - 1];
  if (!c->spaced && (a == ' ' || a == '\t' || z == ' ' || z == '\t')) {
    c->spaced = shown_value(p, f);
    c->spaced_line = csv_field_line(rec, f);
  }
  if (!c->split && utf8_has_combining(f->text, f->len)) {
    c->split = shown_value(p, f);
    c->split_line = csv_field_line(rec, f);
  }
}

/* A file declared Windows-1252 or Latin-1 whose bytes are UTF-8 reads two
 * ways (spec §4.2): a UTF-8 byte-order mark, or characters of several
 * bytes in its first 64 KB that are all valid UTF-8 (bytes a Danish
 * Windows-1252 text would give, 'Køge' as 4B F8 67 65, are not).  An
 * error that shows a word both ways: 'Køge' as UTF-8, 'KÃ¸ge' as
 * declared. */
static int two_encodings(ast_program *p, data_decl *d, diag *dg) {
  if (d->encoding == CSV_UTF8) return 0;
  FILE *f = fopen(d->open_path, "rb");
  if (!f) return 0; /* said when it is read */
  unsigned char b[65536];
  size_t n = fread(b, 1, sizeof b, f);
  fclose(f);
  bool bom = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
  size_t first = n, at = bom ? 3 : 0;
  for (size_t i = at; i + 4 <= n; i++) { /* a sequence cut by the 64 KB is not looked at */
    if (b[i] < 0x80) continue;
    int len = utf8_len(b + i, n - i);
    if (len < 2) return 0; /* not UTF-8: the declared encoding it is */
    if (first == n) first = i;
    i += (size_t)len - 1;
  }
  if (!bom && first == n) return 0; /* ASCII: the same either way */
  /* the field around the first character of several bytes (or the first field) */
  size_t lo = first == n ? at : first, hi = lo;
  while (lo > at && !strchr(",;\t\r\n\"", b[lo - 1])) lo--;
  while (hi < n && !strchr(",;\t\r\n\"", b[hi])) hi++;
  if (hi - lo > 60) hi = lo + 60;
  buf as_utf8 = {0}, as_declared = {0};
  for (size_t i = lo; i < hi; i++) {
    unsigned char u[3];
    size_t k = csv_byte_utf8((csv_encoding)d->encoding, b[i], u);
    if (k) buf_add(&as_declared, (const char *)u, k);
    else buf_adds(&as_declared, "\xEF\xBF\xBD"); /* U+FFFD */
  }
  size_t cut = lo; /* whole characters only */
  for (int len; cut < hi && (len = utf8_len(b + cut, n - cut)) > 0 && cut + (size_t)len <= hi;) cut += (size_t)len;
  buf_add(&as_utf8, (const char *)b + lo, cut - lo);
  const char *name = d->encoding == CSV_WINDOWS_1252 ? "windows-1252" : "latin-1";
  if (bom)
    diag_error(dg, d->path_sp, "data '%s': %s is declared %s, but it starts with UTF-8's byte-order mark, and reads two ways: '%s' as UTF-8, '%s' as %s",
               d->name, d->resolved_path, name, buf_str(&as_utf8), buf_str(&as_declared), name);
  else
    diag_error(dg, d->path_sp, "data '%s': %s is declared %s, but its bytes are UTF-8, and it reads two ways: '%s' as UTF-8, '%s' as %s",
               d->name, d->resolved_path, name, buf_str(&as_utf8), buf_str(&as_declared), name);
  diag_note(dg, d->path_sp, "if the file is UTF-8, leave out 'tegnsæt' (English 'encoding')");
  (void)p;
  buf_free(&as_utf8);
  buf_free(&as_declared);
  return -1;
}

int src_load_columns(ast_program *p, data_decl *d, diag *dg, void *ctx) {
  csv_error err = {0};
  d->open_path = d->resolved_path;
  struct stat st;
  if (strcmp(d->resolved_path, "-") && stat(d->resolved_path, &st) == 0 && S_ISDIR(st.st_mode)) {
    diag_error(dg, d->path_sp, "data '%s': %s is a folder, not a file", d->name, d->resolved_path);
    return -1;
  }
  if (read_once(d->resolved_path) && spool(p, d, dg) != 0) return -1;
  if (two_encodings(p, d, dg) != 0) return -1;
  csv_reader *r = csv_open(d->open_path, d->delim, &err);
  if (r) csv_set_encoding(r, (csv_encoding)d->encoding);
  if (!r) {
    diag_error(dg, d->path_sp, "data '%s': %s", d->name, err.message);
    return -1;
  }
  csv_record *h = NULL;
  int got = csv_next(r, &h, &err);
  if (got <= 0) {
    if (got == 0) diag_error(dg, d->path_sp, "data '%s': %s is empty; it needs at least a header line", d->name, d->resolved_path);
    else diag_error(dg, d->path_sp, "data '%s': %s:%u:%u: %s", d->name, d->resolved_path, err.line, err.col, err.message);
    csv_close(r);
    return -1;
  }
  int rc = check_header(d, dg, h); /* names must be there and unique */
  if (rc) {
    csv_close(r);
    return rc;
  }
  size_t ncol = h->nfields;
  if (d->cols_declared) {
    size_t n = 0;
    for (column_decl *c = d->cols; c; c = c->next) n++;
    d->colv = arena_alloc(p->arena, (n ? n : 1) * sizeof *d->colv);
    for (column_decl *c = d->cols; c; c = c->next) {
      c->pos = -1;
      for (size_t i = 0; i < ncol; i++)
        if (strcmp(h->fields[i].text, c->name) == 0) c->pos = (int)i;
      if (c->pos < 0) {
        diag_error(dg, c->sp, "column '%s' is declared, but the header of %s has no such column", c->name, d->resolved_path);
        suggest_column(dg, c->sp, h, c->name);
        rc = -1;
        continue;
      }
      d->colv[d->ncol++] = c;
    }
    /* a sample of the text columns' values, for note_spaced; a broken
     * row is left for the pass to report */
    csv_record *rec;
    for (int k = 0; rc == 0 && k < SRC_SAMPLE_ROWS && csv_next(r, &rec, &err) > 0; k++)
      for (size_t i = 0; i < d->ncol; i++)
        if (d->colv[i]->type == T_TEXT && (size_t)d->colv[i]->pos < rec->nfields)
          note_spaced(p, d->colv[i], rec, &rec->fields[d->colv[i]->pos]);
    csv_close(r);
    return rc;
  }
  /* Infer: every column as the narrowest type all sampled values fit. */
  d->colv = arena_alloc(p->arena, (ncol ? ncol : 1) * sizeof *d->colv);
  unsigned *may = xcalloc(ncol, sizeof *may);
  bool *seen = xcalloc(ncol, sizeof *seen);
  for (size_t i = 0; i < ncol; i++) {
    column_decl *c = arena_alloc(p->arena, sizeof *c);
    c->name = arena_strdup(p->arena, h->fields[i].text);
    c->sp = d->sp;
    c->pos = (int)i;
    c->inferred = true;
    d->colv[d->ncol++] = c;
    may[i] = MAY_INT | MAY_DEC | MAY_BOOL | MAY_DATE | MAY_MONTH | MAY_QUARTER;
  }
  csv_record *rec;
  FILE *out = ctx ? ctx : stderr;
  int bad = 0;
  for (int k = 0; k < SRC_SAMPLE_ROWS && bad < SRC_ERROR_LIMIT; k++) {
    int got2 = csv_next(r, &rec, &err);
    if (got2 == 0) break;
    if (got2 < 0) { /* in the data file's own terms, as when reading it */
      fprintf(out, T("%s:%u:%u: error: %s\n"), d->resolved_path, err.line, err.col, err.message);
      rc = -1;
      bad++;
      continue;
    }
    bool again = rec->nfields == ncol; /* the header repeated: no values, and the pass says so */
    for (size_t i = 0; again && i < ncol; i++) again = !strcmp(rec->fields[i].text, d->colv[i]->name);
    for (size_t i = 0; !again && i < ncol && i < rec->nfields; i++) {
      const csv_field *f = &rec->fields[i];
      if (is_missing(d, f->text, f->len)) continue;
      size_t digits = too_long(d, f->text, f->len);
      if (digits) { /* an error at the value, not a column taken for text */
        fprintf(out, T("%s:%u:%u: error: column '%s': the number '%.*s' has %zu digits; maal numbers have at most 18\n"),
                d->resolved_path, csv_field_line(rec, f), csv_field_col(rec, f), d->colv[i]->name, (int)(f->len > 60 ? 60 : f->len), f->text, digits);
        rc = -1;
        bad++;
        continue;
      }
      seen[i] = true;
      may[i] &= allowed(d, f->text, f->len);
      if (zero_led(f->text, f->len)) {
        may[i] &= ~(unsigned)(MAY_INT | MAY_DEC);
        if (!d->colv[i]->zero_led) d->colv[i]->zero_led = arena_strdup(p->arena, f->text);
      }
      note_spaced(p, d->colv[i], rec, f);
    }
  }
  for (size_t i = 0; i < ncol; i++) {
    d->colv[i]->type = pick(may[i], seen[i]);
    d->colv[i]->unsampled = !seen[i];
    if (d->colv[i]->type != T_TEXT) d->colv[i]->spaced = d->colv[i]->split = d->colv[i]->zero_led = NULL; /* " 30" is no number: the pass says so */
  }
  free(may);
  free(seen);
  csv_close(r);
  return rc;
}
