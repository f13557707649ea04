/* failon.h — maal run --fail-on: a status a pipeline can act on (maal.md
 * §12.4).  The goals' statuses are ranked met < partly < not met <
 * unknown (as 'status ringeste' ranks them, §9.5); --fail-on S fails the
 * run when a goal has S or a status ranked after it.  Goals only:
 * initiatives, areas and the agreement are judged from their goals. */
#ifndef MAAL_FAILON_H
#define MAAL_FAILON_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"

/* The status a --fail-on value names: delvist/partly, ikke-opfyldt/not-met,
 * uopgjort/unknown ("ikke opfyldt" and "not met" with a space too).  False
 * after a message on err (a usage error). */
bool fo_parse(const char *s, rep_status *at, FILE *err);

/* The goals of t with status `at` or one ranked after it; when there are
 * any, say how many and which on err ("written": the value as given).
 * Returns their number. */
size_t fo_check(const rep_table *t, rep_status at, const char *written, FILE *err);

/* --fail-on kontrol (checks): fail the run when a check of the extract
 * failed (spec §4.7); the failed checks are named on err.  Returns their
 * number.  It may be given besides a status. */
bool fo_is_checks(const char *s);
size_t fo_check_data(const rep_table *t, const char *written, FILE *err);

#endif
