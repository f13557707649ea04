/* csv.c — a streaming CSV reader: RFC 4180, BOM, delimiter detection, UTF-8 checks. */
#include "csv.h"
#include "msg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
/* On x86 an AVX2 classifier (and plain compiled for it) is built too,
 * for the CPUs that have it: the build itself asks for no more than
 * SSE2, and csv_open_stream asks the CPU once per reader. */
#if defined(__GNUC__) && defined(__x86_64__)
#define CSV_AVX2 1
#include <immintrin.h>
#endif

#include "mem.h"
#include "shabg.h"
#include "utf8.h"

enum {
  WINDOW = 64 * 1024,              /* bytes read per refill */
  WINDOW_MIN = 16,                 /* csv_set_window: room for a UTF-8 sequence and more */
  LOOKAHEAD_MAX = 64 * 1024 * 1024, /* detection gives up after this much */
  UNDEFINED_MARK = 0xFF,           /* never in UTF-8: marks a byte Windows-1252 leaves undefined */
  BLOCK = 64,                      /* bytes classified at a time (run_end) */
  PAD = BLOCK,                     /* zero bytes after the window: a block may start at its sentinel */
  FMISS_MAX = 32                   /* records plain is not tried on at most after giving up (fskip) */
};

enum { NO_HOLD = -1 }; /* as a size_t: no record's bytes are held in the window */

struct csv_reader {
  FILE *f;
  bool own;          /* csv_close closes f */
  unsigned char *in; /* input window; in[end] is always a NUL sentinel */
  size_t cap;        /* bytes the window holds (plus the sentinel and PAD) */
  size_t pos, end;   /* next unread byte; end of the bytes read */
  size_t hold;       /* first byte of the record being read or last returned: refill keeps it and
                        what follows (growing the window if need be), since the fields are in it */
  uint64_t base;     /* file offset of in[0] */
  bool eof;          /* the stream has no more bytes */
  int ioerr;         /* errno of a read error, reported once at the end */
  bool readfail;     /* a read failed (ioerr is cleared once reported) */
  bool started;      /* BOM and delimiter handled */
  csv_encoding enc;  /* the file's bytes, turned into UTF-8 when read */
  unsigned char *raw;/* bytes read before they are turned into UTF-8 */
  size_t rawcap;
  char delim;        /* 0 until detected */
  /* run_end's classified block (masks): bit k of spec is set when
   * in[bstart + k] is a quote, a control byte up to CR or not ASCII; of
   * dlm, when it is the delimiter.  bvalid is false until a block is
   * classified and after refill changes the window. */
  size_t bstart;
  uint64_t spec, dlm;
  bool bvalid;
  uint64_t qspec; /* spec of quick's block: read only inside quotes, so not in a register */
  /* plain's last block, from in[fstart], as masks; fvalid is false until
   * one is classified and after refill changes the window. */
  size_t fstart;
  uint64_t fspec, fdlm;
  bool fvalid;
  /* After plain gives up on a record it is not tried on the next fskip
   * records; fskip is fmiss, which doubles with each miss (up to
   * FMISS_MAX) and is 0 again after a record plain read: a file of
   * quoted records costs plain little. */
  unsigned fskip, fmiss;
  bool noplain, noquick; /* csv_set_paths */
  bool wide;             /* the AVX2 classifier and plain (csv_set_wide) */
  size_t dirty; /* the fields before this index may be quoted: plain, which writes no quoted flag, clears them first */
  /* quick's last block, where the next record may begin: its stop bits
   * from the record's end on (qleft) from in[qstart]; qvalid is false
   * when quick gave up and after refill changes the window. */
  size_t qstart;
  uint64_t qleft;
  bool qvalid;
  uint32_t line, col;        /* position of in[pos] */
  csv_field *fields;
  size_t *offs;              /* each field's text: its offset from in[hold] */
  uint32_t *cols;            /* each field's column, when eager (csv_field_col) */
  uint32_t *lines;           /* each field's line, when eager (csv_field_line) */
  bool eager;                /* the current record's columns and lines are in cols and lines, not
                                counted from its bytes and its line */
  size_t nfields, fcap;
  size_t header_n;  /* fields in the first good record; 0 before it */
  uint64_t nrec;
  csv_record rec;
  shabg *sha;             /* csv_digest_start: the SHA-256 of the bytes read, on a thread */
  uint64_t nraw;          /* bytes read from the file, as they are */
};

__attribute__((format(printf, 4, 5)))
static int fail(csv_error *e, uint32_t line, uint32_t col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->message, sizeof e->message, msg_tr(fmt), ap);
  va_end(ap);
  e->line = line;
  e->col = col;
  return -1;
}

/* Windows-1252's characters at 0x80–0x9F (where Latin-1 has control
 * codes); 0 for the five bytes it leaves undefined. */
static const uint16_t cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* One byte of enc as UTF-8 at out; returns the bytes written (1 to 3).
 * A byte Windows-1252 does not define becomes UNDEFINED_MARK and the byte
 * itself: not UTF-8, so the parser stops there and badbyte names it at
 * its line and column (where the conversion here cannot). */
static size_t to_utf8(csv_encoding enc, unsigned char b, unsigned char *out) {
  unsigned cp = b;
  if (enc == CSV_WINDOWS_1252 && b >= 0x80 && b < 0xA0) {
    cp = cp1252[b - 0x80];
    if (!cp) {
      out[0] = UNDEFINED_MARK;
      out[1] = b;
      return 2;
    }
  }
  if (cp < 0x80) {
    out[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (unsigned char)(0xC0 | (cp >> 6));
    out[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  out[0] = (unsigned char)(0xE0 | (cp >> 12));
  out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  out[2] = (unsigned char)(0x80 | (cp & 0x3F));
  return 3;
}

void csv_set_encoding(csv_reader *r, csv_encoding e) { r->enc = e; }

size_t csv_byte_utf8(csv_encoding e, unsigned char b, unsigned char out[3]) {
  if (e == CSV_UTF8 && b >= 0x80) return 0;
  size_t n = to_utf8(e, b, out);
  return out[0] == UNDEFINED_MARK && n == 2 ? 0 : n;
}

/* Make the window hold `cap` bytes.  Every byte of the allocation is
 * always written (the new ones zeroed): run_end's 8-byte loads may look a
 * few bytes past the sentinel, and what they see there must be defined. */
static void window_resize(csv_reader *r, size_t cap) {
  size_t old = r->in ? r->cap + 1 + PAD : 0, size = cap + 1 + PAD;
  r->in = xrealloc(r->in, size);
  if (size > old) memset(r->in + old, 0, size - old);
  r->cap = cap;
}

void csv_set_window(csv_reader *r, size_t bytes) {
  if (r->started) return; /* parse keeps a pointer into the window */
  window_resize(r, bytes < WINDOW_MIN ? WINDOW_MIN : bytes);
}

/* Move the unread bytes from *i on to the front of the window and read
 * more after them; *i becomes 0.  Returns true when new bytes arrived. */
static bool refill(csv_reader *r, size_t *i) {
  if (r->eof) return false;
  size_t from = r->hold < *i ? r->hold : *i; /* the held record stays */
  if (from > 0) {
    memmove(r->in, r->in + from, r->end - from);
    r->base += from;
    r->end -= from;
    *i -= from;
    if (r->hold != (size_t)NO_HOLD) r->hold -= from;
  }
  size_t want = r->cap - r->end;
  if (r->enc != CSV_UTF8) want /= 3; /* a byte becomes at most 3 in UTF-8 */
  if (want == 0) {                   /* a record as long as the window */
    window_resize(r, 2 * r->cap);
    want = r->cap - r->end;
    if (r->enc != CSV_UTF8) want /= 3;
  }
  if (r->enc != CSV_UTF8 && want > r->rawcap) r->raw = xrealloc(r->raw, r->rawcap = want);
  r->bvalid = r->qvalid = r->fvalid = false; /* the bytes classified may move */
  unsigned char *into = r->enc != CSV_UTF8 ? r->raw : r->in + r->end;
  size_t got = want ? fread(into, 1, want, r->f) : 0;
  if (r->sha && got) shabg_add(r->sha, into, got);
  r->nraw += got;
  /* fread returns short only at end of file or on an error */
  if (got < want) {
    r->eof = true;
    if (ferror(r->f)) {
      r->ioerr = errno ? errno : EIO;
      r->readfail = true;
      shabg_abandon(r->sha); /* the digest of part of a file is no digest */
      r->sha = NULL;
    }
  }
  if (r->enc != CSV_UTF8) {
    size_t start = r->end;
    for (size_t k = 0; k < got; k++) r->end += to_utf8(r->enc, r->raw[k], r->in + r->end);
    r->in[r->end] = 0;
    return r->end > start;
  }
  r->end += got;
  r->in[r->end] = 0;
  return got > 0;
}

/* Try to have k bytes readable from *i on; returns how many there are.
 * Like refill, it may move the window's bytes and the window itself:
 * read r->in after it. */
static size_t avail(csv_reader *r, size_t *i, size_t k) {
  while (r->end - *i < k && refill(r, i)) {
  }
  return r->end - *i;
}

/* The UTF-8 sequence at *i (may refill to see all of it). */
static int u8at(csv_reader *r, size_t *i) {
  avail(r, i, 4);
  return utf8_len(r->in + *i, r->end - *i);
}

/* Room for twice the fields (and their offsets).  The new fields are
 * not quoted (plain counts on it). */
static void morefields(csv_reader *r) {
  size_t old = r->fcap;
  r->fcap = r->fcap ? 2 * r->fcap : 16;
  r->fields = xrealloc(r->fields, r->fcap * sizeof *r->fields);
  for (size_t k = old; k < r->fcap; k++) r->fields[k].quoted = false;
  r->offs = xrealloc(r->offs, r->fcap * sizeof *r->offs);
  r->cols = xrealloc(r->cols, r->fcap * sizeof *r->cols);
  r->lines = xrealloc(r->lines, r->fcap * sizeof *r->lines);
}

/* Start a field at (line, col).  Its text is set when the record is
 * complete (the window may move until then); r->offs keeps where. */
static csv_field *addfield(csv_reader *r, uint32_t line, uint32_t col) {
  if (r->nfields == r->fcap) morefields(r);
  r->cols[r->nfields] = col;
  r->lines[r->nfields] = line;
  csv_field *f = &r->fields[r->nfields++];
  f->text = NULL;
  f->len = 0;
  f->quoted = false;
  return f;
}

/* A quoted field's text is unescaped where it lies: n bytes from in[s]
 * move to its write offset *w (from in[hold]), behind s once a doubled
 * quote has been read, at s until then (nothing moves). */
static inline void keep(csv_reader *r, size_t *w, size_t s, size_t n) {
  unsigned char *to = r->in + r->hold + *w;
  if (to != r->in + s) memmove(to, r->in + s, n);
  *w += n;
}

/* Skip to just past the end of the physical line at *i. */
static void skipline(csv_reader *r, size_t *i, uint32_t *line, uint32_t *col) {
  for (;;) {
    unsigned char c = r->in[*i];
    if (c == '\n') {
      (*i)++;
      break;
    }
    if (c == '\r') {
      (*i)++;
      if (avail(r, i, 1) && r->in[*i] == '\n') (*i)++;
      break;
    }
    if (c == 0 && *i == r->end) {
      if (!refill(r, i)) return; /* end of file: nothing left to skip */
      continue;
    }
    (*i)++;
  }
  (*line)++;
  *col = 1;
}

/* Report the bad byte at i (at line:col), skip the rest of its line and
 * save the position.  afterquote: the byte follows a closing quote. */
static int badbyte(csv_reader *r, size_t i, uint32_t line, uint32_t col, bool afterquote,
                   csv_error *err) {
  r->hold = (size_t)NO_HOLD; /* the bad record is dropped: skipline need not keep it */
  int n = u8at(r, &i); /* may shift the bytes: take p after it */
  const unsigned char *p = r->in + i;
  if (*p == 0) {
    fail(err, line, col, "a NUL byte; this does not look like a text file");
  } else if (n == 0 && *p == UNDEFINED_MARK && r->enc == CSV_WINDOWS_1252) {
    fail(err, line, col, "byte 0x%02X is not defined in Windows-1252; is the file saved in another encoding?", p[1]);
  } else if (n == 0) {
    fail(err, line, col, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8, or give its encoding in the rules: encoding \"windows-1252\"", *p);
  } else if (!afterquote) {
    fail(err, line, col,
         "a quote inside an unquoted field; put the whole field in quotes and double the quote");
  } else {
    char shown[8];
    if (*p == '\t')
      strcpy(shown, "\\t");
    else if (*p < 0x20 || *p == 0x7F)
      snprintf(shown, sizeof shown, "\\x%02X", *p);
    else {
      memcpy(shown, p, (size_t)n);
      shown[n] = 0;
    }
    fail(err, line, col,
         "unexpected character '%s' after a closing quote; a quote inside a quoted field "
         "must be doubled (\"\")",
         shown);
  }
  skipline(r, &i, &line, &col);
  r->pos = i;
  r->line = line;
  r->col = col;
  return -1;
}

/* The delimiter that occurs most often outside quotes in the first record
 * (ties: ',' then ';' then TAB; ',' when none).  Looks ahead without
 * consuming, growing the window when the record is longer than it. */
static char detect(csv_reader *r) {
  size_t n[3] = {0, 0, 0};
  bool inq = false, begun = false;
  size_t j = r->pos;
  for (;;) {
    if (j == r->end) {
      if (r->eof || j - r->pos >= LOOKAHEAD_MAX) break;
      /* Grow when the unconsumed bytes leave no room for a refill to add
       * one: a Windows-1252 byte needs 3 (an exactly full window is not
       * enough of a test; without this, detection looped for ever). */
      if (r->cap - (r->end - r->pos) < 4) window_resize(r, r->cap * 2);
      size_t shift = r->pos;
      refill(r, &r->pos);
      j -= shift;
      continue;
    }
    unsigned char c = r->in[j++];
    if (c == '"') {
      inq = !inq;
      begun = true;
    } else if (inq) {
      continue;
    } else if (c == '\n' || c == '\r') {
      if (begun) break; /* empty lines before the header are not it */
    } else {
      begun = true;
      n[0] += c == ',';
      n[1] += c == ';';
      n[2] += c == '\t';
    }
  }
  char best = ',';
  size_t most = n[0];
  if (n[1] > most) {
    best = ';';
    most = n[1];
  }
  if (n[2] > most) best = '\t';
  return best;
}

/* Skip the BOM, settle the delimiter and build the byte classes. */
static void start(csv_reader *r) {
  r->started = true;
  size_t i = r->pos;
  if (avail(r, &i, 3) >= 3 && memcmp(r->in + i, "\xEF\xBB\xBF", 3) == 0) i += 3;
  r->pos = i;
  if (!r->delim) r->delim = detect(r);
}

/* A block's classes: bit k of spec is set when its byte k is a quote, a
 * control byte up to CR (NUL, LF and CR among them: one comparison finds
 * them all, and the few others are passed over where a run stops) or not
 * ASCII; of dlm, when it is the delimiter. */
typedef struct {
  uint64_t spec, dlm;
} classes;

/* Classify the BLOCK bytes from p on (d: the delimiter).  With SSE2
 * (every x86-64) sixteen bytes per step; elsewhere one at a time.
 * Inlined into plain, which keeps its constants over a record; the
 * others call masks (below). */
static inline __attribute__((always_inline)) classes masks_base(const unsigned char *p, unsigned char d) {
  uint64_t s = 0, m = 0;
#ifdef __SSE2__
  /* The plain bytes are CR+1 to 0x7F but the quote: as signed bytes,
   * greater than CR (the bytes not ASCII are negative). */
  const __m128i q = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), dv = _mm_set1_epi8((char)d);
#pragma GCC unroll 4
  for (int k = 0; k < BLOCK; k += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
    __m128i plain = _mm_andnot_si128(_mm_cmpeq_epi8(x, q), _mm_cmpgt_epi8(x, cr));
    s |= (uint64_t)(unsigned)_mm_movemask_epi8(plain) << k; /* 16 bits: not widened again */
    m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, dv)) << k;
  }
  s = ~s;
#else
  for (int k = 0; k < BLOCK; k++) {
    unsigned char c = p[k];
    s |= (uint64_t)(c == '"' || c <= '\r' || c >= 0x80) << k;
    m |= (uint64_t)(c == d) << k;
  }
#endif
  return (classes){s, m};
}

/* The same one byte at a time: what the others are tested against. */
static classes masks_bytes(const unsigned char *p, unsigned char d) {
  uint64_t s = 0, m = 0;
  for (int k = 0; k < BLOCK; k++) {
    unsigned char c = p[k];
    s |= (uint64_t)(c == '"' || c <= '\r' || c >= 0x80) << k;
    m |= (uint64_t)(c == d) << k;
  }
  return (classes){s, m};
}

#ifdef CSV_AVX2
/* The same with AVX2: thirty-two bytes per step, two steps a block. */
__attribute__((target("avx2"), always_inline)) static inline classes masks_wide(const unsigned char *p, unsigned char d) {
  const __m256i q = _mm256_set1_epi8('"'), cr = _mm256_set1_epi8('\r'), dv = _mm256_set1_epi8((char)d);
  __m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
  __m256i x1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
  uint64_t s0 = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(_mm256_cmpeq_epi8(x0, q), _mm256_cmpgt_epi8(x0, cr)));
  uint64_t s1 = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(_mm256_cmpeq_epi8(x1, q), _mm256_cmpgt_epi8(x1, cr)));
  uint64_t m0 = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x0, dv));
  uint64_t m1 = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x1, dv));
  return (classes){~(s0 | s1 << 32), m0 | m1 << 32};
}

__attribute__((target("avx2"), noinline)) static classes masks_avx2(const unsigned char *p, unsigned char d) {
  return masks_wide(p, d);
}

/* The CPU runs AVX2, and the BMI instructions plain_avx2 is built with. */
static bool has_avx2(void) {
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
}
#endif

/* Not inlined: quick's loop over fields then holds none of its vector
 * constants. */
__attribute__((noinline)) static classes masks_sse(const unsigned char *p, unsigned char d) { return masks_base(p, d); }

/* The classifier of r's CPU (r->wide). */
static inline classes masks(const csv_reader *r, const unsigned char *p, unsigned char d) {
#ifdef CSV_AVX2
  if (r->wide) return masks_avx2(p, d);
#else
  (void)r;
#endif
  return masks_sse(p, d);
}

bool csv_masks_agree(const unsigned char *p, char delim) {
  unsigned char d = (unsigned char)delim;
  classes want = masks_bytes(p, d), got = masks_base(p, d);
  if (got.spec != want.spec || got.dlm != want.dlm) return false;
#ifdef CSV_AVX2
  if (has_avx2()) {
    got = masks_avx2(p, d);
    if (got.spec != want.spec || got.dlm != want.dlm) return false;
  }
#endif
  return true;
}

/* Classify the BLOCK bytes from in[i] on into r->spec and r->dlm (the
 * window's PAD zero bytes keep the reads inside it). */
static void classify(csv_reader *r, size_t i) {
  classes c = masks(r, r->in + i, (unsigned char)r->delim);
  r->spec = c.spec;
  r->dlm = c.dlm;
  r->bstart = i;
  r->bvalid = true;
}

/* A control byte spec marks that ends no run: not NUL, LF or CR, nor
 * the delimiter outside quotes. */
static inline bool plain_control(unsigned char c, unsigned char d, bool quoted) {
  return c != 0 && c < '\r' && c != '\n' && (quoted || c != d);
}

/* Where the run of plain bytes from in[i] on ends: the first byte that is
 * a quote, a line end, a NUL (the sentinel at the window's end among
 * them), not ASCII (a UTF-8 sequence, checked by the caller), or, outside
 * quotes, the delimiter.  A block of bytes is classified once into bit
 * masks (classify), and each run after that is a shift and a count of
 * zeros. */
static inline size_t run_end(csv_reader *r, size_t i, bool quoted) {
  for (;;) {
    if (r->bvalid && i >= r->bstart && i - r->bstart < BLOCK) {
      unsigned k = (unsigned)(i - r->bstart);
      uint64_t m = (r->spec | (quoted ? 0 : r->dlm)) >> k;
      if (m) {
        i += (size_t)__builtin_ctzll(m);
        if (!plain_control(r->in[i], (unsigned char)r->delim, quoted)) return i;
        i++;
        continue;
      }
      i = r->bstart + BLOCK;
    }
    classify(r, i);
  }
}

/* The UTF-8 sequence at *i, without a call when four bytes are in the window. */
static inline int u8here(csv_reader *r, size_t *i) {
  return r->end - *i >= 4 ? utf8_len(r->in + *i, 4) : u8at(r, i);
}

/* quick's place in the record: the block of BLOCK bytes from base on
 * as masks, the bits of it not passed yet (left: of the bytes a run
 * stops at outside quotes, spec | dlm), and the next field to fill.  A
 * local of quick: through r, the masks would be read again after every
 * NUL written into the window (a char store may change anything). */
typedef struct {
  csv_reader *r;
  unsigned char *base;
  uint64_t left;
  csv_field *f;
} cursor;

/* Each field quick fills ends at a byte whose bit it passes, so a block
 * ends at most BLOCK fields, and one more is begun: the room for them is
 * made for each block, not for each field. */
static inline void room(cursor *k) {
  csv_reader *r = k->r;
  size_t n = (size_t)(k->f - r->fields);
  if (r->fcap - n <= BLOCK) {
    while (r->fcap - n <= BLOCK) morefields(r);
    k->f = r->fields + n;
  }
}

/* Classify the block from at on: it becomes the cursor's. */
static inline void classify_at(cursor *k, unsigned char *at) {
  csv_reader *r = k->r;
  classes c = masks(r, at, (unsigned char)r->delim);
  k->base = at;
  r->qspec = c.spec;
  k->left = c.spec | c.dlm;
  room(k);
}

/* Classify the next block. */
static inline void advance(cursor *k) { classify_at(k, k->base + BLOCK); }

/* The next byte a run stops at outside quotes: a delimiter, or what
 * spec marks.  Its bit is passed. */
static inline unsigned char *next_stop(cursor *k) {
  while (!k->left) advance(k);
  unsigned char *at = k->base + __builtin_ctzll(k->left);
  k->left &= k->left - 1;
  return at;
}

/* The next byte a run stops at inside quotes (what spec marks); the
 * delimiters before it are passed with it. */
static inline unsigned char *next_stop_quoted(cursor *k) {
  uint64_t m;
  while (!(m = k->left & k->r->qspec)) advance(k);
  k->left &= ~(m ^ (m - 1));
  return k->base + __builtin_ctzll(m);
}

/* Pass every byte before p: the continuation bytes of a UTF-8 sequence,
 * which spec marks too. */
static inline void pass(cursor *k, const unsigned char *p) {
  while (p - k->base >= BLOCK) advance(k);
  k->left &= ~(uint64_t)0 << (p - k->base);
}

/* The length of the valid UTF-8 sequence at p (its lead byte not ASCII;
 * the window's sentinel and PAD after it), or 0: a two-byte sequence
 * (æ, ø, å and the other Latin letters) checked here, the rest by utf8_len. */
static inline int u8quick(const unsigned char *p) {
  if (p[0] >= 0xC2 && p[0] < 0xE0 && (p[1] & 0xC0) == 0x80) return 2;
  return utf8_len(p, 4); /* a sequence cut short by the end meets the sentinel */
}

/* A quoted field's text, its doubled quotes made single: s has n bytes
 * where each quote is doubled.  Returns the new length; the text is
 * NUL-terminated there. */
static size_t unescape(char *s, size_t n) {
  char *w = memchr(s, '"', n);
  if (!w) return n;
  for (const char *p = w, *end = s + n; p < end;) {
    char c = *p++;
    *w++ = c;
    p += c == '"';
  }
  *w = 0;
  return (size_t)(w - s);
}

/* The record at in[i], which starts at (line, col), read in one pass
 * when the window holds all of it and it is well formed.  The bytes a
 * run may stop at are found as the bits of masks, one after another.
 * It reads what plain leaves (quoted fields, line breaks in them, a lone
 * CR), and keeps each field's column in r->cols.
 * On success the fields are set (texts as pointers: no refill can move
 * the window here), *i is past the line end and *line the next line.
 * Otherwise (the window's end, an error) it returns false with the
 * window's bytes as they were, and general reads the record (and says
 * what is wrong): so nothing is moved before the record is known to be
 * whole, and the doubled quotes are made single last.  Not inlined, and
 * over pointers rather than indices: fewer of its variables are kept on
 * the stack. */
__attribute__((noinline)) static bool quick(csv_reader *r, size_t *ip, uint32_t *line, uint32_t col) {
  const unsigned char d = (unsigned char)r->delim;
  uint32_t ln = *line;
  unsigned char *p = r->in + *ip, *te, *at;
  uintptr_t adj = (uintptr_t)p - col; /* a field at p is at column p - adj: adj grows by a sequence's continuation bytes */
  bool doubled = false;               /* a quoted field holds a doubled quote */
  if (!r->fields) morefields(r); /* room subtracts pointers into them */
  cursor k = {.r = r, .f = r->fields};
  size_t off = *ip - r->qstart;
  if (r->qvalid && *ip >= r->qstart && off < BLOCK) { /* the record begins in the last one's block */
    k.base = r->in + r->qstart;
    k.left = r->qleft & (~(uint64_t)0 << off);
    room(&k);
  } else {
    classify_at(&k, p);
  }
  r->qvalid = false;
  unsigned char c;
  for (;;) { /* one field per turn */
    /* The common field first, in a loop of its own (the compiler gives
     * an inner loop's values registers first): unquoted, of plain bytes,
     * and ended by the delimiter. */
    while (*p != '"') {
      uint64_t m = k.left;
      if (!m) {
        advance(&k);
        continue;
      }
      unsigned char *e = k.base + __builtin_ctzll(m);
      if (*e != d) break;
      k.left = m & (m - 1);
      csv_field *g = k.f++;
      g->text = (const char *)p;
      g->len = (size_t)(e - p);
      r->lines[g - r->fields] = ln;
      r->cols[g - r->fields] = (uint32_t)((uintptr_t)p - adj);
      g->quoted = false;
      *e = 0;
      p = e + 1;
    }
    csv_field *f = k.f;
    r->lines[f - r->fields] = ln;
    r->cols[f - r->fields] = (uint32_t)((uintptr_t)p - adj);
    f->text = (const char *)p;
    if (*p != '"') {
      f->quoted = false;
      for (;;) { /* to the end of the text, over its UTF-8 sequences */
        at = next_stop(&k);
        c = *at;
        if (c == d || c == '\n' || c == '\r') break;
        if (plain_control(c, d, false)) continue;
        int n = c >= 0x80 ? u8quick(at) : 0;
        if (!n) goto give_up; /* a quote, a NUL (the window's end among them), invalid UTF-8 */
        pass(&k, at + n);
        adj += (uintptr_t)n - 1;
      }
      te = at;
    } else {
      f->quoted = true;
      f->text = (const char *)next_stop_quoted(&k) + 1; /* the opening quote, at p */
      for (;;) {
        at = next_stop_quoted(&k);
        c = *at;
        if (c == '"') {
          if (at[1] != '"') break;
          pass(&k, at + 2); /* "" is one quote */
          doubled = true;
        } else if (c == '\n' || c == '\r') { /* line breaks inside quotes are data */
          if (c == '\r' && at + 1 == r->in + r->end) goto give_up; /* an LF may follow, not read yet */
          if (c == '\r' && at[1] == '\n') pass(&k, ++at + 1);
          ln++;
          adj = (uintptr_t)at; /* the next byte is at column 1 */
        } else if (!plain_control(c, d, true)) {
          int n = c >= 0x80 ? u8quick(at) : 0;
          if (!n) goto give_up; /* a NUL (the window's end among them), invalid UTF-8 */
          pass(&k, at + n);
          adj += (uintptr_t)n - 1;
        }
      }
      te = at;
      at = next_stop(&k); /* what follows the closing quote */
      c = *at;
      if (at != te + 1 || (c != d && c != '\n' && c != '\r')) goto give_up;
    }
    f = k.f; /* advance may have moved the fields */
    f->len = (size_t)(te - (const unsigned char *)f->text);
    k.f = f + 1;
    *te = 0;
    p = at + 1;
    if (c == d) continue;
    if (c == '\r' && p == r->in + r->end) { /* an LF may follow, not read yet */
      *te = f->quoted ? '"' : '\r';
      k.f = f;
      goto give_up;
    }
    if (c == '\r' && *p == '\n') p++;
    break;
  }
  r->nfields = (size_t)(k.f - r->fields);
  r->qstart = (size_t)(k.base - r->in);
  r->qleft = k.left;
  r->qvalid = true;
  if (doubled)
    for (csv_field *g = r->fields; g < k.f; g++)
      if (g->quoted) g->len = unescape((char *)g->text, g->len);
  *ip = (size_t)(p - r->in);
  *line = ln + 1;
  return true;
give_up:
  /* put back what the NULs covered: a delimiter, or a closing quote */
  for (csv_field *g = r->fields; g < k.f; g++) ((unsigned char *)g->text)[g->len] = g->quoted ? '"' : d;
  for (csv_field *g = r->fields; g <= k.f; g++) g->quoted = false; /* with the one begun: as plain wants them */
  return false;
}

/* The column where field f of a record plain read (the one from in[hold]
 * on: no quote, no line break before its end) starts: 1 and one more for
 * each character before it, a byte that does not continue a UTF-8
 * sequence.  A record starts at column 1 (after a line end, or a
 * byte-order mark, which is not counted), and the NULs written over its
 * delimiters count as what they cover. */
static uint32_t count_col(const csv_reader *r, const csv_field *f) {
  uint32_t col = 1;
  for (const unsigned char *p = r->in + r->hold; p < (const unsigned char *)f->text; p++) col += (*p & 0xC0) != 0x80;
  return col;
}

/* The record at in[*ip] when it is plain, as most are: no quote, and no
 * byte that spec marks before its line end (LF or CRLF) but valid UTF-8
 * sequences and the control bytes that are data.  Then only the
 * delimiters' bits are walked, each ending a field, and the bytes not
 * ASCII are checked where they are; the line and the column need no
 * counting nor a store for each field (every field is on the record's
 * line, which csv_field_line gives, and csv_field_col counts a column
 * when an error message asks for it).  On success the fields
 * are set, *ip is past the line end and *line the next line; otherwise
 * (a quote, a lone CR, an error, the window's end) it returns false with
 * the window as it was, for quick and general.  Its last block is kept
 * (fstart), where the next record begins. */
static inline __attribute__((always_inline)) bool plain_with(csv_reader *r, size_t *ip, uint32_t *line,
                                                            classes (*mk)(const unsigned char *, unsigned char)) {
  const unsigned char d = (unsigned char)r->delim;
  unsigned char *p = r->in + *ip, *base, *te;
  uint64_t spec, dlm;
  if (r->fvalid && *ip - r->fstart < BLOCK) {
    base = r->in + r->fstart;
    spec = r->fspec;
    dlm = r->fdlm;
  } else {
    classes c = mk(p, d);
    base = p;
    spec = c.spec;
    dlm = c.dlm;
  }
  uint64_t live = ~(uint64_t)0 << (p - base); /* the block's bits from the record on */
  while (r->fcap <= BLOCK) morefields(r);     /* a block ends at most BLOCK fields, and one more begins */
  if (r->dirty) { /* no field is quoted here: that is written once, not for each field */
    for (size_t k = 0; k < r->dirty; k++) r->fields[k].quoted = false;
    r->dirty = 0;
  }
  csv_field *f = r->fields, *room = r->fields + r->fcap - BLOCK - 1; /* where the next block may not begin */
  const uint32_t ln = *line;
  unsigned end;
  for (;;) { /* one block per turn */
    uint64_t stop = spec & live;
    unsigned carry = 0; /* bytes of a UTF-8 sequence in the next block */
    end = BLOCK;        /* where the line end is in the block */
    while (stop) {
      unsigned j = (unsigned)__builtin_ctzll(stop);
      unsigned char c = base[j];
      if (c >= 0x80) { /* a UTF-8 sequence: its bytes are passed */
        int n = u8quick(base + j);
        if (!n) goto give_up;
        j += (unsigned)n;
        if (j >= BLOCK) {
          carry = j - BLOCK;
          stop = 0;
        } else {
          stop &= ~(uint64_t)0 << j;
        }
      } else if (c == '\n' || (c == '\r' && base[j + 1] == '\n')) {
        end = j;
        break;
      } else if (c && c < '\r') { /* a control byte that is data, or the delimiter */
        stop &= stop - 1;
      } else {
        goto give_up; /* a quote, a NUL (the window's end among them), a lone CR */
      }
    }
    uint64_t m = dlm & live;
    if (end < BLOCK) m &= ((uint64_t)1 << end) - 1;
    while (m) {
      unsigned char *e = base + (unsigned)__builtin_ctzll(m);
      m &= m - 1;
      f->text = (const char *)p;
      f->len = (size_t)(e - p);
      f++;
      *e = 0;
      p = e + 1;
    }
    if (end < BLOCK) break;
    if (f >= room) {
      size_t n = (size_t)(f - r->fields);
      while (r->fcap - n <= BLOCK) morefields(r);
      f = r->fields + n;
      room = r->fields + r->fcap - BLOCK - 1;
    }
    base += BLOCK;
    classes c = mk(base, d);
    spec = c.spec;
    dlm = c.dlm;
    live = ~(uint64_t)0 << carry;
  }
  te = base + end;
  f->text = (const char *)p;
  f->len = (size_t)(te - p);
  f++;
  p = te + 1 + (*te == '\r');
  *te = 0;
  r->nfields = (size_t)(f - r->fields);
  r->fstart = (size_t)(base - r->in);
  r->fspec = spec;
  r->fdlm = dlm;
  r->fvalid = true;
  *ip = (size_t)(p - r->in);
  *line = ln + 1;
  return true;
give_up:
  for (csv_field *g = r->fields; g < f; g++) ((unsigned char *)g->text)[g->len] = d; /* the NULs covered delimiters */
  return false;
}

/* plain as SSE2 (or portable C) builds it, and for a CPU with AVX2 and
 * BMI (which clears a mask's lowest bit and counts its zeros in one
 * instruction each). */
__attribute__((noinline)) static bool plain_sse(csv_reader *r, size_t *ip, uint32_t *line) {
  return plain_with(r, ip, line, masks_base);
}

#ifdef CSV_AVX2
__attribute__((noinline, target("avx2,bmi,bmi2"))) static bool plain_avx2(csv_reader *r, size_t *ip, uint32_t *line) {
  return plain_with(r, ip, line, masks_wide);
}
#endif

static inline bool plain(csv_reader *r, size_t *ip, uint32_t *line) {
#ifdef CSV_AVX2
  if (r->wide) return plain_avx2(r, ip, line);
#endif
  return plain_sse(r, ip, line);
}

/* The fields of the record from *i on, which starts at (*line, *col),
 * whatever they hold and wherever the window's end falls (quick reads
 * those the window holds whole and well formed; this loop reads the rest
 * and says what is wrong).  Sets r->nfields and the position after the
 * record's line end; returns 1, or -1 with err filled. */
static int general(csv_reader *r, size_t *ip, uint32_t *linep, uint32_t *colp, csv_error *err) {
  const unsigned char d = (unsigned char)r->delim;
  size_t i = *ip;
  uint32_t line = *linep, col = *colp;
  unsigned char c;
  for (;;) { /* one field per turn */
    csv_field *f = addfield(r, line, col);
    size_t k = r->nfields - 1, w; /* w: the end of the field's text, from in[hold] */
    if (i == r->end) avail(r, &i, 1); /* see the field's first byte */
    if (r->in[i] == '"') {
      f->quoted = true;
      uint32_t qline = line, qcol = col;
      i++;
      col++;
      r->offs[k] = w = i - r->hold;
      for (;;) {
        size_t s = i;
        i = run_end(r, i, true);
        keep(r, &w, s, i - s);
        col += (uint32_t)(i - s);
        c = r->in[i];
        if (c == '"') {
          if (avail(r, &i, 2) >= 2 && r->in[i + 1] == '"') { /* "" is one quote */
            keep(r, &w, i, 1);
            i += 2;
            col += 2;
            continue;
          }
          i++;
          col++;
          break;
        } else if (c == '\n') { /* line breaks inside quotes are data */
          keep(r, &w, i, 1);
          i++;
          line++;
          col = 1;
        } else if (c == '\r') { /* CRLF or a lone CR: either ends a physical line */
          keep(r, &w, i, 1);
          i++;
          if (avail(r, &i, 1) && r->in[i] == '\n') {
            keep(r, &w, i, 1);
            i++;
          }
          line++;
          col = 1;
        } else if (c == 0 && i == r->end) {
          if (refill(r, &i)) continue;
          r->pos = i; /* at end of file: the next call returns 0 */
          r->line = line;
          r->col = col;
          return fail(err, qline, qcol, "a quoted field is not closed before the end of the file");
        } else {
          int n = c ? u8here(r, &i) : 0;
          if (!n) return badbyte(r, i, line, col, false, err);
          keep(r, &w, i, (size_t)n);
          i += (size_t)n;
          col++;
        }
      }
      /* After the closing quote: a delimiter, a line end or the end. */
      avail(r, &i, 1);
      c = r->in[i];
      if (c != d && c != '\n' && c != '\r' && i != r->end)
        return badbyte(r, i, line, col, true, err);
    } else {
      r->offs[k] = i - r->hold;
      for (;;) {
        size_t s = i;
        i = run_end(r, i, false);
        col += (uint32_t)(i - s);
        c = r->in[i];
        if (c == d || c == '\n' || c == '\r') break;
        if (c == 0 && i == r->end) {
          if (refill(r, &i)) continue;
          break; /* the last record has no line end */
        }
        int n = c >= 0x80 ? u8here(r, &i) : 0;
        if (!n) return badbyte(r, i, line, col, false, err);
        i += (size_t)n;
        col++;
      }
      w = i - r->hold;
    }
    /* The text ends at w, at or before i: its NUL goes there (c holds
     * what stood at i, read before).  Until the record is complete, len
     * holds the end's offset. */
    r->in[r->hold + w] = 0;
    f->len = w;
    if (c != d) break;
    i++;
    col++;
  }

  /* Consume the line end, if any (c is 0 at the end of the file). */
  if (c == '\n') {
    i++;
  } else if (c == '\r') {
    i++;
    if (avail(r, &i, 1) && r->in[i] == '\n') i++;
  }
  if (c) {
    line++;
    col = 1;
  }
  *ip = i;
  *linep = line;
  *colp = col;
  /* Offsets become pointers now that the window stays put until the next call. */
  const char *at = (const char *)r->in + r->hold;
  for (size_t k = 0; k < r->nfields; k++) {
    csv_field *f = &r->fields[k];
    f->text = at + r->offs[k];
    f->len -= r->offs[k];
  }
  return 1;
}


/* Read one record.  Its fields are not copied: each field's text stays
 * in the window, where a quoted field is unescaped in place (the text is
 * never longer than what it is written as) and the byte after each text
 * (a delimiter, a quote, a line end) becomes its NUL.  So the window
 * keeps the record's bytes from r->hold on until the next record begins,
 * and grows when a record is longer than it; indices into it are read
 * again after anything that may refill (r->in may move). */
static int parse(csv_reader *r, csv_error *err) {
  size_t i = r->pos;
  uint32_t line = r->line, col = r->col;
  unsigned char c;

  /* Completely empty lines are not records. */
  for (;;) {
    c = r->in[i];
    if (c == '\n') {
      i++;
    } else if (c == '\r') {
      i++;
      if (avail(r, &i, 1) && r->in[i] == '\n') i++;
    } else if (c == 0 && i == r->end) {
      if (refill(r, &i)) continue;
      r->pos = i;
      r->line = line;
      r->col = col;
      return 0;
    } else {
      break;
    }
    line++;
    col = 1;
  }

  r->nfields = 0;
  r->nrec++;
  r->hold = i; /* the last record's texts may go now */
  uint32_t rline = line;
  r->eager = false;
  if (r->fskip) {
    r->fskip--;
  } else if (!r->noplain) {
    if (plain(r, &i, &line)) {
      r->fmiss = 0;
      col = 1;
      goto read;
    }
    r->fskip = r->fmiss;
    r->fmiss = r->fmiss ? (r->fmiss < FMISS_MAX ? 2 * r->fmiss : FMISS_MAX) : 1;
  }
  r->eager = true;
  int got = 1;
  if (!r->noquick && quick(r, &i, &line, col))
    col = 1;
  else
    got = general(r, &i, &line, &col, err);
  if (r->nfields > r->dirty) r->dirty = r->nfields;
  if (got < 0) return -1;
read:
  r->pos = i;
  r->line = line;
  r->col = col;

  size_t nf = r->nfields;
  if (r->header_n == 0) {
    r->header_n = nf;
  } else if (nf != r->header_n) {
    return nf == 1 ? fail(err, rline, 1, "record has %zu field, but the header has %zu", nf, r->header_n)
                   : fail(err, rline, 1, "record has %zu fields, but the header has %zu", nf, r->header_n);
  }
  r->rec.fields = r->fields;
  r->rec.nfields = nf;
  r->rec.number = r->nrec;
  r->rec.line = rline;
  return 1;
}

csv_reader *csv_open_stream(FILE *f, char delim) {
  csv_reader *r = xcalloc(1, sizeof *r);
  r->f = f;
  window_resize(r, WINDOW);
  r->hold = (size_t)NO_HOLD;
  r->line = r->col = 1;
  r->rec.reader = r;
#ifdef CSV_AVX2
  r->wide = has_avx2();
#endif
  unsigned char d = (unsigned char)delim;
  /* Anything that cannot separate fields means: detect. */
  if (d == '"' || d == '\n' || d == '\r' || d >= 0x80) d = 0;
  r->delim = (char)d;
  return r;
}

csv_reader *csv_open(const char *path, char delim, csv_error *err) {
  FILE *f = stdin;
  bool own = false;
  if (strcmp(path, "-") != 0) {
    f = fopen(path, "rb");
    if (!f) {
      int e = errno;
      if (err) fail(err, 0, 0, "cannot open '%s': %s", path, msg_strerror(e));
      return NULL;
    }
    own = true;
  }
  csv_reader *r = csv_open_stream(f, delim);
  r->own = own;
  return r;
}

int csv_next(csv_reader *r, csv_record **rec, csv_error *err) {
  csv_error spare;
  if (!err) err = &spare;
  if (!r->started) start(r);
  int k = parse(r, err);
  if (k == 1) {
    *rec = &r->rec;
  } else if (k == 0 && r->ioerr) {
    k = fail(err, r->line, r->col, "cannot read the file: %s", msg_strerror(r->ioerr));
    r->ioerr = 0;
  }
  return k;
}

void csv_set_paths(csv_reader *r, bool plain, bool quick) {
  r->noplain = !plain;
  r->noquick = !quick;
}

void csv_set_wide(csv_reader *r, bool wide) {
#ifdef CSV_AVX2
  r->wide = wide && has_avx2();
#else
  (void)r;
  (void)wide;
#endif
}

uint32_t csv_field_col(const csv_record *rec, const csv_field *f) {
  const csv_reader *r = rec->reader;
  return r->eager ? r->cols[f - r->fields] : count_col(r, f);
}

uint32_t csv_field_line(const csv_record *rec, const csv_field *f) {
  const csv_reader *r = rec->reader;
  return r->eager ? r->lines[f - r->fields] : rec->line;
}

char csv_delimiter(const csv_reader *r) { return r->delim ? r->delim : ','; }

uint64_t csv_bytes_read(const csv_reader *r) { return r->base + r->pos; }

uint64_t csv_bytes_fetched(const csv_reader *r) { return r->nraw; }

int csv_fileno(const csv_reader *r) { return fileno(r->f); }

uint32_t csv_line(const csv_reader *r) { return r->line; }

bool csv_read_whole(const csv_reader *r) { return r->eof && !r->readfail; }

csv_reader *csv_open_part(FILE *f, char delim, size_t header_fields) {
  csv_reader *r = csv_open_stream(f, delim);
  r->own = true;
  r->started = true; /* nothing to skip or detect here */
  r->header_n = header_fields;
  return r;
}

void csv_digest_start(csv_reader *r) {
  if (r->sha || r->nraw) return; /* on, or too late: bytes went unhashed */
  r->sha = shabg_start();
}

bool csv_digest(csv_reader *r, unsigned char out[CSV_SHA256_SIZE], uint64_t *bytes) {
  if (!r->sha || !r->eof) return false;
  shabg_finish(r->sha, out);
  r->sha = NULL;
  if (bytes) *bytes = r->nraw;
  return true;
}

void csv_close(csv_reader *r) {
  if (!r) return;
  shabg_abandon(r->sha);
  if (r->own) fclose(r->f);
  free(r->in);
  free(r->raw);
  free(r->fields);
  free(r->offs);
  free(r->cols);
  free(r->lines);
  free(r);
}
