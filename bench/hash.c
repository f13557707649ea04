/*
** hash.c -- the provenance's share of `make bench`: the SHA-256 of a
** file, computed as maal's report computes it (nettle, the file read in
** large blocks).  maal prints this digest in every report's provenance
** (spec/output.md §5), which no peer computes; its time alone says how
** much of maal's time the hash takes, whatever else maal does.  With the
** CPU's SHA instructions nettle hashes 1,1-1,5 GB/s on one core, so on
** a file the floor reads at 5-7 GB/s the hash alone takes 4-6 times the
** floor's time.  Prints the digest in hex.  Usage: hash FILE.  Exit 1 on
** an error.
*/
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { BLOCK = 1 << 20 };

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: hash FILE\n"); return 1; }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) { perror(argv[1]); return 1; }
    unsigned char *b = malloc(BLOCK);
    if (!b) { perror("malloc"); return 1; }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    ssize_t n;
    while ((n = read(fd, b, BLOCK)) > 0) sha256_update(&ctx, (size_t)n, b);
    if (n < 0) { perror(argv[1]); return 1; }
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) printf("%02x", d[i]);
    printf("\n");
    free(b);
    close(fd);
    return 0;
}
