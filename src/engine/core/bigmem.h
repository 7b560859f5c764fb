/* bigmem.h: a hint that a large array just allocated, and not yet
 * written, be backed by huge pages.
 *
 * A store of a million ratings is 16 MiB of entries and 12 MiB of index;
 * in a fresh process every 4 KiB page of them is a fault, and those faults
 * were a sixth of the time it took to load ml-1m. Where the system hands
 * out transparent huge pages on request (Linux's "madvise" setting, Debian's
 * default), one 2 MiB page replaces 512 faults. Elsewhere, and below
 * LL_BIGMEM_MIN bytes, it does nothing: it is only a hint, and what the
 * memory holds is the same either way. */
#ifndef LL_BIGMEM_H
#define LL_BIGMEM_H

#include <stddef.h>

/* Below this an array spans no whole huge page worth asking for. */
#define LL_BIGMEM_MIN ((size_t)4 << 20)

void ll_bigmem_hint(void *p, size_t bytes);

#endif
