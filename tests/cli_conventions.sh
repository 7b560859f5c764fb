#!/bin/sh
# cli_conventions.sh: the command line as GNU tools have it, one check per
# convention: one option parser for every subcommand (--opt=value, --opt
# value, abbreviations, "--" ends the options, --help and --version, one
# message style "latentlab CMD: ..."), a suggestion for a mistyped
# subcommand, write errors that are errors, and output formats (train
# --format, one CSV table per output, CSV as precise as JSON).
set -u
: "${LATENTLAB:?run me through make check}"
tmp=${TMPDIR:-/tmp}/cli_conventions.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
run() {
	"$LATENTLAB" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
expect() { # STATUS WHAT
	[ "$rc" = "$1" ] || { fail "$2: status $rc, expected $1"; sed 's/^/  err: /' "$tmp/err"; }
}

# Every subcommand: --help and --version on stdout, status 0; write errors.
subs="run check repl stats eval train compare quantize ann algorithms predict recommend export"
for s in $subs; do
	run "$s" --help
	expect 0 "$s --help"
	grep -q "^Usage: latentlab $s" "$tmp/out" || fail "$s --help: no usage line"
	grep -q -- '--version' "$tmp/out" || fail "$s --help does not list --version"
	run "$s" --version
	expect 0 "$s --version"
	grep -q '^latentlab [0-9]' "$tmp/out" || fail "$s --version: no version line"
	# gnulib's close_stdout: output that cannot be written is a failure.
	if [ -w /dev/full ]; then
		run "$s" --help
		"$LATENTLAB" "$s" --help >/dev/full 2>"$tmp/err"
		rc=$?
		expect 1 "$s --help >/dev/full"
		grep -q "^latentlab $s: write error" "$tmp/err" || fail "$s: no 'write error' message"
	fi
	# One message style: "latentlab CMD: ...", then a pointer to --help.
	run "$s" --no-such-option
	expect 2 "$s --no-such-option"
	grep -q "^latentlab $s: unrecognized option '--no-such-option'" "$tmp/err" ||
		{ fail "$s: unknown option message"; cat "$tmp/err"; }
	grep -q "^Try 'latentlab $s --help' for more information." "$tmp/err" ||
		fail "$s: no pointer to --help"
done
if [ -w /dev/full ]; then
	"$LATENTLAB" --help >/dev/full 2>"$tmp/err"
	[ $? = 1 ] && grep -q '^latentlab: write error' "$tmp/err" || fail "--help >/dev/full"
	"$LATENTLAB" stats --data toy >/dev/full 2>"$tmp/err"
	[ $? = 1 ] || fail "stats >/dev/full is no success"
	"$LATENTLAB" run "$top_srcdir/tests/lessons/minimal.lesson" >/dev/full 2>"$tmp/err"
	[ $? = 1 ] || fail "run >/dev/full is no success"
fi

# --opt=value, --opt value, abbreviations, short options, and "--".
run train --data=toy --algo=sgd epochs=2
expect 0 "train --data=toy"
run train --dat toy --al sgd epochs=2
expect 0 "train with abbreviations"
run stats -d toy -f json
expect 0 "stats with short options"
run train -d toy -a sgd -- epochs=2
expect 0 "train ... -- KEY=VALUE"
run stats -- --data toy
expect 2 "stats -- --data (an operand after --)"
grep -q "^latentlab stats: unexpected argument '--data'" "$tmp/err" || fail "operand after --"
run quantize --d toy
expect 2 "quantize --d (ambiguous)"
grep -q "option '--d' is ambiguous; possibilities: '--data' '--dims'" "$tmp/err" ||
	{ fail "ambiguous option message"; cat "$tmp/err"; }
run eval --frmat csv
grep -q "unrecognized option '--frmat' (did you mean '--format'?)" "$tmp/err" ||
	fail "no suggestion for --frmat"
run train --data
expect 2 "train --data (no value)"
grep -q "^latentlab train: option '--data' requires an argument" "$tmp/err" || fail "missing value message"
run stats --help=x
grep -q "option '--help' doesn't allow an argument" "$tmp/err" || fail "--help=x"

# A mistyped subcommand gets a suggestion.
run stat
expect 2 "latentlab stat"
grep -q "unknown command 'stat' (did you mean 'stats'?)" "$tmp/err" || fail "no suggestion for stat"
run recomend
grep -q "did you mean 'recommend'" "$tmp/err" || fail "no suggestion for recomend"

# train --format: CSV is one table; JSON is one document.
run train -d toy -a biased epochs=3 --seed 1 --format csv
expect 0 "train --format csv"
[ "$(head -1 "$tmp/out")" = "epoch,loss,seconds" ] || fail "train csv header: $(head -1 "$tmp/out")"
[ "$(wc -l <"$tmp/out")" = 4 ] || fail "train csv: 3 epoch rows expected"
run train -d toy -a biased epochs=3 --seed 1 --format json
expect 0 "train --format json"
perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); exit !(@{$j->{epochs}} == 3 && $j->{algo} eq "biased")' \
	<"$tmp/out" || fail "train json"

# One table per CSV output (--table NAME picks another); same digits as JSON.
run stats --data toy --format csv
[ "$(grep -c '^field,value$' "$tmp/out")" = 1 ] && ! grep -q '^rating,count' "$tmp/out" ||
	fail "stats csv: more than one table"
run stats --data toy --format csv --table histogram
[ "$(head -1 "$tmp/out")" = "rating,count,share %" ] || fail "stats --table histogram"
run stats --data toy --table nope
expect 2 "stats --table nope"
run quantize --data toy k=2 epochs=3 --dims none --format csv
expect 0 "quantize csv"
[ "$(grep -c '^precision,' "$tmp/out")" -le 1 ] || fail "quantize csv: one table"
run stats --data toy --format csv
csv=$(sed -n 's/^mean rating,//p' "$tmp/out")
run stats --data toy --format json
json=$(perl -MJSON::PP -e 'local $/; print decode_json(<STDIN>)->{mean}' <"$tmp/out")
[ -n "$csv" ] && awk -v a="$csv" -v b="$json" 'BEGIN { d = a - b; exit !(d < 1e-9 && d > -1e-9) }' ||
	fail "CSV mean $csv is not JSON's $json"

exit $((fails > 0))
