/* compare.h — which statuses changed between two runs of an agreement
 * (maal compare OLD.json NEW.json), read from the JSON reports
 * (spec/output.md). */
#ifndef MAAL_COMPARE_H
#define MAAL_COMPARE_H

#include "mem.h"

/* Compare two JSON reports; one line per change (Danish) to out.  Returns
 * the number of changes, or -1 with a message in err (a file that cannot
 * be read, or is not a maal JSON report). */
int cmp_reports(const char *old_path, const char *new_path, buf *out, buf *err);

#endif
