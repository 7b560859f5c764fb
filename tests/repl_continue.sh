#!/bin/sh
# repl_continue.sh: a command continued over lines with a backslash, fed on
# stdin: the lines join (the backslash and the line break go), an error
# names the command's first line, a backslash on the last line runs what
# there is, an escaped backslash ("\\") does not continue, and a command
# longer than the bound is refused without ending the session.
set -u
: "${LATENTLAB:?}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
fail=0
bad() { echo "FAIL: $*"; fail=1; }

printf 'load toy\ntrain sgd \\\n  k=2 \\\n  epochs=5\nmodels\nnope \\\nmore\nprint a\\\\\nprint b\nstats\\' |
	"$LATENTLAB" repl >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || bad "a failing command should make the exit status 1"
grep -q "k=2, 5 epochs" "$tmp/out" || bad "the continued train did not run with k=2 epochs=5: $(cat "$tmp/out")"
grep -q "^<stdin>:6: unknown command 'nope'" "$tmp/err" || bad "the error does not name line 6: $(cat "$tmp/err")"
grep -qx 'a\\' "$tmp/out" || bad "an escaped backslash continued the line: $(cat "$tmp/out")"
grep -qx 'b' "$tmp/out" || bad "the line after an escaped backslash was swallowed"
grep -q "^source  *toy" "$tmp/out" || bad "a backslash on the last line lost the command"

# A command over the bound (64 KiB) is refused; the session goes on.
awk 'BEGIN { for (i = 0; i < 9000; i++) printf "print xxxxxxxx \\\n"; print "x"; print "print after" }' |
	"$LATENTLAB" repl >"$tmp/out2" 2>"$tmp/err2"
grep -q "longer than 65536 bytes" "$tmp/err2" || bad "an over-long command was not refused: $(head -c 300 "$tmp/err2")"
grep -qx "after" "$tmp/out2" || bad "the session did not go on after the over-long command"
grep -q "xxxxxxxx" "$tmp/out2" && bad "the rest of the over-long command ran"
[ $fail -eq 0 ] && echo "ok: continued lines"
exit $fail
