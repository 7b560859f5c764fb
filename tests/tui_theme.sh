#!/bin/sh
# tui_theme.sh: colours by theme: the default and the high-contrast theme
# colour the screen; NO_COLOR and --theme mono draw with attributes only.
. "$top_srcdir/tests/tui_lib.sh"

# SGR colour parameters: 30-37/40-47 and the 256-colour forms, but not the
# defaults (39, 49) that curses sends on every reset.
has_colour() {
	tmux_ capture-pane -p -e | grep -qE $(printf '\033')'\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'
}

check() { # check EXPECT(colour|mono) ARGS...
	want=$1
	shift
	tui_start "$LATENTLAB --lesson tui-sgd $*"
	tui_wait "step 1/4"
	tui_wait "Cheolsu"
	if has_colour; then got=colour; else got=mono; fi
	[ "$got" = "$want" ] || tui_fail "expected $want with '$*' (TUI_ENV='$TUI_ENV'), got $got"
	tmux_ kill-server
}

check colour
check colour --theme contrast
check mono --theme mono
TUI_ENV="NO_COLOR=1" check mono
TUI_ENV="NO_COLOR=1" check mono --theme contrast
exit 0
