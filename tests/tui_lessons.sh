#!/bin/sh
# tui_lessons.sh: step through lessons 2, 3 and 4 in the real TUI and check
# that every number in each step's prose is on the screen exactly as
# `latentlab run` prints it for the same step (both come from the engine,
# replayed from the lesson's seed). Quizzes are answered with the answer the
# headless run gives.
. "$top_srcdir/tests/tui_lib.sh"

TUI_DEADLINE=20
for name in 02-feature-by-hand 03-detective-at-work 04-map; do
	out="$TUI_TMP/$name.run"
	LC_ALL=C.UTF-8 LATENTLAB_PATH="$top_srcdir" "$LATENTLAB" run --width 60 "$name" > "$out" 2>&1 ||
		{ cat "$out"; echo "FAIL: latentlab run $name"; exit 1; }
	steps=$(sed -n 's/^Step [0-9]*\/\([0-9]*\): .*/\1/p' "$out" | head -n 1)
	[ -n "$steps" ] || { cat "$out"; echo "FAIL: no steps in the run of $name"; exit 1; }

	# A tall pane so that each step's prose fits without scrolling.
	tui_start "LATENTLAB_PATH='$top_srcdir' $LATENTLAB --lesson $name"
	tmux_ resize-window -x 160 -y 60
	i=1
	while [ "$i" -le "$steps" ]; do
		tui_wait "step $i/$steps"
		# The step's prose in the run: from its heading to the first blank
		# line after the prose paragraphs, i.e. up to the first view. Take
		# the decimals (results) it contains.
		awk -v s="Step $i/$steps:" '
			index($0, s) == 1 { on = 1; next }
			on && /^Step [0-9]+\// { exit }
			on && (/^SGD step/ || /^Latent vectors/ || /^Trained / || /^Quiz:/ || /^  / || /│/) { exit }
			on { print }' "$out" |
			sed 's/[0-9.]* s\b//g' |  # durations differ from run to run
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
exit 0
