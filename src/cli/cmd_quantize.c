/* cmd_quantize.c: `latentlab quantize`: what storing a model's factors in
 * fewer bits does to its answers, and fewer bits against fewer dimensions
 * at equal bytes. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "cli/nbcli.h"
#include "engine/core/intl.h"
#include "engine/vectors/quant.h"
#include "engine/vectors/quant_eval.h"
#include "engine/data/load.h"
#include "engine/data/split.h"
#include "lab/split_words.h"
#include "lab/view/uwidth.h"

int cli_quantize(int argc, char **argv);

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab quantize --data PATH [OPTION]... [KEY=VALUE]...\n"
		"Train a factor model, store its user and item factors as fp16, int8, int4\n"
		"and int2 (per row scale and offset, asymmetric and symmetric), and measure\n"
		"what each precision costs: RMSE, MAE, HR@K, NDCG@K (full item set, test\n"
		"ratings >= 4 relevant) and the share of each user's float32 top K kept.\n"
		"Then compare fewer dimensions with fewer bits at equal bytes.\n"
		"\n"
		"  -d, --data PATH a dataset folder or file, 'toy', or a name in $LATENTLAB_DATA\n"
		"  -a, --algo NAME a model with factors (default biased)\n"
		"  --folds NAME    the ml-100k fold to test on (default u1 when present)\n"
		"  --holdout F     otherwise a random share F is the test part (default 0.2)\n"
		"  --seed N        seed of the split and the model (default 0)\n"
		"  --k K           cutoff for HR, NDCG and the top-K overlap (default 10)\n"
		"  --dims LIST     dimensions for the compression table (default 2,8,32,128;\n"
		"                  'none' skips it)\n"
		"  --grid ITEM     also print the int4 grid of one item's factors\n"
		"  -f, --format FMT text (default), csv or json\n"
		"  -t, --table NAME print one table: precisions, dims or grid; CSV is one\n"
		"                  table per output (default: precisions)\n"
		"  -h, --help      display this help and exit\n"
		"  -V, --version   output version information and exit\n"
		"KEY=VALUE sets an option of the model (for example k=32 epochs=20).\n"
		"\n"
		"Example: latentlab quantize --data ml-100k --algo biased k=32\n"), out);
}

typedef struct qopts {
	const char *data, *algo, *folds, *grid;
	double holdout;
	unsigned long seed;
	int k, n_dims, dims[16];
	fmt_kind fmt;
	const char *table;
	params *p;
} qopts;

static int on_opt(void *ctx, const char *name, const char *v)
{
	qopts *o = ctx;
	char *end;
	if (!strcmp(name, "data")) {
		o->data = v;
	} else if (!strcmp(name, "algo")) {
		o->algo = v;
	} else if (!strcmp(name, "folds")) {
		o->folds = v;
	} else if (!strcmp(name, "grid")) {
		o->grid = v;
	} else if (!strcmp(name, "holdout")) {
		o->holdout = strtod(v, &end);
		if (end == v || *end || !(o->holdout > 0 && o->holdout < 1))
			return cli_usage_error("quantize", "--holdout needs a fraction between 0 and 1, not '%s'", v);
	} else if (!strcmp(name, "seed")) {
		long s = strtol(v, &end, 10);
		if (end == v || *end || s < 0)
			return cli_usage_error("quantize", "--seed needs a whole number >= 0, not '%s'", v);
		o->seed = (unsigned long)s;
	} else if (!strcmp(name, "k")) {
		long k = strtol(v, &end, 10);
		if (end == v || *end || k < 1 || k > 1000)
			return cli_usage_error("quantize", "--k needs a cutoff from 1 to 1000, not '%s'", v);
		o->k = (int)k;
	} else if (!strcmp(name, "dims")) {
		o->n_dims = !strcmp(v, "none") ? 0 : nbcli_int_list(v, o->dims, 16);
		if (o->n_dims < 0)
			return cli_usage_error("quantize", "--dims needs a list such as 2,8,32,128, not '%s'", v);
	} else if (!strcmp(name, "format")) {
		if (fmt_parse_kind(v, &o->fmt) < 0)
			return cli_usage_error("quantize", "--format is text, csv or json, not '%s'", v);
	} else if (!strcmp(name, "table")) {
		if (strcmp(v, "precisions") && strcmp(v, "dims") && strcmp(v, "grid"))
			return cli_usage_error("quantize", "--table is precisions, dims or grid, not '%s'", v);
		o->table = v;
	}
	return 0;
}

static const cli_opt quantize_opts[] = {
	{ "data", 'd', "DATA" },
	{ "algo", 'a', "ALGO" },
	{ "folds", 0, "FOLDS" },
	{ "grid", 0, "GRID" },
	{ "holdout", 0, "HOLDOUT" },
	{ "seed", 0, "SEED" },
	{ "k", 0, "K" },
	{ "dims", 0, "DIMS" },
	{ "format", 'f', "FORMAT" },
	{ "table", 't', "NAME" },
	{ NULL, 0, NULL },
};

static int parse(int argc, char **argv, qopts *o)
{
	int first;
	const cli_spec spec = { "quantize", quantize_opts, usage, on_opt, o };
	int prc = cli_parse(&spec, argc, argv, &first);
	if (prc != CLI_GO)
		return prc == CLI_OK ? -1 : prc;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (strchr(a, '=')) {
			ll_error err;
			if (params_set_kv(o->p, a, &err) < 0)
				return cli_usage_error("quantize", "%s", err.msg);
		} else
			return cli_usage_error("quantize", "unexpected argument '%s'", a);
	}
	if (!o->data)
		return cli_usage_error("quantize", "%s", "missing --data PATH (try --data toy)");
	if (o->fmt == FMT_CSV && !o->table)
		o->table = "precisions";
	return 0;
}

static split *make_split(const ratings *r, const char *path, const qopts *o, ll_error *err)
{
	struct stat st;
	int dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	if (o->folds || (dir && split_has_movielens_folds(path)))
		return split_movielens(r, path, o->folds ? o->folds : "u1", err);
	return split_holdout(r, o->holdout, o->seed, err);
}

static const struct { quant_prec p; int sym; } rows[] = {
	{ QUANT_F32, 0 }, { QUANT_F16, 0 }, { QUANT_INT8, 0 }, { QUANT_INT8, 1 },
	{ QUANT_INT4, 0 }, { QUANT_INT4, 1 }, { QUANT_INT2, 0 }, { QUANT_INT2, 1 },
};

/* The measures of a precision, as columns (the text table names two of
 * them otherwise) and as one row's cells after its name. */
static void effect_columns(fmt_table *t, const char *max_error, const char *overlap_fmt, int k)
{
	char h[32];
	fmt_table_column(t, "bytes", 'r');
	fmt_table_column(t, "of_f32", 'r');
	fmt_table_column(t, max_error, 'r');
	fmt_table_column(t, "rmse", 'r');
	fmt_table_column(t, "mae", 'r');
	snprintf(h, sizeof h, "hr@%d", k), fmt_table_column(t, h, 'r');
	snprintf(h, sizeof h, "ndcg@%d", k), fmt_table_column(t, h, 'r');
	snprintf(h, sizeof h, overlap_fmt, k), fmt_table_column(t, h, 'r');
}

static void effect_cells(fmt_table *t, const quant_effect *e)
{
	fmt_table_int(t, (long)e->bytes);
	fmt_table_num(t, (double)e->bytes / e->f32_bytes, 3);
	fmt_table_num(t, e->max_error, 4);
	fmt_table_num(t, e->rmse, 4);
	fmt_table_num(t, e->mae, 4);
	fmt_table_num(t, e->hr, 4);
	fmt_table_num(t, e->ndcg, 4);
	fmt_table_num(t, e->overlap, 3);
}

/* The precisions measured, into t under the CSV and JSON names, and into
 * tt for text: precision and scale in one column ("int8 asym"), shorter
 * headings and kept@K for the top-K overlap, so the table fits in 80
 * columns (the legend under it says what they mean). */
static int precision_table(model *m, const split_fold *f, const qopts *o, fmt_table *t,
			   fmt_table *tt)
{
	ll_error err;
	int *ref = quant_reference_topk(m, f->train, o->k, &err);
	if (!ref) {
		fprintf(stderr, "latentlab quantize: %s\n", err.msg);
		return -1;
	}
	fmt_table_column(t, "precision", 'l');
	fmt_table_column(t, "scale", 'l');
	effect_columns(t, "max_error", "top%d_overlap", o->k);
	fmt_table_column(tt, "precision", 'l');
	effect_columns(tt, "max err", "kept@%d", o->k);
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		quant_effect e;
		if (quant_effect_measure(m, f->train, f->test, rows[i].p, rows[i].sym, o->k, 4.0, ref,
					 &e, &err) < 0) {
			fprintf(stderr, "latentlab quantize: %s\n", err.msg);
			free(ref);
			return -1;
		}
		fmt_table_row(t);
		fmt_table_text(t, quant_name(rows[i].p));
		fmt_table_text(t, rows[i].p < QUANT_INT8 ? "-" : rows[i].sym ? "symmetric" : "asymmetric");
		effect_cells(t, &e);
		char name[32];
		snprintf(name, sizeof name, "%s%s", quant_name(rows[i].p),
			 rows[i].p < QUANT_INT8 ? "" : rows[i].sym ? " sym" : " asym");
		fmt_table_row(tt);
		fmt_table_text(tt, name);
		effect_cells(tt, &e);
	}
	free(ref);
	return 0;
}

typedef struct cell {
	int dims;
	quant_prec p;
	double code_bytes, rmse, ndcg;
} cell;

static int by_bytes(const void *a, const void *b)
{
	const cell *x = a, *y = b;
	if (x->code_bytes != y->code_bytes)
		return x->code_bytes < y->code_bytes ? -1 : 1;
	return x->dims - y->dims;
}

/* Fewer dimensions against fewer bits: one model per dimension count, each
 * measured at every precision; rows sorted by the bytes of one vector's
 * codes, so equal budgets sit together. */
static int dims_table(const split_fold *f, const qopts *o, fmt_table *t)
{
	cell cells[16 * QUANT_N];
	int nc = 0;
	ll_error err;
	for (int d = 0; d < o->n_dims; d++) {
		params *p = params_clone(o->p);
		char kbuf[16];
		snprintf(kbuf, sizeof kbuf, "%d", o->dims[d]);
		params_set(p, "k", kbuf);
		model *m = nbcli_fit(o->algo, p, o->seed, f->train, &err);
		params_free(&p);
		if (!m) {
			fprintf(stderr, "latentlab quantize: %s\n", err.msg);
			return -1;
		}
		int *ref = quant_reference_topk(m, f->train, o->k, &err);
		for (int q = QUANT_F32; ref && q <= QUANT_INT2; q++) {
			quant_effect e;
			if (quant_effect_measure(m, f->train, f->test, q, 0, o->k, 4.0, ref, &e, &err) < 0)
				break;
			cells[nc++] = (cell){ o->dims[d], q, o->dims[d] * quant_bits(q) / 8.0, e.rmse, e.ndcg };
		}
		free(ref);
		model_free(&m);
	}
	qsort(cells, (size_t)nc, sizeof *cells, by_bytes);
	char h[32];
	fmt_table_column(t, "bytes_per_vector", 'r');
	fmt_table_column(t, "dims", 'r');
	fmt_table_column(t, "precision", 'l');
	fmt_table_column(t, "rmse", 'r');
	snprintf(h, sizeof h, "ndcg@%d", o->k), fmt_table_column(t, h, 'r');
	for (int i = 0; i < nc; i++) {
		fmt_table_row(t);
		fmt_table_num(t, cells[i].code_bytes, cells[i].code_bytes == floor(cells[i].code_bytes) ? 0 : 2);
		fmt_table_int(t, cells[i].dims);
		fmt_table_text(t, quant_name(cells[i].p));
		fmt_table_num(t, cells[i].rmse, 4);
		fmt_table_num(t, cells[i].ndcg, 4);
	}
	return 0;
}

/* One item's factors on its int4 grid: each value, its code, the level it
 * lands on and the rounding error. */
static int grid_table(model *m, const ratings *r, const char *name, fmt_table *t)
{
	int item = ratings_lookup_item(r, name);
	if (item < 0) {
		fprintf(stderr, "latentlab quantize: no item '%s'\n", name);
		return -1;
	}
	int d = model_k(m);
	const float *x = model_item_factors_const(m) + (size_t)item * d;
	ll_error err;
	qtable *q = quant_encode(x, 1, d, QUANT_INT4, 0, &err);
	if (!q)
		return -1;
	float *back = malloc((size_t)d * sizeof *back);
	quant_decode_row(q, 0, back);
	fmt_table_column(t, "dim", 'r');
	fmt_table_column(t, "value", 'r');
	fmt_table_column(t, "code", 'r');
	fmt_table_column(t, "level", 'r');
	fmt_table_column(t, "error", 'r');
	fmt_table_column(t, "half_step", 'r');
	for (int j = 0; j < d; j++) {
		fmt_table_row(t);
		fmt_table_int(t, j);
		fmt_table_num(t, x[j], 4);
		fmt_table_int(t, quant_code(q, 0, j));
		fmt_table_num(t, back[j], 4);
		fmt_table_num(t, back[j] - x[j], 4);
		fmt_table_num(t, quant_step(q, 0) / 2, 4);
	}
	free(back);
	quant_free(&q);
	return 0;
}

int cli_quantize(int argc, char **argv)
{
	qopts o = { .algo = "biased", .holdout = 0.2, .k = 10, .n_dims = 4,
		    .dims = { 2, 8, 32, 128 }, .fmt = FMT_TEXT };
	o.p = params_new();
	int rc = parse(argc, argv, &o);
	if (rc != 0) {
		params_free(&o.p);
		return rc < 0 ? CLI_OK : rc;
	}
	char *path = NULL;
	ratings *r = nbcli_load("quantize", o.data, &path);
	ll_error err;
	split *s = r ? make_split(r, path, &o, &err) : NULL;
	if (r && !s)
		fprintf(stderr, "latentlab quantize: %s\n", err.msg);
	model *m = NULL;
	if (s) {
		m = nbcli_fit(o.algo, o.p, o.seed, split_get(s, 0)->train, &err);
		if (!m)
			fprintf(stderr, "latentlab quantize: %s\n", err.msg);
		else if (model_k(m) < 1) {
			fprintf(stderr, "latentlab quantize: %s has no latent factors to quantize\n", o.algo);
			model_free(&m);
		}
	}
	rc = CLI_FAIL;
	if (m) {
		const split_fold *f = split_get(s, 0);
		fmt_table *t1 = fmt_table_new(), *t2 = fmt_table_new(), *t3 = fmt_table_new();
		fmt_table *t1_text = fmt_table_new();
		int ok = precision_table(m, f, &o, t1, t1_text) == 0 &&
			(o.n_dims == 0 || dims_table(f, &o, t2) == 0) &&
			(!o.grid || grid_table(m, r, o.grid, t3) == 0);
		if (ok && o.fmt == FMT_JSON) {
			fmt_json j;
			fmt_json_init(&j, stdout);
			fmt_json_begin_object(&j, NULL);
			fmt_json_string(&j, "data", ratings_source(r));
			fmt_json_string(&j, "algo", o.algo);
			fmt_json_string(&j, "split", split_describe(s));
			fmt_json_int(&j, "k", model_k(m));
			fmt_json_table(&j, "precisions", t1);
			if (o.n_dims)
				fmt_json_table(&j, "dims_vs_bits", t2);
			if (o.grid)
				fmt_json_table(&j, "int4_grid", t3);
			fmt_json_end_object(&j);
			fmt_json_finish(&j);
		} else if (ok && o.table) {
			/* One table per output: CSV has no room for a second header. */
			int w = !strcmp(o.table, "precisions") ? 1 : !strcmp(o.table, "dims") ? 2 : 3;
			fmt_table *one = w == 1 ? (o.fmt == FMT_TEXT ? t1_text : t1) : w == 2 ? t2 : t3;
			if ((w == 2 && !o.n_dims) || (w == 3 && !o.grid)) {
				fprintf(stderr, "latentlab quantize: --table %s needs %s\n", o.table,
					w == 2 ? "--dims" : "--grid ITEM");
				ok = 0;
			} else if (o.fmt == FMT_JSON) {
				fmt_json j;
				fmt_json_init(&j, stdout);
				fmt_json_table(&j, NULL, one);
				fmt_json_finish(&j);
			} else {
				fmt_table_print(one, o.fmt, stdout);
			}
		} else if (ok) {
			char sw[64], line[1024];
			int txt = o.fmt == FMT_TEXT;
			if (txt) {
				snprintf(line, sizeof line,
					 _("%s with %d factors on %s (%d users, %d items), tested on %s\n\n"),
					 o.algo, model_k(m), ratings_source(r), ratings_n_users(r),
					 ratings_n_items(r), lab_split_words(s, sw, sizeof sw));
				uw_fwrap(stdout, line, FMT_WIDTH, NULL);
				fmt_table_print(t1_text, o.fmt, stdout);
				snprintf(line, sizeof line,
					 _("asym, sym: a scale and an offset per row, or a scale alone "
					   "(asymmetric, symmetric). kept@%d: the share of each user's "
					   "float32 top %d kept.\n"), o.k, o.k);
				fputc('\n', stdout);
				fmt_reflow(stdout, line, FMT_WIDTH);
			} else {
				fmt_table_print(t1, o.fmt, stdout);
			}
			if (o.n_dims) {
				if (txt)
					fmt_reflow(stdout, _("\nFewer dimensions or fewer bits: the same model at k = each of the\n"
							     "dimensions, every precision; rows with equal bytes per vector\n"
							     "(codes only) spend the same memory.\n\n"), FMT_WIDTH);
				fmt_table_print(t2, o.fmt, stdout);
			}
			if (o.grid) {
				if (txt) {
					snprintf(line, sizeof line,
						 _("\nThe int4 grid of %s: 16 levels from its smallest to its largest\n"
						   "factor; every value moves to the nearest level.\n\n"), o.grid);
					fmt_reflow(stdout, line, FMT_WIDTH);
				}
				fmt_table_print(t3, o.fmt, stdout);
			}
		}
		rc = ok ? CLI_OK : CLI_FAIL;
		fmt_table_free(&t1), fmt_table_free(&t2), fmt_table_free(&t3), fmt_table_free(&t1_text);
	}
	model_free(&m);
	split_free(&s);
	ratings_free(&r);
	free(path);
	params_free(&o.p);
	return rc;
}
