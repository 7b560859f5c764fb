/* cmd_stats.c: `latentlab stats`: summarize a dataset (counts, density,
 * mean, rating histogram, the most-rated items) as text, CSV or JSON. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "engine/core/intl.h"
#include "engine/data/load.h"
#include "engine/data/synth.h"
#include "lab/dataset.h"

int cli_stats(int argc, char **argv);

#define TOP_ITEMS 10
#define MAX_BINS 21

static void usage(FILE *out)
{
	fprintf(out, _("Usage: latentlab stats --data PATH [--format text|csv|json] [--table NAME]\n"
		"Summarize a dataset: users, items, ratings, density, mean rating, the\n"
		"rating histogram and the %d most-rated items.\n"
		"\n"
		"  -d, --data PATH    a dataset folder or ratings file; 'toy' is the bundled\n"
		"                     toy data; a bare name such as 'ml-100k' is also looked\n"
		"                     up in $LATENTLAB_DATA; 'synthetic' or\n"
		"                     'synthetic:users=943,items=1682,ratings=100000,seed=1'\n"
		"                     generates data with a planted latent structure\n"
		"                     (options: users, items, ratings, k, genres, noise, seed)\n"
		"  -f, --format FMT   text (default), csv or json\n"
		"  -t, --table NAME   print one table: summary, histogram or top-items; CSV\n"
		"                     is one table per output (default: summary)\n"
		"  -h, --help         display this help and exit\n"
		"  -V, --version      output version information and exit\n"
		"\n"
		"Formats are detected: ml-100k (u.data), ml-1m (ratings.dat), MovieLens CSV\n"
		"(ratings.csv with a userId,movieId header), the toy layout, or a single\n"
		"file of user,item[,rating[,timestamp]] lines separated by commas, tabs,\n"
		"spaces or '::', gzip-compressed or not; a header's names (userId, movieId,\n"
		"rating, ...) choose the columns, and a user,item log is implicit feedback.\n"
		"PATH - (or /dev/stdin) reads the ratings from standard input.\n"), TOP_ITEMS);
}

static ratings *open_data(const char *arg, ll_error *err)
{
	if (!strncmp(arg, "synthetic", 9) && (arg[9] == '\0' || arg[9] == ':')) {
		synth_opts o;
		synth_defaults(&o);
		if (arg[9] && synth_parse(&o, arg + 10, err) < 0)
			return NULL;
		return synth_generate(&o, err);
	}
	char *path = dataset_resolve(arg, err);
	if (!path)
		return NULL;
	ratings *r = load_path(path, err);
	free(path);
	return r;
}

typedef struct summary {
	int users, items, idle_users;
	size_t n;
	double density, mean, sd;
	int bins;
	double edge[MAX_BINS + 1];  /* bin b holds edge[b] <= v < edge[b+1] */
	char label[MAX_BINS][32];
	size_t count[MAX_BINS];
	int top[TOP_ITEMS], n_top;
	size_t top_n[TOP_ITEMS];
	double top_mean[TOP_ITEMS];
} summary;

/* One bin per scale step when there are few steps, else ten equal bins. */
static void histogram(const ratings *r, summary *s)
{
	float lo = ratings_scale_lo(r), hi = ratings_scale_hi(r), st = ratings_scale_step(r);
	int steps = st > 0 ? (int)lround((hi - lo) / st) + 1 : 0;
	if (steps >= 1 && steps <= MAX_BINS) {
		s->bins = steps;
		for (int b = 0; b < steps; b++) {
			s->edge[b] = lo + (b - 0.5) * st;
			snprintf(s->label[b], sizeof s->label[b], "%g", lo + b * st);
		}
		s->edge[steps] = hi + 0.5 * st;
	} else {
		s->bins = 10;
		double w = hi > lo ? (hi - lo) / 10.0 : 1;
		for (int b = 0; b <= 10; b++)
			s->edge[b] = lo + b * w;
		for (int b = 0; b < 10; b++)
			snprintf(s->label[b], sizeof s->label[b], "%.3g-%.3g",
				 s->edge[b], s->edge[b + 1]);
		s->edge[10] = INFINITY;
	}
	const ll_rating *e = ratings_entries(r);
	for (size_t k = 0; k < s->n; k++) {
		int b = 0;
		while (b + 1 < s->bins && e[k].value >= s->edge[b + 1])
			b++;
		s->count[b]++;
	}
}

static void summarize(const ratings *r, summary *s)
{
	memset(s, 0, sizeof *s);
	s->users = ratings_n_users(r);
	s->items = ratings_n_items(r);
	s->n = ratings_count(r);
	s->density = s->users && s->items ? (double)s->n / ((double)s->users * s->items) : 0;
	s->mean = ratings_mean(r);
	const ll_rating *e = ratings_entries(r);
	double ss = 0;
	for (size_t k = 0; k < s->n; k++)
		ss += (e[k].value - s->mean) * (e[k].value - s->mean);
	s->sd = s->n > 1 ? sqrt(ss / (double)(s->n - 1)) : 0;
	for (int u = 0; u < s->users; u++) {
		const uint32_t *pos;
		s->idle_users += ratings_user_entries(r, u, &pos) == 0;
	}
	histogram(r, s);
	/* Top items by count (ties: the lower index), by insertion. */
	for (int i = 0; i < s->items; i++) {
		const uint32_t *pos;
		size_t c = ratings_item_entries(r, i, &pos);
		if (c == 0)
			continue;
		int at = s->n_top;
		while (at > 0 && s->top_n[at - 1] < c)
			at--;
		if (at >= TOP_ITEMS)
			continue;
		int last = s->n_top < TOP_ITEMS ? s->n_top : TOP_ITEMS - 1;
		for (int j = last; j > at; j--) {
			s->top[j] = s->top[j - 1];
			s->top_n[j] = s->top_n[j - 1];
		}
		s->top[at] = i;
		s->top_n[at] = c;
		if (s->n_top < TOP_ITEMS)
			s->n_top++;
	}
	for (int t = 0; t < s->n_top; t++) {
		const uint32_t *pos;
		size_t c = ratings_item_entries(r, s->top[t], &pos);
		double sum = 0;
		for (size_t k = 0; k < c; k++)
			sum += e[pos[k]].value;
		s->top_mean[t] = sum / (double)c;
	}
}

static fmt_table *summary_table(const ratings *r, const summary *s)
{
	fmt_table *t = fmt_table_new();
	char scale[64];
	snprintf(scale, sizeof scale, "%g..%g step %g", ratings_scale_lo(r),
		 ratings_scale_hi(r), ratings_scale_step(r));
	fmt_table_column(t, "field", 'l');
	fmt_table_column(t, "value", 'l');
	fmt_table_row(t), fmt_table_text(t, "source"), fmt_table_text(t, ratings_source(r));
	fmt_table_row(t), fmt_table_text(t, "users"), fmt_table_int(t, s->users);
	fmt_table_row(t), fmt_table_text(t, "users without ratings"), fmt_table_int(t, s->idle_users);
	fmt_table_row(t), fmt_table_text(t, "items"), fmt_table_int(t, s->items);
	fmt_table_row(t), fmt_table_text(t, "ratings"), fmt_table_int(t, (long)s->n);
	fmt_table_row(t), fmt_table_text(t, "density %"), fmt_table_num(t, 100 * s->density, 3);
	fmt_table_row(t), fmt_table_text(t, "mean rating"), fmt_table_num(t, s->mean, 4);
	fmt_table_row(t), fmt_table_text(t, "rating sd"), fmt_table_num(t, s->sd, 4);
	fmt_table_row(t), fmt_table_text(t, "scale"), fmt_table_text(t, scale);
	if (ratings_implicit(r))
		fmt_table_row(t), fmt_table_text(t, "feedback"),
			fmt_table_text(t, "implicit (user,item pairs, each 1; no ratings)");
	fmt_table_row(t), fmt_table_text(t, "genres"), fmt_table_int(t, ratings_n_genres(r));
	return t;
}

static fmt_table *histogram_table(const summary *s)
{
	fmt_table *t = fmt_table_new();
	fmt_table_column(t, "rating", 'r');
	fmt_table_column(t, "count", 'r');
	fmt_table_column(t, "share %", 'r');
	for (int b = 0; b < s->bins; b++) {
		fmt_table_row(t);
		fmt_table_text(t, s->label[b]);
		fmt_table_int(t, (long)s->count[b]);
		fmt_table_num(t, s->n ? 100.0 * (double)s->count[b] / (double)s->n : 0, 1);
	}
	return t;
}

static fmt_table *top_table(const ratings *r, const summary *s)
{
	fmt_table *t = fmt_table_new();
	fmt_table_column(t, "rank", 'r');
	fmt_table_column(t, "item", 'l');
	fmt_table_column(t, "title", 'l');
	fmt_table_column(t, "ratings", 'r');
	fmt_table_column(t, "mean", 'r');
	for (int k = 0; k < s->n_top; k++) {
		fmt_table_row(t);
		fmt_table_int(t, k + 1);
		fmt_table_text(t, ratings_item_name(r, s->top[k]));
		fmt_table_text(t, ratings_item_title(r, s->top[k]));
		fmt_table_int(t, (long)s->top_n[k]);
		fmt_table_num(t, s->top_mean[k], 2);
	}
	return t;
}

static void print_json(const ratings *r, const summary *s, fmt_table *hist, fmt_table *top)
{
	fmt_json j;
	fmt_json_init(&j, stdout);
	fmt_json_begin_object(&j, NULL);
	fmt_json_string(&j, "source", ratings_source(r));
	fmt_json_int(&j, "users", s->users);
	fmt_json_int(&j, "users_without_ratings", s->idle_users);
	fmt_json_int(&j, "items", s->items);
	fmt_json_int(&j, "ratings", (long)s->n);
	fmt_json_number(&j, "density", s->density);
	fmt_json_number(&j, "mean", s->mean);
	fmt_json_number(&j, "sd", s->sd);
	fmt_json_begin_object(&j, "scale");
	fmt_json_number(&j, "lo", ratings_scale_lo(r));
	fmt_json_number(&j, "hi", ratings_scale_hi(r));
	fmt_json_number(&j, "step", ratings_scale_step(r));
	fmt_json_end_object(&j);
	fmt_json_bool(&j, "implicit", ratings_implicit(r));
	fmt_json_begin_array(&j, "genres");
	for (int g = 0; g < ratings_n_genres(r); g++)
		fmt_json_string(&j, NULL, ratings_genre_name(r, g));
	fmt_json_end_array(&j);
	fmt_json_table(&j, "histogram", hist);
	fmt_json_table(&j, "top_items", top);
	fmt_json_end_object(&j);
	fmt_json_finish(&j);
}

typedef struct sopts {
	const char *data, *format, *table;
} sopts;

static int on_opt(void *ctx, const char *name, const char *v)
{
	sopts *o = ctx;
	*(!strcmp(name, "data") ? &o->data : !strcmp(name, "format") ? &o->format : &o->table) = v;
	return 0;
}

static const cli_opt stats_opts[] = {
	{ "data", 'd', "PATH" }, { "format", 'f', "FMT" }, { "table", 't', "NAME" },
	{ NULL, 0, NULL },
};

static const char *const tables[] = { "summary", "histogram", "top-items" };

int cli_stats(int argc, char **argv)
{
	sopts o = { NULL, "text", NULL };
	int first;
	const cli_spec spec = { "stats", stats_opts, usage, on_opt, &o };
	int prc = cli_parse(&spec, argc, argv, &first);
	if (prc != CLI_GO)
		return prc;
	if (first < argc)
		return cli_usage_error("stats", "unexpected argument '%s'", argv[first]);
	const char *data = o.data, *format = o.format;
	fmt_kind kind;
	if (fmt_parse_kind(format, &kind) < 0)
		return cli_usage_error("stats", "unknown format '%s' (expected text, csv or json)", format);
	int which = -1; /* all */
	if (o.table) {
		for (int i = 0; i < 3; i++)
			if (!strcmp(o.table, tables[i]))
				which = i;
		if (which < 0)
			return cli_usage_error("stats", "--table is summary, histogram or top-items, not '%s'",
					       o.table);
	} else if (kind == FMT_CSV) {
		which = 0;
	}
	if (!data)
		return cli_usage_error("stats", "%s", "missing --data PATH (try --data toy)");
	ll_error err = { "" };
	ratings *r = open_data(data, &err);
	if (!r) {
		/* A missing MovieLens release: the message says how to get it. */
		fprintf(stderr, "latentlab stats: %s\n", err.msg);
		return CLI_FAIL;
	}
	summary *s = malloc(sizeof *s);
	if (!s) {
		ratings_free(&r);
		fprintf(stderr, "latentlab stats: out of memory\n");
		return CLI_FAIL;
	}
	summarize(r, s);
	fmt_table *sum = summary_table(r, s), *hist = histogram_table(s), *top = top_table(r, s);
	int rc = CLI_OK;
	if (!sum || !hist || !top) {
		fprintf(stderr, "latentlab stats: out of memory\n");
		rc = CLI_FAIL;
	} else if (which >= 0) {
		fmt_table *one = which == 0 ? sum : which == 1 ? hist : top;
		if (kind == FMT_JSON) {
			fmt_json j;
			fmt_json_init(&j, stdout);
			fmt_json_table(&j, NULL, one);
			fmt_json_finish(&j);
		} else {
			fmt_table_print(one, kind, stdout);
		}
	} else if (kind == FMT_JSON) {
		print_json(r, s, hist, top);
	} else {
		fmt_table_print(sum, kind, stdout);
		/* The headings between the tables: the reader's words in text. */
		printf("\n%s\n", kind == FMT_TEXT ? _("Ratings") : "Ratings");
		fmt_table_print(hist, kind, stdout);
		printf("\n%s\n", kind == FMT_TEXT ? _("Most-rated items") : "Most-rated items");
		fmt_table_print(top, kind, stdout);
	}
	fmt_table_free(&sum);
	fmt_table_free(&hist);
	fmt_table_free(&top);
	free(s);
	ratings_free(&r);
	return rc;
}
