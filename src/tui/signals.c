/* signals.c: SIGINT, SIGTERM and SIGWINCH only set flags; the main loop and
 * the progress callback act on them. Every other signal whose default would
 * end the program with the terminal raw (Ctrl-\'s SIGQUIT, SIGUSR1/2, the
 * timers, the resource limits) asks to quit the same way; SIGPIPE is
 * ignored (a write error is handled where it happens). The terminal is restored on every way
 * out: endwin through atexit, the loop ending when a flag says so, and on a
 * crash the saved terminal modes put back from the handler. */
#define _POSIX_C_SOURCE 200809L
#include <curses.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "tui/term.h"

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

/* The terminal as it was before curses, for a crash: endwin is not safe in
 * a signal handler, but tcsetattr and write are. */
static struct termios saved_tio;
static int have_tio;

static void on_crash(int sig)
{
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	/* Leave the alternate screen, show the cursor, reset attributes. */
	static const char reset[] = "\033[?1049l\033[?25h\033[0m\r\n";
	ssize_t n = write(STDOUT_FILENO, reset, sizeof reset - 1);
	(void)n;
	raise(sig); /* SA_RESETHAND: the default action now, a core dump */
}

void signals_install(void)
{
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		have_tio = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal wakes a waiting getch at once. */
	sa.sa_handler = on_quit;
	static const int quits[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2,
				     SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ };
	for (size_t i = 0; i < sizeof quits / sizeof *quits; i++)
		sigaction(quits[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
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
