/* replay_main.c — run a fuzz target's LLVMFuzzerTestOneInput on each file
 * named on the command line, without libFuzzer (so gcc builds it and
 * 'make test' needs no clang).  A crash or a violated property aborts;
 * otherwise it prints how many inputs were replayed. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  unsigned char *b = malloc(cap);
  size_t got;
  while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) b = realloc(b, cap *= 2);
  }
  int bad = ferror(f);
  fclose(f);
  if (!b || bad) {
    free(b);
    return NULL;
  }
  /* exactly n bytes, as libFuzzer hands them over: a read past the end is
     a heap overflow under ASan */
  unsigned char *exact = malloc(n ? n : 1);
  for (size_t i = 0; i < n; i++) exact[i] = b[i];
  free(b);
  *len = n;
  return exact;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    size_t len = 0;
    unsigned char *data = slurp(argv[i], &len);
    if (!data) {
      fprintf(stderr, "replay: cannot read '%s'\n", argv[i]);
      return 2;
    }
    /* name each input before it runs: a crash is then traced to it */
    fprintf(stderr, "replay: %s\n", argv[i]);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
  }
  printf("replayed %d inputs\n", argc - 1);
  return 0;
}
