#!/bin/sh
# onboard.sh: "you on the map" without a terminal, on the bundled
# ml-latest-small (half stars):
#  - lesson 18b headless with --answer: every question answered, the same
#    output twice (the engine's questions are deterministic), the same with
#    --answers FILE (comments and one answer per line), and nothing written
#    to the learner's saved ratings;
#  - answers that are not ratings, or off the scale, are clear errors;
#  - the saved answers (as the TUI writes them) reopen in the REPL as the
#    user me: `me` lists them, `me load` adds them, and the vector `place`
#    folds in equals `foldin me` on the same ratings, and the length the
#    headless lesson printed for the same answers;
#  - a damaged saved file is reported with its line and left as it was;
#    `me clear` empties it; a lesson cannot clear it;
#  - '@ rate' lines out of place are refused by `latentlab check`.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
LC_ALL=C.UTF-8; export LC_ALL
COLUMNS=80; export COLUMNS
unset LATENTLAB_DATA NO_COLOR
lesson=$top_srcdir/lessons/18b-you-on-the-map.lesson
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# Timings are the one thing that differs between two runs.
untimed() { sed 's/in [0-9.]* s/in T s/'; }

answers=5,4,s,3,4.5,2,5,s,4,3,1,4
"$LATENTLAB" run --width 80 "$lesson" --answer "$answers" >"$tmp/a.out" 2>"$tmp/a.err" ||
	bad "run --answer: exit $? ($(cat "$tmp/a.err"))"
grep -q "All 10 questions answered: 10 ratings, 2 not seen" "$tmp/a.out" ||
	bad "the run did not answer every question"
"$LATENTLAB" run --width 80 "$lesson" --answer "$answers" >"$tmp/b.out" 2>&1
untimed <"$tmp/a.out" >"$tmp/a1"; untimed <"$tmp/b.out" >"$tmp/b1"
cmp -s "$tmp/a1" "$tmp/b1" || bad "two runs with the same answers differ: $(diff "$tmp/a1" "$tmp/b1" | head -5)"
printf '# my answers\n5\n4\ns   # not seen\n3\n4.5\n2\n5\nskip\n4\n3\n1\n4\n' >"$tmp/answers.txt"
"$LATENTLAB" run --width 80 "$lesson" --answers "$tmp/answers.txt" 2>&1 | untimed >"$tmp/c1"
cmp -s "$tmp/a1" "$tmp/c1" || bad "--answers FILE and --answer differ: $(diff "$tmp/a1" "$tmp/c1" | head -5)"
[ ! -e "$XDG_STATE_HOME/latentlab/me" ] || bad "a headless run wrote the learner's saved ratings"

# Bad answers.
"$LATENTLAB" run "$lesson" --answer 5,x >/dev/null 2>"$tmp/e1"; rc=$?
[ $rc -eq 2 ] && grep -q "answer 2, 'x', is not a rating" "$tmp/e1" || bad "--answer 5,x: exit $rc, $(cat "$tmp/e1")"
"$LATENTLAB" run "$lesson" --answer 4.25 >/dev/null 2>"$tmp/e2"; rc=$?
[ $rc -eq 1 ] && grep -q "18b-you-on-the-map.lesson:[0-9]*: .*answer 1: 4.25 is not a rating of this dataset" "$tmp/e2" ||
	bad "--answer 4.25: exit $rc, $(cat "$tmp/e2")"
printf '4\nfive\n' >"$tmp/bad.txt"
"$LATENTLAB" run "$lesson" --answers "$tmp/bad.txt" >/dev/null 2>"$tmp/e3"; rc=$?
grep -q "bad.txt:2: 'five' is not an answer" "$tmp/e3" || bad "--answers with a bad line: exit $rc, $(cat "$tmp/e3")"

# Three answers (4, 4.5, 3) given headless, and the same three given at the
# prompt: each time the engine's next question (survey's first) is rated
# with `rate me` and kept with `me save`, as the TUI's rating step keeps
# them. Both fold the same vector in: the length the lesson prints, the
# length `foldin me` and `place` give in the REPL.
"$LATENTLAB" run --width 80 "$lesson" --answer 4,4.5,3 >"$tmp/three.out" 2>&1 || bad "run --answer 4,4.5,3"
len=$(tr '\n' ' ' <"$tmp/three.out" | grep -o 'has length [0-9.]*' | head -n 1 | sed 's/has length //')
[ -n "$len" ] || bad "the headless run printed no vector length"
for v in 4 4.5 3; do
	t=$(printf 'load movielens\nseed 42\ntrain biased k=16 epochs=20\nme load\nsurvey n=1 pool=100\nprint {{last.item}}\n' |
		"$LATENTLAB" repl 2>&1 | tail -n 1)
	q=$(printf '%s' "$t" | sed 's/\\/\\\\/g; s/"/\\"/g')
	printf 'load movielens\nme load\nrate me "%s" %s\nme save\n' "$q" "$v" | "$LATENTLAB" repl >"$tmp/save.out" 2>&1
	grep -q "me rated .* $v" "$tmp/save.out" || bad "rating question '$t': $(cat "$tmp/save.out")"
done
saved=$XDG_STATE_HOME/latentlab/me/ml-latest-small.tsv
[ "$(grep -vc '^#' "$saved")" -eq 3 ] || bad "the saved file does not hold three answers: $(cat "$saved")"
cp "$saved" "$tmp/saved"
"$LATENTLAB" repl >"$tmp/r.out" 2>&1 <<'END'
load movielens
seed 42
train biased k=16 epochs=20
me
me load
print foldin {{foldin me | %.6f}} {{last.norm | %.3f}}
print place {{place | %.3f}}
END
grep -q "Your answers (3 ratings, 0 not seen)" "$tmp/r.out" || bad "me did not list the saved answers: $(cat "$tmp/r.out")"
fnorm=$(sed -n 's/^foldin [-0-9.]* //p' "$tmp/r.out")
pnorm=$(sed -n 's/^place //p' "$tmp/r.out")
[ -n "$fnorm" ] && [ "$fnorm" = "$pnorm" ] || bad "place's vector ($pnorm) is not foldin's ($fnorm)"
[ "$fnorm" = "$len" ] || bad "the REPL's fold-in ($fnorm) differs from the lesson's for the same answers ($len)"
cmp -s "$tmp/saved" "$saved" || bad "reading the answers changed the file"

# A damaged file: reported with its line, never overwritten.
printf '# x\n296\t4\tPulp Fiction\n1097\tlots\n' >"$saved"
cp "$saved" "$tmp/damaged"
"$LATENTLAB" repl >"$tmp/d.out" 2>&1 <<'END'
load movielens
me
END
grep -q "ml-latest-small.tsv:3: 'lots' is not a rating" "$tmp/d.out" || bad "a damaged file is not reported: $(cat "$tmp/d.out")"
printf 'load movielens\nrate me 1 4\nme save\n' | "$LATENTLAB" repl >/dev/null 2>&1
cmp -s "$tmp/damaged" "$saved" || bad "a damaged file was changed"

# me clear empties the file (header only); a lesson may not clear it.
cp "$tmp/saved" "$saved"
printf 'load movielens\nme clear\nme\n' | "$LATENTLAB" repl >"$tmp/c.out" 2>&1
grep -q "Your answers (0 ratings, 0 not seen)" "$tmp/c.out" || bad "me clear: $(cat "$tmp/c.out")"
[ "$(grep -vc '^#' "$saved")" -eq 0 ] || bad "me clear left answers in the file"
cat >"$tmp/clear.lesson" <<'END'
title: Clear
dataset: movielens

## Try
A lesson may not clear the learner's ratings.
$! me clear
END
"$LATENTLAB" run "$tmp/clear.lesson" >"$tmp/cl.out" 2>&1 || bad "a lesson's '\$! me clear': $(cat "$tmp/cl.out")"
grep -q "a lesson cannot clear your ratings" "$tmp/cl.out" || bad "me clear in a lesson was not refused: $(cat "$tmp/cl.out")"

# '@ rate' out of place.
check_bad() { # NAME EXPECTED, lesson text on stdin
	cat >"$tmp/$1.lesson"
	"$LATENTLAB" check "$tmp/$1.lesson" >"$tmp/$1.out" 2>&1 && bad "$1: check passed"
	grep -q "$1.lesson:[0-9]*: $2" "$tmp/$1.out" || bad "$1: $(cat "$tmp/$1.out")"
}
check_bad after "'@ rate' comes before the step's commands" <<'END'
title: T
dataset: movielens

## S
$ train biased k=4
@ rate n=3
END
check_bad twice "a second rating step in one step" <<'END'
title: T
dataset: movielens

## S
@ rate n=3
@ rate n=4
END
check_bad quiz "a step that asks for ratings cannot also have a quiz" <<'END'
title: T
dataset: movielens

## S
@ rate n=3
? Why?
+ yes
- no
END
check_bad word "'@' starts a rating step" <<'END'
title: T
dataset: movielens

## S
@ rank n=3
END
check_bad opt "ask: .*poll" <<'END'
title: T
dataset: movielens

## S
@ rate n=3 poll=100
END

[ $fail -eq 0 ] && echo "ok: rating step headless, saved answers, fold-in equal, errors"
exit $fail
