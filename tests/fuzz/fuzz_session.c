/* fuzz_session.c: the session reader (and the model reader inside it) on
 * any bytes; whatever opens must then predict and recommend without
 * reading out of bounds. */
#include "fuzz_common.h"

#include "lab/lab.h"

static lab *L;

static void exec(const char *line)
{
	view *v = NULL;
	ll_error err;
	lab_exec(L, line, &v, &err);
	view_free(&v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!L) {
		setenv("LATENTLAB_PATH", LATENTLAB_ABS_SRCDIR, 1);
		L = lab_new();
	}
	const char *path = fuzz_write("s.lab", data, size);
	char line[300];
	snprintf(line, sizeof line, "open %s", path);
	view *v = NULL;
	ll_error err;
	if (lab_exec(L, line, &v, &err) == 0) {
		view_free(&v);
		exec("models");
		exec("predict Minsu Avengers");
		exec("predict Cheolsu \"Iron Man\"");
		exec("recommend Minsu n=3");
		exec("similar Minsu n=3");
		exec("vector Minsu");
		exec("eval rmse");
	}
	exec("reset");
	return 0;
}
