/* fuzz_run.c — a whole run on fuzzed data: a fixed rule file, the fuzzed
 * bytes as its data file, through the entry points 'maal run' and 'maal
 * explain' use (parse, check with the columns read from the file, evaluate,
 * write the table in every format, explain every goal).
 *
 * The first input byte chooses the rules, the rest is the data file:
 *   bits 0-1  0 or 3: rules_a (columns inferred, delimiter detected, "NA"
 *             and "-" missing; groups of groups, a parameter, dates,
 *             share/sum/average/count distinct/min/max, 'by', exclude
 *             missing); 1: rules_b (declared columns, ';', decimal comma,
 *             Windows-1252, Danish keywords, average over); 2: rules_c
 *             (inferred, TAB, Latin-1, about with a tolerance)
 *   bit 2     also explain every goal (bit 3: in English, with row ids)
 * Properties: no crash, no read past a buffer, no undefined behaviour
 * (ASan and UBSan); the reader ends.  The data reaches the reader as a
 * file (a memfd), as it does from the command line. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "eval.h"
#include "explain.h"
#include "fuzz.h"
#include "parse.h"
#include "report.h"
#include "source.h"

static const char rules_a[] =
    "agreement \"Fuzz: et udtræk med udledte kolonner\" period 2009\n"
    "\n"
    "param fra_dato: date = 2009-01-01\n"
    "param loft: int = 30\n"
    "\n"
    "data borgere = csv \"borgere.csv\" rows persons missing (\"NA\", \"-\")\n"
    "\n"
    "group kontant = borgere where ydelse in (\"kontanthjælp\", \"starthjælp\")\n"
    "group unge = kontant where alder < loft and not jobplan\n"
    "group nye = unge where start >= fra_dato or start is missing\n"
    "group andre = borgere where not kontant\n"
    "\n"
    "area 1 \"Fuzz\" {\n"
    "  initiative 1.1 \"Andele og summer\" {\n"
    "    status worst\n"
    "    goal a \"Andel med jobplan\" {\n"
    "      measure share of kontant where jobplan\n"
    "      target at least 80 pct\n"
    "      by jobcenter\n"
    "      result \"{tæller} af {nævner} ({mangler} udeladt)\"\n"
    "    }\n"
    "    goal b \"Sum for de nye\" {\n"
    "      measure sum beloeb of nye\n"
    "      target at most 30000 kr\n"
    "    }\n"
    "    goal c \"Gennemsnitsalder\" {\n"
    "      measure average alder of unge\n"
    "      target between 18 and 25\n"
    "    }\n"
    "    goal d \"Jobcentre\" {\n"
    "      measure count distinct jobcenter of borgere\n"
    "      target at least 2\n"
    "    }\n"
    "    goal e \"Rettidighed\" {\n"
    "      measure share of borgere where start <= 2009-06-30 + 30\n"
    "      target at least 50 pct\n"
    "      exclude missing\n"
    "      by jobplan\n"
    "    }\n"
    "  }\n"
    "  initiative 1.2 \"Yderpunkter\" {\n"
    "    goal a \"Yngst\" {\n"
    "      measure min alder of andre\n"
    "      target at least 18\n"
    "    }\n"
    "    goal b \"Ældst\" {\n"
    "      measure max alder of borgere where beloeb > 1000,5\n"
    "      target at most 67\n"
    "      by start\n"
    "    }\n"
    "    goal c \"Antal\" {\n"
    "      measure count nye\n"
    "      target at least 1 persons\n"
    "    }\n"
    "  }\n"
    "}\n";

static const char rules_b[] =
    "aftale \"Fuzz: et udtræk fra dansk Excel\" periode 2009\n"
    "data udtraek = csv \"borgere.csv\" skilletegn \";\" decimaltegn \",\" tegnsæt \"windows-1252\" {\n"
    "  person_id: int\n"
    "  jobcenter: text\n"
    "  alder: int\n"
    "  beloeb: decimal unit kr\n"
    "  start: date\n"
    "  jobplan: bool\n"
    "}\n"
    "målgruppe voksne = udtraek hvor alder >= 30\n"
    "målgruppe med_plan = voksne hvor jobplan og beloeb > 0\n"
    "indsatsområde 1 \"Køge\" {\n"
    "  indsats 1.1 \"Borgere\" {\n"
    "    mål a \"Andel\" {\n"
    "      måling andel af voksne hvor med_plan\n"
    "      krav mindst 60 pct\n"
    "      per jobcenter\n"
    "    }\n"
    "    mål b \"Sum\" {\n"
    "      måling sum beloeb af med_plan\n"
    "      krav højst 2000 kr\n"
    "    }\n"
    "    mål c \"Gennemsnit over jobcentre\" {\n"
    "      måling gennemsnit over jobcenter af andel af udtraek hvor jobplan\n"
    "      krav mindst 66 pct\n"
    "    }\n"
    "    mål d \"Seneste start\" {\n"
    "      måling antal udtraek hvor start findes\n"
    "      krav mindst 2 personer\n"
    "    }\n"
    "  }\n"
    "}\n";

static const char rules_c[] =
    "agreement \"Fuzz: latin-1, tabs\" period 2009\n"
    "data liste = csv \"borgere.csv\" delimiter \"\\t\" encoding \"latin-1\" rows persons\n"
    "group alle = liste where person_id is not missing\n"
    "area 1 \"Liste\" {\n"
    "  initiative 1.1 \"Liste\" {\n"
    "    goal a \"Mange\" {\n"
    "      measure count alle\n"
    "      target at least 3 persons\n"
    "      by jobcenter\n"
    "    }\n"
    "    goal b \"Summen\" {\n"
    "      measure sum beloeb of liste\n"
    "      target about 100 tolerance 10 pct\n"
    "    }\n"
    "  }\n"
    "}\n";

static const struct {
  const char *text, *source;
} rules[4] = {{rules_a, "borgere"}, {rules_b, "udtraek"}, {rules_c, "liste"}, {rules_a, "borgere"}};

/* The data file: one memfd, rewritten for each input. */
static int data_fd(const uint8_t *data, size_t size) {
  static int fd = -1;
  if (fd < 0) fd = memfd_create("fuzz_run.csv", 0);
  if (fd < 0 || ftruncate(fd, 0) != 0) abort();
  for (size_t done = 0; done < size;) {
    ssize_t n = pwrite(fd, data + done, size - done, (off_t)done);
    if (n <= 0) abort();
    done += (size_t)n;
  }
  return fd;
}

static void write_every_format(const rep_table *t) {
  static const rep_format formats[] = {FMT_TEXT, FMT_MD, FMT_CSV, FMT_JSON, FMT_HTML};
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) rep_write(fuzz_sink(), t, formats[i]);
  rep_options excel = {.excel = true};
  rep_write_opts(fuzz_sink(), t, FMT_CSV, &excel);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned opt = data[0];
  const char *text = rules[opt & 3].text;
  char override[64];
  snprintf(override, sizeof override, "%s=/proc/self/fd/%d", rules[opt & 3].source, data_fd(data + 1, size - 1));
  const char *overrides[] = {override};
  size_t len = strlen(text);
  diag *d = diag_new("fuzz.maal", text, len);
  ast_program *p = parse_program("fuzz.maal", text, len, d);
  if (diag_errors(d)) abort(); /* the fixed rules are wrong: a bug of this target */
  chk_options copt = {.data_overrides = overrides, .ndata_overrides = 1, .load_columns = src_load_columns,
                      .ctx = fuzz_sink()};
  int st = chk_program(p, d, &copt);
  diag_flush(d, fuzz_sink());
  if (st == CHK_OK) {
    eval_result *res = eval_run(p, fuzz_sink(), false);
    if (res) {
      write_every_format(eval_table(res));
      xpl_options xo = {.english = opt & 8, .rows = opt & 8};
      for (int i = 0; opt & 4 && i < p->ngoals; i++)
        xpl_explain(p, eval_table(res), d, p->goalv[i]->id, &xo, fuzz_sink(), fuzz_sink());
    }
    eval_free(res);
  }
  src_cleanup(p);
  ast_free(p);
  diag_free(d);
  return 0;
}
