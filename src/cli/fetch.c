/* fetch.c: libcurl's easy interface for `latentlab download` (fetch.h).
 * Built without libcurl, fetch_run says so and the command takes --zip. */
#include <config.h>

#include "cli/fetch.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "engine/core/clock.h"
#include "engine/core/intl.h"

#if HAVE_LIBCURL
#include <curl/curl.h>

int fetch_built(void) { return 1; }

typedef struct progress {
	fetch_job *job;
	int tty;
	double t0, shown;
	int failed_write, too_large;
} progress;

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	progress *pr = ctx;
	fetch_job *j = pr->job;
	size_t len = size * n;
	if (j->got + (long long)len > j->max) {
		pr->too_large = 1;
		return 0; /* libcurl stops with CURLE_WRITE_ERROR */
	}
	if (fwrite(p, 1, len, j->out) != len) {
		pr->failed_write = 1;
		return 0;
	}
	sha256_update(j->sum, p, len);
	j->got += (long long)len;
	return len;
}

/* "980.2 kB", "4.9 MB" */
static void human(double bytes, char *buf, size_t size)
{
	if (bytes < 1e6)
		snprintf(buf, size, "%.1f kB", bytes / 1e3);
	else
		snprintf(buf, size, "%.1f MB", bytes / 1e6);
}

static void show(progress *pr, int last)
{
	fetch_job *j = pr->job;
	double now = ll_now();
	if (j->quiet || (!last && (!pr->tty || now - pr->shown < 0.1)))
		return;
	pr->shown = now;
	double secs = now - pr->t0;
	char got[32], total[32], rate[32];
	human((double)j->got, got, sizeof got);
	human((double)j->expect, total, sizeof total);
	human(secs > 0 ? (double)j->got / secs : 0, rate, sizeof rate);
	if (pr->tty)
		fputc('\r', stderr);
	if (j->expect > 0)
		fprintf(stderr, _("%s: %s of %s (%.0f%%), %s/s   "), j->label, got, total,
			100.0 * (double)j->got / (double)j->expect, rate);
	else
		fprintf(stderr, _("%s: %s, %s/s   "), j->label, got, rate);
	if (last || !pr->tty)
		fputc('\n', stderr);
	fflush(stderr);
}

static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ut, curl_off_t un)
{
	(void)dlnow, (void)ut, (void)un;
	progress *pr = ctx;
	if (pr->job->expect <= 0 && dltotal > 0)
		pr->job->expect = (long long)dltotal;
	show(pr, 0);
	return cli_interrupted ? 1 : 0; /* non-zero aborts the transfer */
}

fetch_status fetch_run(fetch_job *j)
{
	j->got = 0;
	j->why[0] = '\0';
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(j->why, sizeof j->why, "%s", _("libcurl could not start"));
		return FETCH_FAILED;
	}
	CURL *c = curl_easy_init();
	if (!c) {
		curl_global_cleanup();
		snprintf(j->why, sizeof j->why, "%s", _("libcurl could not start"));
		return FETCH_FAILED;
	}
	progress pr = { j, isatty(STDERR_FILENO), ll_now(), 0, 0, 0 };
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, j->url);
	/* GroupLens over https, a mirror, or a local file:// (tests, a zip
	 * brought by hand); a redirect never leads to a local file. */
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	/* A stalled transfer (under 1 byte/s for a minute) ends. */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &pr);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, &pr);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	CURLcode rc = curl_easy_perform(c);
	fetch_status st = FETCH_OK;
	if (rc == CURLE_OK) {
		show(&pr, 1);
	} else if (rc == CURLE_ABORTED_BY_CALLBACK || cli_interrupted) {
		st = FETCH_INTERRUPTED;
	} else if (pr.too_large) {
		snprintf(j->why, sizeof j->why, _("more than %lld bytes: not the release expected"),
			 j->max);
		st = FETCH_FAILED;
	} else if (pr.failed_write) {
		snprintf(j->why, sizeof j->why, "%s", _("cannot write the download (is the disk full?)"));
		st = FETCH_FAILED;
	} else {
		snprintf(j->why, sizeof j->why, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
		st = rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY ||
				     rc == CURLE_COULDNT_CONNECT || rc == CURLE_OPERATION_TIMEDOUT
			     ? FETCH_NO_NETWORK
			     : FETCH_FAILED;
	}
	if (st != FETCH_OK && pr.tty && !j->quiet && j->got)
		fputc('\n', stderr);
	curl_easy_cleanup(c);
	curl_global_cleanup();
	return st;
}

#else /* !HAVE_LIBCURL */

int fetch_built(void) { return 0; }

fetch_status fetch_run(fetch_job *j)
{
	j->got = 0;
	snprintf(j->why, sizeof j->why, "%s",
		 _("this latentlab was built without libcurl (install the Debian package "
		   "libcurl4-openssl-dev and run configure again)"));
	return FETCH_NOT_BUILT;
}
#endif
