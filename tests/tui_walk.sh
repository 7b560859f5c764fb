#!/bin/sh
# tui_walk.sh: walk every lesson of lessons/ and lessons/ko/ to its end in
# the real TUI, answering every quiz with its right answer (the lesson
# file's '+' line), and check each step's screen:
#   - nothing reads "{{" or "}}" (a question, a prose line or an
#     explanation that was not evaluated);
#   - no text overflows its pane (tests/tui_screen checks the margins and
#     the divider by display columns, so Hangul counts double);
#   - a quiz's choices are all in view, at 80x24 too, before and after the
#     answer, and the answer shows "Right." with its explanation;
#   - the status row is empty (no stale "answer the quiz" or error);
#   - the numbers in the prose pane are the numbers `latentlab run` prints
#     for the same lesson and step, both ways: every decimal on the screen
#     is in the run's step, and every decimal of the run's prose and quiz
#     is on the screen.
# What is walked, and why it stays fast:
#   - every lesson, every step, default theme, at 80x24 and at 120x40: one
#     program per lesson, resized between the two sizes at each step (a
#     resize only relays out, so the engine computes each step once; the
#     MovieLens lessons, on the bundled ml-latest-small, are most of the
#     time);
#   - the contrast theme on the twelve toy lessons in English, in
#     presentation mode (--present, stepped with the clicker's PgDn) at
#     120x40: a theme changes colours only, never text or layout, so one
#     pass proves the theme draws (in colour) and the presentation screen
#     passes the same checks, while costing seconds.
# Three walkers go side by side, each with its own tmux server: through
# the English MovieLens lessons and through the Korean ones (their steps
# wait on the engine), and through the toy lessons (theirs wait on the
# screen); `latentlab run` of each lesson runs in the background beside
# them (the toy lessons first). A Korean MovieLens lesson is compared with
# its English twin's run, number by number (tests/lessons_ko.sh checks
# that the twins' numbers are equal), so that the heaviest lessons are not
# computed a fourth time.
. "$top_srcdir/tests/tui_lib.sh"

unset LATENTLAB_DATA   # MovieLens lessons on the bundled data
SCREEN="$top_builddir/tests/tui_screen"
[ -x "$SCREEN" ] || { echo "FAIL: $SCREEN is not built"; exit 99; }
TUI_DEADLINE=30
W=$TUI_TMP/walk
mkdir -p "$W"

# TUI_WALK_LESSONS (files) walks only those, for a lesson author.
lessons=${TUI_WALK_LESSONS:-$(ls "$top_srcdir"/lessons/*.lesson "$top_srcdir"/lessons/ko/*.lesson)}
toy="" ml=""
for f in $lessons; do
	if grep -qE '^[[:space:]]*dataset:[[:space:]]*(toy|toy-ko|none)[[:space:]]*$' "$f"; then
		toy="$toy $f"
	else
		ml="$ml $f"
	fi
done
toy_en=$(for f in $toy; do echo "$f"; done | grep -v '/ko/' || true)
# The English twin of a Korean lesson.
twin_of() {
	case $1 in
	*/ko/*) [ -f "$top_srcdir/lessons/$(basename "$1")" ] && echo "$top_srcdir/lessons/$(basename "$1")" ;;
	esac
}
ml_en="" ml_ko="" runs="$toy"
for f in $ml; do
	case $f in */ko/*) ml_ko="$ml_ko $f" ;; *) ml_en="$ml_en $f" ;; esac
	[ -n "$(twin_of "$f")" ] || runs="$runs $f"
done

key_of() { # a lesson file -> a name for its files here
	echo "$1" | sed "s|^$top_srcdir/||; s|/|_|g; s|\.lesson\$||"
}

# ---- what `latentlab run` prints, in the background ----
(
	for f in $runs; do
		k=$(key_of "$f")
		LC_ALL=C.UTF-8 LATENTLAB_PATH="$top_srcdir" "$LATENTLAB" run --width 1000 "$f" > "$W/$k.run" 2> "$W/$k.err" ||
			echo "latentlab run $f failed" >> "$W/$k.err"
		: > "$W/$k.done"
	done
) &
runner=$!
walkers=""
trap 'kill $runner $walkers 2>/dev/null; tui_cleanup' EXIT
TUI_ENV="LATENTLAB_PATH=$top_srcdir"

# Per step of a lesson file: "step quiz choices right" (right counts from 1).
lesson_meta() {
	awk '
	function trim(s) { sub(/^[ \t\r]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
	{ l = trim($0) }
	l ~ /^%/ { next }
	l ~ /^## / { s++; q[s] = 0; n[s] = 0; r[s] = 0; inq = 0; next }
	s && l ~ /^\? / { q[s] = 1; inq = 1; next }
	inq && l ~ /^[-+] / { n[s]++; if (l ~ /^\+/) r[s] = n[s]; next }
	END { for (i = 1; i <= s; i++) print i, q[i], n[i], r[i] }' "$1"
}

# The run's lines of step $2 (its heading and underline left out).
run_step() {
	awk -v s="$2" '
	/^Step [0-9]+\/[0-9]+: / { split($2, a, "/"); on = (a[1] == s); skip = on; next }
	skip { skip = 0; next }
	on' "$1"
}

# Compare the decimals of the screen's prose ($1, every capture of a
# step) with the run's step ($2). Both ways with $3 = both, else only
# screen -> run. Durations ("0.12 s") differ from run to run: left out.
cat > "$W/compare.awk" <<'EOF'
function clean(s) { gsub(/[0-9.]+ ?(ms|s)([^A-Za-z]|$)/, " ", s); return s }
function nums(s, out,   n) {
	s = clean(s); n = 0
	while (match(s, /-?[0-9]+\.[0-9]+/)) {
		out[substr(s, RSTART, RLENGTH)] = 1; n++
		s = substr(s, RSTART + RLENGTH)
	}
	return n
}
function squeeze(s) { gsub(/[0-9]/, "", s); gsub(/[ \t]+/, " ", s); sub(/^ /, "", s); return s }
function timings(s, out,   m) {
	while (match(s, /[0-9]+\.[0-9]+ ?(ms|s)([^A-Za-z]|$)/)) {
		m = substr(s, RSTART, RLENGTH); sub(/ ?m?s.*/, "", m); out[m] = 1
		s = substr(s, RSTART + RLENGTH)
	}
}
FNR == NR { if ($0 !~ /more: Down scrolls|더 있음: Down/) screen = screen " " $0; next }
{ run[++nrun] = $0 }
END {
	nums(screen, shown)
	# A time ("0.081 ms") differs from run to run: wherever the screen shows
	# a number with its unit, that number is not compared.
	timings(screen, timed)
	for (x in timed) { delete shown[x]; delete shown["-" x] }
	for (i = 1; i <= nrun; i++) nums(run[i], inrun)
	for (x in shown) if (!(x in inrun)) { print "on the screen, not in latentlab run: " x; bad = 1 }
	# (A Korean twin is checked screen -> run only: its quiz explanation is a
	# translation that may leave a number of the English one out of view.)
	if (mode == "both") {
		# The step's prose comes first (a paragraph a line at this width):
		# the lines whose start (digits aside) is in the text on the
		# screen, up to the first that is not (a view). Then the quiz.
		text = squeeze(screen); quiz = 0; prose = 1
		for (i = 1; i <= nrun; i++) {
			l = run[i]
			if (l ~ /^Quiz: /) quiz = 1
			if (l ~ /^Answer: / || l ~ /^[ \t]*$/) continue
			k = substr(squeeze(l), 1, 24)
			if (!quiz && prose && (length(k) < 16 || !index(text, k))) prose = 0
			if (!quiz && !prose) continue
			delete want; nums(l, want)
			for (x in want) if (!(x in shown)) { print "in latentlab run, not on the screen: " x " (" substr(l, 1, 60) ")"; bad = 1 }
		}
	}
	exit bad
}
EOF

# ---- the screen ----

# Capture the screen into $S/screen and check it as $1 at $2 x $3 (drawn
# for that size, its frame sound), keeping the prose pane in $S/prose and
# the status row in $S/status; 0 when that holds and it shows $4 (a fixed
# string), else the complaint is in $S/why. ($S: the walker's scratch.)
look() {
	tui_screen > "$S/screen"
	"$SCREEN" "$1" "$2" "$3" "$S/status" < "$S/screen" > "$S/prose" 2> "$S/why" || return 1
	grep -qF -- "$4" "$S/screen" || { echo "'$4' is not on the screen" > "$S/why"; return 1; }
}

# look until it succeeds and the prose pane has settled (two captures
# 0.1 s apart the same: tmux can be caught in the middle of a redraw, with
# the new step's title above the old step's prose; the scene may animate,
# the prose does not), up to the deadline.
see() {
	end=$(( $(date +%s) + TUI_DEADLINE ))
	while :; do
		if look "$@"; then
			cp "$S/prose" "$S/prose.first"
			sleep 0.1
			look "$@" && cmp -s "$S/prose" "$S/prose.first" && return 0
		fi
		[ "$(date +%s)" -gt "$end" ] && tui_fail "$CONTEXT: $(cat "$S/why")"
		sleep 0.02
	done
}

size() { # COLS ROWS
	tmux_ resize-window -x "$1" -y "$2"
}

# The checks every step's screen gets, once seen.
check_status() {
	[ -s "$S/status" ] && [ -n "$(tr -d ' ' < "$S/status")" ] &&
		tui_fail "$CONTEXT: the status row is not empty: '$(cat "$S/status")'"
	return 0
}

check_choices() { # N: choices 1. .. N. all in the prose pane
	c=1
	while [ "$c" -le "$1" ]; do
		grep -q "^ *$c\. " "$S/prose" || tui_fail "$CONTEXT: choice $c of the quiz is not in view"
		c=$((c + 1))
	done
}

check_numbers() { # both|screen: compare $S/allprose with the run's step
	if ! awk -v mode="$1" -f "$W/compare.awk" "$S/allprose" "$S/runstep" > "$S/diff"; then
		cat "$S/allprose" >&2
		tui_fail "$CONTEXT: $(cat "$S/diff")"
	fi
}

wait_run() { # KEY: until the background run of that lesson is done
	end=$(( $(date +%s) + 300 ))
	while [ ! -f "$W/$1.done" ]; do
		[ "$(date +%s)" -gt "$end" ] && { echo "FAIL: latentlab run of $1 did not finish"; exit 1; }
		sleep 0.05
	done
	[ -s "$W/$1.err" ] && { cat "$W/$1.err"; echo "FAIL: latentlab run of $1"; exit 1; }
	return 0
}

# walk FILE KIND ARGS: every step of the lesson. KIND player: each step at
# 80x24 and at 120x40 (one resize a step: a step is seen at the size the
# last one ended at, then at the other), n to go on; KIND present: 120x40,
# PgDn to go on.
walk() {
	f=$1 kind=$2 args=$3
	k=$(key_of "$f")
	# Compared with its own run both ways; presenting, screen -> run (the
	# caption holds only part of the prose); a Korean MovieLens lesson with
	# its English twin's run, by number only (the words differ).
	rk=$k mode=both
	[ "$kind" = present ] && mode=screen
	twin=$(twin_of "$f")
	case " $ml " in *" $f "*) [ -n "$twin" ] && rk=$(key_of "$twin") mode=twin ;; esac
	lesson_meta "$f" > "$S/meta"
	n=$(wc -l < "$S/meta")
	[ "$n" -ge 1 ] || { echo "FAIL: no steps in $f"; exit 1; }
	tui_start "cd '$top_srcdir' && exec $LATENTLAB --lesson '$f' $args"
	if [ "$kind" = player ]; then
		size 80 24
		at="80 24" other="120 40"
	else
		at="120 40" other=""
	fi
	while read -r i quiz choices right; do
		CONTEXT="$k step $i/$n ($kind)"
		# shellcheck disable=SC2086 # $at is "COLS ROWS"
		see $kind $at "step $i/$n"
		check_status
		cp "$S/prose" "$S/allprose"
		if [ "$quiz" = 1 ]; then
			check_choices "$choices"
			tui_keys "$right"
			see $kind $at "Right."
			check_status
			check_choices "$choices"
			cat "$S/prose" >> "$S/allprose"
		fi
		if [ -n "$other" ]; then
			size $other
			t=$at at=$other other=$t
			see $kind $at "step $i/$n"
			check_status
			[ "$quiz" = 1 ] && check_choices "$choices"
			[ "$quiz" = 1 ] && ! grep -q "Right\." "$S/prose" && tui_fail "$CONTEXT: the verdict is not in view"
			cat "$S/prose" >> "$S/allprose"
		fi
		# What the prose pane scrolls to (at 120x40, or presenting).
		if [ "$at" = "120 40" ] && grep -Eq "more: Down scrolls|더 있음: Down" "$S/screen"; then
			tui_keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down \
				Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down
			sleep 0.05
			see $kind $at "step $i/$n"
			cat "$S/prose" >> "$S/allprose"
		fi
		wait_run "$rk"
		run_step "$W/$rk.run" "$i" > "$S/runstep"
		[ -s "$S/runstep" ] || tui_fail "$CONTEXT: no such step in the run of $rk"
		check_numbers "$mode"
		if [ "$kind" = player ]; then
			tui_keys n
		else
			# Presenting, PgDn first shows the views that did not fit.
			m=0
			while grep -q "more views* below" "$S/screen" && [ $m -lt 10 ]; do
				tui_keys NPage
				sleep 0.1
				see present 120 40 "step $i/$n"
				m=$((m + 1))
			done
			tui_keys NPage
		fi
	done < "$S/meta"
	# One more step on: the end of the lesson is said (and is no stale text).
	CONTEXT="$k after its last step ($kind)"
	see $kind $at "the end of the"
	tui_keys q
	tmux_ kill-server >/dev/null 2>&1
}

# walker NAME FIRST KIND ARGS FILE...: walk the files in a subshell with
# its own scratch folder and tmux servers (numbered from FIRST), its report
# in $W/NAME.log.
walker() {
	name=$1 TUI_STARTS=$2 kind=$3 args=$4
	shift 4
	S=$W/$name
	mkdir -p "$S"
	trap 'tmux_ kill-server >/dev/null 2>&1; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TUI_SOCK"' EXIT
	t0=$(date +%s)
	for f in "$@"; do
		walk "$f" "$kind" "$args"
		echo "walked $(key_of "$f") ($kind $args) at $(( $(date +%s) - t0 )) s"
	done
}

# shellcheck disable=SC2086 # word lists of files
( walker ml 1000 player "" $ml_en ) > "$W/ml.log" 2>&1 &
w1=$!
( walker ko 2000 player "" $ml_ko ) > "$W/ko.log" 2>&1 &
w2=$!
( walker toy 3000 player "" $toy && walker present 4000 present "--theme contrast --present" $toy_en ) \
	> "$W/toy.log" 2>&1 &
w3=$!
walkers="$w1 $w2 $w3"
wait "$w1"; s1=$?
wait "$w2"; s2=$?
wait "$w3"; s3=$?
walkers=""
cat "$W/ml.log" "$W/ko.log" "$W/toy.log"
[ "$s1" = 0 ] && [ "$s2" = 0 ] && [ "$s3" = 0 ] || exit 1

# The contrast theme is drawn in colour (the checks above read text only).
tui_start "$LATENTLAB --lesson '$top_srcdir/lessons/01-clues.lesson' --theme contrast --present"
tui_wait "step 1/"
tmux_ capture-pane -p -e | grep -qE "$(printf '\033')\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m" ||
	tui_fail "the contrast theme draws without colours"
wait "$runner"
exit 0
