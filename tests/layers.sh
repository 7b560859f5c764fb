#!/bin/sh
# The house rule of src/README: a folder includes only folders below it.
# For every #include "a/b.h" under src/, the including file's folder must be
# allowed to see the included header's folder (the table below, which is
# src/README's map), and every folder must be named in that map.
: "${top_srcdir:=.}"
cd "$top_srcdir/src" || exit 99
fail=0

# folder: the folders it may include (besides itself)
allowed() {
	case $1 in
	engine/core) echo "" ;;
	engine/data) echo "engine/core" ;;
	engine/model) echo "engine/core engine/data" ;;
	engine/mf | engine/neighbours | engine/nn | engine/vectors | engine/content)
		echo "engine/core engine/data engine/model" ;;
	engine) echo "engine/core engine/data engine/model engine/mf engine/neighbours engine/nn engine/vectors engine/content" ;;
	engine/eval) echo "engine/core engine/data engine/model engine/mf engine/neighbours engine/nn engine/vectors engine/content engine" ;;
	lab/view) echo "" ;;
	lab) echo "ENGINE lab/view" ;;
	lab/cmd | lab/lesson) echo "ENGINE lab/view lab" ;;
	repl) echo "ENGINE LAB" ;;
	tui/scene) echo "ENGINE LAB tui/draw" ;;
	tui/draw) echo "ENGINE lab/view" ;;
	tui) echo "ENGINE LAB repl tui/draw tui/scene" ;;
	serve) echo "ENGINE LAB" ;;
	cli) echo "ENGINE LAB repl tui tui/draw serve" ;;
	.) echo "ENGINE LAB cli" ;;
	*) echo "UNKNOWN" ;;
	esac
}
ENGINE="engine/core engine/data engine/model engine/mf engine/neighbours engine/nn engine/vectors engine/content engine engine/eval"
LAB="lab/view lab lab/cmd lab/lesson"

for f in $(find . -name '*.[ch]' | sed 's|^\./||' | sort); do
	dir=$(dirname "$f")
	ok=$(allowed "$dir")
	if [ "$ok" = UNKNOWN ]; then
		echo "layers: $f: folder $dir is not in the map (tests/layers.sh, src/README)"
		fail=1
		continue
	fi
	ok=$(echo "$ok" | sed "s|ENGINE|$ENGINE|; s|LAB|$LAB|")
	for inc in $(sed -n 's/^#include "\([^"]*\/[^"]*\)".*/\1/p' "$f"); do
		[ -f "$inc" ] || continue # a generated or system header
		idir=$(dirname "$inc")
		[ "$idir" = "$dir" ] && continue
		case " $ok " in
		*" $idir "*) ;;
		*) echo "layers: $f includes $inc: $dir may not include $idir"; fail=1 ;;
		esac
	done
done

# The map names every folder, and names no folder that is gone.
for d in $(find . -mindepth 1 -type d ! -path '*/.*' | sed 's|^\./||' | sort); do
	base=$(basename "$d")
	grep -Eq "^ *$base/( |$)" README || { echo "layers: src/README does not name $d/"; fail=1; }
done
for name in $(sed -n 's|^ *\([a-z]*\)/  .*|\1|p; s|^ *\([a-z]*\)/$|\1|p' README); do
	[ -n "$(find . -type d -name "$name")" ] || { echo "layers: src/README names $name/, which is not a folder"; fail=1; }
done
[ $fail -eq 0 ] && echo "layers: every include points down; src/README names every folder"
exit $fail
