#!/bin/sh
# tui_korean.sh: the TUI in Korean, as a student whose locale is Korean sees
# it: the key bars, titles and the ratings matrix's legend translated, the
# lessons of lessons/ko/ in the browser (the same names, so progress is one),
# an English lesson without a twin shown in English and said so, every line
# within the screen at 80x24 and 120x40 (tests/tui_screen.c measures display
# columns). Under LANG=ko_KR.UTF-8 when that locale is installed (.ci/run
# generates it), else through --lang ko (C.UTF-8).
. "$top_srcdir/tests/tui_lib.sh"

if locale -a 2>/dev/null | grep -qi '^ko_KR\.utf-\?8$'; then
	TUI_LOCALE=ko_KR.UTF-8; lang=
else
	lang="--lang ko"
fi
# A lessons folder with one lesson that has a Korean twin and one without.
mkdir -p "$TUI_TMP/lk/lessons/ko"
cp "$top_srcdir/lessons/01-clues.lesson" "$TUI_TMP/lk/lessons/"
cp "$top_srcdir/lessons/ko/01-clues.lesson" "$TUI_TMP/lk/lessons/ko/"
cp "$top_srcdir/tests/lessons/minimal.lesson" "$TUI_TMP/lk/lessons/99-english-only.lesson"
TUI_ENV="LATENTLAB_PATH='$TUI_TMP/lk:$top_srcdir' LANGUAGE="
tui_start "$LATENTLAB $lang"
tui_wait "latentlab: 레슨"
ko_title=$(sed -n 's/^title:[ 	]*//p' "$top_srcdir/lessons/ko/01-clues.lesson")
tui_wait "$ko_title"
tui_wait "열기"
# The lesson without a twin is listed in English, and the browser says so.
i=0
while ! tui_screen | grep -q "│ 99-english-only"; do
	i=$((i + 1))
	[ $i -gt 60 ] && tui_fail "the English-only lesson is not in the browser"
	tui_keys Down
	sleep 0.05
done
tui_wait "한국어 번역이 아직 없어"
n=$(ls "$top_srcdir"/lessons/*.lesson | wc -l)
tui_wait "레슨 $((n + 1))개"
while ! tui_screen | grep -q "│ 01-clues"; do
	tui_keys Up
	sleep 0.05
done
# The Korean lesson opens, in Korean, with the key bar in Korean, and every
# line keeps within its pane at both sizes (measured in display columns).
# Its first step shows the ratings matrix, whose legend (a word per colour)
# is Korean too.
heading=$(sed -n 's/^## *//p' "$top_srcdir/lessons/ko/01-clues.lesson" | head -n 1)
tui_keys Enter
tui_wait "1/"
tui_wait "다음"
tui_wait "? 없음"
for size in "80 24" "120 40"; do
	set -- $size
	tmux_ resize-window -x "$1" -y "$2"
	n=0
	while :; do
		tui_screen > "$TUI_TMP/screen"
		"$top_builddir/tests/tui_screen" player "$1" "$2" "$TUI_TMP/status" \
			< "$TUI_TMP/screen" > "$TUI_TMP/prose"
		rc=$?
		[ $rc -eq 0 ] && break
		[ $rc -eq 3 ] && [ $n -lt 40 ] && { n=$((n + 1)); sleep 0.05; continue; }
		# A failure counts only on a settled screen: a capture taken while
		# the player is still painting can lack rows it is about to draw.
		sleep 0.1
		if [ $n -lt 40 ] && [ "$(tui_screen)" != "$(cat "$TUI_TMP/screen")" ]; then
			n=$((n + 1))
			continue
		fi
		tui_fail "the Korean player does not fit at $1x$2 (tui_screen: $rc)"
	done
	grep -qF "$heading" "$TUI_TMP/prose" || tui_fail "the prose at $1x$2 is not the Korean lesson's"
	for w in "? missing" "predicted" "rated  "; do
		! grep -qF "$w" "$TUI_TMP/screen" || tui_fail "the matrix's legend at $1x$2 says '$w'"
	done
done
tui_keys q
exit 0
