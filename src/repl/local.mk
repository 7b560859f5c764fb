## repl: the Readline front end (`latentlab repl`), and the completion glue.
latentlab_SOURCES += \
	src/repl/repl.c src/repl/repl.h src/repl/repl_rl.c
