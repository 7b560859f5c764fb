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
	lessons/12-regularization.lesson \
	lessons/13-real-matrix.lesson \
	lessons/14-sgd-at-scale.lesson \
	lessons/15-knn-vs-mf.lesson \
	lessons/16-cosine-vs-euclidean.lesson \
	lessons/17-knn-to-ann.lesson \
	lessons/18-float32-vs-int4.lesson \
	lessons/18b-you-on-the-map.lesson \
	lessons/19-svd-and-k.lesson \
	lessons/20-als-vs-sgd.lesson \
	lessons/21-ncf.lesson \
	lessons/22-the-lecture-table.lesson \
	lessons/23-unusual-taste-revisited.lesson \
	lessons/24-general-and-domain-embeddings.lesson \
	lessons/25-serving.lesson
# No lesson types in a number the engine should compute (the rule is at the
# top of the script); the bad sample proves the check rejects one.
TESTS += tests/lesson_numbers.sh
EXTRA_DIST += tests/lesson_numbers.sh tests/data/bad-number.lesson
# The Korean twins of the lessons above (same steps, commands, seed and quiz
# answers, on the toy-ko data), installed under $(pkgdatadir)/lessons/ko.
nobase_dist_pkgdata_DATA += \
	lessons/ko/01-clues.lesson \
	lessons/ko/02-feature-by-hand.lesson \
	lessons/ko/03-detective-at-work.lesson \
	lessons/ko/04-map.lesson \
	lessons/ko/05-blank-notebook.lesson \
	lessons/ko/06-no-clue.lesson \
	lessons/ko/07-unusual-taste.lesson \
	lessons/ko/08-not-an-average.lesson \
	lessons/ko/09-cold-start.lesson \
	lessons/ko/10-tug-of-war.lesson \
	lessons/ko/11-both-sides-move.lesson \
	lessons/ko/12-regularization.lesson \
	lessons/ko/13-real-matrix.lesson \
	lessons/ko/14-sgd-at-scale.lesson \
	lessons/ko/15-knn-vs-mf.lesson \
	lessons/ko/16-cosine-vs-euclidean.lesson \
	lessons/ko/17-knn-to-ann.lesson \
	lessons/ko/18-float32-vs-int4.lesson \
	lessons/ko/18b-you-on-the-map.lesson \
	lessons/ko/19-svd-and-k.lesson \
	lessons/ko/20-als-vs-sgd.lesson \
	lessons/ko/21-ncf.lesson \
	lessons/ko/22-the-lecture-table.lesson \
	lessons/ko/23-unusual-taste-revisited.lesson \
	lessons/ko/24-general-and-domain-embeddings.lesson \
	lessons/ko/25-serving.lesson
# Every English lesson has a Korean twin that prints the same numbers and
# names the same rows in the same order.
TESTS += tests/lessons_ko.sh
EXTRA_DIST += tests/lessons_ko.sh
