/* sha256.h: SHA-256 (FIPS 180-4), to check a downloaded release against the
 * published sum. Fed in pieces of any size as the bytes arrive. */
#ifndef LL_CLI_SHA256_H
#define LL_CLI_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256 {
	uint32_t h[8];
	uint64_t bytes;      /* fed so far */
	unsigned char buf[64];
	size_t n;            /* bytes waiting in buf */
} sha256;

void sha256_init(sha256 *s);
void sha256_update(sha256 *s, const void *data, size_t len);
/* The digest as 64 lower-case hex digits and a NUL; s is spent. */
void sha256_hex(sha256 *s, char hex[65]);

#endif
