/* cli_test.c — the command line's helpers (runtime/failon.c,
 * runtime/diagjson.c): which goals --fail-on takes in (spec §12.4), and
 * the JSON of diagnostics, also of a data check's text lines whose path
 * holds ':' and of bytes that are not UTF-8 (spec §12.5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagjson.h"
#include "failon.h"

static int failed;

static void check(const char *name, const char *want, const char *got) {
  if (!strcmp(want, got)) {
    printf("PASS cli: %s\n", name);
    return;
  }
  failed++;
  printf("FAIL cli: %s\n    expected: %s\n    got:      %s\n", name, want, got);
}

static void check_n(const char *name, long want, long got) {
  char w[32], g[32];
  snprintf(w, sizeof w, "%ld", want);
  snprintf(g, sizeof g, "%ld", got);
  check(name, w, g);
}

/* What f received, as a string (the caller frees it). */
static char *taken(FILE *f, char **text) {
  fclose(f);
  return *text;
}

static const char *parse(const char *s) {
  static const char *const names[] = {"met", "partly", "not met", "unknown", "none"};
  rep_status st = ST_NONE;
  FILE *err = fopen("/dev/null", "w");
  bool ok = fo_parse(s, &st, err);
  fclose(err);
  return ok ? names[st] : "refused";
}

static char *json_of_lines(const char *lines) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  dj_list *l = dj_new();
  dj_add_lines(l, lines, strlen(lines));
  dj_write(l, f);
  return taken(f, &text);
}

int main(void) {
  check("delvist", "partly", parse("delvist"));
  check("partly", "partly", parse("partly"));
  check("ikke-opfyldt", "not met", parse("ikke-opfyldt"));
  check("ikke opfyldt", "not met", parse("ikke opfyldt"));
  check("not-met", "not met", parse("not-met"));
  check("uopgjort", "unknown", parse("uopgjort"));
  check("unknown", "unknown", parse("unknown"));
  check("opfyldt is refused", "refused", parse("opfyldt"));
  check("met is refused", "refused", parse("met"));
  check("not_met is refused", "refused", parse("not_met"));
  check("Delvist is refused (case)", "refused", parse("Delvist"));

  rep_row rows[] = {
      {.kind = ROW_AREA, .number = "1", .status = ST_NOT_MET},
      {.kind = ROW_INITIATIVE, .number = "1.1", .status = ST_NOT_MET},
      {.kind = ROW_GOAL, .number = "1.1-a", .status = ST_MET},
      {.kind = ROW_GOAL, .number = "1.1-b", .status = ST_PARTLY},
      {.kind = ROW_PART, .number = "Nord", .status = ST_NOT_MET},
      {.kind = ROW_GOAL, .number = "1.1-c", .status = ST_UNKNOWN},
  };
  rep_table t = {.title = "T", .period = "", .rows = rows, .nrows = sizeof rows / sizeof rows[0],
                 .has_status = true, .status = ST_NOT_MET};
  FILE *null = fopen("/dev/null", "w");
  check_n("partly: goals b and c, not the initiative, area, part or agreement", 2, (long)fo_check(&t, ST_PARTLY, "delvist", null));
  check_n("not met: goal c (unknown ranks last)", 1, (long)fo_check(&t, ST_NOT_MET, "ikke-opfyldt", null));
  check_n("unknown: goal c", 1, (long)fo_check(&t, ST_UNKNOWN, "uopgjort", null));
  fclose(null);
  char *text = NULL;
  size_t len = 0;
  FILE *err = open_memstream(&text, &len);
  fo_check(&t, ST_PARTLY, "partly", err);
  char *msg = taken(err, &text);
  check("the message", "maal: --fail-on partly: 2 goals are partly met, not met or unknown: 1.1-b, 1.1-c\n", msg);
  free(msg);
  text = NULL;
  err = open_memstream(&text, &len);
  check_n("none at 'unknown' when no goal is unknown", 0, (long)fo_check(&(rep_table){.rows = rows, .nrows = 5}, ST_UNKNOWN, "uopgjort", err));
  msg = taken(err, &text);
  check("and then nothing is said", "", msg);
  free(msg);

  char *j = json_of_lines("");
  check("no lines: an empty array", "[]\n", j);
  free(j);
  j = json_of_lines("c:/data/x.csv:12:3: error: a bad value\n");
  check("a path with ':'",
        "[\n  {\"kind\": \"error\", \"message\": \"a bad value\", \"file\": \"c:/data/x.csv\", \"line\": 12, \"column\": 3, "
        "\"span\": {\"start\": {\"line\": 12, \"column\": 3}, \"end\": {\"line\": 12, \"column\": 3}}, \"hint\": null, "
        "\"notes\": []}\n]\n",
        j);
  free(j);
  j = json_of_lines("something else \xC3(\nx.csv:0:1: error: line 0\n");
  check("other lines whole, without a place; bad UTF-8 as '?'",
        "[\n  {\"kind\": \"error\", \"message\": \"something else ?(\", \"file\": null, \"line\": null, \"column\": null, "
        "\"span\": null, \"hint\": null, \"notes\": []},\n"
        "  {\"kind\": \"error\", \"message\": \"x.csv:0:1: error: line 0\", \"file\": null, \"line\": null, "
        "\"column\": null, \"span\": null, \"hint\": null, \"notes\": []}\n]\n",
        j);
  free(j);
  return failed != 0;
}
