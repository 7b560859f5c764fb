/* import_npy.c: NumPy's .npy (formats 1 to 3) of float32 or float64, in C
 * or Fortran order: factors n x k, biases n (or n x 1). The header's shape
 * is checked against the file's size before anything is allocated. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/fileio.h"
#include "engine/core/intl.h"
#include "lab/cmd/import_impl.h"

/* The header's dict: {'descr': '<f4', 'fortran_order': False, 'shape': (n, k), }
 * (keys in any order, either quote). */
typedef struct npy_head {
	char descr[8];
	int fortran, dims;
	long long shape[2];
} npy_head;

static int npy_dict(const char *s, npy_head *h)
{
	int got = 0;
	h->dims = -1;
	while (*s == ' ')
		s++;
	if (*s++ != '{')
		return -1;
	for (;;) {
		while (*s == ' ' || *s == ',')
			s++;
		if (*s == '}')
			break;
		char q = *s++, key[32];
		size_t n = 0;
		if (q != '\'' && q != '"')
			return -1;
		while (*s && *s != q && n + 1 < sizeof key)
			key[n++] = *s++;
		key[n] = '\0';
		if (*s++ != q)
			return -1;
		while (*s == ' ')
			s++;
		if (*s++ != ':')
			return -1;
		while (*s == ' ')
			s++;
		if (!strcmp(key, "descr")) {
			char dq = *s++;
			n = 0;
			if (dq != '\'' && dq != '"')
				return -1;
			while (*s && *s != dq && n + 1 < sizeof h->descr)
				h->descr[n++] = *s++;
			h->descr[n] = '\0';
			if (*s++ != dq)
				return -1;
			got |= 1;
		} else if (!strcmp(key, "fortran_order")) {
			if (!strncmp(s, "False", 5))
				h->fortran = 0, s += 5;
			else if (!strncmp(s, "True", 4))
				h->fortran = 1, s += 4;
			else
				return -1;
			got |= 2;
		} else if (!strcmp(key, "shape")) {
			if (*s++ != '(')
				return -1;
			h->dims = 0;
			for (;;) {
				while (*s == ' ' || *s == ',')
					s++;
				if (*s == ')')
					break;
				char *end;
				long long v = strtoll(s, &end, 10);
				if (end == s || v < 0 || h->dims == 2)
					return -2; /* not a shape we read: more than 2-D */
				h->shape[h->dims++] = v;
				s = end;
				while (*s == 'L')
					s++; /* Python 2's long */
			}
			s++;
			got |= 4;
		} else {
			return -1;
		}
	}
	return got == 7 ? 0 : -1;
}

int import_read_npy(const char *path, import_kind kind, import_table *t, ll_error *err)
{
	if (kind == IMPORT_IDS)
		return ll_fail(err, "%s: a .npy holds numbers, not ids (give what export users or "
			       "export items writes, as csv or json)", path);
	size_t size;
	FILE *f = ll_fopen_regular(path, SIZE_MAX, &size, err);
	if (!f)
		return -1;
	unsigned char pre[12];
	int rc = 0;
	char *head = NULL;
	void *raw = NULL;
	if (fread(pre, 1, 8, f) != 8 || memcmp(pre, "\x93NUMPY", 6) != 0 || pre[6] < 1 || pre[6] > 3) {
		rc = ll_fail(err, "%s: not a NumPy .npy file of format 1, 2 or 3", path);
		goto done;
	}
	int wide = pre[6] >= 2;
	if (fread(pre + 8, 1, wide ? 4 : 2, f) != (size_t)(wide ? 4 : 2)) {
		rc = ll_fail(err, "%s: truncated in its header", path);
		goto done;
	}
	size_t hlen = (size_t)pre[8] | (size_t)pre[9] << 8 |
		      (wide ? (size_t)pre[10] << 16 | (size_t)pre[11] << 24 : 0);
	size_t start = (wide ? 12 : 10) + hlen;
	if (hlen > ((size_t)1 << 20) || start > size) {
		rc = ll_fail(err, "%s: a header of %zu bytes in a file of %zu", path, hlen, size);
		goto done;
	}
	head = malloc(hlen + 1);
	if (!head || fread(head, 1, hlen, f) != hlen) {
		rc = head ? ll_fail(err, "%s: truncated in its header", path)
			  : ll_fail(err, "%s: out of memory", path);
		goto done;
	}
	head[hlen] = '\0';
	npy_head h = { "", 0, 0, { 0, 0 } };
	int drc = npy_dict(head, &h);
	if (drc < 0) {
		if (drc == -2)
			rc = ll_fail(err, "%s: an array of more than 2 dimensions", path);
		else
			rc = ll_fail(err, "%s: a header that is not NumPy's dict of descr, fortran_order "
				     "and shape", path);
		goto done;
	}
	/* float32 or float64, little or big endian ('=' and '|' as this machine). */
	const uint32_t probe = 1;
	char here = *(const unsigned char *)&probe ? '<' : '>';
	char order = h.descr[0] == '=' || h.descr[0] == '|' ? here : h.descr[0];
	int item = !strcmp(h.descr + 1, "f4") ? 4 : !strcmp(h.descr + 1, "f8") ? 8 : 0;
	if ((order != '<' && order != '>') || !item) {
		rc = ll_fail(err, "%s: the numbers are '%s'; float32 or float64 ('<f4', '<f8') are read",
			     path, h.descr);
		goto done;
	}
	long long n = h.dims >= 1 ? h.shape[0] : 0, k = h.dims == 2 ? h.shape[1] : 1;
	if (kind == IMPORT_FACTORS ? h.dims != 2 : (h.dims != 1 && !(h.dims == 2 && k == 1))) {
		rc = kind == IMPORT_FACTORS
			     ? ll_fail(err, "%s: %d dimensions; factors are rows x k (2-D)", path, h.dims)
			     : ll_fail(err, "%s: %d dimensions; biases are 1-D", path, h.dims);
		goto done;
	}
	if (n > IMPORT_MAX_ROWS || k < 1 || k > IMPORT_MAX_K ||
	    (double)n * (double)k * sizeof(float) > IMPORT_MAX_BYTES) {
		rc = ll_fail(err, "%s: shape (%lld, %lld): at most %d rows, k from 1 to %d and %.0f GB",
			     path, n, k, IMPORT_MAX_ROWS, IMPORT_MAX_K, IMPORT_MAX_BYTES / 1e9);
		goto done;
	}
	size_t cells = (size_t)n * (size_t)k;
	if (size - start != cells * (size_t)item) {
		rc = ll_fail(err, "%s: shape (%lld, %lld) needs %zu bytes of numbers, the file has %zu "
			     "after its header", path, n, k, cells * (size_t)item, size - start);
		goto done;
	}
	raw = malloc(cells * (size_t)item + 1);
	t->v = malloc((cells ? cells : 1) * sizeof *t->v);
	if (!raw || !t->v || fread(raw, (size_t)item, cells, f) != cells) {
		rc = raw && t->v ? ll_fail(err, "%s: read error", path)
				 : ll_fail(err, "%s: out of memory", path);
		goto done;
	}
	int swap = order != here;
	for (size_t x = 0; x < cells; x++) {
		unsigned char *b = (unsigned char *)raw + x * (size_t)item;
		if (swap)
			for (int i = 0; i < item / 2; i++) {
				unsigned char tmp = b[i];
				b[i] = b[item - 1 - i];
				b[item - 1 - i] = tmp;
			}
		double d;
		if (item == 4) {
			float fl;
			memcpy(&fl, b, 4);
			d = fl;
		} else {
			memcpy(&d, b, 8);
		}
		/* Fortran order holds column after column. */
		size_t r = h.fortran ? x % (size_t)n : x / (size_t)k;
		size_t col = h.fortran ? x / (size_t)n : x % (size_t)k;
		if (!isfinite(d) || fabs(d) > FLT_MAX) {
			rc = isfinite(d)
				     ? ll_fail(err, "%s: row %zu, column %zu is too large for a 32-bit float",
					       path, r, col)
				     : ll_fail(err, "%s: row %zu, column %zu is not a finite number", path,
					       r, col);
			goto done;
		}
		t->v[r * (size_t)k + col] = (float)d;
	}
	t->n = (int)n, t->k = (int)k;
done:
	free(head), free(raw);
	fclose(f);
	return rc;
}
