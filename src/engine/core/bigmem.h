/* bigmem.h: a hint that a large array just allocated, and not yet
 * written, be backed by huge pages.
 *
 * A store of a million ratings is 16 MiB of entries and 12 MiB of index;
 * in a fresh process every 4 KiB page of them is a fault. Where the system
 * hands out transparent huge pages on request (Linux's "madvise" setting,
 * Debian's default), one 2 MiB page replaces 512 faults: loading a 1M-line
 * ml-1m file in a fresh process took about a tenth less time (the pages
 * are still cleared, whole, so the gain is the faults'). Elsewhere, and below
 * LL_BIGMEM_MIN bytes, it does nothing: it is only a hint, and what the
 * memory holds is the same either way. */
#ifndef LL_BIGMEM_H
#define LL_BIGMEM_H

#include <stddef.h>

/* Below this an array spans no whole huge page worth asking for. */
#define LL_BIGMEM_MIN ((size_t)4 << 20)

void ll_bigmem_hint(void *p, size_t bytes);

#endif
