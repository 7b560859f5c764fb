## engine/core: what every other engine folder stands on (errors, options,
## name maps, atomic files, the line reader). Depends on nothing.
libengine_a_SOURCES += \
	src/engine/core/err.c src/engine/core/err.h \
	src/engine/core/params.c src/engine/core/params.h \
	src/engine/core/strmap.c src/engine/core/strmap.h \
	src/engine/core/atomic.c src/engine/core/atomic.h \
	src/engine/core/bigmem.c src/engine/core/bigmem.h \
	src/engine/core/halves.c src/engine/core/halves.h \
	src/engine/core/clock.c src/engine/core/clock.h src/engine/core/intl.h \
	src/engine/core/lineread.c src/engine/core/lineread.h src/engine/core/lr_fields.c \
	src/engine/core/fileio.c src/engine/core/fileio.h \
	src/engine/core/strf.c src/engine/core/strf.h
