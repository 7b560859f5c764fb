/* fuzz_format.c: the number formatter of {{ expr | FORMAT }} and `set
 * format=`: any format string with any value, bounded in time and memory. */
#include "fuzz_common.h"

#include <math.h>

#include "lab/lab.h"
#include "lab/lab_impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 8)
		return 0;
	double v;
	memcpy(&v, data, sizeof v);
	char *fmt = fuzz_str(data + 8, size - 8);
	char buf[128];
	if (lab_format_num(buf, sizeof buf, fmt, v) == 0 && strlen(buf) >= sizeof buf)
		abort();
	static const double probes[] = { 0, -1, 1e300, -1e300, 9.3e18, NAN, INFINITY, 4294967298.0 };
	for (size_t i = 0; i < sizeof probes / sizeof *probes; i++)
		lab_format_num(buf, sizeof buf, fmt, probes[i]);
	free(fmt);
	return 0;
}
