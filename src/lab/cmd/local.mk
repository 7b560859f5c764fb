## lab/cmd: the lab's commands, one group of related commands per file, each
## a table of rows that registry.c lists (see registry.h for how to add one).
liblab_a_SOURCES += \
	src/lab/cmd/cmd_data.c src/lab/cmd/cmd_train.c src/lab/cmd/cmd_predict.c \
	src/lab/cmd/cmd_eval.c src/lab/cmd/cmd_compare.c src/lab/cmd/cmd_diagram.c \
	src/lab/cmd/cmd_plot.c src/lab/cmd/cmd_session.c \
	src/lab/cmd/cmd_search.c src/lab/cmd/cmd_quantize.c \
	src/lab/cmd/cmd_vector.c src/lab/cmd/cmd_foldin.c src/lab/cmd/cmd_explain.c \
	src/lab/cmd/cmd_neighbours.c src/lab/cmd/cmd_content.c \
	src/lab/cmd/cmd_export.c src/lab/cmd/cmd_export.h \
	src/lab/cmd/cmd_import.c src/lab/cmd/cmd_import.h src/lab/cmd/import_impl.h \
	src/lab/cmd/import_read.c src/lab/cmd/import_json.c src/lab/cmd/import_npy.c \
	src/lab/cmd/cmd_matrix.c src/lab/cmd/cmd_matrix.h src/lab/cmd/cmd_sweep.c \
	src/lab/cmd/cmd_onboard.c src/lab/cmd/cmd_print.c
