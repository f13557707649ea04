/* entity_state.h — the per-entity state (spec §4.6, §5.9, §5.10) as
 * entity.c builds it and related.c reads it; private to the two. */
#ifndef MAAL_ENTITY_STATE_H
#define MAAL_ENTITY_STATE_H

#include "eval_internal.h"

/* One key value of a source: the line it is on and, for a source others
 * refer to, the columns they read through the reference. */
typedef struct ent {
  char *key;
  uint32_t line;
  value *fields;
  UT_hash_handle hh;
} ent;

typedef struct event {
  int32_t date;
  bool sure;           /* counts; else may count */
} event;

/* One entity's state for one 'har'. */
typedef struct has_ent {
  char *key;
  int64_t yes, maybe;  /* rows that count, rows that may count (no window) */
  int32_t base;        /* month of bit 0 */
  uint32_t nwords;     /* 64 months a word */
  uint64_t *t, *u;     /* months with a row that counts / may count */
  struct event *ev;    /* 'inden for' on dates: the dates of the rows that (may) count */
  uint32_t nev, evcap;  /* in the order of their dates once the pass is done (rel_done) */
  UT_hash_handle hh;
} has_ent;

typedef struct {
  has_ent *map;
  bool any;            /* the months (or dates) the file covers, over all rows */
  int32_t first, last;
} has_state;

/* A key (entity, month) of a panel, kept per entity: the line of each
 * month seen, from the entity's first month on. */
typedef struct month_lines {
  char *key;
  int32_t base;
  uint32_t n;
  uint32_t *line;    /* 0: not seen */
  UT_hash_handle hh;
} month_lines;

struct rel_state {
  ast_program *p;
  month_lines **panel_keys; /* per source whose key is (reference, time column) */
  int *panel_entity;        /* per source: that key's entity column, or -1 */
  arena *a;            /* key texts and kept fields */
  ent **index;         /* per source */
  has_state *has;      /* per 'har' of the program */
  bool *measure_late;  /* per source: its measures read 'har' state */
  buf key;
  const rel_state *of; /* rel_fork: the state this one builds the second half of a pass for */
  arena **more;        /* the arenas of merged halves, whose keys are in the index now */
  size_t nmore;
};

/* The text a value is looked up by in a state's maps, in b. */
const char *rel_key_text(buf *b, const value *v);

#endif
