#!/bin/sh
# lessons_ml_quiz.sh: the quiz answers of lessons 13, 14 and 16 hold on both
# datasets that `dataset: movielens` may mean: the bundled ml-latest-small
# (always) and ml-100k (when $LATENTLAB_DATA holds it).
#
# Each lesson is copied with one more step at its end, whose prose states
# the facts its quizzes and prose rely on as comparisons of expressions
# ("LT {{a}} {{b}}": a < b; "RUN {{command}}" runs a command whose last.*
# keys the next facts read). The step replays the whole lesson first, so the
# facts are about the numbers the lesson showed. A fact that fails names
# the lesson, the dataset and the line.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
LATENTLAB_PATH=$top_srcdir${LATENTLAB_PATH:+:$LATENTLAB_PATH}; export LATENTLAB_PATH
fail=0

facts_13='
LT {{last.shape.factor_bytes | %.0f}} {{last.shape.dense_bytes | %.0f}}
LT {{stats | %.0f}} {{last.shape.cells | %.0f}}
LT {{last.density | %.6f}} 0.5
RUN {{plot popularity | %.0f}}
LT 0.2 {{last.popularity.top_share | %.6f}}
LT {{plot matrix users=30 items=60 order=random | %.6f}} {{plot matrix users=30 items=60 | %.6f}}
LT {{last.density | %.6f}} {{last.filled | %.6f}}'

facts_14='
LT 0 {{last.sweep.diverged.0.05 | %.0f}}
LT {{last.sweep.test_rmse.10 | %.6f}} {{last.sweep.test_rmse.200 | %.6f}}
LT {{last.sweep.train_rmse.200 | %.6f}} {{last.sweep.train_rmse.2 | %.6f}}
LT {{last.sweep.train_rmse.200 | %.6f}} {{last.sweep.train_rmse.10 | %.6f}}
LT {{last.sweep.train_rmse.200 | %.6f}} {{last.sweep.train_rmse.50 | %.6f}}
LT {{plot loss model=none | %.6f}} {{plot loss model=l2 | %.6f}}
LT {{plot loss model=none | %.6f}} {{plot loss model=l1 | %.6f}}
LT {{last.rmse.l2 | %.6f}} {{last.rmse.none | %.6f}}
LT {{last.rmse.l1 | %.6f}} {{last.rmse.none | %.6f}}
RUN {{plot loss model=big best=yes | %.4f}}
LT {{last.best_epoch | %.0f}} 40
LT {{last.best_test_rmse | %.6f}} {{last.final_test_rmse | %.6f}}
RUN {{train sgd k=50 lr=0.01 reg=0.02 epochs=12 shuffle=yes name=b12 | %.4f}}
LT {{last.test_rmse | %.6f}} {{eval rmse model=big | %.6f}}'

facts_16='
RUN {{search "Toy Story (1995)" metric=dot n=10 | %.4f}}
LT {{last.search.dot_cosine | %.6f}} 1
LT {{last.search.dot_euclidean | %.6f}} 1
RUN {{search "Toy Story (1995)" metric=euclidean n=10 | %.4f}}
LT {{last.search.cosine_euclidean | %.6f}} 1
LT 0 {{last.norms.corr_count | %.6f}}
LT 0 {{last.norms.corr_mean | %.6f}}
RUN {{search "Toy Story (1995)" metric=cosine n=10 normalize=yes | %.4f}}
LT 0.999999 {{last.search.cosine_euclidean | %.6f}}
LT 0.999999 {{last.search.dot_cosine | %.6f}}'

# check NAME DATA_DIR LABEL: the lesson with its facts step, on that data.
check() {
	name=$1 data=$2 label=$3
	src=$top_srcdir/lessons/$name.lesson
	les=$tmp/$name.lesson
	eval "facts=\$facts_${name%%-*}"
	# One fact a paragraph, so that each prints on a line of its own.
	{ cat "$src"; printf '\n## Facts\n'; echo "$facts" | sed '/^$/d' | sed G; } > "$les"
	n=$(grep -c '^## ' "$les")
	if ! LATENTLAB_DATA=$data "$LATENTLAB" run --width 1000 --step "$n" "$les" > "$tmp/out" 2>&1; then
		cat "$tmp/out"
		echo "FAIL: $name on $label: the lesson does not play"
		fail=1
		return
	fi
	grep -qE "^(LT|RUN) " "$tmp/out" || { cat "$tmp/out"; echo "FAIL: $name on $label: no facts"; fail=1; return; }
	grep '^LT ' "$tmp/out" |
		awk -v n="$name" -v d="$label" '
			{ if (!($2 + 0 < $3 + 0)) { printf "FAIL: %s on %s: %s < %s does not hold (fact %d)\n", n, d, $2, $3, NR; bad = 1 } }
			END { exit bad }' || { fail=1; return; }
	echo "ok: $name on $label ($(grep -c '^LT ' "$tmp/out") facts)"
}

mkdir "$tmp/nodata"
for name in 13-real-matrix 14-sgd-at-scale 16-cosine-vs-euclidean; do
	check "$name" "$tmp/nodata" "the bundled ml-latest-small"
	if [ -n "${LATENTLAB_DATA:-}" ] && [ -r "$LATENTLAB_DATA/ml-100k/u.data" ]; then
		check "$name" "$LATENTLAB_DATA" "ml-100k"
	else
		echo "skip: $name on ml-100k (no \$LATENTLAB_DATA/ml-100k)"
	fi
done
exit $fail
