#!/bin/sh
# repl_tty.sh: the REPL on a real terminal, driven inside tmux (a private
# socket, no config, a fixed size): the prompt, Tab completion of a quoted
# name, the caret under a wrong word, Ctrl-C clearing the line at the
# prompt, a training's progress line and Ctrl-C cancelling it, and the
# history file. Skips (77)
# without tmux. Waits poll the screen; nothing sleeps a fixed time.
set -u
: "${LATENTLAB:?}"
command -v tmux >/dev/null 2>&1 || { echo "tmux not found"; exit 77; }

tmp=$(mktemp -d) || exit 99
sock=latentlab-repl-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

T new-session -d -x 100 -y 40 \
	"env LC_ALL=C.UTF-8 TERM=screen NO_COLOR=1 XDG_STATE_HOME='$tmp/state' '$LATENTLAB' repl; echo EXIT=\$?; sleep 60" ||
	exit 99

# wait_for TEXT: poll the screen (every 50 ms, up to 10 s) for a line
# containing TEXT; on timeout print the screen and fail.
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		if T capture-pane -p | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: timed out waiting for: $1"
	echo "--- screen:"
	T capture-pane -p
	exit 1
}

wait_for 'latentlab>'
T send-keys 'load toy' Enter
wait_for 'Loaded toy: 10 users'

# Tab completes an item whose name has a space, quoted.
T send-keys 'rate Minsu Iro' Tab
wait_for 'latentlab> rate Minsu "Iron Man"'
T send-keys C-u

# The caret points at the wrong word.
T send-keys 'trian sgd' Enter
wait_for "unknown command 'trian' (did you mean 'train'?)"
if ! T capture-pane -p | grep -qx '           ^'; then
	echo "FAIL: no caret under 'trian'"
	T capture-pane -p
	exit 1
fi

# Ctrl-C at the prompt drops the line, not the REPL.
T send-keys 'half typed'
wait_for 'latentlab> half typed'
T send-keys C-c
wait_for 'latentlab> half typed^C'
T send-keys 'users' Enter
wait_for 'Eunji'

# A long training shows its progress; Ctrl-C stops it; the REPL goes on.
# (epochs are bounded, so the work is a larger dataset, then toy again.)
T send-keys 'generate users=20000 items=5000 ratings=1000000' Enter
wait_for 'Loaded synthetic ratings'
T send-keys 'train sgd k=16 lr=0.005 epochs=100000' Enter
wait_for '(Ctrl-C stops)'
T send-keys C-c
wait_for 'Stopped'
if T capture-pane -p | grep -qF '(Ctrl-C stops)'; then
	echo "FAIL: the progress line was not erased"
	T capture-pane -p
	exit 1
fi
T send-keys 'load toy' Enter
T send-keys 'train sgd k=2 epochs=50' Enter
T send-keys 'predict Minsu Avengers' Enter
wait_for 'Minsu -> Avengers: predicted'

# Ctrl-D leaves with status 0; the history file has every command.
T send-keys C-d
wait_for 'EXIT=0'
hist=$tmp/state/latentlab/history
for cmd in 'load toy' 'trian sgd' 'users' 'predict Minsu Avengers'; do
	if ! grep -qxF -- "$cmd" "$hist"; then
		echo "FAIL: '$cmd' is not in the history file"
		cat "$hist"
		exit 1
	fi
done
exit 0
