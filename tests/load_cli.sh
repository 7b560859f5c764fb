#!/bin/sh
# load_cli.sh: ratings from standard input ('-', /dev/stdin) for latentlab
# stats, train and eval and the lab's load; gzip files; a header that swaps
# the columns read right; an unknown header refused with file:1:; an
# implicit user,item log measured without RMSE. Each variant's numbers are
# compared with those of the plain file, printed by the same command.
set -u
: "${LATENTLAB:?run me through make check}"
: "${top_srcdir:?run me through make check}"
tmp=${TMPDIR:-/tmp}/load_cli_sh.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
toy=$top_srcdir/data/toy/ratings.csv

# stats of a dataset, without its source line (which names the file)
stats() { "$LATENTLAB" stats "$@" 2>"$tmp/err" | grep -v '^source '; }

stats --data "$toy" >"$tmp/plain" || fail "stats of the toy ratings file"
grep -q '^ratings  *33$' "$tmp/plain" || { fail "the toy file has 33 ratings"; cat "$tmp/plain"; }

stats --data - <"$toy" >"$tmp/out" || { fail "stats --data -"; cat "$tmp/err"; }
cmp -s "$tmp/plain" "$tmp/out" || fail "stats --data - differs from the file's"
"$LATENTLAB" stats --data - <"$toy" | grep -q '^source  *stdin$' || fail "stdin's source is stdin"
cat "$toy" | stats --data /dev/stdin >"$tmp/out" || { fail "stats --data /dev/stdin"; cat "$tmp/err"; }
cmp -s "$tmp/plain" "$tmp/out" || fail "stats --data /dev/stdin (a pipe) differs from the file's"

# train and eval on standard input: the same numbers as on the file
"$LATENTLAB" train --data "$toy" --algo biased --seed 3 >"$tmp/t1" 2>&1 || fail "train on the file"
"$LATENTLAB" train --data - --algo biased --seed 3 <"$toy" >"$tmp/t2" 2>&1 ||
	{ fail "train --data -"; cat "$tmp/t2"; }
# epoch and loss (not the seconds, nor the header that names the data)
awk '$1 ~ /\// { print $1, $2 }' "$tmp/t1" >"$tmp/t1n"
awk '$1 ~ /\// { print $1, $2 }' "$tmp/t2" >"$tmp/t2n"
[ -s "$tmp/t1n" ] && cmp -s "$tmp/t1n" "$tmp/t2n" || fail "train --data - differs from the file"
"$LATENTLAB" eval --data "$toy" --algo baseline --format json >"$tmp/e1" 2>/dev/null ||
	fail "eval on the file"
cat "$toy" | "$LATENTLAB" eval --data - --algo baseline --format json >"$tmp/e2" 2>/dev/null ||
	fail "eval --data -"
rmse1=$(sed -n 's/^  "rmse": \(.*\),$/\1/p' "$tmp/e1")
rmse2=$(sed -n 's/^  "rmse": \(.*\),$/\1/p' "$tmp/e2")
[ -n "$rmse1" ] && [ "$rmse1" = "$rmse2" ] || fail "eval's RMSE on stdin ($rmse2) is the file's ($rmse1)"

# the lab's load reads standard input too
printf 'load -\n' >"$tmp/script"
"$LATENTLAB" run "$tmp/script" <"$toy" >"$tmp/out" 2>&1 || { fail "load - in a script"; cat "$tmp/out"; }
grep -q '33 ratings' "$tmp/out" || { fail "load - loads the 33 ratings"; cat "$tmp/out"; }
printf 'load /dev/stdin\n' >"$tmp/script"
cat "$toy" | "$LATENTLAB" run "$tmp/script" >"$tmp/out" 2>&1 ||
	{ fail "load /dev/stdin from a pipe"; cat "$tmp/out"; }
grep -q '33 ratings' "$tmp/out" || fail "load /dev/stdin loads the 33 ratings"

# gzip: the same statistics, or a message that says how to get zlib
gzip -c "$toy" >"$tmp/toy.csv.gz"
if stats --data "$tmp/toy.csv.gz" >"$tmp/out"; then
	cmp -s "$tmp/plain" "$tmp/out" || fail "a .gz file differs from the plain one"
	gzip -c "$toy" | stats --data - >"$tmp/out" || fail "gzip on standard input"
	cmp -s "$tmp/plain" "$tmp/out" || fail "gzip on standard input differs"
else
	grep -q 'without zlib' "$tmp/err" || { fail "a .gz file without zlib says so"; cat "$tmp/err"; }
fi

# a header names the columns: swapped columns are read right
awk -F, 'NR == 1 { print "rating,item,user"; next } { print $3 "," $2 "," $1 }' "$toy" >"$tmp/swap.csv"
stats --data "$tmp/swap.csv" >"$tmp/out" || { fail "a swapped header"; cat "$tmp/err"; }
cmp -s "$tmp/plain" "$tmp/out" || fail "rating,item,user is not read as the toy file"
sed 's/ /_/g; s/,/   /g; 1s/.*/user_id   item_id   rating/' "$toy" >"$tmp/ws.txt"
"$LATENTLAB" stats --data "$tmp/ws.txt" >"$tmp/out" 2>"$tmp/err" || { fail "a blank-separated file"; cat "$tmp/err"; }
grep -q '^ratings  *33$' "$tmp/out" || fail "the blank-separated file has 33 ratings"
printf 'user,song,stars\nu1,A,5\n' >"$tmp/unknown.csv"
"$LATENTLAB" stats --data "$tmp/unknown.csv" >/dev/null 2>"$tmp/err" && fail "an unknown header loads"
grep -q "unknown.csv:1: unknown column 'song'" "$tmp/err" || { fail "the unknown header's message"; cat "$tmp/err"; }

# an implicit log: ranked, never given an RMSE
awk -F, 'NR > 1 { print $1 "," $2 }' "$toy" >"$tmp/log.csv"
stats --data "$tmp/log.csv" >"$tmp/out" || fail "stats of a log"
grep -q '^feedback  *implicit' "$tmp/out" || { fail "stats says the log is implicit"; cat "$tmp/out"; }
"$LATENTLAB" eval --data "$tmp/log.csv" --algo biased >"$tmp/out" 2>&1 || fail "eval biased on a log"
grep -q 'implicit feedback' "$tmp/out" || { fail "eval says the log is implicit"; cat "$tmp/out"; }
"$LATENTLAB" eval --data "$tmp/log.csv" --algo biased --format json >"$tmp/out" 2>&1
grep -q '"implicit": true' "$tmp/out" && grep -q '"rmse": null' "$tmp/out" ||
	{ fail "eval's JSON on a log has no RMSE"; cat "$tmp/out"; }
"$LATENTLAB" eval --data "$tmp/log.csv" --algo bpr --loo --format json >"$tmp/out" 2>&1 ||
	{ fail "bpr on a log"; cat "$tmp/out"; }
grep -q '"hr@10": [0-9]' "$tmp/out" || { fail "bpr on a log has an HR"; cat "$tmp/out"; }

[ "$fails" -eq 0 ] && echo "load_cli.sh: all passed"
[ "$fails" -eq 0 ]
