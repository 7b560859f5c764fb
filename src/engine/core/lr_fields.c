/* lr_fields.c: the hand-written field parsing the loaders use on
 * lineread's lines (splitting, integers, decimals, UTF-8 checks, Latin-1)
 * and the path helpers beside it (see lineread.h). */
#include "engine/core/lineread.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int lr_split(char *line, const char *sep, char **fields, int max)
{
	size_t sl = strlen(sep);
	int n = 0;
	char *s = line;
	for (;;) {
		if (n < max)
			fields[n] = s;
		n++;
		char *hit = sl == 1 ? strchr(s, sep[0]) : strstr(s, sep);
		if (!hit)
			return n;
		if (n < max)
			*hit = '\0';
		s = hit + sl;
	}
}

int lr_split_csv(char *line, char sep, char **fields, int max)
{
	int n = 0;
	char *r = line, *w;
	for (;;) {
		char *start = r;
		w = r;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"') {
					if (r[1] == '"') {
						*w++ = '"';
						r += 2;
						continue;
					}
					r++;
					break;
				}
				*w++ = *r++;
			}
			/* Text after the closing quote belongs to the field. */
			while (*r && *r != sep)
				*w++ = *r++;
		} else {
			while (*r && *r != sep)
				r++;
			w = r;
		}
		int last = *r == '\0';
		if (n < max)
			fields[n] = start;
		n++;
		*w = '\0';
		if (last)
			return n;
		r++;
	}
}

int lr_parse_long(const char *s, long *out)
{
	int neg = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (*s < '0' || *s > '9')
		return -1;
	unsigned long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (unsigned long)(2147483647L * 4096L))
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (*s)
		return -1;
	*out = neg ? -(long)v : (long)v;
	return 0;
}

int lr_parse_u32(const char *s, uint32_t *out)
{
	long v;
	if (lr_parse_long(s, &v) < 0 || v < 0 || v > 4294967295L)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int lower_eq(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if ((*s | 0x20) != *word)
			return 0;
	return *s == '\0';
}

int lr_parse_double(const char *s, double *out)
{
	const char *p = s;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (lower_eq(p, "nan") || lower_eq(p, "inf") || lower_eq(p, "infinity"))
		return -2;
	/* Mantissa as an integer and a power of ten: exact for the short
	 * decimals ratings are written in ("4.5"). */
	uint64_t m = 0;
	int digits = 0, scale = 0, any = 0;
	for (; *p >= '0' && *p <= '9'; p++, any = 1)
		if (digits < 18) {
			m = m * 10 + (uint64_t)(*p - '0');
			digits += m > 0;
		} else {
			scale++;
		}
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++, any = 1)
			if (digits < 18) {
				m = m * 10 + (uint64_t)(*p - '0');
				digits += m > 0;
				scale--;
			}
	}
	if (!any)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		long e;
		int eneg = 0;
		if (*p == '-' || *p == '+')
			eneg = *p++ == '-';
		if (*p < '0' || *p > '9')
			return -1;
		for (e = 0; *p >= '0' && *p <= '9'; p++)
			if (e < 10000)
				e = e * 10 + (*p - '0');
		scale += (int)(eneg ? -e : e);
	}
	if (*p)
		return -1;
	/* Powers of ten up to 1e22 are exact doubles, as pow gives them. */
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
				      1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
				      1e20, 1e21, 1e22 };
	double v = (double)m;
	if (scale > 0)
		v *= scale <= 22 ? p10[scale] : pow(10, scale);
	else if (scale < 0)
		v /= -scale <= 22 ? p10[-scale] : pow(10, -scale);
	if (!isfinite(v))
		return -2;
	*out = neg ? -v : v;
	return 0;
}

int lr_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	while (s < e) {
		/* ASCII, the common case, eight bytes at a time. */
		uint64_t w;
		if (e - s >= 8 && (memcpy(&w, s, 8), (w & 0x8080808080808080u) == 0)) {
			s += 8;
			continue;
		}
		unsigned c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		int more;
		unsigned cp;
		if (c >= 0xc2 && c <= 0xdf)
			more = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			more = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			more = 3, cp = c & 0x07;
		else
			return 0;
		if (e - s <= more)
			return 0;
		for (int k = 1; k <= more; k++) {
			if ((s[k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[k] & 0x3f);
		}
		/* Overlong forms, surrogates and code points past U+10FFFF. */
		if ((more == 2 && cp < 0x800) || (more == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		s += more + 1;
	}
	return 1;
}

char *lr_latin1_to_utf8(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += *p >= 0x80 ? 2 : 1;
	char *out = malloc(n + 1), *w = out;
	if (!out)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80) {
			*w++ = (char)(0xc0 | *p >> 6);
			*w++ = (char)(0x80 | (*p & 0x3f));
		} else {
			*w++ = (char)*p;
		}
	*w = '\0';
	return out;
}

char *lr_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, a);
	size_t at = a;
	if (a == 0 || dir[a - 1] != '/')
		p[at++] = '/';
	memcpy(p + at, name, b + 1);
	return p;
}

int lr_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int lr_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
