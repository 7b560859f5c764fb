#!/bin/sh
# serve_loadtest.sh: the load generator is bounded: it sends to loopback
# addresses only (others are refused before any traffic), stops after the
# requests asked for or the seconds given, refuses bounds out of range,
# fails quickly with no server; and it reports the cache warming up.
set -u
. "${top_srcdir:?}/tests/serve_lib.sh"

# Refused before any connection: not loopback, not http.
for url in http://10.1.2.3:8080 http://example.com http://192.168.0.1 \
	https://127.0.0.1:8080 ftp://127.0.0.1/ http://127.0.0.1.example.com:80 \
	http://[2001:db8::1]:80 notaurl; do
	"$LATENTLAB" loadtest "$url" -n 10 -s 1 >out 2>err
	s=$?
	[ $s -eq 2 ] || fail "loadtest $url exited $s (want 2): $(cat err)"
	grep -q 'loopback\|http://' err || fail "loadtest $url said: $(cat err)"
done
for bad in "-c 0" "-c 300" "-n 0" "-n 20000000" "-s 0" "-s 601" "--zipf -1" "-w 101"; do
	# shellcheck disable=SC2086
	"$LATENTLAB" loadtest http://127.0.0.1:9 $bad >out 2>err
	[ $? -eq 2 ] || fail "loadtest $bad was accepted"
done
# No server (a port nobody listens on): fails, fast.
t0=$(date +%s)
"$LATENTLAB" loadtest http://127.0.0.1:9 -n 100 -s 5 >out 2>err
s=$?
t1=$(date +%s)
[ $s -eq 1 ] || fail "loadtest with no server exited $s"
[ $((t1 - t0)) -le 4 ] || fail "loadtest with no server took $((t1 - t0)) s"

"$LATENTLAB" export-db --data toy --algo biased k=4 epochs=10 --db toy.db >/dev/null ||
	fail "export-db"
start_server toy.db --cache 100

# Bounded by count: exactly that many requests, all answered.
"$LATENTLAB" loadtest "$BASE" -c 3 -n 300 -s 60 -w 3 -f json >count.json 2>err ||
	fail "loadtest: $(cat err)"
perl -MJSON::PP -e 'local $/; my $r = decode_json(<STDIN>); my $s = $r->{summary}[0];
	exit 1 unless $s->{requests} == 300 && $s->{ok} == 300 && $r->{stopped_by} eq "count";
	exit 1 unless $s->{hit_rate} > 0.5 && $s->{p99_ms} >= $s->{p50_ms};
	exit 1 unless @{$r->{windows}} == 3 && $r->{windows}[2]{hit_rate} >= $r->{windows}[0]{hit_rate}' \
	<count.json || fail "count-bounded run: $(cat count.json)"
n=$(get "$BASE/metrics" | sed -n 's/.*"recommend":{"count":\([0-9]*\).*/\1/p')
[ "$n" -eq 300 ] || fail "the server saw $n recommend requests, not 300"

# Bounded by time: a huge count, one second.
t0=$(date +%s)
"$LATENTLAB" loadtest "$BASE" -c 2 -n 10000000 -s 1 -f json >time.json 2>err ||
	fail "loadtest: $(cat err)"
t1=$(date +%s)
[ $((t1 - t0)) -le 4 ] || fail "a 1 s run took $((t1 - t0)) s"
grep -q '"stopped_by": *"time"' time.json || fail "time-bounded run: $(cat time.json)"

# The other endpoints.
"$LATENTLAB" loadtest "$BASE" -e predict -n 50 >p.out 2>err || fail "predict load: $(cat err)"
"$LATENTLAB" loadtest "$BASE" -e similar -n 50 -q n=3 >s.out 2>err || fail "similar load: $(cat err)"
# The text, in English and Korean, within 80 columns (its thirteen measures
# one a row, as side by side they take 103).
"$LATENTLAB" --lang ko loadtest "$BASE" -c 2 -n 300 -w 3 >ko.out 2>err || fail "Korean load: $(cat err)"
for f in p.out s.out ko.out; do
	[ "$(wc -L <$f)" -le 80 ] || fail "loadtest's text is wider than 80 columns: $(cat $f)"
done
grep -q '^hit_rate  *[0-9.]*$' ko.out || fail "loadtest's text lacks its hit rate: $(cat ko.out)"
stop_server
[ "$STATUS" -eq 0 ] || fail "serve exited $STATUS"
echo "ok: loopback only, bounded by count and by time"
exit 0
