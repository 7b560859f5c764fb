#!/bin/sh
# regress.sh [BUILDDIR]: run each fuzz harness once over its committed
# corpus (every input, no mutation), so a crash found once stays fixed. The
# same command line serves both builds: driver.c replays the folder, and
# libFuzzer (--enable-fuzzing) replays it with -runs=0.
build=${1:-${top_builddir:-.}}
here=$(cd "$(dirname "$0")" && pwd)
status=0
found=0
for name in fuzz_load fuzz_lesson fuzz_parse fuzz_session fuzz_format; do
	f=$build/tests/fuzz/$name
	[ -x "$f" ] || continue
	found=1
	if "$f" -runs=0 -timeout=20 -rss_limit_mb=2048 "$here/corpus/$name" >"$build/tests/fuzz/$name.regress.log" 2>&1; then
		echo "ok: $name ($(ls "$here/corpus/$name" | wc -l) inputs)"
	else
		echo "FAIL: $name (see $build/tests/fuzz/$name.regress.log)"
		tail -30 "$build/tests/fuzz/$name.regress.log"
		status=1
	fi
done
[ "$found" -eq 1 ] || { echo "no fuzz harnesses in $build (make check builds them)"; exit 77; }
exit $status
