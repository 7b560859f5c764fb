## engine/neighbours: similarity matrices and the KNN models (memory-based
## CF). Depends on model.
libengine_a_SOURCES += \
	src/engine/neighbours/sim.c src/engine/neighbours/sim.h \
	src/engine/neighbours/knn.c src/engine/neighbours/knn.h src/engine/neighbours/knn_impl.h \
	src/engine/neighbours/knn_file.c
