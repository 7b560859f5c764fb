/* fuzz_lesson.c: the lesson parser and checker on any text (nothing runs:
 * lesson_check does no heavy work), and the command-script checker. */
#include "fuzz_common.h"

#include "lab/lesson/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size);
	ll_error err;
	lesson *l = lesson_parse("fuzz.lesson", text, &err);
	if (l) {
		lesson_check(l, &err);
		for (int i = 0; i < lesson_n_steps(l); i++)
			for (int j = 0; j < lesson_step_n_items(l, i); j++) {
				char *p = lesson_plain(lesson_step_item(l, i, j)->text);
				free(p);
			}
		lesson_free(&l);
	}
	free(text);
	/* The same bytes as a script file (NUL bytes included). */
	lesson_check_script(fuzz_write("script.lab", data, size), &err);
	return 0;
}
