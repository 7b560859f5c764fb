## src/engine module: file lists (included from the top Makefile.am).
## data layer: line reading, loaders (one format per file), synthetic data.
libengine_a_SOURCES += \
	src/engine/lineread.c src/engine/lineread.h \
	src/engine/load.c src/engine/load.h src/engine/load_impl.h \
	src/engine/load_toy.c src/engine/load_ml100k.c src/engine/load_ml1m.c \
	src/engine/load_mlcsv.c src/engine/load_generic.c

## the toy dataset, installed under $(pkgdatadir)/data/toy
nobase_dist_pkgdata_DATA += data/toy/ratings.csv data/toy/movies.csv \
	data/toy/users.csv data/toy/README
libengine_a_SOURCES += src/engine/synth.c src/engine/synth.h

latentlab_SOURCES += src/cli/cmd_stats.c
