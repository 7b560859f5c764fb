/* diverge.c: what a training that failed leaves for a lesson (see
 * lab_impl.h). The engine stops a diverging model with a message that names
 * the setting and the value to try ("... the learning rate lr=0.05 is too
 * large; try lr=0.005") and keeps the last sane epoch. The epoch comes from
 * the model; the values from the message's SETTING=VALUE words, which stay
 * ASCII in every translation. Nothing here computes a number. */
#include "lab/lab_impl.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The value after the n-th (0-based) "key=" of msg, a word on its own, or NAN. */
static double nth_value(const char *msg, const char *key, int n)
{
	size_t kl = strlen(key);
	for (const char *p = msg; (p = strstr(p, key)) != NULL; p += kl) {
		if ((p > msg && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) || p[kl] != '=')
			continue;
		char *end;
		double v = strtod(p + kl + 1, &end);
		if (end == p + kl + 1)
			continue;
		if (n-- == 0)
			return v;
	}
	return NAN;
}

int lab_note_divergence(lab *l, const model *m, const char *msg)
{
	/* A fit that fails once the model is made is a divergence when the
	 * message names the learning rate it used. */
	double lr = nth_value(msg, "lr", 0), next = nth_value(msg, "lr", 1);
	int diverged = isfinite(lr) || strstr(msg, "diverg") != NULL;
	lab_last_num(l, "diverged", diverged);
	if (!diverged)
		return 0;
	lab_last_num(l, "diverged_epoch", model_epochs_done(m) + 1);
	if (isfinite(lr))
		lab_last_num(l, "lr", lr);
	if (isfinite(next))
		lab_last_num(l, "suggested_lr", next);
	return 1;
}
