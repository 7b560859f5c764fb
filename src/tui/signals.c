/* signals.c: SIGINT, SIGTERM and SIGWINCH only set flags; the main loop and
 * the progress callback act on them. The terminal is restored on every way
 * out: endwin through atexit, and the loop ends when a flag says so. */
#define _POSIX_C_SOURCE 200809L
#include <curses.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tui/tui.h"

volatile sig_atomic_t tui_sig_quit;
volatile sig_atomic_t tui_sig_winch;
volatile sig_atomic_t tui_cancel;

static void on_quit(int sig)
{
	(void)sig;
	tui_sig_quit = 1;
	tui_cancel = 1; /* stop long work at its next epoch */
}

static void on_winch(int sig)
{
	(void)sig;
	tui_sig_winch = 1;
}

void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal wakes a waiting getch at once. */
	sa.sa_handler = on_quit;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
}


void signals_restore_terminal(void)
{
	if (!isendwin()) {
		endwin();
		fflush(stdout);
	}
}

int signals_term_size(int *rows, int *cols)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
		return 0;
	}
	return -1;
}
