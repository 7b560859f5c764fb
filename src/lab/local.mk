## lab: the command language, sessions, views and lessons.
liblab_a_SOURCES += \
	src/lab/paths.c src/lab/paths.h \
	src/lab/view.h src/lab/lab.h src/lab/lesson.h
