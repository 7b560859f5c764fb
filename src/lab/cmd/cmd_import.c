/* cmd_import.c: factors back into a model (see cmd_import.h), and the lab's
 * `import` command that adds it to the session's models. */
#include "lab/cmd/cmd_import.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "engine/core/intl.h"
#include "engine/mf/mf.h"
#include "lab/lab_impl.h"

/* "path:line" of row j, or "path: row j" in a .npy. */
static const char *at_row(const import_table *t, const char *path, int j, char *buf, size_t size)
{
	if (t->lines)
		snprintf(buf, size, "%s:%ld", path, t->lines[j]);
	else
		/* TRANSLATORS: where in a .npy file: its path and a row. */
		snprintf(buf, size, _("%s: row %d"), path, j);
	return buf;
}

/* Name the rows of a .npy: by its ids file, else the data's order, else
 * (biases) the rows of the factors beside them (like). */
static int name_rows(import_table *t, const char *path, const char *ids_path, int items,
		     const ratings *r, const import_table *like, ll_error *err)
{
	if (t->ids) {
		if (ids_path && like == NULL)
			return items ? ll_fail(err, "%s names its rows: item ids are for a .npy", path)
				     : ll_fail(err, "%s names its rows: user ids are for a .npy", path);
		return 0;
	}
	t->ids = calloc((size_t)t->n + 1, sizeof *t->ids);
	if (!t->ids)
		return ll_fail(err, "out of memory");
	if (ids_path) {
		import_table ids;
		if (import_read(ids_path, IMPORT_IDS, &ids, err) < 0)
			return -1;
		if (ids.n != t->n) {
			int n = ids.n;
			import_table_free(&ids);
			return items ? ll_fail(err, "%s names %d items, %s has %d rows", ids_path, n, path,
					       t->n)
				     : ll_fail(err, "%s names %d users, %s has %d rows", ids_path, n, path,
					       t->n);
		}
		free(t->ids);
		t->ids = ids.ids, t->titles = ids.titles;
		ids.ids = ids.titles = NULL;
		import_table_free(&ids);
		return 0;
	}
	int have = r ? (items ? ratings_n_items(r) : ratings_n_users(r)) : like ? like->n : -1;
	if (have < 0)
		return items ? ll_fail(err, "%s is a .npy, whose rows have no ids: give the item ids "
				       "(what export items writes) or the data", path)
			     : ll_fail(err, "%s is a .npy, whose rows have no ids: give the user ids "
				       "(what export users writes) or the data", path);
	if (t->n > have)
		return items ? ll_fail(err, "%s has %d rows, but there are %d items", path, t->n, have)
			     : ll_fail(err, "%s has %d rows, but there are %d users", path, t->n, have);
	for (int j = 0; j < t->n; j++) {
		const char *id = r ? (items ? ratings_item_name(r, j) : ratings_user_name(r, j))
				   : like->ids[j];
		if (!(t->ids[j] = strdup(id)))
			return ll_fail(err, "out of memory");
	}
	return 0;
}

/* Where each row of t goes (at[j]): the index of its id in names, which
 * must be below n and taken once. */
static int place(const import_table *t, const char *path, int items, const ratings *names,
		 int n, int *at, ll_error *err)
{
	int *first = malloc(((size_t)n + 1) * sizeof *first);
	if (!first)
		return ll_fail(err, "out of memory");
	for (int x = 0; x < n; x++)
		first[x] = -1;
	char here[600], there[600];
	int rc = 0;
	for (int j = 0; j < t->n && rc == 0; j++) {
		const char *id = t->ids[j];
		int x = items ? ratings_find_item(names, id) : ratings_find_user(names, id);
		const char *where = x < 0 || x >= n || first[x] >= 0 ? at_row(t, path, j, here, sizeof here)
								   : "";
		if (x < 0 && items)
			rc = ll_fail(err, "%s: item '%.100s' is not in the data", where, id);
		else if (x < 0)
			rc = ll_fail(err, "%s: user '%.100s' is not in the data", where, id);
		else if (x >= n && items)
			rc = ll_fail(err, "%s: item '%.100s' is index %d of the data, past the file's "
				     "%d rows: it must hold the data's first items, all of them",
				     where, id, x, n);
		else if (x >= n)
			rc = ll_fail(err, "%s: user '%.100s' is index %d of the data, past the file's "
				     "%d rows: it must hold the data's first users, all of them",
				     where, id, x, n);
		else if (first[x] >= 0 && items)
			rc = ll_fail(err, "%s: item '%.100s' again (first at %s)", where, id,
				     at_row(t, path, first[x], there, sizeof there));
		else if (first[x] >= 0)
			rc = ll_fail(err, "%s: user '%.100s' again (first at %s)", where, id,
				     at_row(t, path, first[x], there, sizeof there));
		else
			first[x] = j, at[j] = x;
	}
	free(first);
	return rc;
}

/* The names of the files' rows, in their order, when there is no data. */
static ratings *names_of(const import_table *u, const char *upath, const import_table *i,
			 const char *ipath, ll_error *err)
{
	ratings *r = ratings_new();
	if (!r) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	ratings_set_source(r, upath);
	char here[600], there[600];
	for (int j = 0; j < u->n; j++) {
		int x = ratings_intern_user(r, u->ids[j]);
		if (x != j) {
			if (x < 0)
				ll_fail(err, "out of memory");
			else
				ll_fail(err, "%s: user '%.100s' again (first at %s)",
					at_row(u, upath, j, here, sizeof here), u->ids[j],
					at_row(u, upath, x, there, sizeof there));
			ratings_free(&r);
			return NULL;
		}
	}
	for (int j = 0; j < i->n; j++) {
		int x = ratings_intern_item(r, i->ids[j]);
		const char *title = i->titles ? i->titles[j] : NULL;
		if (x != j || (title && strcmp(title, i->ids[j]) && ratings_set_item_title(r, j, title) < 0)) {
			if (x >= 0 && x != j)
				ll_fail(err, "%s: item '%.100s' again (first at %s)",
					at_row(i, ipath, j, here, sizeof here), i->ids[j],
					at_row(i, ipath, x, there, sizeof there));
			else
				ll_fail(err, "out of memory");
			ratings_free(&r);
			return NULL;
		}
	}
	return r;
}

/* Rows of t (k numbers each) to out[at[j]]. */
static void scatter(const import_table *t, const int *at, float *out)
{
	for (int j = 0; j < t->n; j++)
		memcpy(out + (size_t)at[j] * (size_t)t->k, t->v + (size_t)j * (size_t)t->k,
		       (size_t)t->k * sizeof *out);
}

model *import_model(const import_req *q, const ratings *r, ratings **ids, ll_error *err)
{
	import_table uf, itf, ub, ib;
	memset(&ub, 0, sizeof ub), memset(&ib, 0, sizeof ib), memset(&itf, 0, sizeof itf);
	ratings *names = NULL;
	model *m = NULL;
	int *uat = NULL, *iat = NULL, rc = 0;
	float *P = NULL, *Q = NULL, *bu = NULL, *bi = NULL;
	params *opts = NULL;
	if (ids)
		*ids = NULL;
	int biases = q->user_biases || q->item_biases;
	if (!q->user_factors || !q->item_factors)
		rc = ll_fail(err, "import: give both the user and the item factors");
	else if (biases && !(q->user_biases && q->item_biases))
		rc = ll_fail(err, "import: give both the user and the item biases, or neither");
	if (rc < 0)
		return NULL;
	if (import_read(q->user_factors, IMPORT_FACTORS, &uf, err) < 0)
		return NULL;
	const char *up = q->user_factors, *ip = q->item_factors;
	if (import_read(ip, IMPORT_FACTORS, &itf, err) < 0 ||
	    name_rows(&uf, up, q->user_ids, 0, r, NULL, err) < 0 ||
	    name_rows(&itf, ip, q->item_ids, 1, r, NULL, err) < 0)
		goto fail;
	if (uf.k != itf.k) {
		ll_fail(err, "import: %s has k=%d factors, %s k=%d", up, uf.k, ip, itf.k);
		goto fail;
	}
	if (uf.n == 0 || itf.n == 0) {
		ll_fail(err, "import: %s has no rows", uf.n == 0 ? up : ip);
		goto fail;
	}
	const ratings *where = r;
	if (!r && !(where = names = names_of(&uf, up, &itf, ip, err)))
		goto fail;
	uat = malloc((size_t)uf.n * sizeof *uat);
	iat = malloc((size_t)itf.n * sizeof *iat);
	P = malloc((size_t)uf.n * (size_t)uf.k * sizeof *P);
	Q = malloc((size_t)itf.n * (size_t)itf.k * sizeof *Q);
	if (!uat || !iat || !P || !Q) {
		ll_fail(err, "out of memory");
		goto fail;
	}
	if (place(&uf, up, 0, where, uf.n, uat, err) < 0 ||
	    place(&itf, ip, 1, where, itf.n, iat, err) < 0)
		goto fail;
	scatter(&uf, uat, P);
	scatter(&itf, iat, Q);
	double mu = 0;
	if (biases) {
		const char *ubp = q->user_biases, *ibp = q->item_biases;
		if (import_read(ubp, IMPORT_BIASES, &ub, err) < 0 ||
		    import_read(ibp, IMPORT_BIASES, &ib, err) < 0 ||
		    name_rows(&ub, ubp, q->user_ids, 0, r, &uf, err) < 0 ||
		    name_rows(&ib, ibp, q->item_ids, 1, r, &itf, err) < 0)
			goto fail;
		if (ub.n != uf.n || ib.n != itf.n) {
			int u = ub.n != uf.n;
			ll_fail(err, "import: %s has %d biases, %s %d rows of factors", u ? ubp : ibp,
				u ? ub.n : ib.n, u ? up : ip, u ? uf.n : itf.n);
			goto fail;
		}
		/* The global mean: the biases' "(global mean)" rows (the same in
		 * both), else the one given. */
		if (ub.has_mean && ib.has_mean && ub.mean != ib.mean) {
			ll_fail(err, "import: the global mean is %.17g in %s, %.17g in %s", ub.mean, ubp,
				ib.mean, ibp);
			goto fail;
		}
		int has_mu = ub.has_mean || ib.has_mean;
		mu = ub.has_mean ? ub.mean : ib.mean;
		if (has_mu && q->has_mean && q->mean != mu) {
			ll_fail(err, "import: the biases' global mean is %.17g, not the %.17g given", mu,
				q->mean);
			goto fail;
		}
		if (!has_mu && !q->has_mean) {
			ll_fail(err, "import: %s and %s hold no global mean (.npy files): give it "
				"(the '(global mean)' row of export user-biases as csv)", ubp, ibp);
			goto fail;
		}
		if (!has_mu)
			mu = q->mean;
		bu = malloc((size_t)uf.n * sizeof *bu);
		bi = malloc((size_t)itf.n * sizeof *bi);
		if (!bu || !bi) {
			ll_fail(err, "out of memory");
			goto fail;
		}
		if (place(&ub, ubp, 0, where, uf.n, uat, err) < 0 ||
		    place(&ib, ibp, 1, where, itf.n, iat, err) < 0)
			goto fail;
		scatter(&ub, uat, bu);
		scatter(&ib, iat, bi);
	}
	if (!q->has_scale && !r) {
		ll_fail(err, "import: give the rating scale that predictions are clipped to, or the "
			"data (whose scale it is)");
		goto fail;
	}
	const char *aname = q->algo ? q->algo : biases ? "biased" : "als";
	const algo_alias *alias;
	const algo *row = algo_resolve(aname, &alias);
	opts = q->opts ? params_clone(q->opts) : params_new();
	if (!opts) {
		ll_fail(err, "out of memory");
		goto fail;
	}
	/* ALS adds biases only when asked to: with biases, it is asked. */
	if (biases && row && !strcmp(row->name, "als") && !params_str(opts, "bias|biases", NULL))
		params_set(opts, "bias", "yes");
	if (!(m = model_new(aname, opts, err)))
		goto fail;
	float lo = q->has_scale ? q->lo : ratings_scale_lo(r), hi = q->has_scale ? q->hi : ratings_scale_hi(r);
	if (mf_set_factors(m, uf.n, itf.n, uf.k, P, Q, biases ? &mu : NULL, bu, bi, lo, hi, err) < 0) {
		ll_prefix(err, "import: ");
		model_free(&m);
		goto fail;
	}
	if (ids)
		*ids = names, names = NULL;
fail:
	import_table_free(&uf), import_table_free(&itf);
	import_table_free(&ub), import_table_free(&ib);
	ratings_free(&names);
	params_free(&opts);
	free(uat), free(iat), free(P), free(Q), free(bu), free(bi);
	return m;
}

/* --- the lab command ------------------------------------------------------------- */

static const lab_opt import_opts[] = {
	{ "name", OPT_STR, "imported", N_("the model's name in the session"), NULL },
	{ "algo", OPT_STR, NULL, N_("the model: sgd, biased, als, ials or svd (default: biased with biases, else als)"), NULL },
	{ "user_biases", OPT_STR, NULL, N_("user biases (export user-biases), with item_biases"), NULL },
	{ "item_biases", OPT_STR, NULL, N_("item biases (export item-biases), with user_biases"), NULL },
	{ "user_ids", OPT_STR, NULL, N_("a .npy of users: the ids of its rows (export users; default: the data's order)"), NULL },
	{ "item_ids", OPT_STR, NULL, N_("a .npy of items: the ids of its rows (export items)"), NULL },
	{ "mean", OPT_NUM, NULL, N_("the global mean, for biases from .npy files"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_import(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (!lab_data(l, err))
		return -1;
	import_req q = {
		.user_factors = c->argv[1].text, .item_factors = c->argv[2].text,
		.user_ids = lab_opt_str(c, "user_ids", NULL), .item_ids = lab_opt_str(c, "item_ids", NULL),
		.user_biases = lab_opt_str(c, "user_biases", NULL),
		.item_biases = lab_opt_str(c, "item_biases", NULL),
		.algo = lab_opt_str(c, "algo", NULL), .has_mean = lab_opt_given(c, "mean"),
		.mean = lab_opt_num(c, "mean", 0),
	};
	/* The options that are not import's are the model's (reg=, for fold-in). */
	params *mo = params_new();
	for (int i = 0; mo && i < params_count(c->opts); i++)
		if (!lab_cmd_opt(c->cmd, params_key(c->opts, i)))
			params_set(mo, params_key(c->opts, i), params_value(c->opts, i));
	if (!mo)
		return ll_fail(err, "out of memory");
	q.opts = mo;
	model *m = import_model(&q, l->data, NULL, err);
	params_free(&mo);
	if (!m)
		return -1;
	const char *name = lab_opt_str(c, "name", "imported");
	char msg[900];
	snprintf(msg, sizeof msg, _("Imported %d users and %d items (k=%d) from %s and %s as '%s' "
				    "(%s%s), predicting on the scale %g to %g."),
		 model_n_users(m), model_n_items(m), model_k(m), q.user_factors, q.item_factors, name,
		 model_algo(m), q.user_biases ? _(", with biases") : "",
		 ratings_scale_lo(l->data), ratings_scale_hi(l->data));
	if (lab_model_add(l, name, m, 0, err) < 0)
		return -1;
	*out = view_text(NULL, msg);
	return 0;
}

const lab_cmd lab_cmds_import[] = {
	{ "import", "factors USERS ITEMS", 3, 3, { ARG_WORD, ARG_FILE, ARG_FILE }, "factors",
	  import_opts, 1, N_("read factors (and biases) that export wrote back into a model"),
	  N_("import factors USERS ITEMS [name=imported] [algo=als] [user_biases=FILE\n"
	  "  item_biases=FILE] [user_ids=FILE item_ids=FILE] [mean=X] [KEY=VALUE]...\n"
	  "A model from the user and item factors in USERS and ITEMS, as export\n"
	  "user-factors and item-factors write them: CSV or JSON with ids, or .npy,\n"
	  "whose rows are the data's in index order (or are named by user_ids= and\n"
	  "item_ids=, what export users and items write). Each row goes to its\n"
	  "id's index in the data; the files hold the data's users and items, each\n"
	  "once. With biases (export user-biases, item-biases) the model is biased\n"
	  "unless algo= says svd or als; without, als. Other KEY=VALUE options are\n"
	  "the model's (reg= for fold-in). The model becomes the current one:\n"
	  "predict, recommend, similar and place use it as if trained. What export\n"
	  "wrote comes back bit for bit, and so do the predictions.\n"
	  "Example: export user-factors U.csv; export item-factors I.json;\n"
	  "         import factors U.csv I.json name=back algo=sgd"),
	  run_import },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};
