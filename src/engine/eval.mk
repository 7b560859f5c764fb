## src/engine module: file lists (included from the top Makefile.am).
