## engine/eval: the evaluation driver (split, fit by name, measure). It is
## the one engine folder above algo.c. Depends on algo and below.
libengine_a_SOURCES += src/engine/eval/eval.c src/engine/eval/eval.h
