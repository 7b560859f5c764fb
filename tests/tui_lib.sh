# tui_lib.sh: helpers for the end-to-end TUI tests (sourced by tests/tui_*.sh).
# The real program runs inside tmux on a private server (-L, -f /dev/null) at
# a fixed size in a UTF-8 locale; keys go in with send-keys and the screen
# comes back with capture-pane. Waits poll every 50 ms up to a deadline;
# on failure the screen is printed. The server dies with the test (trap).

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipping"; exit 77; }
# .ci/run sets this for `make distcheck`'s second run of the suite: the TUI
# tests have just run in the build, and would only repeat under its load.
[ -z "${LATENTLAB_SKIP_TUI:-}" ] || { echo "TUI tests skipped (LATENTLAB_SKIP_TUI)"; exit 77; }
: "${LATENTLAB:?LATENTLAB is not set (run through make check)}"
: "${top_srcdir:?top_srcdir is not set}"

TUI_SOCK=latentlab-test-$$-0
TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/latentlab-tui.XXXXXX") || exit 99
TUI_DEADLINE=${TUI_DEADLINE:-10}
TUI_STARTS=0

tui_cleanup() {
	i=0
	while [ $i -le "$TUI_STARTS" ]; do
		tmux -L "latentlab-test-$$-$i" kill-server >/dev/null 2>&1
		# A killed server can leave its socket file behind.
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/latentlab-test-$$-$i"
		i=$((i + 1))
	done
	# The program may still be writing its state as it goes: try again.
	rm -rf "$TUI_TMP" 2>/dev/null || { sleep 0.2; rm -rf "$TUI_TMP"; }
}
trap tui_cleanup EXIT
trap 'exit 1' INT TERM HUP

tmux_() { tmux -L "$TUI_SOCK" "$@"; }

# Start a shell command in a 120 x 40 pane ($TUI_LOCALE, default C.UTF-8,
# and the assignments in $TUI_ENV); the pane stays after it ends.
# Lessons come from the source tree's tests/ folder. Each start gets its own
# server (a killed server may linger a moment on its socket) and a fresh
# state folder (no progress or history from an earlier start).
tui_start() {
	TUI_STARTS=$((TUI_STARTS + 1))
	TUI_SOCK=latentlab-test-$$-$TUI_STARTS
	state="$TUI_TMP/state$TUI_STARTS"
	mkdir -p "$state"
	# The shells around the program ignore SIGINT, so that Ctrl-C reaches
	# only the program (which sets its own handler) and the pane lives on.
	tmux_ -f /dev/null new-session -d -x 120 -y 40 \
		"trap '' INT; env LC_ALL=${TUI_LOCALE:-C.UTF-8} TERM=xterm-256color XDG_STATE_HOME='$state' \
		 LATENTLAB_PATH='$top_srcdir/tests' NO_COLOR= $TUI_ENV sh -c '$1'; sleep 600" || exit 99
}

tui_screen() { tmux_ capture-pane -p 2>/dev/null; }

tui_fail() {
	echo "FAIL: $*" >&2
	echo "---- screen ----" >&2
	tui_screen >&2
	echo "----------------" >&2
	exit 1
}

# tui_wait TEXT: until TEXT (a fixed string) is on the screen.
tui_wait() {
	end=$(( $(date +%s) + TUI_DEADLINE ))
	while :; do
		tui_screen | grep -qF -- "$1" && return 0
		[ "$(date +%s)" -gt "$end" ] && tui_fail "'$1' did not appear within ${TUI_DEADLINE}s"
		sleep 0.05
	done
}

# tui_wait_gone TEXT: until TEXT is no longer on the screen.
tui_wait_gone() {
	end=$(( $(date +%s) + TUI_DEADLINE ))
	while :; do
		tui_screen | grep -qF -- "$1" || return 0
		[ "$(date +%s)" -gt "$end" ] && tui_fail "'$1' stayed on the screen for ${TUI_DEADLINE}s"
		sleep 0.05
	done
}

# tui_wait_cursor COLUMN: until the cursor stands in that screen column.
tui_wait_cursor() {
	end=$(( $(date +%s) + TUI_DEADLINE ))
	while :; do
		[ "$(tmux_ display-message -p '#{cursor_x}')" = "$1" ] && return 0
		[ "$(date +%s)" -gt "$end" ] &&
			tui_fail "cursor in column $(tmux_ display-message -p '#{cursor_x}'), not $1"
		sleep 0.05
	done
}

tui_keys() { tmux_ send-keys "$@"; }
# Literal text (no key names).
tui_type() { tmux_ send-keys -l -- "$1"; }

# In the browser, move down until the details pane names lesson $1; open it.
tui_open_lesson() {
	i=0
	while ! tui_screen | grep -qE "│ $1 *\$"; do
		i=$((i + 1))
		[ $i -gt 60 ] && tui_fail "lesson $1 not found in the browser"
		tui_keys Down
		sleep 0.05
	done
	tui_keys Enter
}
