## lessons module: file lists (included from the top Makefile.am).
# The detective story on toy data (issue 6), installed under $(pkgdatadir).
nobase_dist_pkgdata_DATA += \
	lessons/01-clues.lesson \
	lessons/02-feature-by-hand.lesson \
	lessons/03-detective-at-work.lesson \
	lessons/04-map.lesson \
	lessons/05-blank-notebook.lesson \
	lessons/06-no-clue.lesson \
	lessons/07-unusual-taste.lesson \
	lessons/08-not-an-average.lesson \
	lessons/09-cold-start.lesson \
	lessons/10-tug-of-war.lesson \
	lessons/11-both-sides-move.lesson \
	lessons/12-regularization.lesson
# No lesson types in a number the engine should compute (the rule is at the
# top of the script); the bad sample proves the check rejects one.
TESTS += tests/lesson_numbers.sh
EXTRA_DIST += tests/lesson_numbers.sh tests/data/bad-number.lesson
