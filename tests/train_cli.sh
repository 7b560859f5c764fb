#!/bin/sh
# train_cli.sh: `latentlab train` on the toy data: per-epoch loss lines, the
# saved model file, the divergence message, and usage errors.
set -u
: "${LATENTLAB:?run me through make check}"
tmp=${TMPDIR:-/tmp}/train_cli.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

run() {
	"$LATENTLAB" train "$@" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/rc"
}

run --data toy --algo sgd epochs=12 seed=3 --save "$tmp/toy.model"
[ "$(cat "$tmp/rc")" = 0 ] || { fail "sgd on toy: status $(cat "$tmp/rc")"; cat "$tmp/err"; }
[ "$(grep -c '^ *[0-9]*/12 ' "$tmp/out")" = 12 ] || { fail "12 epoch lines expected"; cat "$tmp/out"; }
head -c 15 "$tmp/toy.model" | grep -q '^latentlab-model' || fail "no model file written"
# The loss falls from the first epoch to the last.
first=$(awk '$1 == "1/12" { print $2 }' "$tmp/out")
last=$(awk '$1 == "12/12" { print $2 }' "$tmp/out")
awk -v a="$first" -v b="$last" 'BEGIN { exit !(b < a) }' || fail "loss did not fall ($first -> $last)"

for algo in biased als ials svd; do
	run --data toy --algo "$algo" k=2 --seed 1
	[ "$(cat "$tmp/rc")" = 0 ] || { fail "$algo on toy: status $(cat "$tmp/rc")"; cat "$tmp/err"; }
done

# Wide & Deep saves like the others: the saved model predicts what the same
# training predicts on the spot.
run --data toy --algo wide_deep epochs=3 --seed 1 --save "$tmp/wd.model"
[ "$(cat "$tmp/rc")" = 0 ] || { fail "wide_deep --save: status $(cat "$tmp/rc")"; cat "$tmp/err"; }
printf 'Cheolsu,Notebook\nMinsu,Avengers\nSora,Frozen\n' >"$tmp/pairs"
"$LATENTLAB" predict --data toy --model "$tmp/wd.model" "$tmp/pairs" >"$tmp/a" 2>"$tmp/err" ||
	{ fail "predict with a saved wide_deep"; cat "$tmp/err"; }
"$LATENTLAB" predict --data toy --algo wide_deep epochs=3 --seed 1 "$tmp/pairs" >"$tmp/b" 2>&1
[ "$(wc -l <"$tmp/a")" = 4 ] && cmp -s "$tmp/a" "$tmp/b" ||
	{ fail "a saved wide_deep predicts otherwise"; cat "$tmp/a" "$tmp/b"; }

run --data toy --algo sgd lr=5 epochs=20
[ "$(cat "$tmp/rc")" = 1 ] || fail "divergence: status $(cat "$tmp/rc")"
grep -q 'training diverged at epoch 1 (loss NaN): the learning rate lr=5 is too large; try lr=0.5' "$tmp/err" ||
	{ fail "divergence message"; cat "$tmp/err"; }

run --data toy --algo sgd lrr=0.1
[ "$(cat "$tmp/rc")" = 1 ] && grep -q "unknown option 'lrr' (did you mean 'lr'?)" "$tmp/err" ||
	{ fail "misspelt option"; cat "$tmp/err"; }
run --data toy
[ "$(cat "$tmp/rc")" = 2 ] && grep -q -- '--algo is required' "$tmp/err" || fail "missing --algo"
run --help
[ "$(cat "$tmp/rc")" = 0 ] && grep -q 'Usage: latentlab train' "$tmp/out" || fail "--help"

[ "$fails" = 0 ] && echo "train_cli: all passed"
exit $((fails != 0))
