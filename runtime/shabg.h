/* shabg.h — the SHA-256 of a stream's bytes, computed on a thread of its
 * own while the reader goes on: on two cores the report's provenance
 * (spec/output.md §5) then costs the pass almost nothing.
 *
 * The bytes given are copied (the reader changes its window in place),
 * in slots of SHABG_SLOT bytes, at most SHABG_SLOTS of them waiting.
 * When no thread can be started, the bytes are hashed as they come. */
#ifndef MAAL_SHABG_H
#define MAAL_SHABG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { SHABG_SIZE = 32, SHABG_SLOT = 256 * 1024, SHABG_SLOTS = 4 };

typedef struct shabg shabg;

shabg *shabg_start(void);
void shabg_add(shabg *h, const void *p, size_t n);
/* Wait for the hash of every byte added, write it to out and free h. */
void shabg_finish(shabg *h, unsigned char out[SHABG_SIZE]);
/* Stop without a digest (a read error, or the file not read to its end)
 * and free h; NULL is allowed. */
void shabg_abandon(shabg *h);

/* The SHA-256 of a whole regular file, read by a thread of its own from
 * offset 0 to its end with pread (the file offset of fd is left alone),
 * while readers of the file's parts go on: a pass split over two cores
 * (split.c) reads the file in two places at once, so no one reader sees
 * its bytes in order. */
typedef struct shafile shafile;
shafile *shafile_start(int fd);
/* Wait for the end of the file; true with the digest in out and the
 * bytes hashed in *bytes, false when reading failed.  Frees h. */
bool shafile_finish(shafile *h, unsigned char out[SHABG_SIZE], uint64_t *bytes);
/* Stop without a digest and free h; NULL is allowed. */
void shafile_abandon(shafile *h);

#endif
