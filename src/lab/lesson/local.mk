## lab/lesson: lesson files (parse, check, play headless, list). Depends on
## the lab's public header and paths.
liblab_a_SOURCES += \
	src/lab/lesson/lesson.c src/lab/lesson/lesson.h src/lab/lesson/lesson_impl.h \
	src/lab/lesson/lesson_parse.c src/lab/lesson/lesson_play.c \
	src/lab/lesson/lesson_check.c src/lab/lesson/lesson_sandbox.c \
	src/lab/lesson/lesson_list.c src/lab/lesson/lesson_list.h
