/* failon.c — which goals make a run fail under --fail-on (maal.md §12.4). */
#include "failon.h"
#include "msg.h"

#include <string.h>

/* At most this many goal ids in the message; the rest are counted. */
enum { SHOWN = 10 };

bool fo_parse(const char *s, rep_status *at, FILE *err) {
  static const struct {
    const char *name;
    rep_status st;
  } names[] = {{"delvist", ST_PARTLY},      {"partly", ST_PARTLY},       {"ikke-opfyldt", ST_NOT_MET},
               {"ikke opfyldt", ST_NOT_MET}, {"not-met", ST_NOT_MET},    {"not met", ST_NOT_MET},
               {"uopgjort", ST_UNKNOWN},     {"unknown", ST_UNKNOWN}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp(s, names[i].name)) {
      *at = names[i].st;
      return true;
    }
  if (!strcmp(s, "opfyldt") || !strcmp(s, "met"))
    fprintf(err, T("maal: --fail-on %s would fail every run that has a goal; use delvist, ikke-opfyldt or uopgjort\n"), s);
  else
    fprintf(err, T("maal: --fail-on: unknown status '%s' (use delvist, ikke-opfyldt or uopgjort; in English partly, not-met or unknown)\n"), s);
  fputs(T("Try 'maal help run'.\n"), err);
  return false;
}

size_t fo_check(const rep_table *t, rep_status at, const char *written, FILE *err) {
  static const char *const which[] = {
      [ST_PARTLY] = N_("partly met, not met or unknown"), [ST_NOT_MET] = N_("not met or unknown"), [ST_UNKNOWN] = N_("unknown")};
  size_t n = 0;
  for (size_t i = 0; i < t->nrows; i++)
    if (t->rows[i].kind == ROW_GOAL && t->rows[i].status >= at && t->rows[i].status != ST_NONE) n++;
  if (n == 0) return 0;
  fprintf(err, n == 1 ? T("maal: --fail-on %s: %zu goal is %s:") : T("maal: --fail-on %s: %zu goals are %s:"), written, n, M(which[at]));
  size_t k = 0;
  for (size_t i = 0; i < t->nrows && k < SHOWN; i++)
    if (t->rows[i].kind == ROW_GOAL && t->rows[i].status >= at && t->rows[i].status != ST_NONE)
      fprintf(err, "%s %s", k++ ? "," : "", t->rows[i].number);
  if (n > k) fprintf(err, T(" and %zu more"), n - k);
  fputc('\n', err);
  return n;
}

bool fo_is_checks(const char *s) { return !strcmp(s, "kontrol") || !strcmp(s, "checks"); }

size_t fo_check_data(const rep_table *t, const char *written, FILE *err) {
  size_t n = 0;
  for (size_t i = 0; i < t->nchecks; i++) n += !t->checks[i].passed;
  if (n == 0) return 0;
  fprintf(err, n == 1 ? T("maal: --fail-on %s: %zu check of the data failed:") : T("maal: --fail-on %s: %zu checks of the data failed:"),
          written, n);
  size_t k = 0;
  for (size_t i = 0; i < t->nchecks && k < SHOWN; i++)
    if (!t->checks[i].passed) {
      fprintf(err, "%s %s '%s'", k++ ? "," : "", t->checks[i].source, t->checks[i].text);
    }
  if (n > k) fprintf(err, T(" and %zu more"), n - k);
  fputc('\n', err);
  return n;
}
