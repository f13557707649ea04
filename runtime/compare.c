/* compare.c — compare the statuses of two JSON reports, goal by goal. */
#include "compare.h"
#include "msg.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "num.h"

/* One goal, initiative or part of a report: its key and what it shows. */
typedef struct {
  const char *key;   /* "1.1", "1.1-a", "1.1-a · Skelbækgade" */
  const char *title;
  const char *status_label;
  json_t *value;     /* a number, or null */
  const char *unit;
} entry;

typedef struct {
  entry *v;
  size_t n, cap;
  arena *a;
} entries;

static void add(entries *e, const char *key, const char *title, const char *label, json_t *value, const char *unit) {
  if (e->n == e->cap) {
    e->cap = e->cap ? e->cap * 2 : 64;
    e->v = xrealloc(e->v, e->cap * sizeof *e->v);
  }
  e->v[e->n++] = (entry){key, title, label, value, unit};
}

static const char *str(json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? s : "";
}

/* ---- the shape of a report (spec/output.md §3.2) ----
 *
 * A report is checked whole before it is read, so that a file of another
 * shape is an error that says where, never a comparison of empty strings.
 * Members the tables of output.md list must be there with their types;
 * members they do not list are allowed (a later version may add some). */

typedef enum { M_STR, M_STR_NULL, M_NUM, M_NUM_NULL, M_OBJ, M_ARR } mtype;

typedef struct {
  const char *key;
  mtype type;
} member;

typedef struct {
  buf *why; /* the first problem, with its path */
} shape;

static const char *type_name(const json_t *v) {
  switch (json_typeof(v)) {
  case JSON_OBJECT: return "an object";
  case JSON_ARRAY: return "an array";
  case JSON_STRING: return "a string";
  case JSON_INTEGER:
  case JSON_REAL: return "a number";
  case JSON_TRUE:
  case JSON_FALSE: return "true or false";
  default: return "null";
  }
}

static bool has_type(const json_t *v, mtype t) {
  switch (t) {
  case M_STR: return json_is_string(v);
  case M_STR_NULL: return json_is_string(v) || json_is_null(v);
  case M_NUM: return json_is_number(v);
  case M_NUM_NULL: return json_is_number(v) || json_is_null(v);
  case M_OBJ: return json_is_object(v);
  default: return json_is_array(v);
  }
}

static const char *const want_name[] = {"a string", "a string or null", "a number", "a number or null",
                                        "an object", "an array"};

/* Check o (an object, at path) has each of the members m[0..n). */
static bool members(shape *sh, const char *path, const json_t *o, const member *m, size_t n) {
  if (!json_is_object(o)) {
    buf_printf(sh->why, "%s is %s, not an object", *path ? path : "the document", type_name(o));
    return false;
  }
  for (size_t i = 0; i < n; i++) {
    const json_t *v = json_object_get(o, m[i].key);
    const char *sep = *path ? "." : "";
    if (!v) {
      buf_printf(sh->why, "%s%s\"%s\" is missing", path, *path ? ": " : "", m[i].key);
      return false;
    }
    if (!has_type(v, m[i].type)) {
      buf_printf(sh->why, "%s%s%s is %s, not %s", path, sep, m[i].key, type_name(v), want_name[m[i].type]);
      return false;
    }
  }
  return true;
}

/* status is one of the four names (§3.2). */
static bool status_ok(shape *sh, const char *path, const json_t *o) {
  static const char *const names[] = {"met", "partly", "not_met", "unknown"};
  const char *s = json_string_value(json_object_get(o, "status"));
  for (size_t i = 0; i < 4; i++)
    if (!strcmp(s, names[i])) return true;
  buf_printf(sh->why, "%s.status is \"%s\", not met, partly, not_met or unknown", path, s);
  return false;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The numbers of a goal or part. */
static bool numbers_ok(shape *sh, arena *a, const char *path, const json_t *o) {
  static const member nums[] = {
      {"measure", M_STR_NULL}, {"unit", M_STR_NULL},      {"group_size", M_NUM_NULL},
      {"left_out", M_NUM_NULL}, {"value", M_NUM_NULL},    {"numerator", M_NUM_NULL},
      {"denominator", M_NUM_NULL}, {"baseline", M_NUM_NULL}, {"target", M_OBJ},
      {"achievement", M_NUM_NULL}, {"thresholds", M_OBJ}};
  static const member target[] = {{"comparator", M_STR_NULL}, {"value", M_NUM_NULL}, {"high", M_NUM_NULL}};
  static const member scheme[] = {{"met", M_OBJ}, {"partly", M_OBJ}, {"not_met", M_OBJ}};
  static const member range[] = {{"from", M_NUM_NULL}, {"below", M_NUM_NULL}};
  if (!members(sh, path, o, nums, N(nums)) ||
      !members(sh, arena_printf(a, "%s.target", path), json_object_get(o, "target"), target, N(target)))
    return false;
  const char *tp = arena_printf(a, "%s.thresholds", path);
  const json_t *th = json_object_get(o, "thresholds");
  if (!members(sh, tp, th, scheme, N(scheme))) return false;
  for (size_t k = 0; k < N(scheme); k++)
    if (!members(sh, arena_printf(a, "%s.%s", tp, scheme[k].key), json_object_get(th, scheme[k].key), range,
                 N(range)))
      return false;
  return true;
}

/* Each element of the array o[key] (at path) passes check. */
static bool each(shape *sh, arena *a, const char *path, const json_t *o, const char *key,
                 bool (*check)(shape *, arena *, const char *, const json_t *)) {
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(o, key), i, v) {
    if (!check(sh, a, arena_printf(a, "%s%s%s[%zu]", path, *path ? "." : "", key, i), v)) return false;
  }
  return true;
}

static const member status_members[] = {
    {"status", M_STR}, {"status_label", M_STR}, {"result", M_STR}, {"comment", M_STR}};

static bool part_ok(shape *sh, arena *a, const char *path, const json_t *o) {
  static const member m[] = {{"name", M_STR}};
  return members(sh, path, o, m, N(m)) && members(sh, path, o, status_members, N(status_members)) &&
         status_ok(sh, path, o) && numbers_ok(sh, a, path, o);
}

static bool goal_ok(shape *sh, arena *a, const char *path, const json_t *o) {
  static const member m[] = {{"id", M_STR}, {"title", M_STR}};
  static const member parts[] = {{"parts", M_ARR}};
  return members(sh, path, o, m, N(m)) && members(sh, path, o, status_members, N(status_members)) &&
         status_ok(sh, path, o) && numbers_ok(sh, a, path, o) && members(sh, path, o, parts, N(parts)) &&
         each(sh, a, path, o, "parts", part_ok);
}

static bool initiative_ok(shape *sh, arena *a, const char *path, const json_t *o) {
  static const member m[] = {{"number", M_STR}, {"title", M_STR}};
  static const member goals[] = {{"goals", M_ARR}};
  return members(sh, path, o, m, N(m)) && members(sh, path, o, status_members, N(status_members)) &&
         status_ok(sh, path, o) && members(sh, path, o, goals, N(goals)) &&
         each(sh, a, path, o, "goals", goal_ok);
}

static bool area_ok(shape *sh, arena *a, const char *path, const json_t *o) {
  static const member m[] = {{"number", M_STR}, {"title", M_STR}, {"comment", M_STR}, {"initiatives", M_ARR}};
  return members(sh, path, o, m, N(m)) && each(sh, a, path, o, "initiatives", initiative_ok);
}

static bool source_ok(shape *sh, arena *a, const char *path, const json_t *o) {
  (void)a;
  static const member m[] = {{"name", M_STR}, {"rows", M_NUM}};
  return members(sh, path, o, m, N(m));
}

/* The document below "format" and "version". */
static bool report_ok(shape *sh, arena *a, const json_t *root) {
  static const member doc[] = {{"agreement", M_OBJ}, {"sources", M_ARR}, {"areas", M_ARR}};
  static const member agreement[] = {{"title", M_STR}, {"period", M_STR}};
  return members(sh, "", root, doc, N(doc)) &&
         members(sh, "agreement", json_object_get(root, "agreement"), agreement, N(agreement)) &&
         each(sh, a, "", root, "sources", source_ok) && each(sh, a, "", root, "areas", area_ok);
}

static bool load(const char *path, json_t **root, entries *e, buf *err) {
  json_error_t je;
  struct stat st;
  if (stat(path, &st) != 0) { /* said as every command says it, not as the JSON reader does */
    buf_printf(err, T("maal: cannot read '%s': %s\n"), path, msg_strerror(errno));
    *root = NULL;
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    buf_printf(err, T("maal: '%s' is a folder, not a maal JSON report\n"), path);
    *root = NULL;
    return false;
  }
  *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
  if (!*root) {
    if (je.line < 1) buf_printf(err, T("maal: cannot read '%s': %s\n"), path, je.text);
    else buf_printf(err, T("maal: %s is not a maal JSON report (maal run --format json): line %d, column %d: %s\n"), path, je.line, je.column, je.text);
    return false;
  }
  if (!json_is_object(*root) || strcmp(str(*root, "format"), "maal-status") != 0) {
    buf_printf(err, T("maal: %s is not a maal JSON report (maal run --format json)\n"), path);
    return false;
  }
  const json_t *version = json_object_get(*root, "version");
  if (!json_is_number(version) || json_number_value(version) != 1.0) { /* 1 or 1.0, as another tool may write it */
    char *shown = version ? json_dumps(version, JSON_ENCODE_ANY) : NULL;
    buf_printf(err, T("maal: %s is a maal JSON report of version %s; this maal reads version 1\n"), path,
               shown ? shown : M("(none)"));
    free(shown);
    return false;
  }
  buf why = {0};
  shape sh = {&why};
  bool ok = report_ok(&sh, e->a, *root);
  if (!ok) buf_printf(err, T("maal: %s is not a maal JSON report (maal run --format json): %s\n"), path, buf_str(&why));
  buf_free(&why);
  if (!ok) return false;
  size_t i, j, k, m;
  json_t *area, *init, *goal, *part;
  /* the statuses of the agreement and of focus areas, when the rules ask
     for them (maal.md §9.7, §9.8), with a weighted achievement if any */
  json_t *agr = json_object_get(*root, "agreement");
  if (json_is_string(json_object_get(agr, "status_label")))
    add(e, "aftale", str(agr, "title"), str(agr, "status_label"), json_object_get(agr, "achievement"), "pct");
  json_array_foreach(json_object_get(*root, "areas"), i, area) {
    if (json_is_string(json_object_get(area, "status_label")))
      add(e, arena_printf(e->a, "område:%s", str(area, "number")), str(area, "title"), str(area, "status_label"),
          json_object_get(area, "achievement"), "pct");
    json_array_foreach(json_object_get(area, "initiatives"), j, init) {
      add(e, str(init, "number"), str(init, "title"), str(init, "status_label"), NULL, NULL);
      json_array_foreach(json_object_get(init, "goals"), k, goal) {
        const char *unit = str(goal, "unit");
        add(e, str(goal, "id"), str(goal, "title"), str(goal, "status_label"), json_object_get(goal, "value"), unit);
        json_array_foreach(json_object_get(goal, "parts"), m, part)
          add(e, arena_printf(e->a, "%s · %s", str(goal, "id"), str(part, "name")), "", str(part, "status_label"),
              json_object_get(part, "value"), unit);
      }
    }
  }
  return true;
}

static const entry *find(const entries *e, const char *key) {
  for (size_t i = 0; i < e->n; i++)
    if (!strcmp(e->v[i].key, key)) return &e->v[i];
  return NULL;
}

/* A number from a report, in Danish style, with its unit if it is pct. */
static void put_value(buf *b, json_t *v, const char *unit) {
  if (!json_is_number(v)) {
    buf_adds(b, "–");
    return;
  }
  double x = json_number_value(v);
  num n;
  char s[64];
  int dec = fabs(x - round(x)) < 1e-9 ? 0 : 1;
  /* a pct rounded up to a whole number is cut instead, so never shown
     across a bound: 99,999999999 % is "99,9 %", not "100,0 %" (§10.2,
     num_shown); the report's nine decimals are exact, so a nudge of 1e-9
     keeps 85,3 at 85,3 */
  if (dec && unit && !strcmp(unit, "pct") && round(x * 10) / 10 > x && fabs(round(x * 10) / 10 - round(x)) < 1e-9)
    x = floor(x * 10 + 1e-9) / 10;
  if (fabs(x) < 9e12 && num_make((int64_t)llround(x * 1000000.0), 1000000, &n)) {
    num_format_da(n, dec, s, sizeof s);
  } else if (x == trunc(x) && fabs(x) < 9.2e18) {
    num_format_da(num_int((int64_t)x), 0, s, sizeof s);
  } else {
    /* beyond what num holds in millionths: as the report has it, with a
       decimal comma, rather than a wrong number */
    snprintf(s, sizeof s, "%.17g", x);
    for (char *p = s; *p; p++)
      if (*p == '.') *p = ',';
  }
  buf_adds(b, s);
  if (!strcmp(unit, "pct")) buf_adds(b, " %");
}

int cmp_reports(const char *old_path, const char *new_path, buf *out, buf *err) {
  entries a = {.a = arena_new()}, b = {.a = arena_new()};
  json_t *ra = NULL, *rb = NULL;
  int changes = -1;
  if (!load(old_path, &ra, &a, err) || !load(new_path, &rb, &b, err)) goto done;
  changes = 0;
  for (size_t i = 0; i < b.n; i++) {
    const entry *n = &b.v[i], *o = find(&a, n->key);
    if (!o) {
      buf_printf(out, "%s: ny: %s\n", n->key, n->status_label);
      changes++;
      continue;
    }
    bool moved = strcmp(o->status_label, n->status_label) != 0;
    if (!moved) continue;
    buf_printf(out, "%s: %s → %s", n->key, o->status_label, n->status_label);
    if (n->value || o->value) {
      buf_adds(out, " (");
      put_value(out, o->value, o->unit ? o->unit : "");
      buf_adds(out, " → ");
      put_value(out, n->value, n->unit ? n->unit : "");
      buf_adds(out, ")");
    }
    buf_addc(out, '\n');
    changes++;
  }
  for (size_t i = 0; i < a.n; i++)
    if (!find(&b, a.v[i].key)) {
      buf_printf(out, "%s: ikke længere med (var: %s)\n", a.v[i].key, a.v[i].status_label);
      changes++;
    }
done:
  json_decref(ra);
  json_decref(rb);
  free(a.v);
  free(b.v);
  arena_free(a.a);
  arena_free(b.a);
  return changes;
}
