/* progress_store.c: how far each lesson was followed and how its quizzes
 * went, kept between runs in paths_state_dir()/progress as lines of
 * "name<TAB>furthest step<TAB>steps<TAB>asked<TAB>right", the last two
 * bit sets of the steps whose quiz was answered (right), in hexadecimal;
 * a file of older "name<TAB>step<TAB>steps" lines reads as no answers. It
 * is rewritten atomically so a crash never leaves half a file. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/atomic.h"
#include "lab/paths.h"
#include "tui/progress_store.h"

typedef struct pentry {
	char *name;
	int reached, steps;
	uint64_t asked, right; /* bit i: step i's quiz answered (right) */
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
	e[p->n].asked = e[p->n].right = 0;
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
		uint64_t asked = 0, right = 0;
		int got = tab ? sscanf(tab + 1, "%d\t%d\t%" SCNx64 "\t%" SCNx64, &reached, &steps, &asked, &right) : 0;
		if (got < 2)
			continue; /* a line we do not understand is skipped, not fatal */
		if (got < 4)
			asked = right = 0;
		*tab = 0;
		if (!add(p, line, reached, steps)) {
			p->e[p->n - 1].asked = asked;
			p->e[p->n - 1].right = right & asked;
		}
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

static pentry *find(const pstore *p, const char *lesson);

int pstore_get(const pstore *p, const char *lesson, int *reached, int *steps)
{
	const pentry *e = find(p, lesson);
	*reached = e ? e->reached : -1;
	*steps = e ? e->steps : 0;
	return e ? 0 : -1;
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
		fprintf(a.f, "%s\t%d\t%d\t%" PRIx64 "\t%" PRIx64 "\n", p->e[i].name, p->e[i].reached,
			p->e[i].steps, p->e[i].asked, p->e[i].right);
	return ll_atomic_commit(&a, &err);
}

static pentry *find(const pstore *p, const char *lesson)
{
	for (int i = 0; p && i < p->n; i++)
		if (!strcmp(p->e[i].name, lesson))
			return &p->e[i];
	return NULL;
}

int pstore_set(pstore *p, const char *lesson, int step, int steps)
{
	if (!p || strchr(lesson, '\t') || strchr(lesson, '\n'))
		return -1;
	pentry *e = find(p, lesson);
	if (e) {
		if (step <= e->reached && steps == e->steps)
			return 0; /* nothing new: no write */
		/* A lesson whose steps changed is counted afresh. */
		if (steps != e->steps)
			e->asked = e->right = 0;
		if (step > e->reached || steps != e->steps)
			e->reached = step;
		e->steps = steps;
		return save(p);
	}
	if (add(p, lesson, step, steps))
		return -1;
	return save(p);
}

int pstore_quiz(pstore *p, const char *lesson, int step, int steps, int right)
{
	if (!p || step < 0 || step >= PSTORE_MAX_STEPS || strchr(lesson, '\t') || strchr(lesson, '\n'))
		return -1;
	pentry *e = find(p, lesson);
	if (!e) {
		if (add(p, lesson, step, steps))
			return -1;
		e = &p->e[p->n - 1];
	} else if (steps != e->steps) {
		e->asked = e->right = 0;
		e->steps = steps;
		if (e->reached >= steps)
			e->reached = step;
	}
	uint64_t bit = (uint64_t)1 << step;
	if (e->asked & bit)
		return 0; /* the first answer counts */
	e->asked |= bit;
	if (right)
		e->right |= bit;
	return save(p);
}

static int bits(uint64_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

void pstore_score(const pstore *p, const char *lesson, int *right, int *asked)
{
	const pentry *e = find(p, lesson);
	*right = e ? bits(e->right) : 0;
	*asked = e ? bits(e->asked) : 0;
}
