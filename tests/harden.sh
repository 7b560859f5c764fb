#!/bin/sh
# harden.sh: the batch front ends on hostile input (issue 16): a FIFO or a
# device is refused by check, run, open and load at once (never a hang), a
# lesson cannot write outside its scratch folder, and control bytes in names
# reach the terminal as \x1b text, never as escape sequences.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
LC_ALL=C.UTF-8; export LC_ALL
cd "$tmp" || exit 99
fail=0

# refused WANT CMD...: CMD fails within 10 s with WANT in its stderr.
refused() {
	want=$1
	shift
	timeout 10 "$@" >out 2>err </dev/null
	got=$?
	if [ "$got" -eq 0 ] || [ "$got" -eq 124 ] || ! grep -qF -- "$want" err; then
		echo "FAIL: '$*' (status $got) should fail with '$want'; stderr:"
		cat err
		fail=1
	fi
}

mkfifo x.lesson fifo.lab
refused 'x.lesson: is a FIFO' "$LATENTLAB" check x.lesson
refused 'x.lesson: is a FIFO' "$LATENTLAB" run x.lesson
refused '/dev/zero: is a character device' "$LATENTLAB" check /dev/zero
printf 'open fifo.lab\n' >s1
refused 'fifo.lab: is a FIFO' "$LATENTLAB" run s1
printf 'load fifo.lab\n' >s2
refused 'not a regular file' "$LATENTLAB" run s2

# A lesson's save goes to its scratch folder, and `check` refuses a path.
cat >w.lesson <<'L'
title: writes
dataset: toy

## One
$$ train sgd k=2 epochs=2
$$ save model.lab
Saved.
L
timeout 20 "$LATENTLAB" run w.lesson >out 2>err || { echo "FAIL: run w.lesson"; cat err; fail=1; }
[ -f "$XDG_STATE_HOME/latentlab/scratch/w/model.lab" ] || { echo "FAIL: no scratch save"; fail=1; }
[ ! -e model.lab ] || { echo "FAIL: the lesson wrote into the current folder"; fail=1; }
sed 's|save model.lab|save /tmp/victim-$$.txt|' w.lesson >v.lesson
refused 'v.lesson:6: save: a lesson writes only into its scratch folder' "$LATENTLAB" check v.lesson
refused 'v.lesson:6: save: a lesson writes only into its scratch folder' "$LATENTLAB" run v.lesson

# Control bytes in names: shown as text by the REPL and by run.
esc=$(printf '\033')
printf 'load toy\nrate "\\x1b[2J\\x1b]2;owned\\x07" Avengers 4\nusers\nunrate "\\x1b[5J" Avengers\n' >s3
timeout 10 "$LATENTLAB" repl <s3 >out 2>err
if grep -q "$esc" out err; then
	echo "FAIL: an ESC byte reached the output"; od -c out | head; fail=1
fi
grep -qF '\x1b[2J\x1b]2;owned\x07' out || { echo "FAIL: the name is not shown escaped"; cat out; fail=1; }
grep -qF '\x1b[5J' err || { echo "FAIL: the error does not show the name escaped"; cat err; fail=1; }
timeout 10 "$LATENTLAB" run s3 >out 2>err
if grep -q "$esc" out err; then
	echo "FAIL: an ESC byte reached run's output"; fail=1
fi
exit $fail
