/* cli_run.c: `latentlab run FILE|NAME`: play a lesson headless, or run a
 * command script, printing text. Every number comes from the engine: the
 * prose's {{ }} are evaluated and the views are rendered as text. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "engine/core/fileio.h"
#include "engine/core/intl.h"
#include "engine/core/strf.h"
#include "lab/lab.h"
#include "lab/me.h"
#include "lab/lesson/lesson.h"
#include "lab/lesson/lesson_list.h"
#include "lab/view/uwidth.h"
#include "repl/repl.h"

int cli_run(int argc, char **argv);

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: latentlab run FILE|NAME [--step N] [--width W] [--format text]\n"
		"                     [--answers FILE | --answer LIST]\n"
		"Play a lesson without the TUI, or run a command script, printing text.\n"
		"\n"
		"  -s, --step N        play only step N (counting from 1)\n"
		"  -w, --width W       lay text out in W columns (default: the terminal's,\n"
		"                      else $COLUMNS, else 80)\n"
		"  -f, --format text   the output format (text is the only one)\n"
		"  -a, --answers FILE  the answers of a rating step ('@ rate'), one per\n"
		"                      line in the order asked: a rating, or s for not seen\n"
		"      --answer LIST   the same on the command line: --answer 5,4.5,s,3\n"
		"                      (without either, a rating step plays with no answers;\n"
		"                      your saved ratings are never read or changed)\n"
		"  -h, --help          display this help and exit\n"
		"  -V, --version       output version information and exit\n"
		"\n"
		"FILE is a lesson (*.lesson, see latentlab-lesson(5)) or a script of lab\n"
		"commands, one per line with '#' comments; a script stops at the first\n"
		"failing line. NAME is a lesson of the lessons/ folders, by file name with\n"
		"or without its number (\"01-detective\" or \"detective\").\n"
		"Errors are reported as 'file:line: message'; the exit status is 1.\n");
}

static void underline(const repl_out *o, const char *text, const char *ch)
{
	int w = uw_width(text);
	if (w > o->width)
		w = o->width;
	fprintf(o->out, "%s\n", text);
	for (int i = 0; i < w; i++)
		fputs(ch, o->out);
	fputc('\n', o->out);
}

static void print_plain(const repl_out *o, const char *text, const char *indent)
{
	char *p = lesson_plain(text);
	repl_print_wrapped(o, p ? p : text, indent);
	free(p);
}

static int print_quiz(lab *lb, const lesson *l, const lesson_quiz *q, const repl_out *o, ll_error *err)
{
	char *question = NULL, *why = NULL;
	if (lesson_expand(lb, l, q->question, q->line, &question, err) < 0)
		return -1;
	if (q->explanation &&
	    lesson_expand(lb, l, q->explanation, q->explanation_line, &why, err) < 0) {
		free(question);
		return -1;
	}
	fputc('\n', o->out);
	char *pq = lesson_plain(question);
	char *head = ll_strf(_("Quiz: %s"), pq ? pq : question);
	if (head)
		repl_print_wrapped(o, head, "");
	free(head);
	free(pq);
	for (int i = 0; i < q->n_choices; i++) {
		char *c = lesson_plain(q->choices[i]);
		char *line = ll_strf("  %d. %s", i + 1, c ? c : q->choices[i]);
		uw_fwrap(o->out, line ? line : q->choices[i], o->width, "     ");
		free(line);
		free(c);
	}
	char *ans = lesson_plain(q->choices[q->correct]);
	/* TRANSLATORS: the number of the right choice, then its text. */
	char *line = ll_strf(_("Answer: %d. %s\n"), q->correct + 1, ans ? ans : q->choices[q->correct]);
	uw_fwrap(o->out, line ? line : q->choices[q->correct], o->width, "  ");
	free(line);
	free(ans);
	if (why)
		print_plain(o, why, "");
	free(question);
	free(why);
	return 0;
}

typedef struct ropts {
	int step, width;
	const char *answers, *answer_list;
} ropts;

static int run_lesson(const char *path, const ropts *ro, const repl_out *o)
{
	int only = ro->step;
	ll_error err = { "" };
	lesson *l = lesson_load(path, &err);
	if (!l) {
		fprintf(stderr, "%s\n", err.msg);
		return CLI_FAIL;
	}
	int n = lesson_n_steps(l);
	if (only > n) {
		fprintf(stderr, "latentlab run: %s has %d steps, not %d\n", path, n, only);
		lesson_free(&l);
		return CLI_USAGE;
	}
	lab *lb = lab_new();
	if (!lb) {
		fprintf(stderr, "latentlab run: out of memory\n");
		lesson_free(&l);
		return CLI_FAIL;
	}
	/* Ctrl-C stops the running command (training keeps what it learned)
	 * and then the run, with what was printed so far. */
	if ((ro->answers && lab_me_script_file(lb, ro->answers, &err) < 0) ||
	    (ro->answer_list && lab_me_script(lb, ro->answer_list, &err) < 0)) {
		fprintf(stderr, "latentlab run: %s\n", err.msg);
		lab_free(&lb);
		lesson_free(&l);
		return CLI_USAGE;
	}
	cli_catch_sigint();
	lab_set_cancel_flag(lb, &cli_interrupted);
	underline(o, lesson_title(l), "=");
	if (*lesson_summary(l))
		print_plain(o, lesson_summary(l), "");
	int status = CLI_OK;
	int first = only ? only - 1 : 0, last = only ? only - 1 : n - 1;
	for (int i = first; i <= last; i++) {
		char *prose = NULL;
		view *views = NULL;
		int rc = i == first ? lesson_play(lb, l, i, &prose, &views, &err)
				    : lesson_play_next(lb, l, i, &prose, &views, &err);
		if (rc < 0) {
			fflush(o->out);
			fprintf(stderr, "%s\n", err.msg);
			status = CLI_FAIL;
			break;
		}
		char head[512];
		/* TRANSLATORS: the step's number, the lesson's number of steps, the step's heading. */
		snprintf(head, sizeof head, _("Step %d/%d: %s"), i + 1, n, lesson_step_heading(l, i));
		fputc('\n', o->out);
		underline(o, head, "-");
		if (*prose)
			print_plain(o, prose, "");
		if (views) {
			if (*prose)
				fputc('\n', o->out);
			repl_print_views(o, views);
		}
		free(prose);
		view_free(&views);
		if (cli_interrupted) {
			fflush(o->out);
			fprintf(stderr, "latentlab run: interrupted at step %d of %d\n", i + 1, n);
			status = CLI_INTERRUPTED;
			break;
		}
		const lesson_quiz *q = lesson_step_quiz(l, i);
		if (q && print_quiz(lb, l, q, o, &err) < 0) {
			fflush(o->out);
			fprintf(stderr, "%s\n", err.msg);
			status = CLI_FAIL;
			break;
		}
	}
	fflush(o->out);
	cli_release_sigint();
	lab_free(&lb);
	lesson_free(&l);
	return status;
}

/* A script: every line through the lab; the first failure stops it. */
static int run_script(const char *path, const repl_out *o)
{
	/* A FIFO or a device named as a script is refused, never waited on. */
	ll_error err = { 0 };
	FILE *f = ll_fopen_regular(path, LL_LESSON_MAX, NULL, &err);
	if (!f) {
		fprintf(stderr, "latentlab run: %s\n", err.msg);
		return CLI_FAIL;
	}
	lab *lb = lab_new();
	if (!lb) {
		fclose(f);
		fprintf(stderr, "latentlab run: out of memory\n");
		return CLI_FAIL;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int status = CLI_OK;
	cli_catch_sigint();
	lab_set_cancel_flag(lb, &cli_interrupted);
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (repl_exec_line(lb, o, line, path, lineno, 0) < 0) {
			status = CLI_FAIL;
			break;
		}
		if (cli_interrupted) {
			fprintf(stderr, "latentlab run: %s:%ld: interrupted\n", path, lineno);
			status = CLI_INTERRUPTED;
			break;
		}
	}
	cli_release_sigint();
	free(line);
	fclose(f);
	lab_free(&lb);
	return status;
}

static int is_lesson_file(const char *path)
{
	size_t n = strlen(path);
	return n > 7 && strcmp(path + n - 7, ".lesson") == 0;
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	ropts *o = ctx;
	char *end;
	if (!strcmp(name, "step")) {
		o->step = (int)strtol(v, &end, 10);
		if (*end || o->step < 1)
			return cli_usage_error("run", "--step wants a step number >= 1, not '%s'", v);
	} else if (!strcmp(name, "width")) {
		o->width = (int)strtol(v, &end, 10);
		if (*end || o->width < 20 || o->width > 1000)
			return cli_usage_error("run", "--width wants 20 to 1000 columns, not '%s'", v);
	} else if (!strcmp(name, "answers")) {
		o->answers = v;
	} else if (!strcmp(name, "answer")) {
		o->answer_list = v;
	} else if (strcmp(v, "text") != 0) {
		return cli_usage_error("run", "unknown format '%s' (text is the only one)", v);
	}
	return 0;
}

static const cli_opt run_opts[] = {
	{ "step", 's', "N" }, { "width", 'w', "COLS" }, { "format", 'f', "FMT" },
	{ "answers", 'a', "FILE" }, { "answer", 0, "LIST" },
	{ NULL, 0, NULL },
};

int cli_run(int argc, char **argv)
{
	ropts ro = { 0, 0, NULL, NULL };
	int optind_;
	const cli_spec spec = { "run", run_opts, usage, on_opt, &ro };
	int prc = cli_parse(&spec, argc, argv, &optind_);
	if (prc != CLI_GO)
		return prc;
	int step = ro.step, width = ro.width;
	if (argc - optind_ != 1)
		return cli_usage_error("run", "%s", "expected one FILE or lesson NAME");
	const char *arg = argv[optind_];
	char *path = NULL;
	if (access(arg, R_OK) == 0)
		path = strdup(arg);
	else if (!strchr(arg, '/'))
		path = lesson_find(arg);
	if (!path) {
		fprintf(stderr, "latentlab run: %s: no such file or lesson\n", arg);
		return CLI_FAIL;
	}
	repl_out o;
	repl_out_detect(&o, stdout, stderr);
	o.color = 0;
	if (width)
		o.width = width;
	int status;
	if (ro.answers && ro.answer_list) {
		free(path);
		return cli_usage_error("run", "%s", "--answers and --answer: give one of them");
	}
	if (is_lesson_file(path))
		status = run_lesson(path, &ro, &o);
	else if (step) {
		fprintf(stderr, "latentlab run: --step is for lessons, and %s is a script\n", path);
		status = CLI_USAGE;
	} else
		status = run_script(path, &o);
	free(path);
	return status;
}
