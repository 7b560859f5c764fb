#!/bin/sh
# stats.sh: `latentlab stats` on the toy data and on synthetic data, in text,
# CSV and JSON, and its errors.
set -u
: "${LATENTLAB:?run me through make check}"
: "${top_srcdir:?run me through make check}"
tmp=${TMPDIR:-/tmp}/stats_sh.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

run() {
	"$LATENTLAB" stats "$@" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/rc"
}
status() { # status WANT DESCRIPTION
	[ "$(cat "$tmp/rc")" = "$1" ] || { fail "$2: status $(cat "$tmp/rc"), want $1"; cat "$tmp/err"; }
}
has() { # has FILE REGEX DESCRIPTION
	grep -Eq -- "$2" "$tmp/$1" || { fail "$3: no /$2/ in $1:"; cat "$tmp/$1"; }
}

run --data toy
status 0 "toy text"
has out '^users +10$' "toy users"
has out '^users without ratings +1$' "Jisu has no ratings"
has out '^items +10$' "toy items"
has out '^ratings +33$' "toy ratings"
has out '^density % +33\.000$' "toy density"
has out '^source +toy$' "toy source"
has out '^ +5 +17 ' "toy count of fives"
has out '^ +1 +Iron Man +Iron Man +5 +4\.20$' "most rated: Iron Man"

run --data toy --format csv
status 0 "toy csv"
has out '^ratings,33$' "csv ratings"
# CSV is one table per output: the most-rated items are --table top-items.
run --data toy --format csv --table top-items
has out '^rank,item,title,ratings,mean$' "csv top header"
has out '^1,Iron Man,Iron Man,5,4\.2$' "csv top row"

run --data toy --format=json
status 0 "toy json"
has out '"ratings": 33,' "json ratings"
has out '"users_without_ratings": 1,' "json idle users"
has out '"top_items": \[' "json top items"

# The same data through a path, and a generic file.
run --data "$top_srcdir/data/toy"
status 0 "toy by path"
has out '^ratings +33$' "toy by path"
run --data "$top_srcdir/tests/data/hangul.tsv"
status 0 "generic file"
has out '^ratings +4$' "generic ratings"
has out '^scale +1\.\.5 step 0\.5$' "generic scale from the data"

run --data 'synthetic:users=50,items=40,ratings=500,seed=3'
status 0 "synthetic"
has out '^ratings +500$' "synthetic ratings"
has out '^users +50$' "synthetic users"
has out 'synthetic \(seed 3' "synthetic source"
run --data 'synthetic:users=50,items=40,ratings=500,seed=3' --format csv
cp "$tmp/out" "$tmp/a"
run --data 'synthetic:users=50,items=40,ratings=500,seed=3' --format csv
cmp -s "$tmp/a" "$tmp/out" || fail "synthetic: same seed, different output"

run --help
status 0 "--help"
has out '^Usage: latentlab stats --data PATH' "usage"

run
status 2 "no --data"
has err 'missing --data' "no --data message"
run --data toy --format xml
status 2 "bad format"
has err "unknown format 'xml'" "bad format message"
run --data toy --bogus
status 2 "unknown option"
run --data "$top_srcdir/tests/data/bad_dup.csv"
status 1 "duplicate"
has err 'bad_dup\.csv:5: duplicate' "duplicate message"
run --data "$tmp/nothing-here.csv"
status 1 "missing file"
has err 'nothing-here\.csv: No such file or directory' "missing file message"
run --data 'synthetic:users=0'
status 1 "bad synthetic"
has err 'users and items must be' "bad synthetic message"

[ $fails = 0 ] && echo "stats.sh: all passed"
[ $fails = 0 ]
