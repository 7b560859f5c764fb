/* cmd_export.c: data out of a trained model (see cmd_export.h), and the lab's
 * `export` command that writes it to a file. */
#include "lab/cmd/cmd_export.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/core/atomic.h"
#include "engine/mf/mf.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"

const char *const export_whats = "users|items|user-factors|item-factors|user-biases|"
				 "item-biases|predictions|recommendations";

int export_parse_format(const char *s, export_format *out)
{
	if (!strcmp(s, "csv"))
		*out = EXPORT_CSV;
	else if (!strcmp(s, "json"))
		*out = EXPORT_JSON;
	else if (!strcmp(s, "npy"))
		*out = EXPORT_NPY;
	else
		return -1;
	return 0;
}

/* --- rows as CSV or JSON --------------------------------------------------- */

typedef struct rows {
	FILE *out;
	export_format fmt;
	const char *const *cols;
	int n_cols, col, n_rows;
} rows;

static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n") && !(s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' '))) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", out);
		else if (ch == '\t')
			fputs("\\t", out);
		else if (ch < 0x20)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static void rows_begin(rows *w, FILE *out, export_format fmt, const char *const *cols, int n)
{
	*w = (rows){ out, fmt, cols, n, 0, 0 };
	if (fmt == EXPORT_CSV) {
		for (int c = 0; c < n; c++) {
			if (c)
				fputc(',', out);
			csv_field(out, cols[c]);
		}
		fputc('\n', out);
	} else {
		fputc('[', out);
	}
}

static void cell_start(rows *w)
{
	if (w->fmt == EXPORT_CSV) {
		if (w->col)
			fputc(',', w->out);
	} else {
		if (w->col == 0)
			fputs(w->n_rows ? ",\n  {" : "\n  {", w->out);
		else
			fputs(", ", w->out);
		json_string(w->out, w->cols[w->col]);
		fputs(": ", w->out);
	}
}

static void cell_end(rows *w)
{
	if (++w->col < w->n_cols)
		return;
	fputs(w->fmt == EXPORT_CSV ? "\n" : "}", w->out);
	w->col = 0;
	w->n_rows++;
}

static void cell_str(rows *w, const char *s)
{
	cell_start(w);
	if (w->fmt == EXPORT_CSV)
		csv_field(w->out, s ? s : "");
	else if (s)
		json_string(w->out, s);
	else
		fputs("null", w->out);
	cell_end(w);
}

/* The same 10 significant digits in CSV and JSON; NaN is empty or null. */
static void cell_num(rows *w, double v)
{
	cell_start(w);
	if (isfinite(v))
		fprintf(w->out, "%.10g", v);
	else if (w->fmt == EXPORT_JSON)
		fputs("null", w->out);
	cell_end(w);
}

/* A double that must come back as the same bits (the global mean, which
 * predictions add): 17 significant digits. Factors and biases are floats,
 * which 10 digits already give back exactly. */
static void cell_double(rows *w, double v)
{
	cell_start(w);
	if (isfinite(v))
		fprintf(w->out, "%.17g", v);
	else if (w->fmt == EXPORT_JSON)
		fputs("null", w->out);
	cell_end(w);
}

static void rows_end(rows *w)
{
	if (w->fmt == EXPORT_JSON)
		fputs(w->n_rows ? "\n]\n" : "]\n", w->out);
}

/* --- NumPy .npy ------------------------------------------------------------- */

/* Version 1.0: magic, header length, a Python dict padded so the data
 * starts on a 64-byte boundary, then float32 values in C order. */
static void npy_header(FILE *out, size_t rows_, size_t cols)
{
	const uint32_t probe = 1;
	char dict[128];
	int len = cols ? snprintf(dict, sizeof dict,
				  "{'descr': '%cf4', 'fortran_order': False, 'shape': (%zu, %zu), }",
				  *(const unsigned char *)&probe ? '<' : '>', rows_, cols)
		       : snprintf(dict, sizeof dict,
				  "{'descr': '%cf4', 'fortran_order': False, 'shape': (%zu,), }",
				  *(const unsigned char *)&probe ? '<' : '>', rows_);
	size_t total = 10 + (size_t)len + 1;
	size_t pad = (64 - total % 64) % 64;
	size_t hlen = (size_t)len + pad + 1;
	fwrite("\x93NUMPY\x01\x00", 1, 8, out);
	fputc((int)(hlen & 0xff), out);
	fputc((int)(hlen >> 8), out);
	fputs(dict, out);
	for (size_t i = 0; i < pad; i++)
		fputc(' ', out);
	fputc('\n', out);
}

/* --- what --------------------------------------------------------------------- */

static int ids(const ratings *r, int items, const export_req *q, FILE *out, ll_error *err)
{
	if (q->fmt == EXPORT_NPY)
		return ll_fail(err, "export: ids and titles are text: use csv or json, not npy");
	static const char *const ucols[] = { "index", "id" };
	static const char *const icols[] = { "index", "id", "title" };
	rows w;
	rows_begin(&w, out, q->fmt, items ? icols : ucols, items ? 3 : 2);
	int n = items ? ratings_n_items(r) : ratings_n_users(r);
	for (int i = 0; i < n; i++) {
		cell_num(&w, i);
		cell_str(&w, items ? ratings_item_name(r, i) : ratings_user_name(r, i));
		if (items)
			cell_str(&w, ratings_item_title(r, i));
	}
	rows_end(&w);
	return 0;
}

static int factors(const ratings *r, const model *m, int items, const export_req *q, FILE *out,
		   ll_error *err)
{
	const float *F = items ? model_item_factors_const(m) : model_user_factors_const(m);
	int k = model_k(m), n = items ? model_n_items(m) : model_n_users(m);
	if (!F || k < 1)
		return ll_fail(err, "export: a %s model has no latent factors", model_algo(m));
	if (q->fmt == EXPORT_NPY) {
		npy_header(out, (size_t)n, (size_t)k);
		fwrite(F, sizeof *F, (size_t)n * (size_t)k, out);
		return 0;
	}
	const char **cols = malloc(((size_t)k + 3) * sizeof *cols);
	char *names = malloc((size_t)k * 16);
	if (!cols || !names) {
		free(cols), free(names);
		return ll_fail(err, "out of memory");
	}
	int nc = 0;
	cols[nc++] = "id";
	if (items)
		cols[nc++] = "title";
	for (int f = 0; f < k; f++) {
		snprintf(names + 16 * f, 16, "f%d", f);
		cols[nc++] = names + 16 * f;
	}
	rows w;
	rows_begin(&w, out, q->fmt, cols, nc);
	int known = items ? ratings_n_items(r) : ratings_n_users(r);
	for (int i = 0; i < n; i++) {
		cell_str(&w, i < known ? (items ? ratings_item_name(r, i) : ratings_user_name(r, i)) : NULL);
		if (items)
			cell_str(&w, i < known ? ratings_item_title(r, i) : NULL);
		for (int f = 0; f < k; f++)
			cell_num(&w, F[(size_t)i * k + f]);
	}
	rows_end(&w);
	free(cols), free(names);
	return 0;
}

static int biases(const ratings *r, const model *m, int items, const export_req *q, FILE *out,
		  ll_error *err)
{
	double mu;
	const float *bu, *bi;
	if (mf_biases(m, &mu, &bu, &bi) != 1 || !bu || !bi)
		return ll_fail(err, "export: a %s model has no biases (biased, SVD and als bias=1 have)",
			       model_algo(m));
	const float *b = items ? bi : bu;
	int n = items ? model_n_items(m) : model_n_users(m);
	if (q->fmt == EXPORT_NPY) {
		npy_header(out, (size_t)n, 0);
		fwrite(b, sizeof *b, (size_t)n, out);
		return 0;
	}
	static const char *const cols[] = { "id", "bias" };
	rows w;
	rows_begin(&w, out, q->fmt, cols, 2);
	cell_str(&w, "(global mean)");
	cell_double(&w, mu);
	int known = items ? ratings_n_items(r) : ratings_n_users(r);
	for (int i = 0; i < n; i++) {
		cell_str(&w, i < known ? (items ? ratings_item_name(r, i) : ratings_user_name(r, i)) : NULL);
		cell_num(&w, b[i]);
	}
	rows_end(&w);
	return 0;
}

static double predict(const model *m, int u, int i)
{
	if (u < 0 || i < 0)
		return NAN;
	return model_ranking_only(m) ? model_predict(m, u, i) : model_predict_clipped(m, u, i);
}

static int predictions(const model *m, const export_req *q, FILE *out)
{
	if (q->fmt == EXPORT_NPY) {
		size_t n = 0;
		for (size_t p = 0; p < q->n_pairs; p++)
			n += !(q->drop_unknown && (q->pairs[p].user < 0 || q->pairs[p].item < 0));
		npy_header(out, n, 0);
		for (size_t p = 0; p < q->n_pairs; p++) {
			const export_pair *x = &q->pairs[p];
			if (q->drop_unknown && (x->user < 0 || x->item < 0))
				continue;
			float v = (float)predict(m, x->user, x->item);
			fwrite(&v, sizeof v, 1, out);
		}
		return 0;
	}
	const char *cols[] = { "user", "item", model_ranking_only(m) ? "score" : "prediction" };
	rows w;
	rows_begin(&w, out, q->fmt, cols, 3);
	for (size_t p = 0; p < q->n_pairs; p++) {
		const export_pair *x = &q->pairs[p];
		if (q->drop_unknown && (x->user < 0 || x->item < 0))
			continue;
		cell_str(&w, x->user_id);
		cell_str(&w, x->item_id);
		cell_num(&w, predict(m, x->user, x->item));
	}
	rows_end(&w);
	return 0;
}

static int recommendations(const ratings *r, const model *m, const export_req *q, FILE *out,
			   ll_error *err)
{
	if (q->fmt == EXPORT_NPY)
		return ll_fail(err, "export: recommendations name items: use csv or json, not npy");
	int ni = model_n_items(m), nu = q->users ? q->n_users : model_n_users(m);
	int n = q->n < 1 ? 10 : q->n;
	float *s = malloc((size_t)(ni > 0 ? ni : 1) * sizeof *s);
	int *top = malloc((size_t)n * sizeof *top);
	if (!s || !top) {
		free(s), free(top);
		return ll_fail(err, "out of memory");
	}
	static const char *const cols[] = { "user", "rank", "item", "title", "score" };
	rows w;
	rows_begin(&w, out, q->fmt, cols, 5);
	for (int x = 0; x < nu; x++) {
		int u = q->users ? q->users[x] : x;
		if (u < 0 || u >= model_n_users(m))
			continue;
		model_score_items(m, u, s);
		if (!q->include_rated && u < ratings_n_users(r)) {
			const uint32_t *pos;
			size_t c = ratings_user_entries(r, u, &pos);
			for (size_t j = 0; j < c; j++) {
				int it = ratings_entries(r)[pos[j]].item;
				if (it < ni)
					s[it] = -INFINITY;
			}
		}
		/* Selection of the n best, ties to the lower index. */
		int got = 0;
		for (int it = 0; it < ni; it++) {
			if (!(s[it] > -INFINITY) || isnan(s[it]))
				continue;
			int at = got < n ? got++ : n;
			if (at == n) {
				if (!(s[it] > s[top[n - 1]]))
					continue;
				at = n - 1;
			}
			while (at > 0 && s[it] > s[top[at - 1]]) {
				top[at] = top[at - 1];
				at--;
			}
			top[at] = it;
		}
		for (int k = 0; k < got; k++) {
			cell_str(&w, ratings_user_name(r, u));
			cell_num(&w, k + 1);
			cell_str(&w, top[k] < ratings_n_items(r) ? ratings_item_name(r, top[k]) : NULL);
			cell_str(&w, top[k] < ratings_n_items(r) ? ratings_item_title(r, top[k]) : NULL);
			cell_num(&w, s[top[k]]);
		}
	}
	rows_end(&w);
	free(s), free(top);
	return 0;
}

int export_write(const ratings *r, const model *m, const export_req *q, FILE *out, ll_error *err)
{
	const char *w = q->what;
	if (!strcmp(w, "users") || !strcmp(w, "items"))
		return ids(r, w[0] == 'i', q, out, err);
	if (!strcmp(w, "user-factors") || !strcmp(w, "item-factors"))
		return factors(r, m, w[0] == 'i', q, out, err);
	if (!strcmp(w, "user-biases") || !strcmp(w, "item-biases"))
		return biases(r, m, w[0] == 'i', q, out, err);
	if (!strcmp(w, "predictions"))
		return predictions(m, q, out);
	if (!strcmp(w, "recommendations"))
		return recommendations(r, m, q, out, err);
	return ll_fail(err, "export: nothing called '%s' (one of %s)", w, export_whats);
}

/* --- pairs in ------------------------------------------------------------------ */

/* Split a line at commas, tabs or blanks into at most max fields, unquoting. */
static int fields(char *line, char **f, int max)
{
	int n = 0;
	int sep = strchr(line, ',') ? ',' : strchr(line, '\t') ? '\t' : ' ';
	char *p = line;
	while (*p && n < max) {
		while (sep == ' ' && *p == ' ')
			p++;
		if (!*p)
			break;
		char *start = p;
		if (*p == '"') {
			start = ++p;
			char *o = p;
			while (*p && !(*p == '"' && p[1] != '"')) {
				if (*p == '"')
					p++;
				*o++ = *p++;
			}
			if (*p)
				p++;
			*o = '\0';
			while (*p && *p != sep)
				p++;
		} else {
			while (*p && *p != sep)
				p++;
		}
		if (*p)
			*p++ = '\0';
		f[n++] = start;
	}
	return n;
}

static int has_word(const char *s, const char *w)
{
	for (size_t n = strlen(w); *s; s++)
		if (strncasecmp(s, w, n) == 0)
			return 1;
	return 0;
}

static int item_index(const ratings *r, const char *id)
{
	int i = ratings_find_item(r, id);
	return i >= 0 ? i : ratings_lookup_item(r, id);
}

int export_read_pairs(const ratings *r, const model *m, FILE *f, const char *name,
		      export_pair **out, size_t *n, ll_error *err)
{
	char line[4096];
	export_pair *v = NULL;
	size_t cnt = 0, cap = 0;
	int ucol = 0, icol = 1;
	long lineno = 0;
	*out = NULL, *n = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[strspn(line, " \t")] || line[0] == '#')
			continue;
		char *fl[16];
		int nf = fields(line, fl, 16);
		if (cnt == 0 && lineno <= 1 + (lineno > 1) && nf >= 2 && ratings_find_user(r, fl[0]) < 0) {
			/* A header: its names choose the columns (item,user works too). */
			int hu = -1, hi = -1;
			for (int c = 0; c < nf; c++) {
				if (hu < 0 && has_word(fl[c], "user"))
					hu = c;
				else if (hi < 0 && (has_word(fl[c], "item") || has_word(fl[c], "movie")))
					hi = c;
			}
			if (hu >= 0 && hi >= 0) {
				ucol = hu, icol = hi;
				continue;
			}
		}
		if (nf <= ucol || nf <= icol) {
			export_pairs_free(v, cnt);
			return ll_fail(err, "%s:%ld: expected user,item", name, lineno);
		}
		if (cnt == cap) {
			cap = cap ? 2 * cap : 64;
			export_pair *nv = realloc(v, cap * sizeof *nv);
			if (!nv) {
				export_pairs_free(v, cnt);
				return ll_fail(err, "out of memory");
			}
			v = nv;
		}
		export_pair *p = &v[cnt];
		p->user_id = strdup(fl[ucol]);
		p->item_id = strdup(fl[icol]);
		if (!p->user_id || !p->item_id) {
			free(p->user_id), free(p->item_id);
			export_pairs_free(v, cnt);
			return ll_fail(err, "out of memory");
		}
		cnt++;
		p->user = ratings_find_user(r, p->user_id);
		p->item = item_index(r, p->item_id);
		if (p->user >= model_n_users(m))
			p->user = -1;
		if (p->item >= model_n_items(m))
			p->item = -1;
	}
	if (ferror(f)) {
		export_pairs_free(v, cnt);
		return ll_fail(err, "%s: read error", name);
	}
	*out = v, *n = cnt;
	return 0;
}

void export_pairs_free(export_pair *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++)
		free(p[i].user_id), free(p[i].item_id);
	free(p);
}

/* --- the lab command ---------------------------------------------------------- */

static const lab_opt export_opts[] = {
	{ "format", OPT_WORD, NULL, N_("csv, json or npy (default: from the file name, else csv)"), "csv|json|npy" },
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ "n", OPT_INT, "10", N_("recommendations per user"), NULL },
	{ "pairs", OPT_STR, NULL, N_("predictions: a file of user,item lines"), NULL },
	{ "cold", OPT_WORD, "nan", N_("predictions for unknown users or items: nan or drop (Spark's coldStartStrategy)"), "nan|drop" },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_export(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const char *what = c->argv[0].text, *path = c->argv[1].text;
	export_req q = { .what = what, .n = (int)lab_opt_long(c, "n", 10) };
	const char *fmt = lab_opt_str(c, "format", NULL);
	if (!fmt) {
		const char *dot = strrchr(path, '.');
		fmt = dot && (!strcmp(dot, ".json") || !strcmp(dot, ".npy")) ? dot + 1 : "csv";
	}
	export_parse_format(fmt, &q.fmt);
	q.drop_unknown = !strcmp(lab_opt_str(c, "cold", "nan"), "drop");
	if (!lab_data(l, err))
		return -1;
	int needs_model = strcmp(what, "users") && strcmp(what, "items");
	lab_model *lm = needs_model ? lab_model_pick(l, c, err) : NULL;
	if (needs_model && !lm)
		return -1;
	const model *m = lm ? lm->m : NULL;
	export_pair *pairs = NULL;
	if (!strcmp(what, "predictions")) {
		const char *pf = lab_opt_str(c, "pairs", NULL);
		if (!pf)
			return ll_fail(err, "export predictions: give pairs=FILE (user,item lines)");
		FILE *f = fopen(pf, "r");
		if (!f)
			return ll_fail(err, "export: %s: cannot open", pf);
		int rc = export_read_pairs(l->data, m, f, pf, &pairs, &q.n_pairs, err);
		fclose(f);
		if (rc < 0)
			return -1;
		q.pairs = pairs;
	}
	ll_atomic a;
	if (ll_atomic_open(&a, path, err) < 0) {
		export_pairs_free(pairs, q.n_pairs);
		return -1;
	}
	int rc = export_write(l->data, m, &q, a.f, err);
	export_pairs_free(pairs, q.n_pairs);
	if (rc < 0) {
		ll_atomic_abort(&a);
		return -1;
	}
	if (ll_atomic_commit(&a, err) < 0)
		return -1;
	char msg[1200];
	/* TRANSLATORS: what, a word of export (item-factors), to a file (its format: csv). */
	if (lm)
		snprintf(msg, sizeof msg, _("Wrote %s to %s (%s) from model %s."), what, path, fmt,
			 lm->name);
	else
		snprintf(msg, sizeof msg, _("Wrote %s to %s (%s)."), what, path, fmt);
	*out = view_text(NULL, msg);
	return 0;
}

const lab_cmd lab_cmds_export[] = {
	{ "export", "WHAT FILE", 2, 2, { ARG_WORD, ARG_FILE }, "users|items|user-factors|item-factors|user-biases|item-biases|predictions|recommendations",
	  export_opts, 0, N_("write factors, biases, predictions or top-n to CSV, JSON or .npy"),
	  N_("export WHAT FILE [format=csv|json|npy] [model=NAME] [n=10] [pairs=FILE]\n"
	  "Write what a model learned to FILE, atomically:\n"
	  "  users, items                 index, id (and title): the rows of the arrays\n"
	  "  user-factors, item-factors   id (title), f0..f(k-1); .npy: float32 n x k\n"
	  "  user-biases, item-biases     id, bias (the global mean first); .npy: 1-D\n"
	  "  predictions                  user, item, prediction for pairs=FILE\n"
	  "  recommendations              user, rank, item, title, score: the top n\n"
	  "                               unrated items of every user\n"
	  "The format comes from FILE's extension (.json, .npy) unless format= says.\n"
	  "Numbers have 10 significant digits in CSV and JSON alike (the global\n"
	  "mean 17): import reads the same bits back.\n"
	  "Example: export item-factors items.npy; export users users.csv"),
	  run_export },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};
