/* csv_test.c — table-driven tests of the streaming CSV reader (runtime/csv.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "mem.h"

/* Rendering flags: POS shows "@line#number[line:col=field|...]" with
 * quoted fields in quotes; DELIM adds a last line "delim=X". */
enum { POS = 1, DELIM = 2 };

typedef struct {
  const char *name;
  const char *in;
  size_t len; /* 0: strlen(in); set it for inputs holding NUL bytes */
  char delim; /* 0: detect */
  int flags;
  const char *want; /* records "[a|b]" and "ERROR line:col: message", one a line */
} tcase;

#define UNEXP(ch) "unexpected character '" ch "' after a closing quote; a quote inside a quoted field must be doubled (\"\")"
#define INQUOTE "a quote inside an unquoted field; put the whole field in quotes and double the quote"
#define UNCLOSED "a quoted field is not closed before the end of the file"
#define BADU8(b) "invalid UTF-8 (byte " b "); save the file as UTF-8, or give its encoding in the rules: encoding \"windows-1252\""
#define NULBYTE "a NUL byte; this does not look like a text file"

static const tcase cases[] = {
    {"simple", "a,b,c\n1,2,3\n", 0, 0, 0, "[a|b|c]\n[1|2|3]"},
    {"no trailing newline", "a,b\n1,2", 0, 0, 0, "[a|b]\n[1|2]"},
    {"CRLF line ends", "a,b\r\n1,2\r\n", 0, 0, POS, "@1#1[1:1=a|1:3=b]\n@2#2[2:1=1|2:3=2]"},
    {"lone CR line ends (old Mac)", "a,b\r1,2\r", 0, 0, POS, "@1#1[1:1=a|1:3=b]\n@2#2[2:1=1|2:3=2]"},
    {"empty lines are skipped and not counted", "\n\na,b\n\n\r\n1,2\n\n", 0, 0, POS,
     "@3#1[3:1=a|3:3=b]\n@6#2[6:1=1|6:3=2]"},
    {"empty last line", "a,b\n1,2\n\n", 0, 0, 0, "[a|b]\n[1|2]"},
    {"empty fields", "a,b,c\n,,\n", 0, 0, 0, "[a|b|c]\n[||]"},
    {"trailing empty field", "a,b,\n1,2,\n", 0, 0, 0, "[a|b|]\n[1|2|]"},
    {"trailing empty field at end of file", "a,b,", 0, 0, 0, "[a|b|]"},
    {"a line holding only a delimiter", "x,y\n,\n", 0, 0, POS, "@1#1[1:1=x|1:3=y]\n@2#2[2:1=|2:2=]"},
    {"spaces are kept", " a , b \n", 0, 0, 0, "[ a | b ]"},
    {"a blank-looking line is a record", "a\n \n", 0, 0, 0, "[a]\n[ ]"},
    {"quoted fields", "\"a\",\"b c\",d\n", 0, 0, POS, "@1#1[1:1=\"a\"|1:5=\"b c\"|1:11=d]"},
    {"doubled quotes", "\"say \"\"hi\"\"\",x\n", 0, 0, 0, "[say \"hi\"|x]"},
    {"empty quoted and a lone quote", "\"\",\"\"\"\"\n", 0, 0, 0, "[|\"]"},
    {"delimiter inside quotes", "\"a,b\",c\n", 0, 0, 0, "[a,b|c]"},
    {"newline inside quotes; next record's lines",
     "h1,h2\n\"line1\nline2\",x\nnext,y\n", 0, 0, POS,
     "@1#1[1:1=h1|1:4=h2]\n@2#2[2:1=\"line1\\nline2\"|3:8=x]\n@4#3[4:1=next|4:6=y]"},
    {"CRLF inside quotes stays CRLF", "a,b\r\n\"x\r\ny\",z\r\nq,w\r\n", 0, 0, POS,
     "@1#1[1:1=a|1:3=b]\n@2#2[2:1=\"x\\r\\ny\"|3:4=z]\n@4#3[4:1=q|4:3=w]"},
    {"lone CR inside quotes is data", "a\n\"x\ry\"\n", 0, 0, 0, "[a]\n[x\\ry]"},
    {"quoted field at end of file", "a,\"b\"", 0, 0, 0, "[a|b]"},
    {"CRLF after closing quote", "\"a\"\r\n\"b\"\r\n", 0, 0, 0, "[a]\n[b]"},
    {"BOM is skipped and not a column", "\xEF\xBB\xBF" "a,b\n1,2\n", 0, 0, POS,
     "@1#1[1:1=a|1:3=b]\n@2#2[2:1=1|2:3=2]"},
    {"BOM with ';' detection", "\xEF\xBB\xBF" "a;b\n1;2\n", 0, 0, DELIM, "[a|b]\n[1|2]\ndelim=;"},
    {"BOM only", "\xEF\xBB\xBF", 0, 0, 0, ""},
    {"detect ';'", "a;b;c\n1;2;3\n", 0, 0, DELIM, "[a|b|c]\n[1|2|3]\ndelim=;"},
    {"detect tab", "a\tb\n\"1\"\t2\n", 0, 0, DELIM | POS,
     "@1#1[1:1=a|1:3=b]\n@2#2[2:1=\"1\"|2:5=2]\ndelim=\\t"},
    {"detect ignores quoted commas", "\"a,b,c\";d;e\n1;2;3\n", 0, 0, DELIM,
     "[a,b,c|d|e]\n[1|2|3]\ndelim=;"},
    {"detect tie ',' beats ';'", "a,b;c\n", 0, 0, DELIM, "[a|b;c]\ndelim=,"},
    {"detect tie ';' beats tab", "a;b\tc\n", 0, 0, DELIM, "[a|b\\tc]\ndelim=;"},
    {"detect none gives ','", "abc\nd\n", 0, 0, DELIM, "[abc]\n[d]\ndelim=,"},
    {"detect after empty lines", "\n\r\na;b\n", 0, 0, DELIM, "[a|b]\ndelim=;"},
    {"detect looks at the first record only", "a;b\nx,y,z;w\n", 0, 0, DELIM,
     "[a|b]\n[x,y,z|w]\ndelim=;"},
    {"detect over a multi-line quoted header field", "\"x,\ny,\nz\";b\n1;2\n", 0, 0, DELIM,
     "[x,\\ny,\\nz|b]\n[1|2]\ndelim=;"},
    {"given delimiter wins", "a,b;c\n", 0, ';', DELIM, "[a,b|c]\ndelim=;"},
    {"Danish letters count as one column each", "navn,by\nÆble,Århus\n\"ø\",å\n", 0, 0, POS,
     "@1#1[1:1=navn|1:6=by]\n@2#2[2:1=Æble|2:6=Århus]\n@3#3[3:1=\"ø\"|3:5=å]"},
    {"four-byte UTF-8", "\xF0\x9F\x98\x80,b\n", 0, 0, POS, "@1#1[1:1=\xF0\x9F\x98\x80|1:3=b]"},
    {"pipe and backslash in the rendering", "a|b,c\\d\n", 0, 0, 0, "[a\\|b|c\\\\d]"},
    {"empty input", "", 0, 0, 0, ""},
    {"only empty lines", "\n\r\n\n\r", 0, 0, 0, ""},
    {"unclosed quote", "a,b\n1,\"open\n2,3\n", 0, 0, 0, "[a|b]\nERROR 2:3: " UNCLOSED},
    {"unclosed after a doubled quote", "\"a\"\"", 0, 0, 0, "ERROR 1:1: " UNCLOSED},
    {"character after closing quote; recovery", "a,b\n\"x\"y,2\n3,4\n", 0, 0, POS,
     "@1#1[1:1=a|1:3=b]\nERROR 2:4: " UNEXP("y") "\n@3#3[3:1=3|3:3=4]"},
    {"non-ASCII after closing quote", "a,b\n\"æøå\"ø,b\n", 0, 0, 0,
     "[a|b]\nERROR 2:6: " UNEXP("ø")},
    {"space after closing quote", "\"a\" ,b\n", 0, 0, 0, "ERROR 1:4: " UNEXP(" ")},
    {"tab after closing quote with ','", "\"a\"\t,b\n", 0, ',', 0, "ERROR 1:4: " UNEXP("\\t")},
    {"error after a multi-line field", "h\n\"ab\ncd\"x\nz\n", 0, 0, 0,
     "[h]\nERROR 3:4: " UNEXP("x") "\n[z]"},
    {"quote inside an unquoted field", "a,b\nx\"y,2\n3,4\n", 0, 0, 0,
     "[a|b]\nERROR 2:2: " INQUOTE "\n[3|4]"},
    {"quote after leading space", "a,b\n1, \"2\"\n", 0, 0, 0, "[a|b]\nERROR 2:4: " INQUOTE},
    {"field count mismatch", "a,b,c\n1,2\n4,5,6\n1,2,3,4\n7,8,9", 0, 0, POS,
     "@1#1[1:1=a|1:3=b|1:5=c]\nERROR 2:1: record has 2 fields, but the header has 3\n"
     "@3#3[3:1=4|3:3=5|3:5=6]\nERROR 4:1: record has 4 fields, but the header has 3\n"
     "@5#5[5:1=7|5:3=8|5:5=9]"},
    {"field count: one field", "a,b\nx\n", 0, 0, 0,
     "[a|b]\nERROR 2:1: record has 1 field, but the header has 2"},
    {"field count after a multi-line field", "a,b\n\"1\n2\"\n3,4\n", 0, 0, 0,
     "[a|b]\nERROR 2:1: record has 1 field, but the header has 2\n[3|4]"},
    {"invalid UTF-8: stray continuation byte", "a,b\n\x80x,1\n2,3\n", 0, 0, 0,
     "[a|b]\nERROR 2:1: " BADU8("0x80") "\n[2|3]"},
    {"invalid UTF-8: Latin-1 text", "a,b\nk\xE6r,1\n", 0, 0, 0, "[a|b]\nERROR 2:2: " BADU8("0xE6")},
    {"invalid UTF-8: overlong two bytes", "\xC0\xAF\n", 0, 0, 0, "ERROR 1:1: " BADU8("0xC0")},
    {"invalid UTF-8: overlong three bytes", "ø,\xE0\x80\xAF\n", 0, 0, 0, "ERROR 1:3: " BADU8("0xE0")},
    {"invalid UTF-8: surrogate", "\"\xED\xA0\x80\"\n", 0, 0, 0, "ERROR 1:2: " BADU8("0xED")},
    {"invalid UTF-8: above U+10FFFF", "\xF4\x90\x80\x80\n", 0, 0, 0, "ERROR 1:1: " BADU8("0xF4")},
    {"invalid UTF-8: byte 0xF5", "a\xF5\n", 0, 0, 0, "ERROR 1:2: " BADU8("0xF5")},
    {"invalid UTF-8: cut short at end of file", "a\n\xC3", 0, 0, 0, "[a]\nERROR 2:1: " BADU8("0xC3")},
    {"invalid UTF-8 after closing quote", "\"a\"\xFF\nb\n", 0, 0, 0,
     "ERROR 1:4: " BADU8("0xFF") "\n[b]"},
    {"invalid UTF-8 on the second line of a quoted field", "h\n\"ok\nx\xC3(\"\ny\n", 0, 0, 0,
     "[h]\nERROR 3:2: " BADU8("0xC3") "\n[y]"},
    {"NUL byte", "a,b\n1,\0,2\n3,4\n", 14, 0, 0, "[a|b]\nERROR 2:3: " NULBYTE "\n[3|4]"},
    {"NUL byte in quotes", "\"a\0\"\nb\n", 7, 0, 0, "ERROR 1:3: " NULBYTE "\n[b]"},
    {"NUL byte after closing quote", "\"a\"\0\nb\n", 7, 0, 0, "ERROR 1:4: " NULBYTE "\n[b]"},
    {"error in the header; the next record leads", "\"a\"x\nb,c\nd,e\n", 0, 0, 0,
     "ERROR 1:4: " UNEXP("x") "\n[b|c]\n[d|e]"},
    /* records read in one pass (csv.c quick) and those it leaves to the general loop */
    {"control bytes other than LF and CR are data", "a\x01" "b,c\x0B" "d\x0C,\te\n", 0, ',', POS,
     "@1#1[1:1=a\x01" "b|1:5=c\x0B" "d\x0C|1:10=\\te]"},
    {"TAB inside quotes with TAB between fields", "\"a\tb\"\tc\n", 0, '\t', POS, "@1#1[1:1=\"a\\tb\"|1:7=c]"},
    {"a line break, a doubled quote and letters: positions after them",
     "h1,h2,h3\n\"a\nbæ\",\"x\"\"y\",ø\n", 0, 0, POS,
     "@1#1[1:1=h1|1:4=h2|1:7=h3]\n@2#2[2:1=\"a\\nbæ\"|3:5=\"x\"y\"|3:12=ø]"},
    {"a lone CR and a CRLF inside quotes", "\"a\rb\r\nc\",d\n", 0, 0, POS, "@1#1[1:1=\"a\\rb\\r\\nc\"|3:4=d]"},
    {"doubled quotes in several fields", "\"a\"\"b\",c,\"\"\"\"\"\",\"d\"\n", 0, 0, 0, "[a\"b|c|\"\"|d]"},
    {"a quote late in a long record; the next record", "a,b,c,d,e\n1,2,3,4,5\"\n6,7,8,9,0\n", 0, 0, 0,
     "[a|b|c|d|e]\nERROR 2:10: " INQUOTE "\n[6|7|8|9|0]"},
    {"a bad byte after a closing quote late in a record", "a,b,c\n\"1\",\"2\",\"3\"x\n4,5,6\n", 0, 0, 0,
     "[a|b|c]\nERROR 2:12: " UNEXP("x") "\n[4|5|6]"},
    {"UTF-8 at the edges of the valid ranges",
     "\xDF\xBF,\xE0\xA0\x80,\xED\x9F\xBF,\xEE\x80\x80,\xF0\x90\x80\x80,\xF4\x8F\xBF\xBF\n", 0, 0, POS,
     "@1#1[1:1=\xDF\xBF|1:3=\xE0\xA0\x80|1:5=\xED\x9F\xBF|1:7=\xEE\x80\x80|1:9=\xF0\x90\x80\x80|1:11=\xF4\x8F\xBF\xBF]"},
    {"invalid UTF-8 after letters: overlong two bytes", "æ,ø,\xC1\xBF\n", 0, 0, 0, "ERROR 1:5: " BADU8("0xC1")},
    {"invalid UTF-8 after letters: overlong three bytes", "æ,ø,\xE0\x9F\xBF\n", 0, 0, 0, "ERROR 1:5: " BADU8("0xE0")},
    {"invalid UTF-8 after letters: overlong four bytes", "æ,ø,\xF0\x8F\xBF\xBF\n", 0, 0, 0, "ERROR 1:5: " BADU8("0xF0")},
    {"invalid UTF-8 after letters: surrogate", "æ,ø,x\xED\xA0\x80\n", 0, 0, 0, "ERROR 1:6: " BADU8("0xED")},
    {"invalid UTF-8 after letters: above U+10FFFF", "æ,ø,\xF4\x90\x80\x80\n", 0, 0, 0, "ERROR 1:5: " BADU8("0xF4")},
    {"invalid UTF-8 after letters: stray continuation", "æ,ø,å\xBF\n", 0, 0, 0, "ERROR 1:6: " BADU8("0xBF")},
    {"invalid UTF-8 after letters: a lead byte before ASCII", "æ,ø,\xC3" "a,b\n", 0, 0, 0, "ERROR 1:5: " BADU8("0xC3")},
    {"invalid UTF-8 after letters: three bytes cut short", "æ,ø,\xE2\x82,b\n", 0, 0, 0, "ERROR 1:5: " BADU8("0xE2")},
    {"invalid UTF-8 after letters: in quotes", "æ,\"ø\xF8\"\n", 0, 0, 0, "ERROR 1:5: " BADU8("0xF8")},
    {"invalid UTF-8 after letters: cut short at end of file", "æ,ø\n\"æ\",\xF0\x9F\x98", 0, 0, 0,
     "[æ|ø]\nERROR 2:5: " BADU8("0xF0")},
};

/* ---- rendering ---- */

static void addesc(buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
      case '\n': buf_adds(b, "\\n"); break;
      case '\r': buf_adds(b, "\\r"); break;
      case '\t': buf_adds(b, "\\t"); break;
      case '|': buf_adds(b, "\\|"); break;
      case '\\': buf_adds(b, "\\\\"); break;
      default: buf_addc(b, s[i]);
    }
  }
}

static void addrecord(buf *b, const csv_record *rec, int flags) {
  if (b->len) buf_addc(b, '\n');
  if (flags & POS) buf_printf(b, "@%u#%llu", (unsigned)rec->line, (unsigned long long)rec->number);
  buf_addc(b, '[');
  for (size_t k = 0; k < rec->nfields; k++) {
    const csv_field *f = &rec->fields[k];
    if (k) buf_addc(b, '|');
    if (flags & POS) buf_printf(b, "%u:%u=%s", (unsigned)csv_field_line(rec, f), (unsigned)csv_field_col(rec, f), f->quoted ? "\"" : "");
    addesc(b, f->text, f->len);
    if ((flags & POS) && f->quoted) buf_addc(b, '"');
  }
  buf_addc(b, ']');
}

/* Read everything, rendering records and errors; returns false when the
 * reader misbehaves (endless errors, a field text not NUL-ended). */
static bool render(csv_reader *r, int flags, buf *out) {
  csv_record *rec;
  csv_error err;
  int k, turns = 0;
  while ((k = csv_next(r, &rec, &err)) != 0) {
    if (++turns > 1000) return false;
    if (k < 0) {
      if (out->len) buf_addc(out, '\n');
      buf_printf(out, "ERROR %u:%u: %s", (unsigned)err.line, (unsigned)err.col, err.message);
      continue;
    }
    for (size_t i = 0; i < rec->nfields; i++)
      if (rec->fields[i].text[rec->fields[i].len] != '\0') return false;
    addrecord(out, rec, flags);
  }
  if (flags & DELIM) {
    if (out->len) buf_addc(out, '\n');
    char d = csv_delimiter(r);
    buf_printf(out, "delim=%s", d == '\t' ? "\\t" : (char[]){d, 0});
  }
  return true;
}

/* ---- reporting ---- */

static void indent(const char *label, const char *s) {
  printf("    %s\n", label);
  const char *p = s;
  do {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    printf("      %.*s\n", (int)n, p);
    p = nl ? nl + 1 : NULL;
  } while (p);
}

/* Print the case's line; returns 1 when it failed. */
static int verdict(const char *name, bool ok, const char *want, const char *got) {
  printf("%s csv: %s\n", ok ? "PASS" : "FAIL", name);
  if (ok) return 0;
  if (want) indent("expected:", want);
  if (got) indent("got:", got);
  return 1;
}

static FILE *memfile(const char *s, size_t n) {
  FILE *f = n ? fmemopen((void *)s, n, "r") : NULL; /* "r": never written */
  if (!f) { /* fmemopen of 0 bytes fails on older C libraries */
    f = tmpfile();
    if (f) {
      fwrite(s, 1, n, f);
      rewind(f);
    }
  }
  if (!f) {
    perror("csv_test: fmemopen");
    exit(2);
  }
  return f;
}

static size_t window; /* 0: the reader's own; else csv_set_window's */

static int runcase(const tcase *c) {
  size_t n = c->len ? c->len : strlen(c->in);
  FILE *f = memfile(c->in, n);
  csv_reader *r = csv_open_stream(f, c->delim);
  if (window) csv_set_window(r, window);
  buf got = {0};
  bool sane = render(r, c->flags, &got);
  uint64_t read = csv_bytes_read(r);
  csv_close(r);
  fclose(f);
  if (!sane) buf_adds(&got, "\n(reader looped or left a field without its NUL)");
  if (read != n) buf_printf(&got, "\n(bytes read %llu, input has %zu)", (unsigned long long)read, n);
  char name[200];
  snprintf(name, sizeof name, "%s%s", c->name, window ? " (16-byte window)" : "");
  int bad = verdict(name, sane && read == n && strcmp(buf_str(&got), c->want) == 0, c->want, buf_str(&got));
  buf_free(&got);
  return bad;
}

/* ---- tests built in code ---- */

enum { WINDOW = 64 * 1024 }; /* the reader's buffer size, to cross it */

/* Write n bytes to a fresh temporary file; its name goes to path. */
static void tmpwrite(char *path, const char *s, size_t n) {
  strcpy(path, "/tmp/csv_test_XXXXXX");
  int fd = mkstemp(path);
  FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
  if (!f || fwrite(s, 1, n, f) != n || fclose(f) != 0) {
    perror("csv_test: temporary file");
    exit(2);
  }
}

static int test_file(void) {
  static const char text[] = "\xEF\xBB\xBFnavn;beløb\r\nÅse;\"1,5\"\r\nBo;2\r\n";
  const char *want = "@1#1[1:1=navn|1:6=beløb]\n@2#2[2:1=Åse|2:5=\"1,5\"]\n@3#3[3:1=Bo|3:4=2]\ndelim=;";
  char path[64];
  tmpwrite(path, text, sizeof text - 1);
  csv_error err;
  csv_reader *r = csv_open(path, 0, &err);
  buf got = {0};
  if (!r) {
    buf_printf(&got, "csv_open failed: %s", err.message);
  } else {
    render(r, POS | DELIM, &got);
    if (csv_bytes_read(r) != sizeof text - 1)
      buf_printf(&got, "\n(bytes read %llu, file has %zu)", (unsigned long long)csv_bytes_read(r),
                 sizeof text - 1);
    csv_close(r);
  }
  remove(path);
  int bad = verdict("csv_open on a real file; bytes read = file size", strcmp(buf_str(&got), want) == 0, want,
          buf_str(&got));
  buf_free(&got);
  return bad;
}

static int test_missing(void) {
  csv_error err = {.line = 99};
  csv_reader *r = csv_open("/nonexistent/dir/x.csv", ',', &err);
  const char *want = "cannot open '/nonexistent/dir/x.csv': No such file or directory";
  buf got = {0};
  buf_printf(&got, "%s line %u", r ? "(opened)" : err.message, (unsigned)err.line);
  char w[128];
  snprintf(w, sizeof w, "%s line 0", want);
  int bad = verdict("csv_open on a missing file", !r && strcmp(buf_str(&got), w) == 0, w, buf_str(&got));
  if (r) csv_close(r);
  buf_free(&got);
  return bad;
}

static int test_stdin(void) {
  static const char text[] = "a\tb\n1\t2\n";
  char path[64];
  tmpwrite(path, text, sizeof text - 1);
  buf got = {0};
  if (!freopen(path, "r", stdin)) {
    buf_adds(&got, "(freopen failed)");
  } else {
    csv_reader *r = csv_open("-", 0, NULL);
    render(r, DELIM, &got);
    csv_close(r); /* must leave stdin open */
    if (fgetc(stdin) != EOF || ferror(stdin)) buf_adds(&got, "\n(stdin unusable after close)");
  }
  remove(path);
  const char *want = "[a|b]\n[1|2]\ndelim=\\t";
  int bad = verdict("csv_open(\"-\") reads standard input", strcmp(buf_str(&got), want) == 0, want, buf_str(&got));
  buf_free(&got);
  return bad;
}

/* A 200 KB header: 100 KB of commas inside quotes first (so detection
 * must respect quotes and look past the first window), then ';' fields. */
static int test_big_header(void) {
  buf in = {0};
  buf_addc(&in, '"');
  for (int k = 0; k < 100000; k++) buf_addc(&in, ',');
  buf_addc(&in, '"');
  size_t nf = 1;
  while (in.len < 200000) buf_printf(&in, ";c%05zu", nf++);
  buf_addc(&in, '\n');
  size_t lastcol = in.len - 6; /* ";cNNNNN\n": the last field's 1-based col */
  for (size_t k = 0; k < nf; k++) buf_adds(&in, k ? ";v" : "v");
  buf_adds(&in, "\n");

  FILE *f = memfile(in.s, in.len);
  csv_reader *r = csv_open_stream(f, 0);
  csv_record *rec;
  csv_error err;
  buf got = {0};
  int k1 = csv_next(r, &rec, &err);
  if (k1 != 1) {
    buf_printf(&got, "header: %d %s", k1, err.message);
  } else {
    const csv_field *last = &rec->fields[rec->nfields - 1];
    buf_printf(&got, "header fields %zu, first %zu bytes, last col %u", rec->nfields,
               rec->fields[0].len, (unsigned)csv_field_col(rec, last));
  }
  int k2 = csv_next(r, &rec, &err);
  buf_printf(&got, "; row %d %zu; delim %c", k2, k2 == 1 ? rec->nfields : 0, csv_delimiter(r));
  int k3 = csv_next(r, &rec, &err);
  buf_printf(&got, "; end %d; bytes %s", k3, csv_bytes_read(r) == in.len ? "ok" : "wrong");
  csv_close(r);
  fclose(f);
  char want[200];
  snprintf(want, sizeof want,
           "header fields %zu, first 100000 bytes, last col %zu; row 1 %zu; delim ;; end 0; bytes ok",
           nf, lastcol, nf);
  int bad = verdict("a 200 KB header with ';' detected past the buffer", strcmp(buf_str(&got), want) == 0, want,
          buf_str(&got));
  buf_free(&got);
  buf_free(&in);
  return bad;
}

/* A 160 KB quoted field with commas, doubled quotes, CRLFs and æ, then
 * the positions of what follows it. */
static int test_big_field(void) {
  enum { M = 20000 };
  buf in = {0}, val = {0};
  buf_adds(&in, "a,b\n\"");
  for (int k = 0; k < M; k++) {
    buf_adds(&in, "æ,\"\"q\r\n");
    buf_adds(&val, "æ,\"q\r\n");
  }
  buf_adds(&in, "\",x\ny,z\n");

  FILE *f = memfile(in.s, in.len);
  csv_reader *r = csv_open_stream(f, 0);
  csv_record *rec;
  csv_error err;
  buf got = {0};
  csv_next(r, &rec, &err);
  if (csv_next(r, &rec, &err) != 1) {
    buf_printf(&got, "error %u:%u: %s", (unsigned)err.line, (unsigned)err.col, err.message);
  } else {
    const csv_field *a = &rec->fields[0], *b = &rec->fields[1];
    buf_printf(&got, "value %s; field 2 at %u:%u", a->len == val.len && memcmp(a->text, val.s, val.len) == 0 ? "ok" : "wrong",
               (unsigned)csv_field_line(rec, b), (unsigned)csv_field_col(rec, b));
  }
  if (csv_next(r, &rec, &err) == 1) buf_printf(&got, "; next record at line %u", (unsigned)rec->line);
  buf_printf(&got, "; bytes %s", csv_bytes_read(r) == in.len ? "ok" : "wrong");
  csv_close(r);
  fclose(f);
  char want[100];
  snprintf(want, sizeof want, "value ok; field 2 at %d:3; next record at line %d; bytes ok", M + 2,
           M + 3);
  int bad = verdict("a 160 KB multi-line field across buffer refills", strcmp(buf_str(&got), want) == 0, want,
          buf_str(&got));
  buf_free(&got);
  buf_free(&in);
  buf_free(&val);
  return bad;
}

/* 100000 two-byte letters in one field: columns count characters. */
static int test_wide_letters(void) {
  buf in = {0};
  for (int k = 0; k < 100000; k++) buf_adds(&in, "ø");
  buf_adds(&in, ",z\n");
  FILE *f = memfile(in.s, in.len);
  csv_reader *r = csv_open_stream(f, ',');
  csv_record *rec;
  csv_error err;
  buf got = {0};
  if (csv_next(r, &rec, &err) == 1)
    buf_printf(&got, "%zu bytes, z at col %u", rec->fields[0].len, (unsigned)csv_field_col(rec, &rec->fields[1]));
  else
    buf_printf(&got, "error %u:%u: %s", (unsigned)err.line, (unsigned)err.col, err.message);
  csv_close(r);
  fclose(f);
  const char *want = "200000 bytes, z at col 100002";
  int bad = verdict("columns count letters across refills", strcmp(buf_str(&got), want) == 0, want,
          buf_str(&got));
  buf_free(&got);
  buf_free(&in);
  return bad;
}

/* Records of 300 fields: 64 of them may end in one 64-byte block, and
 * the reader makes room for fields a block at a time. */
static int test_many_fields(void) {
  enum { N = 300 };
  buf in = {0}, got = {0};
  for (int k = 0; k < N; k++) buf_adds(&in, k ? ",c" : "c");
  buf_addc(&in, '\n');
  for (int k = 1; k < N; k++) buf_addc(&in, ',');
  buf_addc(&in, '\n');
  for (int k = 0; k < N; k++) buf_adds(&in, k ? ",\"\"" : "\"\"");
  buf_addc(&in, '\n');
  FILE *f = memfile(in.s, in.len);
  csv_reader *r = csv_open_stream(f, ',');
  csv_record *rec;
  csv_error err;
  int k;
  while ((k = csv_next(r, &rec, &err)) != 0) {
    if (k < 0) {
      buf_printf(&got, "error %u:%u: %s; ", (unsigned)err.line, (unsigned)err.col, err.message);
      continue;
    }
    size_t empty = 0;
    for (size_t i = 0; i < rec->nfields; i++) empty += rec->fields[i].len == 0 && rec->fields[i].text[0] == 0;
    const csv_field *last = &rec->fields[rec->nfields - 1];
    buf_printf(&got, "%zu fields, %zu empty, last at %u:%u; ", rec->nfields, empty, (unsigned)csv_field_line(rec, last),
               (unsigned)csv_field_col(rec, last));
  }
  csv_close(r);
  fclose(f);
  const char *want = "300 fields, 0 empty, last at 1:599; 300 fields, 300 empty, last at 2:300; "
                     "300 fields, 300 empty, last at 3:898; ";
  int bad = verdict("records of 300 fields", strcmp(buf_str(&got), want) == 0, want, buf_str(&got));
  buf_free(&got);
  buf_free(&in);
  return bad;
}

/* A Windows-1252 or Latin-1 file read as UTF-8: every byte turned into
 * its character, also across the window's refills. */
static int test_encoding_delim(const char *name, csv_encoding enc, char delim, const char *in, size_t n,
                               const char *want) {
  FILE *f = memfile(in, n);
  csv_reader *r = csv_open_stream(f, delim);
  csv_set_encoding(r, enc);
  if (window) csv_set_window(r, window);
  csv_record *rec;
  csv_error err;
  buf got = {0};
  int k;
  while ((k = csv_next(r, &rec, &err)) != 0) {
    if (k < 0) {
      buf_printf(&got, "ERROR %u:%u: %s\n", (unsigned)err.line, (unsigned)err.col, err.message);
      continue; /* the reader goes on with the next line */
    }
    buf_addc(&got, '[');
    for (size_t i = 0; i < rec->nfields; i++) buf_printf(&got, "%s%s", i ? "|" : "", rec->fields[i].text);
    buf_printf(&got, "] col %u\n", (unsigned)csv_field_col(rec, &rec->fields[rec->nfields - 1]));
  }
  csv_close(r);
  fclose(f);
  bool ok = strcmp(buf_str(&got), want) == 0;
  if (got.len > 400) got.s[got.len = 400] = 0; /* enough to see what went wrong */
  int bad = verdict(name, ok, strlen(want) > 400 ? "(long)" : want, buf_str(&got));
  buf_free(&got);
  return bad;
}

static int test_encoding(const char *name, csv_encoding enc, const char *in, size_t n, const char *want) {
  return test_encoding_delim(name, enc, ',', in, n, want);
}

static int test_encodings(void) {
  int bad = 0;
  const char cp[] = "navn,by\nS\xf8ren,\xc5rhus\n\x80 pris,\x93K\xf8ge\x94\n";
  bad += test_encoding("windows-1252: æøå, € and quotes", CSV_WINDOWS_1252, cp, sizeof cp - 1,
                       "[navn|by] col 6\n[Søren|Århus] col 7\n[€ pris|“Køge”] col 8\n");
  bad += test_encoding("latin-1: 0x80 stays a control code", CSV_LATIN_1, cp, sizeof cp - 1,
                       "[navn|by] col 6\n[Søren|Århus] col 7\n[\xc2\x80 pris|\xc2\x93Køge\xc2\x94] col 8\n");
  /* 300 000 bytes of ø: more than one window, each byte two in UTF-8 */
  buf in = {0}, want = {0};
  for (int k = 0; k < 300000; k++) buf_addc(&in, (char)0xf8);
  buf_adds(&in, ",z\n");
  buf_adds(&want, "[");
  for (int k = 0; k < 300000; k++) buf_adds(&want, "ø");
  buf_adds(&want, "|z] col 300002\n");
  bad += test_encoding("windows-1252 across refills", CSV_WINDOWS_1252, in.s, in.len, buf_str(&want));
  buf_free(&in);
  buf_free(&want);
  /* issue 7.15: the five undefined bytes are errors at their place, not
   * invisible control characters; Latin-1 keeps them */
  const char un[] = "a,b\nx\x81y,1\n\"\x8D\",\x8F\n\x90,\x9D\n\xf8,2\n";
#define UNDEF(b) "byte " b " is not defined in Windows-1252; is the file saved in another encoding?\n"
  bad += test_encoding("windows-1252: undefined bytes are errors at their place", CSV_WINDOWS_1252, un, sizeof un - 1,
                       "[a|b] col 3\nERROR 2:2: " UNDEF("0x81") "ERROR 3:2: " UNDEF("0x8D") "ERROR 4:1: " UNDEF("0x90")
                       "[ø|2] col 3\n");
#undef UNDEF
  bad += test_encoding("latin-1: every byte is a character", CSV_LATIN_1, un, sizeof un - 1,
                       "[a|b] col 3\n[x\xc2\x81y|1] col 5\n[\xc2\x8d|\xc2\x8f] col 5\n[\xc2\x90|\xc2\x9d] col 3\n"
                       "[ø|2] col 3\n");
  return bad;
}

/* issue 7.11: a Windows-1252 header with a quote that is never closed and
 * ';' between fields made delimiter detection loop for ever (the window
 * filled up to one or two bytes short of full and never grew). */
static int test_unclosed_1252_header(void) {
  buf in = {0};
  buf_adds(&in, "id;\"navn\r\n");
  for (int k = 0; k < 30000; k++) buf_adds(&in, "0;K\xf8ge\r\n");
  char want[100];
  snprintf(want, sizeof want, "ERROR 1:4: %s\n", UNCLOSED);
  char name[120];
  snprintf(name, sizeof name, "windows-1252: unclosed quote in a ';' header ends%s", window ? " (16-byte window)" : "");
  int bad = test_encoding_delim(name, CSV_WINDOWS_1252, 0, in.s, in.len, want);
  buf_free(&in);
  return bad;
}

/* Long runs of 'x' shown as "x*N" so a failure stays readable. */
static void squeeze(buf *b) {
  buf out = {0};
  for (size_t i = 0; i < b->len;) {
    size_t j = i;
    while (j < b->len && b->s[j] == 'x') j++;
    if (j - i > 8) {
      buf_printf(&out, "x*%zu", j - i);
      i = j;
    } else {
      buf_addc(&out, b->s[i++]);
    }
  }
  buf_free(b);
  *b = out;
}

/* What the sweeps below must read, for an x run of k bytes (xs). */
static void expect_a(buf *w, size_t k, const char *xs) {
  buf_printf(w, "@1#1[1:1=h|1:3=i|1:5=j]\n@2#2[2:1=%s|2:%zu=\"a\"b\"|2:%zu=æ]\n"
             "@3#3[3:1=\"c\\r\\nd\"|4:4=e|4:6=ø]", xs, k + 2, k + 9);
}

static void expect_b(buf *w, size_t k, const char *xs) {
  buf_printf(w, "@1#1[1:1=h|1:3=i|1:5=j]\n@2#2[2:1=%s|2:%zu=|2:%zu=\xF0\x9F\x98\x80]\n"
             "ERROR 5:4: " UNEXP("z") "\n@6#4[6:1=3|6:3=\"4\"|6:7=]", xs, k + 2, k + 3);
}

/* Slide the bytes after an x run of about one buffer across the buffer's
 * edge: every special byte of `tail` lands on it once. */
static int sweep(const char *name, const char *tail, void (*expect)(buf *, size_t, const char *)) {
  buf got = {0}, want = {0}, xs = {0};
  bool ok = true;
  for (size_t k = WINDOW - 48; k <= WINDOW + 2 && ok; k++) {
    buf_clear(&xs);
    for (size_t j = 0; j < k; j++) buf_addc(&xs, 'x');
    buf in = {0};
    buf_adds(&in, "h,i,j\r\n");
    buf_adds(&in, xs.s);
    buf_adds(&in, tail);
    FILE *f = memfile(in.s, in.len);
    csv_reader *r = csv_open_stream(f, 0);
    buf_clear(&got);
    render(r, POS, &got);
    if (csv_bytes_read(r) != in.len) buf_adds(&got, "\n(bytes read wrong)");
    csv_close(r);
    fclose(f);
    buf_clear(&want);
    expect(&want, k, xs.s);
    ok = strcmp(want.s, got.s) == 0;
    if (!ok) {
      squeeze(&want);
      squeeze(&got);
      buf w = {0};
      buf_printf(&w, "(at an x run of %zu)\n%s", k, want.s);
      buf_free(&want);
      want = w;
    }
    buf_free(&in);
  }
  int bad = verdict(name, ok, want.s, got.s);
  buf_free(&got);
  buf_free(&want);
  buf_free(&xs);
  return bad;
}

/* csv_digest: the SHA-256 of the bytes as read, in the same pass as the
 * records, whatever the window and the encoding (spec/output.md §5). */
static void digest_of(const char *text, size_t len, size_t win, csv_encoding enc, bool start, buf *got) {
  FILE *f = memfile(text, len);
  csv_reader *r = csv_open_stream(f, 0);
  if (win) csv_set_window(r, win);
  csv_set_encoding(r, enc);
  if (start) csv_digest_start(r);
  csv_record *rec;
  unsigned char d[CSV_SHA256_SIZE];
  uint64_t bytes = 0;
  int recs = 0;
  bool early = csv_digest(r, d, &bytes); /* not at the end yet */
  while (csv_next(r, &rec, NULL) != 0) recs++;
  bool ok = csv_digest(r, d, &bytes);
  buf_clear(got);
  if (early) buf_adds(got, "(a digest before the end) ");
  if (!ok) {
    buf_adds(got, "(no digest)");
  } else {
    for (int k = 0; k < CSV_SHA256_SIZE; k++) buf_printf(got, "%02x", d[k]);
    buf_printf(got, " %" PRIu64 " bytes %d records", bytes, recs);
    if (csv_digest(r, d, &bytes)) buf_adds(got, " (twice)");
  }
  csv_close(r);
  fclose(f);
}

static int test_digest(void) {
  /* sha256sum of these bytes; a BOM and Windows-1252 bytes are hashed as they are in the file */
  static const struct {
    const char *name, *text;
    csv_encoding enc;
    const char *want;
  } cs[] = {
      {"abc", "a,b,c\n1,2,3\n", CSV_UTF8,
       "9284ed4fd7fe1346904656f329db6cc49c0e7ae5b8279bff37f96bc6eb59baad 12 bytes 2 records"},
      {"BOM", "\xEF\xBB\xBF" "x;y\r\n1;2\r\n", CSV_UTF8,
       "47dc1130d2a6e4cf449e31a9e49cb5310ae3b911794fbcd7ec7d8279422d6d49 13 bytes 2 records"},
      {"windows-1252", "navn\n\xE6" "bler\n", CSV_WINDOWS_1252,
       "c2316ad3fb6d010dfce3a35334be064cabda0a8c4ee0b0a1b6a732ac91565679 11 bytes 2 records"},
  };
  int failed = 0;
  buf got = {0}, first = {0};
  for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
    size_t len = strlen(cs[i].text);
    digest_of(cs[i].text, len, 0, cs[i].enc, true, &first);
    const char *want = cs[i].want;
    bool ok = !strcmp(buf_str(&first), want);
    /* the same through a window of 16 bytes: every refill hashes its bytes once */
    digest_of(cs[i].text, len, 16, cs[i].enc, true, &got);
    ok = ok && !strcmp(buf_str(&got), want);
    char name[96];
    snprintf(name, sizeof name, "csv_digest: %s", cs[i].name);
    failed += verdict(name, ok, want, buf_str(&got));
  }
  digest_of("a\n1\n", 4, 0, CSV_UTF8, false, &got);
  failed += verdict("csv_digest: none unless started", !strcmp(buf_str(&got), "(no digest)"), "(no digest)", buf_str(&got));
  buf_free(&got);
  buf_free(&first);
  return failed;
}

/* ---- the one-pass readers against the general loop ---- */

static uint64_t seed = 88172645463325252u; /* xorshift: the same inputs every run */

static unsigned rnd(unsigned n) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return (unsigned)(seed % n);
}

/* Bytes that are not data in a plain field: what the readers disagree
 * on, if anywhere. */
static const char *const odd[] = {"\"", "\r", "\n", "\r\n", "\0", "\x80", "\xC3", "\xC3(", "\xE0\x80\xAF",
                                  "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5", "\xC0\xAF", "\xE2\x82", "\xFF",
                                  "\x01", "\x0B", "\t", "\x7F", "\xF0\x9F\x98"};
static const char *const letters[] = {"a", "b", "xyz", " ", "1", "2007-07-01", "æ", "ø", "å", "Æble",
                                      "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x01", "\t", ";", ","};

static void add_odd(buf *b) {
  const char *o = odd[rnd(sizeof odd / sizeof *odd)];
  buf_add(b, o, *o ? strlen(o) : 1); /* "\0" is one byte */
}

/* A field as written: plain, quoted (with doubled quotes, line breaks and
 * delimiters inside), empty, or now and then with an odd byte. */
static void rnd_field(buf *b, char d) {
  unsigned kind = rnd(20);
  size_t n = rnd(kind < 2 ? 40 : kind >= 16 ? 12 : 8);
  if (kind == 0 || kind >= 16) { /* quoted; on one line mostly */
    bool lines = kind == 0 || kind == 16;
    buf_addc(b, '"');
    for (size_t k = 0; k < n; k++) {
      unsigned x = rnd(12);
      if (x == 0) buf_adds(b, "\"\"");
      else if (x == 1) buf_adds(b, lines ? rnd(2) ? "\n" : "\r\n" : "y");
      else if (x == 2) buf_addc(b, d ? d : ',');
      else if (x == 3 && !rnd(3)) add_odd(b);
      else buf_adds(b, letters[rnd(sizeof letters / sizeof *letters)]);
    }
    if (rnd(40)) buf_addc(b, '"');
    if (!rnd(40)) add_odd(b);
    return;
  }
  for (size_t k = 0; k < n; k++) {
    const char *t = letters[rnd(sizeof letters / sizeof *letters)];
    if ((t[0] == ',' || t[0] == ';' || t[0] == '\t') && t[0] != d && d) t = "a";
    if (t[0] == d) t = "z";
    buf_adds(b, t);
  }
  if (!rnd(kind == 1 ? 2 : 60)) add_odd(b);
}

/* An input of records with about the same number of fields. */
static void rnd_input(buf *b, char d) {
  buf_clear(b);
  if (!rnd(20)) buf_adds(b, "\xEF\xBB\xBF");
  size_t nf = 1 + rnd(rnd(4) ? 12 : 80), nrec = rnd(12);
  const char *eol = rnd(3) ? "\n" : "\r\n";
  for (size_t i = 0; i < nrec; i++) {
    size_t n = rnd(15) ? nf : 1 + rnd(nf + 2);
    for (size_t k = 0; k < n; k++) {
      if (k) buf_addc(b, d ? d : ',');
      rnd_field(b, d);
    }
    if (!rnd(20)) buf_adds(b, eol);   /* an empty line */
    if (i + 1 < nrec || rnd(3)) buf_adds(b, rnd(15) ? eol : rnd(2) ? "\r" : "\n");
  }
}

/* Everything a reader returns, one line each, with csv_bytes_read after
 * each record and each field's line, column (csv_field_col), bytes and
 * NUL. */
static void log_reader(csv_reader *r, buf *log) {
  csv_record *rec;
  csv_error err;
  int k, turns = 0;
  while ((k = csv_next(r, &rec, &err)) != 0 && ++turns < 10000) {
    if (k < 0) {
      buf_printf(log, "ERROR %u:%u: %s @%" PRIu64 "\n", (unsigned)err.line, (unsigned)err.col, err.message,
                 csv_bytes_read(r));
      continue;
    }
    buf_printf(log, "#%" PRIu64 " line %u, %zu fields @%" PRIu64 " line %u\n", rec->number, (unsigned)rec->line,
               rec->nfields, csv_bytes_read(r), (unsigned)csv_line(r));
    for (size_t i = 0; i < rec->nfields; i++) {
      const csv_field *f = &rec->fields[i];
      buf_printf(log, "  %u:%u%s [", (unsigned)csv_field_line(rec, f), (unsigned)csv_field_col(rec, f), f->quoted ? "q" : "");
      addesc(log, f->text, f->len);
      buf_printf(log, "]%s\n", f->text[f->len] ? " (no NUL)" : "");
    }
  }
  buf_printf(log, "end @%" PRIu64 ", delimiter %d\n", csv_bytes_read(r), csv_delimiter(r));
}

static bool wide = true; /* csv_set_wide: the AVX2 classifier where the CPU has it */

static void read_with(const buf *in, char d, csv_encoding enc, size_t win, bool plain, bool quick, buf *log) {
  FILE *f = memfile(in->s, in->len);
  csv_reader *r = csv_open_stream(f, d);
  csv_set_encoding(r, enc);
  if (win) csv_set_window(r, win);
  csv_set_paths(r, plain, quick);
  csv_set_wide(r, wide);
  buf_clear(log);
  log_reader(r, log);
  csv_close(r);
  fclose(f);
}

/* The part of the input from a record's start on, as split.c reads it. */
static void read_part(const buf *in, size_t from, char d, size_t header, bool plain, bool quick, buf *log) {
  FILE *f = memfile(in->s + from, in->len - from);
  csv_reader *r = csv_open_part(f, d, header); /* closes f */
  csv_set_paths(r, plain, quick);
  csv_set_wide(r, wide);
  buf_clear(log);
  log_reader(r, log);
  csv_close(r);
}

/* Where the readers differ first, with the input, escaped. */
static int differ(const char *name, unsigned i, const buf *in, const char *a, const char *b) {
  buf w = {0};
  buf_printf(&w, "(input %u) ", i);
  addesc(&w, in->s, in->len);
  for (size_t k = 0; k < in->len; k++)
    if ((unsigned char)in->s[k] >= 0x80 || (unsigned char)in->s[k] < 0x20) buf_printf(&w, " %zu:%02X", k, (unsigned char)in->s[k]);
  buf_printf(&w, "\n%s", a);
  int bad = verdict(name, false, buf_str(&w), b);
  buf_free(&w);
  return bad;
}

/* Random inputs read by the one-pass readers (plain, then quick) and by
 * the general loop alone must give the same records, fields, lines,
 * columns, errors and byte counts, whatever the window, the delimiter,
 * the encoding and the classifier (AVX2 or not, every other input). */
static int test_paths(void) {
  static const char delims[] = {0, ',', ';', '\t'};
  static const size_t windows[] = {0, 0, 0, 16, 17, 31, 64, 100};
  enum { N = 6000 };
  buf in = {0}, all = {0}, gen = {0}, quick = {0};
  int bad = 0;
  unsigned plain_part = 0;
  for (unsigned i = 0; i < N && !bad; i++) {
    char d = delims[rnd(4)];
    size_t win = windows[rnd(8)];
    csv_encoding enc = rnd(10) ? CSV_UTF8 : rnd(2) ? CSV_WINDOWS_1252 : CSV_LATIN_1;
    rnd_input(&in, d);
    wide = i % 2 == 0;
    read_with(&in, d, enc, win, true, true, &all);
    read_with(&in, d, enc, win, false, false, &gen);
    read_with(&in, d, enc, win, false, true, &quick);
    if (strcmp(buf_str(&all), buf_str(&gen))) bad += differ("plain and quick against the general loop", i, &in, buf_str(&gen), buf_str(&all));
    else if (strcmp(buf_str(&quick), buf_str(&gen))) bad += differ("quick against the general loop", i, &in, buf_str(&gen), buf_str(&quick));
    /* a second half from the start of the second record on (csv_open_part) */
    const char *second = strstr(buf_str(&gen), "\n#2 ");
    if (bad || enc != CSV_UTF8 || !d || !second || strncmp(buf_str(&gen), "#1 ", 3)) continue;
    uint64_t from;
    size_t header;
    if (sscanf(buf_str(&gen), "#1 line %*u, %zu fields @%" SCNu64, &header, &from) != 2 || from >= in.len) continue;
    read_part(&in, (size_t)from, d, header, true, true, &all);
    read_part(&in, (size_t)from, d, header, false, false, &gen);
    plain_part++;
    if (strcmp(buf_str(&all), buf_str(&gen))) bad += differ("csv_open_part: plain and quick against the general loop", i, &in, buf_str(&gen), buf_str(&all));
  }
  wide = true;
  if (!bad) {
    char name[120];
    snprintf(name, sizeof name, "plain and quick read %d random inputs (%u of them in part too) as the general loop does", N, plain_part);
    bad = verdict(name, true, NULL, NULL);
  }
  buf_free(&in);
  buf_free(&all);
  buf_free(&gen);
  buf_free(&quick);
  return bad;
}

/* Each classifier of bytes the CPU runs (SSE2, AVX2) marks random blocks
 * as the portable one does: blocks of every byte value, and of the bytes
 * a CSV file holds most (letters, delimiters, quotes, line ends, UTF-8). */
static int test_masks(void) {
  static const char delims[] = {',', ';', '\t', '|'};
  static const unsigned char common[] = {'a', '1', ' ', ',', ';', '\t', '"', '\r', '\n', 0, 0x0B, 0x0E, 0x7F, 0x80, 0xC3, 0xA6, 0xFF};
  unsigned char block[128];
  int bad = 0;
  for (unsigned i = 0; i < 20000 && !bad; i++) {
    for (size_t k = 0; k < sizeof block; k++) block[k] = (unsigned char)(i % 2 ? rnd(256) : common[rnd(sizeof common)]);
    char d = delims[rnd(4)];
    if (!csv_masks_agree(block, d)) {
      buf w = {0};
      for (size_t k = 0; k < 64; k++) buf_printf(&w, "%02X", block[k]);
      bad += verdict("the classifiers against the portable one", false, "the same masks", buf_str(&w));
      buf_free(&w);
    }
  }
  if (!bad) bad = verdict("each classifier marks 20000 random blocks as the portable one does", true, NULL, NULL);
  return bad;
}

int main(void) {
  alarm(120); /* a reader that loops for ever fails instead of hanging the suite */
  setvbuf(stdout, NULL, _IOLBF, 0); /* and the lines before it are seen */
  int failed = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) failed += runcase(&cases[i]);
  failed += test_unclosed_1252_header();
  /* every case again through a tiny window: each refill path is taken */
  window = 16;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) failed += runcase(&cases[i]);
  failed += test_encodings();
  failed += test_unclosed_1252_header();
  window = 0;
  failed += test_file();
  failed += test_missing();
  failed += test_stdin();
  failed += test_digest();
  failed += test_big_header();
  failed += test_big_field();
  failed += test_wide_letters();
  failed += test_many_fields();
  failed += test_encodings();
  failed += sweep("quotes, CRLF and letters across the buffer edge",
                  ",\"a\"\"b\",æ\r\n\"c\r\nd\",e,ø", expect_a);
  failed += test_paths();
  failed += test_masks();
  failed += sweep("empty lines, errors and lone CR across the buffer edge",
                  ",,\xF0\x9F\x98\x80\r\n\r\n\n\"q\"z,1,2\r3,\"4\",\n", expect_b);
  return failed ? 1 : 0;
}
