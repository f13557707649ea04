/* hash.h — include uthash through maal's allocator.  Include this, never
 * <uthash.h> directly, so every table allocates with xmalloc and a failed
 * allocation ends in one message instead of a silent exit. */
#ifndef MAAL_HASH_H
#define MAAL_HASH_H
#include "mem.h"
#define uthash_malloc(sz) xmalloc(sz)
#define uthash_free(ptr, sz) free(ptr)
#define uthash_fatal(msg) mem_fatal(msg)
#include <stdlib.h>
#include <uthash.h>
#endif
