#!/bin/sh
# import_cli.sh: model files that carry ids, and `latentlab import` (issue
# 18). train --save writes the data's ids, so predict, recommend and export
# work without --data, and other data is refused naming the first index that
# differs (the lab's open too); the format 1 file in tests/data, written
# before ids, still reads with --data and says what is missing without; a
# truncated, foreign or non-regular file is refused. export -> import ->
# predict gives the same predictions (a .npy of them: float32 bits) from CSV,
# JSON and .npy, with ids files or the data's order; bad input is a
# file:line error.
set -u
: "${LATENTLAB:?run me through make check}" "${top_srcdir:=.}"
tmp=${TMPDIR:-/tmp}/import_cli.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
run() {
	"$LATENTLAB" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
ok() { [ "$rc" = 0 ] || { fail "$1: status $rc"; sed 's/^/  err: /' "$tmp/err"; }; }
refused() { # status 1 and a message holding $2
	[ "$rc" = 1 ] && grep -q -- "$2" "$tmp/err" ||
		{ fail "$1: status $rc, expected 1 and '$2'"; sed 's/^/  err: /' "$tmp/err"; }
}
same() { cmp -s "$1" "$2" || fail "$3: $1 and $2 differ"; }

# --- model files with ids -------------------------------------------------------
run train -d toy -a biased k=2 epochs=5 --seed 1 -o "$tmp/m"
ok "train --save"
[ "$(head -c 18 "$tmp/m")" = "latentlab-model 2 " ] || fail "train --save: not format 2"
# Every pair of the model's users and items, from the model file alone.
run export -m "$tmp/m" users -o "$tmp/users.csv"
ok "export users without --data"
run export -m "$tmp/m" items -f json -o "$tmp/items.json"
ok "export items without --data"
cut -d, -f2 "$tmp/users.csv" | tail -n +2 >"$tmp/uids"
"$LATENTLAB" export -d toy items | cut -d, -f2 | tail -n +2 >"$tmp/iids"
[ "$(wc -l <"$tmp/uids")" = 10 ] && [ "$(wc -l <"$tmp/iids")" = 10 ] || fail "ids of 10 users and 10 items"
{ echo user,item; while read -r u; do while read -r i; do echo "\"$u\",\"$i\""; done <"$tmp/iids"; done <"$tmp/uids"; } >"$tmp/pairs"
run predict -m "$tmp/m" -f npy -o "$tmp/p0.npy" "$tmp/pairs"
ok "predict without --data"
run predict -d toy -m "$tmp/m" -f npy -o "$tmp/p1.npy" "$tmp/pairs"
ok "predict with --data"
same "$tmp/p0.npy" "$tmp/p1.npy" "predictions with and without --data"
run recommend -m "$tmp/m" -u Minsu -n 3
ok "recommend -u without --data"
[ "$(grep -c '^Minsu,' "$tmp/out")" = 3 ] || fail "recommend -n 3 without --data"
grep -q "none is left out" "$tmp/err" || fail "recommend without --data: no note that rated items stay"
run recommend -m "$tmp/m" -u Minsu -n 3 --include-rated
[ -s "$tmp/err" ] && fail "recommend --include-rated: a note nobody needs"
run export -m "$tmp/m" item-factors
cp "$tmp/out" "$tmp/q0"
run export -d toy -m "$tmp/m" item-factors
same "$tmp/q0" "$tmp/out" "item-factors with and without --data"
head -1 "$tmp/q0" | grep -q '^id,title,f0,f1$' || fail "item-factors without --data: header"

# Other data: the same size, user 1 renamed; and too little data.
cp -r "$top_srcdir/data/toy" "$tmp/toy2" && chmod -R u+w "$tmp/toy2"
sed -i 's/Younghee/Jiwoo/' "$tmp/toy2/ratings.csv" "$tmp/toy2/users.csv"
run predict -d "$tmp/toy2" -m "$tmp/m" "$tmp/pairs"
refused "predict, other data" "user 1 is 'Younghee' in the model but 'Jiwoo' in the data"
run recommend -d "$tmp/toy2" -m "$tmp/m" -u Minsu
refused "recommend, other data" "give the --data it was trained on (toy)"
run export -d "$tmp/toy2" -m "$tmp/m" user-factors
refused "export, other data" "in the data"
if "$LATENTLAB" export-db --help >/dev/null 2>&1; then # serve is built
	run export-db --db "$tmp/v.db" -d "$tmp/toy2" -m "$tmp/m"
	refused "export-db, other data" "user 1 is 'Younghee' in the model"
fi
printf 'load %s\nopen %s\n' "$tmp/toy2" "$tmp/m" | "$LATENTLAB" repl >"$tmp/out" 2>"$tmp/err"
grep -q "open: .*user 1 is 'Younghee' in the model" "$tmp/err" || fail "the lab's open: other data not refused"
printf 'load toy\nopen %s name=saved\npredict Minsu Avengers\n' "$tmp/m" | "$LATENTLAB" repl >"$tmp/out" 2>"$tmp/err"
grep -q "the same ids as the data" "$tmp/out" && grep -q "model saved" "$tmp/out" || fail "the lab's open of a model file"

# The format 1 file (written before ids): --data needed, and enough.
v1="$top_srcdir/tests/data/toy-v1.model"
if [ "$(printf '\001\000' | od -An -tu2 | tr -d ' ')" = 1 ]; then
	run predict -d toy -m "$v1" "$tmp/pairs"
	ok "predict with a format 1 file"
	[ "$(tail -n +2 "$tmp/out" | grep -c ',[0-9.]*[0-9]$')" = 100 ] || fail "format 1: 100 predictions"
	run predict -m "$v1" "$tmp/pairs"
	refused "format 1 without --data" "holds no ids (a model file of format 1): give --data"
else
	run predict -d toy -m "$v1" "$tmp/pairs"
	refused "format 1 (little-endian) on a big-endian machine" "cannot be read by this version"
fi

# Truncated anywhere, foreign, not a regular file.
size=$(wc -c <"$tmp/m")
for cut in 0 10 42 60 250 300 $((size - 1)); do
	[ "$cut" -lt "$size" ] || continue
	head -c "$cut" "$tmp/m" >"$tmp/cut"
	run predict -m "$tmp/cut" "$tmp/pairs"
	[ "$rc" = 1 ] && [ -s "$tmp/err" ] || fail "a model cut at $cut bytes: status $rc"
done
head -c 300 "$tmp/m" >"$tmp/cut"
run predict -m "$tmp/cut" "$tmp/pairs"
refused "a model cut in its ids" "truncated"
printf 'PK\003\004 a zip, say\n' >"$tmp/foreign"
run predict -m "$tmp/foreign" "$tmp/pairs"
refused "a foreign file" "not a latentlab model"
run recommend -m "$tmp"
refused "a folder as the model" "only regular files are read"

# --- import ------------------------------------------------------------------------
# For each algorithm, export the factors (and biases) as CSV, JSON and .npy,
# import them three ways, and predict: the same float32 bits.
for spec in "SVD k=2 epochs=20" "als k=2 epochs=3 bias=yes" "sgd k=3 epochs=10" "ials k=2 epochs=2" "svd k=2"; do
	set -- $spec
	algo=$1
	shift
	run train -d toy -a "$algo" --seed 2 -o "$tmp/src" "$@"
	ok "train $spec"
	x() { "$LATENTLAB" export -m "$tmp/src" "$@" 2>>"$tmp/xerr" || fail "export $*"; }
	x -o "$tmp/U.csv" user-factors
	x -f json -o "$tmp/I.json" item-factors
	x -f npy -o "$tmp/U.npy" user-factors
	x -f npy -o "$tmp/I.npy" item-factors
	x -o "$tmp/users.csv" users
	x -f json -o "$tmp/items.json" items
	b=""
	nb=""
	case $spec in
	SVD* | svd* | *bias=yes*)
		x -o "$tmp/UB.csv" user-biases
		x -f json -o "$tmp/IB.json" item-biases
		x -f npy -o "$tmp/UB.npy" user-biases
		x -f npy -o "$tmp/IB.npy" item-biases
		mean=$(sed -n 's/^(global mean),//p' "$tmp/UB.csv")
		b="--user-biases $tmp/UB.csv --item-biases $tmp/IB.json"
		nb="--user-biases $tmp/UB.npy --item-biases $tmp/IB.npy --mean $mean"
		;;
	esac
	"$LATENTLAB" predict -m "$tmp/src" -f npy -o "$tmp/want.npy" "$tmp/pairs" || fail "predict $algo"
	for how in "csv" "npy-data" "npy-ids"; do
		case $how in
		csv) set -- -U "$tmp/U.csv" -I "$tmp/I.json" --scale 1,5 $b ;;
		npy-data) set -- -d toy -U "$tmp/U.npy" -I "$tmp/I.npy" $nb ;;
		npy-ids) set -- -U "$tmp/U.npy" --user-ids "$tmp/users.csv" -I "$tmp/I.npy" \
			--item-ids "$tmp/items.json" --scale 1,5 $nb ;;
		esac
		"$LATENTLAB" import -a "$algo" -o "$tmp/back" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		ok "import $algo from $how"
		rm -f "$tmp/got.npy"
		"$LATENTLAB" predict -m "$tmp/back" -f npy -o "$tmp/got.npy" "$tmp/pairs" 2>>"$tmp/err" ||
			fail "predict with the imported $algo ($how)"
		same "$tmp/want.npy" "$tmp/got.npy" "$algo from $how: predictions"
		"$LATENTLAB" export -m "$tmp/back" user-factors >"$tmp/gotU.csv" 2>>"$tmp/err"
		same "$tmp/U.csv" "$tmp/gotU.csv" "$algo from $how: user factors"
	done
done
[ -s "$tmp/xerr" ] && { fail "export wrote errors"; sed 's/^/  err: /' "$tmp/xerr"; }

# Bad input: file:line, usage errors.
printf 'id,f0,f1\nMinsu,0.1,0.2\nJisu,0.1\n' >"$tmp/bad.csv"
run import -U "$tmp/bad.csv" -I "$tmp/I.json" --scale 1,5 -o "$tmp/back"
refused "a short row" "bad.csv:3: 2 fields where the header has 3"
printf '[\n  {"id": "Minsu", "f0": 0.1, "f1": 0.2},\n  {"id": "Jisu", "f0": 0.1, "f1": 0.2\n' >"$tmp/bad.json"
run import -U "$tmp/U.csv" -I "$tmp/bad.json" --scale 1,5 -o "$tmp/back"
refused "JSON cut short" "bad.json:4: the file ends where"
run import -U "$tmp/U.csv" -I "$tmp/I.json" -o "$tmp/back"
refused "no scale, no data" "give the rating scale"
run import -U "$tmp/U.csv" -I "$tmp/I.json" --scale 5,1 -o "$tmp/back"
[ "$rc" = 2 ] || fail "--scale 5,1: status $rc"
run import -U "$tmp/U.csv" -I "$tmp/I.json" --scale 1,5
[ "$rc" = 2 ] && grep -q "give -o MODEL" "$tmp/err" || fail "import without -o: status $rc"
run import -U "$tmp/U.npy" -I "$tmp/I.json" --scale 1,5 -o "$tmp/back"
refused "a .npy without ids or data" "whose rows have no ids"
run import -d "$tmp/toy2" -U "$tmp/U.csv" -I "$tmp/I.json" -o "$tmp/back"
refused "import onto other data" "U.csv:3: user 'Younghee' is not in the data"
run import --help
ok "import --help"
awk 'length > 80 { exit 1 }' "$tmp/out" || fail "import --help: a line wider than 80 columns"

exit $((fails > 0))
