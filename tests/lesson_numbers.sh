#!/bin/sh
# lesson_numbers.sh: no lesson types in a number the engine should compute.
#
# The rule, for every lessons/*.lesson of the source tree:
#
# Scanned: every line the learner reads as text: prose (and bullets),
# "## " headings, "? " questions, "+ " and "- " choices, "> " explanations,
# and the title: and summary: header values. Not scanned: "%" comments,
# "$" and "$$" command lines, and the other header keys (dataset, seed, ...).
#
# Before scanning, {{ ... }} expressions and `code` spans (both closed on the
# same line) are removed: a number there is computed by the engine or is a
# value the lesson types as an input (`0.1`, `reg=0.3`).
#
# A number is a maximal run of digits, with any ".digits" parts. Each one
# must be:
#   (a) glued to a letter or underscore on either side ("2D", "L1", "mp3"):
#       a name, not a quantity; or else
#   (b) a whole number (a number with a decimal point is never allowed in
#       prose: a decimal in text is a result typed in by hand); and
#   (c) either a star rating of the toy scale, 1 to 5 (the ratings the
#       tutorial states: "Cheolsu gave Avengers 5 stars"), or a number that
#       appears in one of the lesson's own "$"/"$$" command lines (an input
#       the lesson sets: "epochs=300", "k=32").
# Anything else fails with file:line and the number.
#
# The test also proves it catches mistakes: tests/data/bad-number.lesson has
# exactly four offending lines (a typed-in prediction, a typed-in count, a
# decimal in a heading and a decimal in a quiz explanation), among lines that
# are allowed, and must be rejected on exactly those lines.
set -u
: "${top_srcdir:?}"

# scan FILE...: print "file:line: ..." for every offending number.
scan() {
	awk '
	function strip(s,   out) {
		# Drop {{ ... }} and `...` spans closed on the line.
		while (match(s, /\{\{[^}]*\}\}/))
			s = substr(s, 1, RSTART - 1) " " substr(s, RSTART + RLENGTH)
		while (match(s, /`[^`]*`/))
			s = substr(s, 1, RSTART - 1) " " substr(s, RSTART + RLENGTH)
		return s
	}
	FNR == 1 {
		file = FILENAME; inhead = 1; delete inputs; n = 0
		# First pass over this file: the numbers of its command lines.
		while ((getline line < file) > 0) {
			if (line !~ /^[ \t]*[$@]/)
				continue
			t = line
			while (match(t, /[0-9]+(\.[0-9]+)*/)) {
				inputs[substr(t, RSTART, RLENGTH)] = 1
				t = substr(t, RSTART + RLENGTH)
			}
		}
		close(file)
	}
	{
		line = $0
		sub(/\r$/, "", line)
		sub(/^[ \t]+/, "", line)
		if (line ~ /^##/)
			inhead = 0
		if (line == "" || line ~ /^%/ || line ~ /^[$@]/)
			next
		if (inhead) {
			if (line !~ /^(title|summary)[ \t]*:/)
				next
			sub(/^[a-z]+[ \t]*:/, "", line)
		}
		s = " " strip(line) " "
		while (match(s, /[0-9]+(\.[0-9]+)*/)) {
			num = substr(s, RSTART, RLENGTH)
			before = substr(s, RSTART - 1, 1)
			after = substr(s, RSTART + RLENGTH, 1)
			s = substr(s, RSTART + RLENGTH)
			if (before ~ /[A-Za-z_]/ || after ~ /[A-Za-z_]/)
				continue
			if (num ~ /\./) {
				printf "%s:%d: decimal %s typed into the text (use {{ }} or a `code` input)\n", file, FNR, num
				bad++
				continue
			}
			if ((num + 0 >= 1 && num + 0 <= 5 && num !~ /^0/) || (num in inputs))
				continue
			printf "%s:%d: number %s is neither a rating (1 to 5) nor an input of a $ command line\n", file, FNR, num
			bad++
		}
	}
	END { exit bad ? 1 : 0 }
	' "$@"
}

fail=0
set -- "$top_srcdir"/lessons/*.lesson
if [ -e "$1" ]; then
	if ! scan "$@"; then
		echo "FAIL: numbers typed into lesson prose (see above)"
		fail=1
	else
		echo "ok: $# lessons, no number typed in by hand"
	fi
fi

# The bad sample must be caught, on exactly its four offending lines.
bad=$top_srcdir/tests/data/bad-number.lesson
out=$(scan "$bad")
status=$?
lines=$(printf '%s\n' "$out" | sed -n 's/^[^:]*:\([0-9]*\):.*/\1/p' | tr '\n' ' ')
if [ $status -eq 0 ] || [ "$lines" != "14 18 23 32 " ]; then
	echo "FAIL: the bad sample should fail on lines 14 18 23 32, got status $status, lines '$lines':"
	printf '%s\n' "$out"
	fail=1
else
	echo "ok: the bad sample is rejected on lines $lines"
fi
exit $fail
