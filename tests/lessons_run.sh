#!/bin/sh
# lessons_run.sh: every lesson of the source tree (lessons/*.lesson) and the
# test lessons (tests/lessons/*.lesson) pass `latentlab check` and play
# headless with `latentlab run`. Passes with no lessons at all. A lesson on
# MovieLens is checked but only run when $LATENTLAB_DATA holds its release.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
# History and other state stay out of the user's folders.
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME

fail=0 ran=0
for f in "$top_srcdir"/lessons/*.lesson "$top_srcdir"/tests/lessons/*.lesson; do
	[ -e "$f" ] || continue
	if ! "$LATENTLAB" check -q "$f"; then
		echo "FAIL: latentlab check $f"
		fail=1
		continue
	fi
	dataset=$(sed -n 's/^[ 	]*dataset:[ 	]*//p' "$f" | head -n 1)
	case $dataset in
	ml-*)
		if [ -z "${LATENTLAB_DATA:-}" ] || [ ! -d "$LATENTLAB_DATA/$dataset" ]; then
			echo "SKIP run: $f needs MovieLens $dataset (set LATENTLAB_DATA)"
			continue
		fi ;;
	esac
	if ! "$LATENTLAB" run --width 80 "$f" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL: latentlab run $f"
		cat "$tmp/err"
		fail=1
		continue
	fi
	# Something was printed, and no expression was left unevaluated.
	if [ ! -s "$tmp/out" ] || grep -q '{{' "$tmp/out"; then
		echo "FAIL: latentlab run $f printed nothing or an unevaluated {{ }}"
		fail=1
		continue
	fi
	echo "ok: $f ($(grep -c '^Step ' "$tmp/out") steps)"
	ran=$((ran + 1))
done
echo "$ran lessons ran"
exit $fail
