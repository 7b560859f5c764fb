## engine/content: what items are, beyond their ratings: TF-IDF documents of
## titles, genres and tags, and their truncated SVD (a text embedding).
## Depends on model (and below); a sibling of mf, neighbours, nn and vectors.
libengine_a_SOURCES += \
	src/engine/content/text.c src/engine/content/text.h
