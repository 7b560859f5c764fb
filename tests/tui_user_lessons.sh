#!/bin/sh
# tui_user_lessons.sh: the lesson browser lists the lessons of the user's
# folder, $XDG_DATA_HOME/latentlab/lessons, beside the others and opens
# them; the config file's theme colours the TUI, and --theme beats it.
. "$top_srcdir/tests/tui_lib.sh"

share=$TUI_TMP/share
config=$TUI_TMP/config
mkdir -p "$share/latentlab/lessons" "$config/latentlab" || exit 99
cat > "$share/latentlab/lessons/99-mine.lesson" <<'EOF'
title: A lesson of my own
summary: Written by the user, found in the user's folder.
dataset: toy
seed: 1

## Counting
The toy data holds {{stats | %.0f}} ratings.
$ users
EOF
TUI_ENV="XDG_DATA_HOME='$share' XDG_CONFIG_HOME='$config'"

# The browser lists it with the test lessons (tests/lessons, from
# LATENTLAB_PATH); --lesson opens it by name.
tui_start "$LATENTLAB"
tui_wait "A lesson of my own"
tui_wait "TUI test: watching SGD"
tmux_ kill-server
tui_start "$LATENTLAB --lesson mine"
tui_wait "step 1/1"
n=$(printf 'load toy\nstats\n' | LC_ALL=C.UTF-8 "$LATENTLAB" repl 2>/dev/null | awk '$1 == "ratings" { print $2; exit }')
tui_wait "holds $n ratings"
tmux_ kill-server

# SGR colours (not the defaults that curses sends on every reset).
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
	[ "$got" = "$want" ] || tui_fail "expected $want with theme = $(cat "$config/latentlab/config") and '$*', got $got"
	tmux_ kill-server
}
check colour
printf 'theme = mono\n' > "$config/latentlab/config"
check mono
check colour --theme default
printf 'theme = contrast\n' > "$config/latentlab/config"
check colour
check mono --theme mono
exit 0
