#!/bin/sh
# tui_player.sh: open the browser, open a lesson, step forward and back, check
# that the numbers on screen are those `latentlab run` prints for the same
# step, answer a quiz, quit, and check that the terminal is restored.
. "$top_srcdir/tests/tui_lib.sh"

lesson="$top_srcdir/tests/lessons/tui-sgd.lesson"
LC_ALL=C.UTF-8 "$LATENTLAB" run "$lesson" > "$TUI_TMP/run.out" 2>&1 ||
	{ cat "$TUI_TMP/run.out"; echo "FAIL: latentlab run $lesson"; exit 1; }
sentence=$(grep -o 'The last prediction was [^ ]*; its error [^ ]*\.' "$TUI_TMP/run.out")
[ -n "$sentence" ] || { cat "$TUI_TMP/run.out"; echo "FAIL: no prediction sentence in the run"; exit 1; }
# The prose wraps by the pane's width: look for its numbers one by one.
numbers=$(echo "$sentence" | tr ' ' '\n' | grep '[0-9]')
tui_wait_numbers() {
	for w in $numbers; do
		tui_wait "$w"
	done
}
# The last SGD update of step 2: "prediction P, error R - (P) = E".
last=$(grep 'prediction .*, error ' "$TUI_TMP/run.out" | tail -n 1)
pred=$(echo "$last" | sed 's/.*prediction \([-0-9.]*\),.*/\1/')
err=$(echo "$last" | sed 's/.* = \([-+0-9.]*\) (lr.*/\1/')

tui_start "stty -g > $TUI_TMP/stty.before; $LATENTLAB; echo \"exit status \$?\"; stty -g > $TUI_TMP/stty.after"
tui_wait "latentlab: lessons"
tui_open_lesson tui-sgd
tui_wait "step 1/4"
tui_wait "The ratings"
tui_wait "Cheolsu"

# Step 2: three SGD updates; 'e' jumps to the end of the animation.
tui_keys n
tui_wait "step 2/4"
tui_wait "The last prediction was"
tui_wait_numbers
tui_keys e
tui_wait "SGD update 3 of 3"
tui_wait "p·q = $pred"
tui_wait "= $err"
# ',' and '.' step through the updates by hand.
tui_keys ,
tui_wait "SGD update 2 of 3"
tui_keys .
tui_wait "SGD update 3 of 3"

# Back to step 1 and forward again: replayed from the seed, the same numbers.
tui_keys p
tui_wait "step 1/4"
tui_wait_gone "SGD update"
tui_keys Right
tui_wait "step 2/4"
tui_wait_numbers

# Step 3: a quiz holds the lesson until it is answered.
tui_keys Space
tui_wait "step 3/4"
tui_keys n
tui_wait "answer the quiz first"
tui_keys 2
tui_wait "Right."
tui_keys n
tui_wait "step 4/4"

# Go to step 1 by number; autoplay (at the fastest speed) runs the
# animations and steps on by itself until the quiz.
tui_keys g
tui_wait "go to step"
tui_keys 1 Enter
tui_wait "step 1/4"
tui_keys + + + + + + +
tui_wait "speed 7/7"
tui_keys a
tui_wait "step 2/4"
tui_wait "step 3/4"
tui_wait "autoplay waits for your answer"
tui_keys p
tui_wait "step 2/4"
tui_keys q
tui_wait "exit status 0"
tui_wait_gone "step 2/4"
cmp -s "$TUI_TMP/stty.before" "$TUI_TMP/stty.after" ||
	tui_fail "terminal not restored: stty $(cat "$TUI_TMP/stty.before") before, $(cat "$TUI_TMP/stty.after") after"
exit 0
