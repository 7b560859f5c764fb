#!/bin/sh
# help_algo.sh: the lab's `help ALGO` for every name `latentlab algorithms`
# lists (latentlab's own and Surprise's and Spark's): the algorithm's
# summary first, then each option its row names, as "  name=default" or
# "  name" (one the constructor does not read itself), each described, no
# line wider than 80 columns. test_algo_help checks the defaults themselves.
set -u
: "${LATENTLAB:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp/home XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/share
export HOME XDG_STATE_HOME XDG_CONFIG_HOME XDG_DATA_HOME
LC_ALL=C.UTF-8; export LC_ALL
fail=0

"$LATENTLAB" algorithms --format csv > "$tmp/algos" || { echo "FAIL: algorithms"; exit 1; }
# name,algorithm,kind,library,preset,options,summary: the first six hold no
# commas or quotes.
tail -n +2 "$tmp/algos" | cut -d, -f1,6 > "$tmp/rows"
count=$(wc -l < "$tmp/rows")
[ "$count" -ge 20 ] || { echo "FAIL: only $count algorithms listed"; exit 1; }

while IFS=, read -r name options; do
	printf 'help %s\n' "$name" | "$LATENTLAB" repl > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
		echo "FAIL: help $name exited $rc"; cat "$tmp/err"; fail=1; continue
	fi
	case $(head -n 1 "$tmp/out") in
	"$name: "?*) ;;
	*) echo "FAIL: help $name does not start with its summary"; head -n 3 "$tmp/out"; fail=1 ;;
	esac
	grep -Eq '^(Options, with their defaults|It takes no options)' "$tmp/out" ||
		{ echo "FAIL: help $name: no options heading"; fail=1; }
	for opt in $(echo "$options" | tr '|' ' '); do
		grep -Eq "^  $opt(=| *\$| )" "$tmp/out" ||
			{ echo "FAIL: help $name: option $opt is not shown"; fail=1; }
	done
	if grep -q '(not described)' "$tmp/out"; then
		echo "FAIL: help $name: an option without a meaning"; grep -B1 '(not described)' "$tmp/out"; fail=1
	fi
	wide=$(awk '{ if (length($0) > 80) print }' "$tmp/out")
	[ -z "$wide" ] || { echo "FAIL: help $name: lines wider than 80 columns:"; echo "$wide"; fail=1; }
done < "$tmp/rows"

# An alias says whose name it is and applies its preset as the default.
printf 'help KNNBaseline\n' | "$LATENTLAB" repl > "$tmp/out" 2>&1
grep -q "Surprise's name for latentlab's 'knn'" "$tmp/out" || { echo "FAIL: KNNBaseline: no alias line"; fail=1; }
grep -q '^  variant=baseline ' "$tmp/out" || { echo "FAIL: KNNBaseline: preset not the default"; fail=1; }
# A name that is neither a command nor an algorithm is an error that says so.
printf 'help sgdd\n' | "$LATENTLAB" repl > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ] || { echo "FAIL: help sgdd did not fail"; fail=1; }
grep -q "no command or algorithm 'sgdd'" "$tmp/err" || { echo "FAIL: help sgdd:"; cat "$tmp/err"; fail=1; }
# Commands keep their help; `help train` points at `help ALGO`.
printf 'help train\n' | "$LATENTLAB" repl > "$tmp/out" 2>&1
grep -q "'help ALGO'" "$tmp/out" || { echo "FAIL: help train does not mention help ALGO"; fail=1; }
# At 80 columns no algorithm's option list is cut: the lines wrap, no "…".
printf 'help train\n' | COLUMNS=80 "$LATENTLAB" repl > "$tmp/out" 2>&1
grep -q '…' "$tmp/out" && { echo "FAIL: help train cuts a line at 80 columns:"; grep '…' "$tmp/out"; fail=1; }
grep -q '^ *penalty=l2|l1, update)' "$tmp/out" || { echo "FAIL: sgd's option list is not whole in help train"; fail=1; }

[ "$fail" -eq 0 ] && echo "help for $count algorithm names: ok"
exit "$fail"
