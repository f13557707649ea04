/* version.h — maal's version: the one place it is written.  `maal
 * --version` prints it, and every report names it (spec/output.md §5).
 * A packager may set another with CFLAGS=-DMAAL_VERSION='"0.1.0+deb1"'. */
#ifndef MAAL_VERSION_H
#define MAAL_VERSION_H

#ifndef MAAL_VERSION
#define MAAL_VERSION "0.1.0"
#endif

#endif
