/* fmt.c — print a rule file in the canonical layout (see fmt.h). */
#include "fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse.h"
#include "parser.h"
#include "spelling.h"

/* ---- keyword spellings: English and Danish (spelling.c) ---- */

static const char *spelling(int tok, fmt_lang lang) { return spelling_of(tok, lang != FMT_EN); }

fmt_lang fmt_keyword_lang(const char *src, size_t len) {
  ast_program *p = ast_new("");
  diag *d = diag_new("", src, len);
  size_t n = 0;
  parse_token *t = parse_tokens(src, len, p, d, &n);
  int en = 0, da = 0;
  for (size_t i = 0; i < n; i++) {
    if (t[i].sp.end > len || t[i].sp.end <= t[i].sp.beg) continue;
    const char *w = src + t[i].sp.beg;
    size_t wn = t[i].sp.end - t[i].sp.beg;
    const char *e = spelling_of(t[i].kind, false), *a = spelling_of(t[i].kind, true);
    if (!e) continue; /* not a keyword */
    bool is_en = strlen(e) == wn && !strncasecmp(e, w, wn);
    bool is_da = strlen(a) == wn && !strncasecmp(a, w, wn);
    en += is_en && !is_da;
    da += is_da && !is_en;
  }
  free(t);
  diag_free(d);
  ast_free(p);
  return da > en ? FMT_DA : en > da ? FMT_EN : FMT_KEEP;
}

/* ---- the printer ---- */

typedef enum { B_TOP, B_AREA, B_INIT, B_GOAL, B_SCHEME, B_COLUMNS, B_TEST, B_CHECKS, B_OTHER } block;

typedef struct {
  const char *src;
  const parse_token *t;
  size_t n;
  const ast_program *p; /* for the keywords used as names */
  fmt_lang lang;
  buf *out;
  block stack[64];
  int depth;
  bool line_open;      /* something is on the current output line */
  bool continuation;   /* the current line continues a statement */
  bool need_break;     /* after a brace: the next token (not a trailing comment) starts a line */
  int stmt_first;      /* token that began the current statement */
} printer;

static bool is_name(const printer *pr, size_t i) {
  if (pr->t[i].kind == IDENT) return true;
  for (size_t k = 0; k < pr->p->nsoft; k++)
    if (pr->p->soft_names[k] == pr->t[i].sp.beg) return true;
  return false;
}

static int kind(const printer *pr, size_t i) { return i < pr->n ? pr->t[i].kind : 0; }

/* Newlines in the source between token i-1 and token i. */
static int breaks(const printer *pr, size_t i) {
  if (i == 0) return 0;
  int nl = 0;
  for (uint32_t k = pr->t[i - 1].sp.end; k < pr->t[i].sp.beg; k++) nl += pr->src[k] == '\n';
  return nl;
}

/* Does token i begin a statement in the block it stands in? */
static bool starts_statement(const printer *pr, size_t i) {
  int k = kind(pr, i);
  if (is_name(pr, i)) {
    int next = kind(pr, i + 1);
    if (pr->stack[pr->depth] == B_CHECKS) /* 'alder i (…)', 'alder mellem …', 'alder [16..99]' (§4.7) */
      return k == IDENT && (next == IN || next == BETWEEN || next == '[' || next == '(');
    return pr->stack[pr->depth] == B_COLUMNS && next == ':';
  }
  if (k == BY && kind(pr, i - 1) == TARGET) return false; /* 'target by DATE', a milestone's deadline */
  /* 'status mål a' and 'mindst 2 af 3 mål opfyldt' name goals; they begin no goal */
  if (k == GOAL && (kind(pr, i - 1) == STATUS || kind(pr, i + 1) == MET)) return false;
  switch (pr->stack[pr->depth]) {
  case B_TOP:
    return k == AGREEMENT || k == PARAM || k == DATA || k == GROUP || k == SCHEME || k == AREA || k == IMPORT || k == TEST ||
           k == STATUS || k == BANDS || k == CHECKS;
  case B_CHECKS:
    return k == UNIQUE || k == REQUIRED || (k == ROWS && (kind(pr, i + 1) == ATLEAST || kind(pr, i + 1) == ATMOST ||
                                                         kind(pr, i + 1) == AT)) ||
           (k == IDENT && (kind(pr, i + 1) == IN || kind(pr, i + 1) == BETWEEN || kind(pr, i + 1) == '[' ||
                           kind(pr, i + 1) == '('));
  case B_TEST: return k == RULES || k == DATA || k == PARAM || k == EXPECT;
  case B_AREA: return k == INITIATIVE || k == COMMENT || k == STATUS || k == WEIGHT;
  case B_INIT: return k == GOAL || k == COMMENT || k == RESULT || k == STATUS || k == WEIGHT || k == SOURCEREF;
  case B_GOAL:
    return k == MEASURE || k == TARGET || k == RESULT || k == COMMENT || k == SCHEME || k == BY || k == STATUS ||
           k == EXCLUDE || k == BASELINE || k == ASSESSED || k == WEIGHT || k == SOURCEREF;
  case B_SCHEME:
    return (k == MET && kind(pr, i - 1) != NOT) || k == PARTLY || k == UNKNOWN || (k == NOT && kind(pr, i + 1) == MET);
  default: return false;
  }
}

static void newline(printer *pr) {
  if (pr->line_open) buf_addc(pr->out, '\n');
  pr->line_open = false;
}

static void begin_line(printer *pr, int extra) {
  newline(pr);
  for (int k = 0; k < pr->depth * 2 + extra; k++) buf_addc(pr->out, ' ');
  pr->line_open = true;
}

static void blank_line(printer *pr) {
  newline(pr);
  size_t len = pr->out->len;
  if (len >= 2 && pr->out->s[len - 1] == '\n' && pr->out->s[len - 2] != '\n' && pr->out->s[len - 2] != '{')
    buf_addc(pr->out, '\n');
}

static block block_of(const printer *pr) {
  switch (kind(pr, (size_t)pr->stmt_first)) {
  case AREA: return B_AREA;
  case INITIATIVE: return B_INIT;
  case GOAL: return B_GOAL;
  case SCHEME: return B_SCHEME;
  case DATA: return B_COLUMNS;
  case TEST: return B_TEST;
  case CHECKS: return B_CHECKS;
  default: return B_OTHER;
  }
}

/* Whether token i stands where an id is expected (a label, never a
 * number to regroup): after 'area', 'initiative', 'goal' or 'expect'. */
static bool is_number(int k) { return k == INT_LIT || k == DEC_LIT || k == LABEL; }

/* Whether token i is a goal named after 'status mål' (spec §9.5): the
 * first, or one after a comma or 'og' in 'status mål a, b og c'. */
static bool status_goal_name(const printer *pr, size_t i) {
  size_t j = i;
  while (j >= 2 && (kind(pr, j - 1) == ',' || kind(pr, j - 1) == AND)) j -= 2;
  return j >= 2 && (kind(pr, j - 1) == GOAL || kind(pr, j - 1) == GOALS) && kind(pr, j - 2) == STATUS;
}

/* Whether token i is 'område' or 'area' of 'forvent område:N' (spec §12.11). */
static bool expect_area(const printer *pr, size_t i) {
  if (i == 0 || kind(pr, i - 1) != EXPECT || kind(pr, i + 1) != ':') return false;
  if (kind(pr, i) == AREA) return true;
  const parse_token *t = &pr->t[i]; /* 'område' is no keyword: a name, only this one */
  return kind(pr, i) == IDENT && t->sp.end - t->sp.beg == strlen("område") &&
         !strncasecmp(pr->src + t->sp.beg, "område", strlen("område"));
}

static bool label_position(const printer *pr, size_t i) {
  int prev = i > 0 ? kind(pr, i - 1) : 0;
  if ((prev == ',' || prev == AND) && status_goal_name(pr, i)) return true;
  if (prev == ':' && i >= 3 && kind(pr, i - 3) == EXPECT) return true; /* forvent område:N */
  return prev == AREA || prev == INITIATIVE || prev == GOAL || prev == EXPECT;
}

/* Whether a '-' at token i is a sign (-3), not a subtraction: nothing
 * that ends an operand stands before it. */
static bool unary_minus(const printer *pr, size_t i) {
  if (kind(pr, i) != '-' || i == 0) return false;
  int prev = kind(pr, i - 1);
  if (is_name(pr, i - 1) || is_number(prev)) return false;
  return prev != STRING && prev != DATE_LIT && prev != ')' && prev != TRUE && prev != FALSE && prev != MONTH_LIT &&
         prev != QUARTER_LIT;
}

/* The time words of spec §5.11 whose spelling depends on what stands
 * around them: 'måned af' (not 'måneder af'), a column's type 'måned',
 * 'the period' / 'perioden', 'working days' / 'arbejdsdage', and
 * 'arbejdsdage' as a unit, kept as written.  1 when printed, 0 when
 * merged into the word before, -1 when token i is no such word. */
static int time_word(const printer *pr, size_t i, buf *out) {
  int k = kind(pr, i), prev = i > 0 ? kind(pr, i - 1) : 0, next = kind(pr, i + 1);
  bool da = pr->lang == FMT_DA;
  if ((k == MONTHS && (next == OF || prev == ':')) || (k == YEARS && next == OF)) {
    buf_adds(out, k == MONTHS ? (da ? "måned" : "month") : (da ? "år" : "year"));
    return 1;
  }
  if (k == WORKDAYS && next != FROM) {
    buf_add(out, pr->src + pr->t[i].sp.beg, pr->t[i].sp.end - pr->t[i].sp.beg);
    return 1;
  }
  if (da && ((k == THE && next == PERIOD) || (k == WORKING && next == DAYS))) {
    buf_adds(out, k == THE ? "perioden" : "arbejdsdage");
    return 1;
  }
  if (da && ((k == PERIOD && prev == THE) || (k == DAYS && prev == WORKING))) return 0;
  return -1;
}

/* Append the word for token i in the target language to out: a keyword's
 * spelling, a number in the canonical style, else the token as written
 * (never truncated: comments and texts may be of any length).  Returns
 * false for a token that merged into the one before. */
static bool word(printer *pr, size_t i, buf *out) {
  const parse_token *t = &pr->t[i];
  int k = t->kind;
  const char *src = pr->src + t->sp.beg;
  size_t n = t->sp.end - t->sp.beg;
  if (is_number(k) && !label_position(pr, i)) {
    ast_number_text(src, n, false, out);
    return true;
  }
  if (k == QUARTER_LIT) { /* 2009k1 is written 2009K1 */
    buf_printf(out, "%.4sK%.1s", src, src + 5);
    return true;
  }
  const char *w = NULL;
  if (k == REF_COL || k == WITHIN || k == EITHER_WAY) { /* one token of several words: one space between them */
    size_t col = k == REF_COL ? strcspn(src, " \t") : 0;
    bool da = k == REF_COL ? n >= 3 && !strncasecmp(src + n - 3, "til", 3)
              : k == WITHIN ? (src[0] == 'i' || src[0] == 'I') : (src[0] == 't' || src[0] == 'T');
    if (pr->lang != FMT_KEEP) da = pr->lang == FMT_DA;
    buf_add(out, src, col);
    if (k == REF_COL) buf_adds(out, da ? " henviser til" : " references");
    else if (k == WITHIN) buf_adds(out, da ? "inden for" : "within");
    else buf_adds(out, da ? "til begge sider" : "either way");
    return true;
  }
  if (pr->lang != FMT_KEEP && expect_area(pr, i)) { /* 'forvent område:1', 'expect area:1' */
    buf_adds(out, pr->lang == FMT_DA ? "område" : "area");
    return true;
  }
  if (pr->lang == FMT_KEEP || is_name(pr, i) || k == IDENT) {
    buf_add(out, src, n);
    return true;
  }
  int prev = i > 0 ? kind(pr, i - 1) : 0, next = kind(pr, i + 1);
  int tw = time_word(pr, i, out);
  if (tw >= 0) return tw == 1;
  /* "in the month before X" is "i måneden før X"; "in all of the" is "i alle de" */
  bool month_dir = kind(pr, i + 2) == AFTER || kind(pr, i + 2) == BEFORE;
  if (pr->lang == FMT_DA) {
    if (k == THE && prev == IN && next == MONTHS && month_dir) w = "måneden";
    else if (k == MONTHS && prev == THE && i >= 2 && kind(pr, i - 2) == IN && (next == AFTER || next == BEFORE)) return false;
    else if (k == OF && prev == ALL && next == THE) return false;
  } else if (k == MONTHS && prev == THE && i >= 2 && kind(pr, i - 2) == IN && (next == AFTER || next == BEFORE)) {
    w = "month";
  } else if (k == ALL && prev == IN && next == THE) {
    w = "all of";
  }
  if (w) {
    /* decided above */
  } else if (pr->lang == FMT_DA) {
    if (k == AT && (next == LEAST || next == MOST)) w = next == LEAST ? "mindst" : "højst";
    else if ((k == LEAST || k == MOST) && prev == AT) return false;
    else if (k == IS && (next == MISSING || (next == NOT && kind(pr, i + 2) == MISSING))) return false;
    else if (k == NOT && prev == IS && next == MISSING) return false;
    else if (k == MISSING && prev == NOT && i >= 2 && kind(pr, i - 2) == IS) w = "findes";
    else if (k == PCT && next == POINTS) w = "procentpoint";
    else if (k == POINTS && prev == PCT) return false;
    else if (k == BY && (prev == REDUCE || prev == INCREASE || prev == WEIGHTED)) w = "med";
    else if (k == BY && prev == TARGET) w = "senest";
    else if (k == DECIMAL && next == STRING) w = "decimaltegn";
  } else {
    if (k == MISSING && prev != IS && prev != EXCLUDE && prev != NOT && next != '(' && prev != 0 &&
        prev != MEASURE && prev != ROWS)
      w = "is missing"; /* Danish 'x mangler' */
    else if (k == BY) w = "by";
    else if (k == GOAL && next == MET) w = "goals"; /* 'at least 2 of 3 goals met' */
    else if (k == OVER && prev != AVERAGE) w = "above"; /* a target's or a band's 'over' (§8.1, §9.1) */
    else if (k == GOAL && prev == STATUS && (kind(pr, i + 2) == ',' || kind(pr, i + 2) == AND))
      w = "goals"; /* 'status goals a and b' */
  }
  if (!w) w = spelling(k, pr->lang);
  if (w) buf_adds(out, w);
  else buf_add(out, src, n);
  return true;
}

bool fmt_word(const char *src, const parse_token *t, size_t n, const ast_program *p, size_t i, fmt_lang lang,
              buf *out) {
  printer pr = {.src = src, .t = t, .n = n, .p = p, .lang = lang, .out = out};
  return word(&pr, i, out);
}

static void print_token(printer *pr, size_t i) {
  int k = kind(pr, i);
  if (k == COMMENT_TOKEN) {
    const char *text = pr->src + pr->t[i].sp.beg;
    size_t len = pr->t[i].sp.end - pr->t[i].sp.beg;
    if (breaks(pr, i) == 0 && i > 0 && pr->line_open) { /* at the end of a line */
      buf_adds(pr->out, "  ");
      buf_add(pr->out, text, len);
      newline(pr);
      if (!pr->need_break) pr->continuation = true; /* after a brace nothing continues */
      pr->need_break = false;
      return;
    }
    /* a comment on its own line belongs to what follows it: the next
       statement (its indent), or the statement it interrupts (+4) */
    size_t j = i + 1;
    while (j < pr->n && kind(pr, j) == COMMENT_TOKEN) j++;
    bool before_statement = j >= pr->n || kind(pr, j) <= 0 || kind(pr, j) == '}' || starts_statement(pr, j);
    if (breaks(pr, i) > 1) blank_line(pr);
    begin_line(pr, !before_statement && pr->stmt_first >= 0 ? 4 : 0);
    buf_add(pr->out, text, len);
    newline(pr);
    if (before_statement) pr->continuation = false;
    return;
  }
  if (k == '}') {
    newline(pr);
    if (pr->depth > 0) pr->depth--;
    begin_line(pr, 0);
    buf_addc(pr->out, '}');
    pr->need_break = true; /* a comment may still follow on this line */
    pr->continuation = false;
    pr->stmt_first = -1;
    return;
  }
  bool starts = starts_statement(pr, i);
  if (starts) {
    if (breaks(pr, i) > 1) blank_line(pr);
    begin_line(pr, 0);
    pr->stmt_first = (int)i;
    pr->continuation = false;
  } else if (!pr->line_open || pr->need_break) { /* after a brace or a comment line */
    if (breaks(pr, i) > 1 && !pr->continuation) blank_line(pr);
    begin_line(pr, pr->stmt_first >= 0 ? 4 : 0);
    if (pr->stmt_first < 0) pr->stmt_first = (int)i;
  } else if (breaks(pr, i) > 0 && pr->stmt_first >= 0) { /* a line break inside a statement */
    begin_line(pr, 4);
    pr->continuation = true;
  } else {
    int prev = kind(pr, i - 1);
    bool glue = prev == '(' || k == ')' || k == ',' || k == ':' || unary_minus(pr, i - 1) ||
                prev == '[' || k == ']' || prev == DOTDOT || k == DOTDOT; /* [85..100) */
    /* a goal id after 'forvent' is one word: 1.1-a */
    if (pr->stmt_first >= 0 && kind(pr, (size_t)pr->stmt_first) == EXPECT &&
        (k == '-' || prev == '-' || prev == ':'))
      glue = true; /* and an area's id: område:1 */
    /* a band is one word: 16-24, 30-, -15 (spec §11.1) */
    int first = pr->stmt_first >= 0 ? kind(pr, (size_t)pr->stmt_first) : 0;
    if ((first == BY || first == BANDS) && ((k == '-' && is_number(prev)) || prev == '-')) glue = true;
    if (!glue) buf_addc(pr->out, ' ');
  }
  if (k == '{') {
    /* the space before it is already there */
    buf_addc(pr->out, '{');
    pr->need_break = true;
    if (pr->depth + 1 < (int)(sizeof pr->stack / sizeof pr->stack[0])) pr->stack[++pr->depth] = block_of(pr);
    pr->stmt_first = -1;
    pr->continuation = false;
    return;
  }
  pr->need_break = false;
  if (!word(pr, i, pr->out)) { /* a word that merged into the one before: undo the space */
    if (pr->out->len && pr->out->s[pr->out->len - 1] == ' ') pr->out->s[--pr->out->len] = '\0';
  }
}

/* The tokens of a text, as (kind, lexeme) pairs joined into one string,
 * to compare the meaning of two texts. */
static void signature(const char *src, size_t len, buf *sig, diag *d) {
  ast_program *p = ast_new("fmt");
  size_t n;
  parse_token *t = parse_tokens(src, len, p, d, &n);
  for (size_t i = 0; i < n && t[i].kind > 0; i++) {
    if (t[i].kind == COMMENT_TOKEN) continue;
    const char *text = src + t[i].sp.beg;
    size_t tl = t[i].sp.end - t[i].sp.beg;
    if (is_number(t[i].kind)) { /* 11000 is 11.000, though one is a LABEL token */
      buf_adds(sig, "number:");
      ast_number_text(text, tl, false, sig);
    } else if (t[i].kind == QUARTER_LIT) { /* 2009k1 is 2009K1 */
      buf_printf(sig, "%d:%.4sK%.1s", t[i].kind, text, text + 5);
    } else if (t[i].kind == REF_COL || t[i].kind == WITHIN || t[i].kind == EITHER_WAY) { /* the words' spacing and case are layout */
      buf_printf(sig, "%d:", t[i].kind);
      if (t[i].kind == REF_COL) buf_add(sig, text, strcspn(text, " \t"));
    } else {
      buf_printf(sig, "%d:", t[i].kind);
      buf_add(sig, text, tl);
    }
    buf_addc(sig, '\n');
  }
  free(t);
  ast_free(p);
}

bool fmt_format(const char *path, const char *src, size_t len, fmt_lang lang, diag *d, buf *out) {
  ast_program *p = parse_program(path, src, len, d);
  if (diag_errors(d)) {
    ast_free(p);
    return false;
  }
  size_t n;
  parse_token *t = parse_tokens(src, len, p, d, &n);
  buf text = {0};
  printer pr = {.src = src, .t = t, .n = n, .p = p, .lang = lang, .out = &text, .stmt_first = -1};
  pr.stack[0] = B_TOP;
  for (size_t i = 0; i < n && t[i].kind > 0; i++) print_token(&pr, i);
  newline(&pr);
  /* never change what a file says: the same tokens, or a bug */
  bool same = true;
  if (lang == FMT_KEEP) {
    buf a = {0}, b = {0};
    signature(src, len, &a, d);
    signature(buf_str(&text), text.len, &b, d);
    same = a.len == b.len && memcmp(buf_str(&a), buf_str(&b), a.len) == 0;
    buf_free(&a);
    buf_free(&b);
  } else {
    diag *d2 = diag_new(path, buf_str(&text), text.len);
    ast_program *again = parse_program(path, buf_str(&text), text.len, d2);
    same = diag_errors(d2) == 0;
    ast_free(again);
    diag_free(d2);
  }
  if (!same) diag_error(d, (span){0, 0}, "internal error: the formatted text would not say the same; the file is left as it is");
  else buf_add(out, buf_str(&text), text.len);
  buf_free(&text);
  free(t);
  ast_free(p);
  return same;
}
