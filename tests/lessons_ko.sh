#!/bin/sh
# lessons_ko.sh: every English lesson (lessons/*.lesson) has a Korean twin
# (lessons/ko/, same file name) that shows the same numbers.
#
# For each pair:
#  (a) both play headless with `latentlab run` (exit 0);
#  (b) the Korean file passes `latentlab check`;
#  (c) the numbers printed, in order and step by step, are the same in both
#      runs. The twin runs on data/toy-ko (the same ratings under Hangul names)
#      with the same seed and commands, so every number must match: the
#      engine's results and the inputs the prose quotes (`reg=0.1`, `0.5`).
#      Ignored: timings ("in 0.00 s", in Korean "0.00초 만에") and digits
#      glued to an ASCII letter or underscore ("L2", "2D", "p_1"), which are
#      names, not quantities; the Korean text may put those elsewhere in the
#      sentence; addresses
#      ("http://127.0.0.1:41234/", a free port); and in a lesson that says
#      "% measured: UNIT... [charts]" (lesson 25: "ms /s % charts"), the
#      numbers followed by one of those units ("0.450 ms", "24454/s", "83%")
#      and, with "charts", every line of its charts: wall-clock measurements
#      that differ between any two runs; "steps N..." leaves out every
#      number of those steps (a step whose tables time things: seconds to
#      fit, queries per second), whose commands are still compared;
#  (d) the header seed and the "$"/"$$" command lines are the same, once
#      Korean names are mapped to English and quotes dropped;
#  (e) the table rows that start with a user or movie name (vectors, rankings,
#      the ratings matrix, neighbours, tugs) name the same people and movies
#      in the same order, Korean names mapped back to English through the two
#      datasets. A difference there while the numbers agree means ties were
#      broken by name (or some other text order), not by the data.
#  (f) played at --width 80, no line of either is wider (display columns),
#      and the twin plays in a Korean session too, as wide at most.
# On a difference it prints the lesson, the step, and the two lines.
# Passes (exit 0) only when every English lesson has a twin and all pairs agree.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
# History and other state stay out of the user's folders.
XDG_STATE_HOME=$tmp/state; export XDG_STATE_HOME
# Find data/toy-ko in the tree under test first.
LATENTLAB_PATH=$top_srcdir${LATENTLAB_PATH:+:$LATENTLAB_PATH}; export LATENTLAB_PATH

ko_dir=$top_srcdir/lessons/ko
# A step's heading, "Step 3/9: ..." (in a Korean session "단계 3/9: ..."):
# numbers and rows are compared step by step, by the step's number.
steprx='^(Step|단계) [0-9]+/[0-9]+: '
data=$top_srcdir/data
for f in "$data/toy/users.csv" "$data/toy-ko/users.csv" \
	"$data/toy/movies.csv" "$data/toy-ko/movies.csv"; do
	if [ ! -r "$f" ]; then
		echo "FAIL: $f is missing"
		exit 1
	fi
done

# The name map, English<TAB>Korean: users.csv and movies.csv of the two
# datasets list the same people and movies in the same order. Nari is not
# in the data: lesson 07 adds her with `rate`.
names=$tmp/names
{
	paste -d '\t' "$data/toy/users.csv" "$data/toy-ko/users.csv" |
		sed 1d | awk -F '\t' '{ split($1, e, ","); split($2, k, ","); print e[1] "\t" k[1] }'
	paste -d '\t' "$data/toy/movies.csv" "$data/toy-ko/movies.csv" |
		sed 1d | awk -F '\t' '{ split($1, e, ","); split($2, k, ","); print e[1] "\t" k[1] }'
	printf 'Nari\t나리\n'
} >"$names"

# wide_lines FILE: the first three lines over 80 display columns, indented.
wide_lines() {
	n=0
	while IFS= read -r l && [ $n -lt 3 ]; do
		if [ "$(printf '%s\n' "$l" | wc -L)" -gt 80 ]; then
			printf '  %s\n' "$l"
			n=$((n + 1))
		fi
	done <"$1"
}

# measured LESSON: the units (and "charts") of its "% measured:" lines.
measured() {
	sed -n 's/^[ 	]*%[ 	]*measured:[ 	]*//p' "$1" | tr '\n' ' '
}

# numbers FILE [MEASURED]: "step<TAB>number<TAB>line" for every number of a
# run's output, less the measurements MEASURED names (see measured).
numbers() {
	awk -v measured="${2:-}" -v steprx="$steprx" '
	BEGIN {
		nu = 0
		insteps = 0
		for (i = 1; i <= split(measured, m, " "); i++)
			if (m[i] == "charts")
				charts = 1
			else if (m[i] == "steps")
				insteps = 1
			else if (insteps && m[i] ~ /^[0-9]+$/)
				timed[m[i] + 0] = 1
			else if (insteps)
				break # the words after the step numbers are a comment
			else
				unit[++nu] = m[i]
	}
	{ text[NR] = $0 }
	END {
	for (j = 1; j <= NR; j++) {
		line = text[j]
		if (line ~ steprx) { step = line; sub(/^[^0-9]*/, "", step); sub(/\/.*/, "", step) }
		if (charts && (line ~ /│|└/ || line ~ /\((line|dots)\), last /))
			continue
		if ((step + 0) in timed)
			continue
		# A unit wrapped onto the next line still follows its number.
		ahead = text[j + 1]
		sub(/^[ \t]+/, "", ahead)
		s = line
		gsub(/ in [0-9]+(\.[0-9]+)? s/, " in T s", s)
		# The Korean of " in 0.00 s" ("0.00초 만에"), also when wrapped
		# after its seconds.
		gsub(/[0-9]+(\.[0-9]+)?초 만에/, "T초 만에", s)
		if (ahead ~ /^만에/)
			sub(/[0-9]+(\.[0-9]+)?초$/, "T초", s)
		gsub(/http:\/\/[^ ]*/, "URL", s)
		s = " " s " "
		while (match(s, /-?[0-9]+(\.[0-9]+)?/)) {
			num = substr(s, RSTART, RLENGTH)
			before = substr(s, RSTART - 1, 1)
			after = substr(s, RSTART + RLENGTH, 1)
			s = substr(s, RSTART + RLENGTH)
			if (before ~ /[A-Za-z_]/ || after ~ /[A-Za-z_]/)
				continue
			rest = s ~ /^ *$/ ? " " ahead : s
			skip = 0
			for (i = 1; i <= nu; i++)
				if (substr(rest, 1, length(unit[i])) == unit[i] ||
				    substr(rest, 1, length(unit[i]) + 1) == " " unit[i])
					skip = 1
			if (skip)
				continue
			printf "%s\t%s\t%s\n", step + 0, num, line
		}
	}
	}' "$1"
}

# rows COLUMN FILE: "step<TAB>English name<TAB>line" for every table row that
# starts with a name (after an optional rank): COLUMN 1 reads English names,
# 2 Korean ones. A row is a name, then two blanks or one blank and a cell
# that starts with a number, a "?" or a "["; no punctuation at the end; and
# no ASCII letter unless columns are spaced with two blanks (prose is joined
# with single blanks).
rows() {
	awk -F '\t' -v col="$1" -v names="$names" -v steprx="$steprx" '
	BEGIN {
		while ((getline l < names) > 0) {
			split(l, p, "\t")
			en[++n] = p[1]; nm[n] = p[col]
		}
		close(names)
	}
	$0 ~ steprx { step = $0; sub(/^[^0-9]*/, "", step); sub(/\/.*/, "", step) }
	{
		s = $0
		sub(/^[ \t]+/, "", s)
		sub(/^[0-9]+ +/, "", s)
		best = 0
		for (i = 1; i <= n; i++) {
			w = nm[i]
			if (substr(s, 1, length(w) + 1) == w " " && (!best || length(w) > length(nm[best])))
				best = i
		}
		if (!best)
			next
		rest = substr(s, length(nm[best]) + 2)
		sub(/ +$/, "", rest)
		if (rest !~ /^ / && rest !~ /^([-+]?[0-9]|[?[])/ || rest ~ /[.,;:!)]$/)
			next
		if (rest ~ /[A-Za-z]/ && rest !~ /  /)
			next
		printf "%s\t%s\t%s\n", step + 0, en[best], $0
	}' "$2"
}

# compare WHAT LESSON EN KO: the two lists agree step by step; else print,
# for each step, the first entry that differs.
compare() {
	awk -F '\t' -v what="$1" -v lesson="$2" -v kofile="$4" '
	{ st = $1; ne[st]++; ev[st, ne[st]] = $2; el[st, ne[st]] = $3; steps[st] = 1 }
	END {
		while ((getline l < kofile) > 0) {
			split(l, p, "\t"); st = p[1]
			nk[st]++; kv[st, nk[st]] = p[2]; sub(/^[^\t]*\t[^\t]*\t/, "", l); kl[st, nk[st]] = l
			steps[st] = 1
		}
		bad = 0
		for (st = 0; st <= 999; st++) {
			if (!(st in steps))
				continue
			m = ne[st] > nk[st] ? ne[st] : nk[st]
			for (i = 1; i <= m; i++) {
				if ((st, i) in ev && (st, i) in kv && ev[st, i] == kv[st, i])
					continue
				printf "FAIL: %s, step %d, %s %d: English %s, Korean %s\n", lesson, st, what, i,
					((st, i) in ev) ? "\"" ev[st, i] "\"" : "(none)",
					((st, i) in kv) ? "\"" kv[st, i] "\"" : "(none)"
				if ((st, i) in el) printf "  en: %s\n", el[st, i]
				if ((st, i) in kl) printf "  ko: %s\n", kl[st, i]
				bad = 1
				break
			}
		}
		exit bad
	}' "$3"
}

# commands COLUMN FILE: the lesson's header seed and its "$"/"$$" lines,
# names turned into English (COLUMN 2: from Korean), quotes and runs of
# blanks dropped, one per line. The title and labels of `bars` are prose
# (they name the bars in the lesson's language): only its expressions and
# options are compared.
commands() {
	awk -v col="$1" -v names="$names" '
	BEGIN {
		while ((getline l < names) > 0) {
			split(l, p, "\t")
			en[++n] = p[1]; nm[n] = p[col]
		}
		close(names)
		# Longest names first, so that no name is replaced inside a longer one.
		for (i = 1; i <= n; i++)
			for (j = i + 1; j <= n; j++)
				if (length(nm[j]) > length(nm[i])) {
					t = nm[i]; nm[i] = nm[j]; nm[j] = t
					t = en[i]; en[i] = en[j]; en[j] = t
				}
	}
	{ sub(/\r$/, ""); sub(/^[ \t]+/, "") }
	/^seed[ \t]*:/ { gsub(/[ \t]+/, ""); print; next }
	/^\$\$?[ \t]+bars[ \t]/ {
		# Split into words by the lab'"'"'s quoting ("..." and '"'"'...'"'"'),
		# keep "bars", every expression (words 3, 5, ...) and the options.
		s = $0; nw = 0; w = ""; q = ""; inword = 0
		for (k = 1; k <= length(s); k++) {
			c = substr(s, k, 1)
			if (q != "") {
				if (c == q) q = ""; else w = w c
			} else if (c == "\"" || c == "'"'"'") {
				q = c; inword = 1
			} else if (c == " " || c == "\t") {
				if (inword) words[++nw] = w
				w = ""; inword = 0
			} else {
				w = w c; inword = 1
			}
		}
		if (inword) words[++nw] = w
		kept = words[1] " bars"; pos = 0
		for (k = 3; k <= nw; k++) {
			if (words[k] ~ /^[a-z_]+=/) { kept = kept " " words[k]; continue }
			if (++pos > 1 && pos % 2 == 1) kept = kept " " words[k]
		}
		$0 = kept
	}
	/^[$@]/ {
		s = $0
		gsub(/"/, "", s)
		out = ""
		while (s != "") {
			for (i = 1; i <= n; i++)
				if (substr(s, 1, length(nm[i])) == nm[i]) {
					out = out "<" en[i] ">"
					s = substr(s, length(nm[i]) + 1)
					break
				}
			if (i > n) {
				out = out substr(s, 1, 1)
				s = substr(s, 2)
			}
		}
		gsub(/[ \t]+/, " ", out)
		print FNR ": " out
	}' "$2"
}

fail=0 pairs=0
for en in "$top_srcdir"/lessons/*.lesson; do
	[ -e "$en" ] || continue
	base=${en##*/}
	ko=$ko_dir/$base
	if [ ! -e "$ko" ]; then
		echo "FAIL: $base has no Korean twin (lessons/ko/$base)"
		fail=1
		continue
	fi
	if ! "$LATENTLAB" check -q "$ko"; then
		echo "FAIL: latentlab check lessons/ko/$base"
		fail=1
		continue
	fi
	# The twin of a toy lesson runs on toy-ko; of any other, on the same data.
	want=$(sed -n 's/^[ 	]*dataset:[ 	]*//p' "$en" | head -n 1 | sed 's/[ 	]*$//; s/^toy$/toy-ko/')
	if ! grep -q "^[ 	]*dataset:[ 	]*$want[ 	]*\$" "$ko"; then
		echo "FAIL: lessons/ko/$base should say 'dataset: $want'"
		fail=1
	fi
	# The same seed and the same commands, names aside.
	commands 1 "$en" | sed 's/^[0-9]*: //' >"$tmp/en.cmd"
	commands 2 "$ko" | sed 's/^[0-9]*: //' >"$tmp/ko.cmd"
	if ! cmp -s "$tmp/en.cmd" "$tmp/ko.cmd"; then
		echo "FAIL: lessons/ko/$base: seed or commands differ from the English ones (names mapped to English):"
		diff "$tmp/en.cmd" "$tmp/ko.cmd" | sed -n 's/^[<>]/  &/p' | sed 's/^  </  en:/; s/^  >/  ko:/'
		fail=1
	fi
	ok=1
	for lang in en ko; do
		eval "f=\$$lang"
		if ! "$LATENTLAB" run --width 80 "$f" >"$tmp/$lang.out" 2>"$tmp/$lang.err"; then
			echo "FAIL: latentlab run $f"
			cat "$tmp/$lang.err"
			ok=0
		fi
	done
	if [ $ok = 0 ]; then
		fail=1
		continue
	fi
	if grep -q '{{' "$tmp/ko.out"; then
		echo "FAIL: lessons/ko/$base printed an unevaluated {{ }}"
		fail=1
	fi
	# Played at 80 columns, no line is wider (display columns: wc -L).
	for lang in en ko; do
		cols=$(wc -L <"$tmp/$lang.out")
		if [ "$cols" -gt 80 ]; then
			echo "FAIL: $lang $base: a line of $cols columns at --width 80:"
			wide_lines "$tmp/$lang.out"
			fail=1
		fi
	done
	ens=$(grep -Ec "$steprx" "$tmp/en.out") kos=$(grep -Ec "$steprx" "$tmp/ko.out")
	if [ "$ens" != "$kos" ]; then
		echo "FAIL: $base has $ens steps, its Korean twin $kos"
		fail=1
	fi
	numbers "$tmp/en.out" "$(measured "$en")" >"$tmp/en.num"
	numbers "$tmp/ko.out" "$(measured "$en")" >"$tmp/ko.num"
	rows 1 "$tmp/en.out" >"$tmp/en.rows"
	rows 2 "$tmp/ko.out" >"$tmp/ko.rows"
	if ! compare number "$base" "$tmp/en.num" "$tmp/ko.num"; then
		fail=1
	elif ! compare "table row" "$base" "$tmp/en.rows" "$tmp/ko.rows"; then
		echo "  (the numbers agree but the rows are in another order: ties broken by name?)"
		fail=1
	else
		echo "ok: $base and ko/$base ($ens steps, $(wc -l <"$tmp/en.num") numbers, $(wc -l <"$tmp/en.rows") named rows, all equal)"
		pairs=$((pairs + 1))
	fi
done
# In a Korean session the headings of `latentlab run` are Korean too: the
# first twin has as many "단계 N/M:" steps as its English original has
# "Step N/M:" ones, and its quizzes say "퀴즈:" and "정답:".
for en in "$top_srcdir"/lessons/*.lesson; do
	[ -e "$en" ] && [ -e "$ko_dir/${en##*/}" ] || continue
	"$LATENTLAB" --lang en run --width 80 "$en" >"$tmp/en.out" 2>&1
	"$LATENTLAB" --lang ko run --width 80 "$ko_dir/${en##*/}" >"$tmp/ko.out" 2>&1
	ens=$(grep -c '^Step [0-9]*/[0-9]*: ' "$tmp/en.out") kos=$(grep -c '^단계 [0-9]*/[0-9]*: ' "$tmp/ko.out")
	enq=$(grep -c '^Quiz: ' "$tmp/en.out") koq=$(grep -c '^퀴즈: ' "$tmp/ko.out")
	ena=$(grep -c '^Answer: [0-9]' "$tmp/en.out") koa=$(grep -c '^정답: [0-9]' "$tmp/ko.out")
	if [ "$ens" = 0 ] || [ "$ens" != "$kos" ] || [ "$enq" != "$koq" ] || [ "$ena" != "$koa" ]; then
		echo "FAIL: ko/${en##*/} in a Korean session: $kos Korean step headings, $koq quizzes, $koa answers;" \
			"${en##*/} in English: $ens, $enq, $ena"
		fail=1
	fi
	break
done
# Every twin plays in a Korean session too (the lab's own words in Korean:
# a command that recognised an English message once failed there), within
# 80 columns and with every {{ }} evaluated.
for ko in "$ko_dir"/*.lesson; do
	[ -e "$ko" ] || continue
	if ! "$LATENTLAB" --lang ko run --width 80 "$ko" >"$tmp/kos.out" 2>"$tmp/kos.err"; then
		echo "FAIL: latentlab --lang ko run lessons/ko/${ko##*/}"
		head -n 5 "$tmp/kos.err" | sed 's/^/  /'
		fail=1
		continue
	fi
	cols=$(wc -L <"$tmp/kos.out")
	if [ "$cols" -gt 80 ] || grep -q '{{' "$tmp/kos.out"; then
		echo "FAIL: lessons/ko/${ko##*/} in a Korean session: widest line $cols columns" \
			"at --width 80, or an unevaluated {{ }}"
		wide_lines "$tmp/kos.out"
		fail=1
	fi
done
# A Korean lesson without an English original is probably a renamed file.
for ko in "$ko_dir"/*.lesson; do
	[ -e "$ko" ] || continue
	if [ ! -e "$top_srcdir/lessons/${ko##*/}" ]; then
		echo "FAIL: lessons/ko/${ko##*/} has no English original"
		fail=1
	fi
done
echo "$pairs lesson pairs agree"
exit $fail
