/* wide_deep_features.c: what Wide & Deep sees of a user and an item
 * (wide_deep_impl.h). The features are read once from the training store:
 * genres and the year bucket of each item (from "(1995)" in its title),
 * the age, gender and occupation of each user where the store has them.
 * Each example is then a list of wide weight indexes (ids, genres, user x
 * genre, year, demographics x genre) and a row of field embeddings. */
#include "engine/nn/wide_deep_impl.h"

#include <stdlib.h>
#include <string.h>

static const char *const year_names[WD_N_YEARS] = {
	"unknown", "before 1950", "1950s", "1960s", "1970s", "1980s",
	"1990-94", "1995-99", "2000-04", "2005-09", "2010-14", "2015-",
};

int wd_year_of(const char *title)
{
	if (!title)
		return 0;
	const char *p = strrchr(title, '(');
	if (!p || strlen(p) < 6 || p[5] != ')')
		return 0;
	int y = 0;
	for (int j = 1; j <= 4; j++) {
		if (p[j] < '0' || p[j] > '9')
			return 0;
		y = y * 10 + (p[j] - '0');
	}
	if (y < 1950)
		return 1;
	if (y < 1990)
		return 2 + (y - 1950) / 10;
	if (y < 2015)
		return 6 + (y - 1990) / 5;
	return 11;
}

const char *wd_year_bucket(const char *title)
{
	return year_names[wd_year_of(title)];
}

/* The value of key=... in "age=24 gender=M occupation=writer". */
static int info_field(const char *info, const char *key, char *out, size_t n)
{
	size_t kl = strlen(key);
	for (const char *p = info; p && *p;) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, kl) && p[kl] == '=') {
			p += kl + 1;
			size_t j = 0;
			while (p[j] && p[j] != ' ' && j + 1 < n)
				out[j] = p[j], j++;
			out[j] = '\0';
			return j > 0;
		}
		p = strchr(p, ' ');
	}
	return 0;
}

static int age_bucket(long a)
{
	return a < 18 ? 1 : a < 25 ? 2 : a < 35 ? 3 : a < 45 ? 4 : a < 50 ? 5 : a < 56 ? 6 : 7;
}

int wd_read_features(wd_model *w, const ratings *r, ll_error *err)
{
	model *m = &w->base;
	int nu = m->n_users, ni = m->n_items;
	w->G = ratings_n_genres(r);
	w->genres = calloc((size_t)ni + 1, sizeof *w->genres);
	w->year = calloc((size_t)ni + 1, 1);
	w->age = calloc((size_t)nu + 1, 1);
	w->gender = calloc((size_t)nu + 1, 1);
	w->occ = calloc((size_t)nu + 1, 1);
	w->occ_names = strmap_new();
	if (!w->genres || !w->year || !w->age || !w->gender || !w->occ || !w->occ_names)
		return ll_fail(err, "out of memory");
	for (int i = 0; i < ni; i++) {
		w->genres[i] = ratings_item_genres(r, i);
		w->year[i] = (uint8_t)wd_year_of(ratings_item_title(r, i));
	}
	strmap_intern(w->occ_names, "unknown");
	w->demo = 0;
	for (int u = 0; w->want_demo && u < nu; u++) {
		const char *info = ratings_user_info(r, u);
		char v[64];
		if (!info)
			continue;
		if (info_field(info, "age", v, sizeof v)) {
			long a = strtol(v, NULL, 10);
			w->age[u] = (uint8_t)(a > 0 ? age_bucket(a) : 0);
			w->demo = 1;
		}
		if (info_field(info, "gender", v, sizeof v))
			w->gender[u] = v[0] == 'M' ? 1 : v[0] == 'F' ? 2 : 0;
		if (info_field(info, "occupation", v, sizeof v)) {
			int o = strmap_get(w->occ_names, v);
			if (o < 0 && strmap_size(w->occ_names) < WD_MAX_OCC)
				o = strmap_intern(w->occ_names, v);
			w->occ[u] = (uint8_t)(o > 0 ? o : 0);
		}
	}
	w->O = (int)strmap_size(w->occ_names);
	return 0;
}

wd_item wd_item_of(const wd_model *w, int i)
{
	return (wd_item){ i, w->genres[i], w->year[i] };
}

int wd_wide_feats(const wd_model *w, int u, const wd_item *it, int32_t *f)
{
	int n = 0, G = w->G;
	f[n++] = 0;
	if (u >= 0)
		f[n++] = (int32_t)(w->o_user + (size_t)u);
	if (it->id >= 0)
		f[n++] = (int32_t)(w->o_item + (size_t)it->id);
	f[n++] = (int32_t)(w->o_year + (size_t)it->year);
	uint32_t mask = it->genres;
	for (int g = 0; g < G; g++) {
		if (!(mask >> g & 1))
			continue;
		f[n++] = (int32_t)(w->o_genre + (size_t)g);
		if (u < 0)
			continue;
		f[n++] = (int32_t)(w->o_ug + (size_t)u * G + (size_t)g);
		if (w->demo) {
			f[n++] = (int32_t)(w->o_ag + (size_t)w->age[u] * G + (size_t)g);
			f[n++] = (int32_t)(w->o_sg + (size_t)w->gender[u] * G + (size_t)g);
			f[n++] = (int32_t)(w->o_og + (size_t)w->occ[u] * G + (size_t)g);
		}
	}
	return n;
}

void wd_deep_rows(const wd_model *w, int u, const wd_item *it, int64_t *row, int64_t *g_rows,
		      int *n_g)
{
	row[0] = u >= 0 ? (int64_t)(w->r_user + (size_t)u) : -1;
	row[1] = it->id >= 0 ? (int64_t)(w->r_item + (size_t)it->id) : -1;
	*n_g = 0;
	for (int g = 0; g < w->G; g++)
		if (it->genres >> g & 1)
			g_rows[(*n_g)++] = (int64_t)(w->r_genre + (size_t)g);
	if (*n_g == 0)
		g_rows[(*n_g)++] = (int64_t)(w->r_genre + (size_t)w->G);
	row[2] = -2; /* the genre field */
	row[3] = (int64_t)(w->r_year + (size_t)it->year);
	if (w->demo) {
		row[4] = u >= 0 ? (int64_t)(w->r_age + w->age[u]) : -1;
		row[5] = u >= 0 ? (int64_t)(w->r_gender + w->gender[u]) : -1;
		row[6] = u >= 0 ? (int64_t)(w->r_occ + w->occ[u]) : -1;
	}
}

int wd_max_wide(const wd_model *w)
{
	return 4 + w->G * (w->demo ? 5 : 2);
}

int wd_max_rows(const wd_model *w)
{
	return w->n_fields - 1 + (w->G > 1 ? w->G : 1);
}

void wd_deep_input(const wd_model *w, int u, const wd_item *it, float *x)
{
	int64_t row[WD_MAX_FIELDS], g_rows[RATINGS_MAX_GENRES + 1];
	int n_g;
	wd_deep_rows(w, u, it, row, g_rows, &n_g);
	wd_deep_gather(w, row, g_rows, n_g, x);
}

void wd_deep_gather(const wd_model *w, const int64_t *row, const int64_t *g_rows, int n_g,
		    float *x)
{
	const int d = w->d;
	for (int f = 0; f < w->n_fields; f++) {
		float *dst = x + (size_t)f * d;
		memset(dst, 0, (size_t)d * sizeof *dst);
		if (row[f] == -2) {
			for (int j = 0; j < n_g; j++)
				nn_axpy(1.0f / (float)n_g, w->E + (size_t)g_rows[j] * d, dst, d);
		} else if (row[f] >= 0) {
			memcpy(dst, w->E + (size_t)row[f] * d, (size_t)d * sizeof *dst);
		}
	}
}

double wd_wide_sum(const wd_model *w, int u, const wd_item *it)
{
	int32_t f[WD_MAX_WIDE];
	return wd_wide_add(w, f, wd_wide_feats(w, u, it, f));
}

double wd_wide_add(const wd_model *w, const int32_t *f, int n)
{
	double s = 0;
	for (int j = 0; j < n; j++)
		s += w->w[f[j]];
	return s;
}
