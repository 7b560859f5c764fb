#!/bin/sh
# lessons.sh: how long each step of every MovieLens lesson takes to be ready
# (issue 12's bar: under 2 s on a 2-core machine), on the bundled data and,
# when $LATENTLAB_DATA holds it, on ml-100k. `latentlab run --step N` plays
# steps 1..N, so a step's own time is t(N) - t(N-1), each the best of two
# runs. Prints one line per lesson and the slowest step; never fails.
: "${LATENTLAB:=./latentlab}" "${top_srcdir:=.}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp; export XDG_STATE_HOME
now() { date +%s.%N; }
run_t() { # best wall time of two runs of steps 1..$2 of lesson $1
	best=
	for _ in 1 2; do
		t0=$(now); "$LATENTLAB" run --step "$2" "$1" >/dev/null 2>&1; t1=$(now)
		best=$(echo "$t0 $t1 ${best:-1e9}" | awk '{d = $2 - $1; print (d < $3 ? d : $3)}')
	done
	echo "$best"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
ml=${LATENTLAB_DATA:-}
for label in bundled ml-100k; do
	data=
	if [ "$label" = ml-100k ]; then
		[ -n "$ml" ] && [ -d "$ml/ml-100k" ] || continue
		data=$ml
	fi
	LATENTLAB_DATA=$data; export LATENTLAB_DATA
	for f in "$top_srcdir"/lessons/*.lesson; do
		grep -q '^dataset:[ 	]*movielens' "$f" || continue
		n=$(grep -c '^## ' "$f")
		prev=0 worst=0 at=0 line=""
		i=1
		while [ "$i" -le "$n" ]; do
			t=$(run_t "$f" "$i")
			d=$(echo "$t $prev" | awk '{d = $1 - $2; print (d > 0 ? d : 0)}')
			line="$line $(printf '%.2f' "$d")"
			if [ "$(echo "$d $worst" | awk '{print ($1 > $2)}')" = 1 ]; then worst=$d at=$i; fi
			prev=$t
			i=$((i + 1))
		done
		printf '%-8s %-36s slowest step %d: %5.2f s  (steps:%s)\n' "$label" \
			"$(basename "$f" .lesson)" "$at" "$worst" "$line"
	done
done
