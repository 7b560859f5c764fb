#!/bin/sh
# search_paths.sh: where a bare dataset name and a lesson name are found.
# A name such as ml-100k: $LATENTLAB_DATA first, then data/ of each
# $LATENTLAB_PATH folder (as --help says), then the user's folder,
# $XDG_DATA_HOME/latentlab (else ~/.local/share/latentlab), where
# `latentlab download` unpacks; with none, the message says to run
# `latentlab download`. Lessons: $XDG_DATA_HOME/latentlab/lessons too, for
# `latentlab run NAME` (the browser: tui_user_lessons.sh), hiding a bundled
# lesson of the same file name. All in temporary folders, never the real home.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp/home XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config
export HOME XDG_STATE_HOME XDG_CONFIG_HOME
unset LATENTLAB_DATA LATENTLAB_PATH XDG_DATA_HOME
LC_ALL=C.UTF-8; export LC_ALL
mkdir -p "$HOME"
fail=0
fail() { echo "FAIL: $*"; fail=1; }

# Copies of the small ml-100k of tests/data in several places, each with
# its own number of ratings, so the count says which one a name found.
cuts=6
release() {
	mkdir -p "$(dirname "$1")"
	cp -R "$top_srcdir/tests/data/ml100k" "$1" && chmod -R u+w "$1" || exit 99
	cuts=$((cuts - 1))
	head -n "$cuts" "$top_srcdir/tests/data/ml100k/u.data" > "$1/u.data"
}
release "$tmp/path/data/ml-100k"
release "$tmp/share/latentlab/ml-100k"
release "$tmp/data/ml-100k"

# The ratings of the dataset a word names (stats' summary).
ratings_of() {
	"$LATENTLAB" stats --data "$1" --format csv --table summary 2>"$tmp/err" |
		sed -n 's/^ratings,//p'
}
expect() { # WORD FOLDER WHAT: WORD finds the release in FOLDER
	got=$(ratings_of "$1")
	want=$(ratings_of "$2")
	[ -n "$want" ] || { fail "$3: $2 does not load"; return; }
	[ "$got" = "$want" ] || { fail "$3: '$1' has $got ratings, the one in $2 $want"; cat "$tmp/err"; }
}

# Nowhere yet (the user's folder is elsewhere): the message says what to do.
XDG_DATA_HOME=$tmp/empty "$LATENTLAB" stats --data ml-100k > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ] || fail "missing ml-100k: not exit 1"
grep -q "latentlab download ml-100k" "$tmp/err" || { fail "missing ml-100k: no word on download"; cat "$tmp/err"; }
grep -q "LATENTLAB_DATA" "$tmp/err" || fail "missing ml-100k: no word on LATENTLAB_DATA"

# The user's folder: where `latentlab download` unpacks (and its data/).
XDG_DATA_HOME=$tmp/share; export XDG_DATA_HOME
expect ml-100k "$tmp/share/latentlab/ml-100k" "the user's folder"
release "$tmp/share/latentlab/data/ml-1m-like"
expect ml-1m-like "$tmp/share/latentlab/data/ml-1m-like" "the user's data/"
[ "$(ratings_of ml-1m-like)" != "$(ratings_of ml-100k)" ] || fail "two copies with the same count"
# 'movielens' is ml-100k wherever it is found.
expect movielens "$tmp/share/latentlab/ml-100k" "movielens"

# LATENTLAB_PATH/data comes before the user's folder, as --help says (in
# words that may wrap onto the next line at 80 columns).
"$LATENTLAB" --help | tr '\n' ' ' | grep -Eq 'LATENTLAB_PATH +[^/]*lessons/ and +data/' ||
	fail "--help does not say LATENTLAB_PATH holds data/"
LATENTLAB_PATH=$tmp/nothing:$tmp/path; export LATENTLAB_PATH
expect ml-100k "$tmp/path/data/ml-100k" "LATENTLAB_PATH/data"
# LATENTLAB_DATA comes first of all.
LATENTLAB_DATA=$tmp/data expect ml-100k "$tmp/data/ml-100k" "LATENTLAB_DATA"
# '..' is never looked up in the folders.
"$LATENTLAB" stats --data .. > /dev/null 2>&1 && fail "'..' was read as a dataset"
unset LATENTLAB_PATH

# Without XDG_DATA_HOME (or with a relative one, which the XDG spec says to
# ignore): ~/.local/share/latentlab.
release "$HOME/.local/share/latentlab/ml-100k"
unset XDG_DATA_HOME
expect ml-100k "$HOME/.local/share/latentlab/ml-100k" "~/.local/share/latentlab"
XDG_DATA_HOME=relative/share expect ml-100k "$HOME/.local/share/latentlab/ml-100k" "a relative XDG_DATA_HOME"

# The lab's load finds it too, without LATENTLAB_DATA.
printf 'load ml-100k\nstats\n' | "$LATENTLAB" repl > "$tmp/out" 2>&1 || { fail "repl load ml-100k"; cat "$tmp/out"; }
grep -q 'Loaded ml-100k' "$tmp/out" || { fail "repl: no 'Loaded ml-100k'"; cat "$tmp/out"; }

# Lessons of the user's own, in $XDG_DATA_HOME/latentlab/lessons.
XDG_DATA_HOME=$tmp/share; export XDG_DATA_HOME
mkdir -p "$tmp/share/latentlab/lessons"
cat > "$tmp/share/latentlab/lessons/90-mine.lesson" <<'EOF'
title: A lesson of my own
summary: Written by the user, found in the user's folder.
dataset: toy
seed: 1

## Counting
The toy data holds {{stats | %.0f}} ratings.
$ users
EOF
"$LATENTLAB" run mine > "$tmp/out" 2>&1 || { fail "run mine"; cat "$tmp/out"; }
grep -q 'A lesson of my own' "$tmp/out" || { fail "run mine: not the user's lesson"; cat "$tmp/out"; }
# Its number is the toy data's, computed: the same as the REPL's.
n=$(printf 'load toy\nstats\n' | "$LATENTLAB" repl 2>/dev/null | awk '$1 == "ratings" { print $2; exit }')
grep -q "holds $n ratings" "$tmp/out" || { fail "run mine: no '$n ratings'"; cat "$tmp/out"; }
"$LATENTLAB" run 90-mine > /dev/null 2>&1 || fail "run 90-mine"
# Under HOME when XDG_DATA_HOME is not set.
mkdir -p "$HOME/.local/share/latentlab/lessons"
sed 's/A lesson of my own/At home/' "$tmp/share/latentlab/lessons/90-mine.lesson" \
	> "$HOME/.local/share/latentlab/lessons/91-home.lesson"
(unset XDG_DATA_HOME; "$LATENTLAB" run home) > "$tmp/out" 2>&1 || { fail "run home"; cat "$tmp/out"; }
grep -q 'At home' "$tmp/out" || fail "run home: not found under ~/.local/share"
# A user's lesson hides the bundled one of the same file name.
bundled=$(cd "$top_srcdir/lessons" && ls ./*.lesson | head -n 1)
bundled=${bundled#./}
sed 's/A lesson of my own/My own version/' "$tmp/share/latentlab/lessons/90-mine.lesson" \
	> "$tmp/share/latentlab/lessons/$bundled"
"$LATENTLAB" run "${bundled%.lesson}" > "$tmp/out" 2>&1 || { fail "run ${bundled%.lesson}"; cat "$tmp/out"; }
grep -q 'My own version' "$tmp/out" || fail "the user's $bundled does not hide the bundled one"
# LATENTLAB_PATH's lessons come before the user's.
mkdir -p "$tmp/path/lessons"
sed 's/A lesson of my own/From the path/' "$tmp/share/latentlab/lessons/90-mine.lesson" \
	> "$tmp/path/lessons/90-mine.lesson"
LATENTLAB_PATH=$tmp/path "$LATENTLAB" run mine > "$tmp/out" 2>&1
grep -q 'From the path' "$tmp/out" || fail "LATENTLAB_PATH's lesson does not come first"

[ "$fail" -eq 0 ] && echo "search folders: ok"
exit "$fail"
