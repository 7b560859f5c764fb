## bench: speed, measured side by side with a peer where one is installed.
## Built on demand by `make bench`, never by `make` or `make check`.
BENCHES += bench/bench_load bench/bench_mf bench/bench_als bench/bench_knn \
	bench/bench_ann bench/bench_ivf bench/bench_quant bench/bench_ncf bench/bench_tui \
	bench/bench_peers \
	bench/bench_content bench/bench_sgd
bench_bench_load_SOURCES = bench/bench_load.c bench/bench_util.c bench/bench_util.h
bench_bench_load_LDADD = $(ENGINE_LIBS)
bench_bench_mf_SOURCES = bench/bench_mf.c
bench_bench_mf_LDADD = $(ENGINE_LIBS)
bench_bench_sgd_SOURCES = bench/bench_sgd.c bench/bench_util.c bench/bench_util.h
bench_bench_sgd_LDADD = $(ENGINE_LIBS)
bench_bench_als_SOURCES = bench/bench_als.c
bench_bench_als_LDADD = $(ENGINE_LIBS)
bench_bench_knn_SOURCES = bench/bench_knn.c
bench_bench_knn_LDADD = $(ENGINE_LIBS)
bench_bench_ann_SOURCES = bench/bench_ann.c
bench_bench_ann_LDADD = $(ENGINE_LIBS)
bench_bench_ivf_SOURCES = bench/bench_ivf.c bench/bench_util.c bench/bench_util.h
bench_bench_ivf_LDADD = $(ENGINE_LIBS)
bench_bench_quant_SOURCES = bench/bench_quant.c
bench_bench_quant_LDADD = $(ENGINE_LIBS)
bench_bench_ncf_SOURCES = bench/bench_ncf.c
bench_bench_ncf_LDADD = $(ENGINE_LIBS)
bench_bench_content_SOURCES = bench/bench_content.c
bench_bench_content_LDADD = $(ENGINE_LIBS)
bench_bench_tui_SOURCES = bench/bench_tui.c
bench_bench_tui_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
bench_bench_tui_LDADD = libtui.a $(LAB_LIBS) $(NCURSESW_LIBS)
if SERVE
BENCHES += bench/bench_serve
bench_bench_serve_SOURCES = bench/bench_serve.c
bench_bench_serve_LDADD = $(SERVE_LIBS)
endif
# Last in BENCHES: the side-by-side runs and the summary table of ratios.
bench_bench_peers_SOURCES = bench/bench_peers.c bench/bench_util.c bench/bench_util.h
bench_bench_peers_LDADD = $(ENGINE_LIBS)
EXTRA_DIST += bench/peer_faiss.py bench/peer_implicit.py bench/lessons.sh
