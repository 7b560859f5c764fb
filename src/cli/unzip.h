/* unzip.h: unpacking a release's zip for `latentlab download`. */
#ifndef LL_CLI_UNZIP_H
#define LL_CLI_UNZIP_H

#include <stddef.h>

/* Bounds on what one zip may unpack to (ml-25m holds 7 files, 1.1 GB). */
#define UNZIP_MAX_ENTRIES 10000
#define UNZIP_MAX_BYTES ((long long)8 << 30)

/* Unpack the zip into the folder dest (which exists and is empty). An entry
 * that would land outside dest (an absolute path, a ".." part), a link, a
 * device, more than UNZIP_MAX_ENTRIES entries or UNZIP_MAX_BYTES bytes is
 * refused. Through libarchive when configure found it, else the unzip
 * program (then without the byte bound). Returns the number of files, or
 * -1 with why filled in. */
long unzip_into(const char *zip, const char *dest, char *why, size_t whylen);

/* "libarchive", or "the unzip program". */
const char *unzip_method(void);

#endif
