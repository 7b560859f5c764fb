/* fuzz_common.h: what the libFuzzer harnesses share: a private temporary
 * folder and writing the parts of an input into files there. */
#ifndef LL_FUZZ_COMMON_H
#define LL_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_dir_[64];

static void fuzz_dir_remove(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir_);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", fuzz_dir_);
}

/* A folder of this process, made once and removed at exit. */
static inline const char *fuzz_dir(void)
{
	if (!fuzz_dir_[0]) {
		snprintf(fuzz_dir_, sizeof fuzz_dir_, "/tmp/latentlab-fuzz.XXXXXX");
		if (!mkdtemp(fuzz_dir_))
			abort();
		atexit(fuzz_dir_remove);
	}
	return fuzz_dir_;
}

/* Write n bytes to fuzz_dir()/name; returns the path (static buffer). */
static inline const char *fuzz_write(const char *name, const uint8_t *d, size_t n)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (n)
		fwrite(d, 1, n, f);
	fclose(f);
	return path;
}

/* The next part of the input: parts are separated by a line "====". */
static inline size_t fuzz_part(const uint8_t **d, size_t *n, const uint8_t **part)
{
	static const char sep[] = "\n====\n";
	*part = *d;
	for (size_t i = 0; i + sizeof sep - 1 <= *n; i++)
		if (memcmp(*d + i, sep, sizeof sep - 1) == 0) {
			*d += i + sizeof sep - 1;
			*n -= i + sizeof sep - 1;
			return i;
		}
	size_t len = *n;
	*d += len;
	*n = 0;
	return len;
}

/* A NUL-terminated copy (caller frees). */
static inline char *fuzz_str(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, d, n);
	s[n] = '\0';
	return s;
}

#endif
