#!/bin/sh
# tui_lessons_ml.sh: step through lessons 13, 14 and 16 (MovieLens) in the
# real TUI, on the bundled ml-latest-small, and check that the numbers of
# each step's first paragraph are on the screen exactly as `latentlab run`
# prints them for the same step (both from the engine, replayed from the
# lesson's seed); quizzes are answered with the headless run's answer. The
# scenes (shape, heat map, sweep curves, the expected error) must draw
# without the player failing on them.
. "$top_srcdir/tests/tui_lib.sh"

TUI_DEADLINE=40
# The bundled release, whatever $LATENTLAB_DATA holds.
mkdir -p "$TUI_TMP/nodata"
LATENTLAB_DATA=$TUI_TMP/nodata; export LATENTLAB_DATA
TUI_ENV="LATENTLAB_DATA='$TUI_TMP/nodata'"
for name in 13-real-matrix 14-sgd-at-scale 16-cosine-vs-euclidean; do
	out="$TUI_TMP/$name.run"
	LC_ALL=C.UTF-8 LATENTLAB_PATH="$top_srcdir" "$LATENTLAB" run --width 60 "$name" > "$out" 2>&1 ||
		{ cat "$out"; echo "FAIL: latentlab run $name"; exit 1; }
	steps=$(sed -n 's/^Step [0-9]*\/\([0-9]*\): .*/\1/p' "$out" | head -n 1)
	[ -n "$steps" ] || { cat "$out"; echo "FAIL: no steps in the run of $name"; exit 1; }

	tui_start "LATENTLAB_PATH='$top_srcdir' $LATENTLAB --lesson $name"
	tmux_ resize-window -x 160 -y 60
	i=1
	while [ "$i" -le "$steps" ]; do
		tui_wait "step $i/$steps"
		# The decimals of the step's first paragraph (always prose).
		awk -v s="Step $i/$steps:" '
			index($0, s) == 1 { on = 1; getline; next }
			on && /^$/ { exit }
			on { print }' "$out" |
			grep -oE -- '-?[0-9]+\.[0-9]+' | head -n 6 > "$TUI_TMP/numbers"
		while read -r n; do
			tui_wait "$n"
		done < "$TUI_TMP/numbers"
		answer=$(awk -v s="Step $i/$steps:" '
			index($0, s) == 1 { on = 1; next }
			on && /^Step [0-9]+\// { exit }
			on && /^Answer: / { sub(/^Answer: /, ""); sub(/\..*/, ""); print; exit }' "$out")
		if [ -n "$answer" ]; then
			tui_keys "$answer"
			tui_wait "Right."
		fi
		i=$((i + 1))
		[ "$i" -le "$steps" ] && tui_keys n
	done
	tui_keys q
	tmux_ kill-server >/dev/null 2>&1
done
echo "ok: lessons 13, 14 and 16 in the TUI, their numbers as latentlab run prints them"
exit 0
