#!/bin/sh
# compare_cli.sh: `latentlab compare` on the toy data and on a small planted
# dataset (users in four taste groups), in text, CSV and JSON, and its errors.
set -u
: "${LATENTLAB:?run me through make check}"
tmp=${TMPDIR:-/tmp}/compare_cli.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

run() {
	"$LATENTLAB" compare "$@" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/rc"
}
status() { # status WANT DESCRIPTION
	[ "$(cat "$tmp/rc")" = "$1" ] || { fail "$2: status $(cat "$tmp/rc"), want $1"; cat "$tmp/err"; }
}
has() { # has FILE REGEX DESCRIPTION
	grep -Eq -- "$2" "$tmp/$1" || { fail "$3: no /$2/ in $1:"; cat "$tmp/$1"; }
}

run --data toy --algos random,mean,pop
status 0 "toy"
has out "lecture's figure" "the lecture's column"
has out '^random .* 20% ' "random beside the lecture's 20%"
has out '^mean .* 28% ' "mean beside the lecture's 28%"
has out '^pop .* - +none$' "pop has no lecture figure, no RMSE and no objective"
has out '^  pop +defaults$' "pop's settings under the table"
has out '^random .* 20% +none$' "random is trained on nothing"
has out 'split loo 99' "leave-one-out by default"

# 120 users in 4 groups; each rates 15 of its group's 50 items, one a second.
awk 'BEGIN {
	t = 1000; print "user,item,rating,timestamp"
	for (u = 0; u < 120; u++)
		for (j = 0; j < 15; j++)
			printf "u%d,i%d,%d,%d\n", u, ((u * 7 + j * 13) % 50) * 4 + u % 4, 3 + (u + j) % 3, t++
}' >"$tmp/planted.csv"
run --data "$tmp/planted.csv" --algos random,mean,bpr,gmf --seed 3 bpr.epochs=6 gmf.epochs=6 gmf.lr=0.01
status 0 "planted"
hr() { awk -v a="$1" '$1 == a { print $2 }' "$tmp/out"; }
rnd=$(hr random) bpr=$(hr bpr) gmf=$(hr gmf)
awk -v r="$rnd" -v b="$bpr" -v g="$gmf" 'BEGIN { exit !(r < 0.25 && b > 0.3 && g > 0.3) }' ||
	fail "planted groups: HR@10 random $rnd, bpr $bpr, gmf $gmf"
has out '^bpr .* 55-65% +clicks$' "bpr row with its objective"
has out '^  bpr +lr=0\.005 epochs=6 seed=3$' "bpr's settings under the table"
has out '^mean +0\.0000 +0\.0000 ' "mean: every item ties, and ties count against the held-out one"

run --data toy --algos mean,pop --format csv
status 0 "csv"
has out "^algorithm,HR@10,NDCG@10,RMSE,fit s,lecture's figure,trained on,settings" "csv header"

# issue 14: the default list has popularity, user neighbours and the
# implicit-trained dot products, and the footnote tells the table's story
run --data toy --algos pop,sgd,bpr,neumf neumf.epochs=1 bpr.epochs=1
status 0 "story"
has out '^Popularity \(HR [0-9.]+\) (beats|does not beat) every model trained on stars' "footnote: popularity"
has out 'the dot product bpr \([0-9.]+\) (beats|ties with|trails) NeuMF' "footnote: Rendle et al."
has out '^sgd .* stars$' "sgd trained on stars"
has out '^  sgd +k=10 lr=0\.01 reg=0\.05 epochs=20 shuffle=yes' "sgd's meaningful defaults"
"$LATENTLAB" compare --help | grep -q 'random,mean,pop,knn-user,sgd,svd,als,ials,bpr,neumf' ||
	fail "the default list in --help"
run --data toy --algos mean --format json
status 0 "json"
has out '"results": \[' "json results"
has out '"lecture.s figure": "28%"' "json lecture figure"

run --data toy --algos random,mean --cv 3
status 0 "cv"
has out 'HR@10 and NDCG@10: each test item ranked among all items' "HR over all items without negatives"
run --data toy --algos random,mean --cv 3 --format csv
has out '^algorithm,HR@10 \(all items\),NDCG@10 \(all items\),' "the CSV header says all items"

run --data toy --algos neumff
status 2 "unknown algorithm"
has err "did you mean 'neumf'" "suggestion"
run --data toy --algos mean sgd.k=3
status 2 "option for an algorithm not compared"
run --data toy --loo --cv 3
status 2 "two splits"
run --algos mean
status 2 "no data"
run --data "$tmp/none.csv"
status 1 "missing data"
has err "none.csv: No such file or directory" "missing data message"

[ "$fails" -eq 0 ] || exit 1
echo "compare_cli: all passed"
