/* test_sha256.c: cli/sha256.c against the examples of FIPS 180-4 (NIST's
 * published digests of "abc" and of the 448-bit message), and against
 * coreutils' sha256sum on every length from 0 to 300 bytes (each padding
 * case: a block boundary at 55, 56, 63, 64 bytes) and on 3 MB, each fed in
 * random pieces, so the split of the input never changes the digest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cli/sha256.h"

static void digest(const unsigned char *p, size_t n, int pieces, char hex[65])
{
	sha256 s;
	sha256_init(&s);
	size_t at = 0;
	while (pieces && at < n) {
		size_t take = (size_t)rand() % (n - at + 1);
		sha256_update(&s, p + at, take);
		at += take;
	}
	sha256_update(&s, p + at, n - at);
	sha256_hex(&s, hex);
}

/* sha256sum's digest of the bytes, or "" when it cannot be run. */
static void coreutils(const char *path, const unsigned char *p, size_t n, char hex[65])
{
	hex[0] = '\0';
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		return;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
	FILE *in = popen(cmd, "r");
	if (!in)
		return;
	if (fscanf(in, "%64s", hex) != 1)
		hex[0] = '\0';
	pclose(in);
}

int main(void)
{
	char hex[65], want[65];
	/* FIPS 180-4's examples (NIST, "SHA256.pdf" of the Examples with
	 * Intermediate Values). */
	digest((const unsigned char *)"abc", 3, 0, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	digest((const unsigned char *)m448, strlen(m448), 0, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

	char tmpl[] = "/tmp/test_sha256.XXXXXX";
	int fd = mkstemp(tmpl);
	if (fd < 0)
		return 99;
	close(fd);
	srand(7);
	enum { BIG = 3 << 20 };
	unsigned char *buf = malloc(BIG);
	if (!buf)
		return 99;
	for (size_t i = 0; i < BIG; i++)
		buf[i] = (unsigned char)(rand() >> 7);
	int compared = 0;
	for (size_t n = 0; n <= 300; n++) {
		coreutils(tmpl, buf, n, want);
		if (!want[0])
			continue;
		compared++;
		digest(buf, n, 0, hex);
		CHECK_STR(hex, want);
		digest(buf, n, 1, hex);
		CHECK_STR(hex, want);
	}
	coreutils(tmpl, buf, BIG, want);
	if (want[0]) {
		digest(buf, BIG, 1, hex);
		CHECK_STR(hex, want);
	}
	unlink(tmpl);
	free(buf);
	if (!compared) {
		printf("sha256sum not found: only the FIPS examples were checked\n");
		return check_failed ? 1 : 77;
	}
	return check_done();
}
