/* bigmem.c: see bigmem.h. */
#include "engine/core/bigmem.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

void ll_bigmem_hint(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	if (!p || bytes < LL_BIGMEM_MIN)
		return;
	long pg = sysconf(_SC_PAGESIZE);
	if (pg <= 0)
		return;
	/* malloc's block starts after its header: advise the whole pages
	 * inside it (the kernel backs the 2 MiB-aligned stretches of those). */
	uintptr_t a = (uintptr_t)p, b = a + bytes, page = (uintptr_t)pg;
	a = (a + page - 1) & ~(page - 1);
	b &= ~(page - 1);
	if (b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE); /* a refusal changes nothing */
#else
	(void)p, (void)bytes;
#endif
}
