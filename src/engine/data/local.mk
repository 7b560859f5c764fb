## engine/data: the ratings store, the loaders (one format per file), splits
## and synthetic data. Depends on core.
libengine_a_SOURCES += \
	src/engine/data/ratings.c src/engine/data/ratings.h \
	src/engine/data/ratings_index.c src/engine/data/ratings_index.h \
	src/engine/data/load.c src/engine/data/load.h src/engine/data/load_impl.h \
	src/engine/data/load_common.c src/engine/data/load_ctx.c src/engine/data/load_fields.c \
	src/engine/data/load_input.c \
	src/engine/data/load_scan.h src/engine/data/load_split.c \
	src/engine/data/load_toy.c src/engine/data/load_ml100k.c src/engine/data/load_ml1m.c \
	src/engine/data/load_mlcsv.c src/engine/data/load_generic.c \
	src/engine/data/split.c src/engine/data/split.h \
	src/engine/data/synth.c src/engine/data/synth.h
