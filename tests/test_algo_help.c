/* test_algo_help.c: `help ALGO` is built from what each constructor reads
 * (params_record), so for every algorithm of the table: every option its
 * completion list names is shown and described, every default shown is one
 * the algorithm accepts when given back, and recording does not change what
 * the getters return. The lab's `help ALGO` and its completion come from
 * the same place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/model/model_impl.h"
#include "lab/lab.h"
#include "lab/view/uwidth.h"
#include "lab/view/view_text.h"

static int shown(const algo_option *o, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(o[i].name, name))
			return 1;
	return 0;
}

static void one_algorithm(const algo *a)
{
	ll_error err = { "" };
	int n;
	algo_option *o = algo_options(a, &n, &err);
	CHECK(o != NULL);
	if (!o) {
		fprintf(stderr, "%s: %s\n", a->name, err.msg);
		return;
	}
	/* Every option completion offers is shown. */
	for (const char *s = a->params; *s;) {
		size_t l = strcspn(s, "|");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)l, s);
		if (!shown(o, n, name))
			fprintf(stderr, "%s: '%s' is not in help\n", a->name, name);
		CHECK(shown(o, n, name));
		s += l + (s[l] == '|');
	}
	/* Every option has a meaning; one the constructor does not read is
	 * one the table names for a reason its meaning gives. */
	params *defaults = params_new();
	for (int i = 0; i < n; i++) {
		if (!o[i].meaning)
			fprintf(stderr, "%s: option '%s' has no meaning\n", a->name, o[i].name);
		CHECK(o[i].meaning != NULL);
		if (o[i].read && o[i].def[0])
			params_set(defaults, o[i].name, o[i].def);
	}
	/* The defaults shown, given back, are accepted (model_new finishes the
	 * options: each is read and each value parses). */
	ll_error e2 = { "" };
	model *m = model_new(a->name, defaults, &e2);
	if (!m)
		fprintf(stderr, "%s with its shown defaults: %s\n", a->name, e2.msg);
	CHECK(m != NULL);
	model_free(&m);
	params_free(&defaults);

	algo_options_free(&o, n);
	CHECK(o == NULL);
}

/* The lab's help for a name, drawn width columns wide: its text, or NULL. */
static char *help_text(lab *l, const char *name, int width)
{
	char line[128];
	snprintf(line, sizeof line, "help %s", name);
	view *v = NULL;
	ll_error err = { "" };
	if (lab_exec(l, line, &v, &err) < 0) {
		fprintf(stderr, "%s: %s\n", line, err.msg);
		return NULL;
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	view_render_text_all(v, f, width, 1);
	fclose(f);
	view_free(&v);
	return buf;
}

int main(void)
{
	int n;
	const algo *t = algo_table(&n);
	CHECK(n > 0);
	for (int i = 0; i < n; i++)
		one_algorithm(&t[i]);

	/* Recording is off by default: a plain list keeps no uses. */
	params *p = params_new();
	params_long(p, "k", 2);
	CHECK(params_recorded(p) == 0);
	params_record(p);
	CHECK(params_long(p, "k|rank", 2) == 2);
	CHECK(params_choice(p, "penalty", "l2|l1", 1) == 1);
	CHECK(params_recorded(p) == 2);
	CHECK_STR(params_recorded_at(p, 0)->names, "k|rank");
	CHECK_STR(params_recorded_at(p, 0)->def, "2");
	CHECK_STR(params_recorded_at(p, 1)->def, "l1");
	CHECK_STR(params_recorded_at(p, 1)->takes, "l2|l1");
	params_free(&p);

	/* The lab: help for every name and alias, completion after help. */
	lab *l = lab_new();
	CHECK(l != NULL);
	int na;
	const algo_alias *al = algo_aliases(&na);
	for (int i = 0; i < n + na; i++) {
		const char *name = i < n ? t[i].name : al[i - n].name;
		char *s = help_text(l, name, 80);
		CHECK(s != NULL);
		if (!s)
			continue;
		char head[80];
		snprintf(head, sizeof head, "%s: ", name);
		CHECK(strstr(s, head) != NULL);
		CHECK(strstr(s, "(not described)") == NULL);
		free(s);
	}
	/* Narrower, as in the TUI's pane: every line fits, and a meaning that
	 * wraps goes on under itself (column 20), not under the option. */
	char *s = help_text(l, "biased", 50);
	CHECK(s != NULL);
	int rows = 0, hanging = 0;
	for (char *line = s ? strtok(s, "\n") : NULL; line; line = strtok(NULL, "\n")) {
		rows++;
		CHECK(uw_width(line) <= 50);
		hanging += strspn(line, " ") == 20;
	}
	CHECK(rows > 20);
	CHECK(hanging > 5);
	free(s);
	char **c = lab_complete(l, "help knn-u", 10);
	int found = 0;
	for (int i = 0; c && c[i]; i++) {
		found |= !strcmp(c[i], "knn-user");
		free(c[i]);
	}
	free(c);
	CHECK(found);
	lab_free(&l);
	return check_done();
}
