/* bench_tui.c: CPU time of drawing the TUI's scenes at 120 x 40 into a
 * curses screen on a dummy terminal (newterm on /dev/null), so the numbers
 * are the widgets' and curses' own cost, not a terminal emulator's.
 *
 * Prints, per scene, the CPU time of one redraw (erase, draw, doupdate:
 * curses sends what changed) and of a full repaint (every cell sent, as
 * after a resize), with their ratio to the 5 ms budget; then a whole
 * SGD-animation frame (title, prose, one SGD phase, key bar) averaged over
 * all its phases, where each frame really changes the screen. */
#include <curses.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_rng.h>

#include "lab/view/view.h"
#include "tui/scene/scene.h"
#include "tui/theme.h"
#include "tui/tui.h"

#define ROWS 40
#define COLS 120
#define BUDGET_MS 5.0

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static view *make_matrix(gsl_rng *r)
{
	view *v = view_matrix("Ratings", 12, 10);
	for (int i = 0; i < 12; i++) {
		char b[32];
		snprintf(b, sizeof b, "user%02d", i);
		v->u.matrix.row_labels[i] = strdup(b);
	}
	for (int j = 0; j < 10; j++) {
		char b[32];
		snprintf(b, sizeof b, "영화 %d", j);
		v->u.matrix.col_labels[j] = strdup(b);
	}
	for (int k = 0; k < 120; k++) {
		double u = gsl_rng_uniform(r);
		v->u.matrix.state[k] = u < 0.4 ? CELL_KNOWN : u < 0.7 ? CELL_PREDICTED : CELL_MISSING;
		v->u.matrix.values[k] = 1 + 4 * gsl_rng_uniform(r);
	}
	v->u.matrix.cur_row = 3, v->u.matrix.cur_col = 4;
	return v;
}

static view *make_sgd(gsl_rng *r, int k)
{
	view *v = view_sgd("Minsu", "Avengers", k);
	v->u.sgd.rating = 5, v->u.sgd.lr = 0.05, v->u.sgd.reg = 0.02, v->u.sgd.epoch = 3;
	v->u.sgd.index = 17;
	double dot = 0;
	for (int d = 0; d < k; d++) {
		v->u.sgd.p_before[d] = gsl_rng_uniform(r) - 0.5;
		v->u.sgd.q_before[d] = gsl_rng_uniform(r) - 0.5;
		dot += v->u.sgd.p_before[d] * v->u.sgd.q_before[d];
	}
	v->u.sgd.prediction = dot;
	v->u.sgd.error = 5 - dot;
	for (int d = 0; d < k; d++) {
		double p = v->u.sgd.p_before[d], q = v->u.sgd.q_before[d];
		v->u.sgd.p_after[d] = p + 0.05 * (v->u.sgd.error * q - 0.02 * p);
		v->u.sgd.q_after[d] = q + 0.05 * (v->u.sgd.error * p - 0.02 * q);
	}
	return v;
}

static view *make_scatter(gsl_rng *r, int n)
{
	view *v = view_scatter("Latent space", n, 1);
	for (int i = 0; i < n; i++) {
		char b[32];
		snprintf(b, sizeof b, i % 2 ? "item %d" : "user %d", i);
		v->u.scatter.labels[i] = strdup(b);
		v->u.scatter.side[i] = i % 2 ? SIDE_ITEM : SIDE_USER;
		v->u.scatter.x[i] = gsl_rng_uniform(r) * 2 - 1;
		v->u.scatter.y[i] = gsl_rng_uniform(r) * 2 - 1;
	}
	return v;
}

static view *make_line(gsl_rng *r)
{
	view *v = view_line("RMSE per epoch", 2);
	double x[100], y[100], z[100];
	for (int i = 0; i < 100; i++) {
		x[i] = i + 1;
		y[i] = 0.7 + 2 * exp(-i / 10.0) + 0.01 * gsl_rng_uniform(r);
		z[i] = 0.9 + 2 * exp(-i / 12.0) + 0.01 * gsl_rng_uniform(r);
	}
	view_line_series(v, 0, "train", 100, x, y);
	view_line_series(v, 1, "test", 100, x, z);
	return v;
}

static view *make_hist(gsl_rng *r)
{
	view *v = view_hist("Ratings per user", 40);
	for (int b = 0; b <= 40; b++)
		v->u.hist.edges[b] = b * 10;
	for (int b = 0; b < 40; b++)
		v->u.hist.counts[b] = floor(1000 * exp(-b / 8.0) * (0.9 + 0.2 * gsl_rng_uniform(r)));
	return v;
}

/* CPU milliseconds of one redraw of v, averaged over enough repetitions.
 * full: repaint every cell (clearok), the cost after a resize or Ctrl-L;
 * else curses sends only what changed, as in steady drawing. */
static double time_scene(const view *v, int frame, int full)
{
	lrect r = { 1, 49, ROWS - 3, COLS - 49 };
	scene_ctx ctx = { 0, frame };
	int reps = 0;
	double t0 = cpu_now(), t;
	do {
		erase();
		scene_draw(stdscr, r, v, &ctx);
		if (full)
			clearok(curscr, TRUE);
		wnoutrefresh(stdscr);
		doupdate();
		reps++;
		t = cpu_now() - t0;
	} while (t < 0.3 || reps < 20);
	return t / reps * 1000;
}

static const char prose_text[] =
	"Each update moves *Minsu's* vector `p` a little towards what would have predicted "
	"the rating, and the movie's vector `q` towards Minsu. The step is the learning rate "
	"times the error, less a little regularisation that keeps both vectors small. "
	"민수의 벡터가 조금씩 움직입니다.";

/* A whole player frame of the SGD animation: every phase, averaged. */
static double time_sgd_frame(tui *t, const view *v)
{
	layout l;
	layout_player(ROWS, COLS, &l);
	static const char *const keys[] = { "→/n", "next", "←/p", "back", "r", "replay", "a",
					    "autoplay", "q", "quit", NULL };
	int reps = 0;
	double t0 = cpu_now(), el;
	do {
		for (int ph = 0; ph < SGD_PHASES; ph++) {
			scene_ctx ctx = { 0, ph };
			erase();
			tui_title(t, &l, "The detective", "speed 3/7  step 2/4");
			lrect pr = { l.prose.y + 2, 1, l.prose.h - 2, l.prose.w - 2 };
			scene_prose(stdscr, pr, prose_text, 0, 0);
			scene_draw(stdscr, (lrect){ l.scene.y, l.scene.x + 1, l.scene.h, l.scene.w - 2 }, v, &ctx);
			tui_keybar(t, &l, keys);
			wnoutrefresh(stdscr);
			doupdate();
			reps++;
		}
		el = cpu_now() - t0;
	} while (el < 0.3 || reps < 40);
	return el / reps * 1000;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *s = out && in ? newterm("xterm-256color", out, in) : NULL;
	if (!s) {
		fprintf(stderr, "bench_tui: no dummy terminal (is the xterm-256color terminfo entry installed?)\n");
		return 77;
	}
	set_term(s);
	resizeterm(ROWS, COLS);
	theme_init(THEME_DEFAULT);

	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 7);
	struct {
		const char *name;
		view *v;
		int frame;
	} cases[] = {
		{ "matrix 12x10", make_matrix(r), 0 },
		{ "sgd step k=8", make_sgd(r, 8), SGD_PHASES - 1 },
		{ "scatter 60 labelled", make_scatter(r, 60), 0 },
		{ "scatter 2000 points", make_scatter(r, 2000), 0 },
		{ "line 2x100", make_line(r), 0 },
		{ "histogram 40 bins", make_hist(r), 0 },
	};
	int n = (int)(sizeof cases / sizeof cases[0]), over = 0;
	printf("scene redraw at %d x %d into a curses screen on /dev/null (CPU time)\n", COLS, ROWS);
	printf("  %-22s %9s %9s\n", "", "redraw", "repaint");
	for (int i = 0; i < n; i++) {
		double ms = time_scene(cases[i].v, cases[i].frame, 0);
		double full = time_scene(cases[i].v, cases[i].frame, 1);
		over += ms > BUDGET_MS || full > BUDGET_MS;
		printf("  %-22s %6.3f ms %6.3f ms   (%.1f%% and %.1f%% of the %.0f ms budget)\n",
		       cases[i].name, ms, full, 100 * ms / BUDGET_MS, 100 * full / BUDGET_MS, BUDGET_MS);
	}
	tui t;
	memset(&t, 0, sizeof t);
	t.rows = ROWS, t.cols = COLS;
	view *sgd = make_sgd(r, 2);
	double ms = time_sgd_frame(&t, sgd);
	printf("full SGD-animation frame (title, prose, scene, keys), mean over %d phases: %.3f ms (%.1f%% of budget)\n",
	       SGD_PHASES, ms, 100 * ms / BUDGET_MS);
	over += ms > BUDGET_MS;
	for (int i = 0; i < n; i++)
		view_free(&cases[i].v);
	view_free(&sgd);
	gsl_rng_free(r);
	endwin();
	delscreen(s);
	fclose(out);
	fclose(in);
	printf("%s\n", over ? "SLOWER than the budget" : "all within the budget");
	return 0;
}
