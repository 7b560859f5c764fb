## tests/fuzz: libFuzzer harnesses. In every build they link with driver.c,
## which replays the committed corpora (tests/fuzz/corpus/NAME) once in
## `make check` (tests/fuzz/regress.sh). Built with `CC=clang ./configure
## --enable-fuzzing` they are real fuzzers: `make fuzz` runs each for
## FUZZ_SECONDS (new finds kept in fuzz-work/NAME of the build folder).
FUZZERS = tests/fuzz/fuzz_load tests/fuzz/fuzz_lesson tests/fuzz/fuzz_parse \
	tests/fuzz/fuzz_session tests/fuzz/fuzz_format
check_PROGRAMS += $(FUZZERS)
FUZZ_COMMON = tests/fuzz/fuzz_common.h tests/fuzz/driver.c
tests_fuzz_fuzz_load_SOURCES = tests/fuzz/fuzz_load.c $(FUZZ_COMMON)
tests_fuzz_fuzz_load_LDADD = $(ENGINE_LIBS)
tests_fuzz_fuzz_load_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_lesson_SOURCES = tests/fuzz/fuzz_lesson.c $(FUZZ_COMMON)
tests_fuzz_fuzz_lesson_LDADD = $(LAB_LIBS)
tests_fuzz_fuzz_lesson_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_parse_SOURCES = tests/fuzz/fuzz_parse.c $(FUZZ_COMMON)
tests_fuzz_fuzz_parse_LDADD = $(LAB_LIBS)
tests_fuzz_fuzz_parse_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_session_SOURCES = tests/fuzz/fuzz_session.c $(FUZZ_COMMON)
tests_fuzz_fuzz_session_LDADD = $(LAB_LIBS)
tests_fuzz_fuzz_session_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_format_SOURCES = tests/fuzz/fuzz_format.c $(FUZZ_COMMON)
tests_fuzz_fuzz_format_LDADD = $(LAB_LIBS)
tests_fuzz_fuzz_format_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
TESTS += tests/fuzz/regress.sh
EXTRA_DIST += tests/fuzz/regress.sh tests/fuzz/corpus
CLEANFILES += tests/fuzz/*.regress.log
FUZZ_SECONDS = 60
