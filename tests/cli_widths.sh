#!/bin/sh
# cli_widths.sh: the batch subcommands' text output keeps within 80 terminal
# columns (a Hangul syllable is two, as wc -L counts them in a UTF-8
# locale) in English and in Korean, with arguments that make lines long:
# compare's settings and verdicts, quantize's title and table, eval's path
# heading and --full's many measures, ann's, train's and export-db's lines,
# the --help of each subcommand. Small data and few epochs: it runs in
# seconds.
set -u
: "${LATENTLAB:?run me through make check}"
tmp=${TMPDIR:-/tmp}/cli_widths.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
export LC_ALL=C.UTF-8
[ "$(printf '가나abc\n' | wc -L)" = 7 ] || { echo "wc -L does not count Hangul as two columns"; exit 77; }

# width LANG ARGS...: run, and fail when a line of stdout is over 80 columns
# (printing those lines) or when the command fails.
width() {
	lang=$1
	shift
	"$LATENTLAB" --lang "$lang" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 0 ] || { fail "$lang $*: status $rc"; cat "$tmp/err"; return; }
	[ -s "$tmp/out" ] || { fail "$lang $*: no output"; return; }
	w=$(wc -L <"$tmp/out")
	[ "$w" -le 80 ] && return
	fail "$lang $*: a line is $w columns wide:"
	while IFS= read -r line; do
		[ "$(printf '%s\n' "$line" | wc -L)" -le 80 ] || printf '%s\n' "$line"
	done <"$tmp/out"
}

# 300 users in 4 taste groups, in a file whose name makes titles long.
planted=$tmp/planted-ratings-of-three-hundred-users-in-four-groups.csv
awk 'BEGIN {
	t = 1000; print "user,item,rating,timestamp"
	for (u = 0; u < 300; u++)
		for (j = 0; j < 15; j++)
			printf "u%d,i%d,%d,%d\n", u, ((u * 7 + j * 13) % 50) * 4 + u % 4, 3 + (u + j) % 3, t++
}' >"$planted"

serve=0
"$LATENTLAB" export-db --help >/dev/null 2>&1 && serve=1 # serve is built

for lang in en ko; do
	# compare: settings under the table (sgd's are long), the splits over
	# all items (their headings were the widest), a failed fit's message.
	width $lang compare --data ml-latest-small --algos mean,pop,sgd,biased \
		sgd.epochs=3 biased.epochs=3
	width $lang compare --data toy --algos random,mean,pop,sgd,bpr,neumf \
		bpr.epochs=2 neumf.epochs=1
	width $lang compare --data toy --cv 3 --algos mean,pop,sgd
	"$LATENTLAB" --lang $lang compare --data toy --algos mean,sgd sgd.lr=50 sgd.epochs=50 \
		>"$tmp/out" 2>/dev/null
	grep -q 'failed: ' "$tmp/out" || fail "$lang compare: no failed fit to measure"
	[ "$(wc -L <"$tmp/out")" -le 80 ] || { fail "$lang compare with a failed fit is too wide"; cat "$tmp/out"; }

	# quantize: the title with a long file name, the precisions table, the
	# dims table and the int4 grid, and the one table alone at K = 100.
	width $lang quantize --data "$planted" k=4 epochs=2 --dims 2
	width $lang quantize --data toy k=2 epochs=3 --dims 2,4 --grid Avengers
	width $lang quantize --data toy k=2 epochs=3 --dims none --k 100 --table precisions

	# eval: a heading with the data's path, --full's many measures,
	# leave-one-out's notes, a model that only ranks.
	width $lang eval --data ml-latest-small --algo pop --loo --full
	width $lang eval --data toy --algo sgd --cv 3 --full
	width $lang eval --data toy --algo biased --holdout 0.2
	width $lang eval --data "$planted" --algo bpr --loo epochs=2

	# ann and train: the lines around their tables.
	width $lang ann --data toy --k 5
	width $lang train --data ml-latest-small --algo biased epochs=2
	width $lang train --data toy --algo svd k=2
	width $lang train --data "$planted" --algo biased epochs=2 -o "$tmp/m.model"

	# export-db's line, with the path of the database (when serve is built).
	if [ $serve = 1 ]; then
		width $lang export-db --db "$tmp/a-database-of-planted-ratings.db" --data "$planted" \
			--algo biased epochs=2
	fi

	# Every --help.
	width $lang --help
	for c in run check repl stats eval train compare quantize ann algorithms predict \
		recommend export import download; do
		width $lang $c --help
	done
	if [ $serve = 1 ]; then
		for c in export-db serve loadtest; do
			width $lang $c --help
		done
	fi
done

# What the text shows differently, CSV keeps: the settings column, the
# names of quantize's columns.
"$LATENTLAB" compare --data toy --algos pop,sgd --format csv >"$tmp/csv" 2>/dev/null
grep -q '^algorithm,HR@10,NDCG@10,RMSE,fit s,lecture.s figure,trained on,settings$' "$tmp/csv" ||
	fail "compare's CSV header changed"
grep -q ',stars,k=10 lr=0.01 reg=0.05 epochs=20 shuffle=yes seed=0$' "$tmp/csv" ||
	fail "compare's CSV lost sgd's settings"
"$LATENTLAB" quantize --data toy k=2 epochs=3 --dims none --format csv >"$tmp/csv" 2>/dev/null
grep -q '^precision,scale,bytes,of_f32,max_error,rmse,mae,hr@10,ndcg@10,top10_overlap$' "$tmp/csv" ||
	fail "quantize's CSV header changed"
exit $((fails != 0))
