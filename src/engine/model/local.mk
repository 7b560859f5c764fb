## engine/model: the interface every model implements, the baselines and
## the metrics that take a model. Depends on data and core.
libengine_a_SOURCES += \
	src/engine/model/model.c src/engine/model/model_file.c src/engine/model/model.h src/engine/model/model_impl.h \
	src/engine/model/baseline.c src/engine/model/baseline.h \
	src/engine/model/metrics.c src/engine/model/metrics.h
