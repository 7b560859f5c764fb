/* cmd_download.c: `latentlab download NAME`: a MovieLens release from
 * GroupLens into the user's folder, where dataset words find it (lab/paths.h).
 *
 * All or nothing: the zip goes into a hidden temporary folder beside the
 * destination, is checked against its SHA-256, unpacked there, and only
 * then renamed into place in one step; any failure (no network, a wrong
 * sum, a damaged zip, Ctrl-C) removes the temporary folder, so no partial
 * release is ever left where `load NAME` would find it. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/fetch.h"
#include "cli/format.h"
#include "cli/sha256.h"
#include "cli/unzip.h"
#include "engine/core/intl.h"
#include "engine/core/strf.h"
#include "lab/dataset.h"
#include "lab/paths.h"

int cli_download(int argc, char **argv);

#define GROUPLENS "https://files.grouplens.org/datasets/movielens/"
/* A release of unknown size (a --sha256 of the user's) is bounded anyway. */
#define MAX_ZIP ((long long)4 << 30)

static void usage(FILE *to)
{
	/* Wrapped at 80 columns (fmt_wrap_hang): the mirror's URL is long. */
	char *text = NULL;
	size_t text_n = 0;
	FILE *out = open_memstream(&text, &text_n);
	if (!out)
		return;
	int n;
	const dataset_release *r = dataset_releases(&n);
	fprintf(out, _("Usage: latentlab download [OPTION]... NAME\n"
		       "Fetch a MovieLens release from GroupLens, check its SHA-256 and unpack it\n"
		       "into $XDG_DATA_HOME/latentlab/NAME (default ~/.local/share/latentlab/NAME),\n"
		       "where 'load NAME' and --data NAME find it without LATENTLAB_DATA.\n"
		       "\n"
		       "NAME is one of:"));
	for (int i = 0; i < n; i++)
		fprintf(out, " %s%s", r[i].name, i + 1 < n ? "," : "\n");
	fprintf(out, _("\n"
		       "Options:\n"
		       "  -u, --url URL      fetch from URL instead of\n"
		       "                     %sNAME.zip (a mirror, or\n"
		       "                     file:///PATH of a zip on this machine)\n"
		       "  -z, --zip FILE     unpack a zip downloaded by hand: no network needed\n"
		       "      --sha256 HEX   the SHA-256 the zip must have, instead of the known one\n"
		       "  -q, --quiet        no progress line\n"
		       "  -h, --help         display this help and exit\n"
		       "  -V, --version      output version information and exit\n"
		       "\n"
		       "The known sizes and SHA-256 sums of the zips are listed in the source\n"
		       "(src/lab/dataset.c) with where they come from: GroupLens publishes an MD5\n"
		       "beside each zip, TensorFlow Datasets recorded the SHA-256 of the same files.\n"
		       "A zip whose sum differs is refused and nothing is unpacked. The progress\n"
		       "line goes to standard error.\n"
		       "\n"
		       "MovieLens is GroupLens's: read the README.txt of a release for its terms\n"
		       "of use, which forbid redistributing it.\n"
		       "\n"),
		GROUPLENS);
	if (fetch_built())
		fprintf(out, _("This latentlab fetches with libcurl and unpacks with %s.\n"),
			unzip_method());
	else
		fprintf(out, _("This latentlab was built without libcurl: it only unpacks a zip given\n"
			       "with --zip, with %s.\n"), unzip_method());
	fclose(out);
	fmt_wrap_hang(to, text, FMT_WIDTH);
	free(text);
}

typedef struct dopts {
	const char *url, *zip, *sha256;
	int quiet;
} dopts;

static int is_hex64(const char *s)
{
	size_t n = strlen(s);
	return n == 64 && strspn(s, "0123456789abcdefABCDEF") == 64;
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	dopts *o = ctx;
	if (!strcmp(name, "url"))
		o->url = v;
	else if (!strcmp(name, "zip"))
		o->zip = v;
	else if (!strcmp(name, "quiet"))
		o->quiet = 1;
	else if (!is_hex64(v))
		return cli_usage_error("download", "--sha256 takes 64 hex digits, not '%s'", v);
	else
		o->sha256 = v;
	return 0;
}

static const cli_opt download_opts[] = {
	{ "url", 'u', "URL" }, { "zip", 'z', "FILE" }, { "sha256", 0, "HEX" }, { "quiet", 'q', NULL },
	{ NULL, 0, NULL },
};

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

/* Remove a folder and all it holds (never following a link). */
static void rm_tree(const char *dir)
{
	if (dir)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Each temporary folder is named .download-NAME-PID-XXXXXX; one whose
 * process is gone (a download that was killed) is removed. */
static void remove_stale(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	char prefix[96];
	snprintf(prefix, sizeof prefix, ".download-%s-", name);
	size_t pl = strlen(prefix);
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, pl) != 0)
			continue;
		long pid = strtol(de->d_name + pl, NULL, 10);
		if (pid > 0 && pid <= INT_MAX && kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
			char *p = ll_strf("%s/%s", dir, de->d_name);
			rm_tree(p);
			free(p);
		}
	}
	closedir(d);
}

static int mkdir_p(const char *path)
{
	char *p = ll_strf("%s", path);
	if (!p)
		return -1;
	int rc = 0;
	for (char *s = p + 1; *s && rc == 0; s++)
		if (*s == '/') {
			*s = '\0';
			rc = mkdir(p, 0700) < 0 && errno != EEXIST ? -1 : 0;
			*s = '/';
		}
	if (rc == 0)
		rc = mkdir(p, 0700) < 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

/* Copy a zip brought by hand into out, summing it; 0 or -1 with why. */
static int copy_zip(const char *path, FILE *out, sha256 *sum, long long max, long long *got,
		    char *why, size_t whylen)
{
	FILE *in = fopen(path, "rb");
	struct stat st;
	if (!in || fstat(fileno(in), &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "%s: %s", path, in ? _("not a regular file") : strerror(errno));
		if (in)
			fclose(in);
		return -1;
	}
	char buf[1 << 16];
	size_t n;
	*got = 0;
	int rc = 0;
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0) {
		*got += (long long)n;
		if (*got > max) {
			snprintf(why, whylen, _("%s: more than %lld bytes: not the release expected"),
				 path, max);
			rc = -1;
		} else if (fwrite(buf, 1, n, out) != n) {
			snprintf(why, whylen, "%s", _("cannot write the copy (is the disk full?)"));
			rc = -1;
		} else {
			sha256_update(sum, buf, n);
		}
	}
	if (rc == 0 && ferror(in)) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	fclose(in);
	return rc;
}

/* What to do without a network (exit 1). */
static void say_offline(const char *name, const char *url, const char *why)
{
	fprintf(stderr, _("latentlab download: cannot reach %s: %s\n"), url, why);
	fprintf(stderr,
		_("This machine seems to have no connection to the internet. On one that\n"
		  "has, download %s, bring the file here and run\n"
		  "  latentlab download --zip FILE %s\n"
		  "or unzip it into a folder and set LATENTLAB_DATA to that folder.\n"),
		url, name);
}

int cli_download(int argc, char **argv)
{
	dopts o = { NULL, NULL, NULL, 0 };
	cli_spec spec = { "download", download_opts, usage, on_opt, &o };
	int first, rc = cli_parse(&spec, argc, argv, &first);
	if (rc != CLI_GO)
		return rc;
	if (first >= argc)
		return cli_usage_error("download", "%s", "which release? (ml-100k, ml-1m, "
				       "ml-latest-small or ml-25m)");
	if (argc - first > 1)
		return cli_usage_error("download", "one release at a time, not '%s' too", argv[first + 1]);
	if (o.url && o.zip)
		return cli_usage_error("download", "%s", "--url or --zip, not both");
	const char *name = argv[first];
	const dataset_release *rel = dataset_release_find(name);
	if (!rel)
		return cli_usage_error("download", "no release '%s' (ml-100k, ml-1m, ml-latest-small "
				       "or ml-25m)", name);
	char want[65];
	snprintf(want, sizeof want, "%s", o.sha256 ? o.sha256 : rel->sha256 ? rel->sha256 : "");
	for (char *p = want; *p; p++)
		*p = *p >= 'A' && *p <= 'F' ? (char)(*p - 'A' + 'a') : *p;
	if (!want[0]) {
		fprintf(stderr, _("latentlab download: no SHA-256 is known for %s: give the one "
				  "you trust with --sha256=HEX\n"), name);
		return CLI_FAIL;
	}

	char *user = paths_user_dir();
	if (!user) {
		fprintf(stderr, "%s", _("latentlab download: no folder to unpack into (set HOME or "
					"XDG_DATA_HOME)\n"));
		return CLI_FAIL;
	}
	char real[PATH_MAX];
	if (mkdir_p(user) < 0 || !realpath(user, real)) {
		fprintf(stderr, "latentlab download: %s: %s\n", user, strerror(errno));
		free(user);
		return CLI_FAIL;
	}
	free(user);
	char *dest = ll_strf("%s/%s", real, name);
	struct stat st;
	if (!dest) {
		fprintf(stderr, "%s", _("latentlab download: out of memory\n"));
		return CLI_FAIL;
	}
	if (lstat(dest, &st) == 0) {
		printf(_("%s is already in %s (remove that folder to download it again).\n"), name,
		       dest);
		free(dest);
		return CLI_OK;
	}
	remove_stale(real, name);
	char *tmp = ll_strf("%s/.download-%s-%ld-XXXXXX", real, name, (long)getpid());
	if (!tmp || !mkdtemp(tmp)) {
		fprintf(stderr, "latentlab download: %s: %s\n", real, strerror(errno));
		free(tmp), free(dest);
		return CLI_FAIL;
	}
	char *zip = ll_strf("%s/%s.zip", tmp, name);
	char *unpacked = ll_strf("%s/unpacked", tmp);
	char *url = o.url ? ll_strf("%s", o.url) : ll_strf("%s%s.zip", GROUPLENS, name);
	char *label = ll_strf("%s.zip", name);
	FILE *out = zip ? fopen(zip, "wb") : NULL;
	int status = CLI_FAIL;
	char why[512] = "";
	sha256 sum;
	sha256_init(&sum);
	long long max = o.sha256 || !rel->size ? MAX_ZIP : rel->size;
	long long got = 0;
	cli_catch_sigint();
	if (!out || !unpacked || !url || !label) {
		fprintf(stderr, "latentlab download: %s: %s\n", tmp, out ? _("out of memory") : strerror(errno));
		goto done;
	}
	if (o.zip) {
		if (copy_zip(o.zip, out, &sum, max, &got, why, sizeof why) < 0) {
			fprintf(stderr, "latentlab download: %s\n", why);
			goto done;
		}
	} else {
		fetch_job j = { url, label, o.sha256 ? 0 : rel->size, max, o.quiet, out, &sum, 0, "" };
		fetch_status fs = fetch_run(&j);
		got = j.got;
		if (fs == FETCH_INTERRUPTED) {
			fprintf(stderr, "%s", _("latentlab download: interrupted; nothing was kept\n"));
			status = CLI_INTERRUPTED;
			goto done;
		}
		if (fs == FETCH_NO_NETWORK) {
			say_offline(name, url, j.why);
			goto done;
		}
		if (fs != FETCH_OK) {
			fprintf(stderr, _("latentlab download: %s: %s\n"), url, j.why);
			if (fs == FETCH_NOT_BUILT)
				fprintf(stderr, _("Without libcurl, download %s%s.zip by hand and run\n"
						  "  latentlab download --zip FILE %s\n"),
					GROUPLENS, name, name);
			goto done;
		}
	}
	if (fclose(out) != 0) {
		out = NULL;
		fprintf(stderr, "latentlab download: %s: %s\n", zip, strerror(errno));
		goto done;
	}
	out = NULL;
	char hex[65];
	sha256_hex(&sum, hex);
	if (strcmp(hex, want) != 0) {
		fprintf(stderr,
			_("latentlab download: %s is not the release expected: its SHA-256 is\n"
			  "  %s (%lld bytes), not\n"
			  "  %s%s\n"
			  "Nothing was unpacked. If GroupLens has replaced the release and you trust\n"
			  "the new file, give its sum with --sha256=HEX.\n"),
			label, hex, got, want, o.sha256 ? "" : _(" (the known sum)"));
		goto done;
	}
	if (mkdir(unpacked, 0700) < 0) {
		fprintf(stderr, "latentlab download: %s: %s\n", unpacked, strerror(errno));
		goto done;
	}
	long files = unzip_into(zip, unpacked, why, sizeof why);
	if (files < 0) {
		fprintf(stderr, _("latentlab download: cannot unpack %s: %s\n"), label, why);
		goto done;
	}
	if (cli_interrupted) {
		fprintf(stderr, "%s", _("latentlab download: interrupted; nothing was kept\n"));
		status = CLI_INTERRUPTED;
		goto done;
	}
	/* The zips of GroupLens hold one folder named as the release. */
	char *top = ll_strf("%s/%s", unpacked, name);
	if (!top || lstat(top, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("latentlab download: %s holds no folder %s/: not a MovieLens "
				  "release\n"), label, name);
		free(top);
		goto done;
	}
	/* The one step that makes the release visible. */
	if (rename(top, dest) < 0) {
		fprintf(stderr, "latentlab download: %s: %s\n", dest, strerror(errno));
		free(top);
		goto done;
	}
	free(top);
	printf(_("%s: %ld files in %s (SHA-256 checked). Try: latentlab stats --data %s\n"), name,
	       files, dest, name);
	status = CLI_OK;
done:
	cli_release_sigint();
	if (out)
		fclose(out);
	rm_tree(tmp);
	free(tmp), free(zip), free(unpacked), free(url), free(label), free(dest);
	return status;
}
