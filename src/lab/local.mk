## lab: the command language over the engine: the session, the parser, the
## command registry, expressions, session files, completion, dataset words
## and search folders; views, commands and lessons in folders of their own.
include src/lab/view/local.mk
liblab_a_SOURCES += \
	src/lab/paths.c src/lab/paths.h src/lab/lang.c src/lab/lang.h \
	src/lab/dataset.c src/lab/dataset.h \
	src/lab/lab.c src/lab/lab.h src/lab/lab_impl.h \
	src/lab/parse.c src/lab/parse.h \
	src/lab/registry.c src/lab/registry.h \
	src/lab/expr.c src/lab/frames.c src/lab/frames.h src/lab/vec.c src/lab/measure.c \
	src/lab/qround.c src/lab/qround.h src/lab/cache.c \
	src/lab/diverge.c src/lab/lecture.c src/lab/lecture.h \
	src/lab/session_file.c src/lab/complete.c \
	src/lab/me.c src/lab/me.h src/lab/because.c \
	src/lab/split_words.c src/lab/split_words.h
include src/lab/cmd/local.mk
include src/lab/lesson/local.mk
