/* shabg.c — SHA-256 on a second thread: the reader fills slots, the
 * thread hashes them in order (shabg.h). */
#include "shabg.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "mem.h"

struct shabg {
  struct sha256_ctx ctx;
  bool threaded;
  pthread_t th;
  pthread_mutex_t mu;
  pthread_cond_t cv;             /* a slot became full or free, or the end */
  unsigned char *slot[SHABG_SLOTS];
  size_t len[SHABG_SLOTS];
  bool full[SHABG_SLOTS];        /* handed to the thread, not yet hashed */
  size_t w;                      /* the slot being filled (never full) */
  bool done;                     /* no more slots will come */
  bool drop;                     /* shabg_abandon: hash nothing more */
};

static void *hash_slots(void *arg) {
  shabg *h = arg;
  size_t k = 0;
  pthread_mutex_lock(&h->mu);
  for (;;) {
    while (!h->full[k] && !h->done) pthread_cond_wait(&h->cv, &h->mu);
    if (!h->full[k]) break; /* done, and every full slot hashed */
    bool drop = h->drop;
    pthread_mutex_unlock(&h->mu);
    if (!drop) sha256_update(&h->ctx, h->len[k], h->slot[k]); /* the slot is ours until marked free */
    pthread_mutex_lock(&h->mu);
    h->full[k] = false;
    pthread_cond_broadcast(&h->cv);
    k = (k + 1) % SHABG_SLOTS;
  }
  pthread_mutex_unlock(&h->mu);
  return NULL;
}

shabg *shabg_start(void) {
  shabg *h = xcalloc(1, sizeof *h);
  sha256_init(&h->ctx);
  pthread_mutex_init(&h->mu, NULL);
  pthread_cond_init(&h->cv, NULL);
  for (int k = 0; k < SHABG_SLOTS; k++) h->slot[k] = xmalloc(SHABG_SLOT);
  h->threaded = pthread_create(&h->th, NULL, hash_slots, h) == 0;
  return h;
}

/* Hand the slot being filled to the thread and wait for the next to be free. */
static void pass_on(shabg *h) {
  pthread_mutex_lock(&h->mu);
  h->full[h->w] = true;
  pthread_cond_broadcast(&h->cv);
  h->w = (h->w + 1) % SHABG_SLOTS;
  while (h->full[h->w]) pthread_cond_wait(&h->cv, &h->mu);
  h->len[h->w] = 0;
  pthread_mutex_unlock(&h->mu);
}

void shabg_add(shabg *h, const void *p, size_t n) {
  if (!h->threaded) {
    sha256_update(&h->ctx, n, p);
    return;
  }
  const unsigned char *b = p;
  while (n) {
    size_t room = SHABG_SLOT - h->len[h->w], k = n < room ? n : room;
    memcpy(h->slot[h->w] + h->len[h->w], b, k);
    h->len[h->w] += k;
    b += k;
    n -= k;
    if (h->len[h->w] == SHABG_SLOT) pass_on(h);
  }
}

/* Give the last slot, let the thread end, and free what is left. */
static void stop(shabg *h, bool drop) {
  if (h->threaded) {
    pthread_mutex_lock(&h->mu);
    if (h->len[h->w] && !drop) h->full[h->w] = true;
    h->done = true;
    h->drop = drop;
    pthread_cond_broadcast(&h->cv);
    pthread_mutex_unlock(&h->mu);
    pthread_join(h->th, NULL);
  }
  pthread_mutex_destroy(&h->mu);
  pthread_cond_destroy(&h->cv);
  for (int k = 0; k < SHABG_SLOTS; k++) free(h->slot[k]);
}

void shabg_finish(shabg *h, unsigned char out[SHABG_SIZE]) {
  stop(h, false);
  sha256_digest(&h->ctx, SHABG_SIZE, out);
  free(h);
}

void shabg_abandon(shabg *h) {
  if (!h) return;
  stop(h, true);
  free(h);
}
