#!/bin/sh
# serve_api.sh: a store exported from a trained model and served: every
# recommendation and prediction equals the lab's own (`latentlab repl`
# fed on stdin, the same model trained from the same seed); fold-in, IVF,
# the cache and /metrics answer; malformed requests get a 4xx with a JSON
# error (bad user, bad parameters, bad JSON, a huge query string, a body
# over the limit, an unknown path, a wrong method), and the server lives on.
set -u
. "${top_srcdir:?}/tests/serve_lib.sh"
command -v perl >/dev/null 2>&1 || { echo "no perl: skip"; exit 77; }

"$LATENTLAB" train --data toy --algo biased k=4 epochs=30 seed=5 --save toy.model >/dev/null ||
	fail "train"
"$LATENTLAB" export-db --data toy --model toy.model --db toy.db >export.out || fail "export-db"
grep -q '10 users, 10 items' export.out || fail "export-db said: $(cat export.out)"
start_server toy.db --ivf

# The users' names, by index, from the server.
users=""
for u in 0 1 2 3 4 5 6 7 8 9; do
	name=$(get "$BASE/recommend?user_index=$u&n=1" | perl -MJSON::PP -e \
		'local $/; print decode_json(<STDIN>)->{user}')
	[ -n "$name" ] || fail "no user at index $u"
	users="$users$name
"
done
items=$(get "$BASE/recommend?user_index=0&n=10" | perl -MJSON::PP -e \
	'local $/; print "$_->{item}\n" for @{decode_json(<STDIN>)->{items}}')

# The lab's answers: the same training in the REPL.
{
	echo "load toy"
	echo "train biased k=4 epochs=30 seed=5"
	echo "$users" | while IFS= read -r u; do
		[ -n "$u" ] || continue
		echo "recommend \"$u\" n=5"
		echo "$items" | while IFS= read -r i; do
			[ -n "$i" ] && echo "predict \"$u\" \"$i\""
		done
	done
} >lab.in
"$LATENTLAB" repl <lab.in >lab.out 2>lab.err || fail "repl: $(cat lab.err)"

# Both as lines "rec USER RANK ITEM PRED" and "pred USER ITEM PRED" (2 decimals,
# as the lab shows them).
perl -ne '
	if (/^Recommended for (.*) \(model /) { $u = $1; next }
	if (defined $u && /^\s*(\d+)\s+(.*?)\s+(-?\d+\.\d\d)\s*$/) { print "rec $u $1 $2 $3\n"; next }
	if (/^(.*) -> (.*): predicted (-?\d+\.\d\d)/) { print "pred $1 $2 $3\n" }
' lab.out >lab.txt
echo "$users" | while IFS= read -r u; do
	[ -n "$u" ] || continue
	q=$(printf %s "$u" | perl -pe 's/([^A-Za-z0-9_.~-])/sprintf("%%%02X", ord($1))/ge')
	get "$BASE/recommend?user=$q&n=5" | perl -MJSON::PP -e '
		local $/; my $r = decode_json(<STDIN>); my $k = 0;
		printf "rec %s %d %s %.2f\n", $r->{user}, ++$k, $_->{title}, $_->{prediction}
			for @{$r->{items}}'
	echo "$items" | while IFS= read -r i; do
		[ -n "$i" ] || continue
		qi=$(printf %s "$i" | perl -pe 's/([^A-Za-z0-9_.~-])/sprintf("%%%02X", ord($1))/ge')
		get "$BASE/predict?user=$q&item=$qi" | perl -MJSON::PP -e '
			local $/; my $r = decode_json(<STDIN>);
			printf "pred %s %s %.2f\n", $r->{user}, $r->{title}, $r->{prediction}'
	done
done >api.txt
n=$(grep -c . lab.txt)
[ "$n" -ge 100 ] || fail "the lab gave $n answers (see lab.out)"
diff lab.txt api.txt >diff.out || { cat diff.out; fail "the API and the lab disagree"; }
echo "ok: $n answers equal the lab's"

# The cache: the second identical request is a hit.
get -D h1 -o /dev/null "$BASE/recommend?user_index=3&n=4"
get -D h2 -o /dev/null "$BASE/recommend?user_index=3&n=4"
grep -qi '^X-Cache: miss' h1 || fail "first request not a miss"
grep -qi '^X-Cache: hit' h2 || fail "second request not a hit"
get -D h3 -o /dev/null "$BASE/recommend?user_index=3&n=4&cache=0"
grep -qi '^X-Cache' h3 && fail "cache=0 went through the cache"

# IVF probing every cell is exact search.
nl=$(get "$BASE/health" | perl -MJSON::PP -e 'local $/; print decode_json(<STDIN>)->{ivf_nlist}')
a=$(get "$BASE/recommend?user_index=1&n=5&cache=0" | perl -MJSON::PP -e \
	'local $/; print join ",", map { $_->{item} } @{decode_json(<STDIN>)->{items}}')
b=$(get "$BASE/recommend?user_index=1&n=5&cache=0&search=ivf&nprobe=$nl" | perl -MJSON::PP -e \
	'local $/; print join ",", map { $_->{item} } @{decode_json(<STDIN>)->{items}}')
[ -n "$a" ] && [ "$a" = "$b" ] || fail "ivf with nprobe=nlist ($b) is not exact ($a)"

# Fold-in: a new user's recommendations leave out what they rated.
i1=$(echo "$items" | sed -n 1p)
i2=$(echo "$items" | sed -n 2p)
get -XPOST -H 'Content-Type: application/json' \
	-d "{\"ratings\": {\"$i1\": 5, \"$i2\": 1}, \"n\": 3}" "$BASE/foldin" >fold.json
perl -MJSON::PP -e 'local $/; my $r = decode_json(<STDIN>);
	exit 1 unless @{$r->{items}} == 3 && @{$r->{vector}} == 4;
	exit 1 if grep { $_->{item} eq $ARGV[0] || $_->{item} eq $ARGV[1] } @{$r->{items}}' \
	"$i1" "$i2" <fold.json || fail "fold-in: $(cat fold.json)"

# Malformed requests: the status, and a JSON error.
check() {
	want=$1
	shift
	code=$(get -o body.json -w '%{http_code}' "$@")
	[ "$code" = "$want" ] || fail "$* answered $code, not $want: $(head -c 300 body.json)"
	case $want in
	4*) perl -MJSON::PP -e 'local $/; exit !defined decode_json(<STDIN>)->{error}' <body.json ||
		fail "$*: no JSON error: $(head -c 300 body.json)" ;;
	esac
}
check 404 "$BASE/recommend?user=Nobody"
check 400 "$BASE/recommend"
check 400 "$BASE/recommend?user_index=99"
check 400 "$BASE/recommend?user_index=0&n=0"
check 400 "$BASE/recommend?user_index=0&n=abc"
check 400 "$BASE/recommend?user_index=0&n=100000000000000000000"
check 400 "$BASE/recommend?user_index=0&search=magic"
check 400 "$BASE/recommend?user_index=0&search=ivf&nprobe=-1"
check 404 "$BASE/predict?user_index=0&item=Nothing"
check 404 "$BASE/similar?item=Nothing"
check 404 "$BASE/nope"
check 404 "$BASE/"
check 405 -XPOST -d x "$BASE/recommend?user_index=0"
check 405 "$BASE/foldin"
check 400 -XPOST -d '{"ratings": {' "$BASE/foldin"
check 400 -XPOST -d '[1,2]' "$BASE/foldin"
check 400 -XPOST -d '{"ratings": {}}' "$BASE/foldin"
check 400 -XPOST -d "{\"ratings\": {\"$i1\": \"five\"}}" "$BASE/foldin"
check 404 -XPOST -d '{"ratings": {"Nothing": 5}}' "$BASE/foldin"
check 400 -XPOST -d "{\"ratings\": {\"$i1\": 5}, \"n\": 1.5}" "$BASE/foldin"
head -c 100000 /dev/zero | tr '\0' '[' >big.json
check 413 -XPOST --data-binary @big.json "$BASE/foldin"
long=$(head -c 60000 /dev/zero | tr '\0' a)
code=$(get -o /dev/null -w '%{http_code}' "$BASE/recommend?user=$long")
case $code in 4*) ;; *) fail "a 60 kB query string answered $code" ;; esac
code=$(get -o /dev/null -w '%{http_code}' -H "X-Big: $long" "$BASE/health")
case $code in 4*) ;; *) fail "a 60 kB header answered $code" ;; esac

# Still alive, and it counted.
get "$BASE/health" | grep -q '"status":"ok"' || fail "not healthy after the bad requests"
get "$BASE/metrics" >metrics.json
perl -MJSON::PP -e 'local $/; my $m = decode_json(<STDIN>);
	exit 1 unless $m->{status}{"4xx"} >= 20 && $m->{cache}{hits} >= 1 &&
		$m->{endpoints}{recommend}{count} >= 30 && @{$m->{latency_us}{count}} == @{$m->{latency_us}{le}}' \
	<metrics.json || fail "metrics: $(cat metrics.json)"
stop_server
[ "$STATUS" -eq 0 ] || fail "serve exited $STATUS after SIGTERM"
echo "ok: 4xx with JSON errors, cache, IVF, fold-in, metrics"
exit 0
