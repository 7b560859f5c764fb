#!/bin/sh
# eval_movielens.sh: BaselineOnly on ml-100k's u1 fold, against the figure
# measured with Surprise's algorithm (RMSE 0.959944, MAE 0.761583 on u1;
# 0.945736 / 0.749934 over u1-u5). Skips without $LATENTLAB_DATA.
set -u
: "${LATENTLAB:?run me through make check}"
dir=${LATENTLAB_DATA:-}/ml-100k
if [ -z "${LATENTLAB_DATA:-}" ] || [ ! -f "$dir/u1.base" ]; then
	echo "LATENTLAB_DATA does not hold ml-100k: skipped"
	exit 77
fi
out=$("$LATENTLAB" eval --data "$dir" --algo baseline --folds u1 --format csv) || exit 1
echo "$out"
echo "$out" | awk -F, '
	$1 == "u1" { found = 1
		if ($4 < 0.9594 || $4 > 0.9605) { print "RMSE " $4 " is not 0.9599"; bad = 1 }
		if ($5 < 0.7611 || $5 > 0.7621) { print "MAE " $5 " is not 0.7616"; bad = 1 } }
	END { if (!found) print "no u1 row"; exit (bad || !found) }' || exit 1
# Random predictions are far worse (about 1.54 on u1) but still finite.
out=$("$LATENTLAB" eval --data "$dir" --algo random --folds u1 --format csv) || exit 1
echo "$out"
echo "$out" | awk -F, '$1 == "u1" { found = 1; if ($4 < 1.4 || $4 > 1.7) bad = 1 }
	END { exit (bad || !found) }' || { echo "random RMSE out of 1.4..1.7"; exit 1; }
exit 0
