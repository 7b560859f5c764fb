#!/bin/sh
# run_errors.sh: `latentlab check` and `latentlab run` on broken lessons and
# scripts report "file:line: message" with the offending line, and exit 1;
# a script stops at its first failing line; --step plays one step.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
LC_ALL=C.UTF-8; export LC_ALL
cd "$tmp" || exit 99
fail=0

# status WANT CMD...: run CMD, its stdout in out, stderr in err.
status() {
	want=$1
	shift
	"$@" >out 2>err
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"
		cat err
		fail=1
	fi
}
# first_err TEXT: the first line of err is TEXT.
first_err() {
	line=$(head -n 1 err)
	if [ "$line" != "$1" ]; then
		echo "FAIL: expected the error: $1"
		echo "  got: $line"
		fail=1
	fi
}

# A lesson that does not parse: check and run both say where.
cat >bad.lesson <<'END'
title: Broken
datset: toy

## One
Text.
END
status 1 "$LATENTLAB" check bad.lesson
first_err "bad.lesson:2: unknown header key 'datset' (did you mean 'dataset'?)"
grep -qx '  datset: toy' err || { echo "FAIL: the offending line is not shown"; fail=1; }
status 1 "$LATENTLAB" run bad.lesson
first_err "bad.lesson:2: unknown header key 'datset' (did you mean 'dataset'?)"

# Parses, but check finds an unknown command, an unknown option, a bad
# expression format and a missing dataset.
cat >cmd.lesson <<'END'
title: Commands
dataset: toy

## One
$ show ratings
$ trian sgd k=2
END
status 1 "$LATENTLAB" check cmd.lesson
first_err "cmd.lesson:6: unknown command 'trian' (did you mean 'train'?)"

sed 's/^\$ trian sgd k=2$/$ similar Minsu metrc=cosine/' cmd.lesson >opt.lesson
status 1 "$LATENTLAB" check opt.lesson
first_err "opt.lesson:6: similar: unknown option 'metrc' (did you mean 'metric'?)"

cat >fmt.lesson <<'END'
title: Formats
dataset: toy

## One
$ show ratings
The mean is {{mean | %.1f}}, about {{mean | %d}} stars.
Cheolsu and Minsu: {{cos Cheolsu Minsu | %s}}.
END
status 1 "$LATENTLAB" check fmt.lesson
first_err "fmt.lesson:7: {{cos Cheolsu Minsu | %s}}: bad format '%s' (one number conversion such as %.2f or %d, width and precision at most 20)"

cat >expr-check.lesson <<'END'
title: Expressions
dataset: toy

## One
Minsu would give {{predcit Minsu Avengers}}.
END
status 1 "$LATENTLAB" check expr-check.lesson
first_err "expr-check.lesson:5: {{predcit Minsu Avengers}}: unknown command 'predcit' (did you mean 'predict'?)"

sed 's/^dataset: toy$/dataset: no-such-dataset/' cmd.lesson >data.lesson
status 1 "$LATENTLAB" check data.lesson
first_err "data.lesson:2: dataset 'no-such-dataset' not found (not beside the lesson, nor in data/ of the search folders)"

# Several files: each is reported, the status is 1 if any failed.
status 1 "$LATENTLAB" check "$top_srcdir/tests/lessons/minimal.lesson" cmd.lesson
grep -q 'minimal.lesson: ok (1 step)' out || { echo "FAIL: check did not report the good file"; fail=1; }

# A lesson whose command fails when it runs: the line of the command;
# the steps before it were printed.
cat >late.lesson <<'END'
title: Late failure
dataset: toy
seed: 3

## Fine
$ users

## Fails
$ predict Minsu Avengers
END
status 0 "$LATENTLAB" check late.lesson
status 1 "$LATENTLAB" run late.lesson
first_err "late.lesson:9: no model trained yet (try 'train sgd k=2')"
grep -q '^Step 1/2: Fine$' out || { echo "FAIL: step 1 was not printed before the failure"; fail=1; }

# An expression that fails when evaluated: its line.
cat >expr.lesson <<'END'
title: Expression
dataset: toy

## One
Minsu gave Iron Man {{rating Minsu "Iron Man" | %.0f}} stars.
He would give Avengers {{predict Minsu Avengers}}.
END
status 1 "$LATENTLAB" run expr.lesson
case $(head -n 1 err) in
"expr.lesson:6: {{predict Minsu Avengers}}: "*) ;;
*) echo "FAIL: expression error: $(head -n 1 err)"; fail=1 ;;
esac

# --step plays one step (replaying the earlier ones silently).
status 0 "$LATENTLAB" run --step 2 --width 60 "$top_srcdir/tests/lessons/detective.lesson"
if grep -q '^Step 1/' out || ! grep -q '^Step 2/2: One step of SGD$' out; then
	echo "FAIL: --step 2 printed the wrong steps"
	fail=1
fi
status 2 "$LATENTLAB" run --step 9 "$top_srcdir/tests/lessons/detective.lesson"
status 2 "$LATENTLAB" run --format json "$top_srcdir/tests/lessons/detective.lesson"
status 1 "$LATENTLAB" run no-such-lesson

# A dataset named by a path is read beside the lesson, wherever run runs.
mkdir sub
printf 'user,item,rating\nAnn,Up,5\nAnn,Cars,3\nBob,Up,4\nBob,Heat,2\n' >sub/mine.csv
printf 'title: Mine\ndataset: mine.csv\n\n## One\nOn average {{mean | %%.3f}} stars.\n' >sub/mine.lesson
status 0 "$LATENTLAB" check sub/mine.lesson
(cd / && "$LATENTLAB" run "$tmp/sub/mine.lesson") >out 2>err ||
	{ echo "FAIL: a lesson with its dataset beside it"; cat err; fail=1; }
grep -qx 'On average 3.500 stars.' out || { echo "FAIL: the dataset beside the lesson was not used"; cat out; fail=1; }

# A command script stops at its first failing line.
cat >s.lab <<'END'
# a script
load toy
users
predict Minsu Avengers
stats
END
status 0 "$LATENTLAB" check s.lab
status 1 "$LATENTLAB" run s.lab
first_err "s.lab:4: no model trained yet (try 'train sgd k=2')"
grep -q '^Users$' out || { echo "FAIL: the script's lines before the failure did not run"; fail=1; }
[ "$(wc -l <err)" -eq 1 ] || { echo "FAIL: the script went on after its failure"; fail=1; }
printf 'load toy\nshow ratngs\n' >t.lab
status 1 "$LATENTLAB" check t.lab
exit $fail
