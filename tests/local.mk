## tests: unit tests (one program per module), shell tests of the batch
## commands and the REPL, and end-to-end TUI tests inside tmux. Each engine
## test links the engine alone; lab tests add the lab.
EXTRA_DIST += tests/check.h tests/labcheck.h

# engine/core and engine/data
check_PROGRAMS += tests/test_core tests/test_load tests/test_load_ml tests/test_synth \
	tests/test_split tests/test_load_formats tests/test_load_same tests/test_load_split
tests_test_core_SOURCES = tests/test_core.c
tests_test_core_LDADD = $(ENGINE_LIBS)
tests_test_load_SOURCES = tests/test_load.c
tests_test_load_LDADD = $(ENGINE_LIBS)
tests_test_load_ml_SOURCES = tests/test_load_ml.c
tests_test_load_ml_LDADD = $(ENGINE_LIBS)
tests_test_synth_SOURCES = tests/test_synth.c
tests_test_synth_LDADD = $(ENGINE_LIBS)
tests_test_split_SOURCES = tests/test_split.c
tests_test_split_LDADD = $(ENGINE_LIBS)
# headers, blank-separated files, implicit logs, stdin, gzip; and the fast
# paths against a plain reading of every bundled format
tests_test_load_formats_SOURCES = tests/test_load_formats.c
tests_test_load_formats_LDADD = $(ENGINE_LIBS)
tests_test_load_same_SOURCES = tests/test_load_same.c
tests_test_load_same_LDADD = $(ENGINE_LIBS)
tests_test_load_split_SOURCES = tests/test_load_split.c
tests_test_load_split_LDADD = $(ENGINE_LIBS)
TESTS += tests/test_core tests/test_load tests/test_load_ml tests/test_synth tests/test_split \
	tests/test_load_formats tests/test_load_same tests/test_load_split \
	tests/stats.sh tests/movielens_load.sh tests/load_cli.sh
EXTRA_DIST += tests/stats.sh tests/movielens_load.sh tests/load_cli.sh \
	tests/data/bad_dup.csv tests/data/bad_fields.csv tests/data/bad_inf.tsv \
	tests/data/bad_nan.csv tests/data/bad_quote.csv tests/data/bad_range.csv \
	tests/data/bad_rating.csv tests/data/bad_time.csv tests/data/bad_utf8.csv \
	tests/data/binary.dat tests/data/empty.csv tests/data/header_only.csv \
	tests/data/hangul.tsv tests/data/quoted.csv \
	tests/data/ml100k/u.data tests/data/ml100k/u.genre tests/data/ml100k/u.item \
	tests/data/ml100k/u.user tests/data/ml100k/u1.base tests/data/ml100k/u1.test \
	tests/data/ml100k-badid/u.data tests/data/ml100k-badrange/u.data \
	tests/data/ml1m/movies.dat tests/data/ml1m/ratings.dat tests/data/ml1m/users.dat \
	tests/data/mlcsv/movies.csv tests/data/mlcsv/ratings.csv \
	tests/data/mlcsv-half/ratings.csv

# engine/model, engine/eval and `latentlab eval`
check_PROGRAMS += tests/test_metrics tests/test_baseline
tests_test_metrics_SOURCES = tests/test_metrics.c
tests_test_metrics_LDADD = $(ENGINE_LIBS)
tests_test_baseline_SOURCES = tests/test_baseline.c
tests_test_baseline_LDADD = $(ENGINE_LIBS)
TESTS += tests/test_metrics tests/test_baseline tests/eval_cli.sh tests/eval_movielens.sh
EXTRA_DIST += tests/eval_cli.sh tests/eval_movielens.sh

# engine/mf and `latentlab train`
check_PROGRAMS += tests/test_mf_sgd tests/test_mf_biased tests/test_mf_als tests/test_mf_svd \
	tests/test_mf_ials_cg tests/test_mf_plain_simd tests/test_als_threads tests/test_mf_shuffle
tests_test_mf_sgd_SOURCES = tests/test_mf_sgd.c
tests_test_mf_sgd_LDADD = $(ENGINE_LIBS)
tests_test_mf_biased_SOURCES = tests/test_mf_biased.c
tests_test_mf_biased_LDADD = $(ENGINE_LIBS)
tests_test_mf_als_SOURCES = tests/test_mf_als.c
tests_test_mf_als_LDADD = $(ENGINE_LIBS)
tests_test_mf_svd_SOURCES = tests/test_mf_svd.c
tests_test_mf_ials_cg_SOURCES = tests/test_mf_ials_cg.c
tests_test_mf_ials_cg_LDADD = $(ENGINE_LIBS)
tests_test_mf_plain_simd_SOURCES = tests/test_mf_plain_simd.c
tests_test_mf_plain_simd_LDADD = $(ENGINE_LIBS)
tests_test_mf_svd_LDADD = $(ENGINE_LIBS)
tests_test_mf_shuffle_SOURCES = tests/test_mf_shuffle.c
tests_test_mf_shuffle_LDADD = $(ENGINE_LIBS)
# explicit ALS on 1, 2, 3, 4 and 64 threads: the same bits
tests_test_als_threads_SOURCES = tests/test_als_threads.c
tests_test_als_threads_LDADD = $(ENGINE_LIBS)
TESTS += tests/test_mf_sgd tests/test_mf_biased tests/test_mf_als tests/test_mf_svd \
	tests/test_mf_ials_cg tests/test_mf_plain_simd tests/test_als_threads \
	tests/test_mf_shuffle tests/train_cli.sh
EXTRA_DIST += tests/train_cli.sh

# engine/neighbours, engine/vectors, `latentlab quantize` and `ann`
check_PROGRAMS += tests/test_sim tests/test_knn tests/test_ann tests/test_vs_kernels tests/test_quant \
	tests/test_project
tests_test_sim_SOURCES = tests/test_sim.c
tests_test_sim_LDADD = $(ENGINE_LIBS)
tests_test_knn_SOURCES = tests/test_knn.c
tests_test_knn_LDADD = $(ENGINE_LIBS)
tests_test_ann_SOURCES = tests/test_ann.c
tests_test_ann_LDADD = $(ENGINE_LIBS)
tests_test_vs_kernels_SOURCES = tests/test_vs_kernels.c
tests_test_vs_kernels_LDADD = $(ENGINE_LIBS)
tests_test_quant_SOURCES = tests/test_quant.c
tests_test_quant_LDADD = $(ENGINE_LIBS)
tests_test_project_SOURCES = tests/test_project.c
tests_test_project_LDADD = $(ENGINE_LIBS)
TESTS += tests/test_sim tests/test_knn tests/test_ann tests/test_vs_kernels tests/test_quant tests/test_project \
	tests/neighbours_cli.sh
EXTRA_DIST += tests/neighbours_cli.sh

# engine/vectors/survey.c and the rating step ("you on the map")
check_PROGRAMS += tests/test_survey
tests_test_survey_SOURCES = tests/test_survey.c
tests_test_survey_LDADD = $(ENGINE_LIBS)
TESTS += tests/test_survey tests/onboard.sh tests/tui_rate.sh
EXTRA_DIST += tests/onboard.sh tests/tui_rate.sh

# engine/nn and `latentlab compare`
check_PROGRAMS += tests/test_nn tests/test_ncf tests/test_nn_team
tests_test_nn_SOURCES = tests/test_nn.c
tests_test_nn_LDADD = $(ENGINE_LIBS)
tests_test_ncf_SOURCES = tests/test_ncf.c
tests_test_ncf_LDADD = $(ENGINE_LIBS)
tests_test_nn_team_SOURCES = tests/test_nn_team.c
tests_test_nn_team_LDADD = $(ENGINE_LIBS)
TESTS += tests/test_nn tests/test_ncf tests/test_nn_team tests/compare_cli.sh
EXTRA_DIST += tests/compare_cli.sh

# beyond pure CF: Wide & Deep (engine/nn), the text embedding (engine/content)
# and MF fine-tuned from it (engine/finetune.c)
check_PROGRAMS += tests/test_wide_deep tests/test_wide_deep_threads tests/test_content
tests_test_wide_deep_SOURCES = tests/test_wide_deep.c
tests_test_wide_deep_LDADD = $(ENGINE_LIBS)
# Wide & Deep on 1, 2, 3 and 4 threads: the same bits
tests_test_wide_deep_threads_SOURCES = tests/test_wide_deep_threads.c
tests_test_wide_deep_threads_LDADD = $(ENGINE_LIBS)
tests_test_content_SOURCES = tests/test_content.c
tests_test_content_LDADD = $(ENGINE_LIBS)
TESTS += tests/test_wide_deep tests/test_wide_deep_threads tests/test_content
# the lab's side of it: unusual on planted ratings, additem then predict
# under MF and Wide & Deep (and through a saved session), eval max_ratings=N
check_PROGRAMS += tests/test_taste
tests_test_taste_SOURCES = tests/test_taste.c
tests_test_taste_LDADD = $(LAB_LIBS)
TESTS += tests/test_taste

# lab/view
check_PROGRAMS += tests/test_uwidth tests/test_canvas tests/test_view_text
tests_test_uwidth_SOURCES = tests/test_uwidth.c
tests_test_uwidth_LDADD = $(LAB_LIBS)
tests_test_canvas_SOURCES = tests/test_canvas.c
tests_test_canvas_LDADD = $(LAB_LIBS)
tests_test_view_text_SOURCES = tests/test_view_text.c
tests_test_view_text_LDADD = $(LAB_LIBS)
TESTS += tests/test_uwidth tests/test_canvas tests/test_view_text
# the 2D maps' layout (chart.h): markers, axes, labels, arrows
check_PROGRAMS += tests/test_chart
tests_test_chart_SOURCES = tests/test_chart.c
tests_test_chart_LDADD = $(LAB_LIBS)
TESTS += tests/test_chart

# the lab: parser, commands, lessons, completion; the output helpers of the
# batch commands (linked directly: they live with the program)
check_PROGRAMS += tests/test_parse tests/test_lab tests/test_story tests/test_lesson \
	tests/test_completion tests/test_format
tests_test_parse_SOURCES = tests/test_parse.c
tests_test_parse_LDADD = $(LAB_LIBS)
tests_test_lab_SOURCES = tests/test_lab.c
tests_test_lab_LDADD = $(LAB_LIBS)
tests_test_story_SOURCES = tests/test_story.c
tests_test_story_LDADD = $(LAB_LIBS)
tests_test_lesson_SOURCES = tests/test_lesson.c
tests_test_lesson_LDADD = $(LAB_LIBS)
# The Readline glue is compiled into the test: it needs no terminal.
tests_test_completion_SOURCES = tests/test_completion.c src/repl/repl_rl.c src/repl/repl.h
tests_test_completion_CFLAGS = $(AM_CFLAGS) $(READLINE_CFLAGS)
tests_test_completion_LDADD = $(LAB_LIBS) $(READLINE_LIBS)
tests_test_format_SOURCES = tests/test_format.c src/cli/format.c src/cli/format.h
tests_test_format_LDADD = $(LAB_LIBS)
TESTS += tests/test_parse tests/test_lab tests/test_story tests/test_lesson \
	tests/test_completion tests/test_format

# lessons 15-18's measurements: grouped bars, compare's variants and
# measures, models bytes=yes, knn-gaps, quantize's grids, ann's trade-off
check_PROGRAMS += tests/test_lab_measure
tests_test_lab_measure_SOURCES = tests/test_lab_measure.c
tests_test_lab_measure_LDADD = $(LAB_LIBS)
TESTS += tests/test_lab_measure
# their quiz answers hold on the bundled data and, with $LATENTLAB_DATA, ml-100k
check_PROGRAMS += tests/test_quiz_ml
tests_test_quiz_ml_SOURCES = tests/test_quiz_ml.c
tests_test_quiz_ml_LDADD = $(LAB_LIBS)
TESTS += tests/test_quiz_ml

# users and items of the same name (user:50, item:50); the toy lessons'
# pictures from the lab's side (step labels and arrows, tug's arrows, bars,
# weights side by side); what the toy lessons say in words, measured
check_PROGRAMS += tests/test_names tests/test_moves
tests_test_names_SOURCES = tests/test_names.c
tests_test_names_LDADD = $(LAB_LIBS)
tests_test_moves_SOURCES = tests/test_moves.c
tests_test_moves_LDADD = $(LAB_LIBS)
TESTS += tests/test_names tests/test_moves tests/lesson_claims.sh
EXTRA_DIST += tests/lesson_claims.sh

# the REPL and the headless lesson runner
TESTS += tests/repl_toy.sh tests/repl_errors.sh tests/repl_tty.sh tests/run_errors.sh \
	tests/lessons_run.sh tests/repl_continue.sh
EXTRA_DIST += tests/repl_continue.sh
EXTRA_DIST += tests/repl_toy.sh tests/repl_toy.expected tests/repl_errors.sh tests/repl_tty.sh \
	tests/run_errors.sh tests/lessons_run.sh \
	tests/lessons/detective.lesson tests/lessons/minimal.lesson

# the TUI: its pure parts, then the real program inside tmux (tests/tui_lib.sh)
check_PROGRAMS += tests/test_layout tests/test_prose tests/test_progress_store
tests_test_layout_SOURCES = tests/test_layout.c
tests_test_layout_LDADD = libtui.a
tests_test_prose_SOURCES = tests/test_prose.c
tests_test_prose_LDADD = libtui.a $(LAB_LIBS)
tests_test_progress_store_SOURCES = tests/test_progress_store.c
tests_test_progress_store_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
tests_test_progress_store_LDADD = libtui.a $(LAB_LIBS)
TESTS += tests/test_layout tests/test_prose tests/test_progress_store \
	tests/tui_player.sh tests/tui_prompt.sh tests/tui_resize.sh tests/tui_theme.sh \
	tests/tui_progress.sh tests/tui_lessons.sh
EXTRA_DIST += tests/tui_lib.sh tests/tui_player.sh tests/tui_prompt.sh tests/tui_resize.sh \
	tests/tui_theme.sh tests/tui_progress.sh tests/tui_lessons.sh \
	tests/lessons/tui-sgd.lesson
# scenes drawn into a curses window and read back: the matrix's cut
# headers, the maps' cells and legends
check_PROGRAMS += tests/test_scene
tests_test_scene_SOURCES = tests/test_scene.c
tests_test_scene_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
tests_test_scene_LDADD = libtui.a $(LAB_LIBS) $(NCURSESW_LIBS)
TESTS += tests/test_scene
# the player's behaviour (Esc, unknown keys, autoplay, the next lesson,
# presentation mode, help, quiz scores), and a walk through every lesson
# at two sizes and both themes; tui_screen checks a captured screen's frame
check_PROGRAMS += tests/test_present tests/tui_screen
tests_test_present_SOURCES = tests/test_present.c
tests_test_present_LDADD = libtui.a
tests_tui_screen_SOURCES = tests/tui_screen.c
tests_tui_screen_LDADD = $(LAB_LIBS)
TESTS += tests/test_present tests/tui_keys.sh tests/tui_walk.sh
EXTRA_DIST += tests/tui_keys.sh tests/tui_walk.sh

# issue 16: hardening (files, bounds, sessions, saves, lessons), and the
# same from the command line (FIFOs, /dev/zero, control bytes in output)
check_PROGRAMS += tests/test_harden
tests_test_harden_SOURCES = tests/test_harden.c
tests_test_harden_LDADD = $(LAB_LIBS)
TESTS += tests/test_harden tests/harden.sh
EXTRA_DIST += tests/harden.sh
include tests/fuzz/local.mk

# the command line's conventions (options, messages, write errors, formats)
# and data out of a model (predict, recommend, export; other libraries' names)
TESTS += tests/cli_conventions.sh tests/export_cli.sh
EXTRA_DIST += tests/cli_conventions.sh tests/export_cli.sh
# model files that carry ids (format 2; a file of format 1 kept in
# tests/data) and import: what export writes read back into a model, bit for
# bit; import_cli.sh does the same from the command line
check_PROGRAMS += tests/test_import
tests_test_import_SOURCES = tests/test_import.c
tests_test_import_LDADD = $(LAB_LIBS)
TESTS += tests/test_import tests/import_cli.sh
EXTRA_DIST += tests/import_cli.sh tests/data/toy-v1.model
check_PROGRAMS += tests/test_complete_args
tests_test_complete_args_SOURCES = tests/test_complete_args.c
tests_test_complete_args_LDADD = $(LAB_LIBS)
TESTS += tests/test_complete_args

# the house: every include points down the map of src/README; the message
# catalogues are valid and the program speaks the language asked for
TESTS += tests/layers.sh tests/po_check.sh
EXTRA_DIST += tests/layers.sh tests/po_check.sh
# the REPL in Korean: every command family's messages in Korean words, none
# of the English sentences an English session prints, lines within 80 columns
TESTS += tests/repl_korean.sh
EXTRA_DIST += tests/repl_korean.sh

# serving (src/serve): the vector store's round trip, the API against the
# lab's answers, bad requests, SIGTERM under load, the load generator's
# bounds. The shell tests skip (77) when configured --without-serve.
TESTS += tests/serve_api.sh tests/serve_signals.sh tests/serve_loadtest.sh
EXTRA_DIST += tests/serve_lib.sh tests/serve_api.sh tests/serve_signals.sh \
	tests/serve_loadtest.sh
if SERVE
check_PROGRAMS += tests/test_vstore
tests_test_vstore_SOURCES = tests/test_vstore.c
tests_test_vstore_CFLAGS = $(AM_CFLAGS)
tests_test_vstore_LDADD = $(SERVE_LIBS)
TESTS += tests/test_vstore
# serving's lab commands (lesson 25) and the registry's added groups
check_PROGRAMS += tests/test_serve_cmds
tests_test_serve_cmds_SOURCES = tests/test_serve_cmds.c
tests_test_serve_cmds_LDADD = $(SERVE_LIBS)
TESTS += tests/test_serve_cmds
else
EXTRA_DIST += tests/test_vstore.c tests/test_serve_cmds.c
endif

# lessons 13, 14 and 16: expected errors ($!), the shape of MF, the long
# tail, the heat map, vector lengths, normalised search, sweeps, pct
check_PROGRAMS += tests/test_lab_matrix
tests_test_lab_matrix_SOURCES = tests/test_lab_matrix.c
tests_test_lab_matrix_LDADD = $(LAB_LIBS)
TESTS += tests/test_lab_matrix
# the NCF diagrams within 68 columns, boxes whole, in English and twice as
# wide (a stand-in catalogue of Hangul); a trained model's widths drawn
check_PROGRAMS += tests/test_diagram
tests_test_diagram_SOURCES = tests/test_diagram.c
tests_test_diagram_LDADD = $(LAB_LIBS)
TESTS += tests/test_diagram
# the quiz answers of lessons 13, 14 and 16 hold on the bundled data and on
# ml-100k (when $LATENTLAB_DATA has it)
TESTS += tests/lessons_ml_quiz.sh
EXTRA_DIST += tests/lessons_ml_quiz.sh
# lessons 13, 14 and 16 in the TUI on the bundled data, numbers as run prints
TESTS += tests/tui_lessons_ml.sh
EXTRA_DIST += tests/tui_lessons_ml.sh

# Korean in the TUI: translated bars and titles, the lessons of lessons/ko/,
# English where a twin is missing (said so), within the screen at 80x24 and
# 120x40
TESTS += tests/tui_korean.sh
EXTRA_DIST += tests/tui_korean.sh

# issue 18: datasets in LATENTLAB_PATH/data and the user's folder, lessons
# in $XDG_DATA_HOME/latentlab/lessons (also in the browser), the config
# file, and `help ALGO` for every algorithm
check_PROGRAMS += tests/test_algo_help
tests_test_algo_help_SOURCES = tests/test_algo_help.c
tests_test_algo_help_LDADD = $(LAB_LIBS)
TESTS += tests/test_algo_help tests/help_algo.sh tests/search_paths.sh tests/config_file.sh \
	tests/tui_user_lessons.sh
EXTRA_DIST += tests/help_algo.sh tests/search_paths.sh tests/config_file.sh \
	tests/tui_user_lessons.sh

# issue 18: `latentlab download` against a file:// zip made from the bundled
# ml-latest-small, and with no network (loopback); SHA-256 against sha256sum
check_PROGRAMS += tests/test_sha256
tests_test_sha256_SOURCES = tests/test_sha256.c src/cli/sha256.c src/cli/sha256.h
TESTS += tests/test_sha256 tests/download.sh
EXTRA_DIST += tests/download.sh

# the batch subcommands' text and --help within 80 terminal columns, in
# English and Korean (compare's settings, quantize's table, eval --full)
TESTS += tests/cli_widths.sh
EXTRA_DIST += tests/cli_widths.sh
