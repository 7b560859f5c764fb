#!/bin/sh
# movielens_load.sh: `latentlab stats` on the real MovieLens releases in
# $LATENTLAB_DATA (skipped when absent): counts, and titles converted from
# ISO-8859-1 to UTF-8.
set -u
: "${LATENTLAB:?run me through make check}"
d=${LATENTLAB_DATA:-}
if [ -z "$d" ] || [ ! -f "$d/ml-100k/u.data" ]; then
	echo "LATENTLAB_DATA does not hold ml-100k/: skipped"
	exit 77
fi
tmp=${TMPDIR:-/tmp}/movielens_load.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
has() { grep -Eq -- "$2" "$tmp/$1" || { fail "$3: no /$2/ in $1:"; cat "$tmp/$1"; }; }

"$LATENTLAB" stats --data "$d/ml-100k" --format json >"$tmp/out" 2>"$tmp/err" ||
	{ fail "ml-100k: status $?"; cat "$tmp/err"; }
has out '"users": 943,' "ml-100k users"
has out '"items": 1682,' "ml-100k items"
has out '"ratings": 100000,' "ml-100k ratings"
has out '"source": "ml-100k"' "ml-100k source"
has out '"title": "Star Wars \(1977\)"' "ml-100k most rated title"

# A bare name is looked up in $LATENTLAB_DATA.
"$LATENTLAB" stats --data ml-100k --format csv >"$tmp/out" 2>"$tmp/err" ||
	{ fail "ml-100k by name"; cat "$tmp/err"; }
has out '^ratings,100000' "ml-100k by name"

# (tests/test_load_ml checks the ISO-8859-1 titles and the folds.)
if [ -f "$d/ml-1m-part/ratings.dat" ]; then
	"$LATENTLAB" stats --data "$d/ml-1m-part" --format csv >"$tmp/out" 2>"$tmp/err" ||
		{ fail "ml-1m-part"; cat "$tmp/err"; }
	has out '^ratings,487650' "ml-1m-part ratings"
	has out '^users,2999' "ml-1m-part users"
fi
if [ -f "$d/ml-latest-small/ratings.csv" ]; then
	"$LATENTLAB" stats --data "$d/ml-latest-small" --format csv >"$tmp/out" 2>"$tmp/err" ||
		{ fail "ml-latest-small"; cat "$tmp/err"; }
	has out '^ratings,100836' "ml-latest-small ratings"
	has out '^users,610' "ml-latest-small users"
	has out '^scale,0\.5\.\.5 step 0\.5' "ml-latest-small scale"
fi

[ $fails = 0 ] && echo "movielens_load.sh: all passed"
[ $fails = 0 ]
