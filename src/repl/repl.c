/* repl.c: the REPL loop and its text output (repl.h).
 *
 * On a terminal: Readline with a prompt, completion and history; Ctrl-C
 * cancels the running command (the handler only sets the lab's cancel flag)
 * and at the prompt clears the line. Elsewhere (a file or a pipe): lines are
 * read one by one with no prompt and no colour, errors go to stderr as
 * "<stdin>:LINE: message" and the exit status says whether any failed. */
#include <config.h>

#include "repl/repl.h"

#include "engine/core/intl.h"

#include <langinfo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "lab/view/uwidth.h"
#include "lab/view/view_text.h"

volatile sig_atomic_t repl_interrupted;

#define PROMPT "latentlab> "
#define CONT_PROMPT "       ...> "
#define PROMPT_COLS 11

/* ---- output ---- */

void repl_out_detect(repl_out *o, FILE *out, FILE *err)
{
	o->out = out;
	o->err = err;
	o->width = 0;
	int fd = fileno(out);
	struct winsize ws;
	if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		o->width = ws.ws_col;
	const char *cols = getenv("COLUMNS");
	if (!o->width && cols && atoi(cols) > 0)
		o->width = atoi(cols);
	if (!o->width)
		o->width = 80;
	const char *cs = nl_langinfo(CODESET);
	o->utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	const char *nc = getenv("NO_COLOR");
	o->color = fd >= 0 && isatty(fd) && !(nc && *nc);
}

void repl_write_safe(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		/* C0 controls but newline and tab, DEL, and the C1 controls
		 * U+0080-U+009F (UTF-8 C2 80..C2 9F; U+009B is a CSI). */
		int ctl = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
		int c1 = c == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f;
		if (!ctl && !c1)
			continue;
		fwrite(s + run, 1, i - run, out);
		if (c1)
			c = p[++i];
		fprintf(out, c1 ? "\\u%04x" : "\\x%02x", c);
		run = i + 1;
	}
	fwrite(s + run, 1, n - run, out);
}

void repl_print_views(const repl_out *o, const view *v)
{
	/* Names come from data files and users: render to memory, then write
	 * with control bytes shown as \x1b, so ESC[2J cannot clear the screen. */
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m) {
		view_render_text_all(v, o->out, o->width, o->utf8);
	} else {
		view_render_text_all(v, m, o->width, o->utf8);
		fclose(m);
		repl_write_safe(o->out, buf, len);
		free(buf);
	}
	fflush(o->out);
}

void repl_print_wrapped(const repl_out *o, const char *text, const char *indent)
{
	int ind = uw_width(indent);
	int cols = o->width - ind > 20 ? o->width - ind : 20;
	int n = uw_wrap(text, cols, NULL, 0);
	if (n <= 0)
		return;
	uw_line *lines = malloc((size_t)n * sizeof *lines);
	if (!lines) {
		fputs(indent, o->out);
		repl_write_safe(o->out, text, strlen(text));
		fputc('\n', o->out);
		return;
	}
	uw_wrap(text, cols, lines, n);
	for (int i = 0; i < n; i++) {
		if (lines[i].len) {
			fputs(indent, o->out);
			repl_write_safe(o->out, text + lines[i].start, lines[i].len);
		}
		fputc('\n', o->out);
	}
	free(lines);
}

static void print_error(const repl_out *o, const char *src, long lineno, const char *msg, int caret)
{
	const char *red = o->color ? "\033[31m" : "", *end = o->color ? "\033[0m" : "";
	if (caret > 0)
		fprintf(o->err, "%*s%s^%s\n", caret - 1, "", red, end);
	fputs(red, o->err);
	if (src && lineno > 0)
		fprintf(o->err, "%s:%ld: ", src, lineno);
	else if (src)
		fprintf(o->err, "%s: ", src);
	else
		fputs("error: ", o->err);
	repl_write_safe(o->err, msg, strlen(msg)); /* messages quote names */
	fprintf(o->err, "%s\n", end);
	fflush(o->err);
}

/* Training progress on a terminal: one line, redrawn in place, erased when
 * the command ends. */
static int progress_shown;

static void on_progress(void *ctx, double fraction, double loss, const char *what)
{
	FILE *out = ctx;
	fprintf(out, "\r%s  %3.0f%%", what ? what : "working", 100 * fraction);
	if (isfinite(loss))
		fprintf(out, "  loss %.4f", loss);
	fputs("  (Ctrl-C stops)\033[K", out);
	fflush(out);
	progress_shown = 1;
}

int repl_exec_line(lab *lb, const repl_out *o, const char *line, const char *src, long lineno,
		   int caret_col)
{
	view *v = NULL;
	ll_error err = { "" };
	fflush(o->out);
	progress_shown = 0;
	int rc = lab_exec(lb, line, &v, &err);
	if (progress_shown)
		fputs("\r\033[K", o->out);
	else if (repl_interrupted)
		fputc('\n', o->out); /* the terminal echoed "^C" after the line */
	if (rc < 0) {
		view_free(&v);
		int col = caret_col > 0 ? lab_error_column(lb) : 0;
		print_error(o, src, lineno, err.msg, col > 0 ? caret_col + col - 1 : 0);
		return -1;
	}
	repl_print_views(o, v);
	view_free(&v);
	return 0;
}

static int is_quit(const char *line)
{
	const char *s = line + strspn(line, " \t");
	size_t n = strcspn(s, " \t\r\n");
	if (s[n + strspn(s + n, " \t\r\n")] != '\0')
		return 0;
	return (n == 4 && strncmp(s, "quit", 4) == 0) || (n == 4 && strncmp(s, "exit", 4) == 0);
}

/* ---- continued lines ---- */

/* A command may go on over several lines, each but the last ending in a
 * backslash (as in the shell): an odd run of backslashes at the end. */
#define REPL_JOINED_MAX (64 * 1024)

static int continues(const char *line)
{
	size_t n = strlen(line), k = 0;
	while (k < n && line[n - 1 - k] == '\\')
		k++;
	return k % 2 == 1;
}

/* Append line to *cmd (without the continuing backslash of *cmd); -1 when
 * out of memory or past REPL_JOINED_MAX. */
static int join(char **cmd, const char *line)
{
	size_t a = *cmd ? strlen(*cmd) : 0, b = strlen(line);
	if (a && continues(*cmd))
		a--;
	if (a + b + 1 > REPL_JOINED_MAX)
		return -1;
	char *s = realloc(*cmd, a + b + 1);
	if (!s)
		return -1;
	memcpy(s + a, line, b + 1);
	*cmd = s;
	return 0;
}

static void too_long(const repl_out *o, const char *src, long lineno)
{
	fflush(o->out);
	if (src)
		fprintf(stderr, "%s:%ld: ", src, lineno);
	fprintf(stderr, _("a command continued over lines is longer than %d bytes\n"), REPL_JOINED_MAX);
}

/* ---- not a terminal ---- */

static int loop_lines(lab *lb, const repl_out *o, FILE *in, const char *src)
{
	char *line = NULL, *cmd = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, first = 0;
	int failed = 0, skipping = 0;
	while ((n = getline(&line, &cap, in)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (skipping) { /* the rest of a command too long to keep */
			skipping = continues(line);
			continue;
		}
		if (!cmd)
			first = lineno;
		if (join(&cmd, line) < 0) {
			too_long(o, src, first);
			free(cmd), cmd = NULL;
			failed = 1;
			skipping = continues(line);
			continue;
		}
		if (continues(cmd))
			continue;
		/* Errors name the command's first line. */
		int quit = is_quit(cmd), rc = quit ? 0 : repl_exec_line(lb, o, cmd, src, first, 0);
		free(cmd), cmd = NULL;
		if (quit)
			break;
		if (rc < 0)
			failed = 1;
	}
	if (cmd) { /* a backslash on the last line: run what there is */
		cmd[strlen(cmd) - 1] = '\0';
		if (!is_quit(cmd) && repl_exec_line(lb, o, cmd, src, first, 0) < 0)
			failed = 1;
		free(cmd);
	}
	free(line);
	return failed;
}

/* ---- a terminal ---- */

static void on_sigint(int sig)
{
	(void)sig;
	repl_interrupted = 1;
}

/* Readline calls this when a read was interrupted by a signal: Ctrl-C at
 * the prompt throws the line away and starts a fresh one. */
static int on_signal_event(void)
{
	if (repl_interrupted) {
		repl_interrupted = 0;
		fputs("^C", rl_outstream);
		rl_crlf();
		rl_replace_line("", 0);
		rl_on_new_line();
		rl_redisplay();
	}
	return 0;
}

static int loop_readline(lab *lb, const repl_out *o)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: Readline's read must see EINTR */
	sigaction(SIGINT, &sa, &old);
	rl_catch_signals = 0;
	rl_signal_event_hook = on_signal_event;
	rl_outstream = o->out;
	lab_set_cancel_flag(lb, &repl_interrupted);
	lab_set_progress(lb, on_progress, o->out);
	repl_readline_init(lb);

	fprintf(o->out, "%s %s: type 'help' for the commands, Tab to complete, 'quit' or Ctrl-D to leave.\n",
		PACKAGE_NAME, PACKAGE_VERSION);
	const char *prompt = o->color ? "\001\033[1;36m\002latentlab>\001\033[0m\002 " : PROMPT;
	char *line;
	for (;;) {
		repl_interrupted = 0;
		line = readline(prompt);
		/* A line ending in a backslash goes on at a "...>" prompt. */
		while (line && continues(line)) {
			char *more = readline(CONT_PROMPT);
			if (!more) {
				line[strlen(line) - 1] = '\0';
				break;
			}
			if (join(&line, more) < 0) {
				too_long(o, NULL, 0);
				free(more);
				line[0] = '\0';
				break;
			}
			free(more);
		}
		if (!line) {
			fputc('\n', o->out);
			break;
		}
		if (is_quit(line)) {
			repl_history_add(line);
			free(line);
			break;
		}
		repl_history_add(line);
		/* The terminal may have been resized since the last command. */
		repl_out now = *o;
		struct winsize ws;
		if (ioctl(fileno(o->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
			now.width = ws.ws_col;
		repl_exec_line(lb, &now, line, NULL, 0, PROMPT_COLS + 1);
		free(line);
	}
	repl_readline_done();
	lab_set_progress(lb, NULL, NULL);
	rl_signal_event_hook = NULL;
	sigaction(SIGINT, &old, NULL);
	return 0;
}

int repl_loop(lab *lb, const repl_out *o, FILE *in, const char *src, int interactive)
{
	if (interactive)
		return loop_readline(lb, o);
	return loop_lines(lb, o, in, src);
}
