#!/bin/sh
# tui_resize.sh: a terminal below the minimum size gets a clear message and
# everything comes back when it grows; the ASCII rendering in a C locale;
# Ctrl-C, SIGTERM and a crash leave the terminal as it was.
. "$top_srcdir/tests/tui_lib.sh"

tui_start "$LATENTLAB --lesson tui-sgd"
tui_wait "step 1/4"
tui_keys n
tui_wait "step 2/4"
tmux_ resize-window -x 50 -y 12
tui_wait "terminal too small: need 60 x 16"
tui_wait "(now 50 x 12)"
tmux_ resize-window -x 120 -y 40
tui_wait "step 2/4"
tui_wait "Three updates"
# Narrower than the side-by-side layout: prose above the scene.
tmux_ resize-window -x 80 -y 24
tui_wait "step 2/4"
tui_wait_gone "terminal too small"
tmux_ resize-window -x 120 -y 40
tui_wait "step 2/4"

# A locale without UTF-8: ASCII glyphs, no braille or box drawing.
tmux_ kill-server
TUI_LOCALE=C tui_start "$LATENTLAB --lesson tui-sgd"
tui_wait "->/n next"
tui_keys n e
tui_wait "p.q = "
tui_screen | LC_ALL=C grep -q "[$(printf '\200-\377')]" && tui_fail "non-ASCII bytes on the screen in the C locale"
tui_keys C-c
tmux_ kill-server

# Ctrl-C quits and restores the terminal.
tui_start "$LATENTLAB --lesson tui-sgd"
tui_wait "step 1/4"
tui_keys C-c
tui_wait_gone "step 2/4"
tmux_ kill-server

tui_start "stty -g > $TUI_TMP/stty.before; $LATENTLAB --lesson tui-sgd; stty -g > $TUI_TMP/stty.after; echo done"
tui_wait "step 1/4"
tui_keys C-c
tui_wait "done"
cmp -s "$TUI_TMP/stty.before" "$TUI_TMP/stty.after" || tui_fail "terminal not restored after Ctrl-C"
tmux_ kill-server

# SIGTERM from outside: the handler sets a flag, the loop ends, endwin runs.
cat > "$TUI_TMP/term.sh" <<EOF
ulimit -c 0
stty -g > "$TUI_TMP/stty.before"
sh -c 'echo \$\$ > "$TUI_TMP/pid"; exec "$LATENTLAB" --lesson tui-sgd'
stty -g > "$TUI_TMP/stty.after"
echo done
EOF
tui_start "sh $TUI_TMP/term.sh"
tui_wait "step 1/4"
kill -TERM "$(cat "$TUI_TMP/pid")"
tui_wait "done"
cmp -s "$TUI_TMP/stty.before" "$TUI_TMP/stty.after" || tui_fail "terminal not restored after SIGTERM"
tmux_ kill-server

# SIGQUIT (what Ctrl-\ sends; sent to the program alone here, since the tty
# would send it to the test's shells too), SIGUSR1, SIGALRM and SIGXCPU quit
# as cleanly as SIGTERM; SIGPIPE is ignored (the program goes on).
for sig in QUIT USR1 ALRM XCPU; do
	rm -f "$TUI_TMP/stty.after" "$TUI_TMP/pid"
	tui_start "sh $TUI_TMP/term.sh"
	tui_wait "step 1/4"
	kill -"$sig" "$(cat "$TUI_TMP/pid")"
	tui_wait "done"
	cmp -s "$TUI_TMP/stty.before" "$TUI_TMP/stty.after" ||
		tui_fail "terminal not restored after SIG$sig"
	tmux_ kill-server
done
rm -f "$TUI_TMP/stty.after" "$TUI_TMP/pid"
tui_start "sh $TUI_TMP/term.sh"
tui_wait "step 1/4"
kill -PIPE "$(cat "$TUI_TMP/pid")"
tui_keys Right
tui_wait "step 2/4"
tui_keys q
tui_wait "done"
tmux_ kill-server

# A crash (here a SIGSEGV sent from outside) still puts the terminal back.
rm -f "$TUI_TMP/stty.after" "$TUI_TMP/pid"
tui_start "sh $TUI_TMP/term.sh"
tui_wait "step 1/4"
kill -SEGV "$(cat "$TUI_TMP/pid")"
tui_wait "done"
cmp -s "$TUI_TMP/stty.before" "$TUI_TMP/stty.after" || tui_fail "terminal not restored after a crash"
exit 0
