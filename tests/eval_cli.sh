#!/bin/sh
# eval_cli.sh: `latentlab eval` on the toy data in text, CSV and JSON, and
# its error messages.
set -u
: "${LATENTLAB:?run me through make check}"
tmp=${TMPDIR:-/tmp}/eval_cli.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Run: status, stdout and stderr into $tmp/{rc,out,err}.
run() {
	"$LATENTLAB" eval "$@" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/rc"
}
ok() { # ok DESCRIPTION: the last run succeeded
	[ "$(cat "$tmp/rc")" = 0 ] || { fail "$1: status $(cat "$tmp/rc")"; cat "$tmp/err"; }
}
bad() { # bad DESCRIPTION PATTERN: the last run failed and stderr matches
	[ "$(cat "$tmp/rc")" != 0 ] || fail "$1: status 0"
	grep -q -- "$2" "$tmp/err" || { fail "$1: no '$2' in:"; cat "$tmp/err"; }
}

# A JSON parser: core perl's JSON::PP, else python3, else a grep-level check.
json_check() { # json_check FILE PERL-EXPR (on $j, must be true)
	if perl -MJSON::PP -e 1 2>/dev/null; then
		perl -MJSON::PP -e '
			local $/; open my $f, "<", $ARGV[0] or die; my $t = <$f>;
			my $j = JSON::PP->new->decode($t);
			exit(eval($ARGV[1]) ? 0 : 1);' "$1" "$2"
	elif command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1"
	else
		grep -q '"rmse"' "$1" && grep -q '"folds"' "$1"
	fi
}

# Text: a header, five folds and the mean.
run --data toy --algo baseline
ok "text"
grep -q 'baseline on .*toy' "$tmp/out" || fail "text: no title"
grep -Eq '^fold +train +test +rmse +mae +fit_seconds$' "$tmp/out" || fail "text: no header row"
[ "$(grep -Ec '^fold [1-5] ' "$tmp/out")" = 5 ] || fail "text: not 5 folds"
grep -Eq '^mean +[0-9]+ +[0-9]+ +[0-9]\.[0-9]{4} +[0-9]\.[0-9]{4} ' "$tmp/out" || fail "text: no mean row"

# CSV: header, 5 folds, mean; same seed, same figures.
run --data toy --algo baseline --cv 5 --seed 3 --format csv
ok "csv"
head -1 "$tmp/out" | grep -qx 'fold,train,test,rmse,mae,fit_seconds' || fail "csv: header"
[ "$(wc -l <"$tmp/out")" = 7 ] || fail "csv: expected 7 lines"
cut -d, -f1-5 "$tmp/out" >"$tmp/a"
run --data toy --algo baseline --cv 5 --seed 3 --format csv
cut -d, -f1-5 "$tmp/out" | cmp -s - "$tmp/a" || fail "csv: not deterministic for a seed"
run --data toy --algo baseline --cv 5 --seed 4 --format csv
cut -d, -f1-5 "$tmp/out" | cmp -s - "$tmp/a" && fail "csv: seed 4 gives seed 3's folds"

# JSON: one object with means, per-fold figures, timings and the setup.
run --data toy --algo baseline --format json reg_u=5
ok "json"
json_check "$tmp/out" '$j->{algo} eq "baseline" && defined $j->{rmse} && defined $j->{mae}
	&& @{$j->{folds}} == 5 && defined $j->{fit_seconds} && $j->{split} eq "cv 5"
	&& $j->{params}{reg_u} eq "5" && $j->{seed} == 0 && defined $j->{data}
	&& $j->{rmse} > 0 && $j->{rmse} < 4 && defined $j->{folds}[4]{rmse}' ||
	{ fail "json: fields"; cat "$tmp/out"; }

# Leave-one-out: hr@K and ndcg@K named after the cutoff; pop has no RMSE.
run --data toy --algo pop --loo --negatives 4 --k 3 --format json
ok "json loo"
json_check "$tmp/out" 'defined $j->{q(hr@3)} && defined $j->{q(ndcg@3)} && !defined $j->{rmse}
	&& $j->{q(hr@3)} >= 0 && $j->{q(hr@3)} <= 1 && $j->{ranking_only}' ||
	{ fail "json loo: fields"; cat "$tmp/out"; }
run --data toy --algo baseline --loo --full --format csv
ok "loo full"
head -1 "$tmp/out" | grep -q 'rmse,mae,hr@10,ndcg@10,hr@10_full,ndcg@10_full,precision@10,recall@10,coverage@10' ||
	fail "loo full: columns"
run --data toy --algo baseline --holdout 0.25 --format text
ok "holdout"
grep -q '^holdout ' "$tmp/out" || fail "holdout: no row"

# The cold part (--max-ratings): a bound above every count is the whole
# test; a bound of 0 counts nothing (n/a); the columns follow rmse and mae.
run --data toy --algo mean --holdout 0.3 --seed 2 --max-ratings 1000000 --format json
ok "max-ratings all"
json_check "$tmp/out" '$j->{rmse_cold} == $j->{rmse} && $j->{mae_cold} == $j->{mae}
	&& $j->{test_cold} == $j->{folds}[0]{test}' ||
	{ fail "max-ratings all: not the whole test"; cat "$tmp/out"; }
run --data toy --algo mean --holdout 0.3 --seed 2 --max-ratings 0 --cold items --format csv
ok "max-ratings 0"
head -1 "$tmp/out" | grep -qx 'fold,train,test,rmse,mae,test_cold,rmse_cold,mae_cold,fit_seconds' ||
	{ fail "max-ratings: columns"; cat "$tmp/out"; }
run --data toy --algo baseline --cv 2 --max-ratings 3
ok "max-ratings text"
grep -q 'whose user has at most 3 training ratings' "$tmp/out" || fail "max-ratings: no note"
run --data toy --algo baseline --cold items
bad "cold without max-ratings" "--max-ratings"
run --data toy --algo baseline --max-ratings -1
bad "negative max-ratings" "--max-ratings"

# Strings in JSON are escaped: a data path with a quote, a backslash and a tab.
odd="$tmp/we\"ird\\	name.csv"
printf 'user,item,rating\na,x,4\nb,x,3\nc,y,5\nc,x,2\nd,y,4\nd,x,1\ne,y,3\ne,x,4\nf,y,2\nf,x,5\n' >"$odd"
run --data "$odd" --algo mean --cv 2 --format json
ok "json of an odd path"
json_check "$tmp/out" '$j->{data} =~ /we"ird\\\tname\.csv$/ && defined $j->{rmse}' ||
	{ fail "json: odd path not escaped"; cat "$tmp/out"; }

run --help
ok "--help"
grep -q -- '--loo' "$tmp/out" || fail "--help: no --loo"
grep -q 'grouplens.org' "$tmp/out" || fail "--help: no word on MovieLens"

# Errors: status != 0 and a useful message.
run --data toy --algo basline
bad "unknown algo" "did you mean 'baseline'"
run --data toy --algo baseline --folsd u1
bad "unknown option" "did you mean '--folds'"
run --data toy --algo baseline reg_uu=3
bad "unknown algo option" "reg_u"
run --data toy --algo baseline epochs=many
bad "bad option value" "epochs"
run --data toy --algo baseline --format xml
bad "bad format" "text, csv or json"
run --data toy --algo baseline --cv 1
bad "bad cv" "--cv"
run --data toy --algo baseline --cv 3 --loo
bad "two splits" "one split"
run --data toy --algo baseline --folds u1-u5
bad "folds without ml-100k" "u1.base"
run --data toy --algo baseline --negatives 5
bad "negatives without loo" "--loo"
run --algo baseline
bad "no data" "--data"
run --data toy
bad "no algo" "--algo"
LATENTLAB_DATA= run --data ml-100k-missing --algo baseline
bad "missing MovieLens" "grouplens.org"
grep -q 'LATENTLAB_DATA' "$tmp/err" || fail "missing MovieLens: no LATENTLAB_DATA"
grep -q 'licen' "$tmp/err" || fail "missing MovieLens: no word on the licence"
run --data "$tmp/nothing-here" --algo baseline
bad "missing file" "nothing-here: No such file or directory"

echo "$fails failed"
[ "$fails" = 0 ]
