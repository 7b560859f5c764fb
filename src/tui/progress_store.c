/* progress_store.c: how far each lesson was followed, kept between runs in
 * paths_state_dir()/progress as "name<TAB>furthest step<TAB>steps" lines,
 * rewritten atomically so a crash never leaves half a file. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/atomic.h"
#include "lab/paths.h"
#include "tui/progress_store.h"

typedef struct pentry {
	char *name;
	int reached, steps;
} pentry;

struct pstore {
	char *file;   /* NULL: no state folder, progress kept in memory only */
	int n;
	pentry *e;
};

static int add(pstore *p, const char *name, int reached, int steps)
{
	pentry *e = realloc(p->e, (p->n + 1) * sizeof *e);
	if (!e)
		return -1;
	p->e = e;
	e[p->n].name = strdup(name);
	if (!e[p->n].name)
		return -1;
	e[p->n].reached = reached;
	e[p->n].steps = steps;
	p->n++;
	return 0;
}

pstore *pstore_load(void)
{
	pstore *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	char *dir = paths_state_dir();
	if (dir) {
		size_t n = strlen(dir) + 16;
		p->file = malloc(n);
		if (p->file)
			snprintf(p->file, n, "%s/progress", dir);
		free(dir);
	}
	FILE *f = p->file ? fopen(p->file, "r") : NULL;
	if (!f)
		return p;
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		char *tab = strchr(line, '\t');
		int reached, steps;
		if (!tab || sscanf(tab + 1, "%d\t%d", &reached, &steps) != 2)
			continue; /* a line we do not understand is skipped, not fatal */
		*tab = 0;
		add(p, line, reached, steps);
	}
	fclose(f);
	return p;
}

void pstore_free(pstore **p)
{
	if (!p || !*p)
		return;
	for (int i = 0; i < (*p)->n; i++)
		free((*p)->e[i].name);
	free((*p)->e);
	free((*p)->file);
	free(*p);
	*p = NULL;
}

int pstore_get(const pstore *p, const char *lesson, int *reached, int *steps)
{
	for (int i = 0; p && i < p->n; i++)
		if (!strcmp(p->e[i].name, lesson)) {
			*reached = p->e[i].reached;
			*steps = p->e[i].steps;
			return 0;
		}
	*reached = -1;
	*steps = 0;
	return -1;
}

static int save(const pstore *p)
{
	if (!p->file)
		return 0;
	ll_atomic a;
	ll_error err;
	if (ll_atomic_open(&a, p->file, &err))
		return -1;
	for (int i = 0; i < p->n; i++)
		fprintf(a.f, "%s\t%d\t%d\n", p->e[i].name, p->e[i].reached, p->e[i].steps);
	return ll_atomic_commit(&a, &err);
}

int pstore_set(pstore *p, const char *lesson, int step, int steps)
{
	if (!p || strchr(lesson, '\t') || strchr(lesson, '\n'))
		return -1;
	for (int i = 0; i < p->n; i++)
		if (!strcmp(p->e[i].name, lesson)) {
			if (step <= p->e[i].reached && steps == p->e[i].steps)
				return 0; /* nothing new: no write */
			/* A lesson whose steps changed is counted afresh. */
			if (step > p->e[i].reached || steps != p->e[i].steps)
				p->e[i].reached = step;
			p->e[i].steps = steps;
			return save(p);
		}
	if (add(p, lesson, step, steps))
		return -1;
	return save(p);
}
