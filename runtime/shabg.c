/* shabg.c — SHA-256 on a second thread: the reader fills slots, the
 * thread hashes them in order (shabg.h). */
#include "shabg.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <stdatomic.h>

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

struct shafile {
  int fd;
  pthread_t th;
  bool threaded;
  atomic_bool stop;  /* shafile_abandon: read no more */
  bool failed;       /* a read error */
  uint64_t bytes;
  struct sha256_ctx ctx;
};

enum { SHAFILE_BLOCK = 1024 * 1024 };

static void *hash_file(void *arg) {
  shafile *h = arg;
  unsigned char *b = xmalloc(SHAFILE_BLOCK);
  for (;;) {
    if (atomic_load_explicit(&h->stop, memory_order_relaxed)) break;
    ssize_t n = pread(h->fd, b, SHAFILE_BLOCK, (off_t)h->bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) h->failed = true;
    if (n <= 0) break;
    sha256_update(&h->ctx, (size_t)n, b);
    h->bytes += (uint64_t)n;
  }
  free(b);
  return NULL;
}

shafile *shafile_start(int fd) {
  shafile *h = xcalloc(1, sizeof *h);
  h->fd = fd;
  sha256_init(&h->ctx);
  atomic_init(&h->stop, false);
  h->threaded = pthread_create(&h->th, NULL, hash_file, h) == 0;
  return h;
}

bool shafile_finish(shafile *h, unsigned char out[SHABG_SIZE], uint64_t *bytes) {
  if (h->threaded) pthread_join(h->th, NULL);
  else hash_file(h); /* no thread to be had: hash it now */
  bool ok = !h->failed;
  if (ok) {
    sha256_digest(&h->ctx, SHABG_SIZE, out);
    *bytes = h->bytes;
  }
  free(h);
  return ok;
}

void shafile_abandon(shafile *h) {
  if (!h) return;
  atomic_store(&h->stop, true);
  if (h->threaded) pthread_join(h->th, NULL);
  free(h);
}
