/* nbcli.c: helpers of the quantize and ann subcommands (see nbcli.h). */
#include <config.h>

#include "cli/nbcli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/algo.h"
#include "engine/data/load.h"
#include "lab/dataset.h"

char *nbcli_resolve(const char *cmd, const char *arg)
{
	ll_error err;
	char *path = dataset_resolve(arg, &err);
	if (!path)
		fprintf(stderr, "latentlab %s: %s\n", cmd, err.msg);
	return path;
}

ratings *nbcli_load(const char *cmd, const char *arg, char **path_out)
{
	char *path = nbcli_resolve(cmd, arg);
	if (!path)
		return NULL;
	ll_error err;
	ratings *r = load_path(path, &err);
	if (!r)
		fprintf(stderr, "latentlab %s: %s\n", cmd, err.msg);
	if (r && path_out)
		*path_out = path;
	else
		free(path);
	return r;
}

int nbcli_int_list(const char *s, int *out, int max)
{
	int n = 0;
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < 1 || v > 100000000 || n == max)
			return -1;
		out[n++] = (int)v;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return n;
}

model *nbcli_fit(const char *algo, const params *opts, unsigned long seed, const ratings *train,
	ll_error *err)
{
	model *m = NULL;
	if (!params_str((params *)opts, "seed", NULL)) {
		/* Give the seed to models that take one; others refuse it. */
		params *ps = params_clone(opts);
		char sb[24];
		snprintf(sb, sizeof sb, "%lu", seed);
		if (ps && params_set(ps, "seed", sb) == 0)
			m = model_new(algo, ps, err);
		params_free(&ps);
	}
	if (!m) {
		params *p = params_clone(opts);
		m = p ? model_new(algo, p, err) : NULL;
		params_free(&p);
	}
	if (m && model_fit(m, train, err) < 0)
		model_free(&m);
	return m;
}

