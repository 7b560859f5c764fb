## src/engine module: file lists (included from the top Makefile.am).
## data layer: line reading, loaders (one format per file), synthetic data.
libengine_a_SOURCES += \
	src/engine/lineread.c src/engine/lineread.h \
	src/engine/load.c src/engine/load.h src/engine/load_impl.h \
	src/engine/load_toy.c src/engine/load_ml100k.c src/engine/load_ml1m.c \
	src/engine/load_mlcsv.c src/engine/load_generic.c

libengine_a_SOURCES += src/engine/synth.c src/engine/synth.h

latentlab_SOURCES += src/cli/cmd_stats.c

check_PROGRAMS += tests/test_load
TESTS += tests/test_load
tests_test_load_SOURCES = tests/test_load.c tests/check.h
tests_test_load_LDADD = $(ENGINE_LIBS)
EXTRA_DIST += \
	tests/data/bad_dup.csv tests/data/bad_fields.csv tests/data/bad_inf.tsv \
	tests/data/bad_nan.csv tests/data/bad_quote.csv tests/data/bad_range.csv \
	tests/data/bad_rating.csv tests/data/bad_time.csv tests/data/bad_utf8.csv \
	tests/data/binary.dat tests/data/empty.csv tests/data/header_only.csv \
	tests/data/hangul.tsv tests/data/quoted.csv \
	tests/data/ml100k/u.data tests/data/ml100k/u.genre tests/data/ml100k/u.item \
	tests/data/ml100k/u.user tests/data/ml100k/u1.base tests/data/ml100k/u1.test \
	tests/data/ml100k-badid/u.data tests/data/ml100k-badrange/u.data \
	tests/data/ml1m/movies.dat tests/data/ml1m/ratings.dat tests/data/ml1m/users.dat \
	tests/data/mlcsv/movies.csv tests/data/mlcsv/ratings.csv \
	tests/data/mlcsv-half/ratings.csv

check_PROGRAMS += tests/test_synth
TESTS += tests/test_synth
tests_test_synth_SOURCES = tests/test_synth.c tests/check.h
tests_test_synth_LDADD = $(ENGINE_LIBS)

check_PROGRAMS += tests/test_load_ml
TESTS += tests/test_load_ml tests/stats.sh tests/movielens_load.sh
tests_test_load_ml_SOURCES = tests/test_load_ml.c tests/check.h
tests_test_load_ml_LDADD = $(ENGINE_LIBS)
EXTRA_DIST += tests/stats.sh tests/movielens_load.sh

BENCHES += bench/bench_load
bench_bench_load_SOURCES = bench/bench_load.c
bench_bench_load_LDADD = $(ENGINE_LIBS)
