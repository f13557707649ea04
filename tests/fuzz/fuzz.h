/* fuzz.h — what the fuzz targets share: a sink for messages and the check
 * that aborts (so libFuzzer and the replay both see it) when a property
 * fails. */
#ifndef MAAL_FUZZ_H
#define MAAL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where diagnostics and reports go: they are produced (that code is fuzzed
 * too) but not looked at, unless FUZZ_SHOW is set (to study an input). */
static inline FILE *fuzz_sink(void) {
  static FILE *f;
  if (!f) f = getenv("FUZZ_SHOW") ? stderr : fopen("/dev/null", "w");
  if (!f) abort();
  return f;
}

#define PROPERTY(cond, ...)                                            \
  do {                                                                 \
    if (!(cond)) {                                                     \
      fprintf(stderr, "property violated (%s:%d): ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);                                    \
      fputc('\n', stderr);                                             \
      abort();                                                         \
    }                                                                  \
  } while (0)

#endif
