## cli: the batch subcommands (`latentlab run`, `check`, `eval`, `stats`,
## `train`, `compare`, `quantize`, `ann`, `algorithms`, `predict`, `recommend`,
## `export`, `import`, `download`, `repl`) and their shared option reading (getopt_long, args.c)
## and output formats.
latentlab_SOURCES += \
	src/cli/cli.h src/cli/args.c src/cli/args.h \
	src/cli/format.c src/cli/format.h src/cli/config.c src/cli/config.h \
	src/cli/cmd_run.c src/cli/cmd_check.c src/cli/cmd_repl.c src/cli/cmd_tui.c \
	src/cli/cmd_eval.c src/cli/cmd_stats.c src/cli/cmd_train.c src/cli/cmd_compare.c \
	src/cli/cmd_quantize.c src/cli/cmd_ann.c src/cli/nbcli.c src/cli/nbcli.h \
	src/cli/cmd_algorithms.c src/cli/cmd_export.c src/cli/cmd_import.c src/cli/lab_cmds.c \
	src/cli/cmd_download.c src/cli/fetch.c src/cli/fetch.h src/cli/unzip.c src/cli/unzip.h \
	src/cli/sha256.c src/cli/sha256.h
# `download`: libcurl fetches, libarchive unpacks, each when configure found
# it (else the command says what is missing, or runs the unzip program).
latentlab_CFLAGS += $(DLCURL_CFLAGS) $(LIBARCHIVE_CFLAGS)
latentlab_LDADD += $(DLCURL_LIBS) $(LIBARCHIVE_LIBS)
# `export-db`, `serve`, `loadtest` (src/serve), or stubs that say they are
# not built.
if SERVE
latentlab_SOURCES += src/cli/cmd_export_db.c src/cli/cmd_serve.c src/cli/cmd_loadtest.c
latentlab_LDADD += $(SERVE_LIBS)
else
latentlab_SOURCES += src/cli/cmd_serve_off.c
EXTRA_DIST += src/cli/cmd_export_db.c src/cli/cmd_serve.c src/cli/cmd_loadtest.c
endif
