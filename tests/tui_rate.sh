#!/bin/sh
# tui_rate.sh: the rating step of lesson 18b ("you on the map") driven in
# tmux, on the bundled ml-latest-small (half stars): 4, then 5 and '-'
# (4.5), s (not seen), Backspace (the skip taken back), 3. Then:
#  - the saved file holds exactly 4, 4.5, 3 in that order;
#  - the vector length the screen shows is the one `latentlab run --answer
#    4,4.5,3` prints for the same answers (the TUI and the headless run ask
#    the same questions and fold in the same vector; onboard.sh checks that
#    number against the REPL's `foldin me`);
#  - a new start reopens the saved answers (question 4 of 10 is open);
#  - X then y clears them; the rating step fits 80x24, in English and Korean.
. "$top_srcdir/tests/tui_lib.sh"

me=$TUI_TMP/me
mkdir -p "$me"
lesson=$top_srcdir/lessons/18b-you-on-the-map.lesson
TUI_ENV="LATENTLAB_DATA= XDG_STATE_HOME='$me' LATENTLAB_PATH='$top_srcdir'"
TUI_DEADLINE=${TUI_DEADLINE:-30}
saved=$me/latentlab/me/ml-latest-small.tsv

tui_start "$LATENTLAB --lesson $lesson"
tui_wait "step 1/4"
tui_keys n
tui_wait "Rate 1 of 10"
tui_keys 4
tui_wait "Rate 2 of 10"
tui_keys 5
tui_wait "Rate 3 of 10"
tui_keys -- -
tui_wait ": 4.5"
tui_wait "Rate 3 of 10"
tui_keys s
tui_wait "Rate 4 of 11"
tui_keys BSpace
tui_wait "the last answer is taken back"
tui_wait "Rate 3 of 10"
tui_keys 3
tui_wait "Rate 4 of 10"
tui_wait "Rated so far: 3."

values=$(grep -v '^#' "$saved" | cut -f 2 | tr '\n' ' ')
[ "$values" = "4 4.5 3 " ] || tui_fail "saved answers '$values', not '4 4.5 3'"

# The prose is the left column at 120x40: join its rows to read the length.
len=$(tui_screen | cut -c1-48 | tr '\n' ' ' | tr -s ' ' | grep -o 'has length [0-9.]*' | sed 's/has length //')
[ -n "$len" ] || tui_fail "no vector length on the screen"
want=$(env LATENTLAB_DATA= XDG_STATE_HOME="$TUI_TMP/headless" "$LATENTLAB" run --width 80 "$lesson" \
	--step 2 --answer 4,4.5,3 2>&1 | tr '\n' ' ' | grep -o 'has length [0-9.]*' | sed 's/has length //')
[ "$len" = "$want" ] || tui_fail "the screen's vector length $len is not the headless run's $want"

# At 80x24 the question and its keys are in view.
tmux_ resize-window -x 80 -y 24
tui_wait "Rate 4 of 10"
tui_wait "Backspace"
tui_keys q
tui_wait_gone "Rate 4 of 10"

# A new start reopens the saved answers.
tui_start "$LATENTLAB --lesson $lesson"
tui_wait "step 1/4"
tui_keys n
tui_wait "Rate 4 of 10"
tui_wait "Rated so far: 3."
tui_keys X
tui_wait "Clear all your answers"
tui_keys y
tui_wait "Rate 1 of 10"
[ "$(grep -vc '^#' "$saved")" -eq 0 ] || tui_fail "X y left answers in $saved"
tui_keys q

# Korean: the twin's rating step at 80x24, every line within the screen.
if locale -a 2>/dev/null | grep -qi '^ko_KR\.utf-\?8$'; then
	TUI_LOCALE=ko_KR.UTF-8; lang=
else
	lang="--lang ko"
fi
TUI_ENV="$TUI_ENV LANGUAGE="
tui_start "$LATENTLAB $lang --lesson $top_srcdir/lessons/ko/18b-you-on-the-map.lesson"
tmux_ resize-window -x 80 -y 24
tui_wait "1/4"
tui_keys n
tui_wait "2/4"
tui_keys 4
tui_wait "2/10"
n=0
while :; do
	tui_screen > "$TUI_TMP/screen"
	"$top_builddir/tests/tui_screen" player 80 24 "$TUI_TMP/status" < "$TUI_TMP/screen" > "$TUI_TMP/prose"
	rc=$?
	[ $rc -eq 0 ] && break
	[ $rc -eq 3 ] && [ $n -lt 40 ] && { n=$((n + 1)); sleep 0.05; continue; }
	tui_fail "the Korean rating step does not fit at 80x24 (tui_screen: $rc)"
done
tui_keys q
exit 0
