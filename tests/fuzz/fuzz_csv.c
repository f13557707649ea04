/* fuzz_csv.c — the CSV reader (runtime/csv.c) on fuzzed files, in every
 * dialect and encoding, and every field read as every column type
 * (runtime/source.c).
 *
 * The first input byte chooses the options, the rest is the file:
 *   bits 0-1  delimiter: detect, ',', ';' or TAB
 *   bits 2-3  encoding: UTF-8, Windows-1252, Latin-1, UTF-8
 *   bit 4     decimal comma (else point) when fields are read as numbers
 *   bit 5     "NA" and "-" are missing tokens (besides the empty field)
 * Properties (abort otherwise):
 *   - the reader with its 64 KB window and the same reader with a 16-byte window
 *     (csv_set_window) and without AVX2 (csv_set_wide) give the same records,
 *     fields, positions and errors;
 *   - each classifier of bytes (SSE2, AVX2) marks every 64 bytes of the file
 *     as the portable one does (csv_masks_agree);
 *   - so does the general loop alone (csv_set_paths: no one-pass reader);
 *   - every field is valid UTF-8 without a NUL, NUL-terminated at len;
 *   - the reader ends: at most one record or error per input byte;
 *   - a field read as a decimal number is written back (num_format_plain)
 *     as text that reads as the same number. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, fmemopen */
#endif
#include <string.h>

#include "csv.h"
#include "fuzz.h"
#include "mem.h"
#include "source.h"
#include "utf8.h"

/* The same reader with the smallest window csv_set_window allows, and
 * its bytes classified as on a CPU without AVX2. */
static csv_reader *tiny_csv_open_stream(FILE *f, char delim) {
  csv_reader *r = csv_open_stream(f, delim);
  if (r) {
    csv_set_window(r, 1);
    csv_set_wide(r, false);
  }
  return r;
}

typedef struct {
  csv_reader *(*open)(FILE *f, char delim);
  int (*next)(csv_reader *r, csv_record **rec, csv_error *err);
  void (*set_encoding)(csv_reader *r, csv_encoding e);
  char (*delimiter)(const csv_reader *r);
  void (*close)(csv_reader *r);
} reader_api;

/* The same reader without its one-pass readers (plain, quick). */
static csv_reader *general_csv_open_stream(FILE *f, char delim) {
  csv_reader *r = csv_open_stream(f, delim);
  if (r) csv_set_paths(r, false, false);
  return r;
}

static const reader_api big = {csv_open_stream, csv_next, csv_set_encoding, csv_delimiter, csv_close};
static const reader_api tiny = {tiny_csv_open_stream, csv_next, csv_set_encoding, csv_delimiter, csv_close};
static const reader_api general = {general_csv_open_stream, csv_next, csv_set_encoding, csv_delimiter, csv_close};

static FILE *open_bytes(const uint8_t *data, size_t size) {
  /* fmemopen refuses a buffer of size 0 on some C libraries */
  return size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
}

static void valid_field(const csv_record *rec, const csv_field *f) {
  PROPERTY(f->text[f->len] == 0 && strlen(f->text) == f->len, "field at %u:%u: NUL inside or not at len",
           csv_field_line(rec, f), csv_field_col(rec, f));
  const unsigned char *s = (const unsigned char *)f->text;
  for (size_t i = 0; i < f->len;) {
    uint32_t cp;
    size_t n = utf8_decode(s + i, f->len - i, &cp);
    PROPERTY(cp != UTF8_BAD, "field at %u:%u: invalid UTF-8 at byte %zu", csv_field_line(rec, f), csv_field_col(rec, f), i);
    i += n;
  }
}

/* Read the field as every column type. */
static void typed(const data_decl *d, const csv_field *f) {
  static const vtype types[] = {T_INT, T_DEC, T_TEXT, T_BOOL, T_DATE};
  for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
    column_decl c = {.name = "c", .type = types[k]};
    value v;
    if (!src_field(d, &c, f, &v) || v.kind != V_NUM || types[k] != T_DEC) continue;
    int places = num_decimals(v.u.n, 9);
    if (places == 9) continue; /* more places than the writer shows */
    char text[64], da[64];
    size_t n = num_format_plain(v.u.n, places, text, sizeof text);
    num_format_da(v.u.n, places, da, sizeof da);
    num back;
    PROPERTY(num_parse(text, n, '.', &back) && num_cmp(back, v.u.n) == 0,
             "'%s' read as a decimal is written as '%s', which does not read back", f->text, text);
  }
}

/* Every outcome of the reader, written out, for comparing two readers. */
static void read_all(const reader_api *api, const uint8_t *data, size_t size, char delim, csv_encoding enc,
                     const data_decl *d, buf *log) {
  FILE *f = open_bytes(data, size);
  if (!f) abort();
  csv_reader *r = api->open(f, delim);
  api->set_encoding(r, enc);
  csv_record *rec;
  csv_error err;
  size_t calls = 0;
  int k;
  while ((k = api->next(r, &rec, &err)) != 0) {
    PROPERTY(++calls <= size + 1, "the reader does not end (%zu records or errors from %zu bytes)", calls, size);
    if (k < 0) {
      buf_printf(log, "error %u:%u %s\n", err.line, err.col, err.message);
      continue;
    }
    buf_printf(log, "record %llu at line %u, %zu fields\n", (unsigned long long)rec->number, rec->line,
               rec->nfields);
    for (size_t i = 0; i < rec->nfields; i++) {
      const csv_field *fl = &rec->fields[i];
      valid_field(rec, fl);
      buf_printf(log, "  %u:%u%s [%s]\n", csv_field_line(rec, fl), csv_field_col(rec, fl), fl->quoted ? " quoted" : "", fl->text);
      if (d) typed(d, fl);
    }
  }
  buf_printf(log, "end, delimiter %d\n", api->delimiter(r));
  api->close(r);
  fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  static const char delims[4] = {0, ',', ';', '\t'};
  static const csv_encoding encs[4] = {CSV_UTF8, CSV_WINDOWS_1252, CSV_LATIN_1, CSV_UTF8};
  static const char *missing[] = {"", "NA", "-"};
  unsigned opt = data[0];
  char delim = delims[opt & 3];
  csv_encoding enc = encs[(opt >> 2) & 3];
  data_decl d = {.decimal = opt & 16 ? ',' : '.', .missing = missing, .nmissing = opt & 32 ? 3 : 1};
  /* the file in a buffer of its own size, so ASan sees a read past it */
  size_t n = size - 1;
  uint8_t *file = malloc(n ? n : 1);
  memcpy(file, data + 1, n);
  buf a = {0}, b = {0}, c = {0};
  read_all(&big, file, n, delim, enc, &d, &a);
  read_all(&tiny, file, n, delim, enc, NULL, &b);
  PROPERTY(a.len == b.len && !memcmp(buf_str(&a), buf_str(&b), a.len),
           "the 64 KB window and the 16-byte window read differently:\n--- 64 KB\n%s--- 16 bytes\n%s", buf_str(&a),
           buf_str(&b));
  read_all(&general, file, n, delim, enc, NULL, &c);
  uint8_t *padded = calloc(n + 64, 1); /* the last blocks end in zero bytes, as the reader's window does */
  memcpy(padded, file, n);
  for (size_t i = 0; i < n; i++)
    PROPERTY(csv_masks_agree(padded + i, delim ? delim : ','), "the classifiers mark the 64 bytes from %zu on differently", i);
  free(padded);
  PROPERTY(a.len == c.len && !memcmp(buf_str(&a), buf_str(&c), a.len),
           "the one-pass readers and the general loop read differently:\n--- all\n%s--- general\n%s", buf_str(&a),
           buf_str(&c));
  buf_free(&a);
  buf_free(&b);
  buf_free(&c);
  free(file);
  return 0;
}
