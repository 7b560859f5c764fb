#!/bin/sh
# neighbours_cli.sh: the lab's search, ann, quantize and project commands on
# the toy data (fed to the REPL on stdin), and `latentlab quantize` and
# `latentlab ann` in text and JSON, with their usage errors.
set -u
: "${LATENTLAB:?run me through make check}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
LC_ALL=C.UTF-8; export LC_ALL
COLUMNS=80; export COLUMNS
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
has() { # has FILE PATTERN DESCRIPTION
	grep -q -- "$2" "$1" || { fail "$3: no '$2' in:"; cat "$1"; }
}

"$LATENTLAB" repl >"$tmp/out" 2>"$tmp/err" <<'END'
load toy
train biased k=4 epochs=50 seed=3
search Minsu metric=cosine n=3
quantize precision=int4 item=Avengers n=3
quantize precision=int2 symmetric=yes
project n=3
project sgd k=2 epochs=3 lr=0.05 n=2
ann queries=5
sparsity
search Minsu metric=manhattan
END
[ -s "$tmp/out" ] || fail "repl printed nothing"
has "$tmp/out" "Nearest items to Minsu by cosine" "search"
has "$tmp/out" "cosine #" "search columns"
has "$tmp/out" "16 levels" "int4 grid"
has "$tmp/out" "never more than half a level" "int4 bound"
has "$tmp/out" "code 15" "int4 grid bars"
has "$tmp/out" "3 levels" "symmetric int2 grid"
has "$tmp/out" "int2 " "precision table"
has "$tmp/out" "top-K kept" "precision table header"
has "$tmp/out" "Users and items in 2D" "project"
has "$tmp/out" "epoch 3" "project frames"
has "$tmp/out" "IVF index over item vectors" "ann"
has "$tmp/out" "pairs sharing no rated item" "sparsity"
has "$tmp/err" "manhattan" "bad metric"

# Every number a lesson can quote is there in expressions too.
"$LATENTLAB" repl >"$tmp/out2" 2>&1 <<'END'
load toy
train biased k=4 epochs=50 seed=3
quantize precision=int4 item=Avengers
END
has "$tmp/out2" "levels" "quantize again"

# Batch commands.
"$LATENTLAB" quantize --data toy --dims 2,4 --k 3 >"$tmp/q" 2>"$tmp/qe" || { fail "quantize"; cat "$tmp/qe"; }
has "$tmp/q" "int4" "quantize table"
has "$tmp/q" "bytes_per_vector" "dims table"
"$LATENTLAB" quantize --data toy --dims none --format json --grid Avengers >"$tmp/qj" 2>"$tmp/qe" ||
	{ fail "quantize json"; cat "$tmp/qe"; }
has "$tmp/qj" '"precisions"' "quantize json"
has "$tmp/qj" '"int4_grid"' "quantize json grid"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/qj" || fail "quantize json parses"
fi
"$LATENTLAB" ann --synthetic 5000 --dim 8 --clusters 20 --queries 50 >"$tmp/a" 2>"$tmp/ae" ||
	{ fail "ann"; cat "$tmp/ae"; }
has "$tmp/a" "recall@10" "ann table"
has "$tmp/a" "exact top 10 shared" "ann metric agreement"
"$LATENTLAB" ann --synthetic 5000 --dim 8 --queries 20 --format json >"$tmp/aj" 2>&1 || fail "ann json"
has "$tmp/aj" '"sweep"' "ann json"
"$LATENTLAB" ann --data toy --queries 5 >"$tmp/at" 2>&1 || { fail "ann toy"; cat "$tmp/at"; }
"$LATENTLAB" ann >"$tmp/u" 2>&1 && fail "ann without data succeeded"
has "$tmp/u" "give --data PATH or --synthetic N" "ann usage"
"$LATENTLAB" quantize --data toy --algo knn-item >"$tmp/u" 2>&1 && fail "quantize knn succeeded"
has "$tmp/u" "no latent factors" "quantize without factors"

[ "$fails" = 0 ] || exit 1
exit 0
