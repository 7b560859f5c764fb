#!/bin/sh
# repl_toy.sh: a REPL session on the toy data, fed on stdin (not a
# terminal: no prompt, no colour), compared with tests/repl_toy.expected:
# load, rate (a Hangul user too), users, train, predict, vector, recommend,
# similar, save, reset, open, and the same prediction after reopening.
# The numbers come from the engine with a fixed seed; only the training
# time, which the lab prints, is masked.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
LC_ALL=C.UTF-8; export LC_ALL
COLUMNS=80; export COLUMNS
unset NO_COLOR

cd "$tmp" || exit 99
"$LATENTLAB" repl >out 2>err <<'END'
# A session on the toy data, as a student would type it.
load toy
rate Minsu Notebook 1
rate 지수 Frozen 5
users
train sgd k=2 lr=0.05 reg=0.05 epochs=100 seed=7
predict Minsu Avengers
predict 지수 Rapunzel
vector Minsu
vector Avengers
recommend Minsu n=3
similar Minsu n=3
save session.lab
reset
open session.lab
predict Minsu Avengers
END
status=$?
fail=0
if [ "$status" -ne 0 ]; then
	echo "FAIL: exit status $status, expected 0"
	fail=1
fi
if [ -s err ]; then
	echo "FAIL: unexpected messages on stderr:"
	cat err
	fail=1
fi
if [ ! -s session.lab ]; then
	echo "FAIL: save wrote no session.lab"
	fail=1
fi
sed 's/ in [0-9][0-9.]* s\./ in T s./' out >got
if ! diff -u "$top_srcdir/tests/repl_toy.expected" got; then
	echo "FAIL: the transcript differs from tests/repl_toy.expected (- expected, + got)"
	fail=1
fi
exit $fail
