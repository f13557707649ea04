/* compare.c — compare the statuses of two JSON reports, goal by goal. */
#include "compare.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

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

static bool load(const char *path, json_t **root, entries *e, buf *err) {
  json_error_t je;
  *root = json_load_file(path, 0, &je);
  if (!*root) {
    buf_printf(err, "maal: %s:%d:%d: %s\n", path, je.line, je.column, je.text);
    return false;
  }
  if (strcmp(str(*root, "format"), "maal-status") != 0) {
    buf_printf(err, "maal: %s is not a maal JSON report (maal run --format json)\n", path);
    return false;
  }
  size_t i, j, k, m;
  json_t *area, *init, *goal, *part;
  json_array_foreach(json_object_get(*root, "areas"), i, area) {
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
  if (!num_make((int64_t)llround(x * 1000000.0), 1000000, &n)) n = num_int(0);
  num_format_da(n, dec, s, sizeof s);
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
