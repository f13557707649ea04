/* version.h — maal's version: the one place it is written.  `maal
 * --version` prints it, and every report names it (spec/output.md §5). */
#ifndef MAAL_VERSION_H
#define MAAL_VERSION_H

#define MAAL_VERSION "0.1.0"

#endif
