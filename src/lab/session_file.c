/* session_file.c: save and open a session.
 *
 * A session file is a text header of lines that rebuild the data (the
 * command that loaded or generated it, then the ratings added or removed by
 * hand and the movies added, in order, then the split), the settings, and
 * then each model embedded in the engine's own model format (model_write).
 * Replaying commands, rather than copying the ratings, keeps MovieLens out
 * of session files and keeps them small; the models are stored whole, so
 * they come back exactly. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "engine/core/atomic.h"
#include "engine/core/fileio.h"
#include "lab/lab_impl.h"
#include "lab/parse.h"

#define SESSION_MAGIC "latentlab-session"
#define SESSION_VERSION 1

int lab_session_save(lab *l, const char *path, char *skipped, size_t size, ll_error *err)
{
	if (size)
		skipped[0] = '\0';
	size_t slen = 0;
	ll_atomic a;
	if (ll_atomic_open(&a, path, err) < 0)
		return -1;
	FILE *f = a.f;
	fprintf(f, "%s %d\n", SESSION_MAGIC, SESSION_VERSION);
	fprintf(f, "seed %lu\n", l->seed);
	fprintf(f, "format %s\n", l->fmt);
	fprintf(f, "rows %d\n", l->rows);
	if (l->data_cmd)
		fprintf(f, "data %s\n", l->data_cmd);
	for (int i = 0; i < l->n_edits; i++)
		fprintf(f, "edit %s\n", l->edits[i]);
	if (l->split_cmd)
		fprintf(f, "split %s\n", l->split_cmd);
	int cur_saved = 0;
	for (int i = 0; i < l->n_models; i++) {
		/* Into memory first: a model that cannot be saved (neighbour
		 * models keep no file format) is left out, not half written. */
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);
		ll_error e;
		int rc = m ? model_write(l->models[i].m, m, &e) : ll_fail(&e, "out of memory");
		if (m)
			fclose(m);
		if (rc < 0) {
			free(buf);
			if (slen < size)
				slen += (size_t)snprintf(skipped + slen, size - slen, "%s%s", slen ? ", " : "",
							 l->models[i].name);
			continue;
		}
		char *q = lab_quote(l->models[i].name);
		fprintf(f, "model %s %d\n", q ? q : l->models[i].name, l->models[i].on_split);
		free(q);
		fwrite(buf, 1, len, f);
		free(buf);
		fputc('\n', f);
		cur_saved |= i == l->cur;
	}
	if (l->cur >= 0 && cur_saved) {
		char *q = lab_quote(l->models[l->cur].name);
		fprintf(f, "current %s\n", q ? q : "");
		free(q);
	}
	fprintf(f, "end\n");
	if (ferror(f)) {
		ll_atomic_abort(&a);
		return ll_fail(err, "%s: write failed", path);
	}
	return ll_atomic_commit(&a, err);
}

/* One header line without its newline into *buf (grown as needed): 1, 0 at
 * the end of the file, -1 for a line longer than SESSION_LINE_MAX. */
#define SESSION_LINE_MAX ((size_t)1 << 20)
static int read_line(FILE *f, char **buf, size_t *cap)
{
	ssize_t n = getline(buf, cap, f);
	if (n < 0)
		return 0;
	if ((size_t)n > SESSION_LINE_MAX)
		return -1;
	if (n && (*buf)[n - 1] == '\n')
		(*buf)[--n] = '\0';
	return 1;
}

static int replay(lab *t, const char *path, int line, const char *cmd, ll_error *err)
{
	view *v = NULL;
	ll_error e;
	int rc = lab_exec(t, cmd, &v, &e);
	view_free(&v);
	if (rc < 0)
		return ll_fail(err, "%s:%d: %s", path, line, e.msg);
	return 0;
}

int lab_session_open(lab *l, const char *path, ll_error *err)
{
	/* A regular file of bounded size: a FIFO or /dev/zero is refused. */
	FILE *f = ll_fopen_regular(path, LL_SESSION_MAX, NULL, err);
	if (!f)
		return -1;
	lab *t = lab_new();
	if (!t) {
		fclose(f);
		return ll_fail(err, "out of memory");
	}
	char *buf = NULL;
	size_t cap = 0;
	int line = 1, rc = 0, ended = 0, got;
	int version;
	char magic[32];
	if (read_line(f, &buf, &cap) != 1 || sscanf(buf, "%31s %d", magic, &version) != 2 ||
	    strcmp(magic, SESSION_MAGIC) != 0) {
		rc = ll_fail(err, "%s: not a latentlab session file (it should start with '%s %d')",
			     path, SESSION_MAGIC, SESSION_VERSION);
	} else if (version != SESSION_VERSION) {
		rc = ll_fail(err, "%s: session format %d, but this latentlab reads format %d", path,
			     version, SESSION_VERSION);
	}
	char *current = NULL;
	while (rc == 0 && (got = read_line(f, &buf, &cap)) != 0) {
		line++;
		if (got < 0) {
			rc = ll_fail(err, "%s:%d: a line longer than %zu bytes", path, line, SESSION_LINE_MAX);
			break;
		}
		char *arg = strchr(buf, ' ');
		if (arg)
			*arg++ = '\0';
		else
			arg = buf + strlen(buf);
		if (!strcmp(buf, "end")) {
			ended = 1;
			break;
		} else if (!strcmp(buf, "seed")) {
			char *end;
			errno = 0;
			t->seed = strtoul(arg, &end, 10);
			if (!*arg || *end || *arg == '-' || errno || t->seed > INT_MAX)
				rc = ll_fail(err, "%s:%d: bad seed '%.40s' (seeds are from 0 to %d)", path, line,
					     arg, INT_MAX);
		} else if (!strcmp(buf, "format")) {
			char probe[64];
			if (strlen(arg) >= sizeof t->fmt || lab_format_num(probe, sizeof probe, arg, 1) < 0)
				rc = ll_fail(err, "%s:%d: bad format '%s'", path, line, arg);
			else
				strcpy(t->fmt, arg);
		} else if (!strcmp(buf, "rows")) {
			char *end;
			long r = strtol(arg, &end, 10);
			if (!*arg || *end || r < 1 || r > 100000)
				rc = ll_fail(err, "%s:%d: bad rows '%.40s' (from 1 to 100000)", path, line, arg);
			else
				t->rows = (int)r;
		} else if (!strcmp(buf, "data")) {
			if (strncmp(arg, "load ", 5) && strncmp(arg, "generate ", 9))
				rc = ll_fail(err, "%s:%d: data must come from load or generate", path, line);
			else
				rc = replay(t, path, line, arg, err);
		} else if (!strcmp(buf, "edit")) {
			if (strncmp(arg, "rate ", 5) && strncmp(arg, "unrate ", 7) &&
			    strncmp(arg, "additem ", 8))
				rc = ll_fail(err, "%s:%d: an edit must be rate, unrate or additem", path,
					     line);
			else
				rc = replay(t, path, line, arg, err);
		} else if (!strcmp(buf, "split")) {
			if (strncmp(arg, "split ", 6))
				rc = ll_fail(err, "%s:%d: bad split line", path, line);
			else
				rc = replay(t, path, line, arg, err);
		} else if (!strcmp(buf, "model")) {
			lab_words w;
			int on_split;
			if (lab_parse(arg, &w, NULL, NULL) < 0 || w.n != 2 ||
			    sscanf(w.w[1].text, "%d", &on_split) != 1) {
				if (w.n >= 0)
					lab_words_clear(&w);
				rc = ll_fail(err, "%s:%d: bad model line", path, line);
				break;
			}
			char where[600];
			snprintf(where, sizeof where, "%s:%d: model '%.200s'", path, line, w.w[0].text);
			model *m = model_read(f, where, err);
			if (!m) {
				lab_words_clear(&w);
				rc = -1;
				break;
			}
			if (!t->data || model_n_users(m) > ratings_n_users(t->data) ||
			    model_n_items(m) > ratings_n_items(t->data)) {
				rc = ll_fail(err, "%s: model '%s' does not fit the session's data", path,
					     w.w[0].text);
				model_free(&m);
				lab_words_clear(&w);
				break;
			}
			if (on_split && lab_test_set(t))
				model_set_validation(m, lab_test_set(t));
			rc = lab_model_add(t, w.w[0].text, m, on_split, err);
			lab_words_clear(&w);
			/* The model's bytes end where model_read stopped; skip our newline. */
			int ch = fgetc(f);
			if (ch != '\n' && ch != EOF)
				ungetc(ch, f);
		} else if (!strcmp(buf, "current")) {
			lab_words w;
			if (lab_parse(arg, &w, NULL, NULL) == 0) {
				if (w.n == 1) {
					free(current);
					current = strdup(w.w[0].text);
				}
				lab_words_clear(&w);
			}
		} else {
			rc = ll_fail(err, "%s:%d: unknown line '%.40s' (the file is corrupt or from a "
				     "newer latentlab)", path, line, buf);
		}
	}
	if (rc == 0 && ferror(f))
		rc = ll_fail(err, "%s: read error", path);
	if (rc == 0 && !ended)
		rc = ll_fail(err, "%s: truncated session file (no 'end' line)", path);
	fclose(f);
	free(buf);
	if (rc == 0 && current) {
		lab_model *m = lab_model_find(t, current);
		if (m)
			t->cur = (int)(m - t->models);
	}
	free(current);
	if (rc == 0)
		lab_take(l, t);
	lab_free(&t);
	return rc;
}
