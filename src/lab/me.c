/* me.c: the learner's own ratings, kept across lesson replays and saved
 * per dataset (see me.h). The answers are held by external item id, so a
 * file reopens onto the same movies whatever order the dataset was loaded
 * in; "not seen" answers are kept too, so the survey never asks again. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/core/atomic.h"
#include "engine/core/fileio.h"
#include "engine/core/intl.h"
#include "engine/core/strf.h"
#include "lab/lab_impl.h"
#include "lab/me.h"
#include "lab/paths.h"

/* A bound on an answers file: LAB_ME_MAX lines of an id, a rating, a title. */
#define ME_FILE_MAX ((size_t)LAB_ME_MAX * 512 + 4096)

struct lab_me {
	int keep;
	char *key;              /* the dataset the answers are for, NULL: none yet */
	lab_me_entry *e;
	int n, cap;
	double *script;         /* answers for the next rating step (NAN: not seen) */
	int n_script;
	int has_script;
	/* The open questions: the last survey's picks, valid while n == asked_at. */
	int *pick;
	double *shrink;
	int n_pick, asked_at;
	char title[512], genres[256];
};

static struct lab_me *me_of(lab *l)
{
	if (!l->me) {
		l->me = calloc(1, sizeof *l->me);
		if (l->me)
			l->me->asked_at = -1;
	}
	return l->me;
}

static void clear_entries(struct lab_me *m)
{
	for (int i = 0; i < m->n; i++)
		free(m->e[i].item);
	m->n = 0;
	m->asked_at = -1;
}

void lab_me_free(lab *l)
{
	struct lab_me *m = l->me;
	if (!m)
		return;
	clear_entries(m);
	free(m->e), free(m->key), free(m->script), free(m->pick), free(m->shrink);
	free(m);
	l->me = NULL;
}

void lab_me_keep(lab *l, int keep)
{
	struct lab_me *m = me_of(l);
	if (m)
		m->keep = keep;
}

/* The dataset's name as a file name: its source's last part, with anything
 * but letters, digits, '-', '_' and '.' replaced ("ml-latest-small"). */
static char *dataset_key(const ratings *r)
{
	const char *src = ratings_source(r);
	if (!src || !*src)
		src = "data";
	size_t n = strlen(src);
	while (n > 1 && src[n - 1] == '/')
		n--;
	const char *b = src + n;
	while (b > src && b[-1] != '/')
		b--;
	size_t len = (size_t)(src + n - b);
	if (len > 100)
		len = 100;
	char *k = malloc(len + 1);
	if (!k)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)b[i];
		k[i] = isalnum(c) || c == '-' || c == '_' || c == '.' ? (char)c : '_';
	}
	k[len] = 0;
	if (k[0] == '.')
		k[0] = '_'; /* never a hidden file, never ".." */
	return k;
}

/* The answers file for key, its folder created; NULL with a message. */
static char *file_for(const char *key, int create, ll_error *err)
{
	char *state = paths_state_dir();
	if (!state) {
		ll_fail(err, "no folder for your ratings (set HOME or XDG_STATE_HOME)");
		return NULL;
	}
	char *dir = ll_strf("%s/me", state);
	free(state);
	if (!dir) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	if (create && mkdir(dir, 0700) < 0 && errno != EEXIST) {
		ll_fail(err, "%s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	char *path = ll_strf("%s/%s.tsv", dir, key);
	free(dir);
	if (!path)
		ll_fail(err, "out of memory");
	return path;
}

static int push(struct lab_me *m, const char *item, double value, ll_error *err)
{
	if (m->n >= LAB_ME_MAX)
		return ll_fail(err, "you have given %d answers, the most kept: clear some first",
			       LAB_ME_MAX);
	if (m->n == m->cap) {
		int cap = m->cap ? 2 * m->cap : 32;
		lab_me_entry *e = realloc(m->e, (size_t)cap * sizeof *e);
		if (!e)
			return ll_fail(err, "out of memory");
		m->e = e, m->cap = cap;
	}
	if (!(m->e[m->n].item = strdup(item)))
		return ll_fail(err, "out of memory");
	m->e[m->n++].value = (float)value;
	return 0;
}

/* One line of an answers file: "ID<TAB>RATING|skip[<TAB>title]". */
static int read_line(struct lab_me *m, const char *path, int no, char *s, ll_error *err)
{
	char *tab = strchr(s, '\t');
	if (!tab || tab == s)
		return ll_fail(err, "%s:%d: expected 'movie id<TAB>rating' (or 'skip')", path, no);
	*tab = 0;
	char *v = tab + 1, *end = strchr(v, '\t');
	if (end)
		*end = 0;
	double value;
	if (strcmp(v, "skip") == 0) {
		value = NAN;
	} else {
		char *e;
		errno = 0;
		value = strtod(v, &e);
		if (!*v || *e || errno || !isfinite(value) || value < -1e6 || value > 1e6)
			return ll_fail(err, "%s:%d: '%s' is not a rating (a number, or skip)", path, no, v);
	}
	for (int i = 0; i < m->n; i++)
		if (strcmp(m->e[i].item, s) == 0)
			return ll_fail(err, "%s:%d: movie %s is answered twice", path, no, s);
	return push(m, s, value, err);
}

static int load_file(struct lab_me *m, const char *path, ll_error *err)
{
	struct stat st;
	if (stat(path, &st) < 0 && errno == ENOENT)
		return 0; /* nothing rated yet */
	size_t len;
	char *text = ll_read_file(path, ME_FILE_MAX, &len, err);
	if (!text)
		return -1;
	int no = 0, rc = 0;
	for (char *s = text, *nl; rc == 0 && s < text + len; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(text + len - s));
		if (!nl)
			nl = text + len;
		*nl = 0;
		no++;
		if (nl > s && nl[-1] == '\r')
			nl[-1] = 0;
		if (*s && *s != '#')
			rc = read_line(m, path, no, s, err);
	}
	free(text);
	if (rc < 0)
		clear_entries(m);
	return rc;
}

static int save(lab *l, struct lab_me *m, ll_error *err)
{
	if (!m->keep || !m->key)
		return 0;
	char *path = file_for(m->key, 1, err);
	if (!path)
		return -1;
	ll_atomic a;
	if (ll_atomic_open(&a, path, err) < 0) {
		free(path);
		return -1;
	}
	fprintf(a.f, "# latentlab: your ratings on %s, in the order given (movie id, rating or "
		"skip, title)\n", m->key);
	for (int i = 0; i < m->n; i++) {
		int it = l->data ? ratings_find_item(l->data, m->e[i].item) : -1;
		const char *title = it >= 0 ? ratings_item_title(l->data, it) : "";
		if (isnan(m->e[i].value))
			fprintf(a.f, "%s\tskip\t%s\n", m->e[i].item, title);
		else
			fprintf(a.f, "%s\t%.9g\t%s\n", m->e[i].item, (double)m->e[i].value, title);
	}
	free(path);
	return ll_atomic_commit(&a, err);
}

int lab_me_sync(lab *l, ll_error *err)
{
	struct lab_me *m = me_of(l);
	if (!m)
		return ll_fail(err, "out of memory");
	if (!l->data)
		return ll_fail(err, "load a dataset first");
	char *key = dataset_key(l->data);
	if (!key)
		return ll_fail(err, "out of memory");
	if (m->key && strcmp(m->key, key) == 0) {
		free(key);
		return 0;
	}
	clear_entries(m);
	free(m->key);
	m->key = key;
	if (!m->keep)
		return 0;
	char *path = file_for(key, 0, err);
	if (!path)
		return -1;
	int rc = load_file(m, path, err);
	if (rc < 0) {
		/* Never overwrite a file we could not read: stop saving. */
		m->keep = 0;
		ll_prefix(err, "your saved ratings were not read (and will not be overwritten): ");
	}
	free(path);
	return rc;
}

int lab_me_entries(lab *l, const lab_me_entry **e)
{
	struct lab_me *m = me_of(l);
	*e = m ? m->e : NULL;
	return m ? m->n : 0;
}

int lab_me_push(lab *l, const char *item, double value, ll_error *err)
{
	struct lab_me *m = me_of(l);
	if (!m)
		return ll_fail(err, "out of memory");
	if (push(m, item, value, err) < 0)
		return -1;
	return save(l, m, err);
}

int lab_me_take_script(lab *l, double **answers)
{
	struct lab_me *m = me_of(l);
	if (!m || !m->has_script)
		return -1;
	*answers = m->script;
	int n = m->n_script;
	m->script = NULL, m->n_script = 0, m->has_script = 0;
	clear_entries(m);
	return n;
}

void lab_me_set_questions(lab *l, const int *items, const double *shrink, int n)
{
	struct lab_me *m = me_of(l);
	if (!m)
		return;
	free(m->pick), free(m->shrink);
	m->pick = n > 0 ? malloc((size_t)n * sizeof *m->pick) : NULL;
	m->shrink = n > 0 ? malloc((size_t)n * sizeof *m->shrink) : NULL;
	m->n_pick = m->pick && m->shrink ? n : 0;
	for (int i = 0; i < m->n_pick; i++)
		m->pick[i] = items[i], m->shrink[i] = shrink[i];
	m->asked_at = m->n;
}

/* ---- what front ends call ---- */

static int add_script(struct lab_me *m, const char *word, const char *where, int no, ll_error *err)
{
	double v;
	if (strcmp(word, "s") == 0 || strcmp(word, "skip") == 0) {
		v = NAN;
	} else {
		char *e;
		errno = 0;
		v = strtod(word, &e);
		if (*e || errno || !isfinite(v))
			return where ? ll_fail(err, "%s:%d: '%s' is not an answer (a rating, or s for not "
					       "seen)", where, no, word)
				     : ll_fail(err, "answer %d, '%s', is not a rating (or s for not seen)",
					       no, word);
	}
	if (m->n_script >= LAB_ME_MAX)
		return ll_fail(err, "more than %d answers", LAB_ME_MAX);
	double *s = realloc(m->script, ((size_t)m->n_script + 1) * sizeof *s);
	if (!s)
		return ll_fail(err, "out of memory");
	m->script = s;
	m->script[m->n_script++] = v;
	return 0;
}

static int script_text(lab *l, const char *text, const char *where, ll_error *err)
{
	struct lab_me *m = me_of(l);
	if (!m)
		return ll_fail(err, "out of memory");
	free(m->script);
	m->script = NULL, m->n_script = 0, m->has_script = 1;
	int no = 0, line = 1;
	for (const char *s = text; *s;) {
		if (*s == '\n')
			line++;
		if (*s == '#') { /* a comment to the end of the line */
			s += strcspn(s, "\n");
			continue;
		}
		size_t n = strcspn(s, ", \t\r\n");
		if (n == 0) {
			s++;
			continue;
		}
		char word[64];
		if (n >= sizeof word)
			return where ? ll_fail(err, "%s:%d: an answer is a rating or s", where, line)
				     : ll_fail(err, "answer %d is too long: a rating or s", no + 1);
		memcpy(word, s, n);
		word[n] = 0;
		no++;
		if (add_script(m, word, where, where ? line : no, err) < 0)
			return -1;
		s += n;
	}
	return 0;
}

int lab_me_script(lab *l, const char *answers, ll_error *err)
{
	return script_text(l, answers, NULL, err);
}

int lab_me_script_file(lab *l, const char *path, ll_error *err)
{
	size_t len;
	char *text = ll_read_file(path, ME_FILE_MAX, &len, err);
	if (!text)
		return -1;
	if (memchr(text, 0, len)) {
		free(text);
		return ll_fail(err, "%s: not a text file", path);
	}
	int rc = script_text(l, text, path, err);
	free(text);
	return rc;
}

int lab_me_next(lab *l, lab_me_question *q)
{
	struct lab_me *m = l->me;
	if (!m || !l->data || m->asked_at != m->n || m->n_pick < 1)
		return 0;
	int it = m->pick[0];
	if (it < 0 || it >= ratings_n_items(l->data))
		return 0;
	snprintf(m->title, sizeof m->title, "%s", ratings_item_title(l->data, it));
	m->genres[0] = 0;
	uint32_t g = ratings_item_genres(l->data, it);
	for (int b = 0; b < ratings_n_genres(l->data); b++)
		if (g & (1u << b)) {
			size_t n = strlen(m->genres);
			snprintf(m->genres + n, sizeof m->genres - n, "%s%s", n ? ", " : "",
				 ratings_genre_name(l->data, b));
		}
	const uint32_t *pos;
	q->title = m->title;
	q->genres = m->genres;
	q->ratings = (int)ratings_item_entries(l->data, it, &pos);
	q->shrink = m->shrink[0];
	q->number = m->n + 1;
	q->total = m->n + m->n_pick;
	q->lo = ratings_scale_lo(l->data);
	q->hi = ratings_scale_hi(l->data);
	q->step = ratings_scale_step(l->data);
	return 1;
}

int lab_me_answer(lab *l, double value, ll_error *err)
{
	struct lab_me *m = l->me;
	if (!m || !l->data || m->asked_at != m->n || m->n_pick < 1)
		return ll_fail(err, "no movie is waiting for your rating");
	if (!isnan(value) && (value < ratings_scale_lo(l->data) || value > ratings_scale_hi(l->data)))
		return ll_fail(err, "%g is off the scale (%g to %g)", value,
			       (double)ratings_scale_lo(l->data), (double)ratings_scale_hi(l->data));
	return lab_me_push(l, ratings_item_name(l->data, m->pick[0]), value, err);
}

int lab_me_undo(lab *l, ll_error *err)
{
	struct lab_me *m = l->me;
	if (!m || m->n == 0)
		return ll_fail(err, "no answer to take back");
	free(m->e[--m->n].item);
	m->asked_at = -1;
	return save(l, m, err);
}

int lab_me_clear(lab *l, ll_error *err)
{
	struct lab_me *m = me_of(l);
	if (!m)
		return ll_fail(err, "out of memory");
	clear_entries(m);
	return save(l, m, err);
}

int lab_me_count(const lab *l, int *rated)
{
	const struct lab_me *m = l->me;
	int r = 0;
	for (int i = 0; m && i < m->n; i++)
		r += !isnan(m->e[i].value);
	if (rated)
		*rated = r;
	return m ? m->n : 0;
}
