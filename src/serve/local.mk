## serve: after the ML team: the SQLite vector store (vstore_), the HTTP
## inference API on libmicrohttpd (srv_) with its LRU cache (lru_) and JSON
## (js_), and the load generator on libcurl (lt_). Reads what the engine
## trained; the engine never includes it. Built unless --without-serve.
if SERVE
noinst_LIBRARIES += libserve.a
libserve_a_SOURCES = \
	src/serve/vstore.c src/serve/vstore_write.c src/serve/vstore.h \
	src/serve/lru.c src/serve/lru.h src/serve/json.c src/serve/json.h \
	src/serve/srv.c src/serve/srv_api.c src/serve/srv.h src/serve/srv_impl.h \
	src/serve/lt.c src/serve/lt.h src/serve/serve_cmds.c src/serve/serve_cmds.h
libserve_a_CFLAGS = $(AM_CFLAGS) $(SQLITE3_CFLAGS) $(MHD_CFLAGS) $(CURL_CFLAGS)
SERVE_LIBS = libserve.a $(SQLITE3_LIBS) $(MHD_LIBS) $(CURL_LIBS) -lpthread $(LAB_LIBS)
else
EXTRA_DIST += \
	src/serve/vstore.c src/serve/vstore_write.c src/serve/vstore.h \
	src/serve/lru.c src/serve/lru.h src/serve/json.c src/serve/json.h \
	src/serve/srv.c src/serve/srv_api.c src/serve/srv.h src/serve/srv_impl.h \
	src/serve/lt.c src/serve/lt.h src/serve/serve_cmds.c src/serve/serve_cmds.h
endif
