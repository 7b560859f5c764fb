# serve_lib.sh: what the serve_*.sh tests share: skip when serving is not
# built, a private folder, and a server on 127.0.0.1 at a free port that is
# always killed at the end. Sourced, not run.
: "${LATENTLAB:?}" "${top_srcdir:?}"
"$LATENTLAB" serve --help >/dev/null 2>&1 || {
	echo "serving not built (configure --without-serve): skip"
	exit 77
}
command -v curl >/dev/null 2>&1 || { echo "no curl program: skip"; exit 77; }
tmp=$(mktemp -d) || exit 99
SP=""
cleanup() {
	[ -n "$SP" ] && kill -KILL "$SP" 2>/dev/null
	[ -n "${LP:-}" ] && kill -KILL "$LP" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 99' INT TERM HUP
cd "$tmp" || exit 99
LC_ALL=C.UTF-8; export LC_ALL
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
# curl from the tests: loopback only, never a proxy, never long.
get() { curl -s --noproxy '*' --max-time 10 "$@"; }

fail() {
	echo "FAIL: $*"
	for f in "$tmp"/srv.err "$tmp"/srv.out; do
		[ -s "$f" ] && { echo "--- $f"; tail -20 "$f"; }
	done
	exit 1
}

# start_server DB [OPTION]...: SP, PORT and BASE set once it answers.
start_server() {
	db=$1
	shift
	# Emptied first: the child truncates them only once it runs, and the
	# loop below must not read an earlier server's port in the meantime.
	: >"$tmp/srv.out"
	: >"$tmp/srv.err"
	"$LATENTLAB" serve --db "$db" --port 0 "$@" >"$tmp/srv.out" 2>"$tmp/srv.err" &
	SP=$!
	i=0
	PORT=""
	while [ $i -lt 200 ]; do
		PORT=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/srv.out")
		[ -n "$PORT" ] && break
		kill -0 "$SP" 2>/dev/null || fail "serve exited before listening"
		sleep 0.05
		i=$((i + 1))
	done
	[ -n "$PORT" ] || fail "serve did not start in 10 s"
	BASE=http://127.0.0.1:$PORT
}

# stop_server: SIGTERM, and the status it exits with in STATUS.
stop_server() {
	kill -TERM "$SP"
	wait "$SP"
	STATUS=$?
	SP=""
}
