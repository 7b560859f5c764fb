#!/bin/sh
# repl_errors.sh: bad commands fed to the REPL on stdin: each error on
# stderr as "<stdin>:LINE: message" (with "did you mean" where it helps),
# the commands after an error still run, `quit` stops reading, and the exit
# status is 1 when any command failed. Also bad start-up arguments.
set -u
: "${LATENTLAB:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
LC_ALL=C.UTF-8; export LC_ALL
COLUMNS=80; export COLUMNS
cd "$tmp" || exit 99
fail=0

# expect FILE TEXT: FILE holds the line TEXT exactly.
expect() {
	if ! grep -qxF -- "$2" "$1"; then
		echo "FAIL: $1 lacks the line: $2"
		echo "--- $1:"
		cat "$1"
		fail=1
	fi
}

"$LATENTLAB" repl >out 2>err <<'END'
load toy

trian sgd
# a comment, then an unknown option
train sgd lrr=0.1
rate Minsu "Iron Man 5
predict Minsu Avengers
train sgd k=2 epochs=5 seed=1
predict Minsu Avengerz
predict Minsu
users
split holdout frac=0.2 seed=1
train sgd k=2 epochs=2 seed=1
eval nosuch
quit
users
END
status=$?
if [ "$status" -ne 1 ]; then
	echo "FAIL: exit status $status after failed commands, expected 1"
	fail=1
fi
expect err "<stdin>:3: unknown command 'trian' (did you mean 'train'?)"
expect err "<stdin>:5: train: unknown option 'lrr' (did you mean 'lr'?)"
expect err "<stdin>:6: column 12: unterminated double quote"
expect err "<stdin>:7: no model trained yet (try 'train sgd k=2')"
# The message names the bad metric (it was freed before it was quoted).
if ! grep -q "^<stdin>:14: eval: unknown metric 'nosuch'" err; then
	echo "FAIL: eval nosuch did not name the metric:"
	cat err
	fail=1
fi
# The name error suggests the closest item.
if ! grep -q "^<stdin>:9: .*Avengerz.*Avengers" err; then
	echo "FAIL: no suggestion for the unknown item Avengerz:"
	cat err
	fail=1
fi
if ! grep -q "^<stdin>:10: " err; then
	echo "FAIL: no error for a missing argument on line 10"
	cat err
	fail=1
fi
n=$(wc -l <err)
if [ "$n" -ne 7 ]; then
	echo "FAIL: $n error lines, expected 7"
	cat err
	fail=1
fi
# Good commands after errors ran; nothing ran after quit (one users table).
expect out "Loaded toy: 10 users, 10 items, 33 ratings (scale 1 to 5)."
if [ "$(grep -c '^Users$' out)" -ne 1 ]; then
	echo "FAIL: 'users' should have run once (before quit)"
	fail=1
fi
# No prompt and no colour escapes when stdin is not a terminal.
if grep -q 'latentlab>' out || grep -q "$(printf '\033')" out err; then
	echo "FAIL: a prompt or colour escapes in non-terminal output"
	fail=1
fi

# An all-good session exits 0 with nothing on stderr.
printf 'load toy\nusers\n' | "$LATENTLAB" repl >out 2>err
status=$?
if [ "$status" -ne 0 ] || [ -s err ]; then
	echo "FAIL: a good session gave status $status and stderr:"
	cat err
	fail=1
fi

# Bad start-up arguments.
"$LATENTLAB" repl --data no-such-data </dev/null >out 2>err
status=$?
if [ "$status" -ne 1 ] || ! grep -q "no-such-data" err; then
	echo "FAIL: repl --data no-such-data: status $status"
	cat err
	fail=1
fi
"$LATENTLAB" repl --bogus </dev/null >out 2>err
status=$?
if [ "$status" -ne 2 ]; then
	echo "FAIL: repl --bogus: status $status, expected 2"
	fail=1
fi
"$LATENTLAB" repl a b </dev/null >out 2>err
status=$?
if [ "$status" -ne 2 ]; then
	echo "FAIL: repl with two files: status $status, expected 2"
	fail=1
fi
exit $fail
