#!/bin/sh
# tui_keys.sh: what the player's keys do, each as an instructor or a
# student would trip over it:
#   - Esc and key sequences the terminal description does not know
#     (\e[99~, \e[11~) never quit, and their bytes never act as keys; Esc
#     closes what is open (a command's result, presentation mode);
#   - --lesson takes a file path, as `latentlab run` does;
#   - autoplay waits at a quiz and goes on once it is answered, without a
#     stale message, and at the end of a lesson opens the next one;
#     on the last step, the next key said twice (or N) opens the next lesson;
#   - presentation mode (f, --present): the scene and a caption, the step's
#     numbers in large digits, the clicker's Right, Left, PgDn, PgUp and
#     Space step on and back;
#   - the help fits the screen at 80x24 and at 120x40;
#   - the browser keeps each lesson's quiz score (the first answer counts)
#     and shows it again after a restart;
#   - `latentlab tui --help` lists the new keys and --present.
. "$top_srcdir/tests/tui_lib.sh"

SCREEN="$top_builddir/tests/tui_screen"
[ -x "$SCREEN" ] || { echo "FAIL: $SCREEN is not built"; exit 99; }

# The frame of the screen checked as $1 at $2 x $3 (tests/tui_screen).
frame_ok() {
	tui_screen > "$TUI_TMP/screen"
	"$SCREEN" "$1" "$2" "$3" "$TUI_TMP/status" < "$TUI_TMP/screen" > "$TUI_TMP/prose" 2> "$TUI_TMP/why" ||
		tui_fail "$(cat "$TUI_TMP/why")"
}

# The program's process id: the latentlab below the pane's shell.
program_pid() {
	ps -e -o pid= -o ppid= -o comm= | awk -v top="$(tmux_ display-message -p '#{pane_pid}')" '
		{ parent[$1] = $2; name[$1] = $3 }
		END { for (p in name) if (name[p] == "latentlab") {
			for (q = p; q in parent && q != top; q = parent[q]) ;
			if (q == top) print p } }'
}

# User and system CPU time of a process, in clock ticks.
cpu_ticks() {
	sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# Still running a moment later (a quit would print the exit status).
still_running() {
	sleep 0.3
	tui_screen | grep -q "exit status" && tui_fail "the program quit after $1"
	tui_wait "$2"
}

# ---- latentlab tui --help ----
help=$("$LATENTLAB" tui --help)
for want in "--present" "N next lesson" "f presentation mode"; do
	echo "$help" | grep -qF -- "$want" || { echo "$help"; echo "FAIL: --help does not mention '$want'"; exit 1; }
done

# ---- --lesson takes a path; a wrong one is said after the terminal is restored ----
tui_start "cd '$top_srcdir' && $LATENTLAB --lesson lessons/10-tug-of-war.lesson; echo \"exit status \$?\""
tui_wait "Tug of war"
tui_wait "step 1/5"
# Esc, an unknown sequence and Alt-x: nothing happens.
tui_keys Escape
still_running "Esc" "step 1/5"
tmux_ send-keys -H 1b 5b 39 39 7e
still_running "\\e[99~" "step 1/5"
# \e[11~ holds a 1: had it leaked, it would answer the quiz.
tmux_ send-keys -H 1b 5b 31 31 7e
still_running "\\e[11~" "step 1/5"
tui_screen | grep -q "your answer" && tui_fail "the bytes of \\e[11~ answered the quiz"
tmux_ send-keys M-x
still_running "Alt-x" "step 1/5"
tui_keys q
tui_wait "exit status 0"
tmux_ kill-server

tui_start "cd '$top_srcdir' && $LATENTLAB --lesson lessons/no-such.lesson; echo \"exit status \$?\""
tui_wait "exit status 1"
tui_wait "no such file or lesson"
tmux_ kill-server

# ---- Esc closes a command's result and presentation mode ----
tui_start "$LATENTLAB --lesson tui-sgd; echo \"exit status \$?\""
tui_wait "step 1/4"
tui_keys :
tui_type "items"
tui_keys Enter
tui_wait "result of your command"
tui_keys Escape
tui_wait_gone "result of your command"
tui_keys f
tui_wait "f or Esc: leave presentation"
tui_keys Escape
tui_wait_gone "f or Esc: leave presentation"
tui_wait "→/n next"
# the help opens and any key (Esc too) closes it
tui_keys ?
tui_wait "latentlab: help"
tui_keys Escape
tui_wait_gone "latentlab: help"
still_running "Esc in the help" "step 1/4"
tmux_ kill-server

# ---- the browser: Esc and unknown keys do not quit ----
tui_start "$LATENTLAB; echo \"exit status \$?\""
tui_wait "latentlab: lessons"
tui_keys Escape
tmux_ send-keys -H 1b 5b 39 39 7e
still_running "Esc in the browser" "latentlab: lessons"
tmux_ kill-server

# ---- autoplay: waits at the quiz, goes on, opens the next lesson ----
tui_start "$LATENTLAB --lesson minimal"
tui_wait "step 1/1"
tui_keys + + + + + + +
tui_wait "speed 7/7"
tui_keys a
tui_wait "TUI test: watching SGD"
tui_wait "autoplay 7/7  step 2/4"
tui_wait "step 3/4"
tui_wait "autoplay waits for your answer"
# Waiting costs nothing: no busy loop while the quiz is open.
if [ -r /proc/self/stat ]; then
	pid=$(program_pid)
	before=$(cpu_ticks "$pid")
	sleep 1
	after=$(cpu_ticks "$pid")
	[ $((after - before)) -lt 20 ] ||
		tui_fail "the player used $((after - before)) clock ticks of CPU in a second, waiting for an answer"
fi
tui_keys 2
tui_wait "Right."
tui_wait_gone "autoplay waits for your answer"
tui_wait "step 4/4"
tui_wait "the end of the last lesson"
tmux_ kill-server

# ---- the next key on the last step, twice, and N ----
tui_start "$LATENTLAB --lesson minimal"
tui_wait "step 1/1"
tui_keys n
tui_wait "again (or N) opens the next, tui-sgd"
tui_keys n
tui_wait "TUI test: watching SGD"
tui_wait "step 1/4"
tui_keys N
tui_wait "the last lesson"
tmux_ kill-server

# ---- presentation mode ----
tui_start "$LATENTLAB --lesson tui-sgd --present"
tui_wait "step 1/4"
tui_wait "f or Esc: leave presentation"
frame_ok present 120 40
tui_keys Right
tui_wait "step 2/4"
# The headline numbers of the step, in large digits, with their labels.
tui_wait "██████"
tui_wait "its error"
tui_wait "The last prediction was"
frame_ok present 120 40
tui_keys NPage
tui_wait "step 3/4"
tui_keys 2
tui_wait "Right."
tui_keys PPage
tui_wait "step 2/4"
tui_keys Left
tui_wait "step 1/4"
tui_keys Space
tui_wait "step 2/4"
tmux_ resize-window -x 80 -y 24
tui_wait_gone "██████" # no room for them at 80x24 under the scene
frame_ok present 80 24
tmux_ kill-server

# ---- the help fits the screen ----
for size in "80 24" "120 40"; do
	set -- $size
	tui_start "$LATENTLAB --lesson tui-sgd"
	tmux_ resize-window -x "$1" -y "$2"
	tui_wait "step 1/4"
	tui_keys ?
	tui_wait "any key goes back"
	for want in "Right, Space, n" "q, Ctrl-C" "presentation" "next lesson" "Commands at the : prompt"; do
		tui_wait "$want"
	done
	# The commands by name at 120x40; at 80x24 they no longer fit beside
	# the keys, and the help says where they are instead.
	if [ "$1" = 120 ]; then
		tui_wait "export"
	else
		tui_screen | grep -qF "export" || tui_wait "':help' at the prompt lists them"
	fi
	tui_screen | grep -q "Up/Down scroll" && tui_fail "the help does not fit at $1x$2"
	frame_ok help "$1" "$2"
	tmux_ kill-server
done

# ---- the browser keeps the quiz score, and shows it again after a restart ----
keep="$TUI_TMP/keep"
mkdir -p "$keep"
TUI_ENV="XDG_STATE_HOME=$keep"
tui_start "$LATENTLAB"
tui_wait "latentlab: lessons"
tui_open_lesson tui-sgd
tui_wait "step 1/4"
tui_keys n n
tui_wait "step 3/4"
tui_keys 2
tui_wait "Right."
tui_keys b
tui_wait "latentlab: lessons"
tui_wait "quiz 1/1"
tui_wait "quiz: 1 of 1 answered right"
tui_keys q
tmux_ kill-server
tui_start "$LATENTLAB"
tui_wait "latentlab: lessons"
tui_wait "quiz 1/1"
# A second, wrong answer to the same quiz does not count.
tui_open_lesson tui-sgd
tui_wait "step 3/4"
tui_keys 1
tui_wait "Not quite."
tui_keys b
tui_wait "quiz 1/1"
tmux_ kill-server
exit 0
