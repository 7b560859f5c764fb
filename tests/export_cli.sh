#!/bin/sh
# export_cli.sh: data out of a trained model, and the names users of the
# field type. One check per item: `predict` for pairs (header names choose
# the columns, Spark's coldStartStrategy nan|drop), `recommend` for some
# users, `export` of ids, factors and biases as CSV, JSON and NumPy .npy, the
# lab's `export` command; Surprise's and Spark's algorithm names, and
# `latentlab algorithms` listing what the unknown-algorithm error points to.
set -u
: "${LATENTLAB:?run me through make check}"
tmp=${TMPDIR:-/tmp}/export_cli.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
run() {
	"$LATENTLAB" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
ok() { [ "$rc" = 0 ] || { fail "$1: status $rc"; sed 's/^/  err: /' "$tmp/err"; }; }
json() { perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); '"$1" <"$tmp/out"; }

run train -d toy -a SVD k=2 epochs=30 --seed 1 -o "$tmp/m"
ok "train -a SVD --save"
grep -q '^# biased on toy' "$tmp/out" || fail "Surprise's SVD is not our biased MF"

# predict: pairs on stdin, a header whose names choose the columns.
printf 'user,item\nMinsu,Avengers\nNobody,Avengers\n' >"$tmp/pairs"
run predict -d toy -m "$tmp/m" "$tmp/pairs"
ok "predict"
[ "$(head -1 "$tmp/out")" = "user,item,prediction" ] || fail "predict header"
grep -q '^Minsu,Avengers,[0-9.]*$' "$tmp/out" || fail "predict row"
grep -q '^Nobody,Avengers,$' "$tmp/out" || fail "cold start nan: an empty value"
p1=$(sed -n 's/^Minsu,Avengers,//p' "$tmp/out")
printf 'item,user\nAvengers,Minsu\n' | "$LATENTLAB" predict -d toy -m "$tmp/m" >"$tmp/out" 2>"$tmp/err"
[ "$(sed -n 's/^Minsu,Avengers,//p' "$tmp/out")" = "$p1" ] || fail "item,user header: columns swapped"
run predict -d toy -m "$tmp/m" --cold-start drop "$tmp/pairs"
[ "$(wc -l <"$tmp/out")" = 2 ] || fail "--cold-start drop"
run predict -d toy -m "$tmp/m" coldStartStrategy=drop -f json "$tmp/pairs"
json 'exit !(@$j == 1 && $j->[0]{user} eq "Minsu")' || fail "coldStartStrategy=drop, JSON"

# recommend: some users, n per user, no rated items.
run recommend -d toy -m "$tmp/m" -u Minsu,Cheolsu -n 2
ok "recommend"
[ "$(grep -c '^Minsu,' "$tmp/out")" = 2 ] && [ "$(grep -c '^Cheolsu,' "$tmp/out")" = 2 ] ||
	fail "recommend -n 2 for two users"
grep -q '^Minsu,[0-9],Notebook,' "$tmp/out" && fail "recommended an item Minsu rated"
run recommend -d toy -m "$tmp/m" -u Nobody
[ "$rc" = 1 ] && grep -q "no user 'Nobody'" "$tmp/err" || fail "recommend for an unknown user"

# export: ids, factors (CSV, JSON, npy), biases.
run export -d toy -m "$tmp/m" item-factors
ok "export item-factors"
[ "$(head -1 "$tmp/out")" = "id,title,f0,f1" ] || fail "item-factors header"
[ "$(wc -l <"$tmp/out")" = 11 ] || fail "item-factors rows"
run export -d toy -m "$tmp/m" user-factors -f json
json 'exit !(@$j == 10 && exists $j->[0]{f1} && $j->[0]{id} eq "Cheolsu")' || fail "user-factors json"
run export -d toy -m "$tmp/m" user-biases
grep -q '^(global mean),4\.03030303' "$tmp/out" || fail "biases: the global mean first"
run export -d toy -m "$tmp/m" -f npy -o "$tmp/Q.npy" item-factors
ok "export npy"
perl -e 'open F, "<", $ARGV[0] or exit 1; binmode F; local $/; my $b = <F>;
	exit 2 unless substr($b, 0, 8) eq "\x93NUMPY\x01\x00";
	my $h = unpack("v", substr($b, 8, 2)); my $d = substr($b, 10, $h);
	exit 3 unless (10 + $h) % 64 == 0 && $d =~ /'"'"'descr'"'"': '"'"'[<>]f4'"'"'/ && $d =~ /\(10, 2\)/;
	exit 4 unless length($b) == 10 + $h + 10 * 2 * 4;' "$tmp/Q.npy" || fail "npy header or size ($?)"
run export -d toy -m "$tmp/m" -f npy users
[ "$rc" = 1 ] && grep -q 'use csv or json' "$tmp/err" || fail "npy of ids refused"
run export -d toy items
grep -q '^0,Avengers,Avengers$' "$tmp/out" || fail "export items (no model needed)"
run export -d toy -m "$tmp/m" nonsense
[ "$rc" = 2 ] || fail "export nonsense: status $rc"
# A model from other data is refused, not misread.
awk 'BEGIN { for (u = 1; u <= 30; u++) for (i = 1; i <= 5; i++) print "u" u ",i" i "," (u + i) % 5 + 1 }' \
	>"$tmp/other.csv"
run train -d "$tmp/other.csv" -a biased k=2 epochs=1 -o "$tmp/other"
run export -d toy -m "$tmp/other" user-factors
[ "$rc" != 0 ] || fail "a model of other data was accepted"

# The lab's export command (REPL on stdin).
printf 'load toy\ntrain biased k=2 epochs=5\nexport item-factors %s\nexport users %s\n' \
	"$tmp/lab.csv" "$tmp/users.json" | "$LATENTLAB" repl >"$tmp/out" 2>"$tmp/err"
rc=$?
ok "lab export"
[ "$(head -1 "$tmp/lab.csv" 2>/dev/null)" = "id,title,f0,f1" ] || fail "lab export item-factors"
perl -MJSON::PP -e 'local $/; exit !(@{decode_json(<STDIN>)} == 10)' <"$tmp/users.json" ||
	fail "lab export users as JSON (from the .json extension)"

# Names from Surprise and Spark.
for a in SVD KNNBasic KNNWithMeans KNNBaseline BaselineOnly NormalPredictor ALS; do
	run train -d toy -a "$a"
	ok "train -a $a"
done
run train -d toy -a KNNWithMeans
grep -q '^# knn on toy' "$tmp/out" || fail "KNNWithMeans is knn"
run train -d toy -a ALS implicitPrefs=true k=2 epochs=2
grep -q '^# ials on toy' "$tmp/out" || fail "Spark's implicitPrefs=true is ials"
run train -d toy -a KNNBasic sim_options.name=cosine sim_options.user_based=false
ok "Surprise's sim_options keys"
run train -d toy -a SVDpp
[ "$rc" = 1 ] && grep -q "SVD++ is not built" "$tmp/err" || fail "SVDpp: say it is not built"
run train -d toy -a svdd
grep -q "see 'latentlab algorithms'" "$tmp/err" || fail "unknown algorithm: no pointer to the list"
run algorithms
for a in random mean baseline pop sgd biased als ials svd knn gmf bpr SVD KNNBaseline ALS; do
	grep -q "^  $a " "$tmp/out" || fail "algorithms does not list $a"
done
grep -q "truncated SVD" "$tmp/out" && grep -q "SVD is not svd" "$tmp/out" || fail "svd vs SVD"
awk 'length > 79 { exit 1 }' "$tmp/out" || fail "algorithms: a line wider than 79 columns"
run algorithms -f csv
[ "$(head -1 "$tmp/out")" = "name,algorithm,kind,library,preset,options,summary" ] || fail "algorithms csv"
run train --help
grep -q 'SVD' "$tmp/out" && awk 'length > 80 { exit 1 }' "$tmp/out" || fail "train --help: aliases, 80 columns"

exit $((fails > 0))
