/* csv.h — a streaming CSV reader (RFC 4180 and the dialects Danish
 * spreadsheets write).
 *
 * The file is read through a window (64 KB, grown only for a record
 * longer than it) and never held whole in memory; a record's fields are
 * not copied out of the window.  Supported: quoted fields, doubled quotes inside quotes, line
 * breaks inside quotes, CRLF or LF line ends (a lone CR inside quotes is
 * data), a UTF-8 byte-order mark at the start, and ',' ';' or TAB between
 * fields, either given or detected from the first record (the header).
 * The bytes must be valid UTF-8.
 *
 * Ownership: the reader owns each record it returns; the record and its
 * field texts stay valid until the next csv_next() or csv_close().
 */
#ifndef MAAL_CSV_H
#define MAAL_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct csv_reader csv_reader;

typedef struct {
  const char *text; /* unquoted field bytes, NUL-terminated */
  size_t len;       /* bytes, excluding the NUL */
  bool quoted;      /* the field was written in quotes */
} csv_field;

typedef struct {
  csv_field *fields;
  size_t nfields;
  uint64_t number; /* 1-based record number; the header is record 1 */
  uint32_t line;   /* line where the record starts */
  const csv_reader *reader; /* that returned it: csv_field_col reads its window */
} csv_record;

/* The 1-based column (in characters) where field f of rec starts.  Only
 * error messages need it, so the reader may count it when asked, from the
 * record's bytes in its window: call it while rec is the reader's current
 * record (before the next csv_next). */
uint32_t csv_field_col(const csv_record *rec, const csv_field *f);

/* The 1-based line where field f of rec starts: the record's line, or a
 * later one after a line break inside quotes.  Like csv_field_col, call
 * it while rec is the reader's current record: the reader keeps a line
 * for each field only of a record that is not all on one line or not
 * plain, so the many plain records cost no store for it. */
uint32_t csv_field_line(const csv_record *rec, const csv_field *f);

typedef struct {
  char message[256]; /* plain words, e.g. "a quoted field is not closed" */
  uint32_t line;     /* 0 when not about a place in the file */
  uint32_t col;
} csv_error;

/* Open `path` ("-" is standard input).  delim: ',', ';', '\t', or 0 to
 * detect from the first record: the candidate that occurs most often
 * outside quotes in it; ',' when none occurs.  Returns NULL and fills
 * err (line 0) when the file cannot be opened. */
csv_reader *csv_open(const char *path, char delim, csv_error *err);

/* Same over an already open stream (not closed by csv_close). */
csv_reader *csv_open_stream(FILE *f, char delim);

/* Read the next record.  Returns 1 and sets *rec, 0 at end of file, or -1
 * with err filled (line and col of the problem).  Errors: a quoted field
 * not closed before end of file; a character other than the delimiter or
 * a line end after a closing quote; a quote inside an unquoted field;
 * invalid UTF-8; a record whose field count differs from the first
 * record's ("record has 5 fields, but the header has 23").  A completely
 * empty line is skipped (it is not a record).  After an error the reader
 * can go on with the next line (the rest of the bad record is skipped). */
int csv_next(csv_reader *r, csv_record **rec, csv_error *err);

/* The bytes of the file are not UTF-8 but Windows-1252 (what Danish Excel
 * often writes) or Latin-1: they are turned into UTF-8 as they are read.
 * Call right after opening, before the first csv_next. */
typedef enum { CSV_UTF8, CSV_WINDOWS_1252, CSV_LATIN_1 } csv_encoding;
void csv_set_encoding(csv_reader *r, csv_encoding e);
/* One byte of a file in encoding e as UTF-8 at out: 1 to 3 bytes; 0 for
 * a byte e does not define (and for any byte over 0x7F in CSV_UTF8, which
 * is one byte of a sequence, not a character). */
size_t csv_byte_utf8(csv_encoding e, unsigned char b, unsigned char out[3]);

/* The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D) are an error at their place, like invalid UTF-8; Latin-1 defines
 * every byte. */

/* Read through a window of `bytes` (at least 16) instead of 64 KB: for
 * tests that want every refill path taken.  Call right after opening. */
void csv_set_window(csv_reader *r, size_t bytes);

/* For tests: the one-pass readers of a plain record (plain) and of any
 * record the window holds whole (quick) are tried, or not, before the
 * general loop.  Both are on unless turned off; the results are the same. */
void csv_set_paths(csv_reader *r, bool plain, bool quick);

/* For tests: bytes are classified with AVX2 when the CPU has it (the
 * default), or as without it (false).  The results are the same. */
void csv_set_wide(csv_reader *r, bool wide);

/* For tests: each classifier this CPU runs marks the 64 bytes from p on
 * as the portable one does. */
bool csv_masks_agree(const unsigned char *p, char delim);

/* The SHA-256 of the file's bytes as they are read (before any change of
 * encoding; a byte-order mark included), computed in the same pass that
 * reads the records: what `sha256sum FILE` prints.  Call right after
 * opening.  After csv_next has returned 0 (the end of the file),
 * csv_digest writes the 32 bytes to out and the number of bytes read to
 * *bytes and returns true, once; false when the digest was not started,
 * the file is not read to its end, or reading it failed. */
enum { CSV_SHA256_SIZE = 32 };
void csv_digest_start(csv_reader *r);
bool csv_digest(csv_reader *r, unsigned char out[CSV_SHA256_SIZE], uint64_t *bytes);

char csv_delimiter(const csv_reader *r);   /* after the first record */
/* The file offset where the next record begins (after csv_next returned
 * a record: just past its line end), in the bytes as read: the same as
 * the file's offsets for UTF-8 input. */
uint64_t csv_bytes_read(const csv_reader *r);
/* The bytes of the file read so far (the window reads ahead of the
 * records returned). */
uint64_t csv_bytes_fetched(const csv_reader *r);
/* The line the next record begins on. */
uint32_t csv_line(const csv_reader *r);
/* The file descriptor the reader reads. */
int csv_fileno(const csv_reader *r);
/* The file was read to its end, every read succeeding. */
bool csv_read_whole(const csv_reader *r);
void csv_close(csv_reader *r);

/* A reader of the rest of a UTF-8 file from where f stands, which must be
 * the start of a record of a file read by another reader too (the second
 * half of a pass, split.c): no byte-order mark or header there, the
 * delimiter and the header's field count are given.  Lines count from 1
 * at that point.  The reader closes f. */
csv_reader *csv_open_part(FILE *f, char delim, size_t header_fields);

#endif
