#!/bin/sh
# download.sh: `latentlab download NAME` without the internet: file:// URLs
# of zips made here from the bundled data/ml-latest-small and tests/data,
# the SHA-256 checked (a zip that is not GroupLens's is refused, and one is
# accepted with --sha256 of sha256sum's), unpacked into
# $XDG_DATA_HOME/latentlab/NAME where `stats --data NAME` and the lab's
# `load NAME` then find it without LATENTLAB_DATA; no network (a closed port
# on loopback) says what to do, exit 1; --zip; a damaged zip, a zip with no
# NAME/ folder, an entry that climbs out with '..', a zip larger than the
# release: refused, and never a partial folder or a temporary one left.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"
command -v zip >/dev/null 2>&1 || { echo "zip not found (Debian package zip): skipped"; exit 77; }
command -v sha256sum >/dev/null 2>&1 || { echo "sha256sum not found: skipped"; exit 77; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp/home XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/share
export HOME XDG_STATE_HOME XDG_CONFIG_HOME XDG_DATA_HOME
unset LATENTLAB_DATA LATENTLAB_PATH http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
LC_ALL=C.UTF-8; export LC_ALL
mkdir -p "$HOME"
user=$tmp/share/latentlab
fail=0
fail() { echo "FAIL: $*"; fail=1; }

run() { # run WANT ARGS...: stdout in out, stderr in err
	want=$1
	shift
	"$LATENTLAB" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || { fail "'download $*' exited $got, expected $want"; cat "$tmp/err"; }
}
# Nothing of NAME, and no temporary folder, in the user's folder.
nothing_left() {
	[ ! -e "$user/$1" ] || fail "$2: $user/$1 was left"
	left=$(ls -A "$user" 2>/dev/null | grep '^\.download' || true)
	[ -z "$left" ] || fail "$2: temporary folders left: $left"
}
# mkzip ZIP NAME FROM: a zip holding FROM's files in a folder NAME/.
mkzip() {
	rm -rf "$tmp/z" && mkdir -p "$tmp/z/$2" && cp -R "$3"/. "$tmp/z/$2/" &&
		(cd "$tmp/z" && zip -qr "$1" "$2") || exit 99
}
sum() { sha256sum "$1" | cut -c 1-64; }

curl=1
"$LATENTLAB" download --help | grep -q 'built without libcurl' && curl=0

# ml-latest-small from a file:// URL. The zip made here is not GroupLens's,
# so the known SHA-256 refuses it...
mkzip "$tmp/ml-latest-small.zip" ml-latest-small "$top_srcdir/data/ml-latest-small"
if [ "$curl" -eq 1 ]; then
	run 1 download --url "file://$tmp/ml-latest-small.zip" ml-latest-small
	grep -q 'not the release expected' "$tmp/err" || { fail "not GroupLens's zip: no message"; cat "$tmp/err"; }
	nothing_left ml-latest-small "not GroupLens's zip"
	mkzip "$tmp/ml-100k.zip" ml-100k "$top_srcdir/tests/data/ml100k"
	run 1 download --url "file://$tmp/ml-100k.zip" ml-100k
	grep -q 'is not the release expected' "$tmp/err" || { fail "wrong sum: no message"; cat "$tmp/err"; }
	grep -q "$(sum "$tmp/ml-100k.zip")" "$tmp/err" || fail "wrong sum: the zip's own sum not shown"
	nothing_left ml-100k "a wrong sum"
	# ...and its own sum, given, is accepted; a progress line on stderr.
	run 0 download --url "file://$tmp/ml-latest-small.zip" --sha256 "$(sum "$tmp/ml-latest-small.zip")" ml-latest-small
	grep -q '^ml-latest-small.zip: .* MB' "$tmp/err" || { fail "no progress line"; cat "$tmp/err"; }
	for f in "$top_srcdir"/data/ml-latest-small/*; do
		cmp -s "$f" "$user/ml-latest-small/$(basename "$f")" || fail "unpacked $(basename "$f") differs"
	done
	nothing_left no-such "after a download"
	run 0 download --sha256 "$(sum "$tmp/ml-latest-small.zip")" --url "file://$tmp/ml-latest-small.zip" ml-latest-small
	grep -q 'already in' "$tmp/out" || fail "a second download: no 'already in'"
	# Upper-case hex is the same sum.
	rm -rf "$user/ml-latest-small"
	run 0 download -q -u "file://$tmp/ml-latest-small.zip" --sha256 "$(sum "$tmp/ml-latest-small.zip" | tr a-f A-F)" ml-latest-small
	[ -s "$tmp/err" ] && fail "-q: stderr: $(cat "$tmp/err")"

	# ml-100k: not found before, found after, by stats and by the lab.
	run 1 stats --data ml-100k
	run 0 download --url "file://$tmp/ml-100k.zip" --sha256 "$(sum "$tmp/ml-100k.zip")" ml-100k
	want=$("$LATENTLAB" stats --data "$top_srcdir/tests/data/ml100k" --format csv --table summary | sed -n 's/^ratings,//p')
	got=$("$LATENTLAB" stats --data ml-100k --format csv --table summary | sed -n 's/^ratings,//p')
	[ -n "$want" ] && [ "$got" = "$want" ] || fail "stats --data ml-100k after download: '$got' ratings, expected '$want'"
	printf 'load ml-100k\n' | "$LATENTLAB" repl > "$tmp/out" 2>&1 || fail "repl: load ml-100k after download"
	grep -q "Loaded ml-100k: .* $want ratings" "$tmp/out" || { fail "load ml-100k:"; cat "$tmp/out"; }

	# No network: a closed port on loopback. What to do is said; exit 1.
	run 1 download --url http://127.0.0.1:1/ml-1m.zip ml-1m
	grep -q 'cannot reach http://127.0.0.1:1/ml-1m.zip' "$tmp/err" || { fail "no network: no 'cannot reach'"; cat "$tmp/err"; }
	grep -q 'latentlab download --zip FILE ml-1m' "$tmp/err" || { fail "no network: not said what to do"; cat "$tmp/err"; }
	nothing_left ml-1m "no network"
	# A file:// URL that is not there is no success either.
	run 1 download --url "file://$tmp/none.zip" ml-1m
	nothing_left ml-1m "a missing file:// zip"
fi

# --zip: a zip brought by hand, no network needed. A killed download's
# temporary folder (its process gone) is cleared first.
mkzip "$tmp/ml-1m.zip" ml-1m "$top_srcdir/tests/data/ml1m"
gone=$(sh -c 'echo $$')
mkdir -p "$user/.download-ml-1m-$gone-abcdef"
run 0 download --zip "$tmp/ml-1m.zip" --sha256 "$(sum "$tmp/ml-1m.zip")" ml-1m
cmp -s "$top_srcdir/tests/data/ml1m/ratings.dat" "$user/ml-1m/ratings.dat" || fail "--zip: ratings.dat differs"
nothing_left no-such "--zip"

# Refused, and nothing left: not a zip, ...
head -c 3000 /dev/urandom > "$tmp/noise.zip"
run 1 download --zip "$tmp/noise.zip" --sha256 "$(sum "$tmp/noise.zip")" ml-25m
grep -q 'cannot unpack ml-25m.zip' "$tmp/err" || { fail "noise: no 'cannot unpack'"; cat "$tmp/err"; }
nothing_left ml-25m "not a zip"
# ... a zip whose folder is not the release's, ...
mkzip "$tmp/other.zip" something-else "$top_srcdir/tests/data/ml1m"
run 1 download --zip "$tmp/other.zip" --sha256 "$(sum "$tmp/other.zip")" ml-25m
grep -q 'holds no folder ml-25m/' "$tmp/err" || { fail "no folder: no message"; cat "$tmp/err"; }
nothing_left ml-25m "no NAME/ folder"
# ... larger than the known release (without --sha256 the size is known) ...
mkdir -p "$tmp/big"
head -c 6000000 /dev/urandom > "$tmp/big/noise.bin"
mkzip "$tmp/big.zip" ml-100k "$tmp/big"
rm -rf "$user/ml-100k"
run 1 download --zip "$tmp/big.zip" ml-100k
grep -q 'more than [0-9]* bytes' "$tmp/err" || { fail "too large: no message"; cat "$tmp/err"; }
nothing_left ml-100k "too large"
# ... and an entry that climbs out of the folder.
if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp/slip.zip" <<'EOF' || exit 99
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("ml-25m/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,0\n")
    z.writestr("ml-25m/../../escaped.txt", "out of the folder\n")
EOF
	run 1 download --zip "$tmp/slip.zip" --sha256 "$(sum "$tmp/slip.zip")" ml-25m
	nothing_left ml-25m "a '..' entry"
	found=$(find "$tmp" -name escaped.txt)
	[ -z "$found" ] || fail "a '..' entry was written: $found"
fi

# Usage errors: exit 2.
run 2 download
run 2 download ml-10m
grep -q "no release 'ml-10m'" "$tmp/err" || fail "ml-10m: no message"
run 2 download --sha256 xyz ml-1m
run 2 download ml-1m ml-100k

[ "$fail" -eq 0 ] && echo "download: ok (libcurl: $curl)"
exit "$fail"
